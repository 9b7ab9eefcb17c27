"""The checks every DOCX ajdoc opens goes through: templates, imported documents, `diff` inputs.

A package is read within bounds before anything else opens it: at most ``MAX_FILE`` bytes packed,
``MAX_MEMBERS`` members, ``MAX_MEMBER`` bytes unpacked for one member and ``MAX_TOTAL`` for all,
and no member (nor the whole) unpacking to more than ``MAX_RATIO`` times its packed size (plus
``RATIO_SLACK``, so that small parts of repeated markup pass): a zip bomb is refused from its
declared sizes, and reading never goes past them (zipfile stops at the declared size and checks
the CRC). Every member is read once, so a damaged deflate stream, an encrypted member or a
compression method Word does not use is named here, never deep inside python-docx.

Every part that is XML (by its name or its first bytes, whatever its encoding) is parsed without
entity resolution or network access, and refused if it declares a DTD or entities. The main part
must be ``word/document.xml`` with a Word document's content type (a macro-enabled ``.docm``, a
``.dotx``/``.dotm`` template are named as such). A template is also refused when it carries
active or external content into every document rendered from it: a VBA project, ActiveX
controls, embedded or linked OLE objects, an external relationship other than a hyperlink (an
attached template, a linked image, a linked file) or a field that fetches content
(INCLUDETEXT, INCLUDEPICTURE, LINK, DDE); a template's parts must be UTF-8.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Optional

from lxml import etree

from ..errors import AjdocError, Place
from ..yamlio import read_bytes

MAX_FILE = 64 * 1024 * 1024       # bytes of the DOCX file itself
MAX_MEMBERS = 2000
MAX_TOTAL = 128 * 1024 * 1024     # bytes unpacked, all members
MAX_MEMBER = 32 * 1024 * 1024     # bytes unpacked, one member
MAX_RATIO = 100                   # unpacked / packed, every member and the whole package
RATIO_SLACK = 256 * 1024          # a member may unpack to MAX_RATIO × packed + this
XML_SUFFIXES = (".xml", ".rels", ".vml")

MAIN = "word/document.xml"
_OFFICE_DOCUMENT = re.compile(r"/officeDocument$")
_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_OTHER_MAIN_TYPES = {
    "application/vnd.ms-word.document.macroEnabled.main+xml":
        "a macro-enabled Word document (.docm)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml":
        "a Word template (.dotx), not a document",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml":
        "a macro-enabled Word template (.dotm)",
}
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# what a template may not carry into the documents rendered from it
_ACTIVE_TYPES = re.compile(r"vbaProject|activeX|oleObject|/package$|vbaData|attachedTemplate",
                           re.I)
_ACTIVE_NAMES = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml)$|(^|/)activeX/|(^|/)embeddings/"
                           r".*\.(bin|exe|dll|ole)$", re.I)
_FETCHING_FIELD = re.compile(r"^\s*(INCLUDETEXT|INCLUDEPICTURE|LINK|DDE|DDEAUTO|IMPORT|INCLUDE)\b",
                             re.I)
_XML_STARTS = (b"\xef\xbb\xbf", b"\xfe\xff", b"\xff\xfe", b"\x00\x00\xfe\xff", b"<",
               b"\x3c\x00", b"\x00\x3c", b"\x4c\x6f\xa7\x94")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False, remove_comments=False)


def check_package(path: Path | str) -> None:
    """Refuse a template file that is not a safe DOCX package, with one clear message."""
    path = Path(path)
    data = read_bytes(path, MAX_FILE, "(a Word template, .docx)", "template file not found")
    _check_template_cached(str(path), data)


def read_docx(path: Path | str) -> bytes:
    """A Word document's bytes, read within bounds and checked as a safe DOCX package."""
    path = Path(path)
    data = read_bytes(path, MAX_FILE, "(a Word document, .docx)")
    check_docx(data, Place(file=str(path)))
    return data


@lru_cache(maxsize=32)
def _check_template_cached(path: str, data: bytes) -> None:
    check_docx(data, Place(file=path), template=True)


def check_docx(data: bytes, place: Place, *, template: bool = False) -> None:
    """Refuse DOCX bytes that are not a safe, readable Word document (or, with `template`, a
    template fit to render from): one AjdocError naming what is wrong."""
    checked_parts(data, place, template=template)


