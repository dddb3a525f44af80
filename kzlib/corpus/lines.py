"""Lines of a raw article: which are title, dateline, byline, heading or body, and how breaks join.

:func:`kzlib.corpus.clean_text` reads the raw text as lines (:func:`_split_lines`),
marks the header lines and headings (:func:`_classify`), then decides for every
line break whether it joins a hard-wrapped paragraph (``unwrap``) or separates
blocks (:func:`_line_break_edits`); a heading run into the next sentence inside
one very long line is cut out (:func:`_inline_heading_edits`). Every edit is a
tuple ``(raw start, raw end, replacement, kind)``.

Examples
--------
>>> lines = _split_lines("A Short Title\\nBy Jane Doe\\nThe text\\nwraps here.")
>>> _classify(lines)
>>> [ln.kind for ln in lines]
['title', 'byline', 'body', 'body']
>>> [e[3] for e in _line_break_edits("A Short Title\\nBy Jane Doe\\nThe text\\nwraps here.", lines)]
['unwrap']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kzlib.corpus.turns import read_label
from kzlib.text import case_words

__all__: list[str] = []

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


def _is_title_case(line: str, *, max_words: int = 14) -> bool:
    words = case_words(line)
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
    return _is_title_case(s) and not _leaves_open(s)


def _leaves_open(line: str) -> bool:
    """Whether a short line is no title or heading: it ends in a comma or on an open word
    (:data:`_OPEN_ENDS`), or opens with a form of address (Markdown emphasis aside).

    Examples
    --------
    >>> _leaves_open("Antigua and"), _leaves_open("**Mr President,**"), _leaves_open("Our Region")
    (True, True, False)
    """
    core = line.strip("*_ \t\ufeff")
    words = core.split()
    return (
        not words
        or core.endswith(",")
        or words[-1].lower() in _OPEN_ENDS
        or _opens_with_address(core)
    )


def _ends_paragraph(line: str) -> bool:
    """Whether ``_PARA_END_RE`` is found in the line stripped on the right.

    That is: after trailing spaces and closing quotes or brackets comes ``.``,
    ``!`` or ``?``; two string methods instead of a regex search per line.
    """
    return line.rstrip().rstrip(_PARA_CLOSERS).endswith((".", "!", "?"))


def _opens_turn(line: str) -> bool:
    """Whether the line opens with a strong transcript speaker label (``QUESTION:``,
    ``President of Russia Vladimir Putin:``; :func:`kzlib.corpus.turns.read_label`).

    Examples
    --------
    >>> _opens_turn("SECRETARY POMPEO: Thank you."), _opens_turn("Note: see below.")
    (True, False)
    """
    if ":" not in line[:90]:
        return False
    label = read_label(line)
    return label is not None and label.strong


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
    first_idx = lines.index(nonblank[0])
    blank_after_first = first_idx + 1 < len(lines) and not lines[first_idx + 1].text.strip()
    _classify_header(nonblank, blank_after_first=blank_after_first)
    _classify_headings(nonblank)


def _classify_header(nonblank: list[_Line], *, blank_after_first: bool) -> None:
    """Title, dateline and byline: up to the first four non-blank lines, while they are such."""
    for i, ln in enumerate(nonblank[:4]):
        s = ln.text.strip().lstrip("\ufeff")
        if _DATE_LINE_RE.match(s):
            ln.kind = "dateline"
        elif _BYLINE_RE.match(s):
            ln.kind = "byline"
        elif i == 0 and _is_headline(s, nonblank, blank_after_first=blank_after_first):
            ln.kind = "title"
        else:
            break


#: Last words that leave a line open: a title does not end on them ("Antigua and" |
#: "Barbuda offers ...", "The" | "Assembly ...": the first line of a wrapped paragraph).
_OPEN_ENDS = frozenset(
    {"a", "an", "the", "and", "or", "nor", "but", "of", "my", "our", "your", "his", "her"}
    | {"their", "its", "this", "these", "those"}
)


def _is_headline(s: str, nonblank: list[_Line], *, blank_after_first: bool) -> bool:
    """Whether the first non-blank line ``s`` is the article's title.

    Not a title: a line ending in punctuation, or one that :func:`_leaves_open`
    (ends on an open word, opens with a form of address: a ``salutation``
    rule of :data:`kzlib.corpus.boilerplate.BOILERPLATE_FILE`, "Mr. President",
    "Your Excellencies"), Markdown emphasis aside.

    Examples
    --------
    >>> lines = [_Line(0, 0, 0, "x"), _Line(0, 0, 0, "Barbuda offers congratulations")]
    >>> _is_headline("Antigua and", lines, blank_after_first=True)
    False
    >>> _is_headline("**Mr President,**", lines, blank_after_first=True)
    False
    >>> _is_headline("Mr. President of the General Assembly", lines, blank_after_first=True)
    False
    >>> _is_headline("Astana Hosts the Summit", lines, blank_after_first=True)
    True
    """
    return (
        len(s) <= 200
        and not s.strip("*_ \t\ufeff").endswith((".", ";", ":"))
        and not _leaves_open(s)
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
    )


def _opens_with_address(line: str) -> bool:
    """Whether ``line`` opens with a form of address (a ``salutation`` boilerplate rule).

    Examples
    --------
    >>> _opens_with_address("Your Excellency Abdulla Shahid"), _opens_with_address("Astana")
    (True, False)
    """
    return any(p.match(line) is not None for p in _address_patterns())


@cache
def _address_patterns() -> tuple[re.Pattern[str], ...]:
    from kzlib.corpus.boilerplate import read_rules

    return tuple(r.pattern for r in read_rules() if r.category == "salutation")


def _classify_headings(nonblank: list[_Line]) -> None:
    """Headings: title-case body lines after a paragraph end, before a capitalised line."""
    prev_ends_paragraph = True
    for idx, ln in enumerate(nonblank):
        if ln.kind != "body":
            prev_ends_paragraph = True
            continue
        nxt = nonblank[idx + 1] if idx + 1 < len(nonblank) else None
        if (
            prev_ends_paragraph
            and nxt is not None
            and (
                _is_heading_line(ln.text)
                # a short unpunctuated line before a speaker's turn titles it
                or (_is_turn_title(ln.text) and _opens_turn(nxt.text))
            )
            and not _starts_lower(nxt.text)
        ):
            ln.kind = "heading"
            prev_ends_paragraph = True
            continue
        prev_ends_paragraph = _ends_paragraph(ln.text)


def _is_turn_title(line: str) -> bool:
    s = line.strip()
    return (
        0 < len(s) <= 100
        and s[0].isupper()
        and not _TERMINAL_RE.search(s)
        and not s.endswith(",")
        and not _opens_turn(s)
    )


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
            # a speaker's turn never continues the line before it
            and not _opens_turn(nxt.text)
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
