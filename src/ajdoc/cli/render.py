"""The rendering commands: `render` (a role, or a folder of them), `directive`, `new`, and
`explain` (which block each item of a rendered role comes from)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import click

from .. import api
from ..batch import render_folder, summary
from ..delivery import check_delivery, deliver
from .echo import error, written
from .options import (PathArg, delivery_options, force_option, layout_option, library_option,
                      profile_option)


@click.command()
@click.argument("role", type=PathArg)
@click.option("-o", "--output", type=PathArg, required=True,
              help="The DOCX file to write (a folder when ROLE is a folder).")
@layout_option("The layout (default: the profile's; the SKA's: 2022, the eight-section layout; "
               "2025, the table layout).")
@click.option("--template", type=PathArg,
              help="Your own DOCX template instead of the built-in one of the layout.")
@force_option()
@click.option("--jobs", "-j", type=click.IntRange(min=1),
              help="Roles rendered at once when ROLE is a folder (default: the cores available).")
@delivery_options
@library_option()
@profile_option()
def render(role: Path, output: Path, layout: Optional[str], template: Optional[Path],
           force: bool, libraries: tuple[Path, ...], profile: Optional[str], jobs: Optional[int],
           pdf: bool, pdf_a: bool, asice: Optional[Path]) -> None:
    """Render ROLE (a role file) into a Word job description.

    ROLE may be a folder: every role file under it is rendered into the folder OUTPUT (the same
    sub-folders), JOBS at a time, with a progress bar on a terminal; a role that fails is
    reported and skipped (exit 2 at the end)."""
    if role.is_dir():
        outcomes = render_folder(role, output, layout=layout, template=template, force=force,
                                 library=libraries, jobs=jobs, profile=profile)
        ok, errors = summary(outcomes)
        for e in errors:
            error(e)
        click.echo(f"rendered {ok} of {len(outcomes)} roles into {output}")
        if errors:
            sys.exit(2)
        return
    check_delivery([output], pdf=pdf, pdf_a=pdf_a, asice=asice, force=force)
    api.render_role(role, output, layout=layout, template=template, force=force,
                    library=libraries, profile=profile)
    written([output])
    written(deliver([output], pdf=pdf, pdf_a=pdf_a, asice=asice, force=force))


@click.command()
@click.argument("directive_file", metavar="DIRECTIVE", type=PathArg)
@click.option("-o", "--output", "outdir", type=PathArg,
              help="The folder for the directive, each annex and the register JSON.")
@click.option("--combined", type=PathArg,
              help="Also (or only) write one document: the directive, then each annex.")
@layout_option("The annexes' layout (default: the directive file's, else the profile's).")
@force_option("Overwrite existing output files.")
@delivery_options
@library_option()
@profile_option()
def directive(directive_file: Path, outdir: Optional[Path], combined: Optional[Path],
              layout: Optional[str], force: bool, libraries: tuple[Path, ...],
              profile: Optional[str], pdf: bool, pdf_a: bool, asice: Optional[Path]) -> None:
    """Render a directive (käskkiri) and its annexes from DIRECTIVE (a directive file)."""
    if outdir is None and combined is None:
        raise click.UsageError("give -o OUTDIR and/or --combined FILE.docx")
    if asice is not None:
        check_delivery([], asice=asice, force=force)
    paths = api.write_directive(directive_file, outdir, combined, layout=layout, force=force,
                                library=libraries, profile=profile)
    written(paths)
    written(deliver(paths, pdf=pdf, pdf_a=pdf_a, asice=asice, force=force))


@click.command()
@click.option("--preset", required=True, help="The preset the new role starts from.")
@click.option("-o", "--output", type=PathArg, required=True,
              help="The role file (YAML) to write.")
@click.option("--position-group", type=click.Choice(["ametnik", "töötaja"]),
              help="ametnik (official) or töötaja (employee): the wording of the standard texts "
                   "and the signature (default: the preset's).")
@force_option()
@library_option()
@profile_option()
def new(preset: str, output: Path, position_group: Optional[str], force: bool,
        libraries: tuple[Path, ...], profile: Optional[str]) -> None:
    """Write a commented role-file scaffold from a preset, for a person to fill in."""
    api.write_scaffold(preset, output, force=force, library=libraries,
                       position_group=position_group, profile=profile)
    written([output])


@click.command()
@click.argument("role", type=PathArg)
@library_option()
@profile_option()
def explain(role: Path, libraries: tuple[Path, ...], profile: Optional[str]) -> None:
    """Show, section by section, which block id@version:variant each item came from."""
    jd = api.load_role(role, library=libraries, profile=profile)
    for line in api.explain(jd):
        click.echo(line)
