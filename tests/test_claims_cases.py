"""The hand-written claim cases of issue 13 (tests/fixtures/claims_cases.json) as tests.

Each case is a small article written for the project (transcript turns, attribution
forms, claim types, ordinals, per cent, counted nouns, relative dates, links); every
check of every case must pass, except the ones listed in ``KNOWN_FAILURES``, which
are expected to fail (strict: a fix shows up as a failure asking to remove it).
The checks are those of ``bench/claims_cases.py``, which also prints them by class.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from types import ModuleType
from typing import Any

import pytest

from kzlib.paths import PROJECT_ROOT

CASES_PATH = PROJECT_ROOT / "tests" / "fixtures" / "claims_cases.json"
CASES: list[dict[str, Any]] = json.loads(CASES_PATH.read_text(encoding="utf-8"))["cases"]
#: (case id, check) pairs that fail today (none: every case passes).
KNOWN_FAILURES: frozenset[tuple[str, str]] = frozenset()


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "claims_cases_bench", PROJECT_ROOT / "bench" / "claims_cases.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def results() -> dict[str, list[tuple[str, str, bool, str]]]:
    """Case id -> (key, check, passed, extracted) of every check, all cases run at once."""
    out: dict[str, list[tuple[str, str, bool, str]]] = {c["id"]: [] for c in CASES}
    for cid, _cls, key, check, ok, got in _bench().run(CASES):
        out[cid].append((key, check, ok, got))
    return out


def test_every_case_has_checks(results: dict[str, list[tuple[str, str, bool, str]]]) -> None:
    assert len(CASES) >= 30
    assert all(results[c["id"]] for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_claim_case(
    case: dict[str, Any], results: dict[str, list[tuple[str, str, bool, str]]]
) -> None:
    rows = results[case["id"]]
    known = {check for cid, check in KNOWN_FAILURES if cid == case["id"]}
    failed = [(key, check, got) for key, check, ok, got in rows if not ok]
    unexpected = [f for f in failed if f[1] not in known]
    assert not unexpected, f"{case['class']}: {unexpected}"
    if known:
        still = {check for _, check, _ in failed}
        if not known <= still:
            pytest.fail(f"now passes, remove from KNOWN_FAILURES: {sorted(known - still)}")
        pytest.xfail(f"known failure: {sorted(known)}")
