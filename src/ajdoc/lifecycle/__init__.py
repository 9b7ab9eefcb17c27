"""The life of a unit's job descriptions: where a block is used, upgrading roles to a block's newest
version, and checks across the role files of a unit that no single file shows.

    from ajdoc import lifecycle
    found = lifecycle.where_used("rights@1", "roles/", library=["my-library"])
    plan = lifecycle.plan_upgrade("roles/", "rights", library=["my-library"])
    lifecycle.write_upgrade(plan, force=False)             # re-pins role files, renders DOCX
    lifecycle.draft_directive(plan, "roles/muutmine.yaml")  # "Ametijuhendi muutmine"
    report = lifecycle.check_unit(["roles/"])

**Role files** are the ``*.yaml`` / ``*.yml`` files under a folder (recursively, hidden folders
skipped) whose top level has ``preset:``; directive files (``annexes:``) and library files
(``blocks:``, presets) are skipped; a file that cannot be read or composed is reported, never
fatal.

**Pinning.** A role resolves a block to a version: the newest, unless a version is pinned — in
the role file (``sections:`` ``rights:votta-vastu@1``, ``duties: - use: ID@1``,
``edit: {ID: {version: 1}}``) or by its preset. Upgrading a pinned role re-pins it to the newest
version: the version number of each pin in the role file is rewritten in place (nothing else in the
file changes); a pin made by the preset is overridden by adding ``edit: {ID: {version: N}}``.
A role that does not pin follows the newest version already; `plan_upgrade` compares it with the
previous version (``since``) so that its re-rendering can be reviewed as well.
"""

from __future__ import annotations

import copy
import datetime as _dt
import os
import re
from difflib import SequenceMatcher
from pathlib import Path
from typing import Iterable, Optional, Sequence

import attrs

from .. import workspace, yamlio
from ..compose.role import compose
from ..compare import DEFAULT_THRESHOLD, Comparison, block_uses, compare
from ..errors import AjdocError, Place
from ..library import Library, Ref, apply_sections, load_library
from ..schema.sections import read_sections
from ..model import JobDescription, Unit

LibraryArg = Optional[Library | Sequence[Path | str]]


def _lib(library: LibraryArg) -> Library:
    return library if isinstance(library, Library) else load_library(library or ())


# -- finding role files ---------------------------------------------------------------------------
@attrs.frozen
class Problem:
    """A file that could not be used, and why."""

    path: Path
    message: str

    def to_dict(self, base: Optional[Path] = None) -> dict:
        return {"file": _rel(self.path, base), "message": self.message}


@attrs.frozen
class RoleFile:
    path: Path
    node: yamlio.Node = attrs.field(eq=False, repr=False)
    jd: JobDescription = attrs.field(eq=False, repr=False)


@attrs.frozen
class Scan:
    roles: tuple[RoleFile, ...]
    errors: tuple[Problem, ...]       # unreadable files, role files that do not compose
    skipped: tuple[Problem, ...]      # directive and library files, other YAML


def _rel(path: Path, base: Optional[Path]) -> str:
    if base is not None:
        try:
            return Path(os.path.relpath(path, base)).as_posix()
        except ValueError:
            pass
    return Path(path).as_posix()


def _classify(node: yamlio.Node) -> str:
    kind = workspace.kind_of(node.value) if node.is_map() else workspace.OTHER
    return "not a role file (no preset:)" if kind == workspace.OTHER else kind


def scan(paths: Iterable[Path | str] | Path | str, library: LibraryArg = None) -> Scan:
    """Read and compose every role file in `paths` (folders searched recursively; a directive
    file stands for its annexes)."""
    lib = _lib(library)
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files: list[Path] = []
    direct: set[Path] = set()  # files named directly: a directive file stands for its annexes
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(workspace.yaml_files(p))
        elif not p.exists():
            raise AjdocError("file or folder not found", Place(file=str(p)))
        else:
            files.append(p)
            direct.add(p.resolve())
    roles, errors, skipped = [], [], []
    seen: set[Path] = set()
    queue = list(files)
    while queue:
        path = queue.pop(0)
        key = path.resolve()
        if key in seen:
            continue
        seen.add(key)
        try:
            node = yamlio.load(path)
        except AjdocError as exc:
            errors.append(Problem(path, str(exc)))
            continue
        kind = _classify(node)
        if kind == "directive file" and key in direct:
            try:
                queue.extend(path.parent / n.as_text() for n in node.req("annexes").as_list())
            except AjdocError as exc:
                errors.append(Problem(path, str(exc)))
            continue
        if kind != "role":
            skipped.append(Problem(path, kind))
            continue
        try:
            jd = compose(node, lib)
        except AjdocError as exc:
            errors.append(Problem(path, str(exc)))
            continue
        roles.append(RoleFile(path, node, jd))
    return Scan(tuple(roles), tuple(errors), tuple(skipped))


