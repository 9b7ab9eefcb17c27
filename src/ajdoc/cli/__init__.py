"""The `ajdoc` command line: the main group, its error handling and the table of its commands.

Every command lives in a module of this package, loaded when the command runs (or shows its own
help): `ajdoc --help` imports click and nothing heavy (docxtpl, lxml, estnltk). Exit codes: 0
success, 2 the user's mistake (one message naming file and place), 1 an internal error.
"""

from __future__ import annotations

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
              "Validate a role or directive FILE and warn about what is likely wrong."),
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


class _Group(click.Group):
    """Turns ajdoc's errors into one line and an exit code, never a traceback; loads the
    commands of LAZY_COMMANDS on first use, so start-up imports only click."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> Optional[click.Command]:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module, attr, _ = LAZY_COMMANDS[cmd_name]
            self.add_command(getattr(importlib.import_module(module), attr), cmd_name)
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
            fail(str(exc), exc.exit_code)
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
            fail(f"internal error: {type(exc).__name__}: {exc} "
                 "(set AJDOC_DEBUG=1 for the traceback)", 1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ajdoc")
def main() -> None:
    """ajdoc — Estonian job descriptions (ametijuhend) and approving directives (käskkiri)
    from versioned standard-text blocks and Word templates."""


def _terminate(signum: int, frame: Optional[FrameType]) -> None:
    """SIGTERM: unwind like Ctrl-C, so that temporary files are removed."""
    raise KeyboardInterrupt


def run() -> None:
    """The console entry point: click's usage errors as one line, exit 2."""
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
