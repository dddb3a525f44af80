"""Claim linking at scale: the old and the new link_claims on synthetic articles.

For each size (default 1,000 and 10,000 articles) the script takes the
claims of the first N articles (by doc_id) of a SYNTHETIC corpus made by
``bench/make_corpus.py`` (default ``/tmp/big10k``; claims are extracted once
and cached in ``--cache-dir``) and prints, per linker and ``max_block``:

- ``time``: median wall seconds of ``--repeats`` calls;
- ``peak MB``: the tracemalloc peak of one more, untimed call (numpy and
  scipy buffers included), above what was allocated before it;
- ``candidates``: candidate pairs (claims of different articles sharing a
  blocking key held by 2..max_block claims; the same set for both linkers);
- ``links``: rows returned, and whether the old and new tables are equal.

The old linker is the ``link_claims`` of commit ``--old-rev`` (the last one
before the sparse rewrite), read with ``git show`` into a temporary module;
it runs only up to ``--old-max`` articles, since it holds every candidate
pair in a Python dict, and only up to ``--old-max-pairs`` candidate pairs
(14 million of them, 1,000 articles with ``max_block`` 1000, took it past
15 GB). The synthetic corpus recombines seed sentences, so
near-duplicate claims are everywhere: a pessimistic case for the linker. It
prints figures; it does not assert.

Examples
--------
$ .venv/bin/python bench/make_corpus.py --n 10000 --out /tmp/kz/10k.jsonl --txt-dir /tmp/big10k
$ .venv/bin/python bench/claims_links.py
$ .venv/bin/python bench/claims_links.py --sizes 1000 --max-block 200 1000 --repeats 1
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pandas as pd

from kzlib.claims.extract import document_years, extract_claims
from kzlib.claims.links import _LinkIndex, _scored_candidates, link_claims
from kzlib.corpus.document import load_corpus
from kzlib.corpus.segment import sentences_frame
from kzlib.paths import PROJECT_ROOT

Linker = Callable[..., pd.DataFrame]
ROW = "{:>8} {:>8} {:>9} {:>6} {:>8} {:>8} {:>11} {:>9}  {}"


def cached_claims(corpus: Path, cache_dir: Path) -> pd.DataFrame:
    """Claims of the whole corpus, extracted once and kept as Parquet."""
    cache = cache_dir / f"claims_{corpus.name}.parquet"
    if not cache.exists():
        t0 = time.perf_counter()
        docs = load_corpus(corpus)
        claims = extract_claims(sentences_frame(docs), doc_years=document_years(docs.to_frame()))
        cache.parent.mkdir(parents=True, exist_ok=True)
        claims.to_parquet(cache)
        print(f"extracted {len(claims)} claims in {time.perf_counter() - t0:.0f} s -> {cache}")
    return pd.read_parquet(cache)


def old_claims_module(rev: str) -> ModuleType:
    """``kzlib/claims/extract.py`` as of ``rev``, imported as a module of its own."""
    source = subprocess.run(
        ["git", "show", f"{rev}:kzlib/claims/extract.py"],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    path = Path(tempfile.mkdtemp()) / "kzlib_claims_old.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("kzlib_claims_old", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def first_articles(claims: pd.DataFrame, n: int) -> pd.DataFrame:
    keep = sorted(claims["doc_id"].unique())[:n]
    return claims[claims["doc_id"].isin(keep)].reset_index(drop=True)


def candidates(claims: pd.DataFrame, max_block: int) -> int:
    index = _LinkIndex(claims, max_block=max_block)
    # A threshold above any score: count the pairs, keep none.
    return _scored_candidates(index, min_similarity=2.0, chunk_size=1000)[1]


def measure(
    link: Linker, claims: pd.DataFrame, repeats: int, **kw: int
) -> tuple[float, float, pd.DataFrame]:
    """Median seconds, tracemalloc peak (MB) and the links of ``link(claims, **kw)``."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        links = link(claims, **kw)
        times.append(time.perf_counter() - t0)
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    link(claims, **kw)
    peak = (tracemalloc.get_traced_memory()[1] - base) / 2**20
    tracemalloc.stop()
    return statistics.median(times), peak, links


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/big10k"), help="corpus folder")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="articles")
    parser.add_argument("--max-block", type=int, nargs="+", default=[200], help="max_block values")
    parser.add_argument("--repeats", type=int, default=3, help="timed calls (median)")
    parser.add_argument("--old-max", type=int, default=2000, help="largest size for the old")
    parser.add_argument(
        "--old-max-pairs", type=int, default=2_000_000, help="most candidate pairs for the old"
    )
    parser.add_argument("--old-rev", default="6e4ee2b", help="git revision of the old linker")
    parser.add_argument("--cache-dir", type=Path, default=PROJECT_ROOT / "bench" / "_cache")
    args = parser.parse_args(argv)
    everything = cached_claims(args.corpus, args.cache_dir)
    old = old_claims_module(args.old_rev).link_claims
    print(f"corpus {args.corpus} (SYNTHETIC), median of {args.repeats}, peak = tracemalloc")
    print(ROW.format("articles", "claims", "max_block", "linker", "time s", "peak MB",
                     "candidates", "links", "same as old"))  # fmt: skip
    for size in args.sizes:
        claims = first_articles(everything, size)
        n_docs = claims["doc_id"].nunique()
        for max_block in args.max_block:
            n_cand = candidates(claims, max_block)
            t, peak, links = measure(link_claims, claims, args.repeats, max_block=max_block)
            same = ""
            if size <= args.old_max and n_cand <= args.old_max_pairs:
                old_t, old_peak, old_links = measure(old, claims, args.repeats, max_block=max_block)
                print(ROW.format(n_docs, len(claims), max_block, "old", f"{old_t:.1f}",
                                 f"{old_peak:.0f}", n_cand, len(old_links), ""))  # fmt: skip
                same = "yes" if links.equals(old_links) else "no"
                if same == "no" and link_claims(claims, max_block=max_block, max_links=None).equals(
                    old_links
                ):
                    same = "with max_links=None"
            print(ROW.format(n_docs, len(claims), max_block, "new", f"{t:.1f}", f"{peak:.0f}",
                             n_cand, len(links), same), flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
