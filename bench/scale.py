"""Scale benchmark: the batch pipeline on synthetic articles (1k-100k) or real speeches, on Dask.

For each corpus size the benchmark builds a SYNTHETIC corpus with
``bench/make_corpus.py`` (cached in ``--workdir``) and runs
:func:`kzlib.pipeline.run_pipeline` on it, each run in a fresh subprocess
whose whole process tree (Dask workers included) is sampled for resident
memory every 50 ms. It prints, per size and stage:

- ``wall``: seconds from start to the last output moved into place;
- ``docs/s`` and ``words/s`` over that wall time;
- ``peak MB``: the largest resident memory of the process tree;
- per-step worker seconds (``load`` = read + clean + metadata, ``segment``,
  ``claims``, ``rhetoric``) and the throughput of each step alone.

Stages are cumulative: ``load`` runs the corpus table only, ``segment`` adds
the sentence table, ``claims`` the claim inventory, ``rhetoric`` the
measures; the ``rhetoric`` row is the whole load + clean + segment + claims +
rhetoric pipeline. Then the Dask engine runs one size with 1 and with 2
workers and the speed-up is printed. Targets (issue 7): the whole pipeline
over 100k articles in <= 600 s with peak < 4 GB; 100k at most 11x the
time of 10k; 2 workers >= 1.7x faster than 1.

With ``--topics-sentences N`` it also fits :func:`kzlib.pipeline.stream_topics`
(MiniBatchNMF, 10 topics) on the first N body sentences of a synthetic
sentence table and prints time, sentences/s and peak memory (target: one
million sentences in under 5 minutes). Note that recombined seed paragraphs
have a small vocabulary (~1,100 terms pass ``min_df``); a real corpus has
more, and the NMF cost grows with it.

Real corpus (``--real``)
------------------------
``--real ../shared/dev/ungd/ungd_dev.parquet --sizes 1000 5000 all`` measures
the claims stage (read, clean, segment, :func:`kzlib.claims.extract_claims`,
written as Parquet) on real speeches instead: a seeded sample of each size
(``all``: the whole file), each run with 1 and 2 Dask workers (``--jobs-list``),
in a fresh subprocess. Per run it prints the wall time, words/s, the ratio to
the time one process takes to split the same texts into words with one regex
(``\\w+``, measured just before; it makes runs on different or busy machines
comparable), and the peak resident memory of the driver, of each worker and of
the whole process tree. Then the cost of each size against the smallest
(linear: all 10,923 speeches have 11x the words of 1,000), the speed-up of 2
workers over 1, and today's figures beside (issue 18: 290 s for all speeches
on 2 workers, 24x the regex split; target 12x, all <= 12x the time of 1,000,
2 workers >= 1.7x one). ``--compare REV`` also runs the code of git revision
REV (``git archive``, on ``PYTHONPATH``: the workers inherit it) on the smallest
size, interleaved with this tree's, for an A/B in one run.

On a real multi-machine Dask cluster
------------------------------------
kzlib's Dask engine connects to a running scheduler when given its address
(``run_pipeline(..., engine="dask", scheduler=ADDRESS)``, ``kzlib claims
--engine dask --scheduler ADDRESS``; :mod:`kzlib.pipeline.engine` opens
``distributed.Client(ADDRESS)``, and gives up after 60 s without any worker,
:mod:`kzlib.pipeline.cluster`). Start the cluster by hand:

1. on every machine: the same Python environment with kzlib installed
   (``pip install -e '.[scale]'``), and the corpus file at the same path
   (a shared file system): a part is a row range that the worker reads itself;
2. on one machine: ``dask scheduler --port 8786``;
3. on each worker machine: ``dask worker tcp://SCHEDULER:8786 --nworkers 2
   --nthreads 1`` (one single-threaded worker process per core: the stages are
   pure Python and hold the GIL);
4. on the driver (any machine that reaches the scheduler; it writes the
   tables): ``.venv/bin/python bench/scale.py --real /shared/ungd_dev.parquet
   --sizes 1000 all --scheduler tcp://SCHEDULER:8786``.

With ``--scheduler`` the worker count is the cluster's (``--jobs-list`` is not
used) and each worker's peak memory is its ``ru_maxrss`` since it started, asked
of every worker with ``Client.run`` after the run (start fresh workers for a
clean figure); the driver's is sampled as locally.

Examples
--------
$ .venv/bin/python bench/scale.py --real ../shared/dev/ungd/ungd_dev.parquet --sizes 1000 5000 all
$ .venv/bin/python bench/scale.py --real ../shared/dev/ungd/ungd_dev.parquet --sizes 1000 \
      --compare main
$ .venv/bin/python bench/scale.py                      # 1k, 10k, 100k (long)
$ .venv/bin/python bench/scale.py --sizes 1000 10000 --stages load segment
$ .venv/bin/python bench/scale.py --sizes 10000 --engine dask --jobs 2 --no-dask
$ .venv/bin/python bench/scale.py --sizes 1000 --no-dask --topics-sentences 1000000
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import re
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path
from typing import Any

import psutil

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

STAGE_ORDER = ("load", "segment", "claims", "rhetoric")
#: Pipeline stages (outputs) run for each cumulative benchmark stage.
OUTPUTS = {
    "load": ("corpus",),
    "segment": ("corpus", "sentences"),
    "claims": ("corpus", "sentences", "claims"),
    "rhetoric": ("corpus", "sentences", "claims", "rhetoric"),
}


class PeakRSS:
    """Sample the resident memory of this process and its children in a thread.

    The process tree is listed again every ``refresh`` seconds only: listing
    children reads every process of the machine (``/proc/*/stat``), which cost
    the driver as much CPU as a worker when done at every sample.
    """

    def __init__(self, interval: float = 0.1, refresh: float = 1.0) -> None:
        self.interval = interval
        self.refresh = refresh
        self.peak = 0
        #: Peak resident bytes of each process seen (the driver is ``os.getpid()``).
        self.each: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        procs: list[psutil.Process] = [me]
        listed = -1e9
        while not self._stop.is_set():
            now = time.monotonic()
            if now - listed >= self.refresh:
                with contextlib.suppress(psutil.Error):
                    procs = [me, *me.children(recursive=True)]
                listed = now
            total = 0
            for p in procs:
                with contextlib.suppress(psutil.Error):
                    rss = p.memory_info().rss
                    total += rss
                    self.each[p.pid] = max(self.each.get(p.pid, 0), rss)
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def measure(spec: dict[str, Any]) -> dict[str, Any]:
    """Run one pipeline (in this process) and return its figures."""
    from kzlib.pipeline import run_pipeline

    out = Path(spec["out_dir"])
    out.mkdir(parents=True, exist_ok=True)
    outputs = {s: out / f"{s}.parquet" for s in spec["outputs"]}
    warnings.simplefilter("ignore")
    with PeakRSS() as rss:
        summary = run_pipeline(
            spec["corpus"],
            outputs=outputs,
            engine=spec["engine"],
            scheduler=spec.get("scheduler"),
            jobs=spec.get("jobs"),
            batch_size=spec["batch_size"],
            progress=None,
        )
    others = sorted((v for pid, v in rss.each.items() if pid != os.getpid()), reverse=True)
    if spec.get("scheduler"):
        workers = _remote_peaks(spec["scheduler"])
    else:
        workers = others[: spec.get("jobs") or 0]
    return {
        "driver_mb": rss.each.get(os.getpid(), 0) / 2**20,
        "workers_mb": [w / 2**20 for w in workers],
        "wall": summary.wall,
        "n_docs": summary.n_docs,
        "n_words": summary.n_words,
        "rows": summary.rows,
        "seconds": summary.seconds,
        "peak_mb": rss.peak / 2**20,
    }


def _max_rss() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB


def _remote_peaks(scheduler: str) -> list[int]:
    """``ru_maxrss`` (bytes) of every worker of a running cluster, largest first."""
    import distributed

    with distributed.Client(scheduler, timeout="20s") as client:
        peaks = client.run(_max_rss)
    return sorted((int(v) for v in peaks.values()), reverse=True)


def run_measure(spec: dict[str, Any]) -> dict[str, Any]:
    """Run :func:`measure` in a fresh subprocess (clean memory, Dask-safe main module).

    ``spec["code"]``, when given, is put first on ``PYTHONPATH`` (old code for an
    A/B run; the Dask workers inherit the environment).
    """
    env = dict(os.environ)
    if spec.get("code"):
        env["PYTHONPATH"] = spec["code"]
    proc = subprocess.run(
        [sys.executable, __file__, "--measure", json.dumps(spec)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"measurement failed: {spec}\n{proc.stderr}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def ensure_corpus(workdir: Path, n: int) -> Path:
    """The synthetic corpus of ``n`` articles, built once."""
    import make_corpus

    path = workdir / f"synthetic_{n}.parquet"
    if not path.exists():
        t0 = time.perf_counter()
        tmp = path.with_suffix(".tmp.parquet")
        words = make_corpus.write(n, tmp)
        os.replace(tmp, path)
        print(
            f"# built {path.name}: {n:,} SYNTHETIC articles, {words:,} words "
            f"in {time.perf_counter() - t0:.0f} s",
            flush=True,
        )
    return path


def measure_topics(spec: dict[str, Any]) -> dict[str, Any]:
    """Fit streamed topics on the first ``n`` body sentences of a sentence table."""
    from kzlib.pipeline import iter_sentence_batches
    from kzlib.topics import stream_topics

    n = int(spec["n"])

    def batches() -> Any:
        left = n
        for frame in iter_sentence_batches(spec["sentences"]):
            if left <= 0:
                return
            yield frame.iloc[:left]
            left -= len(frame)

    with PeakRSS() as rss:
        t0 = time.perf_counter()
        result = stream_topics(batches, n_topics=int(spec.get("k", 10)))
        wall = time.perf_counter() - t0
    return {
        "wall": wall,
        "n_units": result.n_units,
        "n_terms": result.n_terms,
        "seconds": result.seconds,
        "peak_mb": rss.peak / 2**20,
        "top": result.topic_terms.groupby("topic")["term"]
        .apply(lambda t: " ".join(t[:6]))
        .tolist(),
    }


def run_topics(workdir: Path, n_sentences: int, *, batch_size: int) -> None:
    """Make a sentence table with at least ``n_sentences`` body sentences; time the topic fit."""
    n_docs = max(1000, int(n_sentences / 38) + 1000)  # about 40 body sentences per article
    corpus = ensure_corpus(workdir, n_docs)
    out_dir = workdir / f"out_topics_{n_docs}"
    sentences = out_dir / "sentences.parquet"
    if not sentences.exists():
        run_measure(
            {
                "corpus": str(corpus),
                "outputs": ["sentences"],
                "engine": "local",
                "batch_size": batch_size,
                "out_dir": str(out_dir),
            }
        )
    spec = {"topics": True, "sentences": str(sentences), "n": n_sentences}
    r = run_measure(spec)
    steps = "  ".join(f"{k}={v:.1f}s" for k, v in r["seconds"].items())
    print(
        f"# topics (stream_topics, MiniBatchNMF, k=10): {r['n_units']:,} sentences, "
        f"{r['n_terms']:,} terms in {r['wall']:.1f} s ({r['n_units'] / r['wall']:,.0f} "
        f"sentences/s), peak {r['peak_mb']:,.0f} MB; {steps}",
        flush=True,
    )
    for topic, terms in enumerate(r["top"]):
        print(f"#   topic {topic}: {terms}")


#: Today's figures of the claims stage on all UN speeches (issue 18), printed beside.
TODAY = (
    "issue 18, before: all 10,923 speeches (32M words) in 290 s on 2 workers = 24x the "
    "regex split; targets: <= 12x, all <= 12x the time of 1,000, 2 workers >= 1.7x one"
)
_WORD_RE = re.compile(r"\w+")


def real_subset(path: Path, size: str, workdir: Path) -> Path:
    """The real corpus itself (``all``) or a seeded sample of ``size`` rows, in file order."""
    if size == "all":
        return path
    import pandas as pd

    out = workdir / f"real_{path.stem}_{size}.parquet"
    if not out.exists():
        frame = pd.read_parquet(path)
        frame.sample(int(size), random_state=18).sort_index().to_parquet(out, index=False)
    return out


def regex_split(path: Path) -> tuple[float, int]:
    """Wall seconds one process takes to split the texts into words with one regex; words."""
    import pyarrow.parquet as pq

    texts = pq.read_table(path, columns=["text"]).column("text").to_pylist()
    findall = _WORD_RE.findall
    t0 = time.perf_counter()
    n = sum(len(findall(t)) for t in texts)
    return time.perf_counter() - t0, n


def old_code(rev: str, workdir: Path) -> Path:
    """``kzlib/`` and ``data/`` of git revision ``rev``, unpacked once under ``workdir``."""
    import tarfile

    into = workdir / f"code_{rev.replace('/', '_')}"
    if not (into / "kzlib").exists():
        into.mkdir(parents=True, exist_ok=True)
        archive = into / "code.tar"
        with archive.open("wb") as fh:
            subprocess.run(["git", "-C", str(BENCH.parent), "archive", rev, "kzlib", "data"],
                           stdout=fh, check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(into, filter="data")
    return into


def _real_row(label: str, r: dict[str, Any]) -> str:
    workers = " ".join(f"{w:,.0f}" for w in r["workers_mb"]) or "-"
    return (
        f"{label:<26} {r['wall']:>8.1f} {r['n_words']:>12,} {r['n_words'] / r['wall']:>10,.0f} "
        f"{r['regex_s']:>8.2f} {r['wall'] / r['regex_s']:>6.1f}x {r['driver_mb']:>9,.0f} "
        f"{workers:>14} {r['peak_mb']:>8,.0f}"
    )


def run_real(args: argparse.Namespace) -> int:
    """The claims stage on real texts: see the module docstring."""
    path = Path(args.real).resolve()
    jobs_list = [0] if args.scheduler else args.jobs_list
    print(f"# kzlib scale benchmark on {os.cpu_count()} cores; REAL corpus {path.name}; "
          "claims stage (read + clean + segment + claims -> Parquet) on the Dask engine")
    print(f"# {TODAY}")
    print(f"{'size / workers (code)':<26} {'wall s':>8} {'words':>12} {'words/s':>10} "
          f"{'regex s':>8} {'ratio':>7} {'driver MB':>9} {'worker MB each':>14} {'tree MB':>8}")
    results: dict[tuple[str, int, str], dict[str, Any]] = {}
    codes = {"new": ""}
    if args.compare:
        codes[args.compare] = str(old_code(args.compare, args.workdir))
    for size in args.sizes:
        corpus = real_subset(path, size, args.workdir)
        sides = list(codes) if size == args.sizes[0] else ["new"]
        for jobs in jobs_list:
            for rep in range(args.repeat):
                for side in sides if rep % 2 == 0 else sides[::-1]:
                    regex_s, _ = regex_split(corpus)
                    spec = {
                        "corpus": str(corpus),
                        "outputs": ["claims"],
                        "engine": "dask",
                        "jobs": jobs or None,
                        "scheduler": args.scheduler,
                        "batch_size": args.batch_size,
                        "code": codes[side],
                        "out_dir": str(args.workdir / f"out_real_{size}_{jobs}_{side}"),
                    }
                    r = run_measure(spec)
                    r["regex_s"] = regex_s
                    key = (size, jobs, side)
                    if key not in results or r["wall"] < results[key]["wall"]:
                        results[key] = r
                    who = f"x{jobs}" if jobs else "cluster"
                    label = f"{size} {who}" + ("" if side == "new" else f" ({side})")
                    print(_real_row(label, r), flush=True)
    _real_summary(args.sizes, jobs_list, results, codes)
    return 0


def _real_summary(
    sizes: list[str],
    jobs_list: list[int],
    results: dict[tuple[str, int, str], dict[str, Any]],
    codes: dict[str, str],
) -> None:
    """Linearity, speed-up of 2 workers and the A/B, from the (fastest) runs."""
    first = sizes[0]
    for jobs in jobs_list:
        base = results.get((first, jobs, "new"))
        for size in sizes[1:]:
            r = results.get((size, jobs, "new"))
            if base and r:
                print(f"# x{jobs}: {size} takes {r['wall'] / base['wall']:.2f}x the time of "
                      f"{first} ({r['n_words'] / base['n_words']:.1f}x the words; "
                      "target for all vs 1,000: <= 12x)")
    for size in sizes:
        one, two = results.get((size, 1, "new")), results.get((size, 2, "new"))
        if one and two:
            print(f"# {size}: 2 workers {one['wall'] / two['wall']:.2f}x faster than 1 "
                  "(target >= 1.7x)")
    for side in codes:
        if side == "new":
            continue
        for jobs in jobs_list:
            old, new = results.get((first, jobs, side)), results.get((first, jobs, "new"))
            if old and new:
                print(f"# {first} x{jobs}: this tree {new['n_words'] / new['wall']:,.0f} words/s, "
                      f"{side} {old['n_words'] / old['wall']:,.0f} words/s: "
                      f"{old['wall'] / new['wall']:.2f}x; ratio to the regex split "
                      f"{new['wall'] / new['regex_s']:.1f}x vs {old['wall'] / old['regex_s']:.1f}x")
    print(f"# {TODAY}")


def _row(label: str, r: dict[str, Any]) -> str:
    steps = "  ".join(
        f"{k}={v:.1f}s ({r['n_words'] / v / 1e3:,.0f}k w/s)"
        for k, v in r["seconds"].items()
        if v > 0 and k in ("load", "segment", "claims", "rhetoric")
    )
    return (
        f"{label:<28} {r['wall']:>8.1f} {r['n_docs'] / r['wall']:>9,.0f} "
        f"{r['n_words'] / r['wall']:>11,.0f} {r['peak_mb']:>8,.0f}   {steps}"
    )


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=None,
                        help="corpus sizes (default 1000 10000 100000; --real: 1000 5000 all)")
    parser.add_argument("--real", help="a real .parquet corpus: measure the claims stage on it")
    parser.add_argument("--jobs-list", type=int, nargs="+", default=[1, 2],
                        help="--real: Dask workers of each run")
    parser.add_argument("--scheduler", help="--real: address of a running Dask scheduler")
    parser.add_argument("--compare", help="--real: also run this git revision's code (A/B)")
    parser.add_argument("--repeat", type=int, default=1, help="--real: runs of each (fastest kept)")
    parser.add_argument("--stages", nargs="+", default=list(STAGE_ORDER), choices=STAGE_ORDER)
    parser.add_argument(
        "--full-up-to",
        type=int,
        default=100000,
        help="run the claims and rhetoric stages only for sizes up to this",
    )
    parser.add_argument("--dask-size", type=int, default=10000, help="size for the speed-up")
    parser.add_argument(
        "--dask-stage", default="segment", choices=STAGE_ORDER, help="stage for the speed-up"
    )
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask speed-up")
    parser.add_argument(
        "--engine", default="local", choices=("local", "dask"), help="engine of the size runs"
    )
    parser.add_argument("--jobs", type=int, default=2, help="Dask workers of the size runs")
    parser.add_argument(
        "--topics-sentences",
        type=int,
        default=0,
        help="also fit streamed topics on this many body sentences (0: skip)",
    )
    parser.add_argument("--batch-size", type=int, default=250)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kzlib-scale"))
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        spec = json.loads(args.measure)
        print(json.dumps(measure_topics(spec) if spec.get("topics") else measure(spec)))
        return 0

    args.workdir.mkdir(parents=True, exist_ok=True)
    if args.real:
        args.sizes = args.sizes or ["1000", "5000", "all"]
        return run_real(args)
    args.sizes = [int(n) for n in args.sizes or [1000, 10000, 100000]]
    print(f"# kzlib scale benchmark on {os.cpu_count()} cores; SYNTHETIC corpora (make_corpus.py)")
    print(
        f"{'size / stage (engine)':<28} {'wall s':>8} {'docs/s':>9} {'words/s':>11} "
        f"{'peak MB':>8}   worker seconds per step"
    )
    results: dict[tuple[int, str], dict[str, Any]] = {}
    for n in args.sizes:
        corpus = ensure_corpus(args.workdir, n)
        for stage in args.stages:
            if stage in ("claims", "rhetoric") and n > args.full_up_to:
                continue
            spec = {
                "corpus": str(corpus),
                "outputs": OUTPUTS[stage],
                "engine": args.engine,
                "jobs": args.jobs if args.engine == "dask" else None,
                "batch_size": args.batch_size,
                "out_dir": str(args.workdir / f"out_{n}_{stage}"),
            }
            r = run_measure(spec)
            results[(n, stage)] = r
            label = "local" if args.engine == "local" else f"dask x{args.jobs}"
            print(_row(f"{n:,} {stage} ({label})", r), flush=True)
    sizes = sorted(args.sizes)
    for stage in args.stages:
        have = [n for n in sizes if (n, stage) in results]
        for small, big in itertools.pairwise(have):
            ratio = results[(big, stage)]["wall"] / results[(small, stage)]["wall"]
            print(
                f"# {stage}: {big:,} takes {ratio:.2f}x the time of {small:,} "
                f"(size ratio {big / small:.0f}x)"
            )
    if args.topics_sentences:
        run_topics(args.workdir, args.topics_sentences, batch_size=args.batch_size)
    if not args.no_dask:
        corpus = ensure_corpus(args.workdir, args.dask_size)
        walls = {}
        for jobs in (1, 2):
            spec = {
                "corpus": str(corpus),
                "outputs": OUTPUTS[args.dask_stage],
                "engine": "dask",
                "jobs": jobs,
                "batch_size": args.batch_size,
                "out_dir": str(args.workdir / f"out_dask{jobs}"),
            }
            r = run_measure(spec)
            walls[jobs] = r["wall"]
            print(_row(f"{args.dask_size:,} {args.dask_stage} (dask x{jobs})", r), flush=True)
        print(
            f"# dask speed-up, 2 workers over 1 ({args.dask_size:,} articles, "
            f"{args.dask_stage}): {walls[1] / walls[2]:.2f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
