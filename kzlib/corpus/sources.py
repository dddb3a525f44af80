"""Corpus sources read in parts: a folder of ``.txt``, a Parquet table, a JSON Lines file.

A corpus too large to hold in memory is read one *part* at a time. A part is a
small, picklable description of a slice of the source (a few hundred files,
rows or lines); :func:`plan_source` cuts a source into parts with one cheap
pass over it, and :func:`read_part` turns one part into :class:`Document`
records. The same functions run in-process or as Dask tasks
(:mod:`kzlib.pipeline`), so a part can be read on any worker that sees the
source path.

Table sources
-------------
A ``.parquet`` or ``.jsonl`` file holds one article per row (JSON Lines: one
JSON object per line; blank lines are skipped). Columns:

``text``      the article, exactly as received (required)
``doc_id``    identifier (default: ``<file stem>_<row number, 6 digits>``)
``title``, ``date`` (ISO 8601), ``author``, ``source``, ``url``, ``note``
              metadata; values given here count as given, like a manifest
              (provenance ``manifest``); missing ones are extracted or inferred
              from the text exactly as for a folder
other columns  kept as group columns of the researcher's own (``country``,
              ``year``): as text in each document's metadata and the corpus
              table, like an extra manifest column; the streamed claims table
              (:mod:`kzlib.pipeline`) carries them with their own types after
              the claim columns (:func:`read_part_columns`)

A document read from a table has ``path`` ``<file name>:<row>`` (rows and
lines count from 1) and ``sha256`` of its text encoded as UTF-8. The checks
are those of :func:`kzlib.corpus.iter_documents`: an empty or binary text, a
text that is not UTF-8, a malformed date, a repeated ``doc_id`` or a text
repeated verbatim stops the run with one line naming the file and row. The
two corpus-wide checks (repeated ids and texts) need every part and are made
by :class:`CorpusCheck`, which the caller feeds each part's documents in order.
The columns and the checks of a row are in :mod:`kzlib.corpus.records`.

Examples
--------
>>> from kzlib.paths import SEEDS_DIR
>>> parts = list(plan_source(SEEDS_DIR, batch_size=3).parts)
>>> [p.n_docs for p in parts]
[3, 1]
>>> [d.doc_id for d in read_part(parts[1])]
['004_f92db42e88264e84']
"""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from kzlib.checks import check_int
from kzlib.corpus.document import Document, _content_key, _decode, _fill_meta
from kzlib.corpus.manifest import folder_manifest
from kzlib.corpus.records import (
    TABLE_COLUMNS,
    _check_columns,
    _json_record,
    _parquet_file,
    _record_document,
    _warn_extra_keys,
    is_index_column,
)
from kzlib.errors import InputError
from kzlib.paths import MANIFEST_NAME

__all__ = [
    "TABLE_COLUMNS",
    "TABLE_SUFFIXES",
    "CorpusCheck",
    "Part",
    "SourcePlan",
    "document_keys",
    "iter_source",
    "plan_source",
    "read_part",
    "read_part_columns",
    "source_files",
    "source_kind",
]

#: File suffixes read as one-article-per-row tables.
TABLE_SUFFIXES: tuple[str, ...] = (".parquet", ".jsonl")
#: Default number of documents per part.
DEFAULT_BATCH_SIZE = 250


@dataclass(frozen=True)
class Part:
    """One slice of a corpus source: what a single task reads.

    Attributes
    ----------
    source : str
        The corpus path (folder or table file).
    kind : str
        ``folder``, ``parquet`` or ``jsonl``.
    index : int
        Position of the part in the source (0, 1, ...).
    first_row : int
        Row (line, for JSON Lines; file position, for a folder) of the first
        document, counting from 1.
    n_docs : int
        Number of documents (rows, non-blank lines or files) in the part.
    start, stop : int
        Byte offsets (JSON Lines), row offsets within ``row_group`` (Parquet)
        or unused (folder).
    row_group : int
        Parquet row group the rows belong to (-1 otherwise).
    files : tuple of str
        File names (folder parts only).
    given : tuple of tuple
        Manifest rows of ``files``, as ``(file, ((column, value), ...))``.
    records : tuple of dict
        The rows themselves, when the planner had to read them to cut the
        source (a Parquet row group much larger than a batch).
    """

    source: str
    kind: str
    index: int
    first_row: int
    n_docs: int
    start: int = 0
    stop: int = 0
    row_group: int = -1
    files: tuple[str, ...] = ()
    given: tuple[tuple[str, tuple[tuple[str, str | None], ...]], ...] = ()
    records: tuple[dict[str, Any], ...] = ()


