"""The tables of a corpus, computed once by the pipeline and kept on disk by content.

Every notebook starts from the same tables of the corpus: one row per document,
the sentences, the paragraphs, the cleaning audit, the claim inventory.
Loading and cleaning 10,000 speeches takes minutes and gigabytes, and four
notebooks doing it each cost four times that. :func:`corpus_tables` computes
the tables it is asked for with the streamed pipeline (one pass, in batches,
locally or on Dask: :func:`kzlib.pipeline.run_pipeline`), writes each as
Parquet under a key, and later calls read them back.

The key of a table is a hash of what it depends on: the corpus files' bytes
(:func:`kzlib.corpus.source_files`), kzlib's own source and data files, the
stage and the stage's options. Change an article, a line of kzlib or an
option and the table is computed again; nothing else invalidates it, so a
table read back is the table a fresh run would give (a test checks it). The
store is a folder: ``KZLIB_CACHE_DIR`` if set, else ``.cache/tables`` in the
project; the least recently used tables beyond :data:`MAX_TABLES` are removed.

Examples
--------
>>> from kzlib.paths import SEEDS_DIR
>>> tables = corpus_tables(SEEDS_DIR, ["corpus", "sentences"])
>>> len(tables["corpus"]), sorted(tables)
(4, ['corpus', 'sentences'])
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from kzlib.digest import file_sha256, file_tree, files_digest
from kzlib.errors import InputError
from kzlib.paths import DATA_DIR, PROJECT_ROOT

__all__ = ["MAX_TABLES", "STAGE_OPTIONS", "corpus_tables", "store_dir", "table_key"]

#: Tables kept in the store; the least recently read beyond this are removed.
MAX_TABLES = 48
#: The options each stage's table depends on (the others do not change it).
STAGE_OPTIONS: dict[str, tuple[str, ...]] = {
    "corpus": (),
    "sentences": ("headings",),
    "paragraphs": (),
    "audit": (),
    "claims": ("min_checkworthiness",),
    "rhetoric": ("lexicons", "actors", "include", "n_boot", "seed"),
}
#: Bumped when the layout of the store changes.
STORE_VERSION = 1
_KZLIB_DIR = Path(__file__).resolve().parent.parent


def store_dir() -> Path:
    """The folder of the store: ``$KZLIB_CACHE_DIR`` or ``.cache/tables`` in the project.

    Examples
    --------
    >>> store_dir().name in {"tables", os.environ.get("KZLIB_CACHE_DIR", "tables")} or True
    True
    """
    env = os.environ.get("KZLIB_CACHE_DIR")
    return Path(env) if env else PROJECT_ROOT / ".cache" / "tables"


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """kzlib's source and data files: a change to either changes every key."""
    return hashlib.sha256(
        (
            files_digest(file_tree(_KZLIB_DIR, suffixes={".py"}), root=_KZLIB_DIR)
            + files_digest(file_tree(DATA_DIR), root=DATA_DIR)
        ).encode()
    ).hexdigest()


def _option_value(value: Any) -> Any:
    """An option as it enters a key: files by their content, sequences as lists."""
    if isinstance(value, Path) or (isinstance(value, str) and os.sep in value):
        path = Path(value)
        if path.is_file():
            return file_sha256(path)
        if path.is_dir():
            return files_digest(file_tree(path), root=path)
    if isinstance(value, (list, tuple)):
        return [_option_value(v) for v in value]
    return value


def table_key(source_digest: str, stage: str, options: Mapping[str, Any]) -> str:
    """The key of one stage's table: source, kzlib, stage and the stage's own options.

    Examples
    --------
    >>> a = table_key("abc", "claims", {"min_checkworthiness": 0.0, "n_boot": 5})
    >>> a == table_key("abc", "claims", {"min_checkworthiness": 0.0})  # n_boot is rhetoric's
    True
    >>> a == table_key("abc", "claims", {"min_checkworthiness": 0.5})
    False
    """
    own = {k: _option_value(options[k]) for k in STAGE_OPTIONS[stage] if k in options}
    parts = {
        "version": STORE_VERSION,
        "source": source_digest,
        "kzlib": _code_digest(),
        "stage": stage,
        "options": own,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def _evict(folder: Path, *, keep: int) -> None:
    tables = sorted(folder.glob("*.parquet"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in tables[keep:]:
        old.unlink(missing_ok=True)


def corpus_tables(
    source: str | Path,
    stages: Sequence[str],
    *,
    options: Mapping[str, Any] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    jobs: int | None = None,
    cache_dir: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
    read: Sequence[str] | None = None,
) -> dict[str, pd.DataFrame]:
    """The named tables of a corpus: read from the store, or computed in one streamed pass.

    Parameters
    ----------
    source : str or Path
        Folder of ``.txt`` articles, ``.parquet`` or ``.jsonl`` table.
    stages : sequence of str
        Tables to return, named as :data:`kzlib.pipeline.STAGES` (``corpus``,
        ``sentences``, ``paragraphs``, ``audit``, ``claims``, ``rhetoric``).
    options : mapping, optional
        Stage options (:data:`STAGE_OPTIONS` says which stage reads which).
    engine, scheduler, jobs
        Where the missing tables are computed (:func:`kzlib.pipeline.run_pipeline`).
    cache_dir : str or Path, optional
        The store (default :func:`store_dir`).
    progress : callable, optional
        Receives the pipeline's progress lines while tables are computed.
    read : sequence of str, optional
        The stages to read back and return (default: all of ``stages``). The
        others are only computed and stored, for a later call or another
        process: on 10,000 speeches the claim and sentence tables alone take
        gigabytes in memory.

    Returns
    -------
    dict of str to DataFrame
        One table per stage read, rows in corpus order, as the in-memory
        functions give them.

    Raises
    ------
    InputError
        Bad input in the corpus (nothing is stored), or an unknown stage.

    Examples
    --------
    >>> from kzlib.paths import SEEDS_DIR
    >>> t = corpus_tables(SEEDS_DIR, ["paragraphs"])
    >>> t["paragraphs"]["doc_id"].nunique()
    4
    """
    from kzlib.corpus.sources import source_files
    from kzlib.memory import release_memory
    from kzlib.pipeline.engine import run_pipeline
    from kzlib.pipeline.stages import STAGES

    unknown = [s for s in stages if s not in STAGES]
    unread = [s for s in (read or []) if s not in stages]
    if unread:
        raise InputError(f"read={unread}: only tables among the stages asked for can be read")
    if unknown:
        raise InputError(f"unknown table(s) {', '.join(unknown)}; choose from {', '.join(STAGES)}")
    opts = dict(options or {})
    folder = Path(cache_dir) if cache_dir is not None else store_dir()
    folder.mkdir(parents=True, exist_ok=True)
    source_path = Path(source)
    digest = files_digest(
        source_files(source_path),
        root=source_path if source_path.is_dir() else source_path.parent,
    )
    paths = {s: folder / f"{s}-{table_key(digest, s, opts)[:32]}.parquet" for s in stages}
    missing = {s: p for s, p in paths.items() if not p.is_file()}
    if missing:
        run_pipeline(
            source,
            outputs=dict(missing),
            engine=engine,
            scheduler=scheduler,
            jobs=jobs,
            options=opts,
            progress=progress,
        )
        _evict(folder, keep=max(MAX_TABLES, len(paths)))
        release_memory()  # the parts' tables passed through this process
    wanted = set(stages if read is None else read)
    tables = {}
    for stage, path in paths.items():
        if stage in wanted:
            tables[stage] = pd.read_parquet(path)
        os.utime(path)  # recently used: kept by the eviction
    return tables
