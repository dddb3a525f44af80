"""kzlib.rhetoric: intervals, evidence, keyness, similarity, co-occurrence, notebook.

Assertions on the seeds are ones a reader can check by hand in seeds/*.txt.
"""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from nbrun import outputs_text, run_notebook

from kzlib.cli import main
from kzlib.errors import InputError
from kzlib.paths import LEXICON_DIR, NOTEBOOKS_DIR, PROJECT_ROOT
from kzlib.rhetoric import (
    BASE_MEASURES,
    contrasts,
    cooccurrence,
    count_syllables,
    distinctive_evidence,
    evidence,
    flesch_reading_ease,
    keyness,
    load_lexicons,
    matches,
    measure_names,
    measures,
    mtld,
    similarity,
    summarise_contrasts,
)
from kzlib.tables import write_table

NOTEBOOK = NOTEBOOKS_DIR / "02_rhetoric.ipynb"
CORPUS_SMALL = PROJECT_ROOT / "tests" / "fixtures" / "corpus_small"
D000, D001, D002, D004 = (
    "000_844f52fa49c433e9",
    "001_3f8aff8216344478",
    "002_197b5af11793718a",
    "004_f92db42e88264e84",
)


def _sents(*texts: str, doc_id: str = "t", kinds: list[str] | None = None) -> pd.DataFrame:
    n = len(texts)
    return pd.DataFrame(
        {
            "doc_id": doc_id,
            "sent_id": range(n),
            "para_id": range(n),
            "start": 0,
            "end": [len(t) for t in texts],
            "text": list(texts),
            "kind": kinds or ["body"] * n,
        }
    )


def _value(table: pd.DataFrame, measure: str, doc_id: str = "t") -> float:
    row = table[(table["doc_id"] == doc_id) & (table["measure"] == measure)]
    assert len(row) == 1, (doc_id, measure)
    return float(row["value"].iloc[0])


def _counted(texts: list[str], lexicon: str) -> list[str]:
    found = matches(_sents(*texts))
    return found.loc[(found["lexicon"] == lexicon) & found["counted"], "match"].tolist()


@pytest.fixture(scope="module")
def seed_table(seed_sentences: pd.DataFrame) -> pd.DataFrame:
    return measures(seed_sentences, n_boot=300, seed=0)


# --- small texts written for the test -----------------------------------------------


def test_a_hedge_is_counted() -> None:
    table = measures(_sents("The deal may hold."), include=["hedges_per_1k", "words"], n_boot=0)
    assert _value(table, "words") == 4
    assert _value(table, "hedges_per_1k") == pytest.approx(250.0)


def test_a_negated_booster_is_not_a_booster() -> None:
    texts = ["This is clearly a shift.", "This is not clearly a shift.", "It isn't really new."]
    assert _counted(texts, "boosters") == ["clearly"]
    found = matches(_sents(*texts))
    assert found.loc[~found["counted"], "reason"].tolist() == [
        "negated by 'not'",
        'negated by "isn\'t"',
    ]


def test_negation_needs_the_same_clause_and_a_short_window() -> None:
    texts = [
        "Not a single delegate came, clearly.",  # comma: another clause
        "No delegate from any of the neighbouring states clearly objected.",  # too far back
        "This is not only clearly new but durable.",  # "not only" does not negate
        "There is no doubt about it.",  # "no doubt" is a booster of its own
    ]
    assert _counted(texts, "boosters") == ["clearly", "clearly", "clearly", "no doubt"]


def test_first_person_inside_a_quotation_is_the_speakers() -> None:
    texts = ['He said: "We will build five thousand kilometres of railway."', "We think so."]
    found = matches(_sents(*texts))
    fp = found[found["lexicon"] == "first_person"]
    assert fp[["sent_id", "counted"]].values.tolist() == [[0, False], [1, True]]
    assert fp["reason"].iloc[0] == "inside a quotation"


def test_quotes_share_ignores_scare_quotes() -> None:
    texts = ['A "texturing" of policy.', 'He said "we will meet again soon" today.', "Plain."]
    table = measures(_sents(*texts), include=["quotes_share"], n_boot=0)
    assert _value(table, "quotes_share") == pytest.approx(1 / 3)


