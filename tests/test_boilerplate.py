"""Tests for kzlib.corpus.boilerplate: ceremonial and procedural sentences."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pandas as pd
import pytest

from kzlib.corpus.audit import boilerplate_audit
from kzlib.corpus.boilerplate import (
    BOILERPLATE_COLUMNS,
    BOILERPLATE_FILE,
    boilerplate_frame,
    boilerplate_mask,
    edge_shape_counts,
    read_rules,
    recurring_shapes,
    sentence_shape,
    strip_salutations,
    without_boilerplate,
)
from kzlib.corpus.document import Document
from kzlib.corpus.segment import sentences_frame
from kzlib.errors import InputError

SPEECH = """Mr. President, Excellencies, Ladies and gentlemen,

Allow me to congratulate you on your election as President of the seventy-ninth session.

I also thank your predecessor for his able leadership of the seventy-eighth session.

Drought has cut our harvest by a third since 2021, and food prices in the capital have doubled.

We call on our neighbours to share the water of the river fairly under the 1992 agreement.

Mr. President, the climate crisis is no longer a distant threat for the islands of the Pacific.

The debt burden of small states must be restructured before the next hurricane season.

Thank you for your attention.
"""


def _table(rows: list[tuple[str, str]]) -> pd.DataFrame:
    """A sentence table from (doc_id, text) rows, sentences numbered per document."""
    frame = pd.DataFrame(rows, columns=["doc_id", "text"])
    frame["sent_id"] = frame.groupby("doc_id").cumcount()
    frame["kind"] = "body"
    return frame


def _speech_sentences() -> pd.DataFrame:
    doc = Document.from_text(SPEECH, doc_id="speech")
    return sentences_frame([doc])


def test_rules_file_reads_and_every_example_is_flagged() -> None:
    rules = read_rules()
    assert len(rules) >= 20
    assert {r.category for r in rules} >= {"salutation", "thanks", "congratulation", "session"}
    assert len({r.rule for r in rules}) == len(rules)


def test_speech_ceremony_flagged_substance_kept() -> None:
    sents = _speech_sentences()
    mask = boilerplate_mask(sents)
    flagged = set(sents.loc[mask, "text"])
    kept = set(sents.loc[~mask, "text"])
    assert "Mr. President, Excellencies, Ladies and gentlemen," in flagged
    assert any(t.startswith("Allow me to congratulate") for t in flagged)
    assert any(t.startswith("I also thank your predecessor") for t in flagged)
    assert "Thank you for your attention." in flagged
    assert all("Drought" not in t and "debt burden" not in t for t in flagged)
    # a salutation in front of a substantive sentence does not make it boilerplate
    assert any(t.startswith("Mr. President, the climate crisis") for t in kept)


def test_frame_reasons_and_alignment() -> None:
    sents = _speech_sentences()
    frame = boilerplate_frame(sents)
    assert list(frame.columns) == BOILERPLATE_COLUMNS
    reasons = dict(zip(frame["sent_id"], frame["reason"], strict=True))
    assert reasons[0] == "salutation"
    assert reasons[max(reasons)] == "thanks"
    mask = boilerplate_mask(sents.iloc[::-1])  # index order does not matter
    assert mask.index.equals(sents.index[::-1])
    assert int(mask.sum()) == len(frame)


def test_edge_rules_only_at_edges() -> None:
    middle = "It is a great privilege to live in a free country."
    filler = [f"Grain exports rose in year {i} of the plan." for i in range(12)]
    rows = [("d", t) for t in filler[:6]] + [("d", middle)] + [("d", t) for t in filler[6:]]
    sents = _table(rows)
    assert not boilerplate_mask(sents, recurring=False).any()
    assert boilerplate_mask(sents, recurring=False, edge=7).iloc[6]


def test_headings_never_flagged() -> None:
    sents = _table([("d", "Thank you for your attention."), ("d", "Wheat is cheap.")])
    sents.loc[0, "kind"] = "heading"
    assert not boilerplate_mask(sents).any()


def test_recurring_shapes_across_documents() -> None:
    openings = [
        "Water tables fell by two metres last year.",
        "Our fishing fleet lost half its catch.",
        "The new port opened in March.",
        "Cotton prices halved in a decade.",
        "Tourism has not recovered from the cyclone.",
    ]
    rows = []
    for i, country in enumerate(["Ghana", "Peru", "Nepal", "Chile", "Fiji"]):
        rows += [
            (f"d{i}", openings[i]),
            (f"d{i}", f"Farmers in the north planted {10 + i} new varieties of millet."),
            (f"d{i}", f"Long live the Republic of {country}!"),
        ]
    sents = _table(rows)
    counts = edge_shape_counts(sents, edge=1)
    assert counts["long live the n"] == 5
    frame = boilerplate_frame(sents, rules=[], edge=1, min_docs=3)
    assert set(frame["reason"]) == {"recurring"}
    assert frame["sent_id"].tolist() == [2] * 5
    # too rare in a small share of documents: nothing recurs
    assert boilerplate_frame(sents, rules=[], edge=1, min_docs=6).empty
    assert not boilerplate_mask(sents, rules=[], recurring=False).any()


def test_recurring_shapes_threshold() -> None:
    counts = pd.Series({"thank you": 12, "we meet": 4})
    assert recurring_shapes(counts, n_docs=100, min_docs=3, min_share=0.1) == {"thank you"}
    assert recurring_shapes(counts, n_docs=10, min_docs=3, min_share=0.1) == {
        "thank you",
        "we meet",
    }
    with pytest.raises(InputError, match="min_share"):
        recurring_shapes(counts, n_docs=10, min_share=2.0)


def test_shapes_mask_what_varies() -> None:
    a = sentence_shape("54. I thank you, Madam President.")
    b = sentence_shape("I thank you, Mr. President.")
    assert a == b == "i thank you n"
    assert sentence_shape("The 77th session") == sentence_shape("The seventy-ninth session")
    assert sentence_shape("Wheat is cheap.") != sentence_shape("Rice is dear.")


def test_shapes_given_from_elsewhere_are_used() -> None:
    sents = _table([("a", "Glory to the heroes."), ("a", "Wheat is cheap.")])
    mask = boilerplate_mask(sents, rules=[], shapes={"glory to the heroes"})
    assert mask.tolist() == [True, False]


def test_bad_rule_files(tmp_path: Path) -> None:
    header = "rule,category,position,max_rest,cue,pattern,example,note\n"
    bad = {
        "position": "r1,thanks,middle,,,thanks,thanks,\n",
        "compile": "r1,thanks,any,,,(thanks,thanks,\n",
        "does not flag its own example": "r1,thanks,any,,,thanks,merci,\n",
        "max_rest": "r1,thanks,any,x,,thanks,thanks,\n",
        "listed twice": "r1,thanks,any,,,thanks,thanks,\nr1,thanks,any,,,thanks,thanks,\n",
    }
    for problem, rows in bad.items():
        path = tmp_path / f"{len(rows)}_{problem[:3]}.csv"
        path.write_text(header + rows, encoding="utf-8")
        with pytest.raises(InputError, match=problem):
            read_rules(path)
    with pytest.raises(InputError, match="header"):
        (tmp_path / "h.csv").write_text("rule,pattern\nr,x\n", encoding="utf-8")
        read_rules(tmp_path / "h.csv")
    with pytest.raises(InputError, match="missing column"):
        boilerplate_mask(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}))


def test_user_rule_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(
        BOILERPLATE_FILE.read_text(encoding="utf-8").splitlines()[0]
        + "\nglory,closing,any,,glory,glory to \\w+,Glory to Ukraine!,\n",
        encoding="utf-8",
    )
    sents = _table([("a", "Glory to Ukraine!"), ("a", "Thank you for your attention.")])
    assert boilerplate_mask(sents, rules=path, recurring=False).tolist() == [True, False]


def test_seed_articles_barely_flagged(seed_sentences: pd.DataFrame) -> None:
    """News and analysis articles have little ceremony: almost nothing is flagged."""
    share = boilerplate_mask(seed_sentences).mean()
    assert share < 0.03


def test_audit_rows_point_at_the_raw_text() -> None:
    from kzlib.corpus import AUDIT_COLUMNS

    doc = Document.from_text(SPEECH, doc_id="speech")
    sents = sentences_frame([doc])
    audit = boilerplate_audit(sents, boilerplate_frame(sents))
    assert list(audit.columns) == AUDIT_COLUMNS
    assert len(audit) == int(boilerplate_mask(sents).sum()) > 0
    assert (audit["kind"] == "boilerplate").all()
    for row in audit.itertuples():
        assert doc.text[row.clean_start : row.clean_start + len(row.before)] == row.before
        assert doc.raw[row.start : row.end].split() == row.before.split()


def test_strip_salutations_keeps_offsets_and_content() -> None:
    texts = [
        "Mr. President, Excellencies, the drought is spreading.",
        "Ladies and gentlemen, grain prices doubled.",
        "The President of Ghana visited the dam.",
    ]
    out = strip_salutations(texts)
    assert [len(t) for t in out] == [len(t) for t in texts]
    assert "President" not in out[0] and "Excellencies" not in out[0]
    assert out[0].endswith("the drought is spreading.")
    assert "gentlemen" not in out[1] and "grain prices doubled." in out[1]
    assert out[2] == texts[2]  # not a form of address


def _speeches(n: int = 6) -> pd.DataFrame:
    """Speeches that share the ceremony of SPEECH and differ in substance."""
    subjects = ["drought harvest water", "debt hurricane islands", "fisheries ocean coral"]
    docs = []
    for i in range(n):
        words = subjects[i % len(subjects)]
        body = " ".join(f"Our {words} policy needs {words} support now." for _ in range(4))
        docs.append(
            Document.from_text(
                SPEECH.replace("Drought has cut", body + " Drought has cut"), doc_id=f"s{i}"
            )
        )
    return sentences_frame(docs)


def test_without_boilerplate_drops_rows_and_blanks_address_only() -> None:
    sents = _speeches(2)
    kept = without_boilerplate(sents)
    assert len(kept) == len(sents) - int(boilerplate_mask(sents).sum())
    assert not kept["text"].str.contains("Thank you for your attention").any()
    climate = kept[kept["text"].str.contains("climate crisis")]
    assert len(climate) == 2 and not climate["text"].str.contains("President").any()
    assert (climate["text"].str.len() == sents.loc[climate.index, "text"].str.len()).all()
    assert len(without_boilerplate(sents.iloc[:0])) == 0


def test_keyness_and_topics_leave_boilerplate_out_by_default() -> None:
    from kzlib.rhetoric import keyness_totals
    from kzlib.topics import fit_topics

    sents = _speeches()
    ceremony = {"congratulate", "election", "attention", "excellencies", "gentlemen", "thank"}
    assert not set(keyness_totals(sents).terms) & ceremony
    assert set(keyness_totals(sents, boilerplate=False).terms) >= ceremony
    opts = {"n_topics": 3, "n_stability": 0, "unit": "sentence", "n_terms": 40, "seed": 0}
    model = fit_topics(sents, **opts)
    assert not set(model.topic_terms["term"]) & ceremony
    assert model.params["boilerplate"] is True
    raw = fit_topics(sents, **opts, boilerplate=False)
    assert set(raw.topic_terms["term"]) & ceremony


def test_streamed_topics_leave_boilerplate_out() -> None:
    from kzlib.topics import stream_topics

    sents = _speeches()
    ceremony = {"congratulate", "election", "attention", "excellencies", "gentlemen"}
    halves = [sents.iloc[: len(sents) // 2], sents.iloc[len(sents) // 2 :]]
    on = stream_topics(lambda: halves, n_topics=3, n_terms=15, min_df=2)
    off = stream_topics(lambda: halves, n_topics=3, n_terms=15, min_df=2, boilerplate=False)
    assert not set(on.topic_terms["term"]) & ceremony
    assert set(off.topic_terms["term"]) & ceremony


def test_per_cent_is_one_word_in_keyness() -> None:
    from kzlib.rhetoric import keyness

    sents = _table(
        [("a", "Growth was 5 per cent, then 6 per cent, then 7 per-cent.")]
        + [("b", "Ports and roads and rail lines were built in the north.")] * 3
    )
    terms = set(keyness(sents, top=None, min_count=1)["term"])
    assert "percent" in terms and "cent" not in terms


def test_rest_words_are_letters_not_digits() -> None:
    # a rule with max_rest counts the WORDS left: dates and page numbers are not words
    # (a regression once counted "01", "10" and "2015" and kept this header as text)
    sents = _table([("d", "Opening words of the speech."), ("d", "01/10/2015 A/70/PV.23 in 2012.")])
    assert boilerplate_mask(sents, recurring=False).tolist() == [False, True]
    assert strip_salutations(["Mr. President, 2023 saw 40 floods."])[0].endswith(
        "2023 saw 40 floods."
    )


def test_strip_salutations_uses_cues_of_the_unstripped_text() -> None:
    # a rule without cues (a bare "merci") is tried after the forms of address are blanked
    out = strip_salutations(["Mr. President, merci.", "Merci beaucoup, the river is dry."])
    assert out[0].strip(" ,.") == ""
    assert out[1].endswith("the river is dry.") and "Merci" not in out[1]


@pytest.mark.parametrize(
    ("unicode", "ascii_twin"),
    [
        ("kzlib.corpus.boilerplate:_LETTERS", "kzlib.corpus.boilerplate:_LETTERS_ASCII"),
        ("kzlib.corpus.boilerplate:_TOKEN", "kzlib.corpus.boilerplate:_TOKEN_ASCII"),
    ],
)
def test_ascii_twins_find_what_the_unicode_patterns_find(unicode: str, ascii_twin: str) -> None:
    # an ASCII text is scanned with the twin: on every ASCII text the two must agree
    import importlib

    def load(name: str) -> re.Pattern[str]:
        module, attr = name.split(":")
        pattern: re.Pattern[str] = getattr(importlib.import_module(module), attr)
        return pattern

    wide, narrow = load(unicode), load(ascii_twin)
    rng = random.Random(11)
    chars = [chr(c) for c in range(128)] + ["U.S.", "a.b.c", "Tokayev's", "e.g. ", "__", "ab"]
    for _ in range(3000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 40)))
        for variant in (text, text.lower()):
            assert wide.findall(variant) == narrow.findall(variant), repr(variant)
            assert wide.sub("#", variant) == narrow.sub("#", variant), repr(variant)
