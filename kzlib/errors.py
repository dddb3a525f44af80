"""Errors the command line turns into one line and a distinct exit status.

An :class:`InputError` is a problem with what the user gave (a file, a
parameter), not a bug. An :class:`OutputError` is an output path that is in
the way (a folder where a file is wanted, a file where a folder is wanted, a
folder that is not a report). A :class:`FaultError` is a fault of the
environment: permission denied, a full disk, an unreachable Dask scheduler.
The command line prints the message as one line (``kzlib: error: ...``), without
a traceback, and exits with the error's ``exit_status``; nothing half-written
is left at the target. The statuses follow BSD ``sysexits.h`` where one fits:

====  =============================================================
0     done
1     ``kzlib report``: a notebook failed (the report is written)
2     bad input or parameter (:class:`InputError`)
69    the Dask scheduler cannot be reached (:data:`EXIT_UNAVAILABLE`)
73    an output path is in the way (:class:`OutputError`)
74    input/output error, e.g. no space left on the device (:data:`EXIT_IO`)
77    permission denied on an input or an output (:data:`EXIT_PERMISSION`)
130   interrupted (Ctrl-C); 143: terminated (SIGTERM)
====  =============================================================

Examples
--------
>>> err = InputError("seeds/x.txt: file is empty; remove it or add text")
>>> str(err), err.exit_status
('seeds/x.txt: file is empty; remove it or add text', 2)
>>> OutputError("out.csv: is a folder").exit_status
73
"""

from __future__ import annotations

__all__ = [
    "EXIT_FAILED",
    "EXIT_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_IO",
    "EXIT_OUTPUT",
    "EXIT_PERMISSION",
    "EXIT_TERMINATED",
    "EXIT_UNAVAILABLE",
    "FaultError",
    "InputError",
    "OutputError",
]

#: ``kzlib report``: a notebook failed.
EXIT_FAILED: int = 1
#: Bad input or parameter.
EXIT_INPUT: int = 2
#: A service (the Dask scheduler) cannot be reached (``EX_UNAVAILABLE``).
EXIT_UNAVAILABLE: int = 69
#: An output path is in the way (``EX_CANTCREAT``).
EXIT_OUTPUT: int = 73
#: Input/output error such as a full disk (``EX_IOERR``).
EXIT_IO: int = 74
#: Permission denied (``EX_NOPERM``).
EXIT_PERMISSION: int = 77
#: Interrupted by Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED: int = 130
#: Terminated by SIGTERM (128 + SIGTERM).
EXIT_TERMINATED: int = 143


class InputError(ValueError):
    """A user-facing problem with an input file or parameter.

    The message names the file (and line, where there is one) and says what
    to do about it.
    """

    exit_status: int = EXIT_INPUT


class OutputError(InputError):
    """An output path that is in the way; the message says which and what to do.

    Examples
    --------
    >>> isinstance(OutputError("x"), InputError)
    True
    """

    exit_status: int = EXIT_OUTPUT


class FaultError(Exception):
    """A fault of the environment (permissions, disk, network), with its exit status.

    Parameters
    ----------
    message : str
        One line: what happened and what to do.
    exit_status : int
        One of the ``EXIT_*`` constants.

    Examples
    --------
    >>> FaultError("disk full", exit_status=EXIT_IO).exit_status
    74
    """

    def __init__(self, message: str, *, exit_status: int) -> None:
        super().__init__(message)
        self.exit_status = exit_status
