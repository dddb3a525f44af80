"""Shared fixtures: the seed corpus (loaded once) and helpers for tiny corpora."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest

from kzlib.corpus.document import Corpus, load_corpus
from kzlib.corpus.segment import sentences_frame
from kzlib.paths import SEEDS_DIR


@pytest.fixture(scope="session", autouse=True)
def _table_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The corpus-table store of the whole test run (kzlib.pipeline.store): a fresh
    folder, so that tests neither read tables another run left in the project nor
    leave theirs there; kernels and subprocesses inherit it."""
    folder = tmp_path_factory.mktemp("table-store")
    before = os.environ.get("KZLIB_CACHE_DIR")
    os.environ["KZLIB_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("KZLIB_CACHE_DIR", None)
    else:
        os.environ["KZLIB_CACHE_DIR"] = before


@pytest.fixture(scope="session")
def seeds() -> Corpus:
    """The four seed articles."""
    return load_corpus(SEEDS_DIR)


@pytest.fixture(scope="session")
def seed_sentences(seeds: Corpus) -> pd.DataFrame:
    """Sentence table of the seeds."""
    return sentences_frame(seeds)


@pytest.fixture
def make_corpus(tmp_path: Path) -> Callable[[dict[str, bytes | str]], Path]:
    """Write files into a fresh folder and return it."""

    def _make(files: dict[str, bytes | str]) -> Path:
        folder = tmp_path / "corpus"
        folder.mkdir(exist_ok=True)
        for name, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            (folder / name).write_bytes(data)
        return folder

    return _make
