"""What a topic is about: its label (top terms), share, scores, and its exemplar sentences.

Examples
--------
>>> label_table([["rail", "freight", "corridor", "port"]], [1.0], [0.5], [0.9])["label"].tolist()
['rail / freight / corridor']
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer

from kzlib.topics.estimator import Fit, shares

__all__ = ["EXEMPLAR_COLUMNS", "LABEL_COLUMNS", "exemplar_table", "label_table"]

#: Columns of :func:`label_table` (the ``topics`` table).
LABEL_COLUMNS: list[str] = ["topic", "label", "share", "coherence", "exclusivity", "stability"]
#: Columns of :func:`exemplar_table`.
EXEMPLAR_COLUMNS: list[str] = ["topic", "rank", "doc_id", "sent_id", "unit_id", "score", "text"]


def label_table(
    tops: Sequence[Sequence[str]],
    share: Sequence[float] | np.ndarray,
    coherence: Sequence[float],
    stability: Sequence[float],
    *,
    exclusivity: Sequence[float] | None = None,
) -> pd.DataFrame:
    """One row per topic: a label of its first three top terms, and its scores.

    Parameters
    ----------
    tops : sequence of sequence of str
        Top terms of each topic, most distinctive first (``fit_topics`` orders
        them by FREX, :mod:`kzlib.topics.exclusivity`).
    share, coherence, stability : sequence of float
        The topic's share of the corpus, its NPMI coherence and its mean stability.
    exclusivity : sequence of float, optional
        Mean FREX of its top terms (default: missing).

    Returns
    -------
    DataFrame
        Columns :data:`LABEL_COLUMNS`.
    """
    return pd.DataFrame(
        {
            "topic": np.arange(len(tops)),
            "label": [" / ".join(terms[:3]) for terms in tops],
            "share": share,
            "coherence": coherence,
            "exclusivity": exclusivity if exclusivity is not None else [np.nan] * len(tops),
            "stability": stability,
        }
    )


def exemplar_table(
    sentences: pd.DataFrame,
    units: pd.DataFrame,
    vec: CountVectorizer,
    fit: Fit,
    *,
    k: int,
    n: int,
) -> pd.DataFrame:
    """Sentences that are both strongly and mostly about a topic.

    A sentence's topic weights are its term vector projected on the topic-term
    matrix (non-negative least squares would be slower and no better at
    ranking); its score for a topic is ``weight * share``. A sentence is a
    candidate only for the topic it is mostly about; headings are never exemplars.

    Examples
    --------
    >>> from kzlib.topics import fit_topics
    >>> from kzlib import load_corpus, sentences_frame
    >>> m = fit_topics(sentences_frame(load_corpus()), n_topics=2, n_stability=0, n_exemplars=1)
    >>> m.exemplars.groupby("topic").size().tolist()
    [1, 1]
    """
    columns = EXEMPLAR_COLUMNS
    if n == 0:
        return pd.DataFrame(columns=columns)
    body = sentences
    if "kind" in body.columns:
        body = body[body["kind"] != "heading"]
    body = body.sort_values(["doc_id", "sent_id"], kind="stable").reset_index(drop=True)
    if body.empty:
        return pd.DataFrame(columns=columns)
    matrix = vec.transform(body["text"].tolist())
    weights: np.ndarray = np.asarray(matrix @ fit.terms.T)
    share = shares(weights)
    score = weights * share
    # unit of each sentence
    doc_ids = body["doc_id"].to_numpy()
    sent_ids = body["sent_id"].to_numpy(dtype=np.int64)
    texts = body["text"].tolist()
    unit_by_sentence = {
        (doc_id, sent): int(uid)
        for doc_id, uid, first, last in zip(
            units["doc_id"], units["unit_id"], units["first_sent"], units["last_sent"], strict=True
        )
        for sent in range(int(first), int(last) + 1)
    }
    unit_of = [
        unit_by_sentence.get((d, int(i)), -1) for d, i in zip(doc_ids, sent_ids, strict=True)
    ]
    best_share = share.max(axis=1)
    records: list[dict[str, object]] = []
    for t in range(k):
        candidates = np.flatnonzero((score[:, t] > 0) & (share[:, t] == best_share))
        ranked = sorted(candidates.tolist(), key=lambda i: (-round(float(score[i, t]), 12), i))
        for rank, i in enumerate(ranked[:n], start=1):
            records.append(
                {
                    "topic": t,
                    "rank": rank,
                    "doc_id": doc_ids[i],
                    "sent_id": int(sent_ids[i]),
                    "unit_id": int(unit_of[i]),
                    "score": float(score[i, t]),
                    "text": texts[i],
                }
            )
    return pd.DataFrame.from_records(records, columns=columns)
