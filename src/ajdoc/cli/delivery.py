"""The command line's delivery pieces: the `preview` command and the `--pdf`, `--pdf-a`,
`--asice` options of `render` and `directive`, wired in ajdoc.cli.

    from ajdoc.cli.delivery import delivery_options, check_delivery, deliver, preview
    main.add_command(preview)

    @main.command()
    ...
    @delivery_options
    def render(role, output, ..., pdf, pdf_a, asice):
        check_delivery([output], pdf=pdf, pdf_a=pdf_a, asice=asice, force=force)   # before writing
        api.render_role(...)                                                          # the DOCX first
        for path in deliver([output], pdf=pdf, pdf_a=pdf_a, asice=asice, force=force):
            click.echo(f"wrote {path}")

The DOCX files are written first and stay written when the PDF step fails (e.g. LibreOffice is
not installed: exit code 2 with the install command). The PDFs and the container are written
together, all or none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Optional

import click

if TYPE_CHECKING:
    from pathlib import Path


class PathArg:
    """click's `path_type` for file arguments: makes a pathlib.Path, importing pathlib only when a
    command runs (start-up imports nothing but click)."""

    def __new__(cls, value):
        from pathlib import Path

        return Path(value)


def delivery_options(f):
    """The --pdf, --pdf-a and --asice options (parameters pdf, pdf_a, asice)."""
    f = click.option(
        "--asice", type=click.Path(path_type=PathArg), metavar="FILE.asice",
        help="Also write an unsigned ASiC-E container of the files written (DOCX, PDF, the "
             "register JSON), for DigiDoc4 to sign.")(f)
    f = click.option(
        "--pdf-a", "pdf_a", is_flag=True,
        help="Like --pdf, as PDF/A-2b for the archive.")(f)
    f = click.option(
        "--pdf", is_flag=True,
        help="Also write a PDF beside each DOCX (needs LibreOffice).")(f)
    return f


def _pdf_targets(docx: Iterable[Path]) -> list[Path]:
    from pathlib import Path

    return [Path(p).with_suffix(".pdf") for p in docx if Path(p).suffix.lower() == ".docx"]


def check_delivery(docx: Iterable[Path | str], *, pdf: bool = False, pdf_a: bool = False,
                   asice: Optional[Path] = None, force: bool = False) -> None:
    """Before any file is written: the PDF and container targets can be written (no file
    overwritten without --force), the container's name ends in .asice. Does not look for
    LibreOffice: the DOCX files are written without it."""
    from pathlib import Path

    from ..errors import AjdocError, Place
    from ..output import check_target

    targets = _pdf_targets(map(Path, docx)) if (pdf or pdf_a) else []
    if asice is not None:
        if Path(asice).suffix.lower() not in (".asice", ".sce"):
            raise AjdocError("expected a container name ending in .asice",
                             Place(file=str(asice), key="--asice"), "DigiDoc4 opens .asice files")
        targets.append(Path(asice))
    for target in targets:
        check_target(target, force)


def deliver(written: Iterable[Path | str], *, pdf: bool = False, pdf_a: bool = False,
            asice: Optional[Path] = None, force: bool = False) -> list[Path]:
    """After the DOCX files are written: the PDF of each .docx in `written` (beside it; PDF/A-2b
    with `pdf_a`, which implies `pdf`) in one LibreOffice run, and with `asice` a container of
    every file in `written` plus those PDFs. Returns the paths written (PDFs, then the
    container), all or none."""
    from pathlib import Path

    from .. import delivery
    from ..output import Batch

    written = [Path(p) for p in written]
    if not (pdf or pdf_a or asice is not None):
        return []
    check_delivery(written, pdf=pdf, pdf_a=pdf_a, asice=asice, force=force)
    pdfs: dict[Path, bytes] = {}
    docx = [p for p in written if p.suffix.lower() == ".docx"]
    if (pdf or pdf_a) and docx:
        pdfs = delivery.pdf_files(docx, pdf_a=pdf_a)
    with Batch(force=force) as batch:
        for path, data in pdfs.items():
            batch.add(path, data)
        if asice is not None:
            documents = []
            for path in written:
                documents.append((path.name, path.read_bytes()))
                if path.suffix.lower() == ".docx" and path.with_suffix(".pdf") in pdfs:
                    documents.append((path.with_suffix(".pdf").name,
                                      pdfs[path.with_suffix(".pdf")]))
            batch.add(asice, delivery.asice_bytes(documents))
        return batch.paths()


@click.command()
@click.argument("source", type=click.Path(path_type=PathArg))
@click.option("-o", "--output", "outdir", type=click.Path(path_type=PathArg), required=True,
              help="The folder for the images (NAME-1.png, NAME-2.png, …).")
@click.option("--dpi", type=click.IntRange(10, 600), default=100, show_default=True,
              help="The images' resolution (100 dpi: 827 × 1169 pixels for an A4 page).")
@click.option("--layout", type=click.Choice(["2022", "2025"]),
              help="The layout of a role file (default 2022) or of a directive's annexes "
                   "(default: the directive file's).")
@click.option("--force", is_flag=True, help="Overwrite existing images.")
@click.option("--library", "libraries", multiple=True, type=click.Path(path_type=PathArg),
              help="A folder of your own blocks/ and presets/, layered over the built-in library "
                   "(repeatable; later wins).")
def preview(source, outdir, dpi, layout, force, libraries):
    """PNG images of each page of SOURCE: a DOCX file, a role file (rendered first) or a directive
    file (its combined document). Needs LibreOffice and poppler-utils (pdftoppm)."""
    from .. import delivery

    for path in delivery.preview(source, outdir, dpi=dpi, layout=layout, force=force,
                                 library=libraries):
        click.echo(f"wrote {path}")
