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

import numpy as np
import pandas as pd

from kzlib.corpus.document import Document
from kzlib.corpus.sentences import append_paragraph_spans, split_sentences

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
    paras: dict[str, list[object]] = {c: [] for c in PARAGRAPH_COLUMNS}
    sents: dict[str, list[object]] = {c: [] for c in SENTENCE_COLUMNS}
    _segment_into(doc, kinds, paras, sents)
    return _records(paras, PARAGRAPH_COLUMNS), _records(sents, SENTENCE_COLUMNS)


def _records(columns: dict[str, list[object]], names: list[str]) -> list[dict[str, object]]:
    rows = zip(*(columns[n] for n in names), strict=True)
    return [dict(zip(names, row, strict=True)) for row in rows]


def _segment_into(
    doc: Document,
    kinds: tuple[str, ...],
    paras: dict[str, list[object]] | None,
    sents: dict[str, list[object]] | None,
) -> None:
    """Append one document's paragraph and sentence rows to column lists.

    Column lists, not a dict per row, and one offset-map search per document
    (:meth:`~kzlib.corpus.Cleaned.spans_to_raw`): segmenting is several times
    faster, with the same rows.
    """
    cleaned = doc.cleaned
    text = cleaned.text
    blocks = [b for b in cleaned.blocks if b.kind in kinds]
    if paras is not None:
        raw_start, raw_end = cleaned.spans_to_raw(
            [b.start for b in blocks], [b.end for b in blocks]
        )
        n = len(blocks)
        paras["doc_id"].extend([doc.doc_id] * n)
        paras["para_id"].extend(range(n))
        paras["kind"].extend([b.kind for b in blocks])
        paras["start"].extend([b.start for b in blocks])
        paras["end"].extend([b.end for b in blocks])
        paras["raw_start"].extend(raw_start)
        paras["raw_end"].extend(raw_end)
        paras["text"].extend([b.text for b in blocks])
    if sents is None:
        return
    para_ids: list[int] = []
    sent_kinds: list[str] = []
    spans: list[tuple[int, int]] = []
    for para_id, block in enumerate(blocks):
        before = len(spans)
        if block.kind == "heading":
            spans.append((block.start, block.end))
        else:
            append_paragraph_spans(text, block.start, block.end, spans)
        para_ids.extend([para_id] * (len(spans) - before))
        sent_kinds.extend([block.kind] * (len(spans) - before))
    n = len(spans)
    starts: list[int] = [s for s, _ in spans]
    ends: list[int] = [e for _, e in spans]
    raw_start, raw_end = cleaned.spans_to_raw(starts, ends)
    sents["doc_id"].extend([doc.doc_id] * n)
    sents["sent_id"].extend(range(n))
    sents["para_id"].extend(para_ids)
    sents["start"].extend(starts)
    sents["end"].extend(ends)
    sents["text"].extend([text[s:e] for s, e in zip(starts, ends, strict=True)])
    sents["kind"].extend(sent_kinds)
    sents["raw_start"].extend(raw_start)
    sents["raw_end"].extend(raw_end)


_INT_COLUMNS = frozenset({"sent_id", "para_id", "start", "end", "raw_start", "raw_end"})


def _frame(data: dict[str, list[object]], columns: list[str]) -> pd.DataFrame:
    # Text columns go in as object arrays, as pandas builds a frame from records,
    # so they get the same dtype (str; object for an empty table) as before.
    return pd.DataFrame(
        {c: np.array(data[c], dtype=np.int64 if c in _INT_COLUMNS else object) for c in columns},
        columns=columns,
    )


def paragraphs_frame(docs: Iterable[Document]) -> pd.DataFrame:
    """One row per paragraph or heading, with offsets (see :data:`PARAGRAPH_COLUMNS`).

    Examples
    --------
    >>> from kzlib.corpus import load_corpus
    >>> paras = paragraphs_frame(load_corpus())
    >>> int(paras.groupby("doc_id").size().min()) > 1
    True
    """
    data: dict[str, list[object]] = {c: [] for c in PARAGRAPH_COLUMNS}
    for doc in docs:
        _segment_into(doc, ("heading", "body"), data, None)
    return _frame(data, PARAGRAPH_COLUMNS)


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
    data: dict[str, list[object]] = {c: [] for c in SENTENCE_COLUMNS}
    for doc in docs:
        _segment_into(doc, ("heading", "body"), None, data)
    frame = _frame(data, SENTENCE_COLUMNS)
    if not headings:
        frame = frame[frame["kind"] == "body"].reset_index(drop=True)
    return frame
