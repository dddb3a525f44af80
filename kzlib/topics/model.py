"""Topic models of a segmented corpus: which themes it covers, and how each article weights them.

The input is the sentence table of :func:`kzlib.corpus.sentences_frame`. It
is cut into *units* (paragraphs, single sentences, or windows of a few
sentences; headings are never units of their own), the units are turned
into term vectors (TF-IDF for NMF, counts for LDA, both from scikit-learn)
and factorised into topics. Everything that comes out is a DataFrame held by
a frozen :class:`TopicModel`:

``topic_terms``     topic, rank, term, weight (weights of a topic sum to 1 over the vocabulary)
``doc_topics``      doc_id, topic, weight: article level, unit shares averaged by unit length
``unit_topics``     doc_id, unit_id, topic, weight: each unit's topic shares (sum to 1)
``units``           the units: offsets, sentence range, words, text, dominant topic
``labels``          topic, label, share, coherence, stability: one row per topic
``exemplars``       the most representative sentences of each topic
``coherence_by_k``  k, coherence, chosen: mean NPMI for every number of topics tried
``stability``       topic, seed, overlap: best-match overlap of top terms in each refit

How far to trust a topic is measured twice. *Coherence* is the normalised
pointwise mutual information (NPMI) of its top terms, counted by kzlib in a
sliding window over the corpus's own documents (:func:`npmi_coherence`); it
also picks the number of topics when ``n_topics="auto"``. *Stability* refits
the model on random 80% subsamples of the units with other seeds and reports
how many of each topic's top terms recur in its best-matching refitted topic.

Work is capped so that ``auto`` stays fast: at most ``k_range`` fits (2 to 10
topics by default), ``n_stability`` refits at the chosen number, NMF at most
400 iterations and LDA at most 20 passes.

Examples
--------
>>> from kzlib import load_corpus, sentences_frame
>>> model = fit_topics(sentences_frame(load_corpus()), n_topics=4, seed=0)
>>> model.topic_terms.columns.tolist()
['topic', 'rank', 'term', 'weight']
>>> sorted(model.doc_topics["topic"].unique().tolist())
[0, 1, 2, 3]
"""

from __future__ import annotations

import csv
import itertools
import math
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from kzlib.corpus.document import sample_doc_ids
from kzlib.errors import InputError
from kzlib.paths import STOPWORDS_DIR

__all__ = [
    "METHODS",
    "STOPWORDS_FILE",
    "UNITS",
    "TopicModel",
    "fit_topics",
    "load_stopwords",
    "make_units",
    "npmi_coherence",
    "tokenize",
    "topic_tables",
]

#: Kinds of unit a corpus can be cut into.
UNITS: tuple[str, ...] = ("paragraph", "sentence", "window")
#: Topic models: NMF on TF-IDF, LDA on counts.
METHODS: tuple[str, ...] = ("nmf", "lda")
#: The corpus stop-word list (see ``data/stopwords/README.md``).
STOPWORDS_FILE: Path = STOPWORDS_DIR / "stopwords.v1.csv"

# Dotted acronyms (``U.S.``) are kept whole; otherwise runs of two or more letters.
_TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]{2,}")
_WORD_RE = re.compile(r"\S+")
_EPS = 1e-12
_NMF_MAX_ITER = 400
_LDA_MAX_ITER = 20
_SUBSAMPLE = 0.8


@dataclass(frozen=True)
class TopicModel:
    """A fitted topic model and every table derived from it.

    Attributes
    ----------
    method, unit : str
        The model (``nmf`` or ``lda``) and the unit it was fitted on.
    n_topics : int
        Number of topics (chosen by coherence when ``n_topics="auto"``).
    seed : int
        Random seed of the fit.
    topic_terms, doc_topics, unit_topics, units, labels, exemplars, coherence_by_k, stability
        DataFrames, described in the module docstring. Topics are numbered
        from 0 in decreasing order of their share of the corpus.
    params : dict
        Every parameter of :func:`fit_topics`, for provenance.
    fit_docs : tuple of str
        The documents the model was fitted on: all of them, or the random
        sample drawn when ``max_docs`` is smaller than the corpus (the other
        documents' topic weights are then inferred by the fitted model).

    Examples
    --------
    >>> from kzlib import load_corpus, sentences_frame
    >>> m = fit_topics(sentences_frame(load_corpus()), n_topics=3, n_stability=0)
    >>> m.labels.columns.tolist()
    ['topic', 'label', 'share', 'coherence', 'stability']
    """

    method: str
    unit: str
    n_topics: int
    seed: int
    topic_terms: pd.DataFrame
    doc_topics: pd.DataFrame
    unit_topics: pd.DataFrame
    units: pd.DataFrame
    labels: pd.DataFrame
    exemplars: pd.DataFrame
    coherence_by_k: pd.DataFrame
    stability: pd.DataFrame
    params: dict[str, Any] = field(default_factory=dict)
    fit_docs: tuple[str, ...] = ()

    def top_terms(self, topic: int, n: int = 10) -> list[str]:
        """The ``n`` top terms of ``topic``, best first.

        Examples
        --------
        >>> from kzlib import load_corpus, sentences_frame
        >>> m = fit_topics(sentences_frame(load_corpus()), n_topics=2, n_stability=0)
        >>> len(m.top_terms(0, 5))
        5
        """
        rows = self.topic_terms[self.topic_terms["topic"] == topic]
        return rows.sort_values("rank")["term"].head(n).tolist()


