"""Score the claim inventory against a hand-annotated gold set and print the figures.

Usage::

    .venv/bin/python bench/claims_eval.py [--corpus seeds] [--gold tests/fixtures/claims_gold.csv]
                                          [--show-errors]

The gold CSV has one row per annotated claim: ``doc_id``, ``text`` (the
sentence or a substring unique in that document), ``claim_type`` (the main
type), ``acceptable_types`` (``|``-separated; every type an annotator would
accept), ``speaker`` (a surname, empty when the author asserts it), ``quote``
(true/false) and ``numbers`` (JSON list of ``{value, unit}``; dates as ISO
strings with ``unit == "date"``).

A gold claim is *found* when an extracted claim of the same document
overlaps at least half of the gold span (or half of the claim). For each
found claim the script checks:

* type: the extracted ``claim_type`` is one of ``acceptable_types``
  (strict: equal to ``claim_type``);
* speaker: over gold claims with a speaker, the extracted speaker contains
  the gold surname (case-insensitive); false attributions are counted too;
* numbers: every gold number appears among the claim's numbers with the same
  unit and value (numbers within 0.1 %, dates equal);
* ranking: the probability that a random checkable gold claim (main type not
  evaluative) scores a higher checkworthiness than a random unattributed
  opinion (evaluative, no speaker), ties counting half (ROC AUC).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kzlib.claims.extract import document_years, extract_claims
from kzlib.corpus.document import load_corpus
from kzlib.corpus.segment import sentences_frame
from kzlib.paths import PROJECT_ROOT, resolve_path

GOLD = PROJECT_ROOT / "tests" / "fixtures" / "claims_gold.csv"


@dataclass
class Scores:
    """The figures the script prints."""

    n_gold: int = 0
    found: int = 0
    type_ok: int = 0
    type_strict: int = 0
    attributed: int = 0
    speaker_ok: int = 0
    false_speakers: int = 0
    numbers: int = 0
    numbers_ok: int = 0
    opinions: int = 0
    opinions_evaluative: int = 0
    auc: float = float("nan")
    mean_checkable: float = float("nan")
    mean_opinion: float = float("nan")
    errors: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        def pct(a: int, b: int) -> str:
            return f"{a}/{b} = {100 * a / b:.1f}%" if b else "n/a"

        return [
            f"gold claims                 {self.n_gold}",
            f"recall (found)              {pct(self.found, self.n_gold)}",
            f"type acceptable             {pct(self.type_ok, self.found)}",
            f"type exact (main type)      {pct(self.type_strict, self.found)}",
            f"speaker right (attributed)  {pct(self.speaker_ok, self.attributed)}",
            f"speaker given, gold none    {self.false_speakers}",
            f"numbers normalised right    {pct(self.numbers_ok, self.numbers)}",
            f"opinions typed evaluative   {pct(self.opinions_evaluative, self.opinions)}",
            f"checkable ranked above opinion (AUC)  {self.auc:.3f}",
            f"mean checkworthiness: checkable {self.mean_checkable:.3f}, "
            f"opinion {self.mean_opinion:.3f}",
        ]


def _number_match(gold: dict[str, object], found: list[dict[str, object]]) -> bool:
    for q in found:
        if q.get("unit") != gold.get("unit"):
            continue
        gv, fv = gold.get("value"), q.get("value")
        if isinstance(gv, int | float) and isinstance(fv, int | float):
            if abs(gv - fv) <= 1e-3 * max(abs(gv), 1.0):
                return True
        elif str(gv) == str(fv):
            return True
    return False


def evaluate(claims: pd.DataFrame, gold: pd.DataFrame, texts: dict[str, str]) -> Scores:
    """Score ``claims`` (extract_claims output) against ``gold`` (see the module docstring)."""
    s = Scores(n_gold=len(gold))
    checkable: list[float] = []
    opinion: list[float] = []
    by_doc = {d: g for d, g in claims.groupby("doc_id")}
    for row in gold.itertuples(index=False):
        text = texts.get(row.doc_id, "")
        pos = text.find(row.text)
        if pos < 0 or text.find(row.text, pos + 1) >= 0:
            raise SystemExit(f"gold: {row.doc_id}: {row.text!r} not found once in the document")
        g0, g1 = pos, pos + len(row.text)
        cands = by_doc.get(row.doc_id)
        best, best_overlap = None, 0
        if cands is not None:
            for c in cands.itertuples(index=False):
                ov = min(g1, int(c.end)) - max(g0, int(c.start))
                if ov > best_overlap:
                    best, best_overlap = c, ov
        if best is None or best_overlap < 0.5 * min(g1 - g0, int(best.end) - int(best.start)):
            s.errors.append(f"MISSED  {row.doc_id[:3]} {row.text[:70]}")
            continue
        s.found += 1
        acceptable = set(str(row.acceptable_types).split("|")) | {row.claim_type}
        if best.claim_type in acceptable:
            s.type_ok += 1
        else:
            s.errors.append(
                f"TYPE    {row.doc_id[:3]} {row.text[:60]!r}: "
                f"{best.claim_type} not in {sorted(acceptable)}"
            )
        s.type_strict += int(best.claim_type == row.claim_type)
        gold_speaker = "" if pd.isna(row.speaker) else str(row.speaker)
        if gold_speaker:
            s.attributed += 1
            if gold_speaker.lower() in str(best.speaker).lower():
                s.speaker_ok += 1
            else:
                s.errors.append(
                    f"SPEAKER {row.doc_id[:3]} {row.text[:60]!r}: "
                    f"{best.speaker!r} != {gold_speaker!r}"
                )
        elif str(best.speaker):
            s.false_speakers += 1
            s.errors.append(
                f"SPEAKER {row.doc_id[:3]} {row.text[:60]!r}: {best.speaker!r}, gold none"
            )
        found_numbers = json.loads(str(best.numbers) or "[]")
        for q in json.loads(str(row.numbers) or "[]"):
            s.numbers += 1
            if _number_match(q, found_numbers):
                s.numbers_ok += 1
            else:
                s.errors.append(f"NUMBER  {row.doc_id[:3]} {q} not in {found_numbers}")
        score = float(best.checkworthiness)
        if row.claim_type == "evaluative" and not gold_speaker:
            opinion.append(score)
            s.opinions += 1
            s.opinions_evaluative += int(best.claim_type == "evaluative")
        elif row.claim_type != "evaluative":
            checkable.append(score)
    if checkable and opinion:
        wins = sum((a > b) + 0.5 * (a == b) for a in checkable for b in opinion)
        s.auc = wins / (len(checkable) * len(opinion))
        s.mean_checkable = sum(checkable) / len(checkable)
        s.mean_opinion = sum(opinion) / len(opinion)
    return s


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="seeds", help="corpus folder (default: seeds)")
    parser.add_argument("--gold", default=str(GOLD), help="gold CSV")
    parser.add_argument("--show-errors", action="store_true", help="list every miss and mismatch")
    args = parser.parse_args(argv)
    corpus = load_corpus(resolve_path(args.corpus))
    claims = extract_claims(sentences_frame(corpus), doc_years=document_years(corpus.to_frame()))
    gold = pd.read_csv(Path(args.gold), dtype=str, keep_default_na=False)
    scores = evaluate(claims, gold, {d.doc_id: d.text for d in corpus})
    print(f"kzlib claims vs {args.gold}: {len(claims)} claims extracted")
    for line in scores.lines():
        print(line)
    if args.show_errors:
        for e in scores.errors:
            print(e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
