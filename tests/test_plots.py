"""kzlib plots of every stage: per-article figures up to ``max_docs``, aggregate views beyond.

The large corpus is synthetic (seeded random numbers, 5,000 articles) so the
tests run in seconds; aggregated values drawn in the figures are checked
against the same numbers computed here by hand.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from matplotlib.container import ErrorbarContainer
from matplotlib.figure import Figure
from scipy import stats

from kzlib.claims.plots import plot_claim_counts, plot_claim_links
from kzlib.corpus.plots import plot_cleaning_audit, plot_corpus_lengths
from kzlib.errors import InputError
from kzlib.rhetoric.plots import (
    plot_actor_cooccurrence,
    plot_actor_salience,
    plot_rhetoric_profile,
    plot_rhetoric_similarity,
)
from kzlib.topics.plots import plot_topic_heatmap

N_BIG = 5_000
KINDS = ["unwrap", "quote", "dash", "heading", "truncation"]
MEASURES = ["hedges_per_1k", "boosters_per_1k", "frame_per_1k:balancing", "mtld"]
ACTORS = ["Kazakhstan", "Russia", "China", "Iran"]
TYPES = ["event", "quantitative", "predictive", "factual", "evaluative"]
N_TOPICS = 6


def _ids(n: int) -> list[str]:
    return [f"doc_{i:06d}" for i in range(n)]


def _corpus(n: int, seed: int = 0, *, sigma: float = 0.3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A corpus table and a sentence table (3 to 79 body sentences per article)."""
    rng = np.random.default_rng(seed)
    ids = _ids(n)
    table = pd.DataFrame(
        {
            "doc_id": ids,
            "n_words": np.maximum(1, rng.lognormal(6.7, sigma, n)).astype(int),
            "truncated": rng.random(n) < 0.05,
        }
    )
    per_doc = rng.integers(3, 80, n)
    sentences = pd.DataFrame({"doc_id": np.repeat(ids, per_doc), "kind": "body"})
    return table, sentences