def source_kind(path: str | Path) -> str:
    """What kind of corpus source a path is: ``folder``, ``parquet`` or ``jsonl``.

    Raises :class:`InputError` for a path that does not exist or is another
    kind of file.

    Examples
    --------
    >>> from kzlib.paths import SEEDS_DIR
    >>> source_kind(SEEDS_DIR)
    'folder'
    """
    p = Path(path)
    if p.is_dir():
        return "folder"
    suffix = p.suffix.lower()
    if not p.exists():
        what = "corpus file" if suffix in TABLE_SUFFIXES else "corpus folder"
        raise InputError(
            f"{p}: {what} not found; pass --corpus with an existing folder, .parquet or .jsonl file"
        )
    if suffix not in TABLE_SUFFIXES:
        raise InputError(
            f"{p}: not a corpus; pass a folder of .txt articles or a .parquet/.jsonl "
            "table with a 'text' column"
        )
    return suffix.lstrip(".")


def source_files(path: str | Path) -> list[Path]:
    """The files a corpus is read from: a folder's ``.txt`` files and manifest, or the table.

    What a run's provenance hashes and lists as its inputs.

    Examples
    --------
    >>> from kzlib.paths import SEEDS_DIR
    >>> [p.name for p in source_files(SEEDS_DIR)][-1]
    'manifest.csv'
    """
    p = Path(path)
    if source_kind(p) != "folder":
        return [p]
    return sorted(
        f
        for f in p.iterdir()
        if f.is_file() and (f.suffix.lower() == ".txt" or f.name == MANIFEST_NAME)
    )


# ---------------------------------------------------------------------------
# planning


@dataclass(frozen=True)
class SourcePlan:
    """A corpus source cut into parts: how many documents, and the parts (lazily).

    Attributes
    ----------
    source : str
        The corpus path.
    kind : str
        ``folder``, ``parquet`` or ``jsonl``.
    n_docs : int
        Documents in the source (for progress and ETA).
    parts : iterator of Part
        The parts, in source order; consumed once.
    """

    source: str
    kind: str
    n_docs: int
    parts: Iterator[Part]


def plan_source(path: str | Path, *, batch_size: int = DEFAULT_BATCH_SIZE) -> SourcePlan:
    """Cut a corpus source into parts of about ``batch_size`` documents.

    Reads only what is needed to find the boundaries: the folder listing and
    manifest, the Parquet footer, or one pass over the JSON Lines bytes. (A
    Parquet row group of more than twice ``batch_size`` rows is streamed
    through in batches and its parts carry their rows.) Folder-level checks (a
    manifest row without its file, an empty folder) are made here, and files
    missing from the manifest are warned about here.

    Parameters
    ----------
    path : str or Path
        Folder of ``.txt`` articles, ``.parquet`` file or ``.jsonl`` file.
    batch_size : int
        Documents per part (a Parquet row group smaller than this is one part).

    Returns
    -------
    SourcePlan
        Document count and the parts in source order (never an empty part).

    Examples
    --------
    >>> from kzlib.paths import SEEDS_DIR
    >>> plan = plan_source(SEEDS_DIR, batch_size=3)
    >>> plan.n_docs, [p.n_docs for p in plan.parts]
    (4, [3, 1])
    """
    check_int("batch_size", batch_size)
    kind = source_kind(path)
    # Parts name the source by its absolute path: Dask workers may run in another folder.
    path = Path(path).absolute()
    if kind == "folder":
        parts = _plan_folder(Path(path), batch_size)
        return SourcePlan(str(path), kind, sum(p.n_docs for p in parts), iter(parts))
    if kind == "parquet":
        pf = _parquet_file(Path(path))
        _check_columns(Path(path), pf.schema_arrow.names)
        n = pf.metadata.num_rows
        if n == 0:
            raise InputError(f"{path}: no rows; put one article per row in it")
        return SourcePlan(str(path), kind, n, _plan_parquet(Path(path), batch_size))
    parts = _plan_jsonl(Path(path), batch_size)
    return SourcePlan(str(path), kind, sum(p.n_docs for p in parts), iter(parts))


