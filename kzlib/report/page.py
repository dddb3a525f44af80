"""A rendered notebook made readable: navigation, readable tables, described figures.

nbconvert gives a faithful dump of a notebook. :func:`finish_page` turns it into
a page a reader can find their way around, without changing the notebook:

* a bar at the top with a link back to ``index.html``, links to the CSV tables
  the notebook wrote, and a table of contents built from its Markdown headings;
* code cells folded behind a ``<details>`` toggle (the template does that; a
  button here opens or closes them all);
* tables (pandas' ``<table class="dataframe">`` and the claims tables): text
  left-aligned and wrapped, numbers right-aligned, whole numbers without
  ``.00``, missing values (``None``, ``NaN``, ``<NA>``) as an em dash; tables of
  more than :data:`SORTABLE_ROWS` rows sort when a header is clicked and filter
  through a text box, by a small inline script (the page reads the same with
  scripts off);
* every image has an alt text and a caption: the ones a notebook gave
  (:func:`kzlib.figure.captioned`, or the figure's titles recorded by the
  report's kernels, see :func:`kzlib.figure.load_ipython_extension`), else the
  closest heading above the figure;
* machine paths replaced by what a reader needs (:func:`reader_paths`): the
  report folder and the temporary build folder as paths relative to the
  report, the project's root as paths relative to it.

Examples
--------
>>> page = finish_page("<html><body><main><h1 id='T'>T</h1></main></body></html>",
...                    title="t", tables=["tables/a.csv"])
>>> 'href="../index.html"' in page, 'href="../tables/a.csv"' in page
(True, True)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "NOT_A_DESCRIPTION",
    "SORTABLE_ROWS",
    "finish_page",
    "reader_paths",
    "replace_paths",
    "tidy_table",
]

#: nbconvert's alt text for images without one: not a description.
NOT_A_DESCRIPTION = "No description has been provided for this image"
#: Tables with more body rows than this get sorting and a filter box.
SORTABLE_ROWS = 5
_MISSING = {"", "None", "NaN", "nan", "<NA>", "NaT", "null"}
_DASH = "\u2014"
#: Text cells longer than this (characters) keep a readable width and wrap.
_LONG_TEXT = 40
_NUMBER = re.compile(r"^[-+\u2212]?(\d[\d,]*)?(\.\d+)?([eE][-+]?\d+)?%?$")
_WHOLE = re.compile(r"^([-+\u2212]?\d[\d,]*)\.0+$")

_CSS = """
.kz-bar { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  font-size: .9rem; background: #f6f8fa; border-bottom: 1px solid #d1d9e0;
  padding: .5rem 1rem; margin: 0 0 1rem 0; line-height: 1.5; }
