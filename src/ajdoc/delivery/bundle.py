"""Delivering documents just written: their PDFs and a container, checked first, written together.

    check_delivery([output], pdf=True, asice=Path("aj.asice"))   # before the DOCX is written
    api.render_role(role, output)                                 # the DOCX first
    deliver([output], pdf=True, asice=Path("aj.asice"))          # [aj.pdf, aj.asice]

The DOCX files stay written when the PDF step fails (e.g. LibreOffice is not installed: ToolMissing,
exit code 2 with the install command). The PDFs and the container are written all or none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

from ..output import Batch, check_target
from ..errors import Place
from .asice import asice_bytes, check_container_name
from .pdf import pdf_files


def _pdf_targets(docx: Iterable[Path]) -> list[Path]:
    return [p.with_suffix(".pdf") for p in docx if p.suffix.lower() == ".docx"]


def check_delivery(docx: Iterable[Path | str], *, pdf: bool = False, pdf_a: bool = False,
                   asice: Optional[Path | str] = None, force: bool = False) -> None:
    """Before any file is written: the PDF and container targets can be written (no file
    overwritten without `force`), the container's name ends in .asice. Does not look for
    LibreOffice: the DOCX files are written without it."""
    targets = _pdf_targets(map(Path, docx)) if (pdf or pdf_a) else []
    if asice is not None:
        check_container_name(Path(asice), Place(file=str(asice), key="--asice"))
        targets.append(Path(asice))
    for target in targets:
        check_target(target, force)


def deliver(written: Iterable[Path | str], *, pdf: bool = False, pdf_a: bool = False,
            asice: Optional[Path | str] = None, force: bool = False) -> list[Path]:
    """After the DOCX files are written: the PDF of each .docx in `written` (beside it; PDF/A-2b
    with `pdf_a`, which implies `pdf`) in one LibreOffice run, and with `asice` a container of
    every file in `written` plus those PDFs. Returns the paths written (PDFs, then the
    container), all or none."""
    files = [Path(p) for p in written]
    if not (pdf or pdf_a or asice is not None):
        return []
    check_delivery(files, pdf=pdf, pdf_a=pdf_a, asice=asice, force=force)
    pdfs: dict[Path, bytes] = {}
    docx = [p for p in files if p.suffix.lower() == ".docx"]
    if (pdf or pdf_a) and docx:
        pdfs = pdf_files(docx, pdf_a=pdf_a)
    with Batch(force=force) as batch:
        for path, data in pdfs.items():
            batch.add(path, data)
        if asice is not None:
            documents = []
            for path in files:
                documents.append((path.name, path.read_bytes()))
                if path.suffix.lower() == ".docx" and path.with_suffix(".pdf") in pdfs:
                    documents.append((path.with_suffix(".pdf").name,
                                      pdfs[path.with_suffix(".pdf")]))
            batch.add(asice, asice_bytes(documents))
        return batch.paths()
