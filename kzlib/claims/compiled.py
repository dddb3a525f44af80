"""The check-worthiness logit and its top terms, one compiled pass per sentence (numba).

:mod:`kzlib.claims.checkworthiness` defines the score as sparse algebra:
TF-IDF of the word block and of the char block (each row l2-normalised),
the scaled cue block beside them, the product with the weights, and the
largest terms of that product per row. Computed that way, the char block
alone was a sentence-by-gram matrix of about 370 non-zeros per sentence (12
million on 32,000 UN sentences), built by a sparse product, converted,
stacked, multiplied and searched again for the explanation: 70 % of the
claim inventory's time. (:meth:`CheckworthinessModel.features` still builds
it, for training and as the reference.)

:func:`score_rows` does the same arithmetic in one pass per sentence and
never builds that matrix: it counts the sentence's character n-grams from
the n-grams of its words in a scratch array, then computes, in the same
order as the sparse path (columns ascending within each block; word, char,
cue), the TF-IDF values, their l2 norm, the running sum of value times
weight, and the ``top`` largest terms. The logit is the same float64 sum in
the same order, so scores equal the sparse path's to the last bit
(``tests/test_checkworthiness_fast.py`` checks scores and explanations
against sklearn's vectorisers on texts built to hit every cue and n-gram
edge case).

The functions are compiled on first use (``cache=True`` keeps the machine
code beside this file, or in numba's user cache when the package folder is
read-only) and release the GIL.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

__all__ = ["score_rows"]


@njit(cache=True, nogil=True, inline="always")
def _offer(i: int, j: int, term: float, kept: int, size: np.ndarray,
          best_col: np.ndarray, best_val: np.ndarray) -> int:
    """Keep ``term`` among row ``i``'s largest; a tie stays behind the earlier column."""
    a = abs(term)
    top = size.size
    if a == 0.0 or (kept == top and a <= size[top - 1]):
        return kept
    k = min(kept, top - 1)
    while k > 0 and size[k - 1] < a:
        size[k] = size[k - 1]
        best_col[i, k] = best_col[i, k - 1]
        best_val[i, k] = best_val[i, k - 1]
        k -= 1
    size[k] = a
    best_col[i, k] = j
    best_val[i, k] = term
    return min(kept + 1, top)

