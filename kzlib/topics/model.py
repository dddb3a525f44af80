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
``labels``          topic, label, share, coherence, exclusivity, stability: one row per topic
``exemplars``       the most representative sentences of each topic
``coherence_by_k``  k, coherence, diversity, chosen: mean NPMI and topic diversity per k tried
``stability``       topic, seed, overlap: best-match overlap of top terms in each refit

How far to trust a topic is measured twice. *Coherence* is the normalised
pointwise mutual information (NPMI) of its top terms, counted by kzlib in a
sliding window over the corpus's own documents (:func:`npmi_coherence`); it
also picks the number of topics when ``n_topics="auto"``. *Stability* refits
the model on random 80% subsamples of the units (at most 20,000) with other seeds and reports
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

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer

from kzlib.checks import check_choice, check_int, check_int_pair, check_optional_int
from kzlib.corpus.boilerplate import without_boilerplate
from kzlib.corpus.document import sample_doc_ids
from kzlib.errors import InputError
from kzlib.text import STOPWORDS_FILE, load_stopwords
from kzlib.text import topic_tokens as tokenize
from kzlib.topics.coherence import npmi_coherence
from kzlib.topics.estimator import (
    METHODS,
    Fit,
    _stop_set,
    _vectorize,
    _vectorizer_options,
    fit_model,
    infer_weights,
    shares,
    top_terms,
)
from kzlib.topics.exclusivity import frex, topic_diversity, topic_exclusivity
from kzlib.topics.labels import exemplar_table, label_table
from kzlib.topics.scale import scaled_k_range, scaled_min_df
from kzlib.topics.stability import stability_table
from kzlib.topics.units import UNITS, make_units

# tokenize, load_stopwords and STOPWORDS_FILE are kzlib.text's (topic_tokens, ...),
# named here too because kzlib.pipeline imports them from this module.
__all__ = [
    "MAX_SCAN_UNITS",
    "METHODS",
    "STOPWORDS_FILE",
    "UNITS",
    "TopicModel",
    "fit_topics",
    "load_stopwords",
    "tokenize",
    "topic_tables",
]


#: Units beyond which the k of ``n_topics="auto"`` is chosen on a seeded sample of units.
MAX_SCAN_UNITS = 10_000


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
    ['topic', 'label', 'share', 'coherence', 'exclusivity', 'stability']
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


