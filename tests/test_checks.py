"""Tests for kzlib.checks: every check accepts what it should and says the same thing when not."""

from __future__ import annotations

import re

import numpy as np
import pytest

from kzlib.checks import (
    check_choice,
    check_fraction,
    check_int,
    check_int_pair,
    check_optional_int,
)
from kzlib.errors import InputError

# Every message: "parameter <name>=<repr of value>: must be ...", on one line.
_FORMAT = re.compile(r"parameter (\w+)=(.+): must be [^\n]+")


def _message(call: object) -> str:
    assert callable(call)
    with pytest.raises(InputError) as err:
        call()
    text = str(err.value)
    assert _FORMAT.fullmatch(text), text
    return text


def test_check_int_accepts_integers_at_or_above_the_minimum() -> None:
    assert check_int("n", 1) == 1
    assert check_int("seed", 0, minimum=0) == 0
    value = check_int("n", np.int64(7))
    assert value == 7 and type(value) is int


@pytest.mark.parametrize("bad", [0, -3, True, False, 2.0, "3", None, [1]])
def test_check_int_refuses_what_is_not_an_integer_ge_minimum(bad: object) -> None:
    text = _message(lambda: check_int("n_topics", bad))
    assert text == f"parameter n_topics={bad!r}: must be an integer >= 1"


def test_check_int_minimum_is_in_the_message() -> None:
    assert _message(lambda: check_int("n_terms", 1, minimum=2)).endswith(">= 2")
    assert _message(lambda: check_int("seed", -1, minimum=0)).endswith(">= 0")


def test_check_optional_int_lets_none_through() -> None:
    assert check_optional_int("max_docs", None) is None
    assert check_optional_int("max_docs", 3) == 3
    assert (
        _message(lambda: check_optional_int("max_docs", 0))
        == "parameter max_docs=0: must be an integer >= 1 or None"
    )


def test_check_int_pair() -> None:
    assert check_int_pair("k_range", [2, 10]) == (2, 10)
    assert check_int_pair("k_range", (3, 3)) == (3, 3)
    for bad in [(2,), (5, 2), (0, 3), (1, 2, 3), "ab", (1.0, 2), None]:
        text = _message(lambda bad=bad: check_int_pair("k_range", bad))
        assert text.startswith(f"parameter k_range={bad!r}: must be a pair low <= high")


def test_check_choice() -> None:
    assert check_choice("method", "nmf", ("nmf", "lda")) == "nmf"
    for bad in ["bert", "NMF", None, 1]:
        text = _message(lambda bad=bad: check_choice("method", bad, ("nmf", "lda")))
        assert text == f"parameter method={bad!r}: must be one of nmf, lda"


def test_check_fraction() -> None:
    assert check_fraction("ci", 0) == 0.0
    assert check_fraction("ci", 1) == 1.0
    assert check_fraction("ci", np.float32(0.5)) == 0.5
    for bad in [-0.1, 1.5, float("nan"), True, "0.5", None]:
        text = _message(lambda bad=bad: check_fraction("ci", bad))
        assert text == f"parameter ci={bad!r}: must be a number between 0 and 1"

