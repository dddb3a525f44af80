"""Words two reports of one thing share when they word it differently (for claim linking).

Two outlets rarely repeat each other's words: one writes "the minister's
trip to Astana", the other "the minister visited Kazakhstan"; "honour" and
"honor", "partnership" and "partnered". :func:`word_stem` folds a word to a
stem (British and American spellings, inflection and the common derivational
suffixes stripped by rule, no dictionary), and :data:`CONCEPTS` folds a few
stems that news uses interchangeably (a visit and a trip, relations and ties,
support and commitment) to one concept. Reporting verbs ("said",
"underscored") say who speaks, not what is said: :data:`REPORTING_STEMS`
lists them so the linker can leave them out.

Examples
--------
>>> [word_stem(w) for w in ["partnership", "partnered", "honoured", "honored", "trips"]]
['partner', 'partner', 'honor', 'honor', 'visit']
>>> word_stem("relationships") == word_stem("relations") == word_stem("ties")
True
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["CONCEPTS", "REPORTING_STEMS", "fold_entity_phrases", "word_stem"]

#: British spellings ending in -our whose American form ends in -or (the stem keeps -or).
_OUR_WORDS = frozenset(
    """
    honour neighbour favour labour colour behaviour endeavour harbour rumour vigour valour
    armour saviour fervour humour odour parlour splendour candour
    """.split()  # noqa: SIM905
)
_OUR_RE = re.compile(r"^(" + "|".join(sorted(_OUR_WORDS)) + r")(s|ed|ing|able|ably|ite|ites)?$")
_ISE_RE = re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations|er|ers)$")

#: Suffixes stripped, longest first, with what replaces them; the stem keeps 3+ letters.
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("izations", ""), ("ization", ""), ("ational", ""), ("ations", ""), ("ation", ""),
    ("ships", ""), ("ship", ""), ("ments", ""), ("ment", ""), ("nesses", ""), ("ness", ""),
    ("ating", ""), ("ated", ""), ("ates", ""), ("ate", ""),
    ("ians", "ia"), ("ian", "ia"),
    ("ences", ""), ("ence", ""), ("ents", ""), ("ent", ""),
    ("ings", ""), ("ing", ""), ("ies", "y"), ("ied", "y"), ("als", ""), ("al", ""),
    ("ed", ""), ("es", ""), ("s", ""), ("e", ""),
)  # fmt: skip
_KEEP_S_END = ("ss", "us", "is", "ys")
_DOUBLE_END_RE = re.compile(r"([bdfgklmnprtz])\1$")

#: Words news uses for one another; the stems of each group fold to its first word.
_CONCEPT_GROUPS: tuple[tuple[str, ...], ...] = (
    ("visit", "trip", "arrive", "arrival", "tour", "travel"),
    ("relations", "ties", "relationship"),
    ("support", "commitment", "respect", "uphold"),
    ("honor", "privilege", "pleasure"),
    ("partner", "cooperation", "collaboration"),
    ("talks", "negotiations"),
)
#: Reporting verbs, left out of a claim's content words: they say who speaks, not what.
_REPORTING_WORDS = """
    say says said note noted stress stressed emphasize emphasized underscore underscored
    highlight highlighted reiterate reiterated reaffirm reaffirmed add added told tell
    remark remarked mention mentioned report reported reports describe described according
    """.split()  # noqa: SIM905


def _spelling(word: str) -> str:
    """American spelling of a British one (-our, -ise/-isation), else the word."""
    m = _OUR_RE.match(word)
    if m:
        return m.group(1)[:-2] + "r" + (m.group(2) or "")
    return _ISE_RE.sub(lambda s: "iz" + s.group(1), word)


def _strip(word: str) -> str:
    """``word`` less up to two suffixes (``relationships`` -> ``relation`` -> ``rel``)."""
    return _strip_one(_strip_one(word))


def _strip_one(word: str) -> str:
    for suffix, repl in _SUFFIXES:
        if not word.endswith(suffix):
            continue
        if suffix == "s" and word.endswith(_KEEP_S_END):
            continue
        stem = word[: -len(suffix)] + repl
        if len(stem) < 3 or not any(c in "aeiouy" for c in stem):
            continue
        if suffix in ("ed", "ing", "ings", "ated", "ating") and _DOUBLE_END_RE.search(stem):
            stem = stem[:-1]  # committed -> commit
        return stem
    return word


def _raw_stem(word: str) -> str:
    return word if len(word) <= 3 or not word.isalpha() else _strip(_spelling(word))


#: Stem -> concept (:data:`_CONCEPT_GROUPS`).
CONCEPTS: dict[str, str] = {
    _raw_stem(w): _raw_stem(group[0]) for group in _CONCEPT_GROUPS for w in group
}
#: Stems of reporting verbs.
REPORTING_STEMS: frozenset[str] = frozenset(_raw_stem(w) for w in _REPORTING_WORDS)


@lru_cache(maxsize=200_000)
def word_stem(word: str) -> str:
    """Stem of a lower-case word, folded to its concept (:data:`CONCEPTS`).

    Hyphenated words, numbers and words of three letters or fewer are only
    concept-folded; others lose one suffix (``partnerships`` -> ``partner``).

    Examples
    --------
    >>> word_stem("committed") == word_stem("commitment") == word_stem("support")
    True
    >>> word_stem("organised") == word_stem("organized")
    True
    """
    stem = _raw_stem(word)
    return CONCEPTS.get(stem, stem)


_REPUBLIC_OF_RE = re.compile(r"\b(?:the )?republic of (?=[a-z])")
_FIXED_FOLDS: tuple[tuple[str, str], ...] = (
    ("united states of america", "united states"),
    ("russian federation", "russia"),
    ("kyrgyz republic", "kyrgyzstan"),
    ("people's republic of china", "china"),
)


def fold_entity_phrases(text: str) -> str:
    """Lower-case ``text`` with formal state names folded to the short ones.

    Examples
    --------
    >>> fold_entity_phrases("the republic of kazakhstan and the russian federation")
    'kazakhstan and the russia'
    """
    for long, short in _FIXED_FOLDS:
        if long in text:
            text = text.replace(long, short)
    if "republic of" in text:
        text = _REPUBLIC_OF_RE.sub("", text)
    return text
