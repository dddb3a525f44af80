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

# isort: skip_file
# One import per public name, read by kzlib.lazy.attach_imports at run time (the names
# load lazily) and by mypy; ``as`` marks each as this package's export.
from typing import TYPE_CHECKING

from kzlib.deprecation import install as _install_moved_paths
from kzlib.lazy import attach_imports

__version__ = "0.2.0"

if TYPE_CHECKING:  # pragma: no cover
    from kzlib.claims.extract import extract_claims as extract_claims
    from kzlib.claims.links import link_claims as link_claims
    from kzlib.corpus.document import Corpus as Corpus
    from kzlib.corpus.document import Document as Document
    from kzlib.corpus.document import load_corpus as load_corpus
    from kzlib.corpus.segment import paragraphs_frame as paragraphs_frame
    from kzlib.corpus.segment import sentences_frame as sentences_frame
    from kzlib.corpus.sentences import split_sentences as split_sentences
    from kzlib.errors import InputError as InputError
    from kzlib.report.runner import report as run_report  # noqa: F401 (another name)
    from kzlib.rhetoric.profile import measures as measure_rhetoric  # noqa: F401 (another name)
    from kzlib.topics.model import fit_topics as fit_topics

__getattr__, __dir__, __all__ = attach_imports(__name__, __file__)
__all__ = ["__version__", *__all__]
_install_moved_paths()
