"""The public API: ``import kzlib`` reaches what notebooks use; 0.1 import paths still work."""

from __future__ import annotations

import importlib
import subprocess
import sys
import warnings

import pytest

import kzlib
from kzlib.deprecation import MOVED

ENTRY_POINTS = [
    "load_corpus",
    "sentences_frame",
    "paragraphs_frame",
    "split_sentences",
    "fit_topics",
    "measure_rhetoric",
    "extract_claims",
    "link_claims",
    "run_report",
    "InputError",
]


@pytest.mark.parametrize("name", ENTRY_POINTS)
def test_top_level_names_are_documented_functions(name: str) -> None:
    value = getattr(kzlib, name)
    assert name in kzlib.__all__ and name in dir(kzlib)
    assert name in (kzlib.__doc__ or "")
    doc = value.__doc__ or ""
    assert "Examples" in doc or isinstance(value, type), f"{name} has no example"


def test_aliases_are_the_analysis_functions() -> None:
    from kzlib.report import report
    from kzlib.rhetoric import measures

    assert kzlib.measure_rhetoric is measures
    assert kzlib.run_report is report


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        kzlib.nope  # noqa: B018


PACKAGES = ["corpus", "topics", "rhetoric", "claims", "pipeline", "report"]


@pytest.mark.parametrize("package", PACKAGES)
def test_every_exported_name_resolves(package: str) -> None:
    module = importlib.import_module(f"kzlib.{package}")
    for name in module.__all__:
        assert getattr(module, name) is not None, f"kzlib.{package}.{name}"


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_shadows_an_exported_name(package: str) -> None:
    """Importing ``kzlib.rhetoric.keyness`` would make ``kzlib.rhetoric.keyness`` the module,
    not the function: a module must not be named like a name its package exports."""
    import pkgutil

    module = importlib.import_module(f"kzlib.{package}")
    modules = {info.name for info in pkgutil.iter_modules(module.__path__)}
    assert not modules & set(module.__all__)


def test_import_kzlib_does_not_load_pandas() -> None:
    code = "import sys, kzlib; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("old", sorted(MOVED))
def test_old_paths_warn_and_forward(old: str) -> None:
    sys.modules.pop(old, None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        module = importlib.import_module(old)
    assert [w.category for w in caught] == [DeprecationWarning]
    assert MOVED[old][0] in str(caught[0].message)
    assert module.__all__, old
    for name in module.__all__:
        assert getattr(module, name) is getattr(
            next(
                importlib.import_module(t)
                for t in MOVED[old]
                if hasattr(importlib.import_module(t), name)
            ),
            name,
        )
    with pytest.raises(AttributeError, match="moved to"):
        module.no_such_name  # noqa: B018
    sys.modules.pop(old, None)


def test_old_plots_path_reaches_every_figure() -> None:
    sys.modules.pop("kzlib.plots", None)
    with pytest.warns(DeprecationWarning, match="kzlib.plots moved"):
        from kzlib.plots import plot_claim_counts, plot_corpus_lengths, plot_topic_terms
    from kzlib.claims import plots as claim_plots
    from kzlib.corpus import plots as corpus_plots
    from kzlib.topics import plots as topic_plots

    assert plot_claim_counts is claim_plots.plot_claim_counts
    assert plot_corpus_lengths is corpus_plots.plot_corpus_lengths
    assert plot_topic_terms is topic_plots.plot_topic_terms
