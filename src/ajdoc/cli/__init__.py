"""The `ajdoc` command line: the main group, its error handling and the table of its commands.

Every command lives in a module of this package, loaded when the command runs (or shows its own
help): `ajdoc --help` imports click and nothing heavy (docxtpl, lxml, estnltk). Exit codes: 0
success, 2 the user's mistake (one message naming file and place), 1 an internal error.
"""

from __future__ import annotations

import functools
import gc
import importlib
import os
import signal
import sys
import warnings
from types import FrameType
from typing import Any, Optional

import click

from ..errors import AjdocError
from .echo import fail, warn

# Every command: (module, attribute, the one-line help `ajdoc --help` shows without importing
# the module; tests/test_cli.py checks it against the command's own).
LAZY_COMMANDS = {
    "blocks": ("ajdoc.cli.library", "blocks",
               "List the library's blocks, or show one block with its variants and versions."),
    "check": ("ajdoc.cli.check", "check",
              "Validate a role or directive FILE (or a folder of them); warn about what is wrong."),
    "check-unit": ("ajdoc.cli.lifecycle", "check_unit",
                   "Cross-check a unit's role files: substitutes, supervisors, titles, spelling."),
    "diff": ("ajdoc.cli.compare", "diff",
             "Compare two job descriptions and say whether the official's consent is needed."),
    "directive": ("ajdoc.cli.render", "directive",
                  "Render a directive and its annexes from DIRECTIVE (a directive file)."),
    "explain": ("ajdoc.cli.render", "explain",
                "Show, section by section, which block id@version:variant each item came from."),
    "import": ("ajdoc.cli.importing", "import_",
               "Import job descriptions (.docx, .txt, a folder, a combined directive) as role files."),
    "inflect": ("ajdoc.cli.language", "inflect", "Print each PHRASE in a case, one answer per line."),
    "new": ("ajdoc.cli.render", "new",
            "Write a commented role-file scaffold from a preset, for a person to fill in."),
    "presets": ("ajdoc.cli.library", "presets", "List the presets with what each extends."),
    "profiles": ("ajdoc.cli.library", "profiles", "List the built-in agency profiles."),
    "profile": ("ajdoc.cli.library", "profile", "Work with agency profiles."),
    "preview": ("ajdoc.cli.delivery", "preview",
                "PNG images of each page of SOURCE: a DOCX file, a role file or a directive file."),
    "render": ("ajdoc.cli.render", "render",
               "Render ROLE (a role file) into a Word job description."),
    "schema": ("ajdoc.cli.schema", "schema",
               "Print the JSON Schema of a role, directive, block or preset file."),
    "serve": ("ajdoc.cli.web", "serve",
              "Start the web editor for the role and directive files in FOLDER (default: here)."),
    "template": ("ajdoc.cli.template", "template", "Work with Word templates."),
    "upgrade": ("ajdoc.cli.lifecycle", "upgrade",
                "Show (and --write) what a block's newest version changes in each role."),
    "where-used": ("ajdoc.cli.lifecycle", "where_used",
                   "List the role files under FOLDER that use BLOCK, with the version each uses."),
}


# The parameters that name files a command reads, and those that name files it writes: an output
# naming an input (`render roll.yaml -o roll.yaml`) or two outputs naming one file are refused
# before the command runs, even with --force.
INPUT_PARAMS = frozenset({"file", "paths", "old", "new", "directive_file", "role", "source",
                          "template", "docx_file", "folder"})
OUTPUT_PARAMS = frozenset({"output", "outdir", "combined", "asice", "report_file",
                           "redline_path", "out", "directive_path"})
OPTION_NAMES = {"output": "-o", "outdir": "-o", "out": "-o", "report_file": "--report",
                "redline_path": "--docx", "directive_path": "--directive",
                "combined": "--combined", "asice": "--asice"}


def _one_line(message: str) -> str:
    """A message on one line (a library's text may hold line breaks)."""
    return " ".join(part.strip() for part in message.splitlines() if part.strip())


def _paths(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (tuple, list)) else [value]


