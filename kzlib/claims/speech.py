"""The words and patterns of attribution: reporting verbs, "according to", bodies, quotations.

Pattern tables of :mod:`kzlib.claims.attribution` (which applies them sentence by
sentence): reporting verbs and participles, inverted quotation tags ("..., said X"),
"according to X", speech nouns, named bodies and groups as speakers, described
persons ("the Kazakh president"), pronouns and quotation marks. Each pattern has a
word set so that it is tried only where its words occur (:mod:`kzlib.claims.guards`).

Examples
--------
>>> bool(_REPORT_VERB_RE.search("Peskov said the talks went well."))
True
"""

from __future__ import annotations

import re

from kzlib.claims.guards import _ODD_FOLD, _word_set
from kzlib.claims.persons import _NAME_HEAD, _NAME_TAIL

__all__: list[str] = []  # pattern tables for kzlib.claims.attribution only


_WORD_RE = re.compile(r"[\w'’\-]+")
# Capitalised at the start of a sentence but not names: "Analysts said ...".
_GROUP_WORDS = frozenset(
    """analysts officials critics experts observers diplomats sources reports others many some
    residents protesters authorities leaders both several few scholars commentators
    economists researchers journalists media people everyone nobody it they this that these
    those he she we i""".split()  # noqa: SIM905
)
_PREPOSITIONS = frozenset(
    [
        "with",
        "to",
        "by",
        "between",
        "of",
        "under",
        "from",
        "against",
        "among",
        "toward",
        "towards",
        "for",
        "about",
        "on",
        "in",
        "at",
        "into",
        "like",
        "than",
        "including",
        "via",
    ]
)
_REPORT_VERB = (
    r"(?:said|says|say|told|tells|stated|states|declared|declares|warned|warns|noted|notes|"
    r"added|adds|argued|argues|claimed|claims|insisted|insists|stressed|stresses|emphasi[sz]ed|"
    r"emphasi[sz]es|described|describes|called|calls|suggested|explained|explains|announced|"
    r"announces|remarked|commented|comments|echoed|echoes|praised|praises|urged|urges|affirmed|"
    r"reaffirmed|reaffirms|pledged|pledges|promised|promises|acknowledged|admitted|asserted|"
    r"asserts|observed|wrote|writes|spoke|speaks|reported|reports|highlighted|framed|proposed|"
    r"proposes|confirmed|denied|predicted|predicts|vowed|vows|cautioned|welcomed|critici[sz]ed|"
    r"condemned|reiterated|reiterates|recalled|announced|replied|responded|testified|concluded|"
    r"argued|maintained|contended|estimated|forecast|told)"
)
_REPORT_PARTICIPLE = (
    r"(?:saying|noting|describing|praising|claiming|warning|stressing|adding|calling|urging|"
    r"arguing|stating|declaring|insisting|emphasi[sz]ing|explaining|reiterating|asserting|"
    r"pledging|promising|vowing|announcing|reaffirming|affirming|acknowledging|highlighting|"
    r"underscoring|expressing|recalling|welcoming)"
)
_REPORT_VERB_RE = re.compile(rf"\b{_REPORT_VERB}\b")
_REPORT_PARTICIPLE_RE = re.compile(rf"\b{_REPORT_PARTICIPLE}\b")
_INVERTED_RE = re.compile(r"[\"”,]\s*(?:said|says|added|noted|wrote|told|asked|continued)\s+$")
_ACCORDING_RE = re.compile(
    r"\b(?:according to|as reported by|reported by|as quoted by|quoted by|cited by|as told to|"
    r"in an interview with|in a statement (?:by|from)|citing|information from|data from|"
    r"figures from)\b",
    re.IGNORECASE,
)
_SPEECH_NOUN_RE = re.compile(
    r"^(?:[\w\-]+\s+){0,3}?(?:remarks?|words|statements?|comments?|maxim|motto|speech|address|"
    r"message|pledge|promise|warning|call|appeal|phrase|formula|slogan|claim|assertion|"
    r"vocabulary|quip|reply|response|answer)\b"
)
_GAP_OK_RE = re.compile(
    r"^(?:\s*,[^,;:\"]{1,160},)?\s*(?:(?:\w+ly|also|then|later|again|too|once|further|"
    r"still|both|has|have|had|was|were|is|will|would|publicly|for (?:his|her|their) part,?)\s+)*$"
)
_NAME_BEFORE_VERB_RE = re.compile(
    rf"({_NAME_HEAD}(?<![\w\-].)(?<!\bof\s.)(?<!\bfor\s.)(?<!\bthe\s.){_NAME_TAIL})"
    r"\s+(?:(?:\w+ly|also)\s+)?$"
)
#: A named body not in the gazetteer that reports or is cited: "the Ministry of Transport said".
_ORG_HEAD = (
    r"(?:Ministry|Agency|Office|Council|Bank|Committee|Service|Department|Government|Embassy|"
    r"Commission|Fund|Organi[sz]ation|Bureau|Institute|Center|Centre|Administration|Secretariat)"
)
_ORG = (
    rf"(?:[A-Z][\w\-]*\s+)*{_ORG_HEAD}"
    r"(?:\s+(?:of|for|on)(?:\s+the)?(?:\s+[A-Z][\w\-]*)+)?"
)
_ORG_CITED_RE = re.compile(
    rf"(?P<org>{_ORG})(?:['’]s\s+\w+)?\s+(?:also\s+)?{_REPORT_VERB}\b"
    rf"|\b(?i:according to|reported by|information from|data from|figures from|citing)"
    rf"\s+(?:the\s+)?(?P<org2>{_ORG})"
)
#: Words one of which every match of :data:`_ORG_CITED_RE` contains (its _ORG_HEAD).
_ORG_HEAD_WORDS = (
    "Ministry", "Agency", "Office", "Council", "Bank", "Committee", "Service", "Department",
    "Government", "Embassy", "Commission", "Fund", "Organi", "Bureau", "Institute", "Cent",
    "Administration", "Secretariat",
)  # fmt: skip
_VERB_AFTER_SOURCE_RE = re.compile(rf"\s*(?:['’]s\s+\w+\s+)?(?:also\s+)?{_REPORT_VERB}\b")
#: "..., avoiding alignment and urging ...": a participle coordinated with one after a comma.
_PARTICIPLE_AND_RE = re.compile(r",\s*\w+ing\b[^,;]*\sand$")
#: An unnamed office holder who speaks: "Kazakhstan's foreign minister told reporters".
_TITLE_ONLY_RE = re.compile(
    r"\b(?:[A-Z][\w\-]+(?:['’]s)?\s+)?(?:(?:deputy|foreign|prime|defen[cs]e|finance|economy|"
    r"trade|energy|interior|senior|chief|top|government|ministry|presidential|press)\s+)*"
    r"(?:minister|spokesman|spokeswoman|spokesperson|ambassador|envoy|official|secretary|"
    r"adviser|advisor|negotiator)\b(?=\s+(?:(?:\w+ly|also)\s+)?" + _REPORT_VERB + r"\b)"
)
#: Verbs of greeting and judging: with a person or delegation as object ("welcomed U.S.
#: Assistant Secretary X", "thanked the President") they narrate an event, not speech.
_OBJECT_VERBS = frozenset(
    """welcomed praised congratulated thanked urged criticized criticised condemned called
    received hosted told""".split()  # noqa: SIM905
)
_PERSON_OBJECT_RE = re.compile(
    r"\s+(?:the\s+|a\s+|his\s+|her\s+|their\s+)?(?:[A-Z][\w.\-]*\s+){0,8}?"
    r"(?:President|Minister|Secretary|Ambassador|Envoy|Chairman|Administrator|Mr\.|Ms\.|Mrs\.|"
    r"Dr\.|delegation|counterpart|counterparts|guests?|visitors?)\b"
)
#: A person described, not named, who speaks: "the Kazakh president told", "the
#: 64-year-old said", "the Uzbek leader noted". Resolved to the last person named before.
_DESCRIBED_RE = re.compile(
    r"\b[Tt]he\s+(?:(?:[A-Z][a-z]+|former|veteran|new|outgoing|\d+-year-old)\s+){0,2}"
    r"(?:president|leader|premier|prime\s+minister|head\s+of\s+state|\d+-year-old|"
    r"politician|diplomat|economist|official)\s+(?:(?:\w+ly|also)\s+)?" + _REPORT_VERB + r"\b"
)
#: Words one of which every match of :data:`_DESCRIBED_RE` holds.
_DESCRIBED_WORDS = _word_set(
    "president leader premier minister state old politician diplomat economist official"
)
#: A speaking body or group with no name: "the presidential press service reported",
#: "a spokesman for the ministry said", "experts believe".
_GROUP_SPEAKER_RE = re.compile(
    r"\b(?P<who>press\s+service|press\s+office|spokes(?:man|woman|person)|experts?|analysts?|"
    r"economists|observers|officials|diplomats)"
    r"(?:\s+(?:for|of|at|from)\s+(?:the\s+)?[\w\-]+(?:\s+[A-Z][\w\-]+)*)?"
    r"\s+(?:(?:\w+ly|also)\s+)?(?:believe|believes|think|thinks|expect|expects|"
    + _REPORT_VERB[3:-1]
    + r")\b",
    re.IGNORECASE,
)
#: Words every match of :data:`_OPINION_OF_RE` / :data:`_GROUP_SPEAKER_RE` holds (any case).
_OPINION_WORDS = _word_set("opinion view words")
_GROUP_WORDS_CASED = frozenset(
    w
    for base in """service office spokesman spokeswoman spokesperson expert experts analyst
    analysts economists observers officials diplomats""".split()  # noqa: SIM905
    for w in (base, base.capitalize(), base.upper())
)
#: "quoted X as saying": X is the speaker, the quoting outlet the source.
_QUOTED_AS_RE = re.compile(r"\bquoted\s+(.{1,160}?)\s+as\s+saying\b")
#: "in his opinion", "in her view": the pronoun's person holds the opinion.
_OPINION_OF_RE = re.compile(r"\b[Ii]n\s+(?:his|her)\s+(?:opinion|view|words)\b")
#: A body's name ending right before a capitalised word: "Ministry of Foreign| Affairs".
_ORG_BEFORE_RE = re.compile(
    rf"\b{_ORG_HEAD}(?:\s+(?:of|for|on)(?:\s+the)?)?(?:\s+[A-Z][\w\-]*)*\s+$"
)
_PRONOUN_RE = re.compile(r"\b(?:he|she|his|her|He|She|His|Her)\b")
_FIRST_PERSON_RE = re.compile(r"\b(?:I|we|We)\b")
_QUOTE_CHARS = '"“”'
_QUOTE_SPAN_RE = re.compile(r"[\"“]([^\"“”]{1,600})[\"”]")


