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
  speaker on every sentence it spans.

``speaker`` is a person's fullest name seen in the document ("Dmitry
Peskov"), empty when the author asserts the claim (including "I argued").
``source`` lists the outlets named anywhere in the sentence (Reuters,
RFE/RL, timesca.com ...) and the bodies cited in an attribution context
("according to information from Akorda"), from ``data/sources.v1.csv``.
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

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kzlib.errors import InputError
from kzlib.paths import DATA_DIR

__all__ = [
    "SOURCES_FILE",
    "Attribution",
    "Attributor",
    "Mention",
    "Source",
    "find_persons",
    "load_sources",
]

#: The outlet/body gazetteer (codebook: ``data/sources.README.md``).
SOURCES_FILE: Path = DATA_DIR / "sources.v1.csv"

_NAME_HEAD = r"[A-ZÀ-ÖØ-Þ]"
_NAME_TAIL = r"[\w]*(?:['’\-][A-ZÀ-ÖØ-Þ]?[\w]+)*"
_NAME_TOKEN = _NAME_HEAD + _NAME_TAIL
_TITLE = (
    r"(?:(?:Deputy |Vice |Acting |Former |former |then |Prime |Foreign |Defen[cs]e |Finance |"
    r"Economy |Energy |Trade |Interior |Chief |Executive |Special |General )*"
    r"(?:President(?:-elect)?|Prime Minister|Minister|Secretary-General|Secretary General|"
    r"Secretary|Chancellor|Premier|Senator|Congressman|Congresswoman|Ambassador|Envoy|envoy|"
    r"Chairman|Chairwoman|Chair|Director|Governor|Mayor|King|Queen|Emir|Sheikh|Prince|"
    r"Speaker|Spokesman|Spokeswoman|Spokesperson|spokesman|spokeswoman|spokesperson|"
    r"Professor|Prof\.|Dr\.|Mr\.|Mrs\.|Ms\.|General|Commissioner|Adviser|Advisor|adviser|"
    r"advisor|analyst|expert|researcher|director|leader|Leader|counterpart|colleague))"
)
_PERSON_TITLED_RE = re.compile(
    rf"\b{_TITLE}\s+(?P<name>{_NAME_TOKEN}(?:\s+(?:[A-Z]\.\s+)?{_NAME_TOKEN}){{0,2}})"
)
# Patterns that must not start after a word character open with the capital
# and check the character before it afterwards (``(?<![\w'’].)``): a pattern
# that opens with a character class lets the regex engine skip to the next
# capital instead of trying every position. The matches are the same.
_PERSON_FULL_RE = re.compile(
    rf"(?P<name>{_NAME_HEAD}(?<![\w'’].){_NAME_TAIL}(?:\s+[A-Z]\.)?(?:\s+{_NAME_TOKEN}){{1,2}})"
    r"(?!\w)"
)
_WORD_RE = re.compile(r"[\w'’\-]+")
# Capitalised words that are not (parts of) personal names: places, institutions,
# nationalities, sentence-initial function words. General vocabulary, not a gazetteer.
_NOT_NAME = frozenset(
    """
    The A An In On At By For Of From To With As And But Or Not No This That These Those
    It Its He She His Her They Their We Our I You Today Yesterday Tomorrow Then When
    While After Before During Since Until Under Over Between Among Although Though
    However Instead Likewise Finally Also Only Even Still Yet Thus Hence Meanwhile
    Moreover Furthermore Additionally Earlier Later Following According Unlike Like
    Rather Whether If Because Several Some Many Most All Both Each Every Other Another
    Such What Which Who Whose Where Why How Here There Now Once Further Economically
    Politically Globally Together Taken Viewed Framed Naming Timed Hosting Until January
    February March April May June July August September October November December Monday
    Tuesday Wednesday Thursday Friday Saturday Sunday Central Asia Asian Europe European
    Africa African America American Americas Latin Middle East Eastern West Western
    North Northern South Southern Caucasus Caspian Sea Seas Aral Ocean Pacific Atlantic
    Arctic Eurasia Eurasian Gulf Persian Black Baltic Balkan Balkans Siberia Kazakhstan
    Kazakh Kazakhstani Russia Russian China Chinese Uzbekistan Uzbek Kyrgyzstan Kyrgyz
    Tajikistan Tajik Turkmenistan Turkmen Afghanistan Afghan Azerbaijan Azerbaijani
    Armenia Armenian Georgia Georgian Ukraine Ukrainian Belarus Belarusian Moldova
    Moldovan Turkey Turkish Türkiye Iran Iranian India Indian Pakistan Pakistani Japan
    Japanese Korea Korean Mongolia Mongolian Germany German France French Britain
    British England English Italy Italian Spain Spanish Poland Polish Netherlands Dutch
    Hungary Hungarian Israel Israeli Palestine Palestinian Saudi Arabia Arab Arabian
    Qatar Qatari Emirates Egypt Egyptian Syria Syrian Iraq Iraqi Canada Canadian Mexico
    Brazil Soviet Union United States Kingdom Nations Republic Federation Astana Almaty
    Nur-Sultan Tashkent Bishkek Dushanbe Ashgabat Baku Yerevan Tbilisi Moscow Kremlin
    Beijing Washington Brussels Ankara Tehran Delhi Tokyo Seoul Berlin Paris London Rome
    Kyiv Kiev Minsk Geneva Vienna Doha Dubai Riyadh Istanbul York Petersburg St Saint
    Semipalatinsk U.S. US UK EU UN UNGA NATO CSTO CIS SCO EAEU OSCE BRICS ASEAN OPEC FDI
    GDP CPC Council Assembly General Security Organisation Organization Treaty Institute
    Institution University Center Centre Committee Commission Court Ministry Department
    Agency Bank Fund Forum Summit Conference Corridor Road Belt Initiative Platform
    Programme Program Party Parliament Senate Congress Government Office Chamber
    Declaration Charter Agreement Accord Pact Strategy Doctrine Plan Project Pipeline
    Consortium Company Corporation Group Holding National International Global Regional
    World Public Trust Just New Old Great Grand Free State States Federal Foreign
    Defense Defence Economic Ecological Water Energy Green Digital Muslim Islamic
    Christian Orthodox Civilization Civilisation Diplomacy Radio Liberty Europe Times
    Post Journal News Daily Herald Press Service Media Television TV Online President
    Minister Secretary Chancellor Premier Prime Spokesman Ambassador Director
    """.split()  # noqa: SIM905
)
# Capitalised at the start of a sentence but not names: "Analysts said ...".
_GROUP_WORDS = frozenset(
    """analysts officials critics experts observers diplomats sources reports others many some
    residents protesters authorities leaders both several few scholars commentators
    economists researchers journalists media it they this that these those he she we i""".split()  # noqa: SIM905
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
    r"pledging|promising|vowing|announcing|reaffirming|affirming|acknowledging)"
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
_PRONOUN_RE = re.compile(r"\b(?:he|she|his|her|He|She|His|Her)\b")
_FIRST_PERSON_RE = re.compile(r"\b(?:I|we|We)\b")
_QUOTE_CHARS = '"“”'
_QUOTE_SPAN_RE = re.compile(r"[\"“]([^\"“”]{1,600})[\"”]")


# ---- word guards
# Every match of the patterns below contains one of its guard words as a whole
# run of ASCII letters (the word stands between word boundaries, spaces or
# punctuation), so a sentence without any of them cannot match and the pattern
# is not run: most sentences report nothing.
_LETTERS_RE = re.compile(r"[A-Za-z]+")
#: The characters other than ASCII letters that match an ASCII letter under
#: ``re.IGNORECASE`` (İ ı ſ and the Kelvin sign): the lower-case guards do not see them.
_ODD_FOLD = ("\u0130", "\u0131", "\u017f", "\u212a")


def _alternatives(group: str) -> frozenset[str]:
    """The words of a ``(?:w1|w2|...)`` group of plain words, ``[sz]`` spellings expanded.

    Examples
    --------
    >>> sorted(_alternatives("(?:said|emphasi[sz]ed)"))
    ['emphasised', 'emphasized', 'said']
    """
    return frozenset(w.replace("[sz]", ch) for w in group[3:-1].split("|") for ch in "sz")


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_REPORT_VERB_WORDS = _alternatives(_REPORT_VERB)
_REPORT_PARTICIPLE_WORDS = _alternatives(_REPORT_PARTICIPLE)
_PRONOUN_WORDS = _word_set("he she his her He She His Her")
_FIRST_PERSON_WORDS = _word_set("I we We")
#: Lower case; :data:`_ACCORDING_RE` ignores case.
_ACCORDING_WORDS = _word_set(
    "according reported quoted cited told interview statement citing information data figures"
)
#: The titles of :data:`_PERSON_TITLED_RE` (a modifier such as "Deputy" never stands alone).
_TITLE_HEAD_WORDS = _word_set(
    """President Minister Secretary Chancellor Premier Senator Congressman Congresswoman
    Ambassador Envoy envoy Chairman Chairwoman Chair Director Governor Mayor King Queen Emir
    Sheikh Prince Speaker Spokesman Spokeswoman Spokesperson spokesman spokeswoman
    spokesperson Professor Prof Dr Mr Mrs Ms General Commissioner Adviser Advisor adviser
    advisor analyst expert researcher director leader Leader counterpart colleague"""
)
#: The offices of :data:`_TITLE_ONLY_RE`.
_TITLE_ONLY_WORDS = _word_set(
    """minister spokesman spokeswoman spokesperson ambassador envoy official secretary adviser
    advisor negotiator"""
)


def _letter_words(text: str) -> frozenset[str]:
    """The runs of ASCII letters in ``text`` (case kept): the words the guards look for.

    Examples
    --------
    >>> sorted(_letter_words("Peskov's O'Brien-led talks, 2025"))
    ['Brien', 'O', 'Peskov', 'led', 's', 'talks']
    """
    return frozenset(_LETTERS_RE.findall(text))


def _according_cues(text: str) -> list[re.Match[str]]:
    """``list(_ACCORDING_RE.finditer(text))``, skipped when no cue word occurs (any case)."""
    if not any(map(text.__contains__, _ODD_FOLD)):
        lowered = text.lower()
        if not any(map(lowered.__contains__, _ACCORDING_WORDS)):
            return []
    return list(_ACCORDING_RE.finditer(text))


#: Bound of the remembered word combinations of :class:`_AllWords`.
_MAX_KNOWN = 65536


class _AllWords:
    """Which word sets lie wholly within a sentence's :func:`_letter_words`.

    Examples
    --------
    >>> need = _AllWords([frozenset({"Radio", "Liberty"}), frozenset({"TASS"})])
    >>> need.any_within(frozenset({"Radio", "Free"})), need.any_within(frozenset({"TASS"}))
    (False, True)
    """

    def __init__(self, sets: Iterable[frozenset[str]]) -> None:
        self._need: list[int] = []
        self._by_word: dict[str, list[int]] = {}
        for i, words in enumerate(sets):
            self._need.append(len(words))
            for w in words:
                self._by_word.setdefault(w, []).append(i)
        self._always = 0 in self._need
        self._vocabulary = frozenset(self._by_word)
        self._known: dict[frozenset[str], bool] = {}

    def any_within(self, words: frozenset[str]) -> bool:
        """Whether every word of at least one of the sets is in ``words``."""
        if self._always:
            return True
        present = words & self._vocabulary
        if not present:
            return False
        # few combinations of these words occur: remember the answer for each
        answer = self._known.get(present)
        if answer is None:
            if len(self._known) >= _MAX_KNOWN:
                self._known.clear()
            answer = self._known[present] = self._complete(present)
        return answer

    def _complete(self, present: frozenset[str]) -> bool:
        """Whether the words ``present`` (all of the vocabulary) complete one of the sets."""
        hits = [0] * len(self._need)
        for w in present:
            for i in self._by_word[w]:
                hits[i] += 1
                if hits[i] == self._need[i]:
                    return True
        return False


def _report_verbs(text: str, words: frozenset[str]) -> list[re.Match[str]]:
    """``list(_REPORT_VERB_RE.finditer(text))``, skipped when no reporting verb occurs."""
    if _REPORT_VERB_WORDS.isdisjoint(words):
        return []
    return list(_REPORT_VERB_RE.finditer(text))


@dataclass(frozen=True)
class Source:
    """One outlet or body of the source gazetteer.

    Examples
    --------
    >>> Source("Reuters", "outlet", ("Reuters",)).kind
    'outlet'
    """

    name: str
    kind: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Mention:
    """A mention of a person, pronoun or source in a sentence.

    Examples
    --------
    >>> Mention(0, 7, "Dmitry Peskov", "person").kind
    'person'
    """

    start: int
    end: int
    name: str
    kind: str  # person | pronoun | author | title
    possessive: bool = False


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


def _read_sources(path: Path) -> tuple[Source, ...]:
    if not path.is_file():
        raise InputError(f"{path}: source gazetteer not found; restore it from git")
    out: list[Source] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"source", "kind", "aliases"} - set(reader.fieldnames or [])
        if missing:
            raise InputError(
                f"{path}: missing columns {sorted(missing)}; see data/sources.README.md"
            )
        for line, row in enumerate(reader, start=2):
            name, kind = (row["source"] or "").strip(), (row["kind"] or "").strip()
            if not name or kind not in {"outlet", "body"}:
                raise InputError(f"{path}:{line}: need a source name and kind outlet|body")
            aliases = tuple(a.strip() for a in (row["aliases"] or name).split("|") if a.strip())
            out.append(Source(name, kind, aliases or (name,)))
    return tuple(out)


