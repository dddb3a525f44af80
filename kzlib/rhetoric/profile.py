"""Rhetoric across articles: voice, frames, metaphor, attribution, actors, keywords.

Everything here is a pure function of the sentence table
(:func:`kzlib.corpus.sentences_frame`) plus the lexicons in
``data/lexicons/`` and the actor gazetteer ``data/actors.csv`` (both with a
codebook README; edit them and rerun). **Rates use body sentences only**
(``kind == "body"``): headings are left out of every count and every
denominator, so a heading like "The Physics of Geopolitics" does not count as
a physics metaphor.

Measures (:func:`measures`, tidy: ``doc_id, measure, value, ci_low, ci_high``)
-------------------------------------------------------------------------------
``words``, ``sentences``
    Word tokens and sentences in the body (counts: no CI).
``mean_sentence_words``
    Words per sentence.
``hedges_per_1k``, ``boosters_per_1k``, ``attribution_per_1k``, ``first_person_per_1k``
    Matches of the lexicon per 1,000 words. A booster with a negator
    ("not", "never", "n't", ...) among the three words before it in the same
    clause is not counted ("not clearly" is not a booster; "not only" does
    not negate). First-person pronouns inside a direct quotation are the
    quoted speaker's, not the writer's, and are not counted.
``quotes_share``
    Share of sentences that contain (part of) a direct quotation: text between
    double quotation marks, paired within a paragraph, of at least
    ``quote_min_words`` words (so scare quotes like "texturing" do not count).
``flesch_reading_ease``
    206.835 - 1.015 * words/sentences - 84.6 * syllables/words, syllables by
    :func:`count_syllables` (a rule-based counter; no dictionary).
``mtld``
    Measure of textual lexical diversity (McCarthy & Jarvis 2010), mean of the
    forward and backward passes, factor threshold 0.72, over lower-cased word
    tokens with a letter. No CI: it depends on word order across sentences.
``frame_per_1k:<frame>``, ``metaphor_per_1k:<domain>``
    Matches per 1,000 words for each category of ``frames`` and ``metaphors``
    (and ``<name>_per_1k:<category>`` for any other lexicon file added).
``actor_share:<actor>``
    Share of sentences that mention the actor under any alias.

Confidence intervals are percentile bootstrap intervals (95% by default) over
the sentences of each article: sentences are resampled with replacement
``n_boot`` times and every measure recomputed from the resampled sums. Each
article has its own random stream, seeded from ``seed`` and its ``doc_id``, so
adding an article to the corpus does not change the intervals of the others.
The bootstrap is vectorised: a (n_boot x sentences) matrix of resampling
counts times a (sentences x measures) matrix of per-sentence counts, then
percentiles of the measures computed from the resampled sums. Sentences are
resampled as if independent; terms that cluster in one passage make the
intervals somewhat too narrow.

The other tables: :func:`keyness` (log-likelihood G2, log ratio, p-value of
each article against the rest), :func:`similarity` (TF-IDF cosine between
articles), :func:`cooccurrence` (actors mentioned in the same sentence),
:func:`evidence` (the sentences and words behind any measure of any article)
and :func:`contrasts` (which article stands out on each measure, and whether
its interval clears the runner-up's).

Examples
--------
>>> from kzlib.corpus import load_corpus
>>> from kzlib.corpus import sentences_frame
>>> sents = sentences_frame(load_corpus())
>>> table = measures(sents, include=["hedges_per_1k"], n_boot=200)
>>> table.columns.tolist()
['doc_id', 'measure', 'value', 'ci_low', 'ci_high']
"""

from __future__ import annotations

import contextlib
import fnmatch
import hashlib
import math
import re
from collections.abc import Collection, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal, cast

import numpy as np
import pandas as pd

from kzlib.errors import InputError
from kzlib.paths import LEXICON_DIR
from kzlib.rhetoric.actors import load_actors
from kzlib.rhetoric.lexicon import MATCH_COLUMNS as MATCH_COLUMNS_LEXICON
from kzlib.rhetoric.lexicon import Lexicon, _Columns, _find_columns, read_lexicon

__all__ = [
    "BASE_MEASURES",
    "EVIDENCE_COLUMNS",
    "KEYNESS_COLUMNS",
    "MEASURE_COLUMNS",
    "REQUIRED_LEXICONS",
    "Lexicons",
    "contrasts",
    "cooccurrence",
    "count_syllables",
    "distinctive_evidence",
    "evidence",
    "flesch_reading_ease",
    "keyness",
    "load_lexicons",
    "matches",
    "measure_names",
    "measures",
    "mtld",
    "similarity",
    "summarise_contrasts",
    "tokenize",
]

#: Columns of :func:`measures`.
MEASURE_COLUMNS: list[str] = ["doc_id", "measure", "value", "ci_low", "ci_high"]
#: Columns of :func:`evidence`.
EVIDENCE_COLUMNS: list[str] = [
    "doc_id",
    "sent_id",
    "measure",
    "count",
    "matches",
    "excluded",
    "words",
    "text",
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
#: Columns of :func:`matches`.
MATCH_COLUMNS: list[str] = [
    "doc_id",
    "sent_id",
    "measure",
    "lexicon",
    "category",
    "term",
    "match",
    "start",
    "end",
    "counted",
    "reason",
]
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
#: Measures that do not come from a lexicon or the gazetteer, in output order.
BASE_MEASURES: tuple[str, ...] = (
    "words",
    "sentences",
    "mean_sentence_words",
    "hedges_per_1k",
    "boosters_per_1k",
    "attribution_per_1k",
    "first_person_per_1k",
    "quotes_share",
    "flesch_reading_ease",
    "mtld",
)
_SINGLE = {
    "hedges": "hedges_per_1k",
    "boosters": "boosters_per_1k",
    "attribution": "attribution_per_1k",
    "first_person": "first_person_per_1k",
}
_FAMILY = {"frames": "frame_per_1k", "metaphors": "metaphor_per_1k"}
_NO_CI = {"words", "sentences", "mtld"}
_FILE_RE = re.compile(r"([a-z][a-z0-9_]*)\.v([0-9]+)\.csv")
_TOKEN_RE = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
# Rows of the similarity matrix computed at once: 512 x 100,000 articles is 400 MB of floats.
_SIMILARITY_BLOCK = 512
_QUOTE_CHARS = re.compile('["“”]')
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”—]")


# ---------------------------------------------------------------------------
# lexicons


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


