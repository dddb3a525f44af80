"""Learned, explainable check-worthiness of sentences, and "is it a claim at all".

The score is a logistic regression over three transparent blocks of features,
shipped as data (``data/checkworthiness/``, rebuilt byte for byte by
``bench/train_checkworthiness.py``; never pickle):

``word``   TF-IDF of lower-cased word 1-2-grams (sublinear tf, l2-normalised),
           digits folded to ``0`` so "1952" and "2023" are the same token.
``char``   TF-IDF of character 2-5-grams inside word boundaries (same folding):
           carries over to unseen words, spellings and genres.
``cue``    binary cues from the regular expressions in :data:`CUES` below
           (numbers and their units, percent, money, years and dates,
           capitalised names, event and attribution verbs, hedges, first and
           second person, question mark, tense and modal cues, procedural
           lines, sentence length), each scaled by the shipped ``cue_scale``.

The probability is Platt-calibrated on cross-validated decision values:
``p = sigmoid(a * (intercept + x . w) + b)``. Every feature value is zero
unless the feature fired, so the logit splits exactly into ``a * x_j * w_j``
per fired feature plus a constant: :func:`explain_checkworthiness` lists the
largest of these terms, e.g. ``+number(percent)``, ``-question``,
``+"billion"``, ``+chars("illi")``.

:func:`kzlib.claims.assertion.is_claim` is a separate set of rules (a
sentence that asks, greets, thanks, heads a section or runs the proceedings
asserts nothing checkable or evaluative, whatever its score);
:func:`checkworthiness_frame` gives score, explanation and that flag together.

Examples
--------
>>> s = score_checkworthiness(["Exports rose 12% to $4 billion in 2023, the ministry said.",
...                            "Thank you very much."])
>>> bool(s[0] > s[1])
True
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import normalize

from kzlib.claims.ngrams import CHAR_NGRAMS, WORD_NGRAMS, char_counts, fold_text, word_counts
from kzlib.errors import InputError
from kzlib.paths import CHECKWORTHINESS_DIR

#: Version of the feature definitions; the shipped model must carry the same one.
__all__ = [
    "CHECKWORTHINESS_COLUMNS",
    "CUE_NAMES",
    "CheckworthinessModel",
    "char_counts",
    "checkworthiness_frame",
    "cue_matrix",
    "explain_checkworthiness",
    "load_model",
    "score_checkworthiness",
    "word_counts",
    "write_model",
]

FEATURES_VERSION: str = "cw-features-1"
#: File names of the shipped model inside :data:`kzlib.paths.CHECKWORTHINESS_DIR`.
MODEL_ARRAYS: str = "model.v1.npz"
MODEL_META: str = "model.v1.json"
#: Settings of the two n-gram blocks (shared by training and scoring).

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
    joined, starts = _joined(texts)
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
    n_words = _word_counts(texts)
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


def ngram_vectorizer(kind: str, *, vocabulary: Sequence[str] | None = None,
                     min_df: int = 1) -> CountVectorizer:
    """The count vectorizer of the ``word`` or ``char`` block (training and scoring).

    Examples
    --------
    >>> ngram_vectorizer("word", vocabulary=["tax", "tax cut"]).transform(["A tax cut."]).sum()
    np.float64(2.0)
    """
    if kind == "word":
        return CountVectorizer(preprocessor=fold_text, ngram_range=WORD_NGRAMS,
                               vocabulary=vocabulary, min_df=min_df, dtype=np.float64)
    if kind == "char":
        return CountVectorizer(preprocessor=fold_text, analyzer="char_wb",
                               ngram_range=CHAR_NGRAMS, vocabulary=vocabulary, min_df=min_df,
                               dtype=np.float64)
    raise InputError(f"kind={kind!r}: give 'word' or 'char'")


def tfidf(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """Sublinear TF-IDF, l2-normalised per row: as sklearn's ``TfidfVectorizer``.

    Examples
    --------
    >>> m = tfidf(sparse.csr_matrix(np.array([[1.0, 3.0]])), np.array([1.0, 2.0]))
    >>> np.round(m.toarray(), 3).tolist()
    [[0.232, 0.973]]
    """
    return _tfidf_inplace(sparse.csr_matrix(counts, dtype=np.float64, copy=True), idf)


def _tfidf_inplace(out: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    out.sum_duplicates()  # sorted columns, as the broadcast multiply used to leave them
    out.data = (np.log(out.data) + 1.0) * idf[out.indices]
    return sparse.csr_matrix(normalize(out, norm="l2", copy=False))


@dataclass(frozen=True)
class CheckworthinessModel:
    """A fitted check-worthiness model: vocabularies, weights and calibration.

    ``coef`` holds the weights of the word, char and cue blocks in that order;
    ``platt`` is ``(a, b)`` of the calibration ``sigmoid(a * z + b)``.
    """

    version: str
    word_vocab: tuple[str, ...]
    word_idf: np.ndarray
    char_vocab: tuple[str, ...]
    char_idf: np.ndarray
    cue_scale: float
    coef: np.ndarray
    intercept: float
    platt: tuple[float, float]
    meta: dict[str, Any]
    char_index: dict[str, int] = field(init=False, repr=False, compare=False)
    word_index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "char_index", {g: j for j, g in enumerate(self.char_vocab)})
        object.__setattr__(self, "word_index", {w: j for j, w in enumerate(self.word_vocab)})

    def features(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """The feature matrix of ``texts`` (word | char | cue blocks).

        Examples
        --------
        >>> load_model().features(["A tax cut."]).shape[1] == load_model().coef.size
        True
        """
        word = word_counts(texts, self.word_index)
        char = char_counts(texts, self.char_index)
        cues = cue_matrix(texts) * self.cue_scale
        blocks = [_tfidf_inplace(sparse.csr_matrix(word, dtype=np.float64), self.word_idf),
                  _tfidf_inplace(char, self.char_idf), cues]
        return sparse.csr_matrix(sparse.hstack(blocks, format="csr"))

    def feature_names(self) -> list[str]:
        """Readable names of all features, in column order.

        Examples
        --------
        >>> load_model().feature_names()[-1]
        'length(31+ words)'
        """
        return list(self.names)

    @cached_property
    def names(self) -> tuple[str, ...]:
        """:meth:`feature_names` as a tuple, built once per model."""
        return tuple([f'"{w}"' for w in self.word_vocab]
                     + [f'chars("{c}")' for c in self.char_vocab] + list(CUE_NAMES))


def _check_texts(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):
        raise InputError("texts: give a list of sentences, not one string")
    out = list(texts)
    bad = next((i for i, t in enumerate(out) if not isinstance(t, str)), None)
    if bad is not None:
        raise InputError(f"texts[{bad}]={out[bad]!r}: every sentence must be a string")
    return out


def _read_meta(directory: Path) -> dict[str, Any]:
    path = directory / MODEL_META
    if not path.is_file():
        raise InputError(f"{path}: model file missing; run bench/train_checkworthiness.py")
    meta: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if meta.get("features_version") != FEATURES_VERSION:
        raise InputError(f"{path}: features_version {meta.get('features_version')!r} is not "
                         f"{FEATURES_VERSION!r}; rebuild with bench/train_checkworthiness.py")
    if tuple(meta.get("cue_names", ())) != CUE_NAMES:
        raise InputError(f"{path}: cue names differ from kzlib's; rebuild the model")
    return meta


@lru_cache(maxsize=4)
def load_model(directory: Path | None = None) -> CheckworthinessModel:
    """Load (once, then from cache) the shipped model from ``data/checkworthiness/``.

    Examples
    --------
    >>> m = load_model()
    >>> m.coef.size == len(m.word_vocab) + len(m.char_vocab) + len(CUE_NAMES)
    True
    """
    folder = CHECKWORTHINESS_DIR if directory is None else Path(directory)
    meta = _read_meta(folder)
    with np.load(folder / MODEL_ARRAYS, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    model = CheckworthinessModel(
        version=str(meta["version"]),
        word_vocab=tuple(arrays["word_vocab"].tolist()),
        word_idf=arrays["word_idf"].astype(np.float64),
        char_vocab=tuple(arrays["char_vocab"].tolist()),
        char_idf=arrays["char_idf"].astype(np.float64),
        cue_scale=float(meta["cue_scale"]),
        coef=arrays["coef"].astype(np.float64),
        intercept=float(meta["intercept"]),
        platt=(float(meta["platt_a"]), float(meta["platt_b"])),
        meta=meta,
    )
    if model.coef.size != len(model.word_vocab) + len(model.char_vocab) + len(CUE_NAMES):
        raise InputError(f"{folder / MODEL_ARRAYS}: weights and vocabularies disagree in size")
    return model


def _npy_bytes(array: np.ndarray) -> bytes:
    import io

    buf = io.BytesIO()
    np.lib.format.write_array(buf, np.ascontiguousarray(array), allow_pickle=False)
    return buf.getvalue()


def write_model(model: CheckworthinessModel, directory: Path) -> list[Path]:
    """Write ``model`` as an ``.npz`` (fixed zip timestamps) and a JSON, byte for byte stable.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     paths = write_model(load_model(), Path(d))
    ...     load_model(Path(d)).version == load_model().version
    True
    """
    directory.mkdir(parents=True, exist_ok=True)
    arrays = {
        "word_vocab": np.array(model.word_vocab, dtype=str),
        "word_idf": model.word_idf.astype(np.float64),
        "char_vocab": np.array(model.char_vocab, dtype=str),
        "char_idf": model.char_idf.astype(np.float64),
        "coef": model.coef.astype(np.float64),
    }
    npz = directory / MODEL_ARRAYS
    with zipfile.ZipFile(npz, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, array in arrays.items():
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, _npy_bytes(array))
    meta = dict(model.meta)
    meta.update(version=model.version, features_version=FEATURES_VERSION,
                cue_names=list(CUE_NAMES), cue_scale=model.cue_scale,
                intercept=model.intercept, platt_a=model.platt[0], platt_b=model.platt[1])
    js = directory / MODEL_META
    js.write_text(json.dumps(meta, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                  encoding="utf-8")
    return [npz, js]


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * z)), dtype=np.float64)


def score_checkworthiness(texts: Sequence[str], *,
                          model: CheckworthinessModel | None = None) -> np.ndarray:
    """Calibrated probability (0..1) that each sentence is a check-worthy factual claim.

    Trained on ClaimBuster (US presidential debates); ranks best on spoken
    political text, less well on other genres (see ``data/checkworthiness/README.md``).

    Examples
    --------
    >>> s = score_checkworthiness(["Unemployment fell to 4.1 percent last year.",
    ...                            "I think we can do better."])
    >>> bool(s[0] > s[1]), bool(((s >= 0) & (s <= 1)).all())
    (True, True)
    """
    rows = _check_texts(texts)
    m = load_model() if model is None else model
    if not rows:
        return np.zeros(0, dtype=np.float64)
    return _score(m, m.features(rows))


def _score(m: CheckworthinessModel, x: sparse.csr_matrix) -> np.ndarray:
    z = np.asarray(x @ m.coef, dtype=np.float64) + m.intercept
    return _sigmoid(m.platt[0] * z + m.platt[1])


def explain_checkworthiness(texts: Sequence[str], *, top: int = 3,
                            model: CheckworthinessModel | None = None) -> list[str]:
    """The ``top`` fired features that moved each score most, with their sign.

    Each term is a feature's exact share of the calibrated logit: ``+`` raised
    the score, ``-`` lowered it; word n-grams are quoted, character n-grams
    are ``chars("...")``, cues are named as in :data:`CUE_NAMES`.

    Examples
    --------
    >>> explain_checkworthiness(["Why?"], top=2)[0].startswith("-")
    True
    """
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise InputError(f"top={top!r}: give a whole number of at least 1")
    rows = _check_texts(texts)
    m = load_model() if model is None else model
    if not rows:
        return []
    return _explain(m, m.features(rows), top)


_CHUNK: int = 32


def _top_terms(data: np.ndarray, ptr: np.ndarray, top: int) -> np.ndarray:
    """Positions of the ``top`` largest ``|data|`` of each CSR row: rows in order, largest first.

    Zeros never count. The order is that of one stable sort of the key
    ``row - |data| / (2 max|data|)`` over all entries (so ties and the key's
    rounding resolve as the plain sort does), but only the entries that can
    be among the ``top`` are sorted: each row is cut into chunks of
    :data:`_CHUNK` entries; the ``top``-th smallest chunk minimum of the key
    bounds the row's ``top``-th smallest key, and only chunks whose minimum is
    within that bound are kept.
    """
    size = np.abs(data)
    if size.size == 0:
        return np.zeros(0, dtype=np.int64)
    half = 2.0 * size.max()
    counts = np.diff(ptr)
    n_chunks = -(-counts // _CHUNK)
    chunk_row = np.repeat(np.arange(counts.size), n_chunks)
    first_chunk = np.cumsum(n_chunks) - n_chunks
    chunk_start = ptr[chunk_row] + (np.arange(chunk_row.size) - first_chunk[chunk_row]) * _CHUNK
    chunk_key = chunk_row - np.maximum.reduceat(size, chunk_start) / half
    ranked = np.sort(chunk_key)  # keys of a row lie in (row - 1/2, row]: rows never mix
    bound = np.full(counts.size, np.inf)
    deep = n_chunks >= top
    bound[deep] = ranked[first_chunk[deep] + top - 1]
    kept = np.flatnonzero(chunk_key <= bound[chunk_row])
    chunk_end = np.minimum(chunk_start[kept] + _CHUNK, ptr[chunk_row[kept] + 1])
    lengths = chunk_end - chunk_start[kept]
    pos = (np.repeat(chunk_start[kept] - np.cumsum(lengths) + lengths, lengths)
           + np.arange(lengths.sum()))
    row = np.repeat(chunk_row[kept], lengths)
    key = row - size[pos] / half
    ok = (key <= bound[row]) & (size[pos] != 0)
    pos, row, key = pos[ok], row[ok], key[ok]
    order = np.argsort(key, kind="stable")
    pos, row = pos[order], row[order]
    starts = np.searchsorted(row, row, side="left")
    return np.asarray(pos[np.arange(row.size) - starts < top], dtype=np.int64)


def _explain(m: CheckworthinessModel, x: sparse.csr_matrix, top: int) -> list[str]:
    if not x.has_sorted_indices:  # the order of sparse.csr_matrix(x.multiply(...))
        x = x.sorted_indices()
    idx, ptr = x.indices, x.indptr
    vals = x.data * (m.platt[0] * m.coef)[idx]
    keep = _top_terms(vals, ptr, top)
    row = np.searchsorted(ptr, keep, side="right") - 1
    names = m.names
    terms: list[list[str]] = [[] for _ in range(x.shape[0])]
    for r, v, j in zip(row.tolist(), vals[keep].tolist(), idx[keep].tolist(), strict=True):
        terms[r].append(("+" if v > 0 else "-") + names[j])
    return [", ".join(t) for t in terms]


#: Columns of :func:`checkworthiness_frame`.
CHECKWORTHINESS_COLUMNS: tuple[str, ...] = ("checkworthiness", "cw_why", "is_claim")


def checkworthiness_frame(texts: Sequence[str], *, top: int = 3) -> pd.DataFrame:
    """Score, explanation and claim flag of each sentence, one row each (for the inventory).

    Columns: ``checkworthiness`` (calibrated probability, float64), ``cw_why``
    (the ``top`` features that moved it, as :func:`explain_checkworthiness`)
    and ``is_claim`` (bool, :func:`kzlib.claims.assertion.is_claim`). Rows keep the
    order of ``texts``.

    Examples
    --------
    >>> f = checkworthiness_frame(["Exports rose 5% in 2023.", "Thank you."], top=2)
    >>> f.columns.tolist(), f["is_claim"].tolist()
    (['checkworthiness', 'cw_why', 'is_claim'], [True, False])
    """
    from kzlib.claims.assertion import is_claim  # assertion imports this module

    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise InputError(f"top={top!r}: give a whole number of at least 1")
    rows = _check_texts(texts)
    m = load_model()
    x = m.features(rows) if rows else None
    return pd.DataFrame({
        "checkworthiness": np.zeros(0) if x is None else _score(m, x),
        "cw_why": pd.Series([] if x is None else _explain(m, x, top), dtype=object),
        "is_claim": is_claim(rows),
    }, columns=list(CHECKWORTHINESS_COLUMNS))
