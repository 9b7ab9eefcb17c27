"""The `schema` command: the JSON Schema of a file format, for editors that complete and check
YAML (VS Code with yaml-language-server)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from ..library import load_library
from ..output import check_target, write_atomic
from ..schema.jsonschema import KINDS, text
from .echo import written
from .options import PathArg, force_option, library_option


@click.command("schema")
@click.argument("kind", type=click.Choice(sorted(KINDS)))
@click.option("-o", "--output", type=PathArg, help="Write the schema to this file.")
@force_option()
@library_option("A folder of your own blocks/ and presets/, offered for completion too "
                "(repeatable; later wins).")
def schema(kind: str, output: Optional[Path], force: bool, libraries: tuple[Path, ...]) -> None:
    """Print the JSON Schema of a role, directive, block or preset file.

    In VS Code (the YAML extension), a first line
    `# yaml-language-server: $schema=role.schema.json` in a role file then completes its keys,
    block ids and variants and marks mistakes as you type."""
    data = text(kind, load_library(libraries))
    if output is None:
        click.echo(data, nl=False)
        return
    check_target(output, force)
    write_atomic(output, data.encode("utf-8"), force=force)
    written([output])