def load_lexicons(folder: str | Path | None = None) -> Lexicons:
    """Read and validate every lexicon in a folder.

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
    return Lexicons(str(path), by_name, files)


# ---------------------------------------------------------------------------
# words, syllables, readability, diversity


def tokenize(text: str) -> list[str]:
    """Word tokens as written: letters and digits, with inner ``'``, ``.`` and ``-``.

    Examples
    --------
    >>> tokenize("Kazakhstan's 42-point U.S. plan, 2.0.")
    ["Kazakhstan's", '42-point', 'U.S', 'plan', '2.0']
    """
    return _TOKEN_RE.findall(text)


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
    order = np.argsort(seq.astype(np.uint16) if small else seq, kind="stable")
    same = seq[order[1:]] == seq[order[:-1]]
    before = np.full(len(seq), -1)
    after = np.full(len(seq), len(seq))
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
    # Each article backwards: position i of a:b holds token a + b - 1 - i, and the
    # previous occurrence there is the next occurrence here.
    lengths = ends - starts
    inside = np.concatenate(
        [np.zeros(0, np.int64), *(np.arange(a, b) for a, b in zip(starts, ends, strict=True))]
    )
    mirror = np.repeat(starts + ends - 1, lengths)
    following = after[mirror - inside]
    backwards = np.full(len(seq), -1)
    backwards[inside] = np.where(following < np.repeat(ends, lengths), mirror - following, -1)
    bwd = _mtld_passes(backwards, starts, ends, threshold)
    return np.array(
        [
            math.nan if not n or (math.isnan(f) and math.isnan(b)) else float(np.nanmean([f, b]))
            for n, f, b in zip(lengths.tolist(), fwd.tolist(), bwd.tolist(), strict=True)
        ]
    )


# ---------------------------------------------------------------------------
# the shared first step: body sentences, tokens, quotations, lexicon matches


@dataclass(frozen=True, eq=False)
class _Analysis:
    body: pd.DataFrame
    doc_ids: list[str]
    # The word tokens of all sentences in order, as positions in `types`.
    token_types: np.ndarray
    types: list[str]
    words: np.ndarray
    syllables: np.ndarray
    quoted: np.ndarray
    quote_spans: dict[int, list[tuple[int, int]]]
    # Every match, in the order of `hits`: lexicon by lexicon, then the actors.
    found: list[tuple[str, _Columns]]
    measure: list[str]
    reason: list[str]
    rate_measures: list[str]
    actor_measures: list[str]

    @cached_property
    def hits(self) -> pd.DataFrame:
        """All matches: the lexicon's match table plus measure, lexicon, reason, counted."""
        parts = []
        for name, columns in self.found:
            frame = columns.frame()
            frame["lexicon"] = name
            parts.append(frame)
        hits = pd.concat(parts, ignore_index=True)
        # Object arrays: text columns even when there is no match at all.
        hits.insert(len(MATCH_COLUMNS_LEXICON), "measure", np.array(self.measure, dtype=object))
        hits["reason"] = np.array(self.reason, dtype=object)
        hits["counted"] = hits["reason"] == ""
        return hits


