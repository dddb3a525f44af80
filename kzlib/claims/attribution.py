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
from kzlib.claims.guards import _letter_words
from kzlib.claims.persons import _NOT_NAME, Mention, _find_persons
from kzlib.claims.speech import (
    _DESCRIBED_RE,
    _DESCRIBED_WORDS,
    _FIRST_PERSON_RE,
    _FIRST_PERSON_WORDS,
    _GAP_OK_RE,
    _GROUP_SPEAKER_RE,
    _GROUP_WORDS,
    _GROUP_WORDS_CASED,
    _INVERTED_RE,
    _NAME_BEFORE_VERB_RE,
    _OBJECT_VERBS,
    _OPINION_OF_RE,
    _OPINION_WORDS,
    _ORG_BEFORE_RE,
    _ORG_CITED_RE,
    _ORG_HEAD_WORDS,
    _PARTICIPLE_AND_RE,
    _PERSON_OBJECT_RE,
    _PREPOSITIONS,
    _PRONOUN_RE,
    _PRONOUN_WORDS,
    _QUOTE_CHARS,
    _QUOTED_AS_RE,
    _REPORT_PARTICIPLE_RE,
    _REPORT_PARTICIPLE_WORDS,
    _SPEECH_NOUN_RE,
    _TITLE_ONLY_RE,
    _TITLE_ONLY_WORDS,
    _VERB_AFTER_SOURCE_RE,
    _WORD_RE,
    _according_cues,
    _report_verbs,
)

__all__ = ["Attribution", "Attributor"]


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
