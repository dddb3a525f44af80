"""NMF topics of a sentence stream too large to hold: MiniBatchNMF over batches.

The streamed counterpart of :func:`kzlib.topics.fit_topics` for a fixed number
of topics, with sentences as units. Three passes over a stream of sentence
batches, each holding one batch at a time: document frequencies per batch,
summed into one vocabulary (:func:`_vocabulary`); ``partial_fit`` on TF-IDF
chunks (:func:`_fit`); sentence-topic weights summed per document
(:func:`_doc_weights`). The scheduling of the batches (reading a written
sentence table, Dask) is :mod:`kzlib.pipeline`'s.

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({"doc_id": ["a", "b"] * 20,
...                       "text": ["rail freight port", "judo wrestler throw"] * 20})
>>> t = stream_topics(lambda: [frame], n_topics=2, min_df=2, max_df=0.6)
>>> t.n_units, t.n_terms
(40, 6)
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kzlib.errors import InputError
from kzlib.text import load_stopwords
from kzlib.text import topic_tokens as tokenize

__all__ = ["StreamedTopics", "stream_topics"]

Batches = Callable[[], Iterable[pd.DataFrame]]


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
    batches: Batches,
    *,
    n_topics: int = 10,
    n_terms: int = 15,
    max_features: int = 20_000,
    min_df: int = 5,
    max_df: float = 0.5,
    epochs: int = 2,
    chunk_rows: int = 10_000,
    cache_nnz: int = 50_000_000,
    boilerplate: bool = True,
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
        call (e.g. ``lambda: kzlib.pipeline.iter_sentence_batches(path)``); rows of one document
        may span batches.
    n_topics, n_terms : int
        Topics, and top terms listed per topic.
    max_features, min_df, max_df
        Vocabulary bounds (``max_df`` a share of sentences).
    epochs : int
        Passes of ``partial_fit`` over the stream.
    chunk_rows : int
        Rows per ``partial_fit`` call, cut from the stream as a whole: however the
        batches cut it, the result is the same.
    cache_nnz : int
        The sparse TF-IDF chunks of the first epoch are kept for the later
        passes while they hold at most this many values (about 12 bytes
        each: 600 MB by default, some four million sentences); beyond it
        every pass reads and tokenizes the stream again.
    boilerplate : bool, default True
        Leave ceremonial and procedural sentences out, as :func:`kzlib.topics.fit_topics`
        does, by the rules of :mod:`kzlib.corpus.boilerplate` applied batch by batch
        (openings and closings that merely recur across documents are not looked for:
        that needs the whole corpus).
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
    source = _without_boilerplate(batches) if boilerplate else batches
    with threadpool_limits(limits=1, user_api="blas"):
        return _stream_topics(
            source,
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


def _without_boilerplate(batches: Batches) -> Batches:
    """The batches with boilerplate rows dropped and salutations blanked (rules only)."""
    from kzlib.corpus.boilerplate import without_boilerplate

    def clean(frame: pd.DataFrame) -> pd.DataFrame:
        if "sent_id" not in frame.columns:
            frame = frame.assign(sent_id=np.arange(len(frame)))
        return without_boilerplate(frame, recurring=False)

    return lambda: (clean(frame) for frame in batches())


def _stream_topics(
    batches: Batches,
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
    for name, value in (("n_topics", n_topics), ("epochs", epochs), ("min_df", min_df)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InputError(f"{name} must be a whole number >= 1; got {value!r}")
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    vocab, idf, n_units = _vocabulary(
        batches, n_topics=n_topics, max_features=max_features, min_df=min_df, max_df=max_df
    )
    seconds["vocabulary"] = time.perf_counter() - t0
    chunks = _Chunks(batches, _tfidf(vocab, idf), chunk_rows=chunk_rows, cache_nnz=cache_nnz)
    t0 = time.perf_counter()
    model = _fit(chunks, n_topics=n_topics, epochs=epochs, seed=seed)
    seconds["fit"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    doc_weights = _doc_weights(model, chunks)
    seconds["transform"] = time.perf_counter() - t0
    topic_terms, doc_topics = _tables(model.components_, doc_weights, vocab, n_topics, n_terms)
    return StreamedTopics(topic_terms, doc_topics, n_units, len(vocab), seconds)


def _batch_frequencies(texts: list[str]) -> dict[str, int]:
    """Sentences of one batch that hold each term (the per-batch step of the vocabulary)."""
    from sklearn.feature_extraction.text import CountVectorizer

    vec = CountVectorizer(tokenizer=tokenize, token_pattern=None, lowercase=False, binary=True)
    try:
        counts = vec.fit_transform(texts)
    except ValueError:  # no token at all in this batch
        return {}
    sums = np.asarray(counts.sum(axis=0)).ravel()
    return {term: int(sums[j]) for term, j in vec.vocabulary_.items()}


def _vocabulary(
    batches: Batches, *, n_topics: int, max_features: int, min_df: int, max_df: float
) -> tuple[list[str], np.ndarray, int]:
    """Pass 1: the vocabulary (sorted), its smoothed idf and the number of sentences.

    Document frequencies of each batch are summed (the combine step); terms in at
    least ``min_df`` and at most ``max_df`` of the sentences, not stop words, the
    ``max_features`` most frequent, are kept.
    """
    stop = load_stopwords()
    df: dict[str, int] = {}
    n_units = 0
    for frame in batches():
        texts = frame["text"].astype(str).tolist()
        if not texts:
            continue
        n_units += len(texts)
        for term, count in _batch_frequencies(texts).items():
            df[term] = df.get(term, 0) + count
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
    return vocab, idf, n_units


def _tfidf(vocab: list[str], idf: np.ndarray) -> Callable[[list[str]], Any]:
    """TF-IDF rows of sentences: sublinear tf, the global idf, l2-normalised."""
    from scipy import sparse
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.preprocessing import normalize

    counter = CountVectorizer(
        tokenizer=tokenize, token_pattern=None, lowercase=False, vocabulary=vocab
    )

    def tfidf(texts: list[str]) -> Any:
        x = counter.transform(texts).astype(np.float64)
        x.data = 1.0 + np.log(x.data)
        x = x @ sparse.diags(idf)
        return normalize(x, norm="l2", copy=False)

    return tfidf


class _Chunks:
    """The TF-IDF chunks of the stream, ``(rows, doc_ids)``, on every iteration.

    The chunks of the first full pass are kept (sparse, ~150 MB per million
    sentences) while they stay under ``cache_nnz`` stored values; beyond that
    every pass re-reads and re-tokenizes the stream.
    """

    def __init__(
        self,
        batches: Batches,
        tfidf: Callable[[list[str]], Any],
        *,
        chunk_rows: int,
        cache_nnz: int,
    ) -> None:
        self.batches, self.tfidf = batches, tfidf
        self.chunk_rows, self.cache_nnz = chunk_rows, cache_nnz
        self.cache: list[tuple[Any, Any]] | None = []
        self.complete = False

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.cache is not None and self.complete:
            yield from self.cache
            return
        stored = 0
        for texts, ids in self._rows():
            item = (self.tfidf(texts), ids)
            if self.cache is not None:
                stored += item[0].nnz
                if stored > self.cache_nnz:
                    self.cache = None
                else:
                    self.cache.append(item)
            yield item
        self.complete = self.cache is not None

    def _rows(self) -> Iterator[tuple[list[str], np.ndarray]]:
        """Texts and doc_ids of the stream in chunks of ``chunk_rows`` rows, whatever the
        batches: the model sees the same chunks however the stream is cut."""
        texts: list[str] = []
        ids: list[np.ndarray] = []
        for frame in self.batches():
            more = frame["text"].astype(str).tolist()
            more_ids = frame["doc_id"].astype(str).to_numpy()
            lo = 0
            while lo < len(more):
                hi = lo + self.chunk_rows - len(texts)
                texts.extend(more[lo:hi])
                ids.append(more_ids[lo:hi])
                lo = hi
                if len(texts) == self.chunk_rows:
                    yield texts, np.concatenate(ids)
                    texts, ids = [], []
        if texts:
            yield texts, np.concatenate(ids)


def _fit(chunks: _Chunks, *, n_topics: int, epochs: int, seed: int) -> Any:
    """Pass 2: ``MiniBatchNMF.partial_fit`` on every chunk, ``epochs`` times."""
    from sklearn.decomposition import MiniBatchNMF

    model = MiniBatchNMF(
        n_components=n_topics,
        init="nndsvda",
        batch_size=1024,
        random_state=seed,
        max_iter=1,
        transform_max_iter=20,  # the default (200) makes every partial_fit 5x slower
    )
    fitted = False
    for _ in range(epochs):
        for x, _ids in chunks:
            x = x[x.getnnz(axis=1) > 0]
            if x.shape[0] < n_topics:
                continue
            model.partial_fit(x)
            fitted = True
    if not fitted:
        raise InputError("no batch had enough sentences with vocabulary terms to fit topics")
    return model


def _doc_weights(model: Any, chunks: _Chunks) -> dict[str, Any]:
    """Pass 3: the topic weights of each document, summed over its sentences."""
    doc_weights: dict[str, Any] = {}
    for x, ids in chunks:
        if x.shape[0] == 0:
            continue
        w = model.transform(x)
        per_doc = pd.DataFrame(w).groupby(ids, sort=False).sum()
        for doc_id, row in zip(per_doc.index, per_doc.to_numpy(), strict=True):
            prev = doc_weights.get(doc_id)
            doc_weights[doc_id] = row if prev is None else prev + row
    return doc_weights


def _tables(
    comps: np.ndarray,
    doc_weights: dict[str, Any],
    vocab: list[str],
    n_topics: int,
    n_terms: int,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``topic_terms`` and ``doc_topics``, topics numbered by decreasing share of the corpus."""
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
    return topic_terms, doc_topics
