"""The actor gazetteer: which powers an article talks about, under any of their names.

``data/actors.csv`` (codebook: ``data/actors.README.md``) lists one alias per
row: ``actor,alias,type,note``. An actor is mentioned when any of its aliases
occurs as a whole word, so "the Kremlin", "Moscow's", "Putin" and "Russian"
all count as Russia, and "Russia's" matches through its alias "Russia".
Aliases match exactly as written (case-sensitive: "US" is the United States,
"us" is not); multi-word aliases ("Vladimir Putin") are matched as one
mention, the longest alias winning. A hyphen separates words here, so
"U.S.-backed" mentions the United States.

The researcher can edit the CSV and rerun; :func:`load_actors` checks every
row and names the file and line of the first bad one.

Examples
--------
>>> import pandas as pd
>>> sents = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "start": [0],
...                       "text": ["The Kremlin welcomed Astana's offer."]})
>>> mentions(sents)[["actor", "match"]]
        actor    match
0      Russia  Kremlin
1  Kazakhstan   Astana
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kzlib.errors import InputError
from kzlib.paths import DATA_DIR
from kzlib.rhetoric.lexicon import Lexicon, read_lexicon

__all__ = ["ACTORS_FILE", "MENTION_COLUMNS", "actor_types", "load_actors", "mentions"]

#: The default gazetteer.
ACTORS_FILE: Path = DATA_DIR / "actors.csv"
#: Columns of :func:`mentions`.
MENTION_COLUMNS: list[str] = ["doc_id", "sent_id", "actor", "alias", "start", "end", "match"]


def load_actors(path: str | Path | None = None) -> Lexicon:
    """Read and validate the actor gazetteer.

    Parameters
    ----------
    path : str or Path, optional
        A CSV with columns ``actor,alias,type,note`` (default:
        ``data/actors.csv``).

    Returns
    -------
    Lexicon
        Named ``actors``; its categories are the actors (in file order),
        its terms the aliases; ``terms`` also has ``type`` and ``note``.

    Raises
    ------
    InputError
        Naming file and line: see :func:`kzlib.rhetoric.lexicon.read_lexicon`; also
        an actor given two different types, or an alias given to two actors.

    Examples
    --------
    >>> gaz = load_actors()
    >>> "Russia" in gaz.categories, "United States" in gaz.categories
    (True, True)
    """
    source = Path(path) if path is not None else ACTORS_FILE
    gaz = read_lexicon(
        source,
        name="actors",
        term_column="alias",
        category_column="actor",
        optional_columns=("type", "note"),
        category_pattern=None,
        hyphen_joins=False,
    )
    terms = gaz.terms
    first_type: dict[str, tuple[str, int]] = {}
    first_alias: dict[str, tuple[str, int]] = {}
    for actor, alias, kind, line in zip(
        terms["category"], terms["term"], terms["type"], terms["line"], strict=True
    ):
        if not kind:
            raise InputError(f"{source}:{line}: empty type for {actor!r}; e.g. state, region")
        prev = first_type.setdefault(actor, (kind, line))
        if prev[0] != kind:
            raise InputError(
                f"{source}:{line}: {actor!r} has type {kind!r} here but {prev[0]!r} on line "
                f"{prev[1]}; use one type per actor"
            )
        owner = first_alias.setdefault(alias, (actor, line))
        if owner[0] != actor:
            raise InputError(
                f"{source}:{line}: alias {alias!r} is given to {actor!r} and to {owner[0]!r} "
                f"(line {owner[1]}); an alias must name one actor"
            )
    return gaz


def actor_types(gazetteer: Lexicon) -> dict[str, str]:
    """Map each actor to its type (state, region, organisation, bloc ...).

    Examples
    --------
    >>> actor_types(load_actors())["Central Asia"]
    'region'
    """
    terms = gazetteer.terms
    if "type" not in terms:
        return dict.fromkeys(gazetteer.categories, "")
    return dict(zip(terms["category"], terms["type"], strict=True))


def mentions(sentences: pd.DataFrame, *, gazetteer: Lexicon | None = None) -> pd.DataFrame:
    """Every actor mention in a sentence table.

    Parameters
    ----------
    sentences : DataFrame
        With ``doc_id``, ``sent_id``, ``text`` and, optionally, ``start``
        (the sentence's offset in its document; 0 if absent). Filter it first
        (e.g. ``kind == "body"``) to leave headings out.
    gazetteer : Lexicon, optional
        From :func:`load_actors` (default: ``data/actors.csv``).

    Returns
    -------
    DataFrame
        :data:`MENTION_COLUMNS`; ``start``/``end`` are offsets into the
        document's cleaned text, ``alias`` the gazetteer entry, ``match`` the
        text as written. Ordered by document, sentence and position.

    Examples
    --------
    >>> sents = pd.DataFrame({"doc_id": ["a"], "sent_id": [3],
    ...                       "text": ["Vladimir Putin met U.S. envoys."]})
    >>> mentions(sents)[["sent_id", "actor", "alias"]]
       sent_id          actor           alias
    0        3         Russia  Vladimir Putin
    1        3  United States            U.S.
    """
    gaz = gazetteer if gazetteer is not None else load_actors()
    found = gaz.find(sentences["text"].tolist())
    rows = sentences.iloc[found["item"].to_numpy()]
    base = rows["start"].to_numpy() if "start" in rows else 0
    out = pd.DataFrame(
        {
            "doc_id": rows["doc_id"].to_numpy(),
            "sent_id": rows["sent_id"].to_numpy(),
            "actor": found["category"].to_numpy(),
            "alias": found["term"].to_numpy(),
            "start": found["start"].to_numpy() + base,
            "end": found["end"].to_numpy() + base,
            "match": found["match"].to_numpy(),
        },
        columns=MENTION_COLUMNS,
    )
    return out.reset_index(drop=True)
