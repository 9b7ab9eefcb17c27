"""The directive file: who signs, its number and date, the unit, the role files of its annexes in
order, the directives it repeals, entry into force, and the records-system data."""

from __future__ import annotations

import datetime as _dt
from typing import Optional

import attrs

from ..yamlio import Node
from .core import Spec, key, read
from .role import FORMS_JSON, UNIT_JSON, UnitSpec, read_forms, read_unit

REGISTER_KEYS = ("reference", "registered", "type", "function", "series", "file",
                 "access_restriction", "responsible")
SIGNING = "signing"

_TEXT = {"type": "string"}
_NUMBER = {"type": ["string", "integer"]}


@attrs.frozen
class SignerSpec(Spec):
    """Who signs the directive."""

    name: str = key("The signer's name.", required=True, default="")
    title: str = key("The signer's title.", required=True, default="")


@attrs.frozen
class RepealSpec(Spec):
    """An earlier directive this one repeals."""

    signer_title: Optional[str] = key("Its signer's title (default: this directive's signer's).")
    date: _dt.date = key("Its date.", required=True, default=_dt.date(2000, 1, 1))
    number: str = key("Its number.", required=True, default="",
                      parse=lambda n: n.as_number_text(), json=_NUMBER)
    title: Optional[str] = key("Its title (default: the agency's directive title).")


def read_in_force(node: Node) -> Optional[_dt.date]:
    """A date, or ``signing`` (None)."""
    if node.is_str() and node.value.strip() == SIGNING:
        return None
    return node.as_date()


def read_register(node: Node) -> tuple[tuple[str, str], ...]:
    """The records-system data of the directive's header (not printed)."""
    node.keys(list(REGISTER_KEYS))
    out = []
    for k, value in node.items():
        out.append((k, value.as_date().strftime("%d.%m.%Y") if k == "registered"
                    else str(value.value) if isinstance(value.value, int)
                    else value.as_text()))
    return tuple(out)


def read_layout(node: Node) -> str:
    """A layout name as written (``2025`` and ``"2025"`` alike)."""
    return str(node.value)


@attrs.frozen
class DirectiveSpec(Spec):
    """A directive file."""

    agency: Optional[str] = key("The agency (default: the profile's).")
    signer: SignerSpec = key("Who signs.", required=True, factory=SignerSpec)
    number: str = key("The directive's number (183 or 1-1/183).", required=True, default="",
                      parse=lambda n: n.as_number_text(), json=_NUMBER)
    date: _dt.date = key("The directive's date.", required=True, default=_dt.date(2000, 1, 1))
    title: Optional[str] = key("The title (default: the agency's).")
    legal_basis: Optional[str] = key("The preamble's legal basis (default: the agency's).")
    unit: UnitSpec = key("The unit whose job descriptions it approves.", required=True,
                         parse=read_unit, json=UNIT_JSON, factory=UnitSpec)
    annexes: tuple[str, ...] = key("The role files of the annexes, in order (paths relative "
                                   "to this file).", required=True, factory=tuple,
                                   one_or_many=False)
    repeals: tuple[RepealSpec, ...] = key("Directives this one repeals.", factory=tuple,
                                          one_or_many=False)
    entry_into_force: Optional[_dt.date] = key(
        "A date, or `signing` (the default).", parse=read_in_force,
        json={"oneOf": [{"const": SIGNING}, {"type": "string", "format": "date"}]})
    appeal: Optional[str] = key("The appeal clause (default: the agency's).")
    register: tuple[tuple[str, str], ...] = key(
        "Records-system data (not printed).", parse=read_register, factory=tuple,
        json={"type": "object", "properties": {k: {} for k in REGISTER_KEYS},
              "additionalProperties": False})
    layout: Optional[str] = key("The annexes' layout.", parse=read_layout,
                                json={"type": ["string", "integer"]})
    library: tuple[str, ...] = key("Folders of your own blocks and presets (relative to this "
                                   "file).", factory=tuple)
    forms: tuple[tuple[str, str], ...] = key("Explicit word forms: phrase → form.",
                                             parse=read_forms, factory=tuple, json=FORMS_JSON)
    file: Optional[str] = None


def read_directive(node: Node) -> DirectiveSpec:
    """A directive file's spec, read in one step."""
    return read(DirectiveSpec, node, file=node.file)
