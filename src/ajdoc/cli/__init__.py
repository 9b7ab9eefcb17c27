"""The `ajdoc` command line: render, directive, new, blocks, presets, check, explain, inflect,
template check, import, diff, where-used, upgrade, check-unit, preview.

Exit codes: 0 success, 2 the user's mistake (one message naming file and place), 1 an internal
error. Heavy libraries (docxtpl, lxml, estnltk) are imported only by the commands that need them.
"""

from __future__ import annotations

import os
import sys
import warnings
import click

from .delivery import PathArg as Path  # noqa: E402 - a pathlib.Path, imported on first use
from .delivery import check_delivery, deliver, delivery_options  # noqa: E402 (click only)

LIBRARY_OPTION = click.option(
    "--library", "libraries", multiple=True, type=click.Path(path_type=Path),
    help="A folder of your own blocks/ and presets/, layered over the built-in library "
         "(repeatable; later wins).")


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"ajdoc: error: {message}", err=True)
    sys.exit(code)


def _warn(message: str) -> None:
    click.echo(f"ajdoc: warning: {message}", err=True)


# Commands whose modules load on first use: (module, attribute, the one-line help `--help` shows
# without importing them; tests/test_cli.py checks it against the command's own).
LAZY_COMMANDS = {
    "import": ("ajdoc.cli.importing", "import_",
               "Import job descriptions (.docx, .txt, a folder, a combined directive) as role files."),
    "diff": ("ajdoc.cli.lifecycle", "diff",
             "Compare two job descriptions and say whether the official's consent is needed."),
    "where-used": ("ajdoc.cli.lifecycle", "where_used",
                   "List the role files under FOLDER that use BLOCK, with the version each uses."),
    "upgrade": ("ajdoc.cli.lifecycle", "upgrade",
                "Show (and --write) what a block's newest version changes in each role."),
    "check-unit": ("ajdoc.cli.lifecycle", "check_unit",
                   "Cross-check a unit's role files: substitutes, supervisors, titles, spelling."),
}


class _Group(click.Group):
    """Turns ajdoc's errors into one line and an exit code, never a traceback; loads the
    commands of LAZY_COMMANDS on first use, so start-up imports only click."""

    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def get_command(self, ctx, name):
        if name in LAZY_COMMANDS and name not in self.commands:
            import importlib

            module, attr, _ = LAZY_COMMANDS[name]
            self.add_command(getattr(importlib.import_module(module), attr), name)
        return super().get_command(ctx, name)

    def format_commands(self, ctx, formatter):
        rows = []
        for name in self.list_commands(ctx):
            if name in LAZY_COMMANDS and name not in self.commands:
                rows.append((name, LAZY_COMMANDS[name][2]))
                continue
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(formatter.width - 6 - len(name))))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx):
        from ..errors import AjdocError

        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    return super().invoke(ctx)
                finally:
                    for w in caught:
                        if w.category.__module__.startswith("ajdoc"):
                            _warn(str(w.message))
        except AjdocError as exc:
            _fail(str(exc), exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:  # e.g. `ajdoc blocks | head`
            sys.stderr.close()
            sys.exit(0)
        except KeyboardInterrupt:
            _fail("interrupted; no half-written file was left (files a finished step wrote stay)",
                  130)
        except Exception as exc:  # an ajdoc bug: say so plainly
            if os.environ.get("AJDOC_DEBUG"):
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} "
                  "(set AJDOC_DEBUG=1 for the traceback)", 1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ajdoc")
def main() -> None:
    """ajdoc — Estonian job descriptions (ametijuhend) and approving directives (käskkiri)
    from versioned standard-text blocks and Word templates."""


