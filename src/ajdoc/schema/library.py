"""The library's files: block files (``blocks/*.yaml``: versioned standard texts with variants)
and preset files (``presets/*.yaml``: which blocks each section holds)."""

from __future__ import annotations

import re
from typing import Any, Optional

import attrs

from ..errors import suggest
from ..model.blocks import ID_RE, KINDS
from ..model.text import POSITION_GROUPS
from ..values import Value
from ..yamlio import Node
from .core import Spec, choice, key, read
from .sections import SECTIONS_JSON, SectionSpec, read_sections

_TEXT = {"type": "string"}
UNIT_LINES = ("joined", "levels")
_VARIANT_NAME = re.compile(r"[a-z0-9][a-z0-9\-]*")


def _id(what: str) -> Any:
    def parse(node: Node) -> str:
        value = node.as_text()
        if not ID_RE.fullmatch(value):
            raise node.error(f"'{value}' is not a valid {what} id (lower case ASCII letters, "
                             "digits, '.' and '-')" if what == "block" else
                             f"'{value}' is not a valid {what} id (lower case, digits, "
                             "'.' and '-')")
        return value
    return parse


def _version(node: Node) -> int:
    value = node.as_int()
    if value < 1:
        raise node.error("a block version is a whole number from 1")
    return value


def _kind(node: Node) -> str:
    value = node.as_text()
    if value not in KINDS:
        raise node.error(f"unknown block kind '{value}'; expected one of {', '.join(KINDS)}",
                         suggest(value, KINDS))
    return value


@attrs.frozen
class ItemSpec(Value):
    """A list item of a variant: text, or ``{name, text}`` for additional competencies."""

    text: str
    name: Optional[str] = None


@attrs.frozen
class VariantSpec(Spec):
    """One wording of a block."""

    name: str = ""
    source: Optional[str] = None
    text: Optional[str] = None
    items: tuple[ItemSpec, ...] = ()
    subitems: tuple[str, ...] = ()
    results: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()


def _groups(node: Node) -> tuple[str, ...]:
    """`for:` — the position groups a variant is written for (ametnik, töötaja)."""
    out = []
    for n in node.list_or_one():
        out.append(choice(n, POSITION_GROUPS))
    return tuple(out)


def _texts(node: Optional[Node]) -> tuple[str, ...]:
    return tuple(n.as_text() for n in node.as_list()) if node is not None else ()


def read_variant(name: str, kind: str, node: Node) -> VariantSpec:
    """A variant, by its block's kind: text; items; named items; or a duty."""
    common = ["source", "also", "for"]
    source = node.req("source").as_text() if node.has("source") else None
    groups = _groups(node.req("for")) if node.has("for") else ()
    if kind == "text":
        node.keys(common + ["text"], ["text"])
        return VariantSpec(name, source, text=node.req("text").as_text(), groups=groups,
                           place=node.place)
    if kind in ("list", "competency"):
        node.keys(common + ["items"], ["items"])
        items = _texts(node.req("items"))
        if not items:
            raise node.req("items").error("expected at least one item")
        return VariantSpec(name, source, items=tuple(ItemSpec(t) for t in items),
                           groups=groups, place=node.place)
    if kind == "additional":
        node.keys(common + ["items"], ["items"])
        named = []
        for item in node.req("items").as_list():
            if item.is_map():
                item.keys(["name", "text"], ["name", "text"])
                named.append(ItemSpec(item.req("text").as_text(), item.req("name").as_text()))
            else:
                named.append(ItemSpec(item.as_text()))
        return VariantSpec(name, source, items=tuple(named), groups=groups, place=node.place)
    node.keys(common + ["text", "subitems", "results"], ["text"])
    return VariantSpec(name, source, text=node.req("text").as_text(),
                       subitems=_texts(node.get("subitems")), results=_texts(node.get("results")),
                       groups=groups, place=node.place)


@attrs.frozen
class BlockSpec(Spec):
    """A versioned standard text with named variants."""

    id: str = key("The block's id (lower case, digits, '.' and '-').", required=True,
                  default="", parse=_id("block"), json=_TEXT)
    version: int = key("The version, a whole number from 1.", required=True, default=1,
                       parse=_version, json={"type": "integer", "minimum": 1})
    kind: str = key("text, list, competency, additional or duty.", required=True, default="",
                    parse=_kind, json={"enum": list(KINDS)})
    title: str = key("The block's title.", required=True, default="")
    description: Optional[str] = key("What the block is for.")
    default: Optional[str] = key("The default variant (default: the first).")
    variants: tuple[VariantSpec, ...] = key(
        "name → the variant's text, items or duty.", required=True, factory=tuple,
        parse=lambda n: (), json={"type": "object", "additionalProperties": {"type": "object"}})


def read_block(node: Node) -> BlockSpec:
    """A block, its variants read by its kind."""
    spec = read(BlockSpec, node)
    variants = []
    for name, vnode in node.req("variants").items():
        if not _VARIANT_NAME.fullmatch(str(name)):
            raise vnode.error(f"'{name}' is not a valid variant name (lower case, digits, '-')")
        variants.append(read_variant(str(name), spec.kind, vnode))
    if not variants:
        raise node.req("variants").error("a block needs at least one variant")
    names = [v.name for v in variants]
    if spec.default is not None and spec.default not in names:
        raise node.req("default").error(f"default variant '{spec.default}' is not one of the "
                                        f"variants: {', '.join(names)}")
    return attrs.evolve(spec, variants=tuple(variants))


@attrs.frozen
class BlockFileSpec(Spec):
    """A block file: ``blocks:``, a list of blocks."""

    blocks: tuple[BlockSpec, ...] = key(
        "The blocks.", required=True, factory=tuple,
        parse=lambda n: tuple(read_block(b) for b in n.as_list()),
        json={"type": "array", "items": {"$ref": "#/$defs/BlockSpec"}})


def read_by_group(node: Node) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """`by_group:` — group → {section or block id: variant}."""
    out = []
    for group, mapping in node.items():
        choice(Node(group, node.file, node.path, mapping.line), POSITION_GROUPS)
        pairs = tuple((str(k), v.as_text()) for k, v in mapping.items())
        out.append((str(group), pairs))
    return tuple(out)


@attrs.frozen
class PresetSpec(Spec):
    """A preset file: a named bundle of blocks per section, possibly extending another."""

    id: str = key("The preset's id.", required=True, default="", parse=_id("preset"), json=_TEXT)
    title: str = key("The preset's title.", required=True, default="")
    description: Optional[str] = key("What the preset is for.")
    extends: Optional[str] = key("The preset this one inherits from.")
    position_group: Optional[str] = key("ametnik or töötaja.", choices=POSITION_GROUPS)
    sections: tuple[SectionSpec, ...] = key("Which blocks each section holds.",
                                            parse=read_sections, factory=tuple,
                                            json=SECTIONS_JSON)
    by_group: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = key(
        "Per position group, the variant of a section's block (or of a block by id): "
        "{töötaja: {work_tools: tootaja}}.", parse=read_by_group, factory=tuple,
        json={"type": "object", "additionalProperties": {"type": "object"}})
    unit_lines: Optional[str] = key("How the general part shows the unit: joined (one line) or "
                                    "levels (a line per level).", choices=UNIT_LINES)

