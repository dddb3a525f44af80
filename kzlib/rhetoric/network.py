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
    incidence = np.zeros((len(body), len(names)), dtype=np.int64)
    incidence[found["item"].to_numpy(), found["category"].map(index).to_numpy()] = 1
    groups: list[tuple[str | None, np.ndarray]] = (
        [(d, incidence[(body["doc_id"] == d).to_numpy()]) for d in sorted(body["doc_id"].unique())]
        if by_doc
        else [(None, incidence)]
    )
    frames = []
    for doc_id, m in groups:
        co = m.T @ m
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
