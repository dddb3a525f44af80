"""Tests for kzlib.claims.quantities: numbers in digits and words, units, dates."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzlib.claims import quantities
from kzlib.claims.numerals import parse_number_words
from kzlib.claims.quantities import find_quantities, quantities_to_json


def _vu(text: str, **kw: int) -> list[tuple[object, str]]:
    return [(q.value, q.unit) for q in find_quantities(text, **kw)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It carries eighty percent of all freight.", [(80, "percent")]),
        ("We will build five thousand kilometers of railway.", [(5000, "km")]),
        ("the purchase of three hundred locomotives", [(300, "count")]),
        ("a conversation lasting over two-and-a-half hours", [(2.5, "hour")]),
        ("The 42-point agreement covers many areas.", [(42, "count")]),
        ("locomotives over ten years", [(10, "year")]),
        ("Over the past twelve months, they agreed.", [(12, "month")]),
        ("for three decades after independence", [(30, "year")]),
        ("a $3.5 billion loan and 1,200 tonnes of grain", [(3_500_000_000, "USD"), (1200, "t")]),
        ("exports rose 15% and 2.5 per cent", [(15, "percent"), (2.5, "percent")]),
        ("some twenty-five delegations", [(25, "count")]),
        ("one hundred and twenty soldiers", [(120, "count")]),
    ],
)
def test_quantities_in_words_and_digits(text: str, expected: list[tuple[object, str]]) -> None:
    assert _vu(text) == expected


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("speech of September 24, 2025, to the Assembly", "2025-09-24", ""),
        ("In early December 2025, they spoke.", "2025-12", "early"),
        ("signed on 15 September 2022 in Samarkand", "2022-09-15", ""),
        ("By 2029, we will build more.", "2029", "by"),
        ("as recently as early 2025", "2025", "early"),
        ("published 2024-03-01", "2024-03-01", ""),
    ],
)
def test_dates_are_iso(text: str, value: str, qualifier: str) -> None:
    dates = [q for q in find_quantities(text) if q.is_date]
    assert [(q.value, q.qualifier) for q in dates] == [(value, qualifier)]


def test_relative_dates_need_a_reference_year() -> None:
    assert _vu("a summit in April next year", ref_year=2025) == [("2026-04", "date")]
    assert _vu("a summit next year") == [("", "date")]  # kept, unresolved
    assert find_quantities("a summit next year")[0].qualifier == "next year unresolved"
    assert _vu("In August, he visited.") == [("--08", "date")]
    assert _vu("signed last September", ref_year=2025) == [("2024-09", "date")]
    assert _vu("signed last September") == [("--09", "date")]


@pytest.mark.parametrize(
    "text",
    [
        "This is Diplomacy 2.0 in action.",
        "through the C5+1 platform and the G20",
        "It is one example among others.",
        "tensions rose and the often-cited tenets held",
    ],
)
def test_labels_and_vague_words_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_small_word_counts_are_weak_and_keep_their_item() -> None:
    (q,) = find_quantities("The region's five presidents met.")
    assert (q.value, q.unit, q.item, q.weak) == (5, "count", "president", True)


def test_json_is_a_list_of_value_unit_text() -> None:
    data = json.loads(quantities_to_json(find_quantities("eighty percent by 2029")))
    assert data == [
        {"value": 80, "unit": "percent", "text": "eighty percent"},
        {"value": "2029", "unit": "date", "text": "by 2029", "qualifier": "by"},
    ]


_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _words(n: int) -> str:
    """English words for 0 <= n < 1,000,000 (written here independently of kzlib)."""
    if n < 10:
        return _ONES[n]
    if n < 20:
        return _TEENS[n - 10]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " and " + _words(rest))
    rest = n % 1000
    return _words(n // 1000) + " thousand" + ("" if rest == 0 else " " + _words(rest))


@given(st.integers(min_value=0, max_value=999_999))
def test_parse_number_words_inverts_english_numerals(n: int) -> None:
    assert parse_number_words(_words(n)) == n


def test_parse_number_words_rejects_other_words() -> None:
    assert parse_number_words("several") is None
    assert parse_number_words("two-and-a-half") == 2.5


def test_periods_ending_now_are_durations_but_last_year_is_a_date() -> None:
    assert _vu("the shift over the past year") == [(1, "year")]
    assert _vu("during the last decade") == [(10, "year")]
    assert _vu("trade grew last year", ref_year=2025) == [("2024", "date")]


_PIECES = [
    "a", "A", "the", "about", "xabout", "over", "more than", "at least", "up to", "some", "US$",
    "BUS$", "$", "€", "£", "5", "1,200", "3.5", "2025", "twenty-five", "two-and-a-half",
    "hundred", "a hundred", "five thousand", "one", "ten", "often", "dozen", "million", "bn", "m",
    "percent", "%", "km", "years", "decades", "locomotives", "-", "-point", "past", "last",
    "next", "the past year", "within", "multibillion-dollar", "Chapter", "C5+1", "early", "by",
    "December", "May", "in May", "Sept.", "24", "summer", "next year", "2025-09-24", "\u017f",
    "\u212a", "\u0130", "é", "xMay", "market", "decade", "Marches", "midsummer", "of", "as of",
    "the end of", "mid-", "this year", "Aug.",
]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from([" ", "", "-", ", "]))))
def test_start_positions_find_what_finditer_finds(
    parts: list[tuple[str, str]],
) -> None:
    """Trying the patterns only where a match can start finds the same quantities."""
    text = "".join(p + sep for p, sep in parts)
    fast = find_quantities(text, ref_year=2025)
    scan = quantities._scan
    try:
        quantities._scan = lambda pattern, text, *args, **kwargs: pattern.finditer(text)  # type: ignore[assignment]
        assert find_quantities(text, ref_year=2025) == fast
    finally:
        quantities._scan = scan


@pytest.mark.parametrize(
    "text",
    [
        "The seventy-sixth session opened.",
        "the fifty- fourth session of the Assembly",
        "in the twenty first century",
        "the one hundredth anniversary",
        "The 21st meeting and the 79th session",
    ],
)
def test_ordinals_are_never_counts(text: str) -> None:
    assert [q for q in find_quantities(text) if q.unit != "date"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("trade reached USD 28.2 bn last year", [(28_200_000_000, "USD")]),
        ("a loan of EUR 300 million", [(300_000_000, "EUR")]),
        ("accounts for a fifth of its trade", [(0.2, "fraction")]),
        ("two-thirds of the population", [(0.666667, "fraction")]),
        ("shipped a half-ton of fuel", [(0.5, "t")]),
        ("growth of 4 per cent", [(4, "percent")]),
        ("seventy-six delegations attended", [(76, "count")]),
    ],
)
def test_currency_codes_fractions_and_per_cent(
    text: str, expected: list[tuple[object, str]]
) -> None:
    assert [(q.value, q.unit) for q in find_quantities(text) if q.unit != "date"] == expected


def test_a_denominator_without_of_is_an_ordinal_not_a_fraction() -> None:
    assert find_quantities("He won a third term.") == []


def test_year_ranges_are_two_dates() -> None:
    assert _vu("the programme for 2021-2025") == [("2021", "date"), ("2025", "date")]
