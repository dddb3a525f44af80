"""Percentile bootstrap intervals of the measures, over the sentences of each article.

Each article draws from its own random stream, seeded from ``seed`` and its
``doc_id`` (:func:`_doc_stream`), so adding an article does not change the
intervals of the others and a batch of articles gives the intervals the whole
corpus gives. The resampled sums are a (n_boot x sentences) matrix of
resampling counts times the (sentences x columns) matrix of per-sentence counts.

Examples
--------
>>> rng = _doc_stream(0, "a")
>>> _resampled_sums(np.ones((3, 1)), 2, rng).ravel().tolist()
[3.0, 3.0]
"""

from __future__ import annotations

import contextlib
import hashlib
from contextlib import AbstractContextManager
from typing import cast

import numpy as np

from kzlib.rhetoric.rates import _NONE, _SENTENCES, _SHARE, _WORDS, _Statistics

__all__ = []


def _doc_stream(seed: int, doc_id: str) -> np.random.Generator:
    key = int.from_bytes(hashlib.sha256(doc_id.encode("utf-8")).digest()[:8], "little")
    return np.random.default_rng([seed, key])


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


#: Resampling counts held at once (resamples x sentences): about 32 MB per array, so
#: the memory of an article's bootstrap does not grow with its sentences times ``n_boot``.
_BLOCK_CELLS = 1 << 22


def _whole(xd: np.ndarray) -> bool:
    """Whether every value is a whole number >= 0 (in blocks of rows: no copy of ``xd``)."""
    step = max(1, _BLOCK_CELLS // max(xd.shape[1], 1))
    return all(
        bool(((block >= 0) & (block == np.floor(block))).all())
        for block in (xd[a : a + step] for a in range(0, len(xd), step))
    )


def _resampled_sums(xd: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Column sums of ``n_boot`` resamples (with replacement) of the rows of ``xd``.

    The resamples are drawn in blocks of at most :data:`_BLOCK_CELLS` draws, one
    block after the other from ``rng``: the same draws, in the same order, as
    drawing all ``n_boot x len(xd)`` at once; sums of whole numbers are exact, so
    they do not depend on the block size either (checked in the tests).
    """
    n = len(xd)
    # Whole numbers whose sums stay below 2**24 add up exactly in float32 (twice as fast);
    # other whole numbers add up exactly in float64, so blocks do not change the sums.
    small = _whole(xd) and n * float(xd.max(initial=0.0)) < 2**24
    rhs = xd.astype(np.float32) if small else xd
    step = max(1, _BLOCK_CELLS // max(n, 1))
    sums = np.empty((n_boot, xd.shape[1]))
    for first in range(0, n_boot, step):
        rows = min(step, n_boot - first)
        # Resampling counts: how often each sentence is drawn in each resample of the block.
        idx = rng.integers(0, n, size=(rows, n))
        idx += n * np.arange(rows)[:, None]
        counts = np.bincount(idx.ravel(), minlength=rows * n).reshape(rows, n)
        del idx
        sums[first : first + rows] = counts.astype(rhs.dtype) @ rhs
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