@main.command()
@click.argument("role", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The DOCX file to write (a folder when ROLE is a folder).")
@click.option("--layout", type=click.Choice(["2022", "2025"]), default="2022", show_default=True,
              help="2022: the eight-section layout; 2025: the table layout.")
@click.option("--template", type=click.Path(path_type=Path),
              help="Your own DOCX template instead of the built-in one of the layout.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@click.option("--jobs", "-j", type=click.IntRange(min=1),
              help="Roles rendered at once when ROLE is a folder (default: the cores available).")
@delivery_options
@LIBRARY_OPTION
def render(role, output, layout, template, force, libraries, jobs, pdf, pdf_a, asice):
    """Render ROLE (a role file) into a Word job description.

    ROLE may be a folder: every role file under it is rendered into the folder OUTPUT (the same
    sub-folders), JOBS at a time, with a progress bar on a terminal; a role that fails is
    reported and skipped (exit 2 at the end)."""
    from .. import api

    if role.is_dir():
        from ..batch import render_folder, summary

        outcomes = render_folder(role, output, layout=layout, template=template, force=force,
                                 library=libraries, jobs=jobs)
        ok, errors = summary(outcomes)
        for e in errors:
            click.echo(f"ajdoc: error: {e}", err=True)
        click.echo(f"rendered {ok} of {len(outcomes)} roles into {output}")
        if errors:
            sys.exit(2)
        return
    check_delivery([output], pdf=pdf, pdf_a=pdf_a, asice=asice, force=force)
    api.render_role(role, output, layout=layout, template=template, force=force,
                    library=libraries)
    click.echo(f"wrote {output}")
    for path in deliver([output], pdf=pdf, pdf_a=pdf_a, asice=asice, force=force):
        click.echo(f"wrote {path}")


@main.command()
@click.argument("directive_file", metavar="DIRECTIVE", type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(path_type=Path),
              help="The folder for the directive, each annex and the register JSON.")
@click.option("--combined", type=click.Path(path_type=Path),
              help="Also (or only) write one document: the directive, then each annex.")
@click.option("--layout", type=click.Choice(["2022", "2025"]),
              help="The annexes' layout (default: the directive file's, else 2025).")
@click.option("--force", is_flag=True, help="Overwrite existing output files.")
@delivery_options
@LIBRARY_OPTION
def directive(directive_file, outdir, combined, layout, force, libraries, pdf, pdf_a, asice):
    """Render a directive (käskkiri) and its annexes from DIRECTIVE (a directive file)."""
    from .. import api

    if outdir is None and combined is None:
        raise click.UsageError("give -o OUTDIR and/or --combined FILE.docx")
    if asice is not None:
        check_delivery([], asice=asice, force=force)
    written = api.write_directive(directive_file, outdir, combined, layout=layout, force=force,
                                  library=libraries)
    for path in written:
        click.echo(f"wrote {path}")
    for path in deliver(written, pdf=pdf, pdf_a=pdf_a, asice=asice, force=force):
        click.echo(f"wrote {path}")


@main.command()
@click.option("--preset", required=True, help="The preset the new role starts from.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The role file (YAML) to write.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@LIBRARY_OPTION
def new(preset, output, force, libraries):
    """Write a commented role-file scaffold from a preset, for a person to fill in."""
    from .. import api

    api.write_scaffold(preset, output, force=force, library=libraries)
    click.echo(f"wrote {output}")


@main.command()
@click.argument("block_id", required=False)
@LIBRARY_OPTION
def blocks(block_id, libraries):
    """List the library's blocks, or show one block with its variants and versions."""
    from ..library import load_library

    lib = load_library(libraries)
    if not block_id:
        for bid in lib.block_ids():
            b = lib.block(bid)
            versions = ",".join(map(str, lib.versions(bid)))
            click.echo(f"{bid:32} v{versions:5} {b.kind:11} {', '.join(b.variants)}")
        return
    from ..errors import Place
    from ..library import Ref

    place = Place(key="BLOCK_ID")
    ref = Ref.parse(block_id, place)
    lib.block(ref, place)  # an unknown id or version says so
    shown = [lib.block(Ref(ref.id, None, ref.version))] if ref.version else [
        lib.block(Ref(ref.id, None, v)) for v in lib.versions(ref.id)]
    for b in shown:
        variants = {ref.variant: b.variant(ref.variant, place)} if ref.variant else b.variants
        click.echo(f"{b.id}@{b.version}  ({b.kind}) {b.title}")
        if b.description:
            click.echo(f"  {b.description}")
        click.echo(f"  from {b.origin}")
        for name, v in variants.items():
            mark = " (default)" if name == b.default else ""
            click.echo(f"  variant {name}{mark}" + (f"  [seed {v.source}]" if v.source else ""))
            if v.text:
                click.echo(f"    {v.text}")
            for it in v.subitems:
                click.echo(f"    sh: {it}")
            for it in v.items:
                text = f"{it.name}: {it.text}" if getattr(it, "name", None) else getattr(
                    it, "text", it)
                click.echo(f"    • {text}")
            for it in v.results:
                click.echo(f"    → {it}")


@main.command()
@LIBRARY_OPTION
def presets(libraries):
    """List the presets with what each extends."""
    from ..library import load_library

    lib = load_library(libraries)
    for pid in lib.preset_ids():
        p = lib.preset(pid)
        ext = f" (extends {p.extends})" if p.extends else ""
        click.echo(f"{pid:22} {p.title}{ext}")


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 2), e.g. in CI.")
@click.option("--layout", type=click.Choice(["2022", "2025"]),
              help="Check against this layout (default: 2022, or the directive's).")
@LIBRARY_OPTION
def check(file, strict, layout, libraries):
    """Validate a role or directive FILE and warn about what is likely wrong; writes nothing."""
    from ..errors import AjdocError, Place
    from ..checks.role import lint_file

    kind, subject, warnings_ = lint_file(file, libraries, layout)
    if strict and warnings_:
        listed = "; ".join(str(w) for w in warnings_)
        raise AjdocError(f"{len(warnings_)} warning(s) treated as errors (--strict): {listed}",
                         Place(file=str(file)))
    for w in warnings_:
        _warn(str(w))
    what = (f"{len(subject.duties)} duties, preset {subject.preset}" if kind == "role"
            else f"{len(subject.annexes)} annexes")
    click.echo(f"{file}: ok ({kind}, {what}, {len(warnings_)} warning(s))")


@main.group()
def template():
    """Work with Word templates."""


@template.command("check")
@click.argument("docx_file", metavar="FILE.docx", type=click.Path(path_type=Path))
def template_check_cmd(docx_file):
    """List tag syntax errors (with the paragraph or table cell), variables ajdoc does not provide
    and, as notes, what the template does not print. Exit 2 when there are errors."""
    from ..errors import AjdocError, Place
    from ..rendering.template_check import check_template

    findings = check_template(docx_file)
    errors = [f for f in findings if f.level == "error"]
    if errors:
        listed = "; ".join(f"{f.where}: {f.message}" for f in errors)
        raise AjdocError(f"{len(errors)} error(s) in the template: {listed}",
                         Place(file=str(docx_file)))
    for f in findings:
        click.echo(f"{docx_file}: {f}")
    click.echo(f"{docx_file}: ok ({len(findings)} note(s))")


@main.command()
@click.argument("role", type=click.Path(path_type=Path))
@LIBRARY_OPTION
def explain(role, libraries):
    """Show, section by section, which block id@version:variant each item came from."""
    from .. import api

    jd = api.load_role(role, library=libraries)
    for line in api.explain(jd):
        click.echo(line)


@main.command()
@click.option("--case", "case", required=True,
              type=click.Choice(["genitive", "partitive", "adessive", "elative"]))
@click.argument("phrase", nargs=-1, required=True)
@click.option("--engine", type=click.Choice(["vabamorf", "table"]),
              help="Force a morphology engine (default: Vabamorf when installed).")
def inflect(case, phrase, engine):
    """Print PHRASE in the given case ("laste heaolu osakond" → "laste heaolu osakonna")."""
    from .. import language

    click.echo(language.inflect(" ".join(phrase), case, eng=language.engine(engine)))


def _add_commands() -> None:
    """`preview` lives beside the delivery options, which render and directive use anyway."""
    from .delivery import preview

    main.add_command(preview)


_add_commands()


def _terminate(signum, frame):  # SIGTERM: unwind like Ctrl-C so temporary files are removed
    raise KeyboardInterrupt


def run() -> None:
    """The console entry point: click's usage errors as one line, exit 2."""
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    try:
        main(standalone_mode=False)
    except click.UsageError as exc:
        command = f"{exc.ctx.info_name} " if exc.ctx and exc.ctx.parent else ""
        hint = f" (see 'ajdoc {command}--help')"
        click.echo(f"ajdoc: error: {exc.format_message()}{hint}", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("ajdoc: error: aborted", err=True)
        sys.exit(1)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)


if __name__ == "__main__":  # pragma: no cover
    run()
