"""Tests for kzlib.text: the tokenizers (one per purpose) and the stop-word lists."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

import kzlib.topics
import kzlib.topics.model
from kzlib.errors import InputError
from kzlib.text import (
    CASE_WORD_RE,
    SPACED_RE,
    STOPWORDS_FILE,
    WORD_RE,
    case_words,
    count_spaced,
    count_words,
    english_stop_words,
    load_stopwords,
    topic_tokens,
    word_tokens,
)

# Texts that tell the rules apart: possessives, hyphens, dotted acronyms, digits,
# curly apostrophes, non-Latin letters, underscores, punctuation runs.
_TRICKY = [
    "Tokayev's U.S.-backed multi-vector policy, C5+1",
    "Kazakhstan\u2019s 42-point plan, 2.0. Done...",
    "Astana\u2014Moscow: \u0410\u0441\u0442\u0430\u043d\u0430 and \u00c9cole_normale",
    "  e.g. the U.N. and N.A.T.O.; x-y, a.b.c.d  ",
    "",
]


# ---------------------------------------------------------------------------
# tokens


def test_topic_tokens_split_hyphens_and_possessives_keep_acronyms() -> None:
    assert topic_tokens("Tokayev's U.S.-backed multi-vector 2025 C5+1") == [
        "tokayev",
        "u.s.",
        "backed",
        "multi",
        "vector",
    ]


def test_topic_tokens_are_lower_case_letters_only() -> None:
    for text in _TRICKY:
        for token in topic_tokens(text):
            assert token == token.lower()
            assert len(token) >= 2
            assert not any(ch.isdigit() or ch == "_" for ch in token), token


def test_word_tokens_keep_case_digits_and_inner_joiners() -> None:
    assert word_tokens("Kazakhstan\u2019s 42-point U.S. plan, 2.0.") == [
        "Kazakhstan\u2019s",
        "42-point",
        "U.S",
        "plan",
        "2.0",
    ]
    assert word_tokens("\u0410\u0441\u0442\u0430\u043d\u0430 snake_case") == [
        "\u0410\u0441\u0442\u0430\u043d\u0430",
        "snake",
        "case",
    ]


def test_word_tokens_follow_the_rule_of_rhetoric_tokenize() -> None:
    # rhetoric keeps its own copy until it switches to kzlib.text; the rule must be one
    from kzlib.rhetoric import tokenize as rhetoric_tokenize

    for text in _TRICKY:
        assert word_tokens(text) == rhetoric_tokenize(text), repr(text)


def test_count_words_agrees_with_its_regex_on_random_text() -> None:
    rng = random.Random(3)
    pieces = ["a", "Z", "0", "'", ".", "-", "\u2019", " ", "\n", "\u00e9", "U.S.", "x_y"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert count_words(text) == len(WORD_RE.findall(text)), repr(text)
    assert count_words("Kazakhstan's 42-point U.S. plan") == 4


def test_count_spaced_counts_runs_between_white_space() -> None:
    assert count_spaced("") == 0
    assert count_spaced(" a\tb\n\nc-d  ") == 3
    for text in _TRICKY:
        assert count_spaced(text) == len(SPACED_RE.findall(text)) == len(text.split())


def test_count_spaced_agrees_with_the_regex_on_every_code_point() -> None:
    # count_spaced splits with str.split: it must take the same characters for
    # white space as the regex \s does, or unit lengths would change
    spaces = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    assert "\u00a0" in spaces and "\u3000" in spaces
    assert not re.sub(r"\s", "", spaces)
    others = (chr(c) for c in range(sys.maxunicode + 1) if not chr(c).isspace())
    assert not any(re.fullmatch(r"\s", c) for c in others)
    assert count_spaced(f"a{spaces}b") == 2


def test_case_words_start_with_a_letter() -> None:
    assert case_words("Part 2: The U.S.-China Road") == ["Part", "The", "U.S.-China", "Road"]
    for text in _TRICKY:
        assert all(w[0].isascii() and w[0].isalpha() for w in case_words(text))
        assert case_words(text) == CASE_WORD_RE.findall(text)


# ---------------------------------------------------------------------------
# stop words


def test_english_stop_words_are_sklearns_list() -> None:
    words = english_stop_words()
    assert isinstance(words, frozenset)
    assert {"the", "and", "of"} <= words
    assert "kazakhstan" not in words


def test_stopwords_add_and_keep(tmp_path: Path) -> None:
    words = load_stopwords()
    assert {"the", "said", "january"} <= words
    assert "un" not in words  # the United Nations, although sklearn's list drops it
    assert "kazakhstan" not in words and "russia" not in words
    custom = tmp_path / "stop.csv"
    custom.write_text("term,action,category\nfoo,add,test\nthe,keep,test\n")
    words = load_stopwords(custom)
    assert "foo" in words and "the" not in words and "and" in words
    assert load_stopwords(custom, english=False) == frozenset({"foo"})


def test_stopwords_default_file_is_the_corpus_list() -> None:
    assert load_stopwords(STOPWORDS_FILE) == load_stopwords()
    added = load_stopwords(english=False)
    assert added and added <= load_stopwords()
    assert not added <= english_stop_words()


def test_stopwords_bad_row_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "stop.csv"
    bad.write_text("term,action,category\nfoo,add,x\nbar,drop,x\n")
    with pytest.raises(InputError, match=r"stop\.csv, line 3"):
        load_stopwords(bad)


def test_missing_stopword_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.csv: cannot read the stop-word list"):
        load_stopwords(tmp_path / "nope.csv")


# ---------------------------------------------------------------------------
# the names of kzlib 0.2.0 keep working


def test_topics_names_are_the_text_functions() -> None:
    assert kzlib.topics.tokenize is topic_tokens
    assert kzlib.topics.model.tokenize is topic_tokens
    assert kzlib.topics.load_stopwords is load_stopwords
    assert kzlib.topics.model.load_stopwords is load_stopwords
    assert kzlib.topics.STOPWORDS_FILE == STOPWORDS_FILE
