"""What a notebook's outputs depend on, as one hash: the key of incremental rebuilds.

A notebook of the report reads the corpus, its parameters, the project's
data (lexicons, stop words) and kzlib, and runs in the locked environment.
:func:`notebook_fingerprint` hashes all of it: the corpus files (names and
contents), the resolved parameters, the notebook file, every kzlib source file
and data file, ``requirements.lock`` and the options that change the page
(``no_input``). ``kzlib report`` records the hash of each notebook in
``run.json``; the next run on the same ``--out`` reuses a notebook's executed
copy, page and tables when its hash is unchanged (:func:`reusable`).

Like Quarto's ``freeze`` and ploomber, this trusts that the inputs above are all
a notebook reads: a notebook that read the clock or the network would be
reused all the same. ``--force`` rebuilds everything; a fresh ``--out`` (as in
CI) has nothing to reuse.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp()); nb = d / "00_a.ipynb"; _ = nb.write_text("{}")
>>> shared = shared_inputs(corpus=d)
>>> a = notebook_fingerprint(nb, {"seed": 0}, shared=shared)
>>> a == notebook_fingerprint(nb, {"seed": 0}, shared=shared)
True
>>> a == notebook_fingerprint(nb, {"seed": 1}, shared=shared)
False
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kzlib.corpus.sources import source_files
from kzlib.digest import file_sha256, file_tree, files_digest
from kzlib.paths import DATA_DIR, PROJECT_ROOT
from kzlib.report.record import NotebookRun

__all__ = [
    "FINGERPRINT_VERSION",
    "notebook_fingerprint",
    "previous_record",
    "reusable",
    "reuse_outputs",
    "reuse_plan",
    "shared_inputs",
]

#: Changes when what the fingerprint covers changes, so older records are not trusted.
FINGERPRINT_VERSION = 1
_KZLIB_DIR = PROJECT_ROOT / "kzlib"
_LOCKFILE = PROJECT_ROOT / "requirements.lock"


def shared_inputs(*, corpus: Path, options: Mapping[str, Any] | None = None) -> str:
    """The hash of what every notebook reads: corpus, kzlib, data, lockfile, options.

    Parameters
    ----------
    corpus : Path
        The corpus folder (its ``.txt`` files and manifest are hashed) or table file.
    options : mapping, optional
        Run options that change every page (e.g. ``{"no_input": True}``).

    Returns
    -------
    str
        A hex SHA-256.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> shared_inputs(corpus=d) == shared_inputs(corpus=d, options={"no_input": True})
    False
    """
    corpus = Path(corpus)
    parts = {
        "version": FINGERPRINT_VERSION,
        "corpus": files_digest(
            source_files(corpus), root=corpus if corpus.is_dir() else corpus.parent
        ),
        "kzlib": files_digest(file_tree(_KZLIB_DIR, suffixes={".py", ".j2"}), root=_KZLIB_DIR),
        "data": files_digest(file_tree(DATA_DIR), root=DATA_DIR),
        "lock": file_sha256(_LOCKFILE) if _LOCKFILE.is_file() else None,
        "options": dict(options or {}),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def notebook_fingerprint(notebook: Path, parameters: Mapping[str, Any], *, shared: str) -> str:
    """The hash of one notebook's inputs: the notebook file, its parameters, ``shared``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> nb = pathlib.Path(tempfile.mkdtemp()) / "n.ipynb"; _ = nb.write_text("{}")
    >>> len(notebook_fingerprint(nb, {}, shared="x"))
    64
    """
    parts = {
        "shared": shared,
        "notebook": file_sha256(notebook),
        "parameters": dict(parameters),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def reusable(
    previous: Mapping[str, Any] | None,
    *,
    fingerprint: str,
    out: Path,
    checksums: Mapping[str, str],
) -> bool:
    """Whether a previous run's record of a notebook can stand for a new run.

    It can when it ran without error with the same fingerprint and its executed
    notebook, page and every table it wrote are still in ``out`` unchanged
    (the tables' checksums in ``run.json``).

    Parameters
    ----------
    previous : mapping, optional
        The notebook's entry in the previous ``run.json``.
    fingerprint : str
        The notebook's fingerprint now.
    out : Path
        The report folder that holds the previous run.
    checksums : mapping
        SHA-256 of each table of the previous run (``tables/x.csv`` to hex).

    Examples
    --------
    >>> reusable(None, fingerprint="x", out=Path("."), checksums={})
    False
    """
    if not previous or previous.get("status") != "ok":
        return False
    if previous.get("fingerprint") != fingerprint:
        return False
    for rel in (previous.get("notebook"), previous.get("html")):
        if not isinstance(rel, str) or not (out / rel).is_file():
            return False
    for rel in previous.get("tables", []):
        path = out / rel
        if not path.is_file() or file_sha256(path) != checksums.get(rel):
            return False
    return True


def previous_record(out: Path) -> dict[str, Any] | None:
    """The previous report's ``run.json`` at ``out``, if there is one that can be read.

    Examples
    --------
    >>> previous_record(Path("/nonexistent")) is None
    True
    """
    try:
        record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def reuse_plan(
    notebooks: list[Path],
    plan: dict[Path, dict[str, Any]],
    *,
    corpus: Path,
    out: Path,
    previous: dict[str, Any] | None,
    no_input: bool,
) -> tuple[dict[Path, str], dict[Path, dict[str, Any]]]:
    """Each notebook's fingerprint, and the previous runs that can stand for this one.

    Examples
    --------
    >>> callable(reuse_plan)
    True
    """
    shared = shared_inputs(corpus=corpus, options={"no_input": no_input})
    prints = {nb: notebook_fingerprint(nb, plan[nb], shared=shared) for nb in notebooks}
    if previous is None:
        return prints, {}
    entries = {e.get("name"): e for e in previous.get("notebooks", []) if isinstance(e, dict)}
    checksums = {
        t["path"]: t["sha256"]
        for t in previous.get("tables", [])
        if isinstance(t, dict) and "path" in t and "sha256" in t
    }
    reuse = {
        nb: entries[nb.stem]
        for nb in notebooks
        if reusable(entries.get(nb.stem), fingerprint=prints[nb], out=out, checksums=checksums)
    }
    return prints, reuse


def reuse_outputs(
    nb: Path, entry: dict[str, Any], *, build: Path, out: Path, params: dict[str, Any]
) -> NotebookRun:
    """Copy a notebook's outputs from the previous report into ``build``, byte for byte.

    Examples
    --------
    >>> callable(reuse_outputs)
    True
    """
    tables = tuple(str(t) for t in entry.get("tables", []))
    for rel in (entry["notebook"], entry["html"], *tables):
        target = build / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(out / rel, target)
    seconds = float(entry.get("seconds", 0.0))
    return NotebookRun(nb.stem, nb, params, "ok", "", seconds, tables, True, entry["fingerprint"])
