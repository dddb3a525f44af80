"""Lazy public names of a package: imported from their module on first use.

``import kzlib`` (and the ``kzlib`` command's start-up) should not pay for pandas,
scikit-learn or matplotlib until a name that needs them is used. Each package's
``__init__`` lists its public names and the module that defines each; :func:`attach`
returns the module-level ``__getattr__`` and ``__dir__`` that import them on demand
(the pattern of SPEC 1 / ``lazy_loader``).

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

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["attach"]


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
