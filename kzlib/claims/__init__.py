"""The claim inventory: claims with type, speaker, source, numbers and checkworthiness; links.

The modules, in the order a sentence goes through them:

===============  ======================================================================
extract          sentences -> claim units -> one row per claim; notebook frames of it
attribution      who says it, sentence by sentence (patterns in speech; uses persons, gazetteer)
persons          person names in a sentence
gazetteer        the outlets and bodies a claim can cite (``data/sources.v1.csv``)
quantities       numbers with units, and dates (uses numerals)
numerals         number words, scales, unit and currency aliases
cues             the cue lexicons of claim typing
features         a claim's features and its types
checkworthiness  the learned score and its reasons (assertion: is it a claim at all)
signals, ngrams  its cue features and its word and character n-gram counts
ids              stable claim ids
links            claims of different articles that report the same thing (uses conflicts)
paraphrase       the stems links compare: spellings, suffixes and news synonyms folded
conflicts        where two linked claims disagree (numbers, dates, titles)
sheets           the annotation round trip
views, plots     HTML tables and figures
guards           word guards: patterns tried only where their words occur
===============  ======================================================================

Public names load on first use (:mod:`kzlib.lazy`).

Examples
--------
>>> import kzlib.claims as kc
>>> sorted(kc.CLAIM_TYPES)
['evaluative', 'event', 'factual', 'predictive', 'quantitative']
"""

from __future__ import annotations

# isort: skip_file
# One import per public name, read by kzlib.lazy.attach_imports at run time (the names
# load lazily) and by mypy; ``as`` marks each as this package's export.
from typing import TYPE_CHECKING

from kzlib.lazy import attach_imports

if TYPE_CHECKING:  # pragma: no cover
    from kzlib.claims.assertion import is_claim as is_claim
    from kzlib.claims.attribution import Attribution as Attribution
    from kzlib.claims.attribution import Attributor as Attributor
    from kzlib.claims.checkworthiness import CHECKWORTHINESS_COLUMNS as CHECKWORTHINESS_COLUMNS
    from kzlib.claims.checkworthiness import checkworthiness_frame as checkworthiness_frame
    from kzlib.claims.checkworthiness import explain_checkworthiness as explain_checkworthiness
    from kzlib.claims.checkworthiness import score_checkworthiness as score_checkworthiness
    from kzlib.claims.extract import CLAIM_COLUMNS as CLAIM_COLUMNS
    from kzlib.claims.extract import claim_units as claim_units
    from kzlib.claims.extract import document_years as document_years
    from kzlib.claims.extract import extract_claims as extract_claims
    from kzlib.claims.extract import quantities_frame as quantities_frame
    from kzlib.claims.extract import select_claims as select_claims
    from kzlib.claims.extract import speakers_frame as speakers_frame
    from kzlib.claims.features import claim_features as claim_features
    from kzlib.claims.features import CLAIM_TYPES as CLAIM_TYPES
    from kzlib.claims.features import ClaimFeatures as ClaimFeatures
    from kzlib.claims.gazetteer import load_sources as load_sources
    from kzlib.claims.gazetteer import Source as Source
    from kzlib.claims.gazetteer import SOURCES_FILE as SOURCES_FILE
    from kzlib.claims.ids import claim_id as claim_id
    from kzlib.claims.ids import normalise_claim_text as normalise_claim_text
    from kzlib.claims.links import document_dates as document_dates
    from kzlib.claims.links import link_claims as link_claims
    from kzlib.claims.links import LINK_COLUMNS as LINK_COLUMNS
    from kzlib.claims.links import link_matrix as link_matrix
    from kzlib.claims.links import linked_pairs as linked_pairs
    from kzlib.claims.numerals import parse_number_words as parse_number_words
    from kzlib.claims.persons import find_persons as find_persons
    from kzlib.claims.persons import Mention as Mention
    from kzlib.claims.plots import plot_claim_counts as plot_claim_counts
    from kzlib.claims.plots import plot_claim_links as plot_claim_links
    from kzlib.claims.quantities import find_quantities as find_quantities
    from kzlib.claims.quantities import quantities_to_json as quantities_to_json
    from kzlib.claims.quantities import Quantity as Quantity
    from kzlib.claims.sheets import export_sheet as export_sheet
    from kzlib.claims.sheets import merge_sheet as merge_sheet
    from kzlib.claims.sheets import orphan_verdicts as orphan_verdicts
    from kzlib.claims.sheets import read_sheet as read_sheet
    from kzlib.claims.sheets import SHEET_COLUMNS as SHEET_COLUMNS
    from kzlib.claims.views import claims_html as claims_html

__getattr__, __dir__, __all__ = attach_imports(__name__, __file__)
