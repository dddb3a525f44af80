"""The learned check-worthiness model: shipped files, scores, explanations, is_claim."""

from __future__ import annotations

import hashlib
import json
import re
import time

import numpy as np
import pytest

from kzlib.claims.assertion import is_claim, not_claim_reasons
from kzlib.claims.checkworthiness import (
    CHECKWORTHINESS_COLUMNS,
    CUE_NAMES,
    FEATURES_VERSION,
    MODEL_ARRAYS,
    MODEL_META,
    char_counts,
    checkworthiness_frame,
    cue_matrix,
    explain_checkworthiness,
    load_model,
    ngram_vectorizer,
    score_checkworthiness,
)
from kzlib.errors import InputError
from kzlib.paths import CHECKWORTHINESS_DIR

# Written for these tests (not from any dev or benchmark file).
NUMERIC_ATTRIBUTED = ("The statistics office said grain exports rose 14 percent to "
                      "$2.3 billion in 2022.")
OPINION = "I think this is a wonderful and very important partnership."
GREETING = "Good evening, ladies and gentlemen."
THANKS = "Thank you so much for having me here tonight."
QUESTIONS = ["What will the government do about prices?", "Do you agree with him?"]
HEADINGS = ["Bilateral Trade and Investment", "Remarks at the Opening Session",
            "Question:", "March 3, 2021"]
PROCEDURAL = ["Let me turn now to the second item on the agenda.", "Next question, please.",
              "Two minutes.", "(Applause)"]
CLAIMS = [NUMERIC_ATTRIBUTED, OPINION, "The bridge was opened in 1998.",
          "Thanks to the reform, inflation fell below 5 percent.", "He lied."]


def test_loads_in_milliseconds_and_is_cached() -> None:
    load_model.cache_clear()
    t0 = time.perf_counter()
    model = load_model()
    assert time.perf_counter() - t0 < 1.0
    assert load_model() is model


def test_shipped_files_agree_with_each_other_and_the_codebook() -> None:
    model = load_model()
    meta = json.loads((CHECKWORTHINESS_DIR / MODEL_META).read_text(encoding="utf-8"))
    assert meta["features_version"] == FEATURES_VERSION
    assert model.version and meta["version"] == model.version
    assert tuple(meta["cue_names"]) == CUE_NAMES
    assert model.coef.size == len(model.word_vocab) + len(model.char_vocab) + len(CUE_NAMES)
    assert model.word_idf.shape == (len(model.word_vocab),)
    assert model.char_idf.shape == (len(model.char_vocab),)
    assert np.isfinite(model.coef).all()
    assert list(model.word_vocab) == sorted(model.word_vocab)  # as the vectorizer orders it
    # the codebook records the checksums that bench/train_checkworthiness.py printed
    readme = (CHECKWORTHINESS_DIR / "README.md").read_text(encoding="utf-8")
    for name in (MODEL_ARRAYS, MODEL_META):
        recorded = re.search(rf"`{re.escape(name)}`[^\n]*sha256 `([0-9a-f]{{64}})`", readme)
        assert recorded, f"README has no sha256 for {name}"
        actual = hashlib.sha256((CHECKWORTHINESS_DIR / name).read_bytes()).hexdigest()
        assert recorded.group(1) == actual, f"{name} differs from the README checksum"
    # the figures the README quotes are the ones stored with the model
    assert f"{meta['cv_model']['roc_auc']:.4f}" in readme
    assert meta["cv_model"]["roc_auc"] > meta["cv_peer"]["roc_auc"]


def test_scores_are_probabilities_and_deterministic() -> None:
    texts = [*CLAIMS, GREETING, THANKS, *QUESTIONS, "", "   "]
    a = score_checkworthiness(texts)
    b = score_checkworthiness(list(reversed(texts)))[::-1]
    assert a.shape == (len(texts),) and a.dtype == np.float64
    assert ((a >= 0) & (a <= 1)).all()
    np.testing.assert_array_equal(a, b)
    assert score_checkworthiness([]).shape == (0,)


def test_numeric_attributed_claim_ranks_above_opinion_and_greeting() -> None:
    claim, opinion, greeting = score_checkworthiness([NUMERIC_ATTRIBUTED, OPINION, GREETING])
    assert claim > 0.8
    assert claim > opinion + 0.3
    assert claim > greeting + 0.3


