"""Train the check-worthiness model on ClaimBuster and compare it with the plain peer.

Usage::

    .venv/bin/python bench/train_checkworthiness.py [--train PATH] [--news DIR] [--out DIR]
                                                    [--variants]

Reads the ClaimBuster training split (JSON list of ``sentence_id``, ``label``,
``text``; label 1 = check-worthy factual claim), chooses the regularisation
``C`` and the weight of the cue block by stratified 5-fold cross-validation
(seed 0; n-gram vocabularies are fitted inside each fold), Platt-calibrates
on the cross-validated decision values, fits the chosen model on all
sentences and writes ``data/checkworthiness/model.v1.npz`` and
``model.v1.json`` (byte for byte the same on every run: run it twice and
compare ``sha256sum``).

As a check of transfer to debates it has not seen, it also prints the ROC AUC
of the chosen model and of the peer under 5-fold cross-validation by blocks of
contiguous ``sentence_id`` (the benchmark numbers sentences debate by debate,
so a block holds whole debates that the training folds never saw).

It prints, side by side with the peer (TF-IDF word 1-2-grams + default
logistic regression): cross-validated ROC AUC, average precision and F1,
a reliability table of the held-out predictions, sentences per second of
scoring, the share of sentences :func:`is_claim` keeps per label, and, on
the news dev set (``gold_claims.json``), how well checkable claims rank
above pure opinions (ROC AUC over the sentences that hold the gold keys), in
all and for each kind of checkable claim (its first gold type). The news gold
is only measured: nothing is fitted or chosen on it.

``--variants`` also refits the genre-shift alternatives of :data:`VARIANTS`
(no char block, rare n-grams left out, no first person / future features) on
the same folds and prints their held-out ROC AUC, average precision, AUC on
unseen debates and news AUC beside the shipped features'.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score, roc_auc_score
from sklearn.model_selection import GroupKFold, StratifiedKFold
from sklearn.pipeline import Pipeline, make_pipeline
from threadpoolctl import threadpool_limits

from kzlib.claims.assertion import is_claim
from kzlib.claims.checkworthiness import (
    CUE_NAMES,
    CheckworthinessModel,
    cue_matrix,
    load_model,
    ngram_vectorizer,
    score_checkworthiness,
    tfidf,
    write_model,
)
from kzlib.corpus import sentence_spans
from kzlib.paths import CHECKWORTHINESS_DIR, DEV_DIR

SEED = 0
FOLDS = 5
GRID_C = (1.0, 2.0, 4.0)
GRID_CUE_SCALE = (0.5, 1.0)
MIN_DF = {"word": 2, "char": 3}
VERSION = "claimbuster-lr-1"
DEFAULT_TRAIN = DEV_DIR / "claimbuster" / "train.json"
DEFAULT_NEWS = DEV_DIR / "news"


def _load_train(path: Path) -> tuple[list[str], np.ndarray, str, np.ndarray]:
    """Texts, labels, file sha256, and 5 blocks of contiguous sentence ids (debates)."""
    raw = path.read_bytes()
    rows = json.loads(raw)
    texts = [str(r["text"]) for r in rows]
    labels = np.array([int(r["label"]) for r in rows], dtype=np.int64)
    ids = np.array([int(r["sentence_id"]) for r in rows], dtype=np.int64)
    rank = np.empty(len(ids), dtype=np.int64)
    rank[np.argsort(ids, kind="stable")] = np.arange(len(ids))
    return texts, labels, hashlib.sha256(raw).hexdigest(), rank * FOLDS // max(len(ids), 1)


def _block(kind: str, fit: Sequence[str], *others: Sequence[str]) -> tuple[
        list[sparse.csr_matrix], list[str], np.ndarray]:
    """TF-IDF of one n-gram block: vocabulary and idf from ``fit``, applied to all."""
    vec = ngram_vectorizer(kind, min_df=MIN_DF[kind])
    counts = sparse.csr_matrix(vec.fit_transform(fit))
    vocab = [str(v) for v in vec.get_feature_names_out()]
    df = np.bincount(counts.indices, minlength=len(vocab))
    idf = np.log((1.0 + counts.shape[0]) / (1.0 + df)) + 1.0
    mats = [tfidf(counts, idf)] + [tfidf(sparse.csr_matrix(vec.transform(o)), idf)
                                   for o in others]
    return mats, vocab, idf


def _design(word: sparse.csr_matrix, char: sparse.csr_matrix, cues: sparse.csr_matrix,
            cue_scale: float) -> sparse.csr_matrix:
    return sparse.csr_matrix(sparse.hstack([word, char, cues * cue_scale], format="csr"))


def _lr(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=5000, tol=1e-6)


def _cv_model(texts: list[str], y: np.ndarray, cues: sparse.csr_matrix,
              folds: list[tuple[np.ndarray, np.ndarray]],
              grid: Sequence[tuple[float, float]]) -> dict[tuple[float, float], np.ndarray]:
    """Held-out decision values of every grid point (vocabularies fitted per fold)."""
    out = {k: np.zeros(len(y)) for k in grid}
    arr = np.array(texts, dtype=object)
    for tr, te in folds:
        (w_tr, w_te), _, _ = _block("word", list(arr[tr]), list(arr[te]))
        (c_tr, c_te), _, _ = _block("char", list(arr[tr]), list(arr[te]))
        for (c, s), z in out.items():
            lr = _lr(c).fit(_design(w_tr, c_tr, cues[tr], s), y[tr])
            z[te] = lr.decision_function(_design(w_te, c_te, cues[te], s))
    return out


def _peer() -> Pipeline:
    return make_pipeline(TfidfVectorizer(ngram_range=(1, 2)), LogisticRegression(max_iter=1000))


def _cv_peer(texts: list[str], y: np.ndarray,
             folds: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    arr = np.array(texts, dtype=object)
    p = np.zeros(len(y))
    for tr, te in folds:
        p[te] = _peer().fit(list(arr[tr]), y[tr]).predict_proba(list(arr[te]))[:, 1]
    return p


def _platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    lr = LogisticRegression(C=1e6, max_iter=1000).fit(z.reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * z)), dtype=np.float64)


def _cross_fitted_platt(z: np.ndarray, y: np.ndarray,
                        folds: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Calibrated held-out probabilities: each fold calibrated by the other folds."""
    p = np.zeros(len(y))
    for tr, te in folds:
        a, b = _platt(z[tr], y[tr])
        p[te] = _sigmoid(a * z[te] + b)
    return p


