"""The `check` command: validate a role or directive file and warn about what is likely wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from ..checks.role import lint_file
from ..errors import AjdocError, Place
from ..model import Directive, JobDescription
from .echo import warn
from .options import PathArg, layout_option, library_option


def _summary(subject: object) -> str:
    """What was checked, in a few words: a role's duties and preset, a directive's annexes."""
    if isinstance(subject, JobDescription):
        return f"{len(subject.duties)} duties, preset {subject.preset}"
    if isinstance(subject, Directive):
        return f"{len(subject.annexes)} annexes"
    raise TypeError(f"lint_file returned a {type(subject).__name__}")  # pragma: no cover


@click.command()
@click.argument("file", type=PathArg)
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 2), e.g. in CI.")
@layout_option("Check against this layout (default: 2022, or the directive's).")
@library_option()
def check(file: Path, strict: bool, layout: Optional[str], libraries: tuple[Path, ...]) -> None:
    """Validate a role or directive FILE and warn about what is likely wrong; writes nothing."""
    kind, subject, warnings_ = lint_file(file, libraries, layout)
    if strict and warnings_:
        listed = "; ".join(str(w) for w in warnings_)
        raise AjdocError(f"{len(warnings_)} warning(s) treated as errors (--strict): {listed}",
                         Place(file=str(file)))
    for w in warnings_:
        warn(str(w))
    click.echo(f"{file}: ok ({kind}, {_summary(subject)}, {len(warnings_)} warning(s))")
