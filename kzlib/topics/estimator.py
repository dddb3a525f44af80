"""The topic estimators: NMF on TF-IDF and LDA on counts (scikit-learn), and their weights.

A fit is held as a :class:`Fit`: the topic-term matrix (rows sum to 1), the
units' raw topic weights and the estimator, which can weight units it was not
fitted on.

Examples
--------
>>> vec = vectorizer("nmf", stop_words=frozenset(), ngram_range=(1, 1), min_df=1, max_df=1.0)
>>> matrix = vec.fit_transform(["rail freight rail", "water canal water", "rail water"])
>>> fit = fit_model("nmf", matrix, 2, 0)
>>> fit.terms.shape, [len(t) for t in top_terms(fit, vec.get_feature_names_out(), 2)]
((2, 4), [2, 2])
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from kzlib.errors import InputError
from kzlib.text import load_stopwords, topic_tokens

__all__ = ["METHODS", "Fit", "fit_model", "infer_weights", "shares", "top_terms", "vectorizer"]

#: Topic models: NMF on TF-IDF, LDA on counts.
METHODS: tuple[str, ...] = ("nmf", "lda")
_NMF_MAX_ITER = 400
_LDA_MAX_ITER = 20


@dataclass(frozen=True)
class Fit:
    """A fitted topic model: topic-term matrix, unit weights and the estimator."""

    terms: np.ndarray  # topics x vocabulary, each row sums to 1
    units: np.ndarray  # units x topics, raw weights
    model: Any = None  # the fitted estimator, to infer the topics of units it was not fitted on


def vectorizer(
    method: str,
    *,
    stop_words: frozenset[str],
    ngram_range: tuple[int, int],
    min_df: int | float,
    max_df: int | float,
) -> CountVectorizer:
    """The term counter of ``method``: sublinear TF-IDF for NMF, counts for LDA.

    Terms are :func:`kzlib.text.topic_tokens` (and their n-grams) outside ``stop_words``.
    """
    options: dict[str, Any] = {
        "tokenizer": topic_tokens,
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


def fit_model(method: str, matrix: Any, k: int, seed: int) -> Fit:
    """Fit ``k`` topics to a unit-term matrix with ``method`` (``nmf`` or ``lda``) and ``seed``."""
    # One BLAS thread: the matrices are small enough that threads only contend (several
    # times slower on a busy machine), and float sums then do not depend on the core count.
    with warnings.catch_warnings(), threadpool_limits(limits=1, user_api="blas"):
        # the iteration caps are deliberate (speed); an unconverged fit is still a fit
        warnings.simplefilter("ignore", ConvergenceWarning)
        return _estimate(method, matrix, k, seed)


def _estimate(method: str, matrix: Any, k: int, seed: int) -> Fit:
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
    return Fit(terms=terms, units=weights, model=model)


def infer_weights(method: str, fit: Fit, matrix: Any) -> np.ndarray:
    """Topic weights of units the model was not fitted on (same scale as ``fit.units``)."""
    with threadpool_limits(limits=1, user_api="blas"):
        weights: np.ndarray = fit.model.transform(matrix)
    if method == "lda":
        weights[np.asarray(matrix.sum(axis=1)).ravel() == 0] = 0.0
    return weights


def top_terms(fit: Fit, vocab: np.ndarray, n: int) -> list[list[str]]:
    """The ``n`` heaviest terms of each topic (terms of weight 0 left out), best first."""
    order = np.argsort(-fit.terms, axis=1, kind="stable")[:, :n]
    return [[str(vocab[j]) for j in row if fit.terms[i, j] > 0] for i, row in enumerate(order)]


def shares(weights: np.ndarray) -> np.ndarray:
    """Each row of ``weights`` divided by its sum (a row of zeros stays zeros)."""
    totals = weights.sum(axis=1, keepdims=True)
    out: np.ndarray = np.divide(weights, totals, out=np.zeros_like(weights), where=totals > 0)
    return out


def _stop_set(stop_words: Iterable[str] | None) -> frozenset[str]:
    """The words never counted: :func:`kzlib.text.load_stopwords`, or ``stop_words`` lower-cased."""
    if isinstance(stop_words, str):
        raise InputError(
            f"parameter stop_words={stop_words!r}: must be a collection of words, not one string"
        )
    return load_stopwords() if stop_words is None else frozenset(w.lower() for w in stop_words)


def _vectorize(
    texts: list[str], *, method: str, unit: str, options: dict[str, Any]
) -> tuple[CountVectorizer, Any]:
    """The fitted term counter of ``method`` and the unit-term matrix of ``texts``."""
    if len(texts) < 2:
        raise InputError(
            f"the corpus gives {len(texts)} {unit} unit(s); topics need at least 2: add text"
        )
    vec = vectorizer(method, **options)
    try:
        matrix = vec.fit_transform(texts)
    except ValueError as exc:
        raise InputError(
            f"no terms left to model ({exc}); lower min_df, raise max_df or use more text"
        ) from exc
    return vec, matrix


def _vectorizer_options(params: dict[str, Any], stops: frozenset[str]) -> dict[str, Any]:
    """The options of :func:`~kzlib.topics.estimator.vectorizer`, for the fit and its refits."""
    return {
        "stop_words": stops,
        "ngram_range": tuple(params["ngram_range"]),
        "min_df": params["min_df"],
        "max_df": params["max_df"],
    }
