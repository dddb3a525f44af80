"""Topic models of the sentence table: NMF or LDA, k by NPMI coherence, stability.

Modules, in the order of a fit: ``units`` (passages to model), ``estimator`` (NMF/LDA,
term counting), ``coherence`` (NPMI, picks k), ``stability`` (refits on subsamples),
``labels`` (labels and exemplar sentences), ``model`` (:class:`TopicModel`,
:func:`fit_topics` as a sequence of these steps, :func:`topic_tables`), ``plots``.
Tokens and stop words come from :mod:`kzlib.text`.

Public names load on first use (:mod:`kzlib.lazy`).

Examples
--------
>>> from kzlib.topics import UNITS
>>> UNITS
('paragraph', 'sentence', 'window')
"""

from __future__ import annotations

# isort: skip_file
# One import per public name, read by kzlib.lazy.attach_imports at run time (the names
# load lazily) and by mypy; ``as`` marks each as this package's export.
from typing import TYPE_CHECKING

from kzlib.lazy import attach_imports

if TYPE_CHECKING:  # pragma: no cover
    from kzlib.text import load_stopwords as load_stopwords
    from kzlib.text import STOPWORDS_FILE as STOPWORDS_FILE
    from kzlib.text import topic_tokens as tokenize  # noqa: F401 (another name)
    from kzlib.topics.coherence import npmi_coherence as npmi_coherence
    from kzlib.topics.estimator import METHODS as METHODS
    from kzlib.topics.groups import group_topic_shares as group_topic_shares
    from kzlib.topics.model import fit_topics as fit_topics
    from kzlib.topics.model import topic_tables as topic_tables
    from kzlib.topics.model import TopicModel as TopicModel
    from kzlib.topics.plots import plot_topic_coherence as plot_topic_coherence
    from kzlib.topics.plots import plot_topic_heatmap as plot_topic_heatmap
    from kzlib.topics.plots import plot_topic_stability as plot_topic_stability
    from kzlib.topics.plots import plot_topic_terms as plot_topic_terms
    from kzlib.topics.stream import stream_topics as stream_topics
    from kzlib.topics.stream import StreamedTopics as StreamedTopics
    from kzlib.topics.units import make_units as make_units
    from kzlib.topics.units import UNIT_COLUMNS as UNIT_COLUMNS
    from kzlib.topics.units import UNITS as UNITS

__getattr__, __dir__, __all__ = attach_imports(__name__, __file__)
