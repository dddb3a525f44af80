"""kzlib: load, clean and analyse English articles on Kazakhstan's foreign policy.

The data flow is one way: :func:`load_corpus` reads articles into
:class:`Document` records (raw text, metadata with provenance, cleaned text
with an audit trail); :mod:`kzlib.segment` cuts them into paragraphs and
sentences with offsets; the analyses (:mod:`kzlib.topics`,
:mod:`kzlib.rhetoric`, :mod:`kzlib.claims`) are pure functions of those
tables that return DataFrames.

Examples
--------
>>> import kzlib
>>> corpus = kzlib.load_corpus()
>>> kzlib.split_sentences("Mr. Tokayev spoke. He left.")
['Mr. Tokayev spoke.', 'He left.']
"""

from __future__ import annotations

__version__ = "0.1.0"

from kzlib.corpus import Corpus, Document, load_corpus
from kzlib.errors import InputError
from kzlib.segment import paragraphs_frame, sentences_frame
from kzlib.sentences import split_sentences

__all__ = [
    "Corpus",
    "Document",
    "InputError",
    "__version__",
    "load_corpus",
    "paragraphs_frame",
    "sentences_frame",
    "split_sentences",
]
