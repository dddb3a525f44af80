"""kzlib.rhetoric: the fast paths of measures() give the numbers of the plain computation.

Each test compares a shortcut (histogram quantiles of shares, pooled partitions,
vectorised MTLD, skipped absent columns, float32 sums) with the direct computation
it replaces, bit for bit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kzlib.rhetoric import bootstrap, matches, measures, mtld, textstats, tokenize
from kzlib.rhetoric.bootstrap import (
    _bootstrap,
    _doc_stream,
    _resampled_sums,
    _row_quantiles,
    _share_intervals,
)
from kzlib.rhetoric.rates import _NO_CI, _NONE, _SENTENCES, _WORDS, _Statistics
from kzlib.rhetoric.textstats import _mtld_many, _tokens

_SIZES = [1, 2, 3, 10, 200, 999, 1000]
_ALPHAS = [0.025, 0.05, 0.005, 0.25, 0.4999]


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal bit for bit (so NaN equals NaN and -0.0 differs from 0.0)."""
    return bool(np.array_equal(np.asarray(a).view(np.int64), np.asarray(b).view(np.int64)))


@pytest.mark.parametrize("n_boot", _SIZES)
@pytest.mark.parametrize("alpha", _ALPHAS)
def test_share_intervals_equal_np_quantile(n_boot: int, alpha: float) -> None:
    rng = np.random.default_rng(n_boot)
    q = np.array([alpha, 1.0 - alpha])
    for n in (1, 2, 7, 40):
        counts = rng.binomial(n, rng.uniform(0, 1, size=4), size=(n_boot, 4)).astype(float)
        expected = np.quantile(counts / float(n), q, axis=0)
        assert _same(_share_intervals(counts, float(n), q), expected)


@pytest.mark.parametrize("n_boot", _SIZES)
@pytest.mark.parametrize("alpha", _ALPHAS)
def test_row_quantiles_equal_np_quantile(n_boot: int, alpha: float) -> None:
    rng = np.random.default_rng(n_boot)
    rows = 1000.0 * rng.integers(0, 9, size=(6, n_boot)) / rng.integers(1, 900, size=(6, n_boot))
    q = np.array([alpha, 1.0 - alpha])
    assert _same(_row_quantiles(rows.copy(), q), np.quantile(rows, q, axis=1))


def test_mtld_of_many_articles_equals_mtld_of_each() -> None:
    rng = np.random.default_rng(0)
    for _ in range(40):
        lengths = rng.integers(0, 300, size=int(rng.integers(1, 8)))
        lengths[rng.random(len(lengths)) < 0.3] = rng.integers(0, 4)
        vocabulary = int(rng.choice([2, 30, 400, 70_000]))
        articles = [rng.zipf(1.4, size=n) % vocabulary for n in lengths]
        ends = np.cumsum(lengths)
        got = _mtld_many(np.concatenate(articles), ends - lengths, ends)
        expected = [mtld([str(t) for t in a]) for a in articles]
        assert _same(got, np.array(expected))


def test_resampled_sums_in_float32_equal_float64() -> None:
    rng = np.random.default_rng(1)
    xd = rng.integers(0, 40, size=(35, 6)).astype(float)
    got = _resampled_sums(xd, 500, np.random.default_rng(7))
    idx = np.random.default_rng(7).integers(0, 35, size=(500, 35))
    counts = np.stack([np.bincount(row, minlength=35) for row in idx]).astype(float)
    assert _same(got, counts @ xd)


@pytest.mark.parametrize("cells", [1, 35, 36, 7 * 35 + 1, 1 << 22])
@pytest.mark.parametrize("high", [40, 1 << 20])  # float32 sums, and float64 ones
def test_resampled_sums_do_not_depend_on_the_block(
    monkeypatch: pytest.MonkeyPatch, cells: int, high: int
) -> None:
    rng = np.random.default_rng(2)
    xd = rng.integers(0, high, size=(35, 6)).astype(float)
    idx = np.random.default_rng(7).integers(0, 35, size=(500, 35))
    counts = np.stack([np.bincount(row, minlength=35) for row in idx]).astype(float)
    monkeypatch.setattr(bootstrap, "_BLOCK_CELLS", cells)
    assert _same(_resampled_sums(xd, 500, np.random.default_rng(7)), counts @ xd)


@pytest.mark.parametrize("cells", [1, 5, 1 << 22])
def test_whole_numbers_are_checked_block_by_block(
    monkeypatch: pytest.MonkeyPatch, cells: int
) -> None:
    monkeypatch.setattr(bootstrap, "_BLOCK_CELLS", cells)
    x = np.arange(12.0).reshape(6, 2)
    assert bootstrap._whole(x) and bootstrap._whole(x[:0])
    for bad in (0.5, -1.0, np.nan):
        y = x.copy()
        y[5, 1] = bad  # in the last block
        assert not bootstrap._whole(y)


def test_resampled_sums_hold_one_block_of_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    """The working memory is a block of draws, not n_boot x sentences (issue 17)."""
    import tracemalloc

    xd = np.ones((20_000, 4))
    monkeypatch.setattr(bootstrap, "_BLOCK_CELLS", 1 << 16)
    tracemalloc.start()
    try:
        sums = _resampled_sums(xd, 200, np.random.default_rng(0))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (sums[:, 0] == 20_000).all()
    # All draws at once: 200 x 20,000 int64 = 32 MB, twice; one block: 0.5 MB.
    assert peak < 4_000_000


