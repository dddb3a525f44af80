"""Old (a git revision) against new claim inventory: identical rows, and CPU time A/B.

Usage::

    .venv/bin/python bench/claims_identity.py [--old main] [--speeches 500] [--repeat 3]

The old code is ``git archive`` of ``--old`` (default ``main``) unpacked in a
temporary folder; the new code is this worktree. Each side runs in its own
subprocess (``PYTHONPATH`` picks the code) on the same inputs, through the
streamed claims stage (``kzlib.pipeline.stages``: read the part, segment,
:func:`kzlib.claims.extract_claims` with the publication years), part by part:

- ``ungd``: ``--speeches`` UN General Debate speeches (a seeded sample of
  ``../shared/dev/ungd/ungd_dev.parquet``, in file order);
- ``seeds``: the seed articles; ``news``: ``../shared/dev/news``.

It prints, per input, whether the two claims tables are identical (the same
rows, columns, dtypes and values: ``DataFrame.equals`` and the SHA-256 of the
CSV text) and, with ``--repeat N``, the CPU seconds of the claims step of old
and new, run alternately N times, with their medians and the speed-up (the
machine is shared: CPU time, alternated runs and medians keep the comparison
fair). The exit status is 1 if any table differs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DEV = ROOT.parent / "shared" / "dev"
UNGD = DEV / "ungd" / "ungd_dev.parquet"


def run_child(spec: dict[str, Any]) -> dict[str, Any]:
    """In the child: run the claims stage on ``spec["source"]``; write the table; time it."""
    import warnings

    import pandas as pd

    from kzlib.corpus import plan_source
    from kzlib.corpus.segment import sentences_frame
    from kzlib.corpus.sources import read_part
    from kzlib.pipeline import stages

    warnings.simplefilter("ignore")
    tables = []
    cpu = 0.0
    n_words = 0
    for part in plan_source(spec["source"], batch_size=250).parts:
        docs = read_part(part)
        n_words += sum(d.n_words for d in docs)
        sentences = sentences_frame(docs)
        t0 = time.process_time()
        tables.append(stages._stage_claims(docs, sentences, {}))
        cpu += time.process_time() - t0
    claims = pd.concat(tables, ignore_index=True)
    claims.to_pickle(spec["out"])
    text = claims.to_csv(index=False).encode("utf-8")
    return {
        "cpu": cpu,
        "rows": len(claims),
        "n_words": n_words,
        "sha": hashlib.sha256(text).hexdigest(),
    }


def child(code: Path, spec: dict[str, Any]) -> dict[str, Any]:
    """Run :func:`run_child` in a subprocess importing kzlib from ``code``."""
    env = {"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin", "OMP_NUM_THREADS": "1"}
    proc = subprocess.run(
        [sys.executable, __file__, "--child", json.dumps(spec)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"child failed ({code}):\n{proc.stderr}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def old_code(rev: str, into: Path) -> Path:
    """``kzlib/`` and ``data/`` of git revision ``rev`` unpacked under ``into``."""
    into.mkdir(parents=True, exist_ok=True)
    archive = into / "old.tar"
    with archive.open("wb") as fh:
        subprocess.run(["git", "-C", str(ROOT), "archive", rev, "kzlib", "data"], stdout=fh,
                       check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into


def ungd_sample(n: int, into: Path) -> Path:
    """``n`` speeches of the UN corpus (seed 18), in file order, as a Parquet file."""
    import pandas as pd

    frame = pd.read_parquet(UNGD)
    if n < len(frame):
        frame = frame.sample(n, random_state=18).sort_index()
    path = into / f"ungd_{n}.parquet"
    frame.to_parquet(path, index=False)
    return path


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", default="main", help="git revision of the old code")
    parser.add_argument("--speeches", type=int, default=500, help="UN speeches sampled")
    parser.add_argument("--repeat", type=int, default=1, help="alternated timed runs")
    parser.add_argument("--inputs", nargs="+", default=["ungd", "seeds", "news"])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_child(json.loads(args.child))))
        return 0
    import pandas as pd

    differ = 0
    with tempfile.TemporaryDirectory(prefix="kzlib-claims-identity-") as tmp:
        work = Path(tmp)
        codes = {"old": old_code(args.old, work / "old"), "new": ROOT}
        sources = {
            "ungd": ungd_sample(args.speeches, work),
            "seeds": ROOT / "seeds",
            "news": DEV / "news",
        }
        for name in args.inputs:
            cpu: dict[str, list[float]] = {"old": [], "new": []}
            out: dict[str, dict[str, Any]] = {}
            for i in range(args.repeat):
                for side in ("old", "new") if i % 2 == 0 else ("new", "old"):
                    spec = {"source": str(sources[name]), "out": str(work / f"{name}_{side}.pkl")}
                    out[side] = child(codes[side], spec)
                    cpu[side].append(out[side]["cpu"])
            old = pd.read_pickle(work / f"{name}_old.pkl")
            new = pd.read_pickle(work / f"{name}_new.pkl")
            same = old.equals(new) and out["old"]["sha"] == out["new"]["sha"]
            differ += not same
            med = {side: statistics.median(v) for side, v in cpu.items()}
            words = out["new"]["n_words"]
            print(
                f"{name:<6} rows old {out['old']['rows']:,} new {out['new']['rows']:,}: "
                f"{'IDENTICAL' if same else 'DIFFERENT'}; claims CPU s median of "
                f"{args.repeat}: old {med['old']:.2f} ({words / med['old']:,.0f} words/s) "
                f"new {med['new']:.2f} ({words / med['new']:,.0f} words/s), "
                f"speed-up {med['old'] / med['new']:.2f}x "
                f"[old {' '.join(f'{v:.2f}' for v in cpu['old'])}; "
                f"new {' '.join(f'{v:.2f}' for v in cpu['new'])}]",
                flush=True,
            )
            if not same and len(old) == len(new):
                for col in old.columns:
                    bad = (old[col].astype(str) != new[col].astype(str)).sum()
                    if bad:
                        print(f"  column {col}: {bad} rows differ")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
