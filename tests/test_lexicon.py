"""kzlib.rhetoric.lexicon and .scan: lexicon file validation (file:line) and matching rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzlib.errors import InputError
from kzlib.paths import LEXICON_DIR
from kzlib.rhetoric import scan as scan_module
from kzlib.rhetoric.lexicon import Lexicon, read_lexicon
from kzlib.rhetoric.scan import _candidates, _finditer_at, _Scan, find_all


def _lex(*pairs: tuple[str, str], hyphen_joins: bool = True) -> Lexicon:
    return Lexicon.from_terms(pairs, name="test", hyphen_joins=hyphen_joins)


def _found(lex: Lexicon, *texts: str) -> list[str]:
    return lex.find(list(texts))["match"].tolist()


# --- reading and validation -------------------------------------------------


def _write(tmp_path: Path, text: str, name: str = "hedges.v1.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_terms_categories_and_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, "term,category,note\nmay,modal,\nperhaps,adverb,x\nmight,modal,\n")
    lex = read_lexicon(path)
    assert lex.name == "hedges"
    assert lex.categories == ["modal", "adverb"]
    assert lex.terms["line"].tolist() == [2, 3, 4]
    assert lex.terms["note"].tolist() == ["", "x", ""]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("term,category,note\nmay,modal,\nmay,modal,\n", "hedges.v1.csv:3: 'may' is listed twice"),
        ("term,category,note\nmay,modal,\n,modal,\n", "hedges.v1.csv:3: term '': empty term"),
        ("term,category,note\nmay,Modal Verbs,\n", "hedges.v1.csv:2: category 'Modal Verbs'"),
        ("term,category,note\nmay,,\n", "hedges.v1.csv:2: empty category"),
        ("term,category,note\nmay,modal\n", "hedges.v1.csv:2: 2 fields, expected 3"),
        ("term,catgory,note\nmay,modal,\n", "hedges.v1.csv:1: missing column(s) category"),
        ("term,category,notes\nmay,modal,\n", "hedges.v1.csv:1: unknown column(s) notes"),
        ("term,category,note\n may,modal,\n", "hedges.v1.csv:2: term ' may': leading"),
        ("term,category,note\nmay!,modal,\n", "hedges.v1.csv:2: term 'may!'"),
        ("term,category,note\n", "hedges.v1.csv: no terms"),
        ("", "hedges.v1.csv: file is empty"),
    ],
)
def test_bad_rows_name_file_and_line(tmp_path: Path, content: str, fragment: str) -> None:
    path = _write(tmp_path, content)
    with pytest.raises(InputError) as err:
        read_lexicon(path)
    assert fragment in str(err.value)
    assert "\n" not in str(err.value)


def test_duplicate_names_both_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, "term,category,note\nmay,modal,\nmight,modal,\nmay,modal,\n")
    with pytest.raises(InputError, match=r":4: .*also line 2"):
        read_lexicon(path)


def test_not_utf8_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "hedges.v1.csv"
    path.write_bytes(b"term,category,note\nd\xe9j\xe0,modal,\n")
    with pytest.raises(InputError, match="not UTF-8"):
        read_lexicon(path)
    with pytest.raises(InputError, match="file not found"):
        read_lexicon(tmp_path / "nope.v1.csv")


def test_quoted_fields_and_bom_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "x.v1.csv"
    path.write_bytes('\ufeffterm,category,note\nno doubt,phrase,"a note, with a comma"\n'.encode())
    assert read_lexicon(path).terms["note"].tolist() == ["a note, with a comma"]


def test_every_shipped_lexicon_loads() -> None:
    files = sorted(LEXICON_DIR.glob("*.csv"))
    assert {f.name.split(".")[0] for f in files} >= {
        "hedges",
        "boosters",
        "attribution",
        "first_person",
        "frames",
        "metaphors",
        "negators",
    }
    for f in files:
        assert len(read_lexicon(f).terms) > 5


# --- matching rules ---------------------------------------------------------


def test_whole_words_only() -> None:
    lex = _lex(("may", "modal"))
    assert _found(lex, "dismay mayor may") == ["may"]


def test_hyphen_is_part_of_the_word_for_lexicons() -> None:
    lex = _lex(("vector", "physics"), ("energy", "physics"))
    assert _found(lex, "a multi-vector policy", "green-energy deals", "a new vector.") == ["vector"]


def test_hyphen_separates_words_for_gazetteers() -> None:
    lex = _lex(("U.S.", "United States"), ("Russia", "Russia"), hyphen_joins=False)
    assert _found(lex, "the U.S.-backed talks", "Russia-Ukraine war", "U.S.President") == [
        "U.S.",
        "Russia",
        "U.S.",
    ]


def test_lower_case_term_capitalised_only_at_sentence_or_quote_start() -> None:
    lex = _lex(("may", "modal"))
    texts = ["May we begin?", "They met in May 2025.", 'He said: "May it last."', "(May be.)"]
    found = lex.find(texts)
    assert found["item"].tolist() == [0, 2, 3]


def test_lower_case_term_never_matches_all_capitals() -> None:
    lex = _lex(("us", "plural"))
    assert _found(lex, "The US and us.") == ["us"]


def test_capitalised_term_matches_exactly() -> None:
    lex = _lex(("I", "singular"), ("Middle Corridor", "route"))
    assert _found(lex, "I think i can.", "the middle corridor or the Middle Corridor") == [
        "I",
        "Middle Corridor",
    ]


def test_spaces_apostrophes_and_wildcards() -> None:
    lex = _lex(("according to", "phrase"), ("Newton's law", "physics"), ("suggest*", "verb"))
    texts = ["according\u00a0 to them", "Newton\u2019s law holds", "it suggests and suggested"]
    assert _found(lex, *texts) == [
        "according\u00a0 to",
        "Newton\u2019s law",
        "suggests",
        "suggested",
    ]


def test_longest_term_wins_and_matches_do_not_overlap() -> None:
    lex = _lex(("corridor", "connectivity"), ("Middle Corridor", "connectivity"))
    found = lex.find(["The Middle Corridor is a corridor."])
    assert found["term"].tolist() == ["Middle Corridor", "corridor"]


def test_term_in_two_categories_counts_for_both() -> None:
    lex = _lex(("balance", "balancing"), ("balance", "physics"))
    found = lex.find(["a fine balance"])
    assert found["category"].tolist() == ["balancing", "physics"]


def test_offsets_are_per_text() -> None:
    lex = _lex(("judo", "martial_arts"))
    found = lex.find(["Judo first.", "then judo"])
    assert found[["item", "start", "end"]].values.tolist() == [[0, 0, 4], [1, 5, 9]]
    assert lex.find([]).empty


# --- properties -----------------------------------------------------------------------

_WORDS = ["may", "May", "multi-vector", "vector", "no", "doubt", "in", "my", "view", "US", "us"]
_GLUE = [" ", ", ", ". ", "-", " (", '" ', "\u2019s "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GLUE)), max_size=25))
def test_matches_are_whole_in_order_and_never_overlap(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + g for w, g in parts)
    lex = _lex(("may", "modal"), ("vector", "physics"), ("no doubt", "b"), ("in my view", "p"))
    found = lex.find([text, text.upper()])
    for item, start, end, match in found[["item", "start", "end", "match"]].itertuples(index=False):
        source = [text, text.upper()][item]
        assert source[start:end] == match
        assert start == 0 or not (source[start - 1].isalnum() or source[start - 1] == "-")
        assert end == len(source) or not (source[end].isalnum() or source[end] == "-")
    first = found[found["item"] == 0]
    assert (first["start"].to_numpy()[1:] >= first["end"].to_numpy()[:-1]).all()
    # Upper-cased text never matches the lower-case terms (ALL CAPS are acronyms).
    assert (found["item"] == 0).all()


# --- the scan that finds where terms may start ------------------------------------------

_TRICKY = [
    ("*n't", "negator"),
    ("suggest*", "verb"),
    ("no doubt", "phrase"),
    ("Newton's law", "physics"),
    ("may", "modal"),
    ("U.S.", "United States"),
    ("I", "singular"),
    ("in my view", "phrase"),
    ("ß-zone", "odd"),
    ("a*b", "odd"),
]
_PIECES = [
    "can't",
    "don’t",
    "n't",
    "_n't",
    "suggests",
    "no",
    "doubt",
    "Newton",
    "’s",
    "'s",
    "law",
    "May",
    "may",
    "U.S.",
    "I",
    "in",
    "my",
    "view",
    "SS-zone",
    "ß-zone",
    "axxb",
    "ab",
    "multi-",
]
_SEPARATORS = [" ", "  ", "\u00a0 ", "\n", "-", ", ", '"', "", "."]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_SEPARATORS)), max_size=30),
    st.booleans(),
)
def test_scan_finds_what_finditer_finds(parts: list[tuple[str, str]], hyphen_joins: bool) -> None:
    text = "".join(w + g for w, g in parts)
    texts = [text, text[::-1], text.upper()]
    lex = _lex(*_TRICKY, hyphen_joins=hyphen_joins)
    scan = _Scan(texts)
    (candidates,) = _candidates([lex], scan)
    expected = [(m.start(), m.group()) for m in lex.pattern.finditer(scan.joined)]
    assert _finditer_at(lex.pattern, scan.joined, candidates) == expected


@pytest.mark.parametrize("block", [1, 2, 7])
def test_scan_does_not_depend_on_the_block_of_starts(
    monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    texts = ["It may not be clear, no doubt.", "The U.S.-backed plan can't fail.", "", "May."]
    lexicons = [
        _lex(("may", "modal"), ("no doubt", "phrase"), ("be clear", "phrase")),
        _lex(("*n't", "negator"), ("not", "negator")),
        _lex(("U.S.", "United States"), ("backed", "verb"), hyphen_joins=False),
    ]
    whole = find_all(lexicons, texts)
    assert sum(len(found) for found in whole) >= 6
    monkeypatch.setattr(scan_module, "_STARTS_AT_ONCE", block)
    for found, expected in zip(find_all(lexicons, texts), whole, strict=True):
        assert found.equals(expected)


def test_find_all_equals_find_of_each() -> None:
    texts = ["It may not be clear, no doubt.", "The U.S.-backed plan can't fail.", ""]
    hedges = _lex(("may", "modal"), ("no doubt", "phrase"))
    negators = _lex(("*n't", "negator"), ("not", "negator"))
    places = _lex(("U.S.", "United States"), hyphen_joins=False)
    together = find_all([hedges, negators, places], texts)
    for lex, found in zip([hedges, negators, places], together, strict=True):
        assert found.equals(lex.find(texts))
    assert together[1]["match"].tolist() == ["not", "can't"]
    assert together[2]["match"].tolist() == ["U.S."]
