"""Scanning a unit's role files: every role file under the folders given, read and composed.

**Role files** are found by ``ajdoc.workspace``: the ``*.yaml`` / ``*.yml`` files under a folder
(recursively, hidden folders skipped) whose top level has ``preset:``. Directive files
(``annexes:``) and library files (``blocks:``, presets) are skipped, except that a directive file
named directly stands for its annexes; a file that cannot be read or composed is reported, never
fatal.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Optional

import attrs

from .. import workspace, yamlio
from ..compose import LibraryArg, library_of
from ..compose.role import compose
from ..errors import AjdocError, Place
from ..model import JobDescription


def relative(path: Path, base: Optional[Path]) -> str:
    """`path` relative to `base` (as given when it is elsewhere), with forward slashes."""
    if base is not None:
        try:
            return Path(os.path.relpath(path, base)).as_posix()
        except ValueError:
            pass
    return Path(path).as_posix()


@attrs.frozen
class Problem:
    """A file that could not be used, and why."""

    path: Path
    message: str

    def to_dict(self, base: Optional[Path] = None) -> dict:
        return {"file": relative(self.path, base), "message": self.message}


@attrs.frozen
class RoleFile:
    """A role file: its path, its parsed YAML and its composed job description."""

    path: Path
    node: yamlio.Node = attrs.field(eq=False, repr=False)
    jd: JobDescription = attrs.field(eq=False, repr=False)


@attrs.frozen
class Scan:
    """What a scan found: the role files, the files that failed, the files that are not roles."""

    roles: tuple[RoleFile, ...]
    errors: tuple[Problem, ...]       # unreadable files, role files that do not compose
    skipped: tuple[Problem, ...]      # directive and library files, other YAML


def _classify(node: yamlio.Node) -> str:
    kind = workspace.kind_of(node.value) if node.is_map() else workspace.OTHER
    return "not a role file (no preset:)" if kind == workspace.OTHER else kind


def _files(paths: Iterable[Path | str]) -> tuple[list[Path], set[Path]]:
    """The YAML files to read, and those named directly (resolved)."""
    files: list[Path] = []
    direct: set[Path] = set()
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(workspace.yaml_files(p))
        elif not p.exists():
            raise AjdocError("file or folder not found", Place(file=str(p)))
        else:
            files.append(p)
            direct.add(p.resolve())
    return files, direct


def scan(paths: Iterable[Path | str] | Path | str, library: LibraryArg = None) -> Scan:
    """Read and compose every role file in `paths` (folders searched recursively; a directive
    file stands for its annexes)."""
    lib = library_of(library)
    files, direct = _files([paths] if isinstance(paths, (str, Path)) else paths)
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
        if kind == workspace.DIRECTIVE and key in direct:
            try:
                queue.extend(path.parent / n.as_text() for n in node.req("annexes").as_list())
            except AjdocError as exc:
                errors.append(Problem(path, str(exc)))
            continue
        if kind != workspace.ROLE:
            skipped.append(Problem(path, kind))
            continue
        try:
            jd = compose(node, lib)
        except AjdocError as exc:
            errors.append(Problem(path, str(exc)))
            continue
        roles.append(RoleFile(path, node, jd))
    return Scan(tuple(roles), tuple(errors), tuple(skipped))
