"""Links between claims of different articles that report the same event or fact.

:func:`link_claims` blocks the claims on shared keys, scores the candidate
pairs and keeps the best; :func:`link_matrix` and :func:`linked_pairs` are
the tables a notebook shows of them.

Examples
--------
>>> _tokens("Tokayev visited the capitals in 2025")
['tokayev', 'visit', 'capit', '2025']
>>> _tokens("The minister's trip to Kazakhstan") == _tokens("the Minister visited Kazakhstan")
True
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from datetime import date

import numpy as np
import pandas as pd

from kzlib.checks import check_int, check_optional_int
from kzlib.claims.conflicts import (
    _may_name_titles,
    _number_conflicts,
    _title_view,
    _TitleView,
    _view_conflicts,
)
from kzlib.claims.cues import _DEMONYMS, _ENTITY_ALIASES, _EVENT_STEMS
from kzlib.claims.guards import _fold
from kzlib.claims.ids import normalise_claim_text
from kzlib.claims.paraphrase import REPORTING_STEMS, fold_entity_phrases, word_stem

__all__ = ["LINK_COLUMNS", "document_dates", "link_claims", "link_matrix", "linked_pairs"]

#: Columns of :func:`link_claims`.
LINK_COLUMNS: list[str] = [
    "claim_a", "claim_b", "doc_a", "doc_b", "similarity", "text_sim", "entity_sim",
    "shared", "disagreement", "detail",
]  # fmt: skip
_TOKEN_RE = re.compile(r"[a-z0-9][a-z0-9.+'\-]*[a-z0-9+]|[a-z0-9]")
_STOP_TOKENS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his
    how i if in into is it its itself just me more most my myself no nor not now of off
    on once only or other our ours ourselves out over own same she should so some such
    than that the their theirs them themselves then there these they this those through
    to too under until up very was we were what when where which while who whom why will
    with would you your yours yourself yourselves s t 's rather not one new i'm it's
    """.split()  # noqa: SIM905
)


def _content_words(text: str) -> list[str]:
    """Words of the normalised text with aliases and formal state names folded, minus stop
    words and non-year numbers; hyphenated words are split, possessives cut."""
    t = fold_entity_phrases(normalise_claim_text(text))
    for k, v in _PHRASE_ALIASES:
        if k in t:
            t = t.replace(k, v)
    if "-" in t:
        t = t.replace("-", " ")
    if "'" in t:
        t = _POSSESSIVE_WORD_RE.sub("", t)
    return [
        w
        for w in _TOKEN_RE.findall(t)
        if (w not in _STOP_TOKENS and not w.isdigit()) or (len(w) == 4 and w.isdigit())
    ]


#: Aliases of more than one word or with a dot, replaced in the text before tokenising.
_PHRASE_ALIASES = [(k, v) for k, v in _ENTITY_ALIASES.items() if " " in k or "." in k]
_POSSESSIVE_WORD_RE = re.compile(r"'s\b|(?<=s)'(?!\w)")


def _stems(words: list[str], stems: dict[str, str]) -> list[str]:
    """Stems of ``words`` (:func:`word_stem`, memoised in ``stems``), reporting verbs left out."""
    out: list[str] = []
    for w in words:
        s = stems.get(w)
        if s is None:
            s = stems[w] = word_stem(w)
        if s not in REPORTING_STEMS:
            out.append(s)
    return out


def _tokens(text: str) -> list[str]:
    return _stems(_content_words(text), {})


def _token_lists(texts: Sequence[str]) -> Iterator[list[str]]:
    """:func:`_tokens` of each text in turn; each distinct word is stemmed once (words repeat
    a lot). A generator: the vectoriser counts each list as it comes, so the lists of a
    million claims are never held together."""
    stems: dict[str, str] = {}
    return (_stems(_content_words(text), stems) for text in texts)


def _number_keys(numbers: str | list[dict[str, object]]) -> set[str]:
    """Blocking keys of a claim's numbers (its ``numbers`` JSON, or that JSON parsed)."""
    keys: set[str] = set()
    for q in json.loads(numbers or "[]") if isinstance(numbers, str) else numbers:
        unit = str(q.get("unit", ""))
        if unit == "date":
            value = str(q["value"])
            if len(value) >= 7:
                keys.add(f"date:{value[:7]}")
        elif q.get("value") is not None:
            keys.add(f"num:{q['value']}:{unit}:{q.get('item', '')}")
            keys |= _near_keys(q.get("value"), f"{unit}:{q.get('item', '')}")
    return keys


def _when(value: str) -> tuple[float, float]:
    """Month (months since year 0) and day (proleptic ordinal) of an ISO date; NaN for a
    precision it lacks ("2024-03" has no day) or a value that is no date.

    Examples
    --------
    >>> _when("2024-03-05"), _when("2024-03"), _when("2024")
    ((24290.0, 738950.0), (24290.0, nan), (nan, nan))
    """
    if not (len(value) >= 7 and value[:4].isdigit() and value[4] == "-" and value[5:7].isdigit()):
        return math.nan, math.nan
    month = float(int(value[:4]) * 12 + int(value[5:7]) - 1)
    if len(value) >= 10 and value[7] == "-" and value[8:10].isdigit():
        try:
            return month, float(date(int(value[:4]), int(value[5:7]), int(value[8:10])).toordinal())
        except ValueError:
            pass
    return month, math.nan