def _plan_folder(folder: Path, batch_size: int) -> list[Part]:
    files = sorted(p.name for p in folder.iterdir() if p.suffix == ".txt" and p.is_file())
    manifest_path, rows = folder_manifest(folder, set(files))
    if rows is not None:
        for name in files:
            if name not in rows:
                warnings.warn(
                    f"{folder / name}: not listed in {manifest_path.name}; "
                    "metadata extracted or inferred",
                    stacklevel=3,
                )
    if not files:
        raise InputError(f"{folder}: no .txt articles found; put UTF-8 .txt files in it")
    parts = []
    for index, lo in enumerate(range(0, len(files), batch_size)):
        chunk = tuple(files[lo : lo + batch_size])
        given = tuple(
            (name, tuple(sorted(rows[name].items())))
            for name in chunk
            if rows is not None and name in rows
        )
        parts.append(
            Part(str(folder), "folder", index, lo + 1, len(chunk), files=chunk, given=given)
        )
    return parts


def _plan_parquet(path: Path, batch_size: int) -> Iterator[Part]:
    pf = _parquet_file(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _check_columns(path, pf.schema_arrow.names)
    meta = pf.metadata
    index = 0
    row = 1
    for group in range(meta.num_row_groups):
        n = meta.row_group(group).num_rows
        if n <= 2 * batch_size:
            if n:
                yield Part(str(path), "parquet", index, row, n, 0, n, row_group=group)
                index += 1
        else:
            lo = 0
            # all columns: a part carries its own columns too (read_part_columns), so a
            # worker on another machine need not open the file
            for batch in pf.iter_batches(batch_size=batch_size, row_groups=[group]):
                records = tuple(batch.to_pylist())
                yield Part(
                    str(path),
                    "parquet",
                    index,
                    row + lo,
                    len(records),
                    lo,
                    lo + len(records),
                    row_group=group,
                    records=records,
                )
                index += 1
                lo += len(records)
        row += n


def _plan_jsonl(path: Path, batch_size: int) -> list[Part]:
    parts: list[Part] = []
    offset = 0
    lineno = 0
    start = 0
    first = 0
    count = 0
    with path.open("rb") as fh:
        for line in fh:
            lineno += 1
            if line.strip():
                if count == 0:
                    start, first = offset, lineno
                if not parts and count == 0:
                    _warn_extra_keys(path, line)
                count += 1
            offset += len(line)
            if count == batch_size:
                parts.append(Part(str(path), "jsonl", len(parts), first, count, start, offset))
                count = 0
    if count:
        parts.append(Part(str(path), "jsonl", len(parts), first, count, start, offset))
    if not parts:
        raise InputError(f"{path}: no articles (only blank lines); put one JSON object per line")
    return parts


# ---------------------------------------------------------------------------
# reading


def read_part(part: Part) -> list[Document]:
    """Read one part into documents, with the per-document checks.

    Pure apart from reading the source: the same part gives the same
    documents on any machine. Metadata is filled (given, else extracted, else
    inferred), which cleans each text; the corpus-wide checks are left to
    :class:`CorpusCheck`.

    Examples
    --------
    >>> from kzlib.paths import SEEDS_DIR
    >>> docs = read_part(next(plan_source(SEEDS_DIR).parts))
    >>> docs[0].meta["author"], docs[0].provenance["author"]
    ('Valikhan Tuleshov', 'text')
    """
    if part.kind == "folder":
        return _read_folder_part(part)
    if part.kind == "parquet":
        return _read_parquet_part(part)
    if part.kind == "jsonl":
        return _read_jsonl_part(part)
    raise InputError(f"{part.source}: unknown source kind {part.kind!r}")


def _read_folder_part(part: Part) -> list[Document]:
    folder = Path(part.source)
    given = {name: dict(items) for name, items in part.given}
    docs = []
    for name in part.files:
        p = folder / name
        data = _read_bytes(p)
        text = _decode(p, data)
        meta = given.get(name, {})
        doc = Document(meta.get("doc_id") or p.stem, name, text, hashlib.sha256(data).hexdigest())
        _fill_meta(doc, meta)
        docs.append(doc)
    return docs


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"{path}: cannot read ({exc.strerror}); on a Dask cluster the corpus must be "
            "visible to every worker at the same path"
        ) from None


