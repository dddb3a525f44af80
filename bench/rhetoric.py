"""Speed of kzlib.rhetoric on the seeds and on larger SYNTHETIC sentence tables.

The large tables repeat the seeds' sentence table under new doc_ids (``000_..._r0001``):
no new text, so the counts are the seeds' counts; it measures time only. Prints
seconds and words per second for each analysis at each size; nothing is timed in
the test suite.

Examples
--------
$ .venv/bin/python bench/rhetoric.py                    # seeds, x25, x250
$ .venv/bin/python bench/rhetoric.py --copies 25 1000 --n-boot 200
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from functools import partial

import pandas as pd

from kzlib.actors import load_actors
from kzlib.corpus import load_corpus
from kzlib.rhetoric import cooccurrence, evidence, keyness, load_lexicons, measures, similarity
from kzlib.segment import sentences_frame


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 25, 250])
    parser.add_argument("--n-boot", type=int, default=1000)
    args = parser.parse_args()
    seeds = sentences_frame(load_corpus())
    lex, gaz = load_lexicons(), load_actors()
    keyness(seeds.head(2))  # import scikit-learn once, outside the timings
    header = ["copies", "docs", "words", "analysis", "seconds", "words/s"]
    print("{:>7} {:>6} {:>9}  {:<15} {:>8} {:>10}".format(*header))
    for k in args.copies:
        table = pd.concat(
            [seeds.assign(doc_id=seeds["doc_id"] + f"_r{i:04d}") for i in range(k)],
            ignore_index=True,
        )
        body = table[table["kind"] == "body"]
        words = int(body["text"].str.count(r"\w+").sum())
        first = str(table["doc_id"].iloc[0])
        runs: dict[str, Callable[[], object]] = {
            f"measures B={args.n_boot}": partial(
                measures, table, lexicons=lex, actors=gaz, n_boot=args.n_boot
            ),
            "keyness": partial(keyness, table),
            "cooccurrence": partial(cooccurrence, table, actors=gaz),
            "evidence 1 doc": partial(
                evidence, table, "frame_per_1k:balancing", doc_id=first, lexicons=lex, actors=gaz
            ),
        }
        if k <= 250:  # all pairs: quadratic in articles
            runs["similarity"] = partial(similarity, table)
        for name, fn in runs.items():
            sec = _timed(fn)
            print(
                f"{k:>7} {table['doc_id'].nunique():>6} {words:>9}  {name:<15} "
                f"{sec:>8.2f} {words / sec:>10,.0f}"
            )


if __name__ == "__main__":
    main()
