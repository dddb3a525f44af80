"""Issue 17 for ``kzlib report``: atomic swap, parameters checked first, leftovers, umask.

The notebooks here are tiny (a parameters cell and a cell writing one table),
so a run takes a few seconds; the checks are on the report folder, not on any
analysis.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd
import pytest

from kzlib.cli import main
from kzlib.errors import InputError
from kzlib.paths import NOTEBOOKS_DIR
from kzlib.report.runner import find_notebooks, report

EXIT_INPUT = 2  # kzlib.errors
FIXTURE_CORPUS = Path(__file__).parent / "fixtures" / "corpus_small"

PARAMETERS = (
    'corpus = "seeds"  # folder of .txt articles\n'
    'tables_dir = ""  # folder to write tables into ("" writes none)\n'
    "seed = 0  # random seed"
)
TABLE_CELL = """\
from pathlib import Path
import pandas as pd
from kzlib.tables import write_table
if tables_dir:
    write_table(pd.DataFrame({"seed": [seed]}), Path(tables_dir) / "seed.csv")
seed"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tiny_notebooks")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Py", "language": "python"}
    cell = nbformat.v4.new_code_cell(PARAMETERS)
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell, nbformat.v4.new_code_cell(TABLE_CELL)]
    nbformat.write(nb, folder / "00_tiny.ipynb")
    return folder


def _run(out: Path, notebooks: Path, *, seed: int, tmp: Path) -> Any:
    params = tmp / f"seed{seed}.yaml"
    params.write_text(f"seed: {seed}\n")
    return report(
        out, corpus=FIXTURE_CORPUS, params=params, notebooks_dir=notebooks, progress=None, jobs=1
    )


def _complete_seed(out: Path) -> int:
    """The seed of the complete report at ``out`` (fails if it is missing or partial)."""
    assert out.is_dir(), f"{out}: no report"
    record = json.loads((out / "run.json").read_text())
    assert (out / "index.html").is_file()
    for entry in record["tables"]:
        assert (out / entry["path"]).is_file(), entry
    for run in record["notebooks"]:
        assert (out / run["html"]).is_file() and (out / run["notebook"]).is_file()
    return int(pd.read_csv(out / "tables" / "seed.csv")["seed"][0])


# ---------------------------------------------------------------------------
# 2. the swap