# -- where used -----------------------------------------------------------------------------------
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
        return {"file": _rel(self.path, base), "title": self.title, "preset": self.preset,
                "block": self.block_id, "version": self.version, "variant": self.variant,
                "edited": self.edited, "via": list(self.via), "pinned": self.pinned,
                "pin": self.pin, "latest": self.latest, "outdated": self.outdated,
                "sections": list(self.sections)}


@attrs.frozen
class WhereUsed:
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
        width = max([len(_rel(u.path, base)) for u in self.uses] + [10])
        for u in self.uses:
            pin = (f"pinned @{u.version} ({u.pin}); newest @{u.latest}" if u.pinned and u.outdated
                   else f"pinned ({u.pin})" if u.pinned else "")
            ref = u.ref + (" (edited)" if u.edited else "")
            lines.append(f"  {_rel(u.path, base):{width}}  {ref:34}  via {', '.join(u.via)}"
                         + (f"  {pin}" if pin else ""))
        if self.errors:
            lines.append("not readable:")
            lines += [f"  {_rel(e.path, base)}: {e.message}" for e in self.errors]
        return "\n".join(lines) + "\n"


def _find_ref(sections: dict, bid: str) -> tuple[Optional[str], Optional[Ref]]:
    for name, value in sections.items():
        refs = value if isinstance(value, tuple) else (value,)
        for r in refs:
            if isinstance(r, Ref) and r.id == bid:
                return name, r
    return None, None


_NOT_USES = ("remove", "before", "after")


def _mentions(value, bid: str) -> bool:
    """Whether a raw `sections:` value names block `bid` (as a reference, not as a key)."""
    if isinstance(value, str):
        try:
            return Ref.parse(value).id == bid
        except AjdocError:
            return False
    if isinstance(value, dict):  # not `remove:` / `before:` / `after:` (ids, not uses)
        return any(_mentions(v, bid) for k, v in value.items() if k not in _NOT_USES)
    if isinstance(value, list):
        return any(_mentions(v, bid) for v in value)
    return False


def _role_usage(lib: Library, node: yamlio.Node, bid: str) -> tuple[list[str], Optional[str],
                                                                    list[tuple[str, Ref]]]:
    """How a role file reaches block `bid`: the ways (via), where its version is pinned, and the
    role file's own references (key path, Ref) to it."""
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
    if node.has("duties") and node.req("duties").is_list():
        for k, d in enumerate(node.req("duties").as_list(), 1):
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
    if node.has("edit") and node.req("edit").is_map() and bid in node.req("edit").value:
        via.append(f"edit.{bid}")
        enode = node.req("edit").get(bid)
        if enode.is_map() and "version" in enode.value:
            edit_version = enode.get("version").value
    if preset_ref is not None and not in_sections:
        via.insert(0, f"preset {preset.id}")
    if in_sections and ref is not None:
        own_refs.append((f"sections.{section}", ref))
    if edit_version is not None:
        pin = f"edit.{bid}.version"
    elif use_ref is not None and use_ref.version is not None:
        pin = next(k for k, r in own_refs if r is use_ref)
    elif use_ref is not None and use_ref.variant is not None:
        pin = None
    elif ref is not None and ref.version is not None:
        pin = f"sections.{section}" if in_sections else f"preset {preset.id}"
    else:
        pin = None
    return via, pin, own_refs


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
        if any(getattr(i, "source", None) is not None and i.source.block_id == bid
               for i in items if i is not None):
            out.append(name)
    return tuple(out)


def uses_of(role: RoleFile, lib: Library, bid: str) -> Optional[Use]:
    prov = block_uses(role.jd).get(bid)
    if prov is None:
        return None
    via, pin, _ = _role_usage(lib, role.node, bid)
    return Use(role.path, role.jd.general.title, role.jd.preset or "", bid, prov.version,
               prov.variant, prov.edited, tuple(via), pin, lib.latest_version(bid),
               _sections_of(role.jd, bid))


def where_used(block: str | Ref, folder: Path | str, library: LibraryArg = None) -> WhereUsed:
    """The role files under `folder` that use `block` (ID[:VARIANT][@VERSION]), with the version and
    variant each resolves to; a version or variant in `block` filters to those."""
    lib = _lib(library)
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


