"""Benchmark: coherence of kzlib's default topics against gensim's LdaModel.

The quality bar of issue 4: with the default parameters, the mean NPMI of the
top-10 terms of kzlib's topics, measured independently with gensim's
``CoherenceModel`` (``c_npmi``, window 10, over the whole documents), must be
at least 0.10 above that of gensim's ``LdaModel`` with the same number of
topics on the same corpus (median of 5 seeds).

For each corpus and seed this script fits ``kzlib.topics.fit_topics`` with its
defaults, then two gensim LDA baselines with the same number of topics and
the same tokens and stop words (so that only the model differs):

``lda-docs``   the usual gensim recipe: one bag of words per article
``lda-units``  one bag of words per kzlib unit (the same units kzlib fits on)

Each baseline runs 20 passes and up to 400 iterations, more than gensim's
defaults, so the baseline is not starved. All top-10 lists are scored by the
same ``CoherenceModel`` over two versions of the whole documents (tokenized
with ``kzlib.topics.tokenize``, so every top term is in gensim's dictionary):

``content``  stop words removed, as in gensim's usual recipe, where the texts
             that train the LDA also score it (the reading the bar is checked on)
``all``      every token kept, so the 10-token window is 10 words of running
             text (a stricter reading, reported beside it)

The margin is kzlib minus the better of the two baselines.

Corpora: the seeds, and news the defaults were not tuned on: the Lee corpora
shipped with gensim (``gensim/test/test_data/``): ``lee_background.cor``, 300
Australian Broadcasting Corporation articles of 45 to 620 words, one line each
(293 after dropping repeats), in full and as its first 40 articles (a corpus
of the seeds' order of size), and ``lee.cor``, 50 other articles. Each is
written as one ``.txt`` per article into a temporary folder and loaded with
``load_corpus`` like any corpus.

Run: ``.venv/bin/python bench/topics.py`` (about a minute); ``--quick`` for
the seeds only. ``--ungd`` instead fits the UN General Debate speeches of
2022-2024 (``../shared/dev/ungd``) at k = 15 and prints, beside the NPMI
margin, each model's topic diversity and the salutations among its top-10
words (the bars of issue 15: +0.10, 0.80, none).
"""

from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
import time
from pathlib import Path

import gensim
from gensim.corpora import Dictionary
from gensim.models import CoherenceModel, LdaModel

from kzlib import load_corpus, sentences_frame
from kzlib.paths import DEV_DIR, SEEDS_DIR
from kzlib.text import load_stopwords
from kzlib.text import topic_tokens as tokenize
from kzlib.topics import fit_topics

N_SEEDS = 5
TOP_N = 10
WINDOW = 10
GENSIM_DATA = Path(gensim.__file__).parent / "test" / "test_data"
LEE = GENSIM_DATA / "lee_background.cor"
LEE_50 = GENSIM_DATA / "lee.cor"


def _write_lee(folder: Path, n: int | None, source: Path = LEE) -> Path:
    # the file repeats a few articles; load_corpus (rightly) refuses duplicates.
    # lee.cor is Latin-1 (pound signs); the articles are written out as UTF-8
    raw = source.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    lines = list(dict.fromkeys(ln.strip() for ln in text.splitlines()))
    lines = [ln for ln in lines if ln]
    folder.mkdir(parents=True, exist_ok=True)
    for i, line in enumerate(lines[:n]):
        (folder / f"lee_{i:03d}.txt").write_text(line + "\n", encoding="utf-8")
    return folder


def _npmi(topics: list[list[str]], texts: list[list[str]]) -> float:
    dictionary = Dictionary(texts)
    model = CoherenceModel(
        topics=topics,
        texts=texts,
        dictionary=dictionary,
        coherence="c_npmi",
        window_size=WINDOW,
        processes=1,
    )
    return float(model.get_coherence())


def _gensim_lda(texts: list[list[str]], k: int, seed: int) -> list[list[str]]:
    dictionary = Dictionary(texts)
    bow = [dictionary.doc2bow(t) for t in texts]
    lda = LdaModel(
        corpus=bow, id2word=dictionary, num_topics=k, random_state=seed, passes=20, iterations=400
    )
    return [[w for w, _ in lda.show_topic(t, topn=TOP_N)] for t in range(k)]


