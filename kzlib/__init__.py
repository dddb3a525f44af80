"""kzlib: load, clean and analyse English articles on Kazakhstan's foreign policy.

The data flow is one way: :func:`load_corpus` reads articles into
:class:`Document` records (raw text, metadata with provenance, cleaned text
with an audit trail); :mod:`kzlib.segment` cuts them into paragraphs and
sentences with offsets; the analyses (:mod:`kzlib.topics`,
:mod:`kzlib.rhetoric`, :mod:`kzlib.claims`) are pure functions of those
tables that return DataFrames.

The names below are imported on first use, so ``import kzlib`` (and the
``kzlib`` command's start-up) does not pay for pandas until it is needed.

Examples
--------
>>> import kzlib
>>> corpus = kzlib.load_corpus()
>>> kzlib.split_sentences("Mr. Tokayev spoke. He left.")
['Mr. Tokayev spoke.', 'He left.']
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from kzlib.corpus import Corpus, Document, load_corpus
    from kzlib.errors import InputError
    from kzlib.segment import paragraphs_frame, sentences_frame
    from kzlib.sentences import split_sentences

#: Public name -> module that defines it.
_LAZY: dict[str, str] = {
    "Corpus": "kzlib.corpus",
    "Document": "kzlib.corpus",
    "load_corpus": "kzlib.corpus",
    "InputError": "kzlib.errors",
    "paragraphs_frame": "kzlib.segment",
    "sentences_frame": "kzlib.segment",
    "split_sentences": "kzlib.sentences",
}

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


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kzlib' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
