"""Topic models of the sentence table: NMF or LDA, k by NPMI coherence, stability.

Modules, in the order of a fit: ``units`` (passages to model), ``estimator`` (NMF/LDA,
term counting), ``coherence`` (NPMI, picks k), ``stability`` (refits on subsamples),
``labels`` (labels and exemplar sentences), ``model`` (:class:`TopicModel`,
:func:`fit_topics` as a sequence of these steps, :func:`topic_tables`), ``plots``.
Tokens and stop words come from :mod:`kzlib.text`.

Public names load on first use (:mod:`kzlib.lazy`).

Examples
--------
>>> from kzlib.topics import fit_topics
>>> callable(fit_topics)
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzlib.lazy import attach

if TYPE_CHECKING:  # pragma: no cover
    from kzlib.text import STOPWORDS_FILE, load_stopwords
    from kzlib.text import topic_tokens as tokenize
    from kzlib.topics.coherence import npmi_coherence
    from kzlib.topics.estimator import METHODS
    from kzlib.topics.groups import group_topic_shares
    from kzlib.topics.model import TopicModel, fit_topics, topic_tables
    from kzlib.topics.plots import (
        plot_topic_coherence,
        plot_topic_heatmap,
        plot_topic_stability,
        plot_topic_terms,
    )
    from kzlib.topics.stream import StreamedTopics, stream_topics
    from kzlib.topics.units import UNIT_COLUMNS, UNITS, make_units

_NAMES: dict[str, str] = {
    "METHODS": "kzlib.topics.estimator",
    "STOPWORDS_FILE": "kzlib.text",
    "StreamedTopics": "kzlib.topics.stream",
    "TopicModel": "kzlib.topics.model",
    "UNITS": "kzlib.topics.units",
    "UNIT_COLUMNS": "kzlib.topics.units",
    "fit_topics": "kzlib.topics.model",
    "group_topic_shares": "kzlib.topics.groups",
    "load_stopwords": "kzlib.text",
    "make_units": "kzlib.topics.units",
    "npmi_coherence": "kzlib.topics.coherence",
    "plot_topic_coherence": "kzlib.topics.plots",
    "plot_topic_heatmap": "kzlib.topics.plots",
    "plot_topic_stability": "kzlib.topics.plots",
    "plot_topic_terms": "kzlib.topics.plots",
    "stream_topics": "kzlib.topics.stream",
    "tokenize": "kzlib.text:topic_tokens",
    "topic_tables": "kzlib.topics.model",
}

__all__ = [
    "METHODS",
    "STOPWORDS_FILE",
    "UNITS",
    "UNIT_COLUMNS",
    "StreamedTopics",
    "TopicModel",
    "fit_topics",
    "group_topic_shares",
    "load_stopwords",
    "make_units",
    "npmi_coherence",
    "plot_topic_coherence",
    "plot_topic_heatmap",
    "plot_topic_stability",
    "plot_topic_terms",
    "stream_topics",
    "tokenize",
    "topic_tables",
]

__getattr__, __dir__ = attach(__name__, _NAMES)
