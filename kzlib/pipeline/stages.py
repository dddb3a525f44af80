"""The per-document stages of the pipeline and the pure function that runs them on one part.

Each stage calls the analysis' own function on the part's documents (the same
function an in-memory run calls on the whole corpus), so a part's table is the
whole corpus's rows for those documents.

Stages
------
``corpus``     one row per document (:meth:`kzlib.corpus.Corpus.to_frame`)
``sentences``  one row per sentence (:func:`kzlib.corpus.sentences_frame`)
``paragraphs`` one row per paragraph (:func:`kzlib.corpus.paragraphs_frame`)
``audit``      one row per cleaning edit (:func:`kzlib.corpus.audit_frame`)
``claims``     the claim inventory (:func:`kzlib.claims.extract_claims`, publication
               years from each document's date; option ``min_checkworthiness``), then
               the source table's own columns (``country``, ``year``, ...: see
               :func:`kzlib.corpus.sources.read_part_columns`) for each claim's document
``rhetoric``   the measures with bootstrap intervals (:func:`kzlib.rhetoric.measures`;
               each article has its own seeded stream, so batches do not change them;
               options ``lexicons``, ``actors``, ``include``, ``n_boot``, ``seed``)

Examples
--------
>>> sorted(STAGES)
['audit', 'claims', 'corpus', 'paragraphs', 'rhetoric', 'sentences']
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from kzlib.corpus.document import Corpus, Document
from kzlib.corpus.segment import sentences_frame
from kzlib.corpus.sources import (
    Part,
    document_keys,
    read_part,
    read_part_columns,
)
from kzlib.errors import InputError

__all__ = ["STAGES", "PartResult", "process_part"]

StageFn = Callable[[list[Document], pd.DataFrame | None, Mapping[str, Any]], pd.DataFrame]


def _stage_corpus(
    docs: list[Document], sentences: pd.DataFrame | None, options: Mapping[str, Any]
) -> pd.DataFrame:
    return Corpus(tuple(docs)).to_frame()


def _stage_sentences(
    docs: list[Document], sentences: pd.DataFrame | None, options: Mapping[str, Any]
) -> pd.DataFrame:
    assert sentences is not None
    if options.get("headings", True):
        return sentences
    return sentences[sentences["kind"] == "body"].reset_index(drop=True)


def _stage_paragraphs(
    docs: list[Document], sentences: pd.DataFrame | None, options: Mapping[str, Any]
) -> pd.DataFrame:
    from kzlib.corpus.segment import paragraphs_frame

    return paragraphs_frame(Corpus(tuple(docs)))


def _stage_audit(
    docs: list[Document], sentences: pd.DataFrame | None, options: Mapping[str, Any]
) -> pd.DataFrame:
    from kzlib.corpus.audit import audit_frame

    return audit_frame(Corpus(tuple(docs)))


def _stage_claims(
    docs: list[Document], sentences: pd.DataFrame | None, options: Mapping[str, Any]
) -> pd.DataFrame:
    from kzlib.claims import document_years, extract_claims

    assert sentences is not None
    dates = pd.DataFrame(  # with its provenance: an inferred date is not the article's own
        {
            "doc_id": [d.doc_id for d in docs],
            "date": [d.meta.get("date") for d in docs],
            "date_from": [d.provenance.get("date") for d in docs],
        }
    )
    claims = extract_claims(sentences, doc_years=document_years(dates))
    floor = float(options.get("min_checkworthiness", 0.0))
    if floor > 0:
        claims = claims[claims["checkworthiness"] >= floor].reset_index(drop=True)
    return claims


_DATA_CACHE: dict[tuple[str, str], Any] = {}


def _cached(kind: str, path: str | None) -> Any:
    """Lexicons or actor gazetteer, loaded once per process (workers reuse them across parts)."""
    key = (kind, path or "")
    if key not in _DATA_CACHE:
        if kind == "lexicons":
            from kzlib.rhetoric import load_lexicons

            _DATA_CACHE[key] = load_lexicons(path)
        else:
            from kzlib.rhetoric.actors import load_actors

            _DATA_CACHE[key] = load_actors(path)
    return _DATA_CACHE[key]


def _stage_rhetoric(
    docs: list[Document], sentences: pd.DataFrame | None, options: Mapping[str, Any]
) -> pd.DataFrame:
    from kzlib.rhetoric import measures

    assert sentences is not None
    lexicons = options.get("lexicons")
    actors = options.get("actors")
    return measures(
        sentences,
        lexicons=_cached("lexicons", str(lexicons) if lexicons else None),
        actors=_cached("actors", str(actors) if actors else None),
        include=tuple(options.get("include") or ("*",)),
        n_boot=int(options.get("n_boot", 1000)),
        seed=int(options.get("seed", 0)),
    )


#: Per-document stages: name -> function(documents, sentence table, options) -> table.
#: The sentence table (headings included) is computed once per part when a stage needs it.
STAGES: dict[str, StageFn] = {
    "corpus": _stage_corpus,
    "sentences": _stage_sentences,
    "paragraphs": _stage_paragraphs,
    "audit": _stage_audit,
    "claims": _stage_claims,
    "rhetoric": _stage_rhetoric,
}
#: Stages that need the sentence table.
_NEEDS_SENTENCES: set[str] = {"sentences", "claims", "rhetoric"}


def _with_columns(claims: pd.DataFrame, columns: pd.DataFrame) -> pd.DataFrame:
    """``claims`` with the source's own columns of each claim's document appended.

    A column named like a claims column is left out (the claim's own value wins).

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["b", "a", "b"], "text": ["x", "y", "z"]})
    >>> extra = pd.DataFrame({"doc_id": ["a", "b"], "year": [1990, 1991], "text": ["?", "?"]})
    >>> _with_columns(c, extra).values.tolist()
    [['b', 'x', 1991], ['a', 'y', 1990], ['b', 'z', 1991]]
    """
    extra = [c for c in columns.columns if c not in claims.columns]
    if not extra:
        return claims
    at = pd.Index(columns["doc_id"]).get_indexer(claims["doc_id"])
    out = claims.copy()
    for col in extra:
        out[col] = columns[col].take(at).reset_index(drop=True).set_axis(claims.index)
    return out


@dataclass(frozen=True)
class PartResult:
    """What :func:`process_part` returns for one part.

    Attributes
    ----------
    index : int
        The part's position in the source.
    n_docs, n_words : int
        Documents and body words in the part.
    keys : list of tuple
        ``(doc_id, where, content_key)`` per document, for the corpus-wide checks.
    tables : dict of str to DataFrame
        One table per requested stage.
    seconds : dict of str to float
        Time spent per step (``load`` = read + clean + metadata, ``segment``, then stages).
    """

    index: int
    n_docs: int
    n_words: int
    keys: list[tuple[str, str, str]]
    tables: dict[str, pd.DataFrame]
    seconds: dict[str, float]


def process_part(
    part: Part, *, stages: tuple[str, ...], options: Mapping[str, Any] | None = None
) -> PartResult:
    """Read one part and run the stages on its documents (a pure function of the part).

    Parameters
    ----------
    part : Part
        From :func:`kzlib.corpus.plan_source`.
    stages : tuple of str
        Names from :data:`STAGES`.
    options : mapping, optional
        Stage options (``headings``: keep heading rows in ``sentences``).

    Returns
    -------
    PartResult

    Examples
    --------
    >>> from kzlib.paths import SEEDS_DIR
    >>> from kzlib.corpus import plan_source
    >>> part = next(plan_source(SEEDS_DIR).parts)
    >>> r = process_part(part, stages=("corpus",))
    >>> r.n_docs, r.tables["corpus"]["doc_id"].iloc[0]
    (4, '000_844f52fa49c433e9')
    """
    unknown = [s for s in stages if s not in STAGES]
    if unknown:
        raise InputError(f"unknown stage(s) {', '.join(unknown)}; choose from {', '.join(STAGES)}")
    opts = dict(options or {})
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    docs = read_part(part)
    seconds["load"] = time.perf_counter() - t0
    sentences = None
    if any(s in _NEEDS_SENTENCES for s in stages):
        t0 = time.perf_counter()
        sentences = sentences_frame(docs)
        seconds["segment"] = time.perf_counter() - t0
    tables: dict[str, pd.DataFrame] = {}
    for stage in stages:
        t0 = time.perf_counter()
        tables[stage] = STAGES[stage](docs, sentences, opts)
        seconds[stage] = seconds.get(stage, 0.0) + time.perf_counter() - t0
    if "claims" in tables and part.kind != "folder":
        columns = read_part_columns(part, [d.doc_id for d in docs])
        tables["claims"] = _with_columns(tables["claims"], columns)
    if "corpus" in tables:  # the corpus table has counted them already
        n_words = int(tables["corpus"]["n_words"].sum())
    else:
        n_words = sum(d.n_words for d in docs)
    keys = document_keys(part, docs)
    return PartResult(part.index, len(docs), n_words, keys, tables, seconds)
