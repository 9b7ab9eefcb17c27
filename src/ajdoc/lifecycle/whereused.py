"""Where a block is used: the role files that use it, the version and variant each resolves to,
and how each reaches it (its preset, ``sections:``, ``duties: - use:``, ``edit:``).

**Pinning.** A role resolves a block to a version: the newest, unless a version is pinned — in
the role file (``sections:`` ``rights:votta-vastu@1``, ``duties: - use: ID@1``,
``edit: {ID: {version: 1}}``) or by its preset.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import attrs

from .. import workspace, yamlio
from ..compose import LibraryArg, library_of
from ..compare import block_uses
from ..errors import AjdocError, Place
from ..library import Library, Ref, apply_sections
from ..schema.sections import read_sections
from ..model import JobDescription
from .scan import Problem, RoleFile, relative, scan

NOT_USES = ("remove", "before", "after")   # keys of `sections:` whose values are ids, not uses


@attrs.frozen
class Use:
    """How one role file uses a block."""

    path: Path
    title: str
    preset: str
    block_id: str
    version: int
    variant: str
    edited: bool
    via: tuple[str, ...]          # "preset X", "sections.rights", "duties[5].use", "edit.rights"
    pin: Optional[str]            # where the version is pinned, or None (follows the newest)
    latest: int
    sections: tuple[str, ...] = ()   # the job-description sections that hold it

    @property
    def pinned(self) -> bool:
        return self.pin is not None

    @property
    def outdated(self) -> bool:
        return self.version < self.latest

    @property
    def ref(self) -> str:
        return f"{self.block_id}@{self.version}:{self.variant}"

    def to_dict(self, base: Optional[Path] = None) -> dict:
        return {"file": relative(self.path, base), "title": self.title, "preset": self.preset,
                "block": self.block_id, "version": self.version, "variant": self.variant,
                "edited": self.edited, "via": list(self.via), "pinned": self.pinned,
                "pin": self.pin, "latest": self.latest, "outdated": self.outdated,
                "sections": list(self.sections)}


@attrs.frozen
class WhereUsed:
    """The uses of a block under a folder, and the files that could not be read."""

    block_id: str
    version: Optional[int]
    variant: Optional[str]
    latest: int
    folder: Optional[Path]
    uses: tuple[Use, ...]
    errors: tuple[Problem, ...]
    skipped: tuple[Problem, ...]

    def to_dict(self) -> dict:
        base = self.folder
        return {"block": self.block_id, "version": self.version, "variant": self.variant,
                "latest": self.latest, "uses": [u.to_dict(base) for u in self.uses],
                "errors": [e.to_dict(base) for e in self.errors],
                "skipped": [s.to_dict(base) for s in self.skipped]}

    def format_text(self) -> str:
        base = self.folder
        what = self.block_id + (f":{self.variant}" if self.variant else "") + (
            f"@{self.version}" if self.version else "")
        lines = [f"{what}: used by {len(self.uses)} role file(s); newest version "
                 f"{self.block_id}@{self.latest}"]
        width = max([len(relative(u.path, base)) for u in self.uses] + [10])
        for u in self.uses:
            pin = (f"pinned @{u.version} ({u.pin}); newest @{u.latest}" if u.pinned and u.outdated
                   else f"pinned ({u.pin})" if u.pinned else "")
            ref = u.ref + (" (edited)" if u.edited else "")
            lines.append(f"  {relative(u.path, base):{width}}  {ref:34}  via {', '.join(u.via)}"
                         + (f"  {pin}" if pin else ""))
        if self.errors:
            lines.append("not readable:")
            lines += [f"  {relative(e.path, base)}: {e.message}" for e in self.errors]
        return "\n".join(lines) + "\n"


@attrs.frozen
class Usage:
    """How a role file reaches a block: the ways (`via`), where its version is pinned (`pin`),
    and the role file's own references to it (key path, Ref)."""

    via: tuple[str, ...]
    pin: Optional[str]
    refs: tuple[tuple[str, Ref], ...]


def _find_ref(sections: dict, bid: str) -> tuple[Optional[str], Optional[Ref]]:
    for name, value in sections.items():
        refs = value if isinstance(value, tuple) else (value,)
        for r in refs:
            if isinstance(r, Ref) and r.id == bid:
                return name, r
    return None, None


def _mentions(value: Any, bid: str) -> bool:
    """Whether a raw `sections:` value names block `bid` (as a reference, not as a key)."""
    if isinstance(value, str):
        try:
            return Ref.parse(value).id == bid
        except AjdocError:
            return False
    if isinstance(value, dict):  # not `remove:` / `before:` / `after:` (ids, not uses)
        return any(_mentions(v, bid) for k, v in value.items() if k not in NOT_USES)
    if isinstance(value, list):
        return any(_mentions(v, bid) for v in value)
    return False


