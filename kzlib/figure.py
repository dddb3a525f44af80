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


def short_label(doc_id: str, width: int = 14) -> str:
    return doc_id if len(doc_id) <= width else doc_id[: width - 1] + "\u2026"


# ---------------------------------------------------------------------------
# aggregate views (more articles than max_docs)

#: Box whiskers of the aggregate views: 5th and 95th percentiles, no outlier dots
#: (thousands of dots would hide the box and slow the rendering).
WHISKERS = (5.0, 95.0)



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


# ---------------------------------------------------------------------------
# alt text and captions: what a figure shows, for readers who cannot see it


def describe_figure(fig: Figure) -> str:
    """A one-line description of a figure from its own titles and axis labels.

    The suptitle first, then each axes' title, else its y and x labels; used as
    the image's alt text (and caption) when a notebook gives none.

    Parameters
    ----------
    fig : Figure
        A matplotlib figure.

    Returns
    -------
    str
        ``"Figure"`` followed by what its titles say; ``"Figure without a title"``
        when it has none.

    Examples
    --------
    >>> fig = Figure()
    >>> ax = fig.add_subplot()
    >>> _ = ax.set_title("Topic shares"); _ = ax.set_xlabel("share")
    >>> describe_figure(fig)
    'Figure: Topic shares'
    """
    parts: list[str] = []
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None and suptitle.get_text().strip():
        parts.append(suptitle.get_text().strip())
    for ax in fig.get_axes():
        title = " ".join(
            t for t in (ax.get_title(loc) for loc in ("left", "center", "right")) if t.strip()
        )
        if not title:
            labels = [ax.get_ylabel().strip(), ax.get_xlabel().strip()]
            title = " by ".join(label for label in labels if label)
        if title and title not in parts:
            parts.append(title)
    text = "; ".join(" ".join(part.split()) for part in parts[:6])
    return f"Figure: {text}" if text else "Figure without a title"


class Captioned:
    """A figure shown with a caption and an alt text (see :func:`captioned`).

    Attributes
    ----------
    figure : Figure
    caption : str
    alt : str

    Examples
    --------
    >>> c = Captioned(Figure(), "What it shows.", "A chart.")
    >>> c.alt, c.caption
    ('A chart.', 'What it shows.')
    """

    def __init__(self, figure: Figure, caption: str, alt: str) -> None:
        self.figure = figure
        self.caption = caption
        self.alt = alt

    def _repr_mimebundle_(
        self, include: object = None, exclude: object = None
    ) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
        """PNG (base64) and the caption as text; alt and caption in the PNG's metadata."""
        import base64
        import io

        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", bbox_inches="tight")
        png = base64.b64encode(buffer.getvalue()).decode("ascii")
        data = {"image/png": png, "text/plain": self.caption}
        return data, {"image/png": {"alt": self.alt, "caption": self.caption}}

    def __repr__(self) -> str:
        return f"Captioned({self.caption!r})"


def captioned(fig: Figure, caption: str, *, alt: str | None = None) -> Captioned:
    """Show ``fig`` with a caption under it and an alt text, in notebooks and the report.

    Return it as a cell's last value (or pass it to ``display``). The report's
    pages put the caption in a ``<figcaption>`` and the alt text on the image.

    Parameters
    ----------
    fig : Figure
        The figure.
    caption : str
        What the figure shows, one or two sentences.
    alt : str, optional
        Alt text for readers who cannot see the image (default: the caption).

    Returns
    -------
    Captioned
        An object IPython displays as the PNG with that metadata.

    Examples
    --------
    >>> fig = Figure(); _ = fig.add_subplot()
    >>> shown = captioned(fig, "Share of each topic per article.")
    >>> data, meta = shown._repr_mimebundle_()
    >>> meta["image/png"]["alt"], data["image/png"][:4]
    ('Share of each topic per article.', 'iVBO')
    """
    text = " ".join(str(caption).split())
    if not text:
        raise ValueError("captioned: give a caption that says what the figure shows")
    return Captioned(fig, text, " ".join(str(alt).split()) if alt else text)


def load_ipython_extension(ipython: object) -> None:
    """IPython extension: every displayed figure's PNG carries an alt text from its titles.

    The report starts its kernels with this extension (:mod:`kzlib.report.display`)
    so that a figure a notebook returns or shows without :func:`captioned` is still
    described (:func:`describe_figure`) in the PNG output's metadata.

    Examples
    --------
    >>> from IPython.core.interactiveshell import InteractiveShell
    >>> shell = InteractiveShell.instance()
    >>> load_ipython_extension(shell)
    >>> fig = Figure(); _ = fig.add_subplot().set_title("Lengths")
    >>> shell.display_formatter.format(fig)[1]["image/png"]["alt"]
    'Figure: Lengths'
    """
    formatters = ipython.display_formatter.formatters  # type: ignore[attr-defined]
    png = formatters["image/png"]
    try:
        draw = png.lookup_by_type(Figure)
    except KeyError:
        from IPython.core.pylabtools import print_figure

        def draw(fig: Figure) -> object:
            return print_figure(fig, "png", base64=True)  # type: ignore[no-untyped-call]

    if getattr(draw, "_kzlib_described", False):
        return

    def described(fig: Figure) -> object:
        data = draw(fig)
        if data is None or isinstance(data, tuple):
            return data
        return data, {"alt": describe_figure(fig)}

    described._kzlib_described = True  # type: ignore[attr-defined]
    png.for_type(Figure, described)
