"""Errors raised for bad input.

An :class:`InputError` is a problem with what the user gave (a file, a
parameter), not a bug. The command line prints its message as one line and
exits with status 2, without a traceback.

Examples
--------
>>> err = InputError("seeds/x.txt: file is empty; remove it or add text")
>>> str(err)
'seeds/x.txt: file is empty; remove it or add text'
"""

from __future__ import annotations


class InputError(ValueError):
    """A user-facing problem with an input file or parameter.

    The message names the file (and line, where there is one) and says what
    to do about it.
    """
