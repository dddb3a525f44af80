"""Speaker turns of transcripts (kzlib.corpus.turns), on sentences written for these tests."""

from __future__ import annotations

import pandas as pd
import pytest

from kzlib.corpus import load_corpus, sentences_frame
from kzlib.corpus.turns import TURN_COLUMNS, read_label, speaker_turns
from kzlib.errors import InputError


def _doc(*paragraphs: str | list[str], doc_id: str = "d") -> pd.DataFrame:
    """A sentence table: each paragraph a string (one sentence) or a list of sentences.

    A paragraph written as ``"# text"`` is a heading.
    """
    rows = []
    pos = 0
    for para_id, para in enumerate(paragraphs):
        for text in [para] if isinstance(para, str) else para:
            kind = "heading" if text.startswith("# ") else "body"
            text = text.removeprefix("# ")
            rows.append((doc_id, len(rows), para_id, pos, pos + len(text), text, kind))
            pos += len(text) + 1
    return pd.DataFrame(
        rows, columns=["doc_id", "sent_id", "para_id", "start", "end", "text", "kind"]
    )


def _turns(frame: pd.DataFrame) -> list[tuple[str | None, str]]:
    got = speaker_turns(frame)
    return list(zip(got["turn_speaker"], got["turn_role"], strict=True))


def test_interview_turns_carry_over_paragraphs_until_the_next_label() -> None:
    frame = _doc(
        "QUESTION: Minister, what did the two sides agree on?",
        "And when will the road open?",
        ["FOREIGN MINISTER ORTEGA: We agreed on a transit corridor.", "It opens in May."],
        "The first trains are already booked.",
        "QUESTION: Thank you.",
    )
    assert _turns(frame) == [
        (None, "interviewer"),
        (None, "interviewer"),
        ("Ortega", "speaker"),
        ("Ortega", "speaker"),
        ("Ortega", "speaker"),
        (None, "interviewer"),
    ]


def test_office_phrases_are_dropped_from_the_name() -> None:
    cases = {
        "Prime Minister of Freedonia Anna Kowalska: We are ready.": "Anna Kowalska",
        "President of the Republic of Ruritania Pavel Orlov: Welcome.": "Pavel Orlov",
        "Secretary of Commerce Laura B. Hall: Exports grew.": "Laura B. Hall",
        "DEPUTY SPOKESPERSON KIM-LEE: No comment on that.": "Kim-Lee",
        "Mr. Haddad: That is correct.": "Haddad",
        "Jane Doe, Foreign Minister: The talks went well.": "Jane Doe",
        "AMBASSADOR VAN DER BERG (via interpreter): Thank you.": "Van Der Berg",
    }
    for text, name in cases.items():
        label = read_label(text)
        assert label is not None, text
        assert (label.speaker, label.role, label.strong) == (name, "speaker", True)


def test_label_end_points_at_the_turn_text() -> None:
    frame = _doc("MODERATOR: Our next speaker.", "Ms. Okafor:", "Trade doubled.")
    got = speaker_turns(frame)
    texts = frame["text"].tolist()
    assert [t[e:] for t, e in zip(texts, got["label_end"], strict=True)] == [
        "Our next speaker.",
        "",
        "Trade doubled.",
    ]
    assert _turns(frame) == [(None, "interviewer"), ("Okafor", "speaker"), ("Okafor", "speaker")]


def test_q_and_a_roles() -> None:
    frame = _doc("Q: Is the pipeline finished?", "A: Not yet.", "It needs a year.")
    assert _turns(frame) == [(None, "interviewer"), (None, "speaker"), (None, "speaker")]


@pytest.mark.parametrize(
    "text",
    [
        "Background: the two countries set up relations in 1992.",
        "Note: all figures are preliminary.",
        "Begin Text:",
        "Washington, D.C.: The meeting was closed to the press.",
        "The ministers agreed on the following:",
        "Ladies and Gentlemen: welcome.",
        "Mr. President: thank you for the floor.",
        "Key Outcomes:",
        "Ministry of Foreign Affairs: The note was delivered.",
        "At 10:30 the delegations met.",
        'He said: "We are ready."',
        "Dear friends: thank you.",
        "Second: the sanctions must be lifted.",
        "Finally: when will the talks resume?",
        "Europe's Choice: trade or tariffs.",
        'Elena Novak: "Peace is a process," she wrote.',
    ],
)
def test_headings_datelines_and_list_intros_are_not_labels(text: str) -> None:
    assert read_label(text) is None
    # not even inside a transcript, where bare names are otherwise accepted
    frame = _doc("QUESTION: Go on.", text, "The meeting lasted two hours.")
    assert _turns(frame)[1:] == [(None, "interviewer"), (None, "interviewer")]


def test_a_lone_bare_name_is_not_a_turn_but_alternating_names_are() -> None:
    news = _doc("ASTANA: The president met the envoy on Monday.", "Trade was discussed.")
    assert _turns(news) == [(None, "none"), (None, "none")]
    listing = _doc("Kazakhstan: exports rose 5 percent.", "Uzbekistan grew faster.")
    assert _turns(listing) == [(None, "none"), (None, "none")]
    dialogue = _doc(
        "Maria Lopez: The corridor is open.",
        "Tomas Berg: Then we can start.",
        "Maria Lopez: Yes.",
    )
    assert _turns(dialogue) == [
        ("Maria Lopez", "speaker"),
        ("Tomas Berg", "speaker"),
        ("Maria Lopez", "speaker"),
    ]


def test_one_word_bare_labels_need_to_recur() -> None:
    once = _doc("QUESTION: Why now?", "Almaty: The city hosted the forum.")
    assert _turns(once)[1] == (None, "interviewer")
    twice = _doc("QUESTION: Why now?", "ORLOV: Because.", "QUESTION: Why?", "ORLOV: Time.")
    assert [s for s, _ in _turns(twice)] == [None, "Orlov", None, "Orlov"]


def test_a_label_inside_a_paragraph_only_in_capitals_with_a_role_or_title() -> None:
    caps = _doc(["Thank you all.", "QUESTION: What comes next?", "SECRETARY LI: Talks."])
    assert _turns(caps) == [(None, "none"), (None, "interviewer"), ("Li", "speaker")]
    mixed = _doc(["We met twice.", "Mr. Li: Yes."])
    assert _turns(mixed) == [(None, "none"), (None, "none")]


def test_a_heading_ends_the_turn_and_turns_stay_in_their_document() -> None:
    a = _doc("MINISTER ROSS: We signed it.", "# Related documents", "The text runs to 40 pages.")
    b = _doc("The agreement enters into force next year.", doc_id="e")
    got = _turns(pd.concat([a, b], ignore_index=True))
    assert got == [("Ross", "speaker"), (None, "none"), (None, "none"), (None, "none")]


def test_output_rows_follow_the_input_and_bad_input_is_one_error() -> None:
    frame = _doc("QUESTION: Why?", "SENATOR HALE: Because.")
    shuffled = frame.iloc[::-1]
    got = speaker_turns(shuffled)
    assert got.columns.tolist() == TURN_COLUMNS
    assert got["sent_id"].tolist() == [1, 0]
    assert _turns(shuffled) == [("Hale", "speaker"), (None, "interviewer")]
    with pytest.raises(InputError, match="text"):
        speaker_turns(frame.drop(columns=["text"]))
    assert speaker_turns(frame.iloc[:0]).empty


def test_seed_articles_have_no_turns() -> None:
    got = speaker_turns(sentences_frame(load_corpus()))
    assert set(got["turn_role"]) == {"none"}