def _audit(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = 6 * n
    return pd.DataFrame(
        {
            "doc_id": rng.choice(_ids(n), rows),
            "kind": rng.choice(KINDS, rows, p=[0.5, 0.25, 0.15, 0.09, 0.01]),
            "start": rng.integers(0, 5_000, rows),
        }
    )


def _doc_topics(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    weights = rng.dirichlet(np.linspace(2.0, 0.5, N_TOPICS), n)
    return pd.DataFrame(
        {
            "doc_id": np.repeat(_ids(n), N_TOPICS),
            "topic": np.tile(np.arange(N_TOPICS), n),
            "weight": weights.ravel(),
        }
    )


def _labels() -> pd.DataFrame:
    return pd.DataFrame({"topic": range(N_TOPICS), "label": [f"t{t}" for t in range(N_TOPICS)]})


def _rhetoric(n: int, seed: int = 0) -> pd.DataFrame:
    """Measures of every article: rates with zeros, and actor shares in [0, 1]."""
    rng = np.random.default_rng(seed)
    names = MEASURES + [f"actor_share:{a}" for a in ACTORS]
    values = np.column_stack(
        [
            rng.gamma(2.0, 2.0, n),
            np.where(rng.random(n) < 0.3, 0.0, rng.gamma(1.5, 2.0, n)),
            rng.gamma(3.0, 3.0, n),
            rng.normal(180.0, 25.0, n),
            *(rng.beta(a, 8.0, n) for a in (6.0, 2.0, 1.0, 0.2)),
        ]
    )
    value = values.ravel()
    return pd.DataFrame(
        {
            "doc_id": np.repeat(_ids(n), len(names)),
            "measure": np.tile(names, n),
            "value": value,
            "ci_low": value * 0.8,
            "ci_high": value * 1.2,
        }
    )


def _claims(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    per_doc = rng.integers(1, 30, n)
    rows = int(per_doc.sum())
    return pd.DataFrame(
        {
            "doc_id": np.repeat(_ids(n), per_doc),
            "claim_type": rng.choice(TYPES, rows, p=[0.2, 0.1, 0.1, 0.1, 0.5]),
            "checkworthiness": rng.random(rows),
        }
    )


def _big_figures() -> dict[str, Figure]:
    table, sentences = _corpus(N_BIG)
    rhetoric = _rhetoric(N_BIG)
    return {
        "lengths": plot_corpus_lengths(table, sentences),
        "audit": plot_cleaning_audit(_audit(N_BIG), n_articles=N_BIG),
        "topics": plot_topic_heatmap(_doc_topics(N_BIG), _labels()),
        "profile": plot_rhetoric_profile(rhetoric),
        "salience": plot_actor_salience(rhetoric),
        "claims": plot_claim_counts(_claims(N_BIG)),
    }


@pytest.fixture(scope="module")
def big() -> dict[str, Figure]:
    """The aggregate figure of every per-article plot, for 5,000 synthetic articles."""
    return _big_figures()


def _artists(fig: Figure) -> int:
    return sum(
        len(ax.patches) + len(ax.lines) + len(ax.texts) + len(ax.collections) for ax in fig.axes
    )


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=60)
    return buffer.getvalue()


def _ytick_texts(fig: Figure, axis: int = 0) -> list[str]:
    return [t.get_text() for t in fig.axes[axis].get_yticklabels()]


# ---------------------------------------------------------------------------
# up to max_docs: one row per article, as before


@pytest.mark.parametrize("n", [3, 40])
def test_small_corpus_keeps_one_row_per_article(n: int) -> None:
    table, sentences = _corpus(n)
    fig = plot_corpus_lengths(table, sentences)
    assert _ytick_texts(fig) == table["doc_id"].tolist()
    assert fig.get_size_inches()[1] == pytest.approx(max(2.0, 0.45 * n + 1.0))
    assert fig.get_suptitle() == ""

    audit = _audit(n)
    assert sorted(_ytick_texts(plot_cleaning_audit(audit))) == sorted(audit["doc_id"].unique())

    heat = plot_topic_heatmap(_doc_topics(n), _labels())
    assert _ytick_texts(heat) == _ids(n)
    assert len(heat.axes[0].texts) == n * N_TOPICS  # every cell still annotated

    rhetoric = _rhetoric(n)
    assert _ytick_texts(plot_rhetoric_profile(rhetoric)) == _ids(n)
    salience = plot_actor_salience(rhetoric)
    assert [t.get_text() for t in salience.axes[0].get_legend().get_texts()] == _ids(n)

    claims = _claims(n)
    assert sorted(_ytick_texts(plot_claim_counts(claims))) == _ids(n)


def test_switch_happens_just_past_max_docs() -> None:
    table, sentences = _corpus(11)
    assert plot_corpus_lengths(table, sentences, max_docs=11).get_suptitle() == ""
    title = plot_corpus_lengths(table, sentences, max_docs=10).get_suptitle()
    assert "aggregate of 11 articles" in title


@pytest.mark.parametrize("bad", [0, -3, 2.5, True, "40"])
def test_max_docs_must_be_a_positive_integer(bad: object) -> None:
    table, sentences = _corpus(3)
    with pytest.raises(InputError, match="max_docs"):
        plot_corpus_lengths(table, sentences, max_docs=bad)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# beyond max_docs: bounded aggregate views that say what they aggregate


def test_aggregate_figures_are_bounded_and_named(big: dict[str, Figure]) -> None:
    for name, fig in big.items():
        width, height = fig.get_size_inches()
        assert height < 12 and width <= 14, name
        assert f"aggregate of {N_BIG:,} articles" in fig.get_suptitle(), name
        # artists do not grow with the corpus: a few hundred at most, whatever the article count
        assert _artists(fig) < 400, (name, _artists(fig))
        assert _png(fig).startswith(b"\x89PNG"), name


def test_aggregate_artists_do_not_grow_with_articles(big: dict[str, Figure]) -> None:
    rhetoric = _rhetoric(20 * N_BIG, seed=1)
    assert _artists(plot_rhetoric_profile(rhetoric)) == _artists(big["profile"])
    assert _artists(plot_actor_salience(rhetoric)) == _artists(big["salience"])


def test_aggregate_figures_are_deterministic() -> None:
    # two fresh builds, each saved once (matplotlib may lay out a figure saved twice differently)
    first, second = _big_figures(), _big_figures()
    for name, fig in first.items():
        assert _png(fig) == _png(second[name]), name


def test_lengths_histograms_count_every_article_and_the_truncated_ones(
    big: dict[str, Figure],
) -> None:
    table, _ = _corpus(N_BIG)
    fig = big["lengths"]
    words, sents = fig.axes[:2]
    assert sum(p.get_height() for p in words.patches) == N_BIG
    assert sum(p.get_height() for p in sents.patches) == N_BIG
    assert f"{int(table['truncated'].sum()):,} truncated" in fig.get_suptitle()
    assert f"median {np.median(table['n_words']):,.0f}" in [t.get_text() for t in words.texts]
    assert words.get_xscale() == "linear"  # lognormal sigma 0.3: under 20x spread


def test_lengths_use_a_log_axis_for_a_wide_spread() -> None:
    table, sentences = _corpus(500, sigma=1.5)
    assert plot_corpus_lengths(table, sentences).axes[0].get_xscale() == "log"


def test_audit_bars_are_totals_and_shares_per_kind(big: dict[str, Figure]) -> None:
    audit = _audit(N_BIG)
    totals = audit["kind"].value_counts()
    edited = audit.groupby("kind")["doc_id"].nunique()
    n_docs = N_BIG  # given as n_articles: some articles have no edit
    assert audit["doc_id"].nunique() < N_BIG
    ax_n, ax_share = big["audit"].axes
    kinds = [t.get_text() for t in ax_n.get_yticklabels()]
    assert kinds == totals.index.tolist()  # most frequent first
    assert [p.get_width() for p in ax_n.patches] == totals.tolist()
    assert [p.get_width() for p in ax_share.patches] == pytest.approx(
        (100 * edited[kinds] / n_docs).tolist()
    )


def test_n_articles_must_be_a_positive_integer() -> None:
    with pytest.raises(InputError, match="n_articles"):
        plot_cleaning_audit(_audit(10), n_articles=0)


def test_audit_share_can_count_unedited_articles() -> None:
    audit = _audit(100)
    fig = plot_cleaning_audit(audit, n_articles=400)
    assert "aggregate of 400 articles" in fig.get_suptitle()
    quoted = audit.loc[audit["kind"] == "quote", "doc_id"].nunique()
    kinds = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    bar = fig.axes[1].patches[kinds.index("quote")]
    assert bar.get_width() == pytest.approx(100 * quoted / 400)


def test_topic_view_counts_dominant_topics_and_draws_mean_shares(big: dict[str, Figure]) -> None:
    grid = _doc_topics(N_BIG).pivot(index="doc_id", columns="topic", values="weight")
    dominant = np.bincount(grid.to_numpy().argmax(axis=1), minlength=N_TOPICS)
    ax_box, ax_dom = big["topics"].axes
    assert [p.get_width() for p in ax_dom.patches] == dominant.tolist()
    assert sum(p.get_width() for p in ax_dom.patches) == N_BIG
    means = [
        line.get_xdata()[0] for line in ax_box.lines if line.get_marker() == "D"
    ]  # the white diamonds
    assert means == pytest.approx(grid.mean().tolist())
    assert [t.get_text() for t in ax_box.get_yticklabels()] == [f"{t}: t{t}" for t in grid.columns]


def test_profile_histograms_hold_every_article_and_name_the_median(
    big: dict[str, Figure],
) -> None:
    table = _rhetoric(N_BIG)
    panels = [ax for ax in big["profile"].axes if ax.get_visible()]
    assert len(panels) == len(MEASURES)
    for ax, measure in zip(panels, MEASURES, strict=True):
        values = table.loc[table["measure"] == measure, "value"]
        counts = ax.patches[0].get_data().values
        assert counts.sum() == N_BIG, measure
        assert f"median {np.median(values):.3g}" in ax.get_title(), measure
    zeros = (table.loc[table["measure"] == "boosters_per_1k", "value"] == 0).mean()
    assert f"{zeros:.0%} at 0" in panels[1].get_title()


def test_salience_bars_are_mean_shares_with_t_intervals(big: dict[str, Figure]) -> None:
    table = _rhetoric(N_BIG)
    rows = table[table["measure"].str.startswith("actor_share:")]
    values = rows.pivot(index="doc_id", columns="measure", values="value")
    values.columns = values.columns.str.removeprefix("actor_share:")
    mean = values.mean().sort_values(ascending=False)
    half = stats.t.ppf(0.975, N_BIG - 1) * values.std()[mean.index] / np.sqrt(N_BIG)
    ax = big["salience"].axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == mean.index.tolist()
    assert [p.get_width() for p in ax.patches] == pytest.approx(mean.tolist())
    (errorbars,) = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    segments = errorbars.lines[2][0].get_segments()
    widths = [seg[1][0] - seg[0][0] for seg in segments]
    assert widths == pytest.approx((2 * half).tolist())


def test_claim_view_totals_by_type_and_claims_per_article(big: dict[str, Figure]) -> None:
    claims = _claims(N_BIG)
    ax_type, ax_doc, ax_score = big["claims"].axes
    assert [t.get_text() for t in ax_type.get_yticklabels()] == TYPES
    by_type = claims["claim_type"].value_counts()[TYPES]
    assert [p.get_width() for p in ax_type.patches] == by_type.tolist()
    assert sum(p.get_height() for p in ax_doc.patches) == N_BIG
    assert f"{len(claims):,} claims" in big["claims"].get_suptitle()
    medians = [line.get_xdata()[0] for line in ax_score.lines if line.get_gid() == "median"]
    expected = claims.groupby("claim_type")["checkworthiness"].median()[TYPES]
    assert medians == pytest.approx(expected.tolist())


# ---------------------------------------------------------------------------
# matrices: a few dozen rows expected, bounded whatever they get


def _similarity(n: int) -> pd.DataFrame:
    ids = _ids(n)
    values = np.random.default_rng(0).random((n, n))
    return pd.DataFrame(
        {"doc_a": np.repeat(ids, n), "doc_b": np.tile(ids, n), "similarity": values.ravel()}
    )


def test_small_matrices_keep_their_size_and_numbers() -> None:
    sim = plot_rhetoric_similarity(_similarity(4))
    assert tuple(sim.get_size_inches()) == pytest.approx((0.9 * 4 + 3.5, 0.7 * 4 + 2.2))
    assert len(sim.axes[0].texts) == 16
    links = plot_claim_links(pd.DataFrame(np.ones((5, 5)), index=_ids(5), columns=_ids(5)))
    assert len(links.axes[0].texts) == 20  # the diagonal is not annotated


def test_large_matrices_stay_bounded() -> None:
    n = 300
    sim = plot_rhetoric_similarity(_similarity(n))
    links = plot_claim_links(pd.DataFrame(np.ones((n, n)), index=_ids(n), columns=_ids(n)))
    actors = [f"A{i}" for i in range(n)]
    cooc = pd.DataFrame({"actor_a": actors[:-1], "actor_b": actors[1:], "sentences": 1})
    for fig in (sim, links, plot_actor_cooccurrence(cooc, top=n)):
        width, height = fig.get_size_inches()
        assert width <= 16 and height <= 14
        ax = fig.axes[0]
        assert ax.texts == [] or len(ax.texts) < 50
        assert ax.get_xticklabels() == []
        assert f"{n:,}" in ax.get_title()
