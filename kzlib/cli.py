"""The ``kzlib`` command line (also ``python -m kzlib``).

Every command reads a corpus folder (``--corpus``, default ``seeds/``) and
writes a table (``--out F``, ``.csv`` or ``.parquet``) through the same
functions the notebooks call. Bad input gets one line on stderr naming the
file and what to do, and exit status 2; no traceback.

Examples
--------
>>> main(["corpus", "--out", "/tmp/kz_corpus_doctest.csv"])
0
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from kzlib import __version__
from kzlib.errors import InputError
from kzlib.paths import SEEDS_DIR

__all__ = ["build_parser", "main"]

Handler = Callable[[argparse.Namespace], int]


def _out_file(value: str) -> Path:
    path = Path(value)
    if path.suffix.lower() not in {".csv", ".parquet"}:
        raise argparse.ArgumentTypeError(f"{value}: output must end in .csv or .parquet")
    return path


def _corpus_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus",
        type=Path,
        default=SEEDS_DIR,
        metavar="DIR",
        help="folder of UTF-8 .txt articles, with an optional manifest.csv (default: seeds/); "
        "corpus, sentences, claims and rhetoric also read a .parquet or .jsonl table "
        "with a 'text' column",
    )


def _engine_args(parser: argparse.ArgumentParser) -> None:
    """Options of the batch pipeline (kzlib.pipeline) for large corpora."""
    g = parser.add_argument_group("large corpora (streamed in batches, see kzlib.pipeline)")
    g.add_argument(
        "--engine",
        choices=("local", "dask"),
        help="stream the corpus in batches in this process (local) or as Dask tasks (dask); "
        "a .parquet/.jsonl corpus is always streamed",
    )
    g.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="running dask.distributed scheduler, e.g. tcp://10.0.0.5:8786 "
        "(default: a local cluster)",
    )
    g.add_argument(
        "--jobs", type=_positive_int, metavar="N", help="workers of the local Dask cluster"
    )
    g.add_argument(
        "--batch-size",
        type=_positive_int,
        default=250,
        metavar="N",
        help="documents per batch (default: 250)",
    )


def _streamed(args: argparse.Namespace) -> bool:
    """Whether a command goes through the batch pipeline rather than an in-memory corpus."""
    table = Path(args.corpus).suffix.lower() in {".parquet", ".jsonl"}
    return bool(table or args.engine or args.scheduler or args.jobs)


def _cmd_streamed_claims(args: argparse.Namespace) -> int:
    """``kzlib claims`` on a streamed corpus: inventory per batch, then links over it."""
    if args.merge_sheet:
        raise InputError(
            "--merge-sheet works on an in-memory corpus only; merge the sheet in a notebook "
            "with kzlib.claims.merge_sheet(pandas.read_parquet(claims), read_sheet(sheet))"
        )
    _cmd_streamed(args, "claims", min_checkworthiness=args.min_checkworthiness)
    if args.links or args.export_sheet:
        from kzlib.claims import export_sheet
        from kzlib.pipeline import link_written_claims
        from kzlib.tables import write_table

        if args.links:
            links = link_written_claims(args.out, min_similarity=args.min_similarity)
            write_table(links, args.links)
            _progress(f"kzlib claims: {len(links)} links -> {args.links}")
        if args.export_sheet:
            import pandas as pd

            out = Path(args.out)
            claims = (
                pd.read_parquet(out)
                if out.suffix.lower() == ".parquet"
                else pd.read_csv(out, keep_default_na=False)
            )
            write_table(export_sheet(claims), args.export_sheet)
            _progress(f"kzlib claims: annotation sheet -> {args.export_sheet}")
    return 0


def _cmd_streamed_topics(args: argparse.Namespace) -> int:
    """``kzlib topics`` on a streamed corpus: sentences.parquet, then MiniBatchNMF over it."""
    from kzlib.pipeline import iter_sentence_batches
    from kzlib.tables import write_table
    from kzlib.topics import stream_topics

    if args.n_topics == "auto":
        raise InputError(
            "--n-topics auto refits the model for every k and needs an in-memory corpus; "
            "give a number of topics (e.g. --n-topics 10) for a streamed corpus"
        )
    if not isinstance(args.min_df, int) or isinstance(args.max_df, int):
        raise InputError(
            "a streamed corpus takes --min-df as a number of sentences and --max-df as a "
            "share (e.g. --min-df 5 --max-df 0.5)"
        )
    if args.method != "nmf" or args.ngram_max != 1:
        raise InputError("a streamed corpus supports --method nmf with single words only")
    args.out = args.out_dir / "sentences.parquet"
    _cmd_streamed(args, "sentences", headings=False)
    _progress("kzlib topics: fitting MiniBatchNMF on streamed sentence batches (sentence units)")
    result = stream_topics(
        lambda: iter_sentence_batches(args.out),
        n_topics=args.n_topics,
        n_terms=args.n_terms,
        min_df=args.min_df,
        max_df=float(args.max_df),
        seed=args.seed,
    )
    write_table(result.topic_terms, args.out_dir / "topic_terms.csv")
    write_table(result.doc_topics, args.out_dir / "doc_topics.csv")
    _progress(
        f"kzlib topics: {args.n_topics} topics on {result.n_units} sentences, "
        f"{result.n_terms} terms -> {args.out_dir}/ (topic_terms, doc_topics, sentences)"
    )
    return 0


def _cmd_streamed(args: argparse.Namespace, stage: str, **options: object) -> int:
    from kzlib.pipeline import run_pipeline

    if args.scheduler and args.engine != "dask":
        raise InputError("--scheduler needs --engine dask")
    if args.jobs and args.engine != "dask":
        raise InputError("--jobs needs --engine dask (the local engine uses one process)")
    summary = run_pipeline(
        args.corpus,
        outputs={stage: args.out},
        engine=args.engine or "local",
        scheduler=args.scheduler,
        jobs=args.jobs,
        batch_size=args.batch_size,
        options=options,
        label=f"kzlib {args.command}",
    )
    _progress(
        f"kzlib {args.command}: {summary.n_docs} documents, {summary.rows[stage]} rows "
        f"in {summary.wall:.1f} s -> {args.out}"
    )
    return 0


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# commands


def _cmd_corpus(args: argparse.Namespace) -> int:
    if _streamed(args):
        return _cmd_streamed(args, "corpus")
    from kzlib.corpus.document import load_corpus
    from kzlib.tables import write_table

    frame = load_corpus(args.corpus).to_frame()
    write_table(frame, args.out)
    _progress(f"kzlib corpus: {len(frame)} documents -> {args.out}")
    return 0


def _cmd_sentences(args: argparse.Namespace) -> int:
    if _streamed(args):
        return _cmd_streamed(args, "sentences", headings=not args.no_headings)
    from kzlib.corpus.document import load_corpus
    from kzlib.corpus.segment import sentences_frame
    from kzlib.tables import write_table

    frame = sentences_frame(load_corpus(args.corpus), headings=not args.no_headings)
    write_table(frame, args.out)
    _progress(f"kzlib sentences: {len(frame)} sentences -> {args.out}")
    return 0


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value}: give a whole number of at least 1")
    return number


def _cmd_report(args: argparse.Namespace) -> int:
    from kzlib.report.runner import report

    try:
        result = report(
            args.out,
            corpus=args.corpus,
            params=args.params,
            jobs=args.jobs,
            only=args.only or (),
            no_input=args.no_input,
        )
    except KeyboardInterrupt:  # already reported on the terminal; no traceback
        return 130
    return 0 if result.ok else 1


def _add_report(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "report",
        help="execute every notebook; write HTML, tables, index.html and run.json",
        description="Execute notebooks/NN_*.ipynb with papermill and publish a self-contained "
        "report folder: index.html, html/, notebooks/, tables/, run.json (provenance). "
        "Exit status 1 if a notebook failed (the report is still written), 2 for bad input.",
    )
    _corpus_arg(p)
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="report folder")
    p.add_argument(
        "--params",
        type=Path,
        metavar="FILE.yaml",
        help="parameter values: top-level keys for every notebook, a notebook's name "
        "(e.g. topics:) for that notebook only",
    )
    p.add_argument(
        "--jobs",
        type=_positive_int,
        metavar="N",
        help="notebooks run at once (default: number of CPU cores)",
    )
    p.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="run only this notebook (01_topics or topics); repeat for more",
    )
    p.add_argument("--no-input", action="store_true", help="hide code cells in the HTML")
    p.set_defaults(handler=_cmd_report)


def _cmd_claims(args: argparse.Namespace) -> int:
    if _streamed(args):
        return _cmd_streamed_claims(args)
    from kzlib.claims.extract import document_years, extract_claims
    from kzlib.claims.links import link_claims
    from kzlib.claims.sheets import export_sheet, merge_sheet, orphan_verdicts, read_sheet
    from kzlib.corpus.document import load_corpus
    from kzlib.corpus.segment import sentences_frame
    from kzlib.tables import write_table

    corpus = load_corpus(args.corpus)
    claims = extract_claims(sentences_frame(corpus), doc_years=document_years(corpus.to_frame()))
    if args.min_checkworthiness:
        claims = claims[claims["checkworthiness"] >= args.min_checkworthiness]
        claims = claims.reset_index(drop=True)
    if args.merge_sheet:
        sheet = read_sheet(args.merge_sheet)
        orphans = orphan_verdicts(claims, sheet)
        claims = merge_sheet(claims, sheet)
        if len(orphans):
            _progress(f"kzlib claims: {len(orphans)} annotated claims no longer exist (dropped)")
    write_table(claims, args.out)
    _progress(f"kzlib claims: {len(claims)} claims -> {args.out}")
    if args.links:
        links = link_claims(claims, min_similarity=args.min_similarity)
        write_table(links, args.links)
        flagged = int((links["disagreement"] != "").sum()) if len(links) else 0
        _progress(f"kzlib claims: {len(links)} links ({flagged} disagreeing) -> {args.links}")
    if args.export_sheet:
        write_table(export_sheet(claims), args.export_sheet)
        _progress(f"kzlib claims: annotation sheet -> {args.export_sheet}")
    return 0


def _unit_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"{value}: give a number from 0 to 1")
    return number


def _add_claims(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "claims",
        help="the claim inventory (typed, attributed, ranked) and cross-article claim links",
        description="One row per claim: type and tags, speaker, source, quotation, normalised "
        "numbers and dates, checkworthiness, stable claim_id (see kzlib.claims).",
    )
    _corpus_arg(p)
    p.add_argument("--out", type=_out_file, required=True, metavar="F", help="claim inventory")
    p.add_argument("--links", type=_out_file, metavar="F2", help="also write the claim links")
    p.add_argument(
        "--export-sheet",
        type=_out_file,
        metavar="F3",
        help="also write an annotation sheet with empty verdict/notes columns",
    )
    p.add_argument(
        "--merge-sheet",
        type=Path,
        metavar="SHEET.csv",
        help="carry the verdicts/notes of a filled sheet onto the inventory (by claim_id)",
    )
    p.add_argument(
        "--min-checkworthiness",
        type=_unit_float,
        default=0.0,
        metavar="X",
        help="keep claims scoring at least X (0..1; default 0)",
    )
    p.add_argument(
        "--min-similarity",
        type=_unit_float,
        default=0.24,
        metavar="X",
        help="similarity a claim link needs (0..1; default 0.24)",
    )
    _engine_args(p)
    p.set_defaults(handler=_cmd_claims)


def _df_value(value: str) -> int | float:
    """A document-frequency bound: a whole number of units, or a share of units (0..1)."""
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if number.is_integer() and number >= 1 and "." not in value:
        return int(number)
    if not 0.0 < number <= 1.0:
        raise argparse.ArgumentTypeError(f"{value}: give a whole number of units or a share (0..1]")
    return number


def _n_topics(value: str) -> int | str:
    return "auto" if value == "auto" else _positive_int(value)


def _cmd_topics(args: argparse.Namespace) -> int:
    if _streamed(args):
        return _cmd_streamed_topics(args)
    from kzlib.corpus.document import load_corpus
    from kzlib.corpus.segment import sentences_frame
    from kzlib.tables import write_table
    from kzlib.topics.model import fit_topics, topic_tables

    model = fit_topics(
        sentences_frame(load_corpus(args.corpus)),
        unit=args.unit,
        window_size=args.window_size,
        max_unit_words=args.max_unit_words or None,
        method=args.method,
        n_topics=args.n_topics,
        k_range=(args.k_range[0], args.k_range[1]),
        ngram_range=(1, args.ngram_max),
        min_df=args.min_df,
        max_df=args.max_df,
        n_terms=args.n_terms,
        n_stability=args.stability,
        max_docs=args.max_docs or None,
        seed=args.seed,
    )
    tables = topic_tables(model)
    for name, frame in tables.items():
        write_table(frame, args.out_dir / f"{name}.csv")
    _progress(
        f"kzlib topics: {model.n_topics} topics ({model.method} on {len(model.units)} "
        f"{model.unit} units) -> {args.out_dir}/ ({', '.join(tables)})"
    )
    return 0


def _add_topics(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "topics",
        help="topic model: topic_terms.csv, doc_topics.csv, unit-level weights, labels, exemplars",
        description="Fit NMF (TF-IDF) or LDA (counts) topics on paragraph, sentence or window "
        "units and write topic_terms.csv (topic, rank, term, weight), doc_topics.csv (doc_id, "
        "topic, weight), unit_topics.csv, units.csv, topics.csv (label, share, NPMI coherence, "
        "stability), exemplars.csv, coherence_by_k.csv and stability.csv (see kzlib.topics).",
    )
    _corpus_arg(p)
    p.add_argument("--out-dir", type=Path, required=True, metavar="D", help="output folder")
    p.add_argument("--unit", choices=("paragraph", "sentence", "window"), default="paragraph")
    p.add_argument(
        "--window-size", type=_positive_int, default=3, metavar="N", help="sentences per window"
    )
    p.add_argument(
        "--max-unit-words",
        type=int,
        default=150,
        metavar="N",
        help="cut longer paragraphs at sentence boundaries (0: never; default 150)",
    )
    p.add_argument("--method", choices=("nmf", "lda"), default="nmf")
    p.add_argument(
        "--n-topics",
        type=_n_topics,
        default="auto",
        metavar="K",
        help="number of topics, or 'auto' to choose it by NPMI coherence (default)",
    )
    p.add_argument(
        "--k-range",
        type=_positive_int,
        nargs=2,
        default=[2, 10],
        metavar=("MIN", "MAX"),
        help="numbers of topics tried by auto (default 2 10)",
    )
    p.add_argument(
        "--ngram-max", type=_positive_int, default=1, metavar="N", help="longest term in words"
    )
    p.add_argument("--min-df", type=_df_value, default=2, metavar="X", help="default 2 units")
    p.add_argument("--max-df", type=_df_value, default=0.95, metavar="X", help="default 0.95")
    p.add_argument("--n-terms", type=_positive_int, default=10, metavar="N", help="top terms")
    p.add_argument(
        "--stability", type=int, default=5, metavar="N", help="refits for stability (0: none)"
    )
    p.add_argument(
        "--max-docs",
        type=_non_negative_int,
        default=0,
        metavar="N",
        help="fit on a seeded random sample of N articles; every article still gets topic "
        "weights (0: fit on all, the default)",
    )
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    _engine_args(p)
    p.set_defaults(handler=_cmd_topics)


def _non_negative_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value}: give a whole number of at least 0")
    return number


def _cmd_rhetoric(args: argparse.Namespace) -> int:
    if _streamed(args):
        return _cmd_streamed(
            args,
            "rhetoric",
            lexicons=str(args.lexicons) if args.lexicons else None,
            actors=str(args.actors) if args.actors else None,
            include=tuple(args.measure or ("*",)),
            n_boot=args.n_boot,
            seed=args.seed,
        )
    from kzlib.corpus.document import load_corpus
    from kzlib.corpus.segment import sentences_frame
    from kzlib.rhetoric import load_lexicons, measures
    from kzlib.rhetoric.actors import load_actors
    from kzlib.tables import write_table

    lexicons = load_lexicons(args.lexicons)
    actors = load_actors(args.actors)
    sentences = sentences_frame(load_corpus(args.corpus))
    table = measures(
        sentences,
        lexicons=lexicons,
        actors=actors,
        include=args.measure or ("*",),
        n_boot=args.n_boot,
        seed=args.seed,
    )
    write_table(table, args.out)
    _progress(
        f"kzlib rhetoric: {table['doc_id'].nunique()} documents x "
        f"{table['measure'].nunique()} measures -> {args.out}"
    )
    return 0


def _add_rhetoric(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "rhetoric",
        help="rhetoric measures per article with bootstrap intervals (tidy table)",
        description="Hedges, boosters, attribution, first person, quotations, readability, "
        "lexical diversity, frames, metaphors and actor shares of every article, from body "
        "sentences (headings excluded), with percentile bootstrap intervals over sentences. "
        "Writes doc_id, measure, value, ci_low, ci_high.",
    )
    _corpus_arg(p)
    p.add_argument(
        "--out", type=_out_file, required=True, metavar="F", help="output .csv or .parquet"
    )
    p.add_argument(
        "--lexicons",
        type=Path,
        metavar="DIR",
        help="folder of <name>.v<N>.csv lexicons (default: data/lexicons/)",
    )
    p.add_argument(
        "--actors", type=Path, metavar="F", help="actor gazetteer CSV (default: data/actors.csv)"
    )
    p.add_argument(
        "--n-boot",
        type=_non_negative_int,
        default=1000,
        metavar="N",
        help="bootstrap resamples per article (default 1000; 0: no intervals)",
    )
    p.add_argument(
        "--seed", type=_non_negative_int, default=0, metavar="N", help="random seed (default 0)"
    )
    p.add_argument(
        "--measure",
        action="append",
        metavar="PATTERN",
        help="only these measures (name or pattern, e.g. 'frame_per_1k:*'); repeat for more",
    )
    _engine_args(p)
    p.set_defaults(handler=_cmd_rhetoric)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``kzlib`` command.

    Examples
    --------
    >>> build_parser().parse_args(["corpus", "--out", "c.csv"]).command
    'corpus'
    """
    parser = argparse.ArgumentParser(
        prog="kzlib",
        description="Load, clean and analyse a corpus of articles (topics, rhetoric, claims).",
    )
    parser.add_argument("--version", action="version", version=f"kzlib {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("corpus", help="one row per document: metadata, provenance, size, checksum")
    _corpus_arg(p)
    p.add_argument(
        "--out", type=_out_file, required=True, metavar="F", help="output .csv or .parquet"
    )
    _engine_args(p)
    p.set_defaults(handler=_cmd_corpus)

    p = sub.add_parser("sentences", help="one row per sentence with offsets into the cleaned text")
    _corpus_arg(p)
    p.add_argument(
        "--out", type=_out_file, required=True, metavar="F", help="output .csv or .parquet"
    )
    p.add_argument("--no-headings", action="store_true", help="leave headings out")
    _engine_args(p)
    p.set_defaults(handler=_cmd_sentences)

    # Analyses add their commands below, one `_add_<command>(sub)` function each.
    # >>> analysis commands
    _add_claims(sub)
    _add_report(sub)
    _add_rhetoric(sub)
    _add_topics(sub)
    # <<< analysis commands
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Examples
    --------
    >>> main(["sentences", "--out", "/tmp/kz_sent_doctest.csv"])
    0
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            status = handler(args)
        except InputError as exc:
            for w in caught:
                print(f"kzlib: warning: {w.message}", file=sys.stderr)
            print(f"kzlib: error: {exc}", file=sys.stderr)
            return 2
    for w in caught:
        print(f"kzlib: warning: {w.message}", file=sys.stderr)
    return status


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
