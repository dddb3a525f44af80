"""Sentence boundaries in cleaned English text, as character spans.

The splitter is rule based and fast: one compiled regular expression finds
*candidate* boundaries (``.``, ``!``, ``?`` or ``…`` runs, optionally followed
by closing quotes or brackets, then whitespace) and a few cheap tests reject
those that are not sentence ends: a lowercase next word, abbreviations
(``Mr.``, ``U.S.``, ``a.m.``, ``No. 5``, ``Jan. 12``), initials
(``J. R. R. Tolkien``), list markers (``1.``, ``a.``) and ellipses. Decimals,
URLs, e-mail addresses and domains never produce a candidate, because a
candidate needs whitespace after the punctuation. A newline is a hard
boundary: every line is segmented on its own.

Quotations are kept whole: a sentence that ends inside a closing quote or
bracket keeps it (``He said “We will.”``), and a quotation of several
sentences that is paired on its line (``“We are ready. We will help,” he
said.``) stays one sentence with its attribution, as in pragmatic_segmenter
and pySBD, unless it is longer than ``_MAX_PROTECTED`` characters.

The rules follow the English "Golden Rules" of pragmatic_segmenter (the test
suite runs all 48, see ``tests/fixtures/golden_rules_en.json``).

Examples
--------
>>> split_sentences("Mr. Tokayev met U.S. envoys at 5 p.m. in Astana. He said “We will.” Then…")
['Mr. Tokayev met U.S. envoys at 5 p.m. in Astana.', 'He said “We will.”', 'Then…']
"""

from __future__ import annotations

import re

__all__ = ["append_paragraph_spans", "sentence_spans", "split_sentences"]

# Characters that may close a sentence after its final punctuation, and that
# may open one before its first word.
_CLOSERS = "\"'”’)]»›"
_OPENERS = "\"'“‘([«‹"
# Bullets that start list items (golden rules 37 and 38).
_BULLETS = "•⁃"

#: A line: from its first to its last non-space character (newline = hard boundary).
_LINE = re.compile(r"\S(?:[^\n]*\S)?")
#: A candidate boundary: terminal punctuation, closing marks (group 1), whitespace.
#: It starts with a bare character set, not a group, so that the engine jumps
#: from one punctuation mark to the next instead of trying every position.
_CANDIDATE = re.compile(r"[.!?…][.!?…]*([" + re.escape(_CLOSERS) + r"]*)\s+")
#: Multi-period abbreviation without its final period: U.S, U.S.A, a.m, e.g, Ph.D.
_MULTI_PERIOD = re.compile(r"[A-Za-z]{1,2}(?:\.[A-Za-z]{1,2})+")
#: The first word after openers, to test it against sentence starters.
_NEXT_WORD = re.compile(r"[" + re.escape(_OPENERS) + r"]*([A-Za-z]+)")
#: ". . ." (spaced ellipsis) followed by a capitalised word (golden rule 48).
_SPACED_ELLIPSIS_THEN_CAPITAL = re.compile(
    r"\.(?: \.){2}\s+[" + re.escape(_OPENERS) + r"]*[A-Z]"
)
#: Paired double quotes, guillemets or parentheses (no nesting of the same kind).
_PAIRED = re.compile(r'“[^“”]*”|"[^"]*"|«[^«»]*»|\([^()]*\)')
#: The first characters of every :data:`_PAIRED` span.
_PAIR_OPENERS = ("\u201c", '"', "\u00ab", "(")
#: Longest quotation (characters) kept whole; longer ones are quoted passages
#: (speech excerpts, or straight quotes paired wrongly) and are split inside.
_MAX_PROTECTED = 400
#: A numbered, lettered or bulleted list item at the start of a line.
_LIST_START = re.compile(r"([" + _BULLETS + r"])?\s*(?:(\d{1,3})|([a-z]))(\.\)|\.|\))\s")

# What the word before a period is, when it is not an ordinary word.
_TITLE = 1  # prepositive: never ends a sentence (Mr. Smith, vs. Russia)
_NUMBER = 2  # precedes a number: no split before a digit (No. 5, Jan. 12, p. 55)
_POSTPOSITIVE = 3  # may end a sentence: split before a sentence starter (Co. It ...)
_ETC = 4  # etc.: split before any capitalised word
_NEVER = 5  # e.g., i.e.: never ends a sentence

