"""Lint of a file of either kind: a role file, or a directive file with its annexes' role files."""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence

from .. import yamlio
from ..library import Library
from ..resources import ProfileArg
from .directive import lint_directive_file
from .findings import Checked, is_directive_file
from .role import lint_role_file


def lint_file(path: Path | str, library: Sequence[Path | str] | Library | None = None,
              layout: Optional[str] = None, profile: ProfileArg = None) -> Checked:
    """Lint a role or directive file: what it is, what it composed to, and its warnings.
    Mistakes raise AjdocError."""
    node = yamlio.load(path)
    if is_directive_file(node):
        return lint_directive_file(node, path, library, layout, profile)
    return lint_role_file(node, library, layout, profile)
