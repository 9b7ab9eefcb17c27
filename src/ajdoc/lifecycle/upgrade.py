"""Upgrading the roles under a folder to a block's newest version: the plan (what each role's job
description would become, with the comparison and consent verdict of each) and writing it.

A role that pins an older version is *re-pinned* (its role file's text, see ``repin``); a role
that does not pin follows the newest version already, and `plan_upgrade` compares it with the
previous version (``since``) so that its re-rendering can be reviewed as well.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import attrs

from .. import workspace, yamlio
from ..compose import LibraryArg, library_of
from ..compare import DEFAULT_THRESHOLD, Comparison, compare
from ..compose.role import compose
from ..errors import AjdocError, Place
from ..library import Library, Ref
from ..model import JobDescription
from ..output import Batch, check_target
from ..rendering import render_job
from .repin import Repin, repin_text, with_version
from .scan import Problem, RoleFile, relative, scan
from .whereused import Use, uses_of


@attrs.frozen
class Upgrade:
    """One role's upgrade: from and to which version, how, the comparison, the new text."""

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
        return {"file": relative(self.path, base), "title": self.use.title,
                "block": self.use.block_id, "variant": self.use.variant,
                "from": self.from_version, "to": self.to_version, "mode": self.mode,
                "pin": self.use.pin, "repins": [attrs.asdict(r) for r in self.repins],
                "error": self.error,
                "comparison": self.comparison.to_dict() if self.comparison else None}


@attrs.frozen
class UpgradePlan:
    """What upgrading the roles under a folder to a block's version would change."""

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
        """The plan as "text", "markdown" or "json"."""
        if fmt == "json":
            return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
        md = fmt == "markdown"
        item = "- " if md else "  "
        base = self.folder
        lines = [(f"# Upgrade of {self.block_id} to version {self.target}" if md else
                  f"upgrade {self.block_id} → @{self.target}: {len(self.upgrades)} role file(s)")]
        if md:
            lines.append("")
        for u in self.upgrades:
            name = relative(u.path, base)
            how = (f"pinned @{u.from_version} ({u.use.pin}): re-pin to @{u.to_version}"
                   if u.mode == "re-pin" else
                   f"follows the newest version: @{u.from_version} → @{u.to_version}")
            lines.append(f"## {name}" if md else f"\n== {name} ({u.use.title})")
            if md:
                lines.append("")
            lines.append(f"{'- ' if md else ''}{how}")
            lines += [f"{item}re-pin {r}" for r in u.repins]
            if u.error:
                lines.append(f"{item}cannot upgrade: {u.error}")
            if u.comparison is not None:
                body = u.comparison.format("markdown" if md else "text")
                if md:
                    body = "\n".join(("#" + ln) if ln.startswith("#") else ln
                                     for ln in body.splitlines())
                lines.append(body if md else "\n".join(
                    "  " + ln if ln else ln for ln in body.splitlines()))
        if self.current:
            lines.append("")
            lines.append("Already at the target version:")
            lines += [f"{item}{relative(c.path, base)} ({c.ref})" for c in self.current]
        if self.errors:
            lines.append("Not readable:")
            lines += [f"{item}{relative(e.path, base)}: {e.message}" for e in self.errors]
        return "\n".join(lines) + "\n"


def _previous_version(lib: Library, bid: str, below: int) -> Optional[int]:
    older = [v for v in lib.versions(bid) if v < below]
    return max(older) if older else None


def plan_upgrade(folder: Path | str, block: str, library: LibraryArg = None, *,
                 since: Optional[int] = None, threshold: float = DEFAULT_THRESHOLD,
                 layout: str = "2022") -> UpgradePlan:
    """What upgrading the roles under `folder` to the newest version of `block` (or ID@N: to
    version N) would change, role by role, with the consent verdict of each."""
    lib = library_of(library)
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
        new_jd = compose(with_version(role.node, use.block_id, target), lib)
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
        old_jd = compose(with_version(role.node, use.block_id, since), lib)
    except AjdocError as exc:
        return attrs.evolve(base, error=f"with {use.block_id}@{since}: {exc.message}")
    cmp = compare(old_jd, role.jd, threshold=threshold, layout=layout,
                  old_name=f"{role.path} ({use.block_id}@{since})",
                  new_name=f"{role.path} ({use.block_id}@{use.version})")
    return attrs.evolve(base, comparison=cmp)


def docx_target(upgrade: Upgrade, out: Optional[Path | str] = None) -> Path:
    """Where an upgraded role's DOCX goes: next to its role file, or into `out`."""
    folder = Path(out) if out is not None else upgrade.path.parent
    return folder / f"{upgrade.path.stem}.docx"


def upgraded(upgrade: Upgrade) -> JobDescription:
    """The upgraded job description of a ready upgrade."""
    if upgrade.new_jd is None:  # pragma: no cover - a ready upgrade always has one
        raise AjdocError(f"{upgrade.path}: no upgraded job description ({upgrade.error})")
    return upgrade.new_jd


def write_upgrade(plan: UpgradePlan, *, out: Optional[Path | str] = None, force: bool = False,
                  layout: Optional[str] = None) -> list[Path]:
    """Re-pin the pinned role files in place and render every upgraded role's DOCX next to it
    (or into `out`); all files or none. An existing DOCX is not overwritten without `force`."""
    if out is not None and not Path(out).is_dir():
        raise AjdocError("the output folder does not exist", Place(file=str(out)),
                         "create it first")
    ready = plan.ready
    targets = [docx_target(u, out) for u in ready]
    for t in targets:
        check_target(t, force)
    with Batch(force=True) as batch:
        for u, t in zip(ready, targets):
            batch.add(t, render_job(upgraded(u), layout or plan.layout))
        for u in ready:
            if u.new_text is not None:
                batch.add(u.path, u.new_text.encode("utf-8"))
        return batch.paths()
