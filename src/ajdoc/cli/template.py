"""The `template` commands: `template check` (a Word template's tags and variables)."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import AjdocError, Place
from ..rendering.template_check import check_template
from .options import PathArg


@click.group()
def template() -> None:
    """Work with Word templates."""


@template.command("check")
@click.argument("docx_file", metavar="FILE.docx", type=PathArg)
def template_check(docx_file: Path) -> None:
    """List tag syntax errors (with the paragraph or table cell), variables ajdoc does not provide
    and, as notes, what the template does not print. Exit 2 when there are errors."""
    findings = check_template(docx_file)
    errors = [f for f in findings if f.level == "error"]
    if errors:
        listed = "; ".join(f"{f.where}: {f.message}" for f in errors)
        raise AjdocError(f"{len(errors)} error(s) in the template: {listed}",
                         Place(file=str(docx_file)))
    for f in findings:
        click.echo(f"{docx_file}: {f}")
    click.echo(f"{docx_file}: ok ({len(findings)} note(s))")