def checked_parts(data: bytes, place: Place, *, template: bool = False,
                  tree: Optional[Callable[[str], bool]] = None,
                  ) -> tuple[list[str], dict[str, etree._Element], dict[str, bytes]]:
    """`check_docx`, giving what it read: the package's member names, its XML parts parsed
    (name → root element), for a reader to use rather than read them again, and (name →
    bytes) the XML parts `tree(name)` says no reader needs a tree of: those are checked alike
    (well-formed, no DTD, no entities) without building one."""
    if len(data) > MAX_FILE:
        raise AjdocError(f"is larger than {MAX_FILE // (1024 * 1024)} MB; refused", place)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
            NotImplementedError) as exc:
        raise AjdocError("is not a Word (DOCX) file (not a zip package)", place,
                         _short(str(exc), 60)) from None
    with zf:
        infos = _checked_members(zf.infolist(), place)
        names = {i.filename for i in infos}
        if MAIN not in names or "[Content_Types].xml" not in names:
            raise AjdocError(f"is not a Word (DOCX) file: it has no {MAIN}", place)
        parts: dict[str, etree._Element] = {}
        raw: dict[str, bytes] = {}
        for info in infos:
            data_m = _read_member(zf, info, place)
            if info.filename.lower().endswith(XML_SUFFIXES) or data_m.startswith(_XML_STARTS):
                if tree is None or template or tree(info.filename):
                    parts[info.filename] = _parse_part(info.filename, data_m, place, template)
                else:
                    _check_part(info.filename, data_m, place)
                    raw[info.filename] = data_m
    _check_main(parts, place)
    if template:
        _check_template(parts, names, place)
    return [i.filename for i in infos], parts, raw


def _checked_members(infos: list[zipfile.ZipInfo], place: Place) -> list[zipfile.ZipInfo]:
    """The members, refused on declared sizes and ratios, names, encryption and method."""
    if len(infos) > MAX_MEMBERS:
        raise AjdocError(f"refused: the package has {len(infos)} members (at most "
                         f"{MAX_MEMBERS})", place)
    total = packed = 0
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name) or ".." in parts:
            raise AjdocError(f"refused: member name '{_short(name)}' points outside the package",
                             place)
        if name in seen:
            raise AjdocError(f"refused: the package holds member '{_short(name)}' twice", place)
        seen.add(name)
        if info.flag_bits & 0x1:
            raise AjdocError(f"is encrypted (member '{_short(name)}'); expected an unprotected "
                             ".docx", place, "remove the password in Word and save it again")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise AjdocError(f"member '{_short(name)}' uses compression method "
                             f"{info.compress_type}, which Word files never use; expected a .docx "
                             "saved by Word or LibreOffice", place)
        if info.file_size > MAX_MEMBER:
            raise AjdocError(f"refused: member '{_short(name)}' unpacks to {info.file_size} bytes "
                             f"(at most {MAX_MEMBER}); a zip bomb?", place)
        if info.file_size > MAX_RATIO * info.compress_size + RATIO_SLACK:
            raise AjdocError(f"refused: member '{_short(name)}' is compressed "
                             f"{info.file_size // max(info.compress_size, 1)}:1 (at most "
                             f"{MAX_RATIO}:1); a zip bomb?", place)
        total += info.file_size
        packed += info.compress_size
        if total > MAX_TOTAL:
            raise AjdocError(f"refused: the package unpacks to more than {MAX_TOTAL} bytes; "
                             "a zip bomb?", place)
    if total > MAX_RATIO * packed + RATIO_SLACK:
        raise AjdocError(f"refused: the package is compressed {total // max(packed, 1)}:1 (at "
                         f"most {MAX_RATIO}:1); a zip bomb?", place)
    return infos


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, place: Place) -> bytes:
    """A member's bytes (at most its declared size: zipfile stops there and checks the CRC)."""
    try:
        with zf.open(info) as fh:
            return fh.read(info.file_size + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError,
            NotImplementedError) as exc:
        raise AjdocError(f"is a corrupt Word document: member '{_short(info.filename)}' cannot "
                         f"be read ({_short(str(exc), 80)})", place) from None


def _parse_part(name: str, data: bytes, place: Place, template: bool) -> etree._Element:
    """An XML part, parsed safely; refused when it declares a DTD or entities."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(name, data, exc, place) from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise _declares(name, place)
    encoding = (info.encoding or "UTF-8").upper().replace("_", "-")
    if template and encoding not in ("UTF-8", "UTF8", "ASCII", "US-ASCII"):
        raise AjdocError(f"part '{_short(name)}' is encoded as {encoding}; ajdoc renders "
                         "templates whose parts are UTF-8", place,
                         "open the template in Word or LibreOffice and save it again as .docx")
    return root


class _NoTree:
    """A parser target that builds nothing: it notes whether a document type is declared."""

    def __init__(self) -> None:
        self.declared = False

    def doctype(self, *args: Any) -> None:
        self.declared = True

    def close(self) -> bool:
        return self.declared


def _check_part(name: str, data: bytes, place: Place) -> None:
    """`_parse_part`'s checks of a part no reader needs the tree of, without building it."""
    parser = etree.XMLParser(target=_NoTree(), resolve_entities=False, no_network=True,
                             load_dtd=False, huge_tree=False)
    try:
        declared = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(name, data, exc, place) from None
    if declared:
        raise _declares(name, place)