# -- upgrade --------------------------------------------------------------------------------------
@attrs.frozen
class Repin:
    """One textual change of a role file: the key, its line, the text before and after."""

    key: str
    line: int
    old: str
    new: str

    def __str__(self) -> str:
        if not self.old:
            return f"line {self.line}, {self.key}: add {self.new.strip()}"
        return f"line {self.line}, {self.key}: {self.old.strip()} → {self.new.strip()}"


@attrs.frozen
class Upgrade:
    use: Use
    from_version: int
    to_version: int
    mode: str                      # "re-pin" (the role pins an older version) or "follows"
    comparison: Optional[Comparison] = None
    repins: tuple[Repin, ...] = ()
    new_text: Optional[str] = attrs.field(default=None, repr=False)
    new_jd: Optional[JobDescription] = attrs.field(default=None, repr=False, eq=False)
    error: Optional[str] = None

    @property
    def path(self) -> Path:
        return self.use.path

    def to_dict(self, base: Optional[Path] = None) -> dict:
        return {"file": _rel(self.path, base), "title": self.use.title,
                "block": self.use.block_id, "variant": self.use.variant,
                "from": self.from_version, "to": self.to_version, "mode": self.mode,
                "pin": self.use.pin, "repins": [attrs.asdict(r) for r in self.repins],
                "error": self.error,
                "comparison": self.comparison.to_dict() if self.comparison else None}


@attrs.frozen
class UpgradePlan:
    block_id: str
    target: int
    folder: Path
    upgrades: tuple[Upgrade, ...]
    current: tuple[Use, ...]        # already at the target version, nothing to do
    errors: tuple[Problem, ...]
    skipped: tuple[Problem, ...]
    library: tuple[Path, ...] = ()
    layout: str = "2022"

    @property
    def ready(self) -> list[Upgrade]:
        return [u for u in self.upgrades if u.error is None]

    def to_dict(self) -> dict:
        base = self.folder
        return {"block": self.block_id, "target": self.target,
                "upgrades": [u.to_dict(base) for u in self.upgrades],
                "current": [u.to_dict(base) for u in self.current],
                "errors": [e.to_dict(base) for e in self.errors],
                "skipped": [s.to_dict(base) for s in self.skipped]}

    def format(self, fmt: str = "text") -> str:
        import json

        if fmt == "json":
            return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
        md = fmt == "markdown"
        base = self.folder
        lines = [(f"# Upgrade of {self.block_id} to version {self.target}" if md else
                  f"upgrade {self.block_id} → @{self.target}: {len(self.upgrades)} role file(s)")]
        if md:
            lines.append("")
        for u in self.upgrades:
            name = _rel(u.path, base)
            how = (f"pinned @{u.from_version} ({u.use.pin}): re-pin to @{u.to_version}"
                   if u.mode == "re-pin" else
                   f"follows the newest version: @{u.from_version} → @{u.to_version}")
            lines.append(f"## {name}" if md else f"\n== {name} ({u.use.title})")
            if md:
                lines.append("")
            lines.append(f"{'- ' if md else ''}{how}")
            for r in u.repins:
                lines.append(f"{'- ' if md else '  '}re-pin {r}")
            if u.error:
                lines.append(f"{'- ' if md else '  '}cannot upgrade: {u.error}")
            if u.comparison is not None:
                body = u.comparison.format("markdown" if md else "text")
                if md:
                    body = "\n".join(("#" + ln) if ln.startswith("#") else ln
                                     for ln in body.splitlines())
                lines.append(body if md else "\n".join(
                    "  " + ln if ln else ln for ln in body.splitlines()))
        if self.current:
            lines.append("" if md else "")
            lines.append("Already at the target version:")
            lines += [f"{'- ' if md else '  '}{_rel(c.path, base)} ({c.ref})" for c in self.current]
        if self.errors:
            lines.append("Not readable:")
            lines += [f"{'- ' if md else '  '}{_rel(e.path, base)}: {e.message}"
                      for e in self.errors]
        return "\n".join(lines) + "\n"


def _with_version(node: yamlio.Node, bid: str, version: int) -> yamlio.Node:
    """The role file's data with `edit: {bid: {version: N}}` (overrides every pin), as a Node."""
    data = copy.deepcopy(node.value)
    edit = data.get("edit")
    if not isinstance(edit, dict):
        edit = {}
        data["edit"] = edit
    entry = edit.get(bid)
    entry = dict(entry) if isinstance(entry, dict) else {}
    entry["version"] = version
    edit[bid] = entry
    return yamlio.Node(data, node.file, "", 1)


