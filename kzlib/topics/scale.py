"""Defaults that scale with the corpus: the k range tried and the minimum document frequency.

A range of 2 to 10 topics suits a few dozen articles; hundreds of speeches
hold more themes than ten, and a term in two of 50,000 paragraphs is noise,
not a theme. With ``k_range="auto"`` and ``min_df="auto"``,
:func:`kzlib.topics.fit_topics` uses:

- **k range**: from 2 to ``clamp(ceil(sqrt(n_docs)), 10, 30)`` topics, so
  10 up to 100 documents, 20 for 400, 30 from 841 on (the square-root rule
  of thumb for the number of clusters, bounded so ``auto`` stays fast).
- **min_df**: a term must be in ``max(2, ceil(n_units / 2000))`` units: 2 up
  to 4,000 units, then one more per 2,000 (25 for 50,000 paragraphs), so the
  vocabulary grows more slowly than the corpus.

Examples
--------
>>> scaled_k_range(4), scaled_k_range(562), scaled_min_df(53_626)
((2, 10), (2, 24), 27)
"""

from __future__ import annotations

import math

__all__ = ["scaled_k_range", "scaled_min_df"]

K_FLOOR, K_CEILING = 10, 30
UNITS_PER_DF = 2000


def scaled_k_range(n_docs: int) -> tuple[int, int]:
    """The k range tried by ``n_topics="auto"`` for a corpus of ``n_docs`` documents.

    Examples
    --------
    >>> scaled_k_range(100), scaled_k_range(10_000)
    ((2, 10), (2, 30))
    """
    return 2, min(K_CEILING, max(K_FLOOR, math.ceil(math.sqrt(max(n_docs, 0)))))


def scaled_min_df(n_units: int) -> int:
    """The minimum number of units a term must occur in, for ``n_units`` units.

    Examples
    --------
    >>> scaled_min_df(120), scaled_min_df(4001)
    (2, 3)
    """
    return max(2, math.ceil(max(n_units, 0) / UNITS_PER_DF))
