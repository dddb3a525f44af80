"""Hand-curated term lists (lexicons, gazetteers): reading, validating and matching.

A lexicon is a UTF-8 CSV with one term per row and a category per term
(``term,category,note`` for the rhetoric lexicons, ``actor,alias,type,note``
for the actor gazetteer). :func:`read_lexicon` checks every row and raises
:class:`~kzlib.errors.InputError` naming the file and line of the first bad
one, so a researcher who edits a file gets told exactly what to fix.

How a term matches
------------------
- Whole words only. For lexicons the word boundary treats a hyphen as part
  of the word (``vector`` does not match inside ``multi-vector``, ``energy``
  not inside ``green-energy``); for gazetteers a hyphen separates words
  (``U.S.`` matches in ``U.S.-backed``).
- A term written in lower case matches lower-case text anywhere, and text
  whose first letter only is capitalised at the start of a sentence or right
  after an opening quotation mark or bracket. So ``may`` matches "May we"
  but not "in May 2025", and ``us`` never matches "US".
- A term with any capital letter matches exactly as written ("Kremlin",
  "US", "I").
- A space matches any run of whitespace; ``'`` matches ``'`` and ``’``;
  ``*`` matches any run of letters or digits (``suggest*``: suggests,
  suggested).
- Matches never overlap within one lexicon; where two terms could match at
  the same place the longest wins. A term listed under several categories
  counts for each of them.

All terms of a lexicon are compiled into one regular expression, factored as
a prefix tree. The expression is not run at every character: the texts are
joined and scanned once, with numpy, for word starts whose first few
characters begin some term (a hash of up to six characters looked up in a
sorted table), and the expression is tried only there, in order and skipping
positions inside the previous match, which finds exactly what ``finditer``
finds (only a match start can be skipped, and a match starts at a word start
with a term's first characters). :func:`find_all` shares that scan among
several lexicons over the same texts.

Examples
--------
>>> lex = Lexicon.from_terms([("clearly", "adverb"), ("no doubt", "phrase")], name="boosters")
>>> lex.find(["Clearly, there is no doubt.", "It is clearly so."])[["item", "match", "category"]]
   item     match category
0     0   Clearly   adverb
1     0  no doubt   phrase
2     1   clearly   adverb
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from kzlib.errors import InputError

__all__ = ["MATCH_COLUMNS", "Lexicon", "find_all", "read_lexicon"]

#: Columns of :meth:`Lexicon.find`.
MATCH_COLUMNS: list[str] = ["item", "start", "end", "match", "term", "category"]

_TERM_OK = re.compile(r"\*?[^\W_](?:[\w '’.*+&/-]*[\w.*+])?")
_CATEGORY_OK = re.compile(r"[a-z][a-z0-9_]*")
_WILD = r"\w*"
_OPENERS = "\"'“‘(["
#: Characters of a term hashed to find where it may start: more give fewer false starts
#: but cost a table lookup each (6 was fastest on synthetic articles).
_PREFIX_CHARS = 6
_HASH_MULT = np.uint64(0x100000001B3)
_HASH_MASK = (1 << 64) - 1


def _is_lower(term: str) -> bool:
    return term == term.lower()


#: A regex atom and the characters it matches once whitespace runs are squeezed to
#: one space (None: any number of characters).
_Atom = tuple[str, frozenset[str] | None]


def _atoms(term: str) -> list[_Atom]:
    """The term as regex atoms, one per character of the term."""
    lower = _is_lower(term)
    out: list[_Atom] = []
    for i, ch in enumerate(term):
        if ch == "*":
            out.append((_WILD, None))
        elif ch == " ":
            out.append((r"\s+", frozenset(" ")))
        elif ch.isspace():  # not in a validated term; squeezing would hide it
            out.append((re.escape(ch), None))
        elif ch in "'’":
            out.append(("['’]", frozenset("'’")))
        elif i == 0 and lower and ch.upper() != ch:
            out.append((f"[{re.escape(ch)}{re.escape(ch.upper())}]", frozenset(ch + ch.upper())))
        else:
            out.append((re.escape(ch), frozenset(ch)))
    return out


def _trie_regex(terms: Iterable[str]) -> str:
    """One alternation for all terms, factored by common prefixes (longest first)."""
    end = ""
    trie: dict[str, object] = {}
    for term in terms:
        node: dict[str, object] = trie
        for atom, _ in _atoms(term):
            child = node.setdefault(atom, {})
            assert isinstance(child, dict)
            node = child
        node[end] = {}

    def emit(node: dict[str, object]) -> str:
        keys = sorted((k for k in node if k != end), key=lambda k: (k == _WILD, k))
        alts = []
        for k in keys:
            child = node[k]
            assert isinstance(child, dict)
            alts.append(k + emit(child))
        if not alts:
            return ""
        if end in node:
            return "(?:" + "|".join(alts) + ")?"
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(trie)


def _hash(text: str) -> int:
    """The prefix hash of ``text`` (as :meth:`_Scan.hashes` computes it on arrays)."""
    h = 0
    for ch in text:
        h = (h * int(_HASH_MULT) + ord(ch)) & _HASH_MASK
    return h


def _prefix_keys(atoms: Sequence[_Atom]) -> tuple[int, list[int]]:
    """Hashes of every string the leading fixed-character atoms can match.

    Returns the number of characters hashed (at most :data:`_PREFIX_CHARS`,
    0 if the first atom is a run) and one hash per spelling.
    """
    sets: list[frozenset[str]] = []
    for _, chars in atoms[:_PREFIX_CHARS]:
        if chars is None:
            break
        sets.append(chars)
    spellings = [""]
    for chars in sets:
        spellings = [s + c for s in spellings for c in sorted(chars)]
    return len(sets), [_hash(s) for s in spellings] if sets else []


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'"))


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


def _classes(codes: np.ndarray) -> np.ndarray:
    """:func:`_class_bits` of each code point (the rare ones above 0xFFFF one by one)."""
    out = np.take(_bmp_classes(), codes, mode="clip")
    if len(codes) and codes.max() > 0xFFFF:
        astral = np.flatnonzero(codes > 0xFFFF)
        distinct, inverse = np.unique(codes[astral], return_inverse=True)
        bits = [_class_bits(chr(c)) for c in distinct.tolist()]
        out[astral] = np.array(bits, dtype=np.uint8)[inverse]
    return out


class _Scan:
    r"""Texts joined by newlines, with the hashes that say where a term may start.

    A match starts right after a non-word character (or at 0), at a
    character that can begin a match (``_FIRST``): those positions are
    ``starts``. Hashes are taken over the text with every run of whitespace
    squeezed to one space, as a term's space matches any run (``\s+``); only
    the characters after each start are looked up, not the squeezed text.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.joined = "\n".join(texts)
        lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
        self.offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]) if len(texts) else lengths
        codes = np.frombuffer(self.joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
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
        self._hashes: dict[int, np.ndarray] = {}

    def _squeezed_at(self, squeezed: np.ndarray) -> np.ndarray:
        """Code points at squeezed positions (spaces as " ", 0 past the end)."""
        where = (
            squeezed + np.searchsorted(self._drops, squeezed, side="right")
            if len(self._drops)
            else squeezed
        )
        inside = where < len(self._codes)
        where = np.where(inside, where, 0)
        out = np.where(inside, self._codes[where], 0).astype(np.uint64)
        out[inside & self._space[where]] = ord(" ")
        return out

    def hashes(self, k: int) -> np.ndarray:
        """Hashes of the ``k`` squeezed characters from each start."""
        if k not in self._hashes:
            more = self._squeezed_at(self._start_at + (k - 1))
            # uint64 arithmetic wraps modulo 2**64, as _hash does
            self._hashes[k] = more if k == 1 else self.hashes(k - 1) * _HASH_MULT + more
        return self._hashes[k]

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


def _candidates(lexicons: Sequence[Lexicon], scan: _Scan) -> list[np.ndarray]:
    """For each lexicon, the sorted positions where one of its terms may start.

    The first characters of the terms of all lexicons go into one sorted
    table per length, so each length costs one lookup of all starts.
    """
    hit = np.zeros((len(scan.starts), len(lexicons)), dtype=bool)
    for k in sorted({k for lex in lexicons for k in lex._heads}):
        keys = [lex._heads.get(k, np.zeros(0, np.uint64)) for lex in lexicons]
        table = np.unique(np.concatenate(keys))
        member = np.zeros((len(table), len(lexicons)), dtype=bool)
        for j, lex_keys in enumerate(keys):
            member[np.searchsorted(table, lex_keys), j] = True
        rows, at = _lookup(table, scan.hashes(k))
        hit[rows] |= member[at]
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


@dataclass(frozen=True, eq=False)
class Lexicon:
    """A validated term list, compiled for matching.

    Attributes
    ----------
    name : str
        Short name (``hedges``, ``actors``); used in error messages and measure names.
    terms : DataFrame
        One row per term and category: ``term``, ``category``, ``note``,
        ``line`` (line in the source file; 0 for terms given in code).
    path : str
        Source file ("" for terms given in code).
    hyphen_joins : bool
        Whether a hyphen counts as part of a word at the term's edges.

    Examples
    --------
    >>> Lexicon.from_terms([("Kremlin", "Russia")], name="actors").categories
    ['Russia']
    """

    name: str
    terms: pd.DataFrame = field(repr=False)
    path: str = ""
    hyphen_joins: bool = True
    _pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _exact: dict[str, list[tuple[str, str]]] = field(init=False, repr=False, compare=False)
    _wild: list[tuple[re.Pattern[str], str, str]] = field(init=False, repr=False, compare=False)
    # Hashes of the first characters of the terms, by number of characters.
    _heads: dict[int, np.ndarray] = field(init=False, repr=False, compare=False)
    # For terms with a leading ``*``: where the rest of the term begins.
    _after_wild: list[re.Pattern[str]] = field(init=False, repr=False, compare=False)
    # A term whose start cannot be hashed (not from a validated file): try everywhere.
    _anywhere: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        terms = self.terms["term"].drop_duplicates().tolist()
        edge = r"[\w-]" if self.hyphen_joins else r"\w"
        body = _trie_regex(terms) if terms else "(?!x)x"
        pattern = rf"(?<!{edge})(?:{body})(?:(?<=[^\w*])|(?!{edge}))"
        exact: dict[str, list[tuple[str, str]]] = {}
        wild: list[tuple[re.Pattern[str], str, str]] = []
        for term, category in zip(self.terms["term"], self.terms["category"], strict=True):
            if "*" in term:
                rx = re.compile("".join(atom for atom, _ in _atoms(term)))
                wild.append((rx, term, category))
            else:
                exact.setdefault(_key(term), []).append((term, category))
        heads: dict[int, list[int]] = {}
        after_wild: list[re.Pattern[str]] = []
        anywhere = False
        for term in terms:
            atoms = _atoms(term)
            k, keys = _prefix_keys(atoms)
            heads.setdefault(k, []).extend(keys)
            if k:
                continue
            rest = [atom for atom, _ in atoms[1:]]
            if atoms[0][0] == _WILD and rest and rest[0] not in (_WILD, r"\s+"):
                # One character per match, so finditer tries every position.
                after_wild.append(re.compile(f"{rest[0]}(?={''.join(rest[1:])})"))
            else:
                anywhere = True
        object.__setattr__(self, "_pattern", re.compile(pattern))
        object.__setattr__(self, "_exact", exact)
        object.__setattr__(self, "_wild", wild)
        object.__setattr__(self, "_heads", _sorted_keys(heads))
        object.__setattr__(self, "_after_wild", after_wild)
        object.__setattr__(self, "_anywhere", anywhere)

    @classmethod
    def from_terms(
        cls,
        pairs: Iterable[tuple[str, str]],
        *,
        name: str = "lexicon",
        hyphen_joins: bool = True,
    ) -> Lexicon:
        """Make a lexicon from ``(term, category)`` pairs (validated like a file).

        Examples
        --------
        >>> len(Lexicon.from_terms([("may", "modal"), ("might", "modal")]).terms)
        2
        """
        rows = [{"term": t, "category": c, "note": "", "line": 0} for t, c in pairs]
        for row in rows:
            problem = _term_problem(str(row["term"]))
            if problem:
                raise InputError(f"{name}: term {row['term']!r}: {problem}")
        frame = pd.DataFrame(rows, columns=["term", "category", "note", "line"])
        return cls(name, frame.drop_duplicates(["term", "category"]), "", hyphen_joins)

    @property
    def categories(self) -> list[str]:
        """Categories in order of first appearance in the file."""
        return list(dict.fromkeys(self.terms["category"]))

    @property
    def pattern(self) -> re.Pattern[str]:
        """The compiled alternation of all terms."""
        return self._pattern

    def _identify(self, text: str) -> list[tuple[str, str]]:
        key = _key(text)
        found = self._exact.get(key)
        if found is None and key[:1].isupper():
            cand = self._exact.get(key[:1].lower() + key[1:], [])
            found = [(t, c) for t, c in cand if _is_lower(t)]
        if found:
            return found
        return [(term, category) for rx, term, category in self._wild if rx.fullmatch(text)]

    def find(self, texts: Sequence[str]) -> pd.DataFrame:
        """Every match in each of ``texts`` (one scan over all of them).

        Parameters
        ----------
        texts : sequence of str
            Usually sentences; a capitalised lower-case term is accepted only
            at the start of a text or right after an opening quote or bracket.

        Returns
        -------
        DataFrame
            :data:`MATCH_COLUMNS`: ``item`` (position in ``texts``), ``start``
            and ``end`` (offsets into that text), ``match`` (the text matched),
            ``term`` and ``category`` (one row per category of the term),
            in order of position.

        Examples
        --------
        >>> lex = Lexicon.from_terms([("may", "modal")])
        >>> lex.find(["It may rain in May.", "May it rain?"])[["item", "start", "match"]]
           item  start match
        0     0      3   may
        1     1      0   May
        """
        return find_all([self], texts)[0]

    def _columns(self, scan: _Scan, candidates: np.ndarray) -> _Columns:
        """The :meth:`find` table, as columns, from the matches at the candidate starts."""
        found = _finditer_at(self._pattern, scan.joined, candidates)
        positions = np.fromiter((p for p, _ in found), dtype=np.int64, count=len(found))
        items = np.searchsorted(scan.offsets, positions, side="right") - 1
        locals_ = positions - scan.offsets[items] if len(found) else positions
        # Each distinct matched text is identified once.
        codes, distinct = pd.factorize(pd.Series([t for _, t in found], dtype=object))
        matched = [str(t) for t in distinct]
        ids = [self._identify(t) for t in matched]
        keep = _allowed(scan.texts, matched, ids, codes, items, locals_)
        return _explode(matched, ids, codes[keep], items[keep], locals_[keep])


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


def _sorted_keys(by_length: dict[int, list[int]]) -> dict[int, np.ndarray]:
    return {k: np.unique(np.array(v, dtype=np.uint64)) for k, v in by_length.items() if k}


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
    >>> hedges = Lexicon.from_terms([("may", "modal")])
    >>> months = Lexicon.from_terms([("May", "month")])
    >>> [len(f) for f in find_all([hedges, months], ["It may rain in May."])]
    [1, 1]
    """
    return [found.frame() for found in _find_columns(lexicons, texts)]


def _find_columns(lexicons: Sequence[Lexicon], texts: Sequence[str]) -> list[_Columns]:
    """:func:`find_all` as columns (for callers that need no DataFrame)."""
    scan = _Scan(texts)
    starts = _candidates(lexicons, scan)
    return [lex._columns(scan, cand) for lex, cand in zip(lexicons, starts, strict=True)]


def _term_problem(term: str) -> str:
    if not term:
        return "empty term"
    if term != term.strip() or "  " in term:
        return "leading, trailing or double spaces"
    if not _TERM_OK.fullmatch(term):
        return (
            "a term must start with a letter or digit, end with a letter, digit, '.', '+' or '*',"
            " and contain only letters, digits, spaces and ' - . * + & /"
        )
    return ""


def read_lexicon(
    path: str | Path,
    *,
    name: str | None = None,
    term_column: str = "term",
    category_column: str = "category",
    optional_columns: Sequence[str] = ("note",),
    category_pattern: str | None = _CATEGORY_OK.pattern,
    hyphen_joins: bool = True,
) -> Lexicon:
    """Read and validate a lexicon CSV.

    Parameters
    ----------
    path : str or Path
        The CSV file (UTF-8, header row first).
    name : str, optional
        Name of the lexicon; defaults to the file name up to its first dot.
    term_column, category_column : str
        Columns holding the term and its category.
    optional_columns : sequence of str
        Further columns the file may have; any other column is an error
        (a misspelt header would otherwise be silently ignored).
    category_pattern : str or None
        Regular expression every category must match in full (default:
        lower case letters, digits and ``_``, as categories become parts of
        measure names); None accepts any non-empty category.
    hyphen_joins : bool
        See :class:`Lexicon`.

    Returns
    -------
    Lexicon

    Raises
    ------
    InputError
        Naming the file and line: unreadable or empty file, missing or
        unknown column, wrong number of fields, empty or malformed term or
        category, a term listed twice under the same category.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "hedges.v1.csv"
    >>> _ = p.write_text("term,category,note\\nmay,modal,\\nperhaps,adverb,\\n")
    >>> read_lexicon(p).terms["term"].tolist()
    ['may', 'perhaps']
    """
    path = Path(path)
    name = name or path.name.split(".")[0]
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: file not found; check the path or restore the file") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 ({exc.reason}); save it as UTF-8 CSV") from None
    lines = content.splitlines()
    if not any(line.strip() for line in lines):
        raise InputError(f"{path}: file is empty; it needs a header row and at least one term")
    reader = csv.reader(lines)
    header = [h.strip() for h in next(reader)]
    required = [term_column, category_column]
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(
            f"{path}:1: missing column(s) {', '.join(missing)}; "
            f"the header must be {','.join([*required, *optional_columns])}"
        )
    unknown = [c for c in header if c not in required and c not in optional_columns]
    if unknown:
        raise InputError(
            f"{path}:1: unknown column(s) {', '.join(unknown)}; "
            f"allowed: {','.join([*required, *optional_columns])}"
        )
    cat_rx = re.compile(category_pattern) if category_pattern else None
    seen: dict[tuple[str, str], int] = {}
    rows: list[dict[str, object]] = []
    for fields in reader:
        line = reader.line_num
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != len(header):
            raise InputError(
                f"{path}:{line}: {len(fields)} fields, expected {len(header)} ({','.join(header)});"
                " quote a field that contains a comma"
            )
        row = dict(zip(header, fields, strict=True))
        term, category = row[term_column], row[category_column].strip()
        problem = _term_problem(term)
        if problem:
            raise InputError(f"{path}:{line}: {term_column} {term!r}: {problem}")
        if not category:
            raise InputError(f"{path}:{line}: empty {category_column} for {term!r}; fill it in")
        if cat_rx is not None and not cat_rx.fullmatch(category):
            raise InputError(
                f"{path}:{line}: {category_column} {category!r} must be lower case letters, "
                "digits and _ (it becomes part of a measure name)"
            )
        key = (_key(term), category)
        if key in seen:
            raise InputError(
                f"{path}:{line}: {term!r} is listed twice under {category!r} "
                f"(also line {seen[key]}); delete one"
            )
        seen[key] = line
        extra = {c: row.get(c, "").strip() for c in optional_columns}
        rows.append({"term": term, "category": category, **extra, "line": line})
    if not rows:
        raise InputError(f"{path}: no terms; add at least one row below the header")
    frame = pd.DataFrame(rows, columns=["term", "category", *optional_columns, "line"])
    frame["line"] = frame["line"].astype("int64")
    return Lexicon(name, frame, str(path), hyphen_joins)
