"""Execute notebooks/00_corpus.ipynb with papermill, on the seeds and on another corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import papermill as pm
import pytest

from kzlib.paths import NOTEBOOKS_DIR, PROJECT_ROOT

NOTEBOOK = NOTEBOOKS_DIR / "00_corpus.ipynb"
FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "corpus_plain"


def _run(tmp_path: Path, **parameters: object) -> dict[str, object]:
    out = tmp_path / "out.ipynb"
    pm.execute_notebook(
        str(NOTEBOOK),
        str(out),
        parameters=parameters,
        kernel_name="python3",
        progress_bar=False,
        cwd=str(tmp_path),
    )
    return json.loads(out.read_text())  # type: ignore[no-any-return]


def _text_outputs(nb: dict[str, object]) -> str:
    chunks: list[str] = []
    for cell in nb["cells"]:  # type: ignore[attr-defined]
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            chunks.append("".join(data.get("text/markdown", "")))
            chunks.append("".join(data.get("text/plain", "")))
            chunks.append("".join(output.get("text", "")))
    return "\n".join(chunks)


@pytest.mark.notebook
def test_runs_on_seeds_with_defaults(tmp_path: Path) -> None:
    nb = _run(tmp_path)
    text = _text_outputs(nb)
    assert "Loaded **4 articles**" in text
    assert "Valikhan Tuleshov" in text


@pytest.mark.notebook
def test_runs_on_other_corpus_and_writes_tables(tmp_path: Path) -> None:
    tables = tmp_path / "tables"
    _run(tmp_path, corpus=str(FIXTURE), tables_dir=str(tables))
    corpus = pd.read_csv(tables / "corpus.csv")
    assert corpus["doc_id"].tolist() == ["astana_forum", "caspian_ferry"]
    assert corpus.set_index("doc_id").loc["caspian_ferry", "title_from"] == "inferred"
    audit = pd.read_csv(tables / "cleaning_audit.csv")
    unwraps = audit[(audit["doc_id"] == "caspian_ferry") & (audit["kind"] == "unwrap")]
    assert len(unwraps) == 3
    sentences = pd.read_csv(tables / "sentences.csv")
    assert (
        "New ferries for the Caspian route were ordered"
        in sentences["text"].iloc[sentences.index[sentences["doc_id"] == "caspian_ferry"][0]]
    )