def test_quotation_spanning_two_sentences_in_a_paragraph() -> None:
    sents = _sents('He said: "Trade grew.', 'We will build more."', "Then he left.")
    sents["para_id"] = 0
    table = measures(sents, include=["quotes_share", "first_person_per_1k"], n_boot=0)
    assert _value(table, "quotes_share") == pytest.approx(2 / 3)
    assert _value(table, "first_person_per_1k") == 0.0


def test_the_kremlin_counts_as_russia_in_actor_share() -> None:
    sents = _sents("The Kremlin agreed.", "Astana waited.", "Nothing else.", "Moscow's view.")
    table = measures(sents, include=["actor_share:*"], n_boot=0)
    assert _value(table, "actor_share:Russia") == pytest.approx(0.5)
    assert _value(table, "actor_share:Kazakhstan") == pytest.approx(0.25)


def test_headings_are_excluded_from_every_count() -> None:
    sents = _sents("The Physics of Judo", "Trade grew.", kinds=["heading", "body"])
    table = measures(sents, n_boot=0)
    assert _value(table, "sentences") == 1
    assert _value(table, "words") == 2
    assert _value(table, "metaphor_per_1k:physics") == 0
    assert _value(table, "metaphor_per_1k:martial_arts") == 0


def test_flesch_by_hand() -> None:
    table = measures(_sents("The cat sat on the mat."), include=["flesch*"], n_boot=0)
    # 6 words, 1 sentence, 6 syllables: 206.835 - 1.015 * 6 - 84.6 * 1
    assert _value(table, "flesch_reading_ease") == pytest.approx(116.145)
    assert flesch_reading_ease(0, 0, 0) != flesch_reading_ease(0, 0, 0)  # NaN


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("cat", 1),
        ("the", 1),
        ("make", 1),
        ("makes", 1),
        ("table", 2),
        ("people", 2),
        ("walked", 1),
        ("wanted", 2),
        ("described", 2),
        ("changes", 2),
        ("issues", 2),
        ("being", 2),
        ("media", 3),
        ("union", 3),
        ("nation", 2),
        ("actual", 3),
        ("Asia", 2),
        ("diplomacy", 4),
        ("Kazakhstan", 3),
        ("equilibrium", 5),
        ("geopolitical", 5),
        ("EU", 2),
        ("Kazakhstan's", 3),
        ("multi-vector", 4),
    ],
)
def test_syllable_counter(word: str, syllables: int) -> None:
    assert count_syllables(word) == syllables


def test_syllable_counter_on_a_hand_counted_passage() -> None:
    # Seed 000, counted by hand: "In judo, ju represents softness and adaptation."
    words = ["In", "judo", "ju", "represents", "softness", "and", "adaptation"]
    assert [count_syllables(w) for w in words] == [1, 2, 1, 3, 2, 1, 4]


def test_mtld_by_hand() -> None:
    # "a b a": TTR 1, 1, 2/3 <= 0.72 -> one factor every three tokens, both directions.
    assert mtld(["a", "b", "a", "a", "b", "a"]) == 3.0
    # No factor ever completes: the partial factor is (1 - 1) / 0.28 = 0 -> undefined.
    assert math.isnan(mtld(["a", "b", "c"]))
    assert math.isnan(mtld([]))


# --- intervals ----------------------------------------------------------------------


def test_same_seed_same_bytes_other_seed_other_intervals(
    seed_sentences: pd.DataFrame, tmp_path: Path
) -> None:
    a = measures(seed_sentences, n_boot=200, seed=7)
    b = measures(seed_sentences, n_boot=200, seed=7)
    c = measures(seed_sentences, n_boot=200, seed=8)
    pa, pb = write_table(a, tmp_path / "a.csv"), write_table(b, tmp_path / "b.csv")
    assert pa.read_bytes() == pb.read_bytes()
    assert a["value"].equals(c["value"])
    assert not a["ci_low"].equals(c["ci_low"])


def test_adding_an_article_leaves_other_intervals_unchanged(seed_sentences: pd.DataFrame) -> None:
    one = seed_sentences[seed_sentences["doc_id"] == D000]
    alone = measures(one, n_boot=200, seed=3)
    together = measures(seed_sentences, n_boot=200, seed=3)
    together = together[together["doc_id"] == D000].reset_index(drop=True)
    pd.testing.assert_frame_equal(alone, together)


