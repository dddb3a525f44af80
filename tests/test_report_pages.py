"""The pages of a real report on the seeds, as a reader meets them (issue 16).

One report of the project's notebooks on seeds/ is built for the module. Its
pages and index must show no machine path, describe every figure, link the
index and their tables, show tables without None/NaN and sortable, and, in
headless Chromium, run their scripts without a console error (skipped when
Chromium is not installed).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from kzlib.paths import NOTEBOOKS_DIR, PROJECT_ROOT, SEEDS_DIR
from kzlib.report.page import NOT_A_DESCRIPTION, SORTABLE_ROWS
from kzlib.report.runner import report

pytestmark = pytest.mark.skipif(
    not (NOTEBOOKS_DIR / "00_corpus.ipynb").exists(), reason="project notebooks absent"
)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
]
_DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+")


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("pages") / "report"
    said: list[str] = []
    result = report(out, corpus=SEEDS_DIR, progress=said.append)
    assert result.ok, said
    return out, json.loads((out / "run.json").read_text())


def _pages(out: Path) -> list[Path]:
    return [out / "index.html", *sorted((out / "html").glob("*.html"))]


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_no_machine_or_temporary_path(seeds_report: tuple[Path, dict[str, Any]]) -> None:
    out, _ = seeds_report
    for page in _pages(out):
        text = _DATA_URI.sub("data:", page.read_text(encoding="utf-8"))
        for leak in (str(PROJECT_ROOT), str(out), ".building-", "/tmp", str(Path.home())):
            assert leak not in text, f"{page.name} shows {leak}"
    params = _soup(out / "html" / "00_corpus.html").get_text()
    assert 'corpus = "seeds"' in params


def test_every_image_has_alt_text_and_caption(seeds_report: tuple[Path, dict[str, Any]]) -> None:
    out, _ = seeds_report
    images = 0
    for page in _pages(out)[1:]:
        for img in _soup(page).find_all("img"):
            images += 1
            alt = img.get("alt", "")
            assert alt.strip() and alt != NOT_A_DESCRIPTION and alt != "Figure", page.name
            figure = img.find_parent("figure")
            assert figure is not None and figure.figcaption.get_text().strip(), page.name
    assert images >= 4


def test_pages_link_index_and_the_tables_they_wrote(
    seeds_report: tuple[Path, dict[str, Any]],
) -> None:
    out, record = seeds_report
    listed: list[str] = []
    for nb in record["notebooks"]:
        soup = _soup(out / nb["html"])
        bar = soup.find("nav", class_="kz-bar")
        assert bar is not None and bar.find("a", href="../index.html") is not None
        linked = [a["href"][3:] for a in bar.find_all("a") if a["href"].startswith("../tables/")]
        assert linked == nb["tables"] and linked, nb["name"]
        assert all((out / t).is_file() for t in linked)
        assert bar.select(".kz-toc a"), nb["name"]  # a table of contents
        listed += linked
    assert sorted(listed) == sorted(t["path"] for t in record["tables"])


def test_tables_show_no_none_nan_and_sort(seeds_report: tuple[Path, dict[str, Any]]) -> None:
    out, _ = seeds_report
    sortable = 0
    for page in _pages(out)[1:]:
        soup = _soup(page)
        for table in soup.select("table.kz-table"):
            cells = [c.get_text().strip() for c in table.find_all(["td", "th"])]
            assert not {"None", "NaN", "nan", "<NA>"} & set(cells), page.name
            assert not [c for c in cells if re.fullmatch(r"\d{3,}\.0+", c)], page.name
            rows = len(table.tbody.find_all("tr", recursive=False)) if table.tbody else 0
            if rows > SORTABLE_ROWS:
                sortable += 1
                assert table.has_attr("data-kz-sort") or "kz-sortable" in table["class"]
                assert table.find_previous("input", attrs={"type": "search"}) is not None
    assert sortable >= 3


def test_second_run_reuses_everything(seeds_report: tuple[Path, dict[str, Any]]) -> None:
    out, first = seeds_report
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and "html" in p.parts}
    result = report(out, corpus=SEEDS_DIR, progress=None)
    assert all(r.reused for r in result.runs)
    assert result.record["seconds"] < first["seconds"] / 4
    assert {p: p.read_bytes() for p in before} == before


def _chromium(url: str, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, url],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


_WATCH = """<script>
window.__kzErrors = [];
window.addEventListener("error", function (e) { window.__kzErrors.push(String(e.message)); });
var __kzConsoleError = console.error;
console.error = function () {
  window.__kzErrors.push(Array.prototype.join.call(arguments, " "));
  __kzConsoleError.apply(console, arguments);
};
</script>"""
_REPORT = """<script>
window.addEventListener("load", function () {
  var out = {errors: window.__kzErrors, js: document.documentElement.className};
  var table = document.querySelector("table[data-kz-sort]");
  if (table) {
    var th = null, heads = table.querySelectorAll("th[data-kz-col]");
    for (var i = 0; i < heads.length && !th; i++) {
      if (heads[i].classList.contains("kz-num")) { th = heads[i]; }
    }
    th = th || heads[heads.length - 1];
    var col = parseInt(th.getAttribute("data-kz-col"), 10);
    th.click();
    out.sorted = Array.prototype.map.call(table.tBodies[0].rows, function (r) {
      return r.cells[col].textContent.trim();
    });
    out.numeric = th.classList.contains("kz-num");
    var box = table.parentNode.querySelector(".kz-filter input");
    box.value = "no row says this zzqx";
    box.dispatchEvent(new Event("input"));
    out.shown = Array.prototype.filter.call(table.tBodies[0].rows, function (r) {
      return r.style.display !== "none";
    }).length;
  }
  var pre = document.createElement("pre");
  pre.id = "kz-test-result";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed")
def test_pages_run_in_chromium_without_errors(
    seeds_report: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    out, _ = seeds_report
    sorted_checked = 0
    for page in _pages(out):
        # a copy beside the original (same relative links) that records errors and a sort
        text = page.read_text(encoding="utf-8")
        text = text.replace("<head>", "<head>" + _WATCH, 1).replace("</body>", _REPORT + "</body>")
        probe = page.with_name(f".probe-{page.name}")
        probe.write_text(text, encoding="utf-8")
        try:
            run = _chromium(probe.as_uri(), tmp_path / "profile", "--dump-dom")
        finally:
            probe.unlink()
        console = [line for line in run.stderr.splitlines() if "CONSOLE" in line]
        assert not [line for line in console if "Uncaught" in line or "ERROR" in line], console
        result = BeautifulSoup(run.stdout, "html.parser").find(id="kz-test-result")
        assert result is not None, f"{page.name}: the page did not finish loading"
        state = json.loads(result.get_text())
        assert state["errors"] == [], (page.name, state["errors"])
        if page.name == "index.html":
            continue
        assert "kz-js" in state["js"], page.name  # the page's own script ran to its end
        if "sorted" in state:
            values = [v for v in state["sorted"] if v not in {"", "\u2014", "...", "\u2026"}]
            if state["numeric"]:
                numbers = [float(v.replace(",", "").rstrip("%")) for v in values]
                assert numbers == sorted(numbers), page.name
            assert state["shown"] == 0, page.name
            sorted_checked += 1
    assert sorted_checked >= 2


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed")
def test_screenshots_at_desktop_and_narrow_width(
    seeds_report: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    out, _ = seeds_report
    for width in (1280, 420):
        for page in (out / "index.html", out / "html" / "02_rhetoric.html"):
            shot = tmp_path / f"{page.stem}-{width}.png"
            _chromium(
                page.as_uri(),
                tmp_path / "profile",
                f"--screenshot={shot}",
                f"--window-size={width},2000",
                "--hide-scrollbars",
            )
            assert shot.is_file() and shot.stat().st_size > 10_000