_REF_TEXT = r"(?<![\w.\-]){id}(?P<var>:[a-z0-9][a-z0-9\-]*)?@{old}(?!\d)"


def repin_text(text: str, node: yamlio.Node, lib: Library, bid: str, target: int,
               ) -> tuple[str, list[Repin]]:
    """The role file's text with every pin of `bid` re-pinned to `target` (only the version
    numbers change); a pin by the preset gets an `edit: {bid: {version: target}}`."""
    lines = text.splitlines(keepends=True)
    via, pin, own_refs = _role_usage(lib, node, bid)
    repins: list[Repin] = []
    sections_node = node.get("sections")

    def sub_line(lineno: int, pattern: str, repl, key: str) -> None:
        old = lines[lineno - 1]
        new, n = re.subn(pattern, repl, old)
        if n != 1:
            raise AjdocError(f"cannot re-pin {key} automatically (found {n} matches on line "
                             f"{lineno}); change its version to {target} by hand",
                             Place(file=node.file, line=lineno, key=key))
        lines[lineno - 1] = new
        repins.append(Repin(key, lineno, old.rstrip("\n"), new.rstrip("\n")))

    # references with a version in sections: and duties: - use:
    pinned_nodes: list[tuple[str, yamlio.Node]] = []

    def walk(n: yamlio.Node) -> None:
        if n.is_str():
            try:
                r = Ref.parse(n.as_text())
            except AjdocError:
                return
            if r.id == bid and r.version is not None and r.version != target:
                pinned_nodes.append((n.path, n))
        elif n.is_map():
            for k, child in n.items():
                if k not in _NOT_USES:
                    walk(child)
        elif n.is_list():
            for child in n.as_list():
                walk(child)

    if sections_node is not None:
        walk(sections_node)
    if node.has("duties") and node.req("duties").is_list():
        for d in node.req("duties").as_list():
            if d.is_map() and "use" in d.value:
                walk(d.req("use"))
    for key, n in pinned_nodes:
        r = Ref.parse(n.as_text())
        sub_line(n.line, _REF_TEXT.format(id=re.escape(bid), old=r.version),
                 lambda m: f"{bid}{m.group('var') or ''}@{target}", key)
    enode = node.get("edit").get(bid) if node.has("edit") and node.req("edit").is_map() \
        and bid in node.req("edit").value else None
    if enode is not None and enode.is_map() and "version" in enode.value:
        vnode = enode.get("version")
        if vnode.value != target:
            sub_line(vnode.line, rf"(\bversion\s*:\s*){vnode.value}(?!\d)",
                     lambda m: f"{m.group(1)}{target}", vnode.path)
    elif pin is not None and pin.startswith("preset "):
        _add_edit_version(lines, node, bid, target, repins)
    return "".join(lines), repins


def _add_edit_version(lines: list[str], node: yamlio.Node, bid: str, target: int,
                      repins: list[Repin]) -> None:
    """Override a preset's pin: add `bid: {version: target}` under `edit:` (or a new `edit:`)."""
    if not node.has("edit"):
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        new = f"edit:\n  {bid}: {{version: {target}}}\n"
        lines.append(new)
        shown = f"edit: {{{bid}: {{version: {target}}}}}"
        repins.append(Repin(f"edit.{bid}", len(lines), "", shown))
        return
    enode = node.req("edit")
    line = enode.line
    head = lines[line - 1] if line else ""
    if not enode.is_map() or bid in enode.value or not re.match(r"^edit:\s*(#.*)?$", head):
        raise AjdocError(f"cannot override the preset's pin of '{bid}' automatically; add "
                         f"'version: {target}' under edit.{bid} by hand",
                         Place(file=node.file, line=line, key="edit"))
    first = next(iter(enode.value))
    child_line = enode.get(first).line
    indent = re.match(r"\s*", lines[child_line - 1]).group(0)
    new = f"{indent}{bid}: {{version: {target}}}\n"
    lines.insert(line, new)
    repins.append(Repin(f"edit.{bid}", line + 1, "", new.rstrip("\n")))


def _previous_version(lib: Library, bid: str, below: int) -> Optional[int]:
    older = [v for v in lib.versions(bid) if v < below]
    return max(older) if older else None


