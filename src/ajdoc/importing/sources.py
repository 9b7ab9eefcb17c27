"""Reading a job description (.docx, or text extracted from one) into paragraphs and tables.

A Word file is read with python-docx in document order (the first header, then paragraphs and
table cells), after checks that name what is not a readable .docx; extracted text is cut into
paragraphs by bullets, duty numbers, headings and labels, with pseudo-tables for the general part.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any, Callable, Optional, Union

import attrs
import docx
from docx.table import Table as DocxTable

from .. import resources, yamlio
from ..errors import AjdocError, Place
from ..ooxml.safety import MAX_FILE, check_docx
from ..textdiff import BULLET_CHARS
from .labels import GENERAL_FIELDS, is_text_heading, label_line_re, label_map, label_of, \
    row_label_re
from .text import BULLET_RE, NUMBER_RE, clean, norm_label

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@attrs.define
class Para:
    """A paragraph of the document: its text on one line, and whether it is a list item."""

    text: str
    bullet: bool = False


@attrs.define
class Table:
    """A table of the document: rows of cells, a cell a list of Para."""

    rows: list[list[list[Para]]]


Element = Union[Para, Table]


def para(text: str, bullet: bool = False) -> Para:
    """A paragraph from its raw text: cleaned, a typed bullet glyph making it a list item."""
    text = clean(text)
    m = BULLET_RE.match(text)
    if m:
        text, bullet = text[m.end():].strip(), True
    return Para(text, bullet)


def _signature_starts() -> set[str]:
    ph = resources.phrases()
    return {norm_label(ph[k]) for k in ("signed", "employer", "employee")}


def paras(text: str, bullet: bool = False) -> list[Para]:
    """The paragraphs of a Word paragraph: one, or one a line where a signature starts with
    line breaks ("Tööandja:" / "(allkirjastatud digitaalselt)" / name / title), as in text."""
    lines = text.split("\n")
    if len(lines) > 1 and norm_label(lines[0]) in _signature_starts():
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


def _docx_paras(container: Any, cache: dict[Any, bool]) -> list[Para]:
    out = []
    for el in container.iter_inner_content():
        if isinstance(el, DocxTable):
            for row in el.rows:
                for cell in row.cells:
                    out.extend(_docx_paras(cell, cache))
        else:
            out.extend(paras(el.text, _is_list_paragraph(el, cache)))
    return out


def docx_stream(data: bytes, place: Place) -> list[Element]:
    """The document as a stream of Para and Table, headers first, in document order."""
    try:
        doc = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types on a damaged package
        raise AjdocError(f"cannot be read as a Word document ({type(exc).__name__}: {exc}); "
                         "expected a Word job description saved as .docx", place) from None
    stream: list[Element] = []
    cache: dict[Any, bool] = {}  # style id → list style or not
    for section in doc.sections[:1]:
        if not section.header.is_linked_to_previous:
            stream.extend(p for p in _docx_paras(section.header, cache) if p.text)
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
                    cells.append(_docx_paras(cell, cache))
                rows.append(cells)
            stream.append(Table(rows))
        else:
            stream.extend(paras(el.text, _is_list_paragraph(el, cache)))
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


def _split_values(lines: list[str], n: int) -> list[str]:
    """Split the value lines under n side-by-side labels into n values.

    Text extracted from a table runs the cells together; a value starts with a capital letter
    after a word that does not end with a comma, preferring the widest gaps (blank line, several
    spaces, line break, space)."""
    tokens: list[tuple[str, int]] = []  # (word, gap strength before it)
    gap = 3
    for line in lines:
        if not line.strip():
            gap = 3
            continue
        parts = re.split(r"(\s+)", line.strip())
        for i, part in enumerate(parts):
            if i % 2:
                gap = max(gap, 2 if len(part) > 1 else 0)
                continue
            if part:
                tokens.append((part, gap))
                gap = 0
        gap = max(gap, 1)

    def joined(part: list[tuple[str, int]]) -> str:  # a line break kept: clean joins a hyphen
        return "".join(("\n" if g else " ") + w if k else w for k, (w, g) in enumerate(part))

    if n <= 1 or not tokens:
        return [joined(tokens)] + [""] * (n - 1)
    cands = [i for i in range(1, len(tokens))
             if tokens[i][0][:1].isupper() and not tokens[i - 1][0].endswith(",")]
    chosen = sorted(sorted(cands, key=lambda i: -tokens[i][1])[:n - 1])
    bounds = [0] + chosen + [len(tokens)]
    values = [joined(tokens[a:b]) for a, b in zip(bounds, bounds[1:])]
    return values + [""] * (n - len(values))


def _signed() -> str:
    return norm_label(resources.phrases()["signed"])


def text_stream(text: str) -> list[Element]:
    """Text extracted from a job description → the stream (pseudo-tables for the general part
    of the 2022 layout and for the label | value rows of the 2025 layout)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    lines = text.split("\n")
    only_2025 = row_label_re(only_2025=True)
    seen = {m.group("label").casefold() for m in (only_2025.match(x.strip()) for x in lines) if m}
    if len(seen) >= 3:  # three labels only the 2025 table layout prints
        return _text_stream_2025(lines)
    stream: list[Element] = []
    labels = label_line_re()
    lmap = label_map()
    signed = _signed()

    i = 0
    buf: list[str] = []
    general_mode = False
    label_rows: list[tuple[list[str], list[str]]] = []
    while i < len(lines):
        line = lines[i]
        key = label_of(line.strip(), lmap) if line.strip() else None
        if key == "general":
            buf.append(line)
            stream.extend(_text_paras(buf, is_text_heading, signed))
            buf = []
            general_mode, label_rows = True, []
            i += 1
            continue
        if general_mode:
            if line.strip() and key and key not in GENERAL_FIELDS and key != "special":
                stream.extend(_general_tables(label_rows))
                general_mode = False
                continue
            found = [m.group(0) for m in labels.finditer(line)] if line.strip() else []
            start = labels.match(line.strip())
            if found and re.fullmatch(r"\s*(?:" + r"\s+".join(re.escape(f) for f in found)
                                      + r")\s*", line):
                label_rows.append((found, []))
            elif found and start:  # "Label value" on one line (2025)
                label_rows.append(([start.group(0)], [line.strip()[start.end():]]))
            elif label_rows:
                label_rows[-1][1].append(line)
            i += 1
            continue
        buf.append(line)
        i += 1
    if general_mode:
        stream.extend(_general_tables(label_rows))
    stream.extend(_text_paras(buf, is_text_heading, signed))
    return stream


