"""environment.yml (for conda users) must list the same pinned packages as pyproject.toml."""

from __future__ import annotations

import re
import tomllib

import yaml

from kzlib.paths import PROJECT_ROOT


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_environment_matches_pyproject() -> None:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    pins = {}
    for spec in project["dependencies"]:
        name, _, version = spec.partition("==")
        assert version, f"pyproject.toml: {spec} is not pinned with =="
        pins[_norm(name)] = version
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    conda = {}
    for item in env["dependencies"]:
        if isinstance(item, str) and "=" in item and not item.startswith("python="):
            name, _, version = item.partition("=")
            conda[_norm(name)] = version
    assert conda == pins


def test_required_packages_present() -> None:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    names = {_norm(s.partition("==")[0]) for s in project["dependencies"]}
    assert {"jupyterlab", "pandas", "matplotlib", "scikit-learn", "nbconvert", "papermill"} <= names


def test_lock_agrees_with_pins() -> None:
    lock = {}
    for line in (PROJECT_ROOT / "requirements.lock").read_text().splitlines():
        if "==" in line:
            name, _, version = line.partition("==")
            lock[_norm(name)] = version.strip()
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    specs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        specs.extend(extra)
    for spec in specs:
        name, _, version = spec.partition("==")
        assert lock.get(_norm(name)) == version, f"requirements.lock disagrees on {name}"
