"""Lazy public names of a package: imported from their module on first use.

``import kzlib`` (and the ``kzlib`` command's start-up) should not pay for pandas,
scikit-learn or matplotlib until a name that needs them is used. Each package's
``__init__`` lists its public names once, as imports under ``if TYPE_CHECKING:``
(``from kzlib.claims.links import link_claims as link_claims``), which mypy reads;
:func:`attach_imports` reads the same lines from the file at run time and returns the
module-level ``__getattr__``, ``__dir__`` and ``__all__`` that import each name on demand
(the pattern of SPEC 1 / ``lazy_loader.attach_stub``). :func:`attach` does the same
from an explicit mapping.

Examples
--------
>>> getattr_, dir_ = attach("kzlib", {"InputError": "kzlib.errors"})
>>> getattr_("InputError").__name__
'InputError'
>>> "InputError" in dir_()
True
>>> attach("kzlib", {"Refused": "kzlib.errors:InputError"})[0]("Refused").__name__
'InputError'
"""

from __future__ import annotations

import ast
import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["attach", "attach_imports", "declared_imports"]


def attach(
    package: str, names: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Module ``__getattr__`` and ``__dir__`` for a package whose names load lazily.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    names : Mapping of str to str
        Public name -> the module that defines it, or ``"module:attribute"`` where the
        public name is another name for ``attribute``.

    Returns
    -------
    tuple of callable
        ``(__getattr__, __dir__)`` to assign at the package's top level.
    """

    def module_getattr(name: str) -> Any:
        target = names.get(name)
        if target is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, _, attribute = target.partition(":")
        value = getattr(importlib.import_module(module), attribute or name)
        setattr(sys.modules[package], name, value)
        return value

    def module_dir() -> list[str]:
        return sorted({*vars(sys.modules[package]), *names})

    return module_getattr, module_dir


def declared_imports(init_file: str) -> dict[str, str]:
    """Public name -> ``"module"`` or ``"module:attribute"``, from a package's
    ``if TYPE_CHECKING:`` imports.

    Parameters
    ----------
    init_file : str
        Path of the package's ``__init__.py``.

    Returns
    -------
    dict of str to str
        Every name imported in the ``TYPE_CHECKING`` block (its ``as`` name).

    Examples
    --------
    >>> import kzlib.claims
    >>> declared_imports(kzlib.claims.__file__)["link_claims"]
    'kzlib.claims.links'
    """
    with open(init_file, encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), init_file)
    names: dict[str, str] = {}
    for node in tree.body:
        if not (isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING"):
            continue
        for imp in node.body:
            if isinstance(imp, ast.ImportFrom) and imp.module:
                for alias in imp.names:
                    public = alias.asname or alias.name
                    names[public] = (
                        imp.module if public == alias.name else f"{imp.module}:{alias.name}"
                    )
    return names


def attach_imports(
    package: str, init_file: str
) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """``__getattr__``, ``__dir__`` and ``__all__`` of a package, from its declared imports.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    init_file : str
        The package's ``__file__`` (its ``if TYPE_CHECKING:`` imports are read).

    Returns
    -------
    tuple
        ``(__getattr__, __dir__, __all__)``; ``__all__`` is sorted.

    Examples
    --------
    >>> import kzlib.corpus
    >>> getattr_, dir_, all_ = attach_imports("kzlib.corpus", kzlib.corpus.__file__)
    >>> "load_corpus" in all_ and getattr_("load_corpus").__name__
    'load_corpus'
    """
    names = declared_imports(init_file)
    module_getattr, module_dir = attach(package, names)
    return module_getattr, module_dir, sorted(names)
