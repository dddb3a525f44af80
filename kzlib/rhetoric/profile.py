"""The rhetoric profile of each article: lexicon rates, readability, diversity, intervals.

Everything here is a pure function of the sentence table
(:func:`kzlib.corpus.sentences_frame`) plus the lexicons in
``data/lexicons/`` and the actor gazetteer ``data/actors.csv`` (both with a
codebook README; edit them and rerun). **Rates use body sentences only**
(``kind == "body"``): headings are left out of every count and every
denominator, so a heading like "The Physics of Geopolitics" does not count as
a physics metaphor.

Measures (:func:`measures`, tidy: ``doc_id, measure, value, ci_low, ci_high``)
-------------------------------------------------------------------------------
``words``, ``sentences``
    Word tokens and sentences in the body (counts: no CI).
``mean_sentence_words``
    Words per sentence.
``hedges_per_1k``, ``boosters_per_1k``, ``attribution_per_1k``, ``first_person_per_1k``
    Matches of the lexicon per 1,000 words. A booster with a negator
    ("not", "never", "n't", ...) among the three words before it in the same
    clause is not counted ("not clearly" is not a booster; "not only" does
    not negate). First-person pronouns inside a direct quotation are the
    quoted speaker's, not the writer's, and are not counted.
``quotes_share``
    Share of sentences that contain (part of) a direct quotation: text between
    double quotation marks, paired within a paragraph, of at least
    ``quote_min_words`` words (so scare quotes like "texturing" do not count).
``flesch_reading_ease``
    206.835 - 1.015 * words/sentences - 84.6 * syllables/words, syllables by
    :func:`kzlib.rhetoric.count_syllables` (a rule-based counter; no dictionary).
``mtld``
    Measure of textual lexical diversity (McCarthy & Jarvis 2010), mean of the
    forward and backward passes, factor threshold 0.72, over lower-cased word
    tokens with a letter. No CI: it depends on word order across sentences.
``frame_per_1k:<frame>``, ``metaphor_per_1k:<domain>``
    Matches per 1,000 words for each category of ``frames`` and ``metaphors``
    (and ``<name>_per_1k:<category>`` for any other lexicon file added).
``actor_share:<actor>``
    Share of sentences that mention the actor under any alias.

Confidence intervals are percentile bootstrap intervals (95% by default) over
the sentences of each article: sentences are resampled with replacement
``n_boot`` times and every measure recomputed from the resampled sums. Each
article has its own random stream, seeded from ``seed`` and its ``doc_id``, so
adding an article to the corpus does not change the intervals of the others.
The bootstrap is vectorised: a (n_boot x sentences) matrix of resampling
counts times a (sentences x measures) matrix of per-sentence counts, then
percentiles of the measures computed from the resampled sums. Sentences are
resampled as if independent; terms that cluster in one passage make the
intervals somewhat too narrow.

The steps live in their own modules: :mod:`kzlib.rhetoric.analysis` (body
sentences, tokens, quotations, lexicon matches), :mod:`kzlib.rhetoric.rates`
(the measures from sums of counts), :mod:`kzlib.rhetoric.bootstrap` (the
intervals). The other tables: :func:`kzlib.rhetoric.keyness` (log-likelihood G2,
log ratio, p-value of each article against the rest), :func:`kzlib.rhetoric.similarity`
(TF-IDF cosine between articles), :func:`kzlib.rhetoric.cooccurrence` (actors
mentioned in the same sentence), :func:`kzlib.rhetoric.evidence` (the sentences and
words behind any measure of any article) and :func:`kzlib.rhetoric.contrasts` (which
article stands out on each measure, and whether its interval clears the runner-up's).

Examples
--------
>>> from kzlib.corpus import load_corpus
>>> from kzlib.corpus import sentences_frame
>>> sents = sentences_frame(load_corpus())
>>> table = measures(sents, include=["hedges_per_1k"], n_boot=200)
>>> table.columns.tolist()
['doc_id', 'measure', 'value', 'ci_low', 'ci_high']
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from kzlib.checks import check_int
from kzlib.errors import InputError
from kzlib.rhetoric.actors import load_actors
from kzlib.rhetoric.analysis import _analyse, _Analysis
from kzlib.rhetoric.bootstrap import _bootstrap
from kzlib.rhetoric.lexicon import Lexicon, Lexicons, load_lexicons
from kzlib.rhetoric.rates import MEASURE_COLUMNS, _select, _Statistics, measure_names
from kzlib.rhetoric.textstats import _mtld_many

__all__ = ["measures"]


def _doc_mtld(an: _Analysis, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """:func:`mtld` of each article (sentences ``a:b``): lower-cased tokens that are not
    all digits, each type lower-cased and tested once."""
    lower = pd.factorize(pd.Series([t.lower() for t in an.types], dtype=object))[0]
    digits = np.array([t.isdigit() for t in an.types], dtype=bool)
    keep = ~digits[an.token_types] if len(an.token_types) else np.zeros(0, dtype=bool)
    seq = lower[an.token_types[keep]] if len(an.token_types) else np.zeros(0, dtype=np.int64)
    # Article bounds: in tokens of all sentences, then in kept tokens.
    tokens_before = np.concatenate([[0], np.cumsum(an.words)])
    kept_before = np.concatenate([[0], np.cumsum(keep)])
    first, last = kept_before[tokens_before[starts]], kept_before[tokens_before[ends]]
    del keep, kept_before  # one element per token
    return _mtld_many(seq, first, last)


def measures(
    sentences: pd.DataFrame,
    *,
    lexicons: Lexicons | None = None,
    actors: Lexicon | None = None,
    include: Sequence[str] = ("*",),
    n_boot: int = 1000,
    seed: int = 0,
    ci: float = 0.95,
    quote_min_words: int = 4,
    negation_window: int = 3,
) -> pd.DataFrame:
    """Rhetoric measures of every article, with bootstrap confidence intervals.

    See the module docstring for what each measure counts. Only body
    sentences (``kind == "body"``) are used: headings are excluded from
    every numerator and denominator.

    Parameters
    ----------
    sentences : DataFrame
        :func:`kzlib.corpus.sentences_frame` of the corpus.
    lexicons : Lexicons, optional
        :func:`load_lexicons` (default ``data/lexicons/``).
    actors : Lexicon, optional
        :func:`kzlib.rhetoric.actors.load_actors` (default ``data/actors.csv``).
    include : sequence of str
        Measure names or shell patterns (``"frame_per_1k:*"``); default all.
    n_boot : int
        Bootstrap resamples of the sentences of each article (0: no intervals).
    seed : int
        Seed of the bootstrap; each article draws from its own stream
        derived from ``seed`` and its ``doc_id``.
    ci : float
        Coverage of the percentile interval.
    quote_min_words, negation_window : int
        See :func:`matches`.

    Returns
    -------
    DataFrame
        :data:`MEASURE_COLUMNS`, one row per article and measure, articles in
        ``doc_id`` order and measures in :func:`measure_names` order.
        ``ci_low``/``ci_high`` are NaN for counts (words, sentences) and MTLD.

    Raises
    ------
    InputError
        A pattern in ``include`` that matches no measure, or a bad parameter.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 1],
    ...                   "text": ["It may rain.", "The Kremlin said so."]})
    >>> t = measures(s, include=["hedges_per_1k", "actor_share:Russia"], n_boot=100)
    >>> t[["measure", "value"]].round(1).values.tolist()
    [['hedges_per_1k', 142.9], ['actor_share:Russia', 0.5]]
    """
    n_boot = check_int("n_boot", n_boot, minimum=0)
    seed = check_int("seed", seed, minimum=0)
    if not isinstance(ci, float | int) or not 0 < float(ci) < 1:
        raise InputError(f"parameter ci={ci!r}: must be a number between 0 and 1")
    quote_min_words = check_int("quote_min_words", quote_min_words, minimum=1)
    negation_window = check_int("negation_window", negation_window, minimum=1)
    lex = lexicons if lexicons is not None else load_lexicons()
    gaz = actors if actors is not None else load_actors()
    names = _select(measure_names(lexicons=lex, actors=gaz), include)
    options = (lex, gaz, names, n_boot, seed, float(ci), quote_min_words, negation_window)
    if "doc_id" not in sentences.columns:
        return _measures(sentences, *options)  # which reports the missing column
    chunks = _doc_chunks(sentences["doc_id"], _CHUNK_SENTENCES)
    if len(chunks) == 1:
        return _measures(sentences, *options)
    # Every measure and interval is a function of one article's sentences: the tables of
    # consecutive runs of articles, in doc_id order, are the corpus table.
    return pd.concat(
        [_measures(sentences.iloc[rows], *options) for rows in chunks], ignore_index=True
    )


#: Sentences analysed at once by :func:`measures` (whole articles): the matches and the
#: per-sentence counts of a corpus of 30M words do not have to be held at once.
_CHUNK_SENTENCES = 100_000


def _doc_chunks(doc_ids: pd.Series, size: int) -> list[np.ndarray]:
    """Row positions of runs of whole articles in doc_id order, about ``size`` rows each.

    Examples
    --------
    >>> [c.tolist() for c in _doc_chunks(pd.Series(["b", "a", "b", "c"]), 2)]
    [[1, 0, 2], [3]]
    """
    ids = doc_ids.astype(str)
    uniques = sorted(set(ids.tolist()))
    if len(ids) <= size or len(uniques) < 2:
        return [np.arange(len(ids))]
    codes = ids.map(dict(zip(uniques, range(len(uniques)), strict=True))).to_numpy(np.int64)
    order = np.argsort(codes, kind="stable")
    ends = np.cumsum(np.bincount(codes, minlength=len(uniques)))
    cuts: list[int] = []
    last = 0
    for end in ends.tolist():  # close a run at the first article boundary past `size` rows
        if end - last >= size:
            cuts.append(end)
            last = end
    if not cuts or cuts[-1] != len(ids):
        cuts.append(len(ids))
    return [order[a:b] for a, b in zip([0, *cuts[:-1]], cuts, strict=True)]


def _measures(
    sentences: pd.DataFrame,
    lex: Lexicons,
    gaz: Lexicon,
    names: list[str],
    n_boot: int,
    seed: int,
    ci: float,
    quote_min_words: int,
    negation_window: int,
) -> pd.DataFrame:
    """:func:`measures` of one run of whole articles (parameters checked)."""
    an = _analyse(sentences, lex, gaz, quote_min_words, negation_window)

    base = ["sentences", "words", "syllables", "quoted"]
    columns = base + an.rate_measures + an.actor_measures
    col = {name: j for j, name in enumerate(columns)}
    x = np.zeros((len(an.body), len(columns)))
    x[:, 0] = 1.0
    x[:, 1] = an.words
    x[:, 2] = an.syllables
    x[:, 3] = an.quoted
    items = np.concatenate([found.item for _, found in an.found])
    measure = pd.Index(columns).get_indexer(pd.Index(an.measure, dtype=object))
    counted = pd.Series(an.reason, dtype=object).to_numpy() == ""
    is_actor = np.repeat(
        [name == "actors" for name, _ in an.found], [len(f.item) for _, f in an.found]
    )
    rates = counted & ~is_actor
    np.add.at(x, (items[rates], measure[rates]), 1.0)
    acts = counted & is_actor
    x[items[acts], measure[acts]] = 1.0

    codes = an.body["doc_id"].to_numpy()
    starts = np.searchsorted(codes, an.doc_ids, side="left")
    ends = np.searchsorted(codes, an.doc_ids, side="right")
    # Sums of integer counts: exact in float64, so the same as summing each article alone.
    # The articles with sentences cover the rows of x one after the other.
    totals = np.zeros((len(starts), x.shape[1]))
    filled = ends > starts
    if filled.any():
        totals[filled] = np.add.reduceat(x, starts[filled], axis=0)
    stats = _Statistics(names, col)
    values = stats(totals, np.arange(len(names)))
    if "mtld" in names:
        values[:, names.index("mtld")] = _doc_mtld(an, starts, ends)
    bounds = list(zip(an.doc_ids, starts.tolist(), ends.tolist(), strict=True))
    alpha = (1.0 - float(ci)) / 2.0
    lows, highs = _bootstrap(x, bounds, totals, stats, n_boot, seed, alpha)
    k = len(names)
    table = pd.DataFrame(
        {
            "doc_id": np.repeat(an.doc_ids, k),
            "measure": names * len(an.doc_ids),
            "value": values.ravel(),
            "ci_low": lows.ravel(),
            "ci_high": highs.ravel(),
        },
        columns=MEASURE_COLUMNS,
    )
    return table.astype({"value": "float64", "ci_low": "float64", "ci_high": "float64"})
