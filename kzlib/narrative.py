"""Findings in words, computed from the result tables of a run.

A report states findings ("article X uses twice the attribution of any other",
"two topics fill most of the corpus") that must hold for the corpus it was run
on, not for the one its notebooks were written against. The functions here
render those findings as Markdown from the tables the analyses return, so a
notebook only explains how to read a figure and ``display(Markdown(...))`` the
findings. Every article, topic term, speaker and claim a sentence names comes
from the tables passed in; nothing is fixed in the prose.

- :func:`rhetoric_findings`: which article leads the measures on which one
  stands out most, by how much, and whether its 95% interval clears the
  runner-up's (the ``kzlib rhetoric`` table).
- :func:`topic_findings`: which topics dominate, their top terms, where they
  are the main topic, and the coherence and stability caveats (the tables of
  ``kzlib.topics.fit_topics``).
- :func:`claim_findings`: claims by type, the share attributed, the most quoted
  speakers, the most checkworthy claims, and cross-article links (the tables of
  ``kzlib.claims``).
- :func:`doc_labels`: readable names for articles (title and id) from the corpus table.

Examples
--------
>>> import pandas as pd
>>> m = pd.DataFrame({"doc_id": ["a", "b", "a", "b"],
...                   "measure": ["hedges_per_1k"] * 2 + ["mtld"] * 2,
...                   "value": [9.0, 2.0, 50.0, 49.0], "ci_low": [7.0, 1.0, 40.0, 39.0],
...                   "ci_high": [11.0, 3.0, 60.0, 59.0]})
>>> print(rhetoric_findings(m, top=1))  # doctest: +NORMALIZE_WHITESPACE
Compared across 2 articles, 1 of 2 measures has a leader whose 95% interval clears
the runner-up's.
- `hedges_per_1k` (per 1,000 words): `a` leads with 9 (95% interval 7-11), 4.5 times
`b` (2); the intervals do not overlap.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from kzlib.errors import InputError

__all__ = [
    "claim_findings",
    "doc_labels",
    "rhetoric_findings",
    "topic_findings",
]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
_SMALL_CORPUS = 20


def _md(text: object) -> str:
    """Text with Markdown's special characters escaped and whitespace squeezed."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _code(text: object) -> str:
    """Text for a Markdown code span (backticks cannot occur inside one)."""
    return " ".join(str(text).split()).replace("`", "'")