def plan_upgrade(folder: Path | str, block: str, library: LibraryArg = None, *,
                 since: Optional[int] = None, threshold: float = DEFAULT_THRESHOLD,
                 layout: str = "2022") -> UpgradePlan:
    """What upgrading the roles under `folder` to the newest version of `block` (or ID@N: to
    version N) would change, role by role, with the consent verdict of each."""
    lib = _lib(library)
    place = Place(key="--block")
    ref = Ref.parse(block, place)
    if ref.variant:
        raise AjdocError("give the block as ID or ID@VERSION (the variant stays the role's)",
                         place)
    lib.block(Ref(ref.id), place)
    target = ref.version or lib.latest_version(ref.id)
    lib.block(Ref(ref.id, None, target), place)
    workspace.yaml_files(folder)  # a missing folder says so
    found = scan(folder, lib)
    upgrades, current = [], []
    for role in found.roles:
        use = uses_of(role, lib, ref.id)
        if use is None:
            continue
        if use.version < target:
            upgrades.append(_upgrade_pinned(role, use, lib, target, threshold, layout))
        elif use.version == target and not use.pinned:
            prev = since if since is not None else _previous_version(lib, ref.id, target)
            if prev is None or prev >= target:
                current.append(use)
                continue
            upgrades.append(_upgrade_follower(role, use, lib, prev, threshold, layout))
        else:
            current.append(use)
    folders = tuple(lib.folders) if isinstance(lib, Library) else ()
    return UpgradePlan(ref.id, target, Path(folder), tuple(upgrades), tuple(current),
                       found.errors, found.skipped, folders, layout)


def _upgrade_pinned(role: RoleFile, use: Use, lib: Library, target: int, threshold: float,
                    layout: str) -> Upgrade:
    base = Upgrade(use, use.version, target, "re-pin")
    try:
        new_jd = compose(_with_version(role.node, use.block_id, target), lib)
    except AjdocError as exc:
        return attrs.evolve(base, error=f"with {use.block_id}@{target}: {exc.message}")
    cmp = compare(role.jd, new_jd, threshold=threshold, layout=layout,
                  old_name=f"{role.path} ({use.block_id}@{use.version})",
                  new_name=f"{role.path} ({use.block_id}@{target})")
    base = attrs.evolve(base, comparison=cmp, new_jd=new_jd)
    try:
        text = yamlio.read_text(role.path)
        new_text, repins = repin_text(text, role.node, lib, use.block_id, target)
        check = compose(yamlio.parse(new_text, str(role.path)), lib)
    except AjdocError as exc:
        return attrs.evolve(base, error=str(exc))
    if check != new_jd:
        return attrs.evolve(base, repins=tuple(repins), error=(
            "the re-pinned role file does not compose to the upgraded job description; "
            f"re-pin {use.block_id} to version {target} by hand"))
    return attrs.evolve(base, repins=tuple(repins), new_text=new_text)


def _upgrade_follower(role: RoleFile, use: Use, lib: Library, since: int, threshold: float,
                      layout: str) -> Upgrade:
    base = Upgrade(use, since, use.version, "follows", new_jd=role.jd)
    try:
        old_jd = compose(_with_version(role.node, use.block_id, since), lib)
    except AjdocError as exc:
        return attrs.evolve(base, error=f"with {use.block_id}@{since}: {exc.message}")
    cmp = compare(old_jd, role.jd, threshold=threshold, layout=layout,
                  old_name=f"{role.path} ({use.block_id}@{since})",
                  new_name=f"{role.path} ({use.block_id}@{use.version})")
    return attrs.evolve(base, comparison=cmp)


def docx_target(upgrade: Upgrade, out: Optional[Path | str] = None) -> Path:
    folder = Path(out) if out is not None else upgrade.path.parent
    return folder / f"{upgrade.path.stem}.docx"


def write_upgrade(plan: UpgradePlan, *, out: Optional[Path | str] = None, force: bool = False,
                  layout: Optional[str] = None) -> list[Path]:
    """Re-pin the pinned role files in place and render every upgraded role's DOCX next to it
    (or into `out`); all files or none. An existing DOCX is not overwritten without `force`."""
    from ..output import Batch, check_target
    from ..rendering import render_job

    if out is not None and not Path(out).is_dir():
        raise AjdocError("the output folder does not exist", Place(file=str(out)),
                         "create it first")
    ready = plan.ready
    targets = [docx_target(u, out) for u in ready]
    for t in targets:
        check_target(t, force)
    with Batch(force=True) as batch:
        for u, t in zip(ready, targets):
            batch.add(t, render_job(u.new_jd, layout or plan.layout))
        for u in ready:
            if u.new_text is not None:
                batch.add(u.path, u.new_text.encode("utf-8"))
        return batch.paths()


