"""Execute every notebook and publish a browsable, self-contained report.

:func:`report` runs each ``notebooks/NN_name.ipynb`` in numeric order with
papermill, renders the executed copies to HTML in-process, and writes::

    DIR/index.html          the page to open first: status, duration, parameters,
                            links, corpus summary, tables, provenance
    DIR/run.json            the same record, machine-readable
    DIR/notebooks/*.ipynb   executed notebooks (outputs up to the error if one fails)
    DIR/html/*.html         self-contained pages (see :mod:`kzlib.report.html`)
    DIR/tables/*            every table the notebooks write

The steps live in their own modules: which notebooks run and in what order
(:mod:`kzlib.report.notebooks`), their parameters, read from ``--params`` and
checked for type and range before anything runs (:mod:`kzlib.report.params`),
how kernels start (:mod:`kzlib.report.kernelspec`, :mod:`kzlib.report.kernel`),
the run record and index (:mod:`kzlib.report.record`), and the build folder
swapped atomically into place (:mod:`kzlib.report.output`).

Corpus
    A folder of ``.txt`` articles (a manifest is optional): the notebooks load
    it into memory and show every file. A ``.parquet``/``.jsonl`` table is for
    the streamed commands and is refused with a line that says so.

Parallelism
    Notebooks depend only on the corpus, so ``jobs`` of them run at once (threads
    in this process, each driving its own kernel process). One HTML exporter,
    built while the first kernels start, renders each notebook as it finishes.
    Notebooks start in numeric order, except that when ``DIR`` holds a previous
    report and several run at once, the ones that took longest start first.
    ``bench/report.py`` times the whole report against one papermill run.

Incremental
    A notebook whose inputs hash as in the previous report at ``DIR``
    (:mod:`kzlib.report.fingerprint`) is not executed: its executed notebook,
    page and tables are copied from it byte for byte, said in the progress
    (``01_topics: unchanged, reused``) and in ``run.json`` (``"reused": true``).
    ``force`` executes all. Each notebook writes its tables into a folder of its
    own in the build folder, moved into ``tables/`` when it ends, so the record
    knows which tables each notebook wrote. When there is a previous report, the
    kernel fork server starts only once it is known that a notebook must run.

Atomicity
    Everything is built in a scratch folder beside ``DIR`` and swapped into place
    at the end, so ``DIR`` always holds a complete report, old or new
    (:mod:`kzlib.report.output`). An existing ``DIR`` is only replaced if it is
    empty or a previous report (holds ``run.json``).

Examples
--------
>>> import tempfile, pathlib
>>> from kzlib.paths import SEEDS_DIR
>>> out = pathlib.Path(tempfile.mkdtemp()) / "report"
>>> result = report(out, corpus=SEEDS_DIR, progress=None)  # doctest: +SKIP
>>> result.ok, (out / "index.html").exists()  # doctest: +SKIP
(True, True)
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kzlib.checks import check_choice
from kzlib.errors import InputError
from kzlib.paths import NOTEBOOKS_DIR, PROJECT_ROOT, SEEDS_DIR
from kzlib.report.fingerprint import previous_record, reuse_outputs, reuse_plan
from kzlib.report.kernelspec import (
    KERNEL_ARGS,
    KERNEL_ENV,
    KERNEL_NAME,
    kernel_manager_class,
    kernel_python,
    start_fork_server,
)
from kzlib.report.needs import notebook_tables
from kzlib.report.notebooks import (
    find_notebooks,
    select_notebooks,
    skip_slow_optional_imports,
    start_order,
)
from kzlib.report.output import discard, prepare_out, swap_into_place
from kzlib.report.page import reader_paths
from kzlib.report.params import (
    CONTRACT_PARAMETERS,
    declared_parameters,
    plan_parameters,
    read_params,
)
from kzlib.report.provenance import display_path, reader_path
from kzlib.report.record import NotebookRun, RunResult, build_record, write_record

__all__ = [
    "CONTRACT_PARAMETERS",
    "KERNEL_ARGS",
    "KERNEL_ENV",
    "NotebookRun",
    "RunResult",
    "declared_parameters",
    "find_notebooks",
    "kernel_python",
    "plan_parameters",
    "read_params",
    "report",
]

Progress = Callable[[str], None]
#: Kept under its old name for callers of 0.2.
_start_order = start_order


def _last_line(text: str) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


#: A page bigger than this opens slowly in a browser: the report warns (issue 18).
MAX_PAGE_BYTES = 5_000_000


def _default_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _check_corpus(corpus: Path) -> Path:
    """The corpus (folder, ``.parquet`` or ``.jsonl``), resolved; one line when it is none."""
    from kzlib.corpus.sources import source_kind

    corpus = Path(corpus).resolve()
    source_kind(corpus)  # InputError naming what --corpus accepts
    return corpus


def _close_thread_loop() -> None:
    # nbclient runs each notebook on an event loop it creates for the calling thread and
    # never closes; close it so that no "unclosed event loop" warning reaches the user.
    from jupyter_core.utils import ensure_event_loop

    loop = ensure_event_loop()
    if not loop.is_running():
        loop.close()


def _final_text(text: str, moves: dict[str, str]) -> str:
    for before, after in moves.items():
        text = text.replace(before, after)
    return text


def _show_final_paths(nb: Any, *, moves: dict[str, str]) -> bool:
    # The notebook wrote into the build folder, which becomes ``out`` when the run ends:
    # show readers the folders where the tables are, in the injected parameters, in the
    # parameters papermill records in the notebook's metadata and in what cells printed.
    changed = False
    recorded = nb.metadata.get("papermill", {}).get("parameters", {})
    for name, value in recorded.items():
        if isinstance(value, str) and _final_text(value, moves) != value:
            recorded[name] = _final_text(value, moves)
            changed = True
    for cell in nb.cells:
        texts: list[tuple[Any, str]] = [(cell, "source")]
        for output in cell.get("outputs", []):
            if "text" in output:
                texts.append((output, "text"))
            for mime in ("text/plain", "text/html", "text/markdown"):
                if mime in output.get("data", {}):
                    texts.append((output["data"], mime))
        for holder, key in texts:
            value = holder[key]
            joined = value if isinstance(value, str) else "".join(value)
            final = _final_text(joined, moves)
            if final != joined:
                holder[key] = final
                changed = True
    return changed


def _collect_tables(staging: Path, tables: Path) -> tuple[str, ...]:
    """Move what one notebook wrote into the report's tables folder; their report paths."""
    written: list[str] = []
    if staging.is_dir():
        for path in sorted(staging.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                relative = path.relative_to(staging)
                target = tables / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
                written.append(f"tables/{relative.as_posix()}")
        shutil.rmtree(staging, ignore_errors=True)
    return tuple(written)


def _run_one(
    nb: Path,
    params: dict[str, Any],
    *,
    build: Path,
    out: Path,
    kernel_manager: type[Any],
    renderer: Future[Any],
    progress: Progress,
    label: str,
    paths: dict[str, str],
) -> NotebookRun:
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    executed = build / "notebooks" / nb.name
    page = build / "html" / f"{nb.stem}.html"
    staging = Path(params["tables_dir"])
    progress(f"kzlib report: {label} {nb.stem}: running")
    start = time.perf_counter()
    error = ""
    try:
        papermill.execute_notebook(
            str(nb),
            str(executed),
            parameters=params,
            kernel_name=KERNEL_NAME,
            kernel_manager_class=kernel_manager,
            resources={"metadata": {"path": str(build)}},
            progress_bar=False,
            request_save_on_cell_execute=True,  # a kernel that dies keeps what it printed
        )
    except PapermillExecutionError as exc:
        error = f"{exc.ename}: {_last_line(exc.evalue)}".rstrip(": ")
    except Exception as exc:  # a kernel that dies or never starts: record, keep the others
        error = _last_line(f"{type(exc).__name__}: {exc}") or type(exc).__name__
    finally:
        _close_thread_loop()
    tables = _collect_tables(staging, build / "tables")
    moves = {str(staging): str(out / "tables"), str(build): str(out)}
    try:
        if executed.exists():
            nb_node = nbformat.read(executed, as_version=4)  # type: ignore[no-untyped-call]
            if _show_final_paths(nb_node, moves=moves):
                nbformat.write(nb_node, executed)  # type: ignore[no-untyped-call]
        else:  # execution never started: publish the notebook as it was given
            nb_node = nbformat.read(nb, as_version=4)  # type: ignore[no-untyped-call]
            nbformat.write(nb_node, executed)  # type: ignore[no-untyped-call]
        text = renderer.result().render(nb_node, title=nb.stem, tables=tables, paths=paths)
        page.write_text(text, encoding="utf-8")
        if page.stat().st_size > MAX_PAGE_BYTES:
            progress(
                f"kzlib report: {label} {nb.stem}: warning: its page is "
                f"{page.stat().st_size / 1e6:.1f} MB (over {MAX_PAGE_BYTES / 1e6:.0f} MB, slow "
                "to open); lower max_rows or max_docs_shown, the tables keep every row"
            )
    except Exception as exc:
        error = error or _last_line(f"rendering failed: {type(exc).__name__}: {exc}")
    seconds = time.perf_counter() - start
    status = "failed" if error else "ok"
    suffix = f": {error}" if error else ""
    state = "FAILED" if error else "done"
    progress(f"kzlib report: {label} {nb.stem}: {state} in {seconds:.1f} s{suffix}")
    return NotebookRun(nb.stem, nb, params, status, error, seconds, tables)


def _run_all(
    notebooks: list[Path],
    run_plan: dict[Path, dict[str, Any]],
    *,
    build: Path,
    out: Path,
    manager: type[Any],
    n_jobs: int,
    no_input: bool,
    say: Progress,
    paths: dict[str, str],
    label: dict[Path, str],
) -> list[NotebookRun]:
    """Run the notebooks, ``n_jobs`` at once, rendering each as it finishes."""
    from kzlib.report.html import NotebookRenderer

    runs: list[NotebookRun] = []
    with (
        ThreadPoolExecutor(max_workers=1) as side,
        ThreadPoolExecutor(max_workers=n_jobs) as pool,
    ):
        renderer: Future[Any] = side.submit(NotebookRenderer, no_input=no_input)
        submitted = {
            nb: pool.submit(
                _run_one,
                nb,
                run_plan[nb],
                build=build,
                out=out,
                kernel_manager=manager,
                renderer=renderer,
                progress=say,
                label=label[nb],
                paths=paths,
            )
            for nb in start_order(notebooks, previous=out / "run.json", jobs=n_jobs)
        }
        futures = [submitted[nb] for nb in notebooks]
        try:
            runs.extend(future.result() for future in futures)
        except KeyboardInterrupt:
            for future in futures:  # queued notebooks do not start
                future.cancel()
            say(f"kzlib report: interrupted; {out} is left as it was")
            raise
    return runs


def _plan(
    every_notebook: list[Path], *, corpus: Path, out: Path, params: Path | None
) -> dict[Path, dict[str, Any]]:
    """Check every parameter, before the corpus is read or anything runs."""
    param_values = read_params(params) if params is not None else {}
    # Checked against every notebook, so that --only does not make a file invalid.
    return plan_parameters(
        every_notebook,
        corpus=corpus,
        tables_dir=out / "tables",
        params=param_values,
        params_name=str(params) if params is not None else "parameters",
    )


def _corpus_frame(
    to_run: list[Path],
    *,
    corpus: Path,
    engine: str,
    scheduler: str | None,
    jobs: int,
    say: Progress,
) -> Any:
    """Compute, in one streamed pass, every table the notebooks to run will ask for.

    Returns the corpus table (one row per document) for the index. The tables
    are kept by content (:mod:`kzlib.pipeline.store`): the notebooks, running
    side by side, read them instead of each loading and cleaning the corpus.
    """
    from kzlib.corpus.sources import DEFAULT_BATCH_SIZE, plan_source
    from kzlib.pipeline.store import corpus_tables

    stages = sorted(notebook_tables(to_run) | {"corpus"})
    if engine == "auto":  # worker processes pay off beyond a few batches
        many = plan_source(corpus).n_docs > 4 * DEFAULT_BATCH_SIZE
        engine = "dask" if jobs > 1 and many else "local"
    say(f"kzlib report: corpus tables ({', '.join(stages)}), engine {engine}")
    tables = corpus_tables(
        corpus,
        stages,
        engine=engine,
        scheduler=scheduler,
        jobs=jobs if engine == "dask" and scheduler is None else None,
        progress=lambda line: say(f"kzlib report: tables: {line.split(': ', 1)[-1]}"),
        read=["corpus"],  # the notebooks read the rest; this process keeps only the index's
    )
    return tables["corpus"]


def _build(
    notebooks: list[Path],
    plan: dict[Path, dict[str, Any]],
    *,
    build: Path,
    out: Path,
    reuse: dict[Path, dict[str, Any]],
    prints: dict[Path, str],
    kernels: Callable[[list[Path]], type[Any]],
    n_jobs: int,
    no_input: bool,
    say: Progress,
    paths: dict[str, str],
) -> list[NotebookRun]:
    """Reuse or run the notebooks into ``build``; the runs record the parameters as planned."""
    for sub in ("notebooks", "html", "tables"):
        (build / sub).mkdir()
    label = {nb: f"[{i}/{len(notebooks)}]" for i, nb in enumerate(notebooks, 1)}
    done: dict[Path, NotebookRun] = {}
    for nb, entry in reuse.items():
        done[nb] = reuse_outputs(nb, entry, build=build, out=out, params=plan[nb])
        say(f"kzlib report: {label[nb]} {nb.stem}: unchanged, reused")
    to_run = [nb for nb in notebooks if nb not in reuse]
    if to_run:
        # Each notebook writes its tables into a folder of its own, so that the report
        # knows which tables each wrote; they are moved into tables/ when it ends.
        staging = build / ".tables"
        run_plan = {nb: {**plan[nb], "tables_dir": str(staging / nb.stem)} for nb in to_run}
        runs = _run_all(
            to_run,
            run_plan,
            build=build,
            out=out,
            manager=kernels(to_run),
            n_jobs=n_jobs,
            no_input=no_input,
            say=say,
            paths=paths,
            label=label,
        )
        shutil.rmtree(staging, ignore_errors=True)
        for nb, r in zip(to_run, runs, strict=True):
            done[nb] = NotebookRun(
                r.name,
                r.source,
                plan[nb],
                r.status,
                r.error,
                r.seconds,
                r.tables,
                fingerprint=prints[nb],
            )
    return [done[nb] for nb in notebooks]


def _page_paths(*, out: Path, build: Path, corpus: Path) -> dict[str, str]:
    """Machine paths in pages and the index, and what readers see instead."""
    return reader_paths(
        report=str(out),
        build=[str(build)],
        corpus=str(corpus),
        corpus_name=reader_path(corpus),
        root=str(PROJECT_ROOT),
    )


class _Kernels:
    """The kernels' interpreter and, where it can fork, the fork server, started once."""

    def __init__(self, *, fork: bool) -> None:
        self.python = kernel_python()
        self.fork = fork
        self.server: Any = None

    def start(self, notebooks: list[Path]) -> None:
        if self.fork and self.server is None:
            self.server = start_fork_server(notebooks, python=self.python)

    def manager(self, notebooks: list[Path]) -> type[Any]:
        self.start(notebooks)
        argv = None if self.server is None else self.server.kernel_argv(kernel_args=KERNEL_ARGS)
        return kernel_manager_class(self.python, argv=argv)

    def close(self) -> None:
        if self.server is not None:
            self.server.close()


def report(
    out: Path,
    *,
    corpus: Path = SEEDS_DIR,
    params: Path | None = None,
    jobs: int | None = None,
    only: Sequence[str] = (),
    no_input: bool = False,
    notebooks_dir: Path = NOTEBOOKS_DIR,
    progress: Progress | None = _default_progress,
    fork_kernels: bool | None = None,
    force: bool = False,
    engine: str = "auto",
    scheduler: str | None = None,
) -> RunResult:
    """Execute the notebooks and write the report folder ``out``.

    Parameters
    ----------
    out : Path
        Report folder; replaced as a whole at the end of the run.
    corpus : Path
        Folder of ``.txt`` articles (a manifest is optional).
    params : Path, optional
        YAML parameter file (see :mod:`kzlib.report.params`).
    jobs : int, optional
        Notebooks run at once (default: the number of CPU cores).
    only : sequence of str
        Run only these notebooks (``01_topics`` or ``topics``).
    no_input : bool
        Hide code cells in the HTML.
    notebooks_dir : Path
        Where the notebooks are (tests use their own).
    progress : callable, optional
        Called with one line per event (default: print to stderr); ``None`` is quiet.
    fork_kernels : bool, optional
        Fork each kernel from one pre-imported process (:mod:`kzlib.report.kernel`)
        rather than start a fresh interpreter per notebook (default: where the
        system can fork).
    force : bool
        Execute every notebook; by default a notebook whose inputs have not
        changed since the report at ``out`` was built is not executed again, its
        outputs are reused (:mod:`kzlib.report.fingerprint`).
    engine : {"auto", "local", "dask"}
        Where the corpus tables the notebooks read (documents, sentences,
        claims ...) are computed before they start, in one streamed pass
        (:func:`kzlib.pipeline.corpus_tables`): in this process, or on a local
        Dask cluster of ``jobs`` workers or the one at ``scheduler``. ``auto``
        takes Dask for corpora of more than four batches.
    scheduler : str, optional
        Address of a running Dask scheduler (``engine="dask"``).

    Returns
    -------
    RunResult
        Per-notebook outcomes and the run record; ``result.ok`` is False if any
        notebook failed (the report is written all the same).

    Raises
    ------
    InputError
        Bad corpus, parameter file, parameter, ``--only`` name or ``out``, all
        detected before any notebook runs.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "r"
    >>> report(out, notebooks_dir=pathlib.Path(tempfile.mkdtemp()), progress=None).runs
    ()
    """
    say: Progress = progress or (lambda _message: None)
    started, t0 = _now(), time.perf_counter()
    skip_slow_optional_imports()
    out = Path(out).resolve()
    corpus = _check_corpus(corpus)
    check_choice("engine", engine, ("auto", "local", "dask"))
    if scheduler and engine != "dask":
        raise InputError("--scheduler needs --engine dask")
    every_notebook = find_notebooks(notebooks_dir)
    notebooks = select_notebooks(every_notebook, only, notebooks_dir=notebooks_dir)
    previous = None if force else previous_record(out)
    kernels = _Kernels(fork=hasattr(os, "fork") if fork_kernels is None else fork_kernels)
    if previous is None and notebooks:
        # Nothing to reuse: start the kernel fork server first, to import while we validate.
        kernels.start(notebooks)
    try:
        plan = _plan(every_notebook, corpus=corpus, out=out, params=params)
        prints, reuse = reuse_plan(
            notebooks, plan, corpus=corpus, out=out, previous=previous, no_input=no_input
        )
        n_jobs = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
        frame = _corpus_frame(
            [nb for nb in notebooks if nb not in reuse],
            corpus=corpus,
            engine=engine,
            scheduler=scheduler,
            jobs=n_jobs,
            say=say,
        )
        build = prepare_out(out)
        try:
            say(
                f"kzlib report: {len(notebooks)} notebooks, {len(frame)} documents from "
                f"{display_path(corpus)}, {n_jobs} at a time"
            )
            paths = _page_paths(out=out, build=build, corpus=corpus)
            runs = _build(
                notebooks,
                plan,
                build=build,
                out=out,
                reuse=reuse,
                prints=prints,
                kernels=kernels.manager,
                n_jobs=n_jobs,
                no_input=no_input,
                say=say,
                paths=paths,
            )
            options = {
                "params": None if params is None else display_path(Path(params)),
                "jobs": n_jobs,
                "only": list(only),
                "no_input": no_input,
                "force": force,
                "engine": engine,
            }
            record = build_record(
                runs,
                build=build,
                out=out,
                corpus=corpus,
                corpus_frame=frame,
                options=options,
                params=params,
                times=(started, _now(), time.perf_counter() - t0),
                kernel_python=kernels.python,
            )
            write_record(record, build=build, corpus_frame=frame, paths=paths)
            swap_into_place(build, out)
        except BaseException:
            discard(build)
            raise
    finally:
        kernels.close()
    failed = [r for r in runs if not r.ok]
    reused = sum(r.reused for r in runs)
    say(
        f"kzlib report: {len(runs) - len(failed)} ok, {len(failed)} failed"
        f"{f' ({reused} reused)' if reused else ''} in {time.perf_counter() - t0:.1f} s "
        f"-> {out / 'index.html'}"
    )
    return RunResult(out, tuple(runs), record)
