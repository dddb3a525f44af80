"""What each ``kzlib`` command does once its arguments are parsed (:mod:`kzlib.cli`).

Every command first checks that its outputs can be written (and a Dask
scheduler reached) with :mod:`kzlib.faults`, so that a path in the way fails in
one line before any work, then reads the corpus, runs the same functions the
notebooks call and writes its tables atomically (:func:`kzlib.tables.write_table`).
Every CSV is safe to open in a spreadsheet: no text cell starts a formula
(:func:`kzlib.tables.write_table`; kzlib's readers undo the escape).

Examples
--------
>>> import argparse
>>> streamed(argparse.Namespace(corpus="c.parquet", engine=None, scheduler=None, jobs=None))
True
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kzlib.errors import InputError
from kzlib.faults import check_output_dir, check_output_file, check_scheduler

__all__ = [
    "check_outputs",
    "cmd_claims",
    "cmd_corpus",
    "cmd_report",
    "cmd_rhetoric",
    "cmd_sentences",
    "cmd_topics",
    "output_targets",
    "progress",
    "streamed",
]


def progress(message: str) -> None:
    """Print one line of progress on stderr.

    Examples
    --------
    >>> progress("kzlib: hello")
    """
    print(message, file=sys.stderr, flush=True)


def output_targets(args: argparse.Namespace) -> list[Path]:
    """The paths a command will write (files and folders), for messages and checks.

    Examples
    --------
    >>> output_targets(argparse.Namespace(out=Path("c.csv"), links=None))
    [PosixPath('c.csv')]
    """
    names = ("out", "links", "export_sheet", "out_dir")
    return [Path(getattr(args, n)) for n in names if getattr(args, n, None)]


def check_outputs(args: argparse.Namespace) -> None:
    """Refuse outputs that cannot be written before any work (see :mod:`kzlib.faults`).

    Examples
    --------
    >>> import tempfile
    >>> check_outputs(argparse.Namespace(command="corpus", out=Path(tempfile.mkdtemp()) / "c.csv"))
    """
    if args.command == "report":
        out = Path(args.out)
        if out.exists() and not out.is_dir():
            return  # refused by kzlib.report.output with the report's own message
        check_output_file(out / "run.json", option="--out")
        return
    for name, option in (
        ("out", "--out"),
        ("links", "--links"),
        ("export_sheet", "--export-sheet"),
    ):
        value = getattr(args, name, None)
        if value:
            check_output_file(Path(value), option=option)
    if getattr(args, "out_dir", None):
        check_output_dir(Path(args.out_dir))


def streamed(args: argparse.Namespace) -> bool:
    """Whether a command goes through the batch pipeline rather than an in-memory corpus."""
    table = Path(args.corpus).suffix.lower() in {".parquet", ".jsonl"}
    return bool(table or args.engine or args.scheduler or args.jobs)


def _run_streamed(args: argparse.Namespace, stage: str, **options: object) -> int:
    from kzlib.pipeline import run_pipeline

    if args.scheduler and args.engine != "dask":
        raise InputError("--scheduler needs --engine dask")
    if args.jobs and args.engine != "dask":
        raise InputError("--jobs needs --engine dask (the local engine uses one process)")
    if args.scheduler:
        check_scheduler(args.scheduler)
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
    progress(
        f"kzlib {args.command}: {summary.n_docs} documents, {summary.rows[stage]} rows "
        f"in {summary.wall:.1f} s -> {args.out}"
    )
    return 0


def _streamed_claims(args: argparse.Namespace) -> int:
    """``kzlib claims`` on a streamed corpus: inventory per batch, then links over it."""
    if args.merge_sheet:
        raise InputError(
            "--merge-sheet works on an in-memory corpus only; merge the sheet in a notebook "
            "with kzlib.claims.merge_sheet(pandas.read_parquet(claims), read_sheet(sheet))"
        )
    _run_streamed(args, "claims", min_checkworthiness=args.min_checkworthiness)
    if args.links or args.export_sheet:
        from kzlib.claims import export_sheet
        from kzlib.pipeline import link_written_claims
        from kzlib.tables import unneutralise, write_table

        if args.links:
            links = link_written_claims(args.out, min_similarity=args.min_similarity)
            write_table(links, args.links)
            progress(f"kzlib claims: {len(links)} links -> {args.links}")
        if args.export_sheet:
            import pandas as pd

            out = Path(args.out)
            claims = (
                pd.read_parquet(out)
                if out.suffix.lower() == ".parquet"
                else unneutralise(pd.read_csv(out, keep_default_na=False))
            )
            write_table(export_sheet(claims), args.export_sheet)
            progress(f"kzlib claims: annotation sheet -> {args.export_sheet}")
    return 0


def _streamed_topics(args: argparse.Namespace) -> int:
    """``kzlib topics`` on a streamed corpus: sentences.parquet, then MiniBatchNMF over it."""
    from kzlib.pipeline import iter_sentence_batches
    from kzlib.tables import write_table
    from kzlib.topics import stream_topics

    if args.n_topics == "auto":
        raise InputError(
            "--n-topics auto refits the model for every k and needs an in-memory corpus; "
            "give a number of topics (e.g. --n-topics 10) for a streamed corpus"
        )
    if args.min_df == "auto":
        args.min_df = 2  # sentences; the scaled rule needs the whole corpus in memory
    if not isinstance(args.min_df, int) or isinstance(args.max_df, int):
        raise InputError(
            "a streamed corpus takes --min-df as a number of sentences and --max-df as a "
            "share (e.g. --min-df 5 --max-df 0.5)"
        )
    if args.method != "nmf" or args.ngram_max != 1:
        raise InputError("a streamed corpus supports --method nmf with single words only")
    args.out = args.out_dir / "sentences.parquet"
    _run_streamed(args, "sentences", headings=False)
    progress("kzlib topics: fitting MiniBatchNMF on streamed sentence batches (sentence units)")
    result = stream_topics(
        lambda: iter_sentence_batches(args.out),
        n_topics=args.n_topics,
        n_terms=args.n_terms,
        min_df=args.min_df,
        max_df=float(args.max_df),
        boilerplate=not args.keep_boilerplate,
        seed=args.seed,
    )
    write_table(result.topic_terms, args.out_dir / "topic_terms.csv")
    write_table(result.doc_topics, args.out_dir / "doc_topics.csv")
    progress(
        f"kzlib topics: {args.n_topics} topics on {result.n_units} sentences, "
        f"{result.n_terms} terms -> {args.out_dir}/ (topic_terms, doc_topics, sentences)"
    )
    return 0


def cmd_corpus(args: argparse.Namespace) -> int:
    """``kzlib corpus``: one row per document."""
    if streamed(args):
        return _run_streamed(args, "corpus")
    from kzlib.corpus import load_corpus
    from kzlib.tables import write_table

    frame = load_corpus(args.corpus).to_frame()
    write_table(frame, args.out)
    progress(f"kzlib corpus: {len(frame)} documents -> {args.out}")
    return 0


def cmd_sentences(args: argparse.Namespace) -> int:
    """``kzlib sentences``: one row per sentence."""
    if streamed(args):
        return _run_streamed(args, "sentences", headings=not args.no_headings)
    from kzlib.corpus import load_corpus, sentences_frame
    from kzlib.tables import write_table

    frame = sentences_frame(load_corpus(args.corpus), headings=not args.no_headings)
    write_table(frame, args.out)
    progress(f"kzlib sentences: {len(frame)} sentences -> {args.out}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """``kzlib report``: 0 all notebooks ok, 1 one failed, 130 interrupted."""
    from kzlib.report.runner import report

    try:
        result = report(
            args.out,
            corpus=args.corpus,
            params=args.params,
            jobs=args.jobs,
            only=args.only or (),
            no_input=args.no_input,
            force=args.force,
            engine=args.engine,
            scheduler=args.scheduler,
        )
    except KeyboardInterrupt as exc:  # already reported on the terminal; no traceback
        if type(exc) is not KeyboardInterrupt:  # SIGTERM: kzlib.cli says so
            raise
        return 130
    return 0 if result.ok else 1


def cmd_claims(args: argparse.Namespace) -> int:
    """``kzlib claims``: the claim inventory, links and annotation sheet."""
    if streamed(args):
        return _streamed_claims(args)
    from kzlib.claims import (
        document_dates,
        document_years,
        export_sheet,
        extract_claims,
        link_claims,
        merge_sheet,
        orphan_verdicts,
        read_sheet,
    )
    from kzlib.corpus import load_corpus, sentences_frame
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
            progress(f"kzlib claims: {len(orphans)} annotated claims no longer exist (dropped)")
    links = (
        link_claims(
            claims,
            min_similarity=args.min_similarity,
            doc_dates=document_dates(corpus.to_frame()),
        )
        if args.links
        else None
    )
    write_table(claims, args.out)
    progress(f"kzlib claims: {len(claims)} claims -> {args.out}")
    if links is not None:
        write_table(links, args.links)
        flagged = int((links["disagreement"] != "").sum()) if len(links) else 0
        progress(f"kzlib claims: {len(links)} links ({flagged} disagreeing) -> {args.links}")
    if args.export_sheet:
        write_table(export_sheet(claims), args.export_sheet)
        progress(f"kzlib claims: annotation sheet -> {args.export_sheet}")
    return 0


def cmd_topics(args: argparse.Namespace) -> int:
    """``kzlib topics``: the topic model's tables."""
    if streamed(args):
        return _streamed_topics(args)
    from kzlib.corpus import load_corpus, sentences_frame
    from kzlib.tables import write_table
    from kzlib.topics import fit_topics, topic_tables

    model = fit_topics(
        sentences_frame(load_corpus(args.corpus)),
        unit=args.unit,
        window_size=args.window_size,
        max_unit_words=args.max_unit_words or None,
        method=args.method,
        n_topics=args.n_topics,
        k_range=(args.k_range[0], args.k_range[1]) if args.k_range else "auto",
        ngram_range=(1, args.ngram_max),
        min_df=args.min_df,
        max_df=args.max_df,
        n_terms=args.n_terms,
        n_stability=args.stability,
        max_docs=args.max_docs or None,
        boilerplate=not args.keep_boilerplate,
        seed=args.seed,
    )
    tables = topic_tables(model)
    for name, frame in tables.items():
        write_table(frame, args.out_dir / f"{name}.csv")
    progress(
        f"kzlib topics: {model.n_topics} topics ({model.method} on {len(model.units)} "
        f"{model.unit} units) -> {args.out_dir}/ ({', '.join(tables)})"
    )
    return 0


