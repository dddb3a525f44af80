"""Figures for the notebooks and reports.

Every function takes the tables the analyses return and gives back a
matplotlib :class:`~matplotlib.figure.Figure`; none calls ``plt.show()`` or
writes files, so the same figure can be shown in JupyterLab, embedded in an
HTML report or saved by the caller. Functions are named ``plot_<analysis>_<what>``.

Large corpora
-------------
A figure that draws one row per article is readable for a few dozen articles
only. Every such function takes ``max_docs`` (default 40): with at most that
many articles it draws one row per article; beyond it, it draws an aggregate
view whose size does not grow with the corpus (distributions, totals, means
with intervals), and its title says how many articles it aggregates. The
matrices (article x article similarity and claim links, actor co-occurrence)
are meant for a few dozen rows chosen by the caller; whatever they are given,
the figure stays within 16 x 14 inches, its cells lose their numbers past 40
rows and its rows their names past 80.

Examples
--------
>>> from kzlib.corpus import load_corpus
>>> from kzlib.segment import sentences_frame
>>> corpus = load_corpus()
>>> fig = plot_corpus_lengths(corpus.to_frame(), sentences_frame(corpus))
>>> len(fig.axes)
2
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, StrMethodFormatter
from matplotlib.typing import ColorType

from kzlib.errors import InputError

__all__ = [
    "plot_actor_cooccurrence",
    "plot_actor_salience",
    "plot_claim_counts",
    "plot_claim_links",
    "plot_cleaning_audit",
    "plot_corpus_lengths",
    "plot_rhetoric_profile",
    "plot_rhetoric_similarity",
    "plot_topic_coherence",
    "plot_topic_heatmap",
    "plot_topic_stability",
    "plot_topic_terms",
]


def _short(doc_id: str, width: int = 14) -> str:
    return doc_id if len(doc_id) <= width else doc_id[: width - 1] + "\u2026"


# ---------------------------------------------------------------------------
# aggregate views (more articles than max_docs)

#: Box whiskers of the aggregate views: 5th and 95th percentiles, no outlier dots
#: (thousands of dots would hide the box and slow the rendering).
_WHISKERS = (5.0, 95.0)


def _check_count(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise InputError(f"parameter {name}={value!r}: must be an integer >= 1")
    return int(value)


def _aggregate_title(fig: Figure, what: str, n_docs: int, detail: str = "") -> None:
    """Say in the title that the figure aggregates ``n_docs`` articles, not one row per article."""
    text = f"{what}: aggregate of {n_docs:,} articles"
    fig.suptitle(text + (f" ({detail})" if detail else ""), fontsize=10)


def _bin_edges(values: np.ndarray, *, bins: int = 30) -> tuple[np.ndarray, bool]:
    """Histogram bin edges for non-negative values, and whether they are logarithmic.

    Logarithmic when the positive values spread over more than 20x between their
    1st and 99th percentiles: lengths and counts have long right tails that would
    squash a linear histogram into its first bars. Small integer ranges get one
    bin per integer so that no bar mixes two counts.
    """
    positive = values[values > 0]
    if len(positive) and np.percentile(positive, 99) > 20 * np.percentile(positive, 1):
        return np.geomspace(positive.min(), positive.max(), bins + 1), True
    low, high = (float(values.min()), float(values.max())) if len(values) else (0.0, 1.0)
    if np.all(values == np.round(values)) and high - low <= 2 * bins:
        return np.arange(low - 0.5, high + 1.5), False
    return np.linspace(low, max(high, low + 1e-9), bins + 1), False


def _median_line(ax: Axes, values: np.ndarray) -> None:
    """A dashed line at the median, labelled at the top, above the tallest bar."""
    ax.set_ylim(0, 1.2 * ax.get_ylim()[1])  # headroom for the label (and a legend)
    if len(values):
        median = float(np.median(values))
        ax.axvline(median, color="black", ls="--", lw=1)
        ax.annotate(
            f"median {median:,.0f}",  # lengths and counts: whole numbers
            (median, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(3, -3),
            textcoords="offset points",
            va="top",
            fontsize=8,
        )


def _label_bars(ax: Axes, bars: BarContainer, texts: list[str]) -> None:
    """Write ``texts`` at the end of horizontal bars, with room for them on the right."""
    ax.bar_label(bars, texts, padding=3, fontsize=8)
    low, high = ax.get_xlim()
    ax.set_xlim(low, high + 0.25 * (high - low))


def _thousands(ax: Axes, axis: str = "x") -> None:
    """Counts in the tens of thousands read better as 250,000 than as 250000."""
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    target.set_major_locator(MaxNLocator(4, integer=True))  # long labels: few ticks


def _hbox(ax: Axes, samples: list[np.ndarray], colors: Sequence[ColorType]) -> None:
    """Horizontal boxes, one per sample, top to bottom; the mean is a white diamond."""
    kept = [x if len(x) else np.array([np.nan]) for x in samples]
    parts = ax.boxplot(
        kept,
        positions=range(len(kept)),
        orientation="horizontal",
        whis=_WHISKERS,
        showfliers=False,
        showmeans=True,
        widths=0.6,
        patch_artist=True,
        meanprops={"marker": "D", "markerfacecolor": "white", "markeredgecolor": "black"},
        medianprops={"color": "black", "gid": "median"},
    )
    for box, color in zip(parts["boxes"], colors, strict=True):
        box.set_facecolor(color)
        box.set_alpha(0.75)


def plot_corpus_lengths(
    corpus_table: pd.DataFrame, sentences: pd.DataFrame, *, max_docs: int = 40
) -> Figure:
    """Words and sentences per article, truncated articles marked.

    Parameters
    ----------
    corpus_table : DataFrame
        :meth:`kzlib.corpus.Corpus.to_frame`.
    sentences : DataFrame
        :func:`kzlib.segment.sentences_frame`.
    max_docs : int, default 40
        Most articles drawn one bar each; a larger corpus gets histograms.

    Returns
    -------
    Figure
        Up to ``max_docs`` articles: two horizontal bar charts sharing the
        article axis, truncated articles hatched. More articles: a histogram of
        words and one of sentences per article (log x when the lengths spread
        over more than 20x), truncated articles stacked in their own colour,
        the median dashed; the title counts the articles and the truncated ones.

    Examples
    --------
    >>> from kzlib.corpus import load_corpus
    >>> from kzlib.segment import sentences_frame
    >>> c = load_corpus()
    >>> plot_corpus_lengths(c.to_frame(), sentences_frame(c)).axes[0].get_xlabel()
    'words (body)'
    >>> plot_corpus_lengths(c.to_frame(), sentences_frame(c), max_docs=2).get_suptitle()
    'Article lengths: aggregate of 4 articles (1 truncated)'
    """
    max_docs = _check_count("max_docs", max_docs)
    body = sentences[sentences["kind"] == "body"]
    n_sent = body.groupby("doc_id").size().reindex(corpus_table["doc_id"], fill_value=0)
    if len(corpus_table) > max_docs:
        return _corpus_lengths_aggregate(corpus_table, n_sent.to_numpy())
    return _corpus_lengths_per_article(corpus_table, n_sent)


def _corpus_lengths_per_article(corpus_table: pd.DataFrame, n_sent: pd.Series) -> Figure:
    height = max(2.0, 0.45 * len(corpus_table) + 1.0)
    fig = Figure(figsize=(9, height), layout="constrained")
    ax_w, ax_s = fig.subplots(1, 2, sharey=True)
    labels = [_short(d) for d in corpus_table["doc_id"]]
    hatches = ["//" if t else "" for t in corpus_table["truncated"]]
    for ax, values, xlabel in (
        (ax_w, corpus_table["n_words"].to_numpy(), "words (body)"),
        (ax_s, n_sent.to_numpy(), "sentences (body)"),
    ):
        bars = ax.barh(labels, values, color="#4C72B0")
        for bar, hatch in zip(bars, hatches, strict=True):
            bar.set_hatch(hatch)
            bar.set_edgecolor("white" if hatch else "#4C72B0")
        ax.set_xlabel(xlabel)
        ax.bar_label(bars, padding=2, fontsize=8)
        ax.spines[["top", "right"]].set_visible(False)
    ax_w.invert_yaxis()
    if any(corpus_table["truncated"]):
        ax_w.set_title("hatched: text is truncated", fontsize=9, loc="left")
    return fig


def _corpus_lengths_aggregate(corpus_table: pd.DataFrame, n_sent: np.ndarray) -> Figure:
    truncated = corpus_table["truncated"].to_numpy(dtype=bool)
    fig = Figure(figsize=(10, 3.6), layout="constrained")
    axes = fig.subplots(1, 2)
    for ax, values, xlabel in (
        (axes[0], corpus_table["n_words"].to_numpy(dtype=float), "words (body)"),
        (axes[1], n_sent.astype(float), "sentences (body)"),
    ):
        edges, log = _bin_edges(values)
        # stacked, so that a bar's full height still counts every article in the bin
        ax.hist(
            [values[~truncated], values[truncated]],
            bins=edges,
            stacked=True,
            color=["#4C72B0", "#DD8452"],
            label=["complete", "truncated"],
        )
        if log:
            ax.set_xscale("log")
            hidden = int((values <= 0).sum())
            if hidden:
                ax.set_title(f"{hidden:,} articles with 0 not drawn", fontsize=8, loc="right")
        _median_line(ax, values)
        ax.set_xlabel(xlabel + (", log scale" if log else ""))
        ax.set_ylabel("articles")
        _thousands(ax, "y")
        ax.spines[["top", "right"]].set_visible(False)
    if truncated.any():
        axes[0].legend(fontsize=8, frameon=False, loc="upper right")
    _aggregate_title(
        fig, "Article lengths", len(corpus_table), f"{int(truncated.sum()):,} truncated"
    )
    return fig


def plot_cleaning_audit(
    audit: pd.DataFrame, *, max_docs: int = 40, n_articles: int | None = None
) -> Figure:
    """How many edits of each kind cleaning made in each article.

    Parameters
    ----------
    audit : DataFrame
        :func:`kzlib.clean.audit_frame` (one row per edit).
    max_docs : int, default 40
        Most articles drawn one bar each; more get totals per kind of edit.
    n_articles : int, optional
        Articles in the corpus, edited or not: the denominator of the share of
        articles with an edit in the aggregate view (default: the articles in
        ``audit``, i.e. those with at least one edit).

    Returns
    -------
    Figure
        Up to ``max_docs`` edited articles: a stacked horizontal bar per
        article, one colour per edit kind. More: per kind, the total number of
        edits (left) and the share of articles with at least one (right).

    Examples
    --------
    >>> from kzlib.corpus import load_corpus
    >>> from kzlib.clean import audit_frame
    >>> fig = plot_cleaning_audit(audit_frame(load_corpus()))
    >>> fig.axes[0].get_xlabel()
    'edits'
    >>> plot_cleaning_audit(audit_frame(load_corpus()), max_docs=2).get_suptitle()
    'Cleaning edits: aggregate of 4 articles (those with any edit)'
    """
    max_docs = _check_count("max_docs", max_docs)
    counts = audit.pivot_table(index="doc_id", columns="kind", values="start", aggfunc="count")
    counts = counts.fillna(0).astype(int).sort_index()
    counts = counts[counts.sum().sort_values(ascending=False).index]
    if n_articles is not None:
        n_articles = _check_count("n_articles", n_articles)
    if len(counts) > max_docs:
        return _cleaning_audit_aggregate(counts, n_articles)
    return _cleaning_audit_per_article(counts)


def _cleaning_audit_per_article(counts: pd.DataFrame) -> Figure:
    height = max(2.0, 0.45 * len(counts) + 1.5)
    fig = Figure(figsize=(9, height), layout="constrained")
    ax = fig.subplots()
    left = pd.Series(0, index=counts.index)
    cmap = matplotlib.colormaps["tab20"]
    for i, kind in enumerate(counts.columns):
        ax.barh(
            [_short(d) for d in counts.index], counts[kind], left=left, label=kind, color=cmap(i)
        )
        left = left + counts[kind]
    ax.invert_yaxis()
    ax.set_xlabel("edits")
    ax.legend(ncols=4, fontsize=8, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def _cleaning_audit_aggregate(counts: pd.DataFrame, n_articles: int | None) -> Figure:
    n_docs = len(counts) if n_articles is None else max(n_articles, len(counts))
    kinds = list(counts.columns)
    totals = counts.sum().to_numpy()
    edited = (counts > 0).sum().to_numpy()
    cmap = matplotlib.colormaps["tab20"]
    colors = [cmap(i) for i in range(len(kinds))]  # the colours of the per-article view
    fig = Figure(figsize=(10, 0.34 * len(kinds) + 1.6), layout="constrained")
    ax_n, ax_share = fig.subplots(1, 2, sharey=True)
    bars = ax_n.barh(kinds, totals, color=colors)
    _label_bars(ax_n, bars, [f"{int(t):,}" for t in totals])
    ax_n.set_xlabel("edits, all articles")
    bars = ax_share.barh(kinds, 100.0 * edited / n_docs, color=colors)
    _label_bars(ax_share, bars, [f"{e / n_docs:.0%} ({int(e):,})" for e in edited])
    ax_share.set_xlabel("articles with at least one such edit (%)")
    ax_share.set_xticks(range(0, 101, 20))
    _thousands(ax_n)
    ax_n.invert_yaxis()
    for ax in (ax_n, ax_share):
        ax.tick_params(labelsize=8)
        ax.spines[["top", "right"]].set_visible(False)
    detail = "those with any edit" if n_articles is None else f"{len(counts):,} with any edit"
    _aggregate_title(fig, "Cleaning edits", n_docs, detail)
    return fig


# ---------------------------------------------------------------------------
# matrices (article x article, actor x actor): meant for a few dozen rows

#: A matrix figure never grows beyond this size (inches); below 14 rows it is not reached.
_MATRIX_MAX_SIZE = (16.0, 14.0)
#: Rows above which the cells are too small for numbers.
_MATRIX_ANNOTATED = 40
#: Rows above which the tick labels would overlap; the axis then says how many rows it has.
_MATRIX_NAMED = 80


def _matrix_size(width: float, height: float) -> tuple[float, float]:
    """Cap a matrix figure: hundreds of rows give a dense picture, not a poster."""
    return min(width, _MATRIX_MAX_SIZE[0]), min(height, _MATRIX_MAX_SIZE[1])


def _annotated_cells(values: np.ndarray) -> Iterator[tuple[tuple[int, ...], float]]:
    """The cells to write a number in: all of them, none past ``_MATRIX_ANNOTATED`` rows."""
    if len(values) > _MATRIX_ANNOTATED:
        return iter(())
    return ((index, float(value)) for index, value in np.ndenumerate(values))


def _cell_fontsize(n: int, size: float) -> float:
    """The cell numbers' font size: smaller once the capped figure squeezes the cells."""
    return size if n <= 20 else size - 2


