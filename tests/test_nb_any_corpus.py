"""Every notebook on a corpus that is not the seeds names only that corpus (issue 15).

The notebooks run on ``tests/fixtures/corpus_news`` (six public-domain U.S.
government texts) with small parameters. Everything a reader sees (the
Markdown cells and every output) must name only articles of that corpus and
terms found in it: a seed article's id or title, or a word distinctive of the
seeds that this corpus lacks (a name, a metaphor, a keyword of one seed
article), means a sentence was written for the seeds rather than computed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from nbrun import outputs_text, run_notebook

from kzlib import rhetoric
from kzlib.corpus import load_corpus, sentences_frame
from kzlib.paths import NOTEBOOKS_DIR, PROJECT_ROOT, SEEDS_DIR
from kzlib.text import load_stopwords

CORPUS = PROJECT_ROOT / "tests" / "fixtures" / "corpus_news"
WORD = re.compile(r"[A-Za-z][A-Za-z']{3,}")
MID_CAPITAL = re.compile(r"(?<=[a-z,] )[A-Z][A-Za-z']{3,}")
#: a computed finding each notebook must state about the corpus it ran on
FINDING = {
    "00_corpus.ipynb": "Loaded **6 articles**",
    "01_topics.ipynb": "over 6 articles",
    "02_rhetoric.ipynb": "Compared across 6 articles",
    "03_claims.ipynb": "claims in 6 articles",
}
SMALL = {
    "00_corpus.ipynb": {},
    "01_topics.ipynb": {"n_stability": 2, "k_max": 4, "group": "publisher"},
    "02_rhetoric.ipynb": {"n_boot": 50, "group": "publisher", "target": "mission"},
    "03_claims.ipynb": {},
}


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


def _visible(nb: dict[str, Any]) -> str:
    """What a reader of the executed notebook sees: Markdown cells and every output."""
    md = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    return "\n".join([*md, outputs_text(nb)])


@pytest.fixture(scope="module")
def seed_marks() -> set[str]:
    """Ids, title words, names and keywords of the seeds that the news corpus lacks."""
    seeds = load_corpus(SEEDS_DIR)
    stops = set(load_stopwords())
    news = load_corpus(CORPUS)
    news_words = set().union(*(_words(d.text) for d in news)) | _words(
        " ".join(str(t) for t in news.to_frame()["title"])
    )
    marks = set(seeds.doc_ids)
    for title in seeds.to_frame()["title"].dropna():
        marks |= _words(str(title)) - news_words
    text = " ".join(d.text for d in seeds)
    lower = {w for w in WORD.findall(text) if w[0].islower()}
    # names: capitalised inside a sentence and never written in lower case
    marks |= {w.lower() for w in MID_CAPITAL.findall(text) if w.lower() not in lower}
    return marks - news_words - stops - _configured()


def _configured() -> set[str]:
    """What the configuration names (actors, lexicon categories): may show on any corpus."""
    names = _words((PROJECT_ROOT / "data" / "actors.csv").read_text(encoding="utf-8"))
    measures = rhetoric.load_lexicons().rate_measures()
    return names | _words(" ".join(m.replace("_", " ") for m, _, _ in measures))


@pytest.fixture(scope="module")
def seed_keywords() -> set[str]:
    """Top keywords of one seed article only, absent from the news: no output may name them."""
    news = load_corpus(CORPUS)
    news_words = set().union(*(_words(d.text) for d in news))
    keys = rhetoric.keyness(sentences_frame(load_corpus(SEEDS_DIR)), top=20)
    own = {str(t).lower() for t in keys.loc[keys["count_rest"] == 0, "term"]}
    return own - news_words - set(load_stopwords()) - _configured()


@pytest.mark.notebook
@pytest.mark.parametrize("name", sorted(SMALL))
def test_notebook_names_only_the_corpus_it_ran_on(
    name: str, tmp_path: Path, seed_marks: set[str], seed_keywords: set[str]
) -> None:
    nb = run_notebook(name, tmp_path, corpus=str(CORPUS), **SMALL[name])
    seen = _visible(nb)
    ids = {m for m in seed_marks if "_" in m and m in seen}
    # fixed prose and outputs: no seed id, title word or name; outputs: no seed keyword either
    # (the notebook's own words, e.g. column names, are not computed findings)
    own = _words((NOTEBOOKS_DIR / name).read_text(encoding="utf-8"))
    words = ({m for m in seed_marks if "_" not in m} & _words(seen)) | (
        (seed_keywords - own) & _words(outputs_text(nb))
    )
    assert FINDING[name] in outputs_text(nb)
    if "group" in SMALL[name]:  # the group sections ran (the manifest's own column)
        assert "state_department" in outputs_text(nb)
    assert not ids and not words, (
        f"{name} names what is not in {CORPUS.name}: {sorted(ids | words)}"
    )


def test_the_check_can_fail(seed_marks: set[str], seed_keywords: set[str]) -> None:
    """The marks catch the seed-specific prose the notebooks used to hold."""
    old = "one argues through judo metaphors, as 000_844f52fa49c433e9 (Tuleshov) does"
    assert {"judo", "tuleshov"} <= _words(old) & (seed_marks | seed_keywords)
    assert "000_844f52fa49c433e9" in seed_marks
    assert "Kazakhstan".lower() not in seed_marks  # shared by both corpora: allowed
