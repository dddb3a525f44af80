"""Word guards: a pattern is tried only where the words every match contains occur.

Most sentences hold none of a cue pattern's words, so testing a set of words
first and running the large pattern only where they occur is what lets the
claim inventory stream big corpora. Every fast path here finds exactly what
the whole pattern finds (the tests compare the two).

The characters of :data:`_ODD_FOLD` match ASCII letters under ``re.IGNORECASE``
but are no ASCII letter themselves: a text holding one of them is matched
with the whole pattern.

Examples
--------
>>> sorted(_letter_runs("c5+1 over 300 km"))
['c', 'km', 'over']
>>> _run_starts("it is a bit, it", ["it"])
[0, 13]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

__all__: list[str] = []

#: The characters other than ASCII letters that match an ASCII letter under
#: ``re.IGNORECASE`` (İ ı ſ and the Kelvin sign): the word guards do not see them.
_ODD_FOLD = ("\u0130", "\u0131", "\u017f", "\u212a")
#: Bound of the remembered word combinations of :class:`_CuePattern` and :class:`_AllWords`.
_MAX_KNOWN = 65536
_DIGIT_RE = re.compile(r"\d")
_ALPHA_RE = re.compile(r"[a-z]+")
_LETTERS_RE = re.compile(r"[A-Za-z]+")


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _fold(text: str, lowered: str | None = None) -> str | None:
    """``text.lower()`` (or ``lowered``, when given), or None if that could hide a match.

    None when ``text`` holds a character of :data:`_ODD_FOLD` (or lower-casing
    changes its length): the callers then fall back to the full patterns.
    """
    if lowered is None:
        lowered = text.lower()
    if len(lowered) != len(text) or any(map(text.__contains__, _ODD_FOLD)):
        return None
    return lowered


def _letter_runs(lowered: str) -> frozenset[str]:
    """The runs of ASCII letters of a lower-cased text: the words the guards test.

    Examples
    --------
    >>> sorted(_letter_runs("c5+1 over 300 km"))
    ['c', 'km', 'over']
    """
    return frozenset(_ALPHA_RE.findall(lowered))


def _letter_words(text: str) -> frozenset[str]:
    """The runs of ASCII letters in ``text`` (case kept): the words the guards look for.

    Examples
    --------
    >>> sorted(_letter_words("Peskov's O'Brien-led talks, 2025"))
    ['Brien', 'O', 'Peskov', 'led', 's', 'talks']
    """
    return frozenset(_LETTERS_RE.findall(text))


def _run_starts(lowered: str, words: Iterable[str]) -> list[int]:
    """Sorted positions where one of ``words`` stands as a whole run of letters in ``lowered``.

    Examples
    --------
    >>> _run_starts("it is a bit, it", ["it"])
    [0, 13]
    """
    out: list[int] = []
    n = len(lowered)
    for word in words:
        i = lowered.find(word)
        while i >= 0:
            j = i + len(word)
            if (i == 0 or not "a" <= lowered[i - 1] <= "z") and (
                j == n or not "a" <= lowered[j] <= "z"
            ):
                out.append(i)
            i = lowered.find(word, i + 1)
    out.sort()
    return out


def _scan(
    pattern: re.Pattern[str],
    text: str,
    lowered: str,
    words: Iterable[str],
    *,
    whole_words: Iterable[str] = (),
    one_before: bool = False,
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, trying the pattern only where a match can start.

    The caller guarantees that every match of ``pattern`` (compiled with
    ``re.IGNORECASE``) starts at a digit, at one of ``words`` (lower case) or
    at one of ``whole_words`` standing as a whole run of letters, or one
    character before one of these (``one_before``). Matching at those
    positions in order, from the end of the last match, gives the matches
    ``finditer`` gives without running the large pattern at every character.
    """
    if len(lowered) != len(text) or any(map(text.__contains__, _ODD_FOLD)):
        yield from pattern.finditer(text)
        return
    starts = {m.start() for m in _DIGIT_RE.finditer(text)}
    for word in words:
        i = lowered.find(word)
        while i >= 0:
            starts.add(i)
            i = lowered.find(word, i + 1)
    starts.update(_run_starts(lowered, whole_words))
    if one_before:
        starts |= {p - 1 for p in starts if p > 0}
    pos = 0
    for p in sorted(starts):
        if p < pos:
            continue
        m = pattern.match(text, p)
        if m is not None:
            yield m
            pos = m.end()


