"""Delivery: PDF and PDF/A through LibreOffice, PNG previews, and unsigned ASiC-E containers.

    from ajdoc import delivery
    pdfs = delivery.to_pdf({"aj.docx": data})                    # {"aj.pdf": bytes}, nothing written
    delivery.write_pdfs(["out/aj.docx"], pdf_a=True)             # out/aj.pdf, PDF/A-2b
    delivery.preview("examples/teenuse-juht.yaml", "out/")       # out/teenuse-juht-1.png, …
    delivery.write_asice("out/aj.asice", {"aj.pdf": pdf})        # for DigiDoc4 to sign

LibreOffice (`soffice`) and poppler-utils (`pdftoppm`) are optional system tools: a command that
needs a missing one raises AjdocError (exit code 2) saying how to install it. Every conversion
runs its own `soffice --headless` with a fresh user profile, so conversions may run in parallel
(two runs sharing a profile fail); several documents are converted in one call. A conversion that
writes no PDF, or a PDF without pages, is an error, never a silent skip.

The ASiC-E container is written with the standard library: `mimetype` first, stored, no extra
field; the documents; `META-INF/manifest.xml`. No signature: DigiDoc4 or a libdigidocpp-based
system adds it. Fixed timestamps, so equal documents give identical bytes.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from typing import Iterable, Mapping, Optional, Sequence
from xml.sax.saxutils import quoteattr

from ..errors import AjdocError, Place
from ..output import check_target, write_all

__all__ = [
    "ASICE_MIMETYPE", "MEDIA_TYPES", "ConversionError", "ToolMissing", "asice_bytes",
    "asice_documents", "find_pdftoppm", "find_soffice", "pdf_a_part", "pdf_files",
    "pdf_page_count", "pdf_to_png", "preview", "preview_images", "to_pdf", "write_asice",
    "write_pdfs",
]

# -- errors -------------------------------------------------------------------------------------


class ToolMissing(AjdocError):
    """A system tool (LibreOffice, poppler-utils) is not installed: the user's to fix, exit 2."""

    exit_code = 2


class ConversionError(AjdocError):
    """The tool ran but produced no usable output (a crash, a timeout): exit 1."""

    exit_code = 1


_SOFFICE_HINT = ("install LibreOffice: on Debian/Ubuntu `apt-get install libreoffice-writer-nogui`, "
                 "on macOS `brew install --cask libreoffice`, or from libreoffice.org")
_PDFTOPPM_HINT = ("install poppler: on Debian/Ubuntu `apt-get install poppler-utils`, "
                  "on macOS `brew install poppler`")

# where LibreOffice lives when it is not on PATH
_SOFFICE_ELSEWHERE = ("/Applications/LibreOffice.app/Contents/MacOS/soffice",
                      "/opt/libreoffice/program/soffice")


def find_soffice(purpose: str = "--pdf") -> str:
    """The LibreOffice executable, or ToolMissing saying how to install it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for path in _SOFFICE_ELSEWHERE:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    what = "previews" if purpose == "preview" else "PDF files"
    raise ToolMissing(f"LibreOffice (soffice) is needed for {what} and was not found",
                      Place(key=purpose), _SOFFICE_HINT + ("; the DOCX files are written "
                                                           "without it" if what != "previews"
                                                           else ""))


def find_pdftoppm() -> str:
    """poppler's pdftoppm, or ToolMissing saying how to install it."""
    found = shutil.which("pdftoppm")
    if not found:
        raise ToolMissing("pdftoppm (poppler-utils) is needed for previews and was not found",
                          Place(key="preview"), _PDFTOPPM_HINT)
    return found


# -- PDF inspection -----------------------------------------------------------------------------

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


# -- LibreOffice --------------------------------------------------------------------------------

PDF_FILTER = "pdf:writer_pdf_Export"
# PDF/A-2b; the JSON form of filter options needs LibreOffice 7.4 or later
PDF_A_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'