def _body(sentences: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    missing = [c for c in ("doc_id", "sent_id", "text") if c not in sentences.columns]
    if missing:
        raise InputError(
            f"sentence table: missing column(s) {', '.join(missing)}; "
            "pass kzlib.corpus.sentences_frame(corpus)"
        )
    doc_ids = sorted(set(sentences["doc_id"].astype(str).tolist()))
    body = sentences[sentences["kind"] == "body"] if "kind" in sentences.columns else sentences
    frame = pd.DataFrame(
        {
            "doc_id": body["doc_id"].astype(str).to_numpy(),
            "sent_id": body["sent_id"].to_numpy(),
            "para_id": (body["para_id"] if "para_id" in body else body["sent_id"]).to_numpy(),
            "start": (
                body["start"] if "start" in body else pd.Series(0, index=body.index)
            ).to_numpy(),
            "text": body["text"].astype(str).to_numpy(),
        }
    )
    frame = frame.sort_values(["doc_id", "sent_id"], kind="stable").reset_index(drop=True)
    return frame, doc_ids


def _quotes(
    body: pd.DataFrame, n_words: np.ndarray, min_words: int
) -> tuple[np.ndarray, dict[int, list[tuple[int, int]]]]:
    texts = body["text"].tolist()
    keys = list(zip(body["doc_id"].tolist(), body["para_id"].tolist(), strict=True))
    marks = [
        (i, m.start())
        for i, t in enumerate(texts)
        if '"' in t or "“" in t or "”" in t
        for m in _QUOTE_CHARS.finditer(t)
    ]
    quoted = np.zeros(len(texts), dtype=bool)
    spans: dict[int, list[tuple[int, int]]] = {}
    k = 0
    while k + 1 < len(marks):
        (r1, p1), (r2, p2) = marks[k], marks[k + 1]
        if keys[r1] != keys[r2]:
            k += 1
            continue
        pieces = [(r1, p1 + 1, p2)] if r1 == r2 else [(r1, p1 + 1, len(texts[r1]))]
        if r1 != r2:
            pieces += [(r, 0, len(texts[r])) for r in range(r1 + 1, r2)] + [(r2, 0, p2)]
        size = sum(
            len(_TOKEN_RE.findall(texts[r][a:b]))
            if (a, b) != (0, len(texts[r]))
            else int(n_words[r])
            for r, a, b in pieces
        )
        if size >= min_words:
            for r, a, b in pieces:
                quoted[r] = True
                spans.setdefault(r, []).append((a, b))
        k += 2
    return quoted, spans


def _negated(texts: list[str], boosters: _Columns, negators: _Columns, window: int) -> list[str]:
    """For each booster match, the negator that cancels it ("" if none): of the
    negators before it in its sentence, the last with no clause break and fewer
    than ``window`` words between."""
    before: dict[int, list[tuple[int, str]]] = {}
    for item, end, match, category in zip(
        negators.item.tolist(),
        negators.end.tolist(),
        negators.match,
        negators.category,
        strict=True,
    ):
        if category == "negator":
            before.setdefault(item, []).append((end, match))
    out = [""] * len(boosters.item)
    for k, (item, start) in enumerate(
        zip(boosters.item.tolist(), boosters.start.tolist(), strict=True)
    ):
        for n_end, n_match in before.get(item, ()):
            if n_end <= start:
                gap = texts[item][n_end:start]
                if not _CLAUSE_BREAK.search(gap) and len(_TOKEN_RE.findall(gap)) < window:
                    out[k] = f"negated by {n_match!r}"
    return out


#: Word tokens, or the newline between two texts.
_TOKEN_OR_BREAK = re.compile(_TOKEN_RE.pattern + "|\n")


def _tokens(texts: list[str]) -> tuple[np.ndarray, list[str], np.ndarray]:
    """The word tokens of all texts, in order, as positions in a list of distinct
    tokens; and the number of tokens of each text.

    One ``findall`` over the texts joined by newlines (tokens never contain one)
    instead of one per text; texts that contain a newline are tokenised one by one.
    """
    if not texts:
        return np.zeros(0, dtype=np.int64), [], np.zeros(0, dtype=np.int64)
    joined = "\n".join(texts)
    if joined.count("\n") == len(texts) - 1:
        flat = [*_TOKEN_OR_BREAK.findall(joined), "\n"]
    else:
        flat = [w for t in texts for w in [*_TOKEN_RE.findall(t), "\n"]]
    codes, distinct = pd.factorize(pd.Series(flat, dtype=object))
    newline = int(codes[-1])
    ends = np.flatnonzero(codes == newline)
    words = np.diff(np.concatenate([[-1], ends])) - 1
    # Drop the newlines and number the distinct tokens without them.
    kept = codes[codes != newline]
    types = [str(t) for t in distinct]
    del types[newline]
    return np.where(kept > newline, kept - 1, kept).astype(np.int64), types, words


def _analyse(
    sentences: pd.DataFrame,
    lexicons: Lexicons | None,
    actors: Lexicon | None,
    quote_min_words: int,
    negation_window: int,
) -> _Analysis:
    lex = lexicons if lexicons is not None else load_lexicons()
    gaz = actors if actors is not None else load_actors()
    body, doc_ids = _body(sentences)
    texts = body["text"].tolist()
    inverse, types, words = _tokens(texts)
    syl_of_type = np.fromiter((count_syllables(t) for t in types), dtype=np.int64)
    rows = np.repeat(np.arange(len(texts)), words)
    syllables = np.bincount(rows, weights=syl_of_type[inverse], minlength=len(texts))
    quoted, spans = _quotes(body, words, quote_min_words)

    measure_of: dict[tuple[str, str | None], str] = {
        (name, cat): m for m, name, cat in lex.rate_measures()
    }
    names = [name for name in lex.by_name if name != "negators"]
    negators, *per_lexicon, actor_found = _find_columns(
        [lex["negators"], *(lex[name] for name in names), gaz], texts
    )
    found: list[tuple[str, _Columns]] = []
    measure: list[str] = []
    reason: list[str] = []
    for name, columns in zip(names, per_lexicon, strict=True):
        found.append((name, columns))
        if name in _SINGLE:
            measure.extend([_SINGLE[name]] * len(columns.item))
        else:
            measure.extend(measure_of[(name, c)] for c in columns.category)
        if name == "boosters":
            reason.extend(_negated(texts, columns, negators, negation_window))
        elif name == "first_person" and spans:
            reason.extend(
                "inside a quotation" if any(a <= s and e <= b for a, b in spans.get(i, ())) else ""
                for i, s, e in zip(
                    columns.item.tolist(), columns.start.tolist(), columns.end.tolist(), strict=True
                )
            )
        else:
            reason.extend([""] * len(columns.item))
    found.append(("actors", actor_found))
    measure.extend("actor_share:" + c for c in actor_found.category)
    reason.extend([""] * len(actor_found.item))
    return _Analysis(
        body=body,
        doc_ids=doc_ids,
        token_types=inverse,
        types=types,
        words=words,
        syllables=np.asarray(syllables, dtype=np.float64),
        quoted=quoted,
        quote_spans=spans,
        found=found,
        measure=measure,
        reason=reason,
        rate_measures=[m for m, _, _ in lex.rate_measures()],
        actor_measures=[f"actor_share:{a}" for a in gaz.categories],
    )


def _doc_mtld(an: _Analysis, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """:func:`mtld` of each article (sentences ``a:b``): lower-cased tokens that are not
    all digits, each type lower-cased and tested once."""
    lower = pd.factorize(pd.Series([t.lower() for t in an.types], dtype=object))[0]
    digits = np.array([t.isdigit() for t in an.types], dtype=bool)
    keep = ~digits[an.token_types] if len(an.token_types) else np.zeros(0, dtype=bool)
    seq = lower[an.token_types[keep]] if len(an.token_types) else np.zeros(0, dtype=np.int64)
    # Article bounds: in tokens of all sentences, then in kept tokens.
    tokens_before = np.concatenate([[0], np.cumsum(an.words)])
    kept_before = np.concatenate([[0], np.cumsum(keep)])
    first, last = kept_before[tokens_before[starts]], kept_before[tokens_before[ends]]
    return _mtld_many(seq, first, last)


def _check_int(name: str, value: object, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or int(value) < low:
        raise InputError(f"parameter {name}={value!r}: must be an integer >= {low}")
    return int(value)


def matches(
    sentences: pd.DataFrame,
    *,
    lexicons: Lexicons | None = None,
    actors: Lexicon | None = None,
    quote_min_words: int = 4,
    negation_window: int = 3,
) -> pd.DataFrame:
    """Every lexicon and gazetteer match in the body sentences, counted or not.

    Parameters
    ----------
    sentences : DataFrame
        :func:`kzlib.corpus.sentences_frame`; only ``kind == "body"`` rows are used.
    lexicons : Lexicons, optional
        :func:`load_lexicons` (default: ``data/lexicons/``).
    actors : Lexicon, optional
        :func:`kzlib.rhetoric.actors.load_actors` (default: ``data/actors.csv``).
    quote_min_words : int
        Words a quotation needs to count as a direct quotation.
    negation_window : int
        How many words before a booster a negator may stand to cancel it.

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, measure, lexicon, category, term, match, start,
        end, counted, reason``; ``start``/``end`` are offsets into the
        document's cleaned text; ``reason`` says why a match is not counted
        (``negated by 'not'``, ``inside a quotation``).

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "text": ["It is not clearly so."]})
    >>> matches(s)[["lexicon", "match", "counted", "reason"]].values.tolist()
    [['boosters', 'clearly', False, "negated by 'not'"]]
    """
    quote_min_words = _check_int("quote_min_words", quote_min_words, 1)
    negation_window = _check_int("negation_window", negation_window, 1)
    an = _analyse(sentences, lexicons, actors, quote_min_words, negation_window)
    return _hits_frame(an)


def _hits_frame(an: _Analysis) -> pd.DataFrame:
    hits = an.hits
    rows = an.body.iloc[hits["item"].to_numpy()]
    base = rows["start"].to_numpy()
    out = pd.DataFrame(
        {
            "doc_id": rows["doc_id"].to_numpy(),
            "sent_id": rows["sent_id"].to_numpy(),
            "measure": hits["measure"].to_numpy(),
            "lexicon": hits["lexicon"].to_numpy(),
            "category": hits["category"].to_numpy(),
            "term": hits["term"].to_numpy(),
            "match": hits["match"].to_numpy(),
            "start": hits["start"].to_numpy() + base,
            "end": hits["end"].to_numpy() + base,
            "counted": hits["counted"].to_numpy(),
            "reason": hits["reason"].to_numpy(),
        },
        columns=MATCH_COLUMNS,
    )
    return out.sort_values(["doc_id", "sent_id", "start", "measure"], kind="stable").reset_index(
        drop=True
    )


# ---------------------------------------------------------------------------
# measures with bootstrap intervals


def measure_names(*, lexicons: Lexicons | None = None, actors: Lexicon | None = None) -> list[str]:
    """Every measure :func:`measures` can compute, in output order.

    Examples
    --------
    >>> names = measure_names()
    >>> names[:3], "frame_per_1k:balancing" in names, "actor_share:Russia" in names
    (['words', 'sentences', 'mean_sentence_words'], True, True)
    """
    lex = lexicons if lexicons is not None else load_lexicons()
    gaz = actors if actors is not None else load_actors()
    rates = [m for m, _, _ in lex.rate_measures() if m not in BASE_MEASURES]
    return [*BASE_MEASURES, *rates, *(f"actor_share:{a}" for a in gaz.categories)]


def _select(names: list[str], include: Sequence[str]) -> list[str]:
    if isinstance(include, str):
        include = [include]
    chosen: set[str] = set()
    for pattern in include:
        hit = fnmatch.filter(names, pattern)
        if not hit:
            raise InputError(
                f"measure {pattern!r} matches nothing; use a name or pattern such as "
                "'hedges_per_1k', 'frame_per_1k:*', 'actor_share:*' "
                "(see kzlib.rhetoric.measure_names())"
            )
        chosen.update(hit)
    return [n for n in names if n in chosen]


def _doc_stream(seed: int, doc_id: str) -> np.random.Generator:
    key = int.from_bytes(hashlib.sha256(doc_id.encode("utf-8")).digest()[:8], "little")
    return np.random.default_rng([seed, key])


# How a measure is computed from column sums (see _Statistics).
_NONE, _WORDS, _SENTENCES, _MEAN, _FLESCH, _SHARE, _RATE = range(7)


class _Statistics:
    """Measures from column sums (rows: samples); NaN where a denominator is 0.

    ``kind`` says how each measure is computed, ``source`` which column a
    share (of sentences) or a rate (per 1,000 words) divides (-1: none).
    """

    def __init__(self, names: list[str], col: dict[str, int]) -> None:
        self.col = col
        self.kind = np.full(len(names), _NONE)
        self.source = np.full(len(names), -1)
        special = {
            "words": _WORDS,
            "sentences": _SENTENCES,
            "mean_sentence_words": _MEAN,
            "flesch_reading_ease": _FLESCH,
        }
        for j, name in enumerate(names):
            if name in special:
                self.kind[j] = special[name]
            elif name == "quotes_share":
                self.kind[j], self.source[j] = _SHARE, col["quoted"]
            elif name.startswith("actor_share:"):
                self.kind[j], self.source[j] = _SHARE, col[name]
            elif name in col:
                self.kind[j], self.source[j] = _RATE, col[name]

    def __call__(
        self, sums: np.ndarray, measures: np.ndarray, columns: np.ndarray | None = None
    ) -> np.ndarray:
        """The measures at positions ``measures``, one column each.

        ``columns`` maps each column of ``x`` to its column in ``sums`` (default: the same).
        """
        where = np.arange(len(self.col)) if columns is None else columns
        n = sums[:, where[self.col["sentences"]]]
        words = sums[:, where[self.col["words"]]]
        kind, source = self.kind[measures], where[self.source[measures]]
        out = np.full((len(sums), len(measures)), np.nan)
        with np.errstate(divide="ignore", invalid="ignore"):
            # Column blocks: the same elementwise arithmetic as one column at a time.
            at = kind == _RATE
            if at.any():
                out[:, at] = 1000.0 * sums[:, source[at]] / words[:, None]
            at = kind == _SHARE
            if at.any():
                out[:, at] = sums[:, source[at]] / n[:, None]
            for j in np.flatnonzero(kind == _WORDS):
                out[:, j] = words
            for j in np.flatnonzero(kind == _SENTENCES):
                out[:, j] = n
            for j in np.flatnonzero(kind == _MEAN):
                out[:, j] = words / n
            for j in np.flatnonzero(kind == _FLESCH):
                syllables = sums[:, where[self.col["syllables"]]]
                out[:, j] = 206.835 - 1.015 * words / n - 84.6 * syllables / words
        return out


def _one_blas_thread() -> AbstractContextManager[object]:
    """Limit BLAS to one thread: the bootstrap multiplies many small matrices, where
    starting threads costs more than it saves (ten times slower on a busy machine)."""
    try:
        from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - installed with scikit-learn
        return contextlib.nullcontext()
    return cast(AbstractContextManager[object], threadpool_limits(limits=1, user_api="blas"))


#: Articles whose varying bootstrap columns share one quantile call (results do not depend on it).
_BOOT_CHUNK = 64


def _resampled_sums(xd: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Column sums of ``n_boot`` resamples (with replacement) of the rows of ``xd``."""
    n = len(xd)
    # Resampling counts: how often each sentence is drawn in each of n_boot resamples.
    idx = rng.integers(0, n, size=(n_boot, n))
    idx += n * np.arange(n_boot)[:, None]
    counts = np.bincount(idx.ravel(), minlength=n_boot * n).reshape(n_boot, n)
    # Whole numbers whose sums stay below 2**24 add up exactly in float32 (twice as fast).
    whole = bool((xd >= 0).all() and (xd == np.floor(xd)).all())
    if whole and n * float(xd.max(initial=0.0)) < 2**24:
        small = counts.astype(np.float32) @ xd.astype(np.float32)
        return small.astype(np.float64)
    sums: np.ndarray = counts.astype(np.float64) @ xd
    return sums


def _quantile_points(size: int, q: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Order statistics (below, above) and weight of ``np.quantile``'s linear method.

    Follows numpy's ``_get_indexes`` and ``_get_gamma``, so that
    :func:`_interpolate` of the order statistics equals ``np.quantile``
    (checked against it in the tests).
    """
    virtual = (size - 1) * q
    below = np.floor(virtual)
    above = below + 1
    top = virtual >= size - 1
    below[top] = above[top] = -1
    gamma = virtual - below.astype(np.intp)
    return below.astype(np.intp) % size, above.astype(np.intp) % size, gamma


def _interpolate(below: np.ndarray, above: np.ndarray, gamma: np.ndarray) -> np.ndarray:
    """numpy's ``_lerp``: from the lower value, or from the upper one when gamma >= 0.5."""
    diff = above - below
    out: np.ndarray = np.where(gamma >= 0.5, above - diff * (1 - gamma), below + diff * gamma)
    return out


def _row_quantiles(rows: np.ndarray, q: np.ndarray) -> np.ndarray:
    """``np.quantile(rows, q, axis=1)`` of finite rows, partitioning at the two order
    statistics each quantile needs only (``np.quantile`` also finds the extremes)."""
    below, above, gamma = _quantile_points(rows.shape[1], q)
    rows.partition(np.unique(np.concatenate([below, above])), axis=1)
    return _interpolate(rows[:, below].T, rows[:, above].T, gamma[:, None])


def _share_intervals(counts: np.ndarray, n: float, q: np.ndarray) -> np.ndarray:
    """``np.quantile(counts / n, q, axis=0)`` for small whole-number counts, without sorting.

    Dividing by the same ``n`` keeps the order, so each order statistic is
    ``(that order statistic of the counts) / n``, read off a histogram.
    """
    whole = counts.astype(np.int64)
    bins = int(whole.max()) + 1
    cols = whole.shape[1]
    hist = np.bincount((whole + bins * np.arange(cols)).ravel(), minlength=bins * cols)
    cumulative = hist.reshape(cols, bins).cumsum(axis=1)
    below, above, gamma = _quantile_points(len(counts), q)
    ranks = np.concatenate([below, above])
    value = (cumulative[:, None, :] <= ranks[None, :, None]).sum(axis=2) / n
    out: np.ndarray = _interpolate(value[:, : len(q)], value[:, len(q) :], gamma).T
    return out


class _Quantiles:
    """Percentile interval ends of bootstrap columns, many articles per ``np.quantile`` call.

    ``np.quantile`` treats each column alone, so pooling the columns of
    several articles gives the same numbers as one call per article.
    """

    def __init__(self, lo: np.ndarray, hi: np.ndarray, alpha: float) -> None:
        self.lo, self.hi = lo, hi
        self.q = np.array([alpha, 1.0 - alpha])
        self._rows: list[np.ndarray] = []
        self._cols: list[np.ndarray] = []
        self._boot: list[np.ndarray] = []

    def add(self, row: int, cols: np.ndarray, boot: np.ndarray) -> None:
        """Queue the intervals of measures ``cols`` of article ``row`` (``boot`` all finite)."""
        self._rows.append(np.full(len(cols), row))
        self._cols.append(cols)
        self._boot.append(boot.T)  # rows are contiguous in the pooled copy: faster partitions

    def flush(self) -> None:
        """Compute every queued interval."""
        if self._boot:
            rows, cols = np.concatenate(self._rows), np.concatenate(self._cols)
            self.lo[rows, cols], self.hi[rows, cols] = _row_quantiles(
                np.concatenate(self._boot), self.q
            )
        self._rows, self._cols, self._boot = [], [], []

    def add_any(self, row: int, cols: np.ndarray, boot: np.ndarray) -> None:
        """Like :meth:`add` for columns that may be NaN or infinite in some resamples:
        NaN-aware quantiles where some are finite, no interval where none is."""
        finite = np.isfinite(boot)
        whole = finite.all(axis=0)
        part = ~whole & finite.any(axis=0)
        self.add(row, cols[whole], boot[:, whole])
        if part.any():
            self.lo[row, cols[part]], self.hi[row, cols[part]] = np.nanquantile(
                boot[:, part], self.q, axis=0
            )


def _bootstrap(
    x: np.ndarray,
    bounds: list[tuple[str, int, int]],
    totals: np.ndarray,
    stats: _Statistics,
    n_boot: int,
    seed: int,
    alpha: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Interval ends of every article.

    ``bounds`` gives ``(doc_id, a, b)``: the article's rows ``a:b`` of ``x``;
    ``totals`` its column sums. When no resample has 0 words, every measure
    is finite; then a measure of a column the article never has (most actors
    and frames) is 0.0 in every resample, so its interval is 0.0 to 0.0, and
    the intervals of shares come from histograms of counts.
    """
    lo = np.full((len(bounds), len(stats.kind)), np.nan)
    hi = np.full((len(bounds), len(stats.kind)), np.nan)
    if not n_boot:
        return lo, hi
    needs = ~np.isin(stats.kind, [_NONE, _WORDS, _SENTENCES])
    share = needs & (stats.kind == _SHARE)
    # Only the columns an article has are resampled: the others sum to 0 every time.
    used = totals != 0
    used[:, [stats.col[c] for c in ("sentences", "words", "syllables")]] = True
    where = np.cumsum(used, axis=1) - 1
    words = where[:, stats.col["words"]]
    absent = (stats.source >= 0) & (totals[:, stats.source] == 0)
    quantiles = _Quantiles(lo, hi, alpha)
    with _one_blas_thread():
        for i, (doc_id, a, b) in enumerate(bounds):
            if b == a:
                continue
            columns = np.flatnonzero(used[i])
            sums = _resampled_sums(x[a:b, columns], n_boot, _doc_stream(seed, doc_id))
            if not (sums[:, words[i]] > 0).all():
                full = np.zeros((n_boot, x.shape[1]))
                full[:, columns] = sums
                cols = np.flatnonzero(needs)
                quantiles.add_any(i, cols, stats(full, cols))
                continue
            lo[i, needs & absent[i]] = hi[i, needs & absent[i]] = 0.0
            cols = np.flatnonzero(share & ~absent[i])
            if len(cols):
                lo[i, cols], hi[i, cols] = _share_intervals(
                    sums[:, where[i, stats.source[cols]]], float(b - a), quantiles.q
                )
            cols = np.flatnonzero(needs & ~absent[i] & ~share)
            quantiles.add(i, cols, stats(sums, cols, where[i]))
            if (i + 1) % _BOOT_CHUNK == 0:
                quantiles.flush()
    quantiles.flush()
    return lo, hi


def measures(
    sentences: pd.DataFrame,
    *,
    lexicons: Lexicons | None = None,
    actors: Lexicon | None = None,
    include: Sequence[str] = ("*",),
    n_boot: int = 1000,
    seed: int = 0,
    ci: float = 0.95,
    quote_min_words: int = 4,
    negation_window: int = 3,
) -> pd.DataFrame:
    """Rhetoric measures of every article, with bootstrap confidence intervals.

    See the module docstring for what each measure counts. Only body
    sentences (``kind == "body"``) are used: headings are excluded from
    every numerator and denominator.

    Parameters
    ----------
    sentences : DataFrame
        :func:`kzlib.corpus.sentences_frame` of the corpus.
    lexicons : Lexicons, optional
        :func:`load_lexicons` (default ``data/lexicons/``).
    actors : Lexicon, optional
        :func:`kzlib.rhetoric.actors.load_actors` (default ``data/actors.csv``).
    include : sequence of str
        Measure names or shell patterns (``"frame_per_1k:*"``); default all.
    n_boot : int
        Bootstrap resamples of the sentences of each article (0: no intervals).
    seed : int
        Seed of the bootstrap; each article draws from its own stream
        derived from ``seed`` and its ``doc_id``.
    ci : float
        Coverage of the percentile interval.
    quote_min_words, negation_window : int
        See :func:`matches`.

    Returns
    -------
    DataFrame
        :data:`MEASURE_COLUMNS`, one row per article and measure, articles in
        ``doc_id`` order and measures in :func:`measure_names` order.
        ``ci_low``/``ci_high`` are NaN for counts (words, sentences) and MTLD.

    Raises
    ------
    InputError
        A pattern in ``include`` that matches no measure, or a bad parameter.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 1],
    ...                   "text": ["It may rain.", "The Kremlin said so."]})
    >>> t = measures(s, include=["hedges_per_1k", "actor_share:Russia"], n_boot=100)
    >>> t[["measure", "value"]].round(1).values.tolist()
    [['hedges_per_1k', 142.9], ['actor_share:Russia', 0.5]]
    """
    n_boot = _check_int("n_boot", n_boot, 0)
    seed = _check_int("seed", seed, 0)
    if not isinstance(ci, float | int) or not 0 < float(ci) < 1:
        raise InputError(f"parameter ci={ci!r}: must be a number between 0 and 1")
    quote_min_words = _check_int("quote_min_words", quote_min_words, 1)
    negation_window = _check_int("negation_window", negation_window, 1)
    lex = lexicons if lexicons is not None else load_lexicons()
    gaz = actors if actors is not None else load_actors()
    names = _select(measure_names(lexicons=lex, actors=gaz), include)
    an = _analyse(sentences, lex, gaz, quote_min_words, negation_window)

    base = ["sentences", "words", "syllables", "quoted"]
    columns = base + an.rate_measures + an.actor_measures
    col = {name: j for j, name in enumerate(columns)}
    x = np.zeros((len(an.body), len(columns)))
    x[:, 0] = 1.0
    x[:, 1] = an.words
    x[:, 2] = an.syllables
    x[:, 3] = an.quoted
    items = np.concatenate([found.item for _, found in an.found])
    measure = pd.Index(columns).get_indexer(pd.Index(an.measure, dtype=object))
    counted = pd.Series(an.reason, dtype=object).to_numpy() == ""
    is_actor = np.repeat(
        [name == "actors" for name, _ in an.found], [len(f.item) for _, f in an.found]
    )
    rates = counted & ~is_actor
    np.add.at(x, (items[rates], measure[rates]), 1.0)
    acts = counted & is_actor
    x[items[acts], measure[acts]] = 1.0

    codes = an.body["doc_id"].to_numpy()
    starts = np.searchsorted(codes, an.doc_ids, side="left")
    ends = np.searchsorted(codes, an.doc_ids, side="right")
    # Sums of integer counts: exact in float64, so the same as summing each article alone.
    cumulative = np.concatenate([np.zeros((1, x.shape[1])), np.cumsum(x, axis=0)])
    totals = cumulative[ends] - cumulative[starts]
    stats = _Statistics(names, col)
    values = stats(totals, np.arange(len(names)))
    if "mtld" in names:
        values[:, names.index("mtld")] = _doc_mtld(an, starts, ends)
    bounds = list(zip(an.doc_ids, starts.tolist(), ends.tolist(), strict=True))
    alpha = (1.0 - float(ci)) / 2.0
    lows, highs = _bootstrap(x, bounds, totals, stats, n_boot, seed, alpha)
    k = len(names)
    table = pd.DataFrame(
        {
            "doc_id": np.repeat(an.doc_ids, k),
            "measure": names * len(an.doc_ids),
            "value": values.ravel(),
            "ci_low": lows.ravel(),
            "ci_high": highs.ravel(),
        },
        columns=MEASURE_COLUMNS,
    )
    return table.astype({"value": "float64", "ci_low": "float64", "ci_high": "float64"})


# ---------------------------------------------------------------------------
# evidence and contrasts


def evidence(
    sentences: pd.DataFrame,
    measure: str,
    *,
    doc_id: str | None = None,
    lexicons: Lexicons | None = None,
    actors: Lexicon | None = None,
    quote_min_words: int = 4,
    negation_window: int = 3,
) -> pd.DataFrame:
    """The sentences and words behind a measure, so that every number can be audited.

    Parameters
    ----------
    sentences : DataFrame
        :func:`kzlib.corpus.sentences_frame` (body sentences are used).
    measure : str
        A name from :func:`measure_names` (e.g. ``"frame_per_1k:balancing"``).
    doc_id : str, optional
        One article; default all.
    lexicons, actors, quote_min_words, negation_window
        As for :func:`measures`.

    Returns
    -------
    DataFrame
        :data:`EVIDENCE_COLUMNS`, one row per sentence that contributes:

        - lexicon and actor measures: sentences with a match; ``count``
          matches counted (mentions, for actors), ``matches`` the words
          counted (``|``-separated), ``excluded`` matches not counted and why
          (a negated booster, a first-person pronoun inside a quotation);
        - ``quotes_share``: sentences in a direct quotation; ``matches`` the
          quoted text;
        - ``flesch_reading_ease``: every sentence, ``count`` its syllables;
        - ``words``, ``sentences``, ``mean_sentence_words``, ``mtld``: every
          sentence, ``count`` its words.

        ``words`` is the sentence's word count (the denominator of rates).

    Raises
    ------
    InputError
        An unknown measure or ``doc_id``.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 1],
    ...                   "text": ["It is clearly true.", "It is not clearly so."]})
    >>> ev = evidence(s, "boosters_per_1k")
    >>> ev[["sent_id", "count", "matches"]].values.tolist()
    [[0, 1, 'clearly'], [1, 0, '']]
    >>> ev["excluded"].tolist()
    ['', "clearly (negated by 'not')"]
    """
    lex = lexicons if lexicons is not None else load_lexicons()
    gaz = actors if actors is not None else load_actors()
    names = measure_names(lexicons=lex, actors=gaz)
    if measure not in names:
        raise InputError(
            f"unknown measure {measure!r}; choose one of kzlib.rhetoric.measure_names(), "
            f"e.g. {', '.join(names[:4])}"
        )
    if doc_id is not None:
        if doc_id not in set(sentences["doc_id"].astype(str)):
            raise InputError(f"unknown doc_id {doc_id!r}; it is not in the sentence table")
        sentences = sentences[sentences["doc_id"].astype(str) == doc_id]
    an = _analyse(
        sentences,
        lex,
        gaz,
        _check_int("quote_min_words", quote_min_words, 1),
        _check_int("negation_window", negation_window, 1),
    )
    body = an.body
    n = len(body)
    count = np.zeros(n, dtype=np.int64)
    found = [""] * n
    excluded = [""] * n
    keep = np.ones(n, dtype=bool)
    if measure in {"words", "sentences", "mean_sentence_words", "mtld"}:
        count = an.words.copy()
    elif measure == "flesch_reading_ease":
        count = an.syllables.astype(np.int64)
    elif measure == "quotes_share":
        keep = an.quoted.copy()
        count = an.quoted.astype(np.int64)
        texts = body["text"].tolist()
        for i, spans in an.quote_spans.items():
            found[i] = " | ".join(texts[i][a:b] for a, b in spans)
    else:
        hits = an.hits[an.hits["measure"] == measure]
        keep = np.zeros(n, dtype=bool)
        keep[hits["item"].to_numpy()] = True
        for item, text, reason in zip(hits["item"], hits["match"], hits["reason"], strict=True):
            if reason:
                excluded[item] = f"{excluded[item]}; {text} ({reason})".lstrip("; ")
            else:
                count[item] += 1
                found[item] = f"{found[item]}|{text}".lstrip("|")
    out = pd.DataFrame(
        {
            "doc_id": body["doc_id"],
            "sent_id": body["sent_id"],
            "measure": measure,
            "count": count,
            "matches": found,
            "excluded": excluded,
            "words": an.words,
            "text": body["text"],
        },
        columns=EVIDENCE_COLUMNS,
    )
    return out[keep].reset_index(drop=True)


def contrasts(table: pd.DataFrame, *, include: Sequence[str] = ("*",)) -> pd.DataFrame:
    """Which article stands out on each measure, and whether its interval clears the next.

    For every measure with intervals, the article with the highest value is
    compared with the runner-up. ``score`` is the gap between them divided
    by the facing half-widths of their intervals (the top article's lower
    half plus the runner-up's upper half): above 1, the intervals do not
    overlap (``separated``). Rows are sorted by ``score``, most distinctive
    first. Intervals are over sentences within each article: they show how
    much a value depends on which sentences the article happens to contain,
    not whether the lexicon measures the right thing.

    Parameters
    ----------
    table : DataFrame
        :func:`measures`.
    include : sequence of str
        Measure names or shell patterns to compare (default all with
        intervals); patterns that match nothing are ignored.

    Returns
    -------
    DataFrame
        ``measure, doc_id, value, ci_low, ci_high, runner_up, runner_up_value,
        runner_up_ci_high, gap, score, separated``.

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["a", "b"], "measure": ["m", "m"], "value": [9.0, 2.0],
    ...                   "ci_low": [7.0, 1.0], "ci_high": [11.0, 3.0]})
    >>> contrasts(t)[["measure", "doc_id", "runner_up", "score", "separated"]].round(2)
      measure doc_id runner_up  score  separated
    0       m      a         b   2.33       True
    """
    cols = [
        "measure",
        "doc_id",
        "value",
        "ci_low",
        "ci_high",
        "runner_up",
        "runner_up_value",
        "runner_up_ci_high",
        "gap",
        "score",
        "separated",
    ]
    data = table.dropna(subset=["value", "ci_low", "ci_high"])
    present = list(dict.fromkeys(data["measure"]))
    patterns = [include] if isinstance(include, str) else list(include)
    wanted = [m for m in present if any(fnmatch.fnmatchcase(m, p) for p in patterns)]
    rows: list[dict[str, object]] = []
    for measure, group in data[data["measure"].isin(wanted)].groupby("measure", sort=False):
        if len(group) < 2:
            continue
        ranked = group.sort_values(["value", "doc_id"], ascending=[False, True], kind="stable")
        top, run = ranked.iloc[0], ranked.iloc[1]
        gap = float(top["value"] - run["value"])
        spread = float(top["value"] - top["ci_low"]) + float(run["ci_high"] - run["value"])
        score = gap / spread if spread > 0 else (math.inf if gap > 0 else 0.0)
        rows.append(
            {
                "measure": measure,
                "doc_id": top["doc_id"],
                "value": top["value"],
                "ci_low": top["ci_low"],
                "ci_high": top["ci_high"],
                "runner_up": run["doc_id"],
                "runner_up_value": run["value"],
                "runner_up_ci_high": run["ci_high"],
                "gap": gap,
                "score": round(score, 6),
                "separated": bool(top["ci_low"] > run["ci_high"]),
            }
        )
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(
        ["score", "measure"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


def distinctive_evidence(
    sentences: pd.DataFrame,
    table: pd.DataFrame,
    *,
    include: Sequence[str] = ("frame_per_1k:*",),
    top: int = 3,
    lexicons: Lexicons | None = None,
    actors: Lexicon | None = None,
) -> pd.DataFrame:
    """Evidence for the measures on which one article stands out most.

    Takes the ``top`` rows of :func:`contrasts` among the measures matching
    ``include`` (with a gap above zero) and returns :func:`evidence` for each
    measure in the article that leads on it, one table for all of them.

    Parameters
    ----------
    sentences : DataFrame
        :func:`kzlib.corpus.sentences_frame`.
    table : DataFrame
        :func:`measures` of the same sentences.
    include : sequence of str
        Measure names or shell patterns (default: the frames).
    top : int
        How many measures.
    lexicons, actors
        As for :func:`measures`.

    Returns
    -------
    DataFrame
        ``score`` (from :func:`contrasts`) followed by :data:`EVIDENCE_COLUMNS`,
        most distinctive measure first.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "a", "b"], "sent_id": [0, 1, 0],
    ...                   "text": ["Judo and judo again.", "Rest.", "Rail."]})
    >>> t = measures(s, include=["metaphor_per_1k:*"], n_boot=50)
    >>> ev = distinctive_evidence(s, t, include=["metaphor_per_1k:*"], top=1)
    >>> ev[["measure", "doc_id", "count", "matches"]].values.tolist()
    [['metaphor_per_1k:martial_arts', 'a', 2, 'Judo|judo']]
    """
    top = _check_int("top", top, 1)
    found = contrasts(table, include=include)
    found = found[found["gap"] > 0].head(top)
    parts = [
        evidence(sentences, measure, doc_id=doc_id, lexicons=lexicons, actors=actors).assign(
            score=score
        )
        for measure, doc_id, score in zip(
            found["measure"], found["doc_id"], found["score"], strict=True
        )
    ]
    columns = ["score", *EVIDENCE_COLUMNS]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]


def summarise_contrasts(table: pd.DataFrame, *, top: int = 8) -> str:
    """A few Markdown lines saying which article stands out where, and how surely.

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["a", "b"], "measure": ["m", "m"], "value": [9.0, 2.0],
    ...                   "ci_low": [7.0, 1.0], "ci_high": [11.0, 3.0]})
    >>> print(summarise_contrasts(t))
    - **m**: `a` is highest (9, interval 7-11), clearly above `b` (2, up to 3).
    """
    found = contrasts(table)
    found = found[found["gap"] > 0].head(top)
    if found.empty:
        return "No measure separates one article from the others."
    lines = []
    for row in found.to_dict("records"):
        score = float(row["score"])
        verdict = (
            "clearly above"
            if row["separated"]
            else ("probably above" if score > 0.5 else "not clearly different from")
        )
        lines.append(
            f"- **{row['measure']}**: `{row['doc_id']}` is highest ({row['value']:.3g}, interval "
            f"{row['ci_low']:.3g}-{row['ci_high']:.3g}), {verdict} `{row['runner_up']}` "
            f"({row['runner_up_value']:.3g}, up to {row['runner_up_ci_high']:.3g})."
        )
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# keywords, similarity, co-occurrence


def _stop_set(stop_words: Literal["english"] | Collection[str] | None) -> frozenset[str]:
    if stop_words is None:
        return frozenset()
    if isinstance(stop_words, str):
        if stop_words != "english":
            raise InputError(
                f"stop_words={stop_words!r}: use 'english', a collection of words or None"
            )
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return frozenset(ENGLISH_STOP_WORDS)
    return frozenset(w.lower() for w in stop_words)


def _doc_terms(sentences: pd.DataFrame) -> tuple[list[str], list[list[str]]]:
    """Lower-cased word tokens with a letter, possessive 's dropped, per article (body)."""
    body, doc_ids = _body(sentences)
    grouped = body.groupby("doc_id", sort=True)["text"].agg(" ".join)
    docs = []
    for d in doc_ids:
        text = grouped.get(d, "")
        docs.append(
            [
                _POSSESSIVE.sub("", t.lower())
                for t in _TOKEN_RE.findall(text)
                if not t.replace(".", "").isdigit()
            ]
        )
    return doc_ids, docs


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