def bench(name: str, folder: Path) -> dict[str, float]:
    corpus = load_corpus(folder)
    sents = sentences_frame(corpus)
    stops = load_stopwords()
    every = [tokenize(doc.text) for doc in corpus]
    content = [[t for t in doc if t not in stops] for doc in every]
    rows: dict[str, list[float]] = {}
    ks: list[int] = []
    seconds: list[float] = []
    for seed in range(N_SEEDS):
        start = time.perf_counter()
        model = fit_topics(sents, seed=seed)
        seconds.append(time.perf_counter() - start)
        k = model.n_topics
        ks.append(k)
        unit_texts = [[t for t in tokenize(text) if t not in stops] for text in model.units["text"]]
        candidates = {
            "kzlib": [model.top_terms(t, TOP_N) for t in range(k)],
            "lda-docs": _gensim_lda(content, k, seed),
            "lda-units": _gensim_lda(unit_texts, k, seed),
        }
        for label, topics in candidates.items():
            for ref_name, ref in (("all", every), ("content", content)):
                rows.setdefault(f"{label}:{ref_name}", []).append(_npmi(topics, ref))
    med = {key: statistics.median(values) for key, values in rows.items()}
    print(
        f"\n{name}: {len(corpus)} documents, {len(sents)} sentences, k chosen per seed {ks},"
        f" fit_topics median {statistics.median(seconds):.2f} s"
    )
    print(f"  {'median NPMI (5 seeds)':<24}{'content':>12}{'all tokens':>12}")
    for label in ("kzlib", "lda-docs", "lda-units"):
        print(f"  {label:<24}{med[label + ':content']:>12.3f}{med[label + ':all']:>12.3f}")
    for ref_name in ("content", "all"):
        best = max(med[f"lda-docs:{ref_name}"], med[f"lda-units:{ref_name}"])
        margin = med[f"kzlib:{ref_name}"] - best
        verdict = "meets" if margin >= 0.10 else "MISSES"
        print(f"  margin over the better LDA ({ref_name}): {margin:+.3f}  {verdict} the 0.10 bar")
    return med


def _margin(med: dict[str, float]) -> float:
    """kzlib's median NPMI minus the better gensim baseline's (content reference)."""
    return med["kzlib:content"] - max(med["lda-docs:content"], med["lda-units:content"])


#: Words of address and ceremony that must not be a top word of any topic (issue 15).
SALUTATIONS = frozenset(
    {
        "excellencies", "excellency", "ladies", "gentlemen", "thank", "thanks", "congratulate",
        "congratulations", "congratulating", "election", "elected", "distinguished", "delegates",
        "honour", "honor", "attention", "mr", "mrs", "madam", "sir", "greetings", "predecessor",
        "majesty", "highness",
    }
)
UNGD = DEV_DIR / "ungd" / "ungd_dev.parquet"


def _write_ungd(folder: Path, years: tuple[int, int]) -> Path:
    import pandas as pd

    table = pd.read_parquet(UNGD, columns=["doc_id", "year", "text"])
    table = table[table["year"].between(*years)]
    folder.mkdir(parents=True, exist_ok=True)
    for row in table.itertuples():
        (folder / f"{row.doc_id}.txt").write_text(str(row.text), encoding="utf-8")
    return folder


def _write_ungd_sample(folder: Path, n: int, year: int, seed: int = 0) -> Path:
    """``n`` speeches of one year, drawn with ``seed`` (a small corpus of speeches)."""
    import pandas as pd

    table = pd.read_parquet(UNGD, columns=["doc_id", "year", "text"])
    table = table[table["year"] == year].sample(n, random_state=seed)
    folder.mkdir(parents=True, exist_ok=True)
    for row in table.itertuples():
        (folder / f"{row.doc_id}.txt").write_text(str(row.text), encoding="utf-8")
    return folder


