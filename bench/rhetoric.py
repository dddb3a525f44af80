"""Speed of kzlib.rhetoric on the seeds and on larger SYNTHETIC sentence tables.

The large tables repeat the seeds' sentence table under new doc_ids (``000_..._r0001``):
no new text, so the counts are the seeds' counts; it measures time only. Prints
seconds and words per second for each analysis at each size; nothing is timed in
the test suite.

With ``--corpus`` it also times the pipeline's ``rhetoric`` stage as
:func:`kzlib.pipeline.process_part` runs it: :func:`~kzlib.rhetoric.measures`
(all measures, ``--n-boot`` resamples, seed 0) on the sentence table of each part
of ``--batch-size`` articles of a corpus (a folder of .txt, .parquet or .jsonl, e.g.
SYNTHETIC articles from ``bench/make_corpus.py``), reading and segmenting untimed.

Examples
--------
$ .venv/bin/python bench/rhetoric.py                    # seeds, x25, x250
$ .venv/bin/python bench/rhetoric.py --copies 25 1000 --n-boot 200
$ .venv/bin/python bench/make_corpus.py --n 1000 --out /tmp/syn1k.parquet
$ .venv/bin/python bench/rhetoric.py --copies 1 --corpus /tmp/syn1k.parquet
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from functools import partial

import pandas as pd

from kzlib.corpus.document import load_corpus
from kzlib.corpus.segment import sentences_frame
from kzlib.corpus.sources import DEFAULT_BATCH_SIZE, plan_source, read_part
from kzlib.rhetoric import (
    Lexicons,
    cooccurrence,
    evidence,
    keyness,
    load_lexicons,
    measures,
    similarity,
)
from kzlib.rhetoric.actors import load_actors
from kzlib.rhetoric.lexicon import Lexicon


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def time_stage(corpus: str, lex: Lexicons, gaz: Lexicon, n_boot: int, batch_size: int) -> None:
    """Time measures() part by part, as the pipeline's rhetoric stage runs it."""
    seconds, words, docs = 0.0, 0, 0
    for part in plan_source(corpus, batch_size=batch_size).parts:
        table = sentences_frame(read_part(part))
        body = table[table["kind"] == "body"]
        words += int(body["text"].str.count(r"\w+").sum())
        docs += table["doc_id"].nunique()
        seconds += _timed(partial(measures, table, lexicons=lex, actors=gaz, n_boot=n_boot))
    print(
        f"rhetoric stage on {corpus}: {docs} docs, {words} words, parts of {batch_size}, "
        f"B={n_boot}: {seconds:.2f} s, {words / seconds:,.0f} words/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 25, 250])
    parser.add_argument("--n-boot", type=int, default=1000)
    parser.add_argument("--corpus", help="also time the rhetoric stage on this corpus")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
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

    if args.corpus:
        time_stage(args.corpus, lex, gaz, args.n_boot, args.batch_size)


if __name__ == "__main__":
    main()
