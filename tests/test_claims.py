"""Tests for kzlib.claims: the inventory, ids, ranking, links and the annotation round trip."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kzlib.claims.extract as kc
from kzlib.claims import features, guards, ids
from kzlib.claims.cues import _EVALUATIVE_FRAME, _FACTUAL, _FUTURE
from kzlib.claims.extract import CLAIM_COLUMNS, claim_units, document_years, extract_claims
from kzlib.claims.features import CLAIM_TYPES
from kzlib.claims.ids import claim_id
from kzlib.claims.links import LINK_COLUMNS, link_claims
from kzlib.claims.sheets import export_sheet, merge_sheet, orphan_verdicts
from kzlib.cli import main
from kzlib.corpus.document import Corpus, load_corpus
from kzlib.corpus.segment import sentences_frame
from kzlib.paths import PROJECT_ROOT, SEEDS_DIR

MakeCorpus = Callable[[dict[str, bytes | str]], Path]


@pytest.fixture(scope="module")
def claims(seeds: Corpus, seed_sentences: pd.DataFrame) -> pd.DataFrame:
    return extract_claims(seed_sentences, doc_years=document_years(seeds.to_frame()))


@pytest.fixture(scope="module")
def links(claims: pd.DataFrame) -> pd.DataFrame:
    return link_claims(claims)


def _frame(*texts: str, doc_id: str = "d") -> pd.DataFrame:
    starts = [sum(len(t) + 1 for t in texts[:i]) for i in range(len(texts))]
    return pd.DataFrame(
        {
            "doc_id": doc_id,
            "sent_id": range(len(texts)),
            "start": starts,
            "end": [s + len(t) for s, t in zip(starts, texts, strict=True)],
            "text": list(texts),
            "kind": "body",
        }
    )


def _row(claims: pd.DataFrame, needle: str) -> pd.Series:
    hits = claims[claims["text"].str.contains(needle, regex=False)]
    assert len(hits) == 1, needle
    return hits.iloc[0]


def test_schema_offsets_and_headings(
    claims: pd.DataFrame, seeds: Corpus, seed_sentences: pd.DataFrame
) -> None:
    assert list(claims.columns) == CLAIM_COLUMNS
    assert set(claims["claim_type"]) <= set(CLAIM_TYPES)
    for row in claims.itertuples():
        assert seeds[row.doc_id].text[row.start : row.end] == row.text
        assert row.claim_type in row.tags.split("|")
        assert 0.0 <= row.checkworthiness <= 1.0
    headings = set(seed_sentences.loc[seed_sentences["kind"] == "heading", "text"])
    assert not headings & set(claims["text"])
    assert claims["claim_id"].is_unique


def test_eighty_percent_is_a_quantitative_claim(claims: pd.DataFrame) -> None:
    row = _row(claims, "eighty percent")
    assert row["claim_type"] == "quantitative"
    assert {"value": 80, "unit": "percent", "text": "eighty percent"} in json.loads(row["numbers"])


def test_quotation_of_two_sentences_is_two_claims_with_one_speaker(claims: pd.DataFrame) -> None:
    first, second = _row(claims, "eighty percent"), _row(claims, "five thousand kilometers")
    assert first["sent_id"] == second["sent_id"]
    assert "Tokayev" in first["speaker"] and first["speaker"] == second["speaker"]
    assert first["quote"] and second["quote"]
    assert second["claim_type"] == "predictive"
    numbers = json.loads(second["numbers"])
    assert {"value": 5000, "unit": "km"}.items() <= numbers[1].items()
    assert numbers[0]["value"] == "2029" and numbers[0]["unit"] == "date"


def test_numbers_and_dates_on_the_seeds(claims: pd.DataFrame) -> None:
    def values(needle: str) -> list[tuple[object, str]]:
        return [(q["value"], q["unit"]) for q in json.loads(_row(claims, needle)["numbers"])]

    assert (300, "count") in values("three hundred locomotives")
    assert (10, "year") in values("three hundred locomotives")
    assert values("two-and-a-half hours") == [(2.5, "hour")]
    assert values("42-point") == [(42, "count")]
    assert values("past twelve months") == [(12, "month")]
    assert values("September 24, 2025") == [("2025-09-24", "date")]
    assert values("early December 2025") == [("2025-12", "date")]


def test_peskov_is_the_speaker_of_his_described_remark(claims: pd.DataFrame) -> None:
    row = _row(claims, "Peskov described the cooperation")
    assert "Peskov" in row["speaker"]
    assert not row["quote"]
    assert "Peskov" in _row(claims, "Peskov also commented")["speaker"]


def test_sources_are_cited(claims: pd.DataFrame) -> None:
    assert _row(claims, "Reuters highlighted")["source"] == "Reuters"
    assert "RFE/RL" in _row(claims, "D'Anieri")["source"]
    assert "timesca.com" in _row(claims, "As reported by Arkady Dubnov")["source"]


def test_opinion_is_evaluative_and_ranks_below_checkable(claims: pd.DataFrame) -> None:
    opinion = _row(claims, "This is not merely foreign policy")
    checkable = _row(claims, "held a telephone conversation")
    assert opinion["claim_type"] == "evaluative"
    assert checkable["claim_type"] == "event"
    assert opinion["checkworthiness"] < checkable["checkworthiness"]
    unattributed = claims[(claims["claim_type"] == "evaluative") & (claims["speaker"] == "")]
    other = claims[claims["claim_type"] != "evaluative"]
    assert other["checkworthiness"].median() > unattributed["checkworthiness"].quantile(0.9)


def test_types_on_new_text() -> None:
    got = extract_claims(
        _frame(
            "The summit was held in Samarkand on 15 September 2022.",
            "Officials expect the corridor to handle 10 million tonnes of cargo by 2027.",
            "The country remains the only member of the bloc without a coastline.",
            "This is a masterpiece of quiet, elegant diplomacy.",
            "Is Kazakhstan really neutral?",
        )
    )
    assert got["claim_type"].tolist() == ["event", "predictive", "factual", "evaluative"]


def test_claim_units_split_only_separable_claims() -> None:
    text = "The locomotive deal is one example; the dialogues are yet another."
    assert claim_units(text) == [(0, len(text))]
    text = "He left in St. Petersburg at noon, said the aide."
    assert claim_units(text) == [(0, len(text))]
    text = "Exports rose by 12% to 40 billion dollars in 2024; the government is a bold reformer."
    assert len(claim_units(text)) == 2


def test_claim_id_is_stable(seed_sentences: pd.DataFrame, claims: pd.DataFrame) -> None:
    assert claim_id("d", "Tokayev met “Putin”.") == claim_id("d", 'tokayev  met "Putin"')
    assert claim_id("d", "A.") != claim_id("e", "A.")
    again = extract_claims(seed_sentences)
    assert again["claim_id"].tolist() == claims["claim_id"].tolist()
    repeated = extract_claims(_frame("It rained.", "It rained."))
    assert repeated["claim_id"].is_unique


def test_moscow_visit_claims_of_two_articles_are_linked(
    claims: pd.DataFrame, links: pd.DataFrame
) -> None:
    assert list(links.columns) == LINK_COLUMNS
    assert (links["doc_a"] != links["doc_b"]).all()
    by_id = claims.set_index("claim_id")["text"]
    pairs = {(by_id[a], by_id[b]) for a, b in zip(links["claim_a"], links["claim_b"], strict=True)}
    moscow = [(a, b) for a, b in pairs if "visit to Moscow" in a and "visit to Moscow" in b]
    assert moscow, "the Moscow visit is reported in two articles"
    un = [(a, b) for a, b in pairs if "General Assembly" in a and "General Assembly" in b]
    assert un, "the UN General Assembly speech is reported in two articles"


def test_links_flag_a_disagreeing_title(links: pd.DataFrame) -> None:
    flagged = links[links["disagreement"].str.contains("title")]
    assert len(flagged) >= 1
    assert flagged["detail"].str.contains("comprehensive").any()


def test_links_flag_numbers_and_dates() -> None:
    a = _frame(
        "Tokayev visited Moscow on 12 May 2025 and signed 42 agreements with Putin.", doc_id="a"
    )
    b = _frame(
        "Tokayev visited Moscow on 14 May 2025 and signed 24 agreements with Putin.", doc_id="b"
    )
    got = link_claims(extract_claims(pd.concat([a, b], ignore_index=True)))
    assert got["disagreement"].tolist() == ["number|date"]


def test_blocking_skips_keys_shared_by_too_many_claims() -> None:
    texts = [f"Tokayev visited Moscow in spring number {i}." for i in range(6)]
    frames = [_frame(t, doc_id=f"d{i}") for i, t in enumerate(texts)]
    claims = extract_claims(pd.concat(frames, ignore_index=True))
    assert len(link_claims(claims, max_block=100)) > 0
    assert len(link_claims(claims, max_block=3)) == 0


def test_sheet_round_trip_keeps_verdicts_of_surviving_claims(make_corpus: MakeCorpus) -> None:
    text = (
        "Tokayev visited Moscow on 12 May 2025. The visit was a triumph. "
        "Trade rose 10% last year.\n"
    )
    folder = make_corpus({"a.txt": text})
    first = extract_claims(sentences_frame(load_corpus(folder)))
    sheet = export_sheet(first)
    assert (sheet["verdict"] == "").all() and (sheet["notes"] == "").all()
    sheet["verdict"] = ["true", "opinion", "false"]
    sheet.loc[2, "notes"] = "was 8%"
    # the article is re-collected: re-wrapped, a sentence edited, one added
    edited = (
        "Tokayev visited  Moscow on 12 May 2025.\nThe visit was a triumph. "
        "Trade rose 12% last year. Putin agreed.\n"
    )
    (folder / "a.txt").write_text(edited, encoding="utf-8")
    second = extract_claims(sentences_frame(load_corpus(folder)))
    merged = merge_sheet(second, sheet)

    def verdict(needle: str) -> str:
        return str(_row(merged, needle)["verdict"])

    assert verdict("visited") == "true"
    assert verdict("triumph") == "opinion"
    assert verdict("Trade rose 12%") == ""
    assert verdict("Putin agreed") == ""
    assert orphan_verdicts(second, sheet)["verdict"].tolist() == ["false"]


def test_cli_claims_links_sheet_and_merge(tmp_path: Path) -> None:
    out, links, sheet = tmp_path / "claims.csv", tmp_path / "links.csv", tmp_path / "sheet.csv"
    assert (
        main(["claims", "--out", str(out), "--links", str(links), "--export-sheet", str(sheet)])
        == 0
    )
    frame = pd.read_csv(out)
    assert list(frame.columns) == CLAIM_COLUMNS
    assert len(pd.read_csv(links)) > 0
    filled = pd.read_csv(sheet, dtype=str, keep_default_na=False)
    filled.loc[0, "verdict"] = "true"
    filled.to_csv(sheet, index=False)
    merged = tmp_path / "merged.csv"
    assert main(["claims", "--out", str(merged), "--merge-sheet", str(sheet)]) == 0
    got = pd.read_csv(merged, dtype=str, keep_default_na=False)
    assert got.loc[got["claim_id"] == filled.loc[0, "claim_id"], "verdict"].tolist() == ["true"]


def test_cli_bad_sheet_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,x\n1,2\n", encoding="utf-8")
    assert main(["claims", "--out", str(tmp_path / "c.csv"), "--merge-sheet", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bad.csv" in err[0] and "claim_id" in err[0]
    assert not (tmp_path / "c.csv").exists()


def test_gold_set_figures() -> None:
    spec = importlib.util.spec_from_file_location(
        "claims_eval", PROJECT_ROOT / "bench" / "claims_eval.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    corpus = load_corpus(SEEDS_DIR)
    claims = extract_claims(sentences_frame(corpus), doc_years=document_years(corpus.to_frame()))
    gold = pd.read_csv(module.GOLD, dtype=str, keep_default_na=False)
    s = module.evaluate(claims, gold, {d.doc_id: d.text for d in corpus})
    assert s.found / s.n_gold >= 0.9
    assert s.type_ok / s.found >= 0.85
    assert s.speaker_ok / s.attributed >= 0.85
    assert s.numbers_ok / s.numbers >= 0.9
    # the learned score (trained on debates, not on the seeds) ranks checkable seed claims
    # above unattributed opinions; the hand-weighted score written on the seeds had 0.97
    assert s.auc >= 0.8


def test_numeric_attributed_seed_claims_rank_above_opinions(seed_sentences: pd.DataFrame) -> None:
    claims = extract_claims(seed_sentences)
    numeric = claims[(claims["numbers"] != "[]") & (claims["speaker"] != "")]
    opinions = claims[(claims["claim_type"] == "evaluative") & (claims["speaker"] == "")]
    assert len(numeric) >= 3 and len(opinions) >= 50
    # probability that a numeric attributed claim outranks an opinion (ROC AUC)
    a = numeric["checkworthiness"].to_numpy()[:, None]
    b = opinions["checkworthiness"].to_numpy()[None, :]
    assert ((a > b).mean() + 0.5 * (a == b).mean()) >= 0.9


def test_event_with_a_duration_stays_an_event() -> None:
    got = extract_claims(
        _frame(
            "The ministers met in Almaty in May for two days of discussions.",
            "Analysts expect the summit to produce a joint statement.",
            "The route links China to Europe through the Caspian Sea.",
        ),
        doc_years={"d": 2025},
    )
    assert got["claim_type"].tolist() == ["event", "predictive", "factual"]
    assert json.loads(got.loc[0, "numbers"])[0]["value"] == "2025-05"


def test_reported_future_and_bare_numbers() -> None:
    got = extract_claims(
        _frame(
            "He added that the two sides would set up a working group within three months.",
            "Traffic rose to 1.5 million containers, up from about 900,000 last year.",
        ),
        doc_years={"d": 2026},
    )
    assert got["claim_type"].tolist() == ["predictive", "quantitative"]
    values = [(q["value"], q["unit"]) for q in json.loads(got.loc[1, "numbers"])]
    assert values == [(1_500_000, "count"), (900_000, "count"), ("2025", "date")]


def test_links_flag_a_person_given_two_offices() -> None:
    a = _frame(
        "Tokayev held a telephone call with President-elect Donald Trump in Astana.", doc_id="a"
    )
    b = _frame("Tokayev held a telephone call with President Donald Trump in Astana.", doc_id="b")
    got = link_claims(extract_claims(pd.concat([a, b], ignore_index=True)))
    assert got["disagreement"].tolist() == ["title"]
    assert "President-elect Trump vs President Trump" in got.loc[0, "detail"]


# --------------------------------------------------------------------------- fast paths
# The word guards and start positions must never change a result: each test
# compares the fast path with the plain pattern or the general code path.

_CUE_WORDS = sorted(
    {w for p in (_FUTURE, _FACTUAL, _EVALUATIVE_FRAME) for c in p.cues
     for g in (*c.guards, c.starts or frozenset()) for w in g}
    | {"one", "you", "power", "of", "to", "have", "really", "2024", "1999", "won't", "we'll"}
)  # fmt: skip
_SEPARATORS = [" ", " ", "  ", "-", "'", "’", ".", ",", ";", "\n", "_", "é", "3", "\u017f", "K"]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_CUE_WORDS),
            st.sampled_from(["lower", "upper", "title"]),
            st.sampled_from(_SEPARATORS),
        ),
        max_size=12,
    )
)
def test_cue_patterns_agree_with_the_whole_patterns(
    parts: list[tuple[str, str, str]],
) -> None:
    text = "".join(getattr(w, case)() + sep for w, case, sep in parts)
    lowered = guards._fold(text)
    runs = None if lowered is None else guards._letter_runs(lowered)
    for cues in (_FUTURE, _FACTUAL, _EVALUATIVE_FRAME):
        assert cues.search(text, lowered, runs) == (cues.whole.search(text) is not None)
        assert cues.count(text, lowered, runs) == len(cues.whole.findall(text))


def test_claim_features_without_guards_are_the_same(
    seed_sentences: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = seed_sentences["text"].tolist()
    texts += [t.upper() for t in texts[:40]] + [t.replace("e", "\u017f") for t in texts[:40]]
    fast = [features.claim_features(t, inside_quote=i % 3 == 0) for i, t in enumerate(texts)]
    monkeypatch.setattr(features, "_fold", lambda text, lowered=None: None)  # whole patterns
    slow = [features.claim_features(t, inside_quote=i % 3 == 0) for i, t in enumerate(texts)]
    assert fast == slow


def test_claim_units_one_claim_fast_path() -> None:
    for text in ["  Tokayev met Putin.  ", "No quote here", "A; b", '"Quoted." He said.', ""]:
        spans = claim_units(text)
        seg = text.rstrip()
        if ";" not in text and '"' not in text:
            assert spans == [(len(seg) - len(seg.lstrip()), len(seg))]
        assert all(0 <= s <= e <= len(text) for s, e in spans)


def test_normalise_folds_every_unicode_space() -> None:
    spaces = "".join(chr(i) for i in range(0x3001) if chr(i).isspace())
    assert ids.normalise_claim_text(f"A{spaces}b{spaces}") == "a b"


def test_documents_follow_groupby_and_stable_sort() -> None:
    s = pd.DataFrame(
        {
            "doc_id": ["b", "a", None, "b", "a", "b", "a"],
            "start": [5, 0, 0, 0, 0, 5, 3],
            "sent_id": [2, 1, 0, 0, 0, 1, 2],
        }
    )
    expected = [
        (str(doc), group.sort_values(["start", "sent_id"], kind="stable").index.tolist())
        for doc, group in s.groupby("doc_id", sort=True)
    ]
    assert kc._documents(s) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZk .'-\u0130\u212a\u00c5\u00e9\u03a3\u1e9e\u017f1_")))
def test_lower_cased_runs_are_the_runs_of_the_lower_cased_text(text: str) -> None:
    """extract_claims derives a sentence's lower-case letter runs from its cased runs."""
    if guards._fold(text) is not None:
        cased = frozenset(re.findall("[A-Za-z]+", text))
        assert frozenset(map(str.lower, cased)) == guards._letter_runs(text.lower())