_ABBREVIATIONS: dict[str, int] = {
    **dict.fromkeys(
        (
            "mr", "mrs", "ms", "messrs", "mme", "mlle", "dr", "prof", "gen", "sen", "rep", "st",
            "mt", "ft", "gov", "lt", "col", "capt", "cmdr", "cdr", "adm", "maj", "sgt", "cpl",
            "pvt", "brig", "rev", "hon", "rt", "pres", "amb", "atty", "supt", "insp", "det",
            "sec", "vs", "v", "cf", "viz", "approx", "ca",
        ),
        _TITLE,
    ),
    **dict.fromkeys(
        (
            "no", "nos", "nr", "n°", "p", "pp", "vol", "vols", "fig", "figs", "art", "arts",
            "ch", "chap", "para", "op", "ed", "ref", "tel", "ext", "jan", "feb", "mar", "apr",
            "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        ),
        _NUMBER,
    ),
    **dict.fromkeys(
        (
            "co", "corp", "inc", "ltd", "llc", "plc", "jr", "sr", "bros", "esq", "al", "dept",
            "govt", "univ", "assn",
        ),
        _POSTPOSITIVE,
    ),
    "etc": _ETC,
    "e.g": _NEVER,
    "i.e": _NEVER,
    "a.m": _NUMBER,  # handled with the a.m./p.m. rule below
    "p.m": _NUMBER,
}
_AM_PM = frozenset({"a.m", "p.m"})

#: Words that begin a new sentence after an ambiguous abbreviation (U.S., Co.):
#: pronouns, determiners, conjunctions and sentence adverbs, never names.
_SENTENCE_STARTERS = frozenset(
    {
        "A", "After", "Also", "Although", "An", "And", "As", "At", "Because", "Before", "Being",
        "But", "By", "Did", "Do", "Does", "During", "Each", "For", "From", "He", "Her", "Here",
        "His", "How", "However", "I", "If", "In", "It", "Its", "Many", "Meanwhile", "Millions",
        "More", "Most", "My", "No", "Nor", "Now", "On", "One", "Our", "She", "Since", "So", "Some",
        "Still", "Such", "That", "The", "Their", "Then", "There", "These", "They", "This", "Those",
        "Thus", "To", "Today", "We", "Were", "What", "When", "Where", "Whether", "Which", "While",
        "Who", "Why", "With", "Yet", "You", "Your",
    }
)


def _split_line(
    text: str, start: int, end: int, limit: int, spans: list[tuple[int, int]]
) -> None:
    """Append the sentence spans of ``text[start:end]`` (stripped, one line) to ``spans``.

    ``limit`` is where the text as the caller sees it ends: the spaced-ellipsis
    rule looks past ``end`` up to it.
    """
    line_start = start
    # Paired quotation marks and parentheses within the line, found at the first
    # cut: a boundary inside them is not one (pragmatic_segmenter's rule).
    protected: list[tuple[int, int]] | None = None
    k = 0
    for m in _CANDIDATE.finditer(text, start, end):
        nxt = m.end()
        after = _after_candidate(text, m, start, end, limit)
        if after == _NO_START:
            continue
        if after != _ELLIPSIS and not _ends_sentence(text, m, start, digit=after == _DIGIT):
            continue
        cut = m.end(1)
        if protected is None:
            protected = (
                [
                    q.span()
                    for q in _PAIRED.finditer(text, line_start, end)
                    if q.end() - q.start() <= _MAX_PROTECTED
                ]
                if _has_pair_opener(text, line_start, end)
                else []
            )
        if protected:
            while k < len(protected) and protected[k][1] <= cut:
                k += 1
            if k < len(protected) and protected[k][0] < cut:
                continue  # inside “...” or (...): “We will. Soon,” he said.
        spans.append((start, cut))
        start = nxt
    spans.append((start, end))


# What follows a candidate boundary (:func:`_after_candidate`).
_NO_START = 0  # nothing that can start a sentence
_CAPITAL = 1  # a capital letter or a bullet (after openers, if any)
_DIGIT = 2  # a digit or a currency sign
_ELLIPSIS = 3  # a spaced ellipsis that opens the next sentence: the boundary stands


def _after_candidate(text: str, m: re.Match[str], start: int, end: int, limit: int) -> int:
    """What follows the candidate boundary ``m``: one of ``_NO_START`` ... ``_ELLIPSIS``."""
    nxt = m.end()
    c = text[nxt]
    # Fast rejection: a lowercase word (or punctuation) never starts a sentence.
    if c.islower():
        return _NO_START
    if c.isupper() or c in _BULLETS:
        return _CAPITAL
    if c.isdigit() or c in "$€£":
        return _DIGIT
    if c in _OPENERS:
        i = nxt + 1
        while i < end and text[i] in _OPENERS:
            i += 1
        if i == end:
            return _NO_START
        c = text[i]
        if c.isupper():
            return _CAPITAL
        return _DIGIT if c.isdigit() else _NO_START
    if c == ".":
        # "compounds. . . . The": the sentence ends before a spaced ellipsis
        # that opens the next one (golden rule 48).
        p0 = m.start()
        if (
            m.start(1) == p0 + 1
            and text[p0] == "."
            and p0 > start
            and not text[p0 - 1].isspace()
            and _SPACED_ELLIPSIS_THEN_CAPITAL.match(text, nxt, limit)
        ):
            return _ELLIPSIS
    return _NO_START


def _ends_sentence(text: str, m: re.Match[str], start: int, *, digit: bool) -> bool:
    """Whether the candidate ``m``, followed by a capital or a digit, ends a sentence."""
    p0 = m.start()
    punct = text[p0 : m.start(1)]
    if punct == ".":
        return _period_ends(text, start, p0, m.end(), digit=digit)
    # "[...]" marks an omission inside a quotation, not an end
    return not (
        punct[0] in "…." and p0 > start and text[p0 - 1] == "[" and m.group(1)[:1] == "]"
    )


def _period_ends(text: str, start: int, p0: int, nxt: int, *, digit: bool) -> bool:
    """Whether the single period at ``p0`` ends a sentence, judged by the word before it."""
    ws = text.rfind(" ", start, p0)
    word_start = ws + 1 if ws >= 0 else start
    word = text[word_start:p0]
    if not word.isprintable():  # rare: a tab or no-break space inside
        word_start += len(word) - len(word.split()[-1]) if word.strip() else len(word)
        word = text[word_start:p0]
    word = word.lstrip(_OPENERS).rstrip(_CLOSERS)
    if not word:
        # A lone dot: the fourth of ". . . ." ends a sentence, the
        # third of ". . ." does not (golden rules 45, 47, 48).
        run, i = 1, p0
        while run < 4 and i - 2 >= start and text[i - 1] == " " and text[i - 2] == ".":
            run += 1
            i -= 2
        return run >= 4
    low = word.lower()
    kind = _ABBREVIATIONS.get(low)
    if kind is not None:
        return _abbreviation_ends(text, start, p0, nxt, kind=kind, low=low, digit=digit)
    if "." in word:
        if _MULTI_PERIOD.fullmatch(word):
            # U.S., E.U., U.S.A.: a boundary only before a word that
            # typically starts a sentence (golden rules 13-17).
            w = _NEXT_WORD.match(text, nxt)
            return not (digit or w is None or w.group(1) not in _SENTENCE_STARTERS)
        return True  # a number, URL, e-mail or domain: an ordinary end
    if len(word) == 1:
        if word.islower():
            return False  # p. 55, a. (list item)
        if word.isupper():
            if word != "I":
                return False  # an initial: Jonas E. Smith
            # "you and I. Did" ends; "Albert I. Jones" does not.
            prev_end = word_start - 1
            prev_start = text.rfind(" ", start, prev_end) + 1 or start
            return not (prev_start < prev_end and text[prev_start].isupper())
        # list marker "1." opening the item
        return not (word.isdigit() and _is_item_start(text, start, word_start))
    # list marker "10." or "⁃9." opening the item
    return not (
        word[-1].isdigit()
        and word.lstrip(_BULLETS).isdigit()
        and _is_item_start(text, start, word_start)
    )


def _abbreviation_ends(
    text: str, start: int, p0: int, nxt: int, *, kind: int, low: str, digit: bool
) -> bool:
    """Whether a period after a known abbreviation (``low``, of ``kind``) ends a sentence."""
    if kind in (_TITLE, _NEVER):
        return False
    if kind == _NUMBER:
        if digit:
            return False
        # "At 5 a.m. Mr. Smith went": a time phrase opening
        # the sentence is not a sentence (golden rule 18).
        return not (low in _AM_PM and len(text[start:p0].split()) <= 3)
    if kind == _POSTPOSITIVE:
        w = _NEXT_WORD.match(text, nxt)
        return not (digit or w is None or w.group(1) not in _SENTENCE_STARTERS)
    return not digit  # etc. 5


def _has_pair_opener(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a character that opens a :data:`_PAIRED` span.

    Most lines hold none, and four substring searches are several times
    cheaper than the regex finding nothing.
    """
    return any(text.find(ch, start, end) >= 0 for ch in _PAIR_OPENERS)


def _split_paragraph(
    text: str, start: int, end: int, limit: int, spans: list[tuple[int, int]]
) -> None:
    """Append the sentence spans of one stripped line, splitting list items first."""
    if text[start] in _BULLETS or text[start].isalnum():
        first = _LIST_START.match(text, start, end)
        if first is not None:
            for item_start, item_end in _list_items(text, start, end, first):
                _split_line(text, item_start, item_end, limit, spans)
            return
    _split_line(text, start, end, limit, spans)


def _is_item_start(text: str, start: int, word_start: int) -> bool:
    """Whether only bullets and spaces stand between the sentence start and a word."""
    return not text[start:word_start].strip(_BULLETS + " ")


def _list_items(text: str, start: int, end: int, first: re.Match[str]) -> list[tuple[int, int]]:
    """Split a line that opens a list (``1.) a 2.) b``, ``• a • b``) into items."""
    bullet, number, letter, suffix = first.groups()
    cuts: list[int] = []
    if bullet:
        i = text.find(bullet, start + 1, end)
        while i >= 0:
            if text[i - 1].isspace():
                cuts.append(i)
            i = text.find(bullet, i + 1, end)
    else:
        label = int(number) if number else ord(letter)
        i = first.end()
        while True:
            label += 1
            marker = f" {label if number else chr(label)}{suffix} "
            j = text.find(marker, i, end)
            if j < 0:
                break
            cuts.append(j + 1)
            i = j + len(marker)
    items = []
    for cut in cuts:
        item_end = cut
        while text[item_end - 1].isspace():
            item_end -= 1
        items.append((start, item_end))
        start = cut
    items.append((start, end))
    return items


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text``.

    Every newline is a hard boundary; within a line, sentences end at
    ``.``/``!``/``?``/``…`` (with any closing quotes or brackets) unless the
    rules for abbreviations, initials, numbers, list markers, ellipses and
    paired quotation marks or parentheses say otherwise.

    Parameters
    ----------
    text : str
        Cleaned text; paragraphs and headings separated by newlines.

    Returns
    -------
    list of tuple of int
        ``(start, end)`` pairs in order and non-overlapping, such that
        ``text[start:end]`` is a sentence without leading or trailing
        whitespace. Together they cover every non-space character of
        ``text`` exactly once.

    Examples
    --------
    >>> sentence_spans("Dr. Smith left at 5 p.m. He came back.\\nThe end")
    [(0, 24), (25, 38), (39, 46)]
    """
    spans: list[tuple[int, int]] = []
    if "\n" not in text:  # fast path: one paragraph, as kzlib.segment passes it
        end = len(text.rstrip())
        if end:
            _split_paragraph(text, len(text) - len(text.lstrip()), end, len(text), spans)
        return spans
    for line in _LINE.finditer(text):
        _split_paragraph(text, line.start(), line.end(), len(text), spans)
    return spans


