"""Peak memory of ``kzlib rhetoric`` on ONE huge article, before and after a change.

Builds one article of ``--mb`` megabytes (default 50) from REAL text: the UN
General Debate speeches of ``../shared/dev/ungd/ungd_dev.parquet`` in
``doc_id`` order, each speech a paragraph block, concatenated until the size
is reached (deterministic). Writes it as the only ``.txt`` of a corpus folder
(or, with ``--table``, as a one-row ``.parquet``: the streamed path) and runs
``python -m kzlib rhetoric --corpus DIR --out F`` with the default settings
(1,000 bootstrap resamples) in a child process, sampling the child's resident
memory (RSS, with its children) every 50 ms; the child's own ``ru_maxrss`` is
printed too.

The article is built in a child process, so that the runs, forked from this
one, do not start from its memory (``ru_maxrss`` counts the parent's pages at
the fork). Each ``--rev`` is a git revision whose ``kzlib/`` and ``data/`` are
exported (``git archive``) to a temporary folder and run from there; ``.`` is this
working tree. Default: ``--rev main .`` (today's main beside this tree).

Measured (2 shared cores, numpy 2.4, 2026-12-02), 50.0 MB article, 570,246 body
sentences, default settings:

    revision                  peak RSS GB  ru_maxrss GB  seconds exit
    dcc41c8 (before)                15.31         15.31    135.5 0
    this tree (issue 17)             1.46          1.47     63.8 0
    this tree, --n-boot 0            1.43          1.43     58.3 0
    this tree, --table               1.81          1.82     46.6 0

(The streamed path, ``--table``, also holds the part's documents while it runs.)

Examples
--------
$ .venv/bin/python bench/rhetoric_memory.py                     # main and this tree, 50 MB
$ .venv/bin/python bench/rhetoric_memory.py --rev . --mb 5 --n-boot 0
$ .venv/bin/python bench/rhetoric_memory.py --rev . --table     # a one-row .parquet
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd

from kzlib.paths import DEV_DIR, PROJECT_ROOT

UNGD = DEV_DIR / "ungd" / "ungd_dev.parquet"


def build_article(path: Path, megabytes: float) -> None:
    """Write one article of about ``megabytes`` MB (UTF-8) of UN speeches."""
    speeches = pd.read_parquet(UNGD, columns=["doc_id", "text"]).sort_values("doc_id")
    target = int(megabytes * 1_000_000)
    parts = ["One huge article: the UN General Debate speeches, one after the other", ""]
    size = 0
    for text in speeches["text"]:
        block = "\n\n".join(p.strip() for p in str(text).split("\n") if p.strip())
        parts += [block, ""]
        size += len(block.encode("utf-8")) + 2
        if size >= target:
            break
    path.write_text("\n".join(parts), encoding="utf-8")


def export(rev: str, into: Path) -> Path:
    """``kzlib/`` and ``data/`` of git revision ``rev`` in ``into``; ``.``: this tree."""
    if rev == ".":
        return PROJECT_ROOT
    blob = subprocess.run(
        ["git", "-C", str(PROJECT_ROOT), "archive", "--format=tar", rev, "kzlib", "data"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        tar.extractall(into, filter="data")
    return into


def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and its descendants (Linux /proc)."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo += [int(c) for c in f.read().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def peak_rss(root: Path, corpus: Path, out: Path, n_boot: int) -> tuple[float, float, float, int]:
    """Run kzlib rhetoric from ``root``; return (sampled peak GB, ru_maxrss GB, seconds, status)."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    cmd = [sys.executable, "-m", "kzlib", "rhetoric", "--corpus", str(corpus), "--out", str(out)]
    if n_boot != 1000:
        cmd += ["--n-boot", str(n_boot)]
    start = time.perf_counter()
    child = subprocess.Popen(
        cmd, env=env, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(child.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, raw, usage = os.wait4(child.pid, 0)
    child.returncode = status = os.waitstatus_to_exitcode(raw)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    assert child.stderr is not None
    if status:
        print(child.stderr.read().decode(errors="replace")[-2000:], file=sys.stderr)
    # ru_maxrss of the child alone (KiB on Linux): no sampling gap.
    return peak / 1e9, usage.ru_maxrss * 1024 / 1e9, seconds, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="article size in MB (default 50)")
    parser.add_argument("--rev", nargs="+", default=["main", "."], help="revisions to compare")
    parser.add_argument("--n-boot", type=int, default=1000, help="resamples (default 1000)")
    parser.add_argument(
        "--table",
        action="store_true",
        help="give the article as a one-row .parquet table (the streamed path) instead of a folder",
    )
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:  # in a child, so that the runs below do not inherit its memory
        build_article(args.build, args.mb)
        if args.table:
            text = args.build.read_text(encoding="utf-8")
            table = pd.DataFrame({"doc_id": ["huge"], "text": [text]})
            table.to_parquet(args.build.parent.parent / "corpus.parquet")
        return
    with tempfile.TemporaryDirectory(prefix="kz_rhetmem_") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        article = corpus / "huge.txt"
        subprocess.run(
            [sys.executable, __file__, "--build", str(article), "--mb", str(args.mb)]
            + (["--table"] if args.table else []),
            check=True,
        )
        size = article.stat().st_size
        if args.table:
            corpus = Path(tmp) / "corpus.parquet"
        print(f"article: {size / 1e6:.1f} MB, 1 document in {corpus.name}; n_boot={args.n_boot}")
        print(f"{'revision':<24} {'peak RSS GB':>12} {'ru_maxrss GB':>13} {'seconds':>8} exit")
        for k, rev in enumerate(args.rev):
            root = export(rev, Path(tmp) / f"rev{k}")
            gb, maxrss, secs, status = peak_rss(
                root, corpus, Path(tmp) / f"out{k}.csv", args.n_boot
            )
            print(f"{rev:<24} {gb:>12.2f} {maxrss:>13.2f} {secs:>8.1f} {status}", flush=True)


if __name__ == "__main__":
    main()
