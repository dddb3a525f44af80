"""Short human labels for articles: what tables and figures show instead of a hashed id.

A doc_id such as ``000_844f52fa49c433e9`` identifies an article exactly and
stays in every CSV; a reader needs a name. :func:`article_labels` gives each
article its title (given in the manifest or read from the text's own title
line), else its file name without extension (unless that is a hash: then
the inferred title, the lead's opening words), else its id; cut to a few
words; made unique by a number where two would read the same.
:func:`labelled` puts the labels into a table that is about to be shown.

Examples
--------
>>> t = pd.DataFrame({"doc_id": ["a1", "b2", "c3"],
...                   "title": ["Steppe Roads", "Steppe Roads", None],
...                   "title_from": ["text", "manifest", "missing"],
...                   "path": ["a.txt", "b.txt", "caspian_ferry.txt"]})
>>> article_labels(t).tolist()
['Steppe Roads', 'Steppe Roads (2)', 'caspian_ferry']
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from kzlib.errors import InputError

__all__ = ["article_labels", "labelled"]

#: File stems that are ids, not names (``000_844f52fa49c433e9``, a bare hash).
#: The ``path`` of a document read from a table (:mod:`kzlib.corpus.sources`): ``<file>:<row>``.
_TABLE_ROW = re.compile(r".+\.(?:parquet|jsonl):\d+", re.IGNORECASE)
_HASHED = re.compile(r"(?:\d+_)?[0-9a-f]{12,}")


def _clip(text: str, max_chars: int) -> str:
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return (cut or text[: max_chars - 1]) + "…"


def article_labels(corpus: pd.DataFrame, *, max_chars: int = 48) -> pd.Series:
    """A short, unique, human label for every article of a corpus table.

    Parameters
    ----------
    corpus : DataFrame
        :meth:`kzlib.corpus.Corpus.to_frame` (``doc_id``; ``title``,
        ``title_from`` and ``path`` when present).
    max_chars : int
        Longest label before the de-duplicating number; longer titles are cut
        at a word and end in an ellipsis.

    Returns
    -------
    Series
        Labels indexed by doc_id, in table order. An inferred title (the
        opening words of the lead) is used only when the file name is a hash.
        The rows of a Parquet or JSON Lines table (``path`` ``<file>:<row>``) are
        named by their doc_id where they have no title of their own.

    Examples
    --------
    >>> article_labels(pd.DataFrame({"doc_id": ["x"]})).to_dict()
    {'x': 'x'}
    """
    if "doc_id" not in corpus.columns:
        raise InputError("corpus table: no doc_id column; pass Corpus.to_frame()")
    titles = corpus["title"] if "title" in corpus.columns else pd.Series(None, index=corpus.index)
    given = (
        corpus["title_from"].isin(["manifest", "text"])
        if "title_from" in corpus.columns
        else pd.Series(True, index=corpus.index)
    )
    paths = corpus["path"] if "path" in corpus.columns else pd.Series(None, index=corpus.index)
    labels: list[str] = []
    seen: dict[str, int] = {}
    for doc_id, title, ok, path in zip(corpus["doc_id"], titles, given, paths, strict=True):
        if isinstance(path, str) and _TABLE_ROW.fullmatch(path):
            # a table's row ("speeches.parquet:124") is named by its doc_id ("USA_74_2019",
            # "speeches_000123"), not by the table's name and a counter ("speeches (124)")
            stem = str(doc_id)
        else:
            stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0] if isinstance(path, str) else ""
        has_title = isinstance(title, str) and bool(title.strip())
        if has_title and (ok or not stem or _HASHED.fullmatch(stem)):
            base = _clip(title, max_chars)
        else:
            base = _clip(stem, max_chars) if stem.strip() else str(doc_id)
        seen[base] = seen.get(base, 0) + 1
        labels.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    return pd.Series(labels, index=corpus["doc_id"].astype(str).to_numpy(), name="label")


def labelled(
    frame: pd.DataFrame,
    labels: Mapping[str, str] | pd.Series,
    *,
    columns: tuple[str, ...] = ("doc_id", "doc_a", "doc_b"),
) -> pd.DataFrame:
    """The table with article ids replaced by labels in the given columns (for display only).

    Ids without a label are kept. Write tables before labelling them: CSVs keep the ids.

    Examples
    --------
    >>> labelled(pd.DataFrame({"doc_id": ["a1", "z"], "n": [1, 2]}), {"a1": "Steppe Roads"})
             doc_id  n
    0  Steppe Roads  1
    1             z  2
    """
    names = {str(k): str(v) for k, v in labels.items()}
    out = frame.copy()
    for col in columns:
        if col in out.columns:
            # each distinct id looked up once (millions of links name a few thousand articles)
            codes, ids = pd.factorize(out[col], use_na_sentinel=False)
            shown = np.array([names.get(str(v), v) for v in ids], dtype=object)
            out[col] = shown[codes].tolist()
    return out
