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

The lexicons of a folder
------------------------
:func:`load_lexicons` reads every ``<name>.v<N>.csv`` of a folder (default
``data/lexicons/``, highest version of each name) into :class:`Lexicons`; the
rhetoric measures use ``hedges``, ``boosters``, ``attribution``,
``first_person``, ``frames``, ``metaphors`` and ``negators``
(:data:`REQUIRED_LEXICONS`) and count any other file as a family of rates.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from kzlib.errors import InputError
from kzlib.paths import LEXICON_DIR
from kzlib.rhetoric.pattern import (
    _WILD,
    _atoms,
    _is_lower,
    _key,
    _prefix_keys,
    _sorted_keys,
    _trie_regex,
)
from kzlib.rhetoric.scan import (
    _allowed,
    _Columns,
    _explode,
    _finditer_at,
    _Scan,
    find_all,
)

__all__ = ["REQUIRED_LEXICONS", "Lexicon", "Lexicons", "load_lexicons", "read_lexicon"]

#: Lexicon files every lexicon folder must have (``<name>.v<N>.csv``).
REQUIRED_LEXICONS: tuple[str, ...] = (
    "hedges",
    "boosters",
    "attribution",
    "first_person",
    "frames",
    "metaphors",
    "negators",
)


_SINGLE = {
    "hedges": "hedges_per_1k",
    "boosters": "boosters_per_1k",
    "attribution": "attribution_per_1k",
    "first_person": "first_person_per_1k",
}
_FAMILY = {"frames": "frame_per_1k", "metaphors": "metaphor_per_1k"}


_FILE_RE = re.compile(r"([a-z][a-z0-9_]*)\.v([0-9]+)\.csv")
_TERM_OK = re.compile(r"\*?[^\W_](?:[\w '’.*+&/-]*[\w.*+])?")
_CATEGORY_OK = re.compile(r"[a-z][a-z0-9_]*")


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


# ---------------------------------------------------------------------------
# the lexicons of a folder


@dataclass(frozen=True, eq=False)
class Lexicons:
    """The rhetoric lexicons of one folder, by name.

    Attributes
    ----------
    folder : str
        Where they were read from.
    by_name : dict of str to Lexicon
        ``hedges``, ``boosters``, ``attribution``, ``first_person``,
        ``frames``, ``metaphors``, ``negators`` and any other
        ``<name>.v<N>.csv`` in the folder (highest version of each name).
    files : dict of str to str
        The file read for each name (e.g. ``hedges.v1.csv``).

    Examples
    --------
    >>> lex = load_lexicons()
    >>> lex.files["hedges"]
    'hedges.v1.csv'
    """

    folder: str
    by_name: dict[str, Lexicon]
    files: dict[str, str]

    def __getitem__(self, name: str) -> Lexicon:
        return self.by_name[name]

    def rate_measures(self) -> list[tuple[str, str, str | None]]:
        """``(measure, lexicon, category)`` for every per-1k measure, in output order.

        ``category`` is None for measures that count the whole lexicon.

        Examples
        --------
        >>> load_lexicons().rate_measures()[0]
        ('hedges_per_1k', 'hedges', None)
        """
        out: list[tuple[str, str, str | None]] = [
            (measure, name, None) for name, measure in _SINGLE.items()
        ]
        for name, lex in self.by_name.items():
            if name in _SINGLE or name == "negators":
                continue
            prefix = _FAMILY.get(name, f"{name}_per_1k")
            out.extend((f"{prefix}:{cat}", name, cat) for cat in lex.categories)
        return out


def load_lexicons(
    folder: str | Path | None = None, *, extra: Sequence[str | Path] = ()
) -> Lexicons:
    """Read and validate every lexicon in a folder, and a researcher's own files.

    Files are named ``<name>.v<N>.csv`` (lower-case name, version number);
    when a name has several versions the highest is used. Other files
    (README.md) are ignored. Each file is checked by
    :func:`kzlib.rhetoric.lexicon.read_lexicon` (header ``term,category,note``).

    Parameters
    ----------
    folder : str or Path, optional
        Default ``data/lexicons/``. A relative path is taken as given (from the
        working directory); notebooks pass it through
        :func:`kzlib.paths.resolve_path` first.
    extra : sequence of str or Path
        Lexicon CSVs (same format, named ``<name>.v<N>.csv``) that extend the
        folder's: a file named like a lexicon of the folder adds its rows to
        it (``frames.v3.csv`` adds frames); a new name adds a lexicon, whose
        categories become measures ``<name>_per_1k:<category>``. To replace
        the shipped lexicons instead, pass a folder of your own.

    Returns
    -------
    Lexicons

    Raises
    ------
    InputError
        The folder is missing, a CSV is misnamed, one of
        :data:`REQUIRED_LEXICONS` is missing, or a row is bad (file and line).

    Examples
    --------
    >>> sorted(load_lexicons().by_name)[:3]
    ['attribution', 'boosters', 'first_person']
    """
    path = Path(folder) if folder is not None else LEXICON_DIR
    if not path.is_dir():
        raise InputError(
            f"{path}: lexicon folder not found; give a folder of <name>.v<N>.csv files"
        )
    chosen: dict[str, tuple[int, Path]] = {}
    for file in sorted(path.glob("*.csv")):
        m = _FILE_RE.fullmatch(file.name)
        if not m:
            raise InputError(
                f"{file}: lexicon files are named <name>.v<N>.csv (e.g. hedges.v1.csv); rename it"
            )
        name, version = m.group(1), int(m.group(2))
        if name not in chosen or version > chosen[name][0]:
            chosen[name] = (version, file)
    missing = [n for n in REQUIRED_LEXICONS if n not in chosen]
    if missing:
        raise InputError(
            f"{path}: missing lexicon(s) {', '.join(n + '.v1.csv' for n in missing)}; "
            "copy them from data/lexicons/"
        )
    order = [*REQUIRED_LEXICONS, *sorted(n for n in chosen if n not in REQUIRED_LEXICONS)]
    by_name = {n: read_lexicon(chosen[n][1], name=n) for n in order}
    files = {n: chosen[n][1].name for n in order}
    for item in extra:
        _add_lexicon(Path(item), by_name, files)
    return Lexicons(str(path), by_name, files)


def _add_lexicon(file: Path, by_name: dict[str, Lexicon], files: dict[str, str]) -> None:
    """Add the rows of a user's lexicon file to the lexicon of its name (or a new one)."""
    m = _FILE_RE.fullmatch(file.name)
    if not m:
        raise InputError(
            f"{file}: lexicon files are named <name>.v<N>.csv (e.g. frames.v3.csv); rename it"
        )
    if not file.is_file():
        raise InputError(f"{file}: lexicon file not found; give the path of a CSV")
    name = m.group(1)
    added = read_lexicon(file, name=name)
    if name not in by_name:
        by_name[name], files[name] = added, file.name
        return
    old = by_name[name]
    terms = pd.concat([old.terms, added.terms], ignore_index=True)
    terms = terms.drop_duplicates(["term", "category"]).reset_index(drop=True)
    by_name[name] = Lexicon(name, terms, f"{old.path} + {file}", old.hyphen_joins)
    files[name] = f"{files[name]} + {file.name}"
