"""Lazy package attributes (PEP 562): a package's public names, each imported from its module on
first use, so that importing one module of a package does not import all of them."""

from __future__ import annotations

import importlib
import sys
from typing import Any, Callable, Iterable, Mapping


def exports(package: str, names: Mapping[str, str], modules: Iterable[str] = ()
            ) -> Callable[[str], Any]:
    """The module ``__getattr__`` of `package`: each of `names` (name → the module that defines
    it, relative to `package`) imported from its module on first use, and each of `modules` (the
    package's submodules) imported when named. What it finds it keeps in the package."""
    submodules = frozenset(modules)

    def __getattr__(name: str) -> Any:
        if name in names:
            value = getattr(importlib.import_module(f".{names[name]}", package), name)
        elif name in submodules:
            value = importlib.import_module(f".{name}", package)
        else:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
