"""The claim inventory: what each article asserts, typed, attributed, ranked and linked.

:func:`extract_claims` turns the sentence table into one row per claim. The
unit is the sentence; a sentence is cut into clauses only where it holds two
separable claims (a quotation of two sentences kept whole by the splitter,
or two independent clauses joined by ";" that make different kinds of
claim). Headings are not claims; neither are questions.

Every claim gets:

``claim_type``  the main type, ``tags`` every type that applies:

    event         something that happened or was done (visit, signing, speech, deal, call)
    quantitative  states a checkable quantity (count, percent, money, distance, duration)
    predictive    about the future (plans, pledges, "by 2029", "will", "next year")
    factual       a checkable state of the world that is not an event
    evaluative    opinion, interpretation or judgement that cannot be checked as fact

    Main type, first that applies: predictive (a future cue outside any
    quotation, or only a quoted one and no event), quantitative (a strong
    quantity, unless it is only the duration of a narrated event), event (a
    concrete past action verb), factual (a stative cue and little evaluation),
    else evaluative.

``speaker``, ``source``, ``quote``  from :mod:`kzlib.claims.attribution`.
``numbers``  JSON list of ``{value, unit, text[, qualifier, item]}`` from
    :mod:`kzlib.claims.quantities`; dates are ``unit == "date"`` with ISO values.
``checkworthiness``  a clipped sum of the documented feature weights in
    :data:`CHECKWORTHINESS_WEIGHTS`; the features that fired are listed in
    ``cw_features`` so every score can be explained.
``entities``  the named entities found (lower-cased, ``|``-separated), used for linking.
``claim_id``  ``c`` + 12 hex digits of SHA-1 over the document id and the
    normalised text (case, quotes, dashes, spacing and end punctuation folded),
    plus an occurrence number for a repeated sentence: stable across reruns,
    re-segmentation offsets and unrelated edits elsewhere in the article.

:func:`link_claims` pairs claims of different articles that report the same
event or fact; :func:`export_sheet` / :func:`merge_sheet` carry hand
verdicts across re-extractions.

Examples
--------
>>> import pandas as pd
>>> s = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "start": [0], "end": [45],
...                   "text": ["Kazakhstan carries eighty percent of freight."], "kind": ["body"]})
>>> row = extract_claims(s).iloc[0]
>>> row["claim_type"], row["numbers"]
('quantitative', '[{"value": 80, "unit": "percent", "text": "eighty percent"}]')
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kzlib.claims.attribution import Attribution, Attributor, Source, load_sources
from kzlib.claims.attribution import _letter_words as _cased_letter_words
from kzlib.claims.quantities import (
    Quantity,
    _find_quantities,
    _letter_runs,
    _run_starts,
    find_quantities,
    quantities_to_json,
)
from kzlib.errors import InputError

__all__ = [
    "CHECKWORTHINESS_WEIGHTS",
    "CLAIM_COLUMNS",
    "CLAIM_TYPES",
    "LINK_COLUMNS",
    "SHEET_COLUMNS",
    "ClaimFeatures",
    "checkworthiness",
    "claim_features",
    "claim_id",
    "claim_units",
    "claims_html",
    "document_years",
    "export_sheet",
    "extract_claims",
    "link_claims",
    "link_matrix",
    "linked_pairs",
    "merge_sheet",
    "normalise_claim_text",
    "orphan_verdicts",
    "quantities_frame",
    "read_sheet",
    "select_claims",
    "speakers_frame",
]

#: The claim types, in the order the main type is chosen (see the module docstring).
CLAIM_TYPES: tuple[str, ...] = ("predictive", "quantitative", "event", "factual", "evaluative")
#: Columns of :func:`extract_claims` (the DESIGN schema, then explanatory extras).
CLAIM_COLUMNS: list[str] = [
    "claim_id", "doc_id", "sent_id", "start", "end", "text", "claim_type", "tags", "speaker",
    "source", "quote", "numbers", "checkworthiness", "entities", "cw_features",
]  # fmt: skip
#: Columns of :func:`link_claims`.
LINK_COLUMNS: list[str] = [
    "claim_a", "claim_b", "doc_a", "doc_b", "similarity", "text_sim", "entity_sim",
    "shared", "disagreement", "detail",
]  # fmt: skip
#: Columns of the annotation sheet written by :func:`export_sheet`.
SHEET_COLUMNS: list[str] = [
    "claim_id", "doc_id", "sent_id", "text", "claim_type", "speaker", "source", "numbers",
    "checkworthiness", "verdict", "notes",
]  # fmt: skip

#: Feature weights of the checkworthiness score: base + sum of weights, clipped to [0, 1].
#: Checkable anchors (quantities, dates, events, named actors, sources) raise it;
#: hedges and evaluative language lower it.
CHECKWORTHINESS_WEIGHTS: dict[str, float] = {
    "base": 0.30,
    "strong_quantity": 0.25,  # a count, percent, sum, distance or duration worth checking
    "weak_number": 0.05,  # a small count in words ("two leaders")
    "specific_date": 0.15,  # a day or month ("September 24, 2025", "early December 2025")
    "year": 0.05,  # a year only
    "event": 0.20,  # a concrete past action ("visited", "signed", "held talks")
    "event_noun": 0.05,  # an event named but not narrated ("the visit marked ...")
    "factual_cue": 0.10,  # a stative, checkable predicate ("remains the only", "is a member")
    "per_named_actor": 0.05,  # each named person, place or body, at most three
    "speaker": 0.10,  # attributed to a named person
    "source": 0.10,  # cites an outlet or body
    "quote": 0.05,  # a direct quotation (checkable against the record)
    "dated_prediction": 0.05,  # a prediction with a date or number to check later
    "per_hedge": -0.10,  # "might", "perhaps", "suggests", at most two
    "per_evaluative_cue": -0.07,  # judgement words and interpretive frames, at most four
    "unanchored_opinion": -0.15,  # evaluative, with no number, date, speaker or source
}

# --------------------------------------------------------------------------- lexicons
# General English cues (no article-specific strings). Compiled once.


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Word lexicons are matched against lower-cased word tokens (a set lookup per
# word, far faster than one large alternation regex per sentence).
_WORD_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_EVENT_VERBS = _word_set(
    """visited visits arrived travelled traveled toured met meets held hosted hosts attended
    participated signed signs ratified adopted approved announced agreed concluded launched
    opened inaugurated elected appointed resigned discussed negotiated addressed ended began
    started completed delivered purchased bought sold invested sanctioned imposed lifted
    withdrew deployed attacked released published joined received welcomed congratulated
    engaged expanded coordinated facilitated culminated elevated telephoned phoned convened
    chaired co-chaired established founded created unveiled awarded granted suspended
    cancelled canceled postponed ruled voted enacted implemented allocated exported imported
    shipped clinched secured offered proposed"""
)
# Speech acts are events only when a named speaker performs them (not "I argued").
_SPEECH_VERBS = _word_set(
    """said told stated declared warned praised pledged reaffirmed echoed
    described commented argued suggested spoke reported highlighted confirmed
    denied urged stressed noted promised vowed criticized criticised condemned"""
)
#: A verb after these words is a participle or adjective ("can be described", "his proposed").
_NOT_EVENT_BEFORE = _word_set(
    "be been being the a an his her its their our this that these those newly once"
)
_EVENT_NOUNS = _word_set(
    """visit visits summit summits meeting meetings talks signing speech speeches address deal
    deals agreement agreements declaration call conversation election conference forum treaty
    announcement sanctions contract memorandum negotiations session trip tour ceremony vote
    referendum appearance bilateral"""
)
#: The characters other than ASCII letters that match an ASCII letter under
#: ``re.IGNORECASE`` (İ ı ſ and the Kelvin sign): the word guards do not see them.
_ODD_FOLD = ("\u0130", "\u0131", "\u017f", "\u212a")


def _fold(text: str, lowered: str | None = None) -> str | None:
    """``text.lower()`` (or ``lowered``, when given), or None if that could hide a match.

    None when ``text`` holds a character of :data:`_ODD_FOLD` (or lower-casing
    changes its length): the callers then fall back to the full patterns.
    """
    if lowered is None:
        lowered = text.lower()
    if len(lowered) != len(text) or any(map(text.__contains__, _ODD_FOLD)):
        return None
    return lowered


def _letter_words(text: str) -> frozenset[str] | None:
    """The maximal runs of ASCII letters of the lower-cased ``text`` (the guard words).

    A word of a case-insensitive pattern that stands between word boundaries,
    spaces or apostrophes in every match is such a run of the matched text.
    None when lower-casing could hide a match (characters of :data:`_ODD_FOLD`,
    or lower-casing that changes the length): then every alternative is tried.

    Examples
    --------
    >>> sorted(_letter_words("It's Kazakhstan's 2nd try-out"))
    ['it', 'kazakhstan', 'nd', 'out', 's', 'try']
    """
    lowered = _fold(text)
    return None if lowered is None else _letter_runs(lowered)


@dataclass(frozen=True)
class _Cue:
    """One alternative of a cue pattern, with the words every match of it contains.

    A match can exist only if every set in ``guards`` shares a word with the
    text's :func:`_letter_words`. ``starts``, when known, are the words at which
    every match starts, each as a whole run of letters (after a word boundary,
    before a space or a boundary).
    """

    guards: tuple[frozenset[str], ...]
    pattern: str
    starts: frozenset[str] | None = None


_MAX_KNOWN = 65536


class _CuePattern:
    """A case-insensitive alternation of :class:`_Cue` tried only where its words occur.

    An alternative whose guard words are absent cannot match anywhere in the
    text, so dropping it from the alternation (order kept) changes no match;
    where the alternatives' start words are known the pattern is only tried
    where they stand, in order, as ``finditer`` would meet them. :meth:`search`
    and :meth:`count` agree with ``whole.search`` and ``len(whole.findall)``
    while running small patterns at few places, or none.

    Examples
    --------
    >>> p = _CuePattern((_Cue((_word_set("will"),), r"\\bwill\\b"), _Cue((), r"\\bnext\\b")))
    >>> t = "Next year will come."
    >>> p.count(t, t.lower(), _letter_words(t))
    2
    """

    def __init__(self, cues: tuple[_Cue, ...]) -> None:
        self.cues = cues
        self.whole = re.compile("|".join(c.pattern for c in cues), re.IGNORECASE)
        self._parts = tuple(re.compile(c.pattern, re.IGNORECASE) for c in cues)
        self._vocabulary = frozenset().union(*(g for c in cues for g in c.guards))
        # word -> bits (one per guard) it sets in its alternatives' masks
        self._bits: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for i, cue in enumerate(cues):
            for j, guard in enumerate(cue.guards):
                for word in guard:
                    self._bits[word].append((i, 1 << j))
        self._full = tuple((1 << len(c.guards)) - 1 for c in cues)
        self._subsets: dict[tuple[int, ...], tuple[re.Pattern[str], frozenset[str] | None]] = {}
        # guard words present -> possible alternatives; few combinations of
        # cue words occur, so this stays small (cleared if it ever grows large)
        self._known: dict[frozenset[str], tuple[int, ...]] = {}

    def _possible(self, words: frozenset[str]) -> tuple[int, ...]:
        """Indices of the alternatives whose guard words all occur in ``words``."""
        present = words & self._vocabulary
        possible = self._known.get(present)
        if possible is None:
            hit = [0] * len(self._full)
            for word in present:
                for i, bit in self._bits[word]:
                    hit[i] |= bit
            possible = tuple([i for i, full in enumerate(self._full) if hit[i] == full])
            if len(self._known) >= _MAX_KNOWN:
                self._known.clear()
            self._known[present] = possible
        return possible

    def search(self, text: str, lowered: str | None, words: frozenset[str] | None) -> bool:
        """Whether the alternation matches somewhere in ``text``.

        ``lowered`` is :func:`_fold` of ``text`` and ``words`` its letter runs
        (both None when the text does not fold safely).
        """
        if not text:
            return False
        if lowered is None or words is None:
            return self.whole.search(text) is not None
        for i in self._possible(words):
            part, starts = self._parts[i], self.cues[i].starts
            if starts is None:
                if part.search(text) is not None:
                    return True
            elif any(part.match(text, p) for p in _run_starts(lowered, starts & words)):
                return True
        return False

    def count(self, text: str, lowered: str | None, words: frozenset[str] | None) -> int:
        """``len(whole.findall(text))`` (arguments as for :meth:`search`)."""
        if lowered is None or words is None:
            return len(self.whole.findall(text))
        possible = self._possible(words)
        if not possible:
            return 0
        subset = self._subsets.get(possible)
        if subset is None:
            joined = "|".join(self.cues[i].pattern for i in possible)
            starts = [s for i in possible if (s := self.cues[i].starts) is not None]
            subset = self._subsets[possible] = (
                re.compile(joined, re.IGNORECASE),
                frozenset().union(*starts) if len(starts) == len(possible) else None,
            )
        pattern, all_starts = subset
        if all_starts is None:
            return len(pattern.findall(text))
        n, end = 0, 0
        for p in _run_starts(lowered, all_starts & words):
            if p >= end:
                m = pattern.match(text, p)
                if m is not None:
                    n, end = n + 1, m.end()
        return n


def _cue(pattern: str, *guards: str, starts: str | None = None) -> _Cue:
    """A :class:`_Cue` from its pattern, one space-separated word list per guard and its starts."""
    return _Cue(
        tuple(_word_set(g) for g in guards),
        pattern,
        None if starts is None else _word_set(starts),
    )


_BE = "is are was were"
#: Cues of the future. Guard words stand between word boundaries or spaces in every match.
_FUTURE = _CuePattern(
    (
        _cue(
            r"\b(?:will|shall|won['’]t)\s+(?!power\b)(?:\w+ly\s+)?(?:not\s+)?(?!of\b|to\b)[a-z]+",
            "will shall won",
            starts="will shall won",
        ),
        _cue(r"\b\w+['’]ll\b", "ll"),
        _cue(
            r"\b(?:is|are|was|were)\s+(?:going|set|due|expected|scheduled|planned|poised|slated)\s+to\b",
            _BE,
            "going set due expected scheduled planned poised slated",
            "to",
            starts=_BE,
        ),
        _cue(
            r"\b(?:plans?|planned|intends?|aims?|pledged|promised|vowed|hopes?)\s+to\s+\w+",
            "plan plans planned intend intends aim aims pledged promised vowed hope hopes",
            "to",
            starts="plan plans planned intend intends aim aims pledged promised vowed hope hopes",
        ),
        _cue(
            r"\b(?:expects?|expected|forecasts?|predicts?|anticipates?)\b",
            "expect expects expected forecast forecasts predict predicts anticipate anticipates",
            starts="expect expects expected forecast forecasts predict predicts anticipate "
            "anticipates",
        ),
        _cue(r"\bthat\b[^.;]{0,60}?\bwould\s+(?!have\b)[a-z]+", "that", "would", starts="that"),
        _cue(
            r"\b(?:upcoming|forthcoming|next\s+(?:year|month|week|decade|summit)|in\s+(?:a\s+few|the\s+coming)\s+(?:days|weeks|months|years))\b",
            "upcoming forthcoming next few coming",
            starts="upcoming forthcoming next in",
        ),
        _cue(
            r"(?<!\bone\s)(?<!\byou\s)\b(?:could|might|may)\s+(?:\w+ly\s+)?(?:become|serve|lead|emerge|result|reach|grow|rise|fall|host|join|replace|follow|trigger|turn)\b",
            "could might may",
            "become serve lead emerge result reach grow rise fall host join replace follow "
            "trigger turn",
            starts="could might may",
        ),
    )
)
#: Cues of a checkable state of the world (stative predicates).
_FACTUAL = _CuePattern(
    (
        _cue(
            r"\b(?:remains?|is|are|was|were|became|becomes)\s+(?:still\s+)?the\s+(?:only|first|last|"
            r"largest|biggest|smallest|second|third|leading|main|sole)\b",
            "remain remains became becomes " + _BE,
            "the",
            "only first last largest biggest smallest second third leading main sole",
            starts="remain remains became becomes " + _BE,
        ),
        _cue(
            r"\b(?:is|are|was|were)\s+(?:a\s+)?(?:member|members|home|located|based|bordered|landlocked)\b",
            _BE,
            "member members home located based bordered landlocked",
            starts=_BE,
        ),
        _cue(
            r"\b(?:borders|bordering|accounts?\s+for|consists?\s+of|comprises?|includes|included|covers|"
            r"contains|hosts|carries|holds|owns|produces|ranks|outpaces?|exceeds?|surpass(?:es)?|employs|"
            r"operates|links|connects|stretches|crosses|has\s+long\s+claimed|participated\s+in|"
            r"did\s+not\s+participate|was\s+not\s+present|took\s+part|encompasses?)\b",
            "borders bordering accounts account consists consist comprises comprise includes "
            "included covers contains hosts carries holds owns produces ranks outpaces outpace "
            "exceeds exceed surpass surpasses employs operates links connects stretches crosses "
            "claimed participated participate present took encompass encompasses",
            starts="borders bordering accounts account consists consist comprises comprise "
            "includes included covers contains hosts carries holds owns produces ranks outpaces "
            "outpace exceeds exceed surpass surpasses employs operates links connects stretches "
            "crosses has participated did was took encompass encompasses",
        ),
        _cue(r"\b(?:since|from)\s+(?:1[89]\d\d|20\d\d)\b", "since from", starts="since from"),
    )
)  # fmt: skip


_EVALUATIVE_WORDS = _word_set(
    """significant significantly crucial important key vital essential fundamental critical
    clear clearly remarkable remarkably successful successfully effective effectively strong
    stronger weak weaker dramatic dramatically elegant elegantly subtle subtly profound
    profoundly unprecedented historic milestone breakthrough mature maturity sincere sincerity
    wise wisely pragmatic bold boldly assertive proactive passive durable reliable credible
    genuine genuinely truly deeply merely simply mere notably uniquely unique impressive
    ambitious careful carefully delicate rational predictable transformational performative
    systemic civilizational civilisational grounded optimism optimistic pessimistic wishful
    turbulent chaotic stabilizing stabilising constructive destructive aggressive aggression
    condescension nostalgia imperial dignity moderation respect harmonization harmonisation
    harmony elegance agility flexibility gracefully graceful sophisticated nuanced shrewd
    masterful deft deftly skillful skilful savvy astute naive reckless dangerous risky
    admirable commendable regrettable unfortunate welcome troubling alarming worrying
    encouraging promising crucially essentially fundamentally arguably undoubtedly surely
    certainly obviously evidently inevitably naturally ironically paradoxically
    high-profile prominent stature prestige leverage influence credibility legitimacy
    vision philosophy ethos paradigm identity narrative art essence spirit symbol symbolic
    metaphor momentum resonance equilibrium texture textured fabric weave weaving weaves
    subjectivity sovereignty post-imperial"""
)
_FRAME_VERBS = (
    "is was are were has becomes became constitutes represents reflects signifies illustrates "
    "underscores demonstrates captures embodies marks signals shows suggests means implies "
    "indicates confirms highlights aligns supports differs feeds"
)
#: Interpretive frames ("this reflects", "not only", "rather than", "must"), counted.
_EVALUATIVE_FRAME = _CuePattern(
    (
        _cue(
            r"\b(?:this|that|it|these|such)\s+(?:is|was|are|were|has\s+been|becomes|became|constitutes|"
            r"represents|reflects|signifies|illustrates|underscores|demonstrates|captures|embodies|"
            r"marks|signals|shows|suggests|means|implies|indicates|confirms|highlights|aligns|supports|"
            r"differs|feeds)\b",
            "this that it these such",
            _FRAME_VERBS,
            starts="this that it these such",
        ),
        _cue(
            r"\bnot\s+(?:only|merely|simply|just)\b",
            "not",
            "only merely simply just",
            starts="not",
        ),
        _cue(r"\bnot\s+\w+(?:\s+\w+){0,5}?,?\s+but\b", "not", "but", starts="not"),
        _cue(r"\brather\s+than\b", "rather", "than", starts="rather"),
        _cue(r"\bneither\b.{1,80}\bnor\b", "neither", "nor", starts="neither"),
        _cue(r"\bno\s+longer\b", "no", "longer", starts="no"),
        _cue(r"\bthe\s+art\s+of\b", "art", starts="the"),
        _cue(r"\bthe\s+language\s+of\b", "language", starts="the"),
        _cue(
            r"\ba\s+(?:kind|form|version|sort|matter)\s+of\b",
            "kind form version sort matter",
            starts="a",
        ),
        _cue(r"\bin\s+this\s+sense\b", "sense", starts="in"),
        _cue(r"\bthrough\s+this\s+lens\b", "lens", starts="through"),
        _cue(r"\bin\s+\w+\s+terms\b", "terms", starts="in"),
        _cue(r"\blike\s+a\b", "like", starts="like"),
        _cue(r"\bas\s+if\b", "if", starts="as"),
        _cue(
            r"\bcan\s+(?:also\s+)?be\s+(?:described|seen|read|understood|viewed)\b",
            "can",
            "described seen read understood viewed",
            starts="can",
        ),
        _cue(
            r"\b(?:must|should|ought\s+to|need\s+to|needs\s+to)\b",
            "must should ought need needs",
            starts="must should ought need needs",
        ),
        _cue(
            r"\b(?:increasingly|growing|emerging)\b",
            "increasingly growing emerging",
            starts="increasingly growing emerging",
        ),
        _cue(
            r"\b(?:seeks?|sought|aspires?|strives?|tries|tried)\s+to\b",
            "seek seeks sought aspire aspires strive strives tries tried",
            "to",
            starts="seek seeks sought aspire aspires strive strives tries tried",
        ),
        _cue(
            r"\b(?:viewed|seen|regarded|framed)\s+as\b",
            "viewed seen regarded framed",
            "as",
            starts="viewed seen regarded framed",
        ),
    )
)  # fmt: skip
#: "may" counts only in lower case (not the month).
_HEDGE_WORDS = _word_set(
    """might may could perhaps possibly potentially arguably apparently seemingly likely
    unlikely suggest suggests suggesting appear appears appeared seem seems seemed speculation
    reportedly allegedly rumored rumoured presumably probably possible would"""
)
_POSSESSIVE_END_RE = re.compile(r"['’]s$")
_QUESTION_END_RE = re.compile(r"\?[\"”’)]*\s*$")
_QUOTED_RE = re.compile(r"[\"“][^\"“”]*[\"”]")
#: The check that no word character precedes the capital comes after it
#: (``(?<![\w'’\-].)``): a pattern that opens with a character class lets the
#: regex engine skip to the next capital instead of trying every position.
_ENTITY_RE = re.compile(
    r"[A-Z](?<![\w'’\-].)(?:[\w.'’\-]*[\w])?(?:\+\d)?(?:\s+(?:of\s+the\s+|of\s+|for\s+|and\s+)?[A-Z][\w.'’\-]*[\w])*"
)
_ENTITY_STOP = frozenset(
    """
    The A An In On At By For Of From To With As And But Or Not No This That These Those
    It Its He She His Her They Their We Our I You Today Then When While After Before
    During Since Until Under Over Between Among Although Though However Instead Likewise
    Finally Also Only Even Still Yet Thus Hence Meanwhile Moreover Furthermore
    Additionally Earlier Later Following According Unlike Like Rather Whether If Because
    Several Some Many Most All Both Each Every Other Another Such What Which Who Where
    Why How Here There Now Once Together Taken Viewed Framed Naming Timed Hosting
    Economically Politically Globally Kremlin-backed
    """.split()  # noqa: SIM905
)
_ENTITY_ALIASES: dict[str, str] = {
    "united nations": "un",
    "unga": "un general assembly",
    "united nations general assembly": "un general assembly",
    "general assembly": "un general assembly",
    "un general assembly": "un general assembly",
    "u.s.": "united states",
    "us": "united states",
    "usa": "united states",
    "america": "united states",
    "secretary-general": "un secretary-general",
}
_NORM_TRANSLATE = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " "}
)
_SPLIT_QUOTED_RE = re.compile(r"(?<=[a-z0-9%][.!?])\s+(?=[A-Z])")
_SEMICOLON_RE = re.compile(r";\s+")
_TOKEN_RE = re.compile(r"[a-z0-9][a-z0-9.+'\-]*[a-z0-9+]|[a-z0-9]")
_STOP_TOKENS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his
    how i if in into is it its itself just me more most my myself no nor not now of off
    on once only or other our ours ourselves out over own same she should so some such
    than that the their theirs them themselves then there these they this those through
    to too under until up very was we were what when where which while who whom why will
    with would you your yours yourself yourselves s t 's rather not one new
    """.split()  # noqa: SIM905
)


