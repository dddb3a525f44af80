"""The notebooks in the repository are stored as CONTRIBUTING.md says.

Stored without outputs or execution counts (so diffs show only what a person
changed and reports are always regenerated), with the ``python3`` kernelspec
papermill needs, and a ``parameters`` cell declaring the contract parameters.
Executing them is tested in ``tests/test_report.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kzlib.paths import NOTEBOOKS_DIR
from kzlib.report.runner import CONTRACT_PARAMETERS, declared_parameters, find_notebooks

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
pytestmark = pytest.mark.skipif(not NOTEBOOKS, reason="the project has no notebooks yet")


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_holds_no_outputs_or_execution_counts(path: Path) -> None:
    stale = [
        i
        for i, cell in enumerate(_load(path)["cells"])
        if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count"))
    ]
    assert stale == [], (
        f"{path.name}: cells {stale} hold outputs or execution counts; clear them "
        "(jupyter nbconvert --clear-output --inplace, or nbstripout)"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_named_and_declares_the_contract(path: Path) -> None:
    assert path in find_notebooks(NOTEBOOKS_DIR), f"{path.name}: name it NN_name.ipynb"
    nb = _load(path)
    assert nb["metadata"].get("kernelspec", {}).get("name") == "python3"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and "parameters" in code[0].get("metadata", {}).get("tags", []), (
        f"{path.name}: the first code cell must be tagged 'parameters'"
    )
    declared = declared_parameters(path)
    assert set(CONTRACT_PARAMETERS) <= set(declared), declared
