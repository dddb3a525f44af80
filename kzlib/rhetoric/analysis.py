"""The shared first step of the rhetoric measures: body sentences, tokens, quotations, matches.

:func:`matches` lists every lexicon and gazetteer match of the body sentences,
counted or not (a negated booster, a first-person pronoun inside a direct
quotation); the measures (:mod:`kzlib.rhetoric.profile`) and the evidence
(:mod:`kzlib.rhetoric.audit`) are computed from the same analysis.

Examples
--------
>>> s = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "text": ["It may rain."]})
>>> matches(s)["lexicon"].tolist()
['hedges']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from kzlib.checks import check_int
from kzlib.errors import InputError
from kzlib.rhetoric.actors import load_actors
from kzlib.rhetoric.lexicon import _SINGLE, Lexicon, Lexicons, load_lexicons
from kzlib.rhetoric.scan import MATCH_COLUMNS as MATCH_COLUMNS_LEXICON
from kzlib.rhetoric.scan import _Columns, _find_columns
from kzlib.rhetoric.textstats import _TOKEN_RE, _tokens, count_syllables

__all__ = ["MATCH_COLUMNS", "matches"]

#: Columns of :func:`matches`.
MATCH_COLUMNS: list[str] = [
    "doc_id",
    "sent_id",
    "measure",
    "lexicon",
    "category",
    "term",
    "match",
    "start",
    "end",
    "counted",
    "reason",
]


_QUOTE_CHARS = re.compile('["“”]')
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”—]")


@dataclass(frozen=True, eq=False)
class _Analysis:
    body: pd.DataFrame
    doc_ids: list[str]
    # The word tokens of all sentences in order, as positions in `types`.
    token_types: np.ndarray
    types: list[str]
    words: np.ndarray
    syllables: np.ndarray
    quoted: np.ndarray
    quote_spans: dict[int, list[tuple[int, int]]]
    # Every match, in the order of `hits`: lexicon by lexicon, then the actors.
    found: list[tuple[str, _Columns]]
    measure: list[str]
    reason: list[str]
    rate_measures: list[str]
    actor_measures: list[str]

    @cached_property
    def hits(self) -> pd.DataFrame:
        """All matches: the lexicon's match table plus measure, lexicon, reason, counted."""
        parts = []
        for name, columns in self.found:
            frame = columns.frame()
            frame["lexicon"] = name
            parts.append(frame)
        hits = pd.concat(parts, ignore_index=True)
        # Object arrays: text columns even when there is no match at all.
        hits.insert(len(MATCH_COLUMNS_LEXICON), "measure", np.array(self.measure, dtype=object))
        hits["reason"] = np.array(self.reason, dtype=object)
        hits["counted"] = hits["reason"] == ""
        return hits


