"""A Word document read once: the checked package's XML parts, and python-docx's reading of them.

``open_package`` checks a DOCX (``ooxml.safety``, which parses every XML part once) and keeps the
parsed parts; the relationships are then followed as python-docx follows them when it opens a
document, and a package it would refuse (a relationship to a part the package does not hold, a
part without a content type, an XML part that is no XML) is refused here, one AjdocError. The
rest reads WordprocessingML as python-docx's objects do, without building them: a paragraph's
text (``Paragraph.text``), a table row's cells (``_Row.cells``: a cell spanning columns repeats,
a cell merged with the one above is that one), whether a paragraph is a list item (its
numbering, else its style or a style it is based on), the first section's header. Where
python-docx would fail on malformed markup (a vertical merge with no cell above, a style based on
itself), this reads on.
"""

from __future__ import annotations

import posixpath
import re
from typing import Iterator, Mapping, Optional

import attrs
from docx.parts.styles import StylesPart
from lxml import etree

from ..errors import AjdocError, Place
from . import W_NS, package_text, parse_xml
from .safety import MAIN, checked_parts
from .styles import Styles

_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_REL = f"{{{_PKG_REL}}}Relationship"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_R_ID = f"{{{_R_NS}}}id"
STYLES = f"{_R_NS}/styles"
_W = f"{{{W_NS}}}"
_P, _TBL, _TR, _TC, _R, _HYPERLINK = (_W + t for t in ("p", "tbl", "tr", "tc", "r", "hyperlink"))
_T, _TAB, _PTAB, _BR, _CR, _NB_HYPHEN = (_W + t for t in ("t", "tab", "ptab", "br", "cr",
                                                           "noBreakHyphen"))
_PPR, _NUMPR, _NUMID, _PSTYLE, _VAL, _TYPE = (_W + t for t in ("pPr", "numPr", "numId", "pStyle",
                                                               "val", "type"))
_TCPR, _TRPR, _GRID_SPAN, _GRID_BEFORE, _VMERGE = (_W + t for t in ("tcPr", "trPr", "gridSpan",
                                                                    "gridBefore", "vMerge"))
_SECT_PR, _HEADER_REF = _W + "sectPr", _W + "headerReference"
# the content types python-docx parses as XML when it opens a document
_XML_TYPES = re.compile(r"wordprocessingml\.(document\.main|header|footer|numbering|settings|"
                        r"styles|comments)\+xml$|core-properties\+xml$")
_EXPECTED = "expected a Word job description saved as .docx"


@attrs.frozen
class Rel:
    """A relationship: its id and type, and its target (a member name, or an external one)."""

    rid: str
    rtype: str
    target: str
    external: bool


@attrs.frozen
class Package:
    """A checked DOCX package: its member names, its XML parts parsed (name → root), and the
    XML parts checked without a tree (name → bytes: parsed when asked for)."""

    names: tuple[str, ...]
    parts: dict[str, etree._Element]
    raw: Mapping[str, bytes] = attrs.field(factory=dict)

    def part(self, name: str) -> Optional[etree._Element]:
        """The XML part `name`'s root (None: no such XML part)."""
        root = self.parts.get(name)
        if root is None and name in self.raw:
            root = self.parts[name] = parse_xml(self.raw[name])
        return root

    def rels(self, source: str) -> list[Rel]:
        """The relationships of the part `source` ("" for the package's own), in order."""
        folder, base = posixpath.split(source)
        root = self.part(posixpath.join(folder, "_rels", base + ".rels"))
        if root is None:
            return []
        out = []
        for el in root.iterchildren(_REL):
            target = el.get("Target", "")
            external = el.get("TargetMode") == "External"
            if not external:
                target = posixpath.normpath(posixpath.join("/" + folder, target)).lstrip("/")
            out.append(Rel(el.get("Id", ""), el.get("Type", ""), target, external))
        return out

    def related_name(self, source: str, *, rid: Optional[str] = None,
                     rtype: Optional[str] = None) -> Optional[str]:
        """The part `source` relates to by id `rid` or (the first) by type `rtype`."""
        for rel in self.rels(source):
            if not rel.external and (rel.rid == rid if rid is not None else rel.rtype == rtype):
                return rel.target
        return None

    def related(self, source: str, *, rid: Optional[str] = None,
                rtype: Optional[str] = None) -> Optional[etree._Element]:
        """The XML part `source` relates to by id `rid` or (the first) by type `rtype`."""
        name = self.related_name(source, rid=rid, rtype=rtype)
        return self.part(name) if name is not None else None

    def text(self) -> str:
        """The headers' and the body's text, as ``ooxml.docx_text`` gives it."""
        return package_text(self.names, self._part)

    def _part(self, name: str) -> etree._Element:
        root = self.part(name)
        if root is None:
            raise KeyError(name)
        return root


