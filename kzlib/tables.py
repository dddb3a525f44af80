"""Write tables deterministically and atomically; keep text cells inert in spreadsheets.

Tables are written as CSV or Parquet, chosen by the file extension. Floats
are written with a fixed format so that two runs on the same inputs produce
the same bytes, and every file is written to a scratch name beside its
target (:mod:`kzlib.scratch`) and moved into place, so a failed run never
leaves a half-written table where a good one was. Stale scratch of the same
target left by a killed run is removed first.

Every CSV kzlib writes may be opened in a spreadsheet by a researcher, so by
default (``spreadsheet=True``) a text cell that a spreadsheet would read as a
formula (first character ``=``, ``+``, ``-``, ``@``, tab or carriage return;
OWASP "CSV injection") is prefixed with ``'``, and so is every text cell
already starting with ``'``, so that
:func:`unneutralise` restores the text exactly when a sheet is read back.

Examples
--------
>>> import pandas as pd, tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> _ = write_table(pd.DataFrame({"a": [1.0 / 3]}), out)
>>> out.read_text()
'a\\n0.333333\\n'
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from kzlib.checks import check_int
from kzlib.errors import InputError
from kzlib.scratch import remove_stale, scratch_file

__all__ = ["FLOAT_FORMAT", "FORMULA_STARTS", "neutralise", "unneutralise", "write_table"]

#: Six significant digits: enough for every reported figure, stable across platforms.
FLOAT_FORMAT: str = "%.6g"
#: First characters that make a spreadsheet cell a formula (or hide one).
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
_ESCAPE = "'"
_ESCAPED_STARTS = (*FORMULA_STARTS, _ESCAPE)


def _neutralise_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_ESCAPED_STARTS):
        return _ESCAPE + value
    return value


def _unneutralise_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_ESCAPE) and value[1:].startswith(
        _ESCAPED_STARTS
    ):
        return value[1:]
    return value


def _text_columns(frame: pd.DataFrame) -> list[str]:
    return [
        str(c)
        for c in frame.columns
        if pd.api.types.is_object_dtype(frame[c]) or pd.api.types.is_string_dtype(frame[c])
    ]


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells cannot start a spreadsheet formula.

    A text cell starting with one of :data:`FORMULA_STARTS` or with ``'`` gets a
    leading ``'``; numbers and other cells are left alone. :func:`unneutralise`
    is its exact inverse.

    Parameters
    ----------
    frame : DataFrame
        The table.

    Returns
    -------
    DataFrame
        The same table with those cells prefixed.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"t": ["=1+1", "-5 %", "ok", "'q"], "n": [-1, 2, 3, 4]})
    >>> neutralise(t).values.tolist()
    [["'=1+1", -1], ["'-5 %", 2], ['ok', 3], ["''q", 4]]
    """
    out = frame.copy()
    for column in _text_columns(frame):
        out[column] = frame[column].map(_neutralise_cell)
    return out


def unneutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Undo :func:`neutralise` on a table read back from a spreadsheet CSV.

    Parameters
    ----------
    frame : DataFrame
        A table as read (e.g. ``pd.read_csv(path, dtype=str, keep_default_na=False)``).

    Returns
    -------
    DataFrame
        The text as it was before :func:`neutralise`.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"t": ["=1+1", "'=x", "ok", "'q", "''"]})
    >>> unneutralise(neutralise(t)).equals(t)
    True
    """
    out = frame.copy()
    for column in _text_columns(frame):
        out[column] = frame[column].map(_unneutralise_cell)
    return out


def write_table(
    frame: pd.DataFrame,
    path: str | Path,
    *,
    float_format: str = FLOAT_FORMAT,
    spreadsheet: bool = True,
    max_csv_rows: int | None = None,
) -> Path:
    """Write ``frame`` to ``path`` (``.csv`` or ``.parquet``) atomically.

    Parameters
    ----------
    frame : DataFrame
        The table; its index is not written.
    path : str or Path
        Target file; parent folders are created.
    float_format : str
        printf-style format for floats in CSV output.
    spreadsheet : bool, default True
        Text cells of a CSV that would start a spreadsheet formula are
        neutralised (:func:`neutralise`); kzlib's own CSV readers undo it
        (:func:`unneutralise`). ``False`` writes the text as is. Parquet is never
        changed.
    max_csv_rows : int, optional
        A ``.csv`` table with more rows than this is written as Parquet
        instead, beside it (``claims.csv`` -> ``claims.parquet``): a few
        hundred MB of CSV opens in no spreadsheet and reads ten times slower.
        None (default) always writes the suffix given.

    Returns
    -------
    Path
        The path written (its suffix says which format).

    Raises
    ------
    InputError
        If the extension is neither ``.csv`` nor ``.parquet``.

    Examples
    --------
    >>> import pandas as pd, tempfile, pathlib
    >>> p = write_table(pd.DataFrame({"x": [1]}), pathlib.Path(tempfile.mkdtemp()) / "x.parquet")
    >>> pd.read_parquet(p)["x"].tolist()
    [1]
    >>> p = write_table(pd.DataFrame({"t": ["=HYPERLINK(1)"]}), p.with_suffix(".csv"))
    >>> p.read_text()
    "t\\n'=HYPERLINK(1)\\n"
    >>> write_table(pd.DataFrame({"x": [1, 2]}), p, max_csv_rows=1).suffix
    '.parquet'
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in {".csv", ".parquet"}:
        raise InputError(f"{target}: output must end in .csv or .parquet")
    if max_csv_rows is not None:
        check_int("max_csv_rows", max_csv_rows, minimum=0)
        if suffix == ".csv" and len(frame) > max_csv_rows:
            target, suffix = target.with_suffix(".parquet"), ".parquet"
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(target)
    tmp = scratch_file(target)
    try:
        if suffix == ".csv":
            table = neutralise(frame) if spreadsheet else frame
            table.to_csv(tmp, index=False, float_format=float_format, lineterminator="\n")
        else:
            frame.to_parquet(tmp, index=False)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
