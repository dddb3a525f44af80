"""Scale benchmark: the batch pipeline on 1k, 10k and 100k synthetic articles, local and on Dask.

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

Examples
--------
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
    """Sample the resident memory of this process and its children in a thread."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            try:
                procs = [me, *me.children(recursive=True)]
            except psutil.Error:
                procs = [me]
            for p in procs:
                with contextlib.suppress(psutil.Error):
                    total += p.memory_info().rss
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
            jobs=spec.get("jobs"),
            batch_size=spec["batch_size"],
            progress=None,
        )
    return {
        "wall": summary.wall,
        "n_docs": summary.n_docs,
        "n_words": summary.n_words,
        "rows": summary.rows,
        "seconds": summary.seconds,
        "peak_mb": rss.peak / 2**20,
    }


def run_measure(spec: dict[str, Any]) -> dict[str, Any]:
    """Run :func:`measure` in a fresh subprocess (clean memory, Dask-safe main module)."""
    proc = subprocess.run(
        [sys.executable, __file__, "--measure", json.dumps(spec)],
        capture_output=True,
        text=True,
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
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
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
