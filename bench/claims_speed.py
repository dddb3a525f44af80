"""Throughput of the claim inventory and the claim linker on a replicated corpus.

Usage::

    .venv/bin/python bench/claims_speed.py [--copies 50] [--corpus seeds]

The corpus is replicated ``--copies`` times under new doc_ids (every copy is
a separate article) and the script prints documents and words per second
for :func:`kzlib.claims.extract_claims` and the wall time and candidate
blocking of :func:`kzlib.claims.link_claims`. Copies are identical, so the
linker's blocks are as large as they get: a pessimistic figure.
"""

from __future__ import annotations

import argparse
import sys
import time

import pandas as pd

from kzlib.claims import extract_claims, link_claims
from kzlib.corpus import load_corpus
from kzlib.paths import resolve_path
from kzlib.segment import sentences_frame


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50, help="replications of the corpus")
    parser.add_argument("--corpus", default="seeds", help="corpus folder (default: seeds)")
    args = parser.parse_args(argv)
    corpus = load_corpus(resolve_path(args.corpus))
    sentences = sentences_frame(corpus)
    big = pd.concat(
        [sentences.assign(doc_id=sentences["doc_id"] + f"~{i}") for i in range(args.copies)],
        ignore_index=True,
    )
    n_docs = len(corpus) * args.copies
    n_words = sum(d.n_words for d in corpus) * args.copies
    t0 = time.perf_counter()
    claims = extract_claims(big)
    t1 = time.perf_counter()
    links = link_claims(claims)
    t2 = time.perf_counter()
    print(f"articles {n_docs}, words {n_words}, claims {len(claims)}")
    print(
        f"extract_claims  {t1 - t0:.2f} s  {n_docs / (t1 - t0):.1f} articles/s  "
        f"{n_words / (t1 - t0):.0f} words/s"
    )
    print(f"link_claims     {t2 - t1:.2f} s  {len(links)} links")
    return 0


if __name__ == "__main__":
    sys.exit(main())
