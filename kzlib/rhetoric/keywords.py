"""Keywords of each article against the rest of the corpus (log-likelihood keyness).

Two steps, so that a corpus too large to hold gives the same table as one in
memory: :func:`keyness_totals` counts the words of a batch of articles (merged
over batches by :func:`merge_keyness_totals`), and :func:`score_keyness` scores
each article of a batch against those corpus totals; :func:`combine_keyness`
puts the batches' rows in order. :func:`keyness` runs both steps on one table;
:func:`kzlib.pipeline.stream_keyness` runs them batch by batch.

Examples
--------
>>> s = pd.DataFrame({"doc_id": ["a", "b"], "sent_id": [0, 0],
...                   "text": ["judo judo judo sport", "sport rail rail rail"]})
>>> keyness(s, min_count=1)["term"].tolist()
['judo', 'rail']
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from kzlib.checks import check_int
from kzlib.rhetoric.words import _doc_counts, _stop_set

__all__ = [
    "KEYNESS_COLUMNS",
    "WordTotals",
    "combine_keyness",
    "keyness",
    "keyness_totals",
    "merge_keyness_totals",
    "score_keyness",
]

#: Columns of :func:`keyness`.
KEYNESS_COLUMNS: list[str] = [
    "doc_id",
    "rank",
    "term",
    "count",
    "count_rest",
    "per_1k",
    "per_1k_rest",
    "g2",
    "log_ratio",
    "p_value",
]


def keyness(
    sentences: pd.DataFrame,
    *,
    top: int | None = 20,
    min_count: int = 3,
    stop_words: Literal["english"] | Collection[str] | None = "english",
    boilerplate: bool = True,
) -> pd.DataFrame:
    """Keywords of each article against the rest of the corpus.

    For each word and article: ``a`` occurrences in the article (``c`` words
    in all), ``b`` in the other articles (``d`` words). Log-likelihood
    ``G2 = 2 * (a ln(a/E1) + b ln(b/E2))`` with ``E1 = c(a+b)/(c+d)``,
    ``E2 = d(a+b)/(c+d)`` (Rayson & Garside 2000); ``p_value`` from the
    chi-squared distribution with one degree of freedom (3.84 is p = 0.05,
    15.13 is p = 0.0001; with thousands of words tested, read small p-values
    only); ``log_ratio = log2((a/c) / (b/d))`` (Hardie 2014), a zero count
    replaced by 0.5, is the effect size: 1 means twice as frequent. Only
    words used more in the article than in the rest (``log_ratio > 0``) are
    returned. Counts are over lower-cased word tokens of body sentences
    (numbers left out, possessive 's dropped: "Kazakhstan's" counts as
    "kazakhstan"; "per cent" as "percent"); stop words are counted in the
    totals but not listed. Boilerplate (salutations, thanks, formulas:
    :func:`kzlib.corpus.without_boilerplate`) is not counted unless
    ``boilerplate=False``.

    Parameters
    ----------
    sentences : DataFrame
        :func:`kzlib.corpus.sentences_frame`.
    top : int or None
        Keywords per article, by G2 (None: all).
    min_count : int
        Minimum occurrences in the article.
    stop_words : "english", collection of str, or None
        Words not to list (``"english"``: scikit-learn's list).
    boilerplate : bool, default True
        Leave ceremonial and procedural sentences out of the counts.

    Returns
    -------
    DataFrame
        :data:`KEYNESS_COLUMNS`, by article then rank (1 = most key).
        Empty with one article (there is no rest to compare with).

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "b"], "sent_id": [0, 0],
    ...                   "text": ["judo judo judo sport", "sport rail rail rail"]})
    >>> keyness(s, min_count=1)[["doc_id", "term", "count", "g2", "log_ratio"]].round(3)
      doc_id  term  count     g2  log_ratio
    0      a  judo      3  4.159      2.585
    1      b  rail      3  4.159      2.585
    """
    min_count, top = _check_options(min_count, top)
    stop = _stop_set(stop_words)
    doc_ids, vocab, counts = _doc_counts(sentences, boilerplate=boilerplate)
    col_totals = np.asarray(counts.sum(axis=0)).ravel()
    totals = WordTotals(vocab, col_totals.astype(np.int64), len(doc_ids))
    return combine_keyness([_score(doc_ids, vocab, counts, totals, stop, min_count, top)])


@dataclass(frozen=True, eq=False)
class WordTotals:
    """Word counts of a set of articles: what keyness compares each article with.

    The partial result of one batch (:func:`keyness_totals`) or of the corpus
    (:func:`merge_keyness_totals` of every batch's).

    Attributes
    ----------
    terms : ndarray of str
        Distinct words (lower-cased tokens, as :func:`keyness` counts them), in no
        particular order.
    counts : ndarray of int64
        Occurrences of each word.
    n_docs : int
        Articles counted (an article without words counts too).

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "text": ["rail and rail"]})
    >>> t = keyness_totals(s)
    >>> dict(zip(t.terms, t.counts.tolist())), t.n_docs, t.grand
    ({'rail': 2, 'and': 1}, 1, 3.0)
    """

    terms: np.ndarray
    counts: np.ndarray
    n_docs: int

    @property
    def grand(self) -> float:
        """Word tokens in all."""
        return float(self.counts.sum())

    def of(self, vocab: np.ndarray) -> np.ndarray:
        """The count of each word of ``vocab`` (0 for a word not counted), as float64."""
        where = pd.Index(self.terms).get_indexer(pd.Index(vocab))
        found = np.where(where >= 0, self.counts[np.maximum(where, 0)], 0)
        return found.astype(np.float64)


def keyness_totals(sentences: pd.DataFrame, *, boilerplate: bool = True) -> WordTotals:
    """The word counts of a batch of articles: the first, per-batch step of keyness.

    Parameters
    ----------
    sentences : DataFrame
        The sentence rows of some articles (each article's rows all in this batch).
    boilerplate : bool, default True
        As for :func:`keyness` (recurring openings and closings are found
        among this batch's articles).

    Returns
    -------
    WordTotals
        Merge those of every batch with :func:`merge_keyness_totals`.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "b"], "sent_id": [0, 0], "text": ["rail", "Rail's"]})
    >>> keyness_totals(s).counts.tolist()
    [2]
    """
    doc_ids, vocab, counts = _doc_counts(sentences, boilerplate=boilerplate)
    return WordTotals(vocab, np.asarray(counts.sum(axis=0)).ravel().astype(np.int64), len(doc_ids))


#: Words pending in :func:`merge_keyness_totals` before they are summed.
_MERGE_PENDING = 1_000_000


def merge_keyness_totals(parts: Iterable[WordTotals]) -> WordTotals:
    """The word counts of all batches together: the combine step of the first pass.

    Examples
    --------
    >>> a = WordTotals(np.array(["rail", "port"], dtype=object), np.array([2, 1]), 1)
    >>> b = WordTotals(np.array(["rail"], dtype=object), np.array([5]), 2)
    >>> m = merge_keyness_totals([a, b])
    >>> dict(zip(m.terms, m.counts.tolist())), m.n_docs
    ({'rail': 7, 'port': 1}, 3)
    """
    merged = WordTotals(np.zeros(0, dtype=object), np.zeros(0, dtype=np.int64), 0)
    pending: list[WordTotals] = []
    size = 0
    for part in parts:
        pending.append(part)
        size += len(part.terms)
        if size > max(_MERGE_PENDING, len(merged.terms)):
            merged = _sum_totals([merged, *pending])
            pending, size = [], 0
    return _sum_totals([merged, *pending])


def _sum_totals(parts: Sequence[WordTotals]) -> WordTotals:
    terms = np.concatenate([p.terms for p in parts]) if parts else np.zeros(0, dtype=object)
    codes, distinct = pd.factorize(pd.Series(terms, dtype=object))
    counts = np.zeros(len(distinct), dtype=np.int64)
    np.add.at(counts, codes, np.concatenate([p.counts for p in parts]).astype(np.int64))
    return WordTotals(np.asarray(distinct, dtype=object), counts, sum(p.n_docs for p in parts))


def score_keyness(
    sentences: pd.DataFrame,
    totals: WordTotals,
    *,
    top: int | None = 20,
    min_count: int = 3,
    stop_words: Literal["english"] | Collection[str] | None = "english",
    boilerplate: bool = True,
) -> pd.DataFrame:
    """Keywords of the articles of a batch against corpus totals: the second per-batch step.

    Parameters
    ----------
    sentences : DataFrame
        The sentence rows of some articles (each article's rows all in this batch).
    totals : WordTotals
        The word counts of the whole corpus (:func:`merge_keyness_totals`).
    top, min_count, stop_words, boilerplate
        As for :func:`keyness` (and as the totals were counted).

    Returns
    -------
    DataFrame
        :data:`KEYNESS_COLUMNS` of the batch's articles; :func:`combine_keyness`
        of every batch's table is :func:`keyness` of the corpus.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "b"], "sent_id": [0, 0],
    ...                   "text": ["judo judo judo sport", "sport rail rail rail"]})
    >>> score_keyness(s.iloc[:1], keyness_totals(s), min_count=1)["term"].tolist()
    ['judo']
    """
    min_count, top = _check_options(min_count, top)
    stop = _stop_set(stop_words)
    doc_ids, vocab, counts = _doc_counts(sentences, boilerplate=boilerplate)
    return _score(doc_ids, vocab, counts, totals, stop, min_count, top)


def combine_keyness(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """The keyness tables of several batches as one, by article then rank.

    Examples
    --------
    >>> b = pd.DataFrame({"doc_id": ["b"], "rank": [1]}, columns=KEYNESS_COLUMNS)
    >>> a = pd.DataFrame({"doc_id": ["a"], "rank": [1]}, columns=KEYNESS_COLUMNS)
    >>> combine_keyness([b, a])["doc_id"].tolist()
    ['a', 'b']
    """
    parts = [f for f in frames if len(f)]
    if not parts:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["doc_id", "rank"], kind="stable").reset_index(drop=True)


def _check_options(min_count: int, top: int | None) -> tuple[int, int | None]:
    checked_top = None if top is None else check_int("top", top, minimum=1)
    return check_int("min_count", min_count, minimum=1), checked_top


def _score(
    doc_ids: Sequence[str],
    vocab: np.ndarray,
    counts: Any,
    totals: WordTotals,
    stop: frozenset[str],
    min_count: int,
    top: int | None,
) -> pd.DataFrame:
    """Keyness rows of the articles of a count matrix against ``totals``."""
    grand = totals.grand
    if totals.n_docs < 2 or grand == 0 or not len(vocab):
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    listed = np.fromiter((w not in stop for w in vocab), dtype=bool, count=len(vocab))
    return _keyness_table(
        doc_ids, counts, totals.of(vocab), grand, vocab, listed, min_count=min_count, top=top
    )


def _keyness_table(
    doc_ids: Sequence[str],
    counts: Any,
    col_totals: np.ndarray,
    grand: float,
    vocab: np.ndarray,
    listed: np.ndarray,
    *,
    min_count: int,
    top: int | None,
) -> pd.DataFrame:
    """Keyness rows of every article of a sparse articles x words ``counts`` matrix.

    ``col_totals`` and ``grand`` are the corpus's word totals: of this matrix
    (:func:`keyness`) or merged from every batch (:func:`merge_keyness_totals`).
    The rows are gathered as arrays and framed once (a frame per article took
    22 of 160 s on 10,923 speeches).
    """
    parts: list[dict[str, Any]] = []
    for i, doc_id in enumerate(doc_ids):
        lo, hi = counts.indptr[i], counts.indptr[i + 1]
        rows = _keyness_rows(
            doc_id,
            counts.indices[lo:hi],
            counts.data[lo:hi],
            col_totals,
            grand,
            vocab,
            listed,
            min_count=min_count,
            top=top,
        )
        if rows is not None and len(rows["rank"]):
            parts.append(rows)
    if not parts:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    lengths = [len(p["rank"]) for p in parts]
    columns: dict[str, Any] = {
        "doc_id": np.repeat(np.array([p["doc_id"] for p in parts], dtype=object), lengths)
    }
    for col in KEYNESS_COLUMNS[1:]:
        columns[col] = np.concatenate([p[col] for p in parts])
    return pd.DataFrame(columns, columns=KEYNESS_COLUMNS)


def _keyness_rows(
    doc_id: str,
    idx: np.ndarray,
    counts: np.ndarray,
    col_totals: np.ndarray,
    grand: float,
    vocab: np.ndarray,
    listed: np.ndarray,
    *,
    min_count: int,
    top: int | None,
) -> dict[str, Any] | None:
    """Keywords of one document against the rest of the corpus (G2, log ratio, p).

    ``idx``/``counts`` are the document's term indices and counts (one CSR
    row), ``col_totals`` the corpus count of every term and ``grand`` the
    corpus token total. Shared by :func:`keyness` and :func:`score_keyness`
    (the streamed :func:`kzlib.pipeline.stream_keyness`), so both give the same table.
    Returns the :data:`KEYNESS_COLUMNS` as arrays (``doc_id`` a scalar), or None for a
    document that is empty or is the whole corpus.
    """
    a = counts.astype(np.float64)
    b = col_totals[idx] - a
    c = float(a.sum())
    d = grand - c
    if c == 0 or d == 0:
        return None
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2.0 * (a * np.log(a / e1) + np.where(b > 0, b * np.log(b / e2), 0.0))
        lr = np.log2((a / c) / (np.where(b > 0, b, 0.5) / d))
    sel = np.flatnonzero((a >= min_count) & (lr > 0) & listed[idx])
    order = sel[np.lexsort((vocab[idx[sel]].astype(str), -g2[sel]))]
    if top is not None:
        order = order[:top]
    g = g2[order]
    return {
        "doc_id": doc_id,
        "rank": np.arange(1, len(order) + 1),
        "term": vocab[idx[order]].astype(str),
        "count": a[order].astype(np.int64),
        "count_rest": b[order].astype(np.int64),
        "per_1k": 1000.0 * a[order] / c,
        "per_1k_rest": 1000.0 * b[order] / d,
        "g2": g,
        "log_ratio": lr[order],
        "p_value": np.array([math.erfc(math.sqrt(max(x, 0.0) / 2.0)) for x in g], dtype=float),
    }
