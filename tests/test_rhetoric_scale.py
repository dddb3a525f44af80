"""Rhetoric analyses on corpora too large for every pair: sampled pairs and nearest neighbours."""

from __future__ import annotations

import pandas as pd
import pytest

from kzlib.corpus.document import sample_doc_ids
from kzlib.errors import InputError
from kzlib.rhetoric import similarity, tfidf


@pytest.fixture(scope="module")
def with_copies(seed_sentences: pd.DataFrame) -> pd.DataFrame:
    """The seeds plus a near-copy of each (its first body sentence dropped)."""
    copies = []
    for doc_id, doc in seed_sentences.groupby("doc_id"):
        body = doc[doc["kind"] == "body"]
        copies.append(doc.drop(index=body.index[0]).assign(doc_id=f"{doc_id}_copy"))
    return pd.concat([seed_sentences, *copies], ignore_index=True)


def test_nearest_neighbour_of_each_near_copy_is_its_original(with_copies: pd.DataFrame) -> None:
    nearest = similarity(with_copies, top=1)
    assert len(nearest) == 8
    for row in nearest.itertuples():
        if row.doc_a.endswith("_copy"):
            assert row.doc_b == row.doc_a.removesuffix("_copy")
            assert row.similarity > 0.95
    # neighbours are other articles, most similar first
    three = similarity(with_copies, top=3)
    assert (three["doc_a"] != three["doc_b"]).all()
    assert three.groupby("doc_a")["similarity"].is_monotonic_decreasing.all()


def test_top_and_doc_ids_agree_with_the_full_matrix(with_copies: pd.DataFrame) -> None:
    full = similarity(with_copies)
    ids = sample_doc_ids(with_copies["doc_id"], 3, seed=1)
    sub = similarity(with_copies, doc_ids=ids)
    expected = full[full["doc_a"].isin(ids) & full["doc_b"].isin(ids)].reset_index(drop=True)
    pd.testing.assert_frame_equal(sub, expected)  # idf still from the whole corpus
    best = similarity(with_copies, top=2)
    off = full[full["doc_a"] != full["doc_b"]]
    by_hand = (
        off.sort_values(["doc_a", "similarity", "doc_b"], ascending=[True, False, True])
        .groupby("doc_a")
        .head(2)
        .reset_index(drop=True)
    )
    pd.testing.assert_frame_equal(best, by_hand)


def test_blocks_do_not_change_the_result(
    with_copies: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = similarity(with_copies)
    nearest = similarity(with_copies, top=2)
    monkeypatch.setattr(tfidf, "_SIMILARITY_BLOCK", 3)
    pd.testing.assert_frame_equal(similarity(with_copies), whole)
    pd.testing.assert_frame_equal(similarity(with_copies, top=2), nearest)


def test_top_must_be_positive(seed_sentences: pd.DataFrame) -> None:
    with pytest.raises(InputError, match="top=0: must be"):
        similarity(seed_sentences, top=0)


def test_measures_in_runs_of_articles_equal_the_whole(
    with_copies: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kzlib.rhetoric import profile

    # rows shuffled, so each run of articles gathers its rows from all over the table
    shuffled = with_copies.sample(frac=1.0, random_state=3)
    whole = profile.measures(shuffled, n_boot=50, seed=2)
    monkeypatch.setattr(profile, "_CHUNK_SENTENCES", 40)
    chunks = profile._doc_chunks(shuffled["doc_id"], 40)
    assert len(chunks) > 2  # the runs really split the corpus
    in_runs = profile.measures(shuffled, n_boot=50, seed=2)
    pd.testing.assert_frame_equal(in_runs, whole)
    assert in_runs["doc_id"].is_monotonic_increasing


def test_lexicon_scan_in_runs_of_texts_equals_one_scan(
    seed_sentences: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kzlib.rhetoric import load_actors, load_lexicons, scan

    lexicons = [*load_lexicons().by_name.values(), load_actors()]
    texts = seed_sentences["text"].astype(str).tolist()
    whole = scan.find_all(lexicons, texts)
    monkeypatch.setattr(scan, "_SCAN_CHARS", 500)
    assert len(scan._runs(texts, 500)) > 10
    in_runs = scan.find_all(lexicons, texts)
    assert sum(len(f) for f in whole) > 100  # the seeds do match the lexicons
    for a, b in zip(whole, in_runs, strict=True):
        pd.testing.assert_frame_equal(a, b)


def test_no_term_matches_across_two_texts() -> None:
    from kzlib.rhetoric import load_actors

    texts = ["They met the President of the United", "States of America."]
    found = load_actors().find(texts)
    # "America" alone is an alias; "United" + "States" across the two texts is no match
    assert found[["item", "match"]].values.tolist() == [[1, "America"]]
    assert all(e <= len(texts[i]) for i, e in zip(found["item"], found["end"], strict=True))
    both = load_actors().find(["x", "They met the United States delegation."])
    assert both[["item", "start", "end"]].values.tolist() == [[1, 13, 26]]