def draft_directive(plan: UpgradePlan | Sequence[Upgrade], path: Path | str, *,
                    force: bool = False, date: Optional[_dt.date] = None,
                    signer_title: str = "peadirektor", layout: Optional[str] = None,
                    library: Sequence[Path | str] = ()) -> Path:
    """Draft the amending directive ("Ametijuhendi muutmine") with the upgraded roles as annexes,
    as a directive file `ajdoc directive` accepts (TODO marks where a person must fill in)."""
    from ..output import check_target, write_atomic

    upgrades = plan.ready if isinstance(plan, UpgradePlan) else [u for u in plan if not u.error]
    if isinstance(plan, UpgradePlan):
        library = list(library) or list(plan.library)
        layout = layout or plan.layout
        what = f"{plan.block_id} → @{plan.target}"
    else:
        what = ", ".join(sorted({f"{u.use.block_id} → @{u.to_version}" for u in upgrades}))
    if not upgrades:
        raise AjdocError("no role to upgrade, so no directive to draft", Place(key="--directive"))
    path = Path(path)
    check_target(path, force)
    base = path.parent.resolve()
    date = date or _dt.date.today()
    unit = _common_unit([u.new_jd.general.unit for u in upgrades])
    q = _yaml_str
    lines = [
        "# A draft written by `ajdoc upgrade --directive`: the job descriptions amended by the",
        f"# upgrade of {what}. Fill in the TODOs, then: ajdoc directive {path.name} -o OUT/",
        f"agency: {q(upgrades[0].new_jd.agency)}",
        "signer:",
        f"  name: {q('TODO: allkirjastaja nimi')}",
        f"  title: {q(signer_title)}",
        "number: 1                     # TODO: the directive's number",
        f"date: {date.isoformat()}              # TODO: the directive's date",
        "title: Ametijuhendi muutmine",
        "unit:",
        f"  department: {q(unit.department)}",
    ]
    if unit.division:
        lines.append(f"  division: {q(unit.division)}")
    if unit.team:
        lines.append(f"  team: {q(unit.team)}")
    lines.append(f"layout: \"{layout or '2022'}\"")
    if library:
        lines.append("library:")
        lines += [f"  - {q(_relpath(Path(f), base))}" for f in library]
    lines.append("annexes:")
    for u in sorted(upgrades, key=lambda u: str(u.path)):
        lines.append(f"  - {q(_relpath(u.path, base))}          # {u.use.title}")
    lines.append("# repeals: [{date: …, number: …}]   # TODO: the directive(s) this one amends")
    text = "\n".join(lines) + "\n"
    yamlio.parse(text, str(path))  # a draft that does not parse is a bug here
    write_atomic(path, text.encode("utf-8"), force=force)
    return path


def _relpath(p: Path, base: Path) -> str:
    return Path(os.path.relpath(Path(p).resolve(), base)).as_posix()


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _common_unit(units: Sequence[Unit]) -> Unit:
    paths = [u.path for u in units]
    common: list[str] = []
    for parts in zip(*paths):
        if len({p.casefold() for p in parts}) != 1:
            break
        common.append(parts[0])
    if not common:
        return units[0]
    return Unit(*common)


# -- unit check ------------------------------------------------------------------------------------
@attrs.frozen
class Finding:
    """A cross-file inconsistency. severity: error (a file cannot be read), warning, note."""

    kind: str
    severity: str
    message: str
    files: tuple[str, ...]
    fields: tuple[str, ...]

    def to_dict(self) -> dict:
        return attrs.asdict(self, recurse=False) | {"files": list(self.files),
                                                     "fields": list(self.fields)}


@attrs.frozen
class UnitReport:
    files: tuple[str, ...]
    findings: tuple[Finding, ...]

    @property
    def clean(self) -> bool:
        return not any(f.severity != "note" for f in self.findings)

    def to_dict(self) -> dict:
        return {"files": list(self.files), "clean": self.clean,
                "findings": [f.to_dict() for f in self.findings]}

    def format_text(self) -> str:
        counts = {s: sum(f.severity == s for f in self.findings)
                  for s in ("error", "warning", "note")}
        head = (f"{len(self.files)} role file(s): " +
                ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items()))
        lines = [head]
        for f in self.findings:
            lines.append(f"{f.severity}: [{f.kind}] {f.message}")
        if not self.findings:
            lines.append("no inconsistencies found")
        return "\n".join(lines) + "\n"


UNIT_SIMILARITY = 0.85


def _norm(text: str) -> str:
    return " ".join(text.split()).strip(" .;,").casefold()


