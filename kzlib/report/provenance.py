"""Provenance of a run: what produced a report, from which inputs, when.

A report is only citable if a reader can tell exactly what made it: the
kzlib version and git commit, the Python and package versions, and a
checksum of every input file (articles, manifest, notebooks, data files,
parameter file). :func:`collect_provenance` gathers these into a plain,
JSON-ready dictionary that ``kzlib report`` writes to ``run.json`` and shows
in the index page.

Examples
--------
>>> from kzlib.paths import SEEDS_DIR
>>> prov = collect_provenance(inputs=[SEEDS_DIR / "manifest.csv"])
>>> sorted(prov)
['git', 'inputs', 'kernel_python', 'kzlib_version', 'packages', 'platform', 'python']
"""

from __future__ import annotations

import platform
import re
import subprocess
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from kzlib import __version__
from kzlib.digest import file_sha256
from kzlib.paths import PROJECT_ROOT

__all__ = [
    "collect_provenance",
    "display_path",
    "file_sha256",
    "git_state",
    "package_versions",
    "reader_path",
]

#: Packages whose versions are recorded besides kzlib's own requirements: the
#: machinery that executes and renders the notebooks.
RUNTIME_PACKAGES: tuple[str, ...] = ("ipykernel", "jupyter_client", "nbclient", "nbformat")


def display_path(path: Path) -> str:
    """A path as shown to readers: relative to the project root when inside it.

    Parameters
    ----------
    path : Path
        Any path.

    Returns
    -------
    str
        POSIX-style path, relative to the project root if the path is inside it,
        absolute otherwise.

    Examples
    --------
    >>> from kzlib.paths import SEEDS_DIR
    >>> display_path(SEEDS_DIR / "manifest.csv")
    'seeds/manifest.csv'
    """
    resolved = path.resolve()
    try:
        return resolved.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return resolved.as_posix()


def reader_path(path: Path) -> str:
    """A path as a report shows it: relative to the project root, else only its name.

    A report is read on other machines: the folders of the machine that built it
    mean nothing there (and a temporary one, nothing anywhere).

    Examples
    --------
    >>> from kzlib.paths import SEEDS_DIR
    >>> reader_path(SEEDS_DIR), reader_path(Path("/data/news/corpus"))
    ('seeds', 'corpus')
    """
    shown = display_path(path)
    return shown if not shown.startswith("/") else Path(shown).name or shown


def git_state(*, root: Path = PROJECT_ROOT) -> dict[str, Any]:
    """The git commit of ``root`` and whether its tracked files differ from it.

    Parameters
    ----------
    root : Path
        Folder inside a git work tree.

    Returns
    -------
    dict
        ``{"commit": str | None, "dirty": bool | None}``; both ``None`` when
        ``root`` is not a git work tree or git is not installed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> git_state(root=pathlib.Path(tempfile.mkdtemp()))
    {'commit': None, 'dirty': None}
    """

    def run(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", "-C", str(root), *args],
                capture_output=True,
                text=True,
                check=False,
                timeout=30,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout if done.returncode == 0 else None

    commit = run("rev-parse", "HEAD")
    if commit is None:
        return {"commit": None, "dirty": None}
    status = run("status", "--porcelain", "--untracked-files=no")
    return {"commit": commit.strip(), "dirty": None if status is None else bool(status.strip())}


def package_versions(*, extra: Iterable[str] = RUNTIME_PACKAGES) -> dict[str, str | None]:
    """Installed versions of kzlib's requirements and of ``extra`` packages.

    Parameters
    ----------
    extra : iterable of str
        Further distribution names to record.

    Returns
    -------
    dict
        Distribution name to version (``None`` when not installed), sorted by
        lower-case name.

    Examples
    --------
    >>> package_versions(extra=["papermill"])["papermill"]
    '2.7.0'
    """
    names: set[str] = set(extra)
    try:
        requires = metadata.requires("kzlib") or []
    except metadata.PackageNotFoundError:
        requires = []
    for req in requires:
        if "extra ==" in req:
            continue
        match = re.match(r"[A-Za-z0-9_.\-]+", req)
        if match:
            names.add(match.group(0))
    versions: dict[str, str | None] = {}
    for name in sorted(names, key=str.lower):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def collect_provenance(
    *, inputs: Iterable[Path], kernel_python: Path | None = None
) -> dict[str, Any]:
    """Everything needed to say what produced a run.

    Parameters
    ----------
    inputs : iterable of Path
        Input files to checksum (articles, manifest, notebooks, data files,
        parameter file); listed in the given order, duplicates dropped.
    kernel_python : Path, optional
        Interpreter the notebook kernels ran with (default: this one).

    Returns
    -------
    dict
        Keys ``kzlib_version``, ``git`` (commit, dirty), ``python`` (version,
        executable), ``kernel_python``, ``platform``, ``packages`` (name to
        version) and ``inputs`` (a list of ``{"path", "sha256", "bytes"}``).

    Examples
    --------
    >>> import kzlib
    >>> collect_provenance(inputs=[])["kzlib_version"] == kzlib.__version__
    True
    """
    seen: set[Path] = set()
    files: list[dict[str, Any]] = []
    for path in inputs:
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        files.append(
            {
                "path": display_path(resolved),
                "sha256": file_sha256(resolved),
                "bytes": resolved.stat().st_size,
            }
        )
    return {
        "kzlib_version": __version__,
        "git": git_state(),
        "python": {"version": platform.python_version(), "executable": sys.executable},
        "kernel_python": str(kernel_python or sys.executable),
        "platform": platform.platform(),
        "packages": package_versions(),
        "inputs": files,
    }
