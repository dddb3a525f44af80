"""Tests for the Makefile targets that take arguments: ``make lab ARGS=...``, ``make report``."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from kzlib.paths import PROJECT_ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make not installed")


def _dry_run(*args: str) -> str:
    # -n prints the commands without running them; the stamp keeps setup quiet or not,
    # so only the last line (the target's own command) is looked at.
    run = subprocess.run(
        ["make", "-n", "-s", "-C", str(PROJECT_ROOT), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return run.stdout.strip().splitlines()[-1]


def test_lab_passes_arguments_and_allows_root_as_root() -> None:
    line = _dry_run("lab", "ARGS=--port 8899 --no-browser")
    assert "jupyter lab notebooks/" in line and line.endswith("--port 8899 --no-browser")
    assert ("--allow-root" in line) == (os.geteuid() == 0)


def test_lab_without_arguments() -> None:
    assert _dry_run("lab").rstrip().endswith(("notebooks/", "--allow-root"))


def test_report_passes_arguments() -> None:
    line = _dry_run("report", "OUT=r", "ARGS=--force --jobs 1")
    assert "kzlib report --out r" in line and line.endswith("--force --jobs 1")
