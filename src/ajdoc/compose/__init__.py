"""Composition: role and directive files, read as specs, and the library → the model.

The names below are imported from their module on first use (``ajdoc.lazy``): composing a role
loads nothing of a directive's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import lazy

if TYPE_CHECKING:
    from .directive import compose_directive, load_directive
    from .role import LibraryArg, compose, compose_spec, library_of, load_role

_WHERE = {"compose_directive": "directive", "load_directive": "directive",
          **dict.fromkeys(("LibraryArg", "compose", "compose_spec", "library_of", "load_role"),
                          "role")}

__all__ = ["LibraryArg", "compose", "compose_directive", "compose_spec", "library_of",
           "load_directive", "load_role"]
__getattr__ = lazy.exports(__name__, _WHERE, ("directive", "edits", "provenance", "role"))
