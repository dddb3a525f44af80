"""Article metadata: title, date, author, source and url, each with where it came from.

A field is *given* (a manifest or a table row: provenance ``manifest``), else
*extracted* from the article's own header lines (title, dateline, byline:
``text``), else *inferred* from its body (the first paragraph as title, the
latest date it mentions: ``inferred``), else ``missing``
(:func:`resolve_metadata`). :func:`metadata_flags` and :func:`metadata_summary`
show, per article and for the corpus, which fields were not given.

Examples
--------
>>> parse_date("Published on 24 September 2025")
'2025-09-24'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date as _date

import pandas as pd

from kzlib.corpus.clean import Cleaned

__all__ = [
    "META_FIELDS",
    "PROVENANCES",
    "metadata_flags",
    "metadata_summary",
    "parse_date",
    "resolve_metadata",
]

#: Metadata fields every document carries, each with a provenance.
META_FIELDS: tuple[str, ...] = ("title", "date", "author", "source", "url")
#: Where a metadata field can come from, most to least trustworthy.
PROVENANCES: tuple[str, ...] = ("manifest", "text", "inferred", "missing")
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


def resolve_metadata(
    cleaned: Cleaned, given: Mapping[str, str | None]
) -> tuple[dict[str, str | None], dict[str, str]]:
    """An article's metadata and the provenance of each field: given, else text, else inferred.

    Parameters
    ----------
    cleaned : Cleaned
        The article's cleaned text (its title, dateline and byline blocks are read).
    given : mapping of str to str or None
        Values given by a manifest or a table row (``note`` included); empty ones do not count.

    Returns
    -------
    (dict, dict)
        ``meta``: each field of :data:`META_FIELDS`, then ``note`` (None where unknown);
        ``provenance``: each field of :data:`META_FIELDS` -> one of :data:`PROVENANCES`.

    Examples
    --------
    >>> from kzlib.corpus.clean import clean_text
    >>> meta, provenance = resolve_metadata(clean_text("A Title Here\\nBy Ann Lee\\nText."), {})
    >>> meta["author"], provenance["author"], provenance["date"]
    ('Ann Lee', 'text', 'missing')
    """
    meta: dict[str, str | None] = {}
    provenance: dict[str, str] = {}
    header: dict[str, str] = {}
    for b in cleaned.blocks:
        if b.kind in ("title", "dateline", "byline") and b.kind not in header:
            header[b.kind] = b.text
    for f in META_FIELDS:
        value = given.get(f)
        if value:
            meta[f], provenance[f] = value, "manifest"
            continue
        # Extracted, then inferred, values are computed only for fields not given:
        # a date search over the whole body is the costliest step of loading.
        value = _extracted(f, header)
        if value:
            meta[f], provenance[f] = value, "text"
            continue
        value = _inferred(f, cleaned)
        if value:
            meta[f], provenance[f] = value, "inferred"
        else:
            meta[f], provenance[f] = None, "missing"
    meta["note"] = given.get("note") or None
    return meta, provenance


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
    >>> from kzlib.corpus import load_corpus
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
    >>> from kzlib.corpus import load_corpus
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
