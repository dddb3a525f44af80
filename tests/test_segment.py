"""Tests for kzlib.segment: paragraph and sentence tables with exact offsets."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from kzlib.corpus.document import Corpus, Document
from kzlib.corpus.segment import (
    PARAGRAPH_COLUMNS,
    SENTENCE_COLUMNS,
    paragraphs_frame,
    sentences_frame,
)


def test_sentence_columns(seed_sentences: pd.DataFrame) -> None:
    assert list(seed_sentences.columns) == SENTENCE_COLUMNS


def test_offsets_exact_on_seeds(seeds: Corpus, seed_sentences: pd.DataFrame) -> None:
    for row in seed_sentences.itertuples():
        doc = seeds[row.doc_id]
        assert doc.text[row.start : row.end] == row.text


def test_raw_offsets_cover_the_same_words(seeds: Corpus, seed_sentences: pd.DataFrame) -> None:
    for row in seed_sentences.itertuples():
        raw = seeds[row.doc_id].raw[row.raw_start : row.raw_end]
        assert raw.split()[0][:1].isalnum() == row.text.split()[0][:1].isalnum()
        assert len(raw.split()) == len(row.text.split()) or "U.S.President" in raw


def test_ids_count_from_zero_per_document(seed_sentences: pd.DataFrame) -> None:
    for _, group in seed_sentences.groupby("doc_id"):
        assert group["sent_id"].tolist() == list(range(len(group)))
        assert group["para_id"].is_monotonic_increasing


def test_header_lines_are_not_sentences(seed_sentences: pd.DataFrame) -> None:
    first = seed_sentences[seed_sentences.doc_id == "000_844f52fa49c433e9"].iloc[0]
    assert first["text"].startswith("President Kassym-Jomart Tokayev's recent visit")
    assert set(seed_sentences["kind"]) == {"body", "heading"}


def test_single_line_article_yields_paragraphs(seeds: Corpus) -> None:
    paras = paragraphs_frame([seeds["001_3f8aff8216344478"]])
    assert list(paras.columns) == PARAGRAPH_COLUMNS
    assert (paras["kind"] == "body").sum() == 3
    assert (paras["kind"] == "heading").sum() == 2


def test_headings_optional(seeds: Corpus) -> None:
    body = sentences_frame(seeds, headings=False)
    assert (body["kind"] == "body").all()
    assert body["sent_id"].dtype == "int64"


_words = st.sampled_from(
    [
        "Tokayev",
        "met",
        "Putin",
        "in",
        "Moscow",
        "U.S.",
        "Mr.",
        "3.5",
        "\u201cYes.\u201d",
        "the",
        "deal",
    ]
)
_sentence = st.lists(_words, min_size=1, max_size=10).map(lambda ws: " ".join(ws) + ".")
_para = st.lists(_sentence, min_size=1, max_size=5).map(" ".join)
_doc = st.lists(_para, min_size=1, max_size=5).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(_doc)
def test_offsets_property(text: str) -> None:
    doc = Document.from_text(text)
    frame = sentences_frame([doc])
    for row in frame.itertuples():
        assert doc.text[row.start : row.end] == row.text
        assert row.text == row.text.strip() and row.text
    # nothing lost: every non-space character of the body is in exactly one sentence
    covered = "".join(frame["text"]).replace(" ", "")
    body = "".join(b.text for b in doc.cleaned.blocks_of("body", "heading")).replace(" ", "")
    assert covered == body
