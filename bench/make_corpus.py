"""Build a large SYNTHETIC corpus for scale benchmarks, by recombining the seed articles.

Every article is synthetic and labelled so: a ``synthetic`` column (always
true), ``source`` = ``synthetic (bench/make_corpus.py)`` and a ``note`` saying
how it was made. Nothing here is a real article or a real quotation; never use
it for analysis, only to measure speed and memory.

How an article is made (reproducible from ``--seed``):

- a title-case headline from a few templates, a dateline with a random date
  in 2023-2026, and a byline with a random name in two articles of three;
- body paragraphs drawn at random from the seeds' cleaned body paragraphs
  (and, now and then, a seed heading on its own line) until the article reaches
  about ``--words`` words (uniform between 0.5x and 1.5x);
- varied names (Tokayev, Putin, Nazarbayev, ... swapped among a list), every
  number replaced by a random one of similar size, years moved;
- a third of the articles hard-wrapped at 60-80 columns, a quarter with curly
  quotes and en dashes, a tenth with CRLF line ends, so cleaning has work to do.

Outputs: ``--out corpus.parquet`` (row groups of 1,000 rows) or ``.jsonl``;
``--txt-dir DIR`` also writes one ``.txt`` per article (with a manifest).

Examples
--------
$ .venv/bin/python bench/make_corpus.py --n 10000 --out /tmp/kz/10k.parquet
$ .venv/bin/python bench/make_corpus.py --n 1000 --out /tmp/kz/1k.jsonl --txt-dir /tmp/kz/1k
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from kzlib.corpus.document import load_corpus
from kzlib.corpus.segment import paragraphs_frame
from kzlib.paths import SEEDS_DIR

NOTE = (
    "SYNTHETIC: recombined by bench/make_corpus.py from paragraphs of the seed articles, "
    "with names, numbers and dates varied; not a real article; for benchmarks only"
)
SOURCE = "synthetic (bench/make_corpus.py)"
_NAMES = {
    "Tokayev": ["Tokayev", "Tokayev", "Smailov", "Nurlanov", "Akhmetova", "Bektenov"],
    "Putin": ["Putin", "Putin", "Lavrov", "Medvedev", "Peskov"],
    "Nazarbayev": ["Nazarbayev", "Abenov", "Dzhaksybekov"],
    "Erdogan": ["Erdogan", "Fidan", "Cavusoglu"],
    "Xi": ["Xi", "Wang", "Li"],
    "Trump": ["Trump", "Rubio", "Vance", "Biden"],
}
_NAME_RE = re.compile(r"\b(" + "|".join(_NAMES) + r")\b")
_NUMBER_RE = re.compile(r"\b\d+(?:[.,]\d+)?\b")
_YEAR_RE = re.compile(r"\b(19[5-9]\d|20[0-3]\d)\b")
_AUTHORS = [
    "Aigerim Sadykova",
    "Daniyar Omarov",
    "Elena Petrova",
    "James Whitfield",
    "Marat Kassymov",
    "Saule Zhunusova",
    "Timur Akhmetov",
    "Laura Bennett",
]
_TITLES = [
    "Kazakhstan and the {a} in a Changing {b}",
    "Why Astana Bets on the {a}",
    "Tokayev's {a} and the Politics of the {b}",
    "The {a}: What It Means for Central Asia",
    "Between Moscow and Brussels: The {a} Question",
]
_WORDS_A = ["Middle Corridor", "C5+1 Format", "Caspian Route", "UN Agenda", "Mediation Track"]
_WORDS_B = ["Region", "World Order", "Neighbourhood", "Decade", "Balance of Power"]
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_CURLY = str.maketrans({"'": "\u2019", "-": "\u2013"})


def seed_pool() -> tuple[list[str], list[str]]:
    """Body paragraphs and headings of the seed articles (cleaned text)."""
    paras = paragraphs_frame(load_corpus(SEEDS_DIR))
    body = paras.loc[paras["kind"] == "body", "text"].tolist()
    heads = paras.loc[paras["kind"] == "heading", "text"].tolist()
    return body, heads


def _vary(text: str, rng: random.Random) -> str:
    def number(m: re.Match[str]) -> str:
        s = m.group()
        if _YEAR_RE.fullmatch(s):
            return str(int(s) + rng.randint(-3, 1))
        digits = sum(ch.isdigit() for ch in s)
        lo = 10 ** (digits - 1) if digits > 1 else 1
        return str(rng.randint(lo, 10**digits - 1)) if "." not in s else f"{rng.uniform(1, 99):.1f}"

    text = _NAME_RE.sub(lambda m: rng.choice(_NAMES[m.group()]), text)
    return _NUMBER_RE.sub(number, text)


def _wrap(paragraph: str, width: int) -> str:
    lines: list[str] = []
    line = ""
    for word in paragraph.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def make_article(
    i: int, rng: random.Random, body: list[str], heads: list[str], *, words: int
) -> dict[str, object]:
    """One synthetic article as a row: doc_id, text, source, note, synthetic."""
    target = int(words * rng.uniform(0.5, 1.5))
    title = rng.choice(_TITLES).format(a=rng.choice(_WORDS_A), b=rng.choice(_WORDS_B))
    date = f"{rng.choice(_MONTHS)} {rng.randint(1, 28)}, {rng.randint(2023, 2026)}"
    header = [title, date]
    if rng.random() < 2 / 3:
        header.append(f"By {rng.choice(_AUTHORS)}")
    paras: list[str] = []
    n = 0
    while n < target:
        if paras and rng.random() < 0.08:
            paras.append(rng.choice(heads))
            continue
        p = _vary(rng.choice(body), rng)
        paras.append(p)
        n += p.count(" ") + 1
    wrap = rng.random() < 1 / 3
    if wrap:
        width = rng.randint(60, 80)
        paras = [_wrap(p, width) for p in paras]
    text = "\n".join(header) + "\n\n" + "\n\n".join(paras) + "\n"
    if rng.random() < 0.25:
        text = text.translate(_CURLY)
    if rng.random() < 0.1:
        text = text.replace("\n", "\r\n")
    return {
        "doc_id": f"syn_{i:07d}",
        "text": text,
        "source": SOURCE,
        "note": NOTE,
        "synthetic": True,
    }


def articles(n: int, *, seed: int = 0, words: int = 800) -> Iterator[dict[str, object]]:
    """``n`` synthetic articles, reproducible from ``seed``; texts are all distinct."""
    rng = random.Random(seed)
    body, heads = seed_pool()
    seen: set[int] = set()
    for i in range(1, n + 1):
        row = make_article(i, rng, body, heads, words=words)
        while hash(row["text"]) in seen:  # vanishingly rare; keep the corpus duplicate-free
            row = make_article(i, rng, body, heads, words=words)
        seen.add(hash(row["text"]))
        yield row


def write(
    n: int, out: Path, *, seed: int = 0, words: int = 800, txt_dir: Path | None = None
) -> int:
    """Write ``n`` articles to ``out`` (.parquet or .jsonl) and optionally a .txt folder.

    Returns the number of words (whitespace-separated) written.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    schema = pa.schema(
        [
            ("doc_id", pa.string()),
            ("text", pa.string()),
            ("source", pa.string()),
            ("note", pa.string()),
            ("synthetic", pa.bool_()),
        ],
        metadata={"kzlib": NOTE},
    )
    total = 0
    writer = pq.ParquetWriter(out, schema) if out.suffix == ".parquet" else None
    jsonl = out.open("w", encoding="utf-8") if out.suffix == ".jsonl" else None
    if writer is None and jsonl is None:
        raise SystemExit(f"{out}: output must end in .parquet or .jsonl")
    manifest = None
    if txt_dir is not None:
        txt_dir.mkdir(parents=True, exist_ok=True)
        manifest = (txt_dir / "manifest.csv").open("w", encoding="utf-8", newline="")
        mw = csv.writer(manifest)
        mw.writerow(["file", "doc_id", "source", "note"])
    batch: list[dict[str, object]] = []
    try:
        for row in articles(n, seed=seed, words=words):
            text = str(row["text"])
            total += len(text.split())
            batch.append(row)
            if jsonl is not None:
                jsonl.write(json.dumps(row, ensure_ascii=False) + "\n")
            if txt_dir is not None and manifest is not None:
                name = f"{row['doc_id']}.txt"
                (txt_dir / name).write_bytes(text.encode("utf-8"))
                mw.writerow([name, row["doc_id"], row["source"], row["note"]])
            if len(batch) == 1000:
                if writer is not None:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch and writer is not None:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    finally:
        if writer is not None:
            writer.close()
        if jsonl is not None:
            jsonl.close()
        if manifest is not None:
            manifest.close()
    return total


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, required=True, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="output .parquet or .jsonl")
    parser.add_argument("--txt-dir", type=Path, help="also write one .txt per article here")
    parser.add_argument("--words", type=int, default=800, help="mean words per article")
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    words = write(args.n, args.out, seed=args.seed, words=args.words, txt_dir=args.txt_dir)
    print(
        f"make_corpus: {args.n:,} SYNTHETIC articles, {words:,} words -> {args.out} "
        f"in {time.perf_counter() - t0:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
