"""The sentences and words behind a measure, so that every number can be audited.

Examples
--------
>>> s = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "text": ["It may rain."]})
>>> evidence(s, "hedges_per_1k")["matches"].tolist()
['may']
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from kzlib.checks import check_int
from kzlib.errors import InputError
from kzlib.rhetoric.actors import load_actors
from kzlib.rhetoric.analysis import _analyse
from kzlib.rhetoric.comparison import contrasts
from kzlib.rhetoric.lexicon import Lexicon, Lexicons, load_lexicons
from kzlib.rhetoric.rates import measure_names

__all__ = ["EVIDENCE_COLUMNS", "distinctive_evidence", "evidence"]

#: Columns of :func:`evidence`.
EVIDENCE_COLUMNS: list[str] = [
    "doc_id",
    "sent_id",
    "measure",
    "count",
    "matches",
    "excluded",
    "words",
    "text",
]


def evidence(
    sentences: pd.DataFrame,
    measure: str,
    *,
    doc_id: str | None = None,
    lexicons: Lexicons | None = None,
    actors: Lexicon | None = None,
    quote_min_words: int = 4,
    negation_window: int = 3,
) -> pd.DataFrame:
    """The sentences and words behind a measure, so that every number can be audited.

    Parameters
    ----------
    sentences : DataFrame
        :func:`kzlib.corpus.sentences_frame` (body sentences are used).
    measure : str
        A name from :func:`measure_names` (e.g. ``"frame_per_1k:balancing"``).
    doc_id : str, optional
        One article; default all.
    lexicons, actors, quote_min_words, negation_window
        As for :func:`measures`.

    Returns
    -------
    DataFrame
        :data:`EVIDENCE_COLUMNS`, one row per sentence that contributes:

        - lexicon and actor measures: sentences with a match; ``count``
          matches counted (mentions, for actors), ``matches`` the words
          counted (``|``-separated), ``excluded`` matches not counted and why
          (a negated booster, a first-person pronoun inside a quotation);
        - ``quotes_share``: sentences in a direct quotation; ``matches`` the
          quoted text;
        - ``flesch_reading_ease``: every sentence, ``count`` its syllables;
        - ``words``, ``sentences``, ``mean_sentence_words``, ``mtld``: every
          sentence, ``count`` its words.

        ``words`` is the sentence's word count (the denominator of rates).

    Raises
    ------
    InputError
        An unknown measure or ``doc_id``.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 1],
    ...                   "text": ["It is clearly true.", "It is not clearly so."]})
    >>> ev = evidence(s, "boosters_per_1k")
    >>> ev[["sent_id", "count", "matches"]].values.tolist()
    [[0, 1, 'clearly'], [1, 0, '']]
    >>> ev["excluded"].tolist()
    ['', "clearly (negated by 'not')"]
    """
    lex = lexicons if lexicons is not None else load_lexicons()
    gaz = actors if actors is not None else load_actors()
    names = measure_names(lexicons=lex, actors=gaz)
    if measure not in names:
        raise InputError(
            f"unknown measure {measure!r}; choose one of kzlib.rhetoric.measure_names(), "
            f"e.g. {', '.join(names[:4])}"
        )
    if doc_id is not None:
        if doc_id not in set(sentences["doc_id"].astype(str)):
            raise InputError(f"unknown doc_id {doc_id!r}; it is not in the sentence table")
        sentences = sentences[sentences["doc_id"].astype(str) == doc_id]
    an = _analyse(
        sentences,
        lex,
        gaz,
        check_int("quote_min_words", quote_min_words, minimum=1),
        check_int("negation_window", negation_window, minimum=1),
    )
    body = an.body
    n = len(body)
    count = np.zeros(n, dtype=np.int64)
    found = [""] * n
    excluded = [""] * n
    keep = np.ones(n, dtype=bool)
    if measure in {"words", "sentences", "mean_sentence_words", "mtld"}:
        count = an.words.copy()
    elif measure == "flesch_reading_ease":
        count = an.syllables.astype(np.int64)
    elif measure == "quotes_share":
        keep = an.quoted.copy()
        count = an.quoted.astype(np.int64)
        texts = body["text"].tolist()
        for i, spans in an.quote_spans.items():
            found[i] = " | ".join(texts[i][a:b] for a, b in spans)
    else:
        hits = an.hits[an.hits["measure"] == measure]
        keep = np.zeros(n, dtype=bool)
        keep[hits["item"].to_numpy()] = True
        for item, text, reason in zip(hits["item"], hits["match"], hits["reason"], strict=True):
            if reason:
                excluded[item] = f"{excluded[item]}; {text} ({reason})".lstrip("; ")
            else:
                count[item] += 1
                found[item] = f"{found[item]}|{text}".lstrip("|")
    out = pd.DataFrame(
        {
            "doc_id": body["doc_id"],
            "sent_id": body["sent_id"],
            "measure": measure,
            "count": count,
            "matches": found,
            "excluded": excluded,
            "words": an.words,
            "text": body["text"],
        },
        columns=EVIDENCE_COLUMNS,
    )
    return out[keep].reset_index(drop=True)


def distinctive_evidence(
    sentences: pd.DataFrame,
    table: pd.DataFrame,
    *,
    include: Sequence[str] = ("frame_per_1k:*",),
    top: int = 3,
    lexicons: Lexicons | None = None,
    actors: Lexicon | None = None,
) -> pd.DataFrame:
    """Evidence for the measures on which one article stands out most.

    Takes the ``top`` rows of :func:`contrasts` among the measures matching
    ``include`` (with a gap above zero) and returns :func:`evidence` for each
    measure in the article that leads on it, one table for all of them.

    Parameters
    ----------
    sentences : DataFrame
        :func:`kzlib.corpus.sentences_frame`.
    table : DataFrame
        :func:`measures` of the same sentences.
    include : sequence of str
        Measure names or shell patterns (default: the frames).
    top : int
        How many measures.
    lexicons, actors
        As for :func:`measures`.

    Returns
    -------
    DataFrame
        ``score`` (from :func:`contrasts`) followed by :data:`EVIDENCE_COLUMNS`,
        most distinctive measure first.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "a", "b"], "sent_id": [0, 1, 0],
    ...                   "text": ["Judo and judo again.", "Rest.", "Rail."]})
    >>> from kzlib.rhetoric import measures
    >>> t = measures(s, include=["metaphor_per_1k:*"], n_boot=50)
    >>> ev = distinctive_evidence(s, t, include=["metaphor_per_1k:*"], top=1)
    >>> ev[["measure", "doc_id", "count", "matches"]].values.tolist()
    [['metaphor_per_1k:martial_arts', 'a', 2, 'Judo|judo']]
    """
    top = check_int("top", top, minimum=1)
    found = contrasts(table, include=include)
    found = found[found["gap"] > 0].head(top)
    parts = [
        evidence(sentences, measure, doc_id=doc_id, lexicons=lexicons, actors=actors).assign(
            score=score
        )
        for measure, doc_id, score in zip(
            found["measure"], found["doc_id"], found["score"], strict=True
        )
    ]
    columns = ["score", *EVIDENCE_COLUMNS]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]
