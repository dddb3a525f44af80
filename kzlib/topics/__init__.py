"""Topic models of the sentence table: NMF or LDA, k by NPMI coherence, stability.

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
    from kzlib.topics.model import (
        METHODS,
        STOPWORDS_FILE,
        UNITS,
        TopicModel,
        fit_topics,
        load_stopwords,
        make_units,
        npmi_coherence,
        tokenize,
        topic_tables,
    )
    from kzlib.topics.plots import (
        plot_topic_coherence,
        plot_topic_heatmap,
        plot_topic_stability,
        plot_topic_terms,
    )
    from kzlib.topics.stream import StreamedTopics, stream_topics

_NAMES: dict[str, str] = {
    "METHODS": "kzlib.topics.model",
    "STOPWORDS_FILE": "kzlib.topics.model",
    "StreamedTopics": "kzlib.topics.stream",
    "TopicModel": "kzlib.topics.model",
    "UNITS": "kzlib.topics.model",
    "fit_topics": "kzlib.topics.model",
    "load_stopwords": "kzlib.topics.model",
    "make_units": "kzlib.topics.model",
    "npmi_coherence": "kzlib.topics.model",
    "plot_topic_coherence": "kzlib.topics.plots",
    "plot_topic_heatmap": "kzlib.topics.plots",
    "plot_topic_stability": "kzlib.topics.plots",
    "plot_topic_terms": "kzlib.topics.plots",
    "stream_topics": "kzlib.topics.stream",
    "tokenize": "kzlib.topics.model",
    "topic_tables": "kzlib.topics.model",
}

__all__ = [
    "METHODS",
    "STOPWORDS_FILE",
    "UNITS",
    "StreamedTopics",
    "TopicModel",
    "fit_topics",
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
