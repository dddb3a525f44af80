"""The ``kzlib`` command line (also ``python -m kzlib``): arguments and exit statuses.

Every command reads a corpus folder (``--corpus``, default ``seeds/``) and
writes a table (``--out F``, ``.csv`` or ``.parquet``) through the same
functions the notebooks call (:mod:`kzlib.commands`). Whatever goes wrong
ends in one line on stderr (``kzlib: error: ...``) naming the file or option
and what to do, no traceback, nothing half-written at the target, and an
exit status that says which kind of fault it was (:mod:`kzlib.errors`): 2 bad
input, 69 Dask scheduler unreachable, 73 output path in the way, 74 disk full
or I/O error, 77 permission denied, 130 Ctrl-C, 143 SIGTERM.

Examples
--------
>>> main(["corpus", "--out", "/tmp/kz_corpus_doctest.csv"])
0
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import FrameType

from kzlib import __version__, commands
from kzlib.errors import EXIT_INTERRUPTED, EXIT_TERMINATED, FaultError, InputError
from kzlib.faults import describe_os_error
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
        help="folder of UTF-8 .txt articles, with an optional manifest.csv (default: seeds/), "
        "or a .parquet or .jsonl table with a 'text' column (other columns become groups)",
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


# ---------------------------------------------------------------------------
# commands


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value}: give a whole number of at least 1")
    return number


def _add_report(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "report",
        help="execute every notebook; write HTML, tables, index.html and run.json",
        description="Execute notebooks/NN_*.ipynb with papermill and publish a self-contained "
        "report folder: index.html, html/, notebooks/, tables/, run.json (provenance). "
        "Exit status 1 if a notebook failed (the report is still written), 2 for bad input; "
        "README (Bad input and faults) lists the others.",
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
    p.add_argument(
        "--no-input",
        action="store_true",
        help="leave code cells out of the HTML (by default they are folded behind a toggle)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="execute every notebook; by default a notebook whose inputs (corpus, parameters, "
        "notebook, kzlib, lockfile) are unchanged since the report at --out reuses its outputs",
    )
    p.add_argument(
        "--engine",
        choices=("auto", "local", "dask"),
        default="auto",
        help="where the corpus tables the notebooks read (documents, sentences, claims) are "
        "computed first, in one streamed pass: this process, or Dask with --jobs workers or "
        "--scheduler (default auto: Dask beyond four batches of articles)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="a running Dask scheduler (tcp://host:8786) for --engine dask; its workers "
        "must see the corpus at the same path",
    )
    p.set_defaults(handler=commands.cmd_report)


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
        default=0.28,
        metavar="X",
        help="similarity a claim link needs (0..1; default 0.28)",
    )
    _engine_args(p)
    p.set_defaults(handler=commands.cmd_claims)


def _df_value(value: str) -> int | float | str:
    """A document-frequency bound: a whole number of units, a share of units (0..1), or auto."""
    if value == "auto":
        return value
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
        default=None,
        metavar=("MIN", "MAX"),
        help="numbers of topics tried by auto (default: 2 to 10, more for corpora of over 100 "
        "documents: see kzlib.topics.scale)",
    )
    p.add_argument(
        "--ngram-max", type=_positive_int, default=1, metavar="N", help="longest term in words"
    )
    p.add_argument(
        "--min-df",
        type=_df_value,
        default="auto",
        metavar="X",
        help="fewest units a term is in (default auto: 2, more beyond 4,000 units)",
    )
    p.add_argument("--max-df", type=_df_value, default=0.95, metavar="X", help="default 0.95")
    p.add_argument("--n-terms", type=_positive_int, default=10, metavar="N", help="top terms")
    p.add_argument(
        "--n-stability",
        dest="stability",
        type=_non_negative_int,
        default=5,
        metavar="N",
        help="refits on 80%% subsamples for stability (0: none; the notebooks' n_stability)",
    )
    # the former name, kept working but no longer listed
    p.add_argument(
        "--stability", dest="stability", type=_non_negative_int, default=argparse.SUPPRESS,
        help=argparse.SUPPRESS,
    )
    p.add_argument(
        "--max-docs",
        type=_non_negative_int,
        default=0,
        metavar="N",
        help="fit on a seeded random sample of N articles; every article still gets topic "
        "weights (0: fit on all, the default)",
    )
    p.add_argument(
        "--keep-boilerplate",
        action="store_true",
        help="model salutations, thanks and formulas too (default: left out of the model, "
        "kept in the text; rules in data/boilerplate/)",
    )
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    _engine_args(p)
    p.set_defaults(handler=commands.cmd_topics)


def _non_negative_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value}: give a whole number of at least 0")
    return number


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
        help="folder of <name>.v<N>.csv lexicons that replace the shipped ones "
        "(default: data/lexicons/)",
    )
    p.add_argument(
        "--extra-lexicon",
        action="append",
        type=Path,
        metavar="F",
        help="your own <name>.v<N>.csv lexicon extending them (a shipped name adds rows, a new "
        "name adds measures <name>_per_1k:<category>); repeat for more",
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
    p.set_defaults(handler=commands.cmd_rhetoric)


def _add_keyness(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "keyness",
        help="keywords of each article against the rest, or of a group against the others",
        description="Log-likelihood keyness (G2, p-value, log ratio, counts). Without --group: "
        "each article against the rest of the corpus. With --group COLUMN --target VALUE: the "
        "articles whose COLUMN (a manifest column, a metadata field, or year) is VALUE against "
        "every other article with a value, both sides listed, with chi2 (quanteda's "
        "textstat_keyness(target = ...)). Boilerplate is left out unless --keep-boilerplate.",
    )
    _corpus_arg(p)
    p.add_argument(
        "--out", type=_out_file, required=True, metavar="F", help="output .csv or .parquet"
    )
    p.add_argument("--group", metavar="COLUMN", help="compare groups of articles by this column")
    p.add_argument("--target", metavar="VALUE", help="the group compared with all others")
    p.add_argument(
        "--top", type=_positive_int, default=20, metavar="N", help="terms per article or side"
    )
    p.add_argument(
        "--min-count", type=_positive_int, default=3, metavar="N", help="fewest uses (default 3)"
    )
    p.add_argument(
        "--keep-boilerplate",
        action="store_true",
        help="count salutations, thanks and formulas too (default: left out)",
    )
    p.set_defaults(handler=commands.cmd_keyness)


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
    p.set_defaults(handler=commands.cmd_corpus)

    p = sub.add_parser("sentences", help="one row per sentence with offsets into the cleaned text")
    _corpus_arg(p)
    p.add_argument(
        "--out", type=_out_file, required=True, metavar="F", help="output .csv or .parquet"
    )
    p.add_argument("--no-headings", action="store_true", help="leave headings out")
    _engine_args(p)
    p.set_defaults(handler=commands.cmd_sentences)

    # Analyses add their commands below, one `_add_<command>(sub)` function each.
    # >>> analysis commands
    _add_claims(sub)
    _add_report(sub)
    _add_rhetoric(sub)
    _add_keyness(sub)
    _add_topics(sub)
    # <<< analysis commands
    return parser


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that scratch files are removed on the way out."""


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(_signum: int, _frame: FrameType | None) -> None:
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupted(args: argparse.Namespace, exc: KeyboardInterrupt) -> tuple[int, str]:
    targets = ", ".join(str(p) for p in commands.output_targets(args)) or "the outputs"
    what = "terminated (SIGTERM)" if isinstance(exc, _Terminated) else "interrupted (Ctrl-C)"
    status = EXIT_TERMINATED if isinstance(exc, _Terminated) else EXIT_INTERRUPTED
    return status, f"{what}; nothing new written to {targets} (earlier files are as they were)"


def _run(handler: Handler, args: argparse.Namespace) -> tuple[int, str]:
    """Run a command; its exit status and, when it failed, the one line to print."""
    try:
        with _sigterm_as_interrupt():
            commands.check_outputs(args)
            return handler(args), ""
    except (InputError, FaultError) as exc:
        return exc.exit_status, str(exc)
    except OSError as exc:
        return describe_os_error(exc)
    except KeyboardInterrupt as exc:
        if args.command == "report" and not isinstance(exc, _Terminated):
            return EXIT_INTERRUPTED, ""  # the report has said so on the terminal
        return _interrupted(args, exc)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (see the module docstring).

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
        status, message = _run(handler, args)
    for w in caught:
        print(f"kzlib: warning: {w.message}", file=sys.stderr)
    if message:
        print(f"kzlib: error: {message}", file=sys.stderr)
    return status


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
