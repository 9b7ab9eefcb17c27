"""The `preview` command: PNG images of each page of a DOCX, role or directive file.

The --pdf, --pdf-a and --asice options of `render` and `directive` are in ``cli.options``
(``delivery_options``); what they do is ``ajdoc.delivery.check_delivery`` and ``deliver``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from .. import delivery
from .echo import written
from .options import PathArg, force_option, layout_option, library_option


@click.command()
@click.argument("source", type=PathArg)
@click.option("-o", "--output", "outdir", type=PathArg, required=True,
              help="The folder for the images (NAME-1.png, NAME-2.png, …).")
@click.option("--dpi", type=click.IntRange(10, 600), default=100, show_default=True,
              help="The images' resolution (100 dpi: 827 × 1169 pixels for an A4 page).")
@layout_option("The layout of a role file (default 2022) or of a directive's annexes "
               "(default: the directive file's).")
@force_option("Overwrite existing images.")
@library_option()
def preview(source: Path, outdir: Path, dpi: int, layout: Optional[str], force: bool,
            libraries: tuple[Path, ...]) -> None:
    """PNG images of each page of SOURCE: a DOCX file, a role file (rendered first) or a directive
    file (its combined document). Needs LibreOffice and poppler-utils (pdftoppm)."""
    written(delivery.preview(source, outdir, dpi=dpi, layout=layout, force=force,
                             library=libraries))
