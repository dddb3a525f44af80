"""Tests for kzlib.narrative: findings rendered from result tables, naming only what is there."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from kzlib import extract_claims, fit_topics, load_corpus, sentences_frame
from kzlib.errors import InputError
from kzlib.narrative import claim_findings, doc_labels, rhetoric_findings, topic_findings
from kzlib.rhetoric import measures

GOLDEN = Path(__file__).parent / "golden" / "report"
SEED_NAMES = ["000_844f52fa49c433e9", "Tuleshov", "judo", "Moscow", "Diplomacy 2.0", "Tokayev"]


def _golden(name: str) -> pd.DataFrame:
    return pd.read_csv(GOLDEN / name, keep_default_na=False, na_values=[""])


def _code_spans(text: str) -> set[str]:
    return set(re.findall(r"`([^`]+)`", text))


def _measures(rows: list[tuple[str, str, float, float, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["doc_id", "measure", "value", "ci_low", "ci_high"])


# --- rhetoric -----------------------------------------------------------------------------


def test_rhetoric_names_the_leader_and_runner_up() -> None:
    table = _measures(
        [
            ("x1", "hedges_per_1k", 2.0, 1.0, 3.0),
            ("x2", "hedges_per_1k", 8.0, 6.0, 10.0),
            ("x3", "hedges_per_1k", 4.0, 3.0, 5.0),
        ]
    )
    text = rhetoric_findings(table)
    assert "`x2` leads with 8" in text
    assert "2 times `x3` (4)" in text
    assert "do not overlap" in text
    assert "1 of 1 measure has" in text


def test_rhetoric_overlap_and_zero_runner_up() -> None:
    table = _measures(
        [
            ("a", "metaphor_per_1k:war", 3.0, 0.5, 6.0),
            ("b", "metaphor_per_1k:war", 0.0, 0.0, 0.0),
            ("a", "quotes_share", 0.30, 0.10, 0.50),
            ("b", "quotes_share", 0.25, 0.05, 0.45),
        ]
    )
    text = rhetoric_findings(table, top=2)
    war = next(line for line in text.splitlines() if "metaphor_per_1k:war" in line)
    assert "3 above `b` (0)" in war and "do not overlap" in war
    quotes = next(line for line in text.splitlines() if "quotes_share" in line)
    assert "overlap, so the lead may depend" in quotes
    # the measure that separates comes first
    assert text.index("metaphor_per_1k:war") < text.index("quotes_share")


def test_rhetoric_top_limits_and_labels_filtered() -> None:
    rows = []
    for i, measure in enumerate(["m1", "m2", "m3", "m4"]):
        rows += [("a", measure, 10.0 + i, 9.0, 11.0 + i), ("b", measure, 1.0, 0.5, 1.5)]
    labels = {"a": "Grain *and* Rail | 2024", "ghost": "An article not in the table"}
    text = rhetoric_findings(_measures(rows), top=2, labels=labels)
    assert sum(line.startswith("- ") for line in text.splitlines()) == 2
    assert "An article not in the table" not in text and "ghost" not in text
    assert r"*Grain \*and\* Rail \| 2024* leads" in text  # the label, not the id


def test_rhetoric_nothing_to_compare() -> None:
    one = _measures([("a", "hedges_per_1k", 2.0, 1.0, 3.0), ("a", "words", 100, None, None)])
    assert "nothing to compare" in rhetoric_findings(one)
    with pytest.raises(InputError, match="missing column"):
        rhetoric_findings(one.drop(columns=["ci_low"]))
    with pytest.raises(InputError, match="top"):
        rhetoric_findings(one, top=0)


def test_rhetoric_golden_names_only_its_articles() -> None:
    table = _golden("rhetoric.csv")
    labels = doc_labels(_golden("corpus.csv"))
    text = rhetoric_findings(table, labels=labels, top=5)
    spans = _code_spans(text)
    assert spans <= set(table["doc_id"]) | set(table["measure"])
    assert spans & set(table["measure"])
    named = set(re.findall(r"\*([^*`]+)\* leads", text))
    assert named and named <= {t.replace("*", "") for t in labels.values()}


# --- topics -------------------------------------------------------------------------------


def _topics() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    topics = pd.DataFrame(
        {
            "topic": [0, 1, 2],
            "label": ["water / river / dam", "wheat / grain / harvest", "port / rail / cargo"],
            "share": [0.2, 0.5, 0.3],
            "coherence": [0.15, 0.05, -0.2],
            "stability": [0.9, 0.3, 0.8],
        }
    )
    doc_topics = pd.DataFrame(
        {
            "doc_id": ["d1"] * 3 + ["d2"] * 3 + ["d3"] * 3,
            "topic": [0, 1, 2] * 3,
            "weight": [0.6, 0.3, 0.1, 0.1, 0.8, 0.1, 0.2, 0.7, 0.1],
        }
    )
    terms = pd.DataFrame(
        {
            "topic": [1, 1, 1, 0, 0, 2],
            "rank": [2, 1, 3, 1, 2, 1],
            "term": ["grain", "wheat", "flour", "water", "river", "port"],
            "weight": [0.2, 0.3, 0.1, 0.3, 0.2, 0.4],
        }
    )
    return topics, doc_topics, terms


def test_topics_largest_first_with_terms_and_main_topic() -> None:
    topics, doc_topics, terms = _topics()
    text = topic_findings(topics, doc_topics, topic_terms=terms, top=2)
    bullets = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(bullets) == 2
    assert bullets[0].startswith("- **Topic 1** (wheat, grain, flour): 50% of the words")
    assert "main topic of 2 of 3 articles" in bullets[0]
    assert "unstable: only 30%" in bullets[0]
    assert bullets[1].startswith("- **Topic 2** (port)")
    assert "main topic of no article" in bullets[1]
    assert "NPMI coherence -0.2" in bullets[1]
    assert "80% of the words" in text.splitlines()[0]


def test_topics_one_article_subject_named() -> None:
    topics, doc_topics, _ = _topics()
    text = topic_findings(topics, doc_topics, top=3, labels={"d1": "Dams of the north"})
    line = next(line for line in text.splitlines() if "**Topic 0**" in line)
    assert "(water, river, dam)" in line
    assert "one article only, *Dams of the north*." in line


def test_topics_small_corpus_caveat_only_when_small() -> None:
    topics, doc_topics, _ = _topics()
    assert "often one article's subject" in topic_findings(topics, doc_topics)
    many = pd.concat([doc_topics.assign(doc_id=doc_topics["doc_id"] + f"_{i}") for i in range(10)])
    assert "often one article's subject" not in topic_findings(topics, many)


def test_topics_golden_terms_come_from_the_tables() -> None:
    topic_terms = _golden("topic_terms.csv")
    text = topic_findings(
        _golden("topics.csv"), _golden("doc_topics.csv"), topic_terms=topic_terms, n_terms=4
    )
    listed = re.findall(r"\*\*Topic \d+\*\* \(([^)]*)\)", text)
    assert listed
    words = {w.strip() for group in listed for w in group.split(",")}
    assert words <= set(topic_terms["term"])


# --- claims -------------------------------------------------------------------------------


def _claims() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["k1", "k1", "k2", "k2", "k3"],
            "text": [
                "The minister said exports rose 12% in 2023.",
                "This is a bold and welcome step.",
                "Officials will open the new rail link by 2027.",
                "Exports of grain rose by 12 percent last year, the ministry said.",
                "The ports are the finest in the region.",
            ],
            "claim_type": [
                "quantitative",
                "evaluative",
                "predictive",
                "quantitative",
                "evaluative",
            ],
            "speaker": ["Lena Park", "", "", "", ""],
            "source": ["", "", "", "the ministry", ""],
            "quote": [False, False, False, False, False],
            "checkworthiness": [0.8, 0.1, 0.6, 0.9, 0.2],
        }
    )


def test_claims_counts_attribution_and_ranking() -> None:
    links = pd.DataFrame({"doc_a": ["k1", "k2"], "doc_b": ["k2", "k1"]})
    text = claim_findings(_claims(), links=links, top=2)
    assert text.startswith("5 claims in 3 articles: 2 quantitative (40%), 2 evaluative (40%)")
    assert "2 (40%) are attributed" in text
    assert "Most quoted: Lena Park (1)." in text
    bullets = [line for line in text.splitlines() if line.startswith("- ")]
    assert bullets[0].startswith("- 0.90, `k2` (quantitative)")
    assert bullets[1].startswith("- 0.80, `k1` (quantitative)")
    assert "2 pairs of claims" in text and "most (2) between `k1` and `k2`" in text


def test_claims_empty_and_bad_input() -> None:
    assert claim_findings(_claims().iloc[:0]) == "No claims were found."
    with pytest.raises(InputError, match="checkworthiness"):
        claim_findings(_claims().drop(columns=["checkworthiness"]))


def test_claims_golden_speakers_from_the_table() -> None:
    claims = _golden("claims.csv")
    text = claim_findings(claims, links=_golden("claim_links.csv"))
    quoted = re.search(r"Most quoted: (.*)\.", text)
    assert quoted is not None
    names = {re.sub(r" \(\d+\)$", "", n) for n in quoted.group(1).split(", ")}
    assert names <= set(claims["speaker"].dropna())
    assert _code_spans(text) <= set(claims["doc_id"])


# --- a corpus that is not the seeds -------------------------------------------------------

ARTICLES = {
    "river.txt": (
        "Upstream Dams and Downstream Farms\n\n"
        "Farmers along the river say the new dam has cut their water by a third. "
        "The ministry of agriculture said it would review the quotas. "
        "Irrigation canals built in the 1960s lose half their water to seepage.\n\n"
        "Engineers proposed lining the canals with concrete. The plan may cost 40 million "
        "dollars, according to the regional governor."
    ),
    "grain.txt": (
        "A Record Wheat Harvest\n\n"
        "The wheat harvest reached 17 million tonnes this year, the statistics office said. "
        "Exporters clearly expect higher prices in the spring. "
        "Rail wagons are scarce, and grain waits at the elevators.\n\n"
        "Traders told reporters that the port of Aktau will handle more grain. "
        "The grain board will publish new export quotas in March."
    ),
    "port.txt": (
        "Cargo Through the Caspian Ports\n\n"
        "Cargo through the port grew by 20 percent in the first half of the year. "
        "Shipping lines perhaps will add ferries to meet demand. "
        "The port authority said that rail links to the port were being doubled.\n\n"
        "We believe the corridor must become faster and cheaper. "
        "Container traffic may double by 2030, the authority said."
    ),
}


def test_findings_on_another_corpus_name_only_it(
    make_corpus: Callable[[dict[str, bytes | str]], Path],
) -> None:
    corpus = load_corpus(make_corpus(ARTICLES))
    sents = sentences_frame(corpus)
    labels = doc_labels(corpus.to_frame())
    table = measures(sents, n_boot=30, seed=0)
    model = fit_topics(sents, n_topics=2, n_stability=0, seed=0)
    claims = extract_claims(sents)
    texts = [
        rhetoric_findings(table, labels=labels),
        topic_findings(model.labels, model.doc_topics, topic_terms=model.topic_terms),
        claim_findings(claims, labels=labels),
    ]
    ids = set(corpus.doc_ids)
    vocabulary = " ".join(sents["text"]).lower()
    for text in texts:
        for name in SEED_NAMES:
            assert name not in text
        assert _code_spans(text) <= ids | set(table["measure"])
    listed = re.findall(r"\*\*Topic \d+\*\* \(([^)]*)\)", texts[1])
    for group in listed:
        for word in group.split(", "):
            assert word.lower() in vocabulary
    for title in re.findall(r"\*([^*`]+)\* \(`", texts[0] + texts[2]):
        assert title in set(labels.values())


def test_the_most_linked_pair_counts_both_orders_and_a_tie_goes_to_the_first_linked() -> None:
    links = pd.DataFrame(
        {
            "doc_a": ["k9", "k3", "k1", "k10", "k3", "k2"],
            "doc_b": ["k10", "k1", "k2", "k9", "k1", "k1"],
        }
    )
    # k9~k10 (2), k1~k3 (2), k1~k2 (2): all tie, k9~k10 is linked first;
    # the pair is named in string order ("k10" < "k9")
    text = claim_findings(_claims(), links=links)
    assert "most (2) between `k10` and `k9`" in text
    text = claim_findings(_claims(), links=links.iloc[1:])
    assert "most (2) between `k1` and `k3`" in text
    text = claim_findings(_claims(), links=pd.concat([links, links.iloc[[5]]]))
    assert "most (3) between `k1` and `k2`" in text
