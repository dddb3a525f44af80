"""Corpus-level steps over the tables the pipeline wrote, one batch at a time.

:func:`iter_sentence_batches` reads a written sentence table in batches and
:func:`whole_documents` re-cuts them so no document spans two; the steps
schedule the analyses' own per-batch and combine functions over them:
:func:`stream_keyness` (:mod:`kzlib.rhetoric.keywords`) and
:func:`link_written_claims` (:func:`kzlib.claims.link_claims`). Topics of a
sentence stream are :func:`kzlib.topics.stream_topics`.

Examples
--------
>>> b = [pd.DataFrame({"doc_id": ["a", "b"]}), pd.DataFrame({"doc_id": ["b"]})]
>>> [len(f) for f in whole_documents(b)]
[1, 2]
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pandas as pd

from kzlib.tables import unneutralise

if TYPE_CHECKING:  # pragma: no cover
    from kzlib.rhetoric import WordTotals

__all__ = ["iter_sentence_batches", "link_written_claims", "stream_keyness", "whole_documents"]

#: Columns :func:`kzlib.claims.link_claims` reads.
_LINK_INPUT = ["claim_id", "doc_id", "text", "claim_type", "tags", "entities", "numbers"]


def link_written_claims(
    claims_path: str | Path, *, min_similarity: float = 0.28, batch_rows: int = 100_000
) -> pd.DataFrame:
    """Claim links of a claim inventory written by the pipeline, by the claims module's blocking.

    Reads only the seven columns linking needs, batch by batch, then calls
    :func:`kzlib.claims.link_claims` with its defaults, which pairs claims
    sharing an entity, number, date or content word (blocks larger than its
    ``max_block`` are skipped), never all pairs, a chunk of claims at a time;
    the links are identical to linking the in-memory inventory. Those
    columns of every claim are held in memory at once (about 0.3 KB per
    claim), and linking adds about 1 KB per claim at its peak: measured on
    10,000 synthetic articles (413,000 claims) 109 MB and 378 MB, so some
    5 GB for 100,000 articles.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from kzlib.paths import SEEDS_DIR
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "claims.parquet"
    >>> from kzlib.pipeline import run_pipeline
    >>> _ = run_pipeline(SEEDS_DIR, outputs={"claims": out}, progress=None)
    >>> list(link_written_claims(out).columns[:4])
    ['claim_a', 'claim_b', 'doc_a', 'doc_b']
    """
    from kzlib.claims import link_claims

    path = Path(claims_path)
    frames = []
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        for batch in pf.iter_batches(batch_size=batch_rows, columns=_LINK_INPUT):
            frames.append(batch.to_pandas())
    else:
        for chunk in pd.read_csv(
            path, usecols=_LINK_INPUT, chunksize=batch_rows, keep_default_na=False
        ):
            frames.append(unneutralise(chunk))  # written spreadsheet-safe (kzlib.tables)
    claims = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=_LINK_INPUT)
    frames.clear()  # the batches are copies: free them before linking
    return link_claims(claims, min_similarity=min_similarity)


def iter_sentence_batches(
    path: str | Path,
    *,
    batch_rows: int = 50_000,
    body_only: bool = True,
    columns: tuple[str, ...] = ("doc_id", "text"),
) -> Iterator[pd.DataFrame]:
    """Batches of ``columns`` (body sentences only by default) from a written sentence table.

    A document's rows are contiguous in the table but may span two batches.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from kzlib.paths import SEEDS_DIR
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "s.parquet"
    >>> from kzlib.pipeline import run_pipeline
    >>> _ = run_pipeline(SEEDS_DIR, outputs={"sentences": out}, progress=None)
    >>> sum(len(b) for b in iter_sentence_batches(out, batch_rows=50)) > 100
    True
    """
    wanted = list(columns)
    read = [*wanted, "kind"] if body_only and "kind" not in wanted else wanted
    source = Path(path)
    if source.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        batches: Iterable[pd.DataFrame] = (
            b.to_pandas()
            for b in pq.ParquetFile(source).iter_batches(batch_size=batch_rows, columns=read)
        )
    else:
        batches = (
            unneutralise(chunk)  # written spreadsheet-safe (kzlib.tables)
            for chunk in pd.read_csv(
                source, usecols=read, chunksize=batch_rows, keep_default_na=False
            )
        )
    for frame in batches:
        if body_only:
            frame = frame[frame["kind"] == "body"]
        yield frame[wanted].reset_index(drop=True)


def whole_documents(batches: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Re-cut batches of a table with contiguous ``doc_id`` runs so no document spans two.

    Examples
    --------
    >>> b = [pd.DataFrame({"doc_id": ["a", "b"]}), pd.DataFrame({"doc_id": ["b", "c"]})]
    >>> [f["doc_id"].tolist() for f in whole_documents(b)]
    [['a'], ['b', 'b'], ['c']]
    """
    carry: pd.DataFrame | None = None
    for frame in batches:
        if carry is not None:
            frame = pd.concat([carry, frame], ignore_index=True)
            carry = None
        if frame.empty:
            continue
        ids = frame["doc_id"].to_numpy()
        last = ids[-1]
        cut = len(ids)
        while cut > 0 and ids[cut - 1] == last:
            cut -= 1
        carry = frame.iloc[cut:]
        if cut:
            yield frame.iloc[:cut].reset_index(drop=True)
    if carry is not None and not carry.empty:
        yield carry.reset_index(drop=True)


def stream_keyness(
    batches: Callable[[], Iterable[pd.DataFrame]],
    *,
    top: int | None = 20,
    min_count: int = 3,
    stop_words: Literal["english"] | Collection[str] | None = "english",
) -> pd.DataFrame:
    """Keywords of each article against the rest, from word totals merged over batches.

    The same table as :func:`kzlib.rhetoric.keyness` on the whole sentence
    table, computed in two passes that hold one batch at a time: the first
    sums each batch's word counts into corpus totals (a partial result per
    batch, merged); the second scores each article of a batch against
    ``corpus totals - article``. Only the vocabulary totals (one count per
    distinct word) and the result are held.

    Parameters
    ----------
    batches : callable
        Returns a fresh iterable of sentence frames (``doc_id, sent_id, text``
        and optionally ``kind``) with each document's rows contiguous, e.g.
        ``lambda: iter_sentence_batches(path, columns=("doc_id", "sent_id", "text"))``.
    top, min_count, stop_words
        As in :func:`kzlib.rhetoric.keyness`.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "b"], "sent_id": [0, 0],
    ...                   "text": ["judo judo judo sport", "sport rail rail rail"]})
    >>> stream_keyness(lambda: [s.iloc[:1], s.iloc[1:]], min_count=1)["term"].tolist()
    ['judo', 'rail']
    """
    from kzlib.rhetoric import (
        combine_keyness,
        keyness_totals,
        merge_keyness_totals,
        score_keyness,
    )

    def score(frame: pd.DataFrame, totals: WordTotals) -> pd.DataFrame:
        return score_keyness(frame, totals, top=top, min_count=min_count, stop_words=stop_words)

    score(pd.DataFrame(columns=["doc_id", "sent_id", "text"]), merge_keyness_totals([]))  # options
    totals = merge_keyness_totals(keyness_totals(f) for f in whole_documents(batches()))
    return combine_keyness(score(f, totals) for f in whole_documents(batches()))
