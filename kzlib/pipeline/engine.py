"""The batch pipeline: per-document stages over a corpus of any size, in-process or on Dask.

A corpus source (:mod:`kzlib.corpus.sources`) is cut into parts of a few hundred
documents. :func:`process_part` is a pure function of one part: it reads and
cleans the documents and runs the requested *stages* on them, returning one
table per stage. The driver (:func:`run_pipeline`) feeds the parts to an
engine, checks the corpus-wide rules (no repeated ids or texts) in source
order, appends each part's tables to the outputs as it arrives, and reports
progress (documents/s, ETA) on stderr. Memory holds a bounded number of parts
whatever the corpus size.

Engines
-------
``local``  every part in this process, one after the other
``dask``   every part as a Dask task on a dask.distributed cluster: a
           ``LocalCluster`` of ``jobs`` single-threaded worker processes by
           default, or the running cluster at ``scheduler``. At most a few
           parts per worker are in flight and results are taken in source
           order, so the outputs are identical, row for row, to the
           ``local`` engine's. Workers read the corpus path themselves: on a
           remote cluster it must be visible to them at the same path. A
           cluster that loses every worker, or its scheduler, stops the run
           within a bounded time (:mod:`kzlib.pipeline.cluster`).

Stages
------
See :mod:`kzlib.pipeline.stages` (``corpus``, ``sentences``, ``claims``, ``rhetoric``).

Outputs are written through temporary files and moved into place at the
end, so a failed run (bad input in part 900) leaves no partial table where a
good one was.

Examples
--------
>>> import tempfile, pathlib
>>> from kzlib.paths import SEEDS_DIR
>>> out = pathlib.Path(tempfile.mkdtemp()) / "sentences.parquet"
>>> summary = run_pipeline(SEEDS_DIR, outputs={"sentences": out}, progress=None)
>>> summary.n_docs, summary.rows["sentences"] > 100
(4, True)
"""

from __future__ import annotations

import importlib
import logging
import os
import shutil
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kzlib.checks import check_optional_int
from kzlib.corpus.sources import (
    DEFAULT_BATCH_SIZE,
    CorpusCheck,
    Part,
    plan_source,
)
from kzlib.errors import InputError
from kzlib.pipeline import cluster as cluster_module
from kzlib.pipeline.cluster import _await_part
from kzlib.pipeline.progress import _Progress, _stderr
from kzlib.pipeline.sinks import TableSink
from kzlib.pipeline.stages import PartResult, process_part

__all__ = ["ENGINES", "PipelineSummary", "map_parts", "run_pipeline"]

#: Engines :func:`run_pipeline` can use.
ENGINES: tuple[str, ...] = ("local", "dask")

#: Seconds to wait for a Dask client or local cluster to close.
_CLOSE_TIMEOUT = 20


# ---------------------------------------------------------------------------
# engines


def map_parts(
    parts: Iterable[Part],
    fn: Callable[[Part], PartResult],
    *,
    engine: str = "local",
    scheduler: str | None = None,
    jobs: int | None = None,
    in_flight: int | None = None,
) -> Iterator[PartResult]:
    """Apply ``fn`` to every part with an engine; yield the results in source order.

    Parameters
    ----------
    parts : iterable of Part
        Consumed lazily: at most ``in_flight`` parts are held at once.
    fn : callable
        A picklable function of one part (e.g. a :func:`functools.partial` of
        :func:`process_part`).
    engine : {"local", "dask"}
        In this process, or as Dask tasks.
    scheduler : str, optional
        Address of a running dask.distributed scheduler (``tcp://host:8786``);
        by default a ``LocalCluster`` is started and stopped.
    jobs : int, optional
        Worker processes of the ``LocalCluster`` (default: CPU count).
    in_flight : int, optional
        Parts submitted ahead of the one being written (default: 2 per worker thread).

    Raises
    ------
    ClusterLostError
        The Dask cluster has had no worker for :data:`~kzlib.pipeline.cluster.LOST_AFTER`
        seconds, a part killed its workers, or the scheduler went away.

    Examples
    --------
    >>> from functools import partial
    >>> from kzlib.paths import SEEDS_DIR
    >>> from kzlib.corpus import plan_source
    >>> fn = partial(process_part, stages=("corpus",))
    >>> [r.n_docs for r in map_parts(plan_source(SEEDS_DIR, batch_size=3).parts, fn)]
    [3, 1]
    """
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    jobs = check_optional_int("jobs", jobs)
    if engine == "local":
        for part in parts:
            yield fn(part)
        return
    yield from _dask_map(parts, fn, scheduler=scheduler, jobs=jobs, in_flight=in_flight)


