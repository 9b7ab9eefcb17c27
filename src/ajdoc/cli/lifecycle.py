"""The lifecycle commands: `where-used`, `upgrade`, `check-unit`.

Exit codes (as every ajdoc command: 2 a mistake in the input, 1 an internal error):

* ``where-used``, ``upgrade``: 0 when done, also when some role files could not be read (they are
  listed); 2 for an unknown block or folder;
* ``check-unit``: 0 with the findings printed; with ``--strict``, 2 when there is a warning or an
  unreadable file (notes, such as a supervisor outside the set, never fail).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Optional

import click

from .. import lifecycle
from ..checks import unit
from ..compare import DEFAULT_THRESHOLD
from .echo import written
from .options import PathArg, force_option, format_option, layout_option, library_option, \
    threshold_option


@click.command("where-used")
@click.argument("block")
@click.argument("folder", type=PathArg)
@format_option("text", "json")
@library_option()
def where_used(block: str, folder: Path, fmt: str, libraries: tuple[Path, ...]) -> None:
    """List the role files under FOLDER that use BLOCK (ID[:VARIANT][@VERSION]), with the version
    and variant each resolves to and whether it pins a version."""
    found = lifecycle.where_used(block, folder, libraries)
    if fmt == "json":
        click.echo(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(found.format_text(), nl=False)


@click.command("upgrade")
@click.argument("folder", type=PathArg)
@click.option("--block", "block", required=True,
              help="The block to upgrade: ID (to its newest version) or ID@VERSION.")
@click.option("--since", type=click.IntRange(min=1),
              help="For roles that follow the newest version: the version to compare with "
                   "(default: the one before the newest).")
@click.option("--write", "write", is_flag=True,
              help="Re-pin the pinned role files and render every upgraded role's DOCX.")
@click.option("-o", "--out", type=PathArg,
              help="With --write: the folder for the DOCX files (default: next to each role).")
@click.option("--directive", "directive_path", type=PathArg,
              help="Draft the amending directive file with the upgraded roles as annexes.")
@force_option("Overwrite existing DOCX / directive files.")
@format_option("text", "markdown", "json")
@threshold_option(DEFAULT_THRESHOLD)
@layout_option("The layout to render (and to number the duties) in.", default="2022")
@library_option()
def upgrade(folder: Path, block: str, since: Optional[int], write: bool, out: Optional[Path],
            directive_path: Optional[Path], force: bool, fmt: str, threshold: float, layout: str,
            libraries: tuple[Path, ...]) -> None:
    """Show what upgrading the roles under FOLDER to the newest version of a block would change
    (the comparison and consent verdict of each role); --write does it."""
    if out is not None and not write:
        raise click.UsageError("-o/--out is for --write")
    plan = lifecycle.plan_upgrade(folder, block, libraries, since=since, threshold=threshold,
                                  layout=layout)
    click.echo(plan.format(fmt), nl=False)
    if write:
        written(lifecycle.write_upgrade(plan, out=out, force=force, layout=layout), err=True)
    if directive_path is not None:
        written([lifecycle.draft_directive(plan, directive_path, force=force, layout=layout,
                                           library=libraries)], err=True)


@click.command("check-unit")
@click.argument("paths", nargs=-1, required=True, type=PathArg)
@click.option("--strict", is_flag=True,
              help="Exit 2 when there is a warning or an unreadable file (for CI).")
@format_option("text", "json")
@library_option()
def check_unit(paths: tuple[Path, ...], strict: bool, fmt: str,
               libraries: tuple[Path, ...]) -> None:
    """Cross-check the role files of a unit (folders, files, or a directive file standing for its
    annexes): substitutes named both ways, supervisors, supervision cycles, duplicate posts, unit
    names spelt differently."""
    report = unit.check_unit(list(paths), libraries)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(report.format_text(), nl=False)
    if strict and not report.clean:
        sys.exit(2)



def __getattr__(name: str) -> Any:
    """COMMANDS: the lifecycle commands with `diff`, for tests/test_diff.py and
    tests/test_lifecycle.py, which add them to the main group themselves. Built on first use, so
    that `where-used` does not load `diff`'s modules (the redline's Word XML)."""
    if name == "COMMANDS":
        from .compare import diff

        return (diff, where_used, upgrade, check_unit)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
