"""Score the claim inventory against the hand-annotated gold sets and print the figures.

Usage::

    .venv/bin/python bench/claims_eval.py [--seeds-gold tests/fixtures/claims_gold.csv]
                                          [--news DIR] [--ungd FILE] [--ungd-sample 500]
                                          [--only seeds|news] [--show-errors] [--show-links]

One run scores two gold sets side by side and times the extraction on UN speeches:

* ``seeds``: ``seeds/`` against ``tests/fixtures/claims_gold.csv``, one row per
  annotated claim: ``doc_id``, ``text`` (a substring unique in that document),
  ``claim_type`` (the main type), ``acceptable_types`` (``|``-separated),
  ``speaker`` (a surname, empty when the author asserts it), ``quote`` and
  ``numbers`` (JSON list of ``{value, unit}``; dates as ISO strings with
  ``unit == "date"``).
* ``news``: the development set ``../shared/dev/news/`` (texts, ``manifest.csv``,
  ``gold_claims.json``: ``doc`` (file-name prefix), ``key`` (verbatim substring),
  ``types`` (any one counts; the first is taken as the main type), optional
  ``speaker``, ``numbers`` (values without units; dates and ordinals left out)
  and ``opinion``; plus ``links`` between keys of two texts).

A gold claim is *found* when an extracted claim of the same document overlaps
at least half of the gold span (or half of the claim); the one overlapping
most is its match. Over found claims:

* type acceptable: the match's ``claim_type`` is one of the acceptable types;
  main type: equal to the main type;
* speaker: over gold claims with a speaker, the match's speaker or source
  contains the gold surname (case-insensitive);
* attribution precision: over gold claims with no speaker (the author's own),
  the share whose match has no speaker; "speaker given is right" is the share
  of matches given a speaker whose gold speaker is that one;
* numbers: every gold number appears among the match's numbers (within 0.1 %;
  seeds also compare the unit); "spurious numbers" counts non-date quantities
  read inside a news key that its gold does not list (ordinals read as counts);
* opinion: gold opinions (seeds: evaluative with no speaker; news: ``opinion``)
  typed evaluative;
* checkworthiness AUC: the probability that a random checkable gold claim
  (seeds: main type not evaluative; news: not an opinion) scores higher than a
  random opinion, ties counting half;
* links: gold links whose two matched claims are linked by ``link_claims`` (with
  the documents' dates), and how many links it made in all (the seeds have no
  gold links: their count and the links themselves are what to watch).

On the UN speeches (``--ungd``) a fixed sample of ``--ungd-sample`` speeches is
segmented and ``extract_claims`` is timed (claims, speeches and words per
second); quantities whose text is an ordinal ("seventy-sixth", "21st") read as a
number other than a date or a fraction ("a fifth of") are counted, as those must be zero.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kzlib.claims import document_dates, document_years, extract_claims, link_claims
from kzlib.corpus import clean_text, load_corpus, sentences_frame
from kzlib.paths import DEV_DIR, PROJECT_ROOT

GOLD = PROJECT_ROOT / "tests" / "fixtures" / "claims_gold.csv"
DEV = DEV_DIR
NEWS = DEV / "news"
UNGD = DEV / "ungd" / "ungd_dev.parquet"

_ORDINAL_RE = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)|(?:[a-z]+-)?(?:first|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|ninth|tenth|eleventh|twelfth|[a-z]+teenth|[a-z]+tieth|hundredth|thousandth))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class GoldClaim:
    """One gold claim in the form both gold sets are scored in."""

    doc_id: str
    key: str
    main_type: str
    types: frozenset[str]
    speaker: str  # "" = the author's own claim
    numbers: tuple[tuple[float | str, str | None], ...]  # (value, unit or None = any)
    opinion: bool
    checkable: bool
    all_numbers: bool = False  # the gold lists every non-date number of the key


@dataclass
class Scores:
    """The figures the script prints."""

    n_gold: int = 0
    found: int = 0
    type_ok: int = 0
    type_strict: int = 0
    attributed: int = 0
    speaker_ok: int = 0
    own: int = 0
    own_ok: int = 0
    false_speakers: int = 0
    given: int = 0
    given_ok: int = 0
    numbers: int = 0
    numbers_ok: int = 0
    spurious_numbers: int = 0
    opinions: int = 0
    opinions_evaluative: int = 0
    links: int = 0
    links_found: int = 0
    n_links: int | None = None  # links link_claims made (None: not run)
    n_claims: int = 0
    auc: float = float("nan")
    mean_checkable: float = float("nan")
    mean_opinion: float = float("nan")
    errors: list[str] = field(default_factory=list)
    link_lines: list[str] = field(default_factory=list)

    def rows(self) -> list[tuple[str, str]]:
        """(label, figure) pairs in print order."""

        def pct(a: int, b: int) -> str:
            return f"{a}/{b} = {100 * a / b:.1f}%" if b else "n/a"

        return [
            ("claims extracted", str(self.n_claims)),
            ("gold claims", str(self.n_gold)),
            ("recall (found)", pct(self.found, self.n_gold)),
            ("type acceptable", pct(self.type_ok, self.found)),
            ("main type exact", pct(self.type_strict, self.found)),
            ("speaker right (attributed)", pct(self.speaker_ok, self.attributed)),
            ("attribution precision (own: none)", pct(self.own_ok, self.own)),
            ("speaker given is right", pct(self.given_ok, self.given)),
            ("numbers normalised right", pct(self.numbers_ok, self.numbers)),
            ("spurious numbers in keys", str(self.spurious_numbers)),
            ("opinions typed evaluative", pct(self.opinions_evaluative, self.opinions)),
            ("checkworthiness AUC", f"{self.auc:.3f}"),
            ("mean cw checkable / opinion", f"{self.mean_checkable:.3f} / {self.mean_opinion:.3f}"),
            ("links found (link_claims)", pct(self.links_found, self.links)),
            ("links produced", "n/a" if self.n_links is None else str(self.n_links)),
        ]

    def lines(self) -> list[str]:
        """The figures, one per line."""
        return [f"{label:<36}{value}" for label, value in self.rows()]


# --------------------------------------------------------------------------- gold sets


def seed_gold(gold: pd.DataFrame) -> list[GoldClaim]:
    """The rows of the seeds' gold CSV as :class:`GoldClaim` records."""
    out: list[GoldClaim] = []
    for row in gold.itertuples(index=False):
        speaker = "" if pd.isna(row.speaker) else str(row.speaker)
        main = str(row.claim_type)
        numbers = tuple(
            (q["value"], str(q.get("unit"))) for q in json.loads(str(row.numbers) or "[]")
        )
        out.append(
            GoldClaim(
                doc_id=str(row.doc_id),
                key=str(row.text),
                main_type=main,
                types=frozenset(str(row.acceptable_types).split("|")) | {main},
                speaker=speaker,
                numbers=numbers,
                opinion=main == "evaluative" and not speaker,
                checkable=main != "evaluative",
            )
        )
    return out


