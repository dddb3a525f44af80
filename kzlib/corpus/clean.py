"""Clean raw article text for analysis, keeping an audit trail of every change.

The raw text is never modified. :func:`clean_text` returns a :class:`Cleaned`
record: the cleaned text, one :class:`Edit` per change (kind, raw position,
before, after), the structural blocks of the article (title, dateline,
byline, headings, body paragraphs) and a map from every cleaned offset back
to the raw text.

Edit kinds
----------
``bom``        byte-order mark removed
``newline``    CRLF or CR line ending made LF
``quote``      curly or typographic quote made ASCII (``’`` -> ``'``, ``“`` -> ``"``)
``dash``       en dash, minus sign or figure dash made ``-`` (em dashes are kept)
``unicode``    non-breaking or zero-width space, ellipsis character, ligature
``space``      run of spaces or tabs collapsed, trailing spaces dropped
``unwrap``     line break inside a hard-wrapped paragraph made a space
``glue``       missing space inserted between glued words (``U.S.President``)
``heading_split`` space around an inline heading made a line break
``truncation`` truncation mark at the end of the text (kept, flagged)
``title``, ``dateline``, ``byline``, ``heading`` (structural, text unchanged)
               a line recognised as such and kept out of the body

Examples
--------
>>> c = clean_text("Tokayev\\u2019s visit\\nwas brief.")
>>> c.text
"Tokayev's visit was brief."
>>> [(e.kind, e.before, e.after) for e in c.edits]
[('quote', '’', "'"), ('unwrap', '\\n', ' ')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd

__all__ = [
    "AUDIT_COLUMNS",
    "Block",
    "Cleaned",
    "Edit",
    "audit_frame",
    "audit_summary",
    "clean_text",
]

#: Characters replaced one for one, with the kind of edit they count as.
_CHAR_MAP: dict[str, tuple[str, str]] = {
    "\ufeff": ("", "bom"),
    "\u2018": ("'", "quote"),
    "\u2019": ("'", "quote"),
    "\u201a": ("'", "quote"),
    "\u201b": ("'", "quote"),
    "\u2032": ("'", "quote"),
    "\u201c": ('"', "quote"),
    "\u201d": ('"', "quote"),
    "\u201e": ('"', "quote"),
    "\u201f": ('"', "quote"),
    "\u2033": ('"', "quote"),
    "\u00ab": ('"', "quote"),
    "\u00bb": ('"', "quote"),
    "\u2013": ("-", "dash"),
    "\u2012": ("-", "dash"),
    "\u2010": ("-", "dash"),
    "\u2011": ("-", "dash"),
    "\u2212": ("-", "dash"),
    "\u2015": ("\u2014", "dash"),
    "\u00a0": (" ", "unicode"),
    "\u2007": (" ", "unicode"),
    "\u202f": (" ", "unicode"),
    "\u2009": (" ", "unicode"),
    "\u200a": (" ", "unicode"),
    "\u200b": ("", "unicode"),
    "\u200c": ("", "unicode"),
    "\u200d": ("", "unicode"),
    "\u2060": ("", "unicode"),
    "\u00ad": ("", "unicode"),
    "\u2026": ("...", "unicode"),
    "\ufb01": ("fi", "unicode"),
    "\ufb02": ("fl", "unicode"),
}
_CHAR_RE = re.compile("[" + "".join(_CHAR_MAP) + "]")
_SPACE_RUN_RE = re.compile(r"[ \t]{2,}|\t|[ \t]+$", re.MULTILINE)

_TERMINAL_RE = re.compile(r"""[.!?:;]["'\u201d\u2019)\]]*$""")
# A line that ends a paragraph (a wrapped line may end in ; or : mid-sentence).
_PARA_END_RE = re.compile(r"""[.!?]["'\u201d\u2019)\]]*$""")
_PARA_CLOSERS = "\"'\u201d\u2019)]"
# A list item: its line starts a new block even inside a wrapped paragraph.
_BULLET_RE = re.compile(r"^\s*(?:[-*\u2022\u25aa\u2013]\s+|\d{1,2}[.)]\s+|\([a-z\d]\)\s+)")
_DATE_LINE_RE = re.compile(
    r"^(?:(?:Published|Updated|Posted|Date)\s*:?\s+(?:on\s+)?)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})"
    r"(?:[,\s]+\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)?\s*$",
    re.IGNORECASE,
)
_NAME_WORD = r"[A-Z][\w.'\u2019-]*"
_BYLINE_RE = re.compile(
    r"^(?:By|Written by|Author:)\s+"
    + _NAME_WORD
    + r"(?:\s+(?:"
    + _NAME_WORD
    + r"|and|&|de|van|von))"
    r"{0,5}(?:\s*[,|]\s*.{0,60})?$"
)
_TRUNCATION_RE = re.compile(
    r"(?:\.\.\.|\u2026|\[\.\.\.\]|\[\u2026\]"
    r"|\((?:truncated|continued)\)|\[(?:truncated|continued)\])\s*$",
    re.IGNORECASE,
)
# "U.S.President", "U.N.Secretary": an initialism glued to a capitalised word.
# "leaders.The": a lowercase word, full stop, capitalised word (not a domain: those are lowercase).
# "a,b": a comma glued to the next word. A space goes in at the end of each match.
# Every branch starts with the punctuation itself (its context is checked by
# lookbehinds), so the engine only tries the few positions holding one: four
# times faster than leading with the lookbehinds, same matches.
_GLUE_RE = re.compile(
    r"[!?](?<=[a-z]{2}.)(?=[A-Z][a-z]{2})"
    r"|\.(?:(?<=[a-z]{2}\.)(?=[A-Z][a-z]{2})"
    r"|(?<=[A-Z]\.)(?<![\w.]..)(?:[A-Z]\.)+(?=[A-Z][a-z]))"
    r"|,(?<=[a-z]{2},)(?=[A-Za-z]{2})"
)
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "nor",
        "over",
        "the",
        "to",
        "up",
        "via",
        "vs",
        "with",
        "without",
        "than",
        "that",
        "its",
        "their",
        "his",
        "her",
        "our",
    ]
)
_WORD_RE = re.compile(r"[A-Za-z][\w'\u2019.-]*")
# A title-case run after a sentence end, followed by a capitalised word and a lowercase one.
_HEAD_RUN = r"[A-Z][\w'\u2019-]*(?: [\w'\u2019.-]+){1,9}?"
_INLINE_HEADING_RE = re.compile(
    r"(?<=[.!?][\"'\u201d\u2019)]) (?P<h>" + _HEAD_RUN + r") (?P<n>[A-Z][a-z]*)(?= [a-z])"
    r"|(?<=[.!?]) (?P<h2>" + _HEAD_RUN + r") (?P<n2>[A-Z][a-z]*)(?= [a-z])"
)
# A sentence-initial word that commonly follows an inline heading.
_SENTENCE_STARTERS = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "For",
        "From",
        "This",
        "These",
        "That",
        "Those",
        "Today",
        "Yet",
        "But",
        "However",
        "While",
        "When",
        "Over",
        "After",
        "Before",
        "Since",
        "During",
        "As",
        "By",
        "With",
        "Without",
        "Although",
        "Though",
        "Despite",
        "Its",
        "It",
        "Their",
        "His",
        "Her",
        "Our",
        "We",
        "Some",
        "Many",
        "Most",
        "Such",
        "Still",
        "Even",
        "Now",
        "Then",
        "Here",
        "There",
        "What",
        "Why",
        "How",
        "Where",
        "Under",
        "Unlike",
        "Like",
        "Beyond",
        "Against",
        "Amid",
        "Among",
        "Across",
        "Through",
        "Throughout",
        "Following",
        "Meanwhile",
        "Recently",
    ]
)


