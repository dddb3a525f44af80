"""Word and character n-gram counts of the check-worthiness model, counted with numpy.

:func:`word_counts` equals sklearn's ``CountVectorizer`` of word 1-2-grams
over :func:`fold_text`: each sentence is tokenised once, each distinct token
and each distinct pair of adjacent tokens is looked up once.

The ``char`` block of :mod:`kzlib.claims.checkworthiness` counts the
character 2-5-grams inside word boundaries of sklearn's ``char_wb``
analyzer (each word padded with one space on both sides, digits folded to
``0``). A word's n-grams depend on the word alone, so each distinct word is
analysed once; all distinct words are joined into one array of code points,
every window of 2 to 5 characters gets an integer key (the characters' ranks
in the vocabulary's alphabet as digits of a bijective base), and keys are
looked up in the sorted keys of the vocabulary with ``np.searchsorted``.

Examples
--------
>>> char_counts(["ab ab", "b"], {" a": 0, "ab": 1, "b ": 2}).toarray().tolist()
[[2.0, 2.0, 2.0], [0.0, 0.0, 1.0]]
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

__all__ = ["CHAR_NGRAMS", "WORD_NGRAMS", "char_counts", "fold_text", "word_counts", "word_grams"]

#: Shortest and longest n-gram (in words) of the ``word`` block.
WORD_NGRAMS: tuple[int, int] = (1, 2)
#: Shortest and longest character n-gram of the ``char`` block.
CHAR_NGRAMS: tuple[int, int] = (2, 5)
#: sklearn's default ``token_pattern``.
_TOKEN_RE = re.compile(r"(?u)\b\w\w+\b")
#: The same tokens, found twice as fast: a match of ``\b\w\w+\b`` is a whole run of word
#: characters of length 2 or more, which is what ``\w\w+`` finds scanning left to right.
_TOKEN_RUN_RE = re.compile(r"\w\w+")
_DIGIT_RE = re.compile(r"\d")


_LAST: list[tuple[list[str], list[str]]] = []


def _folded(texts: Sequence[str]) -> list[str]:
    """:func:`fold_text` of each sentence, kept for the next call (word, then char block)."""
    rows = list(texts)
    for saved, folded in _LAST:
        if saved == rows:
            return folded
    folded = [fold_text(t) for t in rows]
    _LAST[:] = [(rows, folded)]
    return folded


def fold_text(text: str) -> str:
    """Lower-case a sentence and fold every digit to ``0`` (the n-gram preprocessor).

    Examples
    --------
    >>> fold_text("In 1952, 7 Votes")
    'in 0000, 0 votes'
    """
    return _DIGIT_RE.sub("0", text.lower())


@dataclass(frozen=True)
class _Lookup:
    """A vocabulary's alphabet (code point -> rank, 0 if absent) and sorted n-gram keys."""

    index: dict[str, int]
    rank: np.ndarray
    base: int
    keys: np.ndarray
    columns: np.ndarray


_LOOKUPS: list[_Lookup] = []


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _lookup(index: dict[str, int]) -> _Lookup | None:
    """The (cached) lookup of ``index``; None when its keys would not fit in int64."""
    for cached in _LOOKUPS:
        if cached.index is index:
            return cached
    low, high = CHAR_NGRAMS
    grams = [g for g in index if low <= len(g) <= high]
    alphabet = sorted(set("".join(grams)))
    base = len(alphabet) + 1
    if base ** high >= 2 ** 62:
        return None
    rank = np.zeros(max((ord(c) for c in alphabet), default=0) + 2, dtype=np.int32)
    rank[[ord(c) for c in alphabet]] = np.arange(1, base)
    keys = np.zeros(len(grams), dtype=np.int64)
    for n in range(low, high + 1):
        sel = [i for i, g in enumerate(grams) if len(g) == n]
        if sel:
            digits = rank[_code_points("".join(grams[i] for i in sel))].reshape(-1, n)
            keys[sel] = digits @ (base ** np.arange(n, dtype=np.int64))
    order = np.argsort(keys, kind="stable")
    columns = np.array([index[g] for g in grams], dtype=np.int64)[order]
    found = _Lookup(index, rank, base, keys[order], columns)
    _LOOKUPS[:] = [found, *_LOOKUPS[:3]]
    return found


