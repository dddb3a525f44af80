"""Who a sentence attributes its claim to: speaker, cited source, direct quotation.

The rules are general English patterns of attribution, applied sentence by
sentence through a document so that pronouns and quotations that run over
two sentences can be resolved:

* reporting verbs after a named person ("Peskov described ... as",
  "X told Y", "X warned that", "X, director of Z, said"), allowing adverbs
  and an appositive between the name and the verb; after a quotation the
  inverted form ('"...," said X');
* participles and coordinated verbs take the sentence's subject
  ("Guterres visited Astana, praising ...", "X met Y and stated that ...");
* "according to X", "as reported by X", "X's remark/words/maxim ..." when
  the sentence quotes them;
* "he"/"she"/"his"/"her" resolve to the most recent person who was the
  subject of a sentence (or the first person earlier in the same sentence);
* a quotation opened in one sentence and closed in a later one keeps its
  speaker on every sentence it spans (a new paragraph that re-opens it with
  a quotation mark continues it);
* "quoted X as saying", "in his opinion", "by highlighting/underscoring";
  a described person ("the Kazakh president told", "the 64-year-old said")
  is the last person named before;
* a body speaks when no person does: a gazetteer body or a named ministry,
  bank, agency ... cited by "according to", "citing" or a reporting verb;
  unnamed groups and offices ("a spokesman for the ministry said", "the
  press service reported", "experts believe") speak as such;
* a greeting verb with a person or delegation as object ("welcomed U.S.
  Assistant Secretary X") narrates an event and attributes nothing.

Transcript speaker labels are read by :mod:`kzlib.corpus.turns` and applied in
:func:`kzlib.claims.extract.extract_claims` (an explicit attribution wins).

``speaker`` is a person's fullest name seen in the document ("Dmitry
Peskov"), empty when the author asserts the claim (including "I argued").
``source`` lists the outlets named anywhere in the sentence (Reuters,
RFE/RL, timesca.com ...) and the bodies cited in an attribution context that
are not the speaker, from ``data/sources.v1.csv``.
``quote`` is true when the sentence carries an attributed direct quotation.

Examples
--------
>>> attr = Attributor()
>>> a = attr.attribute("Kremlin spokesman Dmitry Peskov described the talks as very important.")
>>> (a.speaker, a.source, a.quote)
('Dmitry Peskov', '', False)
>>> attr.attribute('Peskov told Reuters it was "a great success."').speaker
'Dmitry Peskov'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kzlib.claims.gazetteer import Source, _source_regex, load_sources
from kzlib.claims.guards import _ODD_FOLD, _letter_words, _word_set
from kzlib.claims.persons import _NAME_HEAD, _NAME_TAIL, _NOT_NAME, Mention, _find_persons

__all__ = ["Attribution", "Attributor"]

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


@dataclass(frozen=True)
class Attribution:
    """Speaker, source and quotation status of one sentence.

    Examples
    --------
    >>> Attribution("Dmitry Peskov", "", False, "verb").speaker
    'Dmitry Peskov'
    """

    speaker: str
    source: str
    quote: bool
    cue: str = ""


def _word_before(text: str, pos: int) -> str:
    words = _WORD_RE.findall(text[max(0, pos - 40) : pos])
    return words[-1].lower() if words else ""


@dataclass
class Attributor:
    """Attribute the sentences of one document in order (it keeps pronoun and quote state).

    Parameters
    ----------
    sources : tuple of Source
        The outlet/body gazetteer; defaults to :func:`load_sources`.

    Examples
    --------
    >>> attr = Attributor()
    >>> _ = attr.attribute('Tokayev declared: "We carry most freight.')
    >>> attr.attribute('We will build more."').speaker
    'Tokayev'
    """

    sources: tuple[Source, ...] = field(default_factory=load_sources)
    persons: list[str] = field(default_factory=list)
    last_subject: str = ""
    open_quote_speaker: str | None = None

    def _canonical(self, name: str) -> str:
        """Fullest known form of a name (a surname maps to the full name seen before)."""
        for full in self.persons:
            if full == name or full.endswith(" " + name):
                return full
        return name

    def _remember(self, name: str) -> str:
        canon = self._canonical(name)
        if canon == name and name not in self.persons:
            # a longer form of an earlier short one replaces it
            self.persons = [p for p in self.persons if not name.endswith(" " + p)]
            self.persons.append(name)
        return canon

    def __post_init__(self) -> None:
        self._source_pattern, self._by_alias, self._alias_words = _source_regex(self.sources)

    def _source_aliases(self) -> dict[str, Source]:
        return self._by_alias

    def _mentions(
        self, text: str, verbs: list[re.Match[str]], words: frozenset[str]
    ) -> list[Mention]:
        """Persons, pronouns, the author and unnamed office holders, in order of position."""
        persons = _find_persons(text, self.persons, words)
        mentions = [
            Mention(m.start, m.end, self._remember(m.name), m.kind, m.possessive) for m in persons
        ]
        # single capitalised words right before a reporting verb: a surname ("Putin echoed")
        for m in verbs:
            before = text[: m.start()]
            w = _NAME_BEFORE_VERB_RE.search(before)
            if (
                w
                and w.group(1) not in _NOT_NAME
                and not _after_body_name(text, w.start(1))
                and w.group(1).lower() not in _GROUP_WORDS
                and w.group(1) not in self._source_aliases()
                and all(w.end(1) <= x.start or w.start(1) >= x.end for x in mentions)
            ):
                name = self._remember(w.group(1))
                mentions.append(Mention(w.start(1), w.end(1), name, "person"))
        for m in () if _PRONOUN_WORDS.isdisjoint(words) else _PRONOUN_RE.finditer(text):
            mentions.append(
                Mention(m.start(), m.end(), "", "pronoun", m.group().lower() in {"his", "her"})
            )
        for m in () if _FIRST_PERSON_WORDS.isdisjoint(words) else _FIRST_PERSON_RE.finditer(text):
            mentions.append(Mention(m.start(), m.end(), "", "author"))
        # a title-only match needs a reporting verb after it: none without one
        titles = verbs and not _TITLE_ONLY_WORDS.isdisjoint(words)
        for m in _TITLE_ONLY_RE.finditer(text) if titles else ():
            if all(m.end() <= x.start or m.start() >= x.end for x in mentions):
                mentions.append(Mention(m.start(), m.end(), m.group().strip(), "title"))
        mentions.sort(key=lambda x: x.start)
        return mentions

    def _subject(
        self, text: str, mentions: list[Mention], *, allow_possessive: bool
    ) -> Mention | None:
        for m in mentions:
            if m.kind not in {"person", "pronoun", "author"}:
                continue
            if m.possessive and not allow_possessive:
                continue
            if _word_before(text, m.start) in _PREPOSITIONS:
                continue
            return m
        return None

    def _resolve(self, m: Mention, mentions: list[Mention]) -> str:
        if m.kind == "person":
            return m.name
        if m.kind == "author":
            return ""
        if m.kind == "title":
            return m.name
        for other in mentions:
            if other.start >= m.start:
                break
            if other.kind == "person":
                return other.name
        return self.last_subject

    def _cited_sources(
        self,
        text: str,
        according: list[re.Match[str]],
        verbs: list[re.Match[str]],
        words: frozenset[str],
    ) -> tuple[list[str], list[str]]:
        """Outlets named and bodies cited ("according to", "X said", unknown bodies that report).

        The second list holds the bodies: they speak when no person does.
        """
        pattern, by_alias = self._source_pattern, self._by_alias
        names: list[str] = []
        bodies: list[str] = []
        cite_spans = [(c.start(), c.end() + 80) for c in according]
        aliases = self._alias_words.any_within(words)
        for m in pattern.finditer(text) if aliases else ():
            src = by_alias[m.group(1)]
            cited = src.kind == "outlet" or any(s <= m.start() <= e for s, e in cite_spans)
            if not cited:
                after = text[m.end() : m.end() + 40]
                cited = bool(_VERB_AFTER_SOURCE_RE.match(after))
            if cited and src.name not in names:
                names.append(src.name)
                if src.kind != "outlet":
                    bodies.append(src.name)
        # an organisation pattern match needs a reporting verb or a citing cue after its head
        has_org = bool(verbs or according) and any(w in text for w in _ORG_HEAD_WORDS)
        for m in _ORG_CITED_RE.finditer(text) if has_org else ():
            org = (m.group("org") or m.group("org2") or "").strip()
            org = re.sub(r"^(?:The|A|An)\s+", "", org)
            known = any(a in org for a in by_alias)
            if org and not known and org not in names:
                names.append(org)
                bodies.append(org)
        return names, bodies

    def new_turn(self) -> None:
        """Forget the last subject and any open quotation (a new speaker holds the floor).

        Examples
        --------
        >>> attr = Attributor()
        >>> _ = attr.attribute('Tokayev declared: "We carry most freight.')
        >>> attr.new_turn()
        >>> attr.open_quote_speaker is None
        True
        """
        self.last_subject = ""
        self.open_quote_speaker = None

    def attribute(self, text: str, *, words: frozenset[str] | None = None) -> Attribution:
        """Attribute one sentence (call in document order).

        Parameters
        ----------
        text : str
            The sentence.
        words : frozenset of str, optional
            Its runs of ASCII letters (``re.findall("[A-Za-z]+", text)``), when
            the caller has them already; found here otherwise.

        Examples
        --------
        >>> Attributor().attribute("According to Reuters, the deal was signed.").source
        'Reuters'
        """
        if words is None:
            words = _letter_words(text)
        verbs = _report_verbs(text, words)
        according = _according_cues(text)
        mentions = self._mentions(text, verbs, words)
        sources, bodies = self._cited_sources(text, according, verbs, words)
        carried = self.open_quote_speaker
        n_quotes = text.count('"') + text.count("“") + text.count("”")  # _QUOTE_CHARS
        if carried is not None and text.lstrip()[:1] in _QUOTE_CHARS:
            # a new paragraph of a quotation re-opens it: its mark opens nothing new
            n_quotes -= 1
        has_quote = n_quotes > 0
        speaker, cue = self._speaker(
            text, mentions, verbs, according, words, carried=carried, has_quote=has_quote
        )
        if not speaker and cue != "author" and bodies:  # a body speaks: not also its source
            speaker, cue = bodies[0], "body"
            sources = [x for x in sources if x != speaker]
        # quotation state across sentences
        if n_quotes % 2 == 1:
            self.open_quote_speaker = None if carried is not None else speaker
        quote = bool(speaker) and (has_quote or carried is not None)
        subj = self._subject(text, mentions, allow_possessive=False)
        if subj is not None and subj.kind == "person":
            self.last_subject = subj.name
        elif speaker:
            self.last_subject = speaker
        return Attribution(speaker, "|".join(sources), quote, cue)

    def _speaker(
        self,
        text: str,
        mentions: list[Mention],
        verbs: list[re.Match[str]],
        according: list[re.Match[str]],
        words: frozenset[str],
        *,
        carried: str | None,
        has_quote: bool,
    ) -> tuple[str, str]:
        """The speaker and the cue that names them: the rules in order of precedence.

        A quotation carried from an earlier sentence, "according to X", a
        reporting verb, a participle, then a possessive speech noun; a rule
        that names the author (or an unresolved pronoun) ends the search with
        an empty speaker.
        """
        speaker, cue = "", ""
        if carried is not None:
            speaker, cue = carried, "quote continued"
        agents = [m for m in mentions if m.kind in {"person", "pronoun", "author", "title"}]
        if not speaker:
            speaker, cue = _according_speaker(according, agents) or (speaker, cue)
        if not speaker:
            speaker, cue = _quoted_as_speaker(text, agents) or (speaker, cue)
        if not speaker:
            speaker, cue = self._verb_speaker(text, verbs, agents, mentions) or (speaker, cue)
        if not speaker and not cue:
            speaker, cue = self._described_speaker(text, verbs, words) or (speaker, cue)
        if not speaker and not cue:
            speaker, cue = self._participle_speaker(text, mentions, words) or (speaker, cue)
        if not speaker and not cue and has_quote:
            speaker, cue = self._speech_noun_speaker(text, agents, mentions) or (speaker, cue)
        if (
            not speaker
            and not cue
            and not _OPINION_WORDS.isdisjoint(words)
            and _OPINION_OF_RE.search(text)
        ):  # "In his opinion, ..."
            speaker, cue = self.last_subject, "opinion of"
        if not speaker and not cue and not _GROUP_WORDS_CASED.isdisjoint(words):
            group = _GROUP_SPEAKER_RE.search(text)
            if group is not None:
                speaker, cue = re.sub(r"\s+", " ", group.group("who").lower()), "group"
        return speaker, cue

    def _described_speaker(
        self, text: str, verbs: list[re.Match[str]], words: frozenset[str]
    ) -> tuple[str, str] | None:
        """A described person who speaks ("the Kazakh president said"): the last person named."""
        if not verbs or not (self.last_subject or self.persons):
            return None
        if _DESCRIBED_WORDS.isdisjoint(words):
            return None
        m = _DESCRIBED_RE.search(text)
        if m is None:
            return None
        return self.last_subject or self.persons[-1], "described"

    def _verb_speaker(
        self,
        text: str,
        verbs: list[re.Match[str]],
        agents: list[Mention],
        mentions: list[Mention],
    ) -> tuple[str, str] | None:
        """The agent of the first reporting verb: before it, after a quotation, or the subject."""
        for v in verbs:
            if v.group() in _OBJECT_VERBS and _PERSON_OBJECT_RE.match(text, v.end()):
                continue  # "welcomed the President": an event, not speech
            before = [m for m in agents if m.end <= v.start() and not m.possessive]
            if before and _GAP_OK_RE.match(text[before[-1].end : v.start()]):
                cue = "author" if before[-1].kind == "author" else "verb"
                return self._resolve(before[-1], mentions), cue
            if _INVERTED_RE.search(text[: v.end()] + " "):
                after = [m for m in agents if v.end() <= m.start <= v.end() + 3]
                if after:
                    return self._resolve(after[0], mentions), "verb after quote"
            prev = _word_before(text, v.start())
            if prev in {"and", ""} or text[: v.start()].rstrip().endswith(","):
                name = self._subject_before(text, mentions, v.start(), allow_possessive=False)
                if name is not None:
                    return name, "subject"
        return None

    def _participle_speaker(
        self, text: str, mentions: list[Mention], words: frozenset[str]
    ) -> tuple[str, str] | None:
        """The subject of a reporting participle after a comma ("..., saying")."""
        participles = not _REPORT_PARTICIPLE_WORDS.isdisjoint(words)
        for v in _REPORT_PARTICIPLE_RE.finditer(text) if participles else ():
            head = text[: v.start()].rstrip()
            by = head.endswith(" by")
            if not (head.endswith(",") or by or _PARTICIPLE_AND_RE.search(head)):
                continue
            name = self._subject_before(text, mentions, v.start(), allow_possessive=True)
            if name is not None:
                return name, "participle"
        return None

    def _subject_before(
        self, text: str, mentions: list[Mention], pos: int, *, allow_possessive: bool
    ) -> str | None:
        """Who the sentence's subject is, if it stands before ``pos`` (None if it does not)."""
        subj = self._subject(text, mentions, allow_possessive=allow_possessive)
        if subj is not None and subj.end <= pos:
            return self._resolve(subj, mentions)
        return None

    def _speech_noun_speaker(
        self, text: str, agents: list[Mention], mentions: list[Mention]
    ) -> tuple[str, str] | None:
        """The owner of a quoted remark ("X's words ...")."""
        for m in agents:
            if m.possessive and _SPEECH_NOUN_RE.match(text[m.end :].lstrip()):
                return self._resolve(m, mentions), "speech noun"
        return None


def _after_body_name(text: str, pos: int) -> bool:
    """Whether a body's name ends right before ``pos`` ("the Ministry of Foreign| Affairs")."""
    head = text[max(0, pos - 80) : pos]
    return any(w in head for w in _ORG_HEAD_WORDS) and _ORG_BEFORE_RE.search(head) is not None


def _quoted_as_speaker(text: str, agents: list[Mention]) -> tuple[str, str] | None:
    """The person an outlet "quoted ... as saying"."""
    if "quoted" not in text:
        return None
    m = _QUOTED_AS_RE.search(text)
    if m is None:
        return None
    inside = [a for a in agents if m.start(1) <= a.start < m.end(1) and a.kind == "person"]
    return (inside[0].name, "quoted as") if inside else None


def _according_speaker(
    according: list[re.Match[str]], agents: list[Mention]
) -> tuple[str, str] | None:
    """The person named within 40 characters after an "according to" cue."""
    for c in according:
        nxt = [m for m in agents if c.end() <= m.start <= c.end() + 40 and m.kind == "person"]
        if nxt:
            return nxt[0].name, "according to"
    return None
