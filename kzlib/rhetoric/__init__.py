"""Rhetoric of each article: lexicon rates with bootstrap intervals, keyness, similarity, actors.

Public names load on first use (:mod:`kzlib.lazy`).

Examples
--------
>>> from kzlib.rhetoric import measures
>>> callable(measures)
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzlib.lazy import attach

if TYPE_CHECKING:  # pragma: no cover
    from kzlib.rhetoric.actors import (
        ACTORS_FILE,
        MENTION_COLUMNS,
        actor_types,
        load_actors,
        mentions,
    )
    from kzlib.rhetoric.lexicon import MATCH_COLUMNS, Lexicon, find_all, read_lexicon
    from kzlib.rhetoric.plots import (
        plot_actor_cooccurrence,
        plot_actor_salience,
        plot_rhetoric_profile,
        plot_rhetoric_similarity,
    )
    from kzlib.rhetoric.profile import (
        BASE_MEASURES,
        EVIDENCE_COLUMNS,
        KEYNESS_COLUMNS,
        MEASURE_COLUMNS,
        REQUIRED_LEXICONS,
        Lexicons,
        contrasts,
        cooccurrence,
        count_syllables,
        distinctive_evidence,
        evidence,
        flesch_reading_ease,
        keyness,
        load_lexicons,
        matches,
        measure_names,
        measures,
        mtld,
        similarity,
        summarise_contrasts,
        tokenize,
    )

_NAMES: dict[str, str] = {
    "ACTORS_FILE": "kzlib.rhetoric.actors",
    "BASE_MEASURES": "kzlib.rhetoric.profile",
    "EVIDENCE_COLUMNS": "kzlib.rhetoric.profile",
    "KEYNESS_COLUMNS": "kzlib.rhetoric.profile",
    "Lexicon": "kzlib.rhetoric.lexicon",
    "Lexicons": "kzlib.rhetoric.profile",
    "MATCH_COLUMNS": "kzlib.rhetoric.lexicon",
    "MEASURE_COLUMNS": "kzlib.rhetoric.profile",
    "MENTION_COLUMNS": "kzlib.rhetoric.actors",
    "REQUIRED_LEXICONS": "kzlib.rhetoric.profile",
    "actor_types": "kzlib.rhetoric.actors",
    "contrasts": "kzlib.rhetoric.profile",
    "cooccurrence": "kzlib.rhetoric.profile",
    "count_syllables": "kzlib.rhetoric.profile",
    "distinctive_evidence": "kzlib.rhetoric.profile",
    "evidence": "kzlib.rhetoric.profile",
    "find_all": "kzlib.rhetoric.lexicon",
    "flesch_reading_ease": "kzlib.rhetoric.profile",
    "keyness": "kzlib.rhetoric.profile",
    "load_actors": "kzlib.rhetoric.actors",
    "load_lexicons": "kzlib.rhetoric.profile",
    "matches": "kzlib.rhetoric.profile",
    "measure_names": "kzlib.rhetoric.profile",
    "measures": "kzlib.rhetoric.profile",
    "mentions": "kzlib.rhetoric.actors",
    "mtld": "kzlib.rhetoric.profile",
    "plot_actor_cooccurrence": "kzlib.rhetoric.plots",
    "plot_actor_salience": "kzlib.rhetoric.plots",
    "plot_rhetoric_profile": "kzlib.rhetoric.plots",
    "plot_rhetoric_similarity": "kzlib.rhetoric.plots",
    "read_lexicon": "kzlib.rhetoric.lexicon",
    "similarity": "kzlib.rhetoric.profile",
    "summarise_contrasts": "kzlib.rhetoric.profile",
    "tokenize": "kzlib.rhetoric.profile",
}

__all__ = [
    "ACTORS_FILE",
    "BASE_MEASURES",
    "EVIDENCE_COLUMNS",
    "KEYNESS_COLUMNS",
    "MATCH_COLUMNS",
    "MEASURE_COLUMNS",
    "MENTION_COLUMNS",
    "REQUIRED_LEXICONS",
    "Lexicon",
    "Lexicons",
    "actor_types",
    "contrasts",
    "cooccurrence",
    "count_syllables",
    "distinctive_evidence",
    "evidence",
    "find_all",
    "flesch_reading_ease",
    "keyness",
    "load_actors",
    "load_lexicons",
    "matches",
    "measure_names",
    "measures",
    "mentions",
    "mtld",
    "plot_actor_cooccurrence",
    "plot_actor_salience",
    "plot_rhetoric_profile",
    "plot_rhetoric_similarity",
    "read_lexicon",
    "similarity",
    "summarise_contrasts",
    "tokenize",
]

__getattr__, __dir__ = attach(__name__, _NAMES)