def news_gold(
    folder: Path, doc_ids: Iterable[str]
) -> tuple[list[GoldClaim], list[tuple[GoldClaim, GoldClaim]]]:
    """The claims and links of ``folder/gold_claims.json``, doc prefixes mapped to doc_ids."""
    data = json.loads((folder / "gold_claims.json").read_text(encoding="utf-8"))
    by_prefix = {d.split("_", 1)[0]: d for d in doc_ids}

    def claim(doc: str, key: str, c: dict[str, object]) -> GoldClaim:
        types = [str(t) for t in c.get("types", []) or []]  # type: ignore[attr-defined]
        opinion = bool(c.get("opinion", False))
        raw_numbers = c.get("numbers", []) or []
        return GoldClaim(
            doc_id=by_prefix[doc],
            key=key,
            main_type=types[0] if types else "",
            types=frozenset(types),
            speaker=str(c.get("speaker", "") or ""),
            numbers=tuple((float(v), None) for v in raw_numbers),  # type: ignore[attr-defined]
            opinion=opinion,
            checkable=not opinion,
            all_numbers=True,
        )

    claims = [claim(str(c["doc"]), str(c["key"]), c) for c in data["claims"]]
    by_key = {(g.doc_id, g.key): g for g in claims}
    links = []
    for link in data.get("links", []):
        ends = []
        for doc, key in (link["a"], link["b"]):
            g = by_key.get((by_prefix[doc], key))
            ends.append(g or claim(doc, key, {}))
        links.append((ends[0], ends[1]))
    return claims, links


