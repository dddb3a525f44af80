"""Tests for kzlib.pipeline.store: corpus tables computed once, kept by content."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

import kzlib.pipeline.engine as engine
from kzlib.claims import document_years, extract_claims
from kzlib.corpus import audit_frame, load_corpus, paragraphs_frame, sentences_frame
from kzlib.errors import InputError
from kzlib.paths import NOTEBOOKS_DIR, SEEDS_DIR
from kzlib.pipeline.store import MAX_TABLES, corpus_tables
from kzlib.report.needs import notebook_tables

STAGES = ["corpus", "sentences", "paragraphs", "audit", "claims"]


def _in_memory(path: Path) -> dict[str, pd.DataFrame]:
    docs = load_corpus(path)
    tables = {
        "corpus": docs.to_frame(),
        "sentences": sentences_frame(docs),
        "paragraphs": paragraphs_frame(docs),
        "audit": audit_frame(docs),
    }
    tables["claims"] = extract_claims(
        tables["sentences"], doc_years=document_years(tables["corpus"])
    )
    return tables


def _count_runs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    calls: list[tuple[str, ...]] = []
    real = engine.run_pipeline

    def counting(source: object, **kwargs: object) -> object:
        calls.append(tuple(kwargs["outputs"]))  # type: ignore[arg-type]
        return real(source, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "run_pipeline", counting)
    return calls


@pytest.mark.parametrize("fmt", ["folder", "parquet"])
def test_tables_equal_the_in_memory_functions(tmp_path: Path, fmt: str) -> None:
    source = SEEDS_DIR
    if fmt == "parquet":
        docs = load_corpus(SEEDS_DIR)
        source = tmp_path / "seeds.parquet"
        rows = [{"doc_id": d.doc_id, "text": d.raw, "year": 2000 + i} for i, d in enumerate(docs)]
        pd.DataFrame(rows).to_parquet(source)
    stored = corpus_tables(source, STAGES, cache_dir=tmp_path / "store")
    expected = _in_memory(source)
    for stage in STAGES:
        want = expected[stage]
        # a metadata column missing everywhere (None objects) comes back as missing strings
        empty = [c for c in want if want[c].dtype == object and want[c].isna().all()]
        want = want.astype(dict.fromkeys(empty, "str"))
        got = stored[stage]
        if stage == "claims" and fmt == "parquet":  # the table's own columns come after
            assert got.columns.tolist() == [*want.columns, "year"]
            assert set(got["year"]) == {2000, 2001, 2002, 2003}
            got = got[want.columns.tolist()]
            want = want.astype({c: got[c].dtype for c in want})
        pd.testing.assert_frame_equal(got, want)
    assert len(stored["claims"]) > 100 and stored["corpus"]["doc_id"].is_unique
    if fmt == "parquet":
        assert stored["corpus"]["year"].tolist() == ["2000", "2001", "2002", "2003"]


def test_second_call_reads_the_store_and_a_changed_article_is_recomputed(
    make_corpus: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Astana hosted the talks. Both sides signed 3 deals.\n")
    (folder / "b.txt").write_text("The minister said trade grew by 12 percent in 2024.\n")
    store = tmp_path / "store"
    calls = _count_runs(monkeypatch)
    first = corpus_tables(folder, ["corpus", "claims"], cache_dir=store)
    again = corpus_tables(folder, ["corpus", "claims"], cache_dir=store)
    assert calls == [("corpus", "claims")]  # computed once, then read
    pd.testing.assert_frame_equal(first["claims"], again["claims"])
    corpus_tables(folder, ["corpus", "sentences"], cache_dir=store)
    assert calls[-1] == ("sentences",)  # only the missing table is computed
    (folder / "b.txt").write_text("The minister said trade grew by 15 percent in 2024.\n")
    changed = corpus_tables(folder, ["claims"], cache_dir=store)
    assert calls[-1] == ("claims",)
    assert "15 percent" in " ".join(changed["claims"]["text"])
    assert "12 percent" not in " ".join(changed["claims"]["text"])


def test_read_returns_only_the_tables_asked_for_and_stores_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store"
    calls = _count_runs(monkeypatch)
    only = corpus_tables(SEEDS_DIR, ["corpus", "claims"], cache_dir=store, read=["corpus"])
    assert list(only) == ["corpus"] and only["corpus"]["doc_id"].nunique() == 4
    later = corpus_tables(SEEDS_DIR, ["claims"], cache_dir=store)
    assert calls == [("corpus", "claims")]  # the claims were stored by the first call
    assert later["claims"]["doc_id"].nunique() == 4
    with pytest.raises(InputError, match="read="):
        corpus_tables(SEEDS_DIR, ["corpus"], cache_dir=store, read=["claims"])


def test_options_of_another_stage_do_not_change_a_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store"
    calls = _count_runs(monkeypatch)
    corpus_tables(SEEDS_DIR, ["claims"], cache_dir=store, options={"n_boot": 5})
    corpus_tables(SEEDS_DIR, ["claims"], cache_dir=store, options={"n_boot": 9})
    assert len(calls) == 1
    high = corpus_tables(
        SEEDS_DIR, ["claims"], cache_dir=store, options={"min_checkworthiness": 0.5}
    )
    assert len(calls) == 2 and (high["claims"]["checkworthiness"] >= 0.5).all()


def test_least_recently_used_tables_are_evicted(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    for i in range(MAX_TABLES + 5):
        old = store / f"corpus-{i:032d}.parquet"
        old.write_bytes(b"x")
        os.utime(old, (i, i))
    corpus_tables(SEEDS_DIR, ["corpus"], cache_dir=store)
    kept = sorted(p.name for p in store.glob("*.parquet"))
    assert len(kept) == MAX_TABLES
    assert "corpus-" + f"{0:032d}.parquet" not in kept  # the oldest went first
    assert f"corpus-{MAX_TABLES + 4:032d}.parquet" in kept


def test_bad_input_leaves_nothing_in_the_store(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Fine text here.\n")
    (folder / "b.txt").write_bytes(b"")
    store = tmp_path / "store"
    with pytest.raises(InputError, match=r"b\.txt"):
        corpus_tables(folder, ["corpus"], cache_dir=store)
    assert list(store.glob("*.parquet")) == []
    with pytest.raises(InputError, match="unknown table"):
        corpus_tables(SEEDS_DIR, ["nope"], cache_dir=store)


def test_the_report_reads_what_the_project_notebooks_ask_for() -> None:
    needed = notebook_tables(sorted(NOTEBOOKS_DIR.glob("*.ipynb")))
    assert needed == {"corpus", "sentences", "paragraphs", "audit", "claims"}
    assert notebook_tables(sorted(NOTEBOOKS_DIR.glob("03_*.ipynb"))) == {"corpus", "claims"}
