"""The claim inventory: what each article asserts, typed, attributed, ranked and linked.

:func:`extract_claims` turns the sentence table into one row per claim. The
unit is the sentence; a sentence is cut into clauses only where it holds two
separable claims (a quotation of two sentences kept whole by the splitter,
or two independent clauses joined by ";" that make different kinds of
claim). Headings are not claims; neither are questions.

Every claim gets:

``claim_type``  the main type, ``tags`` every type that applies:

    event         something that happened or was done (visit, signing, speech, deal, call)
    quantitative  states a checkable quantity (count, percent, money, distance, duration)
    predictive    about the future (plans, pledges, "by 2029", "will", "next year")
    factual       a checkable state of the world that is not an event
    evaluative    opinion, interpretation or judgement that cannot be checked as fact

    Main type, the first rule that applies (:func:`~kzlib.claims.features._types`):

    1. predictive: a cue of the future outside any quotation ("will", "plans
       to", "is expected to", "by 2030", and present-tense pledges "agree to",
       "stand ready to", "intend to", "look forward to"), or only a quoted one
       and no event;
    2. quantitative: a strong quantity (counts, percent, money, fractions, a
       span of time claimed for itself: "22 years since", "the 30-year
       anniversary"), unless it is only the duration of a narrated event;
    3. event: a concrete action verb, or a light verb with an event noun
       ("took part", "took place", "held talks", "gave an interview", "made a
       state visit") or a visit referred to ("this visit", "on a state
       visit"), with fewer than three evaluative cues; a speech verb counts
       only with a speaker named in the sentence, and when it is the only
       event cue and an evaluative cue judges, the claim is a
       reported opinion (rule 5);
    4. factual: a stative cue ("is a member", "one of the biggest", "is
       chairing", "since the 1990s", "regularly") with at most two
       evaluative cues and no hedge;
    5. event again for an action with a date, speaker or source despite
       evaluative words (not a reported opinion);
    6. evaluative: evaluative cues (judgement words, polar adjectives such as
       "productive", "unwavering", "complex"; a degree adverb before a word,
       "very complex"; interpretive frames) or hedges; and, with no cue at all,
       an interpretation (analysis prose states most of its readings without
       marked words; tried on the seeds and news, defaulting such sentences
       to factual lost more than it gained).

``speaker``, ``source``, ``quote``  from :mod:`kzlib.claims.attribution`.
``numbers``  JSON list of ``{value, unit, text[, qualifier, item]}`` from
    :mod:`kzlib.claims.quantities`; dates are ``unit == "date"`` with ISO values.
``checkworthiness``  the calibrated probability that a fact-checker would pick the claim, from
    the learned model of :mod:`kzlib.claims.checkworthiness` (trained on ClaimBuster); the
    features that moved it most are in ``cw_features`` (``+number(percent), -question``), so
    every score can be explained. Sentences that assert nothing (greetings, thanks,
    questions, procedural lines: :func:`kzlib.claims.assertion.is_claim`) are not claims.
``entities``  the named entities found (lower-cased, ``|``-separated), used for linking.
``claim_id``  (:mod:`kzlib.claims.ids`) ``c`` + 12 hex digits of SHA-1 over the document id and the
    normalised text (case, quotes, dashes, spacing and end punctuation folded),
    plus an occurrence number for a repeated sentence: stable across reruns,
    re-segmentation offsets and unrelated edits elsewhere in the article.

:func:`~kzlib.claims.links.link_claims` pairs claims of different articles
that report the same event or fact; :func:`~kzlib.claims.sheets.export_sheet` /
:func:`~kzlib.claims.sheets.merge_sheet` carry hand verdicts across
re-extractions.

Examples
--------
>>> import pandas as pd
>>> s = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "start": [0], "end": [45],
...                   "text": ["Kazakhstan carries eighty percent of freight."], "kind": ["body"]})
>>> row = extract_claims(s).iloc[0]
>>> row["claim_type"], row["numbers"]
('quantitative', '[{"value": 80, "unit": "percent", "text": "eighty percent"}]')
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

import pandas as pd

from kzlib.checks import check_fraction
from kzlib.claims.attribution import Attribution, Attributor
from kzlib.claims.checkworthiness import checkworthiness_frame
from kzlib.claims.features import (
    CLAIM_TYPES,
    ClaimFeatures,
    _claim_features,
    _outside_quotes,
    _types,
    claim_features,
)
from kzlib.claims.gazetteer import Source, load_sources
from kzlib.claims.guards import _fold, _letter_runs, _letter_words
from kzlib.claims.ids import _claim_id_of_normalised, normalise_claim_text
from kzlib.claims.quantities import Quantity, _find_quantities, quantities_to_json
from kzlib.corpus.turns import speaker_turns
from kzlib.errors import InputError

__all__ = [
    "CLAIM_COLUMNS",
    "claim_units",
    "document_years",
    "extract_claims",
    "quantities_frame",
    "select_claims",
    "speakers_frame",
]

#: Columns of :func:`extract_claims` (the DESIGN schema, then explanatory extras).
CLAIM_COLUMNS: list[str] = [
    "claim_id", "doc_id", "sent_id", "start", "end", "text", "claim_type", "tags", "speaker",
    "source", "quote", "numbers", "checkworthiness", "entities", "cw_features",
]  # fmt: skip
_QUESTION_END_RE = re.compile(r"\?[\"”’)]*\s*$")
_SPLIT_QUOTED_RE = re.compile(r"(?<=[a-z0-9%][.!?])\s+(?=[A-Z])")
_SEMICOLON_RE = re.compile(r";\s+")


def _words(text: str) -> int:
    return len(text.split())


def claim_units(text: str) -> list[tuple[int, int]]:
    """Character spans of the claims in one sentence (usually the whole sentence).

    A sentence is cut only where it holds two separable claims: at a sentence
    boundary inside a quotation that the splitter kept whole, or at a ";"
    joining two independent clauses (five words or more each) that make
    different kinds of claim.

    Examples
    --------
    >>> t = 'He said: "We carry most freight. By 2030 we will build more railways."'
    >>> [t[s:e] for s, e in claim_units(t)]
    ['He said: "We carry most freight.', 'By 2030 we will build more railways."']
    """
    # a cut inside a quotation needs a quotation mark before it
    has_quote = any(map(text.__contains__, '"“”'))
    if not has_quote and ";" not in text:  # one claim: the loops below give this span
        seg = text.rstrip()
        return [(len(seg) - len(seg.lstrip()), len(seg))]
    spans: list[tuple[int, int]] = []
    cuts = [0]
    for m in _SPLIT_QUOTED_RE.finditer(text) if has_quote else ():
        left, right = text[cuts[-1] : m.start()], text[m.end() :]
        inside = sum(text[: m.start()].count(q) for q in '"“”') % 2 == 1
        last_word = left.split()[-1] if left.split() else ""
        if inside and _words(left) >= 4 and _words(right) >= 4 and len(last_word.strip('.!?"')) > 3:
            cuts.append(m.end())
    for s, e in zip(cuts, [*cuts[1:], len(text)], strict=True):
        piece = text[s:e]
        sub = [0]
        for m in _SEMICOLON_RE.finditer(piece) if ";" in piece else ():
            if _outside_quotes(piece)[m.start()] != ";":
                continue
            left, right = piece[sub[-1] : m.start()], piece[m.end() :]
            if _words(left) < 5 or _words(right) < 5:
                continue
            fl, fr = claim_features(left), claim_features(right)
            no = Attribution("", "", False)
            if _types(fl, no)[0] != _types(fr, no)[0]:
                sub.append(m.end())
        bounds = [*sub, len(piece)]
        for a, b in itertools.pairwise(bounds):
            seg = piece[a:b].rstrip()
            if seg.endswith(";"):
                seg = seg[:-1].rstrip()
            lead = len(seg) - len(seg.lstrip())
            spans.append((s + a + lead, s + a + len(seg)))
    return spans


def _ref_years(
    sentences: pd.DataFrame, doc_years: Mapping[str, int] | None
) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for doc_id in sentences["doc_id"].unique():
        out[str(doc_id)] = None if doc_years is None else doc_years.get(str(doc_id))
    return out


def _documents(sentences: pd.DataFrame) -> list[tuple[str, list[int]]]:
    """Each document's row positions in reading order, documents sorted by doc_id.

    Documents come in ``groupby("doc_id", sort=True)`` order (rows without a
    doc_id are dropped, as groupby drops them) and rows by start, then
    sent_id, ties kept in table order: plain lists instead of a sorted
    DataFrame per document.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"doc_id": ["b", "a", "b"], "start": [9, 0, 0], "sent_id": [1, 0, 0]})
    >>> _documents(s)
    [('a', [1]), ('b', [2, 0])]
    """
    codes_array, uniques = pd.factorize(sentences["doc_id"], sort=True)
    codes: list[int] = codes_array.tolist()
    starts, sent_ids = sentences["start"].tolist(), sentences["sent_id"].tolist()
    order = sorted(
        (p for p, c in enumerate(codes) if c >= 0),
        key=lambda p: (codes[p], starts[p], sent_ids[p]),
    )
    return [
        (str(uniques[code]), list(group))
        for code, group in itertools.groupby(order, key=codes.__getitem__)
    ]


def document_years(documents: pd.DataFrame) -> dict[str, int]:
    """Publication year per doc_id from a corpus table (``corpus.to_frame()``), where known.

    A date kzlib inferred (``date_from == "inferred"``: the latest date the
    text mentions) is not the article's own date and is left out, so relative
    dates ("next year") of that article stay unresolved instead of guessed.

    Examples
    --------
    >>> import pandas as pd
    >>> document_years(pd.DataFrame({"doc_id": ["a", "b", "c"],
    ...     "date": ["2025-11-13", None, "2024-01-02"],
    ...     "date_from": ["text", "missing", "inferred"]}))
    {'a': 2025}
    """
    out: dict[str, int] = {}
    given = (
        documents["date_from"].astype(str) != "inferred"
        if "date_from" in documents.columns
        else pd.Series(True, index=documents.index)
    )
    for doc_id, date, ok in zip(documents["doc_id"], documents["date"], given, strict=True):
        if not ok:
            continue
        text = "" if date is None or (isinstance(date, float) and math.isnan(date)) else str(date)
        if re.match(r"^\d{4}", text):
            out[str(doc_id)] = int(text[:4])
    return out


def extract_claims(
    sentences: pd.DataFrame,
    *,
    doc_years: Mapping[str, int] | None = None,
    sources: tuple[Source, ...] | None = None,
) -> pd.DataFrame:
    """The claim inventory of a sentence table (one row per claim; see :data:`CLAIM_COLUMNS`).

    Parameters
    ----------
    sentences : DataFrame
        ``sentences_frame(corpus)``: doc_id, sent_id, start, end, text, kind.
        Rows of ``kind == "heading"`` are skipped; rows must be in document order.
    doc_years : mapping of str to int, optional
        Publication year per doc_id, to read "next year" and month names
        without a year; without it they stay unresolved (never guessed from
        another year the article names).
    sources : tuple of Source, optional
        The outlet/body gazetteer (default :func:`~kzlib.claims.attribution.load_sources`).

    Returns
    -------
    DataFrame
        Sorted by doc_id, start; deterministic.

    Examples
    --------
    >>> from kzlib import load_corpus, sentences_frame
    >>> claims = extract_claims(sentences_frame(load_corpus()))
    >>> set(claims["claim_type"]) <= set(CLAIM_TYPES)
    True
    """
    missing = {"doc_id", "sent_id", "start", "end", "text"} - set(sentences.columns)
    if missing:
        raise InputError(
            f"sentence table: missing columns {sorted(missing)}; pass sentences_frame(corpus)"
        )
    gaz = load_sources() if sources is None else sources
    years = _ref_years(sentences, doc_years)
    texts = sentences["text"].tolist()
    kinds = sentences["kind"].tolist() if "kind" in sentences.columns else None
    sent_ids, starts = sentences["sent_id"].tolist(), sentences["start"].tolist()
    turns = speaker_turns(sentences)
    turn_of = list(
        zip(
            turns["turn_speaker"].tolist(),
            turns["turn_role"].tolist(),
            turns["label_end"].tolist(),
            strict=True,
        )
    )
    records: list[tuple[object, ...]] = []
    for doc, positions in _documents(sentences):
        body = [
            (int(str(sent_ids[p])), int(str(starts[p])), str(texts[p]), turn_of[p])
            for p in positions
            if kinds is None or str(kinds[p]) == "body"
        ]
        records += _document_records(doc, body, Attributor(sources=gaz), years.get(doc))
    frame = pd.DataFrame.from_records(records, columns=CLAIM_COLUMNS)
    frame = frame.astype({"sent_id": "int64", "start": "int64", "end": "int64", "quote": "bool"})
    frame = _score_claims(frame)
    return frame.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)


def _score_claims(frame: pd.DataFrame) -> pd.DataFrame:
    """Learned checkworthiness and its reasons; rows that assert nothing are dropped."""
    scored = checkworthiness_frame(frame["text"].tolist())
    frame["checkworthiness"] = scored["checkworthiness"].to_numpy(dtype="float64")
    frame["cw_features"] = scored["cw_why"].to_numpy(dtype=object)
    return frame[scored["is_claim"].to_numpy(dtype=bool)]


#: One sentence of a document: sent_id, start, text and its turn (speaker, role, label_end).
_Body = tuple[int, int, str, tuple[str | None, str, int]]


def _turn_attribution(attribution: Attribution, name: str | None, role: str) -> Attribution:
    """The attribution of a sentence in a transcript turn (see :mod:`kzlib.corpus.turns`).

    An explicit attribution (a reporting verb, "according to", a quotation)
    wins; otherwise, and for the speaker's first-person sentences, the turn's
    speaker speaks. In an interviewer's turn that is the interviewer (named, or
    ``interviewer``), never the interviewee.

    Examples
    --------
    >>> _turn_attribution(Attribution("", "", False, "author"), "Pompeo", "speaker").speaker
    'Pompeo'
    >>> _turn_attribution(Attribution("", "", False), None, "interviewer").speaker
    'interviewer'
    """
    if attribution.speaker or role not in ("speaker", "interviewer"):
        return attribution
    if role == "interviewer":
        name = name or "interviewer"
    if not name:
        return attribution
    return Attribution(name, attribution.source, attribution.quote, "turn")


def _document_records(
    doc: str,
    body: list[_Body],
    attributor: Attributor,
    context_year: int | None,
) -> list[tuple[object, ...]]:
    """The claim rows of one document's body sentences (:data:`_Body`), in order.

    Questions are not claims (unless they quote someone). A transcript speaker
    label is cut off its sentence, and a new turn starts the attribution state
    afresh (no pronoun or open quotation carries over a change of speaker).
    Relative dates are read against the publication year only
    (``context_year``); without it they stay unresolved.
    """
    records: list[tuple[object, ...]] = []
    seen: dict[str, int] = defaultdict(int)  # normalised text -> occurrences so far
    turn: tuple[str | None, str] = (None, "none")
    for sent_id, base, text, (t_name, t_role, cut) in body:
        if cut:  # the label is not part of the claim
            base, text = base + cut, text[cut:]
        if cut or (t_name, t_role) != turn:
            attributor.new_turn()
            turn = (t_name, t_role)
        if not text.strip():
            continue
        carried = attributor.open_quote_speaker is not None
        cased_words = _letter_words(text)
        explicit = attributor.attribute(text, words=cased_words)
        attribution = _turn_attribution(explicit, t_name, t_role)
        if _QUESTION_END_RE.search(text) and not attribution.quote:
            continue
        units = claim_units(text)
        for i, (s, e) in enumerate(units):
            unit = text[s:e]
            if not unit.strip():
                continue
            whole = s == 0 and e == len(text)
            inside = carried or (i > 0 and len(units) > 1 and attribution.quote)
            qs, feats = _unit_features(
                unit,
                whole=whole,
                cased_words=cased_words,
                context_year=context_year,
                inside_quote=(inside and i > 0) or carried,
                speaker=explicit.speaker,
            )
            span = (doc, sent_id, base + s, base + e)
            records.append(_record(unit, span, qs, feats, (explicit, attribution), seen))
    return records


def _unit_features(
    unit: str,
    *,
    whole: bool,
    cased_words: frozenset[str],
    context_year: int | None,
    inside_quote: bool,
    speaker: str,
) -> tuple[list[Quantity], ClaimFeatures]:
    """The quantities and features of one claim; ``whole`` if it is the whole sentence."""
    # lower-cased text and its letter runs: computed once for both
    lowered = unit.lower()
    folded = _fold(unit, lowered)
    if whole and folded is not None:
        # folding maps letters to letters and nothing else to a letter:
        # the runs of the lower-cased text are the lower-cased runs
        runs = frozenset(map(str.lower, cased_words))
    else:
        runs = _letter_runs(lowered)
    qs = _find_quantities(unit, context_year, lowered, runs)
    feats = _claim_features(
        unit, qs, inside_quote, speaker, folded, None if folded is None else runs
    )
    return qs, feats


def _record(
    unit: str,
    span: tuple[str, int, int, int],
    qs: list[Quantity],
    feats: ClaimFeatures,
    attributions: tuple[Attribution, Attribution],
    seen: dict[str, int],
) -> tuple[object, ...]:
    """One row of :data:`CLAIM_COLUMNS`; ``span`` is (doc_id, sent_id, start, end).

    ``attributions``: the sentence's own (explicit) attribution, which types the
    claim (a speech verb is an event only with a named speaker in the text),
    and the one recorded (with a transcript turn's speaker).
    """
    doc, sent_id, start, end = span
    explicit, attribution = attributions
    main, tags = _types(feats, explicit)
    norm = normalise_claim_text(unit)
    occurrence = seen[norm]
    seen[norm] += 1
    return (  # in the order of CLAIM_COLUMNS
        _claim_id_of_normalised(doc, norm, occurrence),
        doc,
        sent_id,
        start,
        end,
        unit,
        main,
        "|".join(tags),
        attribution.speaker,
        attribution.source,
        bool(attribution.quote),
        quantities_to_json(qs),
        0.0,  # checkworthiness: scored for all claims at once (_score_claims)
        "|".join(feats.entities),
        "",  # cw_features
    )


def select_claims(
    claims: pd.DataFrame,
    *,
    min_checkworthiness: float = 0.0,
    types: Sequence[str] = CLAIM_TYPES,
) -> pd.DataFrame:
    """The claims of the given types scoring at least ``min_checkworthiness``.

    Raises
    ------
    InputError
        If ``types`` is not a list of claim types or the threshold is not a number in 0..1
        (notebook parameters arrive from YAML and the command line).

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"claim_type": ["event", "evaluative"], "checkworthiness": [0.8, 0.1]})
    >>> len(select_claims(c, min_checkworthiness=0.5)), len(select_claims(c, types=["evaluative"]))
    (1, 1)
    """
    if isinstance(types, str) or not all(t in CLAIM_TYPES for t in types):
        raise InputError(
            f"claim_types={types!r}: give a list drawn from {list(CLAIM_TYPES)}, "
            'e.g. ["event", "quantitative"]'
        )
    min_checkworthiness = check_fraction("min_checkworthiness", min_checkworthiness)
    keep = (claims["checkworthiness"] >= min_checkworthiness) & claims["claim_type"].isin(
        list(types)
    )
    if keep.all():  # the defaults keep every claim: no copy of a million rows (copy on write)
        return claims.reset_index(drop=True)
    return claims[keep].reset_index(drop=True)


def quantities_frame(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per number or date in the inventory (claim_id, doc_id, value, unit, ...).

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"claim_id": ["c1"], "doc_id": ["d"], "claim_type": ["quantitative"],
    ...     "numbers": ['[{"value": 80, "unit": "percent", "text": "80%"}]']})
    >>> quantities_frame(c)[["value", "unit"]].values.tolist()
    [[80, 'percent']]
    """
    cols = ["claim_id", "doc_id", "claim_type", "value", "unit", "qualifier", "item", "text"]
    rows: list[dict[str, object]] = []
    # most claims hold no number: parse only the others (a million claims of speeches)
    numbers = claims["numbers"].fillna("").astype(str)
    keep = ~numbers.isin(["", "[]"]).to_numpy()
    # plain lists of the columns read: itertuples over a million-row table of Arrow
    # strings (texts included) took seconds
    columns = [claims[c].to_numpy()[keep].tolist() for c in ("claim_id", "doc_id", "claim_type")]
    for claim_id, doc_id, claim_type, text in zip(
        *columns, numbers.to_numpy()[keep].tolist(), strict=True
    ):
        for q in json.loads(text):
            rows.append(
                {
                    "claim_id": claim_id,
                    "doc_id": doc_id,
                    "claim_type": claim_type,
                    "value": q.get("value"),
                    "unit": q.get("unit", ""),
                    "qualifier": q.get("qualifier", ""),
                    "item": q.get("item", ""),
                    "text": q.get("text", ""),
                }
            )
    return pd.DataFrame(rows, columns=cols)


def speakers_frame(claims: pd.DataFrame) -> pd.DataFrame:
    """Who is quoted or reported, with counts per document and how many are direct quotations.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"doc_id": ["d", "d"], "speaker": ["Peskov", ""], "quote": [True, False],
    ...                   "source": ["", ""]})
    >>> speakers_frame(c).values.tolist()
    [['Peskov', 'd', 1, 1, '']]
    """
    cols = ["speaker", "doc_id", "claims", "quotes", "sources"]
    sub = claims[claims["speaker"].fillna("") != ""]
    if sub.empty:
        return pd.DataFrame(columns=cols)
    grouped = sub.groupby(["speaker", "doc_id"], sort=True)
    out = grouped.agg(
        claims=("speaker", "size"),
        quotes=("quote", "sum"),
        sources=(
            "source",
            lambda s: "|".join(sorted({x for v in s for x in str(v).split("|") if x})),
        ),
    ).reset_index()
    out["quotes"] = out["quotes"].astype("int64")
    return out.sort_values(
        ["claims", "speaker", "doc_id"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)[cols]
