"""Tests for kzlib.sources: table corpora read in parts, with the folder loader's checks."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from kzlib.corpus.document import Corpus, load_corpus
from kzlib.corpus.sources import iter_source, plan_source, read_part
from kzlib.errors import InputError
from kzlib.paths import SEEDS_DIR


def _seed_rows() -> list[dict[str, object]]:
    corpus = load_corpus(SEEDS_DIR)
    return [{"doc_id": d.doc_id, "text": d.raw, "note": d.meta["note"]} for d in corpus]


def _write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _docs(path: Path, batch_size: int = 250) -> Corpus:
    return Corpus(tuple(d for batch in iter_source(path, batch_size=batch_size) for d in batch))


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_table_gives_same_documents_as_folder(tmp_path: Path, fmt: str) -> None:
    rows = _seed_rows()
    path = tmp_path / f"corpus.{fmt}"
    if fmt == "jsonl":
        _write_jsonl(path, rows)
    else:
        pd.DataFrame(rows).to_parquet(path)
    folder = load_corpus(SEEDS_DIR).to_frame()
    table = _docs(path, batch_size=3).to_frame()
    assert table["path"].tolist() == [f"corpus.{fmt}:{i}" for i in range(1, 5)]
    pd.testing.assert_frame_equal(table.drop(columns="path"), folder.drop(columns="path"))


def test_folder_source_equals_loader() -> None:
    a = _docs(SEEDS_DIR, batch_size=1).to_frame()
    pd.testing.assert_frame_equal(a, load_corpus(SEEDS_DIR).to_frame())


def test_big_row_group_is_streamed_in_parts(tmp_path: Path) -> None:
    rows = [{"text": f"Article number {i}. Astana hosted talks on day {i}."} for i in range(50)]
    path = tmp_path / "big.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=50)
    plan = plan_source(path, batch_size=7)
    parts = list(plan.parts)
    assert plan.n_docs == 50
    assert [p.n_docs for p in parts] == [7] * 7 + [1]
    assert all(p.records for p in parts)
    docs = [d for p in parts for d in read_part(p)]
    assert [d.doc_id for d in docs][:2] == ["big_000001", "big_000002"]
    small = tmp_path / "small.parquet"
    pq.write_table(pa.Table.from_pylist(rows), small, row_group_size=5)
    assert [d.text for d in _docs(small)] == [d.text for d in docs]


def test_metadata_columns_are_given(tmp_path: Path) -> None:
    path = _write_jsonl(
        tmp_path / "c.jsonl",
        [{"text": "Some body text. More.", "title": " T ", "date": "2025-01-02", "extra": 1}],
    )
    (doc,) = _docs(path)
    assert doc.meta["title"] == "T" and doc.provenance["title"] == "manifest"
    assert doc.provenance["author"] == "missing"
    assert doc.meta["extra"] == "1"  # a column of the researcher's own, kept as a group


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_own_columns_become_groups_of_the_corpus_table(tmp_path: Path, fmt: str) -> None:
    rows = [
        {"text": "Alpha spoke first. Then more.", "country": "KAZ", "year": 2022, "share": 0.5},
        {"text": "Beta spoke later. And again.", "country": " UZB ", "year": 2023, "share": None},
    ]
    path = tmp_path / f"c.{fmt}"
    if fmt == "jsonl":
        _write_jsonl(path, rows)
    else:
        pd.DataFrame(rows).to_parquet(path)
    frame = load_corpus(path).to_frame()
    assert frame["country"].tolist() == ["KAZ", "UZB"]
    assert frame["year"].tolist() == ["2022", "2023"]  # written as text, as a manifest cell
    assert frame["share"].iloc[0] == "0.5" and frame["share"].isna().tolist() == [False, True]
    assert frame["n_words"].tolist() == [5, 5]


def test_reserved_columns_are_warned_and_ignored(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "c.jsonl", [{"text": "One body. Two.", "n_words": 99}])
    with pytest.warns(UserWarning, match="n_words ignored: kzlib computes them"):
        frame = load_corpus(path).to_frame()
    assert frame["n_words"].tolist() == [3]


def test_nested_group_cell_is_refused_naming_row(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "c.jsonl", [{"text": "A b. C.", "tags": ["x", "y"]}])
    with pytest.raises(InputError, match=r"c\.jsonl: line 1: column tags holds a list"):
        load_corpus(path)


def test_manifest_with_a_table_is_refused(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "c.jsonl", [{"text": "A b. C."}])
    with pytest.raises(InputError, match="table carries its own metadata"):
        load_corpus(path, manifest=tmp_path / "manifest.csv")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"text": "ok. fine."}\n{"text": "   "}\n', "c.jsonl: line 2: text is empty"),
        (b'{"text": "ok. fine."}\n\n{"text": \n', "c.jsonl: line 3: not valid JSON"),
        (b'{"text": "ok"}\n{"text": "\xff"}\n', "c.jsonl: line 2: not UTF-8"),
        (b'["text"]\n', "c.jsonl: line 1: a JSON list, not an object"),
        (b'{"body": "x"}\n', "c.jsonl: line 1: no text"),
        (b'{"text": 3}\n', "c.jsonl: line 1: text is a int"),
        (b'{"text": "a\\u0000b"}\n', "c.jsonl: line 1: text looks binary"),
        (b'{"text": "ok.", "date": "2 May 2025"}\n', "c.jsonl: line 1: date '2 May 2025'"),
        (b'{"text": "ok.", "author": 7}\n', "c.jsonl: line 1: column author holds a int"),
        (b'{"text": "A."}\n{"text": "B."}\n{"text": "A."}\n', "c.jsonl: line 3: same text as"),
        (b'{"text": "A.", "doc_id": "x"}\n{"text": "B.", "doc_id": "x"}\n', "line 2: doc_id 'x'"),
        (b"\n\n", "no articles"),
    ],
)
def test_bad_rows_refused_naming_file_and_line(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message.replace("(", r"\(")) as err:
        _docs(path, batch_size=1)
    assert "\n" not in str(err.value)


def test_parquet_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "c.parquet"
    pd.DataFrame({"body": ["x"]}).to_parquet(path)
    with pytest.raises(InputError, match=r"c\.parquet: no 'text' column"):
        plan_source(path)


def test_not_a_corpus(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text("text\nx\n")
    with pytest.raises(InputError, match="not a corpus"):
        plan_source(tmp_path / "c.csv")
    with pytest.raises(InputError, match="corpus file not found"):
        plan_source(tmp_path / "missing.parquet")
    with pytest.raises(InputError, match="parameter batch_size=0: must be an integer >= 1"):
        plan_source(SEEDS_DIR, batch_size=0)
