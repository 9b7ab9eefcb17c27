"""The file formats: role, directive, block and preset files read into typed specs that keep each
value's place (``read_role``, ``read_directive``), and their JSON Schemas from the same classes.

The names below are imported from their module on first use (``ajdoc.lazy``): reading a role
file loads no directive spec."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import lazy

if TYPE_CHECKING:
    from .directive import DirectiveSpec, read_directive
    from .role import RoleSpec, read_role

_WHERE = {"DirectiveSpec": "directive", "read_directive": "directive", "RoleSpec": "role",
          "read_role": "role"}

__all__ = ["DirectiveSpec", "RoleSpec", "read_directive", "read_role"]
__getattr__ = lazy.exports(__name__, _WHERE, ("core", "directive", "edits", "jsonschema",
                                              "library", "role", "sections"))