@dataclass(frozen=True)
class _Cue:
    """One alternative of a cue pattern, with the words every match of it contains.

    A match can exist only if every set in ``guards`` shares a word with the
    lower-cased text's :func:`_letter_runs`. ``starts``, when known, are the words at which
    every match starts, each as a whole run of letters (after a word boundary,
    before a space or a boundary).
    """

    guards: tuple[frozenset[str], ...]
    pattern: str
    starts: frozenset[str] | None = None


class _CuePattern:
    """A case-insensitive alternation of :class:`_Cue` tried only where its words occur.

    An alternative whose guard words are absent cannot match anywhere in the
    text, so dropping it from the alternation (order kept) changes no match;
    where the alternatives' start words are known the pattern is only tried
    where they stand, in order, as ``finditer`` would meet them. :meth:`search`
    and :meth:`count` agree with ``whole.search`` and ``len(whole.findall)``
    while running small patterns at few places, or none.

    Examples
    --------
    >>> p = _CuePattern((_Cue((_word_set("will"),), r"\\bwill\\b"), _Cue((), r"\\bnext\\b")))
    >>> t = "Next year will come."
    >>> p.count(t, t.lower(), _letter_runs(t.lower()))
    2
    """

    def __init__(self, cues: tuple[_Cue, ...]) -> None:
        self.cues = cues
        self.whole = re.compile("|".join(c.pattern for c in cues), re.IGNORECASE)
        self._parts = tuple(re.compile(c.pattern, re.IGNORECASE) for c in cues)
        self._vocabulary = frozenset().union(*(g for c in cues for g in c.guards))
        self._guarded = all(c.guards for c in cues)  # every alternative needs a guard word
        self._starts = tuple(c.starts or frozenset() for c in cues)
        self._all_starts = all(c.starts is not None for c in cues)
        # word -> bits (one per guard) it sets in its alternatives' masks
        self._bits: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for i, cue in enumerate(cues):
            for j, guard in enumerate(cue.guards):
                for word in guard:
                    self._bits[word].append((i, 1 << j))
        self._full = tuple((1 << len(c.guards)) - 1 for c in cues)
        self._subsets: dict[tuple[int, ...], tuple[re.Pattern[str], frozenset[str] | None]] = {}
        # guard words present -> possible alternatives; few combinations of
        # cue words occur, so this stays small (cleared if it ever grows large)
        self._known: dict[frozenset[str], tuple[int, ...]] = {}

    def _possible(self, words: frozenset[str]) -> tuple[int, ...]:
        """Indices of the alternatives whose guard words all occur in ``words``."""
        present = words & self._vocabulary
        possible = self._known.get(present)
        if possible is None:
            hit = [0] * len(self._full)
            for word in present:
                for i, bit in self._bits[word]:
                    hit[i] |= bit
            possible = tuple([i for i, full in enumerate(self._full) if hit[i] == full])
            if len(self._known) >= _MAX_KNOWN:
                self._known.clear()
            self._known[present] = possible
        return possible

    def search(self, text: str, lowered: str | None, words: frozenset[str] | None) -> bool:
        """Whether the alternation matches somewhere in ``text``.

        ``lowered`` is :func:`_fold` of ``text`` and ``words`` its letter runs
        (both None when the text does not fold safely).
        """
        if not text:
            return False
        if lowered is None or words is None:
            return self.whole.search(text) is not None
        if self._guarded and self._vocabulary.isdisjoint(words):  # no alternative can match
            return False
        for i in self._possible(words):
            part, starts = self._parts[i], self.cues[i].starts
            if starts is None:
                if part.search(text) is not None:
                    return True
            elif any(part.match(text, p) for p in _run_starts(lowered, starts & words)):
                return True
        return False

    def count(self, text: str, lowered: str | None, words: frozenset[str] | None) -> int:
        """``len(whole.findall(text))`` (arguments as for :meth:`search`)."""
        if lowered is None or words is None:
            return len(self.whole.findall(text))
        possible = self._possible(words)
        if not possible:
            return 0
        if self._all_starts:
            return self._count_at_starts(text, lowered, words, possible)
        subset = self._subsets.get(possible)
        if subset is None:
            joined = "|".join(self.cues[i].pattern for i in possible)
            starts = [s for i in possible if (s := self.cues[i].starts) is not None]
            subset = self._subsets[possible] = (
                re.compile(joined, re.IGNORECASE),
                frozenset().union(*starts) if len(starts) == len(possible) else None,
            )
        pattern, all_starts = subset
        if all_starts is None:
            return len(pattern.findall(text))
        n, end = 0, 0
        for p in _run_starts(lowered, all_starts & words):
            if p >= end:
                m = pattern.match(text, p)
                if m is not None:
                    n, end = n + 1, m.end()
        return n

    def _count_at_starts(
        self, text: str, lowered: str, words: frozenset[str], possible: tuple[int, ...]
    ) -> int:
        """:meth:`count` when every alternative's start words are known.

        At each place where a start word of a possible alternative stands, the
        alternatives are tried in order and the first match counts, as the
        alternation of the possible ones would (no pattern compiled per
        combination of words: real corpora meet thousands of combinations).
        """
        starts: frozenset[str] = frozenset()
        for i in possible:
            starts |= self._starts[i]
        parts = [self._parts[i] for i in possible]
        n, end = 0, 0
        for p in _run_starts(lowered, starts & words):
            if p >= end:
                for part in parts:
                    m = part.match(text, p)
                    if m is not None:
                        n, end = n + 1, m.end()
                        break
        return n