# --------------------------------------------------------------------------- scoring


def _number_match(value: float | str, unit: str | None, found: list[dict[str, object]]) -> bool:
    for q in found:
        if unit is None and q.get("unit") == "date":
            continue
        if unit is not None and q.get("unit") != unit:
            continue
        fv = q.get("value")
        if isinstance(value, int | float) and isinstance(fv, int | float):
            if abs(value - fv) <= 1e-3 * max(abs(value), 1.0):
                return True
        elif str(value) == str(fv):
            return True
    return False


def _match(g: GoldClaim, text: str, cands: pd.DataFrame | None) -> tuple[object | None, str]:
    """The extracted claim overlapping the gold key most (None if under half), or an error."""
    key = g.key
    if key not in text:  # the analysis text is cleaned (curly quotes, minus signs)
        key = clean_text(key).text
    pos = text.find(key)
    if pos < 0 or text.find(key, pos + 1) >= 0:
        return None, f"GOLD    {g.doc_id[:3]} {g.key!r} not found once in the document"
    g0, g1 = pos, pos + len(key)
    best, best_overlap = None, 0
    if cands is not None:
        for c in cands.itertuples(index=False):
            ov = min(g1, int(c.end)) - max(g0, int(c.start))
            if ov > best_overlap:
                best, best_overlap = c, ov
    if best is None or best_overlap < 0.5 * min(g1 - g0, int(best.end) - int(best.start)):
        return None, f"MISSED  {g.doc_id[:3]} {g.key[:70]}"
    return best, ""


def _score_one(s: Scores, g: GoldClaim, best: object) -> float:
    """Add the figures of one found claim to ``s``; return its checkworthiness."""
    tag = f"{g.doc_id[:3]} {g.key[:60]!r}"
    claim_type, speaker = str(best.claim_type), str(best.speaker)  # type: ignore[attr-defined]
    source = str(best.source)  # type: ignore[attr-defined]
    s.type_ok += int(claim_type in g.types)
    s.type_strict += int(claim_type == g.main_type)
    if claim_type not in g.types:
        s.errors.append(f"TYPE    {tag}: {claim_type} not in {sorted(g.types)}")
    if g.speaker:
        s.attributed += 1
        if g.speaker.lower() in f"{speaker} | {source}".lower():
            s.speaker_ok += 1
        else:
            s.errors.append(f"SPEAKER {tag}: {speaker!r} (source {source!r}) != {g.speaker!r}")
    else:
        s.own += 1
        s.own_ok += int(not speaker)
    if speaker:
        s.given += 1
        s.given_ok += int(bool(g.speaker) and g.speaker.lower() in speaker.lower())
        if not g.speaker:
            s.false_speakers += 1
            s.errors.append(f"OWN     {tag}: speaker {speaker!r}, gold none")
    found_numbers = json.loads(str(best.numbers) or "[]")  # type: ignore[attr-defined]
    for value, unit in g.numbers:
        s.numbers += 1
        if _number_match(value, unit, found_numbers):
            s.numbers_ok += 1
        else:
            s.errors.append(f"NUMBER  {tag}: {value} {unit or ''} not in {found_numbers}")
    if g.all_numbers:
        for q in found_numbers:
            value = q.get("value")
            qtext = str(q.get("text", ""))
            tail = r"(?!\w)" if qtext[-1:].isalnum() else ""
            pattern = rf"(?<![\w.]){re.escape(qtext)}{tail}"
            inside = re.search(pattern, clean_text(g.key).text) is not None
            if q.get("unit") == "date" or not inside or not isinstance(value, int | float):
                continue
            if not any(_number_match(v, u, [q]) for v, u in g.numbers):
                s.spurious_numbers += 1
                s.errors.append(f"EXTRA   {tag}: {q}")
    if g.opinion:
        s.opinions += 1
        s.opinions_evaluative += int(claim_type == "evaluative")
    return float(best.checkworthiness)  # type: ignore[attr-defined]


