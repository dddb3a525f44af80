"""Load a corpus of articles: one :class:`Document` per ``.txt`` file.

A corpus is a folder of UTF-8 ``.txt`` files with an optional
``manifest.csv`` giving metadata that the texts lack. Every metadata field
(title, date, author, source, url) records where its value came from:

``manifest``  given in the manifest
``text``      extracted from the article's own header lines (title, dateline, byline)
``inferred``  guessed by kzlib (e.g. a date from the latest date the text mentions)
``missing``   not known

Bad input (an empty, binary or non-UTF-8 file, duplicate content, a manifest
row without its file) raises :class:`~kzlib.errors.InputError` with one line
naming the file and what to do. A file that the manifest does not list loads
with extracted or inferred metadata and a warning.

Examples
--------
>>> corpus = load_corpus()
>>> corpus.doc_ids[:2]
['000_844f52fa49c433e9', '001_3f8aff8216344478']
>>> corpus["000_844f52fa49c433e9"].meta["author"]
'Valikhan Tuleshov'
"""

from __future__ import annotations

import csv
import hashlib
import re
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date as _date
from datetime import datetime
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from kzlib.corpus.clean import Cleaned, clean_text
from kzlib.errors import InputError
from kzlib.paths import MANIFEST_NAME, SEEDS_DIR

__all__ = [
    "META_FIELDS",
    "PROVENANCES",
    "Corpus",
    "Document",
    "iter_documents",
    "load_corpus",
    "metadata_flags",
    "metadata_summary",
    "read_manifest",
    "sample_doc_ids",
]