def test_report_swap_leaves_a_complete_report_at_every_step(
    tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault injection: stop after each step of the swap; the target is old or new, complete."""
    out = tmp_path / "r"
    _run(out, tiny, seed=1, tmp=tmp_path)
    assert _complete_seed(out) == 1
    import kzlib.report.runner as runner

    output: Any = sys.modules.get("kzlib.report.output", runner)  # main: the swap is in runner
    seen: list[int] = []
    state = {"stop_at": 0, "step": 0}

    def after_step(real: Callable[..., Any]) -> Callable[..., Any]:
        def step(*args: Any, **kwargs: Any) -> Any:
            result = real(*args, **kwargs)
            names = {Path(os.fsdecode(a)).name for a in args if isinstance(a, str | Path)}
            if any(n == out.name or n.startswith(f".{out.name}.") for n in names):
                state["step"] += 1
                seen.append(_complete_seed(out))  # a SIGKILL here would leave this
                if state["step"] == state["stop_at"]:
                    raise KeyboardInterrupt
            return result

        return step

    monkeypatch.setattr(os, "replace", after_step(os.replace))
    monkeypatch.setattr(os, "rename", after_step(os.rename))
    monkeypatch.setattr(shutil, "rmtree", after_step(shutil.rmtree))
    if hasattr(output, "exchange"):
        monkeypatch.setattr(output, "exchange", after_step(output.exchange))
    for stop_at, seed in ((1, 2), (2, 3), (99, 4)):
        state.update(stop_at=stop_at, step=0)
        with contextlib.suppress(KeyboardInterrupt):
            _run(out, tiny, seed=seed, tmp=tmp_path)
        assert _complete_seed(out) in {seed - 1, seed}
        assert state["step"] >= 1
    assert set(seen) <= {1, 2, 3, 4}
    assert _complete_seed(out) == 4
    # nothing of kzlib's is left beside the report once a later run has cleaned up
    monkeypatch.undo()
    _run(out, tiny, seed=5, tmp=tmp_path)
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".r.")) == []


def test_disk_full_during_report_keeps_the_previous_one(
    tiny: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "r"
    _run(out, tiny, seed=1, tmp=tmp_path)
    import kzlib.report.runner as runner_module

    original = runner_module.report

    def with_tiny(target: Path, **kwargs: Any) -> Any:
        return original(target, notebooks_dir=tiny, **kwargs)

    real_write = Path.write_text

    def full(self: Path, *args: Any, **kwargs: Any) -> int:
        if self.name == "run.json":
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(runner_module, "report", with_tiny)
    monkeypatch.setattr(Path, "write_text", full)
    argv = ["report", "--out", str(out), "--corpus", str(FIXTURE_CORPUS), "--jobs", "1"]
    assert main(argv) == 74
    err = [line for line in capsys.readouterr().err.splitlines() if "error" in line]
    assert len(err) == 1 and "no space left" in err[0] and "Traceback" not in err[0], err
    monkeypatch.undo()
    assert _complete_seed(out) == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".r.")] == []


# ---------------------------------------------------------------------------
# 5. parameters: type and range before any notebook starts; duplicate keys


@pytest.mark.parametrize(
    ("yaml_text", "words"),
    [
        ("max_docs_shown: -5\n", ["max_docs_shown", "-5", ">= 1"]),
        ("topics:\n  n_topics: -3\n", ["n_topics", "-3", ">= 1 or 'auto'"]),
        ("topics:\n  n_topics: all\n", ["n_topics", "all", "'auto'"]),
        ("topics:\n  method: xyz\n", ["method", "xyz", "'nmf', 'lda'"]),
        ("topics:\n  k_min: 8\n  k_max: 3\n", ["k_min", "8", "k_max"]),
        ("claims:\n  min_similarity: 1.5\n", ["min_similarity", "1.5", "0 to 1"]),
        ("seed: -1\n", ["seed", "-1", ">= 0"]),
        ("rhetoric:\n  n_boot: many\n", ["n_boot", "many", "int"]),
        ("rhetoric:\n  measures: [1, 2]\n", ["measures", "[1, 2]", "list of str"]),
        ("seed: 1\nseed: 2\n", ["seed", "twice", "line 1"]),
        ("topics:\n  n_topics: 3\n  n_topics: 4\n", ["n_topics", "twice", ":3"]),
    ],
)
def test_bad_parameters_refused_before_any_notebook(
    yaml_text: str,
    words: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if not find_notebooks(NOTEBOOKS_DIR):
        pytest.skip("the project has no notebooks")
    import papermill

    started: list[str] = []
    monkeypatch.setattr(papermill, "execute_notebook", lambda nb, *a, **k: started.append(nb))
    params = tmp_path / "p.yaml"
    params.write_text(yaml_text)
    out = tmp_path / "r"
    status = main(["report", "--out", str(out), "--params", str(params)])
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert status == EXIT_INPUT, err
    assert started == []
    assert len(err) == 1 and err[0].startswith("kzlib: error:"), err
    for word in words:
        assert word in err[0], (word, err[0])
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == ["p.yaml"]


def test_good_range_values_pass() -> None:
    from kzlib.report.params import plan_parameters

    nb = Path("01_topics.ipynb")
    decl = {nb: {"corpus": "str", "tables_dir": "str", "seed": "int", "n_topics": "int|str"}}
    decl[nb]["min_similarity"] = "float"
    plan = plan_parameters(
        [nb],
        corpus=Path("/c"),
        tables_dir=Path("/t"),
        params={"n_topics": 1, "min_similarity": 1},
        declared=decl,
    )
    assert plan[nb]["n_topics"] == 1 and plan[nb]["min_similarity"] == 1
    auto = plan_parameters(
        [nb], corpus=Path("/c"), tables_dir=Path("/t"), params={"n_topics": "auto"},
        declared=decl,
    )
    assert auto[nb]["n_topics"] == "auto"
    with pytest.raises(InputError, match="min_similarity"):
        plan_parameters(
            [nb], corpus=Path("/c"), tables_dir=Path("/t"), params={"min_similarity": -0.1},
            declared=decl,
        )


# ---------------------------------------------------------------------------
# 9. a corpus table given to report


def test_report_reads_a_corpus_table_with_its_group_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "x.parquet"
    texts = ["Kazakhstan. Foreign policy matters.", "Astana hosted talks. Both sides agreed."]
    pd.DataFrame({"text": texts, "country": ["KAZ", "UZB"], "year": [2022, 2023]}).to_parquet(
        table
    )
    out = tmp_path / "r"
    assert main(["report", "--corpus", str(table), "--out", str(out), "--only", "corpus"]) == 0
    record = json.loads((out / "run.json").read_text())
    assert record["corpus"]["documents"] == 2 and record["corpus"]["manifest"] is False
    assert any(i["path"].endswith("x.parquet") for i in record["provenance"]["inputs"])
    corpus = pd.read_csv(out / "tables" / "corpus.csv")
    assert corpus["country"].tolist() == ["KAZ", "UZB"] and corpus["year"].tolist() == [2022, 2023]
    capsys.readouterr()
    other = tmp_path / "x.csv"
    other.write_text("text\nKazakhstan.\n")
    assert main(["report", "--corpus", str(other), "--out", str(tmp_path / "o")]) == EXIT_INPUT
    line = capsys.readouterr().err.strip()
    assert str(other) in line and ".parquet/.jsonl" in line and "\n" not in line
    assert main(["report", "--corpus", str(tmp_path / "none"), "--out", str(out)]) == EXIT_INPUT
    assert "not found" in capsys.readouterr().err


# ---------------------------------------------------------------------------
# 7. leftovers of killed runs; 8. modes follow the umask


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_report_scratch_is_removed_and_nothing_else(tiny: Path, tmp_path: Path) -> None:
    from kzlib.scratch import OWNER

    host = OWNER.split("@")[1]
    dead = _dead_pid()
    stale = [
        tmp_path / f".r.building-{dead}@{host}-0123abcd",
        tmp_path / f".r.old-{dead}@{host}-89abcdef",
        tmp_path / ".r.building-x1y2z3w4",  # kzlib 0.2 name, two days old
    ]
    kept = [
        tmp_path / f".r.building-{os.getppid()}@{host}-0123abcd",  # its process runs
        tmp_path / ".r.building-mine",  # not a kzlib name
        tmp_path / f".s.building-{dead}@{host}-0123abcd",  # another report's
        tmp_path / "r.building-1",
    ]
    for folder in (*stale, *kept):
        folder.mkdir()
        (folder / "run.json").write_text("{}")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(stale[2], (two_days_ago, two_days_ago))
    _run(tmp_path / "r", tiny, seed=1, tmp=tmp_path)
    left = {p.name for p in tmp_path.iterdir() if p.is_dir()}
    assert left == {"r", *(p.name for p in kept)}


def test_killed_report_leftover_removed_by_the_next_run(tiny: Path, tmp_path: Path) -> None:
    out = tmp_path / "r"
    args = f"P({str(out)!r}), corpus=P({str(FIXTURE_CORPUS)!r}), notebooks_dir=P({str(tiny)!r})"
    code = (
        "import os, signal, papermill\n"
        "from pathlib import Path as P\n"
        "from kzlib.report.runner import report\n"
        "def die(*a, **k):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "papermill.execute_notebook = die\n"
        f"report({args}, progress=None, fork_kernels=False, jobs=1)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], check=False)
    assert proc.returncode == -9
    assert [p.name.split("-")[0] for p in tmp_path.iterdir()] == [".r.building"]
    _run(out, tiny, seed=1, tmp=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir()) == ["r"]


@pytest.mark.parametrize("umask", [0o022, 0o002])
def test_report_follows_the_umask(umask: int, tiny: Path, tmp_path: Path) -> None:
    out = tmp_path / "r"
    previous = os.umask(umask)
    try:
        _run(out, tiny, seed=1, tmp=tmp_path)
    finally:
        os.umask(previous)
    modes = {p.relative_to(out).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in out.rglob("*")}
    modes["."] = stat.S_IMODE(out.stat().st_mode)
    for name in (".", "tables", "html", "notebooks"):
        assert modes[name] == 0o777 & ~umask, (name, oct(modes[name]))
    for name in ("run.json", "index.html", "tables/seed.csv", "html/00_tiny.html"):
        assert modes[name] == 0o666 & ~umask, (name, oct(modes[name]))
