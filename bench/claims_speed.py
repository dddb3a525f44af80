"""Throughput of the claim inventory and the claim linker on a replicated corpus.

Usage::

    .venv/bin/python bench/claims_speed.py [--copies 50] [--corpus seeds] [--repeat 1]

The corpus is replicated ``--copies`` times under new doc_ids (every copy is
a separate article) and the script prints documents and words per second
for :func:`kzlib.claims.extract_claims` and the wall time and candidate
blocking of :func:`kzlib.claims.link_claims`. Copies are identical, so the
linker's blocks are as large as they get: a pessimistic figure. A synthetic
folder (``bench/make_corpus.py --txt-dir``) with ``--copies 1`` measures
articles that differ. ``--repeat`` runs the extraction several times and
prints every wall and CPU time and their medians (the machine is shared).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import pandas as pd

from kzlib.claims.extract import extract_claims
from kzlib.claims.links import link_claims
from kzlib.corpus.document import load_corpus
from kzlib.corpus.segment import sentences_frame
from kzlib.paths import resolve_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50, help="replications of the corpus")
    parser.add_argument("--corpus", default="seeds", help="corpus folder (default: seeds)")
    parser.add_argument("--repeat", type=int, default=1, help="extraction runs (median printed)")
    args = parser.parse_args(argv)
    corpus = load_corpus(resolve_path(args.corpus))
    sentences = sentences_frame(corpus)
    big = pd.concat(
        [sentences.assign(doc_id=sentences["doc_id"] + f"~{i}") for i in range(args.copies)],
        ignore_index=True,
    )
    n_docs = len(corpus) * args.copies
    n_words = sum(d.n_words for d in corpus) * args.copies
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(max(1, args.repeat)):
        w0, c0 = time.perf_counter(), time.process_time()
        claims = extract_claims(big)
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    t1 = time.perf_counter()
    links = link_claims(claims)
    t2 = time.perf_counter()
    print(f"articles {n_docs}, words {n_words}, claims {len(claims)}")
    if len(walls) > 1:
        print("runs (wall s)    " + " ".join(f"{w:.2f}" for w in walls))
        print("runs (cpu s)     " + " ".join(f"{c:.2f}" for c in cpus))
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    print(
        f"extract_claims  {wall:.2f} s  {n_docs / wall:.1f} articles/s  "
        f"{n_words / wall:.0f} words/s  (cpu {cpu:.2f} s, {n_words / cpu:.0f} words/s)"
    )
    print(f"link_claims     {t2 - t1:.2f} s  {len(links)} links")
    return 0


if __name__ == "__main__":
    sys.exit(main())
