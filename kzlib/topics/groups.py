"""Topic shares by group of articles (a metadata column: outlet, country, year ...).

Examples
--------
>>> d = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "topic": [0, 1, 0, 1],
...                   "weight": [0.8, 0.2, 0.4, 0.6]})
>>> group_topic_shares(d, {"a": "east", "b": "west"})["share"].round(2).tolist()
[0.8, 0.2, 0.4, 0.6]
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from kzlib.errors import InputError

__all__ = ["group_topic_shares"]


def group_topic_shares(
    doc_topics: pd.DataFrame,
    groups: Mapping[str, object] | pd.Series,
    *,
    lengths: Mapping[str, float] | pd.Series | None = None,
) -> pd.DataFrame:
    """Each group's share of every topic: its articles' topic weights, averaged.

    Parameters
    ----------
    doc_topics : DataFrame
        ``doc_id, topic, weight`` (``TopicModel.doc_topics``).
    groups : mapping or Series
        doc_id -> group (:func:`kzlib.rhetoric.doc_groups`); articles without one are left out.
    lengths : mapping or Series, optional
        doc_id -> words: weight articles by length (a group's share of its
        words); default every article counts the same.

    Returns
    -------
    DataFrame
        ``group, topic, share, n_docs``; shares of a group sum to 1.
    """
    mapping = {str(k): str(v) for k, v in groups.items() if v is not None and str(v).strip()}
    frame = doc_topics.assign(group=doc_topics["doc_id"].astype(str).map(mapping)).dropna(
        subset=["group"]
    )
    if frame.empty:
        raise InputError("groups: no article of the topic table has a group value")
    size = {str(k): float(v) for k, v in lengths.items()} if lengths is not None else {}
    frame = frame.assign(mass=frame["doc_id"].astype(str).map(size).fillna(1.0) * frame["weight"])
    out = frame.groupby(["group", "topic"], as_index=False).agg(
        mass=("mass", "sum"), n_docs=("doc_id", "nunique")
    )
    out["share"] = out["mass"] / out.groupby("group")["mass"].transform("sum")
    return out[["group", "topic", "share", "n_docs"]].sort_values(["group", "topic"]).reset_index(
        drop=True
    )
