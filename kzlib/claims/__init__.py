"""The claim inventory: claims with type, speaker, source, numbers and checkworthiness; links.

The modules, in the order a sentence goes through them:

===============  ======================================================================
extract          sentences -> claim units -> one row per claim; notebook frames of it
attribution      who says it: reporting verbs, quotations, pronouns (uses persons, gazetteer)
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
conflicts        where two linked claims disagree (numbers, dates, titles)
sheets           the annotation round trip
views, plots     HTML tables and figures
guards           word guards: patterns tried only where their words occur
===============  ======================================================================

Public names load on first use (:mod:`kzlib.lazy`).

Examples
--------
>>> from kzlib.claims import extract_claims
>>> callable(extract_claims)
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzlib.lazy import attach

if TYPE_CHECKING:  # pragma: no cover
    from kzlib.claims.assertion import is_claim
    from kzlib.claims.attribution import Attribution, Attributor
    from kzlib.claims.checkworthiness import (
        CHECKWORTHINESS_COLUMNS,
        checkworthiness_frame,
        explain_checkworthiness,
        score_checkworthiness,
    )
    from kzlib.claims.extract import (
        CLAIM_COLUMNS,
        claim_units,
        document_years,
        extract_claims,
        quantities_frame,
        select_claims,
        speakers_frame,
    )
    from kzlib.claims.features import (
        CLAIM_TYPES,
        ClaimFeatures,
        claim_features,
    )
    from kzlib.claims.gazetteer import SOURCES_FILE, Source, load_sources
    from kzlib.claims.ids import claim_id, normalise_claim_text
    from kzlib.claims.links import LINK_COLUMNS, link_claims, link_matrix, linked_pairs
    from kzlib.claims.numerals import parse_number_words
    from kzlib.claims.persons import Mention, find_persons
    from kzlib.claims.plots import plot_claim_counts, plot_claim_links
    from kzlib.claims.quantities import Quantity, find_quantities, quantities_to_json
    from kzlib.claims.sheets import (
        SHEET_COLUMNS,
        export_sheet,
        merge_sheet,
        orphan_verdicts,
        read_sheet,
    )
    from kzlib.claims.views import claims_html

_NAMES: dict[str, str] = {
    "Attribution": "kzlib.claims.attribution",
    "Attributor": "kzlib.claims.attribution",
    "CHECKWORTHINESS_COLUMNS": "kzlib.claims.checkworthiness",
    "CLAIM_COLUMNS": "kzlib.claims.extract",
    "CLAIM_TYPES": "kzlib.claims.features",
    "ClaimFeatures": "kzlib.claims.features",
    "LINK_COLUMNS": "kzlib.claims.links",
    "Mention": "kzlib.claims.persons",
    "Quantity": "kzlib.claims.quantities",
    "SHEET_COLUMNS": "kzlib.claims.sheets",
    "SOURCES_FILE": "kzlib.claims.gazetteer",
    "Source": "kzlib.claims.gazetteer",
    "checkworthiness_frame": "kzlib.claims.checkworthiness",
    "claim_features": "kzlib.claims.features",
    "claim_id": "kzlib.claims.ids",
    "claim_units": "kzlib.claims.extract",
    "claims_html": "kzlib.claims.views",
    "document_years": "kzlib.claims.extract",
    "explain_checkworthiness": "kzlib.claims.checkworthiness",
    "export_sheet": "kzlib.claims.sheets",
    "extract_claims": "kzlib.claims.extract",
    "find_persons": "kzlib.claims.persons",
    "find_quantities": "kzlib.claims.quantities",
    "is_claim": "kzlib.claims.assertion",
    "link_claims": "kzlib.claims.links",
    "link_matrix": "kzlib.claims.links",
    "linked_pairs": "kzlib.claims.links",
    "load_sources": "kzlib.claims.gazetteer",
    "merge_sheet": "kzlib.claims.sheets",
    "normalise_claim_text": "kzlib.claims.ids",
    "orphan_verdicts": "kzlib.claims.sheets",
    "parse_number_words": "kzlib.claims.numerals",
    "plot_claim_counts": "kzlib.claims.plots",
    "plot_claim_links": "kzlib.claims.plots",
    "quantities_frame": "kzlib.claims.extract",
    "quantities_to_json": "kzlib.claims.quantities",
    "read_sheet": "kzlib.claims.sheets",
    "score_checkworthiness": "kzlib.claims.checkworthiness",
    "select_claims": "kzlib.claims.extract",
    "speakers_frame": "kzlib.claims.extract",
}

__all__ = [
    "CHECKWORTHINESS_COLUMNS",
    "CLAIM_COLUMNS",
    "CLAIM_TYPES",
    "LINK_COLUMNS",
    "SHEET_COLUMNS",
    "SOURCES_FILE",
    "Attribution",
    "Attributor",
    "ClaimFeatures",
    "Mention",
    "Quantity",
    "Source",
    "checkworthiness_frame",
    "claim_features",
    "claim_id",
    "claim_units",
    "claims_html",
    "document_years",
    "explain_checkworthiness",
    "export_sheet",
    "extract_claims",
    "find_persons",
    "find_quantities",
    "is_claim",
    "link_claims",
    "link_matrix",
    "linked_pairs",
    "load_sources",
    "merge_sheet",
    "normalise_claim_text",
    "orphan_verdicts",
    "parse_number_words",
    "plot_claim_counts",
    "plot_claim_links",
    "quantities_frame",
    "quantities_to_json",
    "read_sheet",
    "score_checkworthiness",
    "select_claims",
    "speakers_frame",
]

__getattr__, __dir__ = attach(__name__, _NAMES)
