"""Golden outputs: every table ``kzlib report`` and each ``kzlib`` command writes for ``seeds/``.

The files under ``tests/golden/`` are the regression record of the analyses: a change that
moves a number shows up as a diff of these CSVs, and ``tests/test_golden.py`` fails until the
change is either fixed or accepted with ``make golden`` (which reruns this script and
overwrites them, so the diff is there for review).

Usage::

    python tests/golden.py tests/golden

Examples
--------
>>> sorted(COMMANDS)[:2]
['claims', 'corpus']
"""

from __future__ import annotations

import contextlib
import io
import shutil
import sys
import tempfile
from pathlib import Path

#: CLI command -> arguments (``{out}`` is the golden ``cli/`` folder); every command reads
#: ``seeds/`` (the default corpus) and writes CSV.
COMMANDS: dict[str, list[str]] = {
    "corpus": ["corpus", "--out", "{out}/corpus.csv"],
    "sentences": ["sentences", "--out", "{out}/sentences.csv"],
    "topics": ["topics", "--out-dir", "{out}/topics"],
    "rhetoric": ["rhetoric", "--out", "{out}/rhetoric.csv"],
    "claims": [
        "claims",
        "--out",
        "{out}/claims.csv",
        "--links",
        "{out}/claim_links.csv",
        "--export-sheet",
        "{out}/claims_sheet.csv",
    ],
}


def write_golden(out: Path) -> list[Path]:
    """Write the golden tables for ``seeds/`` into ``out`` (``cli/`` and ``report/``).

    Parameters
    ----------
    out : Path
        Folder to (re)write; its ``cli/`` and ``report/`` subfolders are replaced.

    Returns
    -------
    list of Path
        Every file written, relative to ``out``, sorted.
    """
    from kzlib.cli import main

    out.mkdir(parents=True, exist_ok=True)
    for part in ("cli", "report"):
        shutil.rmtree(out / part, ignore_errors=True)
    cli = out / "cli"
    cli.mkdir()
    quiet = io.StringIO()
    for name, args in COMMANDS.items():
        with contextlib.redirect_stderr(quiet):
            status = main([a.format(out=cli) for a in args])
        if status != 0:
            raise RuntimeError(f"kzlib {name} exited {status}: {quiet.getvalue()}")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report"
        with contextlib.redirect_stderr(quiet):
            status = main(["report", "--out", str(report), "--jobs", "2"])
        if status != 0:
            raise RuntimeError(f"kzlib report exited {status}: {quiet.getvalue()}")
        shutil.copytree(report / "tables", out / "report")
    return sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file() and p.suffix == ".csv")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "golden"
    for path in write_golden(target):
        print(target / path)