def _body(sentences: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    missing = [c for c in ("doc_id", "sent_id", "text") if c not in sentences.columns]
    if missing:
        raise InputError(
            f"sentence table: missing column(s) {', '.join(missing)}; "
            "pass kzlib.corpus.sentences_frame(corpus)"
        )
    doc_ids = sorted(set(sentences["doc_id"].astype(str).tolist()))
    body = sentences[sentences["kind"] == "body"] if "kind" in sentences.columns else sentences
    frame = pd.DataFrame(
        {
            "doc_id": body["doc_id"].astype(str).to_numpy(),
            "sent_id": body["sent_id"].to_numpy(),
            "para_id": (body["para_id"] if "para_id" in body else body["sent_id"]).to_numpy(),
            "start": (
                body["start"] if "start" in body else pd.Series(0, index=body.index)
            ).to_numpy(),
            "text": body["text"].astype(str).to_numpy(),
        }
    )
    frame = frame.sort_values(["doc_id", "sent_id"], kind="stable").reset_index(drop=True)
    return frame, doc_ids


def _quotes(
    body: pd.DataFrame, n_words: np.ndarray, min_words: int
) -> tuple[np.ndarray, dict[int, list[tuple[int, int]]]]:
    texts = body["text"].tolist()
    keys = list(zip(body["doc_id"].tolist(), body["para_id"].tolist(), strict=True))
    marks = [
        (i, m.start())
        for i, t in enumerate(texts)
        if '"' in t or "“" in t or "”" in t
        for m in _QUOTE_CHARS.finditer(t)
    ]
    quoted = np.zeros(len(texts), dtype=bool)
    spans: dict[int, list[tuple[int, int]]] = {}
    k = 0
    while k + 1 < len(marks):
        (r1, p1), (r2, p2) = marks[k], marks[k + 1]
        if keys[r1] != keys[r2]:
            k += 1
            continue
        pieces = [(r1, p1 + 1, p2)] if r1 == r2 else [(r1, p1 + 1, len(texts[r1]))]
        if r1 != r2:
            pieces += [(r, 0, len(texts[r])) for r in range(r1 + 1, r2)] + [(r2, 0, p2)]
        size = sum(
            len(_TOKEN_RE.findall(texts[r][a:b]))
            if (a, b) != (0, len(texts[r]))
            else int(n_words[r])
            for r, a, b in pieces
        )
        if size >= min_words:
            for r, a, b in pieces:
                quoted[r] = True
                spans.setdefault(r, []).append((a, b))
        k += 2
    return quoted, spans


def _negated(texts: list[str], boosters: _Columns, negators: _Columns, window: int) -> list[str]:
    """For each booster match, the negator that cancels it ("" if none): of the
    negators before it in its sentence, the last with no clause break and fewer
    than ``window`` words between."""
    before: dict[int, list[tuple[int, str]]] = {}
    for item, end, match, category in zip(
        negators.item.tolist(),
        negators.end.tolist(),
        negators.match,
        negators.category,
        strict=True,
    ):
        if category == "negator":
            before.setdefault(item, []).append((end, match))
    out = [""] * len(boosters.item)
    for k, (item, start) in enumerate(
        zip(boosters.item.tolist(), boosters.start.tolist(), strict=True)
    ):
        for n_end, n_match in before.get(item, ()):
            if n_end <= start:
                gap = texts[item][n_end:start]
                if not _CLAUSE_BREAK.search(gap) and len(_TOKEN_RE.findall(gap)) < window:
                    out[k] = f"negated by {n_match!r}"
    return out


def _analyse(
    sentences: pd.DataFrame,
    lexicons: Lexicons | None,
    actors: Lexicon | None,
    quote_min_words: int,
    negation_window: int,
) -> _Analysis:
    lex = lexicons if lexicons is not None else load_lexicons()
    gaz = actors if actors is not None else load_actors()
    body, doc_ids = _body(sentences)
    texts = body["text"].tolist()
    inverse, types, words = _tokens(texts)
    syl_of_type = np.fromiter((count_syllables(t) for t in types), dtype=np.int64)
    rows = np.repeat(np.arange(len(texts)), words)
    syllables = np.bincount(rows, weights=syl_of_type[inverse], minlength=len(texts))
    quoted, spans = _quotes(body, words, quote_min_words)

    measure_of: dict[tuple[str, str | None], str] = {
        (name, cat): m for m, name, cat in lex.rate_measures()
    }
    names = [name for name in lex.by_name if name != "negators"]
    negators, *per_lexicon, actor_found = _find_columns(
        [lex["negators"], *(lex[name] for name in names), gaz], texts
    )
    found: list[tuple[str, _Columns]] = []
    measure: list[str] = []
    reason: list[str] = []
    for name, columns in zip(names, per_lexicon, strict=True):
        found.append((name, columns))
        if name in _SINGLE:
            measure.extend([_SINGLE[name]] * len(columns.item))
        else:
            measure.extend(measure_of[(name, c)] for c in columns.category)
        if name == "boosters":
            reason.extend(_negated(texts, columns, negators, negation_window))
        elif name == "first_person" and spans:
            reason.extend(
                "inside a quotation" if any(a <= s and e <= b for a, b in spans.get(i, ())) else ""
                for i, s, e in zip(
                    columns.item.tolist(), columns.start.tolist(), columns.end.tolist(), strict=True
                )
            )
        else:
            reason.extend([""] * len(columns.item))
    found.append(("actors", actor_found))
    measure.extend("actor_share:" + c for c in actor_found.category)
    reason.extend([""] * len(actor_found.item))
    return _Analysis(
        body=body,
        doc_ids=doc_ids,
        token_types=inverse,
        types=types,
        words=words,
        syllables=np.asarray(syllables, dtype=np.float64),
        quoted=quoted,
        quote_spans=spans,
        found=found,
        measure=measure,
        reason=reason,
        rate_measures=[m for m, _, _ in lex.rate_measures()],
        actor_measures=[f"actor_share:{a}" for a in gaz.categories],
    )


def matches(
    sentences: pd.DataFrame,
    *,
    lexicons: Lexicons | None = None,
    actors: Lexicon | None = None,
    quote_min_words: int = 4,
    negation_window: int = 3,
) -> pd.DataFrame:
    """Every lexicon and gazetteer match in the body sentences, counted or not.

    Parameters
    ----------
    sentences : DataFrame
        :func:`kzlib.corpus.sentences_frame`; only ``kind == "body"`` rows are used.
    lexicons : Lexicons, optional
        :func:`load_lexicons` (default: ``data/lexicons/``).
    actors : Lexicon, optional
        :func:`kzlib.rhetoric.actors.load_actors` (default: ``data/actors.csv``).
    quote_min_words : int
        Words a quotation needs to count as a direct quotation.
    negation_window : int
        How many words before a booster a negator may stand to cancel it.

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, measure, lexicon, category, term, match, start,
        end, counted, reason``; ``start``/``end`` are offsets into the
        document's cleaned text; ``reason`` says why a match is not counted
        (``negated by 'not'``, ``inside a quotation``).

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "text": ["It is not clearly so."]})
    >>> matches(s)[["lexicon", "match", "counted", "reason"]].values.tolist()
    [['boosters', 'clearly', False, "negated by 'not'"]]
    """
    quote_min_words = check_int("quote_min_words", quote_min_words, minimum=1)
    negation_window = check_int("negation_window", negation_window, minimum=1)
    an = _analyse(sentences, lexicons, actors, quote_min_words, negation_window)
    return _hits_frame(an)


def _hits_frame(an: _Analysis) -> pd.DataFrame:
    hits = an.hits
    rows = an.body.iloc[hits["item"].to_numpy()]
    base = rows["start"].to_numpy()
    out = pd.DataFrame(
        {
            "doc_id": rows["doc_id"].to_numpy(),
            "sent_id": rows["sent_id"].to_numpy(),
            "measure": hits["measure"].to_numpy(),
            "lexicon": hits["lexicon"].to_numpy(),
            "category": hits["category"].to_numpy(),
            "term": hits["term"].to_numpy(),
            "match": hits["match"].to_numpy(),
            "start": hits["start"].to_numpy() + base,
            "end": hits["end"].to_numpy() + base,
            "counted": hits["counted"].to_numpy(),
            "reason": hits["reason"].to_numpy(),
        },
        columns=MATCH_COLUMNS,
    )
    return out.sort_values(["doc_id", "sent_id", "start", "measure"], kind="stable").reset_index(
        drop=True
    )
