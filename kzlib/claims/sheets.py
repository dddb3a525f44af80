"""The annotation round trip: a sheet to fill in by hand, read back and merged by claim_id.

Verdicts are carried across re-extractions: a claim keeps its id as long as
its document and normalised text stay the same (:mod:`kzlib.claims.ids`).

Examples
--------
>>> SHEET_COLUMNS[-2:]
['verdict', 'notes']
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kzlib.errors import InputError
from kzlib.tables import unneutralise

__all__ = ["SHEET_COLUMNS", "export_sheet", "merge_sheet", "orphan_verdicts", "read_sheet"]

#: Columns of the annotation sheet written by :func:`export_sheet`.
SHEET_COLUMNS: list[str] = [
    "claim_id", "doc_id", "sent_id", "text", "claim_type", "speaker", "source", "numbers",
    "checkworthiness", "verdict", "notes",
]  # fmt: skip


def export_sheet(claims: pd.DataFrame) -> pd.DataFrame:
    """The annotation sheet: the inventory's key columns plus empty ``verdict`` and ``notes``.

    Examples
    --------
    >>> import pandas as pd
    >>> from kzlib.claims import extract_claims
    >>> s = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "start": [0], "end": [9],
    ...                   "text": ["Tokayev met Putin."], "kind": ["body"]})
    >>> export_sheet(extract_claims(s))[["verdict", "notes"]].values.tolist()
    [['', '']]
    """
    sheet = claims.reindex(
        columns=[c for c in SHEET_COLUMNS if c not in {"verdict", "notes"}]
    ).copy()
    sheet["verdict"] = ""
    sheet["notes"] = ""
    return sheet[SHEET_COLUMNS].reset_index(drop=True)


def read_sheet(path: str | Path) -> pd.DataFrame:
    """Read a filled annotation sheet (CSV); it must have claim_id, verdict and notes.

    Raises
    ------
    InputError
        If the file is missing or lacks those columns.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
    >>> _ = p.write_text("claim_id,verdict,notes\\nc1,true,ok\\n")
    >>> read_sheet(p)["verdict"].tolist()
    ['true']
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: annotation sheet not found; pass the CSV written by --export-sheet")
    try:
        sheet = pd.read_csv(p, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(f"{p}: not a readable CSV ({exc}); save the sheet as UTF-8 CSV") from None
    missing = {"claim_id", "verdict", "notes"} - set(sheet.columns)
    if missing:
        raise InputError(
            f"{p}:1: missing columns {sorted(missing)}; keep the header written by --export-sheet"
        )
    return unneutralise(sheet)  # the sheet was written spreadsheet-safe: undo the quote marks


def merge_sheet(claims: pd.DataFrame, sheet: pd.DataFrame) -> pd.DataFrame:
    """Put a filled sheet's verdicts and notes back onto a (fresh) inventory.

    Rows are matched on ``claim_id``, which depends only on the document and
    the normalised claim text, so every verdict whose claim still exists is
    kept; verdicts of claims that no longer exist are dropped (see
    :func:`orphan_verdicts`). Unannotated claims get empty strings.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"claim_id": ["c1", "c2"], "text": ["A", "B"]})
    >>> s = pd.DataFrame({"claim_id": ["c2", "gone"], "verdict": ["false", "true"],
    ...                   "notes": ["x", ""]})
    >>> merge_sheet(c, s)["verdict"].tolist()
    ['', 'false']
    """
    ann = sheet[["claim_id", "verdict", "notes"]].copy()
    ann = ann.astype(str).replace({"nan": ""})
    ann = ann[(ann["verdict"].str.strip() != "") | (ann["notes"].str.strip() != "")]
    ann = ann.drop_duplicates("claim_id", keep="last")
    base = claims.drop(columns=[c for c in ("verdict", "notes") if c in claims.columns])
    merged = base.merge(ann, on="claim_id", how="left", validate="many_to_one")
    merged[["verdict", "notes"]] = merged[["verdict", "notes"]].fillna("")
    return merged


def orphan_verdicts(claims: pd.DataFrame, sheet: pd.DataFrame) -> pd.DataFrame:
    """Annotated sheet rows whose claim is not in ``claims`` any more.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"claim_id": ["c1"]})
    >>> s = pd.DataFrame({"claim_id": ["c1", "c9"], "verdict": ["true", "false"],
    ...                   "notes": ["", ""]})
    >>> orphan_verdicts(c, s)["claim_id"].tolist()
    ['c9']
    """
    filled = sheet[
        (sheet["verdict"].astype(str).str.strip() != "")
        | (sheet["notes"].astype(str).str.strip() != "")
    ]
    return filled[~filled["claim_id"].isin(set(claims["claim_id"]))].reset_index(drop=True)