# the parts a reader needs the tree of: the others are checked without building one
_TREE = re.compile(r".*\.rels|\[Content_Types\]\.xml|word/document\.xml|word/header\d*\.xml")


def open_package(data: bytes, place: Place) -> Package:
    """The checked package of DOCX bytes, or an AjdocError saying why it cannot be read."""
    names, parts, raw = checked_parts(data, place, tree=lambda name: bool(_TREE.fullmatch(name)))
    pkg = Package(tuple(names), parts, raw)
    _check_loadable(pkg, place)
    return pkg


def _check_loadable(pkg: Package, place: Place) -> None:
    """Follow the relationships from the package's as python-docx does when it opens one: every
    part one names is held, has a content type, and is XML where its type says so."""
    members = set(pkg.names)
    types = pkg.parts["[Content_Types].xml"]
    overrides = {(o.get("PartName") or "").lower(): o.get("ContentType") or ""
                 for o in types.iterchildren(f"{_CT}Override")}
    defaults = {(d.get("Extension") or "").lower(): d.get("ContentType") or ""
                for d in types.iterchildren(f"{_CT}Default")}
    seen: set[str] = set()
    todo = [""]
    while todo:
        source = todo.pop()
        for rel in pkg.rels(source):
            if rel.external or rel.target in seen:
                continue
            seen.add(rel.target)
            where = f"'{source or '_rels/.rels'}' names the part '{rel.target[:60]}'"
            if rel.target not in members:
                raise AjdocError(f"cannot be read as a Word document ({where}, which the "
                                 f"package does not hold); {_EXPECTED}", place)
            ext = posixpath.splitext(rel.target)[1][1:].lower()
            kind = overrides.get("/" + rel.target.lower(), defaults.get(ext))
            if kind is None:
                raise AjdocError(f"cannot be read as a Word document ({where}, which has no "
                                 f"content type in [Content_Types].xml); {_EXPECTED}", place)
            if _XML_TYPES.search(kind) and rel.target not in pkg.parts and \
                    rel.target not in pkg.raw:
                raise AjdocError(f"cannot be read as a Word document ({where}, which is not "
                                 f"XML); {_EXPECTED}", place)
            todo.append(rel.target)
    if pkg.parts[MAIN].tag != _W + "document":
        raise AjdocError(f"cannot be read as a Word document ({MAIN} holds no Word document); "
                         f"{_EXPECTED}", place)


# -- WordprocessingML, read as python-docx reads it ----------------------------------------------
def block_items(container: etree._Element) -> list[etree._Element]:
    """The paragraphs and tables directly in a body, header or cell, in order."""
    return [el for el in container if el.tag == _P or el.tag == _TBL]


def is_table(el: etree._Element) -> bool:
    return el.tag == _TBL


def python_docx_text(p: etree._Element) -> str:
    """A paragraph's text as python-docx's ``Paragraph.text`` gives it: its runs (and its
    hyperlinks' runs), a tab as a tab, a line break as a line feed, a page or column break as
    nothing, a non-breaking hyphen as a hyphen. The importer reads with it, so that its results
    stay those of python-docx's reading; ``ooxml.paragraph_text`` (every run, every break a line
    feed) is the reader of what ajdoc itself wrote."""
    out: list[str] = []
    for child in p:
        if child.tag == _R:
            _run_text(child, out)
        elif child.tag == _HYPERLINK:
            for run in child.iterchildren(_R):
                _run_text(run, out)
    return "".join(out)


def _run_text(run: etree._Element, out: list[str]) -> None:
    for el in run:
        tag = el.tag
        if tag == _T:
            out.append(el.text or "")
        elif tag == _TAB or tag == _PTAB:
            out.append("\t")
        elif tag == _BR:
            if el.get(_TYPE, "textWrapping") == "textWrapping":
                out.append("\n")
        elif tag == _CR:
            out.append("\n")
        elif tag == _NB_HYPHEN:
            out.append("-")


