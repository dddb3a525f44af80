"""What a claim's text shows: its features and its types.

:func:`claim_features` reads one claim text (quantities, dates, event and
speech verbs, cues of the future, stative and evaluative cues, hedges, named
entities); :func:`_types` chooses the main type and the tags from them (rules
in :mod:`kzlib.claims.extract`). Checkworthiness is a learned model of its own
(:mod:`kzlib.claims.checkworthiness`).

Examples
--------
>>> f = claim_features("Kazakhstan carries eighty percent of overland freight.")
>>> f.strong_quantities, f.event
(1, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kzlib.claims.attribution import Attribution
from kzlib.claims.cues import (
    _ENTITY_ALIASES,
    _ENTITY_RE,
    _ENTITY_STOP,
    _EVALUATIVE_FRAME,
    _EVALUATIVE_WORDS,
    _EVENT_NOUNS,
    _EVENT_VERBS,
    _FACTUAL,
    _FUTURE,
    _HEDGE_WORDS,
    _LIGHT_EVENT,
    _NOT_EVENT_BEFORE,
    _QUOTED_RE,
    _SPEECH_VERBS,
    _WORD_TOKEN_RE,
)
from kzlib.claims.guards import _fold, _letter_runs
from kzlib.claims.quantities import Quantity, find_quantities

__all__ = [
    "CLAIM_TYPES",
    "ClaimFeatures",
    "claim_features",
]

#: The claim types, in the order the main type is chosen (see the module docstring).
CLAIM_TYPES: tuple[str, ...] = ("predictive", "quantitative", "event", "factual", "evaluative")



@dataclass(frozen=True)
class ClaimFeatures:
    """What :func:`claim_features` found in one claim's text.

    Examples
    --------
    >>> f = claim_features("Tokayev visited Moscow on May 5, 2025.")
    >>> f.event, f.specific_dates
    (True, 1)
    """

    strong_quantities: int
    durations: int
    weak_numbers: int
    specific_dates: int
    years: int
    event: bool
    speech_event: bool
    speech_only: bool
    event_noun: bool
    future_outside_quotes: bool
    future_in_quotes: bool
    factual: bool
    evaluative_cues: int
    hedges: int
    entities: tuple[str, ...]


def _has_event_verb(tokens: Sequence[str], lexicon: frozenset[str]) -> bool:
    """An event verb used as a verb (not "can be described", "his proposed reforms")."""
    if lexicon.isdisjoint(tokens):
        return False
    for i, tok in enumerate(tokens):
        if tok in lexicon:
            prev = tokens[i - 1] if i else ""
            if prev not in _NOT_EVENT_BEFORE and not prev.endswith(("'s", "’s")):
                return True
    return False


def _lower_tokens(text: str, lowered: str | None) -> list[str]:
    """The lower-cased word tokens of ``text``; ``lowered`` is :func:`_fold` of it."""
    if lowered is None:
        return [t.lower() for t in _WORD_TOKEN_RE.findall(text)]
    # lower-casing maps token characters to token characters one to one here
    return _WORD_TOKEN_RE.findall(lowered)


def _outside_quotes(text: str) -> str:
    if '"' not in text and "“" not in text:  # every quoted span opens with one of these
        return text
    return _QUOTED_RE.sub(lambda m: " " * len(m.group()), text)


_DURATION_UNITS = frozenset({"minute", "hour", "day", "week", "month", "year"})


def _is_strong(q: Quantity) -> bool:
    if q.is_date or q.weak:
        return False
    if q.unit in {"year", "month", "week"}:
        return q.qualifier in {
            "more than",
            "over",
            "about",
            "around",
            "nearly",
            "almost",
            "at least",
            "up to",
            "within",
        }
    return True


def _quantity_counts(qs: Sequence[Quantity]) -> tuple[int, int, int, int, int]:
    """Strong quantities, durations among them, weak numbers, specific dates and years."""
    if not qs:
        return 0, 0, 0, 0, 0
    strong = [_is_strong(q) for q in qs]
    return (
        sum(strong),
        sum(s and q.unit in _DURATION_UNITS for s, q in zip(strong, qs, strict=True)),
        sum((not q.is_date) and not s for s, q in zip(strong, qs, strict=True)),
        sum(q.is_date and len(str(q.value)) >= 7 for q in qs),
        sum(q.is_date and len(str(q.value)) < 7 for q in qs),
    )


def _entities(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for match in _ENTITY_RE.findall(text):  # (no capturing groups: whole matches)
        words = match.split()
        while words and words[0] in _ENTITY_STOP:
            words.pop(0)
        if not words:
            continue
        ent = " ".join(words)
        if ent.endswith(("'s", "’s")):  # (no newline after the join: "$" is the end)
            ent = ent[:-2]
        key = ent.lower()
        key = _ENTITY_ALIASES.get(key, key)
        if key and key not in found:
            found.append(key)
    return tuple(found)


#: A length of time that is itself the claim: "22 years since", "31 years of partnership",
#: "the 30-year anniversary", "ten years ago".
_SPAN_AFTER_RE = re.compile(r"\s*(?:exactly\s+)?(?:since|of|ago|anniversary)\b", re.IGNORECASE)
_SPAN_UNITS = frozenset({"year", "month"})
_NOT_HEDGE_RE = re.compile(
    r"\bwould\s+(?:like|love)\b"
    r"|\bappear(?:s|ed)?\s+(?:in|on|at|over|before|during|outside|inside|near|above)\b",
    re.IGNORECASE,
)


def _spans_of_time(text: str, qs: Sequence[Quantity]) -> int:
    """Durations in years or months not already strong that a span of time is claimed for.

    Examples
    --------
    >>> t = "It is the 30-year anniversary."
    >>> _spans_of_time(t, find_quantities(t))
    1
    """
    return sum(
        q.unit in _SPAN_UNITS
        and not _is_strong(q)
        and _SPAN_AFTER_RE.match(text, q.end) is not None
        for q in qs
    )


def claim_features(
    text: str,
    *,
    quantities: Sequence[Quantity] | None = None,
    inside_quote: bool = False,
    speaker: str = "",
) -> ClaimFeatures:
    """The typing and ranking features of one claim text.

    Parameters
    ----------
    text : str
        The claim (a sentence or clause).
    quantities : sequence of Quantity, optional
        Quantities already found in ``text`` (found here if not given).
    inside_quote : bool
        The whole text is the continuation of a quotation (its future cues
        count as quoted).
    speaker : str
        The attributed speaker; speech verbs ("said", "warned") make an event
        only when there is one.

    Examples
    --------
    >>> claim_features("By 2029 we will build 5,000 km of railway.").future_outside_quotes
    True
    """
    qs = find_quantities(text) if quantities is None else quantities
    lowered = _fold(text)
    words = None if lowered is None else _letter_runs(lowered)
    return _claim_features(text, qs, inside_quote, speaker, lowered, words)


def _claim_features(
    text: str,
    qs: Sequence[Quantity],
    inside_quote: bool,
    speaker: str,
    lowered: str | None,
    words: frozenset[str] | None,
) -> ClaimFeatures:
    """:func:`claim_features` given the quantities, :func:`_fold` of ``text`` and its letter runs.

    ``words`` is None exactly when ``lowered`` is.
    """
    tokens = _lower_tokens(text, lowered)
    outside = "" if inside_quote else _outside_quotes(text)
    if outside == text:
        future_out = future_all = _FUTURE.search(text, lowered, words)
        scope_tokens = tokens
    else:
        folded_outside = _fold(outside)
        future_out = _FUTURE.search(
            outside,
            folded_outside,
            None if folded_outside is None else _letter_runs(folded_outside),
        )
        future_all = _FUTURE.search(text, lowered, words)
        scope_tokens = _lower_tokens(outside, _fold(outside)) if outside.strip() else tokens
    speech_event = _has_event_verb(scope_tokens, _SPEECH_VERBS)
    for q in qs:
        if q.is_date and q.qualifier.startswith("by") and not future_out:
            future_out = future_out or not inside_quote
            future_all = True
    # "May" the month is not the hedge "may"
    n_may = _WORD_TOKEN_RE.findall(text).count("May") if "May" in text else 0
    # not hedges: "would like to" (politeness), "appeared in the sky" (came into view)
    n_may += len(_NOT_HEDGE_RE.findall(text)) if ("would" in text or "appear" in text) else 0
    strong, durations, weak, specific, years = _quantity_counts(qs)
    spans = _spans_of_time(text, qs) if qs else 0  # "22 years since", "the 30-year anniversary"
    strong, durations = strong + spans, durations + spans
    verb_event = _has_event_verb(scope_tokens, _EVENT_VERBS)
    if not verb_event:
        if outside == text or not outside:
            verb_event = _LIGHT_EVENT.search(text, lowered, words)
        else:
            folded = _fold(outside)
            runs = None if folded is None else _letter_runs(folded)
            verb_event = _LIGHT_EVENT.search(outside, folded, runs)
    return ClaimFeatures(
        strong_quantities=strong,
        durations=durations,
        weak_numbers=weak,
        specific_dates=specific,
        years=years,
        event=verb_event or (bool(speaker) and speech_event),
        speech_event=speech_event,
        speech_only=bool(speaker) and speech_event and not verb_event,
        event_noun=not _EVENT_NOUNS.isdisjoint(tokens),
        future_outside_quotes=future_out,
        future_in_quotes=future_all and not future_out,
        factual=_FACTUAL.search(text, lowered, words),
        evaluative_cues=sum(map(_EVALUATIVE_WORDS.__contains__, tokens))
        + _EVALUATIVE_FRAME.count(text, lowered, words),
        hedges=sum(map(_HEDGE_WORDS.__contains__, tokens)) - n_may,
        entities=_entities(text),
    )


_TYPE_ORDER = {t: i for i, t in enumerate(CLAIM_TYPES)}


def _types(f: ClaimFeatures, attribution: Attribution) -> tuple[str, list[str]]:
    """Main type and tags from the features (rules in the module docstring)."""
    tags: list[str] = []
    predictive = f.future_outside_quotes or f.future_in_quotes
    if predictive:
        tags.append("predictive")
    if f.strong_quantities:
        tags.append("quantitative")
    noun_event = f.event_noun and f.specific_dates > 0 and f.hedges == 0
    event = f.event or noun_event
    if event or f.event_noun:
        tags.append("event")
    factual = f.factual and f.evaluative_cues <= 2
    if factual:
        tags.append("factual")
    if f.evaluative_cues or f.hedges:
        tags.append("evaluative")
    # a reported opinion: the speech verb is the only event and a word judges
    opinion = f.speech_only and f.evaluative_cues >= 1
    if f.future_outside_quotes or (f.future_in_quotes and not f.event):
        main = "predictive"
    elif f.strong_quantities and not (event and f.strong_quantities == f.durations):
        main = "quantitative"
    elif event and f.evaluative_cues < 3 and not opinion:
        main = "event"
    elif factual and f.hedges == 0:
        main = "factual"
    elif f.event and not opinion and (
        f.specific_dates or attribution.speaker or attribution.source
    ):
        main = "event"
    elif f.evaluative_cues or f.hedges or f.event:
        main = "evaluative"
    else:  # no cue of time, quantity, action or state: an interpretation
        main = "evaluative"
    if main not in tags:
        tags.append(main)
    tags.sort(key=_TYPE_ORDER.__getitem__)
    return main, tags