def read_part_columns(part: Part, doc_ids: Sequence[str]) -> pd.DataFrame:
    """The table columns that are not document fields, one row per document of ``part``.

    The rows are those of :func:`read_part` (same order, blank JSON Lines
    skipped), with its documents' ``doc_ids`` as first column; a
    folder part, or a table without such columns, gives no column besides
    ``doc_id``. Values keep their Parquet type (as pandas Arrow dtypes, so the
    type of a column does not change with the missing values of a part);
    JSON values are read as JSON gives them.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "c.parquet"
    >>> pd.DataFrame({"text": ["One.", "Two."], "year": [1990, 1991]}).to_parquet(path)
    >>> part = next(plan_source(path).parts)
    >>> ids = [d.doc_id for d in read_part(part)]
    >>> read_part_columns(part, ids).values.tolist()
    [['c_000001', 1990], ['c_000002', 1991]]
    """
    ids = list(doc_ids)
    if part.kind == "parquet":
        return _parquet_extras(part, ids)
    if part.kind == "jsonl":
        return _jsonl_extras(part, ids)
    return pd.DataFrame({"doc_id": ids})


def _parquet_extras(part: Part, ids: list[str]) -> pd.DataFrame:
    import pyarrow as pa

    pf = _parquet_file(Path(part.source))
    extra = [c for c in pf.schema_arrow.names
             if c not in TABLE_COLUMNS and not is_index_column(c)]
    if not extra:
        return pd.DataFrame({"doc_id": ids})
    if part.records:  # cut by the planner: the rows travel with the part
        schema = pf.schema_arrow
        table = pa.Table.from_pylist(
            [{c: r[c] for c in extra} for r in part.records],
            schema=pa.schema([schema.field(c) for c in extra]),
        )
    else:
        table = pf.read_row_group(part.row_group, columns=extra).slice(
            part.start, part.stop - part.start
        )
    # pandas' metadata would make a stored index the frame's index, and the doc_ids,
    # inserted by label, would then land on the wrong rows: read plain columns, by position
    frame: pd.DataFrame = table.to_pandas(types_mapper=pd.ArrowDtype, ignore_metadata=True)
    frame.insert(0, "doc_id", pa.array(ids, pa.string()).to_pandas(types_mapper=pd.ArrowDtype))
    return frame


def _jsonl_extras(part: Part, ids: list[str]) -> pd.DataFrame:
    with Path(part.source).open("rb") as fh:
        fh.seek(part.start)
        data = fh.read(part.stop - part.start)
    rows = [
        {k: v for k, v in json.loads(line).items() if k not in TABLE_COLUMNS}
        for line in data.splitlines()
        if line.strip()
    ]
    frame = pd.DataFrame(rows, index=range(len(ids)))
    frame.insert(0, "doc_id", ids)
    return frame


def _read_parquet_part(part: Part) -> list[Document]:
    path = Path(part.source)
    if part.records:
        records = list(part.records)
    else:
        pf = _parquet_file(path)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            columns = _check_columns(path, pf.schema_arrow.names)
        records = pf.read_row_group(part.row_group, columns=columns).to_pylist()
    return [
        _record_document(rec, path=path, where=f"row {part.first_row + i}", row=part.first_row + i)
        for i, rec in enumerate(records)
    ]


