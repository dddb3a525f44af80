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

from kzlib.corpus import boilerplate
from kzlib.corpus.clean import Cleaned

__all__ = ["AUDIT_COLUMNS", "audit_frame", "audit_summary", "boilerplate_audit"]


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


def boilerplate_audit(sentences: pd.DataFrame, flags: pd.DataFrame) -> pd.DataFrame:
    """The flagged sentences as rows of the cleaning audit (``kzlib.corpus.audit_frame``).

    The text is not changed: ``before`` is the sentence, ``after`` says it is
    kept in the text and left out of the analyses, and why. Concatenate with
    :func:`kzlib.corpus.audit_frame` to record boilerplate in the audit.

    Parameters
    ----------
    sentences : DataFrame
        :func:`kzlib.corpus.sentences_frame` (needs ``start``, ``end``,
        ``raw_start``, ``raw_end``, ``text``).
    flags : DataFrame
        :func:`kzlib.corpus.boilerplate.boilerplate_frame` of the same sentences.

    Returns
    -------
    DataFrame
        ``doc_id, kind, start, end, clean_start, before, after`` (raw offsets
        in ``start``/``end``, as the audit has them), ``kind`` = ``"boilerplate"``.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "kind": ["body"],
    ...                   "text": ["Thank you."], "start": [0], "end": [10],
    ...                   "raw_start": [2], "raw_end": [12]})
    >>> boilerplate_audit(s, boilerplate.boilerplate_frame(s))[["kind", "start", "after"]]
              kind  start                                              after
    0  boilerplate      2  kept; left out of analyses: thanks (thanks_short)
    """
    boilerplate._check_columns(
        sentences, ["doc_id", "sent_id", "start", "raw_start", "raw_end", "text"], "sentences"
    )
    boilerplate._check_columns(flags, boilerplate.BOILERPLATE_COLUMNS, "flags")
    rows = flags.merge(sentences, on=["doc_id", "sent_id"], how="inner", validate="1:1")
    after = [
        f"kept; left out of analyses: {reason} ({rule})"
        for reason, rule in zip(rows["reason"], rows["rule"], strict=True)
    ]
    out = pd.DataFrame(
        {
            "doc_id": rows["doc_id"],
            "kind": boilerplate.AUDIT_KIND,
            "start": rows["raw_start"].astype("int64"),
            "end": rows["raw_end"].astype("int64"),
            "clean_start": rows["start"].astype("int64"),
            "before": rows["text"].astype(str),
            "after": after,
        }
    )
    return out[AUDIT_COLUMNS].reset_index(drop=True)
