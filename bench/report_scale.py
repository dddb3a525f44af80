"""Benchmark: the whole ``kzlib report`` on a real corpus of speeches, at several sizes.

For each size N (a seeded random sample of N speeches of
``../shared/dev/ungd/ungd_dev.parquet``, written once to ``--workdir`` as
Parquet with its ``country``, ``session`` and ``year`` columns; ``all`` is
the whole file) it runs ``kzlib report --corpus SAMPLE --out DIR --force`` as
a command and samples the resident memory of its whole process tree (the
command, its kernels, any Dask workers) every 100 ms. It prints:

- ``wall``: seconds of the command; ``words/s`` over it;
- ``peak GB``: the largest sum of resident memory over all the processes at
  one instant (what the machine must hold), and the largest single process;
- each notebook's seconds (from ``run.json``) and status;
- the largest HTML page (MB) and the largest table (MB) written.

Targets (issue 18), for the whole corpus of 10,923 speeches (32M words) on 2
cores: wall < 15 minutes, peak of all processes together < 4 GB, every
notebook ok, no page over 5 MB. Today's figures (issue 18, from a folder of
the same speeches): 1,318 s, one kernel at 9.9 GB.

Measured with ``--sizes all`` (2 shared cores, a fresh ``KZLIB_CACHE_DIR``;
seconds per notebook are wall time with two notebooks running at once):

    commit    wall s  peak GB together  largest GB   00     01     02     03
    99309b9    1,386             12.05        6.27   73    550    812    414
    5aa36b8    1,147             10.27        6.23   78    343    593    365
    37a4f04    1,137              8.16        5.02   57    324    610    367
    3e4ff70    1,067              8.15        5.20   60    305    477    347
    d6b4f9f    1,092              8.10        4.84   59    283    494    356
    5031eac    1,047              8.86        4.62   64    287    458    306
    1d8381b    1,070              6.17        3.74   60    302    446    314

``--timeline`` logs every process's memory once a second: at d6b4f9f the
peak was the rhetoric kernel's measures cell (5.1 GB) beside the claims
kernel; at 1d8381b the claims kernel (3.1-3.7 GB, linking 1.16M claims)
beside the rhetoric kernel (2.4 GB) and the report command (0.4 GB).

About 450 s of the wall is the streamed pass before the notebooks (load,
clean, segment and the claim inventory on 2 Dask workers).

Usage::

    .venv/bin/python bench/report_scale.py --sizes 1000            # one size
    .venv/bin/python bench/report_scale.py --sizes 1000 5000 all   # the scale curve

The machine is shared: run it alone, and compare sizes within one run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
UNGD = ROOT.parent / "shared" / "dev" / "ungd" / "ungd_dev.parquet"
TARGET_SECONDS = 15 * 60
TARGET_GB = 4.0
TARGET_PAGE_MB = 5.0


def sample_corpus(source: Path, size: str, workdir: Path, *, seed: int = 0) -> Path:
    """A seeded sample of ``size`` rows of ``source`` as Parquet (``all``: the file itself)."""
    if size == "all":
        return source
    import pandas as pd

    path = workdir / f"ungd_{size}_seed{seed}.parquet"
    if not path.is_file():
        frame = pd.read_parquet(source)
        frame.sample(n=int(size), random_state=seed).sort_index().to_parquet(path, index=False)
    return path


class TreeMemory:
    """Peak resident memory of a process and its descendants, sampled in a thread."""

    def __init__(self, pid: int, interval: float = 0.1, timeline: Path | None = None) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_total = 0
        self.peak_single = 0
        self.peak_parts: list[tuple[str, int]] = []
        self.timeline = timeline
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        start = time.perf_counter()
        log = self.timeline.open("w") if self.timeline else None
        if log:
            log.write("seconds,pid,role,rss_mb\n")
        last_logged = -1.0
        while not self._stop.is_set():
            total = 0
            parts: list[tuple[str, int]] = []
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            for proc in procs:
                try:
                    rss = int(proc.memory_info().rss)
                except psutil.Error:
                    continue
                total += rss
                parts.append((f"{proc.pid}:{_role(proc)}", rss))
                self.peak_single = max(self.peak_single, rss)
            if total > self.peak_total:
                self.peak_total = total
                self.peak_parts = sorted(parts, key=lambda p: -p[1])
            now = time.perf_counter() - start
            if log and now - last_logged >= 1.0:
                last_logged = now
                for name, rss in parts:
                    pid, role = name.split(":", 1)
                    log.write(f"{now:.1f},{pid},{role},{rss / 1e6:.0f}\n")
            self._stop.wait(self.interval)
        if log:
            log.close()


def _role(proc: psutil.Process) -> str:
    """What a process of the report is: the command, a kernel, a Dask worker, other."""
    try:
        cmd = " ".join(proc.cmdline())
    except psutil.Error:
        return "gone"
    if "ipykernel" in cmd:
        return "kernel"
    if "dask" in cmd or "multiprocessing" in cmd or "spawn" in cmd:
        return "worker"
    if "kzlib" in cmd and "report" in cmd:
        return "command"
    return str(proc.name())


def run_report(
    corpus: Path, out: Path, *, jobs: int | None, timeline: Path | None = None
) -> dict[str, object]:
    """Run the report command once; its wall time, memory and run record."""
    cmd = [str(BIN / "kzlib"), "report", "--corpus", str(corpus), "--out", str(out), "--force"]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    with TreeMemory(proc.pid, timeline=timeline) as memory:
        _, err = proc.communicate()
    wall = time.perf_counter() - start
    record = json.loads((out / "run.json").read_text()) if (out / "run.json").is_file() else {}
    pages = [p.stat().st_size for p in out.rglob("*.html")]
    tables = [p.stat().st_size for p in (out / "tables").rglob("*") if p.is_file()]
    return {
        "status": proc.returncode,
        "stderr": err.strip().splitlines()[-3:],
        "wall": wall,
        "peak_total_gb": memory.peak_total / 1e9,
        "peak_single_gb": memory.peak_single / 1e9,
        "peak_parts": memory.peak_parts,
        "record": record,
        "max_page_mb": max(pages, default=0) / 1e6,
        "max_table_mb": max(tables, default=0) / 1e6,
        "tables_mb": sum(tables) / 1e6,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["1000"], help="speeches, or 'all'")
    parser.add_argument("--source", type=Path, default=UNGD, help="the speeches table")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kzlib-report-scale"))
    parser.add_argument("--jobs", type=int, default=None, help="notebooks at once (default: cores)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the samples")
    parser.add_argument(
        "--timeline",
        action="store_true",
        help="write each process's memory once a second to WORKDIR/timeline_SIZE.csv",
    )
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"{args.source}: not found (../shared/dev beside the project)", file=sys.stderr)
        return 2
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(
        f"kzlib report on {args.source.name}; {psutil.cpu_count()} cores; targets for all "
        f"speeches: < {TARGET_SECONDS} s, < {TARGET_GB} GB together, pages < {TARGET_PAGE_MB} MB"
    )
    print("issue 18 baseline (folder of all speeches): 1,318 s, one kernel 9.9 GB")
    for size in args.sizes:
        corpus = sample_corpus(args.source, size, args.workdir, seed=args.seed)
        timeline = args.workdir / f"timeline_{size}.csv" if args.timeline else None
        result = run_report(
            corpus, args.workdir / f"report_{size}", jobs=args.jobs, timeline=timeline
        )
        record = result["record"]
        assert isinstance(record, dict)
        words = int(record.get("corpus", {}).get("words", 0))
        docs = int(record.get("corpus", {}).get("documents", 0))
        wall = float(result["wall"])  # type: ignore[arg-type]
        print(
            f"\n{size:>5} speeches ({docs:,} docs, {words:,} words): exit {result['status']}, "
            f"wall {wall:,.0f} s, {words / wall:,.0f} words/s, "
            f"peak {result['peak_total_gb']:.2f} GB together "
            f"(largest process {result['peak_single_gb']:.2f} GB), "
            f"largest page {result['max_page_mb']:.2f} MB, "
            f"largest table {result['max_table_mb']:.1f} MB "
            f"(all tables {result['tables_mb']:.1f} MB)"
        )
        parts = result["peak_parts"]
        assert isinstance(parts, list)
        print("    at the peak: " + ", ".join(f"{n} {r / 1e9:.2f} GB" for n, r in parts[:6]))
        for nb in record.get("notebooks", []):
            print(f"    {nb['name']:<12} {nb['status']:<7} {nb['seconds']:8.1f} s")
        if result["status"]:
            print("    " + "\n    ".join(result["stderr"]))  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
