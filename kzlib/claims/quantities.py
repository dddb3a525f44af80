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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

__all__ = [
    "Quantity",
    "find_quantities",
    "parse_number_words",
    "quantities_to_json",
]

_SMALL: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES: dict[str, int] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000,
    "billion": 1_000_000_000, "trillion": 1_000_000_000_000,
}  # fmt: skip
_NUMBER_WORDS: list[str] = sorted([*_SMALL, *_TENS, *_SCALES, "dozen"], key=len, reverse=True)
_NW = "(?:" + "|".join(_NUMBER_WORDS) + ")"
#: A run of number words: "five thousand", "twenty-five", "two-and-a-half", "a hundred".
_WORDNUM = (
    rf"(?:\ba[\s-]+(?=(?:hundred|thousand|million|billion|dozen)\b))?\b{_NW}\b"
    rf"(?:(?:[\s-]+and)?[\s-]+(?:{_NW}|a[\s-]+half|half)\b)*"
    rf"(?:[\s-]+and[\s-]+a[\s-]+half\b)?"
)
_DIGITNUM = r"(?<![\w.+/\-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w+]|\.\d)"
_SCALE_SUFFIX = r"(?:[\s-]*(?:hundred|thousand|million|billion|trillion|bn|mln|m|k)\b)?"

_UNIT_ALIASES: dict[str, tuple[str, float]] = {}
for _unit, _factor, _names in [
    ("percent", 1, ["%", "percent", "per cent", "pct", "percentage points", "percentage point"]),
    ("km", 1, ["km", "kilometers", "kilometres", "kilometer", "kilometre"]),
    ("m", 1, ["meters", "metres", "meter", "metre"]),
    ("mile", 1, ["miles", "mile"]),
    ("t", 1, ["tonnes", "tonne", "tons", "ton", "metric tons"]),
    ("t", 1_000_000, ["million tonnes", "million tons", "mt"]),
    ("hour", 1, ["hours", "hour", "hrs", "hr"]),
    ("minute", 1, ["minutes", "minute"]),
    ("day", 1, ["days", "day"]),
    ("week", 1, ["weeks", "week"]),
    ("month", 1, ["months", "month"]),
    ("year", 1, ["years", "year", "yrs"]),
    ("year", 10, ["decades", "decade"]),
    ("year", 100, ["centuries", "century"]),
    ("USD", 1, ["dollars", "dollar", "usd", "us dollars"]),
    ("EUR", 1, ["euros", "euro", "eur"]),
    ("GBP", 1, ["pounds sterling", "gbp"]),
    ("KZT", 1, ["tenge", "kzt"]),
    ("RUB", 1, ["rubles", "roubles", "ruble", "rouble", "rub"]),
    ("CNY", 1, ["yuan", "renminbi", "cny"]),
    ("barrel", 1, ["barrels", "barrel", "bbl"]),
    ("m3", 1_000_000_000, ["billion cubic meters", "billion cubic metres", "bcm"]),
    ("m3", 1, ["cubic meters", "cubic metres"]),
    ("MW", 1, ["megawatts", "megawatt", "mw"]),
    ("GW", 1, ["gigawatts", "gigawatt", "gw"]),
]:
    for _name in _names:
        _UNIT_ALIASES[_name] = (_unit, float(_factor))
_UNIT_RE_PART = "|".join(
    re.escape(n) for n in sorted(_UNIT_ALIASES, key=len, reverse=True) if n != "%"
)
_CURRENCY_PREFIX = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "₸": "KZT", "₽": "RUB"}
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
    # April next year / August (no year)
    rf"|\b(?P<m5>January|February|March|April|(?<=in\s)May|(?<=In\s)May|June|July|August|"
    rf"September|October|November|December)\b"
    rf"(?:\s+(?P<rel5>next year|last year|this year))?"
    # next year
    rf"|\b(?P<rel6>next year|last year|this year)\b"
    # 2025 (a bare year, not part of a larger number)
    rf"|(?<![\w.,$€£/\-])(?P<y7>{_YEAR})(?!\s*(?:%|percent|per cent)|[\w.,]\d|-\d)(?:s\b)?"
    rf")",
    re.IGNORECASE,
)