def _metrics(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    grid = np.linspace(0.05, 0.95, 19)
    best = max(float(f1_score(y, p >= t)) for t in grid)
    return {"roc_auc": round(float(roc_auc_score(y, p)), 4),
            "average_precision": round(float(average_precision_score(y, p)), 4),
            "f1_at_0.5": round(float(f1_score(y, p >= 0.5)), 4),
            "best_f1": round(best, 4)}


def _reliability(y: np.ndarray, p: np.ndarray) -> list[tuple[str, int, float, float]]:
    edges = np.linspace(0.0, 1.0, 11)
    rows = []
    for lo, hi in itertools.pairwise(edges):
        m = (p >= lo) & ((p < hi) if hi < 1.0 else (p <= hi))
        if m.any():
            rows.append((f"{lo:.1f}-{hi:.1f}", int(m.sum()), float(p[m].mean()),
                         float(y[m].mean())))
    return rows


def _ece(y: np.ndarray, p: np.ndarray) -> float:
    return sum(n * abs(mp - ob) for _, n, mp, ob in _reliability(y, p)) / len(y)


def _news(news: Path) -> tuple[list[str], np.ndarray, list[str]] | None:
    """Sentences holding each gold key, 1 = checkable, 0 = pure opinion, and the gold kind.

    The kind is ``opinion`` or the checkable claim's first gold type (``event``,
    ``quantitative``, ``predictive``, ``factual``, ``evaluative``).
    """
    gold = news / "gold_claims.json"
    if not gold.is_file():
        return None
    texts, labels, kinds = [], [], []
    files = {p.name[:2]: p for p in news.glob("[0-9][0-9]_*.txt")}
    for claim in json.loads(gold.read_text(encoding="utf-8"))["claims"]:
        doc = files[claim["doc"]].read_text(encoding="utf-8")
        at = doc.index(claim["key"])
        span = next(((s, e) for s, e in sentence_spans(doc) if s <= at < e), None)
        texts.append(doc[span[0]:span[1]] if span else claim["key"])
        labels.append(0 if claim.get("opinion") else 1)
        kinds.append("opinion" if claim.get("opinion") else str((claim.get("types") or ["?"])[0]))
    return texts, np.array(labels, dtype=np.int64), kinds


def _news_by_kind(y: np.ndarray, kinds: list[str], scores: dict[str, np.ndarray]) -> None:
    """ROC AUC of each kind of checkable gold claim against all the opinions."""
    names = list(scores)
    print("news: each kind of checkable claim above the opinions, ROC AUC ("
          + " / ".join(names) + ")")
    kind = np.array(kinds, dtype=object)
    for k in sorted(set(kinds) - {"opinion"}):
        m = (kind == k) | (y == 0)
        figures = " / ".join(f"{roc_auc_score(y[m], v[m]):.3f}" for v in scores.values())
        print(f"  {k:14s} {int((kind == k).sum()):4d} vs {int((y == 0).sum())}  {figures}")


class Variant(NamedTuple):
    """A genre-shift alternative to the shipped features (``--variants``)."""

    name: str
    min_df: tuple[int, int] = (MIN_DF["word"], MIN_DF["char"])
    char: bool = True
    #: Word tokens whose n-grams (and whose whole-word character n-grams) are left out.
    drop_words: frozenset[str] = frozenset()
    drop_cues: frozenset[str] = frozenset()


_STANCE_WORDS = frozenset(
    ["i", "me", "my", "am", "will", "would", "ll", "going", "gonna", "shall", "won"])
#: The alternatives tried for the news genre shift, each by the same folds as the model.
VARIANTS: tuple[Variant, ...] = (
    Variant("as shipped"),
    Variant("no char block", char=False),
    Variant("rare n-grams out (min_df 10/30)", min_df=(10, 30)),
    Variant("no first person (I) / future", drop_words=_STANCE_WORDS,
            drop_cues=frozenset({"first person(I)", "modal(future)"})),
    Variant("both of the last two", min_df=(10, 30), drop_words=_STANCE_WORDS,
            drop_cues=frozenset({"first person(I)", "modal(future)"})),
)


def _variant_design(v: Variant, fit: Sequence[str], cues_fit: sparse.csr_matrix,
                    *others: tuple[Sequence[str], sparse.csr_matrix]) -> list[sparse.csr_matrix]:
    """Design matrices of ``fit`` and ``others`` under variant ``v`` (vocabularies from ``fit``)."""
    keep = np.array([n not in v.drop_cues for n in CUE_NAMES], dtype=np.float64)
    parts: list[list[sparse.csr_matrix]] = [[] for _ in range(1 + len(others))]
    for kind, min_df in zip(("word", "char"), v.min_df, strict=True):
        if kind == "char" and not v.char:
            continue
        vec = ngram_vectorizer(kind, min_df=min_df)
        counts = sparse.csr_matrix(vec.fit_transform(fit))
        vocab = [str(t) for t in vec.get_feature_names_out()]
        df = np.bincount(counts.indices, minlength=len(vocab))
        idf = np.log((1.0 + counts.shape[0]) / (1.0 + df)) + 1.0
        if kind == "word":
            mask = [not set(t.split()) & v.drop_words for t in vocab]
        else:  # a whole dropped word with its boundary space (" will", "i ")
            mask = [not (t.strip() in v.drop_words and t != t.strip()) for t in vocab]
        cols = sparse.diags(np.array(mask, dtype=np.float64))
        mats = [counts] + [sparse.csr_matrix(vec.transform(o)) for o, _ in others]
        for out, m in zip(parts, mats, strict=True):
            out.append(sparse.csr_matrix(tfidf(m, idf) @ cols))
    cue_blocks = [cues_fit] + [q for _, q in others]
    return [sparse.csr_matrix(sparse.hstack([*b, q @ sparse.diags(keep * GRID_CUE_SCALE[0])],
                                            format="csr"))
            for b, q in zip(parts, cue_blocks, strict=True)]


def _variants(texts: list[str], y: np.ndarray, cues: sparse.csr_matrix, c: float,
              folds: dict[str, list[tuple[np.ndarray, np.ndarray]]],
              news: tuple[list[str], np.ndarray, list[str]] | None) -> None:
    """Print held-out ClaimBuster figures and news AUC of each of :data:`VARIANTS`."""
    arr = np.array(texts, dtype=object)
    news_cues = cue_matrix(news[0]) if news is not None else None
    print(f"genre-shift variants (C={c}, cue_scale {GRID_CUE_SCALE[0]}; ClaimBuster figures "
          "held out; news: fitted on all of ClaimBuster, measured only)")
    print(f"  {'variant':34s} {'roc_auc':>8s} {'ap':>8s} {'unseen':>8s} {'news':>8s}")
    for v in VARIANTS:
        figures: list[str] = []
        for fold_set in folds.values():
            z = np.zeros(len(y))
            for tr, te in fold_set:
                x_tr, x_te = _variant_design(v, list(arr[tr]), cues[tr],
                                             (list(arr[te]), cues[te]))
                z[te] = _lr(c).fit(x_tr, y[tr]).decision_function(x_te)
            figures.append(f"{roc_auc_score(y, z):.4f}")
            if len(figures) == 1:
                figures.append(f"{average_precision_score(y, z):.4f}")
        if news is not None and news_cues is not None:
            x_all, x_news = _variant_design(v, texts, cues, (news[0], news_cues))
            zn = _lr(c).fit(x_all, y).decision_function(x_news)
            figures.append(f"{roc_auc_score(news[1], zn):.4f}")
        print(f"  {v.name:34s} " + " ".join(f"{f:>8s}" for f in figures))


def _speed(fn: Callable[[list[str]], object], texts: list[str]) -> float:
    t0 = time.perf_counter()
    fn(texts)
    return len(texts) / (time.perf_counter() - t0)


def _print_side(rows: dict[str, tuple[object, object]]) -> None:
    print(f"{'':28s} {'model':>12s} {'peer':>12s}")
    for k, (a, b) in rows.items():
        print(f"{k:28s} {a!s:>12s} {b!s:>12s}")


def _print_reliability(name: str, y: np.ndarray, p: np.ndarray) -> None:
    print(f"reliability of {name} (held-out folds; ECE {_ece(y, p):.3f})")
    print(f"  {'bin':9s} {'n':>5s} {'predicted':>9s} {'observed':>9s}")
    for b, n, mp, ob in _reliability(y, p):
        print(f"  {b:9s} {n:5d} {mp:9.3f} {ob:9.3f}")


def _fit_final(texts: list[str], y: np.ndarray, cues: sparse.csr_matrix, c: float,
               s: float, platt: tuple[float, float], meta: dict[str, object]
               ) -> CheckworthinessModel:
    (word,), wv, widf = _block("word", texts)
    (char,), cv, cidf = _block("char", texts)
    lr = _lr(c).fit(_design(word, char, cues, s), y)
    return CheckworthinessModel(
        version=VERSION, word_vocab=tuple(wv), word_idf=widf, char_vocab=tuple(cv),
        char_idf=cidf, cue_scale=s, coef=lr.coef_[0].astype(np.float64),
        intercept=float(lr.intercept_[0]), platt=platt, meta=meta)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    parser.add_argument("--news", type=Path, default=DEFAULT_NEWS)
    parser.add_argument("--out", type=Path, default=CHECKWORTHINESS_DIR)
    parser.add_argument("--variants", action="store_true",
                        help="also print the genre-shift variants (a few minutes more)")
    args = parser.parse_args(argv)
    t_start = time.perf_counter()
    texts, y, digest, blocks = _load_train(args.train)
    print(f"{args.train}: {len(texts)} sentences, {int(y.sum())} check-worthy")
    cues = cue_matrix(texts)
    folds = list(StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(texts, y))
    with threadpool_limits(1):
        z_grid = _cv_model(texts, y, cues, folds,
                           [(c, s) for c in GRID_C for s in GRID_CUE_SCALE])
        p_peer = _cv_peer(texts, y, folds)
    print("grid (C, cue scale): held-out ROC AUC")
    aucs = {k: float(roc_auc_score(y, z)) for k, z in z_grid.items()}
    for k, a in aucs.items():
        print(f"  C={k[0]:<4} cue_scale={k[1]:<4} {a:.4f}")
    c, s = max(aucs, key=lambda k: (round(aucs[k], 4), -k[0]))
    z = z_grid[(c, s)]
    p_model = _cross_fitted_platt(z, y, folds)
    m_model, m_peer = _metrics(y, p_model), _metrics(y, p_peer)
    platt = _platt(z, y)
    meta: dict[str, object] = {
        "trained_on": "ClaimBuster crowdsourced training split (train.json)",
        "train_sha256": digest, "n_sentences": len(texts), "n_checkworthy": int(y.sum()),
        "seed": SEED, "folds": FOLDS, "C": c, "min_df": MIN_DF,
        "cv_model": m_model, "cv_peer": m_peer,
        "cv_ece_model": round(_ece(y, p_model), 4), "cv_ece_peer": round(_ece(y, p_peer), 4),
    }
    by_block = list(GroupKFold(FOLDS).split(texts, y, blocks))
    with threadpool_limits(1):
        z_block = _cv_model(texts, y, cues, by_block, [(c, s)])[(c, s)]
        p_block = _cv_peer(texts, y, by_block)
        model = _fit_final(texts, y, cues, c, s, platt, meta)
        peer = _peer().fit(texts, y)
    paths = write_model(model, args.out)
    load_model.cache_clear()
    shipped = load_model(args.out)
    print(f"chosen C={c}, cue_scale={s}; Platt a={platt[0]:.4f} b={platt[1]:.4f}")
    print(f"stratified {FOLDS}-fold cross-validation on the training split (seed {SEED}):")
    rows: dict[str, tuple[object, object]] = {k: (m_model[k], m_peer[k]) for k in m_model}
    rows["roc_auc, unseen debates"] = (round(float(roc_auc_score(y, z_block)), 4),
                                       round(float(roc_auc_score(y, p_block)), 4))
    t0 = time.perf_counter()
    load_model.cache_clear()
    load_model(args.out)
    load_ms = (time.perf_counter() - t0) * 1000
    rows["sentences/second"] = (
        f"{_speed(lambda t: score_checkworthiness(t, model=shipped), texts):.0f}",
        f"{_speed(lambda t: peer.predict_proba(t), texts):.0f}")
    rows["load (ms)"] = (f"{load_ms:.0f}", "-")
    news = _news(args.news)
    news_scores: dict[str, np.ndarray] = {}
    if news is not None:
        nt, ny, _ = news
        news_scores = {"model": score_checkworthiness(nt, model=shipped),
                       "peer": peer.predict_proba(nt)[:, 1]}
        rows[f"news AUC ({int(ny.sum())} vs {int((1 - ny).sum())})"] = (
            round(float(roc_auc_score(ny, news_scores["model"])), 4),
            round(float(roc_auc_score(ny, news_scores["peer"])), 4))
    _print_side(rows)
    if news is not None:
        _news_by_kind(news[1], news[2], news_scores)
    _print_reliability("model (Platt, cross-fitted)", y, p_model)
    _print_reliability("peer", y, p_peer)
    keep = is_claim(texts)
    print(f"is_claim keeps {keep[y == 0].mean():.1%} of not-check-worthy and "
          f"{keep[y == 1].mean():.1%} of check-worthy sentences")
    if args.variants:
        with threadpool_limits(1):
            _variants(texts, y, cues, c, {"stratified": folds, "unseen debates": by_block}, news)
    for p in paths:
        print(f"wrote {p} sha256 {hashlib.sha256(p.read_bytes()).hexdigest()}")
    print(f"total {time.perf_counter() - t_start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
