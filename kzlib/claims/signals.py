"""The transparent cue features of check-worthiness: numbers, dates, verbs, hedges, length.

Each cue is a regular expression or a word list (:class:`Cue`);
:func:`cue_matrix` gives one binary column per name in :data:`CUE_NAMES`.
All sentences are joined by newlines so a pattern scans them at once, and
slow patterns run only on the sentences holding one of their guard strings.
:mod:`kzlib.claims.checkworthiness` scales this block and adds n-grams;
:mod:`kzlib.claims.assertion` reuses the joined-text helpers.

Examples
--------
>>> CUE_NAMES[0]
'number(digits)'
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse

__all__ = ["CUES", "CUE_NAMES", "LENGTH_BINS", "Cue", "cue_matrix"]


class Cue(NamedTuple):
    """One transparent cue: fires when ``pattern`` matches or a token is in ``words``.

    ``words`` are lower-case whole word tokens (letters only); ``pattern`` is a
    regular expression, case-insensitive unless ``flags`` is 0. Patterns run once
    over all sentences joined by newlines (``re.MULTILINE``), so they must never
    match across a newline: use a literal space or tab, never the class of all spaces.
    """

    name: str
    pattern: str = ""
    flags: int = re.IGNORECASE
    words: frozenset[str] = frozenset()
    #: Also fires on any token of at least 5 letters ending so ("-ed" for the past tense).
    suffix: str = ""
    #: Fires only when at least this many tokens of the sentence are in ``words``.
    min_count: int = 1
    #: Strings of which every match of ``pattern`` holds one (in the text the pattern
    #: runs on): the pattern then runs only on sentences that hold one (a speed-up).
    guard: tuple[str, ...] = ()


def _words(name: str, words: str, *, suffix: str = "", min_count: int = 1) -> Cue:
    return Cue(name, words=frozenset(words.split()), suffix=suffix, min_count=min_count)


# A general appraisal lexicon (evaluative adjectives and nouns, both polarities),
# written from general English, not from any evaluation sentence.
_APPRAISAL = (
    "good great best better excellent outstanding remarkable impressive wonderful fantastic "
    "terrific tremendous amazing incredible exceptional important significant essential "
    "crucial vital valuable useful successful effective efficient productive constructive "
    "fruitful positive strong solid reliable robust stable healthy fair just proper genuine "
    "special unique unprecedented historic exciting interesting beautiful nice happy glad "
    "proud pleased delighted grateful confident optimistic promising ambitious friendly warm "
    "sincere bad worse worst poor terrible horrible awful disastrous disaster dangerous "
    "harmful weak wrong unfair unjust failed failure false misleading ridiculous outrageous "
    "shameful disgraceful irresponsible reckless incompetent corrupt sad tragic unacceptable "
    "negative mistake mess shame")


#: The transparent cues, in feature order.
CUES: tuple[Cue, ...] = (
    Cue("number(digits)", r"\d", 0),
    _words("number(word)", (
        "hundred hundreds thousand thousands million millions billion billions trillion "
        "trillions dozen dozens half third quarter twice double doubled triple tripled")),
    _words("number(small word)", (
        "one two three four five six seven eight nine ten eleven twelve fifteen twenty "
        "thirty forty fifty sixty seventy eighty ninety")),
    Cue("number(percent)", r"%|\bper ?cent\b|\bpercentage\b", guard=("%", "per")),
    Cue("number(money)", r"[$€£¥₸]|\b(?:dollars?|usd|euros?|tenge|rubles?|roubles?|yuan)\b",
        guard=("$", "€", "£", "¥", "₸", "dollar", "usd", "euro", "tenge", "ruble", "rouble",
               "yuan")),
    _words("topic(budget)", ("budget deficit debt tax taxes spending cost costs paid pay")),
    Cue("date(year)", r"\b(?:1[89]\d\d|20\d\d)s?\b", 0, guard=("18", "19", "20")),
    _words("date(month or day)", (
        "january february march april june july august september october november december "
        "monday tuesday wednesday thursday friday saturday sunday yesterday ago since")),
    _words("unit", (
        "tons tonnes kilometers kilometres km miles barrels acres jobs people points workers "
        "troops soldiers votes students families children cases deaths")),
    _words("comparison", (
        "more less fewer higher lower larger smaller bigger increase increased increases "
        "decrease decreased decreases rose fell grew grown dropped declined most least "
        "largest biggest highest lowest record")),
    _words("scope(first/only/every)", ("first only every all never always")),
    _words("event verb", (
        "signed voted passed enacted approved vetoed cut raised created lost built launched "
        "killed invaded attacked elected appointed sent spent reduced doubled introduced "
        "opened closed held visited met agreed established founded ratified adopted")),
    _words("attribution", (
        "said says stated states announced reported reports according claimed claims told "
        "testified wrote noted confirmed declared acknowledged admitted")),
    Cue("hedge", r"\b(?:i think|i believe|i feel|maybe|perhaps|might|probably|possibly|seems?|"
                 r"appears?|i guess|i hope|i suppose|in my (?:view|opinion))\b",
        guard=("think", "believe", "feel", "maybe", "perhaps", "might", "probabl", "possibl",
               "seem", "appear", "guess", "hope", "suppose", "in my")),
    _words("first person(I)", "i me my mine myself"),
    _words("first person(we)", "we us our ours ourselves"),
    _words("second person", "you your yours"),
    Cue("question", r"\?[ \t]*[\"”’)]*[ \t]*$", 0),
    Cue("question mark", r"\?", 0),
    Cue("exclamation", r"!", 0),
    Cue("modal(future)", r"\b(?:will|won['’]t|going to|gonna|would|shall)\b|['’]ll\b",
        guard=("will", "won", "going to", "gonna", "would", "shall", "'ll", "’ll")),
    Cue("modal(should/must)", r"\b(?:should|must|need to|needs to|ought|have to|has to|"
                              r"got to|let['’]s|let us)\b",
        guard=("should", "must", "need", "ought", "have to", "has to", "got to", "let")),
    _words("modal(can/could)", "can could cannot"),
    _words("tense(past)", "was were had did", suffix="ed"),
    Cue("tense(perfect)", r"\b(?:has|have|had) (?:[a-z]+ )?(?:been|[a-z]+ed)\b",
        guard=("has ", "have ", "had ")),
    _words("tense(present be)", "is are am re"),
    _words("negation", "not no never nobody nothing none nor t"),
    _words("evaluative word", _APPRAISAL),
    _words("evaluative words(2+)", _APPRAISAL, min_count=2),
    _words("booster", (
        "very really truly extremely highly deeply particularly especially absolutely totally "
        "completely indeed clearly certainly undoubtedly definitely greatly")),
    Cue("greeting/thanks", r"^[^A-Za-z\n]*(?:thank|thanks(?! to)|hello|good (?:morning|"
                           r"afternoon|evening|night)|welcome|ladies and gentlemen|dear|"
                           r"congratulations|goodbye)\b",
        guard=("thank", "hello", "good", "welcome", "ladies", "dear", "congratulations")),
    Cue("procedural", r"\b(?:next question|my time|your time|time is up|rebuttal|moderator|"
                      r"applause|laughter|crosstalk|let me (?:finish|answer)|the question|"
                      r"your question)\b",
        guard=("question", "time", "rebuttal", "moderator", "applause", "laughter", "crosstalk",
               "let me")),
    Cue("quotation", r"[\"“”]", 0),
    _words("policy word", (
        "bill law act amendment legislation treaty agreement resolution program programme "
        "plan policy")),
    Cue("name(capitalised)", r"(?<=[A-Za-z0-9,;:] )(?!I\b)[A-Z][a-z]+", 0),
    Cue("name(acronym)", r"\b[A-Z]{2,}\b", 0),
)
#: Sentence length cues (in word tokens): name, lowest, highest (inclusive).
LENGTH_BINS: tuple[tuple[str, int, int], ...] = (
    ("length(1-4 words)", 0, 4),
    ("length(5-8 words)", 5, 8),
    ("length(9-15 words)", 9, 15),
    ("length(16-30 words)", 16, 30),
    ("length(31+ words)", 31, 1 << 30),
)
#: Names of all cue features, in feature order.
CUE_NAMES: tuple[str, ...] = tuple(c.name for c in CUES) + tuple(b[0] for b in LENGTH_BINS)

# Case-insensitive cues run as case-sensitive patterns on lower-cased text (faster).
_COMPILED = tuple(re.compile(c.pattern, re.MULTILINE) if c.pattern else None for c in CUES)
_WORD_CUES: dict[str, tuple[int, ...]] = {
    w: tuple(j for j, c in enumerate(CUES) if w in c.words)
    for w in sorted(set().union(*(c.words for c in CUES)))
}
_SUFFIX_CUES: tuple[tuple[str, int], ...] = tuple(
    (c.suffix, j) for j, c in enumerate(CUES) if c.suffix)
_WORD_TOKEN_RE = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_LETTERS_RE = re.compile(r"[a-z]+")


def _joined(texts: Sequence[str]) -> tuple[str, np.ndarray]:
    flat = [t.replace("\n", " ").replace("\r", " ") for t in texts]
    lengths = np.fromiter((len(t) + 1 for t in flat), dtype=np.int64, count=len(flat))
    starts = np.zeros(len(flat), dtype=np.int64)
    if len(flat):
        starts[1:] = np.cumsum(lengths)[:-1]
    return "\n".join(flat), starts


def _match_rows(pattern: re.Pattern[str], joined: str, starts: np.ndarray) -> np.ndarray:
    """The rows in which ``pattern`` matches, each once, ascending.

    After a match the search resumes at the next sentence, so a frequent
    pattern costs one search per sentence, not one per match.
    """
    bounds = starts.tolist()
    n = len(bounds)
    rows: list[int] = []
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    search = pattern.search
    m = search(joined, 0)
    while m is not None:
        r = bisect.bisect_right(bounds, m.start()) - 1
        rows.append(r)
        if r + 1 >= n:
            break
        m = search(joined, bounds[r + 1])
    return np.array(rows, dtype=np.int64)


def _word_counts(texts: Sequence[str]) -> np.ndarray:
    """Word tokens per sentence (letters or digits, with an apostrophe suffix)."""
    findall = _WORD_TOKEN_RE.findall
    return np.fromiter((len(findall(t)) for t in texts), dtype=np.int64, count=len(texts))


_LAST: list[tuple[list[str], str, np.ndarray, np.ndarray]] = []


def _prepared(texts: Sequence[str]) -> tuple[str, np.ndarray, np.ndarray]:
    """:func:`_joined` and :func:`_word_counts` of ``texts``, kept for the next call.

    :func:`cue_matrix` and :func:`kzlib.claims.assertion.not_claim_reasons` run
    on the same sentences one after the other; the sentences are compared
    (equal strings, so a mutated list is recomputed), not trusted by identity.
    """
    rows = list(texts)
    for saved, joined, starts, n_words in _LAST:
        if saved == rows:
            return joined, starts, n_words
    joined, starts = _joined(rows)
    n_words = _word_counts(rows)
    _LAST[:] = [(rows, joined, starts, n_words)]
    return joined, starts, n_words


def _guarded_rows(j: int, text: str, starts: np.ndarray) -> np.ndarray:
    """Rows in which the pattern of cue ``j`` matches, tried only where its guard occurs."""
    pattern = _COMPILED[j]
    assert pattern is not None
    bounds = starts.tolist()
    n = len(bounds)
    found: set[int] = set()
    find = text.find
    for literal in CUES[j].guard:  # str.find is much faster than a regex alternation
        i = find(literal)
        while i >= 0:
            r = bisect.bisect_right(bounds, i) - 1
            found.add(r)
            i = find(literal, bounds[r + 1]) if r + 1 < n else -1
    cand = sorted(found)
    ends = [*bounds[1:], len(text) + 1]
    search = pattern.search  # pos/endpos keep the sentence's newline context (see Cue)
    hit = [r for r in cand if search(text, bounds[r], ends[r] - 1) is not None]
    return np.array(hit, dtype=np.int64)


def _word_cue_rows(lowered: str, starts: np.ndarray, *,
                   plain: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, cue, count) of the word cues: letter tokens of each sentence in ``words``."""
    memo: dict[str, tuple[int, ...]] = {}

    def cues_of(word: str) -> tuple[int, ...]:
        hits = memo.get(word)
        if hits is None:
            hits = _WORD_CUES.get(word, ()) + tuple(
                j for suffix, j in _SUFFIX_CUES if len(word) >= 5 and word.endswith(suffix))
            memo[word] = hits
        return hits

    if plain:  # one lookup per token
        pos: list[int] = []
        cue: list[int] = []
        for m in _LETTERS_RE.finditer(lowered):
            for j in cues_of(m.group()):
                pos.append(m.start())
                cue.append(j)
        row = np.searchsorted(starts, np.array(pos, dtype=np.int64), side="right") - 1
        return row, np.array(cue, dtype=np.int64), np.ones(len(cue))
    # one lookup per distinct word; a sentence's counts are the sum over its tokens
    tokens = [_LETTERS_RE.findall(t) for t in lowered.split("\n")] if starts.size else []
    doc_of = np.repeat(np.arange(len(tokens), dtype=np.int64), [len(t) for t in tokens])
    codes, uniques = pd.factorize(pd.Series(list(itertools.chain.from_iterable(tokens)),
                                            dtype=object))
    word_of: list[int] = []
    cue_of: list[int] = []
    for k, word in enumerate(uniques):
        for j in cues_of(str(word)):
            word_of.append(k)
            cue_of.append(j)
    words = sparse.csr_matrix((np.ones(len(cue_of)), (word_of, cue_of)),
                              shape=(len(uniques), len(CUES)))
    docs = sparse.csr_matrix((np.ones(doc_of.size), (doc_of, codes.astype(np.int64))),
                             shape=(len(tokens), len(uniques)))
    counts = sparse.coo_matrix(docs @ words)
    return (counts.row.astype(np.int64), counts.col.astype(np.int64),
            counts.data.astype(np.float64))