def _split_top(text: str, sep: str) -> list[str]:
    """Split at `sep` outside parentheses."""
    out, depth, buf, i = [], 0, "", 0
    while i < len(text):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        if depth == 0 and text.startswith(sep, i):
            out.append(buf)
            buf = ""
            i += len(sep)
            continue
        buf += ch
        i += 1
    out.append(buf)
    return [p.strip() for p in out if p.strip()]


def split_titles(text: str) -> list[str]:
    """The titles in a printed list: "A, b või c" → [A, b, c]; a part that itself holds " ja "
    or " või " is kept whole as well (a title may contain "ja")."""
    out: list[str] = []
    for piece in _split_top(text, ", "):
        out.append(piece)
        for conj in (" või ", " ja "):
            parts = _split_top(piece, conj)
            if len(parts) > 1:
                out.extend(parts)
    return out


def _titles_of(node: Optional[yamlio.Node]) -> list[str]:
    """A general-part title field as titles: the file's `titles:` list or list, else the text
    split."""
    if node is None or node.value is None:
        return []
    v = node.value
    if isinstance(v, list):
        return [str(x) for x in v]
    if isinstance(v, dict):
        t = v.get("titles")
        return [str(x) for x in t] if isinstance(t, list) else ([str(t)] if t else [])
    return split_titles(str(v))


class _Titles:
    """Title comparison: case-insensitive, a listed title also in the partitive."""

    def __init__(self):
        self._part: dict[str, Optional[str]] = {}

    def partitive(self, title: str) -> Optional[str]:
        if title not in self._part:
            from .. import language

            try:
                self._part[title] = _norm(language.inflect(title, "partitive"))
            except AjdocError:
                self._part[title] = None
        return self._part[title]

    def same(self, listed: str, title: str) -> bool:
        a = _norm(listed)
        return a == _norm(title) or a == self.partitive(title)


@attrs.frozen
class _Role:
    file: str
    title: str
    unit: Unit
    supervisor: str
    substituted_by: tuple[str, ...]
    substitutes: tuple[str, ...]


def _distinct_names(a: str, b: str) -> bool:
    """Two unit names that are different units, not two spellings of one: as many words, and a
    word of one wholly unlike its counterpart ("Lõuna …" / "Põhja …")."""
    wa, wb = a.casefold().split(), b.casefold().split()
    if len(wa) != len(wb):
        return False
    return any(x != y and SequenceMatcher(None, x, y).ratio() < 0.6 for x, y in zip(wa, wb))


def unit_spellings_differ(a: str, b: str) -> bool:
    """The same unit written two ways: unequal, similarity ≥ UNIT_SIMILARITY, not distinct."""
    if a == b:
        return False
    squeeze = lambda s: re.sub(r"[\s\-]+", "", s.casefold())  # noqa: E731
    if squeeze(a) == squeeze(b):
        return True
    ratio = SequenceMatcher(None, a.casefold(), b.casefold()).ratio()
    return ratio >= UNIT_SIMILARITY and not _distinct_names(a, b)


