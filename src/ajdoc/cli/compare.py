"""The `diff` command: two job descriptions compared section by section, with the consent verdict.

Exit code 0 for every completed comparison, whatever the verdict (it is in the output); 2 for a
mistake in the input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from ..compare import DEFAULT_THRESHOLD, compare, load_any
from ..compare.redline import redline
from ..library import load_library
from .echo import written
from .options import PathArg, force_option, format_option, layout_option, library_option, \
    profile_option, threshold_option


@click.command("diff")
@click.argument("old", type=PathArg)
@click.argument("new", type=PathArg)
@format_option("text", "markdown", "json")
@threshold_option(DEFAULT_THRESHOLD)
@click.option("--docx", "redline_path", type=PathArg,
              help="Also write NEW as a Word document with tracked changes against OLD.")
@force_option("Overwrite an existing --docx file.")
@layout_option("The layout to render (and to number the duties) in (default: the profile's).")
@library_option()
@profile_option()
def diff(old: Path, new: Path, fmt: str, threshold: float, redline_path: Optional[Path],
         force: bool, layout: Optional[str], libraries: tuple[Path, ...],
         profile: Optional[str]) -> None:
    """Compare two job descriptions (role files, or DOCX files) section by section and say
    whether the official's consent is needed for the change."""
    lib = load_library(libraries, profile)
    old_jd, new_jd = load_any(old, lib), load_any(new, lib)
    layout = layout or old_jd.profile.default_layout("role")
    cmp = compare(old_jd, new_jd, threshold=threshold, layout=layout,
                  old_name=str(old), new_name=str(new))
    if redline_path is not None:
        redline(old_jd, new_jd, redline_path, layout=layout, force=force)
    click.echo(cmp.format(fmt), nl=False)
    if redline_path is not None:
        written([redline_path], err=True)