def topic_tables(model: TopicModel) -> dict[str, pd.DataFrame]:
    """The tables of a model by file name, as ``kzlib topics --out-dir`` writes them.

    ``topic_terms``, ``doc_topics`` (the contract), ``unit_topics`` and ``units``
    (unit level), ``topics`` (label, share, coherence, stability per topic),
    ``exemplars``, ``coherence_by_k`` and ``stability``.

    Examples
    --------
    >>> from kzlib import load_corpus, sentences_frame
    >>> m = fit_topics(sentences_frame(load_corpus()), n_topics=2, n_stability=0)
    >>> list(topic_tables(m))[:2]
    ['topic_terms', 'doc_topics']
    """
    return {
        "topic_terms": model.topic_terms,
        "doc_topics": model.doc_topics,
        "unit_topics": model.unit_topics,
        "units": model.units,
        "topics": model.labels,
        "exemplars": model.exemplars,
        "coherence_by_k": model.coherence_by_k,
        "stability": model.stability,
    }


# ---------------------------------------------------------------------------
# words


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens: runs of two or more letters, dotted acronyms kept whole.

    Hyphens, apostrophes and digits split words, so ``Tokayev's`` gives
    ``tokayev`` (the lone ``s`` is too short) and ``multi-vector`` gives
    ``multi`` and ``vector``.

    Examples
    --------
    >>> tokenize("Tokayev's U.S.-backed multi-vector policy, C5+1")
    ['tokayev', 'u.s.', 'backed', 'multi', 'vector', 'policy']
    """
    return _TOKEN_RE.findall(text.lower())


def load_stopwords(path: str | Path | None = None, *, english: bool = True) -> frozenset[str]:
    """The stop words: scikit-learn's English list edited by the corpus list in ``data/``.

    Parameters
    ----------
    path : str or Path, optional
        A stop-word CSV with columns ``term, action, category`` (``action``
        is ``add`` or ``keep``); default :data:`STOPWORDS_FILE`.
    english : bool, default True
        Start from scikit-learn's English list; ``False`` uses only the
        ``add`` rows of the file.

    Raises
    ------
    InputError
        If the file is missing or a row is malformed.

    Examples
    --------
    >>> words = load_stopwords()
    >>> "the" in words, "said" in words, "un" in words
    (True, True, False)
    """
    file = Path(path) if path is not None else STOPWORDS_FILE
    try:
        with file.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise InputError(
            f"{file}: cannot read the stop-word list ({exc.strerror}); restore it"
        ) from exc
    words = set(ENGLISH_STOP_WORDS) if english else set()
    for line, row in enumerate(rows, start=2):
        term = (row.get("term") or "").strip().lower()
        action = (row.get("action") or "").strip()
        if not term or action not in {"add", "keep"}:
            raise InputError(
                f"{file}, line {line}: need a term and action 'add' or 'keep'; fix the row"
            )
        if action == "add":
            words.add(term)
        else:
            words.discard(term)
    return frozenset(words)


# ---------------------------------------------------------------------------
# units


_SentRow = tuple[Any, Any, Any, Any, Any, str]  # doc_id, sent_id, para_id, start, end, text


def _n_words(text: str) -> int:
    return len(_WORD_RE.findall(text))


def _chunks(n: int, size: int) -> list[tuple[int, int]]:
    """Split ``range(n)`` into ``ceil(n / size)`` near-equal consecutive runs."""
    parts = max(1, math.ceil(n / size))
    bounds = [round(i * n / parts) for i in range(parts + 1)]
    return [(bounds[i], bounds[i + 1]) for i in range(parts) if bounds[i + 1] > bounds[i]]


def make_units(
    sentences: pd.DataFrame,
    *,
    unit: str = "paragraph",
    window_size: int = 3,
    max_unit_words: int | None = 150,
) -> pd.DataFrame:
    """Cut a sentence table into the units a topic model is fitted on.

    Headings (``kind == "heading"``) are left out: a heading of five words is
    too short to be a unit and would otherwise count as a paragraph.

    Parameters
    ----------
    sentences : DataFrame
        The table of :func:`kzlib.corpus.sentences_frame`.
    unit : {"paragraph", "sentence", "window"}
        ``paragraph``: a body paragraph; one longer than ``max_unit_words``
        is cut, at sentence boundaries, into near-equal runs (so an article
        that arrives as one long line still gives several units).
        ``sentence``: one sentence. ``window``: consecutive, non-overlapping
        runs of ``window_size`` sentences of a document, across paragraphs.
    window_size : int, default 3
        Sentences per window (``unit="window"`` only).
    max_unit_words : int or None, default 150
        Longest paragraph unit, in words; ``None`` never cuts paragraphs.

    Returns
    -------
    DataFrame
        One row per unit: ``doc_id, unit_id`` (from 0 per document),
        ``para_id`` (of the first sentence), ``first_sent, last_sent``
        (``sent_id`` range, inclusive), ``start, end`` (offsets into the
        cleaned text), ``n_words, text``.

    Examples
    --------
    >>> from kzlib import load_corpus, sentences_frame
    >>> units = make_units(sentences_frame(load_corpus()), unit="window", window_size=4)
    >>> int(units.groupby("doc_id")["unit_id"].count().min()) > 1
    True
    """
    if unit not in UNITS:
        raise InputError(f"unit must be one of {', '.join(UNITS)}; got {unit!r}")
    if not isinstance(window_size, int) or window_size < 1:
        raise InputError(f"window_size must be a whole number >= 1; got {window_size!r}")
    if max_unit_words is not None and (not isinstance(max_unit_words, int) or max_unit_words < 1):
        raise InputError(
            f"max_unit_words must be a whole number >= 1 or None; got {max_unit_words!r}"
        )
    missing = {"doc_id", "sent_id", "para_id", "start", "end", "text"} - set(sentences.columns)
    if missing:
        raise InputError(
            f"sentence table lacks column(s) {', '.join(sorted(missing))};"
            " pass sentences_frame(corpus)"
        )
    body = sentences
    if "kind" in body.columns:
        body = body[body["kind"] != "heading"]
    body = body.sort_values(["doc_id", "sent_id"], kind="stable")
    rows = list(
        zip(
            body["doc_id"].tolist(),
            body["sent_id"].tolist(),
            body["para_id"].tolist(),
            body["start"].tolist(),
            body["end"].tolist(),
            body["text"].tolist(),
            strict=True,
        )
    )

    records: list[dict[str, object]] = []
    for doc_id, doc_rows in itertools.groupby(rows, key=lambda r: r[0]):
        doc = list(doc_rows)
        groups: list[list[_SentRow]] = []
        if unit == "sentence":
            groups = [[r] for r in doc]
        elif unit == "window":
            groups = [doc[i : i + window_size] for i in range(0, len(doc), window_size)]
        else:
            for _, para_rows in itertools.groupby(doc, key=lambda r: r[2]):
                para = list(para_rows)
                words = sum(_n_words(r[5]) for r in para)
                if max_unit_words is None or words <= max_unit_words:
                    groups.append(para)
                    continue
                per = max(1, math.ceil(len(para) * max_unit_words / words))
                groups.extend(para[a:b] for a, b in _chunks(len(para), per))
        for unit_id, group in enumerate(groups):
            text = " ".join(r[5] for r in group)
            records.append(
                {
                    "doc_id": doc_id,
                    "unit_id": unit_id,
                    "para_id": int(group[0][2]),
                    "first_sent": int(group[0][1]),
                    "last_sent": int(group[-1][1]),
                    "start": int(group[0][3]),
                    "end": int(group[-1][4]),
                    "n_words": _n_words(text),
                    "text": text,
                }
            )
    columns = [
        "doc_id",
        "unit_id",
        "para_id",
        "first_sent",
        "last_sent",
        "start",
        "end",
        "n_words",
        "text",
    ]
    return pd.DataFrame.from_records(records, columns=columns)


# ---------------------------------------------------------------------------
# coherence


def _window_presence(
    positions: list[np.ndarray], lengths: np.ndarray, n_tokens: int, window: int
) -> np.ndarray:
    """Boolean matrix windows x terms: does a match of the term lie inside the window.

    A match of an ``n``-word term starting at token ``p`` lies in the window
    starting at ``i`` if ``i <= p <= i + window - n``; matches are counted with
    one cumulative sum per term over the text, all terms at once.
    """
    n_windows = max(1, n_tokens - window + 1)
    marks = np.zeros((n_tokens + 1, len(positions)), dtype=np.int32)
    for j, pos in enumerate(positions):
        np.add.at(marks[:, j], pos + 1, 1)
    cum = np.cumsum(marks, axis=0)
    starts = np.arange(n_windows)[:, None]
    hi = np.minimum(starts + window - lengths[None, :] + 1, n_tokens)
    lo = np.minimum(starts, hi)
    cols = np.arange(len(positions))[None, :]
    present: np.ndarray = cum[hi, cols] - cum[lo, cols] > 0
    return present


def npmi_coherence(
    topics: Sequence[Sequence[str]],
    texts: Iterable[Sequence[str]],
    *,
    window: int = 10,
) -> list[float]:
    """Mean NPMI of each topic's term pairs, from a boolean sliding window over ``texts``.

    Every window of ``window`` consecutive tokens of a text (the whole text if
    it is shorter) is one observation; a term occurs in a window if it (all
    its words, in order, for an n-gram) lies inside it. With ``N`` windows,
    ``P(w)`` is the share of windows holding ``w`` and ``P(a, b)`` the share
    holding both, and ``NPMI(a, b) = log((P(a, b) + e) / (P(a) P(b))) / -log(P(a, b) + e)``
    with ``e = 1e-12``: 1 for terms that only occur together, about -1 for
    terms that never do. A topic scores the mean over its unordered pairs; a
    pair with a term that never occurs scores -1. This is the ``c_npmi``
    measure of Röder et al. (2015), as in gensim's ``CoherenceModel``, counted
    exactly (gensim's incremental window drops a word that leaves the window
    while another copy of it stays inside, so on repetitive text it can count
    slightly fewer co-occurrences).

    Parameters
    ----------
    topics : sequence of sequence of str
        Top terms of each topic (n-grams as words joined by spaces).
    texts : iterable of sequence of str
        Token lists, usually one per document.
    window : int, default 10
        Window length in tokens.

    Returns
    -------
    list of float
        One value per topic (NaN for a topic with fewer than two terms).

    Examples
    --------
    >>> texts = [["judo", "balance", "force"] * 5, ["railway", "corridor", "freight"] * 5]
    >>> scores = npmi_coherence([["judo", "force"], ["judo", "railway"]], texts, window=3)
    >>> [round(x, 2) for x in scores]
    [1.0, -0.95]
    """
    if window < 1:
        raise InputError(f"coherence window must be >= 1 token; got {window}")
    vocab = sorted({t for topic in topics for t in topic})
    index = {t: i for i, t in enumerate(vocab)}
    parts = [t.split(" ") for t in vocab]
    lengths = np.array([len(p) for p in parts], dtype=np.int64)
    heads = {p[0] for p in parts}
    # One BLAS thread: the window products are small, and on a busy 2-core machine threaded
    # BLAS made the count 9x slower (1,000 synthetic articles, 50 terms: 25.7 s vs 2.9 s).
    with threadpool_limits(limits=1, user_api="blas"):
        counts = np.zeros(len(vocab))
        pair_counts = np.zeros((len(vocab), len(vocab)))
        n_windows = 0
        for text in texts:
            tokens = list(text)
            n = len(tokens)
            n_windows += max(1, n - window + 1)
            if not n:
                continue
            where: dict[str, list[int]] = {}
            for i, tok in enumerate(tokens):
                if tok in heads:
                    where.setdefault(tok, []).append(i)
            ids: list[int] = []
            positions: list[np.ndarray] = []
            for j, words in enumerate(parts):
                cand = where.get(words[0], [])
                if len(words) > 1:
                    cand = [p for p in cand if tokens[p : p + len(words)] == words]
                if cand:
                    ids.append(j)
                    positions.append(np.asarray(cand, dtype=np.int64))
            if not ids:
                continue
            present = _window_presence(positions, lengths[ids], n, window).astype(np.float64)
            counts[ids] += present.sum(axis=0)
            pair_counts[np.ix_(ids, ids)] += present.T @ present
    scores: list[float] = []
    for topic in topics:
        ids = [index[t] for t in dict.fromkeys(topic)]
        values: list[float] = []
        for a in range(len(ids)):
            for b in range(a + 1, len(ids)):
                i, j = ids[a], ids[b]
                if counts[i] == 0 or counts[j] == 0 or n_windows == 0:
                    values.append(-1.0)
                    continue
                p_ab = pair_counts[i, j] / n_windows + _EPS
                pmi = math.log(p_ab / ((counts[i] / n_windows) * (counts[j] / n_windows)))
                values.append(pmi / -math.log(p_ab))
        scores.append(float(np.mean(values)) if values else math.nan)
    return scores


# ---------------------------------------------------------------------------
# fitting


@dataclass(frozen=True)
class _Fit:
    terms: np.ndarray  # topics x vocabulary, each row sums to 1
    units: np.ndarray  # units x topics, raw weights
    model: Any = None  # the fitted estimator, to infer the topics of units it was not fitted on


def _vectorizer(
    method: str,
    *,
    stop_words: frozenset[str],
    ngram_range: tuple[int, int],
    min_df: int | float,
    max_df: int | float,
) -> CountVectorizer:
    options: dict[str, Any] = {
        "tokenizer": tokenize,
        "token_pattern": None,
        "lowercase": False,
        "stop_words": sorted(stop_words),
        "ngram_range": ngram_range,
        "min_df": min_df,
        "max_df": max_df,
        "dtype": np.float64,
    }
    if method == "nmf":
        return TfidfVectorizer(sublinear_tf=True, **options)
    return CountVectorizer(**options)


def _fit(method: str, matrix: Any, k: int, seed: int) -> _Fit:
    # One BLAS thread: the matrices are small enough that threads only contend (several
    # times slower on a busy machine), and float sums then do not depend on the core count.
    with warnings.catch_warnings(), threadpool_limits(limits=1, user_api="blas"):
        # the iteration caps are deliberate (speed); an unconverged fit is still a fit
        warnings.simplefilter("ignore", ConvergenceWarning)
        return _fit_model(method, matrix, k, seed)


def _fit_model(method: str, matrix: Any, k: int, seed: int) -> _Fit:
    if method == "nmf":
        nmf = NMF(
            n_components=k, init="nndsvda", random_state=seed, max_iter=_NMF_MAX_ITER, tol=1e-4
        )
        weights = nmf.fit_transform(matrix)
        comps = nmf.components_
        model: Any = nmf
    else:
        lda = LatentDirichletAllocation(
            n_components=k, learning_method="batch", max_iter=_LDA_MAX_ITER, random_state=seed
        )
        weights = lda.fit_transform(matrix)
        comps = lda.components_
        model = lda
        # LDA spreads a unit without any vocabulary term evenly; call that no topic.
        weights[np.asarray(matrix.sum(axis=1)).ravel() == 0] = 0.0
    totals = comps.sum(axis=1, keepdims=True)
    terms = np.divide(comps, totals, out=np.zeros_like(comps), where=totals > 0)
    return _Fit(terms=terms, units=weights, model=model)


def _infer(method: str, fit: _Fit, matrix: Any) -> np.ndarray:
    """Topic weights of units the model was not fitted on (same scale as ``fit.units``)."""
    with threadpool_limits(limits=1, user_api="blas"):
        weights: np.ndarray = fit.model.transform(matrix)
    if method == "lda":
        weights[np.asarray(matrix.sum(axis=1)).ravel() == 0] = 0.0
    return weights


def _top(fit: _Fit, vocab: np.ndarray, n: int) -> list[list[str]]:
    order = np.argsort(-fit.terms, axis=1, kind="stable")[:, :n]
    return [[str(vocab[j]) for j in row if fit.terms[i, j] > 0] for i, row in enumerate(order)]


def _shares(weights: np.ndarray) -> np.ndarray:
    totals = weights.sum(axis=1, keepdims=True)
    shares: np.ndarray = np.divide(weights, totals, out=np.zeros_like(weights), where=totals > 0)
    return shares


def _check_int(name: str, value: object, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or int(value) < low:
        raise InputError(f"{name} must be a whole number >= {low}; got {value!r}")
    return int(value)


def _stability(
    texts: list[str],
    reference: list[list[str]],
    *,
    method: str,
    k: int,
    seeds: list[int],
    n_terms: int,
    vectorizer_options: dict[str, Any],
) -> pd.DataFrame:
    rows: list[dict[str, object]] = []
    n_sub = max(2, round(_SUBSAMPLE * len(texts)))
    for s in seeds:
        rng = np.random.default_rng(s)
        pick = np.sort(rng.choice(len(texts), size=min(n_sub, len(texts)), replace=False))
        vec = _vectorizer(method, **vectorizer_options)
        try:
            matrix = vec.fit_transform([texts[i] for i in pick])
        except ValueError:
            matrix = None
        if matrix is None or k > min(matrix.shape):
            # the subsample cannot hold k topics: no evidence either way
            for topic in range(len(reference)):
                rows.append({"topic": topic, "seed": s, "overlap": math.nan})
            continue
        refit = _top(_fit(method, matrix, k, s), vec.get_feature_names_out(), n_terms)
        for topic, ref in enumerate(reference):
            best = max((len(set(ref) & set(other)) for other in refit), default=0)
            rows.append({"topic": topic, "seed": s, "overlap": best / max(1, len(ref))})
    return pd.DataFrame.from_records(rows, columns=["topic", "seed", "overlap"])


def fit_topics(
    sentences: pd.DataFrame,
    *,
    unit: str = "paragraph",
    window_size: int = 3,
    max_unit_words: int | None = 150,
    method: str = "nmf",
    n_topics: int | str = "auto",
    k_range: tuple[int, int] = (2, 10),
    ngram_range: tuple[int, int] = (1, 1),
    min_df: int | float = 2,
    max_df: int | float = 0.95,
    stop_words: Iterable[str] | None = None,
    n_terms: int = 10,
    coherence_window: int = 10,
    n_stability: int = 5,
    n_exemplars: int = 3,
    max_docs: int | None = None,
    seed: int = 0,
) -> TopicModel:
    """Fit a topic model to a sentence table and derive every topic table.

    Parameters
    ----------
    sentences : DataFrame
        The table of :func:`kzlib.corpus.sentences_frame`.
    unit, window_size, max_unit_words
        How the corpus is cut into units; see :func:`make_units`.
    method : {"nmf", "lda"}, default "nmf"
        NMF on sublinear TF-IDF (L2-normalised) or LDA on raw counts.
    n_topics : int or "auto", default "auto"
        Number of topics, or ``"auto"`` to fit every k in ``k_range`` and keep
        the one whose top ``n_terms`` terms have the highest mean NPMI (the
        smaller k on a tie).
    k_range : (int, int), default (2, 10)
        Smallest and largest k tried by ``auto``; the largest is also capped at
        one less than the number of units.
    ngram_range : (int, int), default (1, 1)
        Lengths of the terms counted (``(1, 2)`` adds two-word terms).
    min_df, max_df : int or float
        Keep terms found in at least ``min_df`` and at most ``max_df`` units
        (a float is a share of units). ``min_df=2`` drops words of a single
        unit, which cannot show a theme shared by passages.
    stop_words : iterable of str, optional
        Words never counted; default :func:`load_stopwords`.
    n_terms : int, default 10
        Top terms per topic: reported, scored for coherence and stability.
    coherence_window : int, default 10
        Sliding-window length of the NPMI coherence, over each document's
        tokens without stop words.
    n_stability : int, default 5
        Refits on 80% subsamples (seeds ``seed + 1`` ...) for the stability
        of each topic; 0 skips them.
    n_exemplars : int, default 3
        Representative sentences per topic.
    max_docs : int, optional
        Fit on at most this many documents: with more, the model (vocabulary,
        number of topics, coherence, stability, exemplars) is fitted on a
        random sample of ``max_docs`` documents drawn with ``seed``, and the
        units of *every* document get their topic weights from the fitted
        model (``transform``), so ``doc_topics``, ``unit_topics`` and the topic
        shares still cover the whole corpus. ``None`` (default) fits on all.
        A large corpus needs it: the cost of ``auto`` and of the stability
        refits grows with the corpus, and a few thousand articles pin the
        topics down as well as all of them would.
    seed : int, default 0
        Seed of the model (and of the document sample); the same seed gives
        the same tables.

    Returns
    -------
    TopicModel

    Raises
    ------
    InputError
        For a parameter of the wrong type or value, or a corpus too small to
        give a vocabulary (the message says which parameter to relax).

    Examples
    --------
    >>> from kzlib import load_corpus, sentences_frame
    >>> m = fit_topics(sentences_frame(load_corpus()), method="lda", n_topics=3, seed=1)
    >>> m.doc_topics.groupby("doc_id")["weight"].sum().round(6).unique().tolist()
    [1.0]
    """
    if method not in METHODS:
        raise InputError(f"method must be one of {', '.join(METHODS)}; got {method!r}")
    seed = _check_int("seed", seed, 0)
    n_terms = _check_int("n_terms", n_terms, 2)
    n_stability = _check_int("n_stability", n_stability, 0)
    n_exemplars = _check_int("n_exemplars", n_exemplars, 0)
    coherence_window = _check_int("coherence_window", coherence_window, 2)
    if not (isinstance(k_range, tuple | list) and len(k_range) == 2):
        raise InputError(f"k_range must be a pair (smallest, largest); got {k_range!r}")
    k_lo, k_hi = (_check_int("k_range", k, 1) for k in k_range)
    if k_lo > k_hi:
        raise InputError(f"k_range must be (smallest, largest); got {k_range!r}")
    if not (isinstance(ngram_range, tuple | list) and len(ngram_range) == 2):
        raise InputError(f"ngram_range must be a pair (shortest, longest); got {ngram_range!r}")
    n_lo, n_hi = (_check_int("ngram_range", n, 1) for n in ngram_range)
    if n_lo > n_hi:
        raise InputError(f"ngram_range must be (shortest, longest); got {ngram_range!r}")
    if isinstance(stop_words, str):
        raise InputError("stop_words must be a collection of words, not one string")
    fixed_k = None if n_topics == "auto" else _check_int("n_topics", n_topics, 1)
    if max_docs is not None:
        max_docs = _check_int("max_docs", max_docs, 1)
    params: dict[str, Any] = {
        "unit": unit,
        "window_size": window_size,
        "max_unit_words": max_unit_words,
        "method": method,
        "n_topics": n_topics,
        "k_range": [k_lo, k_hi],
        "ngram_range": [n_lo, n_hi],
        "min_df": min_df,
        "max_df": max_df,
        "n_terms": n_terms,
        "coherence_window": coherence_window,
        "n_stability": n_stability,
        "n_exemplars": n_exemplars,
        "max_docs": max_docs,
        "seed": seed,
    }
    stops = load_stopwords() if stop_words is None else frozenset(w.lower() for w in stop_words)
    all_sentences = sentences
    fit_docs = sample_doc_ids(sentences["doc_id"].astype(str), max_docs, seed=seed)
    sampled = len(fit_docs) < sentences["doc_id"].nunique()
    if sampled:
        sentences = sentences[sentences["doc_id"].astype(str).isin(set(fit_docs))]
    units = make_units(sentences, unit=unit, window_size=window_size, max_unit_words=max_unit_words)
    if len(units) < 2:
        raise InputError(
            f"the corpus gives {len(units)} {unit} unit(s); topics need at least 2: add text"
        )
    vec_options: dict[str, Any] = {
        "stop_words": stops,
        "ngram_range": (n_lo, n_hi),
        "min_df": min_df,
        "max_df": max_df,
    }
    vec = _vectorizer(method, **vec_options)
    texts = units["text"].tolist()
    try:
        matrix = vec.fit_transform(texts)
    except ValueError as exc:
        raise InputError(
            f"no terms left to model ({exc}); lower min_df, raise max_df or use more text"
        ) from exc
    vocab = vec.get_feature_names_out()
    max_k = min(len(units) - 1, len(vocab) - 1)
    if max_k < 1:
        raise InputError(
            f"{len(units)} units and {len(vocab)} terms are too few for topics: add text"
        )

    # reference texts for coherence: every document's tokens without stop words, headings included
    ordered = sentences.sort_values(["doc_id", "sent_id"], kind="stable")
    reference = [
        [t for t in tokenize(" ".join(doc["text"].tolist())) if t not in stops]
        for _, doc in ordered.groupby("doc_id", sort=True)
    ]

    if fixed_k is None:
        candidates = list(range(max(1, k_lo), max(1, min(k_hi, max_k)) + 1))
        if not candidates:
            candidates = [max(1, min(k_hi, max_k))]
    else:
        if fixed_k > max_k:
            raise InputError(
                f"n_topics={fixed_k} is more than {len(units)} units and {len(vocab)} terms allow"
                f" (at most {max_k}); lower it or use 'auto'"
            )
        candidates = [fixed_k]
    fits: dict[int, _Fit] = {}
    coherence: dict[int, float] = {}
    all_tops: list[list[str]] = []
    for k in candidates:
        fits[k] = _fit(method, matrix, k, seed)
        all_tops.extend(_top(fits[k], vocab, n_terms))
    # one pass over the reference texts scores the topics of every k
    all_scores = npmi_coherence(all_tops, reference, window=coherence_window)
    scores_of: dict[int, list[float]] = {}
    for k in candidates:
        scores_of[k], all_scores = all_scores[:k], all_scores[k:]
        finite = [v for v in scores_of[k] if not math.isnan(v)]
        coherence[k] = float(np.mean(finite)) if finite else math.nan
    best = max(candidates, key=lambda k: (np.nan_to_num(coherence[k], nan=-2.0), -k))
    fit = fits[best]
    weights = fit.units
    if sampled:
        # every unit of the corpus, weighted by the model fitted on the sample
        units = make_units(
            all_sentences, unit=unit, window_size=window_size, max_unit_words=max_unit_words
        )
        matrix = vec.transform(units["text"].tolist())
        weights = _infer(method, fit, matrix)

    # number topics by decreasing share of the corpus (length-weighted)
    shares = _shares(weights)
    lengths = units["n_words"].to_numpy(dtype=np.float64)
    corpus_share = (shares * lengths[:, None]).sum(axis=0)
    total = corpus_share.sum()
    corpus_share = corpus_share / total if total > 0 else corpus_share
    order = np.argsort(-corpus_share, kind="stable")
    fit = _Fit(terms=fit.terms[order], units=weights[:, order], model=fit.model)
    shares = shares[:, order]
    corpus_share = corpus_share[order]
    tops = _top(fit, vocab, n_terms)
    topic_coherence = [scores_of[best][i] for i in order]

    topic_terms = pd.DataFrame.from_records(
        [
            {
                "topic": t,
                "rank": r,
                "term": term,
                "weight": float(fit.terms[t, vec.vocabulary_[term]]),
            }
            for t, terms in enumerate(tops)
            for r, term in enumerate(terms, start=1)
        ],
        columns=["topic", "rank", "term", "weight"],
    )

    k = fit.terms.shape[0]
    units = units.assign(
        n_terms=np.asarray((matrix > 0).sum(axis=1)).ravel().astype(np.int64),
        topic=np.where(shares.sum(axis=1) > 0, shares.argmax(axis=1), -1).astype(np.int64),
    )
    units = units.rename(columns={"topic": "dominant_topic"})
    unit_topics = pd.DataFrame(
        {
            "doc_id": np.repeat(units["doc_id"].to_numpy(), k),
            "unit_id": np.repeat(units["unit_id"].to_numpy(), k),
            "topic": np.tile(np.arange(k), len(units)),
            "weight": shares.ravel(),
        }
    )

    doc_rows: list[dict[str, object]] = []
    for doc_id, idx in units.groupby("doc_id", sort=True).indices.items():
        w = lengths[idx][:, None] * shares[idx]
        mass = w.sum()
        dist = w.sum(axis=0) / mass if mass > 0 else np.zeros(k)
        doc_rows.extend({"doc_id": doc_id, "topic": t, "weight": float(dist[t])} for t in range(k))
    doc_topics = pd.DataFrame.from_records(doc_rows, columns=["doc_id", "topic", "weight"])

    stab_seeds = [seed + i for i in range(1, n_stability + 1)]
    stability = _stability(
        texts,
        tops,
        method=method,
        k=k,
        seeds=stab_seeds,
        n_terms=n_terms,
        vectorizer_options=vec_options,
    )
    stab_mean = (
        stability.groupby("topic")["overlap"].mean() if len(stability) else pd.Series(dtype=float)
    )

    labels = pd.DataFrame(
        {
            "topic": np.arange(k),
            "label": [" / ".join(terms[:3]) for terms in tops],
            "share": corpus_share,
            "coherence": topic_coherence,
            "stability": [float(stab_mean.get(t, math.nan)) for t in range(k)],
        }
    )

    exemplars = _exemplars(sentences, units, vec, fit, k=k, n=n_exemplars)
    coherence_by_k = pd.DataFrame(
        {
            "k": candidates,
            "coherence": [coherence[c] for c in candidates],
            "chosen": [c == best for c in candidates],
        }
    )
    return TopicModel(
        method=method,
        unit=unit,
        n_topics=k,
        seed=seed,
        topic_terms=topic_terms,
        doc_topics=doc_topics,
        unit_topics=unit_topics,
        units=units,
        labels=labels,
        exemplars=exemplars,
        coherence_by_k=coherence_by_k,
        stability=stability,
        params=params,
        fit_docs=tuple(fit_docs),
    )


def _exemplars(
    sentences: pd.DataFrame,
    units: pd.DataFrame,
    vec: CountVectorizer,
    fit: _Fit,
    *,
    k: int,
    n: int,
) -> pd.DataFrame:
    """Sentences that are both strongly and mostly about a topic.

    A sentence's topic weights are its term vector projected on the topic-term
    matrix (non-negative least squares would be slower and no better at
    ranking); its score for a topic is ``weight * share``.
    """
    columns = ["topic", "rank", "doc_id", "sent_id", "unit_id", "score", "text"]
    if n == 0:
        return pd.DataFrame(columns=columns)
    body = sentences
    if "kind" in body.columns:
        body = body[body["kind"] != "heading"]
    body = body.sort_values(["doc_id", "sent_id"], kind="stable").reset_index(drop=True)
    if body.empty:
        return pd.DataFrame(columns=columns)
    matrix = vec.transform(body["text"].tolist())
    weights: np.ndarray = np.asarray(matrix @ fit.terms.T)
    share = _shares(weights)
    score = weights * share
    # unit of each sentence
    doc_ids = body["doc_id"].to_numpy()
    sent_ids = body["sent_id"].to_numpy(dtype=np.int64)
    texts = body["text"].tolist()
    unit_by_sentence = {
        (doc_id, sent): int(uid)
        for doc_id, uid, first, last in zip(
            units["doc_id"], units["unit_id"], units["first_sent"], units["last_sent"], strict=True
        )
        for sent in range(int(first), int(last) + 1)
    }
    unit_of = [
        unit_by_sentence.get((d, int(i)), -1) for d, i in zip(doc_ids, sent_ids, strict=True)
    ]
    best_share = share.max(axis=1)
    records: list[dict[str, object]] = []
    for t in range(k):
        candidates = np.flatnonzero((score[:, t] > 0) & (share[:, t] == best_share))
        ranked = sorted(candidates.tolist(), key=lambda i: (-round(float(score[i, t]), 12), i))
        for rank, i in enumerate(ranked[:n], start=1):
            records.append(
                {
                    "topic": t,
                    "rank": rank,
                    "doc_id": doc_ids[i],
                    "sent_id": int(sent_ids[i]),
                    "unit_id": int(unit_of[i]),
                    "score": float(score[i, t]),
                    "text": texts[i],
                }
            )
    return pd.DataFrame.from_records(records, columns=columns)
