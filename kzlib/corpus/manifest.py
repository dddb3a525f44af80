"""The manifest of a corpus folder: a CSV of metadata that the article files lack.

Columns: ``file`` (required: the article's file name), ``doc_id`` and the
metadata fields (:data:`~kzlib.corpus.metadata.META_FIELDS`), ``note``, and
any columns of the researcher's own (``outlet``, ``country``, ``group`` ...:
lower-case letters, digits and ``_``), kept as they are so analyses can
compare groups of articles by them.

Examples
--------
>>> from kzlib.paths import SEEDS_DIR
>>> path, rows = folder_manifest(SEEDS_DIR, [p.name for p in SEEDS_DIR.glob("*.txt")])
>>> path.name, len(rows or {})
('manifest.csv', 4)
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection
from datetime import datetime
from pathlib import Path

from kzlib.corpus.metadata import META_FIELDS
from kzlib.errors import InputError
from kzlib.paths import MANIFEST_NAME

__all__ = ["MANIFEST_COLUMNS", "RESERVED_COLUMNS", "folder_manifest", "read_manifest"]

#: Columns a manifest may have (``file`` is required).
MANIFEST_COLUMNS: tuple[str, ...] = ("file", "doc_id", *META_FIELDS, "note")
#: Names a column of the researcher's own may not take (columns of the corpus table).
RESERVED_COLUMNS: tuple[str, ...] = (
    "n_words",
    "sha256",
    "truncated",
    "path",
    *(f"{f}_from" for f in META_FIELDS),
)
_EXTRA_NAME = re.compile(r"[a-z][a-z0-9_]*")


def read_manifest(path: Path) -> dict[str, dict[str, str | None]]:
    """Read a corpus manifest: ``file`` plus optional doc_id, metadata and note.

    Returns a mapping from file name to its row (empty cells as None).
    Raises :class:`InputError` naming the line of a bad row.

    Examples
    --------
    >>> from kzlib.paths import SEEDS_DIR
    >>> rows = read_manifest(SEEDS_DIR / "manifest.csv")
    >>> rows["002_197b5af11793718a.txt"]["title"] is None
    True
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: manifest is not UTF-8 ({exc.reason}); re-save it as UTF-8"
        ) from None
    reader = csv.DictReader(text.splitlines())
    header = reader.fieldnames or []
    if "file" not in header:
        raise InputError(
            f"{path}: line 1: manifest needs a 'file' column (has: {', '.join(header)})"
        )
    bad = [
        c
        for c in header
        if c not in MANIFEST_COLUMNS and (c in RESERVED_COLUMNS or not _EXTRA_NAME.fullmatch(c))
    ]
    if bad:
        raise InputError(
            f"{path}: line 1: column name(s) {', '.join(bad)} not allowed; use "
            f"{', '.join(MANIFEST_COLUMNS)} or names of your own in lower-case letters, digits "
            f"and _ (not {', '.join(RESERVED_COLUMNS)})"
        )
    rows: dict[str, dict[str, str | None]] = {}
    for lineno, row in enumerate(reader, start=2):
        name = (row.get("file") or "").strip()
        if not name:
            raise InputError(f"{path}: line {lineno}: empty 'file' cell; name the article file")
        if name in rows:
            raise InputError(f"{path}: line {lineno}: {name} is listed twice; keep one row")
        clean_row: dict[str, str | None] = {
            k: (v.strip() if isinstance(v, str) and v.strip() else None) for k, v in row.items()
        }
        date = clean_row.get("date")
        if date:
            try:
                datetime.strptime(date, "%Y-%m-%d")
            except ValueError:
                raise InputError(
                    f"{path}: line {lineno}: date {date!r} is not ISO 8601; write it as YYYY-MM-DD"
                ) from None
        rows[name] = clean_row
    return rows


def folder_manifest(
    folder: Path, files: Collection[str], manifest: str | Path | None = None
) -> tuple[Path, dict[str, dict[str, str | None]] | None]:
    """The manifest of a folder and its rows, checked against the folder's article files.

    Parameters
    ----------
    folder : Path
        The corpus folder.
    files : collection of str
        The names of its ``.txt`` articles.
    manifest : str or Path, optional
        The manifest; default ``manifest.csv`` in the folder.

    Returns
    -------
    (Path, dict or None)
        The manifest path, and its rows by file name (None when there is no manifest).

    Raises
    ------
    InputError
        For a bad manifest (:func:`read_manifest`) or a row whose file is not in ``files``.
    """
    path = Path(manifest) if manifest is not None else folder / MANIFEST_NAME
    rows = read_manifest(path) if path.is_file() else None
    if rows is not None:
        for lineno, name in enumerate(rows, start=2):
            if name not in files:
                raise InputError(
                    f"{path}: line {lineno}: file {name} not found in {folder}; "
                    "restore the file or delete its row"
                )
    return path, rows