def _plain_bootstrap(
    x: np.ndarray, bounds: list[tuple[str, int, int]], stats: _Statistics, n_boot: int
) -> tuple[np.ndarray, np.ndarray]:
    """The computation _bootstrap replaces: every column of every article, one at a time."""
    q = [0.025, 0.975]
    lo = np.full((len(bounds), len(stats.kind)), np.nan)
    hi = lo.copy()
    no_ci = np.isin(stats.kind, [_NONE, _WORDS, _SENTENCES])
    for i, (doc_id, a, b) in enumerate(bounds):
        n = b - a
        rng = _doc_stream(0, doc_id)
        idx = rng.integers(0, n, size=(n_boot, n)) + n * np.arange(n_boot)[:, None]
        counts = np.bincount(idx.ravel(), minlength=n_boot * n).reshape(n_boot, n)
        boot = stats(counts.astype(np.float64) @ x[a:b], np.arange(len(stats.kind)))
        finite = np.isfinite(boot)
        whole = ~no_ci & finite.all(axis=0)
        part = ~no_ci & ~whole & finite.any(axis=0)
        if whole.any():
            lo[i, whole], hi[i, whole] = np.quantile(boot[:, whole], q, axis=0)
        if part.any():
            lo[i, part], hi[i, part] = np.nanquantile(boot[:, part], q, axis=0)
    return lo, hi


@pytest.mark.parametrize("chunk", [1, 3, 64])
def test_bootstrap_equals_the_plain_computation(
    monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(bootstrap, "_BOOT_CHUNK", chunk)
    columns = ["sentences", "words", "syllables", "quoted", "hedges_per_1k", "actor_share:A"]
    col = {c: j for j, c in enumerate(columns)}
    names = [
        "words",
        "sentences",
        "mean_sentence_words",
        "hedges_per_1k",
        "quotes_share",
        "flesch_reading_ease",
        "mtld",
        "actor_share:A",
    ]
    assert {"words", "sentences", "mtld"} <= _NO_CI
    rng = np.random.default_rng(3)
    rows = 60
    x = np.zeros((rows, len(columns)))
    x[:, 0] = 1
    x[:, 1] = rng.integers(0, 30, size=rows)
    x[:8, 1] = 0  # sentences without words: some resamples of article 0 have none
    x[:, 2] = x[:, 1] * rng.integers(1, 3, size=rows)
    x[:, 3] = rng.random(rows) < 0.2
    x[:, 4] = rng.integers(0, 3, size=rows) * (rng.random(rows) < 0.3)
    x[:, 5] = rng.random(rows) < 0.4
    x[:8, 4] = 0  # (no hedge without words)
    x[30:45, 4:6] = 0  # an article without hedges or actor A
    bounds = [("a", 0, 10), ("b", 10, 30), ("c", 30, 45), ("d", 45, 45), ("e", 45, 60)]
    totals = np.array([x[a:b].sum(axis=0) for _, a, b in bounds])
    stats = _Statistics(names, col)
    lo, hi = _bootstrap(x, bounds, totals, stats, 300, 0, 0.025)
    want_lo, want_hi = _plain_bootstrap(x, bounds, stats, 300)
    assert _same(lo, want_lo)
    assert _same(hi, want_hi)
    hedges = names.index("hedges_per_1k")
    assert lo[2, hedges] == hi[2, hedges] == 0.0
    # Article a has resamples without words (NaN rates): the NaN-aware path.
    zero_words = [(x[a:b, 1] == 0).mean() for _, a, b in bounds[:1]]
    assert zero_words[0] > 0.5 and np.isfinite(lo[0, hedges])


def test_measures_do_not_depend_on_the_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    sentences = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "b", "b"],
            "sent_id": [0, 1, 2, 0, 1],
            "text": [
                "It may rain, perhaps.",
                "The Kremlin said so.",
                "Clearly it will not clearly rain.",
                "We think Astana may act.",
                "…",
            ],
        }
    )
    first = measures(sentences, n_boot=200)
    monkeypatch.setattr(bootstrap, "_BOOT_CHUNK", 1)
    pd.testing.assert_frame_equal(measures(sentences, n_boot=200), first)


def test_the_last_qualifying_negator_cancels_a_booster() -> None:
    sentences = pd.DataFrame(
        {
            "doc_id": ["a", "a"],
            "sent_id": [0, 1],
            "text": ["It is not never clearly so.", "No, never clearly."],
        }
    )
    found = matches(sentences)
    assert found[["match", "reason"]].values.tolist() == [
        ["never", "negated by 'not'"],
        ["clearly", "negated by 'never'"],
        ["never", ""],
        ["clearly", "negated by 'never'"],
    ]


@pytest.mark.parametrize(
    "texts",
    [[], [""], ["a b", "", "c\nd e", "x"], ["Kazakhstan's 42-point U.S. plan, 2.0.", "no", "no"]],
)
@pytest.mark.parametrize("size", [1, 5, 1 << 22])
def test_tokens_of_all_texts_at_once_equal_tokens_of_each(
    monkeypatch: pytest.MonkeyPatch, texts: list[str], size: int
) -> None:
    monkeypatch.setattr(textstats, "_TOKEN_SLICE", size)  # texts tokenised in slices
    ids, types, words = _tokens(texts)
    each = [tokenize(t) for t in texts]
    assert words.tolist() == [len(tokens) for tokens in each]
    assert [types[i] for i in ids] == [token for tokens in each for token in tokens]
    assert len(set(types)) == len(types)
    # Ids in order of first occurrence, whatever the slices.
    assert (
        ids.tolist() == pd.factorize(pd.Series([types[i] for i in ids], dtype=object))[0].tolist()
    )


def test_no_match_at_all_still_gives_text_columns() -> None:
    found = matches(pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "text": ["Nothing here."]}))
    assert found.empty
    assert found["measure"].dtype == object and found["reason"].dtype == object