@njit(cache=True, nogil=True)
def _kernel(
    w_ptr: np.ndarray, w_col: np.ndarray, w_cnt: np.ndarray, w_idf: np.ndarray,
    t_ptr: np.ndarray, t_word: np.ndarray,
    g_ptr: np.ndarray, g_col: np.ndarray, g_cnt: np.ndarray, c_idf: np.ndarray,
    q_ptr: np.ndarray, q_col: np.ndarray, q_val: np.ndarray,
    coef: np.ndarray, scaled: np.ndarray, log1: np.ndarray, top: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = w_ptr.size - 1
    n_word = w_idf.size
    n_char = c_idf.size
    z = np.zeros(n, dtype=np.float64)
    best_col = np.full((n, top), -1, dtype=np.int64)
    best_val = np.zeros((n, top), dtype=np.float64)
    count = np.zeros(n_char, dtype=np.float64)
    touched = np.zeros(n_char, dtype=np.int64)
    size = np.zeros(top, dtype=np.float64)
    for i in range(n):
        total = 0.0
        kept = 0
        # word block: TF-IDF, then the row's l2 norm (as sklearn's normalize)
        norm = 0.0
        for e in range(w_ptr[i], w_ptr[i + 1]):
            v = log1[np.int64(w_cnt[e])] * w_idf[w_col[e]]
            norm += v * v
        norm = np.sqrt(norm) if norm != 0.0 else 1.0
        for e in range(w_ptr[i], w_ptr[i + 1]):
            j = w_col[e]
            v = log1[np.int64(w_cnt[e])] * w_idf[j] / norm
            total += v * coef[j]
            kept = _offer(i, j, v * scaled[j], kept, size, best_col, best_val)
        # char block: the sentence's n-gram counts, summed from its words' n-grams
        m = 0
        for t in range(t_ptr[i], t_ptr[i + 1]):
            w = t_word[t]
            for g in range(g_ptr[w], g_ptr[w + 1]):
                c = g_col[g]
                if count[c] == 0.0:
                    touched[m] = c
                    m += 1
                count[c] += g_cnt[g]
        cols = np.sort(touched[:m])
        norm = 0.0
        for c in cols:
            v = log1[np.int64(count[c])] * c_idf[c]
            norm += v * v
        norm = np.sqrt(norm) if norm != 0.0 else 1.0
        for c in cols:
            v = log1[np.int64(count[c])] * c_idf[c] / norm
            count[c] = 0.0
            j = n_word + c
            total += v * coef[j]
            kept = _offer(i, j, v * scaled[j], kept, size, best_col, best_val)
        # cue block: values as given (already scaled)
        for e in range(q_ptr[i], q_ptr[i + 1]):
            j = n_word + n_char + q_col[e]
            v = q_val[e]
            total += v * coef[j]
            kept = _offer(i, j, v * scaled[j], kept, size, best_col, best_val)
        z[i] = total
    return z, best_col, best_val



def score_rows(
    word: Any,
    tokens: tuple[np.ndarray, np.ndarray],
    grams: Any,
    cues: Any,
    *,
    word_idf: np.ndarray,
    char_idf: np.ndarray,
    coef: np.ndarray,
    scale: float,
    top: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Logit without intercept, and the ``top`` largest terms, of each sentence.

    Parameters
    ----------
    word : scipy.sparse.csr_matrix
        Word n-gram counts, sentences by the word vocabulary (canonical CSR).
    tokens : tuple of numpy.ndarray
        ``(ptr, word)``: sentence ``i``'s tokens are the distinct words
        ``word[ptr[i]:ptr[i + 1]]`` (rows of ``grams``), in text order.
    grams : scipy.sparse.csr_matrix
        Character n-gram counts of each distinct word (canonical CSR).
    cues : scipy.sparse.csr_matrix
        The cue block, already scaled.
    word_idf, char_idf, coef : numpy.ndarray
        The model's IDF vectors and weights (word, char, cue columns).
    scale : float
        Factor of each term in the explanation (the calibration slope).
    top : int
        Terms kept per sentence.

    Returns
    -------
    z : numpy.ndarray
        ``x . coef`` per sentence, float64, summed in the sparse path's order.
    columns, terms : numpy.ndarray
        ``(n, k)`` with ``k = top`` or fewer, when no sentence has ``top`` non-zero
        terms: the columns of the largest ``|scale * x_j * coef_j|``,
        largest first (ties: the lower column), ``-1`` where a sentence has
        fewer non-zero terms; and those terms.
    """
    # 1 + log(count) for every count a sentence can reach: a char n-gram's count is at most
    # the sentence's word count times the most any one word holds it
    longest = int(np.diff(tokens[0]).max(initial=0))
    high = max(int(word.data.max(initial=1)), longest * int(grams.data.max(initial=1)), 1)
    log1 = np.zeros(high + 1, dtype=np.float64)
    log1[1:] = np.log(np.arange(1, high + 1, dtype=np.float64)) + 1.0
    # no sentence has more non-zero terms than this: a large ``top`` costs no more memory
    per_token = np.diff(grams.indptr)[tokens[1]] if tokens[1].size else np.zeros(0, np.int64)
    char_terms = np.diff(np.concatenate([[0], np.cumsum(per_token)])[tokens[0]])
    most = int((np.diff(word.indptr) + char_terms + np.diff(cues.indptr)).max(initial=0))
    i64 = np.int64
    return _kernel(
        word.indptr.astype(i64), word.indices.astype(i64), word.data.astype(np.float64),
        np.ascontiguousarray(word_idf, dtype=np.float64),
        tokens[0].astype(i64), tokens[1].astype(i64),
        grams.indptr.astype(i64), grams.indices.astype(i64), grams.data.astype(np.float64),
        np.ascontiguousarray(char_idf, dtype=np.float64),
        cues.indptr.astype(i64), cues.indices.astype(i64), cues.data.astype(np.float64),
        np.ascontiguousarray(coef, dtype=np.float64),
        np.ascontiguousarray(scale * coef, dtype=np.float64), log1, max(min(int(top), most), 1),
    )
