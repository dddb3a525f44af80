"""Words, syllables, readability and lexical diversity of English text.

The counts behind the rhetoric measures (:mod:`kzlib.rhetoric.profile`): word
tokens as written (:func:`tokenize`), syllables by rule (:func:`count_syllables`),
Flesch reading ease from counts and MTLD (McCarthy & Jarvis 2010), with the
vectorised versions the measures use for all sentences at once.

Examples
--------
>>> tokenize("The cat sat.")
['The', 'cat', 'sat']
>>> count_syllables("diplomacy")
4
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from kzlib.text import WORD_TOKEN_RE, word_tokens

__all__ = ["count_syllables", "flesch_reading_ease", "mtld", "tokenize"]

_TOKEN_RE = WORD_TOKEN_RE


tokenize = word_tokens  # kzlib.rhetoric.tokenize: the rule of kzlib.text.word_tokens


_VOWELS = "aeiouy"
_SYL_GROUP = re.compile(r"[aeiouy]+")
_SYL_ADD = re.compile(r"[^cgstx]i[ao]|[^gq]ua|iu|[aeiouy]ing$")


@lru_cache(maxsize=65536)
def count_syllables(word: str) -> int:
    """Syllables in an English word, by rule (no dictionary).

    Rules: count groups of vowels (``y`` counts as a vowel except as first
    letter); drop a silent final ``e`` (but not in ``-le`` after a consonant),
    a silent ``-es`` after a consonant other than s, x, z, c, g, ch, sh, and a
    silent ``-ed`` except after t or d and in ``-ied``; add one for vowel
    pairs that are two syllables (``media``, ``period``, ``actual``,
    ``equilibrium``, ``being``). Every word with a letter has at least one
    syllable. Compounds and possessives are split at ``-``, ``'`` and ``.``;
    all-capital words of up to three letters are spelled out (``EU`` = 2);
    numbers count one syllable per digit. About nine words in ten are right
    on ordinary prose; errors are spread evenly across articles, so
    comparisons are safer than absolute scores.

    Examples
    --------
    >>> [count_syllables(w) for w in ["cat", "table", "walked", "wanted", "diplomacy"]]
    [1, 2, 1, 2, 4]
    """
    parts = [p for p in re.split(r"[-'’.]", word) if p]
    if len(parts) > 1:
        if re.search(r"['’]s$", word):
            parts = parts[:-1]
        return sum(count_syllables(p) for p in parts)
    if not parts:
        return 0
    w = parts[0]
    if w.isdigit():
        return len(w)
    letters = "".join(ch for ch in w if ch.isalpha())
    if not letters:
        return len(re.sub(r"\D", "", w))
    if letters.isupper() and len(letters) <= 3 and len(letters) > 1:
        return len(letters)
    w = letters.lower()
    n = len(_SYL_GROUP.findall(w[1:] if w[0] == "y" else w))
    if n > 1:
        if w.endswith("e") and not w.endswith(("ee", "ye")):
            if not (w.endswith("le") and len(w) > 2 and w[-3] not in _VOWELS):
                n -= 1
        elif (
            w.endswith("es")
            and len(w) > 3
            and w[-3] not in _VOWELS + "sxzcg"
            and not w.endswith(("ches", "shes"))
        ) or (w.endswith("ed") and len(w) > 3 and w[-3] not in "td" and not w.endswith("ied")):
            n -= 1
    n += len(_SYL_ADD.findall(w))
    return max(n, 1)


def flesch_reading_ease(words: float, sentences: float, syllables: float) -> float:
    """Flesch reading ease from counts: higher is easier (60-70 plain English).

    Examples
    --------
    >>> round(flesch_reading_ease(6, 1, 6), 3)   # "The cat sat on the mat."
    116.145
    """
    if words <= 0 or sentences <= 0:
        return math.nan
    return 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)


def _mtld_pass(tokens: Sequence[str], threshold: float) -> float:
    factors = 0.0
    types: set[str] = set()
    count = 0
    ttr = 1.0
    for tok in tokens:
        count += 1
        types.add(tok)
        ttr = len(types) / count
        if ttr <= threshold:
            factors += 1.0
            types = set()
            count = 0
            ttr = 1.0
    if count:
        factors += (1.0 - ttr) / (1.0 - threshold)
    return len(tokens) / factors if factors > 0 else math.nan


def mtld(tokens: Sequence[str], *, threshold: float = 0.72) -> float:
    """Measure of textual lexical diversity (McCarthy & Jarvis 2010).

    The mean of a forward and a backward pass. Each pass walks the tokens,
    keeping the type-token ratio (TTR) of the current stretch; when it falls
    to ``threshold`` a factor is complete and a new stretch starts. A partial
    last stretch adds ``(1 - TTR) / (1 - threshold)`` of a factor. MTLD is
    tokens per factor; NaN when no factor forms (a very short text of
    distinct words).

    Examples
    --------
    >>> mtld("a b a a b a".split())   # two factors of "a b a" each way
    3.0
    """
    if not tokens:
        return math.nan
    fwd = _mtld_pass(tokens, threshold)
    bwd = _mtld_pass(list(reversed(tokens)), threshold)
    return float(np.nanmean([fwd, bwd])) if not (math.isnan(fwd) and math.isnan(bwd)) else math.nan


def _previous(seq: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index of the previous and of the next equal value of each element (-1, len: none)."""
    # Small non-negative ids sort by radix as 16-bit integers.
    small = len(seq) and seq.min() >= 0 and seq.max() < 1 << 16
    # Positions fit in 32 bits but for a text of 2**31 tokens: half the memory.
    position = np.int32 if len(seq) < 1 << 31 else np.int64
    order = np.argsort(seq.astype(np.uint16) if small else seq, kind="stable").astype(position)
    same = seq[order[1:]] == seq[order[:-1]]
    before = np.full(len(seq), -1, dtype=position)
    after = np.full(len(seq), len(seq), dtype=position)
    before[order[1:][same]] = order[:-1][same]
    after[order[:-1][same]] = order[1:][same]
    return before, after