def append_paragraph_spans(
    text: str, start: int, end: int, spans: list[tuple[int, int]]
) -> None:
    """Append to ``spans`` the sentences of the line ``text[start:end]``, in ``text``'s offsets.

    The same spans as ``sentence_spans(text[start:end])`` shifted by ``start``:
    :mod:`kzlib.corpus.segment` calls it once per paragraph of a document's cleaned
    text and gets offsets into that text directly.

    Parameters
    ----------
    text : str
        The whole text.
    start, end : int
        The line: ``text[start:end]`` holds no newline.
    spans : list of tuple of int
        Where the spans go.

    Examples
    --------
    >>> spans = []
    >>> append_paragraph_spans("Title\\nOne. Two.  ", 6, 17, spans)
    >>> spans
    [(6, 10), (11, 15)]
    """
    line = text[start:end]
    stripped_end = start + len(line.rstrip())
    if stripped_end > start:
        _split_paragraph(text, start + len(line) - len(line.lstrip()), stripped_end, end, spans)


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text``, as strings (see :func:`sentence_spans`).

    Parameters
    ----------
    text : str
        Cleaned text; paragraphs and headings separated by newlines.

    Returns
    -------
    list of str
        The sentences, in order, without leading or trailing whitespace.

    Examples
    --------
    >>> split_sentences("He said “We will.” Then he left the U.S. for good.")
    ['He said “We will.”', 'Then he left the U.S. for good.']
    """
    return [text[s:e] for s, e in sentence_spans(text)]
