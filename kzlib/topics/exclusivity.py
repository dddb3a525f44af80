"""How distinct topics are: FREX per term, exclusivity per topic, diversity per model.

Coherence says whether a topic's top terms occur together; it does not say
whether the topic is different from the others (a topic of the corpus's
commonest words is coherent and says nothing). Two measures from the topic
model literature say that:

- **FREX** (Roberts, Stewart & Airoldi 2016; ``stm::calcfrex``): for term
  ``w`` of topic ``k``, the weighted harmonic mean of the empirical CDF,
  within the topic, of its frequency ``beta[k, w]`` and of its exclusivity
  ``beta[k, w] / sum_j beta[j, w]``. Labels use the top terms with the highest
  FREX (``weight`` 0.5), so they name what is distinctive of a topic.
- **Exclusivity** of a topic (``stm::exclusivity``, weight 0.7): the mean
  FREX of its top terms (0..1; higher: its top terms belong to it alone).
- **Topic diversity** of a model (Dieng, Ruiz & Blei 2020): the share of
  unique words among all topics' top terms (1: no topic repeats another's).

Examples
--------
>>> topic_diversity([["rail", "port"], ["rail", "wheat"]])
0.75
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.stats import rankdata

__all__ = ["frex", "topic_diversity", "topic_exclusivity"]


def frex(terms: np.ndarray, *, weight: float = 0.5) -> np.ndarray:
    """FREX of every term in every topic, from a topics x terms weight matrix.

    Parameters
    ----------
    terms : ndarray
        Non-negative topic-term weights (rows are normalised to sum to 1).
    weight : float
        Weight of exclusivity against frequency (stm: 0.5 for labels, 0.7 for
        :func:`topic_exclusivity`).

    Returns
    -------
    ndarray
        Same shape, values in (0, 1].

    Examples
    --------
    >>> frex(np.array([[0.6, 0.4, 0.0], [0.1, 0.1, 0.8]])).round(2).tolist()
    [[1.0, 0.67, 0.33], [0.44, 0.67, 1.0]]
    """
    beta = np.asarray(terms, dtype=np.float64)
    beta = beta / np.maximum(beta.sum(axis=1, keepdims=True), 1e-300)
    excl = beta / np.maximum(beta.sum(axis=0, keepdims=True), 1e-300)
    n = beta.shape[1]
    freq_cdf = rankdata(beta, method="max", axis=1) / n
    excl_cdf = rankdata(excl, method="max", axis=1) / n
    out: np.ndarray = 1.0 / (weight / excl_cdf + (1.0 - weight) / freq_cdf)
    return out


def topic_exclusivity(
    terms: np.ndarray, top_index: Sequence[Sequence[int]], *, weight: float = 0.7
) -> list[float]:
    """Mean FREX of each topic's top terms (given as column indices of ``terms``).

    Examples
    --------
    >>> topic_exclusivity(np.array([[0.6, 0.4, 0.0], [0.1, 0.1, 0.8]]), [[0, 1], [2, 0]])
    [0.833333, 0.696078]
    """
    scores = frex(terms, weight=weight)
    return [
        round(float(np.mean(scores[k, list(idx)])), 6) if len(idx) else float("nan")
        for k, idx in enumerate(top_index)
    ]


def topic_diversity(tops: Sequence[Sequence[str]]) -> float:
    """Share of unique words among all topics' top terms (nan without terms).

    Examples
    --------
    >>> topic_diversity([["a", "b"], ["c", "d"]])
    1.0
    """
    words = [w for top in tops for w in top]
    return len(set(words)) / len(words) if words else float("nan")