def _check_paths(params: dict[str, Any]) -> None:
    """Refuse outputs that name an input file or each other (folders are left to the command)."""
    outputs = [(p, f"the {OPTION_NAMES.get(k, '--' + k)} file") for k in sorted(OUTPUT_PARAMS)
               for p in _paths(params.get(k)) if not os.path.isdir(p)]
    if not outputs:
        return
    from ..output import check_outputs  # on a command that writes only: not at start-up

    check_outputs(outputs, [p for k in INPUT_PARAMS for p in _paths(params.get(k))])


def _guarded(cmd: click.Command) -> click.Command:
    """The command, its callback first checking its paths (_check_paths); groups recursively."""
    if isinstance(cmd, click.Group):
        for sub in cmd.commands.values():
            _guarded(sub)
        return cmd
    callback = cmd.callback
    if callback is None or getattr(callback, "_ajdoc_guarded", False):
        return cmd

    @functools.wraps(callback)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _check_paths(kwargs)
        return callback(*args, **kwargs)

    setattr(guarded, "_ajdoc_guarded", True)
    cmd.callback = guarded
    return cmd


class _Group(click.Group):
    """Turns ajdoc's errors into one line and an exit code, never a traceback; loads the
    commands of LAZY_COMMANDS on first use, so start-up imports only click."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> Optional[click.Command]:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module, attr, _ = LAZY_COMMANDS[cmd_name]
            self.add_command(_guarded(getattr(importlib.import_module(module), attr)),
                             cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
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

    def invoke(self, ctx: click.Context) -> Any:
        # a command runs (help and usage errors ended earlier): a directive's paths stay inside
        # its folder unless --allow-outside; imported here, not at start-up
        from ..workspace import OUTSIDE_ALLOWED

        token = OUTSIDE_ALLOWED.set(bool(ctx.params.get("allow_outside")))
        try:
            return self._invoke(ctx)
        finally:
            OUTSIDE_ALLOWED.reset(token)

    def _invoke(self, ctx: click.Context) -> Any:
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    return super().invoke(ctx)
                finally:
                    for w in caught:
                        if w.category.__module__.startswith("ajdoc"):
                            warn(str(w.message))
        except AjdocError as exc:
            fail(_one_line(str(exc)), exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:  # e.g. `ajdoc blocks | head`
            sys.stderr.close()
            sys.exit(0)
        except KeyboardInterrupt:
            fail("interrupted; no half-written file was left (files a finished step wrote stay)",
                 130)
        except Exception as exc:  # an ajdoc bug: say so plainly
            if os.environ.get("AJDOC_DEBUG"):
                raise
            fail(_one_line(f"internal error: {type(exc).__name__}: {exc} "
                           "(set AJDOC_DEBUG=1 for the traceback)"), 1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ajdoc")
@click.option("--allow-outside", is_flag=True,
              help="Let a directive file name annexes and library folders outside its own "
                   "folder tree (refused by default).")
def main(allow_outside: bool) -> None:
    """ajdoc — Estonian job descriptions (ametijuhend) and approving directives (käskkiri)
    from versioned standard-text blocks and Word templates."""


def _terminate(signum: int, frame: Optional[FrameType]) -> None:
    """SIGTERM: unwind like Ctrl-C, so that temporary files are removed."""
    raise KeyboardInterrupt


# The collector's first threshold for a command (Python's default: 700). Starting a command
# allocates some tens of thousands of objects that all live on (modules, classes, the library);
# collecting every 700 of them cost `ajdoc check` a twentieth of its time and freed nothing.
# Cyclic garbage is still collected, after this many allocations instead.
GC_THRESHOLD = 50_000


def run() -> None:
    """The console entry point: click's usage errors as one line, exit 2. The process ends when
    it returns: what is still alive then is set aside from the collector (``gc.freeze``), so
    that Python's full collections at exit do not walk the whole heap only for the operating
    system to free it (a seventh of a cold `ajdoc check`); files and atexit handlers are
    closed and run as before."""
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    try:
        _run()
    finally:
        gc.freeze()


def _run() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    try:
        main(standalone_mode=False)
    except click.UsageError as exc:
        command = f"{exc.ctx.info_name} " if exc.ctx and exc.ctx.parent else ""
        fail(f"{exc.format_message()} (see 'ajdoc {command}--help')")
    except click.exceptions.Abort:
        fail("aborted", 1)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)


if __name__ == "__main__":  # pragma: no cover
    run()