@lru_cache(maxsize=8)
def load_sources(path: Path = SOURCES_FILE) -> tuple[Source, ...]:
    """The outlet/body gazetteer (``data/sources.v1.csv``).

    Parameters
    ----------
    path : Path
        A CSV with columns ``source, kind, aliases, description``.

    Raises
    ------
    InputError
        If the file is missing or a row lacks a name or a valid kind.

    Examples
    --------
    >>> any(s.name == "RFE/RL" for s in load_sources())
    True
    """
    return _read_sources(Path(path))


@lru_cache(maxsize=8)
def _source_regex(
    sources: tuple[Source, ...],
) -> tuple[re.Pattern[str], dict[str, Source], _AllWords]:
    """The alias pattern, the source of each alias, and the aliases' letter words.

    A match of the pattern is an alias between non-word characters, so each of
    the alias's runs of ASCII letters is one of the sentence's letter words:
    a sentence that lacks a word of every alias holds no alias.
    """
    by_alias: dict[str, Source] = {}
    for s in sources:
        for a in s.aliases:
            by_alias.setdefault(a, s)
    alts = sorted(by_alias, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w./])(" + "|".join(re.escape(a) for a in alts) + r")(?![\w/]|\.\w)"
    )
    return pattern, by_alias, _AllWords(_letter_words(a) for a in alts)


