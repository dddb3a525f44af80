"""Clean raw article text for analysis, keeping an audit trail of every change.

The raw text is never modified. :func:`clean_text` returns a :class:`Cleaned`
record: the cleaned text, one :class:`Edit` per change (kind, raw position,
before, after), the structural blocks of the article (title, dateline,
byline, headings, body paragraphs) and a map from every cleaned offset back
to the raw text. Which lines are headers or headings, and which line breaks
join, is decided in :mod:`kzlib.corpus.lines`; the audit trail as tables is
:mod:`kzlib.corpus.audit`.

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

import numpy as np

from kzlib.corpus.lines import (
    _classify,
    _inline_heading_edits,
    _Line,
    _line_break_edits,
    _split_lines,
)

__all__ = ["Block", "Cleaned", "Edit", "clean_text"]

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
# edits


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
    inline: list[tuple[int, int, str, str]] = []
    for ln in lines:
        if ln.kind == "body" and len(ln.text) > 1500:
            inline.extend(_inline_heading_edits(raw, ln))
    edits = _merge(
        _line_break_edits(raw, lines),
        inline,
        [(m.start(), m.end(), *_CHAR_MAP[m.group()]) for m in _CHAR_RE.finditer(raw)],
        [(m.end(), m.end(), " ", "glue") for m in _GLUE_RE.finditer(raw)],
        _space_edits(raw, lines),
    )
    text, applied, anchors = _apply(raw, edits)
    cleaned = Cleaned(raw, text, tuple(applied), (), False, *anchors)
    blocks = _blocks(cleaned, lines, inline)
    notes, truncated = _notes(cleaned, blocks)
    all_edits = sorted([*applied, *notes], key=lambda e: (e.start, e.end, e.kind))
    return Cleaned(raw, text, tuple(all_edits), tuple(blocks), truncated, *anchors)


_Anchors = tuple[tuple[int, ...], tuple[int, ...], tuple[bool, ...]]


def _apply(raw: str, edits: list[tuple[int, int, str, str]]) -> tuple[str, list[Edit], _Anchors]:
    """The cleaned text, the edits applied, and the anchors of the offset map."""
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
    return "".join(pieces), applied, _collapse(anchors_clean, anchors_raw, anchors_fixed)


def _collapse(clean: list[int], raw: list[int], fixed: list[bool]) -> _Anchors:
    """Collapse anchors sharing a clean offset (keep the last, which describes what follows)."""
    ac: list[int] = []
    ar: list[int] = []
    af: list[bool] = []
    for c_, r_, f_ in zip(clean, raw, fixed, strict=True):
        if ac and ac[-1] == c_:
            ac[-1], ar[-1], af[-1] = c_, r_, f_
        else:
            ac.append(c_)
            ar.append(r_)
            af.append(f_)
    return tuple(ac), tuple(ar), tuple(af)


def _notes(cleaned: Cleaned, blocks: list[Block]) -> tuple[list[Edit], bool]:
    """Edits that change nothing but say what a span is (truncation, title, ...), and truncation."""
    raw, text = cleaned.raw, cleaned.text
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
    return notes, truncated


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