#: Metadata fields every document carries, each with a provenance.
META_FIELDS: tuple[str, ...] = ("title", "date", "author", "source", "url")
_MANIFEST_COLUMNS: tuple[str, ...] = ("file", "doc_id", *META_FIELDS, "note")
_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['\u2019.\-][A-Za-z0-9]+)*")
_ALNUM = np.zeros(256, dtype=bool)
_ALNUM[list(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")] = True
_JOINER = np.zeros(256, dtype=bool)
_JOINER[list(b"'.-")] = True
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH_RE = (
    r"(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DATE_MDY_RE = re.compile(_MONTH_RE + r"\s+(\d{1,2}),?\s+(\d{4})")
_DATE_DMY_RE = re.compile(r"(\d{1,2})\s+" + _MONTH_RE + r",?\s+(\d{4})")
_DATE_ISO_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_BYLINE_PREFIX_RE = re.compile(r"^(?:By|Written by|Author:)\s+")
_BYLINE_SPLIT_RE = re.compile(r"\s*[,|]\s*")


def count_words(text: str) -> int:
    """Count word tokens (letters and digits, inner apostrophes, dots and hyphens).

    Examples
    --------
    >>> count_words("Kazakhstan's 42-point U.S. plan")
    4
    """
    if text.isascii():
        data = text.encode("ascii")
    else:
        # Non-ASCII characters never belong to a word, except the curly apostrophe,
        # which joins like "'": one "?" each keeps every position.
        data = text.replace("\u2019", "'").encode("ascii", "replace")
    codes = np.frombuffer(data, dtype=np.uint8)
    alnum = _ALNUM[codes]
    joiner = _JOINER[codes]
    # A word starts at a letter or digit that neither follows one nor follows a
    # joiner that follows one (that is how _WORD_RE's matches tile the text);
    # counting starts this way gives len(_WORD_RE.findall(text)) without
    # building a string per word.
    starts = alnum.copy()
    starts[1:] &= ~alnum[:-1]
    starts[2:] &= ~(joiner[1:-1] & alnum[:-2])
    return int(np.count_nonzero(starts))


def parse_date(text: str) -> str | None:
    """Parse the first full date in ``text`` to ISO 8601, or return None.

    Examples
    --------
    >>> parse_date("November 13, 2025")
    '2025-11-13'
    >>> parse_date("24 September 2025"), parse_date("soon") is None
    ('2025-09-24', True)
    """
    found = _find_dates(text)
    return found[0] if found else None


def _find_dates(text: str) -> list[str]:
    out: list[tuple[int, str]] = []
    for m in _DATE_MDY_RE.finditer(text):
        out.append((m.start(), _iso(m.group(3), _MONTHS[m.group(1).lower()], m.group(2))))
    for m in _DATE_DMY_RE.finditer(text):
        out.append((m.start(), _iso(m.group(3), _MONTHS[m.group(2).lower()], m.group(1))))
    for m in _DATE_ISO_RE.finditer(text):
        out.append((m.start(), _iso(m.group(1), int(m.group(2)), m.group(3))))
    return [d for _, d in sorted(out) if d]


def _iso(year: str, month: int, day: str) -> str:
    try:
        return _date(int(year), month, int(day)).isoformat()
    except ValueError:
        return ""


@dataclass(frozen=True)
class Document:
    """One article: raw text, metadata with provenance, and its cleaned form.

    Attributes
    ----------
    doc_id : str
        Identifier: the manifest's ``doc_id`` or the file stem.
    path : str
        File name relative to the corpus folder ("" for in-memory texts).
    raw : str
        Decoded text, exactly as in the file (BOM and line endings kept).
    sha256 : str
        SHA-256 of the file's raw bytes.
    meta : dict
        ``title``, ``date`` (ISO 8601), ``author``, ``source``, ``url``, ``note``;
        None where unknown.
    provenance : dict
        For each field of :data:`META_FIELDS`: ``manifest``, ``text``,
        ``inferred`` or ``missing``.
    """

    doc_id: str
    path: str
    raw: str
    sha256: str
    meta: dict[str, str | None] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)

    @cached_property
    def cleaned(self) -> Cleaned:
        """The cleaned text with its audit trail (computed once)."""
        return clean_text(self.raw)

    @property
    def text(self) -> str:
        """The cleaned text."""
        return self.cleaned.text

    @property
    def body(self) -> str:
        """Body paragraphs and headings of the cleaned text, one per line."""
        return "\n".join(b.text for b in self.cleaned.blocks_of("heading", "body"))

    @property
    def n_words(self) -> int:
        """Words in the body (headings included, title and byline excluded)."""
        return count_words(self.body)

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        doc_id: str = "doc",
        meta: dict[str, str | None] | None = None,
    ) -> Document:
        """Make a document from a string, extracting or inferring metadata.

        Examples
        --------
        >>> d = Document.from_text("A Title Here\\nJune 2, 2024\\nBody text.", doc_id="x")
        >>> d.meta["date"], d.provenance["date"]
        ('2024-06-02', 'text')
        """
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        doc = cls(doc_id, "", text, sha)
        _fill_meta(doc, meta or {})
        return doc


@dataclass(frozen=True)
class Corpus(Sequence[Document]):
    """An ordered collection of documents (sorted by file name).

    Examples
    --------
    >>> corpus = load_corpus()
    >>> len(corpus), corpus.to_frame().columns[:3].tolist()
    (4, ['doc_id', 'title', 'date'])
    """

    documents: tuple[Document, ...]
    root: str = ""

    def __len__(self) -> int:
        return len(self.documents)

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        if isinstance(key, str):
            for doc in self.documents:
                if doc.doc_id == key:
                    return doc
            raise KeyError(key)
        return self.documents[key]

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    @property
    def doc_ids(self) -> list[str]:
        """Document identifiers, in corpus order."""
        return [d.doc_id for d in self.documents]

    def to_frame(self) -> pd.DataFrame:
        """One row per document: metadata, provenance, size, checksum, truncation.

        Columns: doc_id, title, date, author, source, url, n_words, n_sentences
        is not included (see :func:`kzlib.corpus.sentences_frame`), sha256,
        truncated, path, note, and ``<field>_from`` for each metadata field.
        """
        rows = []
        for d in self.documents:
            row: dict[str, object] = {"doc_id": d.doc_id}
            for f in META_FIELDS:
                row[f] = d.meta.get(f)
            row["n_words"] = d.n_words
            row["sha256"] = d.sha256
            row["truncated"] = d.cleaned.truncated
            row["path"] = d.path
            row["note"] = d.meta.get("note")
            for f in META_FIELDS:
                row[f"{f}_from"] = d.provenance[f]
            rows.append(row)
        columns = [
            "doc_id",
            *META_FIELDS,
            "n_words",
            "sha256",
            "truncated",
            "path",
            "note",
            *(f"{f}_from" for f in META_FIELDS),
        ]
        frame = pd.DataFrame(rows, columns=columns)
        frame["n_words"] = frame["n_words"].astype("int64")
        frame["truncated"] = frame["truncated"].astype(bool)
        return frame


def _fill_meta(doc: Document, given: dict[str, str | None]) -> None:
    """Fill ``doc.meta`` and ``doc.provenance``: manifest, else text, else inferred."""
    cleaned = doc.cleaned
    header: dict[str, str] = {}
    for b in cleaned.blocks:
        if b.kind in ("title", "dateline", "byline") and b.kind not in header:
            header[b.kind] = b.text
    for f in META_FIELDS:
        value = given.get(f)
        if value:
            doc.meta[f], doc.provenance[f] = value, "manifest"
            continue
        # Extracted, then inferred, values are computed only for fields not given:
        # a date search over the whole body is the costliest step of loading.
        value = _extracted(f, header)
        if value:
            doc.meta[f], doc.provenance[f] = value, "text"
            continue
        value = _inferred(f, cleaned)
        if value:
            doc.meta[f], doc.provenance[f] = value, "inferred"
        else:
            doc.meta[f], doc.provenance[f] = None, "missing"
    doc.meta["note"] = given.get("note") or None


def _extracted(field_name: str, header: dict[str, str]) -> str | None:
    """A metadata field from the first title, dateline or byline line, or None."""
    if field_name == "title":
        return header.get("title")
    if field_name == "date":
        line = header.get("dateline")
        return None if line is None else parse_date(line)
    if field_name == "author" and "byline" in header:
        name = _BYLINE_PREFIX_RE.sub("", header["byline"])
        return _BYLINE_SPLIT_RE.split(name)[0].strip()
    return None


def _inferred(field_name: str, cleaned: Cleaned) -> str | None:
    """A metadata field guessed from the body: the first paragraph, the latest date."""
    if field_name == "title":
        body = cleaned.blocks_of("body")
        return _shorten(body[0].text) if body else None
    if field_name == "date":
        dates = _find_dates("\n".join(b.text for b in cleaned.blocks_of("body")))
        return max(dates) if dates else None
    return None


def _shorten(sentence: str, *, max_words: int = 12) -> str:
    words = sentence.split()
    out = " ".join(words[:max_words])
    return out + ("..." if len(words) > max_words else "")


def read_manifest(path: Path) -> dict[str, dict[str, str | None]]:
    """Read a corpus manifest: ``file`` plus optional doc_id, metadata and note.

    Returns a mapping from file name to its row (empty cells as None).
    Raises :class:`InputError` naming the line of a bad row.

    Examples
    --------
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
    unknown = [c for c in header if c not in _MANIFEST_COLUMNS]
    if unknown:
        raise InputError(
            f"{path}: line 1: unknown column(s) {', '.join(unknown)}; "
            f"allowed: {', '.join(_MANIFEST_COLUMNS)}"
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


def _decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise InputError(f"{path}: file is empty; put the article text in it or delete the file")
    if b"\x00" in data[:8192]:
        nul = data.index(b"\x00")
        raise InputError(
            f"{path}: looks binary (NUL byte at offset {nul}); "
            "only plain-text articles can be loaded: export it as UTF-8 .txt"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{path}: line {line}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save the file as UTF-8"
        ) from None
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), 8192):
        raise InputError(
            f"{path}: looks binary ({controls} control characters); "
            "only plain-text articles can be loaded: export it as UTF-8 .txt"
        )
    return text


def _content_key(text: str) -> str:
    normal = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def iter_documents(
    path: str | Path = SEEDS_DIR, *, manifest: str | Path | None = None
) -> Iterator[Document]:
    """Yield the documents of a corpus folder one at a time, in file-name order.

    Same checks as :func:`load_corpus`; use it for corpora too large to hold.

    Examples
    --------
    >>> next(iter_documents()).doc_id
    '000_844f52fa49c433e9'
    """
    folder = Path(path)
    if not folder.exists():
        raise InputError(
            f"{folder}: corpus folder not found; pass --corpus with an existing folder"
        )
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder; pass a folder of .txt articles")
    files = sorted(p for p in folder.iterdir() if p.suffix == ".txt" and p.is_file())
    manifest_path = Path(manifest) if manifest is not None else folder / MANIFEST_NAME
    rows = read_manifest(manifest_path) if manifest_path.is_file() else None
    if rows is not None:
        names = {p.name for p in files}
        for lineno, name in enumerate(rows, start=2):
            if name not in names:
                raise InputError(
                    f"{manifest_path}: line {lineno}: file {name} not found in {folder}; "
                    "restore the file or delete its row"
                )
    if not files:
        raise InputError(f"{folder}: no .txt articles found; put UTF-8 .txt files in it")
    seen: dict[str, str] = {}
    ids: dict[str, str] = {}
    for p in files:
        data = p.read_bytes()
        text = _decode(p, data)
        key = _content_key(text)
        if key in seen:
            raise InputError(f"{p}: same content as {seen[key]}; delete one of the two files")
        seen[key] = p.name
        given: dict[str, str | None] = {}
        if rows is not None:
            if p.name in rows:
                given = rows[p.name]
            else:
                warnings.warn(
                    f"{p}: not listed in {manifest_path.name}; metadata extracted or inferred",
                    stacklevel=2,
                )
        doc_id = given.get("doc_id") or p.stem
        if doc_id in ids:
            raise InputError(
                f"{p}: doc_id {doc_id!r} already used by {ids[doc_id]}; make it unique"
            )
        ids[doc_id] = p.name
        doc = Document(doc_id, p.name, text, hashlib.sha256(data).hexdigest())
        _fill_meta(doc, given)
        yield doc


def load_corpus(path: str | Path = SEEDS_DIR, *, manifest: str | Path | None = None) -> Corpus:
    """Load every ``.txt`` article of a folder, with metadata and cleaning.

    Parameters
    ----------
    path : str or Path, default ``seeds/``
        Folder of UTF-8 ``.txt`` articles.
    manifest : str or Path, optional
        Metadata CSV; by default ``manifest.csv`` inside the folder, if present.

    Returns
    -------
    Corpus
        Documents in file-name order.

    Raises
    ------
    InputError
        For an empty, binary or non-UTF-8 file, duplicate content, or a
        manifest row whose file is missing.

    Examples
    --------
    >>> corpus = load_corpus("seeds")
    >>> corpus.to_frame().loc[0, ["title_from", "date"]].tolist()
    ['text', '2025-11-13']
    """
    folder = Path(path)
    return Corpus(tuple(iter_documents(folder, manifest=manifest)), str(folder))


def metadata_flags(table: pd.DataFrame) -> pd.DataFrame:
    """Which documents are truncated and which metadata fields are not given.

    Parameters
    ----------
    table : DataFrame
        :meth:`Corpus.to_frame`.

    Returns
    -------
    DataFrame
        Indexed by doc_id: ``truncated`` and, per field of :data:`META_FIELDS`,
        the provenance when it is ``inferred`` or ``missing``, else "".

    Examples
    --------
    >>> flags = metadata_flags(load_corpus().to_frame())
    >>> flags.loc["004_f92db42e88264e84", "date"]
    'inferred'
    """
    out = pd.DataFrame(index=pd.Index(table["doc_id"], name="doc_id"))
    out["truncated"] = table["truncated"].to_numpy()
    for f in META_FIELDS:
        prov = table[f"{f}_from"].to_numpy()
        out[f] = [p if p in ("inferred", "missing") else "" for p in prov]
    return out


#: Where a metadata field can come from, most to least trustworthy.
PROVENANCES: tuple[str, ...] = ("manifest", "text", "inferred", "missing")


def metadata_summary(table: pd.DataFrame) -> pd.DataFrame:
    """How many articles got each metadata field from where: the corpus-wide view of the flags.

    Parameters
    ----------
    table : DataFrame
        :meth:`Corpus.to_frame`.

    Returns
    -------
    DataFrame
        Indexed by field (:data:`META_FIELDS`); one column per provenance in
        :data:`PROVENANCES`, and ``articles``.

    Examples
    --------
    >>> summary = metadata_summary(load_corpus().to_frame())
    >>> summary.loc["date"].tolist()
    [0, 1, 1, 2, 4]
    """
    counts = {
        f: table[f"{f}_from"].value_counts().reindex(PROVENANCES, fill_value=0) for f in META_FIELDS
    }
    out = pd.DataFrame(counts).T.astype(int)
    out["articles"] = len(table)
    out.index.name = "field"
    return out


def sample_doc_ids(doc_ids: Iterable[str], n: int | None, *, seed: int = 0) -> list[str]:
    """At most ``n`` document ids: all of them, or a seeded random sample, sorted.

    The one sampling rule of the suite: a fitted model, a figure or a table
    that shows articles one by one takes its articles from here, so the same
    corpus, ``n`` and ``seed`` always give the same articles.

    Parameters
    ----------
    doc_ids : iterable of str
        Document ids (repeats are counted once).
    n : int or None
        Most ids returned; ``None`` returns all.
    seed : int, default 0
        Seed of the sample.

    Returns
    -------
    list of str
        Sorted ids.

    Examples
    --------
    >>> ids = [f"d{i:02d}" for i in range(10)]
    >>> sample_doc_ids(ids, 20) == ids
    True
    >>> sample_doc_ids(ids, 3, seed=0) == sample_doc_ids(ids, 3, seed=0)
    True
    >>> len(sample_doc_ids(ids, 3))
    3
    """
    unique = sorted(set(doc_ids))
    if n is None or len(unique) <= n:
        return unique
    pick = np.random.default_rng(seed).choice(len(unique), size=n, replace=False)
    return [unique[i] for i in np.sort(pick)]
