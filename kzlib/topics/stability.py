"""Stability of topics: do their top terms come back when the model is refitted?

The model is refitted on random 80% subsamples of the units (at most
:data:`MAX_REFIT_UNITS`) with other seeds; a topic is stable when its top
terms recur in the best-matching refitted topic (:func:`stability_table`).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from kzlib.topics.estimator import fit_model, top_terms, vectorizer

__all__ = ["MAX_REFIT_UNITS", "stability_table"]

_SUBSAMPLE = 0.8
#: Most units a stability refit is fitted on: 80% of 70,000 paragraphs (2,000 UN
#: speeches) took 16 s a refit; a subsample of this size says as much about
#: whether a topic comes back.
MAX_REFIT_UNITS = 20_000


def stability_table(
    texts: list[str],
    reference: list[list[str]],
    *,
    method: str,
    k: int,
    seeds: list[int],
    n_terms: int,
    vectorizer_options: dict[str, Any],
    max_units: int | None = MAX_REFIT_UNITS,
) -> pd.DataFrame:
    """Overlap of each topic's top terms with its best match in refits on subsamples.

    For each seed, the units' ``texts`` are subsampled (80%, without
    replacement, at most ``max_units`` of them; None: no cap), vectorised
    with ``vectorizer_options`` and refitted with ``k`` topics; a topic's
    overlap is the share of its ``reference`` top terms found among the top
    ``n_terms`` terms of the refitted topic that shares most.
    A subsample too small for ``k`` topics gives NaN (no evidence either way).

    Examples
    --------
    >>> texts = ["rail freight corridor", "water canal river"] * 4
    >>> options = {"stop_words": frozenset(), "ngram_range": (1, 1), "min_df": 1, "max_df": 1.0}
    >>> table = stability_table(
    ...     texts, [["rail", "freight"], ["water", "canal"]], method="nmf", k=2, seeds=[1],
    ...     n_terms=3, vectorizer_options=options,
    ... )
    >>> table.columns.tolist(), len(table)
    (['topic', 'seed', 'overlap'], 2)
    """
    rows: list[dict[str, object]] = []
    n_sub = max(2, round(_SUBSAMPLE * len(texts)))
    if max_units is not None:
        n_sub = min(n_sub, max(2, max_units))
    for s in seeds:
        rng = np.random.default_rng(s)
        pick = np.sort(rng.choice(len(texts), size=min(n_sub, len(texts)), replace=False))
        vec = vectorizer(method, **vectorizer_options)
        try:
            matrix = vec.fit_transform([texts[i] for i in pick])
        except ValueError:
            matrix = None
        if matrix is None or k > min(matrix.shape):
            # the subsample cannot hold k topics: no evidence either way
            for topic in range(len(reference)):
                rows.append({"topic": topic, "seed": s, "overlap": math.nan})
            continue
        refit = top_terms(fit_model(method, matrix, k, s), vec.get_feature_names_out(), n_terms)
        for topic, ref in enumerate(reference):
            best = max((len(set(ref) & set(other)) for other in refit), default=0)
            rows.append({"topic": topic, "seed": s, "overlap": best / max(1, len(ref))})
    return pd.DataFrame.from_records(rows, columns=["topic", "seed", "overlap"])
