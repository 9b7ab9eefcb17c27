"""The workspace: the one way to find role, directive and library files, and documents to import,
in a user's folders.

A **role file** is a ``*.yaml``/``*.yml`` file whose top level has ``preset:``; a **directive
file** has ``annexes:``; a **library file** has ``blocks:`` (or is a preset: ``id:`` and
``title:``). Folders are searched recursively; folders and files whose name starts with a dot
(below the folder given) are skipped, as are Word's ``~$`` lock files.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from pathlib import Path
from typing import Iterable

from .errors import AjdocError, Place

YAML_SUFFIXES = (".yaml", ".yml")
DOCUMENT_SUFFIXES = (".docx", ".txt")
ROLE, DIRECTIVE, LIBRARY, OTHER = "role", "directive file", "library file", "other"
_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:", re.M)

OUTSIDE_ALLOWED: ContextVar[bool] = ContextVar("ajdoc_outside_allowed", default=True)
"""Whether annex and library paths of a directive file may lead out of its folder tree, when the
caller does not say (the command line sets False unless --allow-outside; read by
``compose.directive``)."""


def _hidden(path: Path, folder: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(folder).parts)


def _folder(folder: Path | str) -> Path:
    folder = Path(folder)
    if not folder.is_dir():
        raise AjdocError("folder not found" if not folder.exists() else "is not a folder",
                         Place(file=str(folder)))
    return folder


def yaml_files(folder: Path | str) -> list[Path]:
    """The YAML files under `folder`, recursively, hidden ones skipped, sorted by relative path."""
    folder = _folder(folder)
    out = [p for p in folder.rglob("*") if p.suffix in YAML_SUFFIXES and not _hidden(p, folder)
           and p.is_file()]
    return sorted(out, key=lambda p: p.relative_to(folder).as_posix())


def kind_of(keys: Iterable[object]) -> str:
    """What a YAML file is, from its top-level keys."""
    keys = {k for k in keys if isinstance(k, str)}
    if "preset" in keys:
        return ROLE
    if "annexes" in keys:
        return DIRECTIVE
    if "blocks" in keys or {"id", "title"} <= keys:
        return LIBRARY
    return OTHER


def top_level_keys(text: str) -> set[str]:
    """The keys a YAML text's top-level mapping names, read without parsing (for finding)."""
    return set(_TOP_KEY.findall(text))


def role_files(folder: Path | str) -> list[Path]:
    """The role files under `folder` (see the module's description)."""
    out = []
    for path in yaml_files(folder):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if kind_of(top_level_keys(text)) == ROLE:
            out.append(path)
    return out


def document_files(folder: Path | str) -> list[Path]:
    """The documents to import in a folder (.docx, .txt; not its subfolders)."""
    folder = _folder(folder)
    return sorted(p for p in folder.iterdir() if p.is_file() and
                  p.suffix.lower() in DOCUMENT_SUFFIXES and not p.name.startswith(("~$", ".")))