def _matrix_ticks(
    ax: Axes, labels: list[str], what: str, *, rotation: float, fontsize: float = 8
) -> None:
    """Name every row and column, or, past ``_MATRIX_NAMED``, say how many there are."""
    n = len(labels)
    if n <= _MATRIX_NAMED:
        ax.set_xticks(range(n), labels, rotation=rotation, ha="right", fontsize=fontsize)
        ax.set_yticks(range(n), labels, fontsize=fontsize)
        return
    ax.set_xticks([])
    ax.set_yticks([])
    title = ax.get_title()
    note = f"{n:,} {what}: too many to name or annotate"
    ax.set_title(f"{title}\n{note}" if title else note, fontsize=9)


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
    max_docs = _check_count("max_docs", max_docs)
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
    ax.set_yticks(range(grid.shape[0]), [_short(d) for d in grid.index], fontsize=8)
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
    _hbox(ax_box, [shares[:, j] for j in range(len(order))], colors)
    # shares lie in [0, 1]; when every topic is small, zoom in rather than leave the panel empty
    ax_box.set_xlim(0, min(1.0, ax_box.get_xlim()[1]))
    ax_box.set_xlabel(
        "share of the article (by words)\nbox: quartiles, whiskers: 5th-95th pct, ◆ mean"
    )
    bars = ax_dom.barh(range(len(order)), dominant, color=colors)
    _label_bars(ax_dom, bars, [f"{d:,} ({d / len(shares):.0%})" for d in dominant])
    _thousands(ax_dom)
    ax_dom.set_xlabel("articles in which it is the largest topic")
    ax_box.set_yticks(range(len(order)), tick_names)
    ax_box.invert_yaxis()
    for ax in (ax_box, ax_dom):
        ax.tick_params(labelsize=8)
        ax.grid(axis="x", alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)
    _aggregate_title(fig, "Topics per article", len(shares))
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
    max_docs = _check_count("max_docs", max_docs)
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
            [_short(d) for d in counts.index], values, left=left, color=_CLAIM_COLOURS[t], label=t
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
    _label_bars(ax_type, bars, [f"{t:,} ({t / max(totals.sum(), 1):.0%})" for t in totals])
    ax_type.set_yticks(range(len(types)), types)
    ax_type.invert_yaxis()
    ax_type.set_xlabel("claims, all articles")
    _thousands(ax_type)
    per_doc = counts.sum(axis=1).to_numpy(dtype=float)
    edges, log = _bin_edges(per_doc)
    ax_doc.hist(per_doc, bins=edges, color="#4C72B0")
    if log:
        ax_doc.set_xscale("log")
    _median_line(ax_doc, per_doc)
    ax_doc.set_xlabel("claims per article" + (", log scale" if log else ""))
    ax_doc.set_ylabel("articles")
    _thousands(ax_doc, "y")
    scores = [
        claims.loc[claims["claim_type"] == t, "checkworthiness"].to_numpy(dtype=float)
        for t in types
    ]
    _hbox(ax_score, scores, colors)
    ax_score.set_yticks(range(len(types)), types)
    ax_score.invert_yaxis()
    ax_score.set_xlim(-0.01, 1.01)
    ax_score.set_xlabel("checkworthiness\nbox: quartiles, whiskers: 5th-95th\npercentiles, ◆ mean")
    for ax in (ax_type, ax_doc, ax_score):
        ax.tick_params(labelsize=8)
        ax.spines[["top", "right"]].set_visible(False)
    detail = f"{len(claims):,} claims; articles with at least one claim"
    _aggregate_title(fig, "Claims", len(counts), detail)
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
    fig = Figure(figsize=_matrix_size(0.9 * n + 3.5, 0.7 * n + 2.2), layout="constrained")
    ax = fig.subplots()
    top = max(float(values.max()) if values.size else 0.0, 1.0)
    image = ax.imshow(values, cmap="Purples", vmin=0.0, vmax=top)
    for (i, j), value in _annotated_cells(values):
        if i != j:
            ax.text(
                j,
                i,
                f"{int(value)}",
                ha="center",
                va="center",
                fontsize=_cell_fontsize(n, 9),
                color="white" if value > 0.6 * top else "black",
            )
    _matrix_ticks(ax, [_short(str(d)) for d in matrix.index], "articles", rotation=35)
    ax.set_xlabel("article")
    ax.set_ylabel("article")
    fig.colorbar(image, ax=ax, label="linked claims", shrink=0.8)
    return fig


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
    max_docs = _check_count("max_docs", max_docs)
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
    axes[0].set_yticks(range(len(docs)), [_short(d) for d in docs], fontsize=7)
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
    _aggregate_title(fig, "Rhetoric measures", n_docs, "histograms of per-article values")
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
    fig = Figure(figsize=_matrix_size(0.9 * n + 3.5, 0.7 * n + 2.2), layout="constrained")
    ax = fig.subplots()
    values = grid.to_numpy(dtype=float)
    image = ax.imshow(values, cmap="Greens", vmin=0.0, vmax=1.0)
    for (i, j), value in _annotated_cells(values):
        ax.text(
            j,
            i,
            f"{value:.2f}",
            ha="center",
            va="center",
            fontsize=_cell_fontsize(n, 8),
            color="white" if value > 0.6 else "black",
        )
    _matrix_ticks(ax, [_short(str(d)) for d in grid.index], "articles", rotation=35)
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
    max_docs = _check_count("max_docs", max_docs)
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
            label=_short(doc),
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
    _aggregate_title(fig, "Actor salience", int(rows["doc_id"].nunique()))
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
    fig = Figure(figsize=_matrix_size(0.55 * k + 3.2, 0.5 * k + 2.2), layout="constrained")
    ax = fig.subplots()
    vmax = max(float(np.nanmax(values)) if k > 1 else 1.0, 1.0)
    image = ax.imshow(values, cmap="Oranges", vmin=0.0, vmax=vmax)
    for (i, j), value in _annotated_cells(values):
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
    _matrix_ticks(ax, actors, "actors", rotation=45)
    fig.colorbar(image, ax=ax, label="sentences", shrink=0.8)
    return fig