def keyness(
    sentences: pd.DataFrame,
    *,
    top: int | None = 20,
    min_count: int = 3,
    stop_words: Literal["english"] | Collection[str] | None = "english",
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
    "kazakhstan"); stop words are counted in the totals but not listed.

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
    min_count = _check_int("min_count", min_count, 1)
    if top is not None:
        top = _check_int("top", top, 1)
    stop = _stop_set(stop_words)
    doc_ids, docs = _doc_terms(sentences)
    if len(doc_ids) < 2 or not any(docs):
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    vocab, counts = _count_matrix(docs)
    totals = np.asarray(counts.sum(axis=1)).ravel().astype(np.float64)
    col_totals = np.asarray(counts.sum(axis=0)).ravel().astype(np.float64)
    grand = float(totals.sum())
    listed = np.fromiter((w not in stop for w in vocab), dtype=bool, count=len(vocab))
    frames = _keyness_frames(
        doc_ids, counts, col_totals, grand, vocab, listed, min_count=min_count, top=top
    )
    if not frames:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def _keyness_frames(
    doc_ids: Sequence[str],
    counts: Any,
    col_totals: np.ndarray,
    grand: float,
    vocab: np.ndarray,
    listed: np.ndarray,
    *,
    min_count: int,
    top: int | None,
) -> list[pd.DataFrame]:
    """Keyness rows of every article of a sparse articles x words ``counts`` matrix.

    ``col_totals`` and ``grand`` are the corpus's word totals: of this matrix
    (:func:`keyness`) or merged from every batch (:func:`kzlib.pipeline.stream_keyness`).
    """
    frames = []
    for i, doc_id in enumerate(doc_ids):
        lo, hi = counts.indptr[i], counts.indptr[i + 1]
        frame = _keyness_rows(
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
        if frame is not None:
            frames.append(frame)
    return frames


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
) -> pd.DataFrame | None:
    """Keywords of one document against the rest of the corpus (G2, log ratio, p).

    ``idx``/``counts`` are the document's term indices and counts (one CSR
    row), ``col_totals`` the corpus count of every term and ``grand`` the
    corpus token total. Shared by :func:`keyness` and the streamed
    :func:`kzlib.pipeline.stream_keyness`, so both give the same table.
    Returns None for a document that is empty or is the whole corpus.
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
    return pd.DataFrame(
        {
            "doc_id": doc_id,
            "rank": np.arange(1, len(order) + 1),
            "term": vocab[idx[order]].astype(str),
            "count": a[order].astype(np.int64),
            "count_rest": b[order].astype(np.int64),
            "per_1k": 1000.0 * a[order] / c,
            "per_1k_rest": 1000.0 * b[order] / d,
            "g2": g,
            "log_ratio": lr[order],
            "p_value": [math.erfc(math.sqrt(max(x, 0.0) / 2.0)) for x in g],
        },
        columns=KEYNESS_COLUMNS,
    )


def similarity(
    sentences: pd.DataFrame,
    *,
    stop_words: Literal["english"] | Collection[str] | None = "english",
    doc_ids: Collection[str] | None = None,
    top: int | None = None,
) -> pd.DataFrame:
    """TF-IDF cosine similarity between pairs of articles.

    Each article is the bag of lower-cased word tokens of its body sentences
    (numbers, stop words and possessive 's left out), weighted by scikit-learn's TF-IDF
    (smoothed idf, L2-normalised rows); the similarity of two articles is
    the dot product of their rows: 1 for the same wording, 0 for no word in
    common. With few articles the idf weights are coarse (a word in all of
    them still counts, at a lower weight).

    Every pair is a square in the number of articles; for a large corpus ask
    for the pairs among some articles (``doc_ids``) or for each article's
    nearest neighbours (``top``). Either way the idf weights come from the
    whole corpus, and the products are taken a block of rows at a time.

    Parameters
    ----------
    sentences : DataFrame
        :func:`kzlib.corpus.sentences_frame`.
    stop_words : "english", collection of str, or None
        Words to leave out.
    doc_ids : collection of str, optional
        Only pairs of these articles (e.g. :func:`kzlib.corpus.sample_doc_ids`).
    top : int, optional
        Only each article's ``top`` most similar *other* articles (ties by
        doc_id), sorted by ``doc_a`` then similarity, most similar first.

    Returns
    -------
    DataFrame
        ``doc_a, doc_b, similarity``; without ``top`` every ordered pair (a
        matrix in long form, diagonal included), sorted by ``doc_a`` then
        ``doc_b``.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "b", "c"], "sent_id": [0, 0, 0],
    ...                   "text": ["rail corridor", "rail corridor", "judo"]})
    >>> similarity(s)["similarity"].round(2).tolist()
    [1.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0]
    >>> similarity(s, top=1)[["doc_a", "doc_b"]].values.tolist()
    [['a', 'b'], ['b', 'a'], ['c', 'a']]
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    if top is not None:
        top = _check_int("top", top, 1)
    stop = _stop_set(stop_words)
    all_ids, docs = _doc_terms(sentences)
    docs = [[t for t in d if t not in stop] for d in docs]
    rows = np.arange(len(all_ids))
    if doc_ids is not None:
        wanted = set(doc_ids)
        rows = np.array([i for i, d in enumerate(all_ids) if d in wanted], dtype=np.int64)
    ids = np.array(all_ids, dtype=object)[rows]
    has_words = np.array([bool(docs[i]) for i in rows])
    tfidf = TfidfTransformer().fit_transform(_count_matrix(docs)[1]) if any(docs) else None
    # transposed once: the right-hand side of every block's product
    right = tfidf[rows].T.tocsr() if tfidf is not None else None
    blocks = []
    for lo in range(0, len(rows), _SIMILARITY_BLOCK):
        block = rows[lo : lo + _SIMILARITY_BLOCK]
        if tfidf is None:
            sim = np.zeros((len(block), len(rows)))
        else:
            sim = (tfidf[block] @ right).toarray()
        # an article is identical to itself, even one without words (the product says 0)
        sim[np.arange(len(block)), np.arange(lo, lo + len(block))] = has_words[lo : lo + len(block)]
        sim = np.clip(sim, 0.0, 1.0)
        if top is None:
            blocks.append(
                pd.DataFrame(
                    {
                        "doc_a": np.repeat(ids[lo : lo + len(block)], len(rows)),
                        "doc_b": np.tile(ids, len(block)),
                        "similarity": sim.ravel(),
                    }
                )
            )
            continue
        sim[np.arange(len(block)), np.arange(lo, lo + len(block))] = -1.0  # not its own neighbour
        k = min(top, len(rows) - 1)
        # columns are in doc_id order, so a stable sort on -similarity breaks ties by doc_id
        nearest = np.argsort(-sim, axis=1, kind="stable")[:, :k]
        blocks.append(
            pd.DataFrame(
                {
                    "doc_a": np.repeat(ids[lo : lo + len(block)], k),
                    "doc_b": ids[nearest.ravel()],
                    "similarity": np.take_along_axis(sim, nearest, axis=1).ravel(),
                }
            )
        )
    if not blocks:
        return pd.DataFrame({"doc_a": [], "doc_b": [], "similarity": []})
    return pd.concat(blocks, ignore_index=True)


