"""Reading a job description (.docx) into paragraphs and tables; the checks before it is opened.

A Word file is read in document order (the first header, then paragraphs and table cells) as
python-docx reads it, from the parts its checks parsed (``ooxml.parts``: each part parsed once),
after checks that name what is not a readable .docx. (Extracted text is read by
``textstream``.)
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any, Mapping, Optional, Union

import attrs

from .. import resources, yamlio
from ..errors import AjdocError, Place
from ..ooxml.parts import Package, block_items, body, document_styles, first_header, \
    is_list_paragraph, is_table, open_package, python_docx_text, row_cells, table_rows
from ..ooxml.safety import MAX_FILE
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
    if "\n" in text:
        lines = tuple(t for t in (clean(x) for x in text.split("\n")) if t)
        text = clean(text)
    else:  # one line: the same cleaning once
        text = clean(text)
        lines = (text,) if text else ()
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


def check_word_bytes(data: bytes, place: Place) -> Package:
    """The checked package of a Word file, or one clear message for what is not a readable .docx
    (zip bombs, entity declarations and damaged members included: ``ooxml.safety``)."""
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
        return open_package(data, place)
    except AjdocError as exc:
        message = exc.message if "expected" in exc.message else f"{exc.message}; {expected}"
        raise AjdocError(message, exc.place, exc.hint) from None


# -- Word files ----------------------------------------------------------------------------------
class _Reader:
    """One document's paragraphs and tables, read from its parsed parts (``ooxml.parts``)."""

    def __init__(self, pkg: Package, starts: set[str]):
        self.styles = document_styles(pkg)
        self.starts = starts

    def paras(self, container: Any) -> list[Para]:
        """The paragraphs of a body, header or cell, a nested table's cells' in turn (a merged
        cell as often as python-docx repeats it)."""
        out = []
        for el in block_items(container):
            if is_table(el):
                for row in table_rows(el):
                    for cell in row_cells(row):
                        out.extend(self.paras(cell))
            else:
                out.extend(paras(python_docx_text(el), is_list_paragraph(el, self.styles),
                                 self.starts))
        return out

    def table(self, tbl: Any) -> Table:
        rows = []
        seen: set[Any] = set()  # a merged cell repeats: once (the cells are held, ids unique)
        for row in table_rows(tbl):
            cells = []
            for cell in row_cells(row):
                if cell not in seen:
                    seen.add(cell)
                    cells.append(self.paras(cell))
            rows.append(cells)
        return Table(rows)


def docx_stream(pkg: Package, ph: Optional[Mapping[str, Any]] = None) -> list[Element]:
    """The document as a stream of Para and Table, headers first, in document order, as
    python-docx reads it (`ph`: the profile's phrases, where a signature starts)."""
    reader = _Reader(pkg, signature_starts(ph))
    stream: list[Element] = []
    header = first_header(pkg)
    if header is not None:
        stream.extend(p for p in reader.paras(header) if p.text)
    main = body(pkg)
    for el in block_items(main) if main is not None else []:
        if is_table(el):
            stream.append(reader.table(el))
        else:
            stream.extend(paras(python_docx_text(el), is_list_paragraph(el, reader.styles),
                                reader.starts))
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
