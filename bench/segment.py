"""Benchmark kzlib's sentence splitter against pySBD, side by side in one run.

Paragraphs: the 48 English golden-rule inputs plus every non-blank line of the
seed articles (``seeds/*.txt`` split on newlines). Each segmenter is called
once per paragraph, as the rest of kzlib calls it. For each segmenter the run
reports the median words/s over ``--repeats`` timed passes, its golden-rule
accuracy, and its tracemalloc peak over one untimed pass.

Run with ``.venv/bin/python bench/segment.py`` (pySBD is in the ``bench``
extra of pyproject.toml).

Examples
--------
$ .venv/bin/python bench/segment.py --repeats 7
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pysbd

from kzlib.corpus.sentences import split_sentences
from kzlib.paths import PROJECT_ROOT, SEEDS_DIR

GOLDEN_PATH = PROJECT_ROOT / "tests" / "fixtures" / "golden_rules_en.json"

Splitter = Callable[[str], list[str]]


def golden_rules() -> list[dict[str, object]]:
    """The 48 golden rules: rule number, name, text and expected sentences."""
    with GOLDEN_PATH.open(encoding="utf-8") as f:
        rules: list[dict[str, object]] = json.load(f)["rules"]
    return rules


def paragraphs(seeds: Path = SEEDS_DIR) -> list[str]:
    """Golden-rule inputs plus the non-blank lines of the seed articles."""
    paras = [str(rule["text"]) for rule in golden_rules()]
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8-sig")
        paras.extend(line.strip() for line in text.splitlines() if line.strip())
    return paras


def pysbd_splitter() -> Splitter:
    """pySBD as the issue specifies, with its sentences stripped of trailing spaces."""
    seg = pysbd.Segmenter(language="en", clean=False, char_span=False)

    def split(text: str) -> list[str]:
        return [s.strip() for s in seg.segment(text) if s.strip()]

    return split


def time_pass(split: Splitter, paras: list[str], *, loops: int) -> float:
    """Seconds for ``loops`` passes over ``paras``."""
    t0 = time.perf_counter()
    for _ in range(loops):
        for p in paras:
            split(p)
    return time.perf_counter() - t0


def peak_memory(split: Splitter, paras: list[str]) -> int:
    """tracemalloc peak (bytes) of one pass over ``paras``, results kept."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    kept = [split(p) for p in paras]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept
    return peak


def golden_accuracy(split: Splitter) -> tuple[int, list[int]]:
    """Number of golden rules passed and the numbers of those failed."""
    failed = [
        int(str(r["rule"])) for r in golden_rules() if split(str(r["text"])) != r["expected"]
    ]
    return 48 - len(failed), failed


def main() -> None:
    """Run both segmenters and print words/s, ratio, accuracy and peak memory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="timed passes; medians reported")
    parser.add_argument(
        "--min-seconds", type=float, default=0.2, help="minimum duration of one timed pass"
    )
    args = parser.parse_args()

    paras = paragraphs()
    n_words = sum(len(p.split()) for p in paras)
    n_chars = sum(len(p) for p in paras)
    splitters: dict[str, Splitter] = {"kzlib": split_sentences, "pySBD 0.3.4": pysbd_splitter()}
    print(f"paragraphs: {len(paras)}  words: {n_words}  characters: {n_chars}")
    print(f"repeats: {args.repeats} (median reported), one call per paragraph, single process\n")

    rates: dict[str, float] = {}
    rows = []
    for name, split in splitters.items():
        for p in paras:  # warm-up: regex compilation, pySBD's lazy set-up
            split(p)
        one = time_pass(split, paras, loops=1)
        loops = max(1, int(args.min_seconds / max(one, 1e-9)))
        times = [time_pass(split, paras, loops=loops) / loops for _ in range(args.repeats)]
        median = statistics.median(times)
        rates[name] = n_words / median
        passed, failed = golden_accuracy(split)
        peak = peak_memory(split, paras)
        n_sents = sum(len(split(p)) for p in paras)
        rows.append((name, rates[name], median, passed, failed, peak, n_sents))

    header = f"{'segmenter':<12} {'words/s':>12} {'ms/pass':>9} {'golden':>7} "
    print(header + f"{'peak MiB':>9} {'sentences':>9}  golden rules failed")
    for name, rate, median, passed, failed, peak, n_sents in rows:
        print(
            f"{name:<12} {rate:>12,.0f} {median * 1e3:>9.2f} {passed:>4}/48 "
            f"{peak / 2**20:>9.3f} {n_sents:>9}  {failed or '-'}"
        )
    kz, sbd = rates["kzlib"], rates["pySBD 0.3.4"]
    print(f"\nspeed ratio kzlib / pySBD: {kz / sbd:.1f}x (target >= 50x, > 1,000,000 words/s)")

    same = sum(split_sentences(p) == splitters["pySBD 0.3.4"](p) for p in paras)
    print(f"paragraphs segmented identically by both: {same}/{len(paras)}")


if __name__ == "__main__":
    main()
