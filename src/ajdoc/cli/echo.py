"""How the command line speaks: one-line errors (with the exit code), warnings, files written."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Iterable, NoReturn

import click

if TYPE_CHECKING:  # the main group imports this module at start-up: no pathlib then
    from pathlib import Path


def error(message: str) -> None:
    """Print `ajdoc: error: MESSAGE` (one of several; the command goes on)."""
    click.echo(f"ajdoc: error: {message}", err=True)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print `ajdoc: error: MESSAGE` and exit with `code`."""
    error(message)
    sys.exit(code)


def warn(message: str) -> None:
    """Print `ajdoc: warning: MESSAGE`."""
    click.echo(f"ajdoc: warning: {message}", err=True)


def written(paths: Iterable[Path], err: bool = False) -> None:
    """`wrote PATH` for each file written (on stderr with `err`, when stdout carries a report)."""
    for path in paths:
        click.echo(f"wrote {path}", err=err)