def _doc_claims(*paragraphs: str, year: int | None = 2025) -> pd.DataFrame:
    """extract_claims over one article of the given paragraphs (one sentence each)."""
    rows, pos = [], 0
    for i, text in enumerate(paragraphs):
        rows.append(
            {"doc_id": "d", "sent_id": i, "para_id": i, "start": pos, "end": pos + len(text),
             "text": text, "kind": "body"}
        )
        pos += len(text) + 1
    years = None if year is None else {"d": year}
    return extract_claims(pd.DataFrame(rows), doc_years=years)


def test_transcript_turns_attribute_and_the_label_is_cut() -> None:
    c = _doc_claims(
        "The two ministers met in Vienna.",
        "MINISTER OKAFOR: We are pleased with the talks.",
        "Our trade grew by ten percent.",
        "QUESTION: People say the talks failed.",
        "MINISTER OKAFOR: They did not fail.",
    )
    assert c["speaker"].tolist() == ["", "Okafor", "Okafor", "interviewer", "Okafor"]
    assert c["text"].iloc[1] == "We are pleased with the talks."
    assert c["start"].iloc[1] == len("The two ministers met in Vienna.") + 1 + len(
        "MINISTER OKAFOR: "
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministers agree to expand rail links between the two countries.", "predictive"),
        ("We stand ready to support the new water council.", "predictive"),
        ("The ministry said the embassy would reopen after repairs.", "predictive"),
        ("The foreign minister took part in the plenary meeting.", "event"),
        ("The two presidents held talks in the capital.", "event"),
        ("The ministry issued a statement condemning the attack.", "event"),
        ("This is the ten-year anniversary of the forum.", "quantitative"),
        ("It is 22 years since the treaty entered into force.", "quantitative"),
        ("Norway is one of the biggest trade partners of the region.", "factual"),
        ("The relations between our countries are very productive and warm.", "evaluative"),
        ("Minister Ada Lind said the negotiations were extremely difficult.", "evaluative"),
        ("Last spring I had the honour of speaking at the assembly.", "event"),
    ],
)
def test_claim_type_rules(text: str, expected: str) -> None:
    assert _doc_claims(text)["claim_type"].iloc[0] == expected


def test_thanks_and_courtesy_are_not_claims() -> None:
    # short thanks and procedural lines assert nothing (kzlib.claims.assertion); a thanks
    # that carries a fact is kept and typed
    kept = _doc_claims(
        "I would like to thank our hosts for the invitation.",
        "We thank Norway for the 40 million dollars it gave to the fund in 2021.",
    )
    assert kept["text"].tolist() == [
        "We thank Norway for the 40 million dollars it gave to the fund in 2021."
    ]


def test_relative_dates_without_an_article_date_stay_unresolved() -> None:
    c = _doc_claims("The canal opened in 2019.", "A second canal will open next year.", year=None)
    nums = json.loads(c["numbers"].iloc[1])
    assert nums == [
        {"value": "", "unit": "date", "text": "next year", "qualifier": "next year unresolved"}
    ]


def test_politeness_and_appearance_are_not_hedges() -> None:
    assert features.claim_features("I would like to thank the hosts.").hedges == 0
    assert features.claim_features("A comet appeared in the sky over Oslo.").hedges == 0
    assert features.claim_features("The deal appeared to stall.").hedges == 1
    assert features.claim_features("The deal appeared more like a truce.").hedges == 1
    assert features.claim_features("The deal would stall.").hedges == 1