def _cue(pattern: str, *guards: str, starts: str | None = None) -> _Cue:
    """A :class:`_Cue` from its pattern, one space-separated word list per guard and its starts."""
    return _Cue(
        tuple(_word_set(g) for g in guards),
        pattern,
        None if starts is None else _word_set(starts),
    )


class _AllWords:
    """Which word sets lie wholly within a sentence's :func:`_letter_words`.

    Examples
    --------
    >>> need = _AllWords([frozenset({"Radio", "Liberty"}), frozenset({"TASS"})])
    >>> need.any_within(frozenset({"Radio", "Free"})), need.any_within(frozenset({"TASS"}))
    (False, True)
    """

    def __init__(self, sets: Iterable[frozenset[str]]) -> None:
        self._need: list[int] = []
        self._by_word: dict[str, list[int]] = {}
        for i, words in enumerate(sets):
            self._need.append(len(words))
            for w in words:
                self._by_word.setdefault(w, []).append(i)
        self._always = 0 in self._need
        self._vocabulary = frozenset(self._by_word)
        self._known: dict[frozenset[str], bool] = {}

    def any_within(self, words: frozenset[str]) -> bool:
        """Whether every word of at least one of the sets is in ``words``."""
        if self._always:
            return True
        present = words & self._vocabulary
        if not present:
            return False
        # few combinations of these words occur: remember the answer for each
        answer = self._known.get(present)
        if answer is None:
            if len(self._known) >= _MAX_KNOWN:
                self._known.clear()
            answer = self._known[present] = self._complete(present)
        return answer

    def _complete(self, present: frozenset[str]) -> bool:
        """Whether the words ``present`` (all of the vocabulary) complete one of the sets."""
        hits = [0] * len(self._need)
        for w in present:
            for i in self._by_word[w]:
                hits[i] += 1
                if hits[i] == self._need[i]:
                    return True
        return False
