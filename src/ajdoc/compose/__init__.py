"""Composition: role and directive files, read as specs, and the library → the model."""

from .directive import compose_directive, load_directive
from .role import LibraryArg, compose, compose_spec, library_of, load_role

__all__ = ["LibraryArg", "compose", "compose_directive", "compose_spec", "library_of",
           "load_directive", "load_role"]