def test_explanations_name_fired_features_with_their_sign() -> None:
    model = load_model()
    texts = [NUMERIC_ATTRIBUTED, OPINION, QUESTIONS[0]]
    explained = explain_checkworthiness(texts, top=4)
    feats = model.features(texts)
    names = model.feature_names()
    for i, line in enumerate(explained):
        terms = line.split(", ")
        assert len(terms) == 4
        row = feats.getrow(i)
        contrib = {names[j]: v * model.coef[j] for j, v in zip(row.indices, row.data,
                                                               strict=True)}
        for term in terms:
            sign, name = term[0], term[1:]
            assert name in contrib, f"{name} did not fire in {texts[i]!r}"
            assert (contrib[name] > 0) == (sign == "+")
        # the listed terms are the largest in absolute value
        smallest = min(abs(contrib[t[1:]]) for t in terms)
        assert sorted(map(abs, contrib.values()))[-4] == pytest.approx(smallest)
    assert "+number(percent)" in explained[0]
    assert "-question" in explained[2] or "-question mark" in explained[2]


def test_contributions_add_up_to_the_calibrated_logit() -> None:
    model = load_model()
    p = score_checkworthiness([NUMERIC_ATTRIBUTED])[0]
    x = model.features([NUMERIC_ATTRIBUTED])
    a, b = model.platt
    logit = a * (float((x @ model.coef)[0]) + model.intercept) + b
    assert np.log(p / (1 - p)) == pytest.approx(logit)


def test_fast_char_counts_equal_sklearn() -> None:
    model = load_model()
    texts = [*CLAIMS, GREETING, "Ünïcode  tabs\tand 12,5%  ", ""]
    slow = ngram_vectorizer("char", vocabulary=model.char_vocab).transform(texts)
    fast = char_counts(texts, model.char_index)
    assert abs(slow - fast).max() == 0


def test_cues_fire_per_sentence_without_crossing_lines() -> None:
    m = cue_matrix(["Prices rose 5%", "Is it?\nNo", "We will vote."]).toarray()
    col = {n: j for j, n in enumerate(CUE_NAMES)}
    assert m[0, col["number(percent)"]] == 1 and m[1, col["number(percent)"]] == 0
    assert m[1, col["question"]] == 0  # the newline inside a sentence is a space
    assert m[2, col["modal(future)"]] == 1 and m[2, col["first person(we)"]] == 1
    assert set(np.unique(m)) <= {0.0, 1.0}


def test_is_claim_rejects_non_claims_and_keeps_claims() -> None:
    rejected = [GREETING, THANKS, *QUESTIONS, *HEADINGS, *PROCEDURAL]
    assert not is_claim(rejected).any(), dict(zip(rejected, not_claim_reasons(rejected),
                                                  strict=True))
    assert is_claim(CLAIMS).all(), dict(zip(CLAIMS, not_claim_reasons(CLAIMS), strict=True))
    reasons = not_claim_reasons([GREETING, QUESTIONS[0], HEADINGS[0], PROCEDURAL[0], "Yes"])
    assert reasons == ["greeting/thanks", "question", "label or heading", "procedural",
                       "label or heading"]


@pytest.mark.parametrize("bad", ["one string", ["ok", 3]])
def test_bad_input_is_an_input_error(bad: object) -> None:
    with pytest.raises(InputError):
        score_checkworthiness(bad)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        is_claim(bad)  # type: ignore[arg-type]


def test_top_must_be_positive() -> None:
    with pytest.raises(InputError, match="top"):
        explain_checkworthiness(["x"], top=0)


def test_frame_keeps_row_order_and_agrees_with_the_functions() -> None:
    texts = [GREETING, NUMERIC_ATTRIBUTED, OPINION]
    frame = checkworthiness_frame(texts, top=2)
    assert list(frame.columns) == list(CHECKWORTHINESS_COLUMNS) and len(frame) == 3
    np.testing.assert_array_equal(frame["checkworthiness"], score_checkworthiness(texts))
    assert frame["cw_why"].tolist() == explain_checkworthiness(texts, top=2)
    assert frame["is_claim"].tolist() == [False, True, True]
    assert checkworthiness_frame([]).shape == (0, 3)
