"""Execute notebooks/00_corpus.ipynb with papermill, on the seeds and on another corpus."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from nbrun import outputs_text, run_notebook

from kzlib.paths import NOTEBOOKS_DIR, PROJECT_ROOT

NOTEBOOK = NOTEBOOKS_DIR / "00_corpus.ipynb"
FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "corpus_plain"


@pytest.mark.notebook
def test_runs_on_seeds_with_defaults(tmp_path: Path) -> None:
    nb = run_notebook("00_corpus.ipynb", tmp_path)
    text = outputs_text(nb)
    assert "Loaded **4 articles**" in text
    assert "Valikhan Tuleshov" in text


@pytest.mark.notebook
def test_runs_on_other_corpus_and_writes_tables(tmp_path: Path) -> None:
    tables = tmp_path / "tables"
    run_notebook("00_corpus.ipynb", tmp_path, corpus=str(FIXTURE), tables_dir=str(tables))
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


@pytest.mark.notebook
def test_boilerplate_is_recorded_in_the_audit_and_kept_in_the_text(tmp_path: Path) -> None:
    folder = tmp_path / "speeches"
    folder.mkdir()
    for i, subject in enumerate(["drought and harvests", "debt and hurricanes"]):
        (folder / f"speech_{i}.txt").write_text(
            "Mr. President, Excellencies, Ladies and gentlemen,\n\n"
            f"Our country has suffered from {subject} for a decade and asks for help.\n\n"
            "Thank you for your attention.\n",
            encoding="utf-8",
        )
    tables = tmp_path / "tables"
    nb = run_notebook("00_corpus.ipynb", tmp_path, corpus=str(folder), tables_dir=str(tables))
    audit = pd.read_csv(tables / "cleaning_audit.csv")
    flagged = audit[audit["kind"] == "boilerplate"]
    assert set(flagged["before"]) == {
        "Mr. President, Excellencies, Ladies and gentlemen,",
        "Thank you for your attention.",
    }
    assert "**4 sentences** in 2 articles are boilerplate" in outputs_text(nb)
    sentences = pd.read_csv(tables / "sentences.csv")
    assert sentences["text"].str.contains("Thank you for your attention").sum() == 2