def _text_stream_2025(lines: list[str]) -> list[Element]:
    """Extracted text of the 2025 table layout: each "Label value …" line starts a row that the
    following lines continue, up to the next label, heading or duty; rights and responsibilities
    are split into items after each ";"."""
    rx = row_label_re()
    signed = _signed()
    stream: list[Element] = []
    buf: list[str] = []
    row: Optional[tuple[str, list[str]]] = None   # (label, lines)

    def flush_row() -> None:
        nonlocal row
        if row is None:
            return
        label, value = row
        key = label_of(label)
        text = clean("\n".join(value))
        if key in ("rights", "responsibilities"):
            paras = [Para(t, True) for t in re.split(r"(?<=;)\s+", text) if t]
        else:
            paras = [Para(text)] if text else []
        stream.append(Table([[[Para(label)], paras]]))
        row = None

    prev = ""
    for line in lines:
        s = line.strip()
        m = rx.match(s) if s else None
        if m and s[:1].isupper() and m.group("value"):
            stream.extend(_text_paras(buf, is_text_heading, signed))
            buf = []
            flush_row()
            row = (m.group("label"), [m.group("value")])
        elif row is not None:
            stop = bool(s) and (is_text_heading(s) or bool(NUMBER_RE.match(s)))
            if label_of(row[0]) in ("rights", "responsibilities") and s[:1].isupper() and \
                    prev.endswith("."):
                stop = True
            if stop:
                flush_row()
                buf.append(line)
            else:
                row[1].append(line)
        else:
            buf.append(line)
        if s:
            prev = s
    flush_row()
    stream.extend(_text_paras(buf, is_text_heading, signed))
    return stream


def _general_tables(label_rows: list[tuple[list[str], list[str]]]) -> list[Element]:
    out: list[Element] = []
    for found, value_lines in label_rows:
        values = _split_values(value_lines, len(found))
        out.append(Table([[[Para(clean(f))] for f in found],
                          [[Para(clean(v))] if v.strip() else [] for v in values]]))
    return out


def _text_paras(lines: list[str], is_heading: Callable[[str], bool], signed: str) -> list[Para]:
    """Lines of extracted text → paragraphs: a bullet glyph, a duty number, a heading or label
    starts one; a line after a blank line that starts with a capital does too; other lines
    continue the paragraph (a hyphen at the end of a line joins the word)."""
    out: list[Para] = []
    cur: Optional[Para] = None
    closed = True        # the current paragraph takes no continuation (heading, label, …)
    line_mode = False    # after the signature phrase: one paragraph per line
    blank = False
    pending_bullet = False

    def add(text: str, bullet: bool, close: bool = False) -> None:
        nonlocal cur, closed
        cur = Para(text, bullet)
        out.append(cur)
        closed = close

    for raw in lines:
        segments = re.split(f"\\s*(?=[{BULLET_CHARS}])", raw)
        if not raw.strip():
            blank = True
            continue
        for seg in segments:
            s = seg.strip()
            if not s:
                continue
            bullet = bool(BULLET_RE.match(s))
            s = BULLET_RE.sub("", s).strip()
            if not s:
                pending_bullet = True
                continue
            bullet = bullet or pending_bullet
            pending_bullet = False
            s_clean = clean(s)
            heading = is_heading(s_clean)
            labelish = (not bullet and s_clean.endswith(":") and len(s_clean.split()) <= 4
                        and s_clean[:1].isupper())
            if heading or norm_label(s_clean) == signed:
                line_mode = norm_label(s_clean) == signed or (line_mode and not heading)
                add(s_clean, False, close=True)
                blank = False
                continue
            if line_mode:
                add(s_clean, False, close=True)
                blank = False
                continue
            if cur is None or closed or labelish or NUMBER_RE.match(s_clean):
                add(s_clean, bullet, close=labelish)
            elif bullet and not (cur.bullet and s_clean[:1].islower()
                                 and not cur.text.endswith((".", ";", ":", "!", "?"))):
                add(s_clean, bullet, close=labelish)   # not a stray continuation of a bullet
            elif not bullet and s_clean[:1].isupper() and (
                    blank or (not cur.bullet and cur.text.endswith((".", "!", "?")))):
                add(s_clean, bullet, close=labelish)
            else:
                cur.text = clean(cur.text + "\n" + s_clean)  # clean joins a hyphenated word
            blank = False
    return [p for p in out if p.text]