def check_unit(paths: Iterable[Path | str] | Path | str, library: LibraryArg = None,
               base: Optional[Path | str] = None) -> UnitReport:
    """Cross-check the role files of a unit (files, folders, or a directive file standing for its
    annexes): substitution pairs, supervisors, supervision cycles, duplicate posts and unit-name
    spellings. Each finding names the files and fields."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    paths = [Path(p) for p in paths]
    if base is None:
        base = paths[0] if len(paths) == 1 and paths[0].is_dir() else None
    base = Path(base) if base is not None else None
    found = scan(paths, library)
    rel = lambda p: _rel(p, base)  # noqa: E731
    findings: list[Finding] = [Finding("unreadable", "error", f"{rel(e.path)}: {e.message}",
                                       (rel(e.path),), ()) for e in found.errors]
    roles = []
    for r in found.roles:
        g = r.node.req("general")
        roles.append(_Role(rel(r.path), r.jd.general.title, r.jd.general.unit,
                           r.jd.general.supervisor, tuple(_titles_of(g.get("substituted_by"))),
                           tuple(_titles_of(g.get("substitutes")))))
    titles = _Titles()

    def holders(title: str, but: _Role) -> list[_Role]:
        return [b for b in roles if b is not but and titles.same(title, b.title)]

    # substitution: A names B as substitute ⇔ B lists A as whom it substitutes
    for a in roles:
        done: set[int] = set()
        for t in a.substituted_by:
            for b in holders(t, a):
                if id(b) in done:
                    continue
                done.add(id(b))
                if not any(titles.same(x, a.title) for x in b.substitutes):
                    findings.append(Finding(
                        "substitution", "warning",
                        f"{a.file} names '{b.title}' as its substitute (general.substituted_by) "
                        f"but {b.file} does not list '{a.title}' among whom it substitutes "
                        f"(general.substitutes)", (a.file, b.file),
                        ("general.substituted_by", "general.substitutes")))
        done = set()
        for t in a.substitutes:
            for b in holders(t, a):
                if id(b) in done:
                    continue
                done.add(id(b))
                if not any(titles.same(x, a.title) for x in b.substituted_by):
                    findings.append(Finding(
                        "substitution", "warning",
                        f"{a.file} substitutes '{b.title}' (general.substitutes) but {b.file} "
                        f"does not name '{a.title}' as its substitute (general.substituted_by)",
                        (a.file, b.file), ("general.substitutes", "general.substituted_by")))

    # supervisors no role in the set holds (a head outside the set): one note per title
    outside: dict[str, list[_Role]] = {}
    for a in roles:
        if not [b for b in roles if titles.same(a.supervisor, b.title) and b is not a]:
            outside.setdefault(_norm(a.supervisor), []).append(a)
    for group in outside.values():
        files = tuple(a.file for a in group)
        findings.append(Finding(
            "supervisor", "note",
            f"supervisor '{group[0].supervisor}' is held by no role in the set (outside the "
            f"set): {', '.join(files)}", files, ("general.supervisor",)))

    # supervision cycles
    edges = {id(a): [b for b in roles if titles.same(a.supervisor, b.title)] for a in roles}
    for cycle in _cycles(roles, edges):
        chain = " → ".join(f"{r.title} ({r.file})" for r in cycle + [cycle[0]])
        findings.append(Finding(
            "supervision-cycle", "warning",
            f"supervision cycle (each is supervised by the next): {chain}",
            tuple(r.file for r in cycle), ("general.supervisor", "general.title")))

    # two roles with the same title in the same unit
    groups: dict[tuple, list[_Role]] = {}
    for a in roles:
        groups.setdefault((_norm(a.title), tuple(_norm(p) for p in a.unit.path)), []).append(a)
    for group in groups.values():
        if len(group) > 1:
            files = tuple(a.file for a in group)
            findings.append(Finding(
                "duplicate", "warning",
                f"{len(group)} roles have the same title '{group[0].title}' and unit "
                f"'{group[0].unit}': {', '.join(files)}", files,
                ("general.title", "general.unit")))

    # one unit written in different ways
    for level in ("department", "division", "team"):
        names: dict[str, list[str]] = {}
        for a in roles:
            n = getattr(a.unit, level)
            if n:
                names.setdefault(n, []).append(a.file)
        keys = list(names)
        for i, x in enumerate(keys):
            for y in keys[i + 1:]:
                if unit_spellings_differ(x, y):
                    findings.append(Finding(
                        "unit-spelling", "warning",
                        f"the {level} is written '{x}' in {', '.join(names[x])} but '{y}' in "
                        f"{', '.join(names[y])}", tuple(names[x] + names[y]),
                        (f"general.unit.{level}",)))
    return UnitReport(tuple(r.file for r in roles), tuple(findings))


def _cycles(roles: list, edges: dict) -> list[list]:
    """One cycle per strongly connected component of the supervision graph (Tarjan)."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list = []
    on: set[int] = set()
    comps: list[list] = []
    counter = [0]

    def strong(v) -> None:
        index[id(v)] = low[id(v)] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(id(v))
        for w in edges[id(v)]:
            if id(w) not in index:
                strong(w)
                low[id(v)] = min(low[id(v)], low[id(w)])
            elif id(w) in on:
                low[id(v)] = min(low[id(v)], index[id(w)])
        if low[id(v)] == index[id(v)]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(id(w))
                comp.append(w)
                if w is v:
                    break
            comps.append(comp)

    for v in roles:
        if id(v) not in index:
            strong(v)
    out = []
    order = {id(r): k for k, r in enumerate(roles)}
    for comp in comps:
        members = {id(r) for r in comp}
        if len(comp) == 1 and comp[0] not in edges[id(comp[0])]:
            continue
        start = min(comp, key=lambda r: order[id(r)])
        path, seen, v = [start], {id(start)}, start
        while True:  # follow edges inside the component until the start comes round again
            nxt = [w for w in edges[id(v)] if id(w) in members]
            back = next((w for w in nxt if w is start), None)
            if back is not None and len(path) > 1 or (len(comp) == 1):
                break
            w = next((w for w in nxt if id(w) not in seen), None)
            if w is None:
                break
            path.append(w)
            seen.add(id(w))
            v = w
        out.append(path)
    return out
