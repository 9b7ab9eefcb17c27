"""The language command: `inflect` (a phrase in a grammatical case)."""

from __future__ import annotations

from typing import Optional

import click

from .. import language


@click.command()
@click.option("--case", "case", required=True,
              type=click.Choice(["genitive", "partitive", "adessive", "elative"]))
@click.argument("phrase", nargs=-1, required=True)
@click.option("--engine", type=click.Choice(["vabamorf", "table"]),
              help="Force a morphology engine (default: Vabamorf when installed).")
def inflect(case: str, phrase: tuple[str, ...], engine: Optional[str]) -> None:
    """Print PHRASE in the given case ("laste heaolu osakond" → "laste heaolu osakonna")."""
    click.echo(language.inflect(" ".join(phrase), case, eng=language.engine(engine)))
