"""Benchmark: the whole ``kzlib report`` against the floor of one papermill run.

The floor is what any notebook run costs before doing any work: the
``papermill`` command executing one notebook that only imports pandas,
scikit-learn, matplotlib and kzlib (papermill's own start-up, a kernel's
start-up, the imports). The target is that the whole report (every notebook,
HTML, index) takes at most twice that. Both are run as commands, alternating,
``--repeat`` times in one run, and the medians are compared.

Usage::

    .venv/bin/python bench/report.py [--repeat 5] [--corpus seeds] [--jobs N]

Prints each timing, the medians, the ratio, and the median time of each
notebook inside the report (from ``run.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FLOOR_SOURCE = "import pandas, sklearn, matplotlib.pyplot, kzlib"


def write_floor_notebook(path: Path) -> None:
    """A notebook with one cell that imports pandas, scikit-learn, matplotlib and kzlib."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    params = nbformat.v4.new_code_cell("seed = 0  # unused")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(FLOOR_SOURCE)]
    nbformat.write(nb, path)


def notebook_phases(path: Path) -> tuple[float, float, float]:
    """Seconds from papermill's start to the first cell, running the cells, and after."""
    nb = json.loads(path.read_text())
    meta = nb["metadata"]["papermill"]
    cells = [c["metadata"]["papermill"] for c in nb["cells"] if c["cell_type"] == "code"]
    start, end = (datetime.fromisoformat(meta[k]) for k in ("start_time", "end_time"))
    first = datetime.fromisoformat(cells[0]["start_time"])
    last = datetime.fromisoformat(cells[-1]["end_time"])
    return (
        (first - start).total_seconds(),
        (last - first).total_seconds(),
        (end - last).total_seconds(),
    )


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (the command and every process it waited for); exit on failure.

    The CPU time does not depend on what else the machine is running, so it shows
    the work done even when other processes make wall times noisy.
    """
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"bench/report.py: {' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")
    return seconds, _children_cpu() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--corpus", default=str(ROOT / "seeds"))
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="kzlib-bench-report-"))
    try:
        floor_nb = work / "floor.ipynb"
        write_floor_notebook(floor_nb)
        floor_cmd = [
            str(BIN / "papermill"),
            "--no-progress-bar",
            "-k",
            "python3",
            str(floor_nb),
            str(work / "floor.out.ipynb"),
        ]
        report_cmd = [
            str(BIN / "kzlib"),
            "report",
            "--out",
            str(work / "report"),
            "--corpus",
            args.corpus,
        ]
        if args.jobs:
            report_cmd += ["--jobs", str(args.jobs)]

        print(f"cores: {os.cpu_count()}; corpus: {args.corpus}; repeat: {args.repeat}")
        print(f"floor : {' '.join(floor_cmd[1:])}  (cell: {FLOOR_SOURCE})")
        print(f"report: kzlib {' '.join(report_cmd[1:])}")
        load_before = f"{os.getloadavg()[0]:.2f}"
        timed(floor_cmd)  # warm the file cache once for both, untimed
        timed(report_cmd)
        floors: list[float] = []
        reports: list[float] = []
        cpu: dict[str, list[float]] = {"floor": [], "report": []}
        per_notebook: dict[str, list[float]] = {}
        phases: dict[str, list[tuple[float, float, float]]] = {}
        for i in range(args.repeat):
            order = [("floor", floor_cmd), ("report", report_cmd)]
            if i % 2:
                order.reverse()
            for name, cmd in order:
                seconds, cpu_seconds = timed(cmd)
                (floors if name == "floor" else reports).append(seconds)
                cpu[name].append(cpu_seconds)
            record = json.loads((work / "report" / "run.json").read_text())
            if record["status"] != "ok":
                sys.exit("bench/report.py: the report had failing notebooks")
            for nb in record["notebooks"]:
                per_notebook.setdefault(nb["name"], []).append(nb["seconds"])
                executed = work / "report" / nb["notebook"]
                phases.setdefault(nb["name"], []).append(notebook_phases(executed))
            print(
                f"  run {i + 1}: floor {floors[-1]:.2f} s (CPU {cpu['floor'][-1]:.2f} s)   "
                f"report {reports[-1]:.2f} s (CPU {cpu['report'][-1]:.2f} s)"
            )

        floor = statistics.median(floors)
        whole = statistics.median(reports)
        print()
        print("  in report (medians): total = waiting for a kernel + cells + after; + HTML")
        for name, values in per_notebook.items():
            wait, cells, after = (statistics.median(x) for x in zip(*phases[name], strict=True))
            print(
                f"  {name:<16} {statistics.median(values):5.2f} s = kernel {wait:.2f} + "
                f"cells {cells:.2f} + after {after:.2f}"
            )
        print()
        floor_cpu, whole_cpu = (statistics.median(cpu[k]) for k in ("floor", "report"))
        print(f"load average before/after: {load_before} / {os.getloadavg()[0]:.2f} (1 min)")
        print(
            f"floor (papermill, one import-only notebook): median {floor:.2f} s "
            f"(CPU {floor_cpu:.2f} s)"
        )
        print(
            f"kzlib report ({len(per_notebook)} notebooks, HTML, index): median {whole:.2f} s "
            f"(CPU {whole_cpu:.2f} s)"
        )
        verdict = "within" if whole <= 2 * floor else "OVER"
        print(f"ratio report / floor: {whole / floor:.2f}  ({verdict} the 2x target)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
