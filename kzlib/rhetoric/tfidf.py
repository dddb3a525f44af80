"""TF-IDF cosine similarity between articles: every pair, some pairs, or nearest neighbours.

Examples
--------
>>> s = pd.DataFrame({"doc_id": ["a", "b"], "sent_id": [0, 0], "text": ["rail", "rail"]})
>>> similarity(s)["similarity"].round(2).tolist()
[1.0, 1.0, 1.0, 1.0]
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Literal

import numpy as np
import pandas as pd

from kzlib.checks import check_int
from kzlib.rhetoric.words import _doc_counts, _stop_set

__all__ = ["similarity"]

# Rows of the similarity matrix computed at once: 512 x 100,000 articles is 400 MB of floats.
_SIMILARITY_BLOCK = 512


def similarity(
    sentences: pd.DataFrame,
    *,
    stop_words: Literal["english"] | Collection[str] | None = "english",
    doc_ids: Collection[str] | None = None,
    top: int | None = None,
) -> pd.DataFrame:
    """TF-IDF cosine similarity between pairs of articles.

    Each article is the bag of lower-cased word tokens of its body sentences
    (numbers, stop words and possessive 's left out), weighted by scikit-learn's TF-IDF
    (smoothed idf, L2-normalised rows); the similarity of two articles is
    the dot product of their rows: 1 for the same wording, 0 for no word in
    common. With few articles the idf weights are coarse (a word in all of
    them still counts, at a lower weight).

    Every pair is a square in the number of articles; for a large corpus ask
    for the pairs among some articles (``doc_ids``) or for each article's
    nearest neighbours (``top``). Either way the idf weights come from the
    whole corpus, and the products are taken a block of rows at a time.

    Parameters
    ----------
    sentences : DataFrame
        :func:`kzlib.corpus.sentences_frame`.
    stop_words : "english", collection of str, or None
        Words to leave out.
    doc_ids : collection of str, optional
        Only pairs of these articles (e.g. :func:`kzlib.corpus.sample_doc_ids`).
    top : int, optional
        Only each article's ``top`` most similar *other* articles (ties by
        doc_id), sorted by ``doc_a`` then similarity, most similar first.

    Returns
    -------
    DataFrame
        ``doc_a, doc_b, similarity``; without ``top`` every ordered pair (a
        matrix in long form, diagonal included), sorted by ``doc_a`` then
        ``doc_b``.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "b", "c"], "sent_id": [0, 0, 0],
    ...                   "text": ["rail corridor", "rail corridor", "judo"]})
    >>> similarity(s)["similarity"].round(2).tolist()
    [1.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0]
    >>> similarity(s, top=1)[["doc_a", "doc_b"]].values.tolist()
    [['a', 'b'], ['b', 'a'], ['c', 'a']]
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    if top is not None:
        top = check_int("top", top, minimum=1)
    stop = _stop_set(stop_words)
    all_ids, _, counts = _doc_counts(sentences, drop=stop)
    rows = np.arange(len(all_ids))
    if doc_ids is not None:
        wanted = set(doc_ids)
        rows = np.array([i for i, d in enumerate(all_ids) if d in wanted], dtype=np.int64)
    ids = np.array(all_ids, dtype=object)[rows]
    n_words = np.diff(counts.indptr)
    has_words = n_words[rows] > 0
    tfidf = TfidfTransformer().fit_transform(counts) if n_words.any() else None
    # transposed once: the right-hand side of every block's product
    right = tfidf[rows].T.tocsr() if tfidf is not None else None
    blocks = []
    for lo in range(0, len(rows), _SIMILARITY_BLOCK):
        block = rows[lo : lo + _SIMILARITY_BLOCK]
        if tfidf is None:
            sim = np.zeros((len(block), len(rows)))
        else:
            sim = (tfidf[block] @ right).toarray()
        # an article is identical to itself, even one without words (the product says 0)
        sim[np.arange(len(block)), np.arange(lo, lo + len(block))] = has_words[lo : lo + len(block)]
        sim = np.clip(sim, 0.0, 1.0)
        if top is None:
            blocks.append(
                pd.DataFrame(
                    {
                        "doc_a": np.repeat(ids[lo : lo + len(block)], len(rows)),
                        "doc_b": np.tile(ids, len(block)),
                        "similarity": sim.ravel(),
                    }
                )
            )
            continue
        sim[np.arange(len(block)), np.arange(lo, lo + len(block))] = -1.0  # not its own neighbour
        k = min(top, len(rows) - 1)
        # columns are in doc_id order, so a stable sort on -similarity breaks ties by doc_id
        nearest = np.argsort(-sim, axis=1, kind="stable")[:, :k]
        blocks.append(
            pd.DataFrame(
                {
                    "doc_a": np.repeat(ids[lo : lo + len(block)], k),
                    "doc_b": ids[nearest.ravel()],
                    "similarity": np.take_along_axis(sim, nearest, axis=1).ravel(),
                }
            )
        )
    if not blocks:
        return pd.DataFrame({"doc_a": [], "doc_b": [], "similarity": []})
    return pd.concat(blocks, ignore_index=True)
