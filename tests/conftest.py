"""Shared fixtures: the seed corpus (loaded once) and helpers for tiny corpora."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from kzlib.corpus.document import Corpus, load_corpus
from kzlib.corpus.segment import sentences_frame
from kzlib.paths import SEEDS_DIR


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