def _is_word_or_hyphen(ch: str) -> bool:
    """``re.match(r"[\\w\\-]", ch)`` for one character (``\\w`` is alphanumeric or "_")."""
    return ch.isalnum() or ch in "_-"


def _surname_matches(text: str, names: list[str]) -> list[tuple[int, int, str, bool]]:
    """The matches of ``(?<![\\w\\-])(name|...)(['’]s?)?(?![\\w\\-])`` without compiling it.

    ``names`` in the order of the alternation; each match is (start, end, name,
    possessive). Only positions where a name occurs are tried, so a document's
    growing list of names costs no regex compilation per sentence.
    """
    starts: set[int] = set()
    for name in names:
        i = text.find(name)
        while i >= 0:
            starts.add(i)
            i = text.find(name, i + 1)
    out: list[tuple[int, int, str, bool]] = []
    n = len(text)
    pos = 0
    for p in sorted(starts):
        if p < pos or (p > 0 and _is_word_or_hyphen(text[p - 1])):
            continue
        for name in names:
            if not text.startswith(name, p):
                continue
            e = p + len(name)
            ends = []
            if e < n and text[e] in "'’":
                if e + 1 < n and text[e + 1] == "s":
                    ends.append(e + 2)
                ends.append(e + 1)
            ends.append(e)
            end = next((x for x in ends if x >= n or not _is_word_or_hyphen(text[x])), -1)
            if end >= 0:
                out.append((p, end, name, end > e))
                pos = end
                break
    return out