def _word_grams(words: list[str], look: _Lookup) -> tuple[np.ndarray, np.ndarray]:
    """(word, column) of every in-vocabulary n-gram window of the padded ``words``."""
    padded = np.array([len(w) + 2 for w in words], dtype=np.int64)
    ends = np.cumsum(padded)
    points = _code_points(" " + "  ".join(words) + " ")
    # code points beyond the alphabet's last one map to its final slot, rank 0 (absent)
    digits = look.rank[np.minimum(points, look.rank.size - 1)].astype(np.int64)
    end_of = np.repeat(ends, padded)
    absent = np.concatenate([[0], np.cumsum(digits == 0)])
    pos = np.arange(digits.size, dtype=np.int64)
    key = np.zeros(digits.size, dtype=np.int64)
    word_rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    low, high = CHAR_NGRAMS
    for n in range(1, high + 1):
        start = pos[: digits.size - n + 1]
        key = key[: start.size] + digits[n - 1:] * look.base ** (n - 1)
        if n < low:
            continue
        ok = (start + n <= end_of[: start.size]) & (absent[start + n] == absent[start])
        cand = np.flatnonzero(ok)
        at = np.searchsorted(look.keys, key[cand]).clip(max=max(look.keys.size - 1, 0))
        hit = look.keys[at] == key[cand] if look.keys.size else np.zeros(0, dtype=bool)
        word_rows.append(np.searchsorted(ends, cand[hit], side="right"))
        cols.append(look.columns[at[hit]])
    return np.concatenate(word_rows), np.concatenate(cols)


def _plain_grams(words: list[str], index: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """(word, column) of every in-vocabulary n-gram, one Python lookup each (any alphabet)."""
    low, high = CHAR_NGRAMS
    rows: list[int] = []
    cols: list[int] = []
    for k, word in enumerate(words):
        w = f" {word} "
        for n in range(low, min(high, len(w)) + 1):
            for i in range(len(w) - n + 1):
                j = index.get(w[i:i + n])
                if j is not None:
                    rows.append(k)
                    cols.append(j)
    return np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)


def char_counts(texts: Sequence[str], index: dict[str, int], *,
                plain: bool = False) -> sparse.csr_matrix:
    """Counts of the ``char`` block, equal to ``ngram_vectorizer("char").transform`` but fast.

    A sentence's counts are the sum over its words of each distinct word's
    n-gram counts. ``plain=True`` finds the n-grams of each word with one
    dictionary lookup per window instead of numpy (the reference the fast
    path is tested against; also used when the alphabet is too large).

    Examples
    --------
    >>> idx = {" a": 0, "ab": 1, "b ": 2}
    >>> char_counts(["ab ab", "b"], idx).toarray().tolist()
    [[2.0, 2.0, 2.0], [0.0, 0.0, 1.0]]
    """
    (ptr, codes), grams = word_grams(texts, index, plain=plain)
    doc_of = np.repeat(np.arange(len(texts), dtype=np.int64), np.diff(ptr))
    docs = sparse.csr_matrix((np.ones(doc_of.size), (doc_of, codes)),
                             shape=(len(texts), grams.shape[0]))
    out = sparse.csr_matrix(docs @ grams)
    out.sort_indices()
    return out


def word_grams(texts: Sequence[str], index: dict[str, int], *, plain: bool = False,
               ) -> tuple[tuple[np.ndarray, np.ndarray], sparse.csr_matrix]:
    """Each sentence's words, and the ``char`` block counts of each distinct word.

    Returns ``((ptr, codes), grams)``: sentence ``i``'s whitespace-split words
    (after :func:`fold_text`) are rows ``codes[ptr[i]:ptr[i + 1]]`` of
    ``grams``, a canonical CSR matrix of n-gram counts (distinct words by
    ``index``). A sentence's ``char`` counts are the sum of its words' rows.

    Examples
    --------
    >>> (ptr, codes), grams = word_grams(["ab ab", "b"], {" a": 0, "ab": 1, "b ": 2})
    >>> ptr.tolist(), codes.tolist(), grams.toarray().tolist()
    ([0, 2, 3], [0, 0, 1], [[1.0, 1.0, 1.0], [0.0, 0.0, 1.0]])
    """
    split = [t.split() for t in _folded(texts)]
    ptr = np.zeros(len(split) + 1, dtype=np.int64)
    np.cumsum([len(s) for s in split], out=ptr[1:])
    codes, uniques = pd.factorize(pd.Series(list(itertools.chain.from_iterable(split)),
                                            dtype=object))
    words = [str(w) for w in uniques]
    look = None if plain or not words else _lookup(index)
    t_rows, t_cols = _plain_grams(words, index) if look is None else _word_grams(words, look)
    grams = sparse.csr_matrix((np.ones(t_rows.size), (t_rows, t_cols)),
                              shape=(len(words), len(index)))
    grams.sum_duplicates()
    return (ptr, codes.astype(np.int64)), grams


