"""Tests for kzlib.report (and kzlib.report.html, kzlib.report.provenance): the report runner.

The runner is tested on small notebooks written here into a temporary folder,
on the three-article fixture corpus that has no manifest, and, when the
project's notebooks exist, on those too.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import nbformat
import pytest

import kzlib
from kzlib.cli import main
from kzlib.errors import InputError
from kzlib.paths import NOTEBOOKS_DIR
from kzlib.report.runner import (
    declared_parameters,
    find_notebooks,
    kernel_python,
    plan_parameters,
    report,
)

FIXTURE_CORPUS = Path(__file__).parent / "fixtures" / "corpus_small"

PARAMETERS = (
    'corpus = "seeds"  # folder of .txt articles\n'
    'tables_dir = ""  # folder to write tables into ("" writes none)\n'
    "seed = 0  # random seed\n"
    "n_top = 3  # rows to show\n"
    "scale = 1.0  # a float parameter\n"
    'label = "walk"  # plot title'
)

CORPUS_CELL = """\
import sys
from pathlib import Path
from kzlib import load_corpus, sentences_frame
from kzlib.paths import resolve_path
from kzlib.tables import write_table
docs = load_corpus(resolve_path(corpus))
frame = docs.to_frame()
sentences = sentences_frame(docs)
if tables_dir:
    write_table(frame, Path(tables_dir) / "corpus.csv")
    write_table(sentences, Path(tables_dir) / "sentences.parquet")
print("kernel:", sys.executable)
frame.head(n_top)"""

PLOT_CELL = """\
from pathlib import Path
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
from kzlib.tables import write_table
rng = np.random.default_rng(seed)
walk = pd.DataFrame({"step": range(40), "value": rng.normal(size=40).cumsum() * scale})
if tables_dir:
    write_table(walk, Path(tables_dir) / "walk.csv")
plt.plot(walk["step"], walk["value"])  # draw-the-walk
plt.title(label)
plt.show()"""


# A figure made without pyplot, returned as the cell's value (as the kzlib plots modules do).
FIGURE_CELL = """\
from matplotlib.figure import Figure
fig = Figure(figsize=(3, 2))
fig.subplots().bar(["a", "b"], [1, 2])
fig"""


def write_notebook(folder: Path, name: str, *cells: str, parameters: str = PARAMETERS) -> Path:
    """Write a notebook as the project stores them: parameters cell, no outputs."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    param_cell = nbformat.v4.new_code_cell(parameters)
    param_cell.metadata["tags"] = ["parameters"]
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"# {name}\n\nA test notebook."),
        param_cell,
        *(nbformat.v4.new_code_cell(c) for c in cells),
    ]
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def notebooks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("notebooks")
    write_notebook(folder, "00_corpus", CORPUS_CELL)
    write_notebook(folder, "01_walk", PLOT_CELL, FIGURE_CELL)
    return folder


