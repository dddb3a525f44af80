"""Find quantities and dates in English text and normalise them.

Numbers are found as digits ("42", "1,200", "3.5 billion") and as words
("eighty", "five thousand", "two-and-a-half", "twenty-five"), with their
unit normalised to a small controlled vocabulary so that claims become
comparable across articles:

==========  ==================================================================
unit        meaning
==========  ==================================================================
percent     a percentage ("80%", "eighty percent", "per cent")
km, m, mile distance (kilometres, metres, miles)
t           mass in tonnes
hour, day,  durations; decades and centuries become years ("three decades"
week,       is 30 year)
month, year
USD, EUR,   money, with "million"/"billion" multiplied out
KZT, RUB,
CNY, GBP
fraction    a share in words ("a fifth of trade" is 0.2, "two-thirds of" 0.666667);
            with a unit after it, that unit ("a half-ton" is 0.5 t)
count       a count of things; ``item`` holds the singular noun counted
            ("three hundred locomotives" -> 300 count, item "locomotive")
date        a calendar date, kept as an ISO string: "2025-09-24", "2025-12"
            or "2025"; ``qualifier`` keeps words like "early" or "by"
==========  ==================================================================

Every :class:`Quantity` keeps the text it was read from and its character
span. Small word counts ("two leaders") are marked ``weak``: they are listed
but do not make a sentence a quantitative claim. Labels such as "C5+1",
"G20" or "Diplomacy 2.0" are not quantities.

Examples
--------
>>> [(q.value, q.unit) for q in find_quantities("It carries eighty percent of freight.")]
[(80, 'percent')]
>>> [(q.value, q.unit, q.qualifier) for q in find_quantities("In early December 2025 they met.")]
[('2025-12', 'date', 'early')]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from kzlib.claims.guards import _DIGIT_RE, _letter_runs, _scan
from kzlib.claims.numerals import (
    _CURRENCY_PREFIX,
    _DENOMINATORS,
    _DIGITNUM,
    _NOUN_AFTER_RE,
    _NUMBER_WORDS,
    _SCALE_SUFFIX,
    _SCALES,
    _UNIT_ALIASES,
    _UNIT_RE_PART,
    _WORDNUM,
    _clean_number,
    _count_item,
    _singular,
    parse_number_words,
)

__all__ = [
    "Quantity",
    "find_quantities",
    "quantities_to_json",
]

_QUALIFIERS = (
    r"(?:more than|less than|fewer than|at least|at most|up to|over|under|about|around|"
    r"approximately|nearly|almost|roughly|some|only|just|past|last|next|the past|the last|"
    r"the next|over the past|over the last|within)"
)
_MONTHS: dict[str, int] = {}
for _i, _month_names in enumerate(
    [
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
        ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
        ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
        ("december", "dec"),
    ],
    start=1,
):  # fmt: skip
    for _name in _month_names:
        _MONTHS[_name] = _i
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_PART = r"(?:early|mid|late|the end of|end of|the beginning of|beginning of|the start of|start of)"
_DATE_PREP = r"(?:by|since|until|till|before|after|from|through|as of)"
_YEAR = r"(?:1[89]\d\d|20\d\d|2100)"

_DATE_RE = re.compile(
    rf"(?:\b(?P<prep>{_DATE_PREP})\s+)?(?:\b(?P<part>{_PART})[\s-]+)?(?:"
    # September 24, 2025 / Sept. 24 2025
    rf"(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>{_YEAR})\b"
    # 24 September 2025
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})\b"
    # 2025-09-24
    rf"|\b(?P<y3>{_YEAR})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})\b"
    # December 2025 / late summer of 2025
    rf"|(?P<m4>{_MONTH}|{_SEASON})(?:\s+and\s+(?:{_PART}\s+)?{_SEASON})?,?\s+(?:of\s+)?(?P<y4>{_YEAR})\b"
    # 30-31 October / 5 May (no year)
    rf"|(?<![\w.,])(?P<d6>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}}(?:st|nd|rd|th)?)?"
    rf"\s+(?P<m6>{_MONTH})(?![\w.]|,?\s+{_YEAR}\b)"
    # April next year / last September / August (no year)
    rf"|(?:\b(?P<pre5>last|next|this)\s+)?\b(?P<m5>January|February|March|April|(?<=in\s)May|(?<=In\s)May|June|July|August|"
    rf"September|October|November|December)\b"
    rf"(?:\s+(?P<d5>\d{{1,2}})(?:st|nd|rd|th)?\b(?![,.]?\d))?"
    rf"(?:\s+(?P<rel5>next year|last year|this year))?"
    # next year
    rf"|\b(?P<rel6>next year|last year|this year)\b"
    # 2025 (a bare year, not part of a larger number)
    rf"|(?:(?<![\w.,$€£/\-])|(?<=(?<![\w.,$€£/\-]){_YEAR}-))"
    rf"(?P<y7>{_YEAR})(?!\s*(?:%|percent|per cent)|[\w.,]\d|-(?!{_YEAR}\b)\d)(?:s\b)?"
    rf")",
    re.IGNORECASE,
)

_QUANTITY_RE = re.compile(
    rf"(?:\b(?P<qual>{_QUALIFIERS})\s+)?"
    rf"(?P<cur>US\$|\$|€|£|₸|₽|\b(?:USD|EUR|GBP|KZT|RUB|CNY)\b)?\s?"
    rf"(?P<num>{_DIGITNUM}|{_WORDNUM})"
    rf"(?P<scale>{_SCALE_SUFFIX})"
    rf"(?P<hyphen>-)?"
    rf"(?:\s*(?P<unit>%|\b(?:{_UNIT_RE_PART})\b))?",
    re.IGNORECASE,
)
_MULTI_RE = re.compile(
    r"\bmulti-?(?P<scale>million|billion|trillion)[\s-]+(?P<cur>dollar|euro|tenge|ruble|rouble)s?\b",
    re.IGNORECASE,
)
#: A fraction in words: "a fifth of", "two-thirds of", "one quarter of", "a half-ton".
#: A denominator without "of" or a unit after it is an ordinal ("a third term").
_FRACTION_RE = re.compile(
    r"(?<!and[\s-])\b(?P<num>a|one|two|three|four|five|six|seven|eight|nine)[\s-]+"
    r"(?P<den>half|halves|(?:third|quarter|fourth|fifth|sixth|seventh|eighth|ninth|tenth)s?)\b"
    rf"(?:(?=\s+of\b)|[\s-]+(?P<unit>{_UNIT_RE_PART})\b)",
    re.IGNORECASE,
)
_FRACTION_TRIGGERS = frozenset([*_DENOMINATORS, *(d + "s" for d in _DENOMINATORS)])
_LABEL_BEFORE_RE = re.compile(r"\b([A-Z][\w\-]*)\s$")
_FUNCTION_WORDS = frozenset(
    """
    the a an in on at by for of from to about some over nearly almost around only just
    since until and but with its their his her our all some these those this that
    """.split()  # noqa: SIM905
)
_VAGUE_ONE = frozenset({"one", "a"})
#: The rest of an ordinal written in words after its tens ("seventy-sixth", "Forty- eighth",
#: "twenty first") or scale ("one hundredth"): an ordinal is never a count.
_ORDINAL_REST_RE = re.compile(
    r"[\s-]*(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b"
    r"|[\s-]*(?:hundredth|thousandth|millionth|billionth)\b",
    re.IGNORECASE,
)
_TENS_WORDS = frozenset(
    "twenty thirty forty fifty sixty seventy eighty ninety".split()  # noqa: SIM905
)


# Cheap pre-checks: most sentences hold no number word, digit or date word, and
# skipping the large patterns for them is what lets this stream big corpora.
_NUMBER_TRIGGERS = frozenset(
    [*_NUMBER_WORDS, "multibillion", "multimillion", "multitrillion", "multi"]
)
_DATE_TRIGGERS = frozenset([*_MONTHS, "spring", "summer", "autumn", "fall", "winter", "year"])


#: "over the past year", "during the last decade": a period of one unit ending now.
#: (A bare "last year" is a date, read against the reference year.)
_PERIOD_RE = re.compile(
    r"\b(?:(?:over|during|in|within|for|throughout)\s+)?the\s+(?P<dir>past|last|previous|coming|next)"
    r"\s+(?P<unit>year|month|week|decade|century)\b",
    re.IGNORECASE,
)
_PERIOD_TRIGGERS = frozenset({"past", "last", "previous", "coming", "next"})


@dataclass(frozen=True)
class Quantity:
    """One quantity or date found in a text.

    Attributes
    ----------
    value : int, float or str
        The normalised value: a number, or an ISO date string for ``unit == "date"``.
    unit : str
        Normalised unit (see the module docstring).
    text : str
        The text it was read from.
    start, end : int
        Character span of ``text`` in the searched string.
    qualifier : str
        Words that bound or place the value ("over", "early", "by"); "" if none.
    item : str
        For counts, the singular noun counted; "" otherwise.
    weak : bool
        A small count written in words ("two leaders"): listed, but not enough
        on its own to make a claim quantitative.

    Examples
    --------
    >>> Quantity(80, "percent", "eighty percent", 0, 14).as_dict()
    {'value': 80, 'unit': 'percent', 'text': 'eighty percent'}
    """

    value: int | float | str
    unit: str
    text: str
    start: int
    end: int
    qualifier: str = ""
    item: str = ""
    weak: bool = False

    def as_dict(self) -> dict[str, object]:
        """The JSON-ready record: value, unit, text, plus qualifier/item when set.

        Examples
        --------
        >>> Quantity("2025-12", "date", "early December 2025", 0, 19, qualifier="early").as_dict()
        {'value': '2025-12', 'unit': 'date', 'text': 'early December 2025', 'qualifier': 'early'}
        """
        out: dict[str, object] = {"value": self.value, "unit": self.unit, "text": self.text}
        if self.qualifier:
            out["qualifier"] = self.qualifier
        if self.item:
            out["item"] = self.item
        return out

    @property
    def is_date(self) -> bool:
        """Whether this is a calendar date.

        Examples
        --------
        >>> Quantity("2025", "date", "2025", 0, 4).is_date
        True
        """
        return self.unit == "date"


_RELATIVE_YEARS = {"next": 1, "last": -1, "this": 0}


def _iso(year: str | None, month: int | None = None, day: int | None = None) -> str:
    if year is None:
        return "--" + f"{month:02d}" if month else ""
    if month is None:
        return year
    if day is None:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{day:02d}"


def _month_number(name: str) -> int | None:
    return _MONTHS.get(name.lower().rstrip("."))


#: Where a match of :data:`_DATE_RE` can start when it does not start at a digit.
#: Its prepositions, part words, relative years and month names standing alone
#: ("in August") follow a word boundary and end before a space, hyphen or
#: boundary: whole runs of letters of the text. A month or season followed by a
#: day or year can start inside a longer run ("xMay 5, 2025"), but needs a digit.
_DATE_START_WORDS = frozenset(
    [
        "by", "since", "until", "till", "before", "after", "from", "through", "as", "early",
        "mid", "late", "the", "end", "beginning", "start", "next", "last", "this",
        *_MONTHS,
    ]
)  # fmt: skip
_DATE_PREFIXES = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    "spring", "summer", "autumn", "fall", "winter",
)  # fmt: skip


#: Where a match of :data:`_QUANTITY_RE` can start, besides digits: its currency
#: signs, or the first words of its qualifiers, its number words and "a" ("a
#: hundred"); or one character before any of these (the optional space before
#: the number). The words follow a word boundary and end before a space or a
#: boundary, so they start only where they are a whole run of letters.
_QUANTITY_SIGNS = ("us$", "$", "€", "£", "₸", "₽", "usd", "eur", "gbp", "kzt", "rub", "cny")
_QUANTITY_START_WORDS = frozenset(
    [
        "more", "less", "fewer", "at", "up", "over", "under", "about", "around", "approximately",
        "nearly", "almost", "roughly", "some", "only", "just", "past", "last", "next", "the",
        "within", "a", *_NUMBER_WORDS,
    ]
)  # fmt: skip


def _find_dates(
    text: str, lowered: str, words: frozenset[str], has_digit: bool, ref_year: int | None
) -> list[Quantity]:
    found: list[Quantity] = []
    prefixes = _DATE_PREFIXES if has_digit else ()
    for m in _scan(_DATE_RE, text, lowered, prefixes, whole_words=words & _DATE_START_WORDS):
        g = m.groupdict()
        parts = [p for p in (g["prep"], g["part"]) if p]
        qualifier = " ".join(p.lower() for p in parts)
        value = ""
        if g["y1"]:
            month, day = _month_number(g["m1"]), int(g["d1"])
            value = _iso(g["y1"], month, day)
        elif g["y2"]:
            month, day = _month_number(g["m2"]), int(g["d2"])
            value = _iso(g["y2"], month, day)
        elif g["y3"]:
            value = _iso(g["y3"], int(g["m3"]), int(g["d3"]))
        elif g["y4"]:
            month = _month_number(g["m4"])
            value = _iso(g["y4"], month)
            if month is None:  # a season: keep the season as qualifier
                span_words = text[m.start("m4") : m.start("y4")].strip(" ,").lower()
                span_words = re.sub(r"\s+of$", "", span_words)
                qualifier = " ".join(x for x in (qualifier, span_words) if x)
        elif g["m5"] or g["m6"]:
            month = _month_number(g["m5"] or g["m6"])
            day_text = g["d5"] or g["d6"]
            day_of: int | None = int(day_text) if day_text else None
            rel = (g["rel5"] or g["pre5"] or "").lower()  # "next year" or "next"
            if rel and ref_year is not None:
                year = ref_year + _RELATIVE_YEARS[rel.split()[0]]
                value = _iso(str(year), month, day_of)
                qualifier = " ".join(x for x in (qualifier, rel) if x)
            elif ref_year is not None:
                value = _iso(str(ref_year), month, day_of)
                qualifier = " ".join(x for x in (qualifier, "year from context") if x)
            else:  # no article date: the month (and day) alone, marked unresolved
                value = _iso(None, month) + (f"-{day_of:02d}" if day_of else "")
                qualifier = " ".join(x for x in (qualifier, rel, "unresolved") if x)
        elif g["rel6"]:
            rel = g["rel6"].lower()
            if ref_year is None:  # never guessed from another year of the text
                found.append(
                    Quantity("", "date", m.group(0), m.start(), m.end(), f"{rel} unresolved")
                )
                continue
            value = str(ref_year + _RELATIVE_YEARS[rel.split()[0]])
            qualifier = " ".join(x for x in (qualifier, rel) if x)
        elif g["y7"]:
            if text[m.end("y7") : m.end("y7") + 1] == "s":
                value = g["y7"][:3] + "X"
                qualifier = " ".join(x for x in (qualifier, "decade") if x)
            else:
                value = g["y7"]
        if not value:
            continue
        found.append(Quantity(value, "date", m.group(0), m.start(), m.end(), qualifier))
    return found


def _overlaps(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def find_quantities(text: str, *, ref_year: int | None = None) -> list[Quantity]:
    """All quantities and dates in ``text``, in order of appearance.

    Parameters
    ----------
    text : str
        A sentence or any text.
    ref_year : int, optional
        Year that relative dates ("next year") and month names without a year
        ("in August") are read against, typically the article's year; without
        it "next year" is kept with an empty value and "August" becomes ``--08``,
        both with the qualifier ``unresolved``: never guessed from another year.

    Returns
    -------
    list of Quantity
        Dates have ``unit == "date"`` and an ISO string value.

    Examples
    --------
    >>> qs = find_quantities("A deal for three hundred locomotives over ten years.")
    >>> [(q.value, q.unit, q.item) for q in qs]
    [(300, 'count', 'locomotive'), (10, 'year', '')]
    """
    lowered = text.lower()
    return _find_quantities(text, ref_year, lowered, _letter_runs(lowered))


def _find_quantities(
    text: str, ref_year: int | None, lowered: str, words: frozenset[str]
) -> list[Quantity]:
    """:func:`find_quantities` given ``text.lower()`` and its :func:`_letter_runs`.

    The claim inventory computes both once per claim and shares them with the
    claim features. Periods come first, then dates outside them, then amounts
    ("multibillion-dollar", then numbers with their units) outside both.
    """
    has_digit = _DIGIT_RE.search(text) is not None
    periods = _periods(text) if words & _PERIOD_TRIGGERS else []
    dates = (
        _find_dates(text, lowered, words, has_digit, ref_year)
        if has_digit or words & _DATE_TRIGGERS
        else []
    )
    dates = [
        q for q in dates if not _overlaps((q.start, q.end), [(p.start, p.end) for p in periods])
    ]
    found: list[Quantity] = sorted([*periods, *dates], key=lambda q: q.start)
    taken = [(q.start, q.end) for q in found]
    if not words.isdisjoint(_FRACTION_TRIGGERS):
        for frac in _fractions(text):
            if not _overlaps((frac.start, frac.end), taken):
                found.append(frac)
                taken.append((frac.start, frac.end))
                found.sort(key=lambda q: (q.start, q.end))
    if not has_digit and words.isdisjoint(_NUMBER_TRIGGERS):
        return found
    for m in _MULTI_RE.finditer(text):
        if not _overlaps((m.start(), m.end()), taken):
            found.append(_multi_amount(m))
            taken.append((m.start(), m.end()))
    starts = words & _QUANTITY_START_WORDS
    for m in _scan(
        _QUANTITY_RE, text, lowered, _QUANTITY_SIGNS, whole_words=starts, one_before=True
    ):
        if _overlaps((m.start("num"), m.end("num")), taken):
            continue
        q = _amount(text, m)
        if q is not None:
            found.append(q)
            taken.append((q.start, q.end))
    found.sort(key=lambda q: (q.start, q.end))
    return found


def _periods(text: str) -> list[Quantity]:
    """The periods of one unit that end or start now ("over the past year")."""
    out: list[Quantity] = []
    for m in _PERIOD_RE.finditer(text):
        unit, factor = _UNIT_ALIASES[m.group("unit").lower()]
        qualifier = "past" if m.group("dir").lower() in {"past", "last", "previous"} else "next"
        out.append(Quantity(int(factor), unit, m.group(0), m.start(), m.end(), qualifier))
    return out


def _fractions(text: str) -> list[Quantity]:
    """The fractions in words (:data:`_FRACTION_RE`).

    Examples
    --------
    >>> [(q.value, q.unit) for q in _fractions("It carries a fifth of trade, a half-ton more.")]
    [(0.2, 'fraction'), (0.5, 't')]
    """
    out: list[Quantity] = []
    for m in _FRACTION_RE.finditer(text):
        num = parse_number_words(m.group("num")) or 1.0
        den_word = m.group("den").lower()
        den = _DENOMINATORS.get(den_word) or _DENOMINATORS[den_word[:-1]]
        value = num / den
        unit = "fraction"
        if m.group("unit"):
            unit, factor = _UNIT_ALIASES[m.group("unit").lower()]
            value *= factor
        out.append(Quantity(_clean_number(value), unit, m.group(0), m.start(), m.end()))
    return out


def _multi_amount(m: re.Match[str]) -> Quantity:
    """A match of :data:`_MULTI_RE` ("multibillion-dollar"): more than one of the scale."""
    cur_word = m.group("cur").lower()
    unit = _UNIT_ALIASES.get(cur_word + "s", _UNIT_ALIASES.get(cur_word, ("USD", 1.0)))[0]
    amount = _SCALES[m.group("scale").lower()]
    return Quantity(amount, unit, m.group(0), m.start(), m.end(), "more than")


#: Qualifiers of time that do not bound a count ("the last three presidents").
_COUNT_NOT_QUALIFIED = frozenset({"past", "last", "next", "the past", "the last", "the next"})


def _amount(text: str, m: re.Match[str]) -> Quantity | None:
    """The quantity of one match of :data:`_QUANTITY_RE`.

    None for a label ("Diplomacy 2.0"), a vague "one" or "a" without a unit,
    and a number in words that counts no noun.
    """
    raw_num = m.group("num")
    value = parse_number_words(raw_num)
    if value is None or _is_ordinal(text, m):
        return None
    is_digit = raw_num[0].isdigit()
    unit_text = (m.group("unit") or "").lower()
    scale_text = (m.group("scale") or "").strip(" -").lower()
    cur = (m.group("cur") or "").strip().lower()
    if is_digit and not unit_text and not cur and _is_label(text, m):
        return None
    value *= _scale(scale_text, cur)
    unit, factor = _unit(unit_text, cur)
    word_tokens = [w for w in re.split(r"[\s-]+", raw_num.lower()) if w not in {"and", "a"}]
    if not unit and not is_digit and len(word_tokens) == 1 and word_tokens[0] in _VAGUE_ONE:
        return None
    end, item, weak = m.end(), "", False
    if not unit:
        # "42-point", "three hundred locomotives", "five presidents"
        item, end = _counted(text, m)
        if not item and not is_digit:
            return None
        unit = "count"
        weak = not is_digit and value < 10
    value *= factor
    qualifier = (m.group("qual") or "").lower()
    start = m.start() if qualifier or cur else m.start("num")
    if unit == "count" and qualifier in _COUNT_NOT_QUALIFIED:
        qualifier = ""
        start = m.start("num")
    return Quantity(
        _clean_number(value), unit, text[start:end].strip(), start, end, qualifier, item, weak
    )


def _is_ordinal(text: str, m: re.Match[str]) -> bool:
    """Whether the number words are the start of an ordinal ("seventy-sixth", "one hundredth").

    "one third" and "two-thirds" are fractions, not ordinals: only a tens word
    takes a unit ordinal after it.

    Examples
    --------
    >>> [q.text for q in find_quantities("The seventy-sixth session heard twenty speakers.")]
    ['twenty speakers']
    """
    raw = m.group("num")
    if raw[0].isdigit():
        return False
    last = re.split(r"[\s-]+", raw.lower())[-1]
    rest = _ORDINAL_REST_RE.match(text, m.end("num"))
    if rest is None:
        return False
    word = rest.group(0).strip(" -").lower()
    return word.endswith(("hundredth", "thousandth", "illionth")) or last in _TENS_WORDS


def _is_label(text: str, m: re.Match[str]) -> bool:
    """Whether the number names a thing after a capitalised word ("Web 3.0", "Chapter 7")."""
    before = text[max(0, m.start("num") - 30) : m.start("num")]
    label = _LABEL_BEFORE_RE.search(before)
    if label is None:
        return False
    prev_word = label.group(1)
    return prev_word.lower() not in _FUNCTION_WORDS and _month_number(prev_word) is None


def _scale(scale_text: str, cur: str) -> float:
    """The factor of a scale word ("billion", "bn"); "m" and "k" only after a currency sign."""
    if not scale_text or (scale_text in {"m", "k"} and not cur):
        return 1.0
    return {"bn": 1e9, "mln": 1e6, "m": 1e6, "k": 1e3}.get(scale_text, 0.0) or float(
        _SCALES.get(scale_text, 1)
    )


def _unit(unit_text: str, cur: str) -> tuple[str, float]:
    """The normalised unit and its factor; a currency sign sets the unit."""
    unit, factor = "", 1.0
    if unit_text:
        unit, factor = _UNIT_ALIASES.get(unit_text, (unit_text, 1.0))
    if cur:
        unit = _CURRENCY_PREFIX.get(cur, "USD")
    return unit, factor


def _counted(text: str, m: re.Match[str]) -> tuple[str, int]:
    """The noun a unitless number counts and where the quantity then ends."""
    end_num = m.end("scale") if m.group("scale") else m.end("num")
    if m.group("hyphen"):  # "42-point": the word after the hyphen is the item
        hm = _NOUN_AFTER_RE.match(text, end_num)
        return (_singular(hm.group(1)), hm.end()) if hm else ("", m.end())
    return _count_item(text, end_num)


def quantities_to_json(quantities: Iterable[Quantity]) -> str:
    """Serialise quantities as the JSON list stored in the claim inventory.

    Examples
    --------
    >>> quantities_to_json(find_quantities("about 2.5 hours"))
    '[{"value": 2.5, "unit": "hour", "text": "about 2.5 hours", "qualifier": "about"}]'
    """
    records = [q.as_dict() for q in quantities]
    return json.dumps(records, ensure_ascii=False) if records else "[]"
