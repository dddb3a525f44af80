"""The fast paths of loading and segmenting give what the plain definitions give.

Each fast path (numpy word count, batched offset mapping, split without CR,
one-pass space runs, lazily inferred metadata) is checked against the simple
rule it replaces, on random texts built from the characters that matter.
"""

from __future__ import annotations

import random
import re

import pytest

from kzlib.corpus.clean import _SPACE_RUN_RE, clean_text
from kzlib.corpus.document import Document
from kzlib.corpus.lines import _PARA_END_RE, _ends_paragraph, _split_lines
from kzlib.text import WORD_RE, count_words

_PIECES = [
    "a", "Z", "0", "9", "'", ".", "-", "\u2019", " ", "\t", "\n", "\r", "\r\n", "?", "é",
    "\u00a0", ",", "\u201c", "\u2013", "\ufeff", "U.S.President", "leaders.The", "  ", "...",
    "June 2, 2024", "By Jane Doe", "1. ", "A Short Title",
]  # fmt: skip


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 30))) for _ in range(n)]


def test_count_words_is_the_number_of_regex_words() -> None:
    for text in _texts(5000, 1):
        assert count_words(text) == len(WORD_RE.findall(text)), repr(text)


def test_spans_to_raw_maps_like_span_to_raw() -> None:
    rng = random.Random(2)
    for text in _texts(300, 3):
        c = clean_text(text)
        n = len(c.text)
        starts = [rng.randint(0, n) for _ in range(40)]
        ends = [min(n, max(0, s + rng.randint(-3, 12))) for s in starts]
        raw_s, raw_e = c.spans_to_raw(starts, ends)
        assert list(zip(raw_s, raw_e, strict=True)) == [
            c.span_to_raw(s, e) for s, e in zip(starts, ends, strict=True)
        ]


def test_spans_to_raw_rejects_offsets_outside_the_text() -> None:
    with pytest.raises(IndexError):
        clean_text("abc").spans_to_raw([0], [9])


def test_split_lines_without_cr_matches_the_regex_split() -> None:
    for text in _texts(1000, 4):
        text = text.replace("\r", "")
        lines = _split_lines(text)
        breaks = list(re.finditer(r"\n", text))
        assert [ln.text for ln in lines] == text.split("\n")
        assert [ln.end for ln in lines[:-1]] == [m.start() for m in breaks]
        assert [ln.brk for ln in lines[:-1]] == [m.end() for m in breaks]
        assert lines[-1].brk == lines[-1].end == len(text)


def test_space_edits_are_those_of_each_line() -> None:
    for text in _texts(1000, 5):
        expected = []
        for ln in _split_lines(text):
            for m in _SPACE_RUN_RE.finditer(ln.text):
                repl = "" if m.end() == len(ln.text) or m.start() == 0 else " "
                if m.group() != repl:
                    expected.append((ln.start + m.start(), ln.start + m.end(), repl))
        got = [(e.start, e.end, e.after) for e in clean_text(text).edits if e.kind == "space"]
        assert got == expected, repr(text)


def test_metadata_given_wins_and_inferred_only_when_needed() -> None:
    doc = Document.from_text(
        "A Title Here\nJune 2, 2024\nBody text of 3 May 2025.",
        meta={"date": "2020-01-01"},
    )
    assert (doc.meta["date"], doc.provenance["date"]) == ("2020-01-01", "manifest")
    doc = Document.from_text("Body text of 3 May 2025 and 1 June 2025, not a title.")
    assert (doc.meta["date"], doc.provenance["date"]) == ("2025-06-01", "inferred")
    assert doc.provenance["title"] == "inferred"
    assert (doc.meta["author"], doc.provenance["author"]) == (None, "missing")


def test_ends_paragraph_is_the_regex_search() -> None:
    for text in _texts(5000, 6):
        for line in text.split("\n"):
            line = line + "".join(
                random.Random(len(line)).choice("\"')]\u201d\u2019!? ") for _ in range(2)
            )
            assert _ends_paragraph(line) == bool(_PARA_END_RE.search(line.rstrip())), repr(line)
