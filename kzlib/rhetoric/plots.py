"""Figures of the rhetoric measures: profiles, similarity, actor salience and co-occurrence.

See :mod:`kzlib.figure` for the conventions shared by all plots.
"""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from kzlib.checks import check_int
from kzlib.figure import (
    aggregate_title,
    annotated_cells,
    cell_fontsize,
    matrix_size,
    matrix_ticks,
    short_label,
)

__all__ = [
    "plot_actor_cooccurrence",
    "plot_actor_salience",
    "plot_keyness",
    "plot_rhetoric_profile",
    "plot_rhetoric_similarity",
]


def _rhetoric_label(measure: str) -> str:
    family, _, name = measure.partition(":")
    if not name:
        return measure.replace("_", " ")
    return f"{name.replace('_', ' ')} ({family.replace('_per_1k', '').replace('_', ' ')}, per 1k)"


def plot_rhetoric_profile(
    table: pd.DataFrame,
    *,
    measures: list[str] | None = None,
    ncols: int = 4,
    max_docs: int = 40,
) -> Figure:
    """Small multiples, one panel per measure: each article's value, or their distribution.

    Parameters
    ----------
    table : DataFrame
        :func:`kzlib.rhetoric.measures` (doc_id, measure, value, ci_low, ci_high).
    measures : list of str, optional
        Measures to show, in order (default: every measure except ``actor_share:*``,
        ``words`` and ``sentences``).
    ncols : int
        Panels per row.
    max_docs : int, default 40
        Most articles drawn one row each; more get one histogram per measure.

    Returns
    -------
    Figure
        Panels have their own x scales. Up to ``max_docs`` articles: one row
        per article, dots are values, bars the bootstrap intervals. More: a
        histogram of the articles' values with their median (each article's
        own interval is not drawn); the top 1% of values, when far out, is
        gathered in the last bar so that the bulk stays readable.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"doc_id": ["a", "b"], "measure": ["hedges_per_1k"] * 2,
    ...                   "value": [2.0, 5.0], "ci_low": [1.0, 3.0], "ci_high": [3.0, 7.0]})
    >>> [ax.get_title() for ax in plot_rhetoric_profile(t).axes if ax.get_visible()]
    ['hedges per 1k']
    >>> plot_rhetoric_profile(t, max_docs=1).get_suptitle()
    'Rhetoric measures: aggregate of 2 articles (histograms of per-article values)'
    """
    max_docs = check_int("max_docs", max_docs)
    if measures is None:
        skip = {"words", "sentences"}
        measures = [
            m
            for m in dict.fromkeys(table["measure"].unique())  # unique() keeps first-seen order
            if m not in skip and not m.startswith("actor_share:")
        ]
    n_docs = int(table["doc_id"].nunique())
    if n_docs > max_docs:
        return _rhetoric_profile_aggregate(table, measures, ncols, n_docs)
    return _rhetoric_profile_per_article(table, measures, ncols)


