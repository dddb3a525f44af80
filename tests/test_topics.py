"""Tests for kzlib.topics (and its CLI command and notebook).

Behaviour is checked on the seeds and on a small corpus written for the test,
with three plainly separate themes (rail freight, nuclear testing, water), so
that a model that mixed them up, or a stability measure that could not tell
a planted theme from noise, would fail.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from nbrun import run_notebook

from kzlib.cli import main
from kzlib.corpus.document import load_corpus
from kzlib.corpus.segment import sentences_frame
from kzlib.errors import InputError
from kzlib.paths import NOTEBOOKS_DIR
from kzlib.tables import write_table
from kzlib.text import load_stopwords
from kzlib.topics.coherence import npmi_coherence
from kzlib.topics.model import TopicModel, fit_topics, topic_tables
from kzlib.topics.units import make_units

MakeCorpus = Callable[[dict[str, bytes | str]], Path]

THEMES: dict[str, str] = {
    "rail_a.txt": (
        "Freight trains now cross the steppe every day. The railway carries containers from the "
        "border to the Caspian port, where ferries take the cargo on.\n"
        "New locomotives were ordered for the corridor. Each locomotive pulls more wagons, and the "
        "railway plans to double the freight it carries by the end of the decade.\n"
        "At the port, cranes lift containers from the wagons onto ferries. Cargo waits for days "
        "when the ferries are late, and freight rates rise.\n"
    ),
    "rail_b.txt": (
        "The corridor depends on the ferries across the Caspian. A container train reaches the "
        "port in days, but the cargo may wait a week for a ferry.\n"
        "Railway engineers are laying new track so that longer freight trains can run. More "
        "locomotives and wagons will follow the new track.\n"
        "Shippers say the corridor will compete only if the port handles more containers and the "
        "railway keeps its freight trains on time.\n"
    ),
    "nuclear_a.txt": (
        "For forty years the test site in the steppe saw nuclear explosions. Radiation reached "
        "villages near the site, and doctors still record its effects.\n"
        "The country gave up the nuclear weapons it inherited. Uranium was shipped away, and "
        "inspectors confirmed that the warheads were gone.\n"
        "Today the government argues for disarmament. It signed the treaty banning nuclear tests "
        "and asks the nuclear powers to reduce their weapons.\n"
    ),
    "nuclear_b.txt": (
        "Survivors of the nuclear tests still live near the old site. Radiation maps show where "
        "the fallout settled, and doctors follow the villages closely.\n"
        "Giving up the weapons was a choice of principle. Inspectors watched the uranium leave, "
        "and the treaty on nonproliferation became the basis of policy.\n"
        "Diplomats now press for disarmament talks. They say a world without nuclear weapons "
        "begins with a treaty that bans every test.\n"
    ),
    "water_a.txt": (
        "The Aral Sea lost most of its water when rivers were diverted for irrigation. Cotton "
        "fields took the water, and the sea shrank into salty lakes.\n"
        "A dam in the north has brought part of the sea back. Fish have returned, and the river "
        "again reaches the shore in spring.\n"
        "Glaciers feed the rivers of the basin, but they are melting. Drought years leave the "
        "irrigation canals dry and the cotton harvest small.\n"
    ),
    "water_b.txt": (
        "Every country of the basin draws water from the same two rivers. Irrigation for cotton "
        "takes most of it, and little reaches the Aral Sea.\n"
        "Engineers want a new dam to store water from the glaciers. Farmers downstream fear the "
        "dam will leave their canals dry in a drought.\n"
        "Scientists say the glaciers will shrink for decades. The basin needs a water treaty "
        "before drought turns the rivers into a source of conflict.\n"
    ),
}
THEME_WORDS: dict[str, set[str]] = {
    "rail": {"railway", "freight", "ferries", "port", "cargo", "containers", "wagons", "corridor"},
    "nuclear": {"nuclear", "weapons", "radiation", "site", "uranium", "treaty", "test", "tests"},
    "water": {"water", "rivers", "irrigation", "cotton", "dam", "glaciers", "drought", "aral"},
}


@pytest.fixture(scope="module")
def seed_model(seed_sentences: pd.DataFrame) -> TopicModel:
    """The default model of the seeds (auto k, NMF on paragraphs, seed 0)."""
    return fit_topics(seed_sentences)


@pytest.fixture
def themes_dir(make_corpus: MakeCorpus) -> Path:
    return make_corpus(dict(THEMES))


@pytest.fixture
def themes_sentences(themes_dir: Path) -> pd.DataFrame:
    return sentences_frame(load_corpus(themes_dir))


def _theme_of(terms: list[str]) -> str:
    hits = {name: len(words & set(terms)) for name, words in THEME_WORDS.items()}
    return max(hits, key=lambda name: hits[name])


# ---------------------------------------------------------------------------
# units


@pytest.mark.parametrize("unit", ["paragraph", "sentence", "window"])
def test_units_cover_every_body_sentence_once(seed_sentences: pd.DataFrame, unit: str) -> None:
    units = make_units(seed_sentences, unit=unit, window_size=3)
    body = seed_sentences[seed_sentences["kind"] == "body"]
    wanted = set(zip(body["doc_id"], body["sent_id"], strict=True))
    covered = [
        (doc, s)
        for doc, first, last in zip(
            units["doc_id"], units["first_sent"], units["last_sent"], strict=True
        )
        for s in range(first, last + 1)
        if (doc, s) in wanted  # a window may span a heading, which is not part of it
    ]
    assert sorted(covered) == sorted(wanted)
    assert (
        units.groupby("doc_id")["unit_id"].apply(lambda s: s.tolist() == list(range(len(s))))
    ).all()


def test_headings_are_not_units(seed_sentences: pd.DataFrame) -> None:
    headings = seed_sentences[seed_sentences["kind"] == "heading"]
    assert len(headings) > 5
    units = make_units(seed_sentences, unit="sentence")
    assert not set(headings["text"]) & set(units["text"])


def test_one_line_article_gives_several_paragraph_units(seed_sentences: pd.DataFrame) -> None:
    units = make_units(seed_sentences)
    one_line = units[units["doc_id"].str.startswith("001")]
    assert len(one_line) >= 4
    # long paragraphs are cut near the cap, never mid-sentence
    assert one_line["n_words"].max() <= 200
    uncut = make_units(seed_sentences, max_unit_words=None)
    assert len(uncut[uncut["doc_id"].str.startswith("001")]) < len(one_line)


def test_window_units_have_window_size_sentences(seed_sentences: pd.DataFrame) -> None:
    units = make_units(seed_sentences, unit="window", window_size=4)
    sizes = units["last_sent"] - units["first_sent"] + 1
    # headings inside a window make its sent_id range wider, never narrower
    assert (sizes >= 1).all()
    last = units.groupby("doc_id")["unit_id"].transform("max") == units["unit_id"]
    assert (sizes[~last] >= 4).all()


# ---------------------------------------------------------------------------
# coherence


def test_npmi_extremes() -> None:
    texts = [["judo", "balance", "force"] * 5, ["railway", "corridor", "freight"] * 5]
    together, apart, missing = npmi_coherence(
        [["judo", "force"], ["judo", "railway"], ["judo", "absent"]], texts, window=3
    )
    assert together == pytest.approx(1.0)
    assert apart < -0.9
    assert missing == -1.0


def test_npmi_counts_ngrams_as_consecutive_words() -> None:
    texts = [["central", "asia", "water"] + ["x"] * 6 + ["asia", "central", "river"] + ["x"] * 6]
    bigram_water, bigram_river, word_river = npmi_coherence(
        [["central asia", "water"], ["central asia", "river"], ["central", "river"]],
        texts,
        window=3,
    )
    assert bigram_water > 0.4
    assert bigram_river < -0.5  # never together: "asia central" is not "central asia"
    assert word_river > 0.4


def _exact_npmi(topic: list[str], texts: list[list[str]], window: int) -> float:
    """Brute force: a set of words per window, then the NPMI formula."""
    windows = [
        set(text[i : i + window]) for text in texts for i in range(max(1, len(text) - window + 1))
    ]
    n = len(windows)
    values = []
    for a in range(len(topic)):
        for b in range(a + 1, len(topic)):
            pa = sum(topic[a] in w for w in windows) / n
            pb = sum(topic[b] in w for w in windows) / n
            pab = sum(topic[a] in w and topic[b] in w for w in windows) / n + 1e-12
            values.append(math.log(pab / (pa * pb)) / -math.log(pab))
    return sum(values) / len(values)


def test_npmi_is_exact_on_repetitive_texts() -> None:
    rng = np.random.default_rng(3)
    vocab = [f"w{i}" for i in range(15)]
    texts = [
        [vocab[j] for j in rng.integers(start, start + 8, size=int(rng.integers(4, 40)))]
        for start in rng.integers(0, 7, size=20)
    ]
    topics = [[vocab[j] for j in rng.choice(15, size=5, replace=False)] for _ in range(6)]
    topics = [[w for w in t if any(w in text for text in texts)] for t in topics]
    expected = [_exact_npmi(t, texts, 6) for t in topics]
    assert npmi_coherence(topics, texts, window=6) == pytest.approx(expected, abs=1e-12)


def test_npmi_matches_gensim_c_npmi() -> None:
    gensim_models = pytest.importorskip("gensim.models")
    from gensim.corpora import Dictionary

    # gensim slides its window incrementally and loses a word that leaves the window while
    # another copy of it stays inside; texts of distinct words avoid that approximation
    rng = np.random.default_rng(7)
    vocab = [f"w{i}" for i in range(40)]
    texts = [[vocab[j] for j in rng.permutation(40)[: int(rng.integers(5, 40))]] for _ in range(25)]
    topics = [[vocab[j] for j in rng.choice(40, size=6, replace=False)] for _ in range(5)]
    topics = [[w for w in t if any(w in text for text in texts)] for t in topics]
    ours = npmi_coherence(topics, texts, window=10)
    model = gensim_models.CoherenceModel(
        topics=topics,
        texts=texts,
        dictionary=Dictionary(texts),
        coherence="c_npmi",
        window_size=10,
        processes=1,
    )
    assert ours == pytest.approx(model.get_coherence_per_topic(), abs=1e-9)


# ---------------------------------------------------------------------------
# models on the seeds


def test_seed_tables_follow_the_contract(seed_model: TopicModel) -> None:
    k = seed_model.n_topics
    assert seed_model.topic_terms.columns.tolist() == ["topic", "rank", "term", "weight"]
    assert seed_model.doc_topics.columns.tolist() == ["doc_id", "topic", "weight"]
    assert seed_model.doc_topics["doc_id"].nunique() == 4
    sums = seed_model.doc_topics.groupby("doc_id")["weight"].sum()
    assert np.allclose(sums, 1.0)
    unit_sums = seed_model.unit_topics.groupby(["doc_id", "unit_id"])["weight"].sum()
    assert np.allclose(unit_sums[unit_sums > 0], 1.0)
    ranks = seed_model.topic_terms.groupby("topic")["rank"].apply(list)
    assert all(r == list(range(1, 11)) for r in ranks)
    # weights fall with rank, topics are numbered by decreasing share
    for _, terms in seed_model.topic_terms.groupby("topic"):
        assert terms["weight"].is_monotonic_decreasing
    assert seed_model.labels["share"].is_monotonic_decreasing
    assert len(seed_model.labels) == k and seed_model.labels["label"].str.count(" / ").eq(2).all()
    # stop words never appear as terms
    assert not set(seed_model.topic_terms["term"]) & load_stopwords()


def test_auto_chooses_the_most_coherent_k(seed_model: TopicModel) -> None:
    cbk = seed_model.coherence_by_k
    assert cbk["k"].tolist() == list(range(2, 11))
    assert cbk["chosen"].sum() == 1
    chosen = cbk[cbk["chosen"]].iloc[0]
    assert int(chosen["k"]) == seed_model.n_topics
    assert chosen["coherence"] == cbk["coherence"].max()
    # the model's own per-topic coherence averages to the curve's value at k
    assert seed_model.labels["coherence"].mean() == pytest.approx(chosen["coherence"])


def _passage_topic(model: TopicModel, doc_prefix: str, pattern: str) -> pd.Series:
    """Mean topic shares of the units of one article whose text matches ``pattern``."""
    units = model.units
    mask = units["doc_id"].str.startswith(doc_prefix) & units["text"].str.contains(pattern)
    assert mask.sum() >= 2, f"too few passages for {doc_prefix} {pattern}"
    keys = set(zip(units.loc[mask, "doc_id"], units.loc[mask, "unit_id"], strict=True))
    ut = model.unit_topics
    rows = ut[[(d, u) in keys for d, u in zip(ut["doc_id"], ut["unit_id"], strict=True)]]
    return rows.groupby("topic")["weight"].mean()


@pytest.mark.parametrize(
    "options",
    [
        {"n_topics": 4},
        {"n_topics": 5},
        {"n_topics": 4, "unit": "window"},
        {"n_topics": 5, "unit": "window"},
    ],
)
def test_un_speech_passages_share_a_topic_the_judo_passages_lack(
    seed_sentences: pd.DataFrame, options: dict[str, object]
) -> None:
    model = fit_topics(seed_sentences, seed=0, n_stability=0, **options)  # type: ignore[arg-type]
    un = r"\bUN\b|UNGA|General Assembly|\bspeech\b"
    un_001 = _passage_topic(model, "001", un)
    un_004 = _passage_topic(model, "004", un)
    judo = _passage_topic(model, "000", r"(?i)judo|physics")
    shared = int(un_001.idxmax())
    assert int(un_004.idxmax()) == shared
    assert int(judo.idxmax()) != shared
    assert judo[shared] < 0.5 * min(un_001[shared], un_004[shared])


def test_moscow_visit_article_has_its_own_topic(seed_model: TopicModel) -> None:
    # 002 reports the Moscow state visit and the Trump call; no other article is mostly about them
    wide = seed_model.doc_topics.pivot_table(index="doc_id", columns="topic", values="weight")
    top = int(wide.loc["002_197b5af11793718a"].idxmax())
    assert "moscow" in seed_model.top_terms(top)
    others = wide.drop(index="002_197b5af11793718a")[top]
    assert (others < wide.loc["002_197b5af11793718a", top]).all()


def test_exemplars_are_body_sentences_mostly_about_their_topic(
    seed_model: TopicModel, seed_sentences: pd.DataFrame
) -> None:
    ex = seed_model.exemplars
    assert set(ex["topic"]) == set(range(seed_model.n_topics))
    assert ex.groupby("topic").size().max() <= 3
    body = seed_sentences[seed_sentences["kind"] == "body"].set_index(["doc_id", "sent_id"])
    for row in ex.itertuples(index=False):
        assert body.loc[(row.doc_id, row.sent_id), "text"] == row.text
    moscow = next(t for t in range(seed_model.n_topics) if "moscow" in seed_model.top_terms(t, 3))
    assert ex.loc[ex["topic"] == moscow, "text"].str.contains("Moscow").any()


def test_same_seed_same_bytes(seed_sentences: pd.DataFrame, tmp_path: Path) -> None:
    for run in ("a", "b"):
        model = fit_topics(seed_sentences, method="lda", n_topics=3, n_stability=2, seed=5)
        for name, frame in topic_tables(model).items():
            write_table(frame, tmp_path / run / f"{name}.csv")
    for file in sorted((tmp_path / "a").iterdir()):
        assert file.read_bytes() == (tmp_path / "b" / file.name).read_bytes(), file.name


def test_lda_seed_matters(seed_sentences: pd.DataFrame) -> None:
    a = fit_topics(seed_sentences, method="lda", n_topics=4, n_stability=0, seed=0)
    b = fit_topics(seed_sentences, method="lda", n_topics=4, n_stability=0, seed=1)
    assert not a.unit_topics["weight"].equals(b.unit_topics["weight"])


# ---------------------------------------------------------------------------
# a corpus with three planted themes


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_planted_themes_are_recovered(themes_sentences: pd.DataFrame, method: str) -> None:
    model = fit_topics(themes_sentences, method=method, n_topics=3, seed=0)
    themes = [_theme_of(model.top_terms(t)) for t in range(3)]
    assert sorted(themes) == ["nuclear", "rail", "water"]
    wide = model.doc_topics.pivot_table(index="doc_id", columns="topic", values="weight")
    for doc_id, row in wide.iterrows():
        assert themes[int(row.idxmax())] == str(doc_id).split("_")[0]
        assert row.max() > 0.6


def test_auto_finds_three_planted_themes(themes_sentences: pd.DataFrame) -> None:
    model = fit_topics(themes_sentences, k_range=(2, 6), seed=0)
    assert model.n_topics == 3
    # planted themes recur in every refit; the stability measure must say so
    assert (model.labels["stability"] >= 0.7).all()
    assert model.labels["coherence"].mean() > 0.15


def test_stability_flags_a_topic_made_of_noise(themes_sentences: pd.DataFrame) -> None:
    # with twice as many topics as themes, the extra topics split themes arbitrarily
    model = fit_topics(themes_sentences, n_topics=6, n_stability=5, seed=0)
    three = fit_topics(themes_sentences, n_topics=3, n_stability=5, seed=0)
    assert model.labels["stability"].min() < three.labels["stability"].min()


def test_max_docs_fits_a_sample_and_weights_every_document(make_corpus: MakeCorpus) -> None:
    # each theme twice over (4 articles per theme): leaving 3 articles out of the sample of 9
    # cannot drop a theme, so every theme is in the fit and every article must be placed
    # the copies end with a paragraph of stop words only: same terms, not a duplicate file
    copies = {f"{name[:-4]}_copy.txt": text + "That is all.\n" for name, text in THEMES.items()}
    texts = {**THEMES, **copies}
    sentences = sentences_frame(load_corpus(make_corpus(texts)))
    model = fit_topics(sentences, n_topics=3, max_docs=9, n_stability=2, seed=0)
    assert len(model.fit_docs) == 9
    assert set(model.fit_docs) < set(sentences["doc_id"])
    assert model.params["max_docs"] == 9
    wide = model.doc_topics.pivot_table(index="doc_id", columns="topic", values="weight")
    assert len(wide) == 12  # the three articles outside the sample are weighted too
    themes = [_theme_of(model.top_terms(t)) for t in range(3)]
    for doc_id, row in wide.iterrows():
        assert themes[int(row.idxmax())] == str(doc_id).split("_")[0]
    # every unit is weighted by the same fitted model: a copy gets its original's weights
    for name in THEMES:
        doc = name[:-4]
        np.testing.assert_allclose(wide.loc[doc], wide.loc[f"{doc}_copy"], atol=1e-12)
    again = fit_topics(sentences, n_topics=3, max_docs=9, n_stability=2, seed=0)
    assert again.fit_docs == model.fit_docs
    assert again.doc_topics.equals(model.doc_topics)
    other = fit_topics(sentences, n_topics=3, max_docs=9, n_stability=0, seed=1)
    assert other.fit_docs != model.fit_docs


def test_max_docs_at_least_the_corpus_changes_nothing(themes_sentences: pd.DataFrame) -> None:
    full = fit_topics(themes_sentences, n_topics=3, n_stability=2, seed=0)
    capped = fit_topics(themes_sentences, n_topics=3, n_stability=2, max_docs=6, seed=0)
    assert capped.fit_docs == full.fit_docs == tuple(sorted(themes_sentences["doc_id"].unique()))
    for name, table in topic_tables(full).items():
        assert table.equals(topic_tables(capped)[name]), name


# ---------------------------------------------------------------------------
# bad input


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"unit": "chapter"}, "parameter unit='chapter': must be one of paragraph, sentence"),
        ({"method": "bert"}, "parameter method='bert': must be one of nmf, lda"),
        ({"n_topics": "many"}, "parameter n_topics='many': must be an integer >= 1"),
        ({"n_topics": 0}, "parameter n_topics=0: must be an integer >= 1"),
        ({"n_topics": 500}, "n_topics=500 is more than"),
        ({"seed": -1}, "parameter seed=-1: must be an integer >= 0"),
        ({"max_docs": 0}, "parameter max_docs=0: must be an integer >= 1 or None"),
        ({"k_range": (2,)}, r"parameter k_range=\(2,\): must be a pair low <= high"),
        ({"k_range": (6, 3)}, r"parameter k_range=\(6, 3\): must be a pair low <= high"),
        ({"ngram_range": (2, 1)}, r"parameter ngram_range=\(2, 1\): must be a pair low <= high"),
        ({"stop_words": "the"}, "parameter stop_words='the': must be a collection of words"),
        ({"min_df": 500}, "no terms left to model"),
    ],
)
def test_bad_parameters_raise_input_error(
    seed_sentences: pd.DataFrame, options: dict[str, object], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        fit_topics(seed_sentences, n_stability=0, **options)  # type: ignore[arg-type]


def test_too_small_corpus_is_an_input_error(make_corpus: MakeCorpus) -> None:
    sents = sentences_frame(load_corpus(make_corpus({"tiny.txt": "One short sentence here.\n"})))
    with pytest.raises(InputError, match="add text"):
        fit_topics(sents)


# ---------------------------------------------------------------------------
# command line


def test_cli_writes_every_table(tmp_path: Path) -> None:
    out = tmp_path / "topics"
    assert main(["topics", "--out-dir", str(out), "--n-topics", "3", "--n-stability", "1"]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{name}.csv"
        for name in (
            "topic_terms",
            "doc_topics",
            "unit_topics",
            "units",
            "topics",
            "exemplars",
            "coherence_by_k",
            "stability",
        )
    )
    assert pd.read_csv(out / "doc_topics.csv").columns.tolist() == ["doc_id", "topic", "weight"]
    terms = pd.read_csv(out / "topic_terms.csv")
    assert terms.columns.tolist() == ["topic", "rank", "term", "weight"]
    assert terms["topic"].nunique() == 3


def test_cli_max_docs_fits_a_sample_and_weights_every_article(tmp_path: Path) -> None:
    out = tmp_path / "topics"
    # --stability: the former name of --n-stability, still accepted
    args = ["topics", "--out-dir", str(out), "--n-topics", "3", "--stability", "0"]
    assert main([*args, "--max-docs", "3"]) == 0
    sampled = pd.read_csv(out / "doc_topics.csv")
    assert sampled["doc_id"].nunique() == 4
    assert pd.read_csv(out / "exemplars.csv")["doc_id"].nunique() <= 3  # from the fitted sample
    assert main([*args, "--max-docs", "0"]) == 0
    assert not pd.read_csv(out / "doc_topics.csv").equals(sampled)


def test_cli_bad_input_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["topics", "--out-dir", str(tmp_path / "t"), "--n-topics", "500"])
    assert status == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("kzlib: error: n_topics=500")
    assert not (tmp_path / "t").exists()


# ---------------------------------------------------------------------------
# notebook


def test_notebook_is_stored_clean() -> None:
    nb = json.loads((NOTEBOOKS_DIR / "01_topics.ipynb").read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code[0]["metadata"]["tags"] == ["parameters"]
    assert all(not c["outputs"] and c["execution_count"] is None for c in code)
    assert not any("def " in "".join(c["source"]) for c in code)
    params = "".join(code[0]["source"])
    for name in ("corpus: str = ", "tables_dir: str = ", "seed: int = "):
        assert name in params  # annotated, so papermill --help-notebook gives the type
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


def test_notebook_parameters_all_parse() -> None:
    # papermill skips (with only a printed warning) a parameter line it cannot parse,
    # e.g. one with "=" in its comment; the parameter then cannot be set from outside
    from papermill.inspection import inspect_notebook

    params = inspect_notebook(str(NOTEBOOKS_DIR / "01_topics.ipynb"))
    assert list(params) == [
        "corpus",
        "tables_dir",
        "max_csv_rows",
        "seed",
        "unit",
        "window_size",
        "method",
        "n_topics",
        "k_min",
        "k_max",
        "n_terms",
        "n_stability",
        "n_exemplars",
        "max_fit_docs",
        "boilerplate",
        "group",
        "max_docs_shown",
    ]
    assert all(p["help"] for p in params.values())  # every parameter has its comment


@pytest.mark.notebook
def test_notebook_runs_on_seeds_and_writes_tables(tmp_path: Path) -> None:
    tables = tmp_path / "tables"
    nb = run_notebook(
        "01_topics.ipynb", tmp_path, tables_dir=str(tables), n_topics=3, n_stability=1
    )
    images = sum(
        "image/png" in out.get("data", {})
        for cell in nb["cells"]  # type: ignore[attr-defined]
        for out in cell.get("outputs", [])
    )
    assert images == 4  # coherence, terms, heatmap, stability
    doc_topics = pd.read_csv(tables / "doc_topics.csv")
    assert doc_topics["doc_id"].nunique() == 4 and doc_topics["topic"].nunique() == 3
    assert (tables / "topic_terms.csv").exists() and (tables / "unit_topics.csv").exists()


@pytest.mark.notebook
def test_notebook_runs_on_another_corpus(tmp_path: Path, themes_dir: Path) -> None:
    tables = tmp_path / "tables"
    run_notebook(
        "01_topics.ipynb", tmp_path, corpus=str(themes_dir), tables_dir=str(tables), k_max=5
    )
    labels = pd.read_csv(tables / "topics.csv")
    assert len(labels) == 3
    assert not math.isnan(labels["stability"].min())


def test_topics_report_exclusivity_and_diversity(seed_sentences: pd.DataFrame) -> None:
    from kzlib.topics.exclusivity import frex, topic_diversity

    model = fit_topics(seed_sentences, n_topics=4, n_stability=0, seed=0)
    excl = model.labels["exclusivity"]
    assert excl.between(0, 1).all() and excl.nunique() > 1
    tops = [model.top_terms(t, 10) for t in range(4)]
    assert model.coherence_by_k["diversity"].iloc[0] == pytest.approx(topic_diversity(tops))
    # the label is the top terms ordered by FREX, so it names what sets the topic apart
    for row in model.labels.itertuples():
        assert set(row.label.split(" / ")) <= set(tops[row.topic])
    shared = np.array([[0.5, 0.5, 0.0], [0.5, 0.0, 0.5]])
    assert frex(shared)[0, 1] > frex(shared)[0, 0]  # the term only topic 0 has ranks above


def test_k_range_and_min_df_scale_with_the_corpus() -> None:
    from kzlib.topics.scale import scaled_k_range, scaled_min_df

    rng = np.random.default_rng(0)
    themes = [
        ["rail", "freight", "corridor", "port", "train", "cargo", "wagon", "route"],
        ["wheat", "harvest", "grain", "drought", "farm", "crop", "field", "rain"],
        ["bank", "loan", "debt", "rate", "credit", "bond", "fund", "lender"],
    ]
    rows = []
    for d in range(150):
        for s in range(2):  # no two sentences alike, or recurrence calls them boilerplate
            words = rng.choice(themes[d % 3], size=6).tolist()
            rows.append((f"d{d:03d}", s, " ".join(words) + "."))
    sents = pd.DataFrame(rows, columns=["doc_id", "sent_id", "text"]).assign(
        para_id=lambda f: f["sent_id"], start=0, end=1, kind="body"
    )
    model = fit_topics(sents, unit="sentence", n_stability=0, seed=0)
    assert model.params["k_range"] == [2, 13] == list(scaled_k_range(150))
    assert model.coherence_by_k["k"].max() == 13
    assert model.params["min_df"] == scaled_min_df(300) == 2
    assert scaled_min_df(50_000) == 25 and scaled_k_range(5_000) == (2, 30)
    fixed = fit_topics(sents, unit="sentence", n_stability=0, k_range=(2, 4), min_df=3, seed=0)
    assert fixed.params["k_range"] == [2, 4] and fixed.params["min_df"] == 3
    with pytest.raises(InputError, match="min_df"):
        fit_topics(sents, min_df="many")


def test_k_is_chosen_on_a_sample_of_units_beyond_max_scan_units(
    seed_sentences: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kzlib.topics.model as model_module

    options = {"unit": "sentence", "n_topics": "auto", "k_range": (2, 5), "n_stability": 0}
    whole = fit_topics(seed_sentences, seed=0, **options)
    monkeypatch.setattr(model_module, "MAX_SCAN_UNITS", 60)
    sampled = fit_topics(seed_sentences, seed=0, **options)
    assert len(sampled.units) == len(whole.units) > 60  # every unit is still weighted
    table = sampled.coherence_by_k
    assert table["k"].tolist() == [2, 3, 4, 5] and table["chosen"].sum() == 1
    # the chosen k is fitted again on every unit: its reported coherence is the final topics'
    k = sampled.n_topics
    assert int(table.loc[table["chosen"], "k"].iloc[0]) == k
    reported = float(table.loc[table["chosen"], "coherence"].iloc[0])
    assert reported == pytest.approx(float(np.nanmean(sampled.labels["coherence"])), abs=1e-9)
    # without the sample, the same seed chooses among the same candidates on every unit
    assert whole.coherence_by_k["k"].tolist() == [2, 3, 4, 5]
    # and the scan did run on the sample: the other k score differently
    assert not np.allclose(table["coherence"], whole.coherence_by_k["coherence"])


def test_stability_refits_are_capped_in_units(monkeypatch: pytest.MonkeyPatch) -> None:
    from kzlib.topics import stability

    seen: list[int] = []
    real = stability.vectorizer

    class Counting:
        def __init__(self, method: str, **options: object) -> None:
            self.vec = real(method, **options)

        def fit_transform(self, texts: list[str]) -> object:
            seen.append(len(texts))
            return self.vec.fit_transform(texts)

        def get_feature_names_out(self) -> object:
            return self.vec.get_feature_names_out()

    monkeypatch.setattr(stability, "vectorizer", Counting)
    texts = ["rail freight corridor", "water canal river"] * 50
    options = {"stop_words": frozenset(), "ngram_range": (1, 1), "min_df": 1, "max_df": 1.0}
    ref = [["rail", "freight"], ["water", "canal"]]
    kwargs = {"method": "nmf", "k": 2, "seeds": [1, 2], "n_terms": 3, "vectorizer_options": options}
    capped = stability.stability_table(texts, ref, max_units=10, **kwargs)  # type: ignore[arg-type]
    whole = stability.stability_table(texts, ref, max_units=None, **kwargs)  # type: ignore[arg-type]
    assert seen == [10, 10, 80, 80]
    # two clean themes come back from 10 units as from 80
    assert (capped["overlap"] == 1.0).all() and (whole["overlap"] == 1.0).all()
