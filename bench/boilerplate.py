"""Measure boilerplate detection (kzlib.corpus.boilerplate) on UN General Debate speeches.

Reads a random sample of ``--docs`` speeches of ``../shared/dev/ungd/ungd_dev.parquet``
(through :func:`kzlib.corpus.iter_source`, so cleaned as any corpus), segments them
(:func:`kzlib.corpus.sentences_frame`), and reports:

- the share of sentences flagged, overall and among opening/closing sentences, by reason;
- the time to flag (rules and recurrence), in sentences per second;
- ``--show`` random flagged and ``--show`` random unflagged opening/closing sentences,
  to read and judge by hand (precision of the flags, misses among the rest);
- the recurring shapes found;
- with ``--topics K``: the share of top-10 topic words that are ceremonial words
  (:data:`CEREMONIAL`) in ``kzlib.topics.fit_topics`` at k = K, with every sentence,
  with boilerplate left out (the effect the mask is for), and with the salutations inside
  kept sentences blanked too (``strip_salutations``).

``--years 2022-2024`` keeps the speeches of those years only (the ``year`` column).

Examples
--------
$ .venv/bin/python bench/boilerplate.py --docs 2000 --show 30
$ .venv/bin/python bench/boilerplate.py --docs 0 --years 2022-2024 --topics 15
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import pandas as pd

from kzlib.corpus import iter_source, sentences_frame
from kzlib.corpus.boilerplate import (
    boilerplate_frame,
    boilerplate_mask,
    edge_positions,
    strip_salutations,
)
from kzlib.paths import DEV_DIR
from kzlib.topics import fit_topics

UNGD = DEV_DIR / "ungd" / "ungd_dev.parquet"
#: Words of salutations and ceremony, counted among the topics' top words.
CEREMONIAL = frozenset(
    [
        "president",
        "presidency",
        "excellency",
        "excellencies",
        "majesty",
        "ladies",
        "gentlemen",
        "distinguished",
        "delegates",
        "thank",
        "thanks",
        "attention",
        "congratulate",
        "congratulations",
        "congratulating",
        "election",
        "elected",
        "predecessor",
        "session",
        "seventy",
        "seventh",
        "eighth",
        "ninth",
        "honour",
        "honor",
        "privilege",
        "pleasure",
        "tribute",
        "gratitude",
        "appreciation",
        "behalf",
        "allow",
        "greetings",
    ]
)


def sample_sentences(
    path: Path, *, docs: int, seed: int, years: tuple[int, int] | None = None
) -> pd.DataFrame:
    """Sentence table of ``docs`` speeches drawn at random (all if ``docs`` is 0)."""
    everything = [d for batch in iter_source(path, batch_size=2000) for d in batch]
    if years is not None:
        meta = pd.read_parquet(path, columns=["doc_id", "year"])
        keep = set(meta.loc[meta["year"].between(*years), "doc_id"].astype(str))
        everything = [d for d in everything if d.doc_id in keep]
    chosen = everything if not docs else random.Random(seed).sample(everything, docs)
    return sentences_frame(chosen)


def show(title: str, frame: pd.DataFrame, n: int, seed: int) -> None:
    """Print ``n`` random rows of ``frame`` (doc, sentence, reason, text)."""
    print(f"\n## {title} ({len(frame)} in all; {min(n, len(frame))} at random)")
    pick = frame.sample(min(n, len(frame)), random_state=seed) if len(frame) else frame
    for row in pick.itertuples():
        reason = getattr(row, "rule", "")
        print(f"- [{row.doc_id} #{row.sent_id}] {reason} | {str(row.text)[:220]}")


def ceremonial_share(sents: pd.DataFrame, *, k: int, seed: int) -> tuple[float, list[str]]:
    """Share of the top-10 words of a k-topic model that are :data:`CEREMONIAL`."""
    model = fit_topics(sents, n_topics=k, n_stability=0, seed=seed)
    top = model.topic_terms[model.topic_terms["rank"] < 10]
    words = [w for term in top["term"] for w in str(term).split()]
    hits = sorted({w for w in words if w in CEREMONIAL})
    return sum(w in CEREMONIAL for w in words) / max(len(words), 1), hits


def main() -> None:
    """Run the measurement and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=UNGD)
    parser.add_argument("--docs", type=int, default=2000, help="speeches sampled (0: all)")
    parser.add_argument("--show", type=int, default=30, help="sentences printed per list")
    parser.add_argument("--edge", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--years", default="", help="e.g. 2022-2024 (the year column)")
    parser.add_argument("--topics", type=int, default=0, help="k for the topic comparison")
    args = parser.parse_args()
    years = tuple(int(y) for y in args.years.split("-")) if args.years else None

    t0 = time.perf_counter()
    sents = sample_sentences(
        args.path,
        docs=args.docs,
        seed=args.seed,
        years=(years[0], years[-1]) if years else None,
    )
    t1 = time.perf_counter()
    flags = boilerplate_frame(sents, edge=args.edge)
    t2 = time.perf_counter()
    body = sents[sents["kind"] == "body"]
    at_edge = edge_positions(sents, edge=args.edge)
    merged = sents.merge(flags, on=["doc_id", "sent_id"], how="left")
    merged["flagged"] = merged["reason"].notna()
    merged["edge"] = at_edge.to_numpy()
    n_docs = body["doc_id"].nunique()
    print(f"# Boilerplate on {n_docs} UN speeches, {len(body)} body sentences")
    print(
        f"read + segment {t1 - t0:.1f} s; flag {t2 - t1:.1f} s "
        f"({len(sents) / (t2 - t1):,.0f} sentences/s)"
    )
    print(
        f"flagged: {len(flags)} sentences = {len(flags) / len(body):.1%} of body sentences; "
        f"{merged.loc[merged['edge'], 'flagged'].mean():.1%} of opening/closing sentences "
        f"(first/last {args.edge}); docs with a flag: {flags['doc_id'].nunique() / n_docs:.1%}"
    )
    print("\nby reason (share of body sentences):")
    for reason, count in flags["reason"].value_counts().items():
        print(f"  {reason:<16} {count:>7} {count / len(body):6.2%}")
    print("\nby rule:")
    for rule, count in (
        flags["rule"]
        .where(~flags["rule"].str.startswith("recurring:"), "recurring")
        .value_counts()
        .items()
    ):
        print(f"  {rule:<22} {count:>7}")
    shapes = flags.loc[flags["reason"] == "recurring", "rule"].value_counts()
    print(f"\nrecurring shapes used: {len(shapes)}; most frequent:")
    for rule, count in shapes.head(15).items():
        print(f"  {count:>6}  {rule.removeprefix('recurring:')}")
    edge_rows = merged[merged["edge"] & (merged["kind"] == "body")]
    show("flagged opening/closing sentences", edge_rows[edge_rows["flagged"]], args.show, args.seed)
    show(
        "unflagged opening/closing sentences",
        edge_rows[~edge_rows["flagged"]],
        args.show,
        args.seed,
    )
    middle = merged[~merged["edge"] & merged["flagged"]]
    show("flagged sentences away from the edges", middle, min(args.show, 15), args.seed)
    if args.topics:
        kept = sents[~boilerplate_mask(sents)]
        stripped = kept.assign(text=strip_salutations(kept["text"].tolist()))
        variants = (
            ("all sentences", sents),
            ("boilerplate left out", kept),
            ("left out + salutations blanked", stripped),
        )
        for name, table in variants:
            share, hits = ceremonial_share(table, k=args.topics, seed=args.seed)
            print(f"\ntopics k={args.topics}, {name}: {share:.1%} of top-10 words ceremonial")
            print(f"  {', '.join(hits)}")


if __name__ == "__main__":
    main()