def cmd_rhetoric(args: argparse.Namespace) -> int:
    """``kzlib rhetoric``: the rhetoric measures per article."""
    if streamed(args) and args.extra_lexicon:
        raise InputError(
            "--extra-lexicon: a streamed corpus reads one lexicon folder; put your files beside "
            "copies of data/lexicons/ and pass --lexicons DIR"
        )
    if streamed(args):
        return _run_streamed(
            args,
            "rhetoric",
            lexicons=str(args.lexicons) if args.lexicons else None,
            actors=str(args.actors) if args.actors else None,
            include=tuple(args.measure or ("*",)),
            n_boot=args.n_boot,
            seed=args.seed,
        )
    from kzlib.corpus import load_corpus, sentences_frame
    from kzlib.rhetoric import load_actors, load_lexicons, measures
    from kzlib.tables import write_table

    lexicons = load_lexicons(args.lexicons, extra=args.extra_lexicon or ())
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
    progress(
        f"kzlib rhetoric: {table['doc_id'].nunique()} documents x "
        f"{table['measure'].nunique()} measures -> {args.out}"
    )
    return 0


def cmd_keyness(args: argparse.Namespace) -> int:
    """``kzlib keyness``: keywords per article, or of a target group against the others."""
    from kzlib.corpus import load_corpus, sentences_frame
    from kzlib.rhetoric import doc_groups, group_keyness, keyness
    from kzlib.tables import write_table

    if bool(args.group) != bool(args.target):
        raise InputError("--group and --target go together: name the column and the group")
    corpus = load_corpus(args.corpus)  # a folder, or a table whose own columns are groups
    sentences = sentences_frame(corpus)
    boilerplate = not args.keep_boilerplate
    if args.group:
        groups = doc_groups(corpus.to_frame(), args.group)
        table = group_keyness(
            sentences,
            groups,
            target=args.target,
            top=args.top,
            min_count=args.min_count,
            boilerplate=boilerplate,
        )
        what = f"{args.group} = {args.target} against the other {groups.nunique() - 1} group(s)"
    else:
        table = keyness(sentences, top=args.top, min_count=args.min_count, boilerplate=boilerplate)
        what = f"{table['doc_id'].nunique()} articles against the rest"
    write_table(table, args.out)
    progress(f"kzlib keyness: {what}, {len(table)} rows -> {args.out}")
    return 0
