"""Units of a topic model: the passages (paragraphs, sentences, windows) it is fitted on.

Examples
--------
>>> from kzlib import load_corpus, sentences_frame
>>> units = make_units(sentences_frame(load_corpus()), unit="sentence")
>>> units.columns.tolist()[:4]
['doc_id', 'unit_id', 'para_id', 'first_sent']
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import pandas as pd

from kzlib.checks import check_choice, check_int, check_optional_int
from kzlib.errors import InputError
from kzlib.text import count_spaced

__all__ = ["UNITS", "UNIT_COLUMNS", "make_units"]

#: Kinds of unit a corpus can be cut into.
UNITS: tuple[str, ...] = ("paragraph", "sentence", "window")
#: Columns of :func:`make_units`.
UNIT_COLUMNS: list[str] = [
    "doc_id",
    "unit_id",
    "para_id",
    "first_sent",
    "last_sent",
    "start",
    "end",
    "n_words",
    "text",
]

_SentRow = tuple[Any, Any, Any, Any, Any, str]  # doc_id, sent_id, para_id, start, end, text


def _chunks(n: int, size: int) -> list[tuple[int, int]]:
    """Split ``range(n)`` into ``ceil(n / size)`` near-equal consecutive runs."""
    parts = max(1, math.ceil(n / size))
    bounds = [round(i * n / parts) for i in range(parts + 1)]
    return [(bounds[i], bounds[i + 1]) for i in range(parts) if bounds[i + 1] > bounds[i]]


def make_units(
    sentences: pd.DataFrame,
    *,
    unit: str = "paragraph",
    window_size: int = 3,
    max_unit_words: int | None = 150,
) -> pd.DataFrame:
    """Cut a sentence table into the units a topic model is fitted on.

    Headings (``kind == "heading"``) are left out: a heading of five words is
    too short to be a unit and would otherwise count as a paragraph.

    Parameters
    ----------
    sentences : DataFrame
        The table of :func:`kzlib.corpus.sentences_frame`.
    unit : {"paragraph", "sentence", "window"}
        ``paragraph``: a body paragraph; one longer than ``max_unit_words``
        is cut, at sentence boundaries, into near-equal runs (so an article
        that arrives as one long line still gives several units).
        ``sentence``: one sentence. ``window``: consecutive, non-overlapping
        runs of ``window_size`` sentences of a document, across paragraphs.
    window_size : int, default 3
        Sentences per window (``unit="window"`` only).
    max_unit_words : int or None, default 150
        Longest paragraph unit, in words; ``None`` never cuts paragraphs.

    Returns
    -------
    DataFrame
        One row per unit (:data:`UNIT_COLUMNS`): ``doc_id, unit_id`` (from 0 per
        document), ``para_id`` (of the first sentence), ``first_sent, last_sent``
        (``sent_id`` range, inclusive), ``start, end`` (offsets into the
        cleaned text), ``n_words, text``.

    Examples
    --------
    >>> from kzlib import load_corpus, sentences_frame
    >>> units = make_units(sentences_frame(load_corpus()), unit="window", window_size=4)
    >>> int(units.groupby("doc_id")["unit_id"].count().min()) > 1
    True
    """
    check_choice("unit", unit, UNITS)
    check_int("window_size", window_size)
    check_optional_int("max_unit_words", max_unit_words)
    records: list[dict[str, object]] = []
    for doc_id, doc_rows in itertools.groupby(_body_rows(sentences), key=lambda r: r[0]):
        groups = _unit_groups(
            list(doc_rows), unit=unit, window_size=window_size, max_unit_words=max_unit_words
        )
        for unit_id, group in enumerate(groups):
            text = " ".join(r[5] for r in group)
            records.append(
                {
                    "doc_id": doc_id,
                    "unit_id": unit_id,
                    "para_id": int(group[0][2]),
                    "first_sent": int(group[0][1]),
                    "last_sent": int(group[-1][1]),
                    "start": int(group[0][3]),
                    "end": int(group[-1][4]),
                    "n_words": count_spaced(text),
                    "text": text,
                }
            )
    return pd.DataFrame.from_records(records, columns=UNIT_COLUMNS)


def _body_rows(sentences: pd.DataFrame) -> list[_SentRow]:
    """The body sentences (no headings) as tuples, in document and sentence order."""
    missing = {"doc_id", "sent_id", "para_id", "start", "end", "text"} - set(sentences.columns)
    if missing:
        raise InputError(
            f"sentence table lacks column(s) {', '.join(sorted(missing))};"
            " pass sentences_frame(corpus)"
        )
    body = sentences
    if "kind" in body.columns:
        body = body[body["kind"] != "heading"]
    body = body.sort_values(["doc_id", "sent_id"], kind="stable")
    return list(
        zip(
            body["doc_id"].tolist(),
            body["sent_id"].tolist(),
            body["para_id"].tolist(),
            body["start"].tolist(),
            body["end"].tolist(),
            body["text"].tolist(),
            strict=True,
        )
    )


def _unit_groups(
    doc: list[_SentRow], *, unit: str, window_size: int, max_unit_words: int | None
) -> list[list[_SentRow]]:
    """One document's sentences grouped into units."""
    if unit == "sentence":
        return [[r] for r in doc]
    if unit == "window":
        return [doc[i : i + window_size] for i in range(0, len(doc), window_size)]
    groups: list[list[_SentRow]] = []
    for _, para_rows in itertools.groupby(doc, key=lambda r: r[2]):
        para = list(para_rows)
        words = sum(count_spaced(r[5]) for r in para)
        if max_unit_words is None or words <= max_unit_words:
            groups.append(para)
            continue
        per = max(1, math.ceil(len(para) * max_unit_words / words))
        groups.extend(para[a:b] for a, b in _chunks(len(para), per))
    return groups
