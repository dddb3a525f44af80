"""Tests for kzlib.clean: normalisation, unwrapping, glue repair, structure, audit trail."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzlib.corpus.clean import clean_text
from kzlib.corpus.document import Corpus
from kzlib.corpus.metadata import resolve_metadata


def test_quotes_and_dashes_normalised_and_audited() -> None:
    c = clean_text("Tokayev\u2019s \u201cDiplomacy\u201d, 2024\u20132025.")
    assert c.text == 'Tokayev\'s "Diplomacy", 2024-2025.'
    kinds = [e.kind for e in c.edits if e.kind in {"quote", "dash"}]
    assert kinds == ["quote", "quote", "quote", "dash"]
    first = next(e for e in c.edits if e.kind == "quote")
    assert (first.before, first.after) == ("\u2019", "'")
    assert c.raw[first.start : first.end] == "\u2019"


def test_em_dash_kept() -> None:
    assert clean_text("Moscow\u2014and Astana.").text == "Moscow\u2014and Astana."


def test_bom_and_crlf() -> None:
    c = clean_text("\ufeffFirst line.\r\nSecond line.\r\n")
    assert c.text == "First line.\nSecond line.\n"
    assert {e.kind for e in c.edits} >= {"bom", "newline"}


def test_hard_wrap_unwrapped(seeds: Corpus) -> None:
    doc = seeds["002_197b5af11793718a"]
    unwraps = [e for e in doc.cleaned.edits if e.kind == "unwrap"]
    assert len(unwraps) > 40
    assert "has positioned himself as a significant regional" in doc.text
    assert "Treaty Organisation (CSTO)" in doc.text
    # paragraphs stay separate
    body = doc.cleaned.blocks_of("body")
    assert body[0].text.startswith("Kazakhstan's President")
    assert body[0].text.endswith("geopolitical tensions.")


def test_glued_words_repaired(seeds: Corpus) -> None:
    doc = seeds["002_197b5af11793718a"]
    assert "U.S. President-elect Donald Trump" in doc.text
    glue = [e for e in doc.cleaned.edits if e.kind == "glue"]
    assert len(glue) == 1
    assert doc.raw[glue[0].start - 4 : glue[0].start + 9] == "U.S.President"


def test_glue_leaves_domains_and_decimals() -> None:
    c = clean_text("As reported in timesca.com and 3.5 km, U.S. officials.")
    assert c.text == "As reported in timesca.com and 3.5 km, U.S. officials."
    assert clean_text("It ended.Then began.").text == "It ended. Then began."


def test_header_lines_separated(seeds: Corpus) -> None:
    c = seeds["000_844f52fa49c433e9"].cleaned
    kinds = [b.kind for b in c.blocks[:4]]
    assert kinds == ["title", "dateline", "byline", "body"]
    assert [b.text for b in c.blocks_of("heading")][:2] == [
        "The Architecture of a New Diplomacy",
        "The Physics of Geopolitics",
    ]


def test_inline_headings_in_single_line_article(seeds: Corpus) -> None:
    c = seeds["001_3f8aff8216344478"].cleaned
    headings = [b.text for b in c.blocks_of("heading")]
    assert headings == ["From Balance to Initiative", "Central Asia and the South Caucasus"]
    assert any(b.text.startswith("For three decades after independence") for b in c.blocks)
    # the heading split is audited
    assert sum(e.kind == "heading_split" for e in c.edits) == 4


def test_wrapped_lead_is_not_a_title(seeds: Corpus) -> None:
    assert [b.kind for b in seeds["002_197b5af11793718a"].cleaned.blocks][:2] == ["body", "heading"]
    assert seeds["004_f92db42e88264e84"].cleaned.blocks[0].kind == "body"


@pytest.mark.parametrize(
    ("raw", "opening"),
    [
        # the first words of a wrapped paragraph set apart on their own line
        ("Antigua and\nBarbuda offers hearty congratulations on the election of\n"
         "the President of the General Assembly.\n", "Antigua and Barbuda offers"),
        ("This \nGeneral Assembly Hall is, in fact, the situation room of \nthe world.\n",
         "This General Assembly Hall"),
        ("\ufeffMy\nGovernment is pleased that the General Assembly's\npresidency is in"
         "\ncapable hands.\n", "My Government is pleased"),
        # lines of address, with Markdown emphasis or without a comma
        ("**Mr President,**  \n**Mr Secretary-General,**  \n**Excellencies,**\n\n"
         "Allow me first to offer my congratulations.\n", "**Mr President,**"),
        ("Mr. President \nSecretary-General \nDistinguished Delegates  \n \n"
         "Today, we all stand at the edge of a precipice.\n", "Mr. President Secretary-General"),
    ],
)  # fmt: skip
def test_openings_of_speeches_are_body_not_title(raw: str, opening: str) -> None:
    cleaned = clean_text(raw)
    assert [b.kind for b in cleaned.blocks] == ["body"] * len(cleaned.blocks)
    assert cleaned.blocks[0].text.startswith(opening)
    _, provenance = resolve_metadata(cleaned, {})
    assert provenance["title"] == "inferred"


def test_a_headline_set_off_by_a_blank_line_is_still_a_title() -> None:
    cleaned = clean_text("Astana Hosts Central Asia Summit\n\nLeaders met on Friday.\n")
    assert [b.kind for b in cleaned.blocks] == ["title", "body"]


def test_truncation_flagged_not_dropped(seeds: Corpus) -> None:
    c = seeds["001_3f8aff8216344478"].cleaned
    assert c.truncated
    assert c.text.rstrip().endswith("UN Regional Centre...")
    assert [e.kind for e in c.edits].count("truncation") == 1
    assert not seeds["000_844f52fa49c433e9"].cleaned.truncated


def test_raw_never_modified(seeds: Corpus) -> None:
    for doc in seeds:
        assert doc.cleaned.raw == doc.raw


def test_every_edit_names_its_raw_span(seeds: Corpus) -> None:
    for doc in seeds:
        for e in doc.cleaned.edits:
            assert doc.raw[e.start : e.end] == e.before


def test_blocks_map_back_to_raw(seeds: Corpus) -> None:
    for doc in seeds:
        c = doc.cleaned
        for b in c.blocks:
            s, e = c.span_to_raw(b.start, b.end)
            raw = doc.raw[s:e]
            # same words once quotes and whitespace are normalised
            norm = clean_text(raw).text.replace("\n", " ")
            assert " ".join(norm.split()) == " ".join(b.text.split()), (doc.doc_id, b.text[:40])


_word = st.sampled_from(
    [
        "Kazakhstan",
        "the",
        "U.S.",
        "\u201cquote\u201d",
        "Tokayev\u2019s",
        "2024\u20132025",
        "3.5",
        "and",
        "visit",
    ]
)
_line = st.lists(_word, min_size=1, max_size=12).map(" ".join)
_text = st.lists(_line, min_size=1, max_size=8).map(lambda ls: "\n".join(ls))


@settings(max_examples=200, deadline=None)
@given(_text)
def test_offsets_map_back_property(text: str) -> None:
    c = clean_text(text)
    for e in c.edits:
        assert c.raw[e.start : e.end] == e.before
    # every cleaned character that is unchanged maps to the same raw character
    for pos, ch in enumerate(c.text):
        r = c.to_raw(pos)
        assert 0 <= r <= len(text)
        if ch.isalnum():
            assert c.raw[r] == ch


def test_sentence_case_headline_and_published_line() -> None:
    c = clean_text("Kazakhstan's president visits Moscow\n\nPublished: June 3, 2025\nHe arrived.\n")
    assert [(b.kind, b.text) for b in c.blocks] == [
        ("title", "Kazakhstan's president visits Moscow"),
        ("dateline", "Published: June 3, 2025"),
        ("body", "He arrived."),
    ]


def test_wrapped_semicolon_joins_and_list_items_stay_apart() -> None:
    c = clean_text(
        "He met officials;\nthe talks lasted two hours.\n"
        "Outcomes:\n- a gas\ndeal\n- a rail link\nMore soon."
    )
    assert [b.text for b in c.blocks] == [
        "He met officials; the talks lasted two hours.",
        "Outcomes:",
        "- a gas deal",
        "- a rail link",
        "More soon.",
    ]


def test_a_speaker_label_line_is_never_joined_to_the_line_before() -> None:
    raw = (
        "The two leaders met on Tuesday.\n\nOpening remarks at the talks\n"
        "Prime Minister Jane Holt: Thank you, colleagues.\nWe agreed on a plan.\n"
        "The plan covers water\nand energy\nQUESTION: What comes next?\n"
    )
    text = clean_text(raw).text
    assert "Opening remarks at the talks\nPrime Minister Jane Holt: Thank you" in text
    assert "The plan covers water and energy\nQUESTION: What comes next?" in text
    # an ordinary wrapped line ending without a label is still unwrapped
    assert "covers water and energy" in text
