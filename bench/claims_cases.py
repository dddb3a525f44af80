"""How many of the hand-written claim cases the inventory gets right today.

Usage::

    .venv/bin/python bench/claims_cases.py [--cases tests/fixtures/claims_cases.json]
                                           [--show-failures]

Each case of ``tests/fixtures/claims_cases.json`` (schema in its ``_about``) is
written as an article into a temporary folder with a ``manifest.csv`` giving its
date (none when the case has none), loaded with :func:`kzlib.corpus.load_corpus`,
and run through :func:`kzlib.claims.extract_claims` (with
:func:`kzlib.claims.document_years`) and, for link cases,
:func:`kzlib.claims.link_claims` (with the dates, :func:`kzlib.claims.document_dates`).
The script prints passes per class and per check (speaker, source, types, numbers,
...) and, with ``--show-failures``, every failed check with what was extracted. It
prints figures; it does not assert: the cases are meant to become tests once the
rules handle them.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pandas as pd

from kzlib.claims import document_dates, document_years, extract_claims, link_claims
from kzlib.corpus import clean_text, load_corpus, sentences_frame
from kzlib.paths import PROJECT_ROOT

CASES = PROJECT_ROOT / "tests" / "fixtures" / "claims_cases.json"


def _write(cases: list[dict[str, Any]], folder: Path) -> None:
    """One .txt per article and a manifest with the dates."""
    rows: list[tuple[str, str]] = []
    for case in cases:
        docs = case.get("docs") or [{"text": case["text"], "date": case.get("date")}]
        for i, doc in enumerate(docs):
            name = case["id"] if "docs" not in case else f"{case['id']}~{i}"
            (folder / f"{name}.txt").write_text(doc["text"] + "\n", encoding="utf-8")
            rows.append((f"{name}.txt", doc.get("date") or ""))
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "date"])
        writer.writerows(rows)


def _claim(claims: pd.DataFrame, text: str, key: str) -> pd.Series | None:
    """The claim overlapping ``key`` most in a document's claims, or None."""
    k = key if key in text else clean_text(key).text
    pos = text.find(k)
    if pos < 0:
        raise SystemExit(f"case key {key!r} not in its text")
    k0, k1 = pos, pos + len(k)
    overlap = claims["end"].clip(upper=k1) - claims["start"].clip(lower=k0)
    if claims.empty or overlap.max() <= 0:
        return None
    return claims.loc[overlap.idxmax()]


def _same(q: dict[str, Any], pattern: dict[str, Any]) -> bool:
    for f, want in pattern.items():
        got = q.get(f)
        if f == "value" and isinstance(want, int | float) and isinstance(got, int | float):
            if abs(got - want) > 1e-3 * max(abs(want), 1.0):
                return False
        elif str(got) != str(want):
            return False
    return True


def _checks(exp: dict[str, Any], claim: pd.Series | None) -> dict[str, tuple[bool, str]]:
    """Each check of one expectation: name -> (passed, what was extracted)."""
    if claim is None:
        ok = bool(exp.get("optional"))
        return {"found": (ok, "no claim overlaps the key")}
    out: dict[str, tuple[bool, str]] = {"found": (True, "")}
    speaker, source = str(claim["speaker"]), str(claim["source"])
    numbers: list[dict[str, Any]] = json.loads(str(claim["numbers"]) or "[]")
    if "speaker" in exp:
        want = str(exp["speaker"]).lower()
        ok = speaker == "" if not want else want in speaker.lower()
        out["speaker"] = (ok, f"speaker {speaker!r}")
    if "speaker_not" in exp:
        out["speaker"] = (str(exp["speaker_not"]).lower() not in speaker.lower(), speaker)
    if "source" in exp:
        out["source"] = (str(exp["source"]).lower() in source.lower(), f"source {source!r}")
    if "types" in exp:
        out["types"] = (str(claim["claim_type"]) in exp["types"], str(claim["claim_type"]))
    if "numbers" in exp:
        ok = all(any(_same(q, p) for q in numbers) for p in exp["numbers"])
        out["numbers"] = (ok, json.dumps(numbers))
    if "no_numbers" in exp:
        ok = not any(_same(q, p) for q in numbers for p in exp["no_numbers"])
        out["no_numbers"] = (ok, json.dumps(numbers))
    for phrase in exp.get("unresolved", []):
        ok = any(
            q.get("unit") == "date"
            and phrase.lower() in str(q.get("text", "")).lower()
            and (q.get("value") in (None, "") or "unresolved" in str(q.get("qualifier", "")))
            for q in numbers
        )
        out["unresolved"] = (ok, json.dumps(numbers))
    return out


