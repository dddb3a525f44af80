"""Figures of the corpus stage: article lengths and what cleaning changed.

Examples
--------
>>> from kzlib.corpus import load_corpus, sentences_frame
>>> corpus = load_corpus()
>>> fig = plot_corpus_lengths(corpus.to_frame(), sentences_frame(corpus))
>>> len(fig.axes)
2
"""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from kzlib.checks import check_int
from kzlib.figure import (
    aggregate_title,
    bin_edges,
    label_bars,
    median_line,
    short_label,
    thousands,
)

__all__ = [
    "plot_cleaning_audit",
    "plot_corpus_lengths",
]


def plot_corpus_lengths(
    corpus_table: pd.DataFrame, sentences: pd.DataFrame, *, max_docs: int = 40
) -> Figure:
    """Words and sentences per article, truncated articles marked.

    Parameters
    ----------
    corpus_table : DataFrame
        :meth:`kzlib.corpus.Corpus.to_frame`.
    sentences : DataFrame
        :func:`kzlib.corpus.sentences_frame`.
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
    >>> from kzlib.corpus import sentences_frame
    >>> c = load_corpus()
    >>> plot_corpus_lengths(c.to_frame(), sentences_frame(c)).axes[0].get_xlabel()
    'words (body)'
    >>> plot_corpus_lengths(c.to_frame(), sentences_frame(c), max_docs=2).get_suptitle()
    'Article lengths: aggregate of 4 articles (1 truncated)'
    """
    max_docs = check_int("max_docs", max_docs)
    body = sentences[sentences["kind"] == "body"]
    n_sent = body.groupby("doc_id").size().reindex(corpus_table["doc_id"], fill_value=0)
    if len(corpus_table) > max_docs:
        return _corpus_lengths_aggregate(corpus_table, n_sent.to_numpy())
    return _corpus_lengths_per_article(corpus_table, n_sent)


def _corpus_lengths_per_article(corpus_table: pd.DataFrame, n_sent: pd.Series) -> Figure:
    height = max(2.0, 0.45 * len(corpus_table) + 1.0)
    fig = Figure(figsize=(9, height), layout="constrained")
    ax_w, ax_s = fig.subplots(1, 2, sharey=True)
    labels = [short_label(d) for d in corpus_table["doc_id"]]
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
        edges, log = bin_edges(values)
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
        median_line(ax, values)
        ax.set_xlabel(xlabel + (", log scale" if log else ""))
        ax.set_ylabel("articles")
        thousands(ax, "y")
        ax.spines[["top", "right"]].set_visible(False)
    if truncated.any():
        axes[0].legend(fontsize=8, frameon=False, loc="upper right")
    aggregate_title(
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
        :func:`kzlib.corpus.audit_frame` (one row per edit).
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
    >>> from kzlib.corpus import audit_frame
    >>> fig = plot_cleaning_audit(audit_frame(load_corpus()))
    >>> fig.axes[0].get_xlabel()
    'edits'
    >>> plot_cleaning_audit(audit_frame(load_corpus()), max_docs=2).get_suptitle()
    'Cleaning edits: aggregate of 4 articles (those with any edit)'
    """
    max_docs = check_int("max_docs", max_docs)
    counts = audit.pivot_table(index="doc_id", columns="kind", values="start", aggfunc="count")
    counts = counts.fillna(0).astype(int).sort_index()
    counts = counts[counts.sum().sort_values(ascending=False).index]
    if n_articles is not None:
        n_articles = check_int("n_articles", n_articles)
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
            [short_label(d) for d in counts.index],
            counts[kind],
            left=left,
            label=kind,
            color=cmap(i),
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
    label_bars(ax_n, bars, [f"{int(t):,}" for t in totals])
    ax_n.set_xlabel("edits, all articles")
    bars = ax_share.barh(kinds, 100.0 * edited / n_docs, color=colors)
    label_bars(ax_share, bars, [f"{e / n_docs:.0%} ({int(e):,})" for e in edited])
    ax_share.set_xlabel("articles with at least one such edit (%)")
    ax_share.set_xticks(range(0, 101, 20))
    thousands(ax_n)
    ax_n.invert_yaxis()
    for ax in (ax_n, ax_share):
        ax.tick_params(labelsize=8)
        ax.spines[["top", "right"]].set_visible(False)
    detail = "those with any edit" if n_articles is None else f"{len(counts):,} with any edit"
    aggregate_title(fig, "Cleaning edits", n_docs, detail)
    return fig


