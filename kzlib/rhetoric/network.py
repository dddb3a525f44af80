"""Actors mentioned in the same sentence: the co-occurrence network of the gazetteer.

Examples
--------
>>> s = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "text": ["Putin met Xi Jinping."]})
>>> cooccurrence(s)[["actor_a", "actor_b"]].values.tolist()
[['Russia', 'China']]
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from kzlib.rhetoric.actors import load_actors
from kzlib.rhetoric.analysis import _body
from kzlib.rhetoric.lexicon import Lexicon

__all__ = ["cooccurrence"]


def cooccurrence(
    sentences: pd.DataFrame,
    *,
    actors: Lexicon | None = None,
    by_doc: bool = False,
) -> pd.DataFrame:
    """How often two actors are mentioned in the same sentence.

    Parameters
    ----------
    sentences : DataFrame
        :func:`kzlib.corpus.sentences_frame` (body sentences are used).
    actors : Lexicon, optional
        :func:`kzlib.rhetoric.actors.load_actors` (default ``data/actors.csv``).
    by_doc : bool
        One set of pairs per article (with a ``doc_id`` column) instead of
        one for the corpus.

    Returns
    -------
    DataFrame
        ``[doc_id,] actor_a, actor_b, sentences, jaccard`` for every pair
        mentioned together at least once (``actor_a`` before ``actor_b`` in
        gazetteer order); ``sentences`` counts sentences mentioning both,
        ``jaccard`` divides it by the sentences mentioning either. Sorted by
        ``sentences``, most frequent first.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a"] * 3, "sent_id": [0, 1, 2], "text": [
    ...     "The Kremlin and Beijing agreed.", "Putin met Xi Jinping.", "China waited."]})
    >>> cooccurrence(s)
      actor_a actor_b  sentences  jaccard
    0  Russia   China          2   0.6667
    """
    gaz = actors if actors is not None else load_actors()
    body, _ = _body(sentences)
    found = gaz.find(body["text"].tolist())
    names = gaz.categories
    index = {a: j for j, a in enumerate(names)}
    # Sparse: a dense sentences x actors matrix of a 30M-word corpus took gigabytes.
    incidence = sparse.csr_matrix(
        (
            np.ones(len(found), dtype=np.int64),
            (found["item"].to_numpy(), found["category"].map(index).to_numpy()),
        ),
        shape=(len(body), len(names)),
    )
    incidence.data[:] = 1  # a sentence naming an actor twice mentions it once
    if by_doc:  # the body is in doc_id order: each article is a run of rows
        codes = body["doc_id"].to_numpy()
        ids = sorted(body["doc_id"].unique())
        starts = np.searchsorted(codes, ids, side="left")
        ends = np.searchsorted(codes, ids, side="right")
        groups: list[tuple[str | None, sparse.csr_matrix]] = [
            (d, incidence[a:b]) for d, a, b in zip(ids, starts, ends, strict=True)
        ]
    else:
        groups = [(None, incidence)]
    frames = []
    for doc_id, m in groups:
        co = (m.T @ m).toarray()
        n = np.diag(co)
        ia, ib = np.triu_indices(len(names), k=1)
        keep = co[ia, ib] > 0
        ia, ib = ia[keep], ib[keep]
        both = co[ia, ib]
        part = pd.DataFrame(
            {
                "actor_a": np.array(names, dtype=object)[ia],
                "actor_b": np.array(names, dtype=object)[ib],
                "sentences": both,
                "jaccard": np.round(both / (n[ia] + n[ib] - both), 4),
            }
        )
        if doc_id is not None:
            part.insert(0, "doc_id", doc_id)
        frames.append(part)
    cols = (["doc_id"] if by_doc else []) + ["actor_a", "actor_b", "sentences", "jaccard"]
    if not frames:
        return pd.DataFrame(columns=cols)
    out = pd.concat(frames, ignore_index=True)[cols]
    keys = (["doc_id"] if by_doc else []) + ["sentences"]
    return out.sort_values(
        keys, ascending=[True] * (len(keys) - 1) + [False], kind="stable"
    ).reset_index(drop=True)
