"""The fast check-worthiness paths equal the plain computation, bit for bit, on random texts."""

from __future__ import annotations

import random

import numpy as np
import pytest
from scipy import sparse
from sklearn.preprocessing import normalize

from kzlib.claims.checkworthiness import (
    _score,
    char_counts,
    cue_matrix,
    explain_checkworthiness,
    load_model,
    ngram_vectorizer,
    score_checkworthiness,
    tfidf,
    word_counts,
)
from kzlib.claims.signals import CUES

# Pieces that trip every cue, guard, token rule and n-gram edge case: cue words and
# guard strings, digits and years, case, apostrophes, unicode letters whose lower
# case is longer, symbols, tabs and newlines inside a sentence, one-letter words.
_CUE_STRINGS = {w for c in CUES for w in c.words} | {g for c in CUES for g in c.guard}
_PIECES = [*sorted(_CUE_STRINGS),
    "Kazakhstan", "UN", "NATO", "I", "a", "x", "1952", "2023s", "12,5%", "4.1", "$3", "€",
    "per cent", "Percentage", "won't", "we’ll", "let's", "İstanbul", "Ünïcode", "naïve",
    "ΣΟΦΙΑ", "?", "!", "\"", "“quoted”", "(Applause)", "Thank", "Good morning", "Ladies",
    "has been", "had signed", "\t", "\n", "  ", ",", ";", ":", ".", "-", "Mr.", "Exports",
    "rose", "tax cut", "seemed", "appears", "in my view", "Next question", "time is up",
]


def _texts(seed: int, n: int = 300) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = [rng.choice(_PIECES) for _ in range(rng.randint(0, 40))]
        text = " ".join(w.capitalize() if rng.random() < 0.2 else w for w in words)
        out.append(text + rng.choice(["", ".", "?", "!", " ?\"", "\n"]))
    return [*out, "", " ", "a", "Thank you.", "Is it 5%?"]


def _same(a: sparse.csr_matrix, b: sparse.csr_matrix) -> bool:
    return all(np.array_equal(getattr(a, k), getattr(b, k)) for k in ("data", "indices", "indptr"))


def _plain_tfidf(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    out = sparse.csr_matrix(counts, dtype=np.float64, copy=True)
    out.data = np.log(out.data) + 1.0
    out = sparse.csr_matrix(out.multiply(idf[np.newaxis, :]))
    return sparse.csr_matrix(normalize(out, norm="l2", copy=False))


def _plain_explain(x: sparse.csr_matrix, top: int) -> list[str]:
    m = load_model()
    contrib = sparse.csr_matrix(x.multiply(m.platt[0] * m.coef[np.newaxis, :]))
    contrib.eliminate_zeros()
    vals, idx, ptr = contrib.data, contrib.indices, contrib.indptr
    row = np.repeat(np.arange(x.shape[0]), np.diff(ptr))
    size = np.abs(vals)
    key = row - size / (2.0 * size.max()) if size.size else row.astype(np.float64)
    order = np.argsort(key, kind="stable")
    keep = order[(np.arange(order.size) - ptr[row[order]]) < top]
    names = m.feature_names()
    terms: list[list[str]] = [[] for _ in range(x.shape[0])]
    for r, v, j in zip(row[keep].tolist(), vals[keep].tolist(), idx[keep].tolist(), strict=True):
        terms[r].append(("+" if v > 0 else "-") + names[j])
    return [", ".join(t) for t in terms]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_ngram_counts_equal_sklearn_and_the_plain_path(seed: int) -> None:
    m = load_model()
    texts = _texts(seed)
    char = char_counts(texts, m.char_index)
    plain = sparse.csr_matrix(char_counts(texts, m.char_index, plain=True)).sorted_indices()
    assert _same(char, plain)
    slow_char = ngram_vectorizer("char", vocabulary=m.char_vocab).transform(texts)
    assert _same(char, sparse.csr_matrix(slow_char))
    slow_word = ngram_vectorizer("word", vocabulary=m.word_vocab).transform(texts)
    assert _same(word_counts(texts, m.word_index), sparse.csr_matrix(slow_word))
    assert slow_char.nnz > 1000 and slow_word.nnz > 100  # the texts do hit the vocabularies


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_guarded_cues_equal_the_full_scan(seed: int) -> None:
    texts = _texts(seed)
    fast, plain = cue_matrix(texts), cue_matrix(texts, plain=True)
    assert _same(fast, plain)
    guarded = [j for j, c in enumerate(CUES) if c.guard]
    assert (plain[:, guarded].sum(axis=0) > 0).all()  # every guarded cue fires somewhere


@pytest.mark.parametrize("seed", [0, 1])
def test_scores_and_explanations_equal_the_plain_pipeline(seed: int) -> None:
    m = load_model()
    texts = _texts(seed)
    word = ngram_vectorizer("word", vocabulary=m.word_vocab).transform(texts)
    char = ngram_vectorizer("char", vocabulary=m.char_vocab).transform(texts)
    x = sparse.csr_matrix(sparse.hstack([
        _plain_tfidf(word, m.word_idf), _plain_tfidf(char, m.char_idf),
        cue_matrix(texts, plain=True) * m.cue_scale], format="csr"))
    assert np.array_equal(score_checkworthiness(texts), _score(m, x))
    for top in (1, 3, 7):
        assert explain_checkworthiness(texts, top=top) == _plain_explain(x, top)
    assert _same(tfidf(char, m.char_idf), _plain_tfidf(char, m.char_idf))


def test_compiled_terms_keep_the_lower_column_on_a_tie() -> None:
    from kzlib.claims.compiled import score_rows

    # one sentence, no words; cue columns 0..3 with values 1, 2, 2, 1 and equal weights
    empty = sparse.csr_matrix((1, 2))
    cues = sparse.csr_matrix(np.array([[1.0, 2.0, 2.0, 1.0]]))
    tokens = (np.array([0, 0]), np.zeros(0, dtype=np.int64))
    coef = np.array([0.0, 0.0, 0.0, 0.0, 0.5, -0.5, 0.5, 0.5])
    z, cols, terms = score_rows(empty, tokens, sparse.csr_matrix((0, 2)), cues,
                                word_idf=np.ones(2), char_idf=np.ones(2), coef=coef,
                                scale=2.0, top=3)
    assert z.tolist() == [1.0 * 0.5 - 2.0 * 0.5 + 2.0 * 0.5 + 1.0 * 0.5]
    assert cols.tolist() == [[5, 6, 4]]  # |-2| and |2| tie: column 5 first; then 4 before 7
    assert terms.tolist() == [[-2.0, 2.0, 1.0]]


def test_an_explanation_does_not_depend_on_the_other_sentences() -> None:
    texts = _texts(3)
    alone = [explain_checkworthiness([t], top=3)[0] for t in texts[:60]]
    assert explain_checkworthiness(texts, top=3)[:60] == alone
    assert sum(bool(a) for a in alone) > 50
