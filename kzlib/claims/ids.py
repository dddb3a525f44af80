"""Stable claim ids: the document id and the normalised claim text, hashed.

``claim_id`` is ``c`` + 12 hex digits of SHA-1 over the document id and the
normalised text (case, quotes, dashes, spacing and end punctuation folded),
plus an occurrence number for a repeated sentence: stable across reruns,
re-segmentation offsets and unrelated edits elsewhere in the article.

Examples
--------
>>> claim_id("d1", "Tokayev met Putin.") == claim_id("d1", "tokayev  met Putin")
True
"""

from __future__ import annotations

import hashlib
import unicodedata

__all__ = ["claim_id", "normalise_claim_text"]

_NORM_TRANSLATE = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " "}
)


def normalise_claim_text(text: str) -> str:
    """Fold case, quote and dash styles, spacing and end punctuation (the claim_id key).

    Examples
    --------
    >>> normalise_claim_text("  Tokayev  met “Putin”—again. ")
    'tokayev met "putin"-again'
    """
    # ASCII is NFKC-normal and holds nothing _NORM_TRANSLATE maps
    t = text if text.isascii() else unicodedata.normalize("NFKC", text).translate(_NORM_TRANSLATE)
    t = t.lower()
    t = " ".join(t.split())  # = re.sub(r"\s+", " ", t).strip(): same whitespace class
    return t.rstrip(" .!?;:,")


def claim_id(doc_id: str, text: str, *, occurrence: int = 0) -> str:
    """Stable claim id: ``c`` + 12 hex digits of SHA-1(doc_id, normalised text, occurrence).

    Examples
    --------
    >>> claim_id("d1", "Tokayev met Putin.") == claim_id("d1", "tokayev  met Putin")
    True
    """
    return _claim_id_of_normalised(doc_id, normalise_claim_text(text), occurrence)


def _claim_id_of_normalised(doc_id: str, norm: str, occurrence: int) -> str:
    """:func:`claim_id` from the already normalised text."""
    key = f"{doc_id}\x1f{norm}"
    if occurrence:
        key += f"\x1f{occurrence}"
    return "c" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