# ---- word guards (see kzlib.claims.guards)
# Every match of the patterns below contains one of its guard words as a whole
# run of ASCII letters (the word stands between word boundaries, spaces or
# punctuation), so a sentence without any of them cannot match and the pattern
# is not run: most sentences report nothing.


def _alternatives(group: str) -> frozenset[str]:
    """The words of a ``(?:w1|w2|...)`` group of plain words, ``[sz]`` spellings expanded.

    Examples
    --------
    >>> sorted(_alternatives("(?:said|emphasi[sz]ed)"))
    ['emphasised', 'emphasized', 'said']
    """
    return frozenset(w.replace("[sz]", ch) for w in group[3:-1].split("|") for ch in "sz")


_REPORT_VERB_WORDS = _alternatives(_REPORT_VERB)
_REPORT_PARTICIPLE_WORDS = _alternatives(_REPORT_PARTICIPLE)
_PRONOUN_WORDS = _word_set("he she his her He She His Her")
_FIRST_PERSON_WORDS = _word_set("I we We")
#: Lower case; :data:`_ACCORDING_RE` ignores case.
_ACCORDING_WORDS = _word_set(
    "according reported quoted cited told interview statement citing information data figures"
)
#: The offices of :data:`_TITLE_ONLY_RE`.
_TITLE_ONLY_WORDS = _word_set(
    """minister spokesman spokeswoman spokesperson ambassador envoy official secretary adviser
    advisor negotiator"""
)


def _according_cues(text: str) -> list[re.Match[str]]:
    """``list(_ACCORDING_RE.finditer(text))``, skipped when no cue word occurs (any case)."""
    if not any(map(text.__contains__, _ODD_FOLD)):
        lowered = text.lower()
        if not any(map(lowered.__contains__, _ACCORDING_WORDS)):
            return []
    return list(_ACCORDING_RE.finditer(text))


def _report_verbs(text: str, words: frozenset[str]) -> list[re.Match[str]]:
    """``list(_REPORT_VERB_RE.finditer(text))``, skipped when no reporting verb occurs."""
    if _REPORT_VERB_WORDS.isdisjoint(words):
        return []
    return list(_REPORT_VERB_RE.finditer(text))
