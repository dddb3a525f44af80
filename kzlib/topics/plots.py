"""Figures of the topic model: coherence by k, top terms, shares per article, stability.

Every function takes the tables of :func:`kzlib.topics.fit_topics` and returns a
matplotlib Figure (see :mod:`kzlib.figure` for the conventions shared by all plots).
"""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from kzlib.checks import check_int
from kzlib.figure import (
    aggregate_title,
    hbox,
    label_bars,
    short_label,
    thousands,
)

__all__ = [
    "plot_topic_coherence",
    "plot_topic_heatmap",
    "plot_topic_stability",
    "plot_topic_terms",
]


def _topic_names(labels: pd.DataFrame) -> dict[int, str]:
    return {
        int(t): f"{int(t)}: {lab}" for t, lab in zip(labels["topic"], labels["label"], strict=True)
    }


def plot_topic_coherence(coherence_by_k: pd.DataFrame) -> Figure:
    """Mean NPMI coherence of the top terms against the number of topics, chosen k marked.

    Parameters
    ----------
    coherence_by_k : DataFrame
        ``TopicModel.coherence_by_k`` (k, coherence, chosen).

    Returns
    -------
    Figure
        A line over k with the chosen k as a filled marker.

    Examples
    --------
    >>> import pandas as pd
    >>> cbk = pd.DataFrame({"k": [2, 3], "coherence": [0.1, 0.2], "chosen": [False, True]})
    >>> plot_topic_coherence(cbk).axes[0].get_xlabel()
    'number of topics (k)'
    """
    fig = Figure(figsize=(6, 3.2), layout="constrained")
    ax = fig.subplots()
    ax.plot(coherence_by_k["k"], coherence_by_k["coherence"], marker="o", color="#4C72B0")
    chosen = coherence_by_k[coherence_by_k["chosen"]]
    ax.plot(chosen["k"], chosen["coherence"], marker="o", markersize=11, color="#C44E52", ls="")
    for k, c in zip(chosen["k"], chosen["coherence"], strict=True):
        ax.annotate(f"chosen k={int(k)}", (k, c), textcoords="offset points", xytext=(6, 6))
    ax.axhline(0.0, color="grey", lw=0.6)
    ax.set_xticks(coherence_by_k["k"].tolist())
    ax.set_xlabel("number of topics (k)")
    ax.set_ylabel("mean NPMI of top terms")
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def plot_topic_terms(
    topic_terms: pd.DataFrame, labels: pd.DataFrame, *, n_terms: int = 10, ncols: int = 3
) -> Figure:
    """Top terms of every topic as bar charts, with stability and coherence in each title.

    Parameters
    ----------
    topic_terms : DataFrame
        ``TopicModel.topic_terms`` (topic, rank, term, weight).
    labels : DataFrame
        ``TopicModel.labels`` (topic, label, share, coherence, stability).
    n_terms : int, default 10
        Terms shown per topic.
    ncols : int, default 3
        Panels per row.

    Returns
    -------
    Figure
        One horizontal bar chart per topic, best term on top; a topic whose
        stability is below 0.5 gets a grey bar and "unstable" in its title.

    Examples
    --------
    >>> import pandas as pd
    >>> tt = pd.DataFrame({"topic": [0, 0], "rank": [1, 2], "term": ["a", "b"], "weight": [.2, .1]})
    >>> lab = pd.DataFrame({"topic": [0], "label": ["a / b"], "share": [1.0],
    ...                     "coherence": [0.1], "stability": [0.9]})
    >>> len(plot_topic_terms(tt, lab).axes)
    1
    """
    topics = labels["topic"].tolist()
    ncols = max(1, min(ncols, len(topics)))
    nrows = max(1, -(-len(topics) // ncols))
    fig = Figure(figsize=(3.4 * ncols, 0.26 * n_terms * nrows + 0.9 * nrows), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
    rows = zip(
        topics,
        labels["share"].to_numpy(dtype=float),
        labels["coherence"].to_numpy(dtype=float),
        labels["stability"].to_numpy(dtype=float),
        strict=True,
    )
    for ax, (topic, share, coherence, stab) in zip(axes, rows, strict=False):
        terms = topic_terms[topic_terms["topic"] == topic].sort_values("rank").head(n_terms)
        unstable = bool(np.isfinite(stab) and stab < 0.5)
        ax.barh(terms["term"], terms["weight"], color="#9A9A9A" if unstable else "#4C72B0")
        ax.invert_yaxis()
        stab_text = f"{stab:.2f}" if np.isfinite(stab) else "n/a"
        title = f"topic {topic} ({share:.0%})\nstability {stab_text}"
        title += f", NPMI {coherence:+.2f}" + (" · unstable" if unstable else "")
        ax.set_title(title, fontsize=9, loc="left")
        ax.tick_params(labelsize=8)
        ax.spines[["top", "right"]].set_visible(False)
    for ax in axes[len(topics) :]:
        ax.set_visible(False)
    return fig


def plot_topic_heatmap(
    doc_topics: pd.DataFrame, labels: pd.DataFrame, *, max_docs: int = 40
) -> Figure:
    """Article x topic heatmap of topic weights, each cell annotated.

    Parameters
    ----------
    doc_topics : DataFrame
        ``TopicModel.doc_topics`` (doc_id, topic, weight).
    labels : DataFrame
        ``TopicModel.labels``; gives the topic names.
    max_docs : int, default 40
        Most articles drawn one row each; more get distributions per topic.

    Returns
    -------
    Figure
        Up to ``max_docs`` articles: one row per article, one column per topic;
        weights of a row sum to 1. More: per topic, a box of the topic's share
        of each article (quartiles, whiskers at the 5th and 95th percentiles,
        diamond at the mean) and the number of articles in which it is the
        largest topic.

    Examples
    --------
    >>> import pandas as pd
    >>> dt = pd.DataFrame({"doc_id": ["a", "a"], "topic": [0, 1], "weight": [0.7, 0.3]})
    >>> lab = pd.DataFrame({"topic": [0, 1], "label": ["x", "y"]})
    >>> plot_topic_heatmap(dt, lab).axes[0].get_ylabel()
    'article'
    """
    max_docs = check_int("max_docs", max_docs)
    grid = doc_topics.pivot_table(index="doc_id", columns="topic", values="weight").sort_index()
    if len(grid) > max_docs:
        return _topic_heatmap_aggregate(grid, labels)
    return _topic_heatmap_per_article(grid, labels)


def _topic_heatmap_per_article(grid: pd.DataFrame, labels: pd.DataFrame) -> Figure:
    names = _topic_names(labels)
    fig = Figure(
        figsize=(1.1 * grid.shape[1] + 3.5, 0.45 * grid.shape[0] + 2.2), layout="constrained"
    )
    ax = fig.subplots()
    image = ax.imshow(grid.to_numpy(), cmap="Blues", vmin=0.0, vmax=1.0, aspect="auto")
    for (i, j), value in np.ndenumerate(grid.to_numpy()):
        ax.text(
            j,
            i,
            f"{value:.2f}",
            ha="center",
            va="center",
            fontsize=8,
            color="white" if value > 0.6 else "black",
        )
    ax.set_xticks(
        range(grid.shape[1]),
        [names.get(int(t), str(t)) for t in grid.columns],
        rotation=35,
        ha="right",
        fontsize=8,
    )
    ax.set_yticks(range(grid.shape[0]), [short_label(d) for d in grid.index], fontsize=8)
    ax.set_ylabel("article")
    ax.set_xlabel("topic")
    fig.colorbar(image, ax=ax, label="share of the article (by words)", shrink=0.8)
    return fig


def _topic_heatmap_aggregate(grid: pd.DataFrame, labels: pd.DataFrame) -> Figure:
    names = _topic_names(labels)
    # labels order the topics (by decreasing share of the corpus); topics without a label follow
    order = [t for t in labels["topic"] if t in grid.columns]
    order += [t for t in grid.columns if t not in set(order)]
    shares = grid[order].fillna(0.0).to_numpy(dtype=float)
    # argmax takes the first of tied topics, so the count is deterministic
    dominant = np.bincount(shares.argmax(axis=1), minlength=len(order))
    tick_names = [names.get(int(t), str(t)) for t in order]
    colors = [matplotlib.colormaps["tab10"](i % 10) for i in range(len(order))]
    fig = Figure(figsize=(10, 0.42 * len(order) + 1.7), layout="constrained")
    ax_box, ax_dom = fig.subplots(1, 2, sharey=True, width_ratios=[3, 2])
    hbox(ax_box, [shares[:, j] for j in range(len(order))], colors)
    # shares lie in [0, 1]; when every topic is small, zoom in rather than leave the panel empty
    ax_box.set_xlim(0, min(1.0, ax_box.get_xlim()[1]))
    ax_box.set_xlabel(
        "share of the article (by words)\nbox: quartiles, whiskers: 5th-95th pct, ◆ mean"
    )
    bars = ax_dom.barh(range(len(order)), dominant, color=colors)
    label_bars(ax_dom, bars, [f"{d:,} ({d / len(shares):.0%})" for d in dominant])
    thousands(ax_dom)
    ax_dom.set_xlabel("articles in which it is the largest topic")
    ax_box.set_yticks(range(len(order)), tick_names)
    ax_box.invert_yaxis()
    for ax in (ax_box, ax_dom):
        ax.tick_params(labelsize=8)
        ax.grid(axis="x", alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)
    aggregate_title(fig, "Topics per article", len(shares))
    return fig


def plot_topic_stability(stability: pd.DataFrame, labels: pd.DataFrame) -> Figure:
    """How well each topic's top terms recur when the model is refitted with other seeds.

    Parameters
    ----------
    stability : DataFrame
        ``TopicModel.stability`` (topic, seed, overlap).
    labels : DataFrame
        ``TopicModel.labels``.

    Returns
    -------
    Figure
        Per topic, the mean best-match overlap as a bar and each refit as a dot;
        the dashed line at 0.5 marks topics that keep fewer than half of their terms.

    Examples
    --------
    >>> import pandas as pd
    >>> st = pd.DataFrame({"topic": [0, 0], "seed": [1, 2], "overlap": [0.8, 0.6]})
    >>> lab = pd.DataFrame({"topic": [0], "label": ["x"]})
    >>> plot_topic_stability(st, lab).axes[0].get_xlabel()
    'top-term overlap with the best-matching refitted topic'
    """
    names = _topic_names(labels)
    topics = labels["topic"].tolist()
    fig = Figure(figsize=(7, 0.45 * len(topics) + 1.4), layout="constrained")
    ax = fig.subplots()
    means = stability.groupby("topic")["overlap"].mean().reindex(topics)
    ax.barh([names[t] for t in topics], means.to_numpy(), color="#4C72B0", alpha=0.6)
    position = {t: i for i, t in enumerate(topics)}
    ax.plot(
        stability["overlap"],
        [position[t] for t in stability["topic"]],
        "o",
        color="#222222",
        markersize=3,
    )
    ax.axvline(0.5, color="#C44E52", ls="--", lw=0.8)
    ax.set_xlim(0, 1.05)
    ax.invert_yaxis()
    ax.tick_params(labelsize=8)
    ax.set_xlabel("top-term overlap with the best-matching refitted topic")
    ax.spines[["top", "right"]].set_visible(False)
    return fig