.kz-bar a { color: #0969da; } .kz-bar .kz-label { color: #59636e; }
.kz-bar ul { margin: .2rem 0 0 0; padding-left: 1.2rem; }
.kz-bar details { margin: .2rem 0; } .kz-bar summary { cursor: pointer; }
details.kz-code > summary { cursor: pointer; color: #59636e; font-size: .8rem;
  font-family: ui-monospace, SFMono-Regular, Menlo, monospace; padding: .1rem 0; }
table.kz-table { border-collapse: collapse; max-width: 100%; }
.jp-RenderedHTMLCommon table.kz-table td, .jp-RenderedHTMLCommon table.kz-table th,
table.kz-table td, table.kz-table th { text-align: left; vertical-align: top;
  white-space: normal; overflow-wrap: break-word; max-width: 40rem; }
.jp-RenderedHTMLCommon table.kz-table td.kz-num, .jp-RenderedHTMLCommon table.kz-table th.kz-num,
table.kz-table td.kz-num, table.kz-table th.kz-num { text-align: right;
  font-variant-numeric: tabular-nums; white-space: nowrap; }
table.kz-table td.kz-missing { color: #8c959f; text-align: center; }
table.kz-table td.kz-long { min-width: 14rem; }
table.kz-table th[data-kz-col] { cursor: pointer; }
table.kz-table th[aria-sort="ascending"]::after { content: " \\25B2"; font-size: .7em; }
table.kz-table th[aria-sort="descending"]::after { content: " \\25BC"; font-size: .7em; }
.kz-filter { font-size: .85rem; margin: .4rem 0; display: none; }
.kz-js .kz-filter { display: block; }
.kz-filter input { font-size: .85rem; padding: .15rem .3rem; width: 16rem; max-width: 70vw; }
.kz-wide { overflow-x: auto; max-width: 100%; }
figure.kz-figure { margin: .5rem 0; } figure.kz-figure img { max-width: 100%; height: auto; }
figure.kz-figure figcaption { font-size: .85rem; color: #424a53; margin-top: .3rem;
  max-width: 60rem; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
"""

# Sorting and filtering: progressive enhancement only (the page is complete without it).
_SCRIPT = """
(function () {
  document.documentElement.className += " kz-js";
  function text(cell) { return cell ? cell.textContent.trim() : ""; }
  // missing, and pandas' "..." row of a truncated table, sort last
  function empty(s) { return s === "" || s === "\\u2014" || s === "..." || s === "\\u2026"; }
  function num(s) {
    var v = s.replace(/,/g, "").replace(/\\u2212/g, "-").replace(/%$/, "");
    return /^[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?$/.test(v) ? parseFloat(v) : NaN;
  }
  function sortBy(table, col, th) {
    var body = table.tBodies[0];
    var down = th.getAttribute("aria-sort") === "ascending";
    table.querySelectorAll("th[aria-sort]").forEach(function (h) {
      h.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", down ? "descending" : "ascending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = text(a.cells[col]), y = text(b.cells[col]);
      var ex = empty(x), ey = empty(y);
      if (ex || ey) { return ex === ey ? 0 : (ex ? 1 : -1); }
      var nx = num(x), ny = num(y), r;
      r = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return down ? -r : r;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  document.querySelectorAll("table.kz-table[data-kz-rows]").forEach(function (table) {
    if (table.hasAttribute("data-kz-sort")) {
      table.querySelectorAll("th[data-kz-col]").forEach(function (th) {
        th.setAttribute("tabindex", "0");
        th.title = "sort by this column";
        var col = parseInt(th.getAttribute("data-kz-col"), 10);
        th.addEventListener("click", function () { sortBy(table, col, th); });
        th.addEventListener("keydown", function (e) {
          if (e.key === "Enter") { sortBy(table, col, th); }
        });
      });
    }
    var box = table.parentNode.querySelector(".kz-filter input");
    var count = table.parentNode.querySelector(".kz-filter .kz-count");
    if (!box) { return; }
    box.addEventListener("input", function () {
      var q = box.value.toLowerCase(), shown = 0, rows = table.tBodies[0].rows;
      for (var i = 0; i < rows.length; i++) {
        var hit = rows[i].textContent.toLowerCase().indexOf(q) !== -1;
        rows[i].style.display = hit ? "" : "none";
        if (hit) { shown++; }
      }
      count.textContent = q ? shown + " of " + rows.length + " rows" : "";
    });
  });
  var toggle = document.getElementById("kz-code-toggle");
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var codes = document.querySelectorAll("details.kz-code");
      var open = toggle.getAttribute("aria-pressed") !== "true";
      codes.forEach(function (d) { d.open = open; });
      toggle.setAttribute("aria-pressed", open ? "true" : "false");
      toggle.textContent = open ? "Hide all code" : "Show all code";
    });
  }
})();
"""


def reader_paths(
    *,
    report: str,
    build: Sequence[str] = (),
    corpus: str = "",
    corpus_name: str = "",
    root: str = "",
) -> dict[str, str]:
    """Replacements that turn machine paths into what a reader of the report needs.

    Parameters
    ----------
    report : str
        The report folder (absolute): shown as ``.``, its tables as ``tables``.
    build : sequence of str
        Build folders (absolute) that became the report folder: shown like it.
    corpus, corpus_name : str
        The corpus folder (absolute) and how to show it.
    root : str
        The project's root (absolute): paths under it are shown relative to it.

    Returns
    -------
    dict
        Absolute path to its replacement, longest first.

    Examples
    --------
    >>> reader_paths(report="/tmp/r", corpus="/p/seeds", corpus_name="seeds", root="/p")
    {'/p/seeds': 'seeds', '/tmp/r': '.', '/p': '.'}
    """
    pairs: dict[str, str] = {}
    if corpus and corpus_name:
        pairs[corpus] = corpus_name
    for folder in (*build, report):
        if folder:
            pairs[folder] = "."
    if root:
        pairs.setdefault(root, ".")
    return dict(sorted(pairs.items(), key=lambda item: -len(item[0])))


def replace_paths(text: str, paths: Mapping[str, str]) -> str:
    """Replace each path of ``paths`` (and the paths under it) in ``text``.

    Examples
    --------
    >>> replace_paths("in /tmp/r/tables and /tmp/r.", {"/tmp/r": "."})
    'in tables and ..'
    """
    for path, shown in paths.items():
        if not path or path in {"/", "."}:
            continue
        # "<path>/x" becomes "x" (or "<shown>/x"); "<path>" alone becomes "<shown>"
        sub = re.escape(path)
        inner = "" if shown == "." else shown + "/"
        text = re.sub(sub + r"/(?=[\w.-])", inner.replace("\\", "\\\\"), text)
        text = re.sub(sub + r"(?![\w-]|\.\w)", shown.replace("\\", "\\\\"), text)
    return text


def _cell_kind(value: str) -> str:
    if value in _MISSING:
        return "missing"
    return "num" if _NUMBER.match(value) and any(c.isdigit() for c in value) else "text"


def tidy_table(table: Any) -> int:
    """Tidy one BeautifulSoup ``<table>`` in place; return its number of body rows.

    Missing values become an em dash; numbers lose their ``.00`` when every
    number of their column is whole (or, in a table with rows of measures and
    no such column, every number of their row); numbers are marked
    right-aligned, text left-aligned (CSS).

    Examples
    --------
    >>> from bs4 import BeautifulSoup
    >>> soup = BeautifulSoup("<table><thead><tr><th>n</th><th>t</th></tr></thead>"
    ...     "<tbody><tr><td>1272.00</td><td>None</td></tr>"
    ...     "<tr><td>3.00</td><td>a</td></tr></tbody></table>", "html.parser")
    >>> tidy_table(soup.table)
    2
    >>> [td.get_text() for td in soup.find_all("td")]
    ['1272', '\u2014', '3', 'a']
    """
    body = table.find("tbody") or table
    rows = [
        [*tr.find_all(["td", "th"], recursive=False)] for tr in body.find_all("tr", recursive=False)
    ]
    kinds: dict[int, str] = {}
    for cells in rows:
        for cell in cells:
            kind = _cell_kind(cell.get_text().strip()) if not cell.find(True) else "text"
            kinds[id(cell)] = kind
            if kind == "missing" and cell.name == "td":
                cell.string = _DASH
                cell["class"] = [*cell.get("class", []), "kz-missing"]
            elif kind == "text" and len(cell.get_text()) > _LONG_TEXT:
                cell["class"] = [*cell.get("class", []), "kz-long"]  # wraps, not squeezed
    columns: dict[int, list[Any]] = {}
    for cells in rows:
        for i, cell in enumerate(cells):
            columns.setdefault(i, []).append(cell)

    def numbers(cells: list[Any]) -> list[str]:
        return [c.get_text().strip() for c in cells if kinds[id(c)] == "num" and c.name == "td"]

    def whole(cells: list[Any]) -> bool:
        # all whole, and not all zero: a line of 0.00 rates is not a line of counts
        values = numbers(cells)
        nonzero = any(v.strip("-+\u22120.,%") for v in values)
        return nonzero and all(_WHOLE.match(v) or "." not in v for v in values)

    def uniform(lines: list[list[Any]]) -> float:
        # share of lines (with 2+ numbers) whose numbers are all whole or all fractional
        seen = [numbers(cells) for cells in lines if len(numbers(cells)) > 1]
        if not seen:
            return 0.0
        same = [
            len({bool(_WHOLE.match(v) or "." not in v) for v in values}) == 1 for values in seen
        ]
        return sum(same) / len(seen)

    by_row = uniform(rows) > uniform(list(columns.values()))  # measures in rows, not columns
    lines = rows if by_row else list(columns.values())
    strip = {id(c) for cells in lines if whole(cells) for c in cells}
    numeric_columns = set()
    for i, cells in columns.items():
        for cell in cells:
            if kinds[id(cell)] != "num" or cell.name != "td":
                continue
            numeric_columns.add(i)
            match = _WHOLE.match(cell.get_text().strip()) if id(cell) in strip else None
            if match:
                cell.string = match.group(1)
            cell["class"] = [*cell.get("class", []), "kz-num"]
    head = table.find("thead")
    for tr in head.find_all("tr") if head is not None else []:
        for i, th in enumerate(tr.find_all(["th", "td"], recursive=False)):
            if i in numeric_columns and not th.get("colspan"):
                th["class"] = [*th.get("class", []), "kz-num"]
    return len(rows)


def _enhance_table(soup: Any, table: Any, *, number: int) -> None:
    n_rows = tidy_table(table)
    table["class"] = [*table.get("class", []), "kz-table"]
    if table.get("border") == "1":
        del table["border"]
    table.wrap(soup.new_tag("div", attrs={"class": "kz-wide"}))  # scrolls, not the page
    if n_rows <= SORTABLE_ROWS or table.find("tbody") is None:
        return
    table["data-kz-rows"] = str(n_rows)
    spans = table.tbody.find(attrs={"rowspan": True}) or table.tbody.find(attrs={"colspan": True})
    own_sorting = "kz-sortable" in table.get("class", [])  # the claims tables sort themselves
    header = table.thead.find_all("tr")[-1] if table.thead else None
    if header is not None and spans is None and not own_sorting:
        table["data-kz-sort"] = ""
        for i, th in enumerate(header.find_all(["th", "td"], recursive=False)):
            th["data-kz-col"] = str(i)
    box = soup.new_tag("div", attrs={"class": "kz-filter"})
    label = soup.new_tag("label")
    label.append(f"Filter the {n_rows} rows: ")
    label.append(soup.new_tag("input", attrs={"type": "search", "id": f"kz-filter-{number}"}))
    box.append(label)
    box.append(" ")
    box.append(soup.new_tag("span", attrs={"class": "kz-count", "aria-live": "polite"}))
    table.insert_before(box)


def _heading_before(img: Any) -> str:
    heading = img.find_previous(["h1", "h2", "h3", "h4"])
    if heading is None:
        return ""
    return " ".join(heading.get_text(" ").replace("\u00b6", "").split())


def _describe_images(soup: Any) -> None:
    for img in soup.find_all("img"):
        alt = " ".join(str(img.get("alt", "")).split())
        caption = " ".join(str(img.get("data-caption", "")).split())
        if not caption:  # no caption from the notebook: the section and the figure's titles
            heading = _heading_before(img)
            titles = "" if alt == NOT_A_DESCRIPTION else alt.removeprefix("Figure: ")
            titles = "" if titles == "Figure without a title" else titles
            what = " \u2014 ".join(part for part in (heading, titles) if part)
            if not alt or alt == NOT_A_DESCRIPTION or heading:
                alt = f"Figure: {what}" if what else "Figure"
            caption = alt
        img["alt"] = alt
        if img.has_attr("data-caption"):
            del img["data-caption"]
        if img.find_parent("figure") is not None:
            continue
        figure = soup.new_tag("figure", attrs={"class": "kz-figure"})
        img.wrap(figure)
        figcaption = soup.new_tag("figcaption")
        figcaption.string = caption
        figure.append(figcaption)


def _toc(soup: Any) -> Any:
    headings = [
        h
        for h in soup.select(".jp-MarkdownCell h1, .jp-MarkdownCell h2, .jp-MarkdownCell h3")
        if h.get("id")
    ]
    if headings and headings[0].name == "h1":
        headings = headings[1:]  # the page's title
    if not headings:
        return None
    top = min(int(h.name[1]) for h in headings)
    nav = soup.new_tag("details", attrs={"class": "kz-toc", "open": ""})
    summary = soup.new_tag("summary")
    summary.string = "Contents"
    nav.append(summary)
    ul = soup.new_tag("ul")
    for h in headings:
        li = soup.new_tag("li")
        if int(h.name[1]) > top:
            li["style"] = f"margin-left: {int(h.name[1]) - top}rem"
        link = soup.new_tag("a", href=f"#{h['id']}")
        link.string = " ".join(h.get_text(" ").replace("\u00b6", "").split())
        li.append(link)
        ul.append(li)
    nav.append(ul)
    return nav


def _bar(soup: Any, *, title: str, tables: Sequence[str], index_href: str) -> Any:
    bar = soup.new_tag("nav", attrs={"class": "kz-bar", "aria-label": "report"})
    back = soup.new_tag("a", href=index_href)
    back.string = "\u2190 Report index"
    bar.append(back)
    bar.append(f" \u00b7 {title}")
    if soup.find("details", class_="kz-code") is not None:
        bar.append(" \u00b7 ")
        button = soup.new_tag(
            "button", attrs={"id": "kz-code-toggle", "type": "button", "hidden": ""}
        )
        button["aria-pressed"] = "false"
        button.string = "Show all code"
        bar.append(button)
    line = soup.new_tag("div")
    label = soup.new_tag("span", attrs={"class": "kz-label"})
    label.string = "Tables this page wrote: "
    line.append(label)
    if tables:
        for i, path in enumerate(tables):
            if i:
                line.append(" \u00b7 ")
            link = soup.new_tag("a", href=f"../{path}")
            link.string = path.rsplit("/", 1)[-1]
            line.append(link)
    else:
        line.append("none")
    bar.append(line)
    toc = _toc(soup)
    if toc is not None:
        bar.append(toc)
    return bar


def finish_page(
    page: str,
    *,
    title: str,
    tables: Sequence[str] = (),
    paths: Mapping[str, str] | None = None,
    index_href: str = "../index.html",
) -> str:
    """Add navigation, readable tables and figure descriptions to a rendered page.

    Parameters
    ----------
    page : str
        HTML from nbconvert (through :class:`kzlib.report.html.NotebookRenderer`).
    title : str
        The notebook's name, shown in the bar.
    tables : sequence of str
        The tables the notebook wrote, relative to the report (``tables/x.csv``).
    paths : mapping, optional
        Machine paths and their replacements (:func:`reader_paths`).
    index_href : str
        Where the report's index is, relative to the page.

    Returns
    -------
    str
        The finished HTML document.

    Examples
    --------
    >>> html_in = ("<html><body><main><table class='dataframe'><tbody>"
    ...            "<tr><td>NaN</td></tr></tbody></table></main></body></html>")
    >>> ">NaN<" in finish_page(html_in, title="t")
    False
    """
    from bs4 import BeautifulSoup

    if paths:
        page = replace_paths(page, paths)
    soup = BeautifulSoup(page, "html.parser")
    for number, table in enumerate(soup.find_all("table")):
        _enhance_table(soup, table, number=number)
    _describe_images(soup)
    main = soup.find("main") or soup.body or soup
    main.insert(0, _bar(soup, title=title, tables=tables, index_href=index_href))
    head = soup.head
    style = soup.new_tag("style")
    style.string = _CSS
    script = soup.new_tag("script")
    script.string = _SCRIPT
    if head is not None:
        head.append(style)
    else:
        main.insert(0, style)
    (soup.body or main).append(script)
    return str(soup)