def cue_matrix(texts: Sequence[str], *, plain: bool = False) -> sparse.csr_matrix:
    """Binary cue features (one column per name in :data:`CUE_NAMES`), vectorised.

    Each pattern scans all sentences at once (joined by newlines); match
    positions map back to rows. A pattern with a ``guard`` runs only on the
    sentences that hold one of its strings, and word cues look up each
    distinct word once; ``plain=True`` runs every pattern on all sentences and
    looks up every token (the reference the fast path is tested against).

    Examples
    --------
    >>> m = cue_matrix(["Is it 5%?", "Hello"]).toarray()
    >>> [CUE_NAMES[j] for j in np.flatnonzero(m[0])]
    ['number(digits)', 'number(percent)', 'question', 'question mark', 'tense(present be)', \
'length(1-4 words)']
    """
    joined, starts, n_words = _prepared(texts)
    n = len(starts)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    lowered = joined.lower()
    if len(lowered) != len(joined):  # a letter whose lower case is longer ("İ"): keep it
        lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in joined)
    for j, (cue_def, pattern) in enumerate(zip(CUES, _COMPILED, strict=True)):
        if pattern is not None:
            text = lowered if cue_def.flags else joined
            hit = (_guarded_rows(j, text, starts) if cue_def.guard and not plain
                   else _match_rows(pattern, text, starts))
            rows.append(hit)
            cols.append(np.full(hit.size, j, dtype=np.int64))
    for k, (_, low, high) in enumerate(LENGTH_BINS):
        hit = np.flatnonzero((n_words >= low) & (n_words <= high))
        rows.append(hit)
        cols.append(np.full(hit.size, len(CUES) + k, dtype=np.int64))
    vals = [np.ones(r.size) for r in rows]
    word_rows, word_cols, word_counts = _word_cue_rows(lowered, starts, plain=plain)
    r = np.concatenate([*rows, word_rows])
    c = np.concatenate([*cols, word_cols])
    out = sparse.csr_matrix((np.concatenate([*vals, word_counts]), (r, c)),
                            shape=(n, len(CUE_NAMES)))
    out.sum_duplicates()  # a cue firing k times in a sentence now holds k
    need = np.array([c.min_count for c in CUES] + [1] * len(LENGTH_BINS), dtype=np.float64)
    out.data = (out.data >= need[out.indices]).astype(np.float64)
    out.eliminate_zeros()
    return out