def _check_name(name: str, suffix: str) -> str:
    if (not isinstance(name, str) or not name or "/" in name or "\\" in name
            or name in (".", "..") or not name.lower().endswith(suffix)):
        raise AjdocError(f"expected a plain file name ending in {suffix}", Place(key=repr(name)))
    return name


def _run_soffice(soffice: str, args: list[str], timeout: float) -> subprocess.CompletedProcess:
    """Run soffice in its own process group, so that a timeout ends soffice.bin too."""
    proc = subprocess.Popen([soffice, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            proc.kill()
        proc.communicate()
        raise ConversionError(f"LibreOffice did not finish within {timeout:.0f} s",
                              Place(key="--pdf")) from None
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def _tool_output(res: subprocess.CompletedProcess) -> str:
    text = (res.stderr or b"").decode("utf-8", "replace") + (res.stdout or b"").decode(
        "utf-8", "replace")
    lines = [ln.strip() for ln in text.splitlines()
             if ln.strip() and "javaldx" not in ln and not ln.startswith("convert ")]
    return "; ".join(lines[-3:])


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
    with tempfile.TemporaryDirectory(prefix="ajdoc-pdf-") as tmp:
        tmp = Path(tmp)
        indir, outdir = tmp / "in", tmp / "out"
        indir.mkdir()
        outdir.mkdir()
        inputs = []
        for name, data in documents.items():
            (indir / name).write_bytes(data)
            inputs.append(str(indir / name))
        profile = tmp / "profile"  # a fresh LibreOffice profile for this run only
        res = _run_soffice(soffice, [
            f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
            "--nologo", "--nodefault", "--norestore", "--nolockcheck",
            "--infilter=MS Word 2007 XML",
            "--convert-to", PDF_A_FILTER if pdf_a else PDF_FILTER,
            "--outdir", str(outdir), *inputs], timeout)
        said = _tool_output(res)
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


def pdf_files(docx: Mapping[Path | str, bytes] | Iterable[Path | str],
              outdir: Path | str | None = None, *, pdf_a: bool = False) -> dict[Path, bytes]:
    """The PDF of each DOCX, path → bytes, nothing written: each PDF beside its DOCX, or in
    `outdir`. `docx` maps paths to bytes, or lists DOCX files to read. One LibreOffice run."""
    if isinstance(docx, Mapping):
        items = [(Path(p), data) for p, data in docx.items()]
    else:
        items = []
        for p in docx:
            p = Path(p)
            try:
                items.append((p, p.read_bytes()))
            except OSError as exc:
                raise AjdocError(f"cannot be read: {exc.strerror}", Place(file=str(p))) from None
    targets: dict[Path, Path] = {}
    names: dict[str, Path] = {}
    docs: dict[str, bytes] = {}
    for i, (path, data) in enumerate(items):
        if path.suffix.lower() != ".docx":
            raise AjdocError("expected a .docx file", Place(file=str(path)))
        target = (Path(outdir) if outdir is not None else path.parent) / (path.stem + ".pdf")
        if target in targets.values():
            raise AjdocError(f"gives the same PDF as {next(k for k, v in targets.items() if v == target)}",
                             Place(file=str(path)))
        targets[path] = target
        name = f"{path.stem}.docx"
        if name.lower() in {n.lower() for n in names}:  # same stem in another folder
            name = f"{i + 1}-{name}"
        names[name] = path
        docs[name] = data
    converted = to_pdf(docs, pdf_a=pdf_a)
    return {targets[names[n]]: converted[n[:-5] + ".pdf"] for n in docs}


def write_pdfs(docx: Mapping[Path | str, bytes] | Iterable[Path | str],
               outdir: Path | str | None = None, *, pdf_a: bool = False,
               force: bool = False) -> list[Path]:
    """Convert DOCX files and write their PDFs (beside them, or in `outdir`), all or none."""
    docx = docx if isinstance(docx, Mapping) else [Path(p) for p in docx]
    for p in docx:
        p = Path(p)
        target = (Path(outdir) if outdir is not None else p.parent) / (p.stem + ".pdf")
        check_target(target, force)  # before the slow part
    return write_all(pdf_files(docx, outdir, pdf_a=pdf_a).items(), force=force)


# -- previews -----------------------------------------------------------------------------------


def pdf_to_png(pdf: bytes, dpi: int = 100) -> list[bytes]:
    """Each page of a PDF as PNG bytes, through poppler's pdftoppm."""
    pdftoppm = find_pdftoppm()
    with tempfile.TemporaryDirectory(prefix="ajdoc-png-") as tmp:
        tmp = Path(tmp)
        (tmp / "in.pdf").write_bytes(pdf)
        res = subprocess.run([pdftoppm, "-png", "-r", str(int(dpi)), str(tmp / "in.pdf"),
                              str(tmp / "page")], capture_output=True, timeout=300)
        pages = sorted(tmp.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        if res.returncode != 0 or not pages:
            raise ConversionError(f"pdftoppm failed (exit code {res.returncode})"
                                  + (f": {_tool_output(res)}" if _tool_output(res) else ""),
                                  Place(key="preview"))
        expected = pdf_page_count(pdf)
        if expected and len(pages) != expected:
            raise ConversionError(f"pdftoppm made {len(pages)} images of {expected} pages",
                                  Place(key="preview"))
        return [p.read_bytes() for p in pages]


def _source_docx(source: Path, layout: Optional[str], library) -> bytes:
    """DOCX bytes for a preview: the file itself, a rendered role, or a combined directive."""
    suffix = source.suffix.lower()
    if suffix == ".docx":
        try:
            return source.read_bytes()
        except FileNotFoundError:
            raise AjdocError("file not found", Place(file=str(source))) from None
        except OSError as exc:
            raise AjdocError(f"cannot be read: {exc.strerror}", Place(file=str(source))) from None
    if suffix not in (".yaml", ".yml"):
        raise AjdocError("expected a .docx file, a role file or a directive file (.yaml)",
                         Place(file=str(source)))
    from .. import api
    from .. import yamlio
    from ..rendering import render_combined, render_job

    node = yamlio.load(source)
    if node.is_map() and "annexes" in node.value:
        return render_combined(api.load_directive(source, library, layout))
    return render_job(api.load_role(source, library), layout or "2022")


def preview_images(source: Path | str, *, dpi: int = 100, layout: Optional[str] = None,
                   library=None) -> list[bytes]:
    """PNG bytes of each page of `source` (.docx, role file or directive file); nothing written."""
    if not isinstance(dpi, int) or isinstance(dpi, bool) or not 10 <= dpi <= 600:
        raise AjdocError(f"expected a resolution from 10 to 600 dpi, got {dpi!r}",
                         Place(key="--dpi"))
    source = Path(source)
    if source.suffix.lower() not in (".docx", ".yaml", ".yml"):
        raise AjdocError("expected a .docx file, a role file or a directive file (.yaml)",
                         Place(file=str(source)))
    find_soffice("preview")
    find_pdftoppm()  # both tools, before rendering
    docx = _source_docx(source, layout, library)
    pdf = to_pdf({f"{source.stem}.docx": docx})[f"{source.stem}.pdf"]
    return pdf_to_png(pdf, dpi)


def preview(source: Path | str, outdir: Path | str, *, dpi: int = 100,
            layout: Optional[str] = None, force: bool = False, library=None) -> list[Path]:
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


# -- ASiC-E -------------------------------------------------------------------------------------

ASICE_MIMETYPE = "application/vnd.etsi.asic-e+zip"
MANIFEST_NS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
MEDIA_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain",
}
_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest ZIP time: fixed, so equal inputs give equal bytes


def media_type(name: str) -> str:
    return MEDIA_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")


def asice_documents(documents: Mapping[str, bytes] | Iterable[tuple[str, bytes]]
                    ) -> list[tuple[str, bytes]]:
    """The documents as (name, bytes) pairs, each name checked: no absolute path, no "..", no
    META-INF/, not "mimetype", no duplicates (also none differing only in case or Unicode form,
    which collide when unpacked on Windows or macOS)."""
    pairs = list(documents.items() if isinstance(documents, Mapping) else documents)
    if not pairs:
        raise AjdocError("a container needs at least one document", Place(key="--asice"))
    seen: dict[str, str] = {}
    out = []
    for name, data in pairs:
        place = Place(key=repr(name))
        if not isinstance(name, str) or not name.strip():
            raise AjdocError("a document in a container needs a name", place)
        if not isinstance(data, (bytes, bytearray)):
            raise AjdocError("expected the document's bytes", place)
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
            raise AjdocError("a document name in a container cannot be an absolute path", place)
        if "\\" in name or any(ord(c) < 32 or ord(c) == 127 for c in name):
            raise AjdocError("a document name cannot hold a backslash or a control character",
                             place)
        parts = name.split("/")
        if ".." in parts:
            raise AjdocError("a document name in a container cannot hold '..'", place)
        if "" in parts or "." in parts:
            raise AjdocError("a document name cannot hold an empty or '.' part", place)
        if parts[0].upper() == "META-INF":
            raise AjdocError("META-INF/ is reserved for the manifest and the signatures", place)
        if name.lower() == "mimetype":
            raise AjdocError("'mimetype' is reserved in a container", place)
        key = unicodedata.normalize("NFC", name).casefold()
        if key in seen:
            raise AjdocError(f"two documents named '{seen[key]}' in one container", place,
                             "rename one of them")
        seen[key] = name
        out.append((name, bytes(data)))
    return out


def manifest_xml(names: Sequence[str]) -> bytes:
    """META-INF/manifest.xml (OpenDocument manifest 1.2) listing "/" and every document."""
    lines = ['<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
             f'<manifest:manifest xmlns:manifest="{MANIFEST_NS}" manifest:version="1.2">',
             f'  <manifest:file-entry manifest:full-path="/" manifest:media-type="{ASICE_MIMETYPE}"/>']
    for name in names:
        lines.append(f"  <manifest:file-entry manifest:full-path={quoteattr(name)} "
                     f"manifest:media-type={quoteattr(media_type(name))}/>")
    lines.append("</manifest:manifest>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _member(name: str, compress: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_EPOCH)
    info.compress_type = compress
    info.create_system = 3  # Unix, on every platform: the same bytes everywhere
    info.external_attr = 0o100644 << 16
    info.extra = b""
    return info


def asice_bytes(documents: Mapping[str, bytes] | Iterable[tuple[str, bytes]]) -> bytes:
    """An unsigned ASiC-E container (bytes) holding `documents` ({name: bytes}), in that order."""
    pairs = asice_documents(documents)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(_member("mimetype", zipfile.ZIP_STORED), ASICE_MIMETYPE.encode("ascii"))
        for name, data in pairs:
            zf.writestr(_member(name, zipfile.ZIP_DEFLATED), data, compresslevel=9)
        zf.writestr(_member("META-INF/manifest.xml", zipfile.ZIP_DEFLATED),
                    manifest_xml([n for n, _ in pairs]), compresslevel=9)
    return buf.getvalue()


def write_asice(path: Path | str, documents: Mapping[str, bytes] | Iterable[tuple[str, bytes]],
                *, force: bool = False) -> Path:
    """Write an unsigned ASiC-E container of `documents` to `path` (atomically)."""
    path = Path(path)
    if path.suffix.lower() not in (".asice", ".sce"):
        raise AjdocError("expected a container name ending in .asice", Place(file=str(path)),
                         "DigiDoc4 opens .asice files")
    check_target(path, force)
    return write_all([(path, asice_bytes(documents))], force=force)[0]
