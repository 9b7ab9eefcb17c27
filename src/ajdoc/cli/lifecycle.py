"""The lifecycle commands: `diff`, `where-used`, `upgrade`, `check-unit` (click commands only; the
main group adds them: ``main.add_command(diff)`` …).

Exit codes (as every ajdoc command: 2 a mistake in the input, 1 an internal error):

* ``diff``: 0 for every completed comparison, whatever the verdict (it is in the output);
* ``where-used``, ``upgrade``: 0 when done, also when some role files could not be read (they are
  listed); 2 for an unknown block or folder;
* ``check-unit``: 0 with the findings printed; with ``--strict``, 2 when there is a warning or an
  unreadable file (notes, such as a supervisor outside the set, never fail).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

LIBRARY_OPTION = click.option(
    "--library", "libraries", multiple=True, type=click.Path(path_type=Path),
    help="A folder of your own blocks/ and presets/, layered over the built-in library "
         "(repeatable; later wins).")
THRESHOLD_OPTION = click.option(
    "--threshold", type=click.FloatRange(min=0), default=0.1, show_default=True,
    help="Growth of the duties' volume (words of the core duties) above which the official's "
         "consent is needed, as a share: 0.1 = 10 %.")
LAYOUT_OPTION = click.option(
    "--layout", type=click.Choice(["2022", "2025"]), default="2022", show_default=True,
    help="The layout to render (and to number the duties) in.")


def _fmt_option(choices):
    return click.option("--format", "fmt", type=click.Choice(choices), default="text",
                        show_default=True, help="Output format.")


@click.command("diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@_fmt_option(["text", "markdown", "json"])
@THRESHOLD_OPTION
@click.option("--docx", "redline_path", type=click.Path(path_type=Path),
              help="Also write NEW as a Word document with tracked changes against OLD.")
@click.option("--force", is_flag=True, help="Overwrite an existing --docx file.")
@LAYOUT_OPTION
@LIBRARY_OPTION
def diff(old, new, fmt, threshold, redline_path, force, layout, libraries):
    """Compare two job descriptions (role files, or DOCX files) section by section and say
    whether the official's consent is needed for the change."""
    from .. import compare as dmod
    from ..api import _lib

    lib = _lib(libraries)
    old_jd, new_jd = dmod.load_any(old, lib), dmod.load_any(new, lib)
    cmp = dmod.compare(old_jd, new_jd, threshold=threshold, layout=layout,
                       old_name=str(old), new_name=str(new))
    if redline_path is not None:
        from ..compare.redline import redline

        redline(old_jd, new_jd, redline_path, layout=layout, force=force)
    click.echo(cmp.format(fmt), nl=False)
    if redline_path is not None:
        click.echo(f"wrote {redline_path}", err=True)


@click.command("where-used")
@click.argument("block")
@click.argument("folder", type=click.Path(path_type=Path))
@_fmt_option(["text", "json"])
@LIBRARY_OPTION
def where_used(block, folder, fmt, libraries):
    """List the role files under FOLDER that use BLOCK (ID[:VARIANT][@VERSION]), with the version
    and variant each resolves to and whether it pins a version."""
    import json

    from ..lifecycle import where_used as find

    found = find(block, folder, libraries)
    if fmt == "json":
        click.echo(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(found.format_text(), nl=False)


@click.command("upgrade")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--block", "block", required=True,
              help="The block to upgrade: ID (to its newest version) or ID@VERSION.")
@click.option("--since", type=click.IntRange(min=1),
              help="For roles that follow the newest version: the version to compare with "
                   "(default: the one before the newest).")
@click.option("--write", "write", is_flag=True,
              help="Re-pin the pinned role files and render every upgraded role's DOCX.")
@click.option("-o", "--out", type=click.Path(path_type=Path),
              help="With --write: the folder for the DOCX files (default: next to each role).")
@click.option("--directive", "directive_path", type=click.Path(path_type=Path),
              help="Draft the amending directive file (Ametijuhendi muutmine) with the upgraded "
                   "roles as annexes.")
@click.option("--force", is_flag=True, help="Overwrite existing DOCX / directive files.")
@_fmt_option(["text", "markdown", "json"])
@THRESHOLD_OPTION
@LAYOUT_OPTION
@LIBRARY_OPTION
def upgrade(folder, block, since, write, out, directive_path, force, fmt, threshold, layout,
            libraries):
    """Show what upgrading the roles under FOLDER to the newest version of a block would change
    (the comparison and consent verdict of each role); --write does it."""
    from .. import lifecycle

    if out is not None and not write:
        raise click.UsageError("-o/--out is for --write")
    plan = lifecycle.plan_upgrade(folder, block, libraries, since=since, threshold=threshold,
                                  layout=layout)
    click.echo(plan.format(fmt), nl=False)
    if write:
        for path in lifecycle.write_upgrade(plan, out=out, force=force, layout=layout):
            click.echo(f"wrote {path}", err=True)
    if directive_path is not None:
        path = lifecycle.draft_directive(plan, directive_path, force=force, layout=layout,
                                         library=libraries)
        click.echo(f"wrote {path}", err=True)


@click.command("check-unit")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True,
              help="Exit 2 when there is a warning or an unreadable file (for CI).")
@_fmt_option(["text", "json"])
@LIBRARY_OPTION
def check_unit(paths, strict, fmt, libraries):
    """Cross-check the role files of a unit (folders, files, or a directive file standing for its
    annexes): substitutes named both ways, supervisors, supervision cycles, duplicate posts, unit
    names spelt differently."""
    import json

    from ..lifecycle import check_unit as run

    report = run(list(paths), libraries)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(report.format_text(), nl=False)
    if strict and not report.clean:
        sys.exit(2)


COMMANDS = (diff, where_used, upgrade, check_unit)
