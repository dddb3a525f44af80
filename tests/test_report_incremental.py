"""Tests for the incremental rebuild of kzlib report (kzlib.report.fingerprint and the runner).

Two small notebooks on the fixture corpus: a second run with nothing changed
reuses both byte for byte, a changed parameter of one re-executes that one only,
``--force`` and a fresh ``--out`` execute all, a table changed by hand is not
trusted.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from kzlib.cli import main
from kzlib.report.fingerprint import notebook_fingerprint, shared_inputs
from kzlib.report.runner import report

FIXTURE_CORPUS = Path(__file__).parent / "fixtures" / "corpus_small"
PARAMETERS = 'corpus = "seeds"\ntables_dir = ""\nseed = 0\nn_top = 3'
TABLE_CELL = """\
from pathlib import Path
import time
import pandas as pd
from kzlib.tables import write_table
frame = pd.DataFrame({"n": range(n_top), "ran_at": time.time()})
if tables_dir:
    write_table(frame[["n"]], Path(tables_dir) / f"{NAME}.csv")
frame"""


def _write(folder: Path, name: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    params = nbformat.v4.new_code_cell(PARAMETERS)
    params.metadata["tags"] = ["parameters"]
    stem = name.split("_", 1)[1]
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"# {name}"),
        params,
        nbformat.v4.new_code_cell(TABLE_CELL.replace("{NAME}", stem)),
    ]
    nbformat.write(nb, folder / f"{name}.ipynb")


@pytest.fixture(scope="module")
def notebooks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("incremental-notebooks")
    _write(folder, "00_first")
    _write(folder, "01_second")
    return folder


def _outputs(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for sub in ("notebooks", "html", "tables")
        for p in sorted((out / sub).rglob("*"))
        if p.is_file()
    }


def _run(out: Path, notebooks: Path, **options: object) -> tuple[dict[str, bool], list[str]]:
    said: list[str] = []
    result = report(
        out, corpus=FIXTURE_CORPUS, notebooks_dir=notebooks, progress=said.append, jobs=1, **options
    )  # type: ignore[arg-type]
    assert result.ok
    record = json.loads((out / "run.json").read_text())
    return {nb["name"]: nb["reused"] for nb in record["notebooks"]}, said


def test_unchanged_notebooks_are_reused_byte_for_byte(notebooks: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    first, _ = _run(out, notebooks)
    assert first == {"00_first": False, "01_second": False}
    before = _outputs(out)
    record = json.loads((out / "run.json").read_text())
    assert [nb["tables"] for nb in record["notebooks"]] == [
        ["tables/first.csv"],
        ["tables/second.csv"],
    ]
    second, said = _run(out, notebooks)
    assert second == {"00_first": True, "01_second": True}
    assert "kzlib report: [1/2] 00_first: unchanged, reused" in said
    assert not any("running" in line for line in said)
    assert _outputs(out) == before  # the executed notebooks hold a time stamp: not re-run
    index = (out / "index.html").read_text()
    assert index.count("reused") >= 2
    forced, _ = _run(out, notebooks, force=True)
    assert forced == {"00_first": False, "01_second": False}
    assert _outputs(out)["notebooks/00_first.ipynb"] != before["notebooks/00_first.ipynb"]


def test_changed_parameter_reexecutes_that_notebook_only(notebooks: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    _run(out, notebooks)
    before = _outputs(out)
    params = tmp_path / "params.yaml"
    params.write_text("second:\n  n_top: 5\n")
    reused, said = _run(out, notebooks, params=params)
    assert reused == {"00_first": True, "01_second": False}
    assert any("01_second: running" in line for line in said)
    after = _outputs(out)
    assert after["notebooks/00_first.ipynb"] == before["notebooks/00_first.ipynb"]
    assert after["tables/second.csv"] != before["tables/second.csv"]


def test_fresh_out_executes_all(notebooks: Path, tmp_path: Path) -> None:
    _run(tmp_path / "a", notebooks)
    reused, _ = _run(tmp_path / "b", notebooks)  # as in CI: a report folder of its own
    assert reused == {"00_first": False, "01_second": False}


def test_table_changed_by_hand_is_not_trusted(notebooks: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    _run(out, notebooks)
    (out / "tables" / "second.csv").write_text("n\n99\n")
    reused, _ = _run(out, notebooks)
    assert reused == {"00_first": True, "01_second": False}
    assert "99" not in (out / "tables" / "second.csv").read_text()


def test_cli_force(notebooks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "report"
    _run(out, notebooks)
    import kzlib.report.runner as runner

    seen: dict[str, object] = {}
    real = runner.report

    def spy(*args: object, **kwargs: object) -> object:
        seen.update(kwargs)
        return real(*args, notebooks_dir=notebooks, progress=None, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "report", spy)
    code = main(["report", "--corpus", str(FIXTURE_CORPUS), "--out", str(out), "--force"])
    assert code == 0 and seen["force"] is True
    record = json.loads((out / "run.json").read_text())
    assert record["options"]["force"] is True
    assert not any(nb["reused"] for nb in record["notebooks"])


def test_fingerprint_follows_corpus_notebook_and_parameters(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("One.")
    nb = tmp_path / "00_x.ipynb"
    nb.write_text("{}")
    shared = shared_inputs(corpus=corpus)
    base = notebook_fingerprint(nb, {"seed": 0}, shared=shared)
    (corpus / "a.txt").write_text("Two.")
    assert notebook_fingerprint(nb, {"seed": 0}, shared=shared_inputs(corpus=corpus)) != base
    (corpus / "a.txt").write_text("One.")
    assert notebook_fingerprint(nb, {"seed": 0}, shared=shared_inputs(corpus=corpus)) == base
    nb.write_text('{"cells": []}')
    assert notebook_fingerprint(nb, {"seed": 0}, shared=shared) != base
