"""Benchmark: a second ``kzlib report`` with nothing changed against the first.

Runs the ``kzlib report`` command three times into one fresh folder: the first
run executes every notebook; the second, with nothing changed, reuses every
notebook (target: under a quarter of the first); the third changes one
parameter of one notebook (``topics: seed``) and re-executes that
notebook only. Checks that the second run left the pages, notebooks and tables
byte-identical.

Usage::

    .venv/bin/python bench/report_incremental.py [--corpus seeds] [--jobs N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KZLIB = Path(sys.executable).parent / "kzlib"


def run(out: Path, corpus: str, jobs: int | None, *extra: str) -> tuple[float, dict[str, bool]]:
    """Wall seconds of one ``kzlib report`` and which notebooks it reused."""
    cmd = [str(KZLIB), "report", "--corpus", corpus, "--out", str(out), *extra]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, capture_output=True)
    seconds = time.perf_counter() - start
    record = json.loads((out / "run.json").read_text())
    return seconds, {nb["name"]: nb["reused"] for nb in record["notebooks"]}


def outputs(out: Path) -> dict[str, bytes]:
    """Every page, executed notebook and table of a report, by path."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for sub in ("html", "notebooks", "tables")
        for p in sorted((out / sub).rglob("*"))
        if p.is_file()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="seeds")
    parser.add_argument("--jobs", type=int)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report"
        first, _ = run(out, args.corpus, args.jobs)
        before = outputs(out)
        second, reused = run(out, args.corpus, args.jobs)
        same = outputs(out) == before
        params = Path(tmp) / "params.yaml"
        params.write_text("topics:\n  seed: 1\n")
        third, rerun = run(out, args.corpus, args.jobs, "--params", str(params))
    print(f"first run (executes all):        {first:6.2f} s")
    print(
        f"second run (nothing changed):    {second:6.2f} s  reused {sum(reused.values())}/"
        f"{len(reused)}, ratio {second / first:.2f} (target < 0.25), same bytes: {same}"
    )
    executed = sorted(name for name, was in rerun.items() if not was)
    print(f"third run (one parameter of topics changed): {third:6.2f} s  executed {executed}")
    return 0 if second < first / 4 and same and all(reused.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