def test_intervals_bracket_values_and_counts_have_none(seed_table: pd.DataFrame) -> None:
    rated = seed_table[~seed_table["measure"].isin(["words", "sentences", "mtld"])]
    assert rated["ci_low"].notna().all()
    assert (rated["ci_low"] <= rated["value"] + 1e-9).all()
    assert (rated["value"] <= rated["ci_high"] + 1e-9).all()
    counts = seed_table[seed_table["measure"].isin(["words", "sentences", "mtld"])]
    assert counts["ci_low"].isna().all() and counts["ci_high"].isna().all()


def test_table_shape_and_order(seed_table: pd.DataFrame) -> None:
    names = measure_names()
    assert seed_table.columns.tolist() == ["doc_id", "measure", "value", "ci_low", "ci_high"]
    assert seed_table["doc_id"].unique().tolist() == [D000, D001, D002, D004]
    assert seed_table[seed_table["doc_id"] == D000]["measure"].tolist() == names
    assert names[: len(BASE_MEASURES)] == list(BASE_MEASURES)
    # the Policy Frames Codebook (frames.v2) and general metaphor domains (metaphors.v2)
    for frame in ["economic", "security_defense", "legality", "political", "external_reputation"]:
        assert f"frame_per_1k:{frame}" in names
    assert "frame_per_1k:balancing" not in names  # a v1 (seed) frame, no longer the default
    assert {"metaphor_per_1k:war", "metaphor_per_1k:journey", "metaphor_per_1k:physics"} <= set(
        names
    )
    assert "metaphor_per_1k:weaving" in names
    # national role conceptions (role.v1.csv, Holsti 1970)
    assert {"role_per_1k:balancer", "role_per_1k:mediator", "role_per_1k:bridge"} <= set(names)


def test_include_patterns_and_bad_parameters(seed_sentences: pd.DataFrame) -> None:
    table = measures(seed_sentences, include=["frame_per_1k:*"], n_boot=10)
    assert set(table["measure"]) == {m for m in measure_names() if m.startswith("frame_per_1k:")}
    with pytest.raises(InputError, match="'hedge_per_1k' matches nothing"):
        measures(seed_sentences, include=["hedge_per_1k"])
    with pytest.raises(InputError, match="n_boot"):
        measures(seed_sentences, n_boot=-1)
    with pytest.raises(InputError, match="seed"):
        measures(seed_sentences, seed=1.5)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="missing column"):
        measures(pd.DataFrame({"text": ["x"]}))


# --- the seeds, checkable by hand ---------------------------------------------------


def test_judo_and_physics_article_leads_on_its_metaphors(seed_table: pd.DataFrame) -> None:
    for domain in ["martial_arts", "physics", "weaving"]:
        rows = seed_table[seed_table["measure"] == f"metaphor_per_1k:{domain}"]
        assert rows.sort_values("value")["doc_id"].iloc[-1] == D000, domain
    # judo, kuzushi, tai-sabaki, randori ... appear only in 000.
    judo = seed_table[seed_table["measure"] == "metaphor_per_1k:martial_arts"]
    assert (judo.set_index("doc_id")["value"].drop(D000) == 0).all()


def test_martial_arts_evidence_in_000(seed_sentences: pd.DataFrame) -> None:
    ev = evidence(seed_sentences, "metaphor_per_1k:martial_arts", doc_id=D000)
    words = "|".join(ev["matches"]).split("|")
    assert {"judo", "kuzushi", "tai-sabaki", "randori", "Seiryoku Zenyo", "judoka"} <= set(words)
    assert "The Physics of Geopolitics" not in ev["text"].tolist()  # headings are not counted


def test_reporting_article_leads_on_attribution(
    seed_table: pd.DataFrame, seed_sentences: pd.DataFrame
) -> None:
    rows = seed_table[seed_table["measure"] == "attribution_per_1k"].set_index("doc_id")
    assert rows["value"].idxmax() == D002
    assert rows.loc[D002, "ci_low"] > rows.drop(D002)["value"].max()
    ev = evidence(seed_sentences, "attribution_per_1k", doc_id=D002)
    found = set("|".join(ev["matches"]).split("|"))
    assert {"As reported by", "According to", "told", "commented", "spokesman"} <= found


def test_first_person_only_in_004_and_not_inside_tokayevs_quote(
    seed_table: pd.DataFrame, seed_sentences: pd.DataFrame
) -> None:
    rows = seed_table[seed_table["measure"] == "first_person_per_1k"].set_index("doc_id")["value"]
    assert rows[rows > 0].index.tolist() == [D004]
    ev = evidence(seed_sentences, "first_person_per_1k", doc_id=D004)
    assert ev["matches"].tolist()[0] == "I"  # "Several days ago I argued here ..."
    assert "we (inside a quotation)" in ev["excluded"].tolist()  # "By 2029, we will build ..."