_QUANTITY_RE = re.compile(
    rf"(?:\b(?P<qual>{_QUALIFIERS})\s+)?"
    rf"(?P<cur>US\$|\$|€|£|₸|₽)?\s?"
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
_NOUN_AFTER_RE = re.compile(r"\s*(?:-\s*)?([A-Za-z][A-Za-z\-]*)")
_LABEL_BEFORE_RE = re.compile(r"\b([A-Z][\w\-]*)\s$")
_FUNCTION_WORDS = frozenset(
    """
    the a an in on at by for of from to about some over nearly almost around only just
    since until and but with its their his her our all some these those this that
    """.split()  # noqa: SIM905
)
_STOP_ITEM = frozenset(
    """
    of the a an and or to in on at for with by from as than that which who is are was
    were be been over under after before more less times per last next this previous year
    years month months week weeks day days
    """.split()  # noqa: SIM905
)
_VAGUE_ONE = frozenset({"one", "a"})


# Cheap pre-checks: most sentences hold no number word, digit or date word, and
# skipping the large patterns for them is what lets this stream big corpora.
_DIGIT_RE = re.compile(r"\d")
_ALPHA_RE = re.compile(r"[a-z]+")
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


def parse_number_words(text: str) -> float | None:
    """Value of a number written in words or digits; None if it is not one.

    Handles "eighty", "twenty-five", "three hundred", "five thousand",
    "one hundred and twenty", "two-and-a-half", "a dozen", "1,200", "3.5".

    Examples
    --------
    >>> parse_number_words("two-and-a-half")
    2.5
    >>> parse_number_words("five thousand")
    5000.0
    """
    t = text.strip().lower().replace(",", "")
    try:
        return float(t)
    except ValueError:
        pass
    tokens = [w for w in re.split(r"[\s-]+", t) if w and w != "and"]
    if not tokens:
        return None
    total = 0.0
    current = 0.0
    seen = False
    i = 0
    while i < len(tokens):
        w = tokens[i]
        if w == "a":
            if i + 1 < len(tokens) and tokens[i + 1] == "half":
                current += 0.5
                seen = True
                i += 2
                continue
            current = max(current, 1.0)
            i += 1
            continue
        if w == "half":
            current += 0.5
            seen = True
        elif w in _SMALL:
            current += _SMALL[w]
            seen = True
        elif w in _TENS:
            current += _TENS[w]
            seen = True
        elif w == "dozen":
            current = (current or 1.0) * 12
            seen = True
        elif w == "hundred":
            current = (current or 1.0) * 100
            seen = True
        elif w in _SCALES:
            total += (current or 1.0) * _SCALES[w]
            current = 0.0
            seen = True
        else:
            return None
        i += 1
    return total + current if seen else None


def _clean_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 6)


def _singular(word: str) -> str:
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def _count_item(text: str, pos: int) -> tuple[str, int]:
    """The noun counted after ``pos`` (the first plural of the next three words) and its end."""
    words: list[tuple[str, int]] = []
    for _ in range(3):
        m = _NOUN_AFTER_RE.match(text, pos)
        if not m:
            break
        w = m.group(1)
        if w.lower() in _STOP_ITEM or (w[0].isupper() and words):
            break
        words.append((w, m.end()))
        pos = m.end()
    if not words:
        return "", pos
    for w, end in words:
        if w.lower().endswith("s") and not w.lower().endswith("ss"):
            return _singular(w), end
    return _singular(words[0][0]), words[0][1]


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
#: The characters other than ASCII letters that match an ASCII letter under
#: ``re.IGNORECASE`` (İ ı ſ and the Kelvin sign).
_ODD_FOLD = ("\u0130", "\u0131", "\u017f", "\u212a")


#: Where a match of :data:`_QUANTITY_RE` can start, besides digits: its currency
#: signs, or the first words of its qualifiers, its number words and "a" ("a
#: hundred"); or one character before any of these (the optional space before
#: the number). The words follow a word boundary and end before a space or a
#: boundary, so they start only where they are a whole run of letters.
_QUANTITY_SIGNS = ("us$", "$", "€", "£", "₸", "₽")
_QUANTITY_START_WORDS = frozenset(
    [
        "more", "less", "fewer", "at", "up", "over", "under", "about", "around", "approximately",
        "nearly", "almost", "roughly", "some", "only", "just", "past", "last", "next", "the",
        "within", "a", *_NUMBER_WORDS,
    ]
)  # fmt: skip


