"""The language command: `inflect` (phrases in a grammatical case, for people and for scripts)."""

from __future__ import annotations

import sys
from typing import Iterable, Optional

import click

from .. import language
from .echo import error

CASES = list(language.CASES)


def _phrases(given: tuple[str, ...]) -> Iterable[str]:
    """The phrases: the arguments, or one per line on standard input (none given, or "-")."""
    if given and given != ("-",):
        return given
    return (line.strip() for line in sys.stdin if line.strip())


@click.command()
@click.argument("phrases", nargs=-1)
@click.option("--case", "case", type=click.Choice(CASES), default="genitive", show_default=True,
              help="The case to print.")
@click.option("--all", "all_cases", is_flag=True,
              help="Print every case the documents use, the other correct forms after the "
                   "printed one.")
@click.option("--engine", type=click.Choice(["vabamorf", "table"]),
              help="Force a morphology engine (default: the shipped table, Vabamorf for the "
                   "words it lacks when installed).")
def inflect(phrases: tuple[str, ...], case: str, all_cases: bool, engine: Optional[str]) -> None:
    """Print each PHRASE in a case, one answer per line ("laste heaolu osakond" → "laste heaolu
    osakonna"). Give the phrases as arguments (quote each), or one per line on standard input;
    a phrase that cannot be formed for sure is named on standard error, and the exit code is 2
    when there was one."""
    eng = language.engine(engine)
    refused = 0
    cases = CASES if all_cases else [case]
    for answer in language.inflect_many(_phrases(phrases), cases, eng=eng):
        if answer.error is not None:
            refused += 1
            error(answer.error)
            if not all_cases:
                click.echo("")  # one line per phrase, so that answers stay in step
            continue
        if all_cases:
            others = f"  (also: {' / '.join(answer.forms[1:])})" if len(answer.forms) > 1 else ""
            click.echo(f"{answer.phrase}\t{answer.case}\t{answer.forms[0]}{others}")
        else:
            click.echo(answer.forms[0])
    if refused:
        sys.exit(2)
