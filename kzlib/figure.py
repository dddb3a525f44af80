"""What every kzlib figure shares: conventions and drawing helpers.

The figures themselves live with their analysis (``kzlib.corpus.plots``,
``kzlib.topics.plots``, ``kzlib.rhetoric.plots``, ``kzlib.claims.plots``).

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
>>> short_label("000_844f52fa49c433e9")
'000_844f52fa4\u2026'
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, StrMethodFormatter
from matplotlib.typing import ColorType

from kzlib.checks import check_int


def short_label(doc_id: str, width: int = 14) -> str:
    return doc_id if len(doc_id) <= width else doc_id[: width - 1] + "\u2026"


# ---------------------------------------------------------------------------
# aggregate views (more articles than max_docs)

#: Box whiskers of the aggregate views: 5th and 95th percentiles, no outlier dots
#: (thousands of dots would hide the box and slow the rendering).
WHISKERS = (5.0, 95.0)


def check_count(name: str, value: object) -> int:
    """:func:`kzlib.checks.check_int` with ``minimum=1``; use that (this name is for old callers).

    Examples
    --------
    >>> check_count("max_docs", 40)
    40
    """
    return check_int(name, value)


def aggregate_title(fig: Figure, what: str, n_docs: int, detail: str = "") -> None:
    """Say in the title that the figure aggregates ``n_docs`` articles, not one row per article."""
    text = f"{what}: aggregate of {n_docs:,} articles"
    fig.suptitle(text + (f" ({detail})" if detail else ""), fontsize=10)


def bin_edges(values: np.ndarray, *, bins: int = 30) -> tuple[np.ndarray, bool]:
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


def median_line(ax: Axes, values: np.ndarray) -> None:
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


def label_bars(ax: Axes, bars: BarContainer, texts: list[str]) -> None:
    """Write ``texts`` at the end of horizontal bars, with room for them on the right."""
    ax.bar_label(bars, texts, padding=3, fontsize=8)
    low, high = ax.get_xlim()
    ax.set_xlim(low, high + 0.25 * (high - low))


def thousands(ax: Axes, axis: str = "x") -> None:
    """Counts in the tens of thousands read better as 250,000 than as 250000."""
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    target.set_major_locator(MaxNLocator(4, integer=True))  # long labels: few ticks


def hbox(ax: Axes, samples: list[np.ndarray], colors: Sequence[ColorType]) -> None:
    """Horizontal boxes, one per sample, top to bottom; the mean is a white diamond."""
    kept = [x if len(x) else np.array([np.nan]) for x in samples]
    parts = ax.boxplot(
        kept,
        positions=range(len(kept)),
        orientation="horizontal",
        whis=WHISKERS,
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


# ---------------------------------------------------------------------------
# matrices (article x article, actor x actor): meant for a few dozen rows

#: A matrix figure never grows beyond this size (inches); below 14 rows it is not reached.
MATRIX_MAX_SIZE = (16.0, 14.0)
#: Rows above which the cells are too small for numbers.
MATRIX_ANNOTATED = 40
#: Rows above which the tick labels would overlap; the axis then says how many rows it has.
MATRIX_NAMED = 80


def matrix_size(width: float, height: float) -> tuple[float, float]:
    """Cap a matrix figure: hundreds of rows give a dense picture, not a poster."""
    return min(width, MATRIX_MAX_SIZE[0]), min(height, MATRIX_MAX_SIZE[1])


def annotated_cells(values: np.ndarray) -> Iterator[tuple[tuple[int, ...], float]]:
    """The cells to write a number in: all of them, none past ``MATRIX_ANNOTATED`` rows."""
    if len(values) > MATRIX_ANNOTATED:
        return iter(())
    return ((index, float(value)) for index, value in np.ndenumerate(values))


def cell_fontsize(n: int, size: float) -> float:
    """The cell numbers' font size: smaller once the capped figure squeezes the cells."""
    return size if n <= 20 else size - 2


def matrix_ticks(
    ax: Axes, labels: list[str], what: str, *, rotation: float, fontsize: float = 8
) -> None:
    """Name every row and column, or, past ``MATRIX_NAMED``, say how many there are."""
    n = len(labels)
    if n <= MATRIX_NAMED:
        ax.set_xticks(range(n), labels, rotation=rotation, ha="right", fontsize=fontsize)
        ax.set_yticks(range(n), labels, fontsize=fontsize)
        return
    ax.set_xticks([])
    ax.set_yticks([])
    title = ax.get_title()
    note = f"{n:,} {what}: too many to name or annotate"
    ax.set_title(f"{title}\n{note}" if title else note, fontsize=9)

