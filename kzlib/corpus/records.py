"""Table sources, one article per row: the columns, and the checks that make a row a document.

A ``.parquet`` or ``.jsonl`` row becomes a :class:`~kzlib.corpus.Document` with
the checks of a folder's file (:func:`_record_document`); metadata cells count
as given (:func:`_cell`). Any other column (``country``, ``year``, ``outlet``)
is kept as a group column of the researcher's own, like an extra manifest
column: text as given, numbers written as text (:func:`_group_cell`).
:mod:`kzlib.corpus.sources` cuts the tables into parts.

Examples
--------
>>> from pathlib import Path
>>> doc = _record_document({"text": "A Title Here\\nBody.", "date": "2024-06-02"},
...                        path=Path("c.jsonl"), where="line 1", row=1)
>>> doc.doc_id, doc.path, doc.provenance["date"]
('c_000001', 'c.jsonl:1', 'manifest')
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import warnings
from collections.abc import Sequence
from datetime import date as _date
from datetime import datetime
from pathlib import Path
from typing import Any

from kzlib.corpus.document import Document, _decode, _fill_meta
from kzlib.corpus.manifest import RESERVED_COLUMNS
from kzlib.corpus.metadata import META_FIELDS
from kzlib.errors import InputError

__all__ = ["TABLE_COLUMNS", "is_index_column"]

#: Columns a table source reads as text and metadata (``text`` is required); any
#: other column is kept as a group column of the researcher's own.
TABLE_COLUMNS: tuple[str, ...] = ("doc_id", "text", *META_FIELDS, "note")
#: Columns a table source may not set: kzlib computes them (warned, then ignored).
_IGNORED_COLUMNS = frozenset((*RESERVED_COLUMNS, "file"))
_OWN_COLUMNS = frozenset(("doc_id", *META_FIELDS, "note"))
_INDEX_COLUMN_RE = re.compile(r"__index_level_\d+__")
_ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Control characters other than tab, newline, form feed and carriage return.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def _parquet_file(path: Path) -> Any:
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a bad file
        raise InputError(
            f"{path}: not a readable Parquet file ({str(exc).splitlines()[0]}); "
            "write it again with pandas.DataFrame.to_parquet"
        ) from None


def is_index_column(name: str) -> bool:
    """Whether a Parquet column is the unnamed index pandas wrote (``__index_level_0__``).

    ``DataFrame.to_parquet`` stores an index other than 0, 1, 2, ... (a sample, a
    filter) as such a column: row labels, not a field of the articles.

    Examples
    --------
    >>> is_index_column("__index_level_0__"), is_index_column("year")
    (True, False)
    """
    return _INDEX_COLUMN_RE.fullmatch(name) is not None


def _check_columns(path: Path, columns: Sequence[str]) -> list[str]:
    """The columns to read (all but the reserved ones and pandas' index); warn about reserved."""
    if "text" not in columns:
        raise InputError(
            f"{path}: no 'text' column (has: {', '.join(columns) or 'none'}); "
            "put each article's text in a column named text"
        )
    _check_columns_warn_only(path, columns)
    return [c for c in columns if c not in _IGNORED_COLUMNS and not is_index_column(c)]


def _warn_extra_keys(path: Path, line: bytes) -> None:
    """Warn about the columns of the first JSON object that will be ignored."""
    try:
        record = json.loads(line)
    except ValueError:
        return  # reported with its line number when the part is read
    if isinstance(record, dict):
        _check_columns_warn_only(path, list(record))


def _check_columns_warn_only(path: Path, columns: Sequence[str]) -> None:
    ignored = [c for c in columns if c in _IGNORED_COLUMNS]
    if ignored:
        warnings.warn(
            f"{path}: column(s) {', '.join(ignored)} ignored: kzlib computes them; "
            "rename them to keep them as groups",
            stacklevel=5,
        )


def _json_record(raw_line: bytes, *, path: Path, where: str) -> dict[str, Any]:
    """The JSON object of one line of a JSON Lines file."""
    try:
        line = raw_line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: {where}: not UTF-8 (byte 0x{raw_line[exc.start]:02x} at column "
            f"{exc.start + 1}); re-save the file as UTF-8"
        ) from None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}: {where}: not valid JSON ({exc.msg} at column {exc.colno}); "
            "write one JSON object per line"
        ) from None
    if not isinstance(record, dict):
        raise InputError(
            f"{path}: {where}: a JSON {type(record).__name__}, not an object; "
            'write one object per line, e.g. {"text": "..."}'
        )
    return record


