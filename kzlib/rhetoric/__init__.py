"""Rhetoric of each article: lexicon rates with bootstrap intervals, keyness, similarity, actors.

Public names load on first use (:mod:`kzlib.lazy`).

Examples
--------
>>> from kzlib.rhetoric import tokenize
>>> tokenize("Kazakhstan's 42-point plan")
["Kazakhstan's", '42-point', 'plan']
"""

from __future__ import annotations

# isort: skip_file
# One import per public name, read by kzlib.lazy.attach_imports at run time (the names
# load lazily) and by mypy; ``as`` marks each as this package's export.
from typing import TYPE_CHECKING

from kzlib.lazy import attach_imports

if TYPE_CHECKING:  # pragma: no cover
    from kzlib.rhetoric.actors import actor_types as actor_types
    from kzlib.rhetoric.actors import ACTORS_FILE as ACTORS_FILE
    from kzlib.rhetoric.actors import load_actors as load_actors
    from kzlib.rhetoric.actors import MENTION_COLUMNS as MENTION_COLUMNS
    from kzlib.rhetoric.actors import mentions as mentions
    from kzlib.rhetoric.analysis import matches as matches
    from kzlib.rhetoric.audit import distinctive_evidence as distinctive_evidence
    from kzlib.rhetoric.audit import evidence as evidence
    from kzlib.rhetoric.audit import EVIDENCE_COLUMNS as EVIDENCE_COLUMNS
    from kzlib.rhetoric.comparison import contrasts as contrasts
    from kzlib.rhetoric.comparison import summarise_contrasts as summarise_contrasts
    from kzlib.rhetoric.groups import doc_groups as doc_groups
    from kzlib.rhetoric.groups import group_keyness as group_keyness
    from kzlib.rhetoric.groups import GROUP_KEYNESS_COLUMNS as GROUP_KEYNESS_COLUMNS
    from kzlib.rhetoric.groups import group_sentences as group_sentences
    from kzlib.rhetoric.keywords import combine_keyness as combine_keyness
    from kzlib.rhetoric.keywords import keyness as keyness
    from kzlib.rhetoric.keywords import KEYNESS_COLUMNS as KEYNESS_COLUMNS
    from kzlib.rhetoric.keywords import keyness_totals as keyness_totals
    from kzlib.rhetoric.keywords import merge_keyness_totals as merge_keyness_totals
    from kzlib.rhetoric.keywords import score_keyness as score_keyness
    from kzlib.rhetoric.keywords import WordTotals as WordTotals
    from kzlib.rhetoric.lexicon import Lexicon as Lexicon
    from kzlib.rhetoric.lexicon import Lexicons as Lexicons
    from kzlib.rhetoric.lexicon import load_lexicons as load_lexicons
    from kzlib.rhetoric.lexicon import read_lexicon as read_lexicon
    from kzlib.rhetoric.lexicon import REQUIRED_LEXICONS as REQUIRED_LEXICONS
    from kzlib.rhetoric.network import cooccurrence as cooccurrence
    from kzlib.rhetoric.plots import plot_actor_cooccurrence as plot_actor_cooccurrence
    from kzlib.rhetoric.plots import plot_actor_salience as plot_actor_salience
    from kzlib.rhetoric.plots import plot_keyness as plot_keyness
    from kzlib.rhetoric.plots import plot_rhetoric_profile as plot_rhetoric_profile
    from kzlib.rhetoric.plots import plot_rhetoric_similarity as plot_rhetoric_similarity
    from kzlib.rhetoric.profile import measures as measures
    from kzlib.rhetoric.rates import BASE_MEASURES as BASE_MEASURES
    from kzlib.rhetoric.rates import MEASURE_COLUMNS as MEASURE_COLUMNS
    from kzlib.rhetoric.rates import measure_names as measure_names
    from kzlib.rhetoric.scan import find_all as find_all
    from kzlib.rhetoric.scan import MATCH_COLUMNS as MATCH_COLUMNS
    from kzlib.rhetoric.textstats import count_syllables as count_syllables
    from kzlib.rhetoric.textstats import flesch_reading_ease as flesch_reading_ease
    from kzlib.rhetoric.textstats import mtld as mtld
    from kzlib.rhetoric.textstats import tokenize as tokenize
    from kzlib.rhetoric.tfidf import DocumentTerms as DocumentTerms
    from kzlib.rhetoric.tfidf import document_terms as document_terms
    from kzlib.rhetoric.tfidf import similarity as similarity

__getattr__, __dir__, __all__ = attach_imports(__name__, __file__)
