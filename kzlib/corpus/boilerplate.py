"""Ceremonial and procedural sentences: salutations, thanks, congratulations, formulas.

Speeches and many news texts open and close with sentences that carry no
topic: "Mr. President, Excellencies, ladies and gentlemen", "Allow me to
congratulate you on your election", "I have the honour to ...", "Thank you
for your attention", "Reporting by ...". Left in, they win the topics and the
keyness lists of any corpus of speeches. This module finds them so analyses
can leave them out while the text keeps them.

Two sources of evidence, both reported per sentence by :func:`boilerplate_frame`:

- **Rules** (``data/boilerplate/boilerplate.v1.csv``, codebook in its README):
  a regular expression per rule, searched case-insensitively in the sentence.
  ``position`` ``edge`` rules count only in the first or last ``edge`` body
  sentences of a document (formulas such as "allow me to" or "on behalf of"
  open speeches but may start a substantive sentence in the middle).
  A rule with ``max_rest`` (salutations, a bare "thank you") flags a sentence
  only when, once every salutation-like match is removed, at most
  ``max_rest`` words are left: "Mr. President, ladies and gentlemen," is
  flagged, "Mr. President, the climate crisis is upon us." is not.
- **Recurrence** (corpus-level): the *shape* of each opening and closing
  sentence (:func:`sentence_shape`: lower case, numbers and ordinals as
  ``#``, capitalised words inside the sentence as ``n``) is counted over
  documents; a shape found at the edges of at least ``min_docs`` documents
  and ``min_share`` of all documents is boilerplate of this corpus ("may n
  live forever", "reporting by n editing by n"). The counts of separate
  batches add up (:func:`edge_shape_counts`), so a streamed corpus can pass
  the merged counts back as ``shapes``.

Only ``kind == "body"`` sentences are flagged; headings never are.

Examples
--------
>>> import pandas as pd
>>> sents = pd.DataFrame({
...     "doc_id": ["a"] * 4, "sent_id": [0, 1, 2, 3], "kind": ["body"] * 4,
...     "text": ["Mr. President, Excellencies,",
...              "I congratulate you on your election.",
...              "Drought is spreading across the Sahel.",
...              "Thank you for your attention."]})
>>> boilerplate_mask(sents, recurring=False).tolist()
[True, True, False, True]
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from kzlib.errors import InputError
from kzlib.paths import BOILERPLATE_DIR

__all__ = [
    "AUDIT_KIND",
    "BOILERPLATE_COLUMNS",
    "BOILERPLATE_FILE",
    "Rule",
    "boilerplate_frame",
    "boilerplate_mask",
    "ceremonial_words",
    "edge_positions",
    "edge_shape_counts",
    "read_rules",
    "recurring_shapes",
    "sentence_shape",
    "strip_salutations",
    "without_boilerplate",
]

#: The shipped rule list (codebook: ``data/boilerplate/README.md``).
BOILERPLATE_FILE: Path = BOILERPLATE_DIR / "boilerplate.v1.csv"
#: Columns of :func:`boilerplate_frame`.
BOILERPLATE_COLUMNS: list[str] = ["doc_id", "sent_id", "reason", "rule"]
#: Reason of a sentence flagged because its shape recurs at many documents' edges.
RECURRING = "recurring"
#: ``kind`` of the rows :func:`boilerplate_audit` adds to the cleaning audit.
AUDIT_KIND = "boilerplate"

_RULE_COLUMNS = ["rule", "category", "position", "max_rest", "cue", "pattern", "example", "note"]
_NAME_OK = re.compile(r"[a-z][a-z0-9_]*")
_POSITIONS = ("any", "edge")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_LEAD_NUMBER = re.compile(r"^\W*\d+[.)]\s*")
_ORDINAL = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]?)?"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth|hundredth)"
)
#: A number or number word; the lookahead (the first characters any of them can
#: start with) lets the engine skip most word starts without trying the alternation
#: (3x faster on UN speeches, same matches).
_NUMBERISH = re.compile(
    rf"\b(?=[\defhnost])(?:\d[\d,.:/]*(?:st|nd|rd|th|s)?|{_ORDINAL}|(?:one|two|three|four|five|six|seven|eight|"
    r"nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"thousand)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"(?<=[\s(\"“‘'-])[A-Z][\w'’.-]*")
_NON_WORD = re.compile(r"[^\w#]+")
_NAME_RUN = re.compile(r"\bn(?: (?:(?:of|and|for|de|the) )*n)+\b")
#: Characters of a sentence kept for its shape (long sentences rarely recur anyway).
_SHAPE_CHARS = 300


@dataclass(frozen=True)
class Rule:
    """One row of the rule file.

    Attributes
    ----------
    rule : str
        Identifier (lower case, ``_``), reported in :func:`boilerplate_frame`.
    category : str
        The reason reported (salutation, thanks, congratulation, ...).
    position : str
        ``any`` or ``edge`` (first or last ``edge`` body sentences only).
    max_rest : int or None
        Flag only if at most this many words remain once every match of a
        rule with ``max_rest`` is removed; None flags on any match.
    cues : tuple of str
        Lower-case substrings, one of which a sentence must contain (lower-cased)
        for the pattern to be tried: a speed hint; empty tries every sentence.
    pattern : re.Pattern
        Compiled case-insensitively.
    example : str
        A sentence the rule must flag (checked on reading).
    """

    rule: str
    category: str
    position: str
    max_rest: int | None
    cues: tuple[str, ...]
    pattern: re.Pattern[str]
    example: str


def _rule_from_row(path: Path, line: int, row: dict[str, str]) -> Rule:
    where = f"{path}:{line}"
    name, category = row["rule"].strip(), row["category"].strip()
    for label, value in (("rule", name), ("category", category)):
        if not _NAME_OK.fullmatch(value):
            raise InputError(f"{where}: {label} {value!r} must be lower-case letters, digits, _")
    position = row["position"].strip()
    if position not in _POSITIONS:
        raise InputError(f"{where}: position {position!r} must be one of {', '.join(_POSITIONS)}")
    rest = row["max_rest"].strip()
    if rest and not rest.isdigit():
        raise InputError(f"{where}: max_rest {rest!r} must be empty or a whole number >= 0")
    try:
        pattern = re.compile(row["pattern"], re.IGNORECASE)
    except re.error as exc:
        raise InputError(f"{where}: pattern does not compile ({exc}); fix the expression") from None
    if not row["pattern"].strip():
        raise InputError(f"{where}: empty pattern; write a regular expression")
    cues = tuple(c for c in row["cue"].split("|") if c)
    if any(c != c.lower() for c in cues):
        raise InputError(f"{where}: cue {row['cue']!r} must be lower case (| between cues)")
    max_rest = int(rest) if rest else None
    return Rule(name, category, position, max_rest, cues, pattern, row["example"])


def read_rules(path: str | Path | None = None) -> list[Rule]:
    """Read and check a boilerplate rule file.

    Parameters
    ----------
    path : str or Path, optional
        A CSV with columns ``rule, category, position, max_rest, cue,
        pattern, example, note``; default :data:`BOILERPLATE_FILE`.

    Returns
    -------
    list of Rule
        In file order.

    Raises
    ------
    InputError
        Naming the file and line: missing or unknown column, bad name or
        position, a pattern that does not compile, a duplicate rule id, or an
        example its own rule does not flag.

    Examples
    --------
    >>> [r.rule for r in read_rules()][:2]
    ['vocative_president', 'vocative_excellency']
    """
    return list(_read_rules(Path(path) if path is not None else BOILERPLATE_FILE))


@cache
def _read_rules(path: Path) -> tuple[Rule, ...]:
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: file not found; give a boilerplate rule CSV") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 ({exc.reason}); save it as UTF-8 CSV") from None
    reader = csv.DictReader(content.splitlines())
    header = list(reader.fieldnames or [])
    if sorted(header) != sorted(_RULE_COLUMNS):
        raise InputError(f"{path}:1: the header must be {','.join(_RULE_COLUMNS)}")
    rules: list[Rule] = []
    seen: set[str] = set()
    for row in reader:
        line = reader.line_num
        if None in row or any(v is None for v in row.values()):
            raise InputError(f"{path}:{line}: wrong number of fields; quote fields with commas")
        rule = _rule_from_row(path, line, row)
        if rule.rule in seen:
            raise InputError(f"{path}:{line}: rule {rule.rule!r} is listed twice; rename one")
        seen.add(rule.rule)
        rules.append(rule)
    if not rules:
        raise InputError(f"{path}: no rules; add at least one row below the header")
    for rule, line in zip(rules, range(2, len(rules) + 2), strict=True):
        if not _rule_hits([rule.example], rules, edge_ok=np.ones(1, dtype=bool))[rule.rule][0]:
            raise InputError(
                f"{path}: rule {rule.rule!r} (row {line - 1}) does not flag its own example "
                f"{rule.example!r}; fix the pattern or the example"
            )
    return tuple(rules)


def _rest_words(text: str, rules: Sequence[Rule]) -> int:
    """Words left in ``text`` once every match of a ``max_rest`` rule is removed."""
    for rule in rules:
        if rule.max_rest is not None:
            text = rule.pattern.sub(" ", text)
    return len(_WORD.findall(text))


def _contains_any(lowered: pd.Series, cues: tuple[str, ...]) -> np.ndarray:
    """Which (lower-cased) texts contain one of the cues: one vectorised scan."""
    pattern = "|".join(re.escape(c) for c in cues)
    found = lowered.str.contains(pattern, regex=True)
    return found.to_numpy(dtype=bool, na_value=False)


def _cue_rows(
    lowered: pd.Series, rules: Sequence[Rule], rows: Sequence[np.ndarray]
) -> list[np.ndarray]:
    """For each rule, those of its ``rows`` of ``lowered`` that hold one of its cues.

    A rule without cues keeps all its rows. One scan for the cues of every
    rule comes first: on UN speeches a quarter of the sentences hold any, so
    each rule's own scan reads only those (3x faster than a scan per rule of
    every text).
    """
    cues = tuple(sorted({c for rule in rules for c in rule.cues}))
    some = np.ones(len(lowered), dtype=bool)
    if cues and sum(bool(rule.cues) for rule in rules) > 1:
        some = _contains_any(lowered, cues)
    out = []
    for rule, where in zip(rules, rows, strict=True):
        if rule.cues:
            where = where[some[where]]
            where = where[_contains_any(lowered.iloc[where], rule.cues)]
        out.append(where)
    return out


def _rule_hits(
    texts: Sequence[str], rules: Sequence[Rule], *, edge_ok: np.ndarray
) -> dict[str, np.ndarray]:
    """For each rule, which texts it flags (``edge_ok``: the text is at a document edge)."""
    n = len(texts)
    lowered = pd.Series(list(texts), dtype="str").str.lower()
    hits: dict[str, np.ndarray] = {}
    rest: dict[int, int] = {}
    edge_rows, all_rows = np.flatnonzero(edge_ok), np.arange(n)
    bases = [edge_rows if rule.position == "edge" else all_rows for rule in rules]
    for rule, where in zip(rules, _cue_rows(lowered, rules, bases), strict=True):
        search = rule.pattern.search
        found = np.zeros(n, dtype=bool)
        for i in where.tolist():
            if search(texts[i]) is None:
                continue
            if rule.max_rest is not None:
                if i not in rest:
                    rest[i] = _rest_words(texts[i], rules)
                if rest[i] > rule.max_rest:
                    continue
            found[i] = True
        hits[rule.rule] = found
    return hits


def strip_salutations(
    texts: Sequence[str], *, rules: str | Path | Sequence[Rule] | None = None
) -> list[str]:
    """The texts with every match of a ``max_rest`` rule (forms of address, a bare
    "thank you", blessings) blanked out by as many spaces, so offsets still hold.

    For the sentences that :func:`boilerplate_mask` keeps because they say more
    than a salutation ("Mr. President, the climate crisis is upon us."): a
    topic model or keyness count run on the stripped text does not count
    "president" or "excellencies" there.

    Examples
    --------
    >>> strip_salutations(["Mr. President, drought is spreading."])
    ['             , drought is spreading.']
    """
    phrase_rules = [r for r in _rule_list(rules) if r.max_rest is not None]
    out = list(texts)
    if not out or not phrase_rules:
        return out
    lowered = pd.Series(out, dtype="str").str.lower()
    # which texts hold a cue of each rule: one vectorised scan per rule, not a loop per text
    tried = np.zeros((len(phrase_rules), len(out)), dtype=bool)
    every = [np.arange(len(out))] * len(phrase_rules)
    for j, rows in enumerate(_cue_rows(lowered, phrase_rules, every)):
        tried[j, rows] = True
    for i in np.flatnonzero(tried.any(axis=0)).tolist():
        text = out[i]
        for rule in (r for r, ok in zip(phrase_rules, tried[:, i], strict=True) if ok):
            text = rule.pattern.sub(_spaces, text)
        out[i] = text
    return out


def _spaces(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _rule_list(rules: str | Path | Sequence[Rule] | None) -> list[Rule]:
    if isinstance(rules, Sequence) and not isinstance(rules, str):
        return list(rules)
    return read_rules(rules)


def sentence_shape(text: str) -> str:
    """The sentence with what varies between documents masked, for counting recurrences.

    A leading paragraph number is dropped; words capitalised inside the
    sentence become ``n`` (runs of them one ``n``), numbers and ordinal or
    cardinal number words ``#``; the rest is lower-cased, with punctuation
    squeezed to single spaces. Only the first 300 characters are used.

    Examples
    --------
    >>> sentence_shape("12. Long live the Republic of Ghana!")
    'long live the n'
    >>> sentence_shape("We meet at the seventy-ninth session.")
    'we meet at the # session'
    """
    text = _LEAD_NUMBER.sub("", text[:_SHAPE_CHARS])
    text = _NUMBERISH.sub("#", text)
    text = _NAME.sub("n", text).lower()
    text = _NON_WORD.sub(" ", text).strip()
    return _NAME_RUN.sub("n", text)


def edge_positions(sentences: pd.DataFrame, *, edge: int = 5) -> pd.Series:
    """Which rows are among the first or last ``edge`` body sentences of their document.

    Rows are ranked by ``sent_id`` within ``doc_id``; headings are never at an edge.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a"] * 5, "sent_id": range(5), "kind": ["body"] * 5})
    >>> edge_positions(s, edge=2).tolist()
    [True, True, False, True, True]
    """
    _check_columns(sentences, ["doc_id", "sent_id"], "sentences")
    if not isinstance(edge, int) or edge < 0:
        raise InputError(f"edge={edge!r}: give a whole number of sentences >= 0")
    body = _body(sentences)
    out = pd.Series(False, index=sentences.index)
    if not body.any():
        return out
    frame = sentences.loc[body, ["doc_id", "sent_id"]]
    rank = frame.groupby("doc_id", sort=False)["sent_id"].rank(method="first") - 1
    size = frame.groupby("doc_id", sort=False)["sent_id"].transform("size")
    out.loc[body] = (rank < edge) | (rank >= size - edge)
    return out


def edge_shape_counts(sentences: pd.DataFrame, *, edge: int = 5) -> pd.Series:
    """In how many documents each sentence shape occurs among the edge sentences.

    Counts of batches with different documents add up
    (``a.add(b, fill_value=0)``), for corpora read in parts.

    Returns
    -------
    Series
        Number of documents (int) by shape, largest first; the empty shape is left out.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "a", "b"], "sent_id": [0, 1, 0],
    ...                   "kind": "body", "text": ["Thank you.", "I thank you.", "Thank you!"]})
    >>> edge_shape_counts(s).to_dict()
    {'thank you': 2, 'i thank you': 1}
    """
    _check_columns(sentences, ["doc_id", "sent_id", "text"], "sentences")
    at_edge = edge_positions(sentences, edge=edge).to_numpy()
    return _count_shapes(sentences["doc_id"].to_numpy()[at_edge], _edge_shapes(sentences, at_edge))


def _edge_shapes(sentences: pd.DataFrame, at_edge: np.ndarray) -> list[str]:
    """:func:`sentence_shape` of each row where ``at_edge``, in table order."""
    return [sentence_shape(str(t)) for t in sentences["text"].to_numpy()[at_edge]]


def _count_shapes(doc_ids: np.ndarray, shapes: list[str]) -> pd.Series:
    frame = pd.DataFrame({"doc_id": doc_ids, "shape": shapes})
    frame = frame[frame["shape"] != ""]
    counts = frame.drop_duplicates().groupby("shape")["doc_id"].size()
    counts = counts.sort_values(ascending=False, kind="stable").astype("int64")
    counts.index.name = "shape"
    return counts.rename("docs")


def recurring_shapes(
    counts: pd.Series, *, n_docs: int, min_docs: int = 3, min_share: float = 0.01
) -> set[str]:
    """Shapes found at the edges of at least ``max(min_docs, ceil(min_share * n_docs))`` documents.

    Parameters
    ----------
    counts : Series
        :func:`edge_shape_counts` (merged over batches if read in parts).
    n_docs : int
        Documents in the corpus.
    min_docs, min_share : int, float
        The smallest count and share of documents that makes a shape recur.

    Examples
    --------
    >>> recurring_shapes(pd.Series({"thank you": 40, "we meet": 2}), n_docs=100)
    {'thank you'}
    """
    if not isinstance(min_docs, int) or min_docs < 1:
        raise InputError(f"min_docs={min_docs!r}: give a whole number >= 1")
    if not 0 <= min_share <= 1:
        raise InputError(f"min_share={min_share!r}: give a share between 0 and 1")
    need = max(min_docs, math.ceil(min_share * n_docs))
    return {str(s) for s, c in counts.items() if c >= need}


def _check_columns(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(
            f"{what}: missing column(s) {', '.join(missing)}; "
            "pass the table of kzlib.corpus.sentences_frame"
        )


def _body(sentences: pd.DataFrame) -> pd.Series:
    if "kind" not in sentences.columns:
        return pd.Series(True, index=sentences.index)
    return sentences["kind"] == "body"


def boilerplate_frame(
    sentences: pd.DataFrame,
    *,
    rules: str | Path | Sequence[Rule] | None = None,
    recurring: bool = True,
    edge: int = 5,
    min_docs: int = 3,
    min_share: float = 0.01,
    shapes: set[str] | None = None,
) -> pd.DataFrame:
    """The boilerplate sentences of a sentence table, with the reason for each.

    Parameters
    ----------
    sentences : DataFrame
        :func:`kzlib.corpus.sentences_frame` (``doc_id``, ``sent_id``,
        ``text``; ``kind`` if present: only ``body`` rows are flagged).
    rules : path or list of Rule, optional
        Default :data:`BOILERPLATE_FILE`; ``[]`` uses recurrence only.
    recurring : bool
        Also flag edge sentences whose shape recurs across documents.
    edge : int
        Opening and closing body sentences per document that ``edge`` rules
        and the recurrence step look at.
    min_docs, min_share : int, float
        See :func:`recurring_shapes`.
    shapes : set of str, optional
        Recurring shapes computed elsewhere (a streamed corpus: from
        :func:`edge_shape_counts` merged over batches); default: from ``sentences``.

    Returns
    -------
    DataFrame
        :data:`BOILERPLATE_COLUMNS`, one row per flagged sentence in table
        order: ``reason`` is the rule's category or ``recurring``, ``rule`` the
        rule id or ``recurring:<shape>``. The first rule in file order wins.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 1], "kind": "body",
    ...                   "text": ["I have the honour to speak.", "Wheat prices rose."]})
    >>> boilerplate_frame(s, recurring=False)[["sent_id", "reason", "rule"]]
       sent_id   reason            rule
    0        0  formula  honour_formula
    """
    _check_columns(sentences, ["doc_id", "sent_id", "text"], "sentences")
    rule_list = _rule_list(rules)
    at_edge = edge_positions(sentences, edge=edge).to_numpy()
    body = _body(sentences).to_numpy()
    texts = [str(t) for t in sentences["text"].to_numpy(dtype=object)]
    reason = np.full(len(texts), "", dtype=object)
    rule_id = np.full(len(texts), "", dtype=object)
    hits = _rule_hits(texts, rule_list, edge_ok=at_edge) if rule_list else {}
    for rule in rule_list:
        new = hits[rule.rule] & body & (reason == "")
        reason[new], rule_id[new] = rule.category, rule.rule
    if recurring:
        # each edge sentence's shape, computed once: for the counts and for the flags
        edge_rows = np.flatnonzero(at_edge)
        shape_of = dict(zip(edge_rows.tolist(), _edge_shapes(sentences, at_edge), strict=True))
        if shapes is None:
            counts = _count_shapes(sentences["doc_id"].to_numpy()[at_edge], list(shape_of.values()))
            n_docs = int(sentences.loc[body, "doc_id"].nunique())
            shapes = recurring_shapes(counts, n_docs=n_docs, min_docs=min_docs, min_share=min_share)
        for i in np.flatnonzero(at_edge & body & (reason == "")).tolist():
            shape = shape_of[i]
            if shape in shapes:
                reason[i], rule_id[i] = RECURRING, f"{RECURRING}:{shape}"
    flagged = reason != ""
    return pd.DataFrame(
        {
            "doc_id": sentences["doc_id"].to_numpy()[flagged],
            "sent_id": sentences["sent_id"].to_numpy()[flagged],
            "reason": reason[flagged].astype(str),
            "rule": rule_id[flagged].astype(str),
        },
        columns=BOILERPLATE_COLUMNS,
    )


def boilerplate_mask(
    sentences: pd.DataFrame,
    *,
    rules: str | Path | Sequence[Rule] | None = None,
    recurring: bool = True,
    edge: int = 5,
    min_docs: int = 3,
    min_share: float = 0.01,
    shapes: set[str] | None = None,
) -> pd.Series:
    """True for each boilerplate sentence, aligned with the table's index.

    Takes the options of :func:`boilerplate_frame`. To leave boilerplate out of
    an analysis: ``sentences[~boilerplate_mask(sentences)]``.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 1], "kind": "body",
    ...                   "text": ["Ladies and gentlemen,", "Wheat prices rose."]})
    >>> boilerplate_mask(s).tolist()
    [True, False]
    """
    frame = boilerplate_frame(
        sentences,
        rules=rules,
        recurring=recurring,
        edge=edge,
        min_docs=min_docs,
        min_share=min_share,
        shapes=shapes,
    )
    keys = pd.MultiIndex.from_frame(frame[["doc_id", "sent_id"]])
    rows = pd.MultiIndex.from_arrays([sentences["doc_id"], sentences["sent_id"]])
    return pd.Series(rows.isin(keys), index=sentences.index, name="boilerplate")


def ceremonial_words(
    sentences: pd.DataFrame, mask: pd.Series, *, min_share: float = 0.5, min_count: int = 5
) -> set[str]:
    """Words used mostly in boilerplate: at least ``min_share`` of their uses are in flagged rows.

    "thank", "excellencies", "congratulate" in a corpus of speeches: the
    sentences that say more than a formula ("I thank the Secretary-General for
    his report on ...") still carry them. Counted on lower-cased runs of
    letters, over body rows; a word needs ``min_count`` uses in flagged rows.

    Examples
    --------
    >>> s = pd.DataFrame({"text": ["Thank you.", "Thank you all.", "We thank donors for rice."]})
    >>> sorted(ceremonial_words(s, pd.Series([True, True, False]), min_count=2))
    ['thank', 'you']
    """
    if not bool(mask.any()):
        return set()
    texts = sentences["text"].astype(str)
    flags = mask.reindex(texts.index).fillna(False).to_numpy(dtype=bool)
    flagged = _letter_words(texts[flags].tolist())
    candidates = {w for w, n in flagged.items() if n >= min_count}
    if not candidates:
        return set()
    total = _letter_words(texts.tolist(), keep=candidates)
    return {w for w in candidates if flagged[w] / total[w] >= min_share}


#: Lower-cased runs of two or more letters: the words :func:`ceremonial_words` counts.
_LETTERS = re.compile(r"[^\W\d_]{2,}")
#: The same on ASCII text: ``[^\W\d_]`` is ``[A-Za-z]`` there, and the ASCII class
#: is scanned 2.5x faster than the Unicode one.
_LETTERS_ASCII = re.compile(r"[^\W\d_]{2,}", re.ASCII)
#: Texts joined per :func:`_letter_words` scan (one regex call per chunk, not per text).
_CHUNK = 20_000


def _letter_words(texts: list[str], *, keep: set[str] | None = None) -> Counter[str]:
    """Occurrences of each lower-cased word of ``texts`` (only ``keep``, if given).

    Counted a chunk of texts at a time, never as one list of the corpus's
    words (an exploded Series of 32 million words took gigabytes). The ASCII
    texts (97 % of UN sentences) are scanned apart, with the ASCII twin of the
    pattern: the counts do not depend on the order of the texts.
    """
    ascii_texts = [t for t in texts if t.isascii()]
    other = [t for t in texts if not t.isascii()] if len(ascii_texts) < len(texts) else []
    counts: Counter[str] = Counter()
    for group, pattern in ((ascii_texts, _LETTERS_ASCII), (other, _LETTERS)):
        for lo in range(0, len(group), _CHUNK):
            found = pattern.findall("\n".join(group[lo : lo + _CHUNK]).lower())
            if keep is None:
                counts.update(found)
            else:
                chunk = Counter(found)
                counts.update({w: chunk[w] for w in keep if w in chunk})
    return counts


def without_boilerplate(
    sentences: pd.DataFrame,
    *,
    rules: str | Path | Sequence[Rule] | None = None,
    recurring: bool = True,
    shapes: set[str] | None = None,
    ceremonial: bool = True,
) -> pd.DataFrame:
    """The sentence table an analysis counts: boilerplate rows left out, salutations blanked.

    What topics and keyness use by default (their ``boilerplate`` option): the
    sentences :func:`boilerplate_mask` flags are dropped; in the others, forms
    of address are blanked by :func:`strip_salutations` and, with
    ``ceremonial``, so are the :func:`ceremonial_words` of the table (offsets
    hold). The corpus text is not changed; the flagged sentences go to the
    cleaning audit (:func:`kzlib.corpus.audit.boilerplate_audit`).

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 1], "kind": "body",
    ...                   "text": ["Ladies and gentlemen,",
    ...                            "Mr. President, wheat prices rose across the whole region."]})
    >>> without_boilerplate(s)["text"].str.strip().tolist()
    [', wheat prices rose across the whole region.']
    """
    mask = boilerplate_mask(sentences, rules=rules, recurring=recurring, shapes=shapes)
    kept = sentences[~mask]
    texts = strip_salutations([str(t) for t in kept["text"].to_numpy(dtype=object)], rules=rules)
    words = ceremonial_words(sentences, mask) if ceremonial else set()
    if words:
        texts = _blank_words(texts, frozenset(w.lower() for w in words))
    return kept.assign(text=pd.Series(texts, index=kept.index, dtype=object))


_TOKEN = re.compile(r"\w+")
#: :data:`_TOKEN` for ASCII text (``[A-Za-z0-9_]+``): scanned about 1.2x faster.
_TOKEN_ASCII = re.compile(r"\w+", re.ASCII)


def _blank_words(texts: list[str], words: frozenset[str]) -> list[str]:
    """``texts`` with every whole word in ``words`` (any case) blanked by spaces (offsets hold).

    The words are letters only, so a whole-word match is a ``\\w+`` token: a set
    lookup per token, and only in the sentences that hold one, instead of one
    alternation regex of every word (2.7 s against 0.5 s on 32,000 UN
    sentences and 62 words; the alternation grows with the names a large
    corpus adds).
    """

    def blank(match: re.Match[str]) -> str:
        word = match.group()
        return " " * len(word) if word.lower() in words else word

    out = []
    for t in texts:
        token = _TOKEN_ASCII if t.isascii() else _TOKEN
        out.append(token.sub(blank, t) if not words.isdisjoint(token.findall(t.lower())) else t)
    return out
