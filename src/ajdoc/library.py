"""The block library: versioned standard texts (blocks) and named bundles of them (presets).

Blocks and presets are data files: the built-in ones ship in ``ajdoc/data``; a user's own library
folders (``blocks/*.yaml``, ``presets/*.yaml``) layer over them, later folders winning. A block is
referred to as ``ID[:VARIANT][@VERSION]``; without a version the newest one is meant.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Sequence

from . import resources, yamlio
from .errors import AjdocError, Place, suggest
from .model.blocks import (ID_RE, KINDS, LIST_SECTIONS, OWN, SECTIONS, SINGLE_SECTIONS, Block,
                           Named, Preset, Ref, Variant)

__all__ = ["Library", "load_library", "apply_sections", "Block", "Named", "Preset", "Ref",
           "Variant", "KINDS", "LIST_SECTIONS", "OWN", "SECTIONS", "SINGLE_SECTIONS"]

class Library:
    """Blocks and presets from the built-in data and any user folders, later folders winning."""

    def __init__(self, folders: Sequence[Path | str] = (), builtin: bool = True):
        self.folders = [Path(f) for f in folders]
        self._blocks: dict[str, dict[int, Block]] = {}
        self._raw_presets: dict[str, yamlio.Node] = {}
        self._presets: dict[str, Preset] = {}
        roots: list[Path] = []
        if builtin:
            roots.append(resources.data_path())
        for folder in self.folders:
            if not folder.is_dir():
                raise AjdocError("library folder not found (expected a folder holding blocks/ "
                                 "and/or presets/)", Place(file=str(folder)))
            roots.append(folder)
        for root in roots:
            for path in sorted((root / "blocks").glob("*.yaml")):
                self._load_blocks(path)
            for path in sorted((root / "presets").glob("*.yaml")):
                self._load_preset(path)

    # -- loading ----------------------------------------------------------------------------
    def _load_blocks(self, path: Path) -> None:
        doc = yamlio.load(path)
        doc.keys(["blocks"], ["blocks"])
        seen: set[tuple[str, int]] = set()
        for node in doc.req("blocks").as_list():
            block = _read_block(node, str(path))
            key = (block.id, block.version)
            if key in seen:
                raise node.error(f"duplicate block '{block.id}@{block.version}' in this file")
            seen.add(key)
            self._blocks.setdefault(block.id, {})[block.version] = block

    def _load_preset(self, path: Path) -> None:
        doc = yamlio.load(path)
        doc.keys(["id", "title", "description", "extends", "position_group", "sections"],
                 ["id", "title"])
        pid = doc.req("id").as_text()
        if not ID_RE.fullmatch(pid):
            raise doc.req("id").error(f"'{pid}' is not a valid preset id (lower case, digits, "
                                      "'.' and '-')")
        self._raw_presets[pid] = doc
        self._presets.clear()

    # -- blocks -----------------------------------------------------------------------------
    def block_ids(self) -> list[str]:
        return sorted(self._blocks)

    def versions(self, block_id: str) -> list[int]:
        return sorted(self._blocks.get(block_id, {}))

    def block(self, ref: Ref | str, place: Place | None = None) -> Block:
        if isinstance(ref, str):
            ref = Ref.parse(ref, place)
        versions = self._blocks.get(ref.id)
        if not versions:
            raise AjdocError(f"unknown block '{ref.id}'", place,
                             suggest(ref.id, self._blocks) or "`ajdoc blocks` lists them")
        if ref.version is None:
            return versions[max(versions)]
        if ref.version not in versions:
            raise AjdocError(f"block '{ref.id}' has no version {ref.version}; its versions: "
                             f"{', '.join(map(str, sorted(versions)))}", place)
        return versions[ref.version]

    def latest_version(self, block_id: str) -> int:
        return max(self._blocks[block_id])

    def resolve(self, ref: Ref | str, place: Place | None = None) -> tuple[Block, Variant]:
        if isinstance(ref, str):
            ref = Ref.parse(ref, place)
        block = self.block(ref, place)
        return block, block.variant(ref.variant, place)

    # -- presets ----------------------------------------------------------------------------
    def preset_ids(self) -> list[str]:
        return sorted(self._raw_presets)

    def preset(self, pid: str, place: Place | None = None) -> Preset:
        if pid not in self._presets:
            self._presets[pid] = self._build_preset(pid, place, ())
        return self._presets[pid]

    def _build_preset(self, pid: str, place: Place | None, stack: tuple[str, ...]) -> Preset:
        if pid in stack:
            cycle = " → ".join(stack[stack.index(pid):] + (pid,))
            raise AjdocError(f"preset cycle: {cycle}", place)
        doc = self._raw_presets.get(pid)
        if doc is None:
            raise AjdocError(f"unknown preset '{pid}'", place,
                             suggest(pid, self._raw_presets) or
                             f"known presets: {', '.join(sorted(self._raw_presets))}")
        sections: dict = {}
        chain: tuple[str, ...] = (pid,)
        position_group = "ametnik"
        parent_id = doc.get("extends").as_text() if doc.has("extends") else None
        if parent_id:
            parent = self._build_preset(parent_id, doc.req("extends").place, stack + (pid,))
            sections = dict(parent.sections)
            chain = (pid,) + parent.chain
            position_group = parent.position_group
        if doc.has("position_group"):
            position_group = doc.req("position_group").as_text()
        if doc.has("sections"):
            sections = apply_sections(self, sections, doc.req("sections"))
        return Preset(id=pid, title=doc.req("title").as_text(), sections=sections,
                      position_group=position_group,
                      description=doc.get("description").as_text() if doc.has("description") else "",
                      extends=parent_id, chain=chain)


def apply_sections(lib: Library, base: dict, node: yamlio.Node) -> dict:
    """Apply a `sections:` mapping (of a preset or role file) over inherited sections.

    A single section takes a block reference. A list section takes a list (replacing the
    inherited one) or a patch: ``add`` (references, or ``{ref, before|after}``), ``remove``
    (block ids) and ``replace`` (``{old id: new reference}``).
    """
    sections = dict(base)
    node.keys(list(SECTIONS))
    for name, value in node.items():
        if value.value is None:  # `section: null` (or ~): the section holds no block
            sections.pop(name, None)
            continue
        if name in SINGLE_SECTIONS:
            ref = _section_ref(lib, value, name)
            sections[name] = ref
        else:
            current = list(sections.get(name, ()))
            if value.is_list():
                current = [_list_entry(lib, v, name) for v in value.as_list()]
            else:
                current = _patch_refs(lib, current, value, name)
            ids = [r.id if isinstance(r, Ref) else r for r in current]
            dup = next((i for i in ids if ids.count(i) > 1), None)
            if dup:
                raise value.error(f"section '{name}' names '{dup}' twice")
            sections[name] = tuple(current)
    return sections


def _section_ref(lib: Library, node: yamlio.Node, section: str) -> Ref:
    ref = Ref.parse(node.as_text(), node.place)
    block, _ = lib.resolve(ref, node.place)
    allowed = SECTIONS[section]
    if block.kind not in allowed:
        raise node.error(f"block '{block.id}' is a {block.kind} block; section '{section}' "
                         f"takes a {' or '.join(allowed)} block")
    return ref


def _list_entry(lib: Library, node: yamlio.Node, section: str):
    if section == "duties" and node.is_str() and node.value.strip() == OWN:
        return OWN
    return _section_ref(lib, node, section)


def _patch_refs(lib: Library, current: list, node: yamlio.Node, section: str) -> list:
    node.keys(["add", "remove", "replace"])
    ids = lambda: [r.id if isinstance(r, Ref) else r for r in current]  # noqa: E731
    if node.has("remove"):
        for item in node.req("remove").list_or_one():
            rid = Ref.parse(item.as_text(), item.place).id
            if rid not in ids():
                raise item.error(f"cannot remove '{rid}': section '{section}' does not hold it; "
                                 f"it holds: {', '.join(map(str, ids())) or 'nothing'}",
                                 suggest(rid, [str(i) for i in ids()]))
            current.pop(ids().index(rid))
    if node.has("replace"):
        for old, new in node.req("replace").items():
            if old not in ids():
                raise new.error(f"cannot replace '{old}': section '{section}' does not hold it",
                                suggest(old, [str(i) for i in ids()]))
            current[ids().index(old)] = _section_ref(lib, new, section)
    if node.has("add"):
        for item in node.req("add").list_or_one():
            if item.is_map():
                item.keys(["ref", "before", "after"], ["ref"])
                entry = _list_entry(lib, item.req("ref"), section)
                anchor_key = "before" if item.has("before") else "after" if item.has("after") else None
                if anchor_key:
                    anchor_node = item.req(anchor_key)
                    anchor = anchor_node.as_text().strip()
                    anchor = anchor if anchor == OWN else Ref.parse(anchor, anchor_node.place).id
                    if anchor not in ids():
                        raise anchor_node.error(
                            f"'{anchor}' is not in section '{section}'; it holds: "
                            f"{', '.join(map(str, ids()))}", suggest(anchor, [str(i) for i in ids()]))
                    pos = ids().index(anchor) + (1 if anchor_key == "after" else 0)
                    current.insert(pos, entry)
                    continue
            else:
                entry = _list_entry(lib, item, section)
            current.append(entry)
    return current


def _read_block(node: yamlio.Node, origin: str) -> Block:
    node.keys(["id", "version", "kind", "title", "description", "default", "variants"],
              ["id", "version", "kind", "title", "variants"])
    bid = node.req("id").as_text()
    if not ID_RE.fullmatch(bid):
        raise node.req("id").error(f"'{bid}' is not a valid block id (lower case ASCII letters, "
                                   "digits, '.' and '-')")
    version = node.req("version").as_int()
    if version < 1:
        raise node.req("version").error("a block version is a whole number from 1")
    kind = node.req("kind").as_text()
    if kind not in KINDS:
        raise node.req("kind").error(f"unknown block kind '{kind}'; expected one of "
                                     f"{', '.join(KINDS)}", suggest(kind, KINDS))
    variants = {}
    for name, vnode in node.req("variants").items():
        if not re.fullmatch(r"[a-z0-9][a-z0-9\-]*", str(name)):
            raise vnode.error(f"'{name}' is not a valid variant name (lower case, digits, '-')")
        variants[name] = _read_variant(name, kind, vnode)
    if not variants:
        raise node.req("variants").error("a block needs at least one variant")
    default = node.get("default").as_text() if node.has("default") else next(iter(variants))
    if default not in variants:
        raise node.req("default").error(f"default variant '{default}' is not one of the "
                                        f"variants: {', '.join(variants)}")
    return Block(id=bid, version=version, kind=kind, title=node.req("title").as_text(),
                 default=default, variants=variants,
                 description=node.get("description").as_text() if node.has("description") else "",
                 origin=origin)


def _texts(node: Optional[yamlio.Node]) -> tuple[str, ...]:
    return tuple(n.as_text() for n in node.as_list()) if node is not None else ()


def _read_variant(name: str, kind: str, node: yamlio.Node) -> Variant:
    common = ["source", "also"]
    source = node.get("source").as_text() if node.has("source") else None
    if kind == "text":
        node.keys(common + ["text"], ["text"])
        return Variant(name, source, text=node.req("text").as_text())
    if kind in ("list", "competency"):
        node.keys(common + ["items"], ["items"])
        items = _texts(node.req("items"))
        if not items:
            raise node.req("items").error("expected at least one item")
        return Variant(name, source, items=items)
    if kind == "additional":
        node.keys(common + ["items"], ["items"])
        items: list = []
        for item in node.req("items").as_list():
            if item.is_map():
                item.keys(["name", "text"], ["name", "text"])
                items.append(Named(item.req("text").as_text(), item.req("name").as_text()))
            else:
                items.append(Named(item.as_text()))
        return Variant(name, source, items=tuple(items))
    node.keys(common + ["text", "subitems", "results"], ["text"])
    return Variant(name, source, text=node.req("text").as_text(), subitems=_texts(node.get("subitems")),
                   results=_texts(node.get("results")))


@lru_cache(maxsize=8)
def _cached(folders: tuple[str, ...]) -> Library:
    return Library(folders)


def load_library(folders: Iterable[Path | str] = ()) -> Library:
    """The built-in library with `folders` layered over it (cached per folder list)."""
    return _cached(tuple(str(Path(f)) for f in folders))