def _rhetoric_profile_per_article(table: pd.DataFrame, measures: list[str], ncols: int) -> Figure:
    docs = sorted(table["doc_id"].unique())
    n = max(len(measures), 1)
    cols = max(1, min(ncols, n))
    rows = -(-n // cols)
    fig = Figure(
        figsize=(3.1 * cols, 0.28 * len(docs) * rows + 1.1 * rows + 0.6), layout="constrained"
    )
    axes = np.atleast_1d(fig.subplots(rows, cols, sharey=True, squeeze=False)).ravel()
    colors = matplotlib.colormaps["tab10"]
    indexed = table.set_index(["measure", "doc_id"])
    for ax, measure in zip(axes, measures, strict=False):
        for i, doc in enumerate(docs):
            if (measure, doc) not in indexed.index:
                continue
            row = indexed.loc[(measure, doc)]
            value, low, high = float(row["value"]), float(row["ci_low"]), float(row["ci_high"])
            color = colors(i % 10)
            if np.isfinite(low) and np.isfinite(high):
                ax.plot([low, high], [i, i], color=color, linewidth=2.2, alpha=0.55)
            ax.plot([value], [i], "o", color=color, markersize=5)
        ax.set_title(_rhetoric_label(measure), fontsize=8)
        ax.tick_params(axis="x", labelsize=7)
        ax.grid(axis="x", alpha=0.3)
    for ax in axes[len(measures) :]:
        ax.set_visible(False)
    axes[0].set_yticks(range(len(docs)), [short_label(d) for d in docs], fontsize=7)
    axes[0].invert_yaxis()
    return fig


#: Fixed layout of the aggregate rhetoric panels, in inches: the constrained layout
#: engine took about as long as drawing the twenty panels themselves.
_PANEL = {"width": 2.45, "height": 1.15, "left": 0.6, "right": 0.15, "top": 0.95, "bottom": 0.3}
_PANEL_GAP = {"width": 0.5, "height": 0.85}  # tick labels + a title of up to three lines


def _panel_grid(rows: int, cols: int) -> Figure:
    """A figure sized for ``rows`` x ``cols`` small panels with room for titles and ticks."""
    width = _PANEL["left"] + _PANEL["right"] + cols * _PANEL["width"]
    width += (cols - 1) * _PANEL_GAP["width"]
    height = _PANEL["top"] + _PANEL["bottom"] + rows * _PANEL["height"]
    height += (rows - 1) * _PANEL_GAP["height"]
    fig = Figure(figsize=(width, height))
    fig.subplots_adjust(
        left=_PANEL["left"] / width,
        right=1 - _PANEL["right"] / width,
        bottom=_PANEL["bottom"] / height,
        top=1 - _PANEL["top"] / height,
        wspace=_PANEL_GAP["width"] / _PANEL["width"],
        hspace=_PANEL_GAP["height"] / _PANEL["height"],
    )
    return fig


def _rhetoric_profile_aggregate(
    table: pd.DataFrame, measures: list[str], ncols: int, n_docs: int
) -> Figure:
    n = max(len(measures), 1)
    cols = max(1, min(ncols, n))
    rows = -(-n // cols)
    fig = _panel_grid(rows, cols)
    axes = np.atleast_1d(fig.subplots(rows, cols, squeeze=False)).ravel()
    values_of = {m: v.to_numpy(dtype=float) for m, v in table.groupby("measure")["value"]}
    for i, (ax, measure) in enumerate(zip(axes, measures, strict=False)):
        values = values_of.get(measure, np.array([]))
        values = values[np.isfinite(values)]
        title = _rhetoric_label(measure)
        if len(values):
            median = float(np.median(values))
            top = float(np.percentile(values, 99))
            # a few extreme articles would squash the rest into one bar: gather them in the last
            spread = top - float(values.min())
            clip = float(values.max()) > top + spread
            shown = np.minimum(values, top) if clip else values
            # one filled outline per panel rather than 25 bars: twenty panels stay quick to draw
            counts, edges = np.histogram(shown, bins=25)
            ax.stairs(counts, edges, fill=True, color="#4C72B0")
            ax.axvline(median, color="black", ls="--", lw=1)
            title += f"\nmedian {median:.3g}"
            zeros = float(np.mean(values == 0))
            if zeros >= 0.05:  # e.g. a frame most articles never use
                title += f", {zeros:.0%} at 0"
            if clip:
                title += f"\nlast bar: all values > {top:.3g}"
        else:
            title += "\nno values"
        ax.set_title(title, fontsize=8)
        ax.tick_params(labelsize=7)
        ax.xaxis.set_major_locator(MaxNLocator(5))
        ax.yaxis.set_major_locator(MaxNLocator(4, integer=True))
        ax.spines[["top", "right"]].set_visible(False)
        if i % cols == 0:
            ax.set_ylabel("articles", fontsize=8)
    for ax in axes[len(measures) :]:
        ax.set_visible(False)
    aggregate_title(fig, "Rhetoric measures", n_docs, "histograms of per-article values")
    return fig


def plot_rhetoric_similarity(sim: pd.DataFrame) -> Figure:
    """Article x article heatmap of TF-IDF cosine similarity, each cell annotated.

    Parameters
    ----------
    sim : DataFrame
        :func:`kzlib.rhetoric.similarity` (doc_a, doc_b, similarity).

    Returns
    -------
    Figure
        One cell per pair of articles, annotated with the similarity (up to
        40 articles; the size is capped, see the module notes).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"doc_a": ["a", "a", "b", "b"], "doc_b": ["a", "b", "a", "b"],
    ...                   "similarity": [1.0, 0.2, 0.2, 1.0]})
    >>> plot_rhetoric_similarity(s).axes[0].get_xlabel()
    'article'
    """
    grid = sim.pivot(index="doc_a", columns="doc_b", values="similarity").sort_index()
    grid = grid[grid.index]
    n = len(grid)
    fig = Figure(figsize=matrix_size(0.9 * n + 3.5, 0.7 * n + 2.2), layout="constrained")
    ax = fig.subplots()
    values = grid.to_numpy(dtype=float)
    image = ax.imshow(values, cmap="Greens", vmin=0.0, vmax=1.0)
    for (i, j), value in annotated_cells(values):
        ax.text(
            j,
            i,
            f"{value:.2f}",
            ha="center",
            va="center",
            fontsize=cell_fontsize(n, 8),
            color="white" if value > 0.6 else "black",
        )
    matrix_ticks(ax, [short_label(str(d)) for d in grid.index], "articles", rotation=35)
    ax.set_xlabel("article")
    ax.set_ylabel("article")
    fig.colorbar(image, ax=ax, label="TF-IDF cosine similarity", shrink=0.8)
    return fig


def plot_actor_salience(table: pd.DataFrame, *, top: int = 10, max_docs: int = 40) -> Figure:
    """Share of sentences mentioning each actor: per article, or its mean over articles.

    Parameters
    ----------
    table : DataFrame
        :func:`kzlib.rhetoric.measures`; its ``actor_share:*`` rows are used.
    top : int
        Actors shown: those with the highest share in any article (up to
        ``max_docs`` articles) or the highest mean share (more articles).
    max_docs : int, default 40
        Most articles drawn one bar each; more get the mean over articles.

    Returns
    -------
    Figure
        Up to ``max_docs`` articles: horizontal bars grouped by actor, one
        colour per article; whiskers are the bootstrap intervals. More: one bar
        per actor, the mean share over articles with its 95% t-interval over
        articles, and the share of articles that mention the actor at all.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"doc_id": ["a", "b"], "measure": ["actor_share:Russia"] * 2,
    ...                   "value": [0.5, 0.1], "ci_low": [0.3, 0.0], "ci_high": [0.7, 0.2]})
    >>> plot_actor_salience(t).axes[0].get_xlabel()
    'share of sentences mentioning the actor'
    >>> plot_actor_salience(t, max_docs=1).get_suptitle()
    'Actor salience: aggregate of 2 articles'
    """
    max_docs = check_int("max_docs", max_docs)
    rows = table[table["measure"].str.startswith("actor_share:")].copy()
    rows["actor"] = rows["measure"].str.slice(len("actor_share:"))
    if rows["doc_id"].nunique() > max_docs:
        return _actor_salience_aggregate(rows, top)
    peak = rows.groupby("actor", sort=False)["value"].max()
    actors = [a for a in peak.sort_values(ascending=False, kind="stable").index if peak[a] > 0]
    actors = actors[:top] or list(peak.index[:top])
    docs = sorted(rows["doc_id"].unique())
    fig = Figure(
        figsize=(7.5, 0.32 * len(actors) * max(len(docs), 1) ** 0.5 + 1.8), layout="constrained"
    )
    ax = fig.subplots()
    colors = matplotlib.colormaps["tab10"]
    height = 0.8 / max(len(docs), 1)
    indexed = rows.set_index(["actor", "doc_id"])
    for k, doc in enumerate(docs):
        ys, vals, lows, highs = [], [], [], []
        for i, actor in enumerate(actors):
            if (actor, doc) in indexed.index:
                r = indexed.loc[(actor, doc)]
                ys.append(i - 0.4 + height * (k + 0.5))
                vals.append(float(r["value"]))
                lows.append(float(r["value"] - r["ci_low"]) if np.isfinite(r["ci_low"]) else 0.0)
                highs.append(float(r["ci_high"] - r["value"]) if np.isfinite(r["ci_high"]) else 0.0)
        ax.barh(
            ys,
            vals,
            height=height,
            color=colors(k % 10),
            label=short_label(doc),
            xerr=[lows, highs],
            error_kw={"elinewidth": 0.8, "capsize": 1.5, "alpha": 0.7},
        )
    ax.set_yticks(range(len(actors)), actors, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("share of sentences mentioning the actor")
    ax.set_xlim(0, 1)
    if actors and docs:
        ax.legend(fontsize=7, loc="lower right", title="article", title_fontsize=7)
    ax.grid(axis="x", alpha=0.3)
    return fig


def _actor_salience_aggregate(rows: pd.DataFrame, top: int) -> Figure:
    from scipy import stats

    # articles x actors; an article without an actor's row has no value for it (not 0)
    grid = rows.pivot_table(index="doc_id", columns="actor", values="value", sort=False)
    n = grid.notna().sum()
    mean = grid.mean()
    half = stats.t.ppf(0.975, np.maximum(n - 1, 1)) * grid.std(ddof=1) / np.sqrt(n)
    mentioned = (grid > 0).sum() / n
    order = mean.sort_values(ascending=False, kind="stable").index
    actors = [a for a in order if mean[a] > 0][:top] or list(order[:top])
    fig = Figure(figsize=(7.5, 0.3 * len(actors) + 1.9), layout="constrained")
    ax = fig.subplots()
    means = mean[actors].to_numpy(dtype=float)
    halves = half[actors].fillna(0.0).to_numpy(dtype=float)
    ax.barh(
        range(len(actors)),
        means,
        color="#4C72B0",
        xerr=halves,
        error_kw={"elinewidth": 1.0, "capsize": 2.5},
    )
    # past the upper whisker, which is long for a few articles and would cross the text
    for i, actor in enumerate(actors):
        ax.annotate(
            f"in {mentioned[actor]:.0%} of articles",
            (means[i] + halves[i], i),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    ax.set_yticks(range(len(actors)), actors, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.35 * max(float(np.max(means + halves, initial=0.0)), 0.01))
    ax.set_xlabel(
        "mean share of sentences mentioning the actor\n(whiskers: 95% t-interval over articles)"
    )
    ax.grid(axis="x", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    aggregate_title(fig, "Actor salience", int(rows["doc_id"].nunique()))
    return fig


def plot_actor_cooccurrence(cooc: pd.DataFrame, *, top: int = 12) -> Figure:
    """Actor x actor heatmap: sentences in which both are mentioned.

    Parameters
    ----------
    cooc : DataFrame
        :func:`kzlib.rhetoric.cooccurrence` (actor_a, actor_b, sentences); a
        ``doc_id`` column, if any, is summed over.
    top : int
        Actors shown: those in the most co-mentions.

    Returns
    -------
    Figure
        A symmetric matrix, annotated with counts; the diagonal is left empty.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"actor_a": ["Russia"], "actor_b": ["China"], "sentences": [3]})
    >>> plot_actor_cooccurrence(c).axes[0].get_title()
    'actors mentioned in the same sentence'
    """
    pairs = cooc.groupby(["actor_a", "actor_b"], sort=False)["sentences"].sum().reset_index()
    weight = (
        pd.concat(
            [pairs.set_index("actor_a")["sentences"], pairs.set_index("actor_b")["sentences"]]
        )
        .groupby(level=0)
        .sum()
    )
    actors = list(weight.sort_values(ascending=False, kind="stable").index[:top])
    grid = pd.DataFrame(0, index=actors, columns=actors, dtype=float)
    for a, b, n in pairs[["actor_a", "actor_b", "sentences"]].itertuples(index=False):
        if a in grid.index and b in grid.index:
            grid.loc[a, b] = grid.loc[b, a] = float(n)
    values = grid.to_numpy(copy=True)
    np.fill_diagonal(values, np.nan)
    k = len(actors)
    fig = Figure(figsize=matrix_size(0.55 * k + 3.2, 0.5 * k + 2.2), layout="constrained")
    ax = fig.subplots()
    vmax = max(float(np.nanmax(values)) if k > 1 else 1.0, 1.0)
    image = ax.imshow(values, cmap="Oranges", vmin=0.0, vmax=vmax)
    for (i, j), value in annotated_cells(values):
        if i != j and value > 0:
            ax.text(
                j,
                i,
                f"{int(value)}",
                ha="center",
                va="center",
                fontsize=7,
                color="white" if value > 0.6 * vmax else "black",
            )
    ax.set_title("actors mentioned in the same sentence", fontsize=9)
    matrix_ticks(ax, actors, "actors", rotation=45)
    fig.colorbar(image, ax=ax, label="sentences", shrink=0.8)
    return fig


def plot_keyness(
    table: pd.DataFrame, *, top: int = 10, target: str = "target", reference: str = "reference"
) -> Figure:
    """Signed G2 of the top keywords of both sides, as quanteda's ``textplot_keyness``.

    Parameters
    ----------
    table : DataFrame
        :func:`kzlib.rhetoric.group_keyness` (``side``, ``term``, ``g2``,
        ``count_target``, ``count_reference``).
    top : int
        Terms shown per side.
    target, reference : str
        Names of the two sides in the legend.

    Returns
    -------
    Figure
        One bar per term: right (positive) for the target, left for the
        reference, labelled with the term and its two counts.

    Examples
    --------
    >>> t = pd.DataFrame({"side": ["target", "reference"], "term": ["rail", "wheat"],
    ...                   "g2": [9.0, 4.0], "count_target": [9, 0], "count_reference": [0, 4]})
    >>> plot_keyness(t, target="east").axes[0].get_xlabel()
    'G2 (signed: right, key for east; left, for the reference)'
    """
    check_int("top", top, minimum=1)
    tgt = table[table["side"] == "target"].nlargest(top, "g2")
    ref = table[table["side"] == "reference"].nlargest(top, "g2")
    rows = pd.concat([tgt.assign(signed=tgt["g2"]), ref.assign(signed=-ref["g2"])])
    rows = rows.sort_values("signed", kind="stable")
    fig = Figure(figsize=(7.5, max(2.5, 0.32 * len(rows) + 1.2)), layout="constrained")
    ax = fig.subplots()
    colours = ["#1f77b4" if v > 0 else "#9e9e9e" for v in rows["signed"]]
    y = np.arange(len(rows))
    ax.barh(y, rows["signed"], color=colours)
    labels = zip(
        rows["signed"], rows["term"], rows["count_target"], rows["count_reference"], strict=True
    )
    for yi, (value, term, a, b) in enumerate(labels):
        ax.text(
            value + (0.01 if value >= 0 else -0.01) * max(1.0, float(rows["g2"].max())),
            yi,
            f"{term} ({int(a)} / {int(b)})",
            va="center",
            ha="left" if value >= 0 else "right",
            fontsize=8,
        )
    ax.set_yticks([])
    ax.axvline(0, color="black", linewidth=0.8)
    span = float(rows["g2"].max()) if len(rows) else 1.0
    ax.set_xlim(-1.6 * span if len(ref) else -0.1 * span, 1.6 * span if len(tgt) else 0.1 * span)
    ax.set_xlabel(f"G2 (signed: right, key for {target}; left, for the {reference})")
    ax.set_title(f"Keywords: {target} against {reference} (counts: {target} / {reference})")
    return fig
