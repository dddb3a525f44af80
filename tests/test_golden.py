"""The tables of ``kzlib report`` and of every command on ``seeds/`` equal ``tests/golden/``.

A failure here means an analysis output changed. If the change is intended, run
``make golden`` and commit the regenerated CSVs so the diff shows what moved.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from golden import write_golden

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("golden")
    return out, write_golden(out)


def _committed() -> list[Path]:
    return sorted(p.relative_to(GOLDEN) for p in GOLDEN.rglob("*.csv"))


def test_the_same_files_are_written(fresh: tuple[Path, list[Path]]) -> None:
    _, written = fresh
    assert written == _committed()
    # the report and every command are covered
    assert {p.parts[0] for p in written} == {"cli", "report"}
    assert len(written) > 20


@pytest.mark.parametrize("name", [str(p) for p in _committed()])
def test_table_is_byte_identical(fresh: tuple[Path, list[Path]], name: str) -> None:
    out, _ = fresh
    new = (out / name).read_bytes()
    old = (GOLDEN / name).read_bytes()
    if new != old:
        diff = difflib.unified_diff(
            old.decode("utf-8", "replace").splitlines()[:2000],
            new.decode("utf-8", "replace").splitlines()[:2000],
            "golden/" + name,
            "now/" + name,
            lineterm="",
            n=0,
        )
        shown = "\n".join(list(diff)[:40])
        pytest.fail(f"{name} changed (run `make golden` if intended):\n{shown}")