_WORD_LOOKUPS: list[tuple[dict[str, int], pd.Index, np.ndarray, pd.Index, pd.Index,
                          np.ndarray]] = []


def _word_lookup(index: dict[str, int]) -> tuple[pd.Index, np.ndarray, pd.Index, pd.Index,
                                                  np.ndarray]:
    """Unigrams and their columns; bigrams' first and second words and their columns."""
    for cached in _WORD_LOOKUPS:
        if cached[0] is index:
            return cached[1:]
    uni = [(g, j) for g, j in index.items() if " " not in g]
    bi = [(g.split(" "), j) for g, j in index.items() if g.count(" ") == 1]
    found = (pd.Index([g for g, _ in uni], dtype=object),
             np.array([j for _, j in uni], dtype=np.int64),
             pd.Index([p[0] for p, _ in bi], dtype=object),
             pd.Index([p[1] for p, _ in bi], dtype=object),
             np.array([j for _, j in bi], dtype=np.int64))
    _WORD_LOOKUPS[:] = [(index, *found), *_WORD_LOOKUPS[:3]]
    return found


def word_counts(texts: Sequence[str], index: dict[str, int]) -> sparse.csr_matrix:
    """Counts of the ``word`` block, equal to ``ngram_vectorizer("word").transform`` but fast.

    Tokens are sklearn's (``\\b\\w\\w+\\b`` over :func:`fold_text`); unigrams and
    bigrams of the vocabulary are matched to the distinct tokens and the
    distinct adjacent pairs with hash joins, not one lookup per token.

    Examples
    --------
    >>> word_counts(["A tax cut, a tax."], {"tax": 0, "tax cut": 1}).toarray().tolist()
    [[2.0, 1.0]]
    """
    findall = _TOKEN_RUN_RE.findall
    tokens = [findall(t) for t in _folded(texts)]
    lengths = np.array([len(t) for t in tokens], dtype=np.int64)
    doc_of = np.repeat(np.arange(len(tokens), dtype=np.int64), lengths)
    codes, uniques = pd.factorize(pd.Series(list(itertools.chain.from_iterable(tokens)),
                                            dtype=object))
    codes = codes.astype(np.int64)
    uni, uni_col, first, second, bi_col = _word_lookup(index)
    seen = pd.Index(uniques, dtype=object)
    size = max(len(seen), 1)
    unigram = np.full(len(seen), -1, dtype=np.int64)
    at = uni.get_indexer(seen)
    unigram[at >= 0] = uni_col[at[at >= 0]]
    # vocabulary bigrams whose two words both occur, as keys of code pairs
    a, b = seen.get_indexer(first), seen.get_indexer(second)
    ok = (a >= 0) & (b >= 0)
    vocab_key = a[ok].astype(np.int64) * size + b[ok]
    order = np.argsort(vocab_key)
    vocab_key, vocab_col = vocab_key[order], bi_col[ok][order]
    # adjacent pairs inside a sentence: every token but the last of each sentence
    left = np.ones(codes.size, dtype=bool)
    left[(np.cumsum(lengths) - 1)[lengths > 0]] = False
    pos = np.flatnonzero(left)
    key = codes[pos] * size + codes[pos + 1]
    at = np.searchsorted(vocab_key, key).clip(max=max(vocab_key.size - 1, 0))
    hit = vocab_key[at] == key if vocab_key.size else np.zeros(key.size, dtype=bool)
    rows = np.concatenate([doc_of, doc_of[pos[hit]]])
    cols = np.concatenate([unigram[codes], vocab_col[at[hit]]])
    keep = cols >= 0
    return sparse.csr_matrix((np.ones(int(keep.sum())), (rows[keep], cols[keep])),
                             shape=(len(texts), len(index)))