def run(cases: list[dict[str, Any]]) -> list[tuple[str, str, str, str, bool, str]]:
    """(case id, class, key, check, passed, extracted) for every check of every case."""
    with tempfile.TemporaryDirectory() as tmp:
        _write(cases, Path(tmp))
        corpus = load_corpus(tmp)
        texts = {d.doc_id: d.text for d in corpus}
        claims = extract_claims(
            sentences_frame(corpus), doc_years=document_years(corpus.to_frame())
        )
        dates = document_dates(corpus.to_frame())
    by_doc = {str(d): g for d, g in claims.groupby("doc_id")}
    empty = claims.iloc[:0]
    rows: list[tuple[str, str, str, str, bool, str]] = []
    for case in cases:
        cid, cls = case["id"], case["class"]
        if "docs" in case:
            link = case["link"]
            ids = [f"{cid}~0", f"{cid}~1"]
            both = pd.concat([by_doc.get(d, empty) for d in ids], ignore_index=True)
            a = _claim(by_doc.get(ids[0], empty), texts[ids[0]], link["a"])
            b = _claim(by_doc.get(ids[1], empty), texts[ids[1]], link["b"])
            links = link_claims(both, doc_dates=dates)
            hit = links[
                (
                    (links["claim_a"] == getattr(a, "claim_id", None))
                    & (links["claim_b"] == getattr(b, "claim_id", None))
                )
                | (
                    (links["claim_b"] == getattr(a, "claim_id", None))
                    & (links["claim_a"] == getattr(b, "claim_id", None))
                )
            ]
            rows.append((cid, cls, link["a"], "link", not hit.empty, f"{len(links)} links"))
            if not hit.empty:
                flag = str(hit["disagreement"].iloc[0] or "")
                ok = flag == link.get("disagreement", "")
                rows.append((cid, cls, link["a"], "disagreement", ok, repr(flag)))
            continue
        for exp in case["expect"]:
            claim = _claim(by_doc.get(cid, empty), texts[cid], exp["key"])
            for check, (ok, got) in _checks(exp, claim).items():
                rows.append((cid, cls, exp["key"], check, ok, got))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=str(CASES), help="cases JSON")
    parser.add_argument("--show-failures", action="store_true", help="list every failed check")
    args = parser.parse_args(argv)
    cases = json.loads(Path(args.cases).read_text(encoding="utf-8"))["cases"]
    rows = run(cases)
    keys: dict[tuple[str, str], bool] = defaultdict(lambda: True)
    for cid, _cls, key, _check, ok, _got in rows:
        keys[(cid, key)] &= ok
    per_class: Counter[str] = Counter()
    per_class_ok: Counter[str] = Counter()
    cls_of = {(cid, key): cls for cid, cls, key, *_ in rows}
    for k, ok in keys.items():
        per_class[cls_of[k]] += 1
        per_class_ok[cls_of[k]] += int(ok)
    print(
        f"claim cases: {sum(keys.values())}/{len(keys)} expectations pass "
        f"({len(cases)} cases, {len(rows)} checks)"
    )
    for cls in sorted(per_class):
        print(f"  {cls:<28}{per_class_ok[cls]}/{per_class[cls]}")
    per_check: Counter[str] = Counter(r[3] for r in rows)
    per_check_ok: Counter[str] = Counter(r[3] for r in rows if r[4])
    print(
        "checks: " + ", ".join(f"{c} {per_check_ok[c]}/{n}" for c, n in sorted(per_check.items()))
    )
    if args.show_failures:
        for cid, _cls, key, check, ok, got in rows:
            if not ok:
                print(f"FAIL {cid:<28} {check:<12} {key[:45]!r}: {got[:120]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