def bench_fixed_k(name: str, folder: Path, k: int, seeds: int = 2) -> None:
    """kzlib (defaults, boilerplate left out) against gensim LDA at the same k.

    Prints median NPMI (content reference), topic diversity, salutations among
    the top-10 words and fitting times; the bars: NPMI margin >= 0.10,
    diversity >= 0.80, no salutation.
    """
    from kzlib.topics.exclusivity import topic_diversity

    corpus = load_corpus(folder)
    sents = sentences_frame(corpus)
    stops = load_stopwords()
    content = [[t for t in tokenize(doc.text) if t not in stops] for doc in corpus]
    rows: dict[str, list[float]] = {}
    for seed in range(seeds):
        start = time.perf_counter()
        model = fit_topics(sents, n_topics=k, n_stability=0, seed=seed)
        kz_s = time.perf_counter() - start
        start = time.perf_counter()
        lda = _gensim_lda(content, k, seed)
        lda_s = time.perf_counter() - start
        for label, tops, secs in (
            ("kzlib", [model.top_terms(t, TOP_N) for t in range(k)], kz_s),
            ("lda-docs", lda, lda_s),
        ):
            words = [w for top in tops for w in top]
            for key, value in (
                ("npmi", _npmi(tops, content)),
                ("diversity", topic_diversity(tops)),
                ("salutations", float(sum(w in SALUTATIONS for w in words))),
                ("seconds", secs),
            ):
                rows.setdefault(f"{label}:{key}", []).append(value)
        if seed == 0:
            for t in range(k):
                print(f"  kzlib topic {t:2d}: {' '.join(model.top_terms(t, TOP_N))}")
    med = {key: statistics.median(v) for key, v in rows.items()}
    print(f"\n{name}: {len(corpus)} documents, k = {k}, median of {seeds} seeds")
    print(f"  {'':<10}{'NPMI':>8}{'diversity':>11}{'salutations':>13}{'seconds':>9}")
    for label in ("kzlib", "lda-docs"):
        print(
            f"  {label:<10}{med[label + ':npmi']:>8.3f}{med[label + ':diversity']:>11.3f}"
            f"{med[label + ':salutations']:>13.0f}{med[label + ':seconds']:>9.1f}"
        )
    margin = med["kzlib:npmi"] - med["lda-docs:npmi"]
    print(f"  NPMI margin {margin:+.3f} (bar +0.10), diversity {med['kzlib:diversity']:.2f} "
          f"(bar 0.80), salutations {med['kzlib:salutations']:.0f} (bar 0)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the seeds only")
    parser.add_argument(
        "--ungd", action="store_true", help="only UN speeches of 2022-2024 at k = 15 (issue 15)"
    )
    parser.add_argument(
        "--small",
        action="store_true",
        help="only small corpora nothing was tuned on: the news dev set (../shared/dev/news) "
        "and 8 UN speeches of 2024",
    )
    parser.add_argument(
        "--years",
        type=int,
        nargs="+",
        default=[2024],
        help="with --small: one sample of 8 speeches per year (default 2024; "
        "e.g. 2016 2018 2020 2022 2024 for the spread across samples)",
    )
    args = parser.parse_args()
    logging.getLogger("gensim").setLevel(logging.ERROR)
    if args.ungd:
        with tempfile.TemporaryDirectory() as tmp:
            bench_fixed_k("ungd 2022-2024", _write_ungd(Path(tmp) / "ungd", (2022, 2024)), 15)
        return
    if args.small:
        margins: dict[str, float] = {}
        with tempfile.TemporaryDirectory() as tmp:
            med = bench("news dev (21 official texts)", UNGD.parent.parent / "news")
            margins["news dev"] = _margin(med)
            for year in args.years:
                name = f"ungd-8 (8 speeches of {year})"
                med = bench(name, _write_ungd_sample(Path(tmp) / f"u8_{year}", 8, year))
                margins[f"8 speeches of {year}"] = _margin(med)
        print("\nsmall corpora: NPMI margin over the better gensim LDA (content reference)")
        for name, margin in margins.items():
            print(f"  {name:<24}{margin:+.3f}")
        speech = [m for name, m in margins.items() if name.startswith("8 speeches")]
        print(f"  median of the {len(speech)} speech samples: {statistics.median(speech):+.3f}"
              f" (min {min(speech):+.3f}); bar +0.10")
        return
    bench("seeds", SEEDS_DIR)
    if args.quick:
        return
    with tempfile.TemporaryDirectory() as tmp:
        bench("lee-40 (first 40 Lee articles)", _write_lee(Path(tmp) / "lee40", 40))
        bench("lee-300 (Lee background corpus)", _write_lee(Path(tmp) / "lee300", None))
        bench("lee-50 (gensim's lee.cor)", _write_lee(Path(tmp) / "lee50", None, LEE_50))


if __name__ == "__main__":
    main()