def test_un_speech_articles_lead_on_balancing_and_initiative(
    seed_table: pd.DataFrame, seed_sentences: pd.DataFrame, tmp_path: Path
) -> None:
    # with the general lexicons, the two articles on the UN speech lead on naming the UN
    rows = seed_table[seed_table["measure"] == "actor_share:United Nations"]
    assert set(rows.sort_values("value")["doc_id"].iloc[-2:]) == {D001, D004}
    # ... and, by the default role lexicon (Holsti's role conceptions, written from the
    # typology, not from the seeds), on the balancer and active-independent roles
    for role in ["balancer", "active_independent"]:
        rows = seed_table[seed_table["measure"] == f"role_per_1k:{role}"]
        assert set(rows.sort_values("value")["doc_id"].iloc[-2:]) == {D001, D004}, role
    ev = evidence(seed_sentences, "role_per_1k:balancer", doc_id=D001)
    assert "multi-vector" in "|".join(ev["matches"]).split("|")
    # the v1 frames, given as a user lexicon that extends the default, still show the contrast
    own = tmp_path / "policy.v1.csv"
    shutil.copy(LEXICON_DIR / "frames.v1.csv", own)
    lex = load_lexicons(extra=[own])
    table = measures(seed_sentences, lexicons=lex, include=["policy_per_1k:*"], n_boot=0)
    for frame in ["balancing", "initiative"]:
        rows = table[table["measure"] == f"policy_per_1k:{frame}"]
        top_two = set(rows.sort_values("value")["doc_id"].iloc[-2:])
        assert top_two == {D001, D004}, frame
    ev = evidence(seed_sentences, "policy_per_1k:initiative", doc_id=D004, lexicons=lex)
    assert "agenda-setting" in "|".join(ev["matches"]).split("|")
    ev = evidence(seed_sentences, "policy_per_1k:balancing", doc_id=D001, lexicons=lex)
    assert "multi-vector" in "|".join(ev["matches"]).split("|")


def test_russia_share_and_kremlin_evidence_in_002(
    seed_table: pd.DataFrame, seed_sentences: pd.DataFrame
) -> None:
    rows = seed_table[seed_table["measure"] == "actor_share:Russia"].set_index("doc_id")["value"]
    assert rows.idxmax() == D002
    ev = evidence(seed_sentences, "actor_share:Russia", doc_id=D002)
    assert any("Kremlin" in m.split("|") for m in ev["matches"])


def test_quotes_share_zero_in_001(seed_table: pd.DataFrame) -> None:
    # 001 quotes nothing; its only quotation marks are around the scare quote "multi-vector".
    assert _value(seed_table, "quotes_share", D001) == 0.0
    assert _value(seed_table, "quotes_share", D004) > 0.0


def test_contrasts_lead_with_separated_measures(seed_table: pd.DataFrame) -> None:
    found = contrasts(seed_table, include=["metaphor_per_1k:*"])
    top = found.iloc[0]
    assert top["separated"] and top["score"] > 1
    assert found.set_index("measure").loc["metaphor_per_1k:martial_arts", "doc_id"] == D000
    text = summarise_contrasts(seed_table)
    assert "clearly above" in text


# --- evidence -----------------------------------------------------------------------


def test_evidence_lists_counted_and_excluded_words() -> None:
    sents = _sents("It is clearly so.", "It is not clearly so.", "Nothing here.")
    ev = evidence(sents, "boosters_per_1k")
    assert ev["sent_id"].tolist() == [0, 1]
    assert ev["count"].tolist() == [1, 0]
    assert ev["excluded"].tolist() == ["", "clearly (negated by 'not')"]
    assert ev["words"].tolist() == [4, 5]


def test_evidence_for_readability_and_errors(seed_sentences: pd.DataFrame) -> None:
    ev = evidence(seed_sentences, "flesch_reading_ease", doc_id=D001)
    n_body = ((seed_sentences["doc_id"] == D001) & (seed_sentences["kind"] == "body")).sum()
    assert len(ev) == n_body  # every body sentence, with its syllables as count
    assert (ev["count"] >= ev["words"]).all()
    with pytest.raises(InputError, match="unknown measure 'hedges'"):
        evidence(seed_sentences, "hedges")
    with pytest.raises(InputError, match="unknown doc_id 'nope'"):
        evidence(seed_sentences, "words", doc_id="nope")


