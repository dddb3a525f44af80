"""Issue 17 for the commands: formula cells, OS faults, Ctrl-C, scheduler, leftovers, umask.

Each fault must end in one ``kzlib: error:`` line, a distinct exit status
(kzlib.errors) and nothing new at the target. The tests run as root in CI
containers, where a read-only folder does not stop writes; there the folder is
also made read-only for kzlib by refusing the system calls that would write in it.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from kzlib.cli import main
from kzlib.tables import write_table

# The exit statuses documented in kzlib.errors and README (Bad input), spelled out so
# that a change to them shows here.
EXIT_INPUT, EXIT_UNAVAILABLE, EXIT_OUTPUT, EXIT_IO, EXIT_PERMISSION = 2, 69, 73, 74, 77
EXIT_INTERRUPTED = 130
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

MakeCorpus = Callable[[dict[str, bytes | str]], Path]

FORMULA_ARTICLE = (
    '=HYPERLINK("http://x.example","click")\n\n'
    "-5% is what Kazakhstan said exports would fall by in 2025, the ministry said.\n\n"
    "+Astana will increase oil output by 10 percent in 2026, Tokayev said.\n\n"
    "@Tokayev said that Kazakhstan signed 12 agreements with China in 2024.\n"
)
PLAIN_ARTICLE = (
    "Kazakhstan foreign policy.\n\n"
    "The minister said that Kazakhstan will raise trade with Russia by 15 percent in 2025.\n"
)


def _error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    errors = [line for line in err if line.startswith("kzlib: error:")]
    assert len(errors) == 1, err
    assert not any("Traceback" in line for line in err), err
    return errors[0]


def _starts_formula(cell: str) -> bool:
    return cell.startswith(FORMULA_STARTS)


# ---------------------------------------------------------------------------
# 1. spreadsheet formulas


def test_spreadsheet_csvs_never_start_a_formula(make_corpus: MakeCorpus, tmp_path: Path) -> None:
    corpus = make_corpus({"a.txt": FORMULA_ARTICLE, "b.txt": PLAIN_ARTICLE})
    out = tmp_path / "out"
    assert main(["corpus", "--corpus", str(corpus), "--out", str(out / "corpus.csv")]) == 0
    argv = ["claims", "--corpus", str(corpus), "--out", str(out / "claims.csv")]
    assert main([*argv, "--export-sheet", str(out / "sheet.csv")]) == 0
    for name in ("corpus.csv", "claims.csv", "sheet.csv"):
        table = pd.read_csv(out / name, dtype=str, keep_default_na=False)
        cells = [c for col in table.columns for c in table[col]]
        assert not [c for c in cells if _starts_formula(c)], name
    corpus_table = pd.read_csv(out / "corpus.csv", dtype=str, keep_default_na=False)
    assert corpus_table.loc[0, "title"] == "'" + FORMULA_ARTICLE.splitlines()[0]
    claims = pd.read_csv(out / "claims.csv", dtype=str, keep_default_na=False)
    assert {"'-", "'+", "'@"} <= {t[:2] for t in claims["text"]}


def test_merge_sheet_round_trip_keeps_text_exact(make_corpus: MakeCorpus, tmp_path: Path) -> None:
    from kzlib.claims import read_sheet

    corpus = make_corpus({"a.txt": FORMULA_ARTICLE, "b.txt": PLAIN_ARTICLE})
    claims_csv, sheet_csv = tmp_path / "claims.parquet", tmp_path / "sheet.csv"
    argv = ["claims", "--corpus", str(corpus), "--out", str(claims_csv)]
    assert main([*argv, "--export-sheet", str(sheet_csv)]) == 0
    raw = pd.read_parquet(claims_csv)  # parquet is never neutralised: the true text
    assert any(_starts_formula(t) for t in raw["text"])
    sheet = read_sheet(sheet_csv)
    assert sheet["text"].tolist() == raw["text"].tolist()
    # A researcher fills the sheet, with notes that look like formulas and an apostrophe.
    filled = pd.read_csv(sheet_csv, dtype=str, keep_default_na=False)
    notes = ["-see the ministry", "=not a formula", "'quoted'", "+1 source", ""]
    filled["verdict"] = ["true", "false", "unclear", "true", ""]
    filled["notes"] = ["'" + n if n.startswith(tuple("=+-@'")) else n for n in notes]
    filled.to_csv(sheet_csv, index=False)
    merged_csv = tmp_path / "merged.parquet"
    argv = ["claims", "--corpus", str(corpus), "--out", str(merged_csv)]
    assert main([*argv, "--merge-sheet", str(sheet_csv)]) == 0
    merged = pd.read_parquet(merged_csv)
    assert merged["notes"].tolist() == notes
    assert merged["text"].tolist() == raw["text"].tolist()


def test_neutralise_is_exactly_undone() -> None:
    from kzlib.tables import neutralise, unneutralise

    cells = ["=1", "+1", "-1", "@x", "\tx", "\rx", "'", "''=", "'=x", "ok", "", "a=b"]
    frame = pd.DataFrame({"t": cells, "n": range(len(cells))})
    out = neutralise(frame)
    assert not any(_starts_formula(c) for c in out["t"])
    assert out["n"].tolist() == frame["n"].tolist()
    assert unneutralise(out).equals(frame)


def test_numeric_tables_are_unchanged_by_the_option(tmp_path: Path) -> None:
    frame = pd.DataFrame({"x": [-1.5, 2.0], "k": [-3, 4]})
    plain = write_table(frame, tmp_path / "a.csv").read_bytes()
    assert write_table(frame, tmp_path / "b.csv", spreadsheet=True).read_bytes() == plain
    import kzlib.errors

    assert (kzlib.errors.EXIT_INPUT, kzlib.errors.EXIT_IO) == (EXIT_INPUT, EXIT_IO)


# ---------------------------------------------------------------------------
# 3. OS faults: one line, a distinct status, nothing at the target


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], Path]]:
    """Make a folder read-only (for root too: its writes are refused as the kernel would)."""
    folders: list[Path] = []

    def refuse(path: Any) -> None:
        try:
            p = Path(os.fsdecode(path)).absolute()
        except TypeError:
            return
        if any(p == f or f in p.parents for f in folders):
            raise PermissionError(errno.EACCES, "Permission denied", str(p))

    if os.geteuid() == 0:
        real_open, real_mkdir, real_access = os.open, os.mkdir, os.access

        def fake_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if flags & (os.O_CREAT | os.O_WRONLY | os.O_RDWR):
                refuse(path)
            return real_open(path, flags, *args, **kwargs)

        def fake_mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
            refuse(path)
            real_mkdir(path, *args, **kwargs)

        def fake_access(path: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
            p = Path(os.fsdecode(path)).absolute()
            if mode & os.W_OK and any(p == f or f in p.parents for f in folders):
                return False
            return real_access(path, mode, *args, **kwargs)

        monkeypatch.setattr(os, "open", fake_open)
        monkeypatch.setattr(os, "mkdir", fake_mkdir)
        monkeypatch.setattr(os, "access", fake_access)

    def make(folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o555)
        folders.append(folder.absolute())
        return folder

    yield make
    for folder in folders:
        folder.chmod(0o755)


def test_permission_denied_on_output(
    read_only: Callable[[Path], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = read_only(tmp_path / "ro")
    assert main(["corpus", "--out", str(folder / "c.csv")]) == EXIT_PERMISSION
    line = _error_line(capsys)
    assert "permission denied" in line and str(folder) in line
    assert list(folder.iterdir()) == []
    out = folder / "topics"
    assert main(["topics", "--out-dir", str(out), "--n-topics", "2"]) == EXIT_PERMISSION
    assert "permission denied" in _error_line(capsys)
    assert main(["report", "--out", str(folder / "r")]) == EXIT_PERMISSION
    assert "permission denied" in _error_line(capsys)
    assert list(folder.iterdir()) == []


def test_permission_denied_on_corpus(
    make_corpus: MakeCorpus,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    corpus = make_corpus({"a.txt": PLAIN_ARTICLE, "secret.txt": "Hidden text. Here.\n"})
    secret = corpus / "secret.txt"
    secret.chmod(0)
    if os.geteuid() == 0:  # root reads anything: refuse as the kernel would for a user
        real = Path.read_bytes

        def read_bytes(self: Path) -> bytes:
            if self.name == "secret.txt":
                raise PermissionError(errno.EACCES, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    out = tmp_path / "c.csv"
    try:
        status = main(["corpus", "--corpus", str(corpus), "--out", str(out)])
    finally:
        secret.chmod(0o644)
    assert status == EXIT_PERMISSION
    line = _error_line(capsys)
    assert "secret.txt" in line and "permission denied" in line
    assert not out.exists()


def test_output_path_in_the_way(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "table.csv"
    folder.mkdir()
    assert main(["corpus", "--out", str(folder)]) == EXIT_OUTPUT
    assert "is a folder" in _error_line(capsys)
    blocker = tmp_path / "file"
    blocker.write_text("keep me\n")
    assert main(["corpus", "--out", str(blocker / "c.csv")]) == EXIT_OUTPUT
    assert "a folder is wanted" in _error_line(capsys)
    assert main(["topics", "--out-dir", str(blocker), "--n-topics", "2"]) == EXIT_OUTPUT
    assert "a folder is wanted" in _error_line(capsys)
    assert main(["report", "--out", str(blocker / "r")]) == EXIT_OUTPUT
    assert "a folder is wanted" in _error_line(capsys)
    assert blocker.read_text() == "keep me\n"
    # claims: the links target in the way is found before the inventory is written
    claims = tmp_path / "claims.csv"
    argv = ["claims", "--out", str(claims), "--links", str(folder)]
    assert main(argv) == EXIT_OUTPUT
    assert "--links" in _error_line(capsys) and not claims.exists()


def test_disk_full_leaves_the_previous_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "c.csv"
    out.write_text("previous\n")

    def full(self: pd.DataFrame, path: Any, *args: Any, **kwargs: Any) -> None:
        Path(path).write_text("doc_id,ti")  # part of the table, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(pd.DataFrame, "to_csv", full)
    assert main(["corpus", "--out", str(out)]) == EXIT_IO
    assert "no space left" in _error_line(capsys)
    assert out.read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_scheduler(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c.csv"
    address = f"tcp://127.0.0.1:{_free_port()}"
    start = time.perf_counter()
    argv = ["corpus", "--engine", "dask", "--scheduler", address, "--out", str(out)]
    assert main(argv) == EXIT_UNAVAILABLE
    assert time.perf_counter() - start < 10
    line = _error_line(capsys)
    assert address in line and "cannot reach" in line
    assert not out.exists() and list(tmp_path.iterdir()) == []
    argv = ["corpus", "--engine", "dask", "--scheduler", "tcp://nowhere", "--out", str(out)]
    assert main(argv) == EXIT_INPUT
    assert "tcp://HOST:PORT" in _error_line(capsys)


def test_ctrl_c_in_a_streamed_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import kzlib.pipeline.engine as engine

    out = tmp_path / "sentences.csv"
    out.write_text("previous\n")
    real_write = engine.TableSink.write
    calls = {"n": 0}

    def write_then_interrupt(self: Any, frame: pd.DataFrame) -> None:
        real_write(self, frame)
        calls["n"] += 1
        raise KeyboardInterrupt

    monkeypatch.setattr(engine.TableSink, "write", write_then_interrupt)
    argv = ["sentences", "--engine", "local", "--batch-size", "1", "--out", str(out)]
    assert main(argv) == EXIT_INTERRUPTED
    assert calls["n"] == 1
    line = _error_line(capsys)
    assert "interrupted" in line and str(out) in line
    assert out.read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sentences.csv"]


@pytest.mark.parametrize(("signum", "status"), [(2, EXIT_INTERRUPTED), (15, 143)])
def test_signal_in_a_streamed_run_is_one_line(signum: int, status: int, tmp_path: Path) -> None:
    """A real SIGINT (Ctrl-C) or SIGTERM in a streamed run: one line, its status, no scratch."""
    out = tmp_path / "rhetoric.csv"
    code = (
        "import time, kzlib.pipeline.engine as e\n"
        "real = e.TableSink.write\n"
        "def slow(self, frame):\n"
        "    real(self, frame); print('written', flush=True); time.sleep(60)\n"
        "e.TableSink.write = slow\n"
        "from kzlib.cli import main\n"
        f"raise SystemExit(main(['sentences', '--engine', 'local', '--out', {str(out)!r}]))\n"
    )
    # As a command started at a terminal: a runner started in the background (``cmd &``
    # in a script) hands its children SIGINT ignored, and Ctrl-C would then do nothing.
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "written"
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == status, err
    lines = [line for line in err.splitlines() if line.startswith("kzlib: error:")]
    assert len(lines) == 1 and "Traceback" not in err, err
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------
# 7. leftovers of killed runs; 8. modes follow the umask


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_table_scratch_is_removed_and_nothing_else(tmp_path: Path) -> None:
    from kzlib.scratch import OWNER

    host = OWNER.split("@")[1]
    dead = _dead_pid()
    stale = tmp_path / f".t.csv.{dead}@{host}-0123abcd.tmp"
    live = tmp_path / f".t.csv.{os.getppid()}@{host}-0123abcd.tmp"
    old_style = tmp_path / ".t.csv.ab12cd_9.tmp"
    elsewhere = "000000" if host != "000000" else "111111"
    other_host = tmp_path / f".t.csv.{dead}@{elsewhere}-0123abcd.tmp"  # pid of another host
    foreign = [tmp_path / ".t.csv.notes.tmp", tmp_path / "t.csv.bak", tmp_path / ".u.csv.1.tmp"]
    for p in (stale, live, old_style, other_host, *foreign):
        p.write_text("x")
    day_ago = time.time() - 2 * 24 * 3600
    os.utime(old_style, (day_ago, day_ago))
    write_table(pd.DataFrame({"a": [1]}), tmp_path / "t.csv")
    left = {p.name for p in tmp_path.iterdir()}
    assert stale.name not in left and old_style.name not in left
    assert {live.name, other_host.name, *(p.name for p in foreign), "t.csv"} == left


def test_killed_write_leaves_scratch_that_the_next_run_removes(tmp_path: Path) -> None:
    out = tmp_path / "s.csv"
    code = (
        "import os, signal, pandas as pd\n"
        "from kzlib.tables import write_table\n"
        "def die(self, path, *a, **k):\n"
        "    open(path, 'w').write('doc_id,te')\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "pd.DataFrame.to_csv = die\n"
        f"write_table(pd.DataFrame({{'a': [1]}}), {str(out)!r})\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], check=False)
    assert proc.returncode == -9
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1 and not out.exists()
    assert main(["corpus", "--out", str(out)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.csv"]


@pytest.mark.parametrize("umask", [0o022, 0o002])
def test_tables_follow_the_umask(umask: int, tmp_path: Path) -> None:
    previous = os.umask(umask)
    try:
        path = write_table(pd.DataFrame({"a": [1]}), tmp_path / "new" / "t.csv")
        parquet = write_table(pd.DataFrame({"a": [1]}), tmp_path / "t.parquet")
    finally:
        os.umask(previous)
    for p in (path, parquet):
        assert stat.S_IMODE(p.stat().st_mode) == 0o666 & ~umask, oct(p.stat().st_mode)
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o777 & ~umask


@pytest.mark.parametrize("umask", [0o022, 0o002])
def test_streamed_tables_follow_the_umask(umask: int, tmp_path: Path) -> None:
    out = tmp_path / "sentences.parquet"
    previous = os.umask(umask)
    try:
        assert main(["sentences", "--engine", "local", "--out", str(out)]) == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