def table_rows(tbl: etree._Element) -> list[etree._Element]:
    return list(tbl.iterchildren(_TR))


def row_cells(tr: etree._Element) -> list[etree._Element]:
    """A row's cells as python-docx's ``_Row.cells``: a cell spanning n grid columns n times, a
    cell continuing a vertical merge as the cell that begins it."""
    out: list[etree._Element] = []
    for tc in tr.iterchildren(_TC):
        while _vmerge(tc) == "continue":
            above = _tc_above(tc)
            if above is None:  # python-docx fails here: read the cell as its own
                break
            tc = above
        out.extend([tc] * _grid_span(tc))
    return out


def _int_val(parent: Optional[etree._Element], tag: str, default: int) -> int:
    el = parent.find(tag) if parent is not None else None
    if el is None:
        return default
    try:
        return int(el.get(_VAL, ""))
    except ValueError:
        return default


def _grid_span(tc: etree._Element) -> int:
    return _int_val(tc.find(_TCPR), _GRID_SPAN, 1)


def _grid_before(tr: etree._Element) -> int:
    return _int_val(tr.find(_TRPR), _GRID_BEFORE, 0)


def _vmerge(tc: etree._Element) -> Optional[str]:
    tc_pr = tc.find(_TCPR)
    merge = tc_pr.find(_VMERGE) if tc_pr is not None else None
    return None if merge is None else merge.get(_VAL, "continue")


def _tc_above(tc: etree._Element) -> Optional[etree._Element]:
    """The cell at the same grid offset in the row above (None: no row, or no cell there)."""
    tr = tc.getparent()
    above = next(tr.itersiblings(_TR, preceding=True), None) if tr is not None else None
    if tr is None or above is None:
        return None
    offset = _grid_before(tr) + sum(_grid_span(c) for c in tc.itersiblings(_TC, preceding=True))
    remaining = offset - _grid_before(above)
    for cell in above.iterchildren(_TC):
        if remaining < 0:
            break
        if remaining == 0:
            return cell
        remaining -= _grid_span(cell)
    return None


def is_list_paragraph(p: etree._Element, styles: Styles) -> bool:
    """Whether a paragraph is a list item: numbered (not numbering 0), else by its style."""
    ppr = p.find(_PPR)
    num_pr = ppr.find(_NUMPR) if ppr is not None else None
    if num_pr is not None:
        num_id = num_pr.find(_NUMID)
        return not (num_id is not None and _is_zero(num_id.get(_VAL, "")))
    style = ppr.find(_PSTYLE) if ppr is not None else None
    return styles.is_list(style.get(_VAL) if style is not None else None)


def _is_zero(value: str) -> bool:
    try:
        return int(value) == 0
    except ValueError:
        return False


def document_styles(pkg: Package) -> Styles:
    """The main document's styles (python-docx's default styles when it has none)."""
    name = pkg.related_name(MAIN, rtype=STYLES)
    if name is not None and name in pkg.raw:
        return Styles.of_part(pkg.raw[name])
    root = pkg.part(name) if name is not None else None
    return Styles(root if root is not None else _default_styles())


def _default_styles() -> Optional[etree._Element]:
    """The styles python-docx gives a document that has none (its own template's)."""
    try:
        return etree.fromstring(StylesPart._default_styles_xml())
    except Exception:  # noqa: BLE001 - python-docx's private template: none is no styles
        return None


def first_header(pkg: Package) -> Optional[etree._Element]:
    """The first section's own header (its default one), None when it has none."""
    body = pkg.parts[MAIN].find(_W + "body")
    if body is None:
        return None
    sect = next(iter(body.xpath("./w:p/w:pPr/w:sectPr | ./w:sectPr",
                                namespaces={"w": W_NS})), None)
    if sect is None:
        return None
    ref = next((r for r in sect.iterchildren(_HEADER_REF) if r.get(_TYPE) == "default"), None)
    if ref is None:
        return None
    return pkg.related(MAIN, rid=ref.get(_R_ID))


def body(pkg: Package) -> Optional[etree._Element]:
    """The main document's body."""
    return pkg.parts[MAIN].find(_W + "body")
