"""The file formats: role, directive, block and preset files read into typed specs that keep each
value's place (``read_role``, ``read_directive``), and their JSON Schemas from the same classes."""

from .directive import DirectiveSpec, read_directive
from .role import RoleSpec, read_role

__all__ = ["DirectiveSpec", "RoleSpec", "read_directive", "read_role"]
