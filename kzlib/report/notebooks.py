"""The report's notebooks: which exist, which were chosen, in what order they start.

Examples
--------
>>> from pathlib import Path
>>> short_name("01_topics")
'topics'
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from kzlib.errors import InputError
from kzlib.paths import NOTEBOOKS_DIR
from kzlib.report.provenance import display_path

__all__ = ["find_notebooks", "select_notebooks", "short_name", "skip_slow_optional_imports"]

_NOTEBOOK_RE = re.compile(r"^(\d+)_(\w+)\.ipynb$")


def skip_slow_optional_imports() -> None:
    """Make jsonschema's optional ``rfc3987_syntax`` import fail fast (it costs ~1 s).

    jsonschema (imported by nbformat) imports it when installed, only to check
    the "iri" string format, which notebook schemas never use.

    Examples
    --------
    >>> skip_slow_optional_imports()
    """
    if "rfc3987_syntax" not in sys.modules and "jsonschema" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]


def find_notebooks(notebooks_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The ``NN_name.ipynb`` notebooks of a folder, in numeric order.

    Parameters
    ----------
    notebooks_dir : Path
        Folder to look in (not recursive).

    Returns
    -------
    list of Path
        Sorted by the number, then the name.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for n in ["10_b.ipynb", "2_a.ipynb", "notes.ipynb"]:
    ...     _ = (d / n).write_text("{}")
    >>> [p.name for p in find_notebooks(d)]
    ['2_a.ipynb', '10_b.ipynb']
    """
    found = []
    for path in notebooks_dir.glob("*.ipynb"):
        match = _NOTEBOOK_RE.match(path.name)
        if match:
            found.append((int(match.group(1)), path.name, path))
    return [path for _, _, path in sorted(found)]


def short_name(stem: str) -> str:
    """A notebook's name without its number (``01_topics`` -> ``topics``).

    Examples
    --------
    >>> short_name("notes")
    'notes'
    """
    match = re.match(r"^\d+_(.+)$", stem)
    return match.group(1) if match else stem


def select_notebooks(
    notebooks: list[Path], only: Iterable[str], *, notebooks_dir: Path
) -> list[Path]:
    """The notebooks named in ``only`` (all when it is empty), in numeric order.

    Raises
    ------
    InputError
        If a name matches no notebook.

    Examples
    --------
    >>> from pathlib import Path
    >>> nbs = [Path("00_corpus.ipynb"), Path("01_topics.ipynb")]
    >>> [p.stem for p in select_notebooks(nbs, ["topics"], notebooks_dir=Path("."))]
    ['01_topics']
    """
    wanted = [name.removesuffix(".ipynb") for name in only]
    if not wanted:
        return notebooks
    chosen: list[Path] = []
    for name in wanted:
        hits = [nb for nb in notebooks if name in {nb.stem, short_name(nb.stem)}]
        if not hits:
            have = ", ".join(nb.stem for nb in notebooks) or "none"
            raise InputError(
                f"--only {name}: no such notebook in {display_path(notebooks_dir)} "
                f"(have: {have}); give a name like 01_topics or topics"
            )
        chosen.extend(h for h in hits if h not in chosen)
    return [nb for nb in notebooks if nb in chosen]


def start_order(notebooks: list[Path], *, previous: Path, jobs: int) -> list[Path]:
    """Numeric order; with several jobs and a previous run, the longest notebooks first.

    Starting the longest first keeps a short one from ending the run alone on one
    core (longest-processing-time scheduling). Results do not depend on it.

    Examples
    --------
    >>> from pathlib import Path
    >>> [p.name for p in start_order([Path("00_a.ipynb")], previous=Path("/none"), jobs=2)]
    ['00_a.ipynb']
    """
    if jobs < 2 or not previous.is_file():
        return list(notebooks)
    try:
        runs = json.loads(previous.read_text(encoding="utf-8"))["notebooks"]
        seconds = {str(r["name"]): float(r["seconds"]) for r in runs}
    except (OSError, ValueError, KeyError, TypeError):
        return list(notebooks)
    unknown = float("inf")  # new notebooks first: they may be long
    return sorted(notebooks, key=lambda nb: -seconds.get(nb.stem, unknown))
