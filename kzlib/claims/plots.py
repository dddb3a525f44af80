"""Figures of the claim inventory: claims per article and type, links between articles.

See :mod:`kzlib.figure` for the conventions shared by all plots.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from kzlib.checks import check_int
from kzlib.figure import (
    aggregate_title,
    annotated_cells,
    bin_edges,
    cell_fontsize,
    hbox,
    label_bars,
    matrix_size,
    matrix_ticks,
    median_line,
    short_label,
    thousands,
)

__all__ = [
    "plot_claim_counts",
    "plot_claim_links",
]


_CLAIM_COLOURS: dict[str, str] = {
    "event": "#1f77b4",
    "quantitative": "#2ca02c",
    "predictive": "#9467bd",
    "factual": "#ff7f0e",
    "evaluative": "#bbbbbb",
}


def plot_claim_counts(claims: pd.DataFrame, *, max_docs: int = 40) -> Figure:
    """Claims per article by type, and checkworthiness by type.

    Parameters
    ----------
    claims : DataFrame
        ``kzlib.claims.extract_claims`` output (doc_id, claim_type, checkworthiness).
    max_docs : int, default 40
        Most articles drawn one bar each; more get corpus totals and distributions.

    Returns
    -------
    Figure
        Up to ``max_docs`` articles: stacked horizontal bars per article (left)
        and a strip of scores per type (right). More: claims by type over the
        corpus, a histogram of claims per article (articles with at least one
        claim) and a box of checkworthiness per type.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"doc_id": ["a", "a", "b"], "claim_type": ["event", "evaluative", "event"],
    ...                   "checkworthiness": [0.8, 0.1, 0.7]})
    >>> len(plot_claim_counts(c).axes)
    2
    >>> plot_claim_counts(c, max_docs=1).get_suptitle()
    'Claims: aggregate of 2 articles (3 claims; articles with at least one claim)'
    """
    max_docs = check_int("max_docs", max_docs)
    present = set(claims["claim_type"].unique())
    types = [t for t in _CLAIM_COLOURS if t in present]
    counts = (
        claims.groupby(["doc_id", "claim_type"]).size().unstack(fill_value=0).reindex(columns=types)
    )
    counts = counts.fillna(0).sort_index(ascending=False)
    if len(counts) > max_docs:
        return _claim_counts_aggregate(claims, counts, types)
    return _claim_counts_per_article(claims, counts, types)


def _claim_counts_per_article(
    claims: pd.DataFrame, counts: pd.DataFrame, types: list[str]
) -> Figure:
    fig = Figure(figsize=(11, 0.45 * len(counts) + 2.4), layout="constrained")
    ax, ax2 = fig.subplots(1, 2, width_ratios=[3, 2])
    left = np.zeros(len(counts))
    for t in types:
        values = counts[t].to_numpy(dtype=float)
        ax.barh(
            [short_label(d) for d in counts.index],
            values,
            left=left,
            color=_CLAIM_COLOURS[t],
            label=t,
        )
        left += values
    ax.set_xlabel("claims")
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    ax.tick_params(labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    rng = np.random.default_rng(0)
    for i, t in enumerate(types):
        scores = claims.loc[claims["claim_type"] == t, "checkworthiness"].to_numpy(dtype=float)
        jitter = rng.uniform(-0.18, 0.18, size=len(scores))
        ax2.scatter(scores, i + jitter, s=12, alpha=0.6, color=_CLAIM_COLOURS[t])
        if len(scores):
            ax2.plot([np.median(scores)] * 2, [i - 0.3, i + 0.3], color="black", lw=1.5)
    ax2.set_yticks(range(len(types)), types, fontsize=8)
    ax2.set_xlim(0, 1)
    ax2.set_xlabel("checkworthiness (bar: median)")
    ax2.spines[["top", "right"]].set_visible(False)
    return fig


def _claim_counts_aggregate(claims: pd.DataFrame, counts: pd.DataFrame, types: list[str]) -> Figure:
    colors = [_CLAIM_COLOURS[t] for t in types]
    fig = Figure(figsize=(13, 0.3 * len(types) + 2.8), layout="constrained")
    ax_type, ax_doc, ax_score = fig.subplots(1, 3, width_ratios=[4, 4, 3])
    totals = counts.sum().to_numpy(dtype=int)
    bars = ax_type.barh(range(len(types)), totals, color=colors)
    label_bars(ax_type, bars, [f"{t:,} ({t / max(totals.sum(), 1):.0%})" for t in totals])
    ax_type.set_yticks(range(len(types)), types)
    ax_type.invert_yaxis()
    ax_type.set_xlabel("claims, all articles")
    thousands(ax_type)
    per_doc = counts.sum(axis=1).to_numpy(dtype=float)
    edges, log = bin_edges(per_doc)
    ax_doc.hist(per_doc, bins=edges, color="#4C72B0")
    if log:
        ax_doc.set_xscale("log")
    median_line(ax_doc, per_doc)
    ax_doc.set_xlabel("claims per article" + (", log scale" if log else ""))
    ax_doc.set_ylabel("articles")
    thousands(ax_doc, "y")
    scores = [
        claims.loc[claims["claim_type"] == t, "checkworthiness"].to_numpy(dtype=float)
        for t in types
    ]
    hbox(ax_score, scores, colors)
    ax_score.set_yticks(range(len(types)), types)
    ax_score.invert_yaxis()
    ax_score.set_xlim(-0.01, 1.01)
    ax_score.set_xlabel("checkworthiness\nbox: quartiles, whiskers: 5th-95th\npercentiles, ◆ mean")
    for ax in (ax_type, ax_doc, ax_score):
        ax.tick_params(labelsize=8)
        ax.spines[["top", "right"]].set_visible(False)
    detail = f"{len(claims):,} claims; articles with at least one claim"
    aggregate_title(fig, "Claims", len(counts), detail)
    return fig


def plot_claim_links(matrix: pd.DataFrame) -> Figure:
    """Article x article heatmap of how many claims two articles share (claim links).

    Parameters
    ----------
    matrix : DataFrame
        ``kzlib.claims.link_matrix`` output (square, symmetric counts).

    Returns
    -------
    Figure
        One cell per pair of articles, annotated with the number of links (up
        to 40 articles; the size is capped, see the module notes).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame([[0, 2], [2, 0]], index=["a", "b"], columns=["a", "b"])
    >>> plot_claim_links(m).axes[0].get_xlabel()
    'article'
    """
    values = matrix.to_numpy(dtype=float)
    n = len(matrix)
    fig = Figure(figsize=matrix_size(0.9 * n + 3.5, 0.7 * n + 2.2), layout="constrained")
    ax = fig.subplots()
    top = max(float(values.max()) if values.size else 0.0, 1.0)
    image = ax.imshow(values, cmap="Purples", vmin=0.0, vmax=top)
    for (i, j), value in annotated_cells(values):
        if i != j:
            ax.text(
                j,
                i,
                f"{int(value)}",
                ha="center",
                va="center",
                fontsize=cell_fontsize(n, 9),
                color="white" if value > 0.6 * top else "black",
            )
    matrix_ticks(ax, [short_label(str(d)) for d in matrix.index], "articles", rotation=35)
    ax.set_xlabel("article")
    ax.set_ylabel("article")
    fig.colorbar(image, ax=ax, label="linked claims", shrink=0.8)
    return fig


