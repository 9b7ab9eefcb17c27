"""The `sections:` syntax shared by presets and role files: which blocks each section holds.

A single section takes a block reference (``ID[:VARIANT][@VERSION]``). A list section
(competencies, duties) takes a list, replacing the inherited one, or a patch: ``add``
(references, or ``{ref, before|after}``), ``remove`` (block ids) and ``replace``
(``{old id: new reference}``). ``null`` empties a section. In a duty list ``own`` marks the
place of the role's own duties.
"""

from __future__ import annotations

from typing import Optional, Union

import attrs

from ..errors import Place
from ..model.blocks import OWN, SECTIONS, SINGLE_SECTIONS, Ref
from ..values import Value
from ..yamlio import Node


@attrs.frozen
class RefAt(Value):
    """A block reference (or ``own``) as written, with its place."""

    ref: Union[Ref, str]          # a Ref, or OWN
    place: Place

    @property
    def id(self) -> str:
        return self.ref.id if isinstance(self.ref, Ref) else self.ref


@attrs.frozen
class Anchored(Value):
    """An added reference, placed before or after an entry already in the section."""

    entry: RefAt
    anchor: Optional[str] = None           # a block id or OWN
    after: bool = False
    anchor_place: Optional[Place] = None


@attrs.frozen
class Patch(Value):
    """Changes to an inherited list section."""

    remove: tuple[RefAt, ...] = ()
    replace: tuple[tuple[str, RefAt], ...] = ()    # (old id, new reference), place of the new
    add: tuple[Anchored, ...] = ()


@attrs.frozen
class SectionSpec(Value):
    """One section's value: empty (null), a reference, a list (replacing), or a patch."""

    name: str
    place: Place
    empty: bool = False
    ref: Optional[RefAt] = None
    items: Optional[tuple[RefAt, ...]] = None
    patch: Optional[Patch] = None


def read_ref(node: Node, own_allowed: bool = False) -> RefAt:
    """A block reference; ``own`` too where the role's own duties may stand."""
    text = node.as_text()
    if own_allowed and text.strip() == OWN:
        return RefAt(OWN, node.place)
    return RefAt(Ref.parse(text, node.place), node.place)


def _patch(node: Node, section: str) -> Patch:
    node.keys(["add", "remove", "replace"])
    own = section == "duties"
    remove = tuple(RefAt(Ref.parse(n.as_text(), n.place).id, n.place)
                   for n in node.req("remove").list_or_one()) if node.has("remove") else ()
    replace = tuple((str(old), read_ref(new)) for old, new in node.req("replace").items()) \
        if node.has("replace") else ()
    add: list[Anchored] = []
    for item in (node.req("add").list_or_one() if node.has("add") else []):
        if not item.is_map():
            add.append(Anchored(read_ref(item, own)))
            continue
        item.keys(["ref", "before", "after"], ["ref"])
        entry = read_ref(item.req("ref"), own)
        which = "before" if item.has("before") else "after" if item.has("after") else None
        if which is None:
            add.append(Anchored(entry))
            continue
        anode = item.req(which)
        text = anode.as_text().strip()
        anchor = text if text == OWN else Ref.parse(text, anode.place).id
        add.append(Anchored(entry, anchor, which == "after", anode.place))
    return Patch(remove, replace, tuple(add))


def read_sections(node: Node) -> tuple[SectionSpec, ...]:
    """A `sections:` mapping, in the order written."""
    node.keys(list(SECTIONS))
    out = []
    for name, value in node.items():
        if value.value is None:  # `section: null` (or ~): the section holds no block
            out.append(SectionSpec(name, value.place, empty=True))
        elif name in SINGLE_SECTIONS:
            out.append(SectionSpec(name, value.place, ref=read_ref(value)))
        elif value.is_list():
            out.append(SectionSpec(name, value.place, items=tuple(
                read_ref(v, name == "duties") for v in value.as_list())))
        else:
            out.append(SectionSpec(name, value.place, patch=_patch(value, name)))
    return tuple(out)


SECTIONS_JSON = {
    "type": "object",
    "description": "Which blocks each section holds: ID[:VARIANT][@VERSION], a list, a patch "
                   "{add, remove, replace}, or null (empty).",
    "properties": {name: {} for name in SECTIONS},
    "additionalProperties": False,
}
