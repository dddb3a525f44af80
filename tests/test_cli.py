"""Tests for kzlib.cli: tables written, bad input reported in one line."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from kzlib.cli import main

MakeCorpus = Callable[[dict[str, bytes | str]], Path]


def test_corpus_command_writes_csv(tmp_path: Path) -> None:
    out = tmp_path / "corpus.csv"
    assert main(["corpus", "--out", str(out)]) == 0
    frame = pd.read_csv(out)
    assert len(frame) == 4
    assert frame.loc[0, "author"] == "Valikhan Tuleshov"


def test_sentences_command_writes_parquet(tmp_path: Path) -> None:
    out = tmp_path / "sentences.parquet"
    assert main(["sentences", "--out", str(out)]) == 0
    frame = pd.read_parquet(out)
    assert list(frame.columns[:6]) == ["doc_id", "sent_id", "para_id", "start", "end", "text"]
    assert len(frame) > 100


def test_bad_input_one_line_no_traceback(make_corpus: MakeCorpus, tmp_path: Path) -> None:
    folder = make_corpus({"good.txt": "Fine text. Here.\n", "bad.txt": b"\xff\xfe\x00\x01"})
    out = tmp_path / "c.csv"
    out.write_text("previous good output\n")
    proc = subprocess.run(
        [sys.executable, "-m", "kzlib", "corpus", "--corpus", str(folder), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("kzlib: error: ") and "bad.txt" in lines[0]
    assert "Traceback" not in proc.stderr
    # the previous output is untouched and no temporary file is left behind
    assert out.read_text() == "previous good output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv", "corpus"]


def test_wrong_output_extension_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["corpus", "--out", "table.xlsx"])
    assert info.value.code == 2
    assert "must end in .csv or .parquet" in capsys.readouterr().err


def test_unlisted_file_warns_on_stderr(
    make_corpus: MakeCorpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_corpus(
        {"a.txt": "One. Two.\n", "b.txt": "Three. Four.\n", "manifest.csv": "file\na.txt\n"}
    )
    assert main(["corpus", "--corpus", str(folder), "--out", str(tmp_path / "c.csv")]) == 0
    assert "kzlib: warning: " in capsys.readouterr().err
