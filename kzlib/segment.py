"""Segment cleaned documents into paragraphs and sentences with character offsets.

Every unit carries ``start`` and ``end`` offsets into its document's cleaned
text (``doc.text[start:end] == text``) and ``raw_start``/``raw_end`` into the
raw file text, so any finding can be traced back to the article as received.

Examples
--------
>>> from kzlib.corpus import load_corpus
>>> sents = sentences_frame(load_corpus())
>>> sents.columns.tolist()[:6]
['doc_id', 'sent_id', 'para_id', 'start', 'end', 'text']
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from kzlib.corpus import Document
from kzlib.sentences import sentence_spans, split_sentences

__all__ = [
    "PARAGRAPH_COLUMNS",
    "SENTENCE_COLUMNS",
    "paragraphs_frame",
    "segment_document",
    "sentences_frame",
    "split_sentences",
]

#: Columns of :func:`paragraphs_frame`.
PARAGRAPH_COLUMNS: list[str] = [
    "doc_id",
    "para_id",
    "kind",
    "start",
    "end",
    "raw_start",
    "raw_end",
    "text",
]
#: Columns of :func:`sentences_frame`.
SENTENCE_COLUMNS: list[str] = [
    "doc_id",
    "sent_id",
    "para_id",
    "start",
    "end",
    "text",
    "kind",
    "raw_start",
    "raw_end",
]


def segment_document(
    doc: Document, *, kinds: tuple[str, ...] = ("heading", "body")
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Paragraph and sentence records of one document.

    Parameters
    ----------
    doc : Document
        A loaded document.
    kinds : tuple of str
        Block kinds to segment (title, dateline and byline lines are metadata
        and left out by default).

    Returns
    -------
    paragraphs, sentences : list of dict
        Records with the columns of :data:`PARAGRAPH_COLUMNS` and
        :data:`SENTENCE_COLUMNS`. ``para_id`` and ``sent_id`` count from 0
        within the document.

    Examples
    --------
    >>> doc = Document.from_text("It began.\\nA Heading Here\\nOne. Two.")
    >>> paras, sents = segment_document(doc)
    >>> [(s["kind"], s["text"]) for s in sents]
    [('body', 'It began.'), ('heading', 'A Heading Here'), ('body', 'One.'), ('body', 'Two.')]
    """
    cleaned = doc.cleaned
    paragraphs: list[dict[str, object]] = []
    sentences: list[dict[str, object]] = []
    for block in cleaned.blocks:
        if block.kind not in kinds:
            continue
        para_id = len(paragraphs)
        raw_start, raw_end = cleaned.span_to_raw(block.start, block.end)
        paragraphs.append(
            {
                "doc_id": doc.doc_id,
                "para_id": para_id,
                "kind": block.kind,
                "start": block.start,
                "end": block.end,
                "raw_start": raw_start,
                "raw_end": raw_end,
                "text": block.text,
            }
        )
        spans = [(0, len(block.text))] if block.kind == "heading" else sentence_spans(block.text)
        for s, e in spans:
            start, end = block.start + s, block.start + e
            rs, re_ = cleaned.span_to_raw(start, end)
            sentences.append(
                {
                    "doc_id": doc.doc_id,
                    "sent_id": len(sentences),
                    "para_id": para_id,
                    "start": start,
                    "end": end,
                    "text": cleaned.text[start:end],
                    "kind": block.kind,
                    "raw_start": rs,
                    "raw_end": re_,
                }
            )
    return paragraphs, sentences


def _frame(records: list[dict[str, object]], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=columns)
    for col in columns:
        if col in {"sent_id", "para_id", "start", "end", "raw_start", "raw_end"}:
            frame[col] = frame[col].astype("int64")
    return frame


def paragraphs_frame(docs: Iterable[Document]) -> pd.DataFrame:
    """One row per paragraph or heading, with offsets (see :data:`PARAGRAPH_COLUMNS`).

    Examples
    --------
    >>> from kzlib.corpus import load_corpus
    >>> paras = paragraphs_frame(load_corpus())
    >>> int(paras.groupby("doc_id").size().min()) > 1
    True
    """
    records: list[dict[str, object]] = []
    for doc in docs:
        records.extend(segment_document(doc)[0])
    return _frame(records, PARAGRAPH_COLUMNS)


def sentences_frame(docs: Iterable[Document], *, headings: bool = True) -> pd.DataFrame:
    """One row per sentence, with paragraph ids and offsets (see :data:`SENTENCE_COLUMNS`).

    Parameters
    ----------
    docs : iterable of Document
        Usually a :class:`~kzlib.corpus.Corpus`.
    headings : bool, default True
        Keep headings as one-sentence rows of ``kind == "heading"``.

    Examples
    --------
    >>> from kzlib.corpus import load_corpus
    >>> s = sentences_frame(load_corpus(), headings=False)
    >>> bool((s["kind"] == "body").all())
    True
    """
    records: list[dict[str, object]] = []
    for doc in docs:
        records.extend(segment_document(doc)[1])
    frame = _frame(records, SENTENCE_COLUMNS)
    if not headings:
        frame = frame[frame["kind"] == "body"].reset_index(drop=True)
    return frame
