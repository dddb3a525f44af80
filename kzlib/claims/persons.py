"""Who is named in a sentence: titled names, full names and surnames seen before.

The patterns are general English: a title before a name ("Foreign Minister
Sergey Lavrov"), two or three capitalised name tokens, or the surname of a
full name already seen in the document. Capitalised words that are places,
institutions or function words are not names (:data:`_NOT_NAME`).

Examples
--------
>>> [m.name for m in find_persons("Russian President Vladimir Putin met Tokayev.")]
['Vladimir Putin']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kzlib.claims.guards import _letter_words, _word_set

__all__ = ["Mention", "find_persons"]

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
    r"advisor|analyst|expert|researcher|director|leader|Leader|counterpart|colleague|"
    r"Economist|economist|Analyst|Expert|Researcher|Scholar|scholar|Journalist|journalist))"
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
#: The titles of :data:`_PERSON_TITLED_RE` (a modifier such as "Deputy" never stands alone).
_TITLE_HEAD_WORDS = _word_set(
    """President Minister Secretary Chancellor Premier Senator Congressman Congresswoman
    Ambassador Envoy envoy Chairman Chairwoman Chair Director Governor Mayor King Queen Emir
    Sheikh Prince Speaker Spokesman Spokeswoman Spokesperson spokesman spokeswoman
    spokesperson Professor Prof Dr Mr Mrs Ms General Commissioner Adviser Advisor adviser
    advisor analyst expert researcher director leader Leader counterpart colleague
    Economist economist Analyst Expert Researcher Scholar scholar Journalist journalist"""
)


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
