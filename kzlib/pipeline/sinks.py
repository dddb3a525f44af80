"""Tables written part by part, moved into place only when the run succeeds.

Examples
--------
>>> import tempfile, pathlib
>>> sink = TableSink(pathlib.Path(tempfile.mkdtemp()) / "t.csv")
>>> sink.write(pd.DataFrame({"a": [1]})); sink.commit().name
't.csv'
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import pandas as pd

from kzlib.errors import InputError
from kzlib.scratch import remove_stale, scratch_file
from kzlib.tables import FLOAT_FORMAT, neutralise

__all__ = ["TableSink"]


class TableSink:
    """A table written part by part: appended CSV or a Parquet file of row groups.

    Rows go to a temporary file beside the target; :meth:`commit` moves it
    into place, :meth:`abort` deletes it. The column types of Parquet output
    are fixed by the first part with rows (a column without values there
    becomes a string column).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> sink = TableSink(out)
    >>> sink.write(pd.DataFrame({"a": [1.0 / 3]})); sink.write(pd.DataFrame({"a": [2.0]}))
    >>> sink.commit().read_text()
    'a\\n0.333333\\n2\\n'
    """

    def __init__(self, path: str | Path, *, float_format: str = FLOAT_FORMAT) -> None:
        self.path = Path(path)
        self.suffix = self.path.suffix.lower()
        if self.suffix not in {".csv", ".parquet"}:
            raise InputError(f"{self.path}: output must end in .csv or .parquet")
        self.float_format = float_format
        self.path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(self.path)
        self.tmp = scratch_file(self.path)  # pid-named, created with the umask's modes
        self.rows = 0
        self._writer: Any = None
        self._schema: Any = None
        self._columns: list[str] | None = None
        self._first: pd.DataFrame | None = None

    def write(self, frame: pd.DataFrame) -> None:
        """Append the rows of ``frame`` (its columns must match the first frame's)."""
        if self._columns is None:
            self._columns = list(frame.columns)
        elif list(frame.columns) != self._columns:
            raise ValueError(f"columns changed from {self._columns} to {list(frame.columns)}")
        if self.suffix == ".csv":
            neutralise(frame).to_csv(
                self.tmp,
                mode="a",
                header=self.rows == 0 and self._writer is None,
                index=False,
                float_format=self.float_format,
                lineterminator="\n",
            )
            self._writer = True
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            if self._writer is None:
                if len(frame) == 0:  # types are fixed by the first frame with rows
                    self._first = frame
                    return
                schema = pa.Schema.from_pandas(frame, preserve_index=False)
                fields = [
                    pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f for f in schema
                ]
                self._schema = pa.schema(fields)
                self._writer = pq.ParquetWriter(self.tmp, self._schema)
            table = pa.Table.from_pandas(frame, schema=self._schema, preserve_index=False)
            self._writer.write_table(table)
        self.rows += len(frame)

    def commit(self) -> Path:
        """Close the file and move it into place; return the target path."""
        if self.suffix == ".parquet" and self._writer is None and self._first is not None:
            self._first.to_parquet(self.tmp, index=False)
        if self.suffix == ".parquet" and self._writer is not None:
            self._writer.close()
        os.replace(self.tmp, self.path)
        return self.path

    def abort(self) -> None:
        """Close and delete the temporary file; the target is left untouched."""
        if self.suffix == ".parquet" and self._writer is not None:
            with contextlib.suppress(Exception):  # a writer broken mid-write
                self._writer.close()
        self.tmp.unlink(missing_ok=True)
