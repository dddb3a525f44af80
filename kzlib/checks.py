"""Checks of function arguments, with one message format for every analysis.

A bad argument raises :class:`~kzlib.errors.InputError` with one line that
names the parameter, the value given and what is allowed::

    parameter n_topics=0: must be an integer >= 1

Each check returns the value in the type the caller works with (an ``int``
for a NumPy integer, a tuple for a list pair), so a function can write
``n = check_int("n", n)`` and go on.

Examples
--------
>>> check_int("seed", 3, minimum=0)
3
>>> check_int("n_topics", 0)
Traceback (most recent call last):
...
kzlib.errors.InputError: parameter n_topics=0: must be an integer >= 1
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from kzlib.errors import InputError

__all__ = [
    "check_choice",
    "check_fraction",
    "check_int",
    "check_int_pair",
    "check_optional_int",
]


def _as_int(value: object, minimum: int) -> int | None:
    """``int(value)`` for an integer (not a bool) of at least ``minimum``, else None."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        return None
    number = int(value)
    return number if number >= minimum else None


def check_int(name: str, value: object, *, minimum: int = 1) -> int:
    """``value`` as an ``int``, if it is an integer (not a bool) of at least ``minimum``.

    Parameters
    ----------
    name : str
        The parameter's name, as the caller spells it.
    value : object
        What was passed.
    minimum : int, default 1
        Smallest value allowed.

    Returns
    -------
    int

    Raises
    ------
    InputError
        ``parameter <name>=<value>: must be an integer >= <minimum>``.

    Examples
    --------
    >>> import numpy as np
    >>> check_int("max_docs", np.int64(5))
    5
    """
    number = _as_int(value, minimum)
    if number is None:
        raise InputError(f"parameter {name}={value!r}: must be an integer >= {minimum}")
    return number


def check_optional_int(name: str, value: object, *, minimum: int = 1) -> int | None:
    """:func:`check_int` that lets ``None`` (no limit) through.

    Examples
    --------
    >>> check_optional_int("max_docs", None) is None
    True
    >>> check_optional_int("max_docs", 0)
    Traceback (most recent call last):
    ...
    kzlib.errors.InputError: parameter max_docs=0: must be an integer >= 1 or None
    """
    if value is None:
        return None
    number = _as_int(value, minimum)
    if number is None:
        raise InputError(f"parameter {name}={value!r}: must be an integer >= {minimum} or None")
    return number


def check_int_pair(name: str, value: object, *, minimum: int = 1) -> tuple[int, int]:
    """A pair ``(low, high)`` of integers ``>= minimum`` with ``low <= high``.

    Examples
    --------
    >>> check_int_pair("k_range", [2, 10])
    (2, 10)
    >>> check_int_pair("k_range", (5, 2))
    Traceback (most recent call last):
    ...
    kzlib.errors.InputError: parameter k_range=(5, 2): must be a pair low <= high of integers >= 1
    """
    pair = list(value) if isinstance(value, tuple | list) and len(value) == 2 else [None, None]
    low, high = (_as_int(v, minimum) for v in pair)
    if low is None or high is None or low > high:
        raise InputError(
            f"parameter {name}={value!r}: must be a pair low <= high of integers >= {minimum}"
        )
    return low, high


def check_choice(name: str, value: object, choices: Sequence[str]) -> str:
    """``value`` if it is one of ``choices``.

    Examples
    --------
    >>> check_choice("method", "lda", ("nmf", "lda"))
    'lda'
    >>> check_choice("method", "bert", ("nmf", "lda"))
    Traceback (most recent call last):
    ...
    kzlib.errors.InputError: parameter method='bert': must be one of nmf, lda
    """
    if not isinstance(value, str) or value not in choices:
        raise InputError(f"parameter {name}={value!r}: must be one of {', '.join(choices)}")
    return value


def check_fraction(name: str, value: object) -> float:
    """``value`` as a ``float``, if it is a real number from 0 to 1 (inclusive).

    Examples
    --------
    >>> check_fraction("ci", 0.95)
    0.95
    >>> check_fraction("ci", 95)
    Traceback (most recent call last):
    ...
    kzlib.errors.InputError: parameter ci=95: must be a number between 0 and 1
    """
    real = isinstance(value, int | float | np.integer | np.floating)
    number = float(value) if real and not isinstance(value, bool) else math.nan  # type: ignore[arg-type]
    if not 0 <= number <= 1:
        raise InputError(f"parameter {name}={value!r}: must be a number between 0 and 1")
    return number