def fit_topics(
    sentences: pd.DataFrame,
    *,
    unit: str = "paragraph",
    window_size: int = 3,
    max_unit_words: int | None = 150,
    method: str = "nmf",
    n_topics: int | str = "auto",
    k_range: tuple[int, int] | str = "auto",
    ngram_range: tuple[int, int] = (1, 1),
    min_df: int | float | str = "auto",
    max_df: int | float = 0.95,
    stop_words: Iterable[str] | None = None,
    n_terms: int = 10,
    coherence_window: int = 10,
    n_stability: int = 5,
    n_exemplars: int = 3,
    max_docs: int | None = None,
    boilerplate: bool = True,
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
    k_range : (int, int) or "auto", default "auto"
        Smallest and largest k tried by ``auto``; the largest is also capped at
        one less than the number of units. ``"auto"`` scales it with the
        number of documents (:func:`kzlib.topics.scale.scaled_k_range`: 2 to 10
        up to 100 documents, up to 30 for larger corpora).
    ngram_range : (int, int), default (1, 1)
        Lengths of the terms counted (``(1, 2)`` adds two-word terms).
    min_df, max_df : int or float
        Keep terms found in at least ``min_df`` and at most ``max_df`` units
        (a float is a share of units). ``min_df=2`` drops words of a single
        unit, which cannot show a theme shared by passages; ``"auto"`` (default)
        is 2 up to 4,000 units and grows with the corpus
        (:func:`kzlib.topics.scale.scaled_min_df`).
    stop_words : iterable of str, optional
        Words never counted; default :func:`load_stopwords`.
    n_terms : int, default 10
        Top terms per topic: reported, scored for coherence and stability.
    coherence_window : int, default 10
        Sliding-window length of the NPMI coherence, over each document's
        tokens without stop words.
    n_stability : int, default 5
        Refits on 80% subsamples (at most 20,000 units; seeds ``seed + 1`` ...) for the stability
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
    boilerplate : bool, default True
        Leave ceremonial and procedural sentences (salutations, thanks,
        formulas; :func:`kzlib.corpus.without_boilerplate`) out of the model,
        so they cannot form topics; False models every body sentence.
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
    params = _checked_params(
        unit=unit,
        window_size=window_size,
        max_unit_words=max_unit_words,
        method=method,
        n_topics=n_topics,
        k_range=k_range,
        ngram_range=ngram_range,
        min_df=min_df,
        max_df=max_df,
        n_terms=n_terms,
        coherence_window=coherence_window,
        n_stability=n_stability,
        n_exemplars=n_exemplars,
        max_docs=max_docs,
        seed=seed,
    )
    params["boilerplate"] = bool(boilerplate)
    if boilerplate:
        sentences = without_boilerplate(sentences)
    method, seed, n_terms = params["method"], params["seed"], params["n_terms"]
    stops = _stop_set(stop_words)
    unit_options = {k: params[k] for k in ("unit", "window_size", "max_unit_words")}
    fit_docs = sample_doc_ids(sentences["doc_id"].astype(str), params["max_docs"], seed=seed)
    sampled = len(fit_docs) < sentences["doc_id"].nunique()
    sample = sentences
    if sampled:
        sample = sentences[sentences["doc_id"].astype(str).isin(set(fit_docs))]
    units = make_units(sample, **unit_options)
    texts = units["text"].tolist()
    if params["k_range"] == "auto":
        params["k_range"] = list(scaled_k_range(len(fit_docs)))
    if params["min_df"] == "auto":
        params["min_df"] = scaled_min_df(len(units))
    vec_options = _vectorizer_options(params, stops)
    vec, matrix = _vectorize(texts, method=method, unit=unit, options=vec_options)
    vocab = vec.get_feature_names_out()
    candidates = _candidate_ks(params, n_units=len(units), n_vocab=len(vocab))
    choice = _choose_k(matrix, vocab, candidates, _reference_texts(sample, stops), params)
    weights = choice.fit.units
    if sampled:
        # every unit of the corpus, weighted by the model fitted on the sample
        units = make_units(sentences, **unit_options)
        matrix = vec.transform(units["text"].tolist())
        weights = infer_weights(method, choice.fit, matrix)
    lengths = units["n_words"].to_numpy(dtype=np.float64)
    ranked = _rank_topics(choice, weights, lengths, vocab, n_terms)
    units = _units_table(units, matrix, ranked.shares)
    stability = _stability(texts, ranked, params, vec_options)
    return TopicModel(
        method=method,
        unit=unit,
        n_topics=ranked.k,
        seed=seed,
        topic_terms=_topic_terms_table(ranked, vec),
        doc_topics=_doc_topics_table(units, ranked.shares, lengths),
        unit_topics=_unit_topics_table(units, ranked.shares),
        units=units,
        labels=_labels(ranked, stability, vocab),
        exemplars=exemplar_table(
            sample, units, vec, ranked.fit, k=ranked.k, n=params["n_exemplars"]
        ),
        coherence_by_k=choice.table(),
        stability=stability,
        params=params,
        fit_docs=tuple(fit_docs),
    )


# ---------------------------------------------------------------------------
# the steps of fit_topics


def _checked_params(
    *,
    unit: str,
    window_size: int,
    max_unit_words: int | None,
    method: str,
    n_topics: int | str,
    k_range: tuple[int, int] | str,
    ngram_range: tuple[int, int],
    min_df: int | float | str,
    max_df: int | float,
    n_terms: int,
    coherence_window: int,
    n_stability: int,
    n_exemplars: int,
    max_docs: int | None,
    seed: int,
) -> dict[str, Any]:
    """Every parameter of :func:`fit_topics`, checked, as recorded in ``TopicModel.params``.

    ``unit``, ``window_size`` and ``max_unit_words`` are checked by :func:`make_units`.
    """
    method = check_choice("method", method, METHODS)
    seed = check_int("seed", seed, minimum=0)
    n_terms = check_int("n_terms", n_terms, minimum=2)
    n_stability = check_int("n_stability", n_stability, minimum=0)
    n_exemplars = check_int("n_exemplars", n_exemplars, minimum=0)
    coherence_window = check_int("coherence_window", coherence_window, minimum=2)
    k_pair = k_range if k_range == "auto" else list(check_int_pair("k_range", k_range))
    if isinstance(min_df, str) and min_df != "auto":
        raise InputError(f"min_df={min_df!r}: give a number of units, a share of units or 'auto'")
    n_lo, n_hi = check_int_pair("ngram_range", ngram_range)
    if n_topics != "auto":
        check_int("n_topics", n_topics)
    return {
        "unit": unit,
        "window_size": window_size,
        "max_unit_words": max_unit_words,
        "method": method,
        "n_topics": n_topics,
        "k_range": k_pair,
        "ngram_range": [n_lo, n_hi],
        "min_df": min_df,
        "max_df": max_df,
        "n_terms": n_terms,
        "coherence_window": coherence_window,
        "n_stability": n_stability,
        "n_exemplars": n_exemplars,
        "max_docs": check_optional_int("max_docs", max_docs),
        "seed": seed,
    }


def _candidate_ks(params: dict[str, Any], *, n_units: int, n_vocab: int) -> list[int]:
    """The numbers of topics to fit: ``n_topics``, or ``k_range`` capped by the data."""
    fixed_k = None if params["n_topics"] == "auto" else int(params["n_topics"])
    max_k = min(n_units - 1, n_vocab - 1)
    if max_k < 1:
        raise InputError(f"{n_units} units and {n_vocab} terms are too few for topics: add text")
    if fixed_k is not None:
        if fixed_k > max_k:
            raise InputError(
                f"n_topics={fixed_k} is more than {n_units} units and {n_vocab} terms allow"
                f" (at most {max_k}); lower it or use 'auto'"
            )
        return [fixed_k]
    k_lo, k_hi = params["k_range"]
    candidates = list(range(max(1, k_lo), max(1, min(k_hi, max_k)) + 1))
    return candidates or [max(1, min(k_hi, max_k))]


def _reference_texts(sentences: pd.DataFrame, stops: frozenset[str]) -> list[list[str]]:
    """Every document's tokens without stop words, headings included: what coherence counts."""
    ordered = sentences.sort_values(["doc_id", "sent_id"], kind="stable")
    return [
        [t for t in tokenize(" ".join(doc["text"].tolist())) if t not in stops]
        for _, doc in ordered.groupby("doc_id", sort=True)
    ]


@dataclass(frozen=True)
class _Choice:
    """The fits of every candidate k, their coherence, and the k kept."""

    candidates: list[int]
    fits: dict[int, Fit]
    coherence: dict[int, float]
    scores: dict[int, list[float]]
    best: int
    diversity: dict[int, float] = field(default_factory=dict)

    @property
    def fit(self) -> Fit:
        return self.fits[self.best]

    def table(self) -> pd.DataFrame:
        """``coherence_by_k``: mean NPMI and topic diversity of every k tried, the one chosen."""
        return pd.DataFrame(
            {
                "k": self.candidates,
                "coherence": [self.coherence[c] for c in self.candidates],
                "diversity": [self.diversity.get(c, math.nan) for c in self.candidates],
                "chosen": [c == self.best for c in self.candidates],
            }
        )


def _choose_k(
    matrix: Any,
    vocab: np.ndarray,
    candidates: list[int],
    reference: list[list[str]],
    params: dict[str, Any],
) -> _Choice:
    """Fit every candidate k and keep the most coherent (the smaller k on a tie).

    Beyond :data:`MAX_SCAN_UNITS` units the candidates are fitted on a seeded
    random sample of that many units (fitting 29 values of k on 40,000
    paragraphs took four minutes), and the chosen k is then fitted on every
    unit; its coherence is that of the final fit.
    """
    scan = matrix
    if matrix.shape[0] > MAX_SCAN_UNITS and len(candidates) > 1:
        rng = np.random.default_rng(params["seed"])
        rows = np.sort(rng.choice(matrix.shape[0], size=MAX_SCAN_UNITS, replace=False))
        scan = matrix[rows]
    fits: dict[int, Fit] = {}
    all_tops: list[list[str]] = []
    for k in candidates:
        fits[k] = fit_model(params["method"], scan, k, params["seed"])
        all_tops.extend(top_terms(fits[k], vocab, params["n_terms"]))
    # one pass over the reference texts scores the topics of every k
    all_scores = npmi_coherence(all_tops, reference, window=params["coherence_window"])
    scores: dict[int, list[float]] = {}
    coherence: dict[int, float] = {}
    diversity: dict[int, float] = {}
    for k in candidates:
        diversity[k] = topic_diversity(all_tops[:k])
        all_tops = all_tops[k:]
        scores[k], all_scores = all_scores[:k], all_scores[k:]
        finite = [v for v in scores[k] if not math.isnan(v)]
        coherence[k] = float(np.mean(finite)) if finite else math.nan
    best = max(candidates, key=lambda k: (np.nan_to_num(coherence[k], nan=-2.0), -k))
    if scan is not matrix:
        fits[best] = fit_model(params["method"], matrix, best, params["seed"])
        tops = top_terms(fits[best], vocab, params["n_terms"])
        scores[best] = npmi_coherence(tops, reference, window=params["coherence_window"])
        finite = [v for v in scores[best] if not math.isnan(v)]
        coherence[best] = float(np.mean(finite)) if finite else math.nan
        diversity[best] = topic_diversity(tops)
    return _Choice(candidates, fits, coherence, scores, best, diversity)


@dataclass(frozen=True)
class _Ranked:
    """The chosen fit with its topics numbered by decreasing share of the corpus."""

    fit: Fit
    shares: np.ndarray  # units x topics, rows sum to 1 (or 0)
    corpus_share: np.ndarray
    tops: list[list[str]]
    coherence: list[float]

    @property
    def k(self) -> int:
        return int(self.fit.terms.shape[0])


def _rank_topics(
    choice: _Choice, weights: np.ndarray, lengths: np.ndarray, vocab: np.ndarray, n_terms: int
) -> _Ranked:
    """Number topics by decreasing share of the corpus (unit shares weighted by length)."""
    unit_shares = shares(weights)
    corpus_share = (unit_shares * lengths[:, None]).sum(axis=0)
    total = corpus_share.sum()
    corpus_share = corpus_share / total if total > 0 else corpus_share
    order = np.argsort(-corpus_share, kind="stable")
    fit = Fit(terms=choice.fit.terms[order], units=weights[:, order], model=choice.fit.model)
    return _Ranked(
        fit=fit,
        shares=unit_shares[:, order],
        corpus_share=corpus_share[order],
        tops=top_terms(fit, vocab, n_terms),
        coherence=[choice.scores[choice.best][i] for i in order],
    )


def _stability(
    texts: list[str], ranked: _Ranked, params: dict[str, Any], vec_options: dict[str, Any]
) -> pd.DataFrame:
    """:func:`~kzlib.topics.stability.stability_table` of the ranked topics."""
    return stability_table(
        texts,
        ranked.tops,
        method=params["method"],
        k=ranked.k,
        seeds=[params["seed"] + i for i in range(1, params["n_stability"] + 1)],
        n_terms=params["n_terms"],
        vectorizer_options=vec_options,
    )


def _topic_terms_table(ranked: _Ranked, vec: CountVectorizer) -> pd.DataFrame:
    return pd.DataFrame.from_records(
        [
            {
                "topic": t,
                "rank": r,
                "term": term,
                "weight": float(ranked.fit.terms[t, vec.vocabulary_[term]]),
            }
            for t, terms in enumerate(ranked.tops)
            for r, term in enumerate(terms, start=1)
        ],
        columns=["topic", "rank", "term", "weight"],
    )


def _units_table(units: pd.DataFrame, matrix: Any, unit_shares: np.ndarray) -> pd.DataFrame:
    """The units with their number of vocabulary terms and dominant topic (-1: none)."""
    units = units.assign(
        n_terms=np.asarray((matrix > 0).sum(axis=1)).ravel().astype(np.int64),
        topic=np.where(unit_shares.sum(axis=1) > 0, unit_shares.argmax(axis=1), -1).astype(
            np.int64
        ),
    )
    return units.rename(columns={"topic": "dominant_topic"})


def _unit_topics_table(units: pd.DataFrame, unit_shares: np.ndarray) -> pd.DataFrame:
    k = unit_shares.shape[1]
    return pd.DataFrame(
        {
            "doc_id": np.repeat(units["doc_id"].to_numpy(), k),
            "unit_id": np.repeat(units["unit_id"].to_numpy(), k),
            "topic": np.tile(np.arange(k), len(units)),
            "weight": unit_shares.ravel(),
        }
    )


def _doc_topics_table(
    units: pd.DataFrame, unit_shares: np.ndarray, lengths: np.ndarray
) -> pd.DataFrame:
    """Each document's topic weights: its units' shares averaged by unit length."""
    k = unit_shares.shape[1]
    doc_rows: list[dict[str, object]] = []
    for doc_id, idx in units.groupby("doc_id", sort=True).indices.items():
        w = lengths[idx][:, None] * unit_shares[idx]
        mass = w.sum()
        dist = w.sum(axis=0) / mass if mass > 0 else np.zeros(k)
        doc_rows.extend({"doc_id": doc_id, "topic": t, "weight": float(dist[t])} for t in range(k))
    return pd.DataFrame.from_records(doc_rows, columns=["doc_id", "topic", "weight"])


def _labels(ranked: _Ranked, stability: pd.DataFrame, vocab: np.ndarray) -> pd.DataFrame:
    stab_mean = (
        stability.groupby("topic")["overlap"].mean() if len(stability) else pd.Series(dtype=float)
    )
    index = pd.Index(vocab)
    top_index = [index.get_indexer(top).tolist() for top in ranked.tops]
    scores = frex(ranked.fit.terms)
    distinctive = [
        [top[i] for i in np.argsort(-scores[k, idx], kind="stable")]
        for k, (top, idx) in enumerate(zip(ranked.tops, top_index, strict=True))
    ]
    return label_table(
        distinctive,
        ranked.corpus_share,
        ranked.coherence,
        [float(stab_mean.get(t, math.nan)) for t in range(ranked.k)],
        exclusivity=topic_exclusivity(ranked.fit.terms, top_index),
    )
