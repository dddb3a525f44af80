"""The cleaning audit trail as tables: one row per edit, and edits per document and kind.

Examples
--------
>>> from kzlib.corpus.document import Document
>>> audit = audit_frame([Document.from_text("A Short Title\\nTokayev\\u2019s text\\nwraps.")])
>>> audit["kind"].tolist()
['title', 'quote', 'unwrap']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

import pandas as pd

from kzlib.corpus.clean import Cleaned

__all__ = ["AUDIT_COLUMNS", "audit_frame", "audit_summary"]


class _HasCleaned(Protocol):
    @property
    def doc_id(self) -> str: ...

    @property
    def cleaned(self) -> Cleaned: ...


#: Columns of :func:`audit_frame`.
AUDIT_COLUMNS: list[str] = ["doc_id", "kind", "start", "end", "clean_start", "before", "after"]


def audit_frame(docs: Iterable[_HasCleaned]) -> pd.DataFrame:
    """The cleaning audit trail of every document, one row per edit.

    ``start``/``end`` are offsets into the raw text, ``clean_start`` into the
    cleaned text; ``before`` is the raw span and ``after`` what it became.

    Examples
    --------
    >>> from kzlib.corpus import load_corpus
    >>> audit = audit_frame(load_corpus())
    >>> int((audit["kind"] == "glue").sum())
    1
    """
    rows = [
        (d.doc_id, e.kind, e.start, e.end, e.clean_start, e.before, e.after)
        for d in docs
        for e in d.cleaned.edits
    ]
    return pd.DataFrame(rows, columns=AUDIT_COLUMNS)


def audit_summary(audit: pd.DataFrame) -> pd.DataFrame:
    """Edits per document and kind, with raw characters touched (a wide table).

    Examples
    --------
    >>> from kzlib.corpus import load_corpus
    >>> summary = audit_summary(audit_frame(load_corpus()))
    >>> int(summary.loc["002_197b5af11793718a", "unwrap"]) > 40
    True
    """
    counts = audit.pivot_table(
        index="doc_id", columns="kind", values="start", aggfunc="count", fill_value=0
    )
    counts.columns.name = None
    return counts.astype("int64")
