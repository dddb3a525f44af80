"""Figures for the notebooks and reports.

Every function takes the tables the analyses return and gives back a
matplotlib :class:`~matplotlib.figure.Figure`; none calls ``plt.show()`` or
writes files, so the same figure can be shown in JupyterLab, embedded in an
HTML report or saved by the caller. Functions are named ``plot_<analysis>_<what>``.

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

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

__all__ = ["plot_cleaning_audit", "plot_corpus_lengths"]


def _short(doc_id: str, width: int = 14) -> str:
    return doc_id if len(doc_id) <= width else doc_id[: width - 1] + "\u2026"


def plot_corpus_lengths(corpus_table: pd.DataFrame, sentences: pd.DataFrame) -> Figure:
    """Words and sentences per article, truncated articles hatched.

    Parameters
    ----------
    corpus_table : DataFrame
        :meth:`kzlib.corpus.Corpus.to_frame`.
    sentences : DataFrame
        :func:`kzlib.segment.sentences_frame`.

    Returns
    -------
    Figure
        Two horizontal bar charts sharing the article axis.

    Examples
    --------
    >>> from kzlib.corpus import load_corpus
    >>> from kzlib.segment import sentences_frame
    >>> c = load_corpus()
    >>> plot_corpus_lengths(c.to_frame(), sentences_frame(c)).axes[0].get_xlabel()
    'words (body)'
    """
    body = sentences[sentences["kind"] == "body"]
    n_sent = body.groupby("doc_id").size().reindex(corpus_table["doc_id"], fill_value=0)
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


def plot_cleaning_audit(audit: pd.DataFrame) -> Figure:
    """How many edits of each kind cleaning made in each article.

    Parameters
    ----------
    audit : DataFrame
        :func:`kzlib.clean.audit_frame` (one row per edit).

    Returns
    -------
    Figure
        A stacked horizontal bar per article, one colour per edit kind.

    Examples
    --------
    >>> from kzlib.corpus import load_corpus
    >>> from kzlib.clean import audit_frame
    >>> fig = plot_cleaning_audit(audit_frame(load_corpus()))
    >>> fig.axes[0].get_xlabel()
    'edits'
    """
    counts = audit.pivot_table(index="doc_id", columns="kind", values="start", aggfunc="count")
    counts = counts.fillna(0).astype(int).sort_index()
    counts = counts[counts.sum().sort_values(ascending=False).index]
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
