"""How a lexicon term becomes a regular expression, and the hashes of how it may start.

A term is a sequence of regex atoms (:func:`_atoms`: ``*`` any run of
letters, a space any run of whitespace, ``'`` either apostrophe, the first
letter of a lower-case term either case); all terms of a lexicon form one
alternation factored as a prefix tree (:func:`_trie_regex`). The hashes of a
term's first characters (:func:`_prefix_keys`) say where the scan
(:mod:`kzlib.rhetoric.scan`) needs to try the expression.

Examples
--------
>>> _trie_regex(["may", "maybe"])
'[mM]ay(?:be)?'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np

__all__ = []

_WILD = r"\w*"


#: Characters of a term hashed to find where it may start: more give fewer false starts
#: but cost a table lookup each (6 was fastest on synthetic articles).
_PREFIX_CHARS = 6
_HASH_MULT = np.uint64(0x100000001B3)
_HASH_MASK = (1 << 64) - 1


def _is_lower(term: str) -> bool:
    return term == term.lower()


#: A regex atom and the characters it matches once whitespace runs are squeezed to
#: one space (None: any number of characters).
_Atom = tuple[str, frozenset[str] | None]


def _atoms(term: str) -> list[_Atom]:
    """The term as regex atoms, one per character of the term."""
    lower = _is_lower(term)
    out: list[_Atom] = []
    for i, ch in enumerate(term):
        if ch == "*":
            out.append((_WILD, None))
        elif ch == " ":
            out.append((r"\s+", frozenset(" ")))
        elif ch.isspace():  # not in a validated term; squeezing would hide it
            out.append((re.escape(ch), None))
        elif ch in "'’":
            out.append(("['’]", frozenset("'’")))
        elif i == 0 and lower and ch.upper() != ch:
            out.append((f"[{re.escape(ch)}{re.escape(ch.upper())}]", frozenset(ch + ch.upper())))
        else:
            out.append((re.escape(ch), frozenset(ch)))
    return out


def _trie_regex(terms: Iterable[str]) -> str:
    """One alternation for all terms, factored by common prefixes (longest first)."""
    end = ""
    trie: dict[str, object] = {}
    for term in terms:
        node: dict[str, object] = trie
        for atom, _ in _atoms(term):
            child = node.setdefault(atom, {})
            assert isinstance(child, dict)
            node = child
        node[end] = {}

    def emit(node: dict[str, object]) -> str:
        keys = sorted((k for k in node if k != end), key=lambda k: (k == _WILD, k))
        alts = []
        for k in keys:
            child = node[k]
            assert isinstance(child, dict)
            alts.append(k + emit(child))
        if not alts:
            return ""
        if end in node:
            return "(?:" + "|".join(alts) + ")?"
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(trie)


def _hash(text: str) -> int:
    """The prefix hash of ``text`` (as :meth:`_Scan.hashes` computes it on arrays)."""
    h = 0
    for ch in text:
        h = (h * int(_HASH_MULT) + ord(ch)) & _HASH_MASK
    return h


def _prefix_keys(atoms: Sequence[_Atom]) -> tuple[int, list[int]]:
    """Hashes of every string the leading fixed-character atoms can match.

    Returns the number of characters hashed (at most :data:`_PREFIX_CHARS`,
    0 if the first atom is a run) and one hash per spelling.
    """
    sets: list[frozenset[str]] = []
    for _, chars in atoms[:_PREFIX_CHARS]:
        if chars is None:
            break
        sets.append(chars)
    spellings = [""]
    for chars in sets:
        spellings = [s + c for s in spellings for c in sorted(chars)]
    return len(sets), [_hash(s) for s in spellings] if sets else []


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'"))


def _sorted_keys(by_length: dict[int, list[int]]) -> dict[int, np.ndarray]:
    return {k: np.unique(np.array(v, dtype=np.uint64)) for k, v in by_length.items() if k}