@pytest.fixture(scope="module")
def good_run(notebooks: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    out = tmp_path_factory.mktemp("run") / "report"
    result = report(out, corpus=FIXTURE_CORPUS, notebooks_dir=notebooks, progress=None)
    return out, result


# ---------------------------------------------------------------------------
# the whole run on the fixture corpus (no manifest)


def test_run_writes_every_part(good_run: tuple[Path, Any]) -> None:
    out, result = good_run
    assert result.ok
    assert [r.name for r in result.runs] == ["00_corpus", "01_walk"]
    assert sorted(p.name for p in (out / "notebooks").iterdir()) == [
        "00_corpus.ipynb",
        "01_walk.ipynb",
    ]
    assert sorted(p.name for p in (out / "html").iterdir()) == ["00_corpus.html", "01_walk.html"]
    assert sorted(p.name for p in (out / "tables").iterdir()) == [
        "corpus.csv",
        "sentences.parquet",
        "walk.csv",
    ]
    assert (out / "index.html").is_file() and (out / "run.json").is_file()
    # nothing left beside the report
    assert [p.name for p in out.parent.iterdir()] == ["report"]


def test_executed_notebooks_hold_outputs_and_parameters(good_run: tuple[Path, Any]) -> None:
    out, _ = good_run
    nb = nbformat.read(out / "notebooks" / "00_corpus.ipynb", as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1
    assert str(FIXTURE_CORPUS.resolve()) in injected[0].source
    assert f'tables_dir = "{out / "tables"}"' in injected[0].source  # where they are now
    assert nb.metadata["papermill"]["parameters"]["tables_dir"] == str(out / "tables")
    assert all(c.execution_count for c in nb.cells if c.cell_type == "code")
    assert "astana_c5_summit" in json.dumps(nb.cells[-1].outputs)
    assert f"kernel: {kernel_python()}" in json.dumps(nb.cells[-1].outputs)


def test_run_json_records_provenance(good_run: tuple[Path, Any]) -> None:
    out, result = good_run
    record = json.loads((out / "run.json").read_text())
    assert record == result.record
    assert record["status"] == "ok"
    assert record["corpus"] == {
        "path": "tests/fixtures/corpus_small",
        "documents": 3,
        "words": record["corpus"]["words"],
        "manifest": False,
    }
    nb0 = record["notebooks"][0]
    assert nb0["parameters"] == {
        "corpus": str(FIXTURE_CORPUS.resolve()),
        "tables_dir": str(out / "tables"),
        "seed": 0,
    }
    assert nb0["status"] == "ok" and nb0["error"] == "" and nb0["seconds"] > 0
    prov = record["provenance"]
    assert prov["kzlib_version"] == kzlib.__version__
    assert prov["python"]["version"].startswith("3.")
    assert prov["packages"]["papermill"] == "2.7.0" and prov["packages"]["pandas"]
    paths = [f["path"] for f in prov["inputs"]]
    assert "tests/fixtures/corpus_small/astana_c5_summit.txt" in paths
    assert any(p.endswith("00_corpus.ipynb") for p in paths)
    assert all(re.fullmatch(r"[0-9a-f]{64}", f["sha256"]) for f in prov["inputs"])
    assert record["started"] <= record["ended"]
    assert {t["path"] for t in record["tables"]} == {
        "tables/corpus.csv",
        "tables/sentences.parquet",
        "tables/walk.csv",
    }


def test_index_links_reports_and_summarises(good_run: tuple[Path, Any]) -> None:
    out, _ = good_run
    page = (out / "index.html").read_text()
    for href in re.findall(r'href="([^"]+)"', page):
        assert (out / href).exists(), href
    assert 'href="html/01_walk.html"' in page and 'href="notebooks/01_walk.ipynb"' in page
    assert "3 documents" in page and "Kazakhstan Offers a Neutral Venue" in page
    assert "Provenance" in page and "sha256" in page.lower()


def test_html_is_self_contained(good_run: tuple[Path, Any]) -> None:
    out, _ = good_run
    for page_path in [*(out / "html").glob("*.html"), out / "index.html"]:
        page = page_path.read_text()
        tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", page, flags=re.I)
        fetched = [t for t in tags if re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", t)]
        assert fetched == [], (page_path.name, fetched)
        assert "require.js" not in page and "mathjax" not in page.lower()
        assert "@import" not in page
    walk = (out / "html" / "01_walk.html").read_text()
    # both figures inline: the pyplot one and the returned Figure object
    assert len(re.findall(r'<img[^>]+src="data:image/png;base64,', walk)) == 2
    assert "Figure size" not in walk
    assert "draw-the-walk" in walk  # code shown by default


def test_tables_are_byte_identical_across_runs(
    good_run: tuple[Path, Any], notebooks: Path, tmp_path: Path
) -> None:
    # The second run also starts every kernel afresh instead of forking it from a
    # pre-imported process, and runs one notebook at a time: same bytes all the same.
    first, _ = good_run
    second = tmp_path / "again"
    assert report(
        second,
        corpus=FIXTURE_CORPUS,
        notebooks_dir=notebooks,
        jobs=1,
        fork_kernels=False,
        progress=None,
    ).ok
    names = sorted(p.name for p in (first / "tables").iterdir())
    assert names == sorted(p.name for p in (second / "tables").iterdir())
    for name in names:
        assert (first / "tables" / name).read_bytes() == (second / "tables" / name).read_bytes()


# ---------------------------------------------------------------------------
# failure, refusal, options


def test_failing_notebook_is_saved_rendered_and_marked(notebooks: Path, tmp_path: Path) -> None:
    folder = tmp_path / "nbs"
    shutil.copytree(notebooks, folder)
    write_notebook(
        folder,
        "02_broken",
        "before = 'ran before the error'\nprint(before)",
        "raise RuntimeError('the lexicon is missing\\nadd data/lexicons/x.csv')",
        "print('never runs')",
    )
    out = tmp_path / "report"
    lines: list[str] = []
    result = report(out, corpus=FIXTURE_CORPUS, notebooks_dir=folder, progress=lines.append)
    assert not result.ok
    status = {r.name: (r.status, r.error) for r in result.runs}
    assert status["00_corpus"] == ("ok", "") and status["01_walk"] == ("ok", "")
    assert status["02_broken"] == ("failed", "RuntimeError: add data/lexicons/x.csv")
    executed = nbformat.read(out / "notebooks" / "02_broken.ipynb", as_version=4)
    text = json.dumps(executed.cells)
    assert "ran before the error" in text and "never runs" not in json.dumps(
        [c.get("outputs", []) for c in executed.cells]
    )
    page = (out / "html" / "02_broken.html").read_text()
    assert "RuntimeError" in page and "ran before the error" in page
    index = (out / "index.html").read_text()
    assert "failed" in index and "RuntimeError: add data/lexicons/x.csv" in index
    assert json.loads((out / "run.json").read_text())["status"] == "failed"
    assert any("02_broken: FAILED" in line for line in lines)
    assert any("01_walk: done" in line for line in lines)


def test_dead_kernel_keeps_outputs_before_it_died(tmp_path: Path) -> None:
    write_notebook(tmp_path, "00_dies", "print('before the crash')", "import os\nos._exit(3)")
    result = report(tmp_path / "r", corpus=FIXTURE_CORPUS, notebooks_dir=tmp_path, progress=None)
    assert [(r.status, r.error) for r in result.runs] == [
        ("failed", "DeadKernelError: Kernel died")
    ]
    executed = nbformat.read(tmp_path / "r" / "notebooks" / "00_dies.ipynb", as_version=4)
    assert "before the crash" in json.dumps([c.get("outputs", []) for c in executed.cells])
    assert "before the crash" in (tmp_path / "r" / "html" / "00_dies.html").read_text()


def test_cli_exit_status_reflects_failure(
    notebooks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "nbs"
    shutil.copytree(notebooks, folder)
    (folder / "01_walk.ipynb").unlink()
    write_notebook(folder, "05_broken", "1 / 0")
    import kzlib.report.runner as report_module

    original = report_module.report

    def with_folder(out: Path, **kwargs: Any) -> Any:
        return original(out, notebooks_dir=folder, **kwargs)

    monkeypatch.setattr(report_module, "report", with_folder)
    out = tmp_path / "r"
    assert main(["report", "--out", str(out), "--corpus", str(FIXTURE_CORPUS)]) == 1
    assert (out / "html" / "05_broken.html").is_file()
    argv = ["report", "--out", str(out), "--corpus", str(FIXTURE_CORPUS), "--only", "corpus"]
    assert main(argv) == 0
    assert [n["name"] for n in json.loads((out / "run.json").read_text())["notebooks"]] == [
        "00_corpus"
    ]


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("n_topics: 5\n", "'n_topics' is not a parameter of"),
        ("walk:\n  n_topc: 5\n", "'01_walk.n_topc' is not a parameter of"),
        ("seed: 'one'\n", "'seed' must be int"),
        ("seed: true\n", "'seed' must be int"),
        ("walk:\n  scale: fast\n", "'01_walk.scale' must be float"),
        ("corpus: seeds\n", "'corpus' is set by kzlib report"),
        ("walk: 3\n", "names a notebook"),
        ("wlak:\n  scale: 2\n", "'wlak' is neither a notebook (have: 00_corpus, 01_walk"),
        ("- seed\n", "top level must be a mapping"),
        ("seed: [1\n", "fix the YAML syntax"),
    ],
)
def test_bad_parameters_are_refused_before_anything_runs(
    notebooks: Path, tmp_path: Path, yaml_text: str, message: str
) -> None:
    params = tmp_path / "params.yaml"
    params.write_text(yaml_text)
    out = tmp_path / "out" / "report"
    with pytest.raises(InputError, match=re.escape(message)):
        report(out, corpus=FIXTURE_CORPUS, params=params, notebooks_dir=notebooks, progress=None)
    assert not out.exists()
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def test_cli_refusal_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    params = tmp_path / "params.yaml"
    params.write_text("no_such_parameter: 1\n")
    if not find_notebooks(NOTEBOOKS_DIR):
        pytest.skip("the project has no notebooks yet")
    status = main(["report", "--out", str(tmp_path / "r"), "--params", str(params)])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 2
    assert len(err) == 1 and err[0].startswith("kzlib: error:") and "no_such_parameter" in err[0]
    assert not (tmp_path / "r").exists()


def test_good_parameters_reach_the_notebook(notebooks: Path, tmp_path: Path) -> None:
    params = tmp_path / "p.yaml"
    params.write_text("seed: 7\nwalk:\n  scale: 2\n  label: custom title\n")
    out = tmp_path / "r"
    result = report(
        out,
        corpus=FIXTURE_CORPUS,
        params=params,
        notebooks_dir=notebooks,
        only=["01_walk"],
        no_input=True,
        progress=None,
    )
    assert result.ok and [r.name for r in result.runs] == ["01_walk"]
    assert result.runs[0].parameters["seed"] == 7 and result.runs[0].parameters["scale"] == 2
    page = (out / "html" / "01_walk.html").read_text()
    assert "draw-the-walk" not in page  # --no-input hides code
    assert re.search(r'<img[^>]+src="data:image/png;base64,', page)
    assert any(f["path"].endswith("p.yaml") for f in result.record["provenance"]["inputs"])


def test_only_keeps_the_parameter_file_valid(notebooks: Path, tmp_path: Path) -> None:
    params = tmp_path / "p.yaml"
    params.write_text("walk:\n  scale: 2.5\n")
    result = report(
        tmp_path / "r",
        corpus=FIXTURE_CORPUS,
        params=params,
        notebooks_dir=notebooks,
        only=["corpus"],
        progress=None,
    )
    assert result.ok and [r.name for r in result.runs] == ["00_corpus"]
    assert "scale" not in result.runs[0].parameters


def test_unknown_only_and_bad_corpus_are_refused(notebooks: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--only nope: no such notebook"):
        report(tmp_path / "r", only=["nope"], notebooks_dir=notebooks, corpus=FIXTURE_CORPUS)
    bad = tmp_path / "bad_corpus"
    bad.mkdir()
    (bad / "a.txt").write_bytes(b"")
    with pytest.raises(InputError, match=r"a\.txt"):
        report(tmp_path / "r", notebooks_dir=notebooks, corpus=bad, progress=None)
    assert not (tmp_path / "r").exists()


def test_out_that_is_not_a_report_is_not_replaced(notebooks: Path, tmp_path: Path) -> None:
    precious = tmp_path / "home"
    precious.mkdir()
    (precious / "thesis.tex").write_text("keep me")
    with pytest.raises(InputError, match="not a kzlib report"):
        report(precious, notebooks_dir=notebooks, corpus=FIXTURE_CORPUS, progress=None)
    assert (precious / "thesis.tex").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]


def test_notebook_missing_contract_parameter_is_refused(tmp_path: Path) -> None:
    write_notebook(tmp_path, "03_bare", "1", parameters="seed = 0  # random seed")
    with pytest.raises(InputError, match="does not declare corpus, tables_dir"):
        plan_parameters(find_notebooks(tmp_path), corpus=FIXTURE_CORPUS, tables_dir=tmp_path / "t")


def test_declared_types_follow_defaults_and_annotations(tmp_path: Path) -> None:
    path = write_notebook(
        tmp_path,
        "04_types",
        parameters=PARAMETERS + "\nwhich: str = None  # annotated\nanything = None  # untyped",
    )
    declared = declared_parameters(path)
    assert declared["seed"] == "int" and declared["scale"] == "float"
    assert declared["label"] == "str" and declared["which"] == "str"
    assert declared["anything"] is None


# ---------------------------------------------------------------------------
# the project's own notebooks


@pytest.mark.skipif(not find_notebooks(NOTEBOOKS_DIR), reason="the project has no notebooks yet")
def test_project_notebooks_run_on_a_corpus_without_manifest(tmp_path: Path) -> None:
    out = tmp_path / "report"
    first = report(out, corpus=FIXTURE_CORPUS, progress=None)
    failed = {r.name: r.error for r in first.runs if not r.ok}
    assert failed == {}
    # again with fresh kernels, one at a time: forking from a pre-imported process and
    # running in parallel must not change a byte
    again = tmp_path / "again"
    assert report(again, corpus=FIXTURE_CORPUS, fork_kernels=False, jobs=1, progress=None).ok
    tables = sorted(p.relative_to(out) for p in (out / "tables").rglob("*") if p.is_file())
    assert tables == sorted(
        p.relative_to(again) for p in (again / "tables").rglob("*") if p.is_file()
    )
    for rel in tables:
        assert (out / rel).read_bytes() == (again / rel).read_bytes(), rel
    for page in (out / "html").glob("*.html"):
        assert "&lt;Figure size" not in page.read_text(), f"{page.name}: a figure shown as text"


def test_longest_notebooks_start_first_when_a_previous_run_says_so(tmp_path: Path) -> None:
    from kzlib.report.runner import _start_order

    nbs = [tmp_path / f"{n}.ipynb" for n in ("00_a", "01_b", "02_c", "03_new")]
    previous = tmp_path / "run.json"
    assert _start_order(nbs, previous=previous, jobs=2) == nbs  # no previous run
    runs = [{"name": "00_a", "seconds": 1.0}, {"name": "01_b", "seconds": 5.0}]
    runs.append({"name": "02_c", "seconds": 3.0})
    previous.write_text(json.dumps({"notebooks": runs}))
    order = [p.stem for p in _start_order(nbs, previous=previous, jobs=2)]
    assert order == ["03_new", "01_b", "02_c", "00_a"]
    assert _start_order(nbs, previous=previous, jobs=1) == nbs  # one at a time: numeric
    previous.write_text("{not json")
    assert _start_order(nbs, previous=previous, jobs=2) == nbs


def test_a_page_over_the_size_limit_is_warned_about(
    notebooks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kzlib.report.runner as runner

    monkeypatch.setattr(runner, "MAX_PAGE_BYTES", 50_000)  # the tiny pages are ~100-300 kB
    lines: list[str] = []
    result = report(
        tmp_path / "r", corpus=FIXTURE_CORPUS, notebooks_dir=notebooks, progress=lines.append
    )
    assert result.ok  # a warning, not a failure
    sizes = {p.stem: p.stat().st_size for p in (tmp_path / "r" / "html").glob("*.html")}
    warned = {name for name in sizes if any(f"{name}: warning: its page" in ln for ln in lines)}
    assert warned == {name for name, size in sizes.items() if size > 50_000} != set()


def test_engine_and_scheduler_are_checked_before_anything_runs(
    notebooks: Path, tmp_path: Path
) -> None:
    with pytest.raises(InputError, match="engine"):
        report(tmp_path / "r", corpus=FIXTURE_CORPUS, notebooks_dir=notebooks, engine="spark")
    with pytest.raises(InputError, match="--scheduler needs --engine dask"):
        report(
            tmp_path / "r",
            corpus=FIXTURE_CORPUS,
            notebooks_dir=notebooks,
            scheduler="tcp://127.0.0.1:1",
        )
    assert not (tmp_path / "r").exists()
