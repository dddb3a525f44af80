"""Matching lexicons on many texts at once: one scan for the places a term may start.

The texts are joined and scanned once, with numpy, for word starts whose first
few characters begin some term (hashes from :mod:`kzlib.rhetoric.pattern`
looked up in a sorted table); each lexicon's expression is tried only there,
in order and skipping positions inside the previous match, which finds exactly
what ``finditer`` finds. :func:`find_all` shares the scan among lexicons.

Examples
--------
>>> from kzlib.rhetoric.lexicon import Lexicon
>>> hedges = Lexicon.from_terms([("may", "modal")])
>>> find_all([hedges], ["It may rain."])[0]["match"].tolist()
['may']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from kzlib.rhetoric.pattern import _HASH_MULT, _is_lower

if TYPE_CHECKING:  # pragma: no cover
    from kzlib.rhetoric.lexicon import Lexicon

__all__ = ["MATCH_COLUMNS", "find_all"]

#: Columns of :meth:`Lexicon.find`.
MATCH_COLUMNS: list[str] = ["item", "start", "end", "match", "term", "category"]


_OPENERS = "\"'“‘(["


#: Bits of :func:`_classes`: regex word character (``\w``), whitespace (``\s``), and
#: possible first character of a match (a word character, or a non-ASCII non-space one:
#: the capital of a lower-case term's first letter may be a mark).
_WORD, _SPACE, _FIRST = 1, 2, 4


def _class_bits(c: str) -> int:
    word = c.isalnum() or c == "_"
    return (
        word * _WORD + c.isspace() * _SPACE + (word or (ord(c) >= 128 and not c.isspace())) * _FIRST
    )


@cache
def _bmp_classes() -> np.ndarray:
    """:func:`_class_bits` of every code point below 0x10000."""
    return np.array([_class_bits(chr(c)) for c in range(0x10000)], dtype=np.uint8)


#: Characters classified at once by :func:`_classes`.
_SLICE = 1 << 22


def _classes(codes: np.ndarray) -> np.ndarray:
    """:func:`_class_bits` of each code point (the rare ones above 0xFFFF one by one)."""
    out = np.empty(len(codes), dtype=np.uint8)
    # In slices: take() turns its indices into a temporary int64 array (8 bytes per character).
    for a in range(0, len(codes), _SLICE):
        np.take(_bmp_classes(), codes[a : a + _SLICE], mode="clip", out=out[a : a + _SLICE])
    if len(codes) and codes.max() > 0xFFFF:
        astral = np.flatnonzero(codes > 0xFFFF)
        distinct, inverse = np.unique(codes[astral], return_inverse=True)
        bits = [_class_bits(chr(c)) for c in distinct.tolist()]
        out[astral] = np.array(bits, dtype=np.uint8)[inverse]
    return out


class _Scan:
    r"""Texts joined by NUL characters, with the hashes that say where a term may start.

    The separator is no space and no word character, so no term matches across
    it: a match stays in its text ("United" ending one sentence and "States"
    starting the next are no "United States").

    A match starts right after a non-word character (or at 0), at a
    character that can begin a match (``_FIRST``): those positions are
    ``starts``. Hashes are taken over the text with every run of whitespace
    squeezed to one space, as a term's space matches any run (``\s+``); only
    the characters after each start are looked up, not the squeezed text.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.joined = _SEPARATOR.join(texts)
        lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
        self.offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]) if len(texts) else lengths
        codes = np.frombuffer(self.joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        if len(codes) and codes.max() <= 0xFFFF:  # half the memory for the usual text
            codes = codes.astype(np.uint16)
        classes = _classes(codes)
        self.word = (classes & _WORD).astype(bool)
        self._space = (classes & _SPACE).astype(bool)
        first = (classes & _FIRST).astype(bool)
        first[1:] &= ~self.word[:-1]
        self.starts = np.flatnonzero(first)
        self.after_hyphen = np.zeros(len(self.starts), dtype=bool)
        inner = self.starts > 0
        self.after_hyphen[inner] = codes[self.starts[inner] - 1] == ord("-")
        self._codes = codes
        # Squeezing drops each whitespace character that follows another; a squeezed
        # position j is original position j + (drops d_m with d_m - m <= j).
        dropped = np.flatnonzero(self._space[1:] & self._space[:-1]) + 1
        self._drops = dropped - np.arange(len(dropped))
        self._start_at = self.starts - np.searchsorted(dropped, self.starts)
        # Only the hashes of the last block and length asked for are kept; the lengths
        # are asked for in increasing order.
        self._hashes: tuple[tuple[int | None, int | None], int, np.ndarray] = (
            (None, None),
            0,
            np.zeros(0, dtype=np.uint64),
        )

    def _squeezed_at(self, squeezed: np.ndarray) -> np.ndarray:
        """Code points at squeezed positions (spaces as " ", 0 past the end); ``squeezed``
        is overwritten (in place: these arrays have one element per word start)."""
        where = squeezed
        if len(self._drops):
            where += np.searchsorted(self._drops, squeezed, side="right")
        outside = where >= len(self._codes)
        where[outside] = 0
        out: np.ndarray = self._codes[where].astype(np.uint64)
        out[outside] = 0
        out[~outside & self._space[where]] = ord(" ")
        return out

    def hashes(self, k: int, block: slice = slice(None)) -> np.ndarray:
        """Hashes of the ``k`` squeezed characters from each start (of ``block`` of them)."""
        key, done, hashes = self._hashes
        if key != (block.start, block.stop) or done > k:
            done, hashes = 0, np.zeros(len(self._start_at[block]), dtype=np.uint64)
        for j in range(done + 1, k + 1):
            # uint64 arithmetic wraps modulo 2**64, as _hash does
            hashes = hashes * _HASH_MULT
            hashes += self._squeezed_at(self._start_at[block] + (j - 1))
        self._hashes = ((block.start, block.stop), k, hashes)
        return hashes

    def run_starts(self, positions: np.ndarray) -> np.ndarray:
        """Where the run of word characters that ends just before each position begins."""
        breaks = np.flatnonzero(~self.word)
        before = np.searchsorted(breaks, positions) - 1
        return np.where(before >= 0, breaks[np.maximum(before, 0)] + 1, 0)


def _lookup(table: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of ``values`` found in the sorted ``table``, and where in the table."""
    if not len(table):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    at = np.minimum(np.searchsorted(table, values), len(table) - 1)
    rows = np.flatnonzero(table[at] == values)
    return rows, at[rows]


#: Word starts looked up at once by :func:`_candidates`.
_STARTS_AT_ONCE = 1 << 20


def _candidates(lexicons: Sequence[Lexicon], scan: _Scan) -> list[np.ndarray]:
    """For each lexicon, the sorted positions where one of its terms may start.

    The first characters of the terms of all lexicons go into one sorted
    table per length, so each length costs one lookup of all starts. The
    starts are taken in blocks of :data:`_STARTS_AT_ONCE` (each start is looked
    up on its own, so the blocks do not change the result), which bounds the
    memory of the lookups on one huge text.
    """
    tables = []
    for k in sorted({k for lex in lexicons for k in lex._heads}):
        keys = [lex._heads.get(k, np.zeros(0, np.uint64)) for lex in lexicons]
        table = np.unique(np.concatenate(keys))
        member = np.zeros((len(table), len(lexicons)), dtype=bool)
        for j, lex_keys in enumerate(keys):
            member[np.searchsorted(table, lex_keys), j] = True
        tables.append((k, table, member))
    hit = np.zeros((len(scan.starts), len(lexicons)), dtype=bool)
    for first in range(0, len(scan.starts), _STARTS_AT_ONCE):
        block = slice(first, first + _STARTS_AT_ONCE)
        for k, table, member in tables:
            rows, at = _lookup(table, scan.hashes(k, block))
            hit[first + rows] |= member[at]
    out = []
    for j, lex in enumerate(lexicons):
        starts = hit[:, j] & ~scan.after_hyphen if lex.hyphen_joins else hit[:, j]
        found = scan.starts[starts]
        extra = [scan.run_starts(_positions(rx, scan.joined)) for rx in lex._after_wild]
        if lex._anywhere:
            extra.append(np.arange(len(scan.word)))
        out.append(np.unique(np.concatenate([found, *extra])) if extra else found)
    return out


def _positions(pattern: re.Pattern[str], text: str) -> np.ndarray:
    """Where the (one-character) matches of ``pattern`` in ``text`` start."""
    return np.array([m.start() for m in pattern.finditer(text)], dtype=np.int64)


def _allowed(
    texts: Sequence[str],
    matched: list[str],
    ids: list[list[tuple[str, str]]],
    codes: np.ndarray,
    items: np.ndarray,
    starts: np.ndarray,
) -> np.ndarray:
    """Which matches count: a capitalised match of lower-case terms only at the start of
    its text or right after an opening quote or bracket."""
    keep = np.ones(len(codes), dtype=bool)
    capitalised = [
        t[:1].isupper() and bool(i) and all(_is_lower(term) for term, _ in i)
        for t, i in zip(matched, ids, strict=True)
    ]
    for k in np.flatnonzero(np.array(capitalised, dtype=bool)[codes] if len(codes) else []):
        before = texts[items[k]][: starts[k]].rstrip()
        keep[k] = not before or before[-1] in _OPENERS
    return keep


def _explode(
    matched: list[str],
    ids: list[list[tuple[str, str]]],
    codes: np.ndarray,
    items: np.ndarray,
    starts: np.ndarray,
) -> _Columns:
    """One row per match (``matched[codes[k]]`` at ``starts[k]`` of text ``items[k]``) and
    category of its term, in order."""
    n_ids = np.array([len(i) for i in ids], dtype=np.int64)
    first = np.concatenate([[0], np.cumsum(n_ids)[:-1]]) if len(ids) else n_ids
    repeat = n_ids[codes]
    # Row r of match k takes pair first[codes[k]] + (its rank among the rows of k).
    pair = np.repeat(first[codes] - np.cumsum(repeat) + repeat, repeat) + np.arange(
        int(repeat.sum())
    )
    pairs = [p for i in ids for p in i]
    code = np.repeat(codes, repeat)
    start = np.repeat(starts, repeat).astype(np.int64)
    lengths = np.array([len(t) for t in matched], dtype=np.int64)
    return _Columns(
        item=np.repeat(items, repeat).astype(np.int64),
        start=start,
        end=start + (lengths[code] if len(code) else 0),
        match=[matched[c] for c in code.tolist()],
        term=[pairs[j][0] for j in pair.tolist()],
        category=[pairs[j][1] for j in pair.tolist()],
    )


@dataclass(frozen=True)
class _Columns:
    """The :meth:`Lexicon.find` table as arrays and lists, before any DataFrame."""

    item: np.ndarray
    start: np.ndarray
    end: np.ndarray
    match: list[str]
    term: list[str]
    category: list[str]

    @staticmethod
    def concat(parts: Sequence[_Columns], firsts: Sequence[int]) -> _Columns:
        """The columns of consecutive runs of texts, the run starting at text ``firsts[k]``."""
        return _Columns(
            item=np.concatenate([p.item + f for p, f in zip(parts, firsts, strict=True)]),
            start=np.concatenate([p.start for p in parts]),
            end=np.concatenate([p.end for p in parts]),
            match=[m for p in parts for m in p.match],
            term=[t for p in parts for t in p.term],
            category=[c for p in parts for c in p.category],
        )

    def frame(self) -> pd.DataFrame:
        """The table, as :meth:`Lexicon.find` returns it."""
        rows = zip(
            self.item.tolist(),
            self.start.tolist(),
            self.end.tolist(),
            self.match,
            self.term,
            self.category,
            strict=True,
        )
        frame = pd.DataFrame(list(rows), columns=MATCH_COLUMNS)
        return frame.astype({"item": "int64", "start": "int64", "end": "int64"})


def _finditer_at(
    pattern: re.Pattern[str], text: str, candidates: np.ndarray
) -> list[tuple[int, str]]:
    """``(start, match)`` of what ``pattern.finditer(text)`` finds, given sorted positions
    that include every start it can find: the pattern is tried there only, skipping
    positions inside the previous match."""
    match = pattern.match
    found: list[tuple[int, str]] = []
    end = 0
    for pos in candidates.tolist():
        if pos >= end:
            m = match(text, pos)
            if m is not None:
                found.append((pos, m.group()))
                end = m.end()
    return found


def find_all(lexicons: Sequence[Lexicon], texts: Sequence[str]) -> list[pd.DataFrame]:
    """:meth:`Lexicon.find` of each lexicon on the same texts, scanning them once.

    Parameters
    ----------
    lexicons : sequence of Lexicon
        Matched independently (matches of different lexicons may overlap).
    texts : sequence of str
        As for :meth:`Lexicon.find`.

    Returns
    -------
    list of DataFrame
        One :meth:`Lexicon.find` table per lexicon, in order.

    Examples
    --------
    >>> from kzlib.rhetoric.lexicon import Lexicon
    >>> hedges = Lexicon.from_terms([("may", "modal")])
    >>> months = Lexicon.from_terms([("May", "month")])
    >>> [len(f) for f in find_all([hedges, months], ["It may rain in May."])]
    [1, 1]
    """
    return [found.frame() for found in _find_columns(lexicons, texts)]


def _find_columns(lexicons: Sequence[Lexicon], texts: Sequence[str]) -> list[_Columns]:
    """:func:`find_all` as columns (for callers that need no DataFrame).

    Texts are scanned in runs of about :data:`_SCAN_CHARS` characters: a scan
    holds some 15 bytes per character (on the 1.3M sentences of 10,923 UN
    speeches, 3.4 GB at once). No match crosses a text, so the runs' matches
    are the matches of one scan.
    """
    texts = texts if isinstance(texts, list) else list(texts)
    runs = _runs(texts, _SCAN_CHARS)
    parts = [_scan_columns(lexicons, texts[a:b]) for a, b in runs]
    if len(parts) == 1:
        return parts[0]
    return [
        _Columns.concat([part[j] for part in parts], [a for a, _ in runs])
        for j in range(len(lexicons))
    ]


def _scan_columns(lexicons: Sequence[Lexicon], texts: Sequence[str]) -> list[_Columns]:
    scan = _Scan(texts)
    starts = _candidates(lexicons, scan)
    return [lex._columns(scan, cand) for lex, cand in zip(lexicons, starts, strict=True)]


#: Characters of text scanned at once by :func:`_find_columns`.
_SCAN_CHARS = 8_000_000
#: Between two texts in a scan: matches no term character and no space.
_SEPARATOR = "\x00"


def _runs(texts: list[str], size: int) -> list[tuple[int, int]]:
    """Consecutive ``(first, stop)`` ranges of texts of about ``size`` characters each.

    Examples
    --------
    >>> _runs(["abc", "de", "f", "ghij"], 4)  # each text counts its separator
    [(0, 1), (1, 3), (3, 4)]
    >>> _runs([], 4)
    [(0, 0)]
    """
    runs: list[tuple[int, int]] = []
    first, chars = 0, 0
    for k, text in enumerate(texts):
        chars += len(text) + 1
        if chars >= size:
            runs.append((first, k + 1))
            first, chars = k + 1, 0
    if first < len(texts) or not runs:
        runs.append((first, len(texts)))
    return runs
