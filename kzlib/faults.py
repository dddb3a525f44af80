"""Faults of the environment as one line and an exit status (see :mod:`kzlib.errors`).

The command line checks its outputs and the Dask scheduler before any work
(:func:`check_output_file`, :func:`check_output_dir`, :func:`check_scheduler`),
so that a path in the way or an unreachable scheduler costs nothing, and turns
an ``OSError`` raised later (permission denied, disk full) into one line
(:func:`describe_os_error`). Outputs are written to scratch files and moved into
place (:mod:`kzlib.tables`), so nothing half-written is left at a target.

Examples
--------
>>> import errno
>>> describe_os_error(OSError(errno.ENOSPC, "No space left on device", "out.csv"))[0]
74
"""

from __future__ import annotations

import errno
import os
import socket
from pathlib import Path
from urllib.parse import urlsplit

from kzlib.errors import (
    EXIT_INPUT,
    EXIT_IO,
    EXIT_OUTPUT,
    EXIT_PERMISSION,
    EXIT_UNAVAILABLE,
    FaultError,
    InputError,
    OutputError,
)

__all__ = [
    "SCHEDULER_TIMEOUT",
    "check_output_dir",
    "check_output_file",
    "check_scheduler",
    "describe_os_error",
]

#: Seconds to wait for the Dask scheduler to accept a connection.
SCHEDULER_TIMEOUT: float = 5.0

_PERMISSION = {errno.EACCES, errno.EPERM, errno.EROFS}
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def describe_os_error(exc: OSError) -> tuple[int, str]:
    """The exit status and the one line for an ``OSError`` met while running a command.

    Parameters
    ----------
    exc : OSError
        The error.

    Returns
    -------
    tuple of (int, str)
        Exit status (:mod:`kzlib.errors`) and the message, naming the path.

    Examples
    --------
    >>> describe_os_error(PermissionError(13, "Permission denied", "/x/out.csv"))
    (77, '/x/out.csv: permission denied; give yourself access to it or choose another path')
    """
    name = exc.filename if exc.filename is not None else ""
    where = f"{name}: " if name else ""
    if isinstance(exc, PermissionError) or exc.errno in _PERMISSION:
        return EXIT_PERMISSION, (
            f"{where}permission denied; give yourself access to it or choose another path"
        )
    if exc.errno in _FULL:
        return EXIT_IO, (
            f"{where}no space left on the device ({exc.strerror}); free some space and run "
            "again (nothing was written there; earlier outputs are as they were)"
        )
    if isinstance(exc, IsADirectoryError):
        return EXIT_OUTPUT, f"{where}is a folder where a file is wanted; give a file name"
    if isinstance(exc, NotADirectoryError | FileExistsError):
        return EXIT_OUTPUT, (
            f"{where}a file is in the way where a folder is wanted; move it or choose another path"
        )
    if isinstance(exc, FileNotFoundError):
        return EXIT_INPUT, f"{where}not found; check the path"
    reason = exc.strerror or str(exc) or type(exc).__name__
    return EXIT_IO, f"{where}input/output error ({reason}); check the disk and run again"


def _existing_ancestor(path: Path) -> Path:
    for parent in path.parents:
        if parent.exists() or parent.is_symlink():
            return parent
    return Path(path.anchor or ".")


def _check_parent(path: Path, *, option: str) -> None:
    folder = _existing_ancestor(path)
    if not folder.is_dir():
        raise OutputError(
            f"{folder}: is a file where a folder is wanted for {option} {path}; "
            "move it or choose another path"
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise FaultError(
            f"{folder}: permission denied (cannot create {path.name} there); "
            f"give yourself write access or choose another {option}",
            exit_status=EXIT_PERMISSION,
        )


def check_output_file(path: Path, *, option: str = "--out") -> None:
    """Refuse an output file that cannot be written, before any work.

    Raises
    ------
    OutputError
        If ``path`` is a folder, or a file stands where one of its folders should be.
    FaultError
        If its folder cannot be written (permission denied, exit 77).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> check_output_file(d / "new" / "t.csv")
    >>> try:
    ...     check_output_file(d)
    ... except OutputError as exc:
    ...     print(exc.exit_status)
    73
    """
    path = Path(path)
    if path.is_dir():
        raise OutputError(
            f"{path}: is a folder; give {option} the name of a file (.csv or .parquet) instead"
        )
    _check_parent(path, option=option)


def check_output_dir(path: Path, *, option: str = "--out-dir") -> None:
    """Refuse an output folder that cannot be created or written, before any work.

    Raises
    ------
    OutputError
        If ``path`` or one of its parents is a file.
    FaultError
        If it cannot be created or written (permission denied, exit 77).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> check_output_dir(pathlib.Path(tempfile.mkdtemp()) / "topics")
    """
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise OutputError(
            f"{path}: is a file where a folder is wanted; move it or choose another {option}"
        )
    if path.is_dir():
        if not os.access(path, os.W_OK | os.X_OK):
            raise FaultError(
                f"{path}: permission denied; give yourself write access or choose another {option}",
                exit_status=EXIT_PERMISSION,
            )
        return
    _check_parent(path, option=option)


def check_scheduler(address: str, *, timeout: float = SCHEDULER_TIMEOUT) -> None:
    """Refuse a Dask scheduler address that is malformed or does not accept connections.

    Parameters
    ----------
    address : str
        ``tcp://HOST:PORT`` (or ``HOST:PORT``); other protocols are left to Dask.
    timeout : float
        Seconds to wait for the connection.

    Raises
    ------
    InputError
        If the address has no host or port (exit 2).
    FaultError
        If nothing accepts a connection there within ``timeout`` (exit 69).

    Examples
    --------
    >>> try:
    ...     check_scheduler("tcp://nowhere")
    ... except InputError as exc:
    ...     print(exc.exit_status)
    2
    """
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme not in {"tcp", "tls"}:
        return  # inproc://, ucx://...: Dask checks them
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        host, port = None, None
    if not host or port is None:
        raise InputError(
            f"--scheduler {address}: not a scheduler address; give tcp://HOST:PORT "
            "(e.g. tcp://10.0.0.5:8786)"
        )
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        if isinstance(exc, TimeoutError):
            reason = f"no answer in {timeout:g} s"
        raise FaultError(
            f"--scheduler {address}: cannot reach the Dask scheduler ({reason}); start it, "
            "check the address and firewall, or leave out --scheduler for a local cluster",
            exit_status=EXIT_UNAVAILABLE,
        ) from None
