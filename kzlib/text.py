"""Tokenizers and stop words: one named function per purpose.

Each analysis cuts text into words by its own rule, and the rules differ on
purpose; they live here side by side, each named for what it is for:

=======================  =========================================================
:func:`topic_tokens`     terms of a topic model: lower case, two or more letters,
                         dotted acronyms (``u.s.``) kept whole
:func:`word_tokens`      words as written: letters and digits (any script), with
                         inner ``'``, ``.`` and ``-`` (``Kazakhstan's``, ``42-point``)
:func:`count_words`      how many words a text has: the ASCII form of
                         :func:`word_tokens`, counted without building strings
:func:`count_spaced`     how many runs of non-space characters a text has
:func:`case_words`       words that start with a letter, as written, for tests of
                         case (is a line in title case?)
=======================  =========================================================

The stop words: :func:`load_stopwords` (scikit-learn's English list edited by the
corpus list in ``data/stopwords/``, what topic models drop) and
:func:`english_stop_words` (scikit-learn's list alone). scikit-learn is imported
only when a stop-word list is asked for.

Examples
--------
>>> topic_tokens("Tokayev's U.S.-backed plan")
['tokayev', 'u.s.', 'backed', 'plan']
>>> word_tokens("Tokayev's U.S.-backed plan")
["Tokayev's", 'U.S', 'backed', 'plan']
>>> count_words("Tokayev's U.S.-backed plan"), count_spaced("Tokayev's U.S.-backed plan")
(4, 3)
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np

from kzlib.errors import InputError
from kzlib.paths import STOPWORDS_DIR

__all__ = [
    "CASE_WORD_RE",
    "SPACED_RE",
    "STOPWORDS_FILE",
    "TOPIC_TOKEN_RE",
    "WORD_RE",
    "WORD_TOKEN_RE",
    "case_words",
    "count_spaced",
    "count_words",
    "english_stop_words",
    "load_stopwords",
    "topic_tokens",
    "word_tokens",
]

#: Topic-model terms (of lower-cased text): dotted acronyms (``u.s.``) whole, else runs
#: of two or more letters.
TOPIC_TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]{2,}")
#: Words as written, any script: letters and digits with inner ``'``, ``’``, ``.``, ``-``.
WORD_TOKEN_RE = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
#: Words as counted in article lengths: ASCII letters and digits with inner joiners.
WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['\u2019.\-][A-Za-z0-9]+)*")
#: Runs of characters other than white space.
SPACED_RE = re.compile(r"\S+")
#: Words that start with an ASCII letter, as written (for case tests).
CASE_WORD_RE = re.compile(r"[A-Za-z][\w'\u2019.-]*")
#: The corpus stop-word list (see ``data/stopwords/README.md``).
STOPWORDS_FILE: Path = STOPWORDS_DIR / "stopwords.v1.csv"

_ALNUM = np.zeros(256, dtype=bool)
_ALNUM[list(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")] = True
_JOINER = np.zeros(256, dtype=bool)
_JOINER[list(b"'.-")] = True


# ---------------------------------------------------------------------------
# tokens


def topic_tokens(text: str) -> list[str]:
    """Lower-case word tokens: runs of two or more letters, dotted acronyms kept whole.

    The terms of a topic model (:mod:`kzlib.topics`). Hyphens, apostrophes and
    digits split words, so ``Tokayev's`` gives ``tokayev`` (the lone ``s`` is too
    short) and ``multi-vector`` gives ``multi`` and ``vector``.

    Examples
    --------
    >>> topic_tokens("Tokayev's U.S.-backed multi-vector policy, C5+1")
    ['tokayev', 'u.s.', 'backed', 'multi', 'vector', 'policy']
    """
    return TOPIC_TOKEN_RE.findall(text.lower())


def word_tokens(text: str) -> list[str]:
    """Word tokens as written: letters and digits, with inner ``'``, ``.`` and ``-``.

    The words of text statistics and keyness (the rule of
    ``kzlib.rhetoric.tokenize``). Case is kept; a trailing full stop is not part
    of the word.

    Examples
    --------
    >>> word_tokens("Kazakhstan's 42-point U.S. plan, 2.0.")
    ["Kazakhstan's", '42-point', 'U.S', 'plan', '2.0']
    """
    return WORD_TOKEN_RE.findall(text)


def count_words(text: str) -> int:
    """Count word tokens (letters and digits, inner apostrophes, dots and hyphens).

    The same number as ``len(WORD_RE.findall(text))``: the length of an article
    (``Document.n_words``).

    Examples
    --------
    >>> count_words("Kazakhstan's 42-point U.S. plan")
    4
    """
    if text.isascii():
        data = text.encode("ascii")
    else:
        # Non-ASCII characters never belong to a word, except the curly apostrophe,
        # which joins like "'": one "?" each keeps every position.
        data = text.replace("\u2019", "'").encode("ascii", "replace")
    codes = np.frombuffer(data, dtype=np.uint8)
    alnum = _ALNUM[codes]
    joiner = _JOINER[codes]
    # A word starts at a letter or digit that neither follows one nor follows a
    # joiner that follows one (that is how WORD_RE's matches tile the text);
    # counting starts this way gives len(WORD_RE.findall(text)) without
    # building a string per word.
    starts = alnum.copy()
    starts[1:] &= ~alnum[:-1]
    starts[2:] &= ~(joiner[1:-1] & alnum[:-2])
    return int(np.count_nonzero(starts))


def count_spaced(text: str) -> int:
    """Count runs of characters other than white space (the words of a topic unit).

    ``len(text.split())``: the same count as ``len(SPACED_RE.findall(text))``
    (``\\s`` and ``str.split`` agree on every code point; a test checks it), 4x
    faster, as no string is built per word.

    Examples
    --------
    >>> count_spaced("Astana, 2025 -- a  visit")
    5
    """
    return len(text.split())


def case_words(text: str) -> list[str]:
    """Words that start with a letter, as written, with inner ``'``, ``.`` and ``-``.

    What a test of case looks at: numbers and punctuation are left out, so
    ``"Part 2: The Road"`` gives three words to judge.

    Examples
    --------
    >>> case_words("Part 2: The U.S.-China Road")
    ['Part', 'The', 'U.S.-China', 'Road']
    """
    return CASE_WORD_RE.findall(text)


# ---------------------------------------------------------------------------
# stop words


def english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop-word list (318 words).

    Examples
    --------
    >>> len(english_stop_words()), "the" in english_stop_words()
    (318, True)
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def load_stopwords(path: str | Path | None = None, *, english: bool = True) -> frozenset[str]:
    """The stop words: scikit-learn's English list edited by the corpus list in ``data/``.

    Parameters
    ----------
    path : str or Path, optional
        A stop-word CSV with columns ``term, action, category`` (``action``
        is ``add`` or ``keep``); default :data:`STOPWORDS_FILE`.
    english : bool, default True
        Start from scikit-learn's English list; ``False`` uses only the
        ``add`` rows of the file.

    Raises
    ------
    InputError
        If the file is missing or a row is malformed.

    Examples
    --------
    >>> words = load_stopwords()
    >>> "the" in words, "said" in words, "un" in words
    (True, True, False)
    """
    file = Path(path) if path is not None else STOPWORDS_FILE
    try:
        with file.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise InputError(
            f"{file}: cannot read the stop-word list ({exc.strerror}); restore it"
        ) from exc
    words = set(english_stop_words()) if english else set()
    for line, row in enumerate(rows, start=2):
        term = (row.get("term") or "").strip().lower()
        action = (row.get("action") or "").strip()
        if not term or action not in {"add", "keep"}:
            raise InputError(
                f"{file}, line {line}: need a term and action 'add' or 'keep'; fix the row"
            )
        if action == "add":
            words.add(term)
        else:
            words.discard(term)
    return frozenset(words)
