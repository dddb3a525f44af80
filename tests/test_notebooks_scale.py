"""Every notebook on a corpus larger than it shows one article at a time.

``max_docs_shown=2`` on the four seeds (and ``max_fit_docs=3`` for topics) takes
the same code paths as 10,000 articles with the defaults: figures aggregate,
tables list a seeded sample, models fit on a sample. The written tables must
still cover every article.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from nbrun import outputs_text, run_notebook

from kzlib.corpus import article_labels, load_corpus
from kzlib.corpus.document import sample_doc_ids
from kzlib.paths import SEEDS_DIR


def _seed_ids() -> list[str]:
    return sorted(p.stem for p in SEEDS_DIR.glob("*.txt"))


def _doc_ids_shown(nb: dict[str, Any]) -> set[str]:
    return {d for d in _seed_ids() if d in outputs_text(nb)}


def _n_images(nb: dict[str, Any]) -> int:
    return sum(
        "image/png" in out.get("data", {})
        for cell in nb["cells"]
        for out in cell.get("outputs", [])
    )


@pytest.fixture(scope="module")
def sample() -> list[str]:
    return sample_doc_ids(_seed_ids(), 2, seed=0)


@pytest.mark.notebook
def test_corpus_notebook_lists_a_sample_and_writes_every_article(
    tmp_path: Path, sample: list[str]
) -> None:
    tables = tmp_path / "tables"
    nb = run_notebook("00_corpus.ipynb", tmp_path, tables_dir=str(tables), max_docs_shown=2)
    text = outputs_text(nb)
    assert "random sample of **2 articles** (seed 0)" in text
    assert _n_images(nb) == 2
    assert pd.read_csv(tables / "corpus.csv")["doc_id"].nunique() == 4
    assert pd.read_csv(tables / "sentences.csv")["doc_id"].nunique() == 4


@pytest.mark.notebook
def test_topics_notebook_fits_a_sample_and_weights_every_article(tmp_path: Path) -> None:
    tables = tmp_path / "tables"
    nb = run_notebook(
        "01_topics.ipynb",
        tmp_path,
        tables_dir=str(tables),
        n_topics=3,
        n_stability=1,
        max_fit_docs=3,
        max_docs_shown=2,
    )
    text = outputs_text(nb)
    assert "fitted on a random sample of **3 articles** (seed 0)" in text
    doc_topics = pd.read_csv(tables / "doc_topics.csv")
    assert doc_topics["doc_id"].nunique() == 4
    assert doc_topics.groupby("doc_id")["weight"].sum().round(6).eq(1.0).all()


@pytest.mark.notebook
def test_rhetoric_notebook_samples_pairs_and_lists_nearest_articles(
    tmp_path: Path, sample: list[str]
) -> None:
    tables = tmp_path / "tables"
    nb = run_notebook(
        "02_rhetoric.ipynb", tmp_path, tables_dir=str(tables), max_docs_shown=2, n_boot=50
    )
    assert "random sample of **2 articles** (seed 0)" in outputs_text(nb)
    assert _n_images(nb) == 4  # profile, similarity, salience, co-occurrence
    similar = pd.read_csv(tables / "similarity.csv")
    assert sorted(similar["doc_a"].unique()) == sample and len(similar) == 4
    nearest = pd.read_csv(tables / "similarity_nearest.csv")
    assert len(nearest) == 4 and (nearest["doc_a"] != nearest["doc_b"]).all()
    assert pd.read_csv(tables / "rhetoric.csv")["doc_id"].nunique() == 4


@pytest.mark.notebook
def test_claims_notebook_counts_types_for_a_sample_and_the_corpus(
    tmp_path: Path, sample: list[str]
) -> None:
    tables = tmp_path / "tables"
    nb = run_notebook("03_claims.ipynb", tmp_path, tables_dir=str(tables), max_docs_shown=2)
    text = outputs_text(nb)
    assert "all articles" in text
    assert _n_images(nb) == 2  # claim counts, links
    claims = pd.read_csv(tables / "claims.csv")
    assert claims["doc_id"].nunique() == 4
    # the crosstab lists the sampled articles and the corpus total, not every article
    crosstab = next(
        "".join(out["data"]["text/plain"])
        for cell in nb["cells"]
        if "pd.crosstab" in "".join(cell["source"])
        for out in cell.get("outputs", [])
        if "text/plain" in out.get("data", {})
    )
    names = article_labels(load_corpus().to_frame())  # rows are named by label, not id
    shown = {d for d in _seed_ids() if names[d] in crosstab}
    assert shown == set(sample)
    assert str(len(claims)) in crosstab  # the total of the "all articles" row
