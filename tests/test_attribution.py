"""Tests for kzlib.claims.attribution: speakers, sources, quotations."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kzlib.claims import attribution, guards, persons, speech
from kzlib.claims.attribution import Attribution, Attributor
from kzlib.claims.gazetteer import load_sources
from kzlib.claims.persons import find_persons
from kzlib.errors import InputError


def _speakers(*sentences: str) -> list[tuple[str, str, bool]]:
    attr = Attributor()
    return [(a.speaker, a.source, a.quote) for a in map(attr.attribute, sentences)]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Kremlin spokesman Dmitry Peskov described the talks as very important.", "Dmitry Peskov"),
        (
            "Andrew Smith, a senior fellow at a think tank, told reporters that it worked.",
            "Andrew Smith",
        ),
        ("Foreign Minister Murat Nurtleu warned that the plan was risky.", "Murat Nurtleu"),
        ('"We will win," said Jane Doe.', "Jane Doe"),
        ("According to Maria Lopez, the deal was signed.", "Maria Lopez"),
        ("As reported by Arkady Petrov in a local paper, the leaders met.", "Arkady Petrov"),
        ("In May, Secretary-General Ana Silva visited Astana, praising its role.", "Ana Silva"),
        ("President Ivan Ivanov met the envoy and stated that talks would go on.", "Ivan Ivanov"),
    ],
)
def test_reported_speech_speakers(sentence: str, speaker: str) -> None:
    assert _speakers(sentence)[0][0] == speaker


def test_no_speaker_for_authorial_statements_groups_speak_as_groups() -> None:
    out = _speakers(
        "Several days ago I argued here that the policy changed.",
        "Analysts said the move was cautious.",
        "The announcement highlighted the new course of Kazakhstan.",
    )
    assert [s for s, _, _ in out] == ["", "analysts", ""]


def test_surname_and_pronoun_resolve_to_the_full_name() -> None:
    out = _speakers(
        "Kremlin spokesman Dmitry Peskov spoke on Monday.",
        'Peskov also commented on the contacts as generating "great interest" in Moscow.',
        "Likewise he framed the issue as regional.",
    )
    assert out[1] == ("Dmitry Peskov", "", True)
    assert out[2][0] == "Dmitry Peskov"


def test_possessive_remark_with_quotation() -> None:
    out = _speakers(
        "President Kassym-Jomart Tokayev spoke in Moscow.",
        'Likewise, his remark in the hall, "a neighbor is given by God," was not deference.',
    )
    assert out[1] == ("Kassym-Jomart Tokayev", "", True)


def test_quotation_over_two_sentences_keeps_its_speaker() -> None:
    out = _speakers(
        'Tokayev declared to the Assembly: "Kazakhstan carries most of the freight.',
        'By 2029, we will build five thousand kilometers of railway."',
        "The deal was announced later.",
    )
    assert out[0][0] == out[1][0] == "Tokayev"
    assert out[1][2] is True
    assert out[2] == ("", "", False)


def test_scare_quotes_without_a_speaker_are_not_quotations() -> None:
    assert _speakers('Kazakhstan\'s "multi-vector" policy served it well.') == [("", "", False)]


def test_outlets_are_sources_anywhere_bodies_speak_only_when_cited() -> None:
    out = _speakers(
        "Reuters highlighted the discussion of sanctions.",
        "Jane Roe told Radio Free Europe/Radio Liberty (RFE/RL) that it mattered.",
        "According to information from the official residence Akorda and reported by "
        "timesca.com, the leaders talked.",
        "The World Bank is based in Washington.",
        "The World Bank said growth would slow.",
    )
    assert out[0][:2] == ("", "Reuters")
    assert out[1][:2] == ("Jane Roe", "RFE/RL")
    assert out[2][:2] == ("Akorda", "timesca.com")  # a body speaks; the outlet is the source
    assert out[3][:2] == ("", "")
    assert out[4][:2] == ("World Bank", "")


def test_find_persons_skips_places_and_institutions() -> None:
    names = [
        m.name for m in find_persons("The Security Council met in New York with Central Asia.")
    ]
    assert names == []


def test_bad_gazetteer_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "s.csv"
    bad.write_text("source,kind,aliases\nReuters,newspaper,Reuters\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"s\.csv:2"):
        load_sources(bad)


def test_unnamed_office_holder_is_the_speaker() -> None:
    out = _speakers(
        '"Our region speaks with one voice," Kazakhstan\'s foreign minister told reporters.',
        "The minister of culture opened the exhibition.",
    )
    assert out[0] == ("Kazakhstan's foreign minister", "", True)
    assert out[1][0] == ""


def test_unlisted_bodies_that_report_are_speakers() -> None:
    out = _speakers(
        "The two countries signed a deal, the Kazakh Ministry of Transport said in a statement.",
        "According to the National Bank of Kazakhstan, inflation slowed.",
        "The Ministry of Foreign Affairs said the consulate would reopen.",
    )
    assert out[0][:2] == ("Kazakh Ministry of Transport", "")
    assert out[1][:2] == ("National Bank of Kazakhstan", "")
    assert out[2][0] == "Ministry of Foreign Affairs"  # not the surname "Affairs"


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (  # a descriptive reference resolves to the person named before
            ["President Aidos Karimov arrived in Riga on Monday.",
             "The Latvian president told reporters that trade had doubled."],
            "Aidos Karimov",
        ),
        (
            ["Olga Brandt, a retired judge, spoke at the forum.",
             '"Courts must be independent," the 71-year-old said.'],
            "Olga Brandt",
        ),
        (["Economist Lars Berg has studied the krona for years.",
          "In his opinion, the currency is overvalued."], "Lars Berg"),
        (["The radio quoted Deputy Mayor Ivo Kask as saying that the bridge was safe."],
         "Ivo Kask"),
        (["A spokeswoman for the agency said the audit was finished."], "spokeswoman"),
        (["Experts believe the harvest will be smaller."], "experts"),
        (["The port was closed, the regional press service reported."], "press service"),
        (["Governor Ana Lind opened the fair by underscoring its importance."], "Ana Lind"),
    ],
)
def test_attribution_forms_beyond_said(texts: list[str], expected: str) -> None:
    assert _speakers(*texts)[-1][0] == expected


def test_a_greeting_verb_with_a_person_as_object_is_no_attribution() -> None:
    out = _speakers(
        "Minister Pavel Novak welcomed Deputy Secretary of State Mia Holm and a delegation."
    )
    assert out[0][0] == ""


def test_a_quotation_over_paragraphs_keeps_its_speaker_until_it_closes() -> None:
    out = _speakers(
        'Deputy Mayor Ivo Kask said: "The bridge will open in May.',
        '"It will carry four lanes of traffic."',
        "The bridge was designed in Tallinn.",
    )
    assert [s for s, _, _ in out] == ["Ivo Kask", "Ivo Kask", ""]


def _attribute_all(texts: list[str]) -> list[Attribution]:
    out: list[Attribution] = []
    for i in range(0, len(texts), 6):  # documents of six sentences
        attr = Attributor()
        out += [attr.attribute(t) for t in texts[i : i + 6]]
    return out


def test_word_guards_never_change_an_attribution(
    seed_sentences: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With every guard word present (so every pattern runs) the attributions are the same."""
    texts = seed_sentences["text"].tolist()
    texts += [
        f"{a} reported that the deal was signed, according to the {a} office."
        for s in load_sources()
        for a in s.aliases
    ]
    texts += [t.upper() for t in texts[:30]] + [t.replace("i", "\u0131") for t in texts[:30]]
    fast = _attribute_all(texts)
    everything = frozenset().union(
        speech._REPORT_VERB_WORDS,
        speech._REPORT_PARTICIPLE_WORDS,
        speech._PRONOUN_WORDS,
        speech._FIRST_PERSON_WORDS,
        persons._TITLE_HEAD_WORDS,
        speech._TITLE_ONLY_WORDS,
    )
    letter_words = attribution._letter_words
    monkeypatch.setattr(attribution, "_letter_words", lambda t: letter_words(t) | everything)
    monkeypatch.setattr(guards._AllWords, "any_within", lambda self, words: True)
    monkeypatch.setattr(
        attribution, "_according_cues", lambda t: list(speech._ACCORDING_RE.finditer(t))
    )
    assert _attribute_all(texts) == fast


def test_guard_words_are_the_patterns_words() -> None:
    verbs = speech._REPORT_VERB_WORDS
    assert all(speech._REPORT_VERB_RE.fullmatch(w) for w in verbs)
    alternatives = set(speech._REPORT_VERB[3:-1].split("|"))
    assert len(verbs) == len(alternatives) + sum("[sz]" in a for a in alternatives)
    for w in speech._REPORT_PARTICIPLE_WORDS:
        assert speech._REPORT_PARTICIPLE_RE.fullmatch(w)
    for title in persons._TITLE_HEAD_WORDS:
        dot = "." if title in {"Dr", "Mr", "Mrs", "Ms", "Prof"} else ""
        probe = f"{title}{dot} Nursultan Nazarbayev"
        assert persons._PERSON_TITLED_RE.search(probe), title