@dataclass(frozen=True)
class Edit:
    """One change made by cleaning.

    Attributes
    ----------
    kind : str
        What kind of change (see the module docstring).
    start, end : int
        Span of ``before`` in the raw text (``start == end`` for an insertion).
    before, after : str
        The raw text of the span and what it became in the cleaned text.
    clean_start : int
        Where ``after`` starts in the cleaned text.
    """

    kind: str
    start: int
    end: int
    before: str
    after: str
    clean_start: int = -1


@dataclass(frozen=True)
class Block:
    """A structural unit of the cleaned text: one paragraph, heading or header line.

    Attributes
    ----------
    kind : str
        ``title``, ``dateline``, ``byline``, ``heading`` or ``body``.
    start, end : int
        Span in the cleaned text.
    text : str
        ``cleaned[start:end]``.
    """

    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Cleaned:
    """Cleaned text, its audit trail, its blocks and the offset map to the raw text.

    Attributes
    ----------
    raw : str
        The text as decoded from the file, unchanged.
    text : str
        The cleaned text. Blocks are separated by newlines.
    edits : tuple of Edit
        Every change, in raw order.
    blocks : tuple of Block
        Title, dateline, byline, headings and body paragraphs, in order.
    truncated : bool
        Whether the text ends in a truncation mark.
    """

    raw: str
    text: str
    edits: tuple[Edit, ...]
    blocks: tuple[Block, ...]
    truncated: bool
    _anchor_clean: tuple[int, ...]
    _anchor_raw: tuple[int, ...]
    _anchor_fixed: tuple[bool, ...]

    def to_raw(self, pos: int) -> int:
        """Map an offset in the cleaned text to the raw text.

        Offsets inside a replaced span map to the start of the raw span; the
        end of a unit maps correctly with ``to_raw(end - 1) + 1``, or use
        :meth:`span_to_raw`.

        Examples
        --------
        >>> c = clean_text("a\\u2019b  c")
        >>> c.text, c.to_raw(4), c.raw[c.to_raw(4)]
        ("a'b c", 5, 'c')
        """
        if pos < 0 or pos > len(self.text):
            raise IndexError(f"offset {pos} outside the cleaned text (length {len(self.text)})")
        i = bisect.bisect_right(self._anchor_clean, pos) - 1
        base_clean, base_raw = self._anchor_clean[i], self._anchor_raw[i]
        if self._anchor_fixed[i]:
            return base_raw
        return base_raw + (pos - base_clean)

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned span ``[start, end)`` to the raw span it came from.

        Examples
        --------
        >>> c = clean_text("\\u201cYes\\u201d, he said.")
        >>> s, e = c.span_to_raw(0, 5)
        >>> c.raw[s:e]
        '“Yes”'
        """
        if end <= start:
            r = self.to_raw(start)
            return r, r
        raw_start = self.to_raw(start)
        last = end - 1
        i = bisect.bisect_right(self._anchor_clean, last) - 1
        if self._anchor_fixed[i]:
            nxt = self._anchor_raw[i + 1] if i + 1 < len(self._anchor_raw) else len(self.raw)
            return raw_start, nxt
        return raw_start, self.to_raw(last) + 1

    def spans_to_raw(
        self, starts: Sequence[int], ends: Sequence[int]
    ) -> tuple[list[int], list[int]]:
        """:meth:`span_to_raw` of many spans at once (one array search, not one per span).

        Examples
        --------
        >>> c = clean_text("\\u201cYes\\u201d, he  said.")
        >>> c.spans_to_raw([0, 7], [5, 14]) == ([0, 7], [5, 15])
        True
        """
        ac = np.asarray(self._anchor_clean, dtype=np.int64)
        ar = np.asarray(self._anchor_raw, dtype=np.int64)
        af = np.asarray(self._anchor_fixed, dtype=bool)
        s = np.asarray(starts, dtype=np.int64)
        e = np.asarray(ends, dtype=np.int64)
        if len(s) and (s.min() < 0 or max(s.max(), e.max()) > len(self.text)):
            raise IndexError(f"span outside the cleaned text (length {len(self.text)})")
        i = np.searchsorted(ac, s, side="right") - 1
        raw_s = np.where(af[i], ar[i], ar[i] + (s - ac[i]))
        last = np.maximum(e - 1, s)
        j = np.searchsorted(ac, last, side="right") - 1
        after = np.append(ar, len(self.raw))[j + 1]
        raw_e = np.where(af[j], after, ar[j] + (last - ac[j]) + 1)
        raw_e = np.where(e <= s, raw_s, raw_e)
        return raw_s.tolist(), raw_e.tolist()

    def blocks_of(self, *kinds: str) -> list[Block]:
        """The blocks of the given kinds, in order.

        Examples
        --------
        >>> c = clean_text("A Short Title\\nBody text here.")
        >>> [b.kind for b in c.blocks_of("title", "body")]
        ['title', 'body']
        """
        return [b for b in self.blocks if b.kind in kinds]


# ---------------------------------------------------------------------------
# line classification


def _is_title_case(line: str, *, max_words: int = 14) -> bool:
    words = _WORD_RE.findall(line)
    if not words or len(words) > max_words:
        return False
    if not words[0][0].isupper():
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return capitalised / len(content) >= 0.8


def _is_heading_line(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 100 or _TERMINAL_RE.search(s) or s.endswith(","):
        return False
    return _is_title_case(s)


def _ends_paragraph(line: str) -> bool:
    """Whether ``_PARA_END_RE`` is found in the line stripped on the right.

    That is: after trailing spaces and closing quotes or brackets comes ``.``,
    ``!`` or ``?``; two string methods instead of a regex search per line.
    """
    return line.rstrip().rstrip(_PARA_CLOSERS).endswith((".", "!", "?"))


def _starts_lower(line: str) -> bool:
    s = line.lstrip(" \t\"'\u201c\u2018(")
    return bool(s) and (s[0].islower() or s[0] in ",;")


@dataclass(slots=True)
class _Line:
    start: int  # raw offset of first char
    end: int  # raw offset after last char, before the line break
    brk: int  # raw offset after the line break (== end at end of text)
    text: str
    kind: str = "body"


def _split_lines(raw: str) -> list[_Line]:
    if "\r" not in raw:
        # The common case: str.split is much faster than a regex walk.
        lines: list[_Line] = []
        pos = 0
        for text in raw.split("\n"):
            end = pos + len(text)
            lines.append(_Line(pos, end, end + 1, text))
            pos = end + 1
        lines[-1].brk = len(raw)
        return lines
    lines = []
    pos = 0
    for m in re.finditer(r"\r\n|\r|\n", raw):
        lines.append(_Line(pos, m.start(), m.end(), raw[pos : m.start()]))
        pos = m.end()
    lines.append(_Line(pos, len(raw), len(raw), raw[pos:]))
    return lines


def _classify(lines: list[_Line]) -> None:
    """Mark header lines (title, dateline, byline) and headings in place."""
    nonblank = [ln for ln in lines if ln.text.strip()]
    if not nonblank:
        return
    # header: up to the first four non-blank lines
    header_done = False
    first_idx = lines.index(nonblank[0])
    blank_after_first = first_idx + 1 < len(lines) and not lines[first_idx + 1].text.strip()
    for i, ln in enumerate(nonblank[:4]):
        s = ln.text.strip().lstrip("\ufeff")
        if _DATE_LINE_RE.match(s):
            ln.kind = "dateline"
        elif _BYLINE_RE.match(s):
            ln.kind = "byline"
        elif (
            i == 0
            and len(s) <= 200
            and not s.endswith((".", ",", ";", ":"))
            and len(nonblank) > 1
            and not _starts_lower(nonblank[1].text)
            and (
                _is_title_case(s, max_words=25)
                # a sentence-case headline: short, set off by a blank line or a dateline/byline
                or (
                    len(s.split()) <= 20
                    and (
                        blank_after_first
                        or bool(_DATE_LINE_RE.match(nonblank[1].text.strip()))
                        or bool(_BYLINE_RE.match(nonblank[1].text.strip()))
                    )
                )
            )
        ):
            ln.kind = "title"
        else:
            header_done = True
        if header_done:
            break
    prev_ends_paragraph = True
    for idx, ln in enumerate(nonblank):
        if ln.kind != "body":
            prev_ends_paragraph = True
            continue
        nxt = nonblank[idx + 1] if idx + 1 < len(nonblank) else None
        if (
            prev_ends_paragraph
            and nxt is not None
            and _is_heading_line(ln.text)
            and not _starts_lower(nxt.text)
        ):
            ln.kind = "heading"
            prev_ends_paragraph = True
            continue
        prev_ends_paragraph = _ends_paragraph(ln.text)


# ---------------------------------------------------------------------------
# edits


def _line_break_edits(raw: str, lines: list[_Line]) -> list[tuple[int, int, str, str]]:
    """Decide, for each line break, whether it joins (unwrap) or separates."""
    edits: list[tuple[int, int, str, str]] = []
    for i, ln in enumerate(lines[:-1]):
        brk = raw[ln.end : ln.brk]
        nxt = lines[i + 1]
        join = (
            ln.kind == "body"
            and nxt.kind == "body"
            and ln.text.strip() != ""
            and nxt.text.strip() != ""
            and not _BULLET_RE.match(nxt.text)
            and not (_BULLET_RE.match(ln.text) and not _starts_lower(nxt.text))
            and (not _ends_paragraph(ln.text) or _starts_lower(nxt.text))
        )
        if join:
            edits.append((ln.end, ln.brk, " ", "unwrap"))
        elif brk != "\n":
            edits.append((ln.end, ln.brk, "\n", "newline"))
    return edits


def _inline_heading_edits(raw: str, ln: _Line) -> list[tuple[int, int, str, str]]:
    """Find headings run into the next sentence inside one very long line.

    A heading here is a run of 2-10 title-case words that follows a sentence
    end and is followed by a common sentence-initial word (``From Balance to
    Initiative For three decades ...``).
    """
    edits: list[tuple[int, int, str, str]] = []
    text = ln.text
    for m in _INLINE_HEADING_RE.finditer(text):
        head = m.group("h") or m.group("h2")
        nxt = m.group("n") or m.group("n2")
        if nxt not in _SENTENCE_STARTERS or not _is_title_case(head, max_words=10):
            continue
        words = head.split()
        if words[-1].lower() in _SMALL_WORDS or words[0] in _SENTENCE_STARTERS - {"From"}:
            continue
        h_start = m.start() + 1
        h_end = h_start + len(head)
        edits.append((ln.start + m.start(), ln.start + h_start, "\n", "heading_split"))
        edits.append((ln.start + h_end, ln.start + h_end + 1, "\n", "heading_split"))
    return edits


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(spans, (start, 10**18)) - 1
    for j in (i, i + 1):
        if 0 <= j < len(spans):
            s, e = spans[j]
            if (s < end and start < e) or (start == end and s < start < e):
                return True
    return False


def _merge(
    *groups: Iterable[tuple[int, int, str, str]],
) -> list[tuple[int, int, str, str]]:
    """Merge edit groups; earlier groups win where spans overlap."""
    taken: list[tuple[int, int]] = []
    out: list[tuple[int, int, str, str]] = []
    for group in groups:
        for edit in group:
            start, end = edit[0], edit[1]
            if _overlaps(taken, start, end):
                continue
            bisect.insort(taken, (start, end))
            out.append(edit)
    out.sort(key=lambda e: (e[0], e[1]))
    return out


def _space_edits(raw: str, lines: list[_Line]) -> list[tuple[int, int, str, str]]:
    """Collapse runs of spaces and tabs inside a line; drop them at its start and end."""
    if not ("\t" in raw or "  " in raw or " \n" in raw or " \r" in raw or raw.endswith(" ")):
        # Every match holds a tab or two spaces, or is a space ending a line; finding
        # none of these substrings is ten times faster than the regex finding nothing.
        return []
    if "\r" in raw:
        # "$" does not match before a CR: search line by line.
        spans = [
            (ln.start + m.start(), ln.start + m.end(), ln.start, ln.end)
            for ln in lines
            for m in _SPACE_RUN_RE.finditer(ln.text)
        ]
    else:
        # Without CR the lines are the text between LFs: one search over the whole text.
        spans = [(m.start(), m.end(), -1, -1) for m in _SPACE_RUN_RE.finditer(raw)]
    n = len(raw)
    edits: list[tuple[int, int, str, str]] = []
    for start, end, line_start, line_end in spans:
        if line_start < 0:
            at_start = start == 0 or raw[start - 1] == "\n"
            at_end = end == n or raw[end] == "\n"
        else:
            at_start, at_end = start == line_start, end == line_end
        repl = "" if at_end or at_start else " "
        if raw[start:end] != repl:
            edits.append((start, end, repl, "space"))
    return edits


def clean_text(raw: str) -> Cleaned:
    """Clean one article's raw text.

    Parameters
    ----------
    raw : str
        The decoded text of the file, unchanged (a BOM or CRLF may remain).

    Returns
    -------
    Cleaned
        Cleaned text, audit trail, blocks and offset map.

    Examples
    --------
    >>> c = clean_text("Title Of Piece\\nBy Jane Doe\\nThe U.S.President spoke...")
    >>> c.text.splitlines()[-1]
    'The U.S. President spoke...'
    >>> [b.kind for b in c.blocks], c.truncated
    (['title', 'byline', 'body'], True)
    """
    lines = _split_lines(raw)
    _classify(lines)

    structural = _line_break_edits(raw, lines)
    inline: list[tuple[int, int, str, str]] = []
    for ln in lines:
        if ln.kind == "body" and len(ln.text) > 1500:
            inline.extend(_inline_heading_edits(raw, ln))

    chars = [(m.start(), m.end(), *_CHAR_MAP[m.group()]) for m in _CHAR_RE.finditer(raw)]
    glue = [(m.end(), m.end(), " ", "glue") for m in _GLUE_RE.finditer(raw)]
    spaces = _space_edits(raw, lines)
    edits = _merge(structural, inline, chars, glue, spaces)

    # apply
    pieces: list[str] = []
    anchors_clean: list[int] = [0]
    anchors_raw: list[int] = [0]
    anchors_fixed: list[bool] = [False]
    applied: list[Edit] = []
    pos = 0
    clen = 0
    for start, end, after, kind in edits:
        if start > pos:
            pieces.append(raw[pos:start])
            clen += start - pos
        anchors_clean.append(clen)
        anchors_raw.append(start)
        anchors_fixed.append(True)
        applied.append(Edit(kind, start, end, raw[start:end], after, clen))
        pieces.append(after)
        clen += len(after)
        pos = end
        anchors_clean.append(clen)
        anchors_raw.append(end)
        anchors_fixed.append(False)
    pieces.append(raw[pos:])
    text = "".join(pieces)

    # collapse anchors sharing a clean offset (keep the last, which describes what follows)
    ac: list[int] = []
    ar: list[int] = []
    af: list[bool] = []
    for c_, r_, f_ in zip(anchors_clean, anchors_raw, anchors_fixed, strict=True):
        if ac and ac[-1] == c_:
            ac[-1], ar[-1], af[-1] = c_, r_, f_
        else:
            ac.append(c_)
            ar.append(r_)
            af.append(f_)

    cleaned = Cleaned(raw, text, tuple(applied), (), False, tuple(ac), tuple(ar), tuple(af))
    blocks = _blocks(cleaned, lines, inline)
    notes: list[Edit] = []
    body = [b for b in blocks if b.kind == "body"]
    truncated = False
    if body:
        tm = _TRUNCATION_RE.search(body[-1].text)
        if tm is not None:
            truncated = True
            cs, ce = body[-1].start + tm.start(), body[-1].start + tm.end()
            rs, re_ = cleaned.span_to_raw(cs, ce)
            notes.append(Edit("truncation", rs, re_, raw[rs:re_], text[cs:ce], cs))
    for b in blocks:
        if b.kind != "body":
            rs, re_ = cleaned.span_to_raw(b.start, b.end)
            notes.append(Edit(b.kind, rs, re_, raw[rs:re_], b.text, b.start))
    all_edits = sorted([*applied, *notes], key=lambda e: (e.start, e.end, e.kind))
    return Cleaned(
        raw, text, tuple(all_edits), tuple(blocks), truncated, tuple(ac), tuple(ar), tuple(af)
    )


def _blocks(
    cleaned: Cleaned, lines: list[_Line], inline: list[tuple[int, int, str, str]]
) -> list[Block]:
    kind_at_raw = {ln.start: ln.kind for ln in lines if ln.kind != "body"}
    # inline headings: the text after the first "\n" edit of each pair
    inline_heads = {inline[i][1] for i in range(0, len(inline), 2)}
    text = cleaned.text
    spans: list[tuple[int, int, int]] = []  # line start, stripped start and end
    pos = 0
    for line in text.split("\n"):
        stripped = line.lstrip(" \t\ufeff").rstrip(" \t")
        if stripped:
            s = pos + len(line) - len(line.lstrip(" \t\ufeff"))
            spans.append((pos, s, s + len(stripped)))
        pos += len(line) + 1
    # every offset mapped to the raw text in one search
    at = [p for m_start, s, _ in spans for p in (m_start, s)]
    raw_at = cleaned.spans_to_raw(at, at)[0]
    blocks: list[Block] = []
    for k, (_, s, e) in enumerate(spans):
        raw_s = raw_at[2 * k]
        kind = kind_at_raw.get(raw_s, "body")
        if kind == "body" and raw_at[2 * k + 1] in inline_heads:
            kind = "heading"
        if kind == "body":
            # a line that starts with a BOM: look just after it
            kind = kind_at_raw.get(raw_s - 1, kind) if raw_s > 0 else kind
        blocks.append(Block(kind, s, e, text[s:e]))
    return blocks


class _HasCleaned(Protocol):
    @property
    def doc_id(self) -> str: ...

    @property
    def cleaned(self) -> Cleaned: ...


#: Columns of :func:`audit_frame`.
AUDIT_COLUMNS: list[str] = ["doc_id", "kind", "start", "end", "clean_start", "before", "after"]


def audit_frame(docs: Iterable[_HasCleaned]) -> pd.DataFrame:
    """The cleaning audit trail of every document, one row per edit.

    ``start``/``end`` are offsets into the raw text, ``clean_start`` into the
    cleaned text; ``before`` is the raw span and ``after`` what it became.

    Examples
    --------
    >>> from kzlib.corpus import load_corpus
    >>> audit = audit_frame(load_corpus())
    >>> int((audit["kind"] == "glue").sum())
    1
    """
    rows = [
        (d.doc_id, e.kind, e.start, e.end, e.clean_start, e.before, e.after)
        for d in docs
        for e in d.cleaned.edits
    ]
    return pd.DataFrame(rows, columns=AUDIT_COLUMNS)


def audit_summary(audit: pd.DataFrame) -> pd.DataFrame:
    """Edits per document and kind, with raw characters touched (a wide table).

    Examples
    --------
    >>> from kzlib.corpus import load_corpus
    >>> summary = audit_summary(audit_frame(load_corpus()))
    >>> int(summary.loc["002_197b5af11793718a", "unwrap"]) > 40
    True
    """
    counts = audit.pivot_table(
        index="doc_id", columns="kind", values="start", aggfunc="count", fill_value=0
    )
    counts.columns.name = None
    return counts.astype("int64")
