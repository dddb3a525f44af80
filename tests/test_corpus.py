"""Tests for kzlib.corpus: metadata with provenance, encodings, and bad input."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from kzlib.corpus.document import Corpus, Document, load_corpus, sample_doc_ids
from kzlib.corpus.manifest import read_manifest
from kzlib.corpus.metadata import PROVENANCES, metadata_flags, metadata_summary, parse_date
from kzlib.errors import InputError
from kzlib.paths import SEEDS_DIR

MakeCorpus = Callable[[dict[str, bytes | str]], Path]
ARTICLE = "A Title For Testing\nJune 2, 2024\nBy Jane Doe\nKazakhstan signed a deal. It was big.\n"


def test_seeds_load_in_file_order(seeds: Corpus) -> None:
    assert seeds.doc_ids == [
        "000_844f52fa49c433e9",
        "001_3f8aff8216344478",
        "002_197b5af11793718a",
        "004_f92db42e88264e84",
    ]


def test_sha256_of_raw_bytes(seeds: Corpus) -> None:
    for doc in seeds:
        assert doc.sha256 == hashlib.sha256((SEEDS_DIR / doc.path).read_bytes()).hexdigest()


def test_metadata_extracted_from_text_header(seeds: Corpus) -> None:
    doc = seeds["000_844f52fa49c433e9"]
    assert doc.meta["title"] == (
        "Diplomacy 2.0: How Kazakhstan Is Shaping a Post-Imperial Identity Without Antagonism"
    )
    assert doc.meta["date"] == "2025-11-13"
    assert doc.meta["author"] == "Valikhan Tuleshov"
    assert doc.provenance["title"] == doc.provenance["date"] == doc.provenance["author"] == "text"


def test_missing_metadata_is_inferred_and_marked(seeds: Corpus) -> None:
    frame = seeds.to_frame().set_index("doc_id")
    row = frame.loc["004_f92db42e88264e84"]
    # the latest full date the article mentions: the UN speech it discusses
    assert (row["date"], row["date_from"]) == ("2025-09-24", "inferred")
    assert row["title_from"] == "inferred"
    assert frame.loc["001_3f8aff8216344478", "date_from"] == "missing"
    assert set(frame["author_from"]) <= {"text", "missing"}


def test_corpus_table_columns(seeds: Corpus) -> None:
    frame = seeds.to_frame()
    assert list(frame.columns[:9]) == [
        "doc_id",
        "title",
        "date",
        "author",
        "source",
        "url",
        "n_words",
        "sha256",
        "truncated",
    ]
    assert frame["truncated"].tolist() == [False, True, False, False]
    assert frame["n_words"].between(400, 1500).all()


def test_manifest_overrides_text(make_corpus: MakeCorpus) -> None:
    folder = make_corpus(
        {
            "a.txt": ARTICLE,
            "manifest.csv": "file,doc_id,title,source\na.txt,art-1,Given Title,Example Times\n",
        }
    )
    doc = load_corpus(folder)["art-1"]
    assert (doc.meta["title"], doc.provenance["title"]) == ("Given Title", "manifest")
    assert (doc.meta["source"], doc.provenance["source"]) == ("Example Times", "manifest")
    assert (doc.meta["author"], doc.provenance["author"]) == ("Jane Doe", "text")


def test_no_manifest_loads(make_corpus: MakeCorpus) -> None:
    folder = make_corpus({"a.txt": ARTICLE, "b.txt": "Plain body text only. Nothing else.\n"})
    corpus = load_corpus(folder)
    assert corpus.doc_ids == ["a", "b"]
    assert corpus["b"].provenance["title"] == "inferred"


def test_bom_and_crlf_accepted(make_corpus: MakeCorpus) -> None:
    folder = make_corpus({"a.txt": b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode()})
    doc = load_corpus(folder)["a"]
    assert doc.meta["title"] == "A Title For Testing"
    assert doc.meta["date"] == "2024-06-02"
    assert "\r" not in doc.text and "\ufeff" not in doc.text


@pytest.mark.parametrize(
    ("files", "needle"),
    [
        ({"a.txt": b""}, "a.txt: file is empty"),
        ({"a.txt": b"  \n\n"}, "a.txt: file is empty"),
        ({"a.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, "a.txt: looks binary"),
        ({"a.txt": "Caf\u00e9 diplomacy.".encode("latin-1")}, "a.txt: line 1: not UTF-8"),
        (
            {"a.txt": ARTICLE, "b.txt": ARTICLE.replace("\n", "\r\n")},
            "b.txt: same content as a.txt",
        ),
        (
            {"a.txt": ARTICLE, "manifest.csv": "file,title\na.txt,T\nmissing.txt,M\n"},
            "line 3: file missing.txt not found",
        ),
        ({"manifest.csv": "file\n"}, "no .txt articles found"),
        ({"a.txt": ARTICLE, "manifest.csv": "name,title\na.txt,T\n"}, "needs a 'file' column"),
        (
            {"a.txt": ARTICLE, "manifest.csv": "file,date\na.txt,13/11/2025\n"},
            "line 2: date '13/11/2025' is not ISO 8601",
        ),
    ],
)
def test_bad_input_refused_with_one_line(
    make_corpus: MakeCorpus, files: dict[str, bytes | str], needle: str
) -> None:
    folder = make_corpus(files)
    with pytest.raises(InputError) as info:
        load_corpus(folder)
    message = str(info.value)
    assert needle in message
    assert "\n" not in message
    assert str(folder) in message


def test_missing_folder_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="corpus folder not found"):
        load_corpus(tmp_path / "nope")


def test_file_absent_from_manifest_warns(make_corpus: MakeCorpus) -> None:
    folder = make_corpus(
        {"a.txt": ARTICLE, "b.txt": "Other body. Text.\n", "manifest.csv": "file,title\na.txt,T\n"}
    )
    with pytest.warns(UserWarning, match=r"b\.txt: not listed in manifest\.csv"):
        corpus = load_corpus(folder)
    assert corpus["b"].provenance["title"] == "inferred"


def test_seed_manifest_lists_every_seed() -> None:
    rows = read_manifest(SEEDS_DIR / "manifest.csv")
    assert sorted(rows) == sorted(p.name for p in SEEDS_DIR.glob("*.txt"))


def test_parse_date_forms() -> None:
    assert parse_date("Published September 24, 2025, in New York") == "2025-09-24"
    assert parse_date("24 Sept 2025") is None or parse_date("24 September 2025") == "2025-09-24"
    assert parse_date("2025-02-30") is None


def test_document_from_text() -> None:
    doc = Document.from_text(ARTICLE, doc_id="x")
    assert doc.meta["author"] == "Jane Doe"
    assert doc.n_words == 7  # "Kazakhstan signed a deal. It was big."


def test_metadata_summary_counts_what_the_flags_list(
    seeds: Corpus, make_corpus: MakeCorpus
) -> None:
    manifest = (
        "file,doc_id,title,date,author,source,url,note\na.txt,a,,,,,,\nb.txt,b,,,,Reuters,,\n"
    )
    folder = make_corpus({"a.txt": ARTICLE, "b.txt": "Astana hosted talks today.\n"})
    (folder / "manifest.csv").write_text(manifest)
    for table in (seeds.to_frame(), load_corpus(folder).to_frame()):
        summary = metadata_summary(table)
        assert list(summary.columns) == [*PROVENANCES, "articles"]
        assert (summary[list(PROVENANCES)].sum(axis=1) == len(table)).all()
        flags = metadata_flags(table)
        for field in ("title", "date", "author", "source", "url"):
            for kind in ("inferred", "missing"):
                assert summary.loc[field, kind] == (flags[field] == kind).sum()
    assert summary.loc["source", "manifest"] == 1  # Reuters, given for b.txt
    assert summary.loc["date", "text"] == 1  # a.txt's dateline


def test_sample_doc_ids_is_seeded_sorted_and_a_subset() -> None:
    ids = [f"d{i:03d}" for i in range(100)]
    one = sample_doc_ids(reversed(ids), 10, seed=3)
    assert one == sorted(one) and len(set(one)) == 10 and set(one) <= set(ids)
    assert one == sample_doc_ids(ids, 10, seed=3)  # input order does not matter
    assert one != sample_doc_ids(ids, 10, seed=4)
    assert sample_doc_ids(ids + ids, None) == ids