def _declares(name: str, place: Place) -> AjdocError:
    return AjdocError(f"refused: '{_short(name)}' declares a DTD or entities (<!DOCTYPE / "
                      "<!ENTITY), which a Word document never needs", place)


def _syntax_error(name: str, data: bytes, exc: Exception, place: Place) -> AjdocError:
    if re.search(rb"<!\s*(DOCTYPE|ENTITY)", data.replace(b"\x00", b""), re.I):
        return _declares(name, place)
    return AjdocError(f"is a corrupt Word document: part '{_short(name)}' is not well-formed "
                      f"XML ({_short(str(exc), 80)})", place)


def _check_main(parts: dict[str, etree._Element], place: Place) -> None:
    """The main part is word/document.xml, with a Word document's content type."""
    rels = parts.get("_rels/.rels")
    if rels is None:
        raise AjdocError("is not a Word (DOCX) file: it has no _rels/.rels", place)
    main = [r.get("Target", "") for r in rels.iter(_REL)
            if _OFFICE_DOCUMENT.search(r.get("Type", ""))]
    if [m.lstrip("/") for m in main] != [MAIN]:
        found = ", ".join(_short(m) for m in main) or "none"
        raise AjdocError(f"is not a Word document ajdoc can read: its main part is {found}; "
                         f"expected {MAIN}", place, "open it in Word and save it as .docx")
    types = parts.get("[Content_Types].xml")
    kind = None
    if types is not None:
        for o in types.iter(f"{_CT}Override"):
            if o.get("PartName", "").lstrip("/") == MAIN:
                kind = o.get("ContentType")
    if kind == _DOCUMENT_TYPE:
        return
    if kind in _OTHER_MAIN_TYPES:
        raise AjdocError(f"is {_OTHER_MAIN_TYPES[kind]}; expected a Word document (.docx)",
                         place, "open it in Word and save it as a Word Document (.docx)")
    raise AjdocError(f"is not a Word document: the content type of {MAIN} is "
                     f"'{_short(kind or 'missing')}'; expected a .docx", place)


def _check_template(parts: dict[str, etree._Element], names: set[str], place: Place) -> None:
    """Refuse what a template would carry into every document: macros, ActiveX, OLE objects,
    external relationships other than hyperlinks, fields that fetch content."""
    hint = "remove it in Word and save the template again"
    for name in sorted(names):
        if _ACTIVE_NAMES.search(name):
            raise AjdocError(f"refused: the template carries active content ('{_short(name)}': a "
                             "macro project, an ActiveX control or an embedded object)", place,
                             hint)
    for name, root in parts.items():
        if name.endswith(".rels"):
            for r in root.iter(_REL):
                rtype = r.get("Type", "").rsplit("/", 1)[-1]
                external = (r.get("TargetMode") or "").lower() == "external"
                if _ACTIVE_TYPES.search(r.get("Type", "")) or (external and rtype != "hyperlink"):
                    where = f" to {_short(r.get('Target', ''), 60)}" if external else ""
                    raise AjdocError(f"refused: the template has a{'n external' if external else ''} "
                                     f"'{rtype}' relationship{where} ({_short(name)}); Word would "
                                     "carry it into every document", place, hint)
        elif name.startswith("word/"):
            field = _fetching_field(root)
            if field is not None:
                raise AjdocError(f"refused: a field in '{_short(name)}' fetches content when the "
                                 f"document is opened or updated ({_short(field, 60)})", place,
                                 hint)


def _fetching_field(root: etree._Element) -> Optional[str]:
    """The first field instruction in `root` that includes or links outside content."""
    for simple in root.iter(f"{_W}fldSimple"):
        instr = simple.get(f"{_W}instr") or ""
        if _FETCHING_FIELD.match(instr):
            return instr.strip()
    open_fields: list[list[str]] = []   # the instructions of the fields begun, innermost last
    for el in root.iter(f"{_W}fldChar", f"{_W}instrText"):
        if el.tag == f"{_W}instrText":
            if open_fields:
                open_fields[-1].append(el.text or "")
            continue
        kind = el.get(f"{_W}fldCharType")
        if kind == "begin":
            open_fields.append([])
        elif kind in ("separate", "end") and open_fields:
            instr = "".join(open_fields[-1])
            if _FETCHING_FIELD.match(instr):
                return instr.strip()
            if kind == "end":
                open_fields.pop()
            else:
                open_fields[-1] = []
    return None


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
