"""The `check` command: validate a role or directive file and warn about what is likely wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from ..checks.role import lint_file
from ..errors import AjdocError, Place
from .echo import warn
from .options import PathArg, layout_option, library_option


@click.command()
@click.argument("file", type=PathArg)
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 2), e.g. in CI.")
@click.option("--verbose", "-v", is_flag=True,
              help="Also list the warnings the files acknowledge (acknowledge: in a role file).")
@layout_option("Check against this layout (default: 2022, or the directive's).")
@library_option()
def check(file: Path, strict: bool, verbose: bool, layout: Optional[str],
          libraries: tuple[Path, ...]) -> None:
    """Validate a role or directive FILE and warn about what is likely wrong; writes nothing."""
    checked = lint_file(file, libraries, layout)
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
