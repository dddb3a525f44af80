"""Is it a claim at all: rules for sentences that assert nothing checkable or evaluative.

Questions, greetings and thanks, headings and speaker labels, bracketed
asides and procedural lines are not claims, whatever their check-worthiness.
The rules run once over all sentences joined by newlines (as the cues of
:mod:`kzlib.claims.signals`), so they are vectorised.

Examples
--------
>>> is_claim(["Thank you, Mr. Chairman.", "Wheat exports doubled in 2021."]).tolist()
[False, True]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from kzlib.claims.checkworthiness import _check_texts
from kzlib.claims.signals import _match_rows, _prepared

# Lines that assert nothing checkable or evaluative. Same joined-text rules as CUES.
_NOT_CLAIM: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(p, re.IGNORECASE | re.MULTILINE)) for name, p in (
        ("question", r"\?[ \t]*[\"”’)\]]*[ \t]*$"),
        ("label or heading", r"^[^\n]*[^.!?…\"”’'`)\]\n \t][ \t]*$"),
        ("bracketed aside", r"^[ \t]*[(\[][^\n]*[)\]][ \t.]*$"),
        ("greeting/thanks", r"^[^A-Za-z\n]*(?:thank|thanks(?! to)|hello|hi|good (?:morning|"
                            r"afternoon|evening|night)|welcome|congratulations|goodbye|bye)\b"),
        ("procedural", r"^[^A-Za-z\n]*(?:(?:let me|let['’]s|let us|i(?: would|['’]d)? like to|"
                       r"i want to) (?:now )?(?:turn|move|go|come|begin|start|open|close|thank|"
                       r"welcome|introduce|(?:give|pass|hand) (?:the floor|over))\b|"
                       r"next question|moving on|i yield|please (?:go ahead|proceed|take your "
                       r"seats?|be seated)|(?:the )?floor is yours|over to you|time['’]s up|"
                       r"time is up|(?:the )?(?:meeting|session|debate) is (?:adjourned|open|"
                       r"closed)|we['’]ll take a (?:short )?break)"),
        ("time call", r"^[^\n]{0,40}\b(?:\d+|one|two|three|thirty|sixty|ninety) "
                      r"(?:minutes?|seconds)[ \t.!]*$"),
    ))
#: Fewest word tokens a claim has ("He lied." has two).
__all__ = ["is_claim", "not_claim_reasons"]

MIN_CLAIM_WORDS: int = 2
#: Greetings, thanks and procedural lines longer than this many words, or holding a
#: digit, are kept: they may carry a claim.
MAX_FORMULA_WORDS: int = 15
#: A line without closing punctuation is a label or heading only up to this many words;
#: a longer one is a sentence whose full stop was lost (a truncated article, a feed).
MAX_HEADING_WORDS: int = 8
#: Rules that apply only to short lines: their word limit, and whether a digit exempts it.
_SHORT_ONLY: dict[str, tuple[int, bool]] = {
    "greeting/thanks": (MAX_FORMULA_WORDS, True),
    "procedural": (MAX_FORMULA_WORDS, True),
    "label or heading": (MAX_HEADING_WORDS, False),
}
_HAS_DIGIT_RE = re.compile(r"\d")


def not_claim_reasons(texts: Sequence[str]) -> list[str]:
    """Why each sentence is not a claim (``""`` when it is one), rule by rule.

    Rules: a question; a label or heading (at most :data:`MAX_HEADING_WORDS`
    words and no closing punctuation: "Vladimir Putin:", "November 8, 2023",
    "Joint Statement on Trade"); a bracketed aside ("(Laughter)"); a short
    greeting or thanks, or a short procedural line ("Let me turn to...",
    "Next question."), without digits; a time call ("Two minutes."); fewer
    than :data:`MIN_CLAIM_WORDS` words.

    Examples
    --------
    >>> not_claim_reasons(["Thank you very much.", "Is that true?", "Exports rose 5%."])
    ['greeting/thanks', 'question', '']
    """
    rows = _check_texts(texts)
    joined, starts, n_words = _prepared(rows)
    n = len(rows)
    digit = np.zeros(n, dtype=bool)
    digit[_match_rows(_HAS_DIGIT_RE, joined, starts)] = True
    reasons = np.full(n, "", dtype=object)
    reasons[n_words < MIN_CLAIM_WORDS] = "too short"
    for name, pattern in reversed(_NOT_CLAIM):
        hit = np.zeros(n, dtype=bool)
        hit[_match_rows(pattern, joined, starts)] = True
        if name in _SHORT_ONLY:
            limit, digit_exempts = _SHORT_ONLY[name]
            hit &= n_words <= limit
            if digit_exempts:
                hit &= ~digit
        reasons[hit] = name
    return [str(r) for r in reasons]


def is_claim(texts: Sequence[str]) -> np.ndarray:
    """Whether each sentence asserts anything checkable or evaluative.

    ``False`` for the lines :func:`not_claim_reasons` names a reason for.

    Examples
    --------
    >>> is_claim(["Good morning, everyone.", "The treaty was signed in 2019."]).tolist()
    [False, True]
    """
    return np.array([r == "" for r in not_claim_reasons(texts)], dtype=bool)
