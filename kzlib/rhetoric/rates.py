"""The measures and how each is computed from sums of per-sentence counts.

:func:`measure_names` lists every measure :func:`kzlib.rhetoric.measures` can
compute; the same arithmetic turns an article's sums, or the sums of each
bootstrap resample (:mod:`kzlib.rhetoric.bootstrap`), into measures.

Examples
--------
>>> measure_names()[:2]
['words', 'sentences']
"""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence

import numpy as np

from kzlib.errors import InputError
from kzlib.rhetoric.actors import load_actors
from kzlib.rhetoric.lexicon import Lexicon, Lexicons, load_lexicons

__all__ = ["BASE_MEASURES", "MEASURE_COLUMNS", "measure_names"]

#: Columns of :func:`measures`.
MEASURE_COLUMNS: list[str] = ["doc_id", "measure", "value", "ci_low", "ci_high"]


BASE_MEASURES: tuple[str, ...] = (
    "words",
    "sentences",
    "mean_sentence_words",
    "hedges_per_1k",
    "boosters_per_1k",
    "attribution_per_1k",
    "first_person_per_1k",
    "quotes_share",
    "flesch_reading_ease",
    "mtld",
)


_NO_CI = {"words", "sentences", "mtld"}


def measure_names(*, lexicons: Lexicons | None = None, actors: Lexicon | None = None) -> list[str]:
    """Every measure :func:`measures` can compute, in output order.

    Examples
    --------
    >>> names = measure_names()
    >>> names[:3], "frame_per_1k:economic" in names, "actor_share:Russia" in names
    (['words', 'sentences', 'mean_sentence_words'], True, True)
    """
    lex = lexicons if lexicons is not None else load_lexicons()
    gaz = actors if actors is not None else load_actors()
    rates = [m for m, _, _ in lex.rate_measures() if m not in BASE_MEASURES]
    return [*BASE_MEASURES, *rates, *(f"actor_share:{a}" for a in gaz.categories)]


def _select(names: list[str], include: Sequence[str]) -> list[str]:
    if isinstance(include, str):
        include = [include]
    chosen: set[str] = set()
    for pattern in include:
        hit = fnmatch.filter(names, pattern)
        if not hit:
            raise InputError(
                f"measure {pattern!r} matches nothing; use a name or pattern such as "
                "'hedges_per_1k', 'frame_per_1k:*', 'actor_share:*' "
                "(see kzlib.rhetoric.measure_names())"
            )
        chosen.update(hit)
    return [n for n in names if n in chosen]


# How a measure is computed from column sums (see _Statistics).
_NONE, _WORDS, _SENTENCES, _MEAN, _FLESCH, _SHARE, _RATE = range(7)


class _Statistics:
    """Measures from column sums (rows: samples); NaN where a denominator is 0.

    ``kind`` says how each measure is computed, ``source`` which column a
    share (of sentences) or a rate (per 1,000 words) divides (-1: none).
    """

    def __init__(self, names: list[str], col: dict[str, int]) -> None:
        self.col = col
        self.kind = np.full(len(names), _NONE)
        self.source = np.full(len(names), -1)
        special = {
            "words": _WORDS,
            "sentences": _SENTENCES,
            "mean_sentence_words": _MEAN,
            "flesch_reading_ease": _FLESCH,
        }
        for j, name in enumerate(names):
            if name in special:
                self.kind[j] = special[name]
            elif name == "quotes_share":
                self.kind[j], self.source[j] = _SHARE, col["quoted"]
            elif name.startswith("actor_share:"):
                self.kind[j], self.source[j] = _SHARE, col[name]
            elif name in col:
                self.kind[j], self.source[j] = _RATE, col[name]

    def __call__(
        self, sums: np.ndarray, measures: np.ndarray, columns: np.ndarray | None = None
    ) -> np.ndarray:
        """The measures at positions ``measures``, one column each.

        ``columns`` maps each column of ``x`` to its column in ``sums`` (default: the same).
        """
        where = np.arange(len(self.col)) if columns is None else columns
        n = sums[:, where[self.col["sentences"]]]
        words = sums[:, where[self.col["words"]]]
        kind, source = self.kind[measures], where[self.source[measures]]
        out = np.full((len(sums), len(measures)), np.nan)
        with np.errstate(divide="ignore", invalid="ignore"):
            # Column blocks: the same elementwise arithmetic as one column at a time.
            at = kind == _RATE
            if at.any():
                out[:, at] = 1000.0 * sums[:, source[at]] / words[:, None]
            at = kind == _SHARE
            if at.any():
                out[:, at] = sums[:, source[at]] / n[:, None]
            for j in np.flatnonzero(kind == _WORDS):
                out[:, j] = words
            for j in np.flatnonzero(kind == _SENTENCES):
                out[:, j] = n
            for j in np.flatnonzero(kind == _MEAN):
                out[:, j] = words / n
            for j in np.flatnonzero(kind == _FLESCH):
                syllables = sums[:, where[self.col["syllables"]]]
                out[:, j] = 206.835 - 1.015 * words / n - 84.6 * syllables / words
        return out