def _cell(path: Path, where: str, column: str, value: object) -> str | None:
    """A metadata cell as stripped text, or None."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if column == "date" and isinstance(value, datetime):
        return value.date().isoformat()
    if column == "date" and isinstance(value, _date):
        return value.isoformat()
    if column == "doc_id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise InputError(
            f"{path}: {where}: column {column} holds a {type(value).__name__} ({value!r}); "
            "write it as text"
        )
    value = value.strip()
    if column == "date" and value:
        ok = bool(_ISO_DATE_RE.fullmatch(value))
        if ok:
            try:
                datetime.strptime(value, "%Y-%m-%d")
            except ValueError:
                ok = False
        if not ok:
            raise InputError(
                f"{path}: {where}: date {value!r} is not ISO 8601; write it as YYYY-MM-DD"
            )
    return value or None


def _record_text(record: dict[str, Any], *, path: Path, where: str) -> str:
    """The ``text`` of a table row, refused if missing, empty or binary."""
    text = record.get("text")
    if isinstance(text, bytes):
        text = _decode(Path(f"{path}: {where}"), text)
    if text is None:
        raise InputError(f"{path}: {where}: no text; put the article in the 'text' column")
    if not isinstance(text, str):
        raise InputError(
            f"{path}: {where}: text is a {type(text).__name__}, not a string; "
            "put the article text in the 'text' column"
        )
    if not text.strip():
        raise InputError(f"{path}: {where}: text is empty; put the article in it or drop the row")
    if "\x00" in text[:8192]:
        raise InputError(
            f"{path}: {where}: text looks binary (NUL character at {text.index(chr(0))}); "
            "only plain text can be loaded"
        )
    sample = text[:8192]
    controls = len(_CONTROL_RE.findall(sample))
    if controls > 0.01 * len(sample):
        raise InputError(
            f"{path}: {where}: text looks binary ({controls} control characters); "
            "only plain text can be loaded"
        )
    return text


def _group_cell(path: Path, where: str, column: str, value: object) -> str | None:
    """A group column's cell as text: strings stripped, numbers and dates written out.

    Examples
    --------
    >>> [_group_cell(Path("c"), "row 1", "year", v) for v in (2024, 2024.0, 0.5, " UN ", None)]
    ['2024', '2024', '0.5', 'UN', None]
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (datetime, _date)):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip() or None
    raise InputError(
        f"{path}: {where}: column {column} holds a {type(value).__name__}; a column of your "
        "own is kept as a group and must hold text, numbers or dates: flatten it or drop it"
    )


def _record_document(record: dict[str, Any], *, path: Path, where: str, row: int) -> Document:
    """The document of one table row (``row`` counts from 1), with its checks."""
    text = _record_text(record, path=path, where=where)
    given: dict[str, str | None] = {}
    for column, value in record.items():
        if column in _OWN_COLUMNS:
            given[column] = _cell(path, where, column, value)
        elif column != "text" and column not in _IGNORED_COLUMNS:
            given[column] = _group_cell(path, where, column, value)
    doc_id = given.pop("doc_id", None) or f"{path.stem}_{row:06d}"
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc = Document(doc_id, f"{path.name}:{row}", text, sha)
    _fill_meta(doc, given)
    return doc