def _mtld_passes(
    before: np.ndarray, starts: np.ndarray, ends: np.ndarray, threshold: float
) -> np.ndarray:
    """:func:`_mtld_pass` of the tokens ``a:b`` for every ``(a, b)``, all articles at once.

    ``before`` is the index of each token's previous occurrence (see
    :func:`_previous`). A token is new in the stretch that began at ``s`` if
    that is before ``s``; a window of tokens from each article's current start
    gives every type-token ratio of the stretch at once. The ratios, factors
    and partial factor use the same float arithmetic as the loop, so the
    results are equal.
    """
    n_full = np.zeros(len(starts), dtype=np.int64)
    partial = np.zeros(len(starts))
    start = starts.copy()
    active = ends > starts
    width = 64
    while active.any():
        docs = np.flatnonzero(active)
        pos = start[docs, None] + np.arange(width)
        inside = pos < ends[docs, None]
        new = inside & (before[np.minimum(pos, len(before) - 1)] < start[docs, None])
        distinct = np.cumsum(new, axis=1)
        ttr = distinct / np.arange(1, width + 1)
        hit = inside & (ttr <= threshold)
        found = hit.any(axis=1)
        factor = docs[found]
        n_full[factor] += 1
        start[factor] += hit[found].argmax(axis=1) + 1
        active[factor[start[factor] >= ends[factor]]] = False
        left = ends[docs[~found]] - start[docs[~found]]
        last = left <= width  # the stretch runs to the end of the article
        done = docs[~found][last]
        count = left[last]
        partial[done] = (1.0 - distinct[~found][last, count - 1] / count) / (1.0 - threshold)
        active[done] = False
        if not last.all():  # a stretch longer than the window: look further next time
            width *= 2
    factors = n_full + partial
    with np.errstate(divide="ignore", invalid="ignore"):
        out: np.ndarray = np.where(factors > 0, (ends - starts) / factors, np.nan)
    return out


