"""Helpers for the notebook tests: execute a project notebook, read its outputs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import papermill as pm

from kzlib.paths import NOTEBOOKS_DIR


def run_notebook(name: str, tmp_path: Path, **parameters: object) -> dict[str, Any]:
    """Execute ``notebooks/<name>`` with papermill in ``tmp_path``; return the executed JSON."""
    out = tmp_path / "out.ipynb"
    pm.execute_notebook(
        str(NOTEBOOKS_DIR / name),
        str(out),
        parameters=parameters,
        kernel_name="python3",
        progress_bar=False,
        cwd=str(tmp_path),
    )
    return json.loads(out.read_text())  # type: ignore[no-any-return]


def outputs_text(nb: dict[str, Any]) -> str:
    """All markdown, HTML, plain-text and stream outputs of an executed notebook."""
    chunks: list[str] = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for mime in ("text/markdown", "text/html", "text/plain"):
                chunks.append("".join(data.get(mime, "")))
            chunks.append("".join(output.get("text", "")))
    return "\n".join(chunks)
