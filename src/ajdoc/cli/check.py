"""The `check` command: validate a role or directive file (or every one in a folder) and warn
about what is likely wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from .. import workspace, yamlio
from ..checks.findings import Checked, is_directive_file
from ..checks.role import lint_role_file
from ..errors import AjdocError, Place
from .echo import error, fail, warn
from .options import PathArg, layout_option, library_option, profile_option


def _lint(file: Path, libraries: tuple[Path, ...], layout: Optional[str],
          profile: Optional[str]) -> Checked:
    """`checks.files.lint_file`, loading a directive's checks only for a directive file."""
    node = yamlio.load(file)
    if is_directive_file(node):
        from ..checks.directive import lint_directive_file  # a role's check loads none of it

        return lint_directive_file(node, file, libraries, layout, profile)
    return lint_role_file(node, libraries, layout, profile)


def _check_one(file: Path, strict: bool, verbose: bool, layout: Optional[str],
               libraries: tuple[Path, ...], profile: Optional[str]) -> None:
    checked = _lint(file, libraries, layout, profile)
    warnings_ = checked.warnings
    if strict and warnings_:
        listed = "; ".join(str(w) for w in warnings_)
        raise AjdocError(f"{len(warnings_)} warning(s) treated as errors (--strict): {listed}",
                         Place(file=str(file)))
    for w in warnings_:
        warn(str(w))
    if verbose:
        for w in checked.acknowledged:
            click.echo(f"acknowledged: {w}")
    known = f", {len(checked.acknowledged)} acknowledged" if checked.acknowledged else ""
    click.echo(f"{file}: ok ({checked.kind}, {checked.summary}, {len(warnings_)} warning(s)"
               f"{known})")


@click.command()
@click.argument("file", type=PathArg)
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 2), e.g. in CI.")
@click.option("--verbose", "-v", is_flag=True,
              help="Also list the warnings the files acknowledge (acknowledge: in a role file).")
@layout_option("Check against this layout (default: the profile's, or the directive's).")
@library_option()
@profile_option()
def check(file: Path, strict: bool, verbose: bool, layout: Optional[str],
          libraries: tuple[Path, ...], profile: Optional[str]) -> None:
    """Validate a role or directive FILE, or every one under a folder, and warn about what is
    likely wrong; writes nothing. A folder is checked in one process, each file's mistakes
    reported and the rest checked on (exit 2 if any file has one)."""
    if not file.is_dir():
        _check_one(file, strict, verbose, layout, libraries, profile)
        return
    kinds = (workspace.ROLE, workspace.DIRECTIVE)
    files = [p for p in workspace.yaml_files(file) if workspace.kind_of(workspace.top_level_keys(
        p.read_text(encoding="utf-8", errors="replace"))) in kinds]
    if not files:
        raise AjdocError("holds no role or directive files (YAML files with a preset: or "
                         "annexes: key)", Place(file=str(file)))
    failed = 0
    for path in files:
        try:
            _check_one(path, strict, verbose, layout, libraries, profile)
        except AjdocError as exc:
            error(str(exc))
            failed += 1
    if failed:
        fail(f"{failed} of {len(files)} files have mistakes", 2)
