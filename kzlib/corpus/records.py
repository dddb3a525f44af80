"""Table sources, one article per row: the columns, and the checks that make a row a document.

A ``.parquet`` or ``.jsonl`` row becomes a :class:`~kzlib.corpus.Document` with
the checks of a folder's file (:func:`_record_document`); metadata cells count
as given (:func:`_cell`). :mod:`kzlib.corpus.sources` cuts the tables into parts.

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
from kzlib.corpus.metadata import META_FIELDS
from kzlib.errors import InputError

__all__ = ["TABLE_COLUMNS"]

#: Columns a table source may have (``text`` is required).
TABLE_COLUMNS: tuple[str, ...] = ("doc_id", "text", *META_FIELDS, "note")
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


def _check_columns(path: Path, columns: Sequence[str]) -> list[str]:
    """The columns to read; warn once about the others."""
    if "text" not in columns:
        raise InputError(
            f"{path}: no 'text' column (has: {', '.join(columns) or 'none'}); "
            "put each article's text in a column named text"
        )
    _check_columns_warn_only(path, columns)
    return [c for c in columns if c in TABLE_COLUMNS]


def _warn_extra_keys(path: Path, line: bytes) -> None:
    """Warn about the columns of the first JSON object that will be ignored."""
    try:
        record = json.loads(line)
    except ValueError:
        return  # reported with its line number when the part is read
    if isinstance(record, dict):
        _check_columns_warn_only(path, list(record))


def _check_columns_warn_only(path: Path, columns: Sequence[str]) -> None:
    extra = [c for c in columns if c not in TABLE_COLUMNS]
    if extra:
        warnings.warn(
            f"{path}: column(s) {', '.join(extra)} are no document field: "
            "kept as columns of the streamed claims table, ignored elsewhere",
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


def _record_document(record: dict[str, Any], *, path: Path, where: str, row: int) -> Document:
    """The document of one table row (``row`` counts from 1), with its checks."""
    text = _record_text(record, path=path, where=where)
    given: dict[str, str | None] = {}
    for column in ("doc_id", *META_FIELDS, "note"):
        if column in record:
            given[column] = _cell(path, where, column, record[column])
    doc_id = given.pop("doc_id", None) or f"{path.stem}_{row:06d}"
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc = Document(doc_id, f"{path.name}:{row}", text, sha)
    _fill_meta(doc, given)
    return doc
