"""Scratch files and folders beside a target: named after their owner, removed when stale.

Every output is built under a scratch name beside its target and moved into place
at the end (:mod:`kzlib.tables`, :mod:`kzlib.report.output`). A run killed by
SIGKILL (or a power cut) cannot remove its scratch, so the name says whose it is::

    .NAME.PID@HOST-RANDOM.tmp          a table being written (kzlib.tables)
    .NAME.building-PID@HOST-RANDOM     a report being built (kzlib.report)
    .NAME.old-PID@HOST-RANDOM          a replaced report being deleted

``HOST`` is a short hash of the host name, so a folder shared between machines is
safe. :func:`remove_stale` deletes the scratch of one target whose process is gone
(same host, pid not running), or which is older than :data:`MAX_AGE` seconds
(another host, or a pid reused since); it never touches a name that does not
match these patterns exactly. Names from kzlib 0.2 (``.NAME.XXXXXXXX.tmp``,
``.NAME.building-XXXXXXXX``: no pid) are removed by age only.

Scratch is created with ``os.open``/``os.mkdir`` and the default modes (0o666,
0o777), so the user's umask decides who may read the output, as for any other
file (``tempfile`` would force 0o600/0o700).

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> tmp = scratch_file(d / "t.csv")
>>> tmp.name.startswith(".t.csv.") and tmp.name.endswith(".tmp")
True
>>> is_scratch(tmp, d / "t.csv"), is_scratch(d / "notes.tmp", d / "t.csv")
(True, False)
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import shutil
import socket
import time
from pathlib import Path

__all__ = [
    "MAX_AGE",
    "OWNER",
    "is_scratch",
    "remove_stale",
    "scratch_dir",
    "scratch_file",
]

#: Scratch older than this (seconds) is stale whoever made it: one week.
MAX_AGE: float = 7 * 24 * 3600.0
#: Scratch of kzlib 0.2 (no pid in the name) is stale after one day.
_LEGACY_AGE = 24 * 3600.0

_HOST = hashlib.sha256(socket.gethostname().encode()).hexdigest()[:6]
_KINDS = ("building", "old")


def _owner() -> str:
    return f"{os.getpid()}@{_HOST}"


#: This process's tag in scratch names (``PID@HOST``).
OWNER: str = _owner()


def _patterns(target: Path) -> list[re.Pattern[str]]:
    name = re.escape(target.name)
    owned = r"(?P<pid>\d+)@(?P<host>[0-9a-f]{6})-[0-9a-f]{8}"
    legacy = r"(?P<legacy>[a-z0-9_]{8})"
    kinds = "|".join(_KINDS)
    return [
        re.compile(rf"^\.{name}\.{owned}\.tmp$"),
        re.compile(rf"^\.{name}\.(?:{kinds})-{owned}$"),
        re.compile(rf"^\.{name}\.{legacy}\.tmp$"),
        re.compile(rf"^\.{name}\.(?:{kinds})-{legacy}$"),
    ]


def _match(path: Path, target: Path) -> re.Match[str] | None:
    for pattern in _patterns(target):
        found = pattern.match(path.name)
        if found:
            return found
    return None


def is_scratch(path: Path, target: Path) -> bool:
    """Whether ``path`` is a scratch name of ``target`` (in the same folder).

    Examples
    --------
    >>> from pathlib import Path
    >>> is_scratch(Path("/r/.report.building-12@abcdef-0123abcd"), Path("/r/report"))
    True
    >>> is_scratch(Path("/r/.report.building-mine"), Path("/r/report"))
    False
    """
    return path.parent == target.parent and _match(path, target) is not None


def _new_name(target: Path, kind: str | None) -> Path:
    tag = f"{_owner()}-{secrets.token_hex(4)}"
    name = f".{target.name}.{tag}.tmp" if kind is None else f".{target.name}.{kind}-{tag}"
    return target.parent / name


def scratch_file(target: Path) -> Path:
    """Create an empty scratch file beside ``target`` (mode 0o666 less the umask).

    Parameters
    ----------
    target : Path
        The file the scratch will replace; its folder must exist.

    Returns
    -------
    Path
        The new file, ``.NAME.PID@HOST-RANDOM.tmp``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = scratch_file(pathlib.Path(tempfile.mkdtemp()) / "x.csv")
    >>> p.stat().st_size
    0
    """
    while True:
        path = _new_name(target, None)
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
        except FileExistsError:  # pragma: no cover - 32 random bits
            continue
        os.close(fd)
        return path


def scratch_dir(target: Path, *, kind: str = "building") -> Path:
    """Create an empty scratch folder beside ``target`` (mode 0o777 less the umask).

    Parameters
    ----------
    target : Path
        The folder the scratch will replace; its parent must exist.
    kind : str
        ``building`` (a new output) or ``old`` (a replaced one being deleted).

    Returns
    -------
    Path
        The new folder, ``.NAME.KIND-PID@HOST-RANDOM``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> scratch_dir(pathlib.Path(tempfile.mkdtemp()) / "r").is_dir()
    True
    """
    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {_KINDS}, not {kind!r}")
    while True:
        path = _new_name(target, kind)
        try:
            path.mkdir(mode=0o777)
        except FileExistsError:  # pragma: no cover - 32 random bits
            continue
        return path


def _pid_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _stale(path: Path, found: re.Match[str], *, now: float) -> bool:
    try:
        age = now - path.lstat().st_mtime
    except OSError:
        return False
    groups = found.groupdict()
    if groups.get("legacy"):
        return age > _LEGACY_AGE
    pid, host = int(groups["pid"]), groups["host"]
    if host == _HOST and pid != os.getpid() and not _pid_running(pid):
        return True
    return age > MAX_AGE


def remove_stale(target: Path) -> list[Path]:
    """Delete the stale scratch of ``target`` left by killed runs; return what was removed.

    Only names :func:`is_scratch` accepts are considered; a name whose owner is
    still running (and not older than :data:`MAX_AGE`) is kept. Errors (e.g. no
    permission) are ignored: the scratch stays, the run goes on.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> host = OWNER.split("@")[1]
    >>> _ = (d / f".t.csv.999999999@{host}-0123abcd.tmp").write_text("")  # a dead pid
    >>> _ = (d / ".t.csv.notes.tmp").write_text("")  # not kzlib's: kept
    >>> [p.name.split("@")[0] for p in remove_stale(d / "t.csv")]
    ['.t.csv.999999999']
    """
    folder = target.parent
    prefix = f".{target.name}."
    try:
        candidates = [p for p in folder.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return []
    removed: list[Path] = []
    now = time.time()
    for path in sorted(candidates):
        found = _match(path, target)
        if found is None or not _stale(path, found, now=now):
            continue
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path)
    return removed