# --------------------------------------------------------------------------- features


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
    strong, durations, weak, specific, years = _quantity_counts(qs)
    return ClaimFeatures(
        strong_quantities=strong,
        durations=durations,
        weak_numbers=weak,
        specific_dates=specific,
        years=years,
        event=_has_event_verb(scope_tokens, _EVENT_VERBS) or (bool(speaker) and speech_event),
        speech_event=speech_event,
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
    if f.future_outside_quotes or (f.future_in_quotes and not f.event):
        main = "predictive"
    elif f.strong_quantities and not (event and f.strong_quantities == f.durations):
        main = "quantitative"
    elif event and f.evaluative_cues < 3:
        main = "event"
    elif factual and f.hedges == 0:
        main = "factual"
    elif f.event:
        main = (
            "event"
            if (f.specific_dates or attribution.speaker or attribution.source)
            else "evaluative"
        )
    else:
        main = "evaluative"
    if main not in tags:
        tags.append(main)
    tags.sort(key=_TYPE_ORDER.__getitem__)
    return main, tags


def checkworthiness(
    features: ClaimFeatures,
    attribution: Attribution,
    *,
    claim_type: str,
    weights: Mapping[str, float] = CHECKWORTHINESS_WEIGHTS,
) -> tuple[float, list[str]]:
    """Checkworthiness in [0, 1] and the names of the features that fired.

    The score is ``weights["base"]`` plus the weight of every feature present
    (per-item features counted up to a cap), clipped to [0, 1]; see
    :data:`CHECKWORTHINESS_WEIGHTS`.

    Examples
    --------
    >>> f = claim_features("Kazakhstan carries eighty percent of overland freight.")
    >>> score, fired = checkworthiness(f, Attribution("", "", False), claim_type="quantitative")
    >>> round(score, 2), fired[:1]
    (0.7, ['strong_quantity'])
    """
    f = features
    event = claim_type == "event" or (f.event and claim_type != "evaluative")
    dated = f.specific_dates + f.years + f.strong_quantities
    anchored = dated or attribution.speaker or attribution.source
    # (feature, times it counts), added in this order
    counts = (
        ("strong_quantity", int(f.strong_quantities > 0)),
        ("weak_number", int(f.weak_numbers > 0 and not f.strong_quantities)),
        ("specific_date", int(f.specific_dates > 0)),
        ("year", int(f.years > 0 and not f.specific_dates)),
        ("event", int(event)),
        ("event_noun", int(f.event_noun and not event)),
        ("factual_cue", int(f.factual and claim_type != "evaluative")),
        ("per_named_actor", min(len(f.entities), 3)),
        ("speaker", int(bool(attribution.speaker))),
        ("source", int(bool(attribution.source))),
        ("quote", int(attribution.quote)),
        ("dated_prediction", int(claim_type == "predictive" and dated > 0)),
        ("per_hedge", min(f.hedges, 2)),
        ("per_evaluative_cue", min(f.evaluative_cues, 4)),
        ("unanchored_opinion", int(claim_type == "evaluative" and not anchored)),
    )
    score = weights["base"]
    fired: list[str] = []
    for name, times in counts:
        if times > 0:
            score += weights[name] * times
            fired.append(name if times == 1 else f"{name}x{times}")
    return float(min(1.0, max(0.0, round(score, 4)))), fired


# --------------------------------------------------------------------------- ids and units


def normalise_claim_text(text: str) -> str:
    """Fold case, quote and dash styles, spacing and end punctuation (the claim_id key).

    Examples
    --------
    >>> normalise_claim_text("  Tokayev  met “Putin”—again. ")
    'tokayev met "putin"-again'
    """
    # ASCII is NFKC-normal and holds nothing _NORM_TRANSLATE maps
    t = text if text.isascii() else unicodedata.normalize("NFKC", text).translate(_NORM_TRANSLATE)
    t = t.lower()
    t = " ".join(t.split())  # = re.sub(r"\s+", " ", t).strip(): same whitespace class
    return t.rstrip(" .!?;:,")


def claim_id(doc_id: str, text: str, *, occurrence: int = 0) -> str:
    """Stable claim id: ``c`` + 12 hex digits of SHA-1(doc_id, normalised text, occurrence).

    Examples
    --------
    >>> claim_id("d1", "Tokayev met Putin.") == claim_id("d1", "tokayev  met Putin")
    True
    """
    return _claim_id_of_normalised(doc_id, normalise_claim_text(text), occurrence)


def _claim_id_of_normalised(doc_id: str, norm: str, occurrence: int) -> str:
    """:func:`claim_id` from the already normalised text."""
    key = f"{doc_id}\x1f{norm}"
    if occurrence:
        key += f"\x1f{occurrence}"
    return "c" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _words(text: str) -> int:
    return len(text.split())


def claim_units(text: str) -> list[tuple[int, int]]:
    """Character spans of the claims in one sentence (usually the whole sentence).

    A sentence is cut only where it holds two separable claims: at a sentence
    boundary inside a quotation that the splitter kept whole, or at a ";"
    joining two independent clauses (five words or more each) that make
    different kinds of claim.

    Examples
    --------
    >>> t = 'He said: "We carry most freight. By 2030 we will build more railways."'
    >>> [t[s:e] for s, e in claim_units(t)]
    ['He said: "We carry most freight.', 'By 2030 we will build more railways."']
    """
    # a cut inside a quotation needs a quotation mark before it
    has_quote = any(map(text.__contains__, '"“”'))
    if not has_quote and ";" not in text:  # one claim: the loops below give this span
        seg = text.rstrip()
        return [(len(seg) - len(seg.lstrip()), len(seg))]
    spans: list[tuple[int, int]] = []
    cuts = [0]
    for m in _SPLIT_QUOTED_RE.finditer(text) if has_quote else ():
        left, right = text[cuts[-1] : m.start()], text[m.end() :]
        inside = sum(text[: m.start()].count(q) for q in '"“”') % 2 == 1
        last_word = left.split()[-1] if left.split() else ""
        if inside and _words(left) >= 4 and _words(right) >= 4 and len(last_word.strip('.!?"')) > 3:
            cuts.append(m.end())
    for s, e in zip(cuts, [*cuts[1:], len(text)], strict=True):
        piece = text[s:e]
        sub = [0]
        for m in _SEMICOLON_RE.finditer(piece) if ";" in piece else ():
            if _outside_quotes(piece)[m.start()] != ";":
                continue
            left, right = piece[sub[-1] : m.start()], piece[m.end() :]
            if _words(left) < 5 or _words(right) < 5:
                continue
            fl, fr = claim_features(left), claim_features(right)
            no = Attribution("", "", False)
            if _types(fl, no)[0] != _types(fr, no)[0]:
                sub.append(m.end())
        bounds = [*sub, len(piece)]
        for a, b in itertools.pairwise(bounds):
            seg = piece[a:b].rstrip()
            if seg.endswith(";"):
                seg = seg[:-1].rstrip()
            lead = len(seg) - len(seg.lstrip())
            spans.append((s + a + lead, s + a + len(seg)))
    return spans


# --------------------------------------------------------------------------- extraction


def _ref_years(
    sentences: pd.DataFrame, doc_years: Mapping[str, int] | None
) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for doc_id in sentences["doc_id"].unique():
        out[str(doc_id)] = None if doc_years is None else doc_years.get(str(doc_id))
    return out


def _documents(sentences: pd.DataFrame) -> list[tuple[str, list[int]]]:
    """Each document's row positions in reading order, documents sorted by doc_id.

    Documents come in ``groupby("doc_id", sort=True)`` order (rows without a
    doc_id are dropped, as groupby drops them) and rows by start, then
    sent_id, ties kept in table order: plain lists instead of a sorted
    DataFrame per document.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"doc_id": ["b", "a", "b"], "start": [9, 0, 0], "sent_id": [1, 0, 0]})
    >>> _documents(s)
    [('a', [1]), ('b', [2, 0])]
    """
    codes_array, uniques = pd.factorize(sentences["doc_id"], sort=True)
    codes: list[int] = codes_array.tolist()
    starts, sent_ids = sentences["start"].tolist(), sentences["sent_id"].tolist()
    order = sorted(
        (p for p, c in enumerate(codes) if c >= 0),
        key=lambda p: (codes[p], starts[p], sent_ids[p]),
    )
    return [
        (str(uniques[code]), list(group))
        for code, group in itertools.groupby(order, key=codes.__getitem__)
    ]


def document_years(documents: pd.DataFrame) -> dict[str, int]:
    """Publication year per doc_id from a corpus table (``corpus.to_frame()``), where known.

    Examples
    --------
    >>> import pandas as pd
    >>> document_years(pd.DataFrame({"doc_id": ["a", "b"], "date": ["2025-11-13", None]}))
    {'a': 2025}
    """
    out: dict[str, int] = {}
    for doc_id, date in zip(documents["doc_id"], documents["date"], strict=True):
        text = "" if date is None or (isinstance(date, float) and math.isnan(date)) else str(date)
        if re.match(r"^\d{4}", text):
            out[str(doc_id)] = int(text[:4])
    return out


def extract_claims(
    sentences: pd.DataFrame,
    *,
    doc_years: Mapping[str, int] | None = None,
    sources: tuple[Source, ...] | None = None,
) -> pd.DataFrame:
    """The claim inventory of a sentence table (one row per claim; see :data:`CLAIM_COLUMNS`).

    Parameters
    ----------
    sentences : DataFrame
        ``sentences_frame(corpus)``: doc_id, sent_id, start, end, text, kind.
        Rows of ``kind == "heading"`` are skipped; rows must be in document order.
    doc_years : mapping of str to int, optional
        Publication year per doc_id, to read "next year" and month names
        without a year; without it the latest year the article mentioned so
        far is used.
    sources : tuple of Source, optional
        The outlet/body gazetteer (default :func:`~kzlib.claims.attribution.load_sources`).

    Returns
    -------
    DataFrame
        Sorted by doc_id, start; deterministic.

    Examples
    --------
    >>> from kzlib import load_corpus, sentences_frame
    >>> claims = extract_claims(sentences_frame(load_corpus()))
    >>> set(claims["claim_type"]) <= set(CLAIM_TYPES)
    True
    """
    missing = {"doc_id", "sent_id", "start", "end", "text"} - set(sentences.columns)
    if missing:
        raise InputError(
            f"sentence table: missing columns {sorted(missing)}; pass sentences_frame(corpus)"
        )
    gaz = load_sources() if sources is None else sources
    years = _ref_years(sentences, doc_years)
    records: list[tuple[object, ...]] = []
    texts = sentences["text"].tolist()
    kinds = sentences["kind"].tolist() if "kind" in sentences.columns else None
    sent_ids, starts = sentences["sent_id"].tolist(), sentences["start"].tolist()
    for doc, positions in _documents(sentences):
        attributor = Attributor(sources=gaz)
        seen: dict[str, int] = defaultdict(int)
        context_year = years.get(doc)
        for p in positions:
            text = str(texts[p])
            if kinds is not None and str(kinds[p]) != "body":
                continue
            sent_id, base = int(str(sent_ids[p])), int(str(starts[p]))
            carried = attributor.open_quote_speaker is not None
            cased_words = _cased_letter_words(text)
            attribution = attributor.attribute(text, words=cased_words)
            if _QUESTION_END_RE.search(text) and not attribution.quote:
                continue
            units = claim_units(text)
            whole_qs: list[Quantity] | None = None  # quantities of the whole sentence
            for i, (s, e) in enumerate(units):
                unit = text[s:e]
                if not unit.strip():
                    continue
                # lower-cased text and its letter runs: computed once for both
                lowered = unit.lower()
                folded = _fold(unit, lowered)
                whole = s == 0 and e == len(text)
                if whole and folded is not None:
                    # folding maps letters to letters and nothing else to a letter:
                    # the runs of the lower-cased text are the lower-cased runs
                    runs = frozenset(map(str.lower, cased_words))
                else:
                    runs = _letter_runs(lowered)
                qs = _find_quantities(unit, context_year, lowered, runs)
                if whole:
                    whole_qs = qs
                inside = carried or (i > 0 and len(units) > 1 and attribution.quote)
                feats = _claim_features(
                    unit,
                    qs,
                    (inside and i > 0) or carried,
                    attribution.speaker,
                    folded,
                    None if folded is None else runs,
                )
                main, tags = _types(feats, attribution)
                score, fired = checkworthiness(feats, attribution, claim_type=main)
                norm = normalise_claim_text(unit)
                occurrence = seen[norm]
                seen[norm] += 1
                records.append(
                    (  # in the order of CLAIM_COLUMNS
                        _claim_id_of_normalised(doc, norm, occurrence),
                        doc,
                        sent_id,
                        base + s,
                        base + e,
                        unit,
                        main,
                        "|".join(tags),
                        attribution.speaker,
                        attribution.source,
                        bool(attribution.quote),
                        quantities_to_json(qs),
                        score,
                        "|".join(feats.entities),
                        "|".join(fired),
                    )
                )
            if context_year is None:  # no publication year: the first year the article names
                if whole_qs is None:
                    whole_qs = find_quantities(text)
                explicit = [str(q.value)[:4] for q in whole_qs if q.is_date]
                explicit = [y for y in explicit if y.isdigit()]
                if explicit:
                    context_year = int(explicit[0])
    frame = pd.DataFrame.from_records(records, columns=CLAIM_COLUMNS)
    frame = frame.astype({"sent_id": "int64", "start": "int64", "end": "int64", "quote": "bool"})
    frame["checkworthiness"] = frame["checkworthiness"].astype("float64")
    return frame.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- links


def _stem(token: str) -> str:
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if token.endswith(suffix) and len(token) - len(suffix) >= 4:
            return token[: -len(suffix)] + repl
    return token


def _content_words(text: str) -> list[str]:
    """Words of the normalised text with aliases folded, minus stop words and non-year numbers."""
    t = normalise_claim_text(text)
    for k, v in _ENTITY_ALIASES.items():
        if " " in k or "." in k:
            t = t.replace(k, v)
    return [
        w
        for w in _TOKEN_RE.findall(t)
        if (w not in _STOP_TOKENS and not w.isdigit()) or (len(w) == 4 and w.isdigit())
    ]


def _tokens(text: str) -> list[str]:
    return [_stem(w) for w in _content_words(text)]


def _token_lists(texts: Sequence[str]) -> list[list[str]]:
    """:func:`_tokens` of every text; each distinct word is stemmed once (words repeat a lot)."""
    stems: dict[str, str] = {}
    out: list[list[str]] = []
    for text in texts:
        words = _content_words(text)
        for w in words:
            if w not in stems:
                stems[w] = _stem(w)
        out.append([stems[w] for w in words])
    return out


def _number_keys(numbers_json: str) -> set[str]:
    keys: set[str] = set()
    for q in json.loads(numbers_json or "[]"):
        unit = str(q.get("unit", ""))
        if unit == "date":
            value = str(q["value"])
            if len(value) >= 7:
                keys.add(f"date:{value[:7]}")
        elif q.get("value") is not None:
            keys.add(f"num:{q['value']}:{unit}:{q.get('item', '')}")
    return keys


_ENTITY_SMOOTHING = 2.0
_TITLE_WORDS = frozenset(
    """
    president minister prime foreign secretary-general secretary spokesman spokeswoman
    chancellor premier ambassador director deputy vice former then general the of and
    for mr mrs ms dr
    """.split()  # noqa: SIM905
)


_EVENT_STEMS: dict[str, str] = {
    "visit": "visit", "visited": "visit", "visits": "visit", "trip": "visit", "toured": "visit",
    "met": "meet", "meet": "meet", "meets": "meet", "meeting": "meet", "meetings": "meet",
    "talks": "meet", "summit": "summit", "summits": "summit", "speech": "speech",
    "address": "speech", "addressed": "speech", "addresses": "speech", "declared": "speech",
    "signed": "sign", "signing": "sign", "signs": "sign", "declaration": "declaration",
    "agreement": "agreement", "deal": "agreement", "contract": "agreement", "treaty": "agreement",
    "call": "call", "conversation": "call", "telephoned": "call", "phoned": "call",
    "election": "election", "elected": "election", "sanctions": "sanction",
    "sanctioned": "sanction", "hosted": "host", "hosts": "host", "hosting": "host",
}  # fmt: skip
_EVENT_STEM_RE = re.compile(
    r"\b(" + "|".join(sorted(_EVENT_STEMS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)


_WORD_RUN_RE = re.compile(r"\w+")


def _event_stems(text: str) -> set[str]:
    lowered = _fold(text)
    if lowered is None:
        # casefold, as the pattern matches "ſigned" (long s) whose lower() is no key
        words = (m.group(1).casefold() for m in _EVENT_STEM_RE.finditer(text))
        return {_EVENT_STEMS[w] for w in words if w in _EVENT_STEMS}
    # A match of the pattern is a whole word run: looking the runs up is the same, 3x faster.
    return {_EVENT_STEMS[w] for w in _WORD_RUN_RE.findall(lowered) if w in _EVENT_STEMS}


def _entity_tokens(entities: str) -> set[str]:
    """Entity words for matching: titles dropped, so "President X Tokayev" meets "Tokayev"."""
    out: set[str] = set()
    for ent in entities.split("|"):
        for w in ent.split():
            if w not in _TITLE_WORDS and len(w) > 1:
                out.add(w)
    return out


_TITLE_WINDOW_STOP = frozenset({"the", "a", "an", "of", "and", "to", "in", "on"})


_OFFICE_RE = re.compile(
    r"\b(?P<title>(?:(?:Deputy|Vice|Acting|Foreign|Prime|Defen[cs]e|Finance|Economy|Energy|"
    r"Trade|Interior)\s+)*(?:President(?:-elect)?|Prime Minister|Minister|Secretary-General|"
    r"Secretary|Chancellor|Premier|Ambassador|Speaker|Governor|Mayor|Chairman|King|Emir))"
    r"\s+(?P<name>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2})"
)


def _offices(text: str) -> dict[str, str]:
    """Surname -> office title given right before the name ("Foreign Minister Sergey Lavrov")."""
    out: dict[str, str] = {}
    for m in _OFFICE_RE.finditer(text):
        surname = _POSSESSIVE_END_RE.sub("", m.group("name").split()[-1])
        out.setdefault(surname, m.group("title"))
    return out


@dataclass(frozen=True)
class _TitleView:
    """What :func:`_title_conflicts` reads of one text; computed once per linked claim."""

    offices: dict[str, str]
    words: list[str]  # lower-cased, edge punctuation stripped
    phrases: list[list[str]]  # quoted phrases of 2 to 6 words, not opening with a stop word


def _title_words(text: str) -> list[str]:
    return [w.lower().strip(".,;:\"'”“") for w in text.split()]


def _title_view(text: str) -> _TitleView:
    phrases = [_title_words(m.group()[1:-1]) for m in _QUOTED_RE.finditer(text)]
    return _TitleView(
        offices=_offices(text),
        words=_title_words(text),
        phrases=[p for p in phrases if 2 <= len(p) <= 6 and p[0] not in _TITLE_WINDOW_STOP],
    )


def _title_conflicts(text_a: str, text_b: str) -> list[str]:
    """Named titles the two texts give differently.

    A quoted phrase of one text that the other gives with the same first and
    last word but other words between ("comprehensive strategic partnership"),
    or one person given two different offices ("President-elect X" / "President X").
    """
    return _view_conflicts(_title_view(text_a), _title_view(text_b))


def _view_conflicts(view_a: _TitleView, view_b: _TitleView) -> list[str]:
    """:func:`_title_conflicts` of two precomputed views."""
    out: list[str] = []
    for surname, title in view_a.offices.items():
        other = view_b.offices.get(surname)
        if other is not None and other.lower() != title.lower():
            out.append(f"{title} {surname} vs {other} {surname}")
    for src, dst in ((view_a, view_b), (view_b, view_a)):
        words = dst.words
        for phrase in src.phrases:
            n = len(phrase)
            for i in range(len(words) - n + 1):
                # Compare the ends first: a slice per position is what made this slow.
                if words[i] != phrase[0] or words[i + n - 1] != phrase[-1]:
                    continue
                window = words[i : i + n]
                if window != phrase:
                    out.append(f'"{" ".join(phrase)}" vs "{" ".join(window)}"')
    return out


def _number_conflicts(
    nums_a: list[dict[str, object]], nums_b: list[dict[str, object]]
) -> tuple[list[str], list[str]]:
    numbers: list[str] = []
    dates: list[str] = []
    for qa in nums_a:
        for qb in nums_b:
            if qa.get("unit") != qb.get("unit"):
                continue
            if qa["unit"] == "date":
                va, vb = str(qa["value"]), str(qb["value"])
                if min(len(va), len(vb)) >= 7 and not (va.startswith(vb) or vb.startswith(va)):
                    dates.append(f"{qa['text']} vs {qb['text']}")
            elif qa.get("item", "") == qb.get("item", ""):
                a, b = qa.get("value"), qb.get("value")
                if (
                    isinstance(a, int | float)
                    and isinstance(b, int | float)
                    and abs(a - b) > 0.05 * max(abs(a), abs(b))
                ):
                    numbers.append(f"{qa['text']} vs {qb['text']}")
    return numbers, dates


#: Candidate pairs scored at once; bounds the memory of one scoring step.
_SCORE_BATCH = 200_000


def _round_half_even(values: np.ndarray, digits: int) -> np.ndarray:
    """``round(v, digits)`` of every value, exactly as Python's ``round`` gives it.

    ``np.round`` scales, rounds and unscales, which can land on the other side
    of a half when the scaling rounds; values whose scaled form is that close
    to a half are rounded by Python instead, so the result matches ``round``.
    """
    scale = 10.0**digits
    scaled = values * scale
    out: np.ndarray = np.rint(scaled) / scale
    near_half = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    for k in np.flatnonzero(near_half).tolist():
        out[k] = round(float(values[k]), digits)
    return out


def _incidence(rows: Sequence[set[str]]) -> tuple[np.ndarray, np.ndarray, int]:
    """Row and column coordinates of a claim x member incidence (columns in first-seen order)."""
    names: dict[str, int] = {}
    r_idx: list[int] = []
    c_idx: list[int] = []
    for r, members in enumerate(rows):
        # Sorted, so the column order (and the order weights are summed in) is reproducible.
        for m in sorted(members):
            r_idx.append(r)
            c_idx.append(names.setdefault(m, len(names)))
    return np.array(r_idx, dtype=np.int64), np.array(c_idx, dtype=np.int64), len(names)


class _LinkIndex:
    """Per-claim features of :func:`link_claims` as sparse claim x feature matrices.

    Built once per call; :meth:`candidates` and :meth:`score` then work on
    any slice of claims, so the pairs are generated and scored chunk by chunk.
    """

    def __init__(self, claims: pd.DataFrame, *, max_block: int) -> None:
        from scipy import sparse
        from sklearn.feature_extraction.text import TfidfVectorizer

        n = len(claims)
        # Per-claim Python objects are built one kind at a time and dropped once they are
        # a matrix; what a link reports is recomputed for the linked claims only (:meth:`about`).
        self.claims = claims
        texts = claims["text"].astype(str).tolist()
        vectorizer = TfidfVectorizer(analyzer=lambda toks: toks, sublinear_tf=True, norm="l2")
        self.tfidf = vectorizer.fit_transform(_token_lists(texts)).tocsr()
        coords = [_incidence([_event_stems(t) for t in texts])]
        del texts
        entities = claims["entities"].fillna("").astype(str).tolist()
        coords.append(_incidence([_entity_tokens(e) for e in entities]))
        del entities
        numbers = claims["numbers"].fillna("[]").astype(str).tolist()
        coords.append(_incidence([_number_keys(q) for q in numbers]))
        del numbers
        self.event, self.ent, self.num = [
            sparse.csr_matrix((np.ones(len(r), dtype=np.float64), (r, c)), shape=(n, width))
            for r, c, width in coords
        ]
        self.ids = claims["claim_id"].astype(str).to_numpy()
        self.docs = claims["doc_id"].astype(str).to_numpy()
        # Codes in doc_id order, so comparing codes orders pairs as comparing doc_ids does.
        self.doc_codes = np.unique(self.docs, return_inverse=True)[1].astype(np.int64)
        tags = claims["tags"].fillna("").astype(str).tolist()
        eligible = np.array(
            [
                t != "evaluative" or "event" in g.split("|")
                for t, g in zip(claims["claim_type"].astype(str).tolist(), tags, strict=True)
            ],
            dtype=bool,
        )
        # IDF over every claim (evaluative ones too), computed like math.log per entity.
        ent_df = np.asarray(self.ent.sum(axis=0)).ravel().astype(np.int64).tolist()
        self.ent_idf = np.array([math.log((n + 1) / (d + 1)) + 0.1 for d in ent_df])
        # Blocking keys: content words of 5+ letters, entity words, numbers and dates.
        long_word = np.zeros(self.tfidf.shape[1], dtype=bool)
        for token, col in vectorizer.vocabulary_.items():
            long_word[col] = len(token) >= 5
        words = self.tfidf[:, np.flatnonzero(long_word)].astype(bool)
        keys = sparse.hstack([words, self.ent, self.num], format="csr").astype(bool)
        # Only checkable claims are blocked: the rows of the others are emptied.
        keys = (sparse.diags(eligible, dtype=np.int32) @ keys.astype(np.int32)).tocsr()
        block = keys.getnnz(axis=0)
        usable = np.flatnonzero((block >= 2) & (block <= max_block))
        self.keys = keys[:, usable].tocsr()
        self.keys_t = self.keys.T.tocsr()

    def __len__(self) -> int:
        return len(self.docs)

    def candidates(self, start: int, stop: int) -> tuple[np.ndarray, np.ndarray]:
        """Pairs ``i < j`` with ``start <= i < stop``, in different documents, sharing a key."""
        shared = (self.keys[start:stop] @ self.keys_t).tocoo()
        i = shared.row.astype(np.int64) + start
        j = shared.col.astype(np.int64)
        keep = (j > i) & (self.doc_codes[i] != self.doc_codes[j])
        return i[keep], j[keep]

    def score(self, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Combined similarity, tf-idf cosine and entity overlap of the pairs ``(i[k], j[k])``."""
        cos = np.asarray(self.tfidf[i].multiply(self.tfidf[j]).sum(axis=1)).ravel()
        # Entity weights are summed in column order; another order could change only the
        # last bit, far below the 4 decimals reported.
        ent_a, ent_b = self.ent[i], self.ent[j]
        both = ent_a.multiply(ent_b).tocsr()
        both.data = self.ent_idf[both.indices]
        either = (ent_a + ent_b).tocsr()
        either.data = self.ent_idf[either.indices]
        inter = np.asarray(both.sum(axis=1)).ravel()
        union = np.asarray(either.sum(axis=1)).ravel()
        ent_sim = inter / (union + _ENTITY_SMOOTHING)
        ev_sim = (self.event[i].multiply(self.event[j]).getnnz(axis=1) > 0).astype(np.float64)
        num_sim = (self.num[i].multiply(self.num[j]).getnnz(axis=1) > 0).astype(np.float64)
        sim = 0.5 * cos + 0.25 * ent_sim + 0.15 * ev_sim + 0.1 * num_sim
        return sim, cos, ent_sim

    def about(self, rows: list[int]) -> dict[int, _Linked]:
        """What the links report of the claims at ``rows``."""
        part = self.claims.iloc[rows]
        texts = part["text"].astype(str).tolist()
        numbers = part["numbers"].fillna("[]").astype(str).tolist()
        entities = part["entities"].fillna("").astype(str).tolist()
        return {
            k: _Linked(
                entities=_entity_tokens(e),
                events=_event_stems(t),
                numkeys=_number_keys(q),
                numbers=json.loads(q or "[]"),
                title=_title_view(t),
            )
            for k, t, q, e in zip(rows, texts, numbers, entities, strict=True)
        }


@dataclass(frozen=True)
class _Linked:
    """One linked claim's entity words, event stems, number keys, numbers and titles."""

    entities: set[str]
    events: set[str]
    numkeys: set[str]
    numbers: list[dict[str, object]]
    title: _TitleView

    def shared(self, other: _Linked) -> str:
        """Entity words, event stems and number keys both claims hold, ``|``-separated."""
        words = (
            (self.entities & other.entities)
            | (self.events & other.events)
            | {k.split(":", 1)[1] for k in self.numkeys & other.numkeys}
        )
        return "|".join(sorted(words))

    def disagreement(self, other: _Linked) -> tuple[str, str]:
        """The ``disagreement`` kinds and ``detail`` of the link of the two claims."""
        n_conf, d_conf = _number_conflicts(self.numbers, other.numbers)
        t_conf = _view_conflicts(self.title, other.title)
        kinds = [k for k, v in (("number", n_conf), ("date", d_conf), ("title", t_conf)) if v]
        return "|".join(kinds), "; ".join([*n_conf, *d_conf, *t_conf])


def _scored_candidates(
    index: _LinkIndex, *, min_similarity: float, chunk_size: int
) -> tuple[pd.DataFrame, int]:
    """Candidate pairs reaching ``min_similarity`` (claim indices, unrounded scores) and a count.

    Claims are taken ``chunk_size`` at a time, so the candidate pairs in memory
    at once are those of one chunk; only pairs above the threshold are kept.
    """
    parts: list[tuple[np.ndarray, ...]] = []
    n_candidates = 0
    for start in range(0, len(index), chunk_size):
        ci, cj = index.candidates(start, min(start + chunk_size, len(index)))
        n_candidates += len(ci)
        for lo in range(0, len(ci), _SCORE_BATCH):
            i, j = ci[lo : lo + _SCORE_BATCH], cj[lo : lo + _SCORE_BATCH]
            sim, cos, ent = index.score(i, j)
            ok = sim >= min_similarity
            parts.append((i[ok], j[ok], sim[ok], cos[ok], ent[ok]))
    cols = ["i", "j", "similarity", "text_sim", "entity_sim"]
    if not parts:
        return pd.DataFrame(columns=cols), n_candidates
    columns = [np.concatenate(p) for p in zip(*parts, strict=True)]
    return pd.DataFrame(dict(zip(cols, columns, strict=True))), n_candidates


def _greedy_cap(a: np.ndarray, b: np.ndarray, limit: int) -> np.ndarray:
    """Rows kept, taken in order, while both their claims have fewer than ``limit`` kept."""
    kept_per_claim: dict[int, int] = defaultdict(int)
    keep = np.zeros(len(a), dtype=bool)
    for row, (x, y) in enumerate(zip(a.tolist(), b.tolist(), strict=True)):
        if kept_per_claim[x] < limit and kept_per_claim[y] < limit:
            kept_per_claim[x] += 1
            kept_per_claim[y] += 1
            keep[row] = True
    return keep


def link_claims(
    claims: pd.DataFrame,
    *,
    min_similarity: float = 0.24,
    max_block: int = 200,
    top_k: int = 3,
    max_links: int | None = 250,
    chunk_size: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Pairs of claims in different documents that report the same event or fact.

    Only claims that report something checkable are linked (type other than
    evaluative, or tagged event). Candidate pairs come from blocking, never
    from all pairs: claims are indexed by the words of their named entities,
    their numbers (value, unit, item), the months of their month-or-finer
    dates and their stemmed content words of five characters or more; a key
    held by more than ``max_block`` claims is too common to block on and is
    skipped, and two claims are a candidate pair if they share at least one
    of the other keys. Each candidate pair is scored

    ``similarity = 0.5 * tfidf_cosine + 0.25 * entity_overlap + 0.15 * shared_event_word
    + 0.1 * shared_number_or_date``

    where ``tfidf_cosine`` is over the claims' stemmed content words
    (sublinear tf, IDF over all claims) and ``entity_overlap`` is the
    IDF-weighted Jaccard overlap of the named entities, ``sum(idf of shared) /
    (sum(idf of either) + 2)`` (an entity in every claim, like the country
    itself, counts little), and kept if it reaches ``min_similarity``. Of
    those, a link stays only if it is among the ``top_k`` most similar of each
    of its claims towards the other claim's document; then links are taken
    from the most similar down and one is dropped if either of its claims
    already has ``max_links``, so no claim has more than ``max_links``. Linked
    pairs are flagged ``disagreement`` when they give different values for
    the same unit (``number``), different month-or-day dates (``date``) or a
    quoted title that the other words differently with the same first and
    last word (``title``).

    Claims are processed ``chunk_size`` at a time (their candidate pairs are
    generated with sparse matrix products and scored together), so memory
    grows with the links above the threshold, not with all candidate pairs;
    the result does not depend on ``chunk_size``.

    Parameters
    ----------
    claims : DataFrame
        :func:`extract_claims` output (``claim_id``, ``doc_id``, ``text``,
        ``claim_type``, ``tags``, ``entities`` and ``numbers`` are read).
    min_similarity : float
        Threshold of the combined score.
    max_block : int
        Largest block (claims sharing one key) that is expanded into pairs.
    top_k : int
        Links kept per claim towards each other document.
    max_links : int or None
        Links kept per claim in all (None: no cap). On a corpus that repeats
        itself (wire copy, syndication) one claim can otherwise be linked to
        every article that repeats it.
    chunk_size : int
        Claims whose candidate pairs are generated and scored at once.
    seed : int
        Unused (the linking is deterministic); accepted for a uniform API.

    Returns
    -------
    DataFrame
        :data:`LINK_COLUMNS`, ``claim_a`` from the document that sorts first;
        sorted by similarity (descending), then ids. Scores are rounded to 4
        decimals before ranking.

    Raises
    ------
    InputError
        If ``chunk_size`` or ``max_links`` is below 1.

    Examples
    --------
    >>> import pandas as pd
    >>> from kzlib.claims import extract_claims
    >>> s = pd.DataFrame({"doc_id": ["a", "b"], "sent_id": [0, 0], "start": [0, 0], "end": [1, 1],
    ...     "kind": ["body", "body"],
    ...     "text": ["Tokayev visited Moscow and signed a declaration with Putin.",
    ...              "In Moscow, Tokayev and Putin signed a declaration."]})
    >>> links = link_claims(extract_claims(s))
    >>> len(links), bool(links["similarity"].iloc[0] > 0.5)
    (1, True)
    """
    del seed
    if chunk_size < 1:
        raise InputError(f"chunk_size must be at least 1; got {chunk_size}")
    if max_links is not None and max_links < 1:
        raise InputError(f"max_links must be at least 1 or None; got {max_links}")
    if claims.empty:
        return pd.DataFrame(columns=LINK_COLUMNS)
    index = _LinkIndex(claims, max_block=max_block)
    scored, _ = _scored_candidates(index, min_similarity=min_similarity, chunk_size=chunk_size)
    if scored.empty:
        return pd.DataFrame(columns=LINK_COLUMNS)
    return _select_links(index, scored, top_k=top_k, max_links=max_links)


def _select_links(
    index: _LinkIndex, scored: pd.DataFrame, *, top_k: int, max_links: int | None
) -> pd.DataFrame:
    """The kept links of the scored pairs, as :data:`LINK_COLUMNS` rows."""
    i, j = scored["i"].to_numpy(np.int64), scored["j"].to_numpy(np.int64)
    first = index.doc_codes[i] < index.doc_codes[j]
    # Ranked on the scores as reported (4 decimals), equal ones by claim row, so the
    # top_k and max_links choices can be read off the table.
    cand = pd.DataFrame(
        {
            "a": np.where(first, i, j),
            "b": np.where(first, j, i),
            **{
                c: _round_half_even(scored[c].to_numpy(np.float64), 4)
                for c in ("similarity", "text_sim", "entity_sim")
            },
        }
    ).sort_values(["similarity", "a", "b"], ascending=[False, True, True], kind="stable")
    a, b = cand["a"].to_numpy(), cand["b"].to_numpy()
    cand["doc_b"] = index.doc_codes[b]
    cand["doc_a"] = index.doc_codes[a]
    keep_a = cand.groupby(["a", "doc_b"], sort=False).cumcount() < top_k
    keep_b = cand.groupby(["b", "doc_a"], sort=False).cumcount() < top_k
    cand = cand[keep_a & keep_b]
    if max_links is not None:
        cand = cand[_greedy_cap(cand["a"].to_numpy(), cand["b"].to_numpy(), max_links)]
    a, b = cand["a"].to_numpy(), cand["b"].to_numpy()
    linked = index.about(np.unique(np.concatenate([a, b])).tolist())
    shared: list[str] = []
    kinds: list[str] = []
    details: list[str] = []
    for ai, bi in zip(a.tolist(), b.tolist(), strict=True):
        shared.append(linked[ai].shared(linked[bi]))
        kind, detail = linked[ai].disagreement(linked[bi])
        kinds.append(kind)
        details.append(detail)
    frame = pd.DataFrame(
        {
            "claim_a": index.ids[a],
            "claim_b": index.ids[b],
            "doc_a": index.docs[a],
            "doc_b": index.docs[b],
            "similarity": cand["similarity"].to_numpy(),
            "text_sim": cand["text_sim"].to_numpy(),
            "entity_sim": cand["entity_sim"].to_numpy(),
            "shared": shared,
            "disagreement": kinds,
            "detail": details,
        },
        columns=LINK_COLUMNS,
    )
    return frame.sort_values(
        ["similarity", "claim_a", "claim_b"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)


# --------------------------------------------------------------------------- views for notebooks


def select_claims(
    claims: pd.DataFrame,
    *,
    min_checkworthiness: float = 0.0,
    types: Sequence[str] = CLAIM_TYPES,
) -> pd.DataFrame:
    """The claims of the given types scoring at least ``min_checkworthiness``.

    Raises
    ------
    InputError
        If ``types`` is not a list of claim types or the threshold is not a number in 0..1
        (notebook parameters arrive from YAML and the command line).

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"claim_type": ["event", "evaluative"], "checkworthiness": [0.8, 0.1]})
    >>> len(select_claims(c, min_checkworthiness=0.5)), len(select_claims(c, types=["evaluative"]))
    (1, 1)
    """
    if isinstance(types, str) or not all(t in CLAIM_TYPES for t in types):
        raise InputError(
            f"claim_types={types!r}: give a list drawn from {list(CLAIM_TYPES)}, "
            'e.g. ["event", "quantitative"]'
        )
    if isinstance(min_checkworthiness, bool) or not isinstance(min_checkworthiness, int | float):
        raise InputError(f"min_checkworthiness={min_checkworthiness!r}: give a number from 0 to 1")
    if not 0.0 <= float(min_checkworthiness) <= 1.0:
        raise InputError(f"min_checkworthiness={min_checkworthiness!r}: give a number from 0 to 1")
    keep = (claims["checkworthiness"] >= min_checkworthiness) & claims["claim_type"].isin(
        list(types)
    )
    return claims[keep].reset_index(drop=True)


def quantities_frame(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per number or date in the inventory (claim_id, doc_id, value, unit, ...).

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"claim_id": ["c1"], "doc_id": ["d"], "claim_type": ["quantitative"],
    ...     "numbers": ['[{"value": 80, "unit": "percent", "text": "80%"}]']})
    >>> quantities_frame(c)[["value", "unit"]].values.tolist()
    [[80, 'percent']]
    """
    cols = ["claim_id", "doc_id", "claim_type", "value", "unit", "qualifier", "item", "text"]
    rows: list[dict[str, object]] = []
    for r in claims.itertuples(index=False):
        for q in json.loads(str(r.numbers) or "[]"):
            rows.append(
                {
                    "claim_id": r.claim_id,
                    "doc_id": r.doc_id,
                    "claim_type": r.claim_type,
                    "value": q.get("value"),
                    "unit": q.get("unit", ""),
                    "qualifier": q.get("qualifier", ""),
                    "item": q.get("item", ""),
                    "text": q.get("text", ""),
                }
            )
    return pd.DataFrame(rows, columns=cols)


def speakers_frame(claims: pd.DataFrame) -> pd.DataFrame:
    """Who is quoted or reported, with counts per document and how many are direct quotations.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"doc_id": ["d", "d"], "speaker": ["Peskov", ""], "quote": [True, False],
    ...                   "source": ["", ""]})
    >>> speakers_frame(c).values.tolist()
    [['Peskov', 'd', 1, 1, '']]
    """
    cols = ["speaker", "doc_id", "claims", "quotes", "sources"]
    sub = claims[claims["speaker"].fillna("") != ""]
    if sub.empty:
        return pd.DataFrame(columns=cols)
    grouped = sub.groupby(["speaker", "doc_id"], sort=True)
    out = grouped.agg(
        claims=("speaker", "size"),
        quotes=("quote", "sum"),
        sources=(
            "source",
            lambda s: "|".join(sorted({x for v in s for x in str(v).split("|") if x})),
        ),
    ).reset_index()
    out["quotes"] = out["quotes"].astype("int64")
    return out.sort_values(
        ["claims", "speaker", "doc_id"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)[cols]


def link_matrix(
    links: pd.DataFrame, doc_ids: Sequence[str], *, max_docs: int | None = None
) -> pd.DataFrame:
    """Number of claim links between every two documents (symmetric, zero diagonal).

    Links to documents outside ``doc_ids`` are ignored.

    Parameters
    ----------
    links : DataFrame
        :func:`link_claims` output (``doc_a`` and ``doc_b`` are read).
    doc_ids : sequence of str
        Documents of the matrix, in this order.
    max_docs : int or None
        If set and ``doc_ids`` holds more documents, only the ``max_docs``
        documents with the most links (ties broken by doc_id) are kept, in
        their ``doc_ids`` order, so a plot of a large corpus stays readable.

    Returns
    -------
    DataFrame
        Documents x documents link counts (int64).

    Raises
    ------
    InputError
        If ``max_docs`` is below 1.

    Examples
    --------
    >>> import pandas as pd
    >>> links = pd.DataFrame({"doc_a": ["a", "a"], "doc_b": ["b", "c"]})
    >>> link_matrix(links, ["a", "b"]).values.tolist()
    [[0, 1], [1, 0]]
    >>> link_matrix(links, ["a", "b", "c"], max_docs=2).index.tolist()
    ['a', 'b']
    """
    if max_docs is not None and max_docs < 1:
        raise InputError(f"max_docs must be at least 1 or None; got {max_docs}")
    ids = list(doc_ids)
    pos = pd.Series(np.arange(len(ids)), index=pd.Index(ids, dtype=object))
    pos = pos[~pos.index.duplicated()]
    a = pd.Series(links["doc_a"], dtype=object).map(pos).to_numpy(dtype=np.float64)
    b = pd.Series(links["doc_b"], dtype=object).map(pos).to_numpy(dtype=np.float64)
    inside = ~(np.isnan(a) | np.isnan(b))
    a, b = a[inside].astype(np.int64), b[inside].astype(np.int64)
    kept = np.arange(len(ids))
    if max_docs is not None and len(ids) > max_docs:
        # Chosen before the matrix is built: the full one would not fit for a large corpus.
        per_doc = np.bincount(a, minlength=len(ids)) + np.bincount(b, minlength=len(ids))
        ranked = sorted(range(len(ids)), key=lambda k: (-int(per_doc[k]), ids[k]))
        kept = np.sort(np.array(ranked[:max_docs], dtype=np.int64))
        new_pos = np.full(len(ids), -1, dtype=np.int64)
        new_pos[kept] = np.arange(len(kept))
        a, b = new_pos[a], new_pos[b]
        both_kept = (a >= 0) & (b >= 0)
        a, b = a[both_kept], b[both_kept]
    counts = np.zeros((len(kept), len(kept)), dtype=np.int64)
    np.add.at(counts, (a, b), 1)
    np.add.at(counts, (b, a), 1)
    names = [ids[k] for k in kept.tolist()]
    return pd.DataFrame(counts, index=names, columns=names)


def linked_pairs(claims: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """Linked claims side by side: similarity, both texts and documents, disagreement.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"claim_id": ["x", "y"], "text": ["A.", "B."]})
    >>> l = pd.DataFrame({"claim_a": ["x"], "claim_b": ["y"], "doc_a": ["d1"], "doc_b": ["d2"],
    ...                   "similarity": [0.5], "disagreement": [""], "detail": [""]})
    >>> linked_pairs(c, l)[["text_a", "text_b"]].values.tolist()
    [['A.', 'B.']]
    """
    text = dict(zip(claims["claim_id"], claims["text"], strict=True))
    out = links.copy()
    out["text_a"] = out["claim_a"].map(text)
    out["text_b"] = out["claim_b"].map(text)
    cols = ["similarity", "doc_a", "text_a", "doc_b", "text_b", "disagreement", "detail"]
    return out[cols].reset_index(drop=True)


_SORT_JS = (
    "document.querySelectorAll('table.kz-sortable').forEach(function(t){"
    "t.querySelectorAll('th').forEach(function(th,i){th.style.cursor='pointer';"
    "th.title='click to sort';th.addEventListener('click',function(){"
    "var b=t.tBodies[0],rs=Array.prototype.slice.call(b.rows),asc=th.dataset.asc!=='1';"
    "th.dataset.asc=asc?'1':'0';rs.sort(function(x,y){var p=x.cells[i].textContent,"
    "q=y.cells[i].textContent,a=parseFloat(p),c=parseFloat(q);"
    "var r=(!isNaN(a)&&!isNaN(c))?a-c:p.localeCompare(q);return asc?r:-r;});"
    "rs.forEach(function(r){b.appendChild(r);});});});});"
)


def claims_html(
    frame: pd.DataFrame, *, columns: Sequence[str] | None = None, max_rows: int = 2000
) -> str:
    """A self-contained sortable HTML table (click a header to sort; inline JS, no CDN).

    Examples
    --------
    >>> import pandas as pd
    >>> page = claims_html(pd.DataFrame({"text": ["<b>x</b>"], "checkworthiness": [0.5]}))
    >>> "&lt;b&gt;" in page and "<script>" in page and "http" not in page
    True
    """
    cols = list(columns) if columns is not None else list(frame.columns)
    sub = frame[cols].head(max_rows)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in cols)
    body_rows: list[str] = []
    for row in sub.itertuples(index=False):
        cells = []
        for v in row:
            cell = ("" if math.isnan(v) else f"{v:.3f}") if isinstance(v, float) else str(v)
            cells.append(f"<td>{html.escape(cell)}</td>")
        body_rows.append("<tr>" + "".join(cells) + "</tr>")
    style = (
        "<style>table.kz-sortable{border-collapse:collapse;font-size:12px}"
        "table.kz-sortable th,table.kz-sortable td{border:1px solid #ccc;padding:2px 6px;"
        "vertical-align:top;text-align:left}table.kz-sortable th{background:#f3f3f3}</style>"
    )
    return (
        f"{style}<table class='kz-sortable'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body_rows)}</tbody></table><script>{_SORT_JS}</script>"
    )


# --------------------------------------------------------------------------- annotation round trip


def export_sheet(claims: pd.DataFrame) -> pd.DataFrame:
    """The annotation sheet: the inventory's key columns plus empty ``verdict`` and ``notes``.

    Examples
    --------
    >>> import pandas as pd
    >>> from kzlib.claims import extract_claims
    >>> s = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "start": [0], "end": [9],
    ...                   "text": ["Tokayev met Putin."], "kind": ["body"]})
    >>> export_sheet(extract_claims(s))[["verdict", "notes"]].values.tolist()
    [['', '']]
    """
    sheet = claims.reindex(
        columns=[c for c in SHEET_COLUMNS if c not in {"verdict", "notes"}]
    ).copy()
    sheet["verdict"] = ""
    sheet["notes"] = ""
    return sheet[SHEET_COLUMNS].reset_index(drop=True)


def read_sheet(path: str | Path) -> pd.DataFrame:
    """Read a filled annotation sheet (CSV); it must have claim_id, verdict and notes.

    Raises
    ------
    InputError
        If the file is missing or lacks those columns.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
    >>> _ = p.write_text("claim_id,verdict,notes\\nc1,true,ok\\n")
    >>> read_sheet(p)["verdict"].tolist()
    ['true']
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: annotation sheet not found; pass the CSV written by --export-sheet")
    try:
        sheet = pd.read_csv(p, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(f"{p}: not a readable CSV ({exc}); save the sheet as UTF-8 CSV") from None
    missing = {"claim_id", "verdict", "notes"} - set(sheet.columns)
    if missing:
        raise InputError(
            f"{p}:1: missing columns {sorted(missing)}; keep the header written by --export-sheet"
        )
    from kzlib.tables import unneutralise  # undo write_table(spreadsheet=True)

    return unneutralise(sheet)


def merge_sheet(claims: pd.DataFrame, sheet: pd.DataFrame) -> pd.DataFrame:
    """Put a filled sheet's verdicts and notes back onto a (fresh) inventory.

    Rows are matched on ``claim_id``, which depends only on the document and
    the normalised claim text, so every verdict whose claim still exists is
    kept; verdicts of claims that no longer exist are dropped (see
    :func:`orphan_verdicts`). Unannotated claims get empty strings.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"claim_id": ["c1", "c2"], "text": ["A", "B"]})
    >>> s = pd.DataFrame({"claim_id": ["c2", "gone"], "verdict": ["false", "true"],
    ...                   "notes": ["x", ""]})
    >>> merge_sheet(c, s)["verdict"].tolist()
    ['', 'false']
    """
    ann = sheet[["claim_id", "verdict", "notes"]].copy()
    ann = ann.astype(str).replace({"nan": ""})
    ann = ann[(ann["verdict"].str.strip() != "") | (ann["notes"].str.strip() != "")]
    ann = ann.drop_duplicates("claim_id", keep="last")
    base = claims.drop(columns=[c for c in ("verdict", "notes") if c in claims.columns])
    merged = base.merge(ann, on="claim_id", how="left", validate="many_to_one")
    merged[["verdict", "notes"]] = merged[["verdict", "notes"]].fillna("")
    return merged


def orphan_verdicts(claims: pd.DataFrame, sheet: pd.DataFrame) -> pd.DataFrame:
    """Annotated sheet rows whose claim is not in ``claims`` any more.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"claim_id": ["c1"]})
    >>> s = pd.DataFrame({"claim_id": ["c1", "c9"], "verdict": ["true", "false"],
    ...                   "notes": ["", ""]})
    >>> orphan_verdicts(c, s)["claim_id"].tolist()
    ['c9']
    """
    filled = sheet[
        (sheet["verdict"].astype(str).str.strip() != "")
        | (sheet["notes"].astype(str).str.strip() != "")
    ]
    return filled[~filled["claim_id"].isin(set(claims["claim_id"]))].reset_index(drop=True)