def evaluate(
    claims: pd.DataFrame,
    gold: pd.DataFrame | list[GoldClaim],
    texts: dict[str, str],
    *,
    links: pd.DataFrame | None = None,
    gold_links: list[tuple[GoldClaim, GoldClaim]] | None = None,
) -> Scores:
    """Score ``claims`` (extract_claims output) against ``gold`` (see the module docstring).

    ``gold`` is the seeds' gold CSV as a DataFrame or a list of :class:`GoldClaim`;
    ``links`` (link_claims output) is scored against ``gold_links`` when both are given.
    """
    items = seed_gold(gold) if isinstance(gold, pd.DataFrame) else gold
    s = Scores(n_gold=len(items), n_claims=len(claims))
    checkable: list[float] = []
    opinion: list[float] = []
    by_doc = {str(d): g for d, g in claims.groupby("doc_id")}
    for g in items:
        best, error = _match(g, texts.get(g.doc_id, ""), by_doc.get(g.doc_id))
        if best is None:
            s.errors.append(error)
            continue
        s.found += 1
        score = _score_one(s, g, best)
        if g.opinion:
            opinion.append(score)
        elif g.checkable:
            checkable.append(score)
    if checkable and opinion:
        wins = sum((a > b) + 0.5 * (a == b) for a in checkable for b in opinion)
        s.auc = wins / (len(checkable) * len(opinion))
        s.mean_checkable = sum(checkable) / len(checkable)
        s.mean_opinion = sum(opinion) / len(opinion)
    if links is not None:
        s.n_links = len(links)
        text = dict(zip(claims["claim_id"], claims["text"], strict=True))
        for row in links.itertuples(index=False):
            flag = f" [{row.disagreement}]" if row.disagreement else ""
            s.link_lines.append(
                f"{row.similarity:.3f} {str(row.doc_a)[:3]}~{str(row.doc_b)[:3]}{flag}\n"
                f"    A: {str(text[row.claim_a])[:110]}\n    B: {str(text[row.claim_b])[:110]}"
            )
    if links is not None and gold_links:
        pairs = set(zip(links["claim_a"], links["claim_b"], strict=True))
        for a, b in gold_links:
            s.links += 1
            ma, _ = _match(a, texts.get(a.doc_id, ""), by_doc.get(a.doc_id))
            mb, _ = _match(b, texts.get(b.doc_id, ""), by_doc.get(b.doc_id))
            ids = (getattr(ma, "claim_id", None), getattr(mb, "claim_id", None))
            if ids in pairs or ids[::-1] in pairs:
                s.links_found += 1
            else:
                s.errors.append(
                    f"LINK    {a.doc_id[:3]} {a.key[:35]!r} ~ {b.doc_id[:3]} {b.key[:35]!r}"
                )
    return s


# --------------------------------------------------------------------------- runs


def score_seeds(gold_csv: Path) -> Scores:
    """The seeds against their gold CSV."""
    corpus = load_corpus(PROJECT_ROOT / "seeds")
    claims = extract_claims(sentences_frame(corpus), doc_years=document_years(corpus.to_frame()))
    gold = pd.read_csv(gold_csv, dtype=str, keep_default_na=False)
    links = link_claims(claims, doc_dates=document_dates(corpus.to_frame()))
    return evaluate(claims, gold, {d.doc_id: d.text for d in corpus}, links=links)


