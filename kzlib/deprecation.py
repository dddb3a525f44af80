"""Old import paths of kzlib 0.1, kept for one release with a DeprecationWarning.

kzlib 0.2 moved its modules into one package per stage (``kzlib.clean`` is now
``kzlib.corpus.clean``, ``kzlib.plots`` is split among the analyses' ``plots``
modules). Notebooks and scripts written against 0.1 keep working: importing an old
path warns once and gives a module that forwards every name to its new home. The
old paths are removed in kzlib 0.3.

Examples
--------
>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     from kzlib.sentences import split_sentences
>>> caught[0].category.__name__
'DeprecationWarning'
>>> split_sentences("One. Two.")
['One.', 'Two.']
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types
import warnings
from collections.abc import Sequence
from typing import Any

__all__ = ["MOVED", "install"]

#: Old module -> the modules that now hold its names, searched in order.
MOVED: dict[str, tuple[str, ...]] = {
    "kzlib.clean": ("kzlib.corpus.clean", "kzlib.corpus.audit"),
    "kzlib.sentences": ("kzlib.corpus.sentences",),
    "kzlib.segment": ("kzlib.corpus.segment",),
    "kzlib.sources": ("kzlib.corpus.sources", "kzlib.corpus.records"),
    "kzlib.lexicon": ("kzlib.rhetoric.lexicon", "kzlib.rhetoric.scan"),
    "kzlib.actors": ("kzlib.rhetoric.actors",),
    "kzlib.attribution": (
        "kzlib.claims.attribution",
        "kzlib.claims.persons",
        "kzlib.claims.gazetteer",
    ),
    "kzlib.quantities": ("kzlib.claims.quantities", "kzlib.claims.numerals"),
    "kzlib.kernel": ("kzlib.report.kernel",),
    "kzlib.html": ("kzlib.report.html",),
    "kzlib.provenance": ("kzlib.report.provenance",),
    "kzlib.plots": (
        "kzlib.corpus.plots",
        "kzlib.topics.plots",
        "kzlib.rhetoric.plots",
        "kzlib.claims.plots",
    ),
}


def _caller_stacklevel() -> int:
    """The stack level of the first frame outside the import machinery and this module."""
    frame = sys._getframe(1)
    level = 1
    while frame is not None and (
        frame.f_code.co_filename == __file__ or "importlib" in frame.f_code.co_filename
    ):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return level


def _forwarding_module(name: str, targets: Sequence[str]) -> types.ModuleType:
    module = types.ModuleType(name, f"Deprecated: moved to {', '.join(targets)}.")

    def forward(attribute: str) -> Any:
        for target in targets:
            new = importlib.import_module(target)
            if hasattr(new, attribute):
                return getattr(new, attribute)
        moved = ", ".join(targets)
        raise AttributeError(f"module {name!r} (moved to {moved}) has no attribute {attribute!r}")

    module.__getattr__ = forward  # type: ignore[method-assign]
    module.__all__ = sorted(  # type: ignore[attr-defined]
        {n for t in targets for n in getattr(importlib.import_module(t), "__all__", ())}
    )
    return module


class _MovedFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds the old module names and loads a forwarding module for each."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MOVED:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        targets = MOVED[spec.name]
        warnings.warn(
            f"{spec.name} moved to {' and '.join(targets)} in kzlib 0.2; "
            "the old path is removed in kzlib 0.3",
            DeprecationWarning,
            stacklevel=_caller_stacklevel(),
        )
        return _forwarding_module(spec.name, targets)

    def exec_module(self, module: types.ModuleType) -> None:
        return None


def install() -> None:
    """Put the finder of old module names on ``sys.meta_path`` (once)."""
    if not any(isinstance(f, _MovedFinder) for f in sys.meta_path):
        sys.meta_path.append(_MovedFinder())
