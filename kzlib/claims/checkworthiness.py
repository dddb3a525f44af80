"""Learned, explainable check-worthiness of sentences, and "is it a claim at all".

The score is a logistic regression over three transparent blocks of features,
shipped as data (``data/checkworthiness/``, rebuilt byte for byte by
``bench/train_checkworthiness.py``; never pickle):

``word``   TF-IDF of lower-cased word 1-2-grams (sublinear tf, l2-normalised),
           digits folded to ``0`` so "1952" and "2023" are the same token.
``char``   TF-IDF of character 2-5-grams inside word boundaries (same folding):
           carries over to unseen words, spellings and genres.
``cue``    binary cues from the regular expressions in :data:`CUES`
           (:mod:`kzlib.claims.signals`)
           (numbers and their units, percent, money, years and dates,
           capitalised names, event and attribution verbs, hedges, first and
           second person, question mark, tense and modal cues, procedural
           lines, sentence length), each scaled by the shipped ``cue_scale``.

The probability is Platt-calibrated on cross-validated decision values:
``p = sigmoid(a * (intercept + x . w) + b)``. Every feature value is zero
unless the feature fired, so the logit splits exactly into ``a * x_j * w_j``
per fired feature plus a constant: :func:`explain_checkworthiness` lists the
largest of these terms, e.g. ``+number(percent)``, ``-question``,
``+"billion"``, ``+chars("illi")``.

:func:`kzlib.claims.assertion.is_claim` is a separate set of rules (a
sentence that asks, greets, thanks, heads a section or runs the proceedings
asserts nothing checkable or evaluative, whatever its score);
:func:`checkworthiness_frame` gives score, explanation and that flag together.

Examples
--------
>>> s = score_checkworthiness(["Exports rose 12% to $4 billion in 2023, the ministry said.",
...                            "Thank you very much."])
>>> bool(s[0] > s[1])
True
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import normalize

from kzlib.claims.ngrams import (
    CHAR_NGRAMS,
    WORD_NGRAMS,
    char_counts,
    fold_text,
    word_counts,
    word_grams,
)
from kzlib.claims.signals import CUE_NAMES, cue_matrix
from kzlib.errors import InputError
from kzlib.paths import CHECKWORTHINESS_DIR

#: Version of the feature definitions; the shipped model must carry the same one.
__all__ = [
    "CHECKWORTHINESS_COLUMNS",
    "CUE_NAMES",
    "CheckworthinessModel",
    "char_counts",
    "checkworthiness_frame",
    "cue_matrix",
    "explain_checkworthiness",
    "load_model",
    "score_checkworthiness",
    "word_counts",
    "write_model",
]

FEATURES_VERSION: str = "cw-features-1"
#: File names of the shipped model inside :data:`kzlib.paths.CHECKWORTHINESS_DIR`.
MODEL_ARRAYS: str = "model.v1.npz"
MODEL_META: str = "model.v1.json"

def ngram_vectorizer(kind: str, *, vocabulary: Sequence[str] | None = None,
                     min_df: int = 1) -> CountVectorizer:
    """The count vectorizer of the ``word`` or ``char`` block (training and scoring).

    Examples
    --------
    >>> ngram_vectorizer("word", vocabulary=["tax", "tax cut"]).transform(["A tax cut."]).sum()
    np.float64(2.0)
    """
    if kind == "word":
        return CountVectorizer(preprocessor=fold_text, ngram_range=WORD_NGRAMS,
                               vocabulary=vocabulary, min_df=min_df, dtype=np.float64)
    if kind == "char":
        return CountVectorizer(preprocessor=fold_text, analyzer="char_wb",
                               ngram_range=CHAR_NGRAMS, vocabulary=vocabulary, min_df=min_df,
                               dtype=np.float64)
    raise InputError(f"kind={kind!r}: give 'word' or 'char'")


def tfidf(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """Sublinear TF-IDF, l2-normalised per row: as sklearn's ``TfidfVectorizer``.

    Examples
    --------
    >>> m = tfidf(sparse.csr_matrix(np.array([[1.0, 3.0]])), np.array([1.0, 2.0]))
    >>> np.round(m.toarray(), 3).tolist()
    [[0.232, 0.973]]
    """
    return _tfidf_inplace(sparse.csr_matrix(counts, dtype=np.float64, copy=True), idf)


def _tfidf_inplace(out: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    out.sum_duplicates()  # sorted columns, as the broadcast multiply used to leave them
    out.data = (np.log(out.data) + 1.0) * idf[out.indices]
    return sparse.csr_matrix(normalize(out, norm="l2", copy=False))


@dataclass(frozen=True)
class CheckworthinessModel:
    """A fitted check-worthiness model: vocabularies, weights and calibration.

    ``coef`` holds the weights of the word, char and cue blocks in that order;
    ``platt`` is ``(a, b)`` of the calibration ``sigmoid(a * z + b)``.
    """

    version: str
    word_vocab: tuple[str, ...]
    word_idf: np.ndarray
    char_vocab: tuple[str, ...]
    char_idf: np.ndarray
    cue_scale: float
    coef: np.ndarray
    intercept: float
    platt: tuple[float, float]
    meta: dict[str, Any]
    char_index: dict[str, int] = field(init=False, repr=False, compare=False)
    word_index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "char_index", {g: j for j, g in enumerate(self.char_vocab)})
        object.__setattr__(self, "word_index", {w: j for j, w in enumerate(self.word_vocab)})

    def features(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """The feature matrix of ``texts`` (word | char | cue blocks).

        Examples
        --------
        >>> load_model().features(["A tax cut."]).shape[1] == load_model().coef.size
        True
        """
        word = word_counts(texts, self.word_index)
        char = char_counts(texts, self.char_index)
        cues = cue_matrix(texts) * self.cue_scale
        blocks = [_tfidf_inplace(sparse.csr_matrix(word, dtype=np.float64), self.word_idf),
                  _tfidf_inplace(char, self.char_idf), cues]
        return sparse.csr_matrix(sparse.hstack(blocks, format="csr"))

    def feature_names(self) -> list[str]:
        """Readable names of all features, in column order.

        Examples
        --------
        >>> load_model().feature_names()[-1]
        'length(31+ words)'
        """
        return list(self.names)

    @cached_property
    def names(self) -> tuple[str, ...]:
        """:meth:`feature_names` as a tuple, built once per model."""
        return tuple([f'"{w}"' for w in self.word_vocab]
                     + [f'chars("{c}")' for c in self.char_vocab] + list(CUE_NAMES))


def _check_texts(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):
        raise InputError("texts: give a list of sentences, not one string")
    out = list(texts)
    bad = next((i for i, t in enumerate(out) if not isinstance(t, str)), None)
    if bad is not None:
        raise InputError(f"texts[{bad}]={out[bad]!r}: every sentence must be a string")
    return out


def _read_meta(directory: Path) -> dict[str, Any]:
    path = directory / MODEL_META
    if not path.is_file():
        raise InputError(f"{path}: model file missing; run bench/train_checkworthiness.py")
    meta: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if meta.get("features_version") != FEATURES_VERSION:
        raise InputError(f"{path}: features_version {meta.get('features_version')!r} is not "
                         f"{FEATURES_VERSION!r}; rebuild with bench/train_checkworthiness.py")
    if tuple(meta.get("cue_names", ())) != CUE_NAMES:
        raise InputError(f"{path}: cue names differ from kzlib's; rebuild the model")
    return meta


@lru_cache(maxsize=4)
def load_model(directory: Path | None = None) -> CheckworthinessModel:
    """Load (once, then from cache) the shipped model from ``data/checkworthiness/``.

    Examples
    --------
    >>> m = load_model()
    >>> m.coef.size == len(m.word_vocab) + len(m.char_vocab) + len(CUE_NAMES)
    True
    """
    folder = CHECKWORTHINESS_DIR if directory is None else Path(directory)
    meta = _read_meta(folder)
    with np.load(folder / MODEL_ARRAYS, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    model = CheckworthinessModel(
        version=str(meta["version"]),
        word_vocab=tuple(arrays["word_vocab"].tolist()),
        word_idf=arrays["word_idf"].astype(np.float64),
        char_vocab=tuple(arrays["char_vocab"].tolist()),
        char_idf=arrays["char_idf"].astype(np.float64),
        cue_scale=float(meta["cue_scale"]),
        coef=arrays["coef"].astype(np.float64),
        intercept=float(meta["intercept"]),
        platt=(float(meta["platt_a"]), float(meta["platt_b"])),
        meta=meta,
    )
    if model.coef.size != len(model.word_vocab) + len(model.char_vocab) + len(CUE_NAMES):
        raise InputError(f"{folder / MODEL_ARRAYS}: weights and vocabularies disagree in size")
    return model


def _npy_bytes(array: np.ndarray) -> bytes:
    import io

    buf = io.BytesIO()
    np.lib.format.write_array(buf, np.ascontiguousarray(array), allow_pickle=False)
    return buf.getvalue()


def write_model(model: CheckworthinessModel, directory: Path) -> list[Path]:
    """Write ``model`` as an ``.npz`` (fixed zip timestamps) and a JSON, byte for byte stable.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     paths = write_model(load_model(), Path(d))
    ...     load_model(Path(d)).version == load_model().version
    True
    """
    directory.mkdir(parents=True, exist_ok=True)
    arrays = {
        "word_vocab": np.array(model.word_vocab, dtype=str),
        "word_idf": model.word_idf.astype(np.float64),
        "char_vocab": np.array(model.char_vocab, dtype=str),
        "char_idf": model.char_idf.astype(np.float64),
        "coef": model.coef.astype(np.float64),
    }
    npz = directory / MODEL_ARRAYS
    with zipfile.ZipFile(npz, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, array in arrays.items():
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, _npy_bytes(array))
    meta = dict(model.meta)
    meta.update(version=model.version, features_version=FEATURES_VERSION,
                cue_names=list(CUE_NAMES), cue_scale=model.cue_scale,
                intercept=model.intercept, platt_a=model.platt[0], platt_b=model.platt[1])
    js = directory / MODEL_META
    js.write_text(json.dumps(meta, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                  encoding="utf-8")
    return [npz, js]


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * z)), dtype=np.float64)


def score_checkworthiness(texts: Sequence[str], *,
                          model: CheckworthinessModel | None = None) -> np.ndarray:
    """Calibrated probability (0..1) that each sentence is a check-worthy factual claim.

    Trained on ClaimBuster (US presidential debates); ranks best on spoken
    political text, less well on other genres (see ``data/checkworthiness/README.md``).

    Examples
    --------
    >>> s = score_checkworthiness(["Unemployment fell to 4.1 percent last year.",
    ...                            "I think we can do better."])
    >>> bool(s[0] > s[1]), bool(((s >= 0) & (s <= 1)).all())
    (True, True)
    """
    rows = _check_texts(texts)
    m = load_model() if model is None else model
    if not rows:
        return np.zeros(0, dtype=np.float64)
    return _compiled(m, rows, 1)[0]


def _score(m: CheckworthinessModel, x: sparse.csr_matrix) -> np.ndarray:
    """The sparse path: calibrated scores of feature rows ``x`` (training, reference)."""
    z = np.asarray(x @ m.coef, dtype=np.float64) + m.intercept
    return _sigmoid(m.platt[0] * z + m.platt[1])


def _compiled(m: CheckworthinessModel, rows: list[str], top: int) -> tuple[np.ndarray, list[str]]:
    """Scores and explanations of ``rows`` in one compiled pass (:mod:`kzlib.claims.compiled`).

    The scores equal :func:`_score` of :meth:`CheckworthinessModel.features`
    to the last bit; the explanations rank the terms of those features by size
    (an exact tie: the lower column first).
    """
    from kzlib.claims.compiled import score_rows

    tokens, grams = word_grams(rows, m.char_index)
    z, columns, terms = score_rows(
        word_counts(rows, m.word_index), tokens, grams, cue_matrix(rows) * m.cue_scale,
        word_idf=m.word_idf, char_idf=m.char_idf, coef=m.coef, scale=m.platt[0], top=top)
    names = m.names
    why = [", ".join(("+" if v > 0 else "-") + names[j]
                     for j, v in zip(cs, vs, strict=True) if j >= 0)
           for cs, vs in zip(columns.tolist(), terms.tolist(), strict=True)]
    return _sigmoid(m.platt[0] * (z + m.intercept) + m.platt[1]), why


def explain_checkworthiness(texts: Sequence[str], *, top: int = 3,
                            model: CheckworthinessModel | None = None) -> list[str]:
    """The ``top`` fired features that moved each score most, with their sign.

    Each term is a feature's exact share of the calibrated logit: ``+`` raised
    the score, ``-`` lowered it; word n-grams are quoted, character n-grams
    are ``chars("...")``, cues are named as in :data:`CUE_NAMES`.

    Examples
    --------
    >>> explain_checkworthiness(["Why?"], top=2)[0].startswith("-")
    True
    """
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise InputError(f"top={top!r}: give a whole number of at least 1")
    rows = _check_texts(texts)
    m = load_model() if model is None else model
    if not rows:
        return []
    return _compiled(m, rows, top)[1]


#: Columns of :func:`checkworthiness_frame`.
CHECKWORTHINESS_COLUMNS: tuple[str, ...] = ("checkworthiness", "cw_why", "is_claim")


def checkworthiness_frame(texts: Sequence[str], *, top: int = 3) -> pd.DataFrame:
    """Score, explanation and claim flag of each sentence, one row each (for the inventory).

    Columns: ``checkworthiness`` (calibrated probability, float64), ``cw_why``
    (the ``top`` features that moved it, as :func:`explain_checkworthiness`)
    and ``is_claim`` (bool, :func:`kzlib.claims.assertion.is_claim`). Rows keep the
    order of ``texts``.

    Examples
    --------
    >>> f = checkworthiness_frame(["Exports rose 5% in 2023.", "Thank you."], top=2)
    >>> f.columns.tolist(), f["is_claim"].tolist()
    (['checkworthiness', 'cw_why', 'is_claim'], [True, False])
    """
    from kzlib.claims.assertion import is_claim  # assertion imports this module

    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise InputError(f"top={top!r}: give a whole number of at least 1")
    rows = _check_texts(texts)
    scores, why = _compiled(load_model(), rows, top) if rows else (np.zeros(0), [])
    return pd.DataFrame({
        "checkworthiness": scores,
        "cw_why": pd.Series(why, dtype=object),
        "is_claim": is_claim(rows),
    }, columns=list(CHECKWORTHINESS_COLUMNS))