def score_news(folder: Path) -> Scores:
    """The news development set against its gold claims and links."""
    corpus = load_corpus(folder)
    claims = extract_claims(sentences_frame(corpus), doc_years=document_years(corpus.to_frame()))
    texts = {d.doc_id: d.text for d in corpus}
    gold, gold_links = news_gold(folder, texts)
    links = link_claims(claims, doc_dates=document_dates(corpus.to_frame()))
    return evaluate(claims, gold, texts, links=links, gold_links=gold_links)


def ungd_speed(path: Path, *, n: int, seed: int = 0) -> list[str]:
    """Time extract_claims on a fixed sample of UN speeches; count ordinals read as numbers."""
    table = pd.read_parquet(path, columns=["doc_id", "year", "text"])
    sample = table.sample(n=min(n, len(table)), random_state=seed).sort_values("doc_id")
    with tempfile.TemporaryDirectory() as tmp:
        for row in sample.itertuples(index=False):
            (Path(tmp) / f"{row.doc_id}.txt").write_text(str(row.text), encoding="utf-8")
        corpus = load_corpus(tmp)
        sentences = sentences_frame(corpus)
    years = {str(d): int(y) for d, y in zip(sample["doc_id"], sample["year"], strict=True)}
    n_words = int(sample["text"].str.split().str.len().sum())
    t0 = time.perf_counter()
    claims = extract_claims(sentences, doc_years=years)
    wall = time.perf_counter() - t0
    ordinals: list[str] = []
    for numbers in claims["numbers"]:
        for q in json.loads(str(numbers) or "[]"):
            # a fraction ("a fifth of", "two-thirds of") shares the ordinal's word, not its sense
            unit = q.get("unit")
            if unit not in ("date", "fraction") and _ORDINAL_RE.search(str(q.get("text", ""))):
                ordinals.append(f"{q.get('text')!r} -> {q.get('value')} {q.get('unit')}")
    lines = [
        f"UN speeches: {len(sample)} sampled (seed {seed}), {n_words} words, "
        f"{len(sentences)} sentences, {len(claims)} claims",
        f"extract_claims {wall:.1f} s: {len(claims) / wall:.0f} claims/s, "
        f"{len(sample) / wall:.2f} speeches/s, {n_words / wall:.0f} words/s",
        f"ordinals read as numbers: {len(ordinals)}"
        + (f" (e.g. {'; '.join(sorted(set(ordinals))[:6])})" if ordinals else ""),
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds-gold", default=str(GOLD), help="gold CSV of the seeds")
    parser.add_argument("--news", default=str(NEWS), help="news development folder")
    parser.add_argument("--ungd", default=str(UNGD), help="UN speeches parquet ('' to skip)")
    parser.add_argument("--ungd-sample", type=int, default=500, help="speeches timed")
    parser.add_argument("--only", choices=["seeds", "news"], help="score one gold set only")
    parser.add_argument("--show-errors", action="store_true", help="list every miss and mismatch")
    parser.add_argument("--show-links", action="store_true", help="list the links made")
    args = parser.parse_args(argv)
    sets: dict[str, Scores] = {}
    if args.only in (None, "seeds"):
        sets["seeds"] = score_seeds(Path(args.seeds_gold))
    if args.only in (None, "news"):
        sets["news"] = score_news(Path(args.news))
    names = list(sets)
    print(f"{'':<36}" + "".join(f"{n:<24}" for n in names))
    rows = {n: dict(s.rows()) for n, s in sets.items()}
    for label, _ in next(iter(sets.values())).rows():
        print(f"{label:<36}" + "".join(f"{rows[n][label]:<24}" for n in names))
    if args.ungd and args.only is None:
        for line in ungd_speed(Path(args.ungd), n=args.ungd_sample):
            print(line)
    if args.show_links:
        for n, s in sets.items():
            print(f"\n== links: {n}")
            for line in s.link_lines:
                print(line)
    if args.show_errors:
        for n, s in sets.items():
            print(f"\n== errors: {n}")
            for e in s.errors:
                print(e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