# --- keyness, similarity, co-occurrence ------------------------------------------------


def test_keyness_by_hand() -> None:
    sents = pd.concat(
        [_sents("judo judo judo sport", doc_id="a"), _sents("sport rail rail rail", doc_id="b")]
    )
    key = keyness(sents, min_count=1, stop_words=None)
    judo = key[key["term"] == "judo"].iloc[0]
    # a=3, b=0, c=d=4: E1 = 1.5, G2 = 2 * 3 ln 2 = 4.159; log ratio log2((3/4)/(0.5/4)) = log2 6
    assert judo["g2"] == pytest.approx(6 * math.log(2))
    assert judo["log_ratio"] == pytest.approx(math.log2(6))
    assert judo["p_value"] == pytest.approx(0.0414, abs=1e-4)
    assert key["term"].tolist() == ["judo", "rail"]  # "sport" is not key for either


def test_word_bags_count_what_the_per_token_rule_gives() -> None:
    # _bag settles case, possessives and numbers once per distinct token; it
    # must give the counts, and the first-seen order, of _terms token by token
    import random
    from collections import Counter

    from kzlib.rhetoric.words import _PER_CENT, _bag, _terms

    pieces = ["Astana", "astana", "ASTANA", "Astana's", "astana’s", "'s", "2024", "3.5",
              "1990s", "U.S.", "co-operation", "per cent", "Per  Cent", "per-cent", "percent",
              "cent", "İstanbul", "ΟΔΟΣ", "Straße", " ", ", ", ". ", "\n", "of", "the"]  # fmt: skip
    rng = random.Random(7)
    drop = frozenset({"of", "the"})
    for _ in range(3000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        plain = Counter(_terms(_PER_CENT.sub("percent", text)))
        for word in drop:
            plain.pop(word, None)
        bag = _bag(text, drop)
        assert list(bag.items()) == list(plain.items()), repr(text)
    assert _bag("Per cent, per cent; 5 cents", frozenset()) == {"percent": 2, "cents": 1}


def test_keyness_on_seeds(seed_sentences: pd.DataFrame) -> None:
    key = keyness(seed_sentences, top=10)
    assert key.groupby("doc_id").size().max() <= 10
    assert "judo" in key[key["doc_id"] == D000]["term"].tolist()
    assert (key["log_ratio"] > 0).all() and (key["p_value"].between(0, 1)).all()
    assert keyness(seed_sentences[seed_sentences["doc_id"] == D000]).empty


def test_similarity_is_a_symmetric_matrix(seed_sentences: pd.DataFrame) -> None:
    sim = similarity(seed_sentences).pivot(index="doc_a", columns="doc_b", values="similarity")
    assert np.allclose(np.diag(sim), 1.0)
    assert np.allclose(sim.to_numpy(), sim.to_numpy().T)
    off = sim.to_numpy()[~np.eye(4, dtype=bool)]
    assert (off > 0).all() and (off < 1).all()  # all share Kazakhstan, Tokayev, diplomacy ...
    copy = seed_sentences[seed_sentences["doc_id"] == D000].assign(doc_id="copy_of_000")
    both = similarity(pd.concat([seed_sentences, copy]))
    pair = both[(both["doc_a"] == D000) & (both["doc_b"] == "copy_of_000")]
    assert pair["similarity"].iloc[0] == pytest.approx(1.0)


def test_similarity_from_document_terms_and_split_product(
    seed_sentences: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kzlib.rhetoric import document_terms
    from kzlib.rhetoric import tfidf as tfidf_module

    whole = similarity(seed_sentences)
    terms = document_terms(seed_sentences)
    assert terms.doc_ids == sorted(seed_sentences["doc_id"].unique())
    pd.testing.assert_frame_equal(similarity(terms), whole)
    # the widespread words as a dense block, the rest sparse: the same matrix
    monkeypatch.setattr(tfidf_module, "_DENSE_BYTES", 8 * 4 * 50)  # 50 dense columns
    split = similarity(terms)
    assert np.allclose(split["similarity"], whole["similarity"], atol=1e-12)
    nearest = similarity(terms, top=2)
    assert nearest.groupby("doc_a").size().tolist() == [2, 2, 2, 2]
    assert not (nearest["doc_a"] == nearest["doc_b"]).any()


def test_top_columns_is_the_stable_sort_head() -> None:
    from kzlib.rhetoric.tfidf import _top_columns

    rng = np.random.default_rng(0)
    sim = rng.integers(0, 4, size=(50, 30)).astype(float) / 4  # many ties
    for k in (1, 3, 30):
        expected = np.argsort(-sim, axis=1, kind="stable")[:, :k]
        assert (_top_columns(sim, k) == expected).all()


def test_cooccurrence_by_hand_and_on_seeds(seed_sentences: pd.DataFrame) -> None:
    sents = _sents("The Kremlin and Beijing agreed.", "Putin met Xi Jinping.", "China waited.")
    co = cooccurrence(sents)
    assert co[["actor_a", "actor_b", "sentences"]].values.tolist() == [["Russia", "China", 2]]
    assert co["jaccard"].iloc[0] == pytest.approx(2 / 3, abs=1e-4)
    seeds = cooccurrence(seed_sentences, by_doc=True)
    pair = seeds[(seeds["doc_id"] == D002) & (seeds["actor_a"] == "Kazakhstan")]
    assert pair.set_index("actor_b").loc["Russia", "sentences"] >= 5


# --- lexicon folder -----------------------------------------------------------------


def test_lexicon_folder_versions_and_extra_files(tmp_path: Path) -> None:
    folder = tmp_path / "lex"
    shutil.copytree(LEXICON_DIR, folder)
    (folder / "hedges.v2.csv").write_text("term,category,note\nrain,weather,\n")
    (folder / "populism.v1.csv").write_text("term,category,note\nelite,elite,\npeople,people,\n")
    lex = load_lexicons(folder)
    assert lex.files["hedges"] == "hedges.v2.csv"
    sents = _sents("It may rain on the people.")
    table = measures(sents, lexicons=lex, n_boot=0)
    assert _value(table, "hedges_per_1k") == pytest.approx(1000 / 6)  # "rain", not "may"
    assert _value(table, "populism_per_1k:people") == pytest.approx(1000 / 6)


def test_lexicon_folder_errors(tmp_path: Path) -> None:
    folder = tmp_path / "lex"
    shutil.copytree(LEXICON_DIR, folder)
    (folder / "negators.v1.csv").unlink()
    with pytest.raises(InputError, match=r"missing lexicon\(s\) negators.v1.csv"):
        load_lexicons(folder)
    shutil.copy(LEXICON_DIR / "negators.v1.csv", folder / "negators.csv")
    with pytest.raises(InputError, match=r"negators\.csv: lexicon files are named"):
        load_lexicons(folder)
    (folder / "negators.csv").unlink()
    shutil.copy(LEXICON_DIR / "negators.v1.csv", folder)
    with (folder / "frames.v2.csv").open("a") as fh:
        fh.write("judo,Martial Arts,\n")
    with pytest.raises(InputError, match=r"frames.v2.csv:\d+: category 'Martial Arts'"):
        load_lexicons(folder)
    with pytest.raises(InputError, match="lexicon folder not found"):
        load_lexicons(tmp_path / "nope")


# --- command line -------------------------------------------------------------------


def test_cli_writes_the_tidy_table_deterministically(tmp_path: Path) -> None:
    out1, out2 = tmp_path / "a.csv", tmp_path / "b.csv"
    assert main(["rhetoric", "--out", str(out1), "--n-boot", "100", "--seed", "3"]) == 0
    assert main(["rhetoric", "--out", str(out2), "--n-boot", "100", "--seed", "3"]) == 0
    assert out1.read_bytes() == out2.read_bytes()
    table = pd.read_csv(out1)
    assert table.columns.tolist() == ["doc_id", "measure", "value", "ci_low", "ci_high"]
    assert set(measure_names()) == set(table["measure"])


def test_cli_options_and_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.parquet"
    argv = ["rhetoric", "--out", str(out), "--n-boot", "0", "--measure", "frame_per_1k:*"]
    assert main([*argv, "--corpus", str(CORPUS_SMALL)]) == 0
    table = pd.read_parquet(out)
    assert table["measure"].str.startswith("frame_per_1k:").all()
    assert table["ci_low"].isna().all()
    bad = tmp_path / "lex"
    shutil.copytree(LEXICON_DIR, bad)
    with (bad / "hedges.v1.csv").open("a") as fh:
        fh.write("perhaps,adverb,\n")
    assert main(["rhetoric", "--out", str(tmp_path / "x.csv"), "--lexicons", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "hedges.v1.csv:" in err and "'perhaps' is listed twice" in err
    assert not (tmp_path / "x.csv").exists()
    with pytest.raises(SystemExit):
        main(["rhetoric", "--out", str(tmp_path / "x.csv"), "--n-boot", "-5"])


# --- notebook -----------------------------------------------------------------------


def test_notebook_is_stored_clean() -> None:
    nb = json.loads(NOTEBOOK.read_text())
    assert nb["metadata"]["kernelspec"] == {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code[0]["metadata"]["tags"] == ["parameters"]
    for name in ["corpus", "tables_dir", "seed", "lexicons", "measures", "n_boot"]:
        assert re.search(rf"\n{name}: \w+(\[\w+\])? = ", "\n" + "".join(code[0]["source"]))
    assert all(not c["outputs"] and c["execution_count"] is None for c in code)
    assert not any("def " in "".join(c["source"]) for c in code)


@pytest.mark.notebook
def test_notebook_runs_on_seeds_and_writes_tables(tmp_path: Path) -> None:
    tables = tmp_path / "tables"
    nb = run_notebook("02_rhetoric.ipynb", tmp_path, n_boot=50, tables_dir=str(tables))
    text = outputs_text(nb)
    assert "Loaded **4 articles**" in text
    assert "metaphor_per_1k:martial_arts" in text and "clearly above" in text
    for name in ["rhetoric.csv", "keyness.csv", "similarity.csv", "cooccurrence.csv"]:
        assert (tables / name).exists(), name
    table = pd.read_csv(tables / "rhetoric.csv")
    judo = table[table["measure"] == "metaphor_per_1k:martial_arts"].set_index("doc_id")
    assert judo["value"].idxmax() == D000
    assert "judo" in pd.read_csv(tables / "keyness.csv").query("doc_id == @D000")["term"].tolist()


@pytest.mark.notebook
def test_notebook_runs_on_another_corpus_with_few_measures(tmp_path: Path) -> None:
    tables = tmp_path / "tables"
    nb = run_notebook(
        "02_rhetoric.ipynb",
        tmp_path,
        corpus=str(CORPUS_SMALL),
        tables_dir=str(tables),
        n_boot=20,
        seed=1,
        measures=["hedges_per_1k", "frame_per_1k:*"],
    )
    text = outputs_text(nb)
    assert "Loaded **3 articles**" in text
    table = pd.read_csv(tables / "rhetoric.csv")
    assert set(table["doc_id"]) == {p.stem for p in CORPUS_SMALL.glob("*.txt")}
    assert table["measure"].str.match(r"hedges_per_1k|frame_per_1k:").all()
    co = pd.read_csv(tables / "cooccurrence.csv")
    armenia = co[(co["actor_a"] == "Armenia") & (co["actor_b"] == "Azerbaijan")]
    assert armenia["sentences"].iloc[0] >= 1  # "talks between ... Armenia and Azerbaijan"


def test_distinctive_evidence_on_seeds(
    seed_table: pd.DataFrame, seed_sentences: pd.DataFrame
) -> None:
    ev = distinctive_evidence(seed_sentences, seed_table, include=["metaphor_per_1k:*"], top=2)
    assert ev["measure"].unique().tolist() == [
        "metaphor_per_1k:martial_arts",
        "metaphor_per_1k:physics",
    ]
    assert (ev["doc_id"] == D000).all() and (ev["count"] > 0).all()
    assert distinctive_evidence(seed_sentences, seed_table, include=["nothing*"]).empty


def test_cli_extra_lexicon_adds_measures(tmp_path: Path) -> None:
    own = tmp_path / "energy.v1.csv"
    own.write_text("term,category,note\npipeline,oil_gas,\nrailway,transport,\n", encoding="utf-8")
    out = tmp_path / "r.csv"
    args = ["rhetoric", "--out", str(out), "--n-boot", "0", "--extra-lexicon", str(own)]
    assert main([*args, "--measure", "energy_per_1k:*"]) == 0
    table = pd.read_csv(out)
    assert set(table["measure"]) == {"energy_per_1k:oil_gas", "energy_per_1k:transport"}
    assert len(table) == 8  # four seed articles x two categories
