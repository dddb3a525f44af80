"""Tests for kzlib.pipeline: streamed stages equal the in-memory functions, on both engines."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from kzlib.cli import main
from kzlib.corpus.document import Corpus, load_corpus
from kzlib.corpus.segment import sentences_frame
from kzlib.errors import InputError
from kzlib.paths import PROJECT_ROOT, SEEDS_DIR
from kzlib.pipeline import TableSink, run_pipeline

SMALL = PROJECT_ROOT / "tests" / "fixtures" / "corpus_small"


def _table_corpus(tmp_path: Path) -> Path:
    """Seeds and the small fixture corpus as one Parquet table (7 articles)."""
    docs = [*load_corpus(SEEDS_DIR), *load_corpus(SMALL)]
    path = tmp_path / "corpus.parquet"
    pd.DataFrame([{"doc_id": d.doc_id, "text": d.raw} for d in docs]).to_parquet(path)
    return path


@pytest.mark.parametrize("batch_size", [1, 3, 250])
@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_local_engine_equals_in_memory(tmp_path: Path, batch_size: int, suffix: str) -> None:
    outs = {"corpus": tmp_path / f"c{suffix}", "sentences": tmp_path / f"s{suffix}"}
    summary = run_pipeline(SEEDS_DIR, outputs=outs, batch_size=batch_size, progress=None)
    corpus = load_corpus(SEEDS_DIR)
    want = {"corpus": corpus.to_frame(), "sentences": sentences_frame(corpus)}
    for stage, path in outs.items():
        got = pd.read_csv(path) if suffix == ".csv" else pd.read_parquet(path)
        ref = want[stage]
        if suffix == ".csv":
            ref = pd.read_csv(_roundtrip(ref, tmp_path / f"ref_{stage}.csv"))
        else:  # a column without values is written as strings, not as nulls
            empty = [c for c in ref if ref[c].isna().all()]
            assert got[empty].isna().all().all()
            ref = ref.astype({c: got[c].dtype for c in empty})
        pd.testing.assert_frame_equal(got, ref)
    assert summary.n_docs == 4 and summary.rows["sentences"] == len(want["sentences"])
    assert summary.n_words == int(want["corpus"]["n_words"].sum())


def _roundtrip(frame: pd.DataFrame, path: Path) -> Path:
    from kzlib.tables import write_table

    return write_table(frame, path)


def test_dask_engine_identical_row_for_row(tmp_path: Path) -> None:
    source = _table_corpus(tmp_path)
    outs = {s: tmp_path / f"local_{s}.parquet" for s in ("corpus", "sentences")}
    run_pipeline(source, outputs=outs, batch_size=2, progress=None)
    douts = {s: tmp_path / f"dask_{s}.parquet" for s in ("corpus", "sentences")}
    summary = run_pipeline(
        source, outputs=douts, batch_size=2, engine="dask", jobs=2, progress=None
    )
    assert summary.n_docs == 7
    for stage in outs:
        pd.testing.assert_frame_equal(pd.read_parquet(douts[stage]), pd.read_parquet(outs[stage]))
    # and the same as loading the table whole
    docs = load_corpus(SEEDS_DIR).documents + load_corpus(SMALL).documents
    ref = sentences_frame(Corpus(docs))
    pd.testing.assert_frame_equal(pd.read_parquet(douts["sentences"]), ref)


def test_dask_engine_reports_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    rows = [{"text": f"Article {i}. It is fine."} for i in range(5)] + [{"text": ""}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "s.parquet"
    with pytest.raises(InputError, match=r"c\.jsonl: line 6: text is empty"):
        run_pipeline(
            path, outputs={"sentences": out}, batch_size=2, engine="dask", jobs=1, progress=None
        )
    assert not out.exists()


def test_bad_input_in_a_late_part_leaves_no_output(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    rows = [{"text": f"Article {i}. It is fine."} for i in range(9)] + [{"text": "Article 0."}]
    rows[-1] = rows[0]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "c.csv"
    out.write_text("previous\n")
    with pytest.raises(InputError, match=r"line 10: same text as .*line 1"):
        run_pipeline(path, outputs={"corpus": out}, batch_size=3, progress=None)
    assert out.read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv", "c.jsonl"]


def test_progress_lines(tmp_path: Path) -> None:
    lines: list[str] = []
    rows = [{"text": f"Article {i}. It is fine."} for i in range(1200)]
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    run_pipeline(path, outputs={"corpus": None}, batch_size=100, progress=lines.append, every=0)
    assert len(lines) == 12
    assert "1,200/1,200 documents (100%)" in lines[-1] and "documents/s" in lines[-1]
    assert "ETA" in lines[0]


def test_table_sink_empty_and_mismatch(tmp_path: Path) -> None:
    sink = TableSink(tmp_path / "e.parquet")
    sink.write(pd.DataFrame({"a": pd.Series([], dtype="int64"), "b": pd.Series([], dtype=float)}))
    sink.write(pd.DataFrame({"a": [1, 2], "b": [None, None]}))
    sink.write(pd.DataFrame({"a": [3], "b": ["x"]}))
    assert pd.read_parquet(sink.commit())["b"].tolist()[2] == "x"
    sink = TableSink(tmp_path / "only_empty.parquet")
    sink.write(pd.DataFrame({"a": pd.Series([], dtype="int64")}))
    assert pd.read_parquet(sink.commit()).columns.tolist() == ["a"]
    sink = TableSink(tmp_path / "m.csv")
    sink.write(pd.DataFrame({"a": [1]}))
    with pytest.raises(ValueError, match="columns changed"):
        sink.write(pd.DataFrame({"b": [1]}))
    sink.abort()
    assert not list(tmp_path.glob(".m.csv*"))
    with pytest.raises(InputError, match="must end in"):
        TableSink(tmp_path / "x.txt")


def test_cli_streams_a_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _table_corpus(tmp_path)
    out = tmp_path / "s.csv"
    assert main(["sentences", "--corpus", str(source), "--out", str(out), "--no-headings"]) == 0
    frame = pd.read_csv(out)
    assert set(frame["kind"]) == {"body"} and frame["doc_id"].nunique() == 7
    assert "7 documents" in capsys.readouterr().err
    status = main(["corpus", "--corpus", str(source), "--out", str(out), "--scheduler", "x:1"])
    assert status == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err
    status = main(["corpus", "--corpus", str(tmp_path / "nope.jsonl"), "--out", str(out)])
    assert status == 2
    assert "corpus file not found" in capsys.readouterr().err


@pytest.mark.parametrize("batch_size", [1, 2, 250])
def test_claims_stage_equals_whole_corpus_extraction(tmp_path: Path, batch_size: int) -> None:
    from kzlib.claims import document_years, extract_claims, link_claims
    from kzlib.pipeline import link_written_claims

    source = _table_corpus(tmp_path)
    out = tmp_path / "claims.parquet"
    run_pipeline(source, outputs={"claims": out}, batch_size=batch_size, progress=None)
    corpus = Corpus(load_corpus(SEEDS_DIR).documents + load_corpus(SMALL).documents)
    ref = extract_claims(sentences_frame(corpus), doc_years=document_years(corpus.to_frame()))
    got = pd.read_parquet(out)
    assert len(ref) > 50
    pd.testing.assert_frame_equal(got, ref.astype({c: got[c].dtype for c in ref}))
    links = link_written_claims(out)
    want = link_claims(ref)
    assert len(want) > 0
    pd.testing.assert_frame_equal(links, want, check_dtype=False)


@pytest.mark.parametrize("suffix", [".parquet", ".jsonl"])
def test_claims_stage_carries_the_tables_own_columns(tmp_path: Path, suffix: str) -> None:
    from kzlib.claims import document_years, extract_claims

    docs = [*load_corpus(SEEDS_DIR), *load_corpus(SMALL)]
    rows = pd.DataFrame(
        {
            "doc_id": [d.doc_id for d in docs],
            "text": [d.raw for d in docs],
            "country": [f"C{i % 3}" for i in range(len(docs))],
            "year": [1990 + i for i in range(len(docs))],
            "speaker": ["not the claim's speaker"] * len(docs),  # a claims column: left out
        }
    )
    source = tmp_path / f"corpus{suffix}"
    if suffix == ".parquet":
        rows.to_parquet(source)
    else:
        rows.to_json(source, orient="records", lines=True, force_ascii=False)
    out = tmp_path / "claims.parquet"
    run_pipeline(source, outputs={"claims": out}, batch_size=2, progress=None)
    got = pd.read_parquet(out)
    corpus = Corpus(tuple(docs))
    ref = extract_claims(sentences_frame(corpus), doc_years=document_years(corpus.to_frame()))
    # the same claims, each with its document's own country and year after the claim columns
    assert got.columns.tolist() == [*ref.columns, "country", "year"]
    own = got[ref.columns.tolist()]
    pd.testing.assert_frame_equal(own, ref.astype({c: own[c].dtype for c in ref}))
    by_doc = rows.set_index("doc_id")
    assert got["country"].tolist() == by_doc.loc[got["doc_id"], "country"].tolist()
    assert got["year"].tolist() == by_doc.loc[got["doc_id"], "year"].tolist()
    assert got["speaker"].tolist() == ref["speaker"].tolist()


@pytest.mark.parametrize("batch_size", [2, 250])
@pytest.mark.parametrize("index", ["shuffled", "filtered", "named"])
def test_a_stored_pandas_index_does_not_move_the_columns(
    tmp_path: Path, index: str, batch_size: int
) -> None:
    # DataFrame.to_parquet keeps an index that is not 0, 1, 2, ... (a shuffle, a filter) as a
    # column; the group columns were once aligned on it, onto other documents' claims
    docs = [*load_corpus(SEEDS_DIR), *load_corpus(SMALL)]
    rows = pd.DataFrame({
        "doc_id": [d.doc_id for d in docs],
        "text": [d.raw for d in docs],
        "country": [f"C{i}" for i in range(len(docs))],
    })
    if index == "shuffled":  # the index is a permutation of 0..n-1: no gap to notice
        rows = rows.sample(frac=1.0, random_state=0)
    elif index == "filtered":
        rows = rows.set_axis(range(100, 100 + 2 * len(rows), 2))
    else:
        rows = rows.set_index("doc_id")
    rows.to_parquet(tmp_path / "c.parquet")
    out = tmp_path / "claims.parquet"
    run_pipeline(tmp_path / "c.parquet", outputs={"claims": out}, batch_size=batch_size,
                 progress=None)
    got = pd.read_parquet(out)
    country = dict(zip([d.doc_id for d in docs], [f"C{i}" for i in range(len(docs))],
                       strict=True))
    assert got["doc_id"].nunique() == len(docs)
    assert got["country"].tolist() == [country[d] for d in got["doc_id"]]
    assert not [c for c in got.columns if c.startswith("__")]
    table = load_corpus(tmp_path / "c.parquet").to_frame()
    assert not [c for c in table.columns if c.startswith("__")]
    assert sorted(table["doc_id"]) == sorted(country)


def test_folder_claims_have_no_extra_columns(tmp_path: Path) -> None:
    out = tmp_path / "claims.parquet"
    run_pipeline(SEEDS_DIR, outputs={"claims": out}, batch_size=2, progress=None)
    from kzlib.claims import CLAIM_COLUMNS

    assert pd.read_parquet(out).columns.tolist() == CLAIM_COLUMNS


def test_cli_claims_streamed_with_links(tmp_path: Path) -> None:
    source = _table_corpus(tmp_path)
    out, links = tmp_path / "c.csv", tmp_path / "l.csv"
    args = ["claims", "--corpus", str(source), "--out", str(out), "--links", str(links)]
    assert main([*args, "--min-checkworthiness", "0.5"]) == 0
    assert (pd.read_csv(out)["checkworthiness"] >= 0.5).all()
    assert main([*args, "--merge-sheet", str(out)]) == 2


def test_stream_topics_finds_planted_themes() -> None:
    from kzlib.topics import stream_topics

    rail = "Rail freight crosses the Caspian port terminal with container wagons."
    judo = "Judo wrestler balance throws opponent using leverage and grip technique."
    rows = [
        {"doc_id": f"{kind}{i:03d}", "text": text.replace("the", f"the{i % 7}")}
        for i in range(60)
        for kind, text in (("rail", rail), ("judo", judo))
    ]
    frame = pd.DataFrame(rows)
    result = stream_topics(
        lambda: [frame.iloc[:50], frame.iloc[50:]], n_topics=2, min_df=2, chunk_rows=40
    )
    assert result.n_units == 120
    top = result.doc_topics.loc[result.doc_topics.groupby("doc_id")["weight"].idxmax()]
    by_kind = top.assign(kind=top["doc_id"].str[:4]).groupby("kind")["topic"].unique()
    assert len(by_kind["rail"]) == 1 and len(by_kind["judo"]) == 1
    assert by_kind["rail"][0] != by_kind["judo"][0]
    terms = set(result.topic_terms.loc[result.topic_terms["rank"] <= 3, "term"])
    assert terms & {"rail", "freight", "caspian"} and terms & {"judo", "wrestler", "balance"}
    again = stream_topics(
        lambda: [frame.iloc[:50], frame.iloc[50:]],
        n_topics=2,
        min_df=2,
        chunk_rows=40,
        cache_nnz=0,
    )
    pd.testing.assert_frame_equal(again.doc_topics, result.doc_topics)
    with pytest.raises(InputError, match="too few"):
        stream_topics(lambda: [frame], n_topics=50, min_df=2)


@pytest.mark.parametrize("batch_size", [1, 3, 250])
def test_rhetoric_stage_equals_whole_corpus_measures(tmp_path: Path, batch_size: int) -> None:
    from kzlib.rhetoric import measures

    source = _table_corpus(tmp_path)
    outs = {"rhetoric": tmp_path / "r.parquet"}
    options = {"n_boot": 50, "seed": 3}
    run_pipeline(source, outputs=outs, batch_size=batch_size, options=options, progress=None)
    corpus = Corpus(load_corpus(SEEDS_DIR).documents + load_corpus(SMALL).documents)
    ref = measures(sentences_frame(corpus), n_boot=50, seed=3)
    got = pd.read_parquet(outs["rhetoric"])
    assert got["doc_id"].nunique() == 7
    pd.testing.assert_frame_equal(got, ref.astype({c: got[c].dtype for c in ref}))


def test_cli_rhetoric_streamed(tmp_path: Path) -> None:
    source = _table_corpus(tmp_path)
    out = tmp_path / "r.csv"
    args = ["rhetoric", "--corpus", str(source), "--out", str(out), "--n-boot", "20"]
    assert main([*args, "--measure", "hedges_per_1k", "--batch-size", "2"]) == 0
    frame = pd.read_csv(out)
    assert set(frame["measure"]) == {"hedges_per_1k"} and len(frame) == 7


@pytest.mark.parametrize(("batch_rows", "pending"), [(1, 50), (37, 1_000_000), (10_000, 1)])
def test_stream_keyness_equals_whole_corpus_keyness(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch_rows: int, pending: int
) -> None:
    from kzlib.pipeline import iter_sentence_batches, stream_keyness
    from kzlib.rhetoric import keyness, keywords

    # word totals summed every `pending` words as well as all at once
    monkeypatch.setattr(keywords, "_MERGE_PENDING", pending)
    source = _table_corpus(tmp_path)
    out = tmp_path / "s.parquet"
    run_pipeline(source, outputs={"sentences": out}, progress=None)
    cols = ("doc_id", "sent_id", "text")
    got = stream_keyness(lambda: iter_sentence_batches(out, batch_rows=batch_rows, columns=cols))
    ref = keyness(pd.read_parquet(out))
    assert got["doc_id"].nunique() >= 5 and len(got) > 50
    pd.testing.assert_frame_equal(got, ref, check_dtype=False)
    with pytest.raises(InputError, match="min_count"):
        stream_keyness(lambda: iter_sentence_batches(out, columns=cols), min_count=0)


def test_keyness_steps_over_batches_equal_keyness() -> None:
    from kzlib.rhetoric import (
        combine_keyness,
        keyness,
        keyness_totals,
        merge_keyness_totals,
        score_keyness,
    )

    corpus = Corpus(load_corpus(SEEDS_DIR).documents + load_corpus(SMALL).documents)
    sentences = sentences_frame(corpus)
    ids = sorted(sentences["doc_id"].unique())
    # batches of whole articles, in an order other than doc_id order
    batches = [sentences[sentences["doc_id"].isin(ids[i::3])] for i in (2, 0, 1)]
    totals = merge_keyness_totals(keyness_totals(b) for b in batches)
    whole = keyness_totals(sentences)
    assert totals.n_docs == whole.n_docs == 7 and totals.grand == whole.grand
    got = combine_keyness(score_keyness(b, totals, top=5, min_count=2) for b in batches)
    ref = keyness(sentences, top=5, min_count=2)
    assert got["doc_id"].nunique() == 7
    pd.testing.assert_frame_equal(got, ref)
    # against the totals of its own batch only, an article scores differently
    alone = score_keyness(batches[0], keyness_totals(batches[0]), top=5, min_count=2)
    mine = ref[ref["doc_id"].isin(batches[0]["doc_id"])].reset_index(drop=True)
    assert not alone.equals(mine)


@pytest.mark.parametrize("batch_rows", [1, 37, 500])
def test_stream_topics_same_for_any_batching(tmp_path: Path, batch_rows: int) -> None:
    from kzlib.pipeline import iter_sentence_batches, stream_topics

    source = _table_corpus(tmp_path)
    out = tmp_path / "s.parquet"
    run_pipeline(source, outputs={"sentences": out}, batch_size=2, progress=None)
    frame = pd.read_parquet(out)
    frame = frame.loc[frame["kind"] == "body", ["doc_id", "text"]].reset_index(drop=True)
    options = {"n_topics": 3, "min_df": 2, "chunk_rows": 64, "epochs": 2}
    whole = stream_topics(lambda: [frame], **options)
    streamed = stream_topics(lambda: iter_sentence_batches(out, batch_rows=batch_rows), **options)
    assert whole.n_units == len(frame) and whole.doc_topics["doc_id"].nunique() == 7
    assert (streamed.n_units, streamed.n_terms) == (whole.n_units, whole.n_terms)
    pd.testing.assert_frame_equal(streamed.topic_terms, whole.topic_terms, check_exact=True)
    pd.testing.assert_frame_equal(streamed.doc_topics, whole.doc_topics, check_exact=True)


def test_cli_topics_streamed(tmp_path: Path) -> None:
    source = _table_corpus(tmp_path)
    out = tmp_path / "topics"
    args = ["topics", "--corpus", str(source), "--out-dir", str(out)]
    assert main([*args, "--n-topics", "3", "--min-df", "2", "--max-df", "0.5"]) == 0
    doc_topics = pd.read_csv(out / "doc_topics.csv")
    assert doc_topics["doc_id"].nunique() == 7 and set(doc_topics["topic"]) == {0, 1, 2}
    assert len(pd.read_csv(out / "topic_terms.csv")) == 30
    assert main(args) == 2  # --n-topics auto needs an in-memory corpus


def test_dask_engine_on_a_running_cluster_with_a_relative_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import logging

    from distributed import LocalCluster

    (tmp_path / "work").mkdir()
    _table_corpus(tmp_path / "work")
    with LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    ) as cluster:
        monkeypatch.chdir(tmp_path / "work")  # the workers run in another folder
        out = Path("s.parquet")
        summary = run_pipeline(
            "corpus.parquet",
            outputs={"sentences": out},
            engine="dask",
            scheduler=cluster.scheduler_address,
            progress=None,
        )
    assert summary.n_docs == 7 and len(pd.read_parquet(out)) == summary.rows["sentences"]