def _dask_map(
    parts: Iterable[Part],
    fn: Callable[[Part], PartResult],
    *,
    scheduler: str | None,
    jobs: int | None,
    in_flight: int | None,
) -> Iterator[PartResult]:
    # dask.distributed is only partly typed: use it through Any.
    try:
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise InputError(
            "the dask engine needs dask and distributed: install them with "
            "pip install -e '.[scale]' (make setup does), or use --engine local"
        ) from None
    cluster: Any = None
    client: Any
    # The workers' scratch space, removed at the end even when workers were killed.
    scratch = None if scheduler else tempfile.mkdtemp(prefix="kzlib-dask-")
    try:
        if scheduler:
            try:
                client = distributed.Client(scheduler, timeout="20s")
            except OSError as exc:
                raise InputError(
                    f"cannot reach the Dask scheduler at {scheduler} ({exc}); "
                    "check the address or leave out --scheduler for a local cluster"
                ) from None
        else:
            cluster = distributed.LocalCluster(
                n_workers=jobs or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",  # any free port: never clash with a running cluster
                silence_logs=logging.ERROR,
                local_directory=scratch,
            )
            client = distributed.Client(cluster)
        try:
            width = in_flight or max(2, 2 * sum(client.nthreads().values()))
            window: deque[tuple[Part, Any]] = deque()
            it = iter(parts)
            for part in it:
                window.append((part, client.submit(fn, part, pure=False)))
                if len(window) >= width:
                    break
            while window:
                part, future = window.popleft()
                result: PartResult = _await_part(
                    distributed, client, future, part, lost_after=cluster_module.LOST_AFTER
                )
                future.release()
                nxt = next(it, None)
                if nxt is not None:
                    window.append((nxt, client.submit(fn, nxt, pure=False)))
                yield result
        finally:
            client.close(timeout=_CLOSE_TIMEOUT)
    finally:
        if cluster is not None:
            cluster.close(timeout=_CLOSE_TIMEOUT)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


# ---------------------------------------------------------------------------
# driver


@dataclass(frozen=True)
class PipelineSummary:
    """What a pipeline run did.

    Attributes
    ----------
    n_docs, n_words : int
        Documents and body words processed.
    rows : dict of str to int
        Rows written per stage.
    wall : float
        Wall-clock seconds.
    seconds : dict of str to float
        Time per step summed over parts (worker time: with several workers it
        exceeds ``wall``).
    outputs : dict of str to Path
        Files written per stage.
    """

    n_docs: int
    n_words: int
    rows: dict[str, int]
    wall: float
    seconds: dict[str, float]
    outputs: dict[str, Path] = field(default_factory=dict)


def run_pipeline(
    source: str | Path,
    *,
    outputs: Mapping[str, str | Path | None],
    engine: str = "local",
    scheduler: str | None = None,
    jobs: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    options: Mapping[str, Any] | None = None,
    progress: Callable[[str], None] | None = _stderr,
    label: str = "kzlib",
    every: float = 2.0,
    on_part: Callable[[PartResult], None] | None = None,
) -> PipelineSummary:
    """Stream a corpus through the stages and write each stage's table incrementally.

    Parameters
    ----------
    source : str or Path
        Folder of ``.txt`` articles, ``.parquet`` or ``.jsonl`` table.
    outputs : mapping of stage name to path
        The stages to run and where to write each table (``.csv`` or
        ``.parquet``); a stage mapped to None is run but not written (its
        rows are still counted).
    engine : {"local", "dask"}
        See :func:`map_parts`.
    scheduler : str, optional
        Address of a running Dask scheduler (``engine="dask"`` only).
    jobs : int, optional
        Workers of the local Dask cluster.
    batch_size : int
        Documents per part.
    options : mapping, optional
        Stage options, passed to every stage.
    progress : callable or None
        Receives progress lines (default: print to stderr); None for silence.
    label : str
        Prefix of the progress lines.
    every : float
        Seconds between progress lines.
    on_part : callable, optional
        Called with each part's result after it is written (for corpus-level
        partial results, benchmarks).

    Returns
    -------
    PipelineSummary

    Raises
    ------
    InputError
        Bad input anywhere in the corpus; no output is left behind.
    ClusterLostError
        The Dask cluster died during the run (see :func:`map_parts`); no output
        and no temporary file is left behind.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> from kzlib.paths import SEEDS_DIR
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "corpus.csv"
    >>> s = run_pipeline(SEEDS_DIR, outputs={"corpus": out}, batch_size=2, progress=None)
    >>> s.rows, len(pd.read_csv(out))
    ({'corpus': 4}, 4)
    """
    stages = tuple(outputs)
    if not stages:
        raise InputError("no stage to run; name at least one output")
    if engine != "dask" and scheduler:
        raise InputError("--scheduler needs --engine dask")
    started = time.perf_counter()
    plan = plan_source(source, batch_size=batch_size)
    from functools import partial

    fn = partial(process_part, stages=stages, options=dict(options or {}))
    sinks: dict[str, TableSink] = {}
    rows = dict.fromkeys(stages, 0)
    seconds: dict[str, float] = {}
    check = CorpusCheck(source)
    bar = _Progress(label, plan.n_docs, progress, every=every)
    n_words = 0
    try:
        for stage, path in outputs.items():
            if path is not None:
                sinks[stage] = TableSink(path)
        for result in map_parts(plan.parts, fn, engine=engine, scheduler=scheduler, jobs=jobs):
            check.add(result.keys)
            for stage, table in result.tables.items():
                rows[stage] += len(table)
                if stage in sinks:
                    sinks[stage].write(table)
            for step, secs in result.seconds.items():
                seconds[step] = seconds.get(step, 0.0) + secs
            n_words += result.n_words
            bar.update(result.n_docs, result.n_words)
            if on_part is not None:
                on_part(result)
        written = {stage: sink.commit() for stage, sink in sinks.items()}
    except BaseException:
        for sink in sinks.values():
            sink.abort()
        raise
    wall = time.perf_counter() - started
    if progress is not None and plan.n_docs >= 1000:
        progress(bar.line(time.perf_counter()))
    return PipelineSummary(len(check), n_words, rows, wall, seconds, written)
