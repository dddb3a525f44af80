"""Article labels: titles, else file names, never a hash where a name exists; unique."""

from __future__ import annotations

import re

import pandas as pd

from kzlib.corpus import article_labels, labelled, load_corpus
from kzlib.paths import PROJECT_ROOT

HASHED = re.compile(r"\d{3}_[0-9a-f]{16}")


def test_seed_labels_are_titles_not_hashes() -> None:
    table = load_corpus().to_frame()
    names = article_labels(table)
    assert list(names.index) == table["doc_id"].tolist()
    assert names.is_unique and not any(HASHED.search(n) for n in names)
    assert all(len(n) <= 49 for n in names)


def test_file_stem_when_no_title_and_numbers_for_duplicates() -> None:
    table = load_corpus(PROJECT_ROOT / "tests" / "fixtures" / "corpus_plain").to_frame()
    assert article_labels(table).to_dict() == {
        "astana_forum": "Astana Hosts Regional Water Forum",
        "caspian_ferry": "caspian_ferry",  # inferred title: the file name reads better
    }
    twins = pd.DataFrame({"doc_id": ["a", "b", "c"], "title": ["Same", "Same", "Same"]})
    assert article_labels(twins).tolist() == ["Same", "Same (2)", "Same (3)"]


def test_labelled_replaces_ids_in_id_columns_only() -> None:
    frame = pd.DataFrame({"doc_a": ["a"], "doc_b": ["b"], "text": ["a"]})
    out = labelled(frame, {"a": "Alpha", "b": "Beta"})
    assert out.iloc[0].tolist() == ["Alpha", "Beta", "a"]
    assert frame.iloc[0].tolist() == ["a", "b", "a"]  # the input is not changed


def test_labelled_maps_repeated_missing_and_non_string_ids_one_by_one() -> None:
    frame = pd.DataFrame({"doc_id": ["a", "z", None, "a", 7, "z"]})
    out = labelled(frame, {"a": "Alpha", "7": "Seven"})
    got = out["doc_id"].tolist()
    assert got[:2] == ["Alpha", "z"] and pd.isna(got[2])
    assert got[3:] == ["Alpha", "Seven", "z"]


def test_rows_of_one_table_are_named_by_doc_id_not_the_table_file() -> None:
    table = pd.DataFrame(
        {
            "doc_id": ["USA_74_2019", "FRA_74_2019", "a1b2c3d4e5f60718", "x"],
            "title": ["We meet again", "Nous", "Opening words of the lead", "Own title"],
            "title_from": ["inferred", "inferred", "inferred", "manifest"],
            "path": ["speeches.parquet:1", "speeches.parquet:2", "talks.jsonl:7", "x.txt"],
        }
    )
    # a hashed doc_id reads worse than the lead's opening words, as a hashed file name does
    assert article_labels(table).tolist() == [
        "USA_74_2019", "FRA_74_2019", "Opening words of the lead", "Own title",
    ]  # fmt: skip