def _read_jsonl_part(part: Part) -> list[Document]:
    path = Path(part.source)
    try:
        with path.open("rb") as fh:
            fh.seek(part.start)
            data = fh.read(part.stop - part.start)
    except OSError as exc:
        raise InputError(
            f"{path}: cannot read ({exc.strerror}); on a Dask cluster the corpus must be "
            "visible to every worker at the same path"
        ) from None
    docs = []
    lineno = part.first_row - 1
    for raw_line in data.splitlines(keepends=True):
        lineno += 1
        if not raw_line.strip():
            continue
        where = f"line {lineno}"
        record = _json_record(raw_line, path=path, where=where)
        docs.append(_record_document(record, path=path, where=where, row=lineno))
    return docs


# ---------------------------------------------------------------------------
# corpus-wide checks


class CorpusCheck:
    """The corpus-wide checks: no repeated ``doc_id``, no text repeated verbatim.

    Feed it every part's documents, in source order; it raises
    :class:`InputError` at the first repeat, naming both places. It keeps one
    16-byte digest per document (about 10 MB for a million).

    Examples
    --------
    >>> check = CorpusCheck("c.jsonl")
    >>> check.add([("a", "c.jsonl: line 1", "k1")])
    >>> check.add([("b", "c.jsonl: line 2", "k1")])
    Traceback (most recent call last):
    ...
    kzlib.errors.InputError: c.jsonl: line 2: same text as c.jsonl: line 1; delete one of the two
    """

    def __init__(self, source: str | Path) -> None:
        self.source = str(source)
        self._ids: dict[str, str] = {}
        self._texts: dict[bytes, str] = {}

    def add(self, keys: Sequence[tuple[str, str, str]]) -> None:
        """Check ``(doc_id, where, content_key)`` triples (see :func:`document_keys`)."""
        for doc_id, where, key in keys:
            digest = bytes.fromhex(key[:32]) if len(key) >= 32 else key.encode()
            if digest in self._texts:
                raise InputError(
                    f"{where}: same text as {self._texts[digest]}; delete one of the two"
                )
            self._texts[digest] = where
            if doc_id in self._ids:
                raise InputError(
                    f"{where}: doc_id {doc_id!r} already used by {self._ids[doc_id]}; "
                    "make it unique"
                )
            self._ids[doc_id] = where

    def __len__(self) -> int:
        return len(self._ids)


def document_keys(part: Part, docs: Sequence[Document]) -> list[tuple[str, str, str]]:
    """``(doc_id, where, content_key)`` of each document, for :class:`CorpusCheck`.

    ``where`` names the file (and row) as error messages show it.

    Examples
    --------
    >>> from kzlib.paths import SEEDS_DIR
    >>> part = next(plan_source(SEEDS_DIR).parts)
    >>> document_keys(part, read_part(part))[0][1].endswith("000_844f52fa49c433e9.txt")
    True
    """
    if part.kind == "folder":
        return [(d.doc_id, str(Path(part.source) / d.path), _content_key(d.raw)) for d in docs]
    unit = "line" if part.kind == "jsonl" else "row"
    return [
        (d.doc_id, f"{part.source}: {unit} {d.path.rpartition(':')[2]}", _content_key(d.raw))
        for d in docs
    ]


def iter_source(
    path: str | Path, *, batch_size: int = DEFAULT_BATCH_SIZE
) -> Iterator[list[Document]]:
    """Yield the documents of any corpus source in batches, with every check.

    Memory holds one batch at a time. For a folder this gives the same
    documents as :func:`kzlib.corpus.iter_documents`.

    Parameters
    ----------
    path : str or Path
        Folder of ``.txt`` articles, ``.parquet`` or ``.jsonl`` table.
    batch_size : int
        Documents per batch (Parquet row groups may make batches smaller).

    Examples
    --------
    >>> from kzlib.paths import SEEDS_DIR
    >>> [len(batch) for batch in iter_source(SEEDS_DIR, batch_size=2)]
    [2, 2]
    """
    check = CorpusCheck(path)
    for part in plan_source(path, batch_size=batch_size).parts:
        docs = read_part(part)
        check.add(document_keys(part, docs))
        yield docs
