"""PNG previews of each page: a DOCX, a role file or a directive file, through PDF and pdftoppm."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path
from typing import Optional

from .. import workspace, yamlio
from ..compose import LibraryArg, load_directive, load_role
from ..errors import AjdocError, Place
from ..ooxml.safety import read_docx
from ..output import check_target, write_all
from ..rendering import render_combined, render_job
from .pdf import pdf_page_count, to_pdf
from .tools import ConversionError, find_pdftoppm, find_soffice, tool_output

_SOURCES = (".docx", ".yaml", ".yml")


def pdf_to_png(pdf: bytes, dpi: int = 100) -> list[bytes]:
    """Each page of a PDF as PNG bytes, through poppler's pdftoppm."""
    pdftoppm = find_pdftoppm()
    with tempfile.TemporaryDirectory(prefix="ajdoc-png-") as tmpdir:
        tmp = Path(tmpdir)
        (tmp / "in.pdf").write_bytes(pdf)
        res = subprocess.run([pdftoppm, "-png", "-r", str(int(dpi)), str(tmp / "in.pdf"),
                              str(tmp / "page")], capture_output=True, timeout=300)
        pages = sorted(tmp.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        if res.returncode != 0 or not pages:
            said = tool_output(res)
            raise ConversionError(f"pdftoppm failed (exit code {res.returncode})"
                                  + (f": {said}" if said else ""), Place(key="preview"))
        expected = pdf_page_count(pdf)
        if expected and len(pages) != expected:
            raise ConversionError(f"pdftoppm made {len(pages)} images of {expected} pages",
                                  Place(key="preview"))
        return [p.read_bytes() for p in pages]


def _source_docx(source: Path, layout: Optional[str], library: LibraryArg) -> bytes:
    """DOCX bytes for a preview: the file itself, a rendered role, or a combined directive."""
    if source.suffix.lower() == ".docx":
        return read_docx(source)
    node = yamlio.load(source)
    if node.is_map() and workspace.kind_of(node.value) == workspace.DIRECTIVE:
        return render_combined(load_directive(source, library, layout))
    jd = load_role(source, library)
    return render_job(jd, layout or jd.profile.default_layout("role"))


def preview_images(source: Path | str, *, dpi: int = 100, layout: Optional[str] = None,
                   library: LibraryArg = None) -> list[bytes]:
    """PNG bytes of each page of `source` (.docx, role file or directive file); nothing written."""
    if not isinstance(dpi, int) or isinstance(dpi, bool) or not 10 <= dpi <= 600:
        raise AjdocError(f"expected a resolution from 10 to 600 dpi, got {dpi!r}",
                         Place(key="--dpi"))
    source = Path(source)
    if source.suffix.lower() not in _SOURCES:
        raise AjdocError("expected a .docx file, a role file or a directive file (.yaml)",
                         Place(file=str(source)))
    find_soffice("preview")
    find_pdftoppm()  # both tools, before rendering
    docx = _source_docx(source, layout, library)
    pdf = to_pdf({f"{source.stem}.docx": docx})[f"{source.stem}.pdf"]
    return pdf_to_png(pdf, dpi)


def preview(source: Path | str, outdir: Path | str, *, dpi: int = 100,
            layout: Optional[str] = None, force: bool = False,
            library: LibraryArg = None) -> list[Path]:
    """Write a PNG of each page of `source` to `outdir` as NAME-1.png, NAME-2.png, … (NAME: the
    source's stem), all or none; returns their paths. A role file is rendered in `layout` (default
    2022); a directive file as its combined document (the directive, then each annex)."""
    source, outdir = Path(source), Path(outdir)
    if not outdir.is_dir():
        raise AjdocError("the output folder does not exist", Place(file=str(outdir)),
                         "create it first")
    check_target(outdir / f"{source.stem}-1.png", force)
    images = preview_images(source, dpi=dpi, layout=layout, library=library)
    return write_all(((outdir / f"{source.stem}-{i}.png", png)
                      for i, png in enumerate(images, 1)), force=force)
