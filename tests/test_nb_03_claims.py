"""Execute notebooks/03_claims.ipynb with papermill, on the seeds and on another corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from nbrun import outputs_text, run_notebook

from kzlib.claims.extract import CLAIM_COLUMNS
from kzlib.claims.links import LINK_COLUMNS
from kzlib.paths import NOTEBOOKS_DIR, PROJECT_ROOT

NOTEBOOK = NOTEBOOKS_DIR / "03_claims.ipynb"
FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "corpus_small"


def test_notebook_has_no_def_and_plain_parameters() -> None:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    assert not any("def " in src for src in code)
    for line in code[0].splitlines():
        assert "#" in line, f"parameter without a comment: {line}"


@pytest.mark.notebook
def test_runs_on_seeds_and_writes_tables(tmp_path: Path) -> None:
    tables = tmp_path / "tables"
    nb = run_notebook("03_claims.ipynb", tmp_path, tables_dir=str(tables))
    text = outputs_text(nb)
    assert "kz-sortable" in text and "eighty percent" in text
    assert "Dmitry Peskov" in text
    assert "http" not in "".join(t for t in text.split("kz-sortable")[1:2])
    claims = pd.read_csv(tables / "claims.csv")
    links = pd.read_csv(tables / "claim_links.csv")
    assert list(claims.columns) == CLAIM_COLUMNS and len(claims) > 100
    assert list(links.columns) == LINK_COLUMNS and len(links) > 0


@pytest.mark.notebook
def test_runs_on_other_corpus_with_filters(tmp_path: Path) -> None:
    nb = run_notebook(
        "03_claims.ipynb",
        tmp_path,
        corpus=str(FIXTURE),
        min_checkworthiness=0.5,
        claim_types=["event", "quantitative"],
    )
    counts = next(c for c in nb["cells"] if c["id"] == "claims-06")  # type: ignore[attr-defined]
    table = "".join(counts["outputs"][0]["data"]["text/plain"])
    assert "event" in table and "evaluative" not in table
