"""The words of each article as bags: lower-cased tokens, stop words, a count matrix.

Shared by keyness (:mod:`kzlib.rhetoric.keywords`) and similarity
(:mod:`kzlib.rhetoric.tfidf`): body sentences only, numbers left out,
possessive 's dropped ("Kazakhstan's" counts as "kazakhstan"), "per cent" as "percent".

Examples
--------
>>> s = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "text": ["Kazakhstan's 2 per cent."]})
>>> _doc_terms(s)
(['a'], [['kazakhstan', 'percent']])
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any, Literal

import numpy as np
import pandas as pd

from kzlib.errors import InputError
from kzlib.rhetoric.analysis import _body
from kzlib.text import WORD_TOKEN_RE as _TOKEN_RE
from kzlib.text import english_stop_words

__all__ = []

#: "per cent" is one word ("percent"), so "cent" is never a keyword of British spelling.
_PER_CENT = re.compile(r"\bper[\s-]+cent\b", re.IGNORECASE)


def _stop_set(stop_words: Literal["english"] | Collection[str] | None) -> frozenset[str]:
    if stop_words is None:
        return frozenset()
    if isinstance(stop_words, str):
        if stop_words != "english":
            raise InputError(
                f"stop_words={stop_words!r}: use 'english', a collection of words or None"
            )
        return english_stop_words()
    return frozenset(w.lower() for w in stop_words)


def _doc_terms(
    sentences: pd.DataFrame, *, boilerplate: bool = False
) -> tuple[list[str], list[list[str]]]:
    """Lower-cased word tokens with a letter, possessive 's dropped, per article (body).

    ``boilerplate=True`` counts only :func:`kzlib.corpus.without_boilerplate` (every
    article keeps its place, with no words if all of it is boilerplate).
    """
    body, doc_ids = _body(sentences)
    if boilerplate:
        from kzlib.corpus.boilerplate import without_boilerplate

        body = without_boilerplate(body)
    grouped = body.groupby("doc_id", sort=True)["text"].agg(" ".join)
    docs = []
    for d in doc_ids:
        text = grouped.get(d, "")
        docs.append(_terms(_PER_CENT.sub("percent", text)))
    return doc_ids, docs


def _terms(text: str) -> list[str]:
    """Lower-cased word tokens of ``text``, possessive 's dropped, numbers left out.

    Plain string checks per token, not a regex substitution per token (which
    took a fifth of keyness on 1,000 speeches).
    """
    return [
        low[:-2] if low.endswith(("'s", "’s")) else low
        for t in _TOKEN_RE.findall(text)
        if not t.replace(".", "").isdigit()
        for low in (t.lower(),)
    ]


def _count_matrix(docs: list[list[str]]) -> tuple[np.ndarray, Any]:
    """Vocabulary (first-seen order) and a sparse articles x words count matrix."""
    from scipy.sparse import csr_matrix

    flat = pd.Series([t for d in docs for t in d], dtype=object)
    inverse, vocab = pd.factorize(flat)
    rows = np.repeat(np.arange(len(docs)), [len(d) for d in docs])
    counts = csr_matrix(
        (np.ones(len(inverse), dtype=np.int64), (rows, inverse)), shape=(len(docs), len(vocab))
    )
    counts.sum_duplicates()
    return np.asarray(vocab, dtype=object), counts
