"""bench/train_checkworthiness.py: the genre-shift variants and the news breakdown by kind."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import numpy as np
import pytest

from kzlib.claims.checkworthiness import CUE_NAMES, cue_matrix
from kzlib.paths import PROJECT_ROOT

# Written for these tests (not from any dev or benchmark file).
FIT = ["I will cut taxes for every family next year.",
       "The council approved a budget of 40 million in March.",
       "We will build a new bridge and I am sure it will work.",
       "Exports rose by 12 percent, the ministry said.",
       "I think that is a wonderful idea.",
       "The treaty was signed in 1994 by both governments."]
OTHER = ["The minister said I will visit the port in May."]


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "train_checkworthiness_bench", PROJECT_ROOT / "bench" / "train_checkworthiness.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _vocab(bench: ModuleType, kind: str, min_df: int) -> list[str]:
    vec = bench.ngram_vectorizer(kind, min_df=min_df)
    vec.fit(FIT)
    return [str(t) for t in vec.get_feature_names_out()]


def test_variant_as_shipped_keeps_every_column(bench: ModuleType) -> None:
    v = bench.Variant("as shipped", min_df=(1, 1))
    x_fit, x_other = bench._variant_design(v, FIT, cue_matrix(FIT), (OTHER, cue_matrix(OTHER)))
    width = len(_vocab(bench, "word", 1)) + len(_vocab(bench, "char", 1)) + len(CUE_NAMES)
    assert x_fit.shape == (len(FIT), width) and x_other.shape == (1, width)
    # the cue block is the binary cues times the shipped scale
    cues = x_other.toarray()[0, -len(CUE_NAMES):]
    assert np.allclose(cues, cue_matrix(OTHER).toarray()[0] * bench.GRID_CUE_SCALE[0])
    # each n-gram block is l2-normalised
    n_word = len(_vocab(bench, "word", 1))
    assert np.isclose(np.linalg.norm(x_other.toarray()[0, :n_word]), 1.0)


def test_variant_drops_stance_ngrams_and_cues(bench: ModuleType) -> None:
    v = bench.Variant("no stance", min_df=(1, 1), drop_words=frozenset({"i", "will"}),
                      drop_cues=frozenset({"first person(I)", "modal(future)"}))
    _, x_other = bench._variant_design(v, FIT, cue_matrix(FIT), (OTHER, cue_matrix(OTHER)))
    row = x_other.toarray()[0]
    words, chars = _vocab(bench, "word", 1), _vocab(bench, "char", 1)
    word_part = dict(zip(words, row[:len(words)], strict=True))
    char_part = dict(zip(chars, row[len(words):len(words) + len(chars)], strict=True))
    cue_part = dict(zip(CUE_NAMES, row[-len(CUE_NAMES):], strict=True))
    assert word_part["will"] == 0 and word_part["will cut"] == 0 and "i" not in word_part
    assert word_part["said"] > 0 and word_part["in"] > 0
    assert char_part[" will"] == 0 and char_part["will "] == 0 and char_part[" i "] == 0
    assert char_part["wil"] > 0  # inside a word: kept
    assert cue_part["first person(I)"] == 0 and cue_part["modal(future)"] == 0
    assert cue_part["attribution"] > 0


def test_variant_min_df_and_no_char(bench: ModuleType) -> None:
    v = bench.Variant("small", min_df=(2, 1), char=False)
    x_fit, _ = bench._variant_design(v, FIT, cue_matrix(FIT), (OTHER, cue_matrix(OTHER)))
    assert x_fit.shape[1] == len(_vocab(bench, "word", 2)) + len(CUE_NAMES)
    assert len(_vocab(bench, "word", 2)) < len(_vocab(bench, "word", 1))


def test_news_by_kind_prints_auc_per_kind(bench: ModuleType,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    y = np.array([1, 1, 1, 0, 0])
    kinds = ["event", "event", "predictive", "opinion", "opinion"]
    score = np.array([0.9, 0.8, 0.1, 0.5, 0.2])
    bench._news_by_kind(y, kinds, {"model": score, "peer": 1.0 - score})
    lines = capsys.readouterr().out.splitlines()
    event = next(x for x in lines if x.strip().startswith("event"))
    predictive = next(x for x in lines if x.strip().startswith("predictive"))
    # events beat both opinions (AUC 1); the prediction beats neither (AUC 0); the peer reversed
    assert event.split()[-3:] == ["1.000", "/", "0.000"]
    assert predictive.split()[-3:] == ["0.000", "/", "1.000"]
    assert "2 vs 2" in event and "1 vs 2" in predictive
