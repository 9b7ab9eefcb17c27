"""The options several commands share, each defined once: the path type, --library, --layout,
--force, --format, --threshold and the delivery options (--pdf, --pdf-a, --asice).

Only the command modules import this module (they load on first use), so reading the layout
names of the default profile costs nothing at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Optional, TypeVar

import click

from .. import resources

F = TypeVar("F", bound=Callable[..., Any])

PathArg = click.Path(path_type=Path)
"""The type of every file or folder argument and option: a pathlib.Path."""

LIBRARY_HELP = ("A folder of your own blocks/ and presets/, layered over the built-in library "
                "(repeatable; later wins).")


def library_option(text: str = LIBRARY_HELP) -> Callable[[F], F]:
    """--library DIR (repeatable), the parameter `libraries`."""
    return click.option("--library", "libraries", multiple=True, type=PathArg, help=text)


def layout_option(text: str, default: Optional[str] = None) -> Callable[[F], F]:
    """--layout, a layout of the profile (checked where the profile is known)."""
    return click.option("--layout", default=default, show_default=default is not None,
                        help=text + f" The default profile's: {', '.join(resources.layout_names())}.")


def profile_option() -> Callable[[F], F]:
    """--profile: the agency's profile, a built-in one's name or a folder (the parameter
    `profile`)."""
    return click.option("--profile", help="The agency's profile: a built-in one's name "
                        f"({', '.join(resources.builtin_profiles())}) or a profile folder "
                        "(default: a file's own profile:, else ska).")


def force_option(text: str = "Overwrite an existing output file.") -> Callable[[F], F]:
    """--force: overwrite what exists (without it, an existing file is an error, exit 2)."""
    return click.option("--force", is_flag=True, help=text)


def format_option(*choices: str) -> Callable[[F], F]:
    """--format (the parameter `fmt`), text by default."""
    return click.option("--format", "fmt", type=click.Choice(choices), default="text",
                        show_default=True, help="Output format.")


def threshold_option(default: float) -> Callable[[F], F]:
    """--threshold, the growth of the duties' volume that needs the official's consent."""
    return click.option(
        "--threshold", type=click.FloatRange(min=0), default=default, show_default=True,
        help="Growth of the duties' volume (words of the core duties) above which the official's "
             "consent is needed, as a share: 0.1 = 10 %.")


def delivery_options(f: F) -> F:
    """The --pdf, --pdf-a and --asice options (parameters pdf, pdf_a, asice)."""
    f = click.option(
        "--asice", type=PathArg, metavar="FILE.asice",
        help="Also write an unsigned ASiC-E container of the files written (DOCX, PDF, the "
             "register JSON), for DigiDoc4 to sign.")(f)
    f = click.option(
        "--pdf-a", "pdf_a", is_flag=True,
        help="Like --pdf, as PDF/A-2b for the archive.")(f)
    f = click.option(
        "--pdf", is_flag=True,
        help="Also write a PDF beside each DOCX (needs LibreOffice).")(f)
    return f

