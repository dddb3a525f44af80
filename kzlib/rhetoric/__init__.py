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
    from kzlib.rhetoric.analysis import matches
    from kzlib.rhetoric.audit import EVIDENCE_COLUMNS, distinctive_evidence, evidence
    from kzlib.rhetoric.comparison import contrasts, summarise_contrasts
    from kzlib.rhetoric.groups import (
        GROUP_KEYNESS_COLUMNS,
        doc_groups,
        group_keyness,
        group_sentences,
    )
    from kzlib.rhetoric.keywords import (
        KEYNESS_COLUMNS,
        WordTotals,
        combine_keyness,
        keyness,
        keyness_totals,
        merge_keyness_totals,
        score_keyness,
    )
    from kzlib.rhetoric.lexicon import (
        REQUIRED_LEXICONS,
        Lexicon,
        Lexicons,
        load_lexicons,
        read_lexicon,
    )
    from kzlib.rhetoric.network import cooccurrence
    from kzlib.rhetoric.plots import (
        plot_actor_cooccurrence,
        plot_actor_salience,
        plot_keyness,
        plot_rhetoric_profile,
        plot_rhetoric_similarity,
    )
    from kzlib.rhetoric.profile import measures
    from kzlib.rhetoric.rates import BASE_MEASURES, MEASURE_COLUMNS, measure_names
    from kzlib.rhetoric.scan import MATCH_COLUMNS, find_all
    from kzlib.rhetoric.textstats import count_syllables, flesch_reading_ease, mtld, tokenize
    from kzlib.rhetoric.tfidf import similarity

_NAMES: dict[str, str] = {
    "ACTORS_FILE": "kzlib.rhetoric.actors",
    "BASE_MEASURES": "kzlib.rhetoric.rates",
    "EVIDENCE_COLUMNS": "kzlib.rhetoric.audit",
    "GROUP_KEYNESS_COLUMNS": "kzlib.rhetoric.groups",
    "KEYNESS_COLUMNS": "kzlib.rhetoric.keywords",
    "Lexicon": "kzlib.rhetoric.lexicon",
    "Lexicons": "kzlib.rhetoric.lexicon",
    "MATCH_COLUMNS": "kzlib.rhetoric.scan",
    "MEASURE_COLUMNS": "kzlib.rhetoric.rates",
    "MENTION_COLUMNS": "kzlib.rhetoric.actors",
    "REQUIRED_LEXICONS": "kzlib.rhetoric.lexicon",
    "WordTotals": "kzlib.rhetoric.keywords",
    "actor_types": "kzlib.rhetoric.actors",
    "combine_keyness": "kzlib.rhetoric.keywords",
    "contrasts": "kzlib.rhetoric.comparison",
    "cooccurrence": "kzlib.rhetoric.network",
    "count_syllables": "kzlib.rhetoric.textstats",
    "distinctive_evidence": "kzlib.rhetoric.audit",
    "doc_groups": "kzlib.rhetoric.groups",
    "evidence": "kzlib.rhetoric.audit",
    "find_all": "kzlib.rhetoric.scan",
    "flesch_reading_ease": "kzlib.rhetoric.textstats",
    "group_keyness": "kzlib.rhetoric.groups",
    "group_sentences": "kzlib.rhetoric.groups",
    "keyness": "kzlib.rhetoric.keywords",
    "keyness_totals": "kzlib.rhetoric.keywords",
    "load_actors": "kzlib.rhetoric.actors",
    "load_lexicons": "kzlib.rhetoric.lexicon",
    "matches": "kzlib.rhetoric.analysis",
    "measure_names": "kzlib.rhetoric.rates",
    "measures": "kzlib.rhetoric.profile",
    "mentions": "kzlib.rhetoric.actors",
    "merge_keyness_totals": "kzlib.rhetoric.keywords",
    "mtld": "kzlib.rhetoric.textstats",
    "plot_actor_cooccurrence": "kzlib.rhetoric.plots",
    "plot_actor_salience": "kzlib.rhetoric.plots",
    "plot_keyness": "kzlib.rhetoric.plots",
    "plot_rhetoric_profile": "kzlib.rhetoric.plots",
    "plot_rhetoric_similarity": "kzlib.rhetoric.plots",
    "read_lexicon": "kzlib.rhetoric.lexicon",
    "score_keyness": "kzlib.rhetoric.keywords",
    "similarity": "kzlib.rhetoric.tfidf",
    "summarise_contrasts": "kzlib.rhetoric.comparison",
    "tokenize": "kzlib.rhetoric.textstats",
}

__all__ = [
    "ACTORS_FILE",
    "BASE_MEASURES",
    "EVIDENCE_COLUMNS",
    "GROUP_KEYNESS_COLUMNS",
    "KEYNESS_COLUMNS",
    "MATCH_COLUMNS",
    "MEASURE_COLUMNS",
    "MENTION_COLUMNS",
    "REQUIRED_LEXICONS",
    "Lexicon",
    "Lexicons",
    "WordTotals",
    "actor_types",
    "combine_keyness",
    "contrasts",
    "cooccurrence",
    "count_syllables",
    "distinctive_evidence",
    "doc_groups",
    "evidence",
    "find_all",
    "flesch_reading_ease",
    "group_keyness",
    "group_sentences",
    "keyness",
    "keyness_totals",
    "load_actors",
    "load_lexicons",
    "matches",
    "measure_names",
    "measures",
    "mentions",
    "merge_keyness_totals",
    "mtld",
    "plot_actor_cooccurrence",
    "plot_actor_salience",
    "plot_keyness",
    "plot_rhetoric_profile",
    "plot_rhetoric_similarity",
    "read_lexicon",
    "score_keyness",
    "similarity",
    "summarise_contrasts",
    "tokenize",
]

__getattr__, __dir__ = attach(__name__, _NAMES)