def _run_starts(lowered: str, words: Iterable[str]) -> list[int]:
    """Sorted positions where one of ``words`` stands as a whole run of letters in ``lowered``.

    Examples
    --------
    >>> _run_starts("it is a bit, it", ["it"])
    [0, 13]
    """
    out: list[int] = []
    n = len(lowered)
    for word in words:
        i = lowered.find(word)
        while i >= 0:
            j = i + len(word)
            if (i == 0 or not "a" <= lowered[i - 1] <= "z") and (
                j == n or not "a" <= lowered[j] <= "z"
            ):
                out.append(i)
            i = lowered.find(word, i + 1)
    out.sort()
    return out


def _scan(
    pattern: re.Pattern[str],
    text: str,
    lowered: str,
    words: Iterable[str],
    *,
    whole_words: Iterable[str] = (),
    one_before: bool = False,
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, trying the pattern only where a match can start.

    The caller guarantees that every match of ``pattern`` (compiled with
    ``re.IGNORECASE``) starts at a digit, at one of ``words`` (lower case) or
    at one of ``whole_words`` standing as a whole run of letters, or one
    character before one of these (``one_before``). Matching at those
    positions in order, from the end of the last match, gives the matches
    ``finditer`` gives without running the large pattern at every character.
    """
    if len(lowered) != len(text) or any(map(text.__contains__, _ODD_FOLD)):
        yield from pattern.finditer(text)
        return
    starts = {m.start() for m in _DIGIT_RE.finditer(text)}
    for word in words:
        i = lowered.find(word)
        while i >= 0:
            starts.add(i)
            i = lowered.find(word, i + 1)
    starts.update(_run_starts(lowered, whole_words))
    if one_before:
        starts |= {p - 1 for p in starts if p > 0}
    pos = 0
    for p in sorted(starts):
        if p < pos:
            continue
        m = pattern.match(text, p)
        if m is not None:
            yield m
            pos = m.end()


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
        elif g["m5"]:
            month = _month_number(g["m5"])
            rel = (g["rel5"] or "").lower()
            if rel and ref_year is not None:
                year = ref_year + {"next year": 1, "last year": -1, "this year": 0}[rel]
                value = _iso(str(year), month)
                qualifier = " ".join(x for x in (qualifier, rel) if x)
            elif ref_year is not None:
                value = _iso(str(ref_year), month)
                qualifier = " ".join(x for x in (qualifier, "year from context") if x)
            else:
                value = _iso(None, month)
        elif g["rel6"]:
            rel = g["rel6"].lower()
            if ref_year is None:
                continue
            value = str(ref_year + {"next year": 1, "last year": -1, "this year": 0}[rel])
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
        it "next year" is skipped and "August" becomes ``--08``.

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


def _letter_runs(lowered: str) -> frozenset[str]:
    """The runs of ASCII letters of a lower-cased text: the words the guards test.

    Examples
    --------
    >>> sorted(_letter_runs("c5+1 over 300 km"))
    ['c', 'km', 'over']
    """
    return frozenset(_ALPHA_RE.findall(lowered))


def _find_quantities(
    text: str, ref_year: int | None, lowered: str, words: frozenset[str]
) -> list[Quantity]:
    """:func:`find_quantities` given ``text.lower()`` and its :func:`_letter_runs`.

    The claim inventory computes both once per claim and shares them with the
    claim features.
    """
    has_digit = _DIGIT_RE.search(text) is not None
    periods: list[Quantity] = []
    if words & _PERIOD_TRIGGERS:
        for m in _PERIOD_RE.finditer(text):
            unit, factor = _UNIT_ALIASES[m.group("unit").lower()]
            qualifier = "past" if m.group("dir").lower() in {"past", "last", "previous"} else "next"
            periods.append(Quantity(int(factor), unit, m.group(0), m.start(), m.end(), qualifier))
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
    if not has_digit and not words & _NUMBER_TRIGGERS:
        return found
    for m in _MULTI_RE.finditer(text):
        if _overlaps((m.start(), m.end()), taken):
            continue
        cur_word = m.group("cur").lower()
        unit = _UNIT_ALIASES.get(cur_word + "s", _UNIT_ALIASES.get(cur_word, ("USD", 1.0)))[0]
        amount = _SCALES[m.group("scale").lower()]
        found.append(Quantity(amount, unit, m.group(0), m.start(), m.end(), "more than"))
        taken.append((m.start(), m.end()))
    starts = words & _QUANTITY_START_WORDS
    for m in _scan(
        _QUANTITY_RE, text, lowered, _QUANTITY_SIGNS, whole_words=starts, one_before=True
    ):
        num_span = (m.start("num"), m.end("num"))
        if _overlaps(num_span, taken):
            continue
        raw_num = m.group("num")
        value = parse_number_words(raw_num)
        if value is None:
            continue
        is_digit = raw_num[0].isdigit()
        unit_text = (m.group("unit") or "").lower()
        scale_text = (m.group("scale") or "").strip(" -").lower()
        cur = (m.group("cur") or "").lower()
        # labels: "Diplomacy 2.0", "Web 3.0", "Chapter 7"
        before = text[max(0, m.start("num") - 30) : m.start("num")]
        label = _LABEL_BEFORE_RE.search(before)
        if is_digit and not unit_text and not cur and label:
            prev_word = label.group(1)
            if prev_word.lower() not in _FUNCTION_WORDS and _month_number(prev_word) is None:
                continue
        scale = 1.0
        if scale_text:
            scale = {"bn": 1e9, "mln": 1e6, "m": 1e6, "k": 1e3}.get(scale_text, 0.0) or float(
                _SCALES.get(scale_text, 1)
            )
            if scale_text in {"m", "k"} and not cur:
                scale = 1.0
                scale_text = ""
        value *= scale
        unit = ""
        factor = 1.0
        if unit_text:
            unit, factor = _UNIT_ALIASES.get(unit_text, (unit_text, 1.0))
        if cur:
            unit = _CURRENCY_PREFIX.get(cur, "USD")
        lowered_num = raw_num.lower()
        word_tokens = [w for w in re.split(r"[\s-]+", lowered_num) if w not in {"and", "a"}]
        if not unit and not is_digit and len(word_tokens) == 1 and word_tokens[0] in _VAGUE_ONE:
            continue
        end = m.end()
        item = ""
        weak = False
        if not unit:
            # "42-point", "three hundred locomotives", "five presidents"
            end_num = m.end("scale") if m.group("scale") else m.end("num")
            if m.group("hyphen"):  # "42-point": the word after the hyphen is the item
                hm = _NOUN_AFTER_RE.match(text, end_num)
                item, end = (_singular(hm.group(1)), hm.end()) if hm else ("", end)
            else:
                item, end = _count_item(text, end_num)
            if not item and not is_digit:
                continue
            unit = "count"
            if not is_digit and value < 10:
                weak = True
        value *= factor
        qualifier = (m.group("qual") or "").lower()
        start = m.start() if qualifier or cur else m.start("num")
        if unit == "count" and qualifier in {
            "past",
            "last",
            "next",
            "the past",
            "the last",
            "the next",
        }:
            qualifier = ""
            start = m.start("num")
        found.append(
            Quantity(
                _clean_number(value),
                unit,
                text[start:end].strip(),
                start,
                end,
                qualifier,
                item,
                weak,
            )
        )
        taken.append((start, end))
    found.sort(key=lambda q: (q.start, q.end))
    return found


def quantities_to_json(quantities: Iterable[Quantity]) -> str:
    """Serialise quantities as the JSON list stored in the claim inventory.

    Examples
    --------
    >>> quantities_to_json(find_quantities("about 2.5 hours"))
    '[{"value": 2.5, "unit": "hour", "text": "about 2.5 hours", "qualifier": "about"}]'
    """
    records = [q.as_dict() for q in quantities]
    return json.dumps(records, ensure_ascii=False) if records else "[]"