@lru_cache(maxsize=256)
def _surnames(known: tuple[str, ...]) -> tuple[dict[str, str], list[str]]:
    """Surname -> first full name with it, and the surnames longest first.

    Cached: a document's list of names changes only when a new name appears.
    """
    surnames: dict[str, str] = {}
    for full in known:
        parts = full.split()
        if len(parts) > 1:
            surnames.setdefault(parts[-1], full)
    return surnames, sorted(surnames, key=len, reverse=True)


def _is_name(tokens: list[str]) -> bool:
    return bool(tokens) and all(
        t.rstrip("'’s") not in _NOT_NAME and t not in _NOT_NAME for t in tokens
    )


def _strip_possessive(name: str) -> tuple[str, bool]:
    for suffix in ("'s", "’s"):
        if name.endswith(suffix):
            return name[: -len(suffix)], True
    if name.endswith(("s'", "s’")):
        return name[:-1], True
    return name, False


def find_persons(text: str, *, known: Iterable[str] = ()) -> list[Mention]:
    """Person mentions in ``text``: titled names, full names, and known surnames.

    Parameters
    ----------
    text : str
        A sentence.
    known : iterable of str
        Full names already seen in the document; their surnames count as mentions.

    Returns
    -------
    list of Mention
        Non-overlapping, in order; ``name`` without a possessive "'s".

    Examples
    --------
    >>> [m.name for m in find_persons("Russian President Vladimir Putin met Tokayev.")]
    ['Vladimir Putin']
    >>> [m.name for m in find_persons("Then Putin spoke.", known=["Vladimir Putin"])]
    ['Vladimir Putin']
    """
    return _find_persons(text, known, _letter_words(text))


