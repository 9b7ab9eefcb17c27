"""PDF and PDF/A through LibreOffice: conversion in one run, page counts, the PDF/A part.

    pdfs = to_pdf({"aj.docx": data})                    # {"aj.pdf": bytes}, nothing written
    write_pdfs(["out/aj.docx"], pdf_a=True)             # out/aj.pdf, PDF/A-2b

Every conversion runs its own `soffice --headless` with a fresh user profile, so conversions may
run in parallel (two runs sharing a profile fail); several documents are converted in one call. A
conversion that writes no PDF, or a PDF without pages, is an error, never a silent skip.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Iterable, Mapping, Optional

from ..errors import AjdocError, Place
from ..ooxml.safety import read_docx
from ..output import check_target, write_all
from .tools import ConversionError, find_soffice, run_soffice, tool_output

PDF_FILTER = "pdf:writer_pdf_Export"
# PDF/A-2b; the JSON form of filter options needs LibreOffice 7.4 or later
PDF_A_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'

DocxFiles = Mapping[Path | str, bytes] | Iterable[Path | str]

_PAGE_OBJ = re.compile(rb"/Type\s*/Page(?![A-Za-z0-9])")


def pdf_page_count(data: bytes) -> int:
    """The number of pages: `/Type /Page` objects (LibreOffice writes no object streams); pdfinfo
    when that finds none and poppler is installed. 0 for something that is not a PDF."""
    if not data.startswith(b"%PDF-"):
        return 0
    count = len(_PAGE_OBJ.findall(data))
    if count == 0 and shutil.which("pdfinfo"):
        res = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, timeout=60)
        match = re.search(rb"^Pages:\s+(\d+)", res.stdout, re.M)
        count = int(match.group(1)) if match else 0
    return count


def pdf_a_part(data: bytes) -> Optional[str]:
    """The PDF/A part and conformance from the XMP metadata ("2B"), or None for a plain PDF."""
    part = re.search(rb"pdfaid:part(?:>|=[\"'])\s*(\d)", data)
    if not part:
        return None
    conf = re.search(rb"pdfaid:conformance(?:>|=[\"'])\s*([A-Za-z])", data)
    return part.group(1).decode() + (conf.group(1).decode().upper() if conf else "")


def _check_name(name: str, suffix: str) -> str:
    if (not isinstance(name, str) or not name or "/" in name or "\\" in name
            or name in (".", "..") or not name.lower().endswith(suffix)):
        raise AjdocError(f"expected a plain file name ending in {suffix}", Place(key=repr(name)))
    return name


def to_pdf(documents: Mapping[str, bytes], *, pdf_a: bool = False,
           timeout: Optional[float] = None) -> dict[str, bytes]:
    """Convert DOCX documents ({"a.docx": bytes}) to PDF ({"a.pdf": bytes}) in one LibreOffice run
    with a fresh profile; nothing is written where the caller sees it. `pdf_a`: PDF/A-2b.

    ToolMissing when LibreOffice is not installed; ConversionError when a PDF is missing, has no
    pages or (with `pdf_a`) is not PDF/A."""
    if not documents:
        return {}
    stems: dict[str, str] = {}
    for name in documents:
        stem = _check_name(name, ".docx")[:-5]
        if stem.lower() in {s.lower() for s in stems.values()}:
            raise AjdocError("two documents would give the same PDF name", Place(key=name))
        stems[name] = stem
    soffice = find_soffice()
    timeout = timeout or 120 + 30 * len(documents)
    with tempfile.TemporaryDirectory(prefix="ajdoc-pdf-") as tmpdir:
        tmp = Path(tmpdir)
        indir, outdir = tmp / "in", tmp / "out"
        indir.mkdir()
        outdir.mkdir()
        inputs = []
        for name, data in documents.items():
            (indir / name).write_bytes(data)
            inputs.append(str(indir / name))
        profile = tmp / "profile"  # a fresh LibreOffice profile for this run only
        res = run_soffice(soffice, [
            f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
            "--nologo", "--nodefault", "--norestore", "--nolockcheck",
            "--infilter=MS Word 2007 XML",
            "--convert-to", PDF_A_FILTER if pdf_a else PDF_FILTER,
            "--outdir", str(outdir), *inputs], timeout)
        said = tool_output(res)
        if res.returncode != 0:
            raise ConversionError(f"LibreOffice failed (exit code {res.returncode})"
                                  + (f": {said}" if said else ""), Place(key="--pdf"))
        result: dict[str, bytes] = {}
        for name, stem in stems.items():
            pdf = outdir / f"{stem}.pdf"
            data = pdf.read_bytes() if pdf.is_file() else b""
            if not data:
                raise ConversionError("LibreOffice wrote no PDF" + (f": {said}" if said else ""),
                                      Place(file=name))
            if pdf_page_count(data) < 1:
                raise ConversionError("LibreOffice wrote a PDF without pages", Place(file=name))
            if pdf_a and not pdf_a_part(data):
                raise ConversionError("LibreOffice did not write PDF/A (its metadata has no "
                                      "pdfaid:part)", Place(file=name),
                                      "PDF/A needs LibreOffice 7.4 or later")
            result[f"{stem}.pdf"] = data
        return result


def _read_docx(docx: DocxFiles) -> list[tuple[Path, bytes]]:
    """(path, bytes) of each DOCX: given, or read from the files listed."""
    if isinstance(docx, Mapping):
        return [(Path(p), data) for p, data in docx.items()]
    items = []
    for name in docx:
        path = Path(name)
        items.append((path, read_docx(path)))
    return items


def _pdf_target(docx: Path, outdir: Path | str | None) -> Path:
    return (Path(outdir) if outdir is not None else docx.parent) / (docx.stem + ".pdf")


def pdf_files(docx: DocxFiles, outdir: Path | str | None = None, *,
              pdf_a: bool = False) -> dict[Path, bytes]:
    """The PDF of each DOCX, path → bytes, nothing written: each PDF beside its DOCX, or in
    `outdir`. `docx` maps paths to bytes, or lists DOCX files to read. One LibreOffice run."""
    targets: dict[Path, Path] = {}
    names: dict[str, Path] = {}
    docs: dict[str, bytes] = {}
    for i, (path, data) in enumerate(_read_docx(docx)):
        if path.suffix.lower() != ".docx":
            raise AjdocError("expected a .docx file", Place(file=str(path)))
        target = _pdf_target(path, outdir)
        if target in targets.values():
            first = next(k for k, v in targets.items() if v == target)
            raise AjdocError(f"gives the same PDF as {first}", Place(file=str(path)))
        targets[path] = target
        name = f"{path.stem}.docx"
        if name.lower() in {n.lower() for n in names}:  # same stem in another folder
            name = f"{i + 1}-{name}"
        names[name] = path
        docs[name] = data
    converted = to_pdf(docs, pdf_a=pdf_a)
    return {targets[names[n]]: converted[n[:-5] + ".pdf"] for n in docs}


def write_pdfs(docx: DocxFiles, outdir: Path | str | None = None, *, pdf_a: bool = False,
               force: bool = False) -> list[Path]:
    """Convert DOCX files and write their PDFs (beside them, or in `outdir`), all or none."""
    given: DocxFiles = docx if isinstance(docx, Mapping) else [Path(p) for p in docx]
    for p in given:
        check_target(_pdf_target(Path(p), outdir), force)  # before the slow part
    return write_all(pdf_files(given, outdir, pdf_a=pdf_a).items(), force=force)