def cooccurrence(
    sentences: pd.DataFrame,
    *,
    actors: Lexicon | None = None,
    by_doc: bool = False,
) -> pd.DataFrame:
    """How often two actors are mentioned in the same sentence.

    Parameters
    ----------
    sentences : DataFrame
        :func:`kzlib.corpus.sentences_frame` (body sentences are used).
    actors : Lexicon, optional
        :func:`kzlib.rhetoric.actors.load_actors` (default ``data/actors.csv``).
    by_doc : bool
        One set of pairs per article (with a ``doc_id`` column) instead of
        one for the corpus.

    Returns
    -------
    DataFrame
        ``[doc_id,] actor_a, actor_b, sentences, jaccard`` for every pair
        mentioned together at least once (``actor_a`` before ``actor_b`` in
        gazetteer order); ``sentences`` counts sentences mentioning both,
        ``jaccard`` divides it by the sentences mentioning either. Sorted by
        ``sentences``, most frequent first.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a"] * 3, "sent_id": [0, 1, 2], "text": [
    ...     "The Kremlin and Beijing agreed.", "Putin met Xi Jinping.", "China waited."]})
    >>> cooccurrence(s)
      actor_a actor_b  sentences  jaccard
    0  Russia   China          2   0.6667
    """
    gaz = actors if actors is not None else load_actors()
    body, _ = _body(sentences)
    found = gaz.find(body["text"].tolist())
    names = gaz.categories
    index = {a: j for j, a in enumerate(names)}
    incidence = np.zeros((len(body), len(names)), dtype=np.int64)
    incidence[found["item"].to_numpy(), found["category"].map(index).to_numpy()] = 1
    groups: list[tuple[str | None, np.ndarray]] = (
        [(d, incidence[(body["doc_id"] == d).to_numpy()]) for d in sorted(body["doc_id"].unique())]
        if by_doc
        else [(None, incidence)]
    )
    frames = []
    for doc_id, m in groups:
        co = m.T @ m
        n = np.diag(co)
        ia, ib = np.triu_indices(len(names), k=1)
        keep = co[ia, ib] > 0
        ia, ib = ia[keep], ib[keep]
        both = co[ia, ib]
        part = pd.DataFrame(
            {
                "actor_a": np.array(names, dtype=object)[ia],
                "actor_b": np.array(names, dtype=object)[ib],
                "sentences": both,
                "jaccard": np.round(both / (n[ia] + n[ib] - both), 4),
            }
        )
        if doc_id is not None:
            part.insert(0, "doc_id", doc_id)
        frames.append(part)
    cols = (["doc_id"] if by_doc else []) + ["actor_a", "actor_b", "sentences", "jaccard"]
    if not frames:
        return pd.DataFrame(columns=cols)
    out = pd.concat(frames, ignore_index=True)[cols]
    keys = (["doc_id"] if by_doc else []) + ["sentences"]
    return out.sort_values(
        keys, ascending=[True] * (len(keys) - 1) + [False], kind="stable"
    ).reset_index(drop=True)
