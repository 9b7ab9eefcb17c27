"""The block library: versioned standard texts (blocks) and named bundles of them (presets).

Blocks and presets are data files: the built-in ones ship in ``ajdoc/data``; a user's own library
folders (``blocks/*.yaml``, ``presets/*.yaml``) layer over them, later folders winning. A block is
referred to as ``ID[:VARIANT][@VERSION]``; without a version the newest one is meant.

A library is read once per process and shared by threads; ``load_library`` reads a user folder
again when a file in it changed (a long-running process sees the edits).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

from . import resources, yamlio
from .errors import AjdocError, Place, suggest
from .model.blocks import (LIST_SECTIONS, OWN, SECTIONS, SINGLE_SECTIONS, Block, Named, Preset,
                           Ref, Variant)
from .schema.core import read
from .schema.library import BlockFileSpec, BlockSpec, PresetSpec
from .schema.sections import RefAt, SectionSpec

__all__ = ["Library", "load_library", "apply_sections", "Block", "Named", "Preset", "Ref",
           "Variant", "LIST_SECTIONS", "OWN", "SECTIONS", "SINGLE_SECTIONS"]

Entry = Union[Ref, str]  # a reference, or OWN in a duty list
MAX_PRESET_DEPTH = 64  # presets a chain of `extends` may pass through


def _block(spec: BlockSpec, origin: str) -> Block:
    variants = {}
    for v in spec.variants:
        items: tuple = tuple(Named(i.text, i.name) for i in v.items) if spec.kind == "additional" \
            else tuple(i.text for i in v.items)
        variants[v.name] = Variant(v.name, v.source, text=v.text, items=items,
                                   subitems=v.subitems, results=v.results, groups=v.groups)
    return Block(id=spec.id, version=spec.version, kind=spec.kind, title=spec.title,
                 default=spec.default or spec.variants[0].name, variants=variants,
                 description=spec.description or "", origin=origin)


def _once(seen: dict[object, Place], what: object, name: str, place: Place) -> None:
    """Refuse a second definition of `what` in one library folder (a later folder overrides an
    earlier one; two files of one folder, or one file twice, do not)."""
    first = seen.setdefault(what, place)
    if first is not place:
        raise AjdocError(f"{name} is defined twice in one library folder (first in {first})",
                         place, "give each its own id or version, or remove one")


class Library:
    """Blocks and presets from the built-in data and any user folders, later folders winning."""

    def __init__(self, folders: Sequence[Path | str] = (), builtin: bool = True,
                 profile: resources.ProfileArg = None):
        self.folders = [Path(f) for f in folders]
        self.profile = resources.profile(profile)
        self._blocks: dict[str, dict[int, Block]] = {}
        self._preset_specs: dict[str, PresetSpec] = {}
        self._presets: dict[str, Preset] = {}
        self._lock = threading.Lock()
        roots: list[Path] = []
        if builtin:  # the profile's standard texts
            roots.append(self.profile.root)
        for folder in self.folders:
            if not folder.is_dir():
                raise AjdocError("library folder not found (expected a folder holding blocks/ "
                                 "and/or presets/)", Place(file=str(folder)))
            roots.append(folder)
        self._overriding: set[str] = set()  # user presets with a built-in preset's id
        for n, root in enumerate(roots):
            seen: dict[object, Place] = {}  # what this folder defines → where first
            for path in sorted((root / "blocks").glob("*.yaml")):
                self._load_blocks(path, seen)
            for path in sorted((root / "presets").glob("*.yaml")):
                spec = read(PresetSpec, yamlio.load(path))
                _once(seen, ("preset", spec.id), f"preset '{spec.id}'", spec.place)
                if builtin and n > 0 and spec.id in self._preset_specs:
                    self._overriding.add(spec.id)
                self._preset_specs[spec.id] = spec

    def _load_blocks(self, path: Path, seen: dict[object, Place]) -> None:
        spec = read(BlockFileSpec, yamlio.load(path))
        for bspec in spec.blocks:
            _once(seen, ("block", bspec.id, bspec.version), f"block '{bspec.id}@{bspec.version}'",
                  bspec.place)
            self._blocks.setdefault(bspec.id, {})[bspec.version] = _block(bspec, str(path))

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
        return sorted(self._preset_specs)

    def preset(self, pid: str, place: Place | None = None) -> Preset:
        with self._lock:
            if pid not in self._presets:
                self._presets[pid] = self._build_preset(pid, place, ())
            return self._presets[pid]

    def _build_preset(self, pid: str, place: Place | None, stack: tuple[str, ...]) -> Preset:
        if pid in stack:
            cycle = " → ".join(stack[stack.index(pid):] + (pid,))
            hint = None
            if pid in self._overriding:
                hint = (f"a preset in a library folder replaces the built-in preset of the same "
                        f"id; to build on the built-in '{pid}', give yours another id")
            raise AjdocError(f"preset cycle: {cycle}", place, hint)
        if len(stack) >= MAX_PRESET_DEPTH:
            raise AjdocError(f"preset '{stack[0]}' extends more than {MAX_PRESET_DEPTH} presets "
                             f"in a chain (stopped at '{pid}')", place,
                             "a preset extends one or two others; shorten the chain")
        spec = self._preset_specs.get(pid)
        if spec is None:
            raise AjdocError(f"unknown preset '{pid}'", place,
                             suggest(pid, self._preset_specs) or
                             f"known presets: {', '.join(sorted(self._preset_specs))}")
        sections: dict = {}
        chain: tuple[str, ...] = (pid,)
        position_group = "ametnik"
        by_group: dict[str, dict[str, str]] = {}
        unit_lines = None
        if spec.extends:
            parent = self._build_preset(spec.extends, spec.at("extends"), stack + (pid,))
            sections = dict(parent.sections)
            chain = (pid,) + parent.chain
            position_group = parent.position_group
            by_group = {g: dict(m) for g, m in parent.by_group.items()}
            unit_lines = parent.unit_lines
        if spec.position_group:
            position_group = spec.position_group
        for group, pairs in spec.by_group:
            by_group.setdefault(group, {}).update(dict(pairs))
        sections = apply_sections(self, sections, spec.sections)
        return Preset(id=pid, title=spec.title, sections=sections, position_group=position_group,
                      description=spec.description or "", extends=spec.extends, chain=chain,
                      by_group=by_group, unit_lines=spec.unit_lines or unit_lines)


# -- sections -----------------------------------------------------------------------------------
def _checked(lib: Library, entry: RefAt, section: str) -> Entry:
    """The entry's reference, its block resolved and of a kind the section takes."""
    if not isinstance(entry.ref, Ref):
        return entry.ref  # OWN
    block, _ = lib.resolve(entry.ref, entry.place)
    allowed = SECTIONS[section]
    if block.kind not in allowed:
        raise AjdocError(f"block '{block.id}' is a {block.kind} block; section '{section}' "
                         f"takes a {' or '.join(allowed)} block", entry.place)
    return entry.ref