def _clip(text: object, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _num(x: float) -> str:
    """A number to three significant figures, without a trailing exponent for ordinary values."""
    if x == 0 or not math.isfinite(x):
        return f"{x:g}"
    return f"{x:.3g}" if 1e-3 <= abs(x) < 1e5 else f"{x:.2e}"


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _require(frame: pd.DataFrame, columns: list[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(
            f"{what}: missing column(s) {', '.join(missing)}; pass the table kzlib returns "
            f"(columns {', '.join(columns)})"
        )


def _check_top(top: int) -> int:
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise InputError(f"top={top!r}: give a whole number >= 1")
    return top


class _Namer:
    """Names articles: the label given for the id (if the id is in the inputs), else the id."""

    def __init__(self, present: set[str], labels: Mapping[str, str] | None) -> None:
        given = {} if labels is None else labels
        self.labels = {str(k): str(v) for k, v in given.items() if str(k) in present}

    def __call__(self, doc_id: object) -> str:
        key = str(doc_id)
        label = self.labels.get(key)
        if label and label != key:
            return f"*{_md(label)}*"
        return f"`{_code(key)}`"


def doc_labels(corpus: pd.DataFrame, *, max_chars: int = 60) -> dict[str, str]:
    """Readable article names from a corpus table: the title, cut to ``max_chars``.

    Parameters
    ----------
    corpus : DataFrame
        ``kzlib corpus`` / :meth:`kzlib.corpus.Corpus.to_frame` (``doc_id``, ``title``).
    max_chars : int
        Longest label; longer titles end in an ellipsis.

    Returns
    -------
    dict of str to str
        doc_id -> title, for articles with a title (others are named by id).

    Examples
    --------
    >>> doc_labels(pd.DataFrame({"doc_id": ["a", "b"], "title": ["Steppe Roads", None]}))
    {'a': 'Steppe Roads'}
    """
    _require(corpus, ["doc_id", "title"], "corpus")
    out: dict[str, str] = {}
    for doc_id, title in zip(corpus["doc_id"], corpus["title"], strict=True):
        if isinstance(title, str) and title.strip():
            out[str(doc_id)] = _clip(title, max_chars)
    return out


# ---------------------------------------------------------------------------
# rhetoric


def _unit(measure: str) -> str:
    if "_per_1k" in measure:
        return " (per 1,000 words)"
    if measure.endswith("_share") or measure.startswith("actor_share:"):
        return " (share of sentences)"
    return ""


def _leaders(measures: pd.DataFrame, include: tuple[str, ...]) -> pd.DataFrame:
    """Per measure with intervals and two or more articles: leader, runner-up, gap, score."""
    from kzlib.rhetoric import contrasts

    found = contrasts(measures, include=include)
    names = {"runner_up_value": "runner_value", "runner_up_ci_high": "runner_high"}
    return found.rename(columns=names)


def rhetoric_findings(
    measures: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    top: int = 3,
    include: tuple[str, ...] = ("*",),
    noun: str = "article",
) -> str:
    """Which article leads the measures on which one stands out most, as Markdown.

    For every measure with intervals, the article with the highest value is
    compared with the runner-up (as :func:`kzlib.rhetoric.contrasts`); the
    ``top`` measures with the largest gap relative to the two intervals are
    reported: the leader, its value and 95% interval, how far above the
    runner-up (a ratio when the runner-up is above zero), and whether the
    intervals overlap.

    Parameters
    ----------
    measures : DataFrame
        ``doc_id, measure, value, ci_low, ci_high`` (``kzlib rhetoric``; a table
        by group, with group names in ``doc_id``, works the same).
    labels : mapping of str to str, optional
        Display names by doc_id (:func:`doc_labels`); ids not in ``measures`` are ignored.
    top : int
        How many measures to report.
    include : tuple of str
        Measure names or shell patterns to consider (default all).
    noun : str
        What a row is, for the prose ("article", "speech", "group").

    Returns
    -------
    str
        Markdown: one summary line, then one bullet per measure.

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["a", "b"], "measure": ["quotes_share"] * 2,
    ...                   "value": [0.2, 0.1], "ci_low": [0.1, 0.0], "ci_high": [0.3, 0.25]})
    >>> labels = {"a": "Steppe Roads", "zzz": "not in the table"}
    >>> print(rhetoric_findings(m, labels=labels))  # doctest: +NORMALIZE_WHITESPACE
    Compared across 2 articles, none of 1 measure has a leader whose 95% interval clears
    the runner-up's.
    - `quotes_share` (share of sentences): *Steppe Roads* leads with 0.2
    (95% interval 0.1-0.3), 2 times `b` (0.1); the intervals overlap, so the lead may
    depend on a few sentences.
    """
    _require(measures, ["doc_id", "measure", "value", "ci_low", "ci_high"], "measures")
    top = _check_top(top)
    name = _Namer(_ids(measures["doc_id"]), labels)
    found = _leaders(measures, include)
    n_docs = measures["doc_id"].nunique()
    if found.empty:
        return (
            f"No measure has intervals for two or more {noun}s ({n_docs} in the table): "
            "there is nothing to compare."
        )
    n_sep = int(found["separated"].sum())
    head = (
        f"Compared across {n_docs} {noun}s, {n_sep if n_sep else 'none'} of {len(found)} "
        f"measure{'s' if len(found) != 1 else ''} "
        f"{'has' if n_sep <= 1 else 'have'} a leader whose 95% interval clears the runner-up's."
    )
    lines = [head, ""]
    shown = found[found["gap"] > 0].head(top)
    if shown.empty:
        lines.append(f"- No measure has one {noun} above the others: every leader ties.")
    for row in shown.to_dict("records"):
        runner = f"{name(row['runner_up'])} ({_num(row['runner_value'])})"
        if row["runner_value"] > 0:
            ratio = row["value"] / row["runner_value"]
            above = f"{_num(ratio)} times {runner}"
        else:
            above = f"{_num(row['gap'])} above {runner}"
        verdict = (
            "the intervals do not overlap."
            if row["separated"]
            else "the intervals overlap, so the lead may depend on a few sentences."
        )
        lines.append(
            f"- `{_code(row['measure'])}`{_unit(row['measure'])}: {name(row['doc_id'])} leads "
            f"with {_num(row['value'])} (95% interval {_num(row['ci_low'])}-"
            f"{_num(row['ci_high'])}), {above}; {verdict}"
        )
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# topics


def _top_terms(
    topic_terms: pd.DataFrame | None, topics: pd.DataFrame, n_terms: int
) -> dict[int, list[str]]:
    """Top terms per topic: from ``topic_terms`` by rank, else split from the label."""
    if topic_terms is not None:
        _require(topic_terms, ["topic", "rank", "term"], "topic_terms")
        ranked = topic_terms.sort_values(["topic", "rank"], kind="stable")
        return {
            int(str(t)): [str(x) for x in g["term"].head(n_terms)]
            for t, g in ranked.groupby("topic", sort=False)
        }
    return {
        int(t): [w.strip() for w in str(label).split("/") if w.strip()][:n_terms]
        for t, label in zip(topics["topic"], topics["label"], strict=True)
    }


def _finite(value: object) -> float | None:
    """A finite number as float, else None (missing, NaN, text)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _topic_caveats(
    row: Mapping[object, object], *, min_coherence: float, min_stability: float
) -> list[str]:
    caveats = []
    coherence = _finite(row.get("coherence"))
    if coherence is not None and coherence < min_coherence:
        caveats.append(
            f"its top terms rarely occur near each other (NPMI coherence {_num(coherence)})"
        )
    stability = _finite(row.get("stability"))
    if stability is not None and stability < min_stability:
        caveats.append(
            f"it is unstable: only {_pct(stability)} of its top terms return when the model is "
            "refitted on subsamples"
        )
    return caveats


def topic_findings(
    topics: pd.DataFrame,
    doc_topics: pd.DataFrame,
    *,
    topic_terms: pd.DataFrame | None = None,
    labels: Mapping[str, str] | None = None,
    top: int = 3,
    n_terms: int = 5,
    min_coherence: float = 0.0,
    min_stability: float = 0.5,
    noun: str = "article",
) -> str:
    """Which topics dominate, their top terms, where they lead, and how far to trust them.

    Parameters
    ----------
    topics : DataFrame
        ``topic, label, share`` and, if known, ``coherence``, ``stability``
        (``topics.csv`` of the report, ``TopicModel.labels``).
    doc_topics : DataFrame
        ``doc_id, topic, weight``.
    topic_terms : DataFrame, optional
        ``topic, rank, term``; default: the terms of the label.
    labels : mapping of str to str, optional
        Display names by doc_id; ids not in ``doc_topics`` are ignored.
    top : int
        How many of the largest topics to describe.
    n_terms : int
        Top terms listed per topic.
    min_coherence, min_stability : float
        Below these a topic gets a caveat.
    noun : str
        What a document is, for the prose.

    Returns
    -------
    str
        Markdown: a summary line, one bullet per topic, a closing caveat line when needed.

    Examples
    --------
    >>> t = pd.DataFrame({"topic": [0, 1], "label": ["rail / port", "wheat / grain"],
    ...                   "share": [0.7, 0.3], "coherence": [0.2, -0.1], "stability": [0.9, 0.4]})
    >>> d = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "topic": [0, 1, 0, 1],
    ...                   "weight": [0.9, 0.1, 0.6, 0.4]})
    >>> print(topic_findings(t, d, top=2))  # doctest: +NORMALIZE_WHITESPACE
    2 topics over 2 articles; the largest 2 take 100% of the words.
    - **Topic 0** (rail, port): 70% of the words; the main topic of 2 of 2 articles.
    - **Topic 1** (wheat, grain): 30% of the words; the main topic of no article.
    Caveat: its top terms rarely occur near each other (NPMI coherence -0.1); it is
    unstable: only 40% of its top terms return when the model is refitted on subsamples.
    With 2 articles, a topic is often one article's subject rather than a theme they
    share: read the representative sentences before citing one.
    """
    _require(topics, ["topic", "label", "share"], "topics")
    _require(doc_topics, ["doc_id", "topic", "weight"], "doc_topics")
    top = _check_top(top)
    if topics.empty:
        return "No topics were fitted: the corpus has too few units or terms."
    name = _Namer(_ids(doc_topics["doc_id"]), labels)
    terms = _top_terms(topic_terms, topics, n_terms)
    n_docs = doc_topics["doc_id"].nunique()
    ordered = topics.sort_values(["share", "topic"], ascending=[False, True], kind="stable")
    largest = ordered.head(top)
    main = (
        doc_topics.sort_values(["doc_id", "weight", "topic"], ascending=[True, False, True])
        .drop_duplicates("doc_id")
        .groupby("topic")["doc_id"]
        .agg(list)
    )
    lines = [
        f"{len(topics)} topic{'s' if len(topics) != 1 else ''} over {n_docs} {noun}s; the largest "
        f"{len(largest)} take {_pct(float(largest['share'].sum()))} of the words.",
        "",
    ]
    for row in largest.to_dict("records"):
        topic = int(row["topic"])
        words = ", ".join(_md(w) for w in terms.get(topic, []))
        docs = main.get(topic, [])
        where = (
            f"the main topic of {len(docs)} of {n_docs} {noun}s"
            if len(docs) != 1
            else f"the main topic of one {noun} only, {name(docs[0])}"
        )
        if not docs:
            where = f"the main topic of no {noun}"
        caveats = _topic_caveats(row, min_coherence=min_coherence, min_stability=min_stability)
        tail = f" Caveat: {'; '.join(caveats)}." if caveats else ""
        share = _pct(float(row["share"]))
        lines.append(f"- **Topic {topic}** ({words}): {share} of the words; {where}.{tail}")
    if n_docs < _SMALL_CORPUS:
        lines += [
            "",
            f"With {n_docs} {noun}s, a topic is often one {noun}'s subject rather than a theme "
            "they share: read the representative sentences before citing one.",
        ]
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# claims


def _ids(column: pd.Series) -> set[str]:
    """The distinct values of an id column, as strings."""
    return {str(d) for d in pd.unique(column)}


def _attributed(claims: pd.DataFrame) -> pd.Series:
    out = pd.Series(False, index=claims.index)
    for col in ("speaker", "source"):
        if col in claims.columns:
            out |= claims[col].fillna("").astype(str).str.strip() != ""
    return out


def _link_line(links: pd.DataFrame, name: _Namer) -> str:
    _require(links, ["doc_a", "doc_b"], "links")
    if links.empty:
        return "No claim in one article was linked to a claim in another."
    # each pair of articles in one order, as integer codes (a row-wise apply took 50 s on
    # 1.9M links, counting tuples 7 s on 2.8M); ties go to the pair linked first
    both = pd.concat([links["doc_a"], links["doc_b"]], ignore_index=True).astype(str)
    codes, uniques = pd.factorize(both)
    ids = np.asarray(uniques, dtype=str)
    order = np.argsort(ids, kind="stable")  # codes renumbered in string order
    rank = np.empty(len(ids), dtype=np.int64)
    rank[order] = np.arange(len(ids))
    code_a, code_b = rank[codes[: len(links)]], rank[codes[len(links) :]]
    low, high = np.minimum(code_a, code_b), np.maximum(code_a, code_b)
    pairs, first, counts = np.unique(low * len(ids) + high, return_index=True, return_counts=True)
    best = int(np.lexsort((first, -counts))[0])
    n = int(counts[best])
    a, b = ids[order[pairs[best] // len(ids)]], ids[order[pairs[best] % len(ids)]]
    return (
        f"{len(links)} pairs of claims in different articles report the same thing; most "
        f"({n}) between {name(a)} and {name(b)}."
    )


def claim_findings(
    claims: pd.DataFrame,
    *,
    links: pd.DataFrame | None = None,
    labels: Mapping[str, str] | None = None,
    top: int = 3,
    max_chars: int = 160,
) -> str:
    """Claims by type, the share attributed, who is quoted, and the most checkworthy, as Markdown.

    Parameters
    ----------
    claims : DataFrame
        The claim inventory (``doc_id, text, claim_type, checkworthiness``;
        ``speaker``, ``source``, ``quote`` when present).
    links : DataFrame, optional
        Claim links (``doc_a, doc_b``); adds a line on cross-article links.
    labels : mapping of str to str, optional
        Display names by doc_id; ids not in ``claims`` or ``links`` are ignored.
    top : int
        Speakers and checkworthy claims listed.
    max_chars : int
        Longest claim text quoted.

    Returns
    -------
    str
        Markdown.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a", "a", "b"], "claim_type": ["event", "evaluative", "event"],
    ...                   "text": ["Rail opened in May.", "It was bold.", "Ports grew 5%."],
    ...                   "speaker": ["Ana Ruiz", "", ""], "checkworthiness": [0.7, 0.1, 0.9]})
    >>> print(claim_findings(c, top=1))  # doctest: +NORMALIZE_WHITESPACE
    3 claims in 2 articles: 2 event (67%), 1 evaluative (33%).
    1 (33%) are attributed to a speaker or source. Most quoted: Ana Ruiz (1).
    Most checkworthy:
    - 0.90, `b` (event): “Ports grew 5%.”
    """
    _require(claims, ["doc_id", "text", "claim_type", "checkworthiness"], "claims")
    top = _check_top(top)
    present = _ids(claims["doc_id"])
    if links is not None:
        _require(links, ["doc_a", "doc_b"], "links")
        present |= _ids(links["doc_a"]) | _ids(links["doc_b"])
    name = _Namer(present, labels)
    n = len(claims)
    if n == 0:
        return "No claims were found."
    by_type = claims["claim_type"].value_counts()
    types = ", ".join(f"{int(c)} {_md(t)} ({_pct(c / n)})" for t, c in by_type.items())
    lines = [f"{n} claims in {claims['doc_id'].nunique()} articles: {types}.", ""]
    attributed = _attributed(claims)
    sentence = (
        f"{int(attributed.sum())} ({_pct(attributed.mean())}) are attributed to a speaker "
        "or source."
    )
    if "quote" in claims.columns:
        quotes = int(claims["quote"].astype(str).str.lower().isin(["true", "1"]).sum())
        if quotes:
            sentence += f" {quotes} are direct quotations."
    if "speaker" in claims.columns:
        speakers = claims["speaker"].fillna("").astype(str).str.strip()
        counts = speakers[speakers != ""].value_counts().head(top)
        if len(counts):
            sentence += (
                " Most quoted: "
                + ", ".join(f"{_md(s)} ({int(c)})" for s, c in counts.items())
                + "."
            )
    lines += [sentence, "", "Most checkworthy:", ""]
    # the keys sorted, not the whole table: a million claims' texts need not move
    keys = pd.DataFrame(
        {"c": claims["checkworthiness"].to_numpy(), "d": claims["doc_id"].to_numpy()}
    )
    order = keys.sort_values(["c", "d"], ascending=[False, True], kind="stable").index
    ranked = claims.iloc[order[:top]]
    for row in ranked.to_dict("records"):
        lines.append(
            f"- {float(row['checkworthiness']):.2f}, {name(row['doc_id'])} "
            f"({_md(row['claim_type'])}): “{_md(_clip(row['text'], max_chars))}”"
        )
    if links is not None:
        lines += ["", _link_line(links, name)]
    return "\n".join(lines)
