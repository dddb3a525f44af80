"""What tables of the corpus a notebook will ask for, read from its code.

A notebook loads its corpus with ``corpus_tables(corpus, ["corpus", "sentences"])``
(:func:`kzlib.pipeline.corpus_tables`). Before any notebook runs, the report reads
those lists from the notebooks it will execute and computes the union in one
streamed pass (:func:`notebook_tables`), so that notebooks running side by side
find their tables on disk instead of each loading and cleaning the corpus. A
call whose list is not a literal is not read: that notebook computes its own.

Examples
--------
>>> import nbformat, tempfile, pathlib
>>> nb = nbformat.v4.new_notebook()
>>> nb.cells = [nbformat.v4.new_code_cell('%matplotlib inline\\nt = corpus_tables(c, ["claims"])')]
>>> path = pathlib.Path(tempfile.mkdtemp()) / "n.ipynb"
>>> nbformat.write(nb, path)
>>> sorted(notebook_tables([path]))
['claims']
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterable
from pathlib import Path

__all__ = ["notebook_tables"]

_CALL = "corpus_tables"


def _code_cells(path: Path) -> list[str]:
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        return []
    return [
        "".join(c.get("source", "")) if isinstance(c.get("source"), list) else c.get("source", "")
        for c in cells
        if c.get("cell_type") == "code"
    ]


def _tables_in(source: str) -> set[str]:
    # IPython magics and shell lines are not Python: blank them, keeping line numbers.
    lines = ["" if ln.lstrip().startswith(("%", "!")) else ln for ln in source.splitlines()]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return set()
    found: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or len(node.args) < 2:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        stages = node.args[1]
        if name == _CALL and isinstance(stages, (ast.List, ast.Tuple)):
            found.update(
                e.value
                for e in stages.elts
                if isinstance(e, ast.Constant) and isinstance(e.value, str)
            )
    return found


def notebook_tables(notebooks: Iterable[Path]) -> set[str]:
    """The table names the notebooks pass to ``corpus_tables`` as literal lists.

    Parameters
    ----------
    notebooks : iterable of Path
        ``.ipynb`` files.

    Returns
    -------
    set of str
        Stage names (``corpus``, ``sentences``, ``claims`` ...); unreadable
        notebooks and non-literal lists contribute nothing.
    """
    found: set[str] = set()
    for path in notebooks:
        for source in _code_cells(Path(path)):
            found |= _tables_in(source)
    return found