def edit_entry(node: yamlio.Node, bid: str) -> Optional[yamlio.Node]:
    """The role file's `edit: {bid: …}` entry, if it has one."""
    edit = node.get("edit")
    if edit is None or not edit.is_map() or bid not in edit.value:
        return None
    return edit.get(bid)


def role_usage(lib: Library, node: yamlio.Node, bid: str) -> Usage:
    """How a role file reaches block `bid` (see `Usage`)."""
    preset = lib.preset(node.req("preset").as_text(), node.req("preset").place)
    _, preset_ref = _find_ref(preset.sections, bid)
    via: list[str] = []
    own_refs: list[tuple[str, Ref]] = []
    sections = preset.sections
    in_sections = False
    if node.has("sections"):
        snode = node.req("sections")
        for name, value in snode.items():
            if _mentions(value.value, bid):
                via.append(f"sections.{name}")
                in_sections = True
        sections = apply_sections(lib, preset.sections, read_sections(snode))
    section, ref = _find_ref(sections, bid)
    use_ref = None
    duties = node.get("duties")
    if duties is not None and duties.is_list():
        for k, d in enumerate(duties.as_list(), 1):
            if d.is_map() and "use" in d.value:
                try:
                    r = Ref.parse(d.req("use").as_text())
                except AjdocError:
                    continue
                if r.id == bid:
                    via.append(f"duties[{k}].use")
                    use_ref = r
                    own_refs.append((f"duties[{k}].use", r))
    edit_version = None
    enode = edit_entry(node, bid)
    if enode is not None:
        via.append(f"edit.{bid}")
        if enode.is_map() and "version" in enode.value:
            edit_version = enode.value["version"]
    if preset_ref is not None and not in_sections:
        via.insert(0, f"preset {preset.id}")
    if in_sections and ref is not None:
        own_refs.append((f"sections.{section}", ref))
    pin: Optional[str] = None
    if edit_version is not None:
        pin = f"edit.{bid}.version"
    elif use_ref is not None and use_ref.version is not None:
        pin = next(k for k, r in own_refs if r is use_ref)
    elif use_ref is not None and use_ref.variant is not None:
        pin = None
    elif ref is not None and ref.version is not None:
        pin = f"sections.{section}" if in_sections else f"preset {preset.id}"
    return Usage(tuple(via), pin, tuple(own_refs))


def _sections_of(jd: JobDescription, bid: str) -> tuple[str, ...]:
    out = []
    fields = [("duties_heading", [jd.duties_heading]), ("duties", jd.duties),
              ("rights_intro", [jd.rights_intro]), ("rights", jd.rights),
              ("responsibilities_intro", [jd.responsibilities_intro]),
              ("responsibilities", jd.responsibilities), ("work_tools", [jd.work_tools]),
              ("computer_skills", [jd.requirements.computer_skills]),
              ("competencies", jd.competencies), ("additional", jd.additional),
              ("amendment", jd.amendment)]
    for name, items in fields:
        sources = [getattr(i, "source", None) for i in items if i is not None]
        if any(s is not None and s.block_id == bid for s in sources):
            out.append(name)
    return tuple(out)


def uses_of(role: RoleFile, lib: Library, bid: str) -> Optional[Use]:
    """How `role` uses block `bid`, or None when it does not."""
    prov = block_uses(role.jd).get(bid)
    if prov is None:
        return None
    usage = role_usage(lib, role.node, bid)
    return Use(role.path, role.jd.general.title, role.jd.preset or "", bid, prov.version,
               prov.variant, prov.edited, usage.via, usage.pin, lib.latest_version(bid),
               _sections_of(role.jd, bid))


def where_used(block: str | Ref, folder: Path | str, library: LibraryArg = None) -> WhereUsed:
    """The role files under `folder` that use `block` (ID[:VARIANT][@VERSION]), with the version and
    variant each resolves to; a version or variant in `block` filters to those."""
    lib = library_of(library)
    place = Place(key="BLOCK")
    ref = Ref.parse(block, place) if isinstance(block, str) else block
    lib.block(Ref(ref.id), place)  # an unknown id says so
    if ref.version is not None:
        lib.block(Ref(ref.id, None, ref.version), place)
    workspace.yaml_files(folder)  # a missing folder says so
    found = scan(folder, lib)
    uses = []
    for role in found.roles:
        u = uses_of(role, lib, ref.id)
        if u is None:
            continue
        if ref.version is not None and u.version != ref.version:
            continue
        if ref.variant is not None and u.variant != ref.variant:
            continue
        uses.append(u)
    return WhereUsed(ref.id, ref.version, ref.variant, lib.latest_version(ref.id), Path(folder),
                     tuple(uses), found.errors, found.skipped)
