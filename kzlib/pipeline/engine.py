"""The batch pipeline: per-document stages over a corpus of any size, in-process or on Dask.

A corpus source (:mod:`kzlib.corpus.sources`) is cut into parts of a few hundred
documents. :func:`process_part` is a pure function of one part: it reads and
cleans the documents and runs the requested *stages* on them, returning one
table per stage. The driver (:func:`run_pipeline`) feeds the parts to an
engine, checks the corpus-wide rules (no repeated ids or texts) in source
order, appends each part's tables to the outputs as it arrives, and reports
progress (documents/s, ETA) on stderr. Memory holds a bounded number of parts
whatever the corpus size.

Engines
-------
``local``  every part in this process, one after the other
``dask``   every part as a Dask task on a dask.distributed cluster: a
           ``LocalCluster`` of ``jobs`` single-threaded worker processes by
           default, or the running cluster at ``scheduler``. At most a few
           parts per worker are in flight and results are taken in source
           order, so the outputs are identical, row for row, to the
           ``local`` engine's. Workers read the corpus path themselves: on a
           remote cluster it must be visible to them at the same path.

Stages
------
``corpus``     one row per document (:meth:`kzlib.corpus.Corpus.to_frame`)
``sentences``  one row per sentence (:func:`kzlib.corpus.sentences_frame`)
``claims``     the claim inventory (:func:`kzlib.claims.extract_claims`, publication
               years from each document's date; option ``min_checkworthiness``)
``rhetoric``   the measures with bootstrap intervals (:func:`kzlib.rhetoric.measures`;
               each article has its own seeded stream, so batches do not change them;
               options ``lexicons``, ``actors``, ``include``, ``n_boot``, ``seed``)

Outputs are written through temporary files and moved into place at the
end, so a failed run (bad input in part 900) leaves no partial table where a
good one was.

Examples
--------
>>> import tempfile, pathlib
>>> from kzlib.paths import SEEDS_DIR
>>> out = pathlib.Path(tempfile.mkdtemp()) / "sentences.parquet"
>>> summary = run_pipeline(SEEDS_DIR, outputs={"sentences": out}, progress=None)
>>> summary.n_docs, summary.rows["sentences"] > 100
(4, True)
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from kzlib.corpus.document import Corpus, Document
from kzlib.corpus.segment import sentences_frame
from kzlib.corpus.sources import (
    DEFAULT_BATCH_SIZE,
    CorpusCheck,
    Part,
    document_keys,
    plan_source,
    read_part,
)
from kzlib.errors import InputError
from kzlib.tables import FLOAT_FORMAT

__all__ = [
    "ENGINES",
    "STAGES",
    "PartResult",
    "PipelineSummary",
    "StreamedTopics",
    "TableSink",
    "iter_sentence_batches",
    "link_written_claims",
    "map_parts",
    "process_part",
    "run_pipeline",
    "stream_keyness",
    "stream_topics",
    "whole_documents",
]

#: Engines :func:`run_pipeline` can use.
ENGINES: tuple[str, ...] = ("local", "dask")

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


def _stage_claims(
    docs: list[Document], sentences: pd.DataFrame | None, options: Mapping[str, Any]
) -> pd.DataFrame:
    from kzlib.claims.extract import document_years, extract_claims

    assert sentences is not None
    dates = pd.DataFrame(
        {"doc_id": [d.doc_id for d in docs], "date": [d.meta.get("date") for d in docs]}
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
            from kzlib.rhetoric.profile import load_lexicons

            _DATA_CACHE[key] = load_lexicons(path)
        else:
            from kzlib.rhetoric.actors import load_actors

            _DATA_CACHE[key] = load_actors(path)
    return _DATA_CACHE[key]


def _stage_rhetoric(
    docs: list[Document], sentences: pd.DataFrame | None, options: Mapping[str, Any]
) -> pd.DataFrame:
    from kzlib.rhetoric.profile import measures

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
    "claims": _stage_claims,
    "rhetoric": _stage_rhetoric,
}
#: Stages that need the sentence table.
_NEEDS_SENTENCES: set[str] = {"sentences", "claims", "rhetoric"}


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
    if "corpus" in tables:  # the corpus table has counted them already
        n_words = int(tables["corpus"]["n_words"].sum())
    else:
        n_words = sum(d.n_words for d in docs)
    keys = document_keys(part, docs)
    return PartResult(part.index, len(docs), n_words, keys, tables, seconds)


# ---------------------------------------------------------------------------
# engines


def map_parts(
    parts: Iterable[Part],
    fn: Callable[[Part], PartResult],
    *,
    engine: str = "local",
    scheduler: str | None = None,
    jobs: int | None = None,
    in_flight: int | None = None,
) -> Iterator[PartResult]:
    """Apply ``fn`` to every part with an engine; yield the results in source order.

    Parameters
    ----------
    parts : iterable of Part
        Consumed lazily: at most ``in_flight`` parts are held at once.
    fn : callable
        A picklable function of one part (e.g. a :func:`functools.partial` of
        :func:`process_part`).
    engine : {"local", "dask"}
        In this process, or as Dask tasks.
    scheduler : str, optional
        Address of a running dask.distributed scheduler (``tcp://host:8786``);
        by default a ``LocalCluster`` is started and stopped.
    jobs : int, optional
        Worker processes of the ``LocalCluster`` (default: CPU count).
    in_flight : int, optional
        Parts submitted ahead of the one being written (default: 2 per worker thread).

    Examples
    --------
    >>> from functools import partial
    >>> from kzlib.paths import SEEDS_DIR
    >>> from kzlib.corpus import plan_source
    >>> fn = partial(process_part, stages=("corpus",))
    >>> [r.n_docs for r in map_parts(plan_source(SEEDS_DIR, batch_size=3).parts, fn)]
    [3, 1]
    """
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1):
        raise InputError(f"jobs must be a positive integer, not {jobs!r}")
    if engine == "local":
        for part in parts:
            yield fn(part)
        return
    yield from _dask_map(parts, fn, scheduler=scheduler, jobs=jobs, in_flight=in_flight)


def _dask_map(
    parts: Iterable[Part],
    fn: Callable[[Part], PartResult],
    *,
    scheduler: str | None,
    jobs: int | None,
    in_flight: int | None,
) -> Iterator[PartResult]:
    # dask.distributed is only partly typed: use it through Any.
    try:
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise InputError(
            "the dask engine needs dask and distributed: install them with "
            "pip install -e '.[scale]' (make setup does), or use --engine local"
        ) from None
    cluster: Any = None
    client: Any
    try:
        if scheduler:
            try:
                client = distributed.Client(scheduler, timeout="20s")
            except OSError as exc:
                raise InputError(
                    f"cannot reach the Dask scheduler at {scheduler} ({exc}); "
                    "check the address or leave out --scheduler for a local cluster"
                ) from None
        else:
            cluster = distributed.LocalCluster(
                n_workers=jobs or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",  # any free port: never clash with a running cluster
                silence_logs=logging.ERROR,
            )
            client = distributed.Client(cluster)
        try:
            width = in_flight or max(2, 2 * sum(client.nthreads().values()))
            window: deque[Any] = deque()
            it = iter(parts)
            for part in it:
                window.append(client.submit(fn, part, pure=False))
                if len(window) >= width:
                    break
            while window:
                future = window.popleft()
                result: PartResult = future.result()
                future.release()
                nxt = next(it, None)
                if nxt is not None:
                    window.append(client.submit(fn, nxt, pure=False))
                yield result
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


# ---------------------------------------------------------------------------
# corpus-level steps over written outputs


#: Columns :func:`kzlib.claims.link_claims` reads.
_LINK_INPUT = ["claim_id", "doc_id", "text", "claim_type", "tags", "entities", "numbers"]


def link_written_claims(
    claims_path: str | Path, *, min_similarity: float = 0.24, batch_rows: int = 100_000
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
    >>> _ = run_pipeline(SEEDS_DIR, outputs={"claims": out}, progress=None)
    >>> list(link_written_claims(out).columns[:4])
    ['claim_a', 'claim_b', 'doc_a', 'doc_b']
    """
    from kzlib.claims.extract import link_claims

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
            frames.append(chunk)
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
        batches = pd.read_csv(source, usecols=columns, chunksize=batch_rows, keep_default_na=False)
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
    from collections import Counter

    import numpy as np

    from kzlib.rhetoric.profile import (
        KEYNESS_COLUMNS,
        _count_matrix,
        _doc_terms,
        _keyness_frames,
        _stop_set,
    )

    for name, value in (("min_count", min_count), ("top", 1 if top is None else top)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InputError(f"{name} must be a whole number >= 1; got {value!r}")
    stop = _stop_set(stop_words)
    totals: Counter[str] = Counter()
    n_docs = 0
    for frame in whole_documents(batches()):
        ids, docs = _doc_terms(frame)
        n_docs += len(ids)
        for tokens in docs:
            totals.update(tokens)
    grand = float(sum(totals.values()))
    if n_docs < 2 or grand == 0:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    frames = []
    for frame in whole_documents(batches()):
        ids, docs = _doc_terms(frame)
        if not any(docs):
            continue
        vocab, counts = _count_matrix(docs)
        col_totals = np.fromiter((totals[w] for w in vocab), dtype=np.float64, count=len(vocab))
        listed = np.fromiter((w not in stop for w in vocab), dtype=bool, count=len(vocab))
        frames.extend(
            _keyness_frames(
                ids, counts, col_totals, grand, vocab, listed, min_count=min_count, top=top
            )
        )
    if not frames:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["doc_id", "rank"], kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class StreamedTopics:
    """Topics fitted on streamed sentence batches (:func:`stream_topics`).

    Attributes
    ----------
    topic_terms : DataFrame
        ``topic, rank, term, weight`` (weights of a topic sum to 1 over the vocabulary).
    doc_topics : DataFrame
        ``doc_id, topic, weight`` (a document's weights sum to 1).
    n_units, n_terms : int
        Sentences used and vocabulary size.
    seconds : dict of str to float
        Time of each pass (``vocabulary``, ``fit``, ``transform``).
    """

    topic_terms: pd.DataFrame
    doc_topics: pd.DataFrame
    n_units: int
    n_terms: int
    seconds: dict[str, float]


def stream_topics(
    batches: Callable[[], Iterable[pd.DataFrame]],
    *,
    n_topics: int = 10,
    n_terms: int = 15,
    max_features: int = 20_000,
    min_df: int = 5,
    max_df: float = 0.5,
    epochs: int = 2,
    chunk_rows: int = 10_000,
    cache_nnz: int = 50_000_000,
    seed: int = 0,
) -> StreamedTopics:
    """NMF topics of a sentence stream too large to hold: MiniBatchNMF over batches.

    Three passes over the batches, each holding one batch at a time:

    1. **vocabulary**: document frequencies per batch (partial results),
       summed; terms in at least ``min_df`` and at most ``max_df`` of the
       sentences, the ``max_features`` most frequent, are kept;
    2. **fit**: TF-IDF with the global document frequencies (sublinear tf,
       smooth idf, l2 rows, as :mod:`kzlib.topics` uses) and
       ``MiniBatchNMF.partial_fit`` on chunks of ``chunk_rows``, ``epochs`` times;
    3. **transform**: sentence-topic weights summed per document and normalised.

    Passes 2 and 3 reuse the sparse TF-IDF chunks while they fit in ``cache_nnz``.

    Tokens and stop words are those of :mod:`kzlib.topics`
    (:func:`~kzlib.topics.tokenize`, :func:`~kzlib.topics.load_stopwords`).
    Topics are numbered by decreasing share of the corpus.

    Parameters
    ----------
    batches : callable
        Returns a fresh iterable of frames with ``doc_id`` and ``text`` on each
        call (e.g. ``lambda: iter_sentence_batches(path)``); rows of one document
        may span batches.
    n_topics, n_terms : int
        Topics, and top terms listed per topic.
    max_features, min_df, max_df
        Vocabulary bounds (``max_df`` a share of sentences).
    epochs : int
        Passes of ``partial_fit`` over the stream.
    chunk_rows : int
        Rows per ``partial_fit`` call.
    cache_nnz : int
        The sparse TF-IDF chunks of the first epoch are kept for the later
        passes while they hold at most this many values (about 12 bytes
        each: 600 MB by default, some four million sentences); beyond it
        every pass reads and tokenizes the stream again.
    seed : int
        Random state of the NMF.

    Returns
    -------
    StreamedTopics

    Examples
    --------
    >>> from kzlib import load_corpus, sentences_frame
    >>> s = sentences_frame(load_corpus())
    >>> t = stream_topics(lambda: [s.iloc[:100], s.iloc[100:]], n_topics=3, min_df=2)
    >>> t.doc_topics.groupby("doc_id")["weight"].sum().round(6).unique().tolist()
    [1.0]
    """
    threadpool_limits: Any = importlib.import_module("threadpoolctl").threadpool_limits

    # The NMF updates multiply thin matrices (rows x topics): one BLAS thread is
    # three times faster than several fighting over two cores.
    with threadpool_limits(limits=1, user_api="blas"):
        return _stream_topics(
            batches,
            n_topics=n_topics,
            n_terms=n_terms,
            max_features=max_features,
            min_df=min_df,
            max_df=max_df,
            epochs=epochs,
            chunk_rows=chunk_rows,
            cache_nnz=cache_nnz,
            seed=seed,
        )


def _stream_topics(
    batches: Callable[[], Iterable[pd.DataFrame]],
    *,
    n_topics: int,
    n_terms: int,
    max_features: int,
    min_df: int,
    max_df: float,
    epochs: int,
    chunk_rows: int,
    cache_nnz: int,
    seed: int,
) -> StreamedTopics:
    import numpy as np
    from scipy import sparse
    from sklearn.decomposition import MiniBatchNMF
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.preprocessing import normalize

    from kzlib.topics.model import load_stopwords, tokenize

    for name, value in (("n_topics", n_topics), ("epochs", epochs), ("min_df", min_df)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InputError(f"{name} must be a whole number >= 1; got {value!r}")
    stop = load_stopwords()
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    df: dict[str, int] = {}
    n_units = 0
    for frame in batches():
        texts = frame["text"].astype(str).tolist()
        if not texts:
            continue
        vec = CountVectorizer(tokenizer=tokenize, token_pattern=None, lowercase=False, binary=True)
        try:
            counts = vec.fit_transform(texts)
        except ValueError:  # no token at all in this batch
            n_units += len(texts)
            continue
        n_units += len(texts)
        sums = np.asarray(counts.sum(axis=0)).ravel()
        for term, j in vec.vocabulary_.items():
            df[term] = df.get(term, 0) + int(sums[j])
    ceiling = max_df * n_units
    kept = [(c, t) for t, c in df.items() if c >= min_df and c <= ceiling and t not in stop]
    kept.sort(key=lambda ct: (-ct[0], ct[1]))
    vocab = sorted(t for _, t in kept[:max_features])
    if len(vocab) < n_topics:
        raise InputError(
            f"{n_units} sentences give {len(vocab)} terms within min_df={min_df}, "
            f"max_df={max_df}: too few for {n_topics} topics; add text or lower min_df"
        )
    df_vec = np.array([df[t] for t in vocab], dtype=np.float64)
    idf = np.log((1 + n_units) / (1 + df_vec)) + 1.0
    seconds["vocabulary"] = time.perf_counter() - t0
    counter = CountVectorizer(
        tokenizer=tokenize, token_pattern=None, lowercase=False, vocabulary=vocab
    )

    def tfidf(texts: list[str]) -> Any:
        x = counter.transform(texts).astype(np.float64)
        x.data = 1.0 + np.log(x.data)
        x = x @ sparse.diags(idf)
        return normalize(x, norm="l2", copy=False)

    t0 = time.perf_counter()
    model = MiniBatchNMF(
        n_components=n_topics,
        init="nndsvda",
        batch_size=1024,
        random_state=seed,
        max_iter=1,
        transform_max_iter=20,  # the default (200) makes every partial_fit 5x slower
    )
    # The TF-IDF chunks of the first epoch are kept (sparse, ~150 MB per million
    # sentences) while they stay under ``cache_nnz`` stored values; beyond that
    # every pass re-reads and re-tokenizes the stream.
    cache: list[tuple[Any, Any]] | None = []

    def chunks() -> Iterator[tuple[Any, Any]]:
        nonlocal cache
        if cache is not None and cache_complete:
            yield from cache
            return
        stored = 0
        for frame in batches():
            texts = frame["text"].astype(str).tolist()
            ids = frame["doc_id"].astype(str).to_numpy()
            for lo in range(0, len(texts), chunk_rows):
                item = (tfidf(texts[lo : lo + chunk_rows]), ids[lo : lo + chunk_rows])
                if cache is not None:
                    stored += item[0].nnz
                    if stored > cache_nnz:
                        cache = None
                    else:
                        cache.append(item)
                yield item

    cache_complete = False
    fitted = False
    for _ in range(epochs):
        for x, _ids in chunks():
            x = x[x.getnnz(axis=1) > 0]
            if x.shape[0] < n_topics:
                continue
            model.partial_fit(x)
            fitted = True
        cache_complete = cache is not None
    if not fitted:
        raise InputError("no batch had enough sentences with vocabulary terms to fit topics")
    seconds["fit"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    doc_weights: dict[str, Any] = {}
    for x, ids in chunks():
        if x.shape[0] == 0:
            continue
        w = model.transform(x)
        per_doc = pd.DataFrame(w).groupby(ids, sort=False).sum()
        for doc_id, row in zip(per_doc.index, per_doc.to_numpy(), strict=True):
            prev = doc_weights.get(doc_id)
            doc_weights[doc_id] = row if prev is None else prev + row
    seconds["transform"] = time.perf_counter() - t0

    comps = model.components_
    totals = np.sum(list(doc_weights.values()), axis=0) if doc_weights else np.ones(n_topics)
    order = np.argsort(-totals, kind="stable")
    terms = comps / np.maximum(comps.sum(axis=1, keepdims=True), 1e-300)
    term_rows = []
    for new, old in enumerate(order):
        top = np.argsort(-terms[old], kind="stable")[:n_terms]
        for rank, j in enumerate(top, start=1):
            term_rows.append((new, rank, vocab[j], float(terms[old, j])))
    topic_terms = pd.DataFrame(term_rows, columns=["topic", "rank", "term", "weight"])
    doc_rows = []
    for doc_id in sorted(doc_weights):
        row = doc_weights[doc_id][order]
        total = float(row.sum())
        for topic, value in enumerate(row):
            doc_rows.append((doc_id, topic, float(value) / total if total > 0 else 0.0))
    doc_topics = pd.DataFrame(doc_rows, columns=["doc_id", "topic", "weight"])
    return StreamedTopics(topic_terms, doc_topics, n_units, len(vocab), seconds)


# ---------------------------------------------------------------------------
# output


class TableSink:
    """A table written part by part: appended CSV or a Parquet file of row groups.

    Rows go to a temporary file beside the target; :meth:`commit` moves it
    into place, :meth:`abort` deletes it. The column types of Parquet output
    are fixed by the first part with rows (a column without values there
    becomes a string column).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> sink = TableSink(out)
    >>> sink.write(pd.DataFrame({"a": [1.0 / 3]})); sink.write(pd.DataFrame({"a": [2.0]}))
    >>> sink.commit().read_text()
    'a\\n0.333333\\n2\\n'
    """

    def __init__(self, path: str | Path, *, float_format: str = FLOAT_FORMAT) -> None:
        self.path = Path(path)
        self.suffix = self.path.suffix.lower()
        if self.suffix not in {".csv", ".parquet"}:
            raise InputError(f"{self.path}: output must end in .csv or .parquet")
        self.float_format = float_format
        self.path.parent.mkdir(parents=True, exist_ok=True)
        from kzlib.scratch import remove_stale, scratch_file  # pid-named, umask modes

        remove_stale(self.path)
        self.tmp = scratch_file(self.path)
        self.rows = 0
        self._writer: Any = None
        self._schema: Any = None
        self._columns: list[str] | None = None
        self._first: pd.DataFrame | None = None

    def write(self, frame: pd.DataFrame) -> None:
        """Append the rows of ``frame`` (its columns must match the first frame's)."""
        if self._columns is None:
            self._columns = list(frame.columns)
        elif list(frame.columns) != self._columns:
            raise ValueError(f"columns changed from {self._columns} to {list(frame.columns)}")
        if self.suffix == ".csv":
            frame.to_csv(
                self.tmp,
                mode="a",
                header=self.rows == 0 and self._writer is None,
                index=False,
                float_format=self.float_format,
                lineterminator="\n",
            )
            self._writer = True
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            if self._writer is None:
                if len(frame) == 0:  # types are fixed by the first frame with rows
                    self._first = frame
                    return
                schema = pa.Schema.from_pandas(frame, preserve_index=False)
                fields = [
                    pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f for f in schema
                ]
                self._schema = pa.schema(fields)
                self._writer = pq.ParquetWriter(self.tmp, self._schema)
            table = pa.Table.from_pandas(frame, schema=self._schema, preserve_index=False)
            self._writer.write_table(table)
        self.rows += len(frame)

    def commit(self) -> Path:
        """Close the file and move it into place; return the target path."""
        if self.suffix == ".parquet" and self._writer is None and self._first is not None:
            self._first.to_parquet(self.tmp, index=False)
        if self.suffix == ".parquet" and self._writer is not None:
            self._writer.close()
        os.replace(self.tmp, self.path)
        return self.path

    def abort(self) -> None:
        """Close and delete the temporary file; the target is left untouched."""
        if self.suffix == ".parquet" and self._writer is not None:
            with contextlib.suppress(Exception):  # a writer broken mid-write
                self._writer.close()
        self.tmp.unlink(missing_ok=True)


# ---------------------------------------------------------------------------
# progress


class _Progress:
    def __init__(
        self, label: str, total: int, emit: Callable[[str], None] | None, *, every: float
    ) -> None:
        self.label, self.total, self.emit, self.every = label, total, emit, every
        self.start = time.perf_counter()
        self.last = self.start
        self.docs = 0
        self.words = 0

    def update(self, docs: int, words: int) -> None:
        self.docs += docs
        self.words += words
        now = time.perf_counter()
        if self.emit is not None and now - self.last >= self.every and self.docs < self.total:
            self.last = now
            self.emit(self.line(now))

    def line(self, now: float) -> str:
        elapsed = max(now - self.start, 1e-9)
        rate = self.docs / elapsed
        left = (self.total - self.docs) / rate if rate > 0 else float("inf")
        eta = _duration(left) if left != float("inf") else "?"
        return (
            f"{self.label}: {self.docs:,}/{self.total:,} documents "
            f"({100 * self.docs / max(self.total, 1):.0f}%), {rate:,.0f} documents/s, "
            f"{self.words / elapsed:,.0f} words/s, elapsed {_duration(elapsed)}, ETA {eta}"
        )


def _duration(seconds: float) -> str:
    s = round(seconds)
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# driver


@dataclass(frozen=True)
class PipelineSummary:
    """What a pipeline run did.

    Attributes
    ----------
    n_docs, n_words : int
        Documents and body words processed.
    rows : dict of str to int
        Rows written per stage.
    wall : float
        Wall-clock seconds.
    seconds : dict of str to float
        Time per step summed over parts (worker time: with several workers it
        exceeds ``wall``).
    outputs : dict of str to Path
        Files written per stage.
    """

    n_docs: int
    n_words: int
    rows: dict[str, int]
    wall: float
    seconds: dict[str, float]
    outputs: dict[str, Path] = field(default_factory=dict)


def run_pipeline(
    source: str | Path,
    *,
    outputs: Mapping[str, str | Path | None],
    engine: str = "local",
    scheduler: str | None = None,
    jobs: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    options: Mapping[str, Any] | None = None,
    progress: Callable[[str], None] | None = _stderr,
    label: str = "kzlib",
    every: float = 2.0,
    on_part: Callable[[PartResult], None] | None = None,
) -> PipelineSummary:
    """Stream a corpus through the stages and write each stage's table incrementally.

    Parameters
    ----------
    source : str or Path
        Folder of ``.txt`` articles, ``.parquet`` or ``.jsonl`` table.
    outputs : mapping of stage name to path
        The stages to run and where to write each table (``.csv`` or
        ``.parquet``); a stage mapped to None is run but not written (its
        rows are still counted).
    engine : {"local", "dask"}
        See :func:`map_parts`.
    scheduler : str, optional
        Address of a running Dask scheduler (``engine="dask"`` only).
    jobs : int, optional
        Workers of the local Dask cluster.
    batch_size : int
        Documents per part.
    options : mapping, optional
        Stage options, passed to every stage.
    progress : callable or None
        Receives progress lines (default: print to stderr); None for silence.
    label : str
        Prefix of the progress lines.
    every : float
        Seconds between progress lines.
    on_part : callable, optional
        Called with each part's result after it is written (for corpus-level
        partial results, benchmarks).

    Returns
    -------
    PipelineSummary

    Raises
    ------
    InputError
        Bad input anywhere in the corpus; no output is left behind.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from kzlib.paths import SEEDS_DIR
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "corpus.csv"
    >>> s = run_pipeline(SEEDS_DIR, outputs={"corpus": out}, batch_size=2, progress=None)
    >>> s.rows, len(pd.read_csv(out))
    ({'corpus': 4}, 4)
    """
    stages = tuple(outputs)
    if not stages:
        raise InputError("no stage to run; name at least one output")
    if engine != "dask" and scheduler:
        raise InputError("--scheduler needs --engine dask")
    started = time.perf_counter()
    plan = plan_source(source, batch_size=batch_size)
    from functools import partial

    fn = partial(process_part, stages=stages, options=dict(options or {}))
    sinks: dict[str, TableSink] = {}
    rows = dict.fromkeys(stages, 0)
    seconds: dict[str, float] = {}
    check = CorpusCheck(source)
    bar = _Progress(label, plan.n_docs, progress, every=every)
    n_words = 0
    try:
        for stage, path in outputs.items():
            if path is not None:
                sinks[stage] = TableSink(path)
        for result in map_parts(plan.parts, fn, engine=engine, scheduler=scheduler, jobs=jobs):
            check.add(result.keys)
            for stage, table in result.tables.items():
                rows[stage] += len(table)
                if stage in sinks:
                    sinks[stage].write(table)
            for step, secs in result.seconds.items():
                seconds[step] = seconds.get(step, 0.0) + secs
            n_words += result.n_words
            bar.update(result.n_docs, result.n_words)
            if on_part is not None:
                on_part(result)
        written = {stage: sink.commit() for stage, sink in sinks.items()}
    except BaseException:
        for sink in sinks.values():
            sink.abort()
        raise
    wall = time.perf_counter() - started
    if progress is not None and plan.n_docs >= 1000:
        progress(bar.line(time.perf_counter()))
    return PipelineSummary(len(check), n_words, rows, wall, seconds, written)