def _find_persons(text: str, known: Iterable[str], words: frozenset[str]) -> list[Mention]:
    """:func:`find_persons`; ``words`` are the :func:`_letter_words` of ``text``."""
    found: list[Mention] = []

    def free(s: int, e: int) -> bool:
        return all(e <= m.start or s >= m.end for m in found)

    titled = () if _TITLE_HEAD_WORDS.isdisjoint(words) else _PERSON_TITLED_RE.finditer(text)
    for m in titled:
        raw = m.group("name")
        tokens = raw.split()
        # drop trailing non-name tokens ("President Tokayev In ...")
        while tokens and not _is_name(tokens[-1:]):
            tokens.pop()
        if not tokens or not _is_name(tokens[:1]):
            continue
        name, poss = _strip_possessive(" ".join(tokens))
        end = m.start("name") + len(" ".join(tokens))
        found.append(Mention(m.start(), end, name, "person", poss))
    for m in _PERSON_FULL_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        tokens = m.group("name").split()
        clean = [_strip_possessive(t)[0] for t in tokens]
        if not _is_name(clean) or any(t.isupper() and len(t) > 1 for t in clean):
            continue
        if any(_strip_possessive(t)[1] for t in tokens[:-1]):
            continue
        name, poss = _strip_possessive(m.group("name"))
        found.append(Mention(m.start(), m.end(), name, "person", poss))
    surnames, order = _surnames(tuple(known))
    if surnames:
        for s, e, name, poss in _surname_matches(text, order):
            if free(s, e):
                found.append(Mention(s, e, surnames[name], "person", poss))
    found.sort(key=lambda x: x.start)
    return found


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
    ) -> list[str]:
        """Outlets named, bodies cited ("according to", "X said"), unknown bodies that report."""
        pattern, by_alias = self._source_pattern, self._by_alias
        names: list[str] = []
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
        # an organisation pattern match needs a reporting verb or a citing cue after its head
        has_org = bool(verbs or according) and any(w in text for w in _ORG_HEAD_WORDS)
        for m in _ORG_CITED_RE.finditer(text) if has_org else ():
            org = (m.group("org") or m.group("org2") or "").strip()
            known = any(a in org for a in by_alias)
            if org and not known and org not in names:
                names.append(org)
        return names

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
        sources = self._cited_sources(text, according, verbs, words)
        speaker, cue = "", ""
        carried = self.open_quote_speaker
        if carried is not None and text.lstrip()[:1] not in _QUOTE_CHARS:
            speaker, cue = carried, "quote continued"
        agents = [m for m in mentions if m.kind in {"person", "pronoun", "author", "title"}]
        if not speaker:
            for c in according:
                nxt = [
                    m for m in agents if c.end() <= m.start <= c.end() + 40 and m.kind == "person"
                ]
                if nxt:
                    speaker, cue = nxt[0].name, "according to"
                    break
        if not speaker:
            for v in verbs:
                before = [m for m in agents if m.end <= v.start() and not m.possessive]
                if before and _GAP_OK_RE.match(text[before[-1].end : v.start()]):
                    speaker, cue = self._resolve(before[-1], mentions), "verb"
                    if before[-1].kind == "author":
                        cue = "author"
                    break
                if _INVERTED_RE.search(text[: v.end()] + " "):
                    after = [m for m in agents if v.end() <= m.start <= v.end() + 3]
                    if after:
                        speaker, cue = self._resolve(after[0], mentions), "verb after quote"
                        break
                prev = _word_before(text, v.start())
                if prev in {"and", ""} or text[: v.start()].rstrip().endswith(","):
                    subj = self._subject(text, mentions, allow_possessive=False)
                    if subj is not None and subj.end <= v.start():
                        speaker, cue = self._resolve(subj, mentions), "subject"
                        break
        if not speaker and not cue:
            participles = not _REPORT_PARTICIPLE_WORDS.isdisjoint(words)
            for v in _REPORT_PARTICIPLE_RE.finditer(text) if participles else ():
                head = text[: v.start()].rstrip()
                if not (head.endswith(",") or _PARTICIPLE_AND_RE.search(head)):
                    continue
                subj = self._subject(text, mentions, allow_possessive=True)
                if subj is not None and subj.end <= v.start():
                    speaker, cue = self._resolve(subj, mentions), "participle"
                    break
        n_quotes = text.count('"') + text.count("“") + text.count("”")  # _QUOTE_CHARS
        has_quote = n_quotes > 0
        if not speaker and not cue and has_quote:
            for m in agents:
                if m.possessive and _SPEECH_NOUN_RE.match(text[m.end :].lstrip()):
                    speaker, cue = self._resolve(m, mentions), "speech noun"
                    break
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
