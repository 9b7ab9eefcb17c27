"""The Word XML layer: namespaces (through python-docx's ``qn``), the one reader of a DOCX's text,
and the package checks every DOCX ajdoc opens goes through (``ooxml.package``)."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Callable, Iterable

from docx.oxml.ns import nsmap, qn
from lxml import etree

W_NS = nsmap["w"]
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

__all__ = ["W_NS", "XML_SPACE", "qn", "parse_xml", "paragraph_text", "paragraphs", "part_names",
           "document_paragraphs", "docx_text", "package_text"]

_R, _T, _TAB, _BR, _CR, _P = (qn(f"w:{tag}") for tag in ("r", "t", "tab", "br", "cr", "p"))
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def parse_xml(data: bytes) -> etree._Element:
    """An XML part, parsed without entity resolution or network access."""
    return etree.fromstring(data, _PARSER)


def paragraph_text(p: etree._Element) -> str:
    """A paragraph's text as Word shows it: its runs' text joined, a tab in a run as a tab, a
    break as a line feed (tab stops in the paragraph's properties are not text)."""
    parts = []
    t, tab, br, cr = _T, _TAB, _BR, _CR
    for run in p.iter(_R):
        for node in run:
            if node.tag == t:
                parts.append(node.text or "")
            elif node.tag == tab:
                parts.append("\t")
            elif node.tag in (br, cr):
                parts.append("\n")
    return "".join(parts)


def paragraphs(root: etree._Element) -> list[str]:
    """The text of every paragraph under `root` (tables included), in document order."""
    return [paragraph_text(p) for p in root.iter(_P)]


def part_names(names: Iterable[str], kind: str) -> list[str]:
    """The package's header or footer parts ("header", "footer"), in name order."""
    return sorted(n for n in names if re.fullmatch(rf"word/{kind}\d*\.xml", n))


def document_paragraphs(data: bytes) -> list[str]:
    """The text of every paragraph of a DOCX body (tables included), tabs and line breaks kept."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return paragraphs(parse_xml(z.read("word/document.xml")))


def docx_text(data: bytes) -> str:
    """Paragraph and table-cell text of the headers, then the body, in document order."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return package_text(z.namelist(), lambda name: parse_xml(z.read(name)))


def package_text(names: Iterable[str], part: Callable[[str], etree._Element]) -> str:
    """`docx_text` of a package whose member `names` are known and whose XML parts `part(name)`
    gives (parsed already, for one)."""
    out: list[str] = []
    for name in part_names(names, "header") + ["word/document.xml"]:
        out += paragraphs(part(name))
    return "\n".join(out)