def _event_when(
    numbers: list[dict[str, object]], kind: str, tags: str, doc_date: str
) -> tuple[float, float]:
    """When a claim's event happened (:func:`_when`): its first date of month precision or
    finer; else, for a past event (typed or tagged event, not predictive), the date of its
    document (a report tells of what just happened); else NaN.

    Examples
    --------
    >>> _event_when([{"unit": "date", "value": "2024-03"}], "event", "event", "2024-05-01")
    (24290.0, nan)
    >>> _event_when([], "event", "event", "2024-05-01")[0]
    24292.0
    >>> _event_when([], "predictive", "", "2024-05-01")
    (nan, nan)
    """
    for q in numbers:
        if q.get("unit") == "date":
            when = _when(str(q.get("value", "")))
            if not math.isnan(when[0]):
                return when
    if kind != "predictive" and (kind == "event" or "event" in tags.split("|")):
        return _when(doc_date)
    return math.nan, math.nan


def _same_time(month: np.ndarray, day: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """+1 where the events of claims ``i`` and ``j`` fall within a week of each other (or in
    one month, when either is dated to the month only), -1 where they are more than a month
    apart, else 0 (an undated claim, or a gap of one to four weeks).

    Examples
    --------
    >>> m = np.array([24290.0, 24290.0, 24291.0, np.nan])
    >>> d = np.array([738950.0, np.nan, 738990.0, np.nan])
    >>> _same_time(m, d, np.array([0, 0, 0]), np.array([1, 2, 3])).tolist()
    [1.0, -1.0, 0.0]
    """
    with np.errstate(invalid="ignore"):
        days = np.abs(day[i] - day[j])
        months = np.abs(month[i] - month[j])
        by_day = np.where(days <= 7, 1.0, np.where(days > 31, -1.0, 0.0))
        by_month = np.where(months == 0, 1.0, np.where(months >= 2, -1.0, 0.0))
        out = np.where(np.isnan(days), by_month, by_day)
    out[np.isnan(months)] = 0.0
    return out


def _near_keys(value: object, kind: str) -> set[str]:
    """Keys two close amounts of one unit share (``4.5 billion`` and ``4.1 billion``).

    Two reports of one figure often round it differently or disagree: such a
    pair is about the same fact (and is flagged as a number conflict). Amounts
    of 10 or more get two overlapping buckets of an eighth of a decade; values
    within about 15% of each other share at least one.

    Examples
    --------
    >>> sorted(_near_keys(4.5e9, "USD:")), sorted(_near_keys(4.1e9, "USD:"))
    (['near:USD::76.5', 'near:USD::77'], ['near:USD::76', 'near:USD::76.5'])
    """
    if isinstance(value, bool) or not isinstance(value, int | float) or abs(value) < 10:
        return set()
    x = math.log10(abs(value)) * 8
    return {f"near:{kind}:{math.floor(x)}", f"near:{kind}:{math.floor(x + 0.5) - 0.5}"}


_ENTITY_SMOOTHING = 2.0
_TITLE_WORDS = frozenset(
    """
    president minister prime foreign secretary-general secretary spokesman spokeswoman
    chancellor premier ambassador director deputy vice former then general the of and
    for mr mrs ms dr republic federation
    """.split()  # noqa: SIM905
)


#: Event words of :data:`kzlib.claims.cues._EVENT_STEMS` and the forms of a visit
#: ("arrived in", "travelled to") that reports of one visit use for each other.
_LINK_EVENTS: dict[str, str] = {
    **_EVENT_STEMS,
    **dict.fromkeys(
        """visiting trips arrive arrived arrives arriving arrival travelled traveled travels
        tour tours""".split(),  # noqa: SIM905
        "visit",
    ),
}
_EVENT_STEM_RE = re.compile(
    r"\b(" + "|".join(sorted(_LINK_EVENTS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)


_WORD_RUN_RE = re.compile(r"\w+")
#: Every ASCII byte that is no word character (``\w``) as a space: an ASCII text's word runs
#: are then ``text.encode().translate(_ASCII_WORD_BYTES).split()``, 2x faster than the regex.
_ASCII_WORD_BYTES = bytes(
    k if chr(k).isascii() and re.match(r"\w", chr(k)) else 32 for k in range(256)
)
_LINK_EVENT_BYTES = {w.encode(): stem for w, stem in _LINK_EVENTS.items() if w.isascii()}
_LINK_EVENT_KEYS = frozenset(_LINK_EVENT_BYTES)


def _event_stems(text: str) -> set[str]:
    """Stems of the event words (:data:`_LINK_EVENTS`) among the word runs of ``text``.

    Examples
    --------
    >>> sorted(_event_stems("They signed deals; he visited_ Astana and visited Almaty."))
    ['sign', 'visit']
    """
    if text.isascii() and len(_LINK_EVENT_BYTES) == len(_LINK_EVENTS):
        runs = text.lower().encode().translate(_ASCII_WORD_BYTES).split()
        return {_LINK_EVENT_BYTES[w] for w in _LINK_EVENT_KEYS.intersection(runs)}
    lowered = _fold(text)
    if lowered is None:
        # casefold, as the pattern matches "ſigned" (long s) whose lower() is no key
        words = (m.group(1).casefold() for m in _EVENT_STEM_RE.finditer(text))
        return {_LINK_EVENTS[w] for w in words if w in _LINK_EVENTS}
    # A match of the pattern is a whole word run: looking the runs up is the same, 3x faster.
    return {_LINK_EVENTS[w] for w in _WORD_RUN_RE.findall(lowered) if w in _LINK_EVENTS}


def _entity_tokens(entities: str) -> set[str]:
    """Entity words for matching: titles dropped, so "President X Tokayev" meets "Tokayev";
    a nationality names its country ("Kazakh-Uzbek trade" meets "Kazakhstan and Uzbekistan"),
    so does a formal name ("the Republic of Kazakhstan") or an alias in a compound
    ("U.S.-Kazakhstan" meets "United States").

    Examples
    --------
    >>> sorted(_entity_tokens("kazakh-uzbek|president tokayev"))
    ['kazakhstan', 'tokayev', 'uzbekistan']
    >>> sorted(_entity_tokens("u.s.-kazakhstan|republic of kazakhstan|kassym-jomart"))
    ['kassym-jomart', 'kazakhstan', 'states', 'united']
    >>> sorted(_entity_tokens("latvian-estonian"))
    ['estonia', 'latvia']
    """
    out: set[str] = set()
    for ent in fold_entity_phrases(entities).split("|"):
        for word in ent.split():
            parts = word.split("-")
            if len(parts) == 1 or not any(p in _COMPOUND_PARTS or _demonym(p) for p in parts):
                parts = [word]  # "kassym-jomart" stays one word
            for part in parts:
                part = _POSSESSIVE_RE.sub("", part)
                part = _ENTITY_ALIASES.get(part, _DEMONYMS.get(part, part))
                if _demonym(part):
                    part = part[:-1]  # "latvian" -> "latvia"
                for w in part.split():
                    if w not in _TITLE_WORDS and w not in _STOP_TOKENS and len(w) > 1:
                        out.add(w)
    return out


def _demonym(word: str) -> bool:
    """A nationality adjective of a country whose name ends in -ia ("Latvian", "Serbian")."""
    return len(word) >= 6 and word.endswith("ian")


#: Parts of a hyphenated entity word that make it a compound of names ("u.s.-kazakhstan").
_COMPOUND_PARTS = (
    frozenset(_DEMONYMS)
    | frozenset(_DEMONYMS.values())
    | {k for k in _ENTITY_ALIASES if " " not in k}
)
_POSSESSIVE_RE = re.compile(r"'s?$")


#: Share of containment (vs Jaccard) in the entity overlap.
_CONTAIN = 0.5
#: Weights of tf-idf cosine, entity overlap, shared event word, shared number.
_WEIGHTS = (0.6, 0.25, 0.1, 0.1)
#: Added when two claims' events fall together in time; taken off when they are apart.
_SAME_TIME, _APART_TIME = 0.2, 0.4

#: Candidate pairs scored at once; bounds the memory of one scoring step.
_SCORE_BATCH = 200_000


def _round_half_even(values: np.ndarray, digits: int) -> np.ndarray:
    """``round(v, digits)`` of every value, exactly as Python's ``round`` gives it.

    ``np.round`` scales, rounds and unscales, which can land on the other side
    of a half when the scaling rounds; values whose scaled form is that close
    to a half are rounded by Python instead, so the result matches ``round``.
    """
    scale = 10.0**digits
    scaled = values * scale
    out: np.ndarray = np.rint(scaled) / scale
    near_half = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    for k in np.flatnonzero(near_half).tolist():
        out[k] = round(float(values[k]), digits)
    return out


def _incidence(rows: Sequence[set[str]]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Row and column coordinates of a claim x member incidence, and the member of each
    column (columns in first-seen order)."""
    names: dict[str, int] = {}
    r_idx: list[int] = []
    c_idx: list[int] = []
    for r, members in enumerate(rows):
        # Sorted, so the column order (and the order weights are summed in) is reproducible.
        for m in sorted(members):
            r_idx.append(r)
            c_idx.append(names.setdefault(m, len(names)))
    return np.array(r_idx, dtype=np.int64), np.array(c_idx, dtype=np.int64), list(names)


class _LinkIndex:
    """Per-claim features of :func:`link_claims` as sparse claim x feature matrices.

    Built once per call; :meth:`candidates` and :meth:`score` then work on
    any slice of claims, so the pairs are generated and scored chunk by chunk.
    """

    def __init__(
        self,
        claims: pd.DataFrame,
        *,
        max_block: int,
        doc_dates: Mapping[str, str] | None = None,
    ) -> None:
        from scipy import sparse
        from sklearn.feature_extraction.text import TfidfVectorizer

        n = len(claims)
        # Per-claim Python objects are built one kind at a time and dropped once they are
        # a matrix; a link's shared words are read off these matrices (:meth:`shared`), its
        # disagreements from the numbers and titles of the claims that may have one.
        self.claims = claims
        texts = claims["text"].astype(str).tolist()
        vectorizer = TfidfVectorizer(analyzer=lambda toks: toks, sublinear_tf=True, norm="l2")
        self.tfidf = vectorizer.fit_transform(_token_lists(texts)).tocsr()
        coords = [_incidence([_event_stems(t) for t in texts])]
        del texts
        entities = claims["entities"].fillna("").astype(str).tolist()
        seen: dict[str, set[str]] = {}  # entity lists repeat: each is read once
        coords.append(
            _incidence(
                [seen[e] if e in seen else seen.setdefault(e, _entity_tokens(e)) for e in entities]
            )
        )
        del seen
        del entities
        numbers = [json.loads(q or "[]") for q in claims["numbers"].fillna("[]").astype(str)]
        coords.append(_incidence([_number_keys(q) for q in numbers]))
        kinds = claims["claim_type"].astype(str).tolist()
        tags = claims["tags"].fillna("").astype(str).tolist()
        dates = doc_dates or {}
        doc_ids = claims["doc_id"].astype(str).tolist()
        when = [
            _event_when(q, k, g, dates.get(d, ""))
            for q, k, g, d in zip(numbers, kinds, tags, doc_ids, strict=True)
        ]
        self.month = np.array([w[0] for w in when], dtype=np.float64)
        self.day = np.array([w[1] for w in when], dtype=np.float64)
        del when, doc_ids
        self.has_numbers = np.array([bool(q) for q in numbers], dtype=bool)
        del numbers
        self.event, self.ent, self.num = [
            sparse.csr_matrix((np.ones(len(r), dtype=np.float64), (r, c)), shape=(n, len(names)))
            for r, c, names in coords
        ]
        self.labels, (self.event_label, self.ent_label, self.num_label) = _shared_labels(
            [names for _, _, names in coords]
        )
        self.ids = claims["claim_id"].astype(str).to_numpy()
        self.docs = claims["doc_id"].astype(str).to_numpy()
        # Codes in doc_id order, so comparing codes orders pairs as comparing doc_ids does.
        self.doc_codes = np.unique(self.docs, return_inverse=True)[1].astype(np.int64)
        # IDF over every claim, computed like math.log per entity.
        ent_df = np.asarray(self.ent.sum(axis=0)).ravel().astype(np.int64).tolist()
        self.ent_idf = np.array([math.log((n + 1) / (d + 1)) + 0.1 for d in ent_df])
        self.ent_total = np.asarray(self.ent @ self.ent_idf).ravel()
        # Blocking keys: content words of 5+ letters, entity words, numbers and dates.
        long_word = np.zeros(self.tfidf.shape[1], dtype=bool)
        for token, col in vectorizer.vocabulary_.items():
            long_word[col] = len(token) >= 5 and " " not in token
        words = self.tfidf[:, np.flatnonzero(long_word)].astype(bool)
        keys = sparse.hstack([words, self.ent, self.num], format="csr").astype(bool)
        keys = keys.astype(np.int32)
        block = keys.getnnz(axis=0)
        usable = np.flatnonzero((block >= 2) & (block <= max_block))
        self.keys = keys[:, usable].tocsr()
        self.keys_t = self.keys.T.tocsr()

    def __len__(self) -> int:
        return len(self.docs)

    def candidates(self, start: int, stop: int) -> tuple[np.ndarray, np.ndarray]:
        """Pairs ``i < j`` with ``start <= i < stop``, in different documents, sharing a key."""
        shared = (self.keys[start:stop] @ self.keys_t).tocoo()
        i = shared.row.astype(np.int64) + start
        j = shared.col.astype(np.int64)
        keep = (j > i) & (self.doc_codes[i] != self.doc_codes[j])
        return i[keep], j[keep]

    def score(self, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Combined similarity, tf-idf cosine and entity overlap of the pairs ``(i[k], j[k])``."""
        cos = np.asarray(self.tfidf[i].multiply(self.tfidf[j]).sum(axis=1)).ravel()
        # Entity weights are summed in column order; another order could change only the
        # last bit, far below the 4 decimals reported.
        ent_a, ent_b = self.ent[i], self.ent[j]
        both = ent_a.multiply(ent_b).tocsr()
        both.data = self.ent_idf[both.indices]
        either = (ent_a + ent_b).tocsr()
        either.data = self.ent_idf[either.indices]
        inter = np.asarray(both.sum(axis=1)).ravel()
        union = np.asarray(either.sum(axis=1)).ravel()
        jaccard = inter / (union + _ENTITY_SMOOTHING)
        contained = inter / (np.minimum(self.ent_total[i], self.ent_total[j]) + _ENTITY_SMOOTHING)
        ent_sim = (1 - _CONTAIN) * jaccard + _CONTAIN * contained
        ev_sim = (self.event[i].multiply(self.event[j]).getnnz(axis=1) > 0).astype(np.float64)
        num_sim = (self.num[i].multiply(self.num[j]).getnnz(axis=1) > 0).astype(np.float64)
        when = _same_time(self.month, self.day, i, j)
        w = _WEIGHTS
        sim = w[0] * cos + w[1] * ent_sim + w[2] * ev_sim + w[3] * num_sim
        sim += np.where(when > 0, _SAME_TIME, np.where(when < 0, -_APART_TIME, 0.0))
        # Two events far apart in time can score below 0: 0 is the floor of the scale.
        np.maximum(sim, 0.0, out=sim)
        return sim, cos, ent_sim

    def shared(self, a: np.ndarray, b: np.ndarray) -> list[str]:
        """The ``shared`` column of the links ``(a[k], b[k])``: the entity words, event stems
        and number keys (``value:unit:item``, or a date's month) both claims hold, sorted and
        ``|``-separated. Read off the blocking matrices, kind by kind."""
        rows: list[np.ndarray] = []
        found: list[np.ndarray] = []
        for m, label in ((self.ent, self.ent_label), (self.event, self.event_label),
                         (self.num, self.num_label)):  # fmt: skip
            both = m[a].multiply(m[b]).tocoo()
            gid = label[both.col]
            shown = gid >= 0  # a "near:" number bucket is a blocking key, not a shared value
            rows.append(both.row[shown].astype(np.int64))
            found.append(gid[shown])
        row, gid = np.concatenate(rows), np.concatenate(found)
        order = np.lexsort((gid, row))
        row, gid = row[order], gid[order]
        new = np.ones(len(row), dtype=bool)
        new[1:] = (row[1:] != row[:-1]) | (gid[1:] != gid[:-1])
        row, gid = row[new], gid[new]
        bounds = np.searchsorted(row, np.arange(len(a) + 1)).tolist()
        labels, ids = self.labels, gid.tolist()
        return ["|".join([labels[g] for g in ids[lo:hi]]) for lo, hi in itertools.pairwise(bounds)]

    def disagreements(self, a: np.ndarray, b: np.ndarray) -> tuple[list[str], list[str]]:
        """The ``disagreement`` kinds and ``detail`` of the links ``(a[k], b[k])``.

        Two claims can disagree only if both give numbers, both give an office before
        a name, or either quotes a phrase: only those links are compared, with the
        numbers and title views of just their claims.
        """
        kinds, details = [""] * len(a), [""] * len(a)
        linked = np.unique(np.concatenate([a, b]))
        column = self.claims["text"].iloc[linked].astype(str)
        texts = dict(zip(linked.tolist(), column, strict=True))
        views = {k: _title_view(t) for k, t in texts.items() if _may_name_titles(t)}
        has_office = np.zeros(len(self), dtype=bool)
        has_phrase = np.zeros(len(self), dtype=bool)
        for k, v in views.items():
            has_office[k], has_phrase[k] = bool(v.offices), bool(v.phrases)
        num = self.has_numbers
        compared = (
            (num[a] & num[b]) | (has_office[a] & has_office[b]) | has_phrase[a] | has_phrase[b]
        )
        with_numbers = linked[num[linked]]
        numbers = {
            k: json.loads(q)
            for k, q in zip(
                with_numbers.tolist(),
                self.claims["numbers"].iloc[with_numbers].astype(str),
                strict=True,
            )
        }

        def view(k: int) -> _TitleView:
            return views.get(k) or _TitleView(texts[k], {}, [])

        for row in np.flatnonzero(compared).tolist():
            x, y = int(a[row]), int(b[row])
            n_conf, d_conf = _number_conflicts(numbers.get(x, []), numbers.get(y, []))
            t_conf = _view_conflicts(view(x), view(y))
            found = [k for k, v in (("number", n_conf), ("date", d_conf), ("title", t_conf)) if v]
            kinds[row], details[row] = "|".join(found), "; ".join([*n_conf, *d_conf, *t_conf])
        return kinds, details


def _shared_labels(
    names: Sequence[Sequence[str]],
) -> tuple[list[str], tuple[np.ndarray, ...]]:
    """What a link's ``shared`` shows of each blocking column, as one sorted vocabulary.

    ``names`` are the members of the event, entity and number columns; returns the
    sorted labels and, per kind, each column's position in them (-1: not shown).
    A number key shows without its kind (``num:5:percent:`` as ``5:percent:``,
    ``date:2024-05`` as ``2024-05``); a ``near:`` bucket is not shown.

    Examples
    --------
    >>> labels, codes = _shared_labels([["visit"], ["tokayev"], ["num:5:%:", "near:%::5"]])
    >>> labels, [c.tolist() for c in codes]
    (['5:%:', 'tokayev', 'visit'], [[2], [1], [0, -1]])
    """
    shown = [
        [n if kind < 2 else (n.split(":", 1)[1] if n[:5] != "near:" else None) for n in group]
        for kind, group in enumerate(names)
    ]
    labels = sorted({n for group in shown for n in group if n is not None})
    position = {n: k for k, n in enumerate(labels)}
    codes = tuple(
        np.array([-1 if n is None else position[n] for n in group], dtype=np.int64)
        for group in shown
    )
    return labels, codes


def _scored_candidates(
    index: _LinkIndex, *, min_similarity: float, chunk_size: int
) -> tuple[pd.DataFrame, int]:
    """Candidate pairs reaching ``min_similarity`` (claim indices, unrounded scores) and a count.

    Claims are taken ``chunk_size`` at a time, so the candidate pairs in memory
    at once are those of one chunk; only pairs above the threshold are kept.
    """
    parts: list[tuple[np.ndarray, ...]] = []
    n_candidates = 0
    for start in range(0, len(index), chunk_size):
        ci, cj = index.candidates(start, min(start + chunk_size, len(index)))
        n_candidates += len(ci)
        for lo in range(0, len(ci), _SCORE_BATCH):
            i, j = ci[lo : lo + _SCORE_BATCH], cj[lo : lo + _SCORE_BATCH]
            sim, cos, ent = index.score(i, j)
            ok = sim >= min_similarity
            parts.append((i[ok], j[ok], sim[ok], cos[ok], ent[ok]))
    cols = ["i", "j", "similarity", "text_sim", "entity_sim"]
    if not parts:
        return pd.DataFrame(columns=cols), n_candidates
    columns = [np.concatenate(p) for p in zip(*parts, strict=True)]
    return pd.DataFrame(dict(zip(cols, columns, strict=True))), n_candidates


def _rank_in_groups(key: np.ndarray) -> np.ndarray:
    """Each row's position among the rows of its key, in row order (``groupby.cumcount``).

    Examples
    --------
    >>> _rank_in_groups(np.array([5, 3, 5, 5, 3])).tolist()
    [0, 0, 1, 2, 1]
    """
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    starts = np.ones(len(key), dtype=bool)
    starts[1:] = ordered[1:] != ordered[:-1]
    group_start = np.maximum.accumulate(np.where(starts, np.arange(len(key)), 0))
    rank = np.empty(len(key), dtype=np.int64)
    rank[order] = np.arange(len(key)) - group_start
    return rank


def _greedy_cap(a: np.ndarray, b: np.ndarray, limit: int) -> np.ndarray:
    """Rows kept, taken in order, while both their claims have fewer than ``limit`` kept."""
    kept_per_claim: dict[int, int] = defaultdict(int)
    keep = np.zeros(len(a), dtype=bool)
    for row, (x, y) in enumerate(zip(a.tolist(), b.tolist(), strict=True)):
        if kept_per_claim[x] < limit and kept_per_claim[y] < limit:
            kept_per_claim[x] += 1
            kept_per_claim[y] += 1
            keep[row] = True
    return keep


def document_dates(documents: pd.DataFrame) -> dict[str, str]:
    """Publication date per doc_id from a corpus table (``corpus.to_frame()``), where known:
    the ``doc_dates`` of :func:`link_claims`.

    A date kzlib inferred (``date_from == "inferred"``) is left out, as in
    :func:`kzlib.claims.document_years`.

    Examples
    --------
    >>> document_dates(pd.DataFrame({"doc_id": ["a", "b", "c"],
    ...     "date": ["2025-11-13", None, "2024-01-02"],
    ...     "date_from": ["text", "missing", "inferred"]}))
    {'a': '2025-11-13'}
    """
    inferred = (
        documents["date_from"].astype(str) == "inferred"
        if "date_from" in documents.columns
        else pd.Series(False, index=documents.index)
    )
    return {
        str(d): str(v)
        for d, v, no in zip(documents["doc_id"], documents["date"], inferred, strict=True)
        if not no and isinstance(v, str) and not math.isnan(_when(v)[0])
    }


def link_claims(
    claims: pd.DataFrame,
    *,
    min_similarity: float = 0.28,
    max_block: int = 200,
    top_k: int = 3,
    max_links: int | None = 250,
    chunk_size: int = 1000,
    doc_dates: Mapping[str, str] | None = None,
    seed: int = 0,
) -> pd.DataFrame:
    """Pairs of claims in different documents that report the same event or fact.

    Every claim can be linked: an opinion two sources state alike ("remains
    committed to X's sovereignty" / "reiterates its support for X's
    sovereignty") is a stated position worth linking. Candidate pairs come
    from blocking, never from all pairs: claims are indexed by the words of
    their named entities (a nationality adjective or a formal name stands for
    its country: "Kazakh-Uzbek" meets "Kazakhstan and Uzbekistan", "the
    Republic of Kazakhstan" meets "Kazakhstan"), their numbers (value, unit,
    item; and buckets that close amounts of one unit share, so "4.5 billion
    dollars" meets "$4.1 billion"), the months of their month-or-finer dates
    and their stems (:mod:`kzlib.claims.paraphrase`) of five characters or
    more; a key held by more than ``max_block`` claims is too common to block
    on and is skipped, and two claims are a candidate pair if they share at
    least one of the other keys. Each candidate pair is scored

    ``similarity = 0.6 * tfidf_cosine + 0.25 * entity_overlap + 0.1 * shared_event_word
    + 0.1 * shared_number_or_date + time``, at least 0 (event words include
    investing and spending, and arriving or travelling for a visit; a close
    amount counts as a shared number)

    where ``tfidf_cosine`` is over the claims' content-word stems (British and
    American spellings, inflections and common suffixes folded, a few
    interchangeable news words folded to one concept: a trip is a visit,
    ties are relations, a commitment is support; reporting verbs such as
    "said" or "underscored" left out; sublinear tf, IDF over all claims),
    ``entity_overlap`` is the mean of the IDF-weighted Jaccard overlap of the
    named entities, ``sum(idf of shared) / (sum(idf of either) + 2)``, and of
    their containment, ``sum(idf of shared) / (sum(idf of the claim with
    fewer) + 2)`` (a short report naming two of a long one's five actors
    still overlaps it; an entity in every claim, like the country itself,
    counts little), and ``time`` compares when the two events happened (a
    claim's first month-or-finer date, else, for a past event, the date of
    its document in ``doc_dates``): +0.2 within a week (or in the same month,
    when one is known to the month only), -0.4 more than a month apart (two
    meetings of the same leaders are two events, however alike the
    readouts), else 0. A pair is kept if
    its score reaches ``min_similarity``; the weights and the default
    threshold were chosen on the development set of news and transcripts
    (``bench/claims_eval.py``). Of
    those, a link stays only if it is among the ``top_k`` most similar of each
    of its claims towards the other claim's document; then links are taken
    from the most similar down and one is dropped if either of its claims
    already has ``max_links``, so no claim has more than ``max_links``. Linked
    pairs are flagged ``disagreement`` when they give different values for
    the same unit (``number``), different month-or-day dates (``date``) or a
    quoted title that the other words differently with the same first and
    last word (``title``).

    Claims are processed ``chunk_size`` at a time (their candidate pairs are
    generated with sparse matrix products and scored together), so memory
    grows with the links above the threshold, not with all candidate pairs;
    the result does not depend on ``chunk_size``.

    Parameters
    ----------
    claims : DataFrame
        :func:`extract_claims` output (``claim_id``, ``doc_id``, ``text``,
        ``claim_type``, ``tags``, ``entities`` and ``numbers`` are read).
    min_similarity : float
        Threshold of the combined score.
    max_block : int
        Largest block (claims sharing one key) that is expanded into pairs.
    top_k : int
        Links kept per claim towards each other document.
    max_links : int or None
        Links kept per claim in all (None: no cap). On a corpus that repeats
        itself (wire copy, syndication) one claim can otherwise be linked to
        every article that repeats it.
    chunk_size : int
        Claims whose candidate pairs are generated and scored at once.
    doc_dates : mapping of str to str, or None
        Publication date (ISO, month precision or finer) per doc_id
        (:func:`document_dates`); dates the events of claims that give no
        date of their own. None: only the claims' own dates are compared.
    seed : int
        Unused (the linking is deterministic); accepted for a uniform API.

    Returns
    -------
    DataFrame
        :data:`LINK_COLUMNS`, ``claim_a`` from the document that sorts first;
        sorted by similarity (descending), then ids. Scores are rounded to 4
        decimals before ranking.

    Raises
    ------
    InputError
        If ``chunk_size`` or ``max_links`` is below 1.

    Examples
    --------
    >>> import pandas as pd
    >>> from kzlib.claims import extract_claims
    >>> s = pd.DataFrame({"doc_id": ["a", "b"], "sent_id": [0, 0], "start": [0, 0], "end": [1, 1],
    ...     "kind": ["body", "body"],
    ...     "text": ["Tokayev visited Moscow and signed a declaration with Putin.",
    ...              "In Moscow, Tokayev and Putin signed a declaration."]})
    >>> links = link_claims(extract_claims(s))
    >>> len(links), bool(links["similarity"].iloc[0] > 0.5)
    (1, True)
    """
    del seed
    chunk_size = check_int("chunk_size", chunk_size)
    max_links = check_optional_int("max_links", max_links)
    if claims.empty:
        return pd.DataFrame(columns=LINK_COLUMNS)
    index = _LinkIndex(claims, max_block=max_block, doc_dates=doc_dates)
    scored, _ = _scored_candidates(index, min_similarity=min_similarity, chunk_size=chunk_size)
    if scored.empty:
        return pd.DataFrame(columns=LINK_COLUMNS)
    return _select_links(index, scored, top_k=top_k, max_links=max_links)


def _select_links(
    index: _LinkIndex, scored: pd.DataFrame, *, top_k: int, max_links: int | None
) -> pd.DataFrame:
    """The kept links of the scored pairs, as :data:`LINK_COLUMNS` rows."""
    i, j = scored["i"].to_numpy(np.int64), scored["j"].to_numpy(np.int64)
    first = index.doc_codes[i] < index.doc_codes[j]
    a, b = np.where(first, i, j), np.where(first, j, i)
    del i, j, first
    # Ranked on the scores as reported (4 decimals), equal ones by claim row, so the
    # top_k and max_links choices can be read off the table. Plain arrays, not a
    # sorted and grouped DataFrame: tens of millions of scored pairs on a large corpus.
    similarity = _round_half_even(scored["similarity"].to_numpy(np.float64), 4)
    order = np.lexsort((b, a, -similarity))
    a, b, similarity = a[order], b[order], similarity[order]
    n_docs = int(index.doc_codes.max()) + 1
    keep = _rank_in_groups(a * n_docs + index.doc_codes[b]) < top_k
    keep &= _rank_in_groups(b * n_docs + index.doc_codes[a]) < top_k
    order, a, b, similarity = order[keep], a[keep], b[keep], similarity[keep]
    if max_links is not None:
        capped = _greedy_cap(a, b, max_links)
        order, a, b, similarity = order[capped], a[capped], b[capped], similarity[capped]
    text_sim, entity_sim = (
        _round_half_even(scored[c].to_numpy(np.float64)[order], 4)
        for c in ("text_sim", "entity_sim")
    )
    del order
    shared: list[str] = []
    for lo in range(0, len(a), _SCORE_BATCH):
        shared += index.shared(a[lo : lo + _SCORE_BATCH], b[lo : lo + _SCORE_BATCH])
    kinds, details = index.disagreements(a, b)
    # Sorted here on numbers (claim ids by rank), not as strings in the frame.
    rank = np.empty(len(index), dtype=np.int64)
    rank[np.argsort(index.ids, kind="stable")] = np.arange(len(index))
    ranked = rank[a], rank[b]
    id_order = np.lexsort((ranked[1], ranked[0], -similarity))
    return pd.DataFrame(
        {
            "claim_a": index.ids[a][id_order],
            "claim_b": index.ids[b][id_order],
            "doc_a": index.docs[a][id_order],
            "doc_b": index.docs[b][id_order],
            "similarity": similarity[id_order],
            "text_sim": text_sim[id_order],
            "entity_sim": entity_sim[id_order],
            "shared": _take(shared, id_order),
            "disagreement": _take(kinds, id_order),
            "detail": _take(details, id_order),
        },
        columns=LINK_COLUMNS,
    )


def _take(values: list[str], order: np.ndarray) -> list[str]:
    return [values[k] for k in order.tolist()]


def link_matrix(
    links: pd.DataFrame, doc_ids: Sequence[str], *, max_docs: int | None = None
) -> pd.DataFrame:
    """Number of claim links between every two documents (symmetric, zero diagonal).

    Links to documents outside ``doc_ids`` are ignored.

    Parameters
    ----------
    links : DataFrame
        :func:`link_claims` output (``doc_a`` and ``doc_b`` are read).
    doc_ids : sequence of str
        Documents of the matrix, in this order.
    max_docs : int or None
        If set and ``doc_ids`` holds more documents, only the ``max_docs``
        documents with the most links (ties broken by doc_id) are kept, in
        their ``doc_ids`` order, so a plot of a large corpus stays readable.

    Returns
    -------
    DataFrame
        Documents x documents link counts (int64).

    Raises
    ------
    InputError
        If ``max_docs`` is below 1.

    Examples
    --------
    >>> import pandas as pd
    >>> links = pd.DataFrame({"doc_a": ["a", "a"], "doc_b": ["b", "c"]})
    >>> link_matrix(links, ["a", "b"]).values.tolist()
    [[0, 1], [1, 0]]
    >>> link_matrix(links, ["a", "b", "c"], max_docs=2).index.tolist()
    ['a', 'b']
    """
    max_docs = check_optional_int("max_docs", max_docs)
    ids = list(doc_ids)
    pos = pd.Series(np.arange(len(ids)), index=pd.Index(ids, dtype=object))
    pos = pos[~pos.index.duplicated()]
    a = pd.Series(links["doc_a"], dtype=object).map(pos).to_numpy(dtype=np.float64)
    b = pd.Series(links["doc_b"], dtype=object).map(pos).to_numpy(dtype=np.float64)
    inside = ~(np.isnan(a) | np.isnan(b))
    a, b = a[inside].astype(np.int64), b[inside].astype(np.int64)
    kept = np.arange(len(ids))
    if max_docs is not None and len(ids) > max_docs:
        # Chosen before the matrix is built: the full one would not fit for a large corpus.
        per_doc = np.bincount(a, minlength=len(ids)) + np.bincount(b, minlength=len(ids))
        ranked = sorted(range(len(ids)), key=lambda k: (-int(per_doc[k]), ids[k]))
        kept = np.sort(np.array(ranked[:max_docs], dtype=np.int64))
        new_pos = np.full(len(ids), -1, dtype=np.int64)
        new_pos[kept] = np.arange(len(kept))
        a, b = new_pos[a], new_pos[b]
        both_kept = (a >= 0) & (b >= 0)
        a, b = a[both_kept], b[both_kept]
    counts = np.zeros((len(kept), len(kept)), dtype=np.int64)
    np.add.at(counts, (a, b), 1)
    np.add.at(counts, (b, a), 1)
    names = [ids[k] for k in kept.tolist()]
    return pd.DataFrame(counts, index=names, columns=names)


def linked_pairs(claims: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """Linked claims side by side: similarity, both texts and documents, disagreement.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"claim_id": ["x", "y"], "text": ["A.", "B."]})
    >>> l = pd.DataFrame({"claim_a": ["x"], "claim_b": ["y"], "doc_a": ["d1"], "doc_b": ["d2"],
    ...                   "similarity": [0.5], "disagreement": [""], "detail": [""]})
    >>> linked_pairs(c, l)[["text_a", "text_b"]].values.tolist()
    [['A.', 'B.']]
    """
    # a Series, not a dict: a million claims' texts stay in their column, not Python strings
    text = claims["text"].set_axis(pd.Index(claims["claim_id"]))
    text = text[~text.index.duplicated(keep="last")]  # as a dict of the pairs would keep
    out = links.copy()
    out["text_a"] = out["claim_a"].map(text)
    out["text_b"] = out["claim_b"].map(text)
    cols = ["similarity", "doc_a", "text_a", "doc_b", "text_b", "disagreement", "detail"]
    return out[cols].reset_index(drop=True)
