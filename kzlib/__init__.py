"""kzlib: load, clean and analyse English articles on Kazakhstan's foreign policy.

The package follows the data flow, one way, one package per stage::

    kzlib.corpus     load (folder, manifest, .parquet, .jsonl) -> clean -> segment
    kzlib.topics     topic models of the sentence table
    kzlib.rhetoric   lexicon rates with intervals, keyness, similarity, actors
    kzlib.claims     the claim inventory and links between articles
    kzlib.pipeline   the engine that runs the stages over batches (in-process or Dask)
    kzlib.report     papermill + nbconvert: the notebooks as an HTML report

The names a notebook author needs are here at the top:

=====================  ====================================================
``load_corpus``        a folder of articles as a :class:`Corpus`
``sentences_frame``    the sentence table every analysis consumes
``paragraphs_frame``   the paragraph table
``split_sentences``    a text's sentences
``fit_topics``         NMF/LDA topics with coherence and stability
``measure_rhetoric``   rhetoric measures with 95% intervals (``rhetoric.measures``)
``extract_claims``     the claim inventory
``link_claims``        claims of different articles that report the same thing
``run_report``         execute the notebooks and write the HTML report
``InputError``         the one-line error raised for bad input
=====================  ====================================================

Names load on first use (:mod:`kzlib.lazy`), so ``import kzlib`` and the ``kzlib``
command start without pandas. Import paths of kzlib 0.1 (``kzlib.clean``,
``kzlib.plots``, ...) still work with a DeprecationWarning (:mod:`kzlib.deprecation`).

Examples
--------
>>> import kzlib
>>> corpus = kzlib.load_corpus()
>>> kzlib.split_sentences("Mr. Tokayev spoke. He left.")
['Mr. Tokayev spoke.', 'He left.']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzlib.deprecation import install as _install_moved_paths
from kzlib.lazy import attach

__version__ = "0.2.0"

if TYPE_CHECKING:  # pragma: no cover
    from kzlib.claims.extract import extract_claims
    from kzlib.claims.links import link_claims
    from kzlib.corpus.document import Corpus, Document, load_corpus
    from kzlib.corpus.segment import paragraphs_frame, sentences_frame
    from kzlib.corpus.sentences import split_sentences
    from kzlib.errors import InputError
    from kzlib.report.runner import report as run_report
    from kzlib.rhetoric.profile import measures as measure_rhetoric
    from kzlib.topics.model import fit_topics

#: Public name -> module that defines it ("module:attribute" for another name).
_NAMES: dict[str, str] = {
    "Corpus": "kzlib.corpus.document",
    "Document": "kzlib.corpus.document",
    "InputError": "kzlib.errors",
    "extract_claims": "kzlib.claims.extract",
    "fit_topics": "kzlib.topics.model",
    "link_claims": "kzlib.claims.links",
    "load_corpus": "kzlib.corpus.document",
    "measure_rhetoric": "kzlib.rhetoric.profile:measures",
    "paragraphs_frame": "kzlib.corpus.segment",
    "run_report": "kzlib.report.runner:report",
    "sentences_frame": "kzlib.corpus.segment",
    "split_sentences": "kzlib.corpus.sentences",
}

__all__ = [
    "Corpus",
    "Document",
    "InputError",
    "__version__",
    "extract_claims",
    "fit_topics",
    "link_claims",
    "load_corpus",
    "measure_rhetoric",
    "paragraphs_frame",
    "run_report",
    "sentences_frame",
    "split_sentences",
]

__getattr__, __dir__ = attach(__name__, _NAMES)
_install_moved_paths()
