"""Numbers in words and digits, their scales, and the units and currencies they carry.

The vocabulary :mod:`kzlib.claims.quantities` reads amounts with: number words
("eighty", "two-and-a-half", "a dozen"), scale words, unit and currency
aliases normalised to a small controlled vocabulary, and the noun a bare
number counts ("three hundred locomotives" -> "locomotive").

Examples
--------
>>> parse_number_words("twenty-five")
25.0
>>> _UNIT_ALIASES["kilometres"]
('km', 1.0)
"""

from __future__ import annotations

import re

__all__ = ["parse_number_words"]

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
_CURRENCY_PREFIX = {
    "$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "₸": "KZT", "₽": "RUB",
    # ISO codes written before the amount ("USD 28.2 bn")
    "usd": "USD", "eur": "EUR", "gbp": "GBP", "kzt": "KZT", "rub": "RUB", "cny": "CNY",
}  # fmt: skip
#: Denominators of fractions in words ("a fifth", "two-thirds", "a half-ton").
_DENOMINATORS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_NOUN_AFTER_RE = re.compile(r"\s*(?:-\s*)?([A-Za-z][A-Za-z\-]*)")
_STOP_ITEM = frozenset(
    """
    of the a an and or to in on at for with by from as than that which who is are was
    were be been over under after before more less times per last next this previous year
    years month months week weeks day days
    """.split()  # noqa: SIM905
)


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


def _is_plural(word: str) -> bool:
    w = word.lower()
    return w.endswith("s") and not w.endswith("ss")


def _count_item(text: str, pos: int) -> tuple[str, int]:
    """The noun counted after ``pos`` and its end.

    The first plural among the next three lower-case words, skipping a name
    before them ("16 United Nations agencies" -> agency); a name alone is kept
    ("five Central ..." -> central) when no lower-case word follows.
    """
    words: list[tuple[str, int]] = []
    names: list[tuple[str, int]] = []
    for _ in range(7):
        m = _NOUN_AFTER_RE.match(text, pos)
        if not m:
            break
        w = m.group(1)
        if w.lower() in _STOP_ITEM or ("-" in m.group(0) and (words or names)):
            break  # a dash between words ends the phrase
        if w[0].isupper():
            if words:
                break
            names.append((w, m.end()))
        else:
            words.append((w, m.end()))
            if len(words) == 3:
                break
        pos = m.end()
    if names and not any(_is_plural(w) for w, _ in words):
        words = []  # after a name only a plural noun is counted ("16 United Nations agencies")
    if not words:
        words = names[:1]
    if not words:
        return "", pos
    for w, end in words:
        if _is_plural(w):
            return _singular(w), end
    return _singular(words[0][0]), words[0][1]
