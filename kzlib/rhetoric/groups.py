"""Groups of articles compared: keyness of a target group against the rest, measures by group.

Researchers compare one outlet with another, one country's speeches with
everyone else's, 2022 with 2024. A *group* is the value of a metadata column
of the corpus table (:meth:`kzlib.corpus.Corpus.to_frame`): a manifest
column of the researcher's own (``outlet``, ``country``), a metadata field
(``source``, ``author``), or ``year`` (from ``date`` when there is no such
column). :func:`doc_groups` reads it; articles without a value belong to no
group and are left out.

- :func:`group_keyness`: words that distinguish the ``target`` group from the
  reference (every other article with a group), as quanteda's
  ``textstat_keyness(target = ...)``: counts in both, G2 (log-likelihood),
  chi2 (Pearson, Yates-corrected as quanteda's default for a 2 x 2 table),
  the log ratio (effect size) and the p-value, for the top terms of *both*
  sides (``side``); :func:`kzlib.rhetoric.plot_keyness` draws it.
- :func:`group_sentences`: the sentence table with each article's ``doc_id``
  replaced by its group, so :func:`kzlib.rhetoric.measures` gives every
  measure per group (with intervals over the group's sentences).

Examples
--------
>>> s = pd.DataFrame({"doc_id": ["a", "b", "c"], "sent_id": [0, 0, 0],
...                   "text": ["rail rail rail port", "wheat wheat port", "wheat grain"]})
>>> g = {"a": "east", "b": "west", "c": "west"}
>>> k = group_keyness(s, g, target="east", top=1, min_count=1)
>>> k[["side", "term", "count_target", "count_reference", "log_ratio"]].round(2)
        side   term  count_target  count_reference  log_ratio
0     target   rail             3                0       2.91
1  reference  wheat             0                3      -2.26
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Literal

import numpy as np
import pandas as pd
from scipy.stats import chi2 as chi2_dist

from kzlib.checks import check_int
from kzlib.errors import InputError
from kzlib.rhetoric.words import _doc_counts, _stop_set

__all__ = ["GROUP_KEYNESS_COLUMNS", "doc_groups", "group_keyness", "group_sentences"]

#: Columns of :func:`group_keyness`.
GROUP_KEYNESS_COLUMNS: list[str] = [
    "side",
    "rank",
    "term",
    "count_target",
    "count_reference",
    "per_1k_target",
    "per_1k_reference",
    "g2",
    "chi2",
    "log_ratio",
    "p_value",
]


def doc_groups(corpus: pd.DataFrame, column: str) -> pd.Series:
    """Each article's group: the value of ``column`` in the corpus table, as text.

    ``year`` is taken from ``date`` when the table has no ``year`` column.
    Articles without a value get none (they are left out of group comparisons).

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["a", "b"], "date": ["2022-01-05", None]})
    >>> doc_groups(t, "year").to_dict()
    {'a': '2022'}
    """
    if "doc_id" not in corpus.columns:
        raise InputError("corpus table: no doc_id column; pass Corpus.to_frame()")
    if column in corpus.columns:
        values = corpus[column]
    elif column == "year" and "date" in corpus.columns:
        values = corpus["date"].astype("string").str.slice(0, 4)
    else:
        own = [c for c in corpus.columns if not c.endswith("_from")]
        raise InputError(
            f"group={column!r}: not a column of the corpus; use one of {', '.join(own)} "
            "(or year), or add a column to the manifest"
        )
    out = pd.Series(values.to_numpy(), index=corpus["doc_id"].astype(str), name=column)
    out = out[out.notna() & (out.astype(str).str.strip() != "")]
    return out.map(lambda v: str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))


def _group_map(groups: Mapping[str, object] | pd.Series) -> dict[str, str]:
    items = groups.items()
    return {str(k): str(v) for k, v in items if v is not None and str(v).strip() != ""}


def group_sentences(
    sentences: pd.DataFrame, groups: Mapping[str, object] | pd.Series
) -> pd.DataFrame:
    """The sentences of articles with a group, ``doc_id`` replaced by the group.

    ``sent_id`` is renumbered within each group (article order, then sentence
    order), so every tool that takes a sentence table treats a group as one
    document: ``measures(group_sentences(s, g))`` gives the measures by group.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "b", "c"], "sent_id": [0, 0, 0], "text": ["x", "y", "z"]})
    >>> group_sentences(s, {"a": "g1", "b": "g1"})[["doc_id", "sent_id", "text"]].values.tolist()
    [['g1', 0, 'x'], ['g1', 1, 'y']]
    """
    mapping = _group_map(groups)
    if not mapping:
        raise InputError("groups: no article has a group value; check the group column")
    keep = sentences[sentences["doc_id"].astype(str).isin(mapping)]
    keep = keep.sort_values(["doc_id", "sent_id"], kind="stable")
    out = keep.assign(doc_id=keep["doc_id"].astype(str).map(mapping))
    out = out.sort_values("doc_id", kind="stable")
    return out.assign(sent_id=out.groupby("doc_id").cumcount()).reset_index(drop=True)


def _two_by_two(
    a: np.ndarray, b: np.ndarray, c: float, d: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """G2, Yates-corrected chi2 and log ratio for counts ``a`` (of ``c``) vs ``b`` (of ``d``)."""
    n = c + d
    e1, e2 = c * (a + b) / n, d * (a + b) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2.0 * (
            np.where(a > 0, a * np.log(a / e1), 0.0) + np.where(b > 0, b * np.log(b / e2), 0.0)
        )
        diff = np.maximum(np.abs(a * (d - b) - b * (c - a)) - n / 2.0, 0.0)
        chi2 = n * diff**2 / ((a + b) * (n - a - b) * c * d)
        lr = np.log2((np.where(a > 0, a, 0.5) / c) / (np.where(b > 0, b, 0.5) / d))
    return g2, np.nan_to_num(chi2), lr


def group_keyness(
    sentences: pd.DataFrame,
    groups: Mapping[str, object] | pd.Series,
    *,
    target: str,
    top: int | None = 20,
    min_count: int = 3,
    stop_words: Literal["english"] | Collection[str] | None = "english",
    boilerplate: bool = True,
) -> pd.DataFrame:
    """Keywords of a target group against the reference (every other article with a group).

    Parameters
    ----------
    sentences : DataFrame
        :func:`kzlib.corpus.sentences_frame`.
    groups : mapping or Series
        doc_id -> group (:func:`doc_groups`).
    target : str
        The group compared with all others.
    top : int or None
        Terms listed per side, by G2 (None: all).
    min_count : int
        Fewest uses on the side a term is key for.
    stop_words, boilerplate
        As for :func:`kzlib.rhetoric.keyness`.

    Returns
    -------
    DataFrame
        :data:`GROUP_KEYNESS_COLUMNS`: ``side`` ``target`` (log ratio > 0) then
        ``reference``, ranked by G2; ``chi2`` is signed like the log ratio, as in
        quanteda.
    """
    top = None if top is None else check_int("top", top, minimum=1)
    min_count = check_int("min_count", min_count, minimum=1)
    mapping = _group_map(groups)
    target = str(target)
    values = sorted(set(mapping.values()))
    if target not in values or len(values) < 2:
        raise InputError(
            f"target={target!r}: give one of the groups {', '.join(values[:20]) or '(none)'}; "
            "the others form the reference"
        )
    doc_ids, vocab, counts = _doc_counts(sentences, boilerplate=boilerplate)
    side = np.array([mapping.get(str(d)) for d in doc_ids], dtype=object)
    a = np.asarray(counts[side == target].sum(axis=0), dtype=np.float64).ravel()
    grouped = np.array([s is not None and s != target for s in side])
    b = np.asarray(counts[grouped].sum(axis=0), dtype=np.float64).ravel()
    c, d = float(a.sum()), float(b.sum())
    if c == 0 or d == 0:
        return pd.DataFrame(columns=GROUP_KEYNESS_COLUMNS)
    g2, chi2, lr = _two_by_two(a, b, c, d)
    stop = _stop_set(stop_words)
    listed = np.fromiter((w not in stop for w in vocab), dtype=bool, count=len(vocab))
    frames = []
    for name, sel in (
        ("target", (lr > 0) & (a >= min_count)),
        ("reference", (lr < 0) & (b >= min_count)),
    ):
        idx = np.flatnonzero(sel & listed)
        idx = idx[np.lexsort((vocab[idx].astype(str), -g2[idx]))][:top]
        frames.append(
            pd.DataFrame(
                {
                    "side": name,
                    "rank": np.arange(1, len(idx) + 1),
                    "term": vocab[idx].astype(str),
                    "count_target": a[idx].astype(np.int64),
                    "count_reference": b[idx].astype(np.int64),
                    "per_1k_target": 1000.0 * a[idx] / c,
                    "per_1k_reference": 1000.0 * b[idx] / d,
                    "g2": g2[idx],
                    "chi2": np.sign(lr[idx]) * chi2[idx],
                    "log_ratio": lr[idx],
                    "p_value": chi2_dist.sf(g2[idx], 1),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)[GROUP_KEYNESS_COLUMNS]
