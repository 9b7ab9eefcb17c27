"""Reading a job description (.docx) into paragraphs and tables; the checks before it is opened.

A Word file is read with python-docx in document order (the first header, then paragraphs and
table cells), after checks that name what is not a readable .docx. (Extracted text is read by
``textstream``.)
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any, Mapping, Optional, Union

import attrs
import docx
from docx.table import Table as DocxTable

from .. import resources, yamlio
from ..errors import AjdocError, Place
from ..ooxml.safety import MAX_FILE, check_docx
from .text import BULLET_RE, clean, norm_label

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@attrs.define
class Para:
    """A paragraph of the document: its text on one line, and whether it is a list item."""

    text: str
    bullet: bool = False
    lines: tuple[str, ...] = ()   # its lines, when it has line breaks


@attrs.define
class Table:
    """A table of the document: rows of cells, a cell a list of Para."""

    rows: list[list[list[Para]]]


Element = Union[Para, Table]


def para(text: str, bullet: bool = False) -> Para:
    """A paragraph from its raw text: cleaned, a typed bullet glyph making it a list item."""
    lines = tuple(t for t in (clean(x) for x in text.split("\n")) if t)
    text = clean(text)
    m = BULLET_RE.match(text)
    if m:
        text, bullet = text[m.end():].strip(), True
        lines = (BULLET_RE.sub("", lines[0]).strip(),) + lines[1:] if lines else ()
    return Para(text, bullet, lines if len(lines) > 1 else ())


def signature_starts(ph: Optional[Mapping[str, Any]] = None) -> set[str]:
    """The lines a signature block starts with, as label keys."""
    ph = ph or resources.phrases()
    return {norm_label(ph[k]) for k in ("signed", "employer", "employee")}


def paras(text: str, bullet: bool = False, starts: Optional[set[str]] = None) -> list[Para]:
    """The paragraphs of a Word paragraph: one, or one a line where a signature starts with
    line breaks ("Tööandja:" / "(allkirjastatud digitaalselt)" / name / title), as in text."""
    lines = text.split("\n")
    if len(lines) > 1 and norm_label(lines[0]) in (starts or signature_starts()):
        return [p for p in (para(line) for line in lines) if p.text]
    return [para(text, bullet)]


def read_bytes(path: Path) -> bytes:
    """The file's bytes (a regular file, at most ``MAX_FILE``), or an AjdocError saying why they
    cannot be read."""
    return yamlio.read_bytes(path, MAX_FILE, "(.docx or .txt)")


def check_word_bytes(data: bytes, place: Place) -> None:
    """One clear message for what is not a readable .docx (zip bombs, entity declarations and
    damaged members included: ``ooxml.safety``)."""
    expected = "expected a Word job description saved as .docx"
    if not data.strip():
        raise AjdocError(f"the file is empty; {expected}", place)
    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data or \
                "EncryptionInfo".encode("utf-16-le") in data:
            raise AjdocError("is password-protected (an encrypted Office file); expected an "
                             "unprotected .docx", place,
                             "open it in Word, remove the password and save it again")
        if "WordDocument".encode("utf-16-le") in data:
            raise AjdocError("is an old binary Word document (.doc); expected a .docx", place,
                             "open it in Word or LibreOffice and save it as .docx")
        raise AjdocError(f"is an OLE compound file (old Office format), not a .docx; {expected}",
                         place)
    if not data.startswith(b"PK"):
        raise AjdocError(f"is not a Word document (not a zip package); {expected}", place)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
            NotImplementedError) as exc:
        raise AjdocError(f"is a corrupt Word document (the zip package cannot be read: {exc}); "
                         f"{expected}", place) from None
    if "word/document.xml" not in names:
        raise AjdocError(f"is a zip package but not a Word document (no word/document.xml); "
                         f"{expected}", place)
    try:
        check_docx(data, place)
    except AjdocError as exc:
        message = exc.message if "expected" in exc.message else f"{exc.message}; {expected}"
        raise AjdocError(message, exc.place, exc.hint) from None


# -- Word files ----------------------------------------------------------------------------------
def _is_list_paragraph(p: Any, cache: dict[Any, bool]) -> bool:
    ppr = p._p.pPr
    if ppr is not None and ppr.numPr is not None:
        num_id = ppr.numPr.numId
        return not (num_id is not None and num_id.val == 0)
    style_id = p._p.style
    if style_id not in cache:
        cache[style_id] = _is_list_style(p.style)
    return cache[style_id]


def _is_list_style(style: Any) -> bool:
    while style is not None:
        sppr = style.element.pPr
        if sppr is not None and sppr.numPr is not None:
            return True
        if re.search(r"\b(Bullet|List Number)\b", style.name or ""):
            return True
        style = style.base_style
    return False


def _docx_paras(container: Any, cache: dict[Any, bool], starts: set[str]) -> list[Para]:
    out = []
    for el in container.iter_inner_content():
        if isinstance(el, DocxTable):
            for row in el.rows:
                for cell in row.cells:
                    out.extend(_docx_paras(cell, cache, starts))
        else:
            out.extend(paras(el.text, _is_list_paragraph(el, cache), starts))
    return out


def docx_stream(data: bytes, place: Place,
                ph: Optional[Mapping[str, Any]] = None) -> list[Element]:
    """The document as a stream of Para and Table, headers first, in document order (`ph`: the
    profile's phrases, where a signature starts)."""
    try:
        doc = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types on a damaged package
        raise AjdocError(f"cannot be read as a Word document ({type(exc).__name__}: {exc}); "
                         "expected a Word job description saved as .docx", place) from None
    stream: list[Element] = []
    cache: dict[Any, bool] = {}  # style id → list style or not
    starts = signature_starts(ph)
    for section in doc.sections[:1]:
        if not section.header.is_linked_to_previous:
            stream.extend(p for p in _docx_paras(section.header, cache, starts) if p.text)
    for el in doc.iter_inner_content():
        if isinstance(el, DocxTable):
            rows = []
            seen: dict[int, Any] = {}
            for row in el.rows:
                cells = []
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats
                        continue
                    seen[id(cell._tc)] = cell._tc  # (held, so that ids stay unique)
                    cells.append(_docx_paras(cell, cache, starts))
                rows.append(cells)
            stream.append(Table(rows))
        else:
            stream.extend(paras(el.text, _is_list_paragraph(el, cache), starts))
    return stream


# -- extracted text ------------------------------------------------------------------------------
def decode_text(data: bytes, place: Place) -> str:
    """The text of a .txt file (UTF-8), or an AjdocError naming the byte that is not."""
    if not data.strip():
        raise AjdocError("the file is empty; expected the text of a job description", place)
    if data.startswith(OLE_MAGIC) or data.startswith(b"PK\x03\x04"):
        raise AjdocError("is a binary (Office) file, not text; expected text extracted from a "
                         "job description, or give the Word file a .docx name", place)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AjdocError(f"is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded)",
                         Place(file=str(place.file), line=line), "save the file as UTF-8") \
            from None
