"""Where two linked claims disagree: numbers, dates and named titles given differently.

Examples
--------
>>> _title_conflicts("President-elect Donald Trump spoke.", "President Donald Trump spoke.")
['President-elect Trump vs President Trump']
"""

from __future__ import annotations

import re

from kzlib.claims.cues import _QUOTED_RE

__all__: list[str] = []

_POSSESSIVE_END_RE = re.compile(r"['’]s$")
_TITLE_WINDOW_STOP = frozenset({"the", "a", "an", "of", "and", "to", "in", "on"})


_OFFICE_RE = re.compile(
    r"\b(?P<title>(?:(?:Deputy|Vice|Acting|Foreign|Prime|Defen[cs]e|Finance|Economy|Energy|"
    r"Trade|Interior)\s+)*(?:President(?:-elect)?|Prime Minister|Minister|Secretary-General|"
    r"Secretary|Chancellor|Premier|Ambassador|Speaker|Governor|Mayor|Chairman|King|Emir))"
    r"\s+(?P<name>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2})"
)


#: Every match of :data:`_OFFICE_RE` holds one of these words, and every quoted phrase
#: opens with one of the quote marks of :data:`kzlib.claims.cues._QUOTED_RE`.
_TITLE_HINT_RE = re.compile(
    r"[\"“]|President|Minister|Secretary|Chancellor|Premier|Ambassador|Speaker|Governor|Mayor|"
    r"Chairman|King|Emir"
)


def _may_name_titles(text: str) -> bool:
    """False when :func:`_title_view` of ``text`` would find no office and no quoted phrase
    (a cheap test, so only the texts that may have them are read).

    Examples
    --------
    >>> _may_name_titles("Trade grew by 5%."), _may_name_titles("Emir Tamim arrived.")
    (False, True)
    """
    return _TITLE_HINT_RE.search(text) is not None


def _offices(text: str) -> dict[str, str]:
    """Surname -> office title given right before the name ("Foreign Minister Sergey Lavrov")."""
    out: dict[str, str] = {}
    for m in _OFFICE_RE.finditer(text):
        surname = _POSSESSIVE_END_RE.sub("", m.group("name").split()[-1])
        out.setdefault(surname, m.group("title"))
    return out


class _TitleView:
    """What :func:`_title_conflicts` reads of one text; computed once per linked claim that
    :func:`_may_name_titles`.

    ``offices`` maps a surname to the title before it; ``phrases`` are the quoted
    phrases of 2 to 6 words, not opening with a stop word. The text's words
    (lower-cased, edge punctuation stripped) are split only when another
    text's phrase is looked for in them: held for a million linked claims,
    the word lists took gigabytes.
    """

    __slots__ = ("offices", "phrases", "text")

    def __init__(self, text: str, offices: dict[str, str], phrases: list[list[str]]) -> None:
        self.text = text
        self.offices = offices
        self.phrases = phrases

    @property
    def words(self) -> list[str]:
        return _title_words(self.text)


def _title_words(text: str) -> list[str]:
    return [w.lower().strip(".,;:\"'”“") for w in text.split()]


def _title_view(text: str) -> _TitleView:
    phrases = [_title_words(m.group()[1:-1]) for m in _QUOTED_RE.finditer(text)]
    return _TitleView(
        text,
        _offices(text),
        [p for p in phrases if 2 <= len(p) <= 6 and p[0] not in _TITLE_WINDOW_STOP],
    )


def _title_conflicts(text_a: str, text_b: str) -> list[str]:
    """Named titles the two texts give differently.

    A quoted phrase of one text that the other gives with the same first and
    last word but other words between ("comprehensive strategic partnership"),
    or one person given two different offices ("President-elect X" / "President X").
    """
    return _view_conflicts(_title_view(text_a), _title_view(text_b))


def _view_conflicts(view_a: _TitleView, view_b: _TitleView) -> list[str]:
    """:func:`_title_conflicts` of two precomputed views."""
    out: list[str] = []
    for surname, title in view_a.offices.items():
        other = view_b.offices.get(surname)
        if other is not None and other.lower() != title.lower():
            out.append(f"{title} {surname} vs {other} {surname}")
    for src, dst in ((view_a, view_b), (view_b, view_a)):
        if not src.phrases:
            continue
        words = dst.words
        for phrase in src.phrases:
            n = len(phrase)
            for i in range(len(words) - n + 1):
                # Compare the ends first: a slice per position is what made this slow.
                if words[i] != phrase[0] or words[i + n - 1] != phrase[-1]:
                    continue
                window = words[i : i + n]
                if window != phrase:
                    out.append(f'"{" ".join(phrase)}" vs "{" ".join(window)}"')
    return out


def _number_conflicts(
    nums_a: list[dict[str, object]], nums_b: list[dict[str, object]]
) -> tuple[list[str], list[str]]:
    numbers: list[str] = []
    dates: list[str] = []
    for qa in nums_a:
        for qb in nums_b:
            if qa.get("unit") != qb.get("unit"):
                continue
            if qa["unit"] == "date":
                va, vb = str(qa["value"]), str(qb["value"])
                if min(len(va), len(vb)) >= 7 and not (va.startswith(vb) or vb.startswith(va)):
                    dates.append(f"{qa['text']} vs {qb['text']}")
            elif qa.get("item", "") == qb.get("item", ""):
                a, b = qa.get("value"), qb.get("value")
                if (
                    isinstance(a, int | float)
                    and isinstance(b, int | float)
                    and abs(a - b) > 0.05 * max(abs(a), abs(b))
                ):
                    numbers.append(f"{qa['text']} vs {qb['text']}")
    return numbers, dates