def _id(entry: Entry) -> str:
    return entry.id if isinstance(entry, Ref) else entry


def _patched(lib: Library, current: list[Entry], spec: SectionSpec) -> list[Entry]:
    assert spec.patch is not None
    section = spec.name

    def ids() -> list[str]:
        return [_id(e) for e in current]

    for r in spec.patch.remove:
        if r.id not in ids():
            raise AjdocError(f"cannot remove '{r.id}': section '{section}' does not hold it; "
                             f"it holds: {', '.join(ids()) or 'nothing'}", r.place,
                             suggest(r.id, ids()))
        current.pop(ids().index(r.id))
    for old, new in spec.patch.replace:
        if old not in ids():
            raise AjdocError(f"cannot replace '{old}': section '{section}' does not hold it",
                             new.place, suggest(old, ids()))
        current[ids().index(old)] = _checked(lib, new, section)
    for add in spec.patch.add:
        entry = _checked(lib, add.entry, section)
        if add.anchor is None:
            current.append(entry)
            continue
        if add.anchor not in ids():
            raise AjdocError(f"'{add.anchor}' is not in section '{section}'; it holds: "
                             f"{', '.join(ids())}", add.anchor_place, suggest(add.anchor, ids()))
        current.insert(ids().index(add.anchor) + (1 if add.after else 0), entry)
    return current


def apply_sections(lib: Library, base: dict, specs: Sequence[SectionSpec]) -> dict:
    """Apply `sections:` (of a preset or role file) over inherited sections: a single section
    takes a reference; a list section a list (replacing) or a patch; null empties it."""
    sections = dict(base)
    for spec in specs:
        if spec.empty:
            sections.pop(spec.name, None)
        elif spec.ref is not None:
            sections[spec.name] = _checked(lib, spec.ref, spec.name)
        else:
            if spec.items is not None:
                current = [_checked(lib, e, spec.name) for e in spec.items]
            else:
                current = _patched(lib, list(sections.get(spec.name, ())), spec)
            ids = [_id(e) for e in current]
            dup = next((i for i in ids if ids.count(i) > 1), None)
            if dup:
                raise AjdocError(f"section '{spec.name}' names '{dup}' twice", spec.place)
            sections[spec.name] = tuple(current)
    return sections


# -- the shared library -------------------------------------------------------------------------
_CACHE: "OrderedDict[tuple, Library]" = OrderedDict()
_CACHE_LOCK = threading.Lock()


def _signature(folder: Path) -> tuple:
    """What a user folder holds now: its YAML files' names, sizes and modification times."""
    out = []
    for sub in ("blocks", "presets"):
        for path in sorted((folder / sub).glob("*.yaml")):
            try:
                st = path.stat()
            except OSError:
                continue
            out.append((path.name, st.st_size, st.st_mtime_ns))
    return (str(folder), tuple(out))


def load_library(folders: Iterable[Path | str] = (),
                 profile: resources.ProfileArg = None) -> Library:
    """The profile's library (the default profile's unless given) with `folders` layered over
    it, read once and shared; read again when a file in one of the folders changed."""
    paths = tuple(Path(f) for f in folders)
    prof = resources.profile(profile)
    cache_key = (prof.root, prof) + tuple(
        _signature(p) if p.is_dir() else (str(p), None) for p in paths)
    with _CACHE_LOCK:
        lib = _CACHE.get(cache_key)
        if lib is not None:
            _CACHE.move_to_end(cache_key)
            return lib
    lib = Library(paths, profile=prof)
    with _CACHE_LOCK:
        _CACHE[cache_key] = lib
        if len(_CACHE) > 8:
            _CACHE.popitem(last=False)
    return lib
