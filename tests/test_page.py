"""Tests for kzlib.report.page and the page template: what a reader of a notebook page gets.

Pages are rendered here from small notebooks built in memory; the pages of a real
report on the seeds are checked in tests/test_report_pages.py.
"""

from __future__ import annotations

import base64
import io
from typing import Any

import nbformat
import pytest
from bs4 import BeautifulSoup
from matplotlib.figure import Figure

from kzlib.figure import captioned, describe_figure, load_ipython_extension
from kzlib.report.html import NotebookRenderer
from kzlib.report.page import NOT_A_DESCRIPTION, SORTABLE_ROWS, reader_paths, replace_paths


def _png() -> str:
    fig = Figure(figsize=(1, 1))
    fig.add_subplot().plot([0, 1])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode()


def _table_html(rows: int) -> str:
    import pandas as pd

    frame = pd.DataFrame(
        {
            "title": [f"A long title number {i} about Kazakhstan" for i in range(rows)],
            "words": [1272.0 + i for i in range(rows)],
            "share": [0.25 * i for i in range(rows)],
            "author": [None if i % 2 else "Someone" for i in range(rows)],
            "score": [float("nan") if i == 0 else 1.5 for i in range(rows)],
        }
    )
    return str(frame.to_html(float_format="%.2f"))


def _notebook(*, rows: int = 8, metadata: dict[str, Any] | None = None) -> Any:
    code = nbformat.v4.new_code_cell("frame  # the-code", execution_count=1)
    code.outputs = [
        nbformat.v4.new_output(
            "execute_result",
            data={"text/html": _table_html(rows), "text/plain": "frame"},
            execution_count=1,
        )
    ]
    plot = nbformat.v4.new_code_cell("fig", execution_count=2)
    plot.outputs = [
        nbformat.v4.new_output("display_data", data={"image/png": _png()}, metadata=metadata or {})
    ]
    cells = [
        nbformat.v4.new_markdown_cell("# The page\n\nIntro."),
        nbformat.v4.new_markdown_cell("## First section"),
        code,
        nbformat.v4.new_markdown_cell("### Lengths of articles"),
        plot,
    ]
    return nbformat.v4.new_notebook(cells=cells)


@pytest.fixture(scope="module")
def renderer() -> NotebookRenderer:
    return NotebookRenderer()


def _soup(page: str) -> BeautifulSoup:
    return BeautifulSoup(page, "html.parser")


def test_code_is_folded_behind_a_toggle_and_kept(renderer: NotebookRenderer) -> None:
    soup = _soup(renderer.render(_notebook(), title="t"))
    folded = soup.select("details.kz-code")
    assert len(folded) == 2 and all(not d.has_attr("open") for d in folded)
    assert "the-code" in folded[0].get_text()
    assert soup.find("button", id="kz-code-toggle") is not None
    bare = _soup(NotebookRenderer(no_input=True).render(_notebook(), title="t"))
    assert bare.select("details.kz-code") == [] and "the-code" not in str(bare)


def test_bar_links_index_tables_and_contents(renderer: NotebookRenderer) -> None:
    page = renderer.render(_notebook(), title="01_x", tables=["tables/a.csv", "tables/b.csv"])
    bar = _soup(page).find("nav", class_="kz-bar")
    assert bar is not None
    hrefs = [a["href"] for a in bar.find_all("a")]
    assert hrefs[0] == "../index.html"
    assert "../tables/a.csv" in hrefs and "../tables/b.csv" in hrefs
    toc = [a.get_text() for a in bar.select(".kz-toc a")]
    assert toc == ["First section", "Lengths of articles"]  # the page's h1 is its title
    for href in (h for h in hrefs if h.startswith("#")):
        assert _soup(page).find(id=href[1:]) is not None


def test_page_without_tables_says_so(renderer: NotebookRenderer) -> None:
    bar = _soup(renderer.render(_notebook(), title="t")).find("nav", class_="kz-bar")
    assert bar is not None and "none" in bar.get_text()


def test_tables_are_tidied_and_sortable(renderer: NotebookRenderer) -> None:
    soup = _soup(renderer.render(_notebook(rows=SORTABLE_ROWS + 3), title="t"))
    table = soup.find("table", class_="kz-table")
    assert table is not None
    cells = [td.get_text() for td in table.find_all("td")]
    assert not {"None", "NaN", "nan"} & set(cells)
    assert "\u2014" in cells
    words = [tr.find_all("td")[1].get_text() for tr in table.tbody.find_all("tr")]
    assert words[:2] == ["1272", "1273"]  # whole numbers without .00
    shares = [tr.find_all("td")[2].get_text() for tr in table.tbody.find_all("tr")]
    assert shares[:2] == ["0.00", "0.25"]  # a column with fractions keeps its decimals
    first = table.tbody.find("tr").find_all("td")
    assert "kz-num" in first[1]["class"] and "kz-num" not in first[0].get("class", [])
    assert table.has_attr("data-kz-sort") and table["data-kz-rows"] == str(SORTABLE_ROWS + 3)
    assert len(table.thead.find_all("tr")[-1].select("[data-kz-col]")) == 6
    assert table.find_previous("input", attrs={"type": "search"}) is not None
    script = soup.find_all("script")[-1].get_text()
    assert "sortBy" in script and "src" not in soup.find_all("script")[-1].attrs


