"""The outlets and bodies a claim can cite: the source gazetteer and its alias pattern.

``data/sources.v1.csv`` lists each outlet (Reuters, RFE/RL, timesca.com ...)
or body (Akorda, the UN ...) with its aliases; :mod:`kzlib.claims.attribution`
finds them in sentences.

Examples
--------
>>> any(s.name == "RFE/RL" for s in load_sources())
True
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kzlib.claims.guards import _AllWords, _letter_words
from kzlib.errors import InputError
from kzlib.paths import DATA_DIR

__all__ = ["SOURCES_FILE", "Source", "load_sources"]

#: The outlet/body gazetteer (codebook: ``data/sources.README.md``).
SOURCES_FILE: Path = DATA_DIR / "sources.v1.csv"


@dataclass(frozen=True)
class Source:
    """One outlet or body of the source gazetteer.

    Examples
    --------
    >>> Source("Reuters", "outlet", ("Reuters",)).kind
    'outlet'
    """

    name: str
    kind: str
    aliases: tuple[str, ...]


def _read_sources(path: Path) -> tuple[Source, ...]:
    if not path.is_file():
        raise InputError(f"{path}: source gazetteer not found; restore it from git")
    out: list[Source] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"source", "kind", "aliases"} - set(reader.fieldnames or [])
        if missing:
            raise InputError(
                f"{path}: missing columns {sorted(missing)}; see data/sources.README.md"
            )
        for line, row in enumerate(reader, start=2):
            name, kind = (row["source"] or "").strip(), (row["kind"] or "").strip()
            if not name or kind not in {"outlet", "body"}:
                raise InputError(f"{path}:{line}: need a source name and kind outlet|body")
            aliases = tuple(a.strip() for a in (row["aliases"] or name).split("|") if a.strip())
            out.append(Source(name, kind, aliases or (name,)))
    return tuple(out)


@lru_cache(maxsize=8)
def load_sources(path: Path = SOURCES_FILE) -> tuple[Source, ...]:
    """The outlet/body gazetteer (``data/sources.v1.csv``).

    Parameters
    ----------
    path : Path
        A CSV with columns ``source, kind, aliases, description``.

    Raises
    ------
    InputError
        If the file is missing or a row lacks a name or a valid kind.

    Examples
    --------
    >>> any(s.name == "RFE/RL" for s in load_sources())
    True
    """
    return _read_sources(Path(path))


@lru_cache(maxsize=8)
def _source_regex(
    sources: tuple[Source, ...],
) -> tuple[re.Pattern[str], dict[str, Source], _AllWords]:
    """The alias pattern, the source of each alias, and the aliases' letter words.

    A match of the pattern is an alias between non-word characters, so each of
    the alias's runs of ASCII letters is one of the sentence's letter words:
    a sentence that lacks a word of every alias holds no alias.
    """
    by_alias: dict[str, Source] = {}
    for s in sources:
        for a in s.aliases:
            by_alias.setdefault(a, s)
    alts = sorted(by_alias, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w./])(" + "|".join(re.escape(a) for a in alts) + r")(?![\w/]|\.\w)"
    )
    return pattern, by_alias, _AllWords(_letter_words(a) for a in alts)
