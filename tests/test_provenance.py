"""Tests for kzlib.report.provenance: what a run records about itself."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from kzlib.paths import PROJECT_ROOT, SEEDS_DIR
from kzlib.report.provenance import collect_provenance, display_path, file_sha256, git_state


def test_file_sha256_matches_hashlib(tmp_path: Path) -> None:
    path = tmp_path / "a.bin"
    data = bytes(range(256)) * 5000  # more than one read block
    path.write_bytes(data)
    assert file_sha256(path) == hashlib.sha256(data).hexdigest()


def test_display_path_is_relative_inside_the_project(tmp_path: Path) -> None:
    assert display_path(SEEDS_DIR / "manifest.csv") == "seeds/manifest.csv"
    assert display_path(tmp_path) == tmp_path.resolve().as_posix()


def test_git_state_of_this_checkout_and_of_a_plain_folder(tmp_path: Path) -> None:
    assert git_state(root=tmp_path) == {"commit": None, "dirty": None}
    state = git_state(root=PROJECT_ROOT)
    if (PROJECT_ROOT / ".git").exists():
        assert re.fullmatch(r"[0-9a-f]{40}", state["commit"])
        assert isinstance(state["dirty"], bool)


def test_collect_provenance_lists_inputs_once_in_order() -> None:
    seeds = sorted(SEEDS_DIR.glob("*.txt"))
    prov = collect_provenance(inputs=[*seeds, seeds[0]])
    assert [f["path"] for f in prov["inputs"]] == [f"seeds/{p.name}" for p in seeds]
    assert prov["inputs"][0]["sha256"] == file_sha256(seeds[0])
    assert prov["inputs"][0]["bytes"] == seeds[0].stat().st_size
    assert prov["packages"]["pandas"] and prov["packages"]["nbformat"]
    assert prov["python"]["version"].count(".") == 2