def test_short_tables_do_not_sort(renderer: NotebookRenderer) -> None:
    soup = _soup(renderer.render(_notebook(rows=3), title="t"))
    table = soup.find("table", class_="kz-table")
    assert table is not None and not table.has_attr("data-kz-sort")
    assert soup.find("input", attrs={"type": "search"}) is None


def test_transposed_measures_lose_decimals_by_row() -> None:
    from kzlib.report.page import tidy_table

    soup = _soup(
        "<table><thead><tr><th></th><th>a</th><th>b</th><th>c</th></tr></thead><tbody>"
        "<tr><th>words</th><td>1272.00</td><td>490.00</td><td>786.00</td></tr>"
        "<tr><th>sentences</th><td>72.00</td><td>22.00</td><td>33.00</td></tr>"
        "<tr><th>rate</th><td>0.79</td><td>6.00</td><td>5.09</td></tr>"
        "<tr><th>share</th><td>0.00</td><td>0.00</td><td>0.00</td></tr></tbody></table>"
    )
    tidy_table(soup.table)
    cells = [td.get_text() for td in soup.find_all("td")]
    assert cells[:9] == ["1272", "490", "786", "72", "22", "33", "0.79", "6.00", "5.09"]
    assert cells[9:] == ["0.00"] * 3  # zeros alone do not make a line of counts


def test_figure_without_description_gets_alt_and_caption(renderer: NotebookRenderer) -> None:
    soup = _soup(renderer.render(_notebook(), title="t"))
    img = soup.find("img")
    assert img is not None and img["alt"] != NOT_A_DESCRIPTION
    assert "Lengths of articles" in img["alt"]  # the section it is in
    caption = img.find_parent("figure").find("figcaption")
    assert caption.get_text() == img["alt"]


def test_figure_titles_from_the_kernel_reach_alt_text(renderer: NotebookRenderer) -> None:
    nb = _notebook(metadata={"image/png": {"alt": "Figure: words per article"}})
    img = _soup(renderer.render(nb, title="t")).find("img")
    assert img is not None and "words per article" in img["alt"]


def test_captioned_figure_keeps_its_caption_and_alt(renderer: NotebookRenderer) -> None:
    fig = Figure()
    fig.add_subplot().set_title("Shares")
    data, meta = captioned(
        fig, "Share of each topic.", alt="Bars: topic shares."
    )._repr_mimebundle_()
    code = nbformat.v4.new_code_cell("x", execution_count=1)
    code.outputs = [nbformat.v4.new_output("display_data", data=data, metadata=meta)]
    nb = nbformat.v4.new_notebook(cells=[code])
    img = _soup(renderer.render(nb, title="t")).find("img")
    assert img is not None and img["alt"] == "Bars: topic shares."
    assert img.find_parent("figure").figcaption.get_text() == "Share of each topic."
    assert not img.has_attr("data-caption")


def test_captioned_needs_a_caption() -> None:
    with pytest.raises(ValueError, match="caption"):
        captioned(Figure(), "  ")


def test_describe_figure_uses_suptitle_titles_and_labels() -> None:
    fig = Figure()
    fig.suptitle("Article lengths")
    left, right = fig.subplots(1, 2)
    left.set_title("words")
    right.set_xlabel("sentences")
    assert describe_figure(fig) == "Figure: Article lengths; words; sentences"
    assert describe_figure(Figure()) == "Figure without a title"


def test_extension_describes_figures_once() -> None:
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    load_ipython_extension(shell)
    load_ipython_extension(shell)  # loading twice does not wrap twice
    fig = Figure()
    fig.add_subplot().set_title("Topics")
    data, meta = shell.display_formatter.format(fig)
    assert data["image/png"] and meta["image/png"] == {"alt": "Figure: Topics"}


def test_paths_are_shown_relative() -> None:
    paths = reader_paths(
        report="/tmp/out",
        build=["/tmp/.out.building-1"],
        corpus="/home/u/proj/seeds",
        corpus_name="seeds",
        root="/home/u/proj",
    )
    text = (
        'corpus = "/home/u/proj/seeds"\ntables_dir = "/tmp/.out.building-1/tables"\n'
        "see /tmp/out/tables/a.csv and /home/u/proj/kzlib/x.py; /tmp/outside stays"
    )
    shown = replace_paths(text, paths)
    assert 'corpus = "seeds"' in shown and 'tables_dir = "tables"' in shown
    assert "see tables/a.csv and kzlib/x.py" in shown and "/tmp/outside" in shown


def test_page_paths_are_replaced(renderer: NotebookRenderer) -> None:
    cell = nbformat.v4.new_code_cell('tables_dir = "/tmp/r/tables"', execution_count=1)
    cell.outputs = [nbformat.v4.new_output("stream", text="tables written to /tmp/r/tables\n")]
    page = renderer.render(nbformat.v4.new_notebook(cells=[cell]), title="t", paths={"/tmp/r": "."})
    assert "/tmp/r" not in page and "tables written to tables" in page