def _mtld_many(
    seq: np.ndarray, starts: np.ndarray, ends: np.ndarray, *, threshold: float = 0.72
) -> np.ndarray:
    """:func:`mtld` of ``seq[a:b]`` (token ids) for every ``(a, b)``."""
    before, after = _previous(seq)
    fwd = _mtld_passes(before, starts, ends, threshold)
    del before  # arrays of 8 bytes per token: free each as soon as it is used
    # Each article backwards: position i of a:b holds token a + b - 1 - i, and the
    # previous occurrence there is the next occurrence here.
    lengths = ends - starts
    inside = np.concatenate(
        [np.zeros(0, np.int64), *(np.arange(a, b) for a, b in zip(starts, ends, strict=True))]
    )
    mirror = np.repeat(starts + ends - 1, lengths)
    following = after[mirror - inside]
    del after
    known = following < np.repeat(ends, lengths)
    backwards = np.full(len(seq), -1)
    backwards[inside] = np.where(known, np.subtract(mirror, following, out=mirror), -1)
    del inside, mirror, following, known
    bwd = _mtld_passes(backwards, starts, ends, threshold)
    return np.array(
        [
            math.nan if not n or (math.isnan(f) and math.isnan(b)) else float(np.nanmean([f, b]))
            for n, f, b in zip(lengths.tolist(), fwd.tolist(), bwd.tolist(), strict=True)
        ]
    )


#: Word tokens, or the newline between two texts.
_TOKEN_OR_BREAK = re.compile(_TOKEN_RE.pattern + "|\n")


#: Characters of text tokenised at once by :func:`_tokens` (its Python strings of
#: tokens take about 10 times as many bytes), so one huge article is tokenised in
#: slices rather than as one list of millions of strings.
_TOKEN_SLICE = 1 << 22


def _tokens(texts: list[str]) -> tuple[np.ndarray, list[str], np.ndarray]:
    """The word tokens of all texts, in order, as positions in a list of distinct
    tokens (in order of first occurrence); and the number of tokens of each text.

    The texts are taken in slices of about :data:`_TOKEN_SLICE` characters; the
    ids do not depend on the slices (checked in the tests).
    """
    ids: list[np.ndarray] = []
    words: list[np.ndarray] = []
    number: dict[str, int] = {}
    first = 0
    while first < len(texts):
        last, size = first, 0
        while last < len(texts) and (last == first or size < _TOKEN_SLICE):
            size += len(texts[last]) + 1
            last += 1
        local, distinct, counts = _slice_tokens(texts[first:last])
        # Distinct tokens of the slice in order of first occurrence: the new ones get
        # the next ids, so the ids are in order of first occurrence overall.
        glob = np.fromiter(
            (number.setdefault(t, len(number)) for t in distinct),
            dtype=np.int64,
            count=len(distinct),
        )
        ids.append(glob[local])
        words.append(counts)
        first = last
    if not texts:
        return np.zeros(0, dtype=np.int64), [], np.zeros(0, dtype=np.int64)
    return np.concatenate(ids), list(number), np.concatenate(words)


def _slice_tokens(texts: list[str]) -> tuple[np.ndarray, list[str], np.ndarray]:
    """:func:`_tokens` of a few texts at once.

    One ``findall`` over the texts joined by newlines (tokens never contain one)
    instead of one per text; texts that contain a newline are tokenised one by one.
    """
    joined = "\n".join(texts)
    if joined.count("\n") == len(texts) - 1:
        flat = [*_TOKEN_OR_BREAK.findall(joined), "\n"]
    else:
        flat = [w for t in texts for w in [*_TOKEN_RE.findall(t), "\n"]]
    del joined
    codes, distinct = pd.factorize(pd.Series(flat, dtype=object))
    del flat
    newline = int(codes[-1])
    ends = np.flatnonzero(codes == newline)
    words = np.diff(np.concatenate([[-1], ends])) - 1
    # Drop the newlines and number the distinct tokens without them.
    kept = codes[codes != newline]
    types = [str(t) for t in distinct]
    del types[newline]
    return np.where(kept > newline, kept - 1, kept).astype(np.int64), types, words
