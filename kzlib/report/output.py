"""The report folder: checked, built beside its target, swapped into place atomically.

A report is built in a scratch folder beside ``DIR`` (:func:`prepare_out`,
named as in :mod:`kzlib.scratch`) and swapped into place at the end
(:func:`swap_into_place`). After any interruption (an exception, Ctrl-C,
SIGKILL, a power cut) ``DIR`` holds either the previous report or the new one,
complete:

* no previous ``DIR``: one ``rename`` of the build folder;
* a previous ``DIR`` on Linux: one ``renameat2(RENAME_EXCHANGE)``, which swaps
  the two folders in a single step; the previous report, now at the build
  folder's name, is then deleted;
* elsewhere (no ``renameat2``, or a filesystem without it): two renames, the
  previous report first moved aside, so a kill between them leaves no ``DIR``
  (the previous report stays beside it as ``.DIR.old-*``).

A run killed before it could delete its scratch leaves a ``.DIR.building-*`` or
``.DIR.old-*`` folder; the next run on the same ``DIR`` removes it once its
process is gone (:func:`kzlib.scratch.remove_stale`).

Examples
--------
>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "report"
>>> build = prepare_out(out)
>>> _ = (build / "run.json").write_text("{}")
>>> swap_into_place(build, out)
>>> sorted(p.name for p in out.iterdir()), build.exists()
(['run.json'], False)
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
from pathlib import Path

from kzlib.errors import OutputError
from kzlib.scratch import remove_stale, scratch_dir

__all__ = ["discard", "exchange", "prepare_out", "swap_into_place"]

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV}


def prepare_out(out: Path) -> Path:
    """Check that ``out`` may be (re)placed; return a fresh build folder beside it.

    Stale scratch of ``out`` left by killed runs is removed first.

    Raises
    ------
    OutputError
        If ``out`` is a file, a folder that is neither empty nor a report
        (``run.json``), or its parent is a file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "f"
    >>> _ = f.write_text("")
    >>> try:
    ...     prepare_out(f)
    ... except OutputError as exc:
    ...     print(str(exc).split(": ", 1)[1])
    exists and is not a folder; choose another --out
    """
    out = out.resolve()
    if out.exists():
        if not out.is_dir():
            raise OutputError(f"{out}: exists and is not a folder; choose another --out")
        if any(out.iterdir()) and not (out / "run.json").is_file():
            raise OutputError(
                f"{out}: folder exists and is not a kzlib report (no run.json); "
                "choose another --out or empty it"
            )
    for parent in (out.parent, *out.parent.parents):
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(
                    f"{parent}: is a file where a folder is wanted for --out {out}; "
                    "choose another --out"
                )
            break
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out)
    return scratch_dir(out)


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths in one atomic step (Linux ``renameat2``).

    Returns
    -------
    bool
        True when swapped; False when the system or filesystem cannot (nothing
        changed).

    Raises
    ------
    OSError
        Any other failure (e.g. permission denied).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "a").mkdir(); _ = (d / "a" / "A").write_text(""); (d / "b").mkdir()
    >>> exchange(d / "a", d / "b") is False or [p.name for p in (d / "b").iterdir()]
    ['A']
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # pragma: no cover - glibc < 2.28, musl
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(second))


def discard(folder: Path) -> None:
    """Delete a scratch folder (errors ignored: a later run removes what is left).

    Examples
    --------
    >>> import pathlib
    >>> discard(pathlib.Path("/nonexistent/kzlib"))
    """
    shutil.rmtree(folder, ignore_errors=True)


def swap_into_place(build: Path, out: Path) -> None:
    """Put the finished report ``build`` at ``out``; delete the previous report.

    See the module docstring for what each step leaves if interrupted.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "r").mkdir(); _ = (d / "r" / "run.json").write_text("old")
    >>> b = prepare_out(d / "r"); _ = (b / "run.json").write_text("new")
    >>> swap_into_place(b, d / "r")
    >>> (d / "r" / "run.json").read_text(), sorted(p.name for p in d.iterdir())
    ('new', ['r'])
    """
    if not out.exists() and not out.is_symlink():
        os.rename(build, out)
        return
    if exchange(build, out):
        discard(build)  # the previous report, now at the build folder's name
        return
    old = scratch_dir(out, kind="old")
    os.replace(out, old)
    os.replace(build, out)
    discard(old)
