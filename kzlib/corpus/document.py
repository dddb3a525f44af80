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
with extracted or inferred metadata and a warning. The manifest is read by
:mod:`kzlib.corpus.manifest`, metadata filled by :mod:`kzlib.corpus.metadata`.

Examples
--------
>>> corpus = load_corpus()
>>> corpus.doc_ids[:2]
['000_844f52fa49c433e9', '001_3f8aff8216344478']
>>> corpus["000_844f52fa49c433e9"].meta["author"]
'Valikhan Tuleshov'
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from kzlib.corpus.clean import Cleaned, clean_text
from kzlib.corpus.manifest import MANIFEST_COLUMNS, folder_manifest
from kzlib.corpus.metadata import META_FIELDS, resolve_metadata
from kzlib.errors import InputError
from kzlib.paths import SEEDS_DIR
from kzlib.text import count_words

__all__ = ["Corpus", "Document", "iter_documents", "load_corpus", "sample_doc_ids"]

#: Metadata keys every document has; others are the manifest's own columns.
_OWN_META = frozenset(MANIFEST_COLUMNS)


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
        truncated, path, note, and ``<field>_from`` for each metadata field;
        then any column of the researcher's own from the manifest (``outlet``,
        ``country`` ...), empty for articles it does not list.
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
        extra = {k: None for d in self.documents for k in d.meta if k not in _OWN_META}
        frame = pd.DataFrame(rows, columns=columns)
        for name in extra:
            frame[name] = [d.meta.get(name) for d in self.documents]
        frame["n_words"] = frame["n_words"].astype("int64")
        frame["truncated"] = frame["truncated"].astype(bool)
        return frame


def _fill_meta(doc: Document, given: dict[str, str | None]) -> None:
    """Fill ``doc.meta`` and ``doc.provenance``: manifest, else text, else inferred."""
    meta, provenance = resolve_metadata(doc.cleaned, given)
    doc.meta.update(meta)
    doc.provenance.update(provenance)
    # the researcher's own manifest columns (groups to compare), kept as given
    doc.meta.update({k: v for k, v in given.items() if k not in MANIFEST_COLUMNS})


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
    manifest_path, rows = folder_manifest(folder, {p.name for p in files}, manifest)
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
    """Load a corpus: a folder of ``.txt`` articles, or a ``.parquet``/``.jsonl`` table.

    Parameters
    ----------
    path : str or Path, default ``seeds/``
        Folder of UTF-8 ``.txt`` articles, or a table with one article per
        row: a ``text`` column, optional ``doc_id``, metadata columns and
        columns of your own (``country``, ``year``), kept as groups.
    manifest : str or Path, optional
        Metadata CSV of a folder; by default ``manifest.csv`` inside it, if present.

    Returns
    -------
    Corpus
        Documents in file-name order (a table: in row order).

    Raises
    ------
    InputError
        For an empty, binary or non-UTF-8 file or row, duplicate content, a
        manifest row whose file is missing, or a manifest given with a table.

    Examples
    --------
    >>> corpus = load_corpus("seeds")
    >>> corpus.to_frame().loc[0, ["title_from", "date"]].tolist()
    ['text', '2025-11-13']
    """
    from kzlib.corpus.sources import iter_source, source_kind

    folder = Path(path)
    if source_kind(folder) == "folder":
        return Corpus(tuple(iter_documents(folder, manifest=manifest)), str(folder))
    if manifest is not None:
        raise InputError(
            f"{folder}: a table carries its own metadata columns; drop the manifest "
            "or load a folder of .txt articles"
        )
    return Corpus(tuple(doc for batch in iter_source(folder) for doc in batch), str(folder))


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
