"""The record of a report run: ``run.json`` and the ``index.html`` built from it.

Examples
--------
>>> table_entries(Path("/nonexistent"))
[]
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kzlib.corpus.sources import source_files
from kzlib.paths import DATA_DIR, MANIFEST_NAME
from kzlib.report.provenance import collect_provenance, display_path, file_sha256

__all__ = ["NotebookRun", "RunResult", "build_record", "table_entries", "write_record"]


@dataclass(frozen=True)
class NotebookRun:
    """What happened to one notebook.

    Attributes
    ----------
    name : str
        Notebook stem, e.g. ``01_topics``.
    source : Path
        The notebook executed.
    parameters : dict
        Parameters injected.
    status : str
        ``ok`` or ``failed``.
    error : str
        Last line of the error (``""`` when ok).
    seconds : float
        Wall time of execution and rendering (of the run that made the outputs,
        when they are reused).
    tables : tuple of str
        The tables it wrote, relative to the report (``tables/x.csv``).
    reused : bool
        Whether its outputs were taken unchanged from the previous report
        (:mod:`kzlib.report.fingerprint`).
    fingerprint : str
        Hash of its inputs.

    Examples
    --------
    >>> NotebookRun("01_t", Path("01_t.ipynb"), {}, "ok", "", 1.0).ok
    True
    """

    name: str
    source: Path
    parameters: dict[str, Any]
    status: str
    error: str
    seconds: float
    tables: tuple[str, ...] = ()
    reused: bool = False
    fingerprint: str = ""

    @property
    def ok(self) -> bool:
        """Whether the notebook ran and rendered without error."""
        return self.status == "ok"


@dataclass(frozen=True)
class RunResult:
    """The outcome of :func:`kzlib.report.report`.

    Attributes
    ----------
    out : Path
        The report folder.
    runs : tuple of NotebookRun
        One per notebook, in numeric order.
    record : dict
        The run record written to ``run.json``.

    Examples
    --------
    >>> RunResult(Path("r"), (), {}).ok
    True
    """

    out: Path
    runs: tuple[NotebookRun, ...]
    record: dict[str, Any] = field(repr=False)

    @property
    def ok(self) -> bool:
        """Whether every notebook succeeded."""
        return all(run.ok for run in self.runs)


def table_entries(build: Path) -> list[dict[str, Any]]:
    """Path, checksum and size of every table under ``build/tables``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); (d / "tables").mkdir()
    >>> _ = (d / "tables" / "t.csv").write_text("a\\n")
    >>> [e["path"] for e in table_entries(d)]
    ['tables/t.csv']
    """
    tables = build / "tables"
    if not tables.is_dir():
        return []
    return [
        {
            "path": p.relative_to(build).as_posix(),
            "sha256": file_sha256(p),
            "bytes": p.stat().st_size,
        }
        for p in sorted(tables.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    ]


def _data_inputs() -> list[Path]:
    if not DATA_DIR.is_dir():
        return []
    return sorted(
        p
        for p in DATA_DIR.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(DATA_DIR).parts)
    )


def build_record(
    runs: Sequence[NotebookRun],
    *,
    build: Path,
    out: Path,
    corpus: Path,
    corpus_frame: Any,
    options: dict[str, Any],
    params: Path | None,
    times: tuple[str, str, float],
    kernel_python: Path,
) -> dict[str, Any]:
    """The run record: status, times, corpus, options, notebooks, tables, provenance.

    Parameters
    ----------
    runs : sequence of NotebookRun
        The notebooks' outcomes.
    build, out : Path
        The build folder (tables are read there) and the report folder it becomes.
    corpus : Path
        The corpus folder.
    corpus_frame : DataFrame
        ``load_corpus(corpus).to_frame()``.
    options : dict
        The options of the run (``params``, ``jobs``, ``only``, ``no_input``).
    params : Path, optional
        The parameter file, an input of the run.
    times : tuple
        Start and end (ISO 8601) and wall seconds.
    kernel_python : Path
        The kernels' interpreter.

    Returns
    -------
    dict
        What ``run.json`` holds.

    Examples
    --------
    >>> callable(build_record)
    True
    """
    notebooks = [r.source for r in runs]
    inputs = [*source_files(corpus), *notebooks, *_data_inputs()]
    if params is not None:
        inputs.append(Path(params))
    started, ended, seconds = times
    frame = corpus_frame
    return {
        "status": "ok" if all(r.ok for r in runs) else "failed",
        "started": started,
        "ended": ended,
        "seconds": round(seconds, 3),
        "out": str(out),
        "corpus": {
            "path": display_path(corpus),
            "documents": len(frame),
            "words": int(frame["n_words"].sum()) if len(frame) else 0,
            "manifest": corpus.is_dir() and (corpus / MANIFEST_NAME).is_file(),
        },
        "options": options,
        "notebooks": [
            {
                "name": r.name,
                "source": display_path(r.source),
                "status": r.status,
                "error": r.error,
                "seconds": round(r.seconds, 3),
                "parameters": r.parameters,
                "html": f"html/{r.name}.html",
                "notebook": f"notebooks/{r.source.name}",
                "tables": list(r.tables),
                "reused": r.reused,
                "fingerprint": r.fingerprint,
            }
            for r in runs
        ],
        "tables": table_entries(build),
        "provenance": collect_provenance(inputs=inputs, kernel_python=kernel_python),
    }


def write_record(
    record: dict[str, Any],
    *,
    build: Path,
    corpus_frame: Any,
    paths: dict[str, str] | None = None,
) -> None:
    """Write ``index.html`` and ``run.json`` into the build folder.

    ``paths`` maps machine paths to what the index shows instead
    (:func:`kzlib.report.page.reader_paths`).

    Examples
    --------
    >>> callable(write_record)
    True
    """
    from kzlib.corpus.labels import article_labels
    from kzlib.report.html import index_page

    labels: dict[str, str] = {}
    if len(corpus_frame):
        labels = {str(k): str(v) for k, v in article_labels(corpus_frame).items()}
    rows = [
        {str(k): (None if v is None or v != v else v) for k, v in row.items()}
        for row in corpus_frame.to_dict("records")
    ]
    for row in rows:  # the label the pages use; the doc_id stays in a tooltip and the CSVs
        row["article"] = labels.get(str(row.get("doc_id")), row.get("doc_id"))
    page = index_page(record, corpus_rows=rows, paths=paths)
    (build / "index.html").write_text(page, encoding="utf-8")
    (build / "run.json").write_text(
        json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
