"""Tests for kzlib.tables: deterministic, atomic table output."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kzlib.errors import InputError
from kzlib.tables import write_table


def test_csv_bytes_are_deterministic(tmp_path: Path) -> None:
    frame = pd.DataFrame({"doc_id": ["a", "b"], "value": [1 / 3, 2.0e-9]})
    a = write_table(frame, tmp_path / "a.csv").read_bytes()
    b = write_table(frame, tmp_path / "b.csv").read_bytes()
    assert a == b == b"doc_id,value\na,0.333333\nb,2e-09\n"


def test_parquet_round_trip(tmp_path: Path) -> None:
    frame = pd.DataFrame({"x": [1, 2], "y": ["p", "q"]})
    pd.testing.assert_frame_equal(
        pd.read_parquet(write_table(frame, tmp_path / "t.parquet")), frame
    )


def test_failed_write_leaves_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "t.csv"
    target.write_text("old\n")

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", boom)
    with pytest.raises(RuntimeError):
        write_table(pd.DataFrame({"a": [1]}), target)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"\.csv or \.parquet"):
        write_table(pd.DataFrame(), tmp_path / "t.json")


def test_big_csv_table_is_written_as_parquet(tmp_path: Path) -> None:
    frame = pd.DataFrame({"claim": ["a", "=b", "c"], "value": [1.5, 2.0, 3.25]})
    small = write_table(frame, tmp_path / "small.csv", max_csv_rows=3)
    assert small.name == "small.csv" and small.read_text().splitlines()[2] == "'=b,2"
    big = write_table(frame, tmp_path / "big.csv", max_csv_rows=2)
    assert big.name == "big.parquet" and not (tmp_path / "big.csv").exists()
    assert pd.read_parquet(big).equals(frame)  # Parquet keeps the text as is
    with pytest.raises(InputError, match="max_csv_rows"):
        write_table(frame, tmp_path / "x.csv", max_csv_rows=-1)
