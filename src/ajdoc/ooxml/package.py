"""DOCX packages: the checks every package ajdoc opens goes through, and reproducible writing.

The checks (zip bombs, entity declarations, damaged or odd packages, a template's active or
external content) live in ``ooxml.safety``; ``check_package`` is re-exported here.

Writing: ``package_bytes`` writes a python-docx package (a rendered template) as a zip of its
parts with fixed timestamps and a fixed member order, so that equal inputs give equal bytes from
any thread; ``normalize_zip`` does the same for a DOCX given as bytes.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any, Iterable
from xml.sax.saxutils import quoteattr

from .safety import check_docx, check_package

__all__ = ["check_docx", "check_package", "fixed_member", "write_members", "package_bytes",
           "normalize_zip"]


# -- writing ------------------------------------------------------------------------------------
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"


def fixed_member(name: str) -> zipfile.ZipInfo:
    """A zip member entry with a fixed timestamp and mode: equal inputs give equal bytes."""
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def write_members(members: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of (name, data) members in the given order, with fixed timestamps."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in members:
            dst.writestr(fixed_member(name), data)
    return out.getvalue()


def _content_types(parts: list[Any]) -> bytes:
    """``[Content_Types].xml``: defaults for relationships and XML, an override per other part."""
    lines = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
             f'<Types xmlns="{_CT_NS}">',
             f'<Default Extension="rels" ContentType="{_RELS_TYPE}"/>',
             '<Default Extension="xml" ContentType="application/xml"/>']
    for part in parts:
        lines.append(f"<Override PartName={quoteattr(str(part.partname))} "
                     f"ContentType={quoteattr(part.content_type)}/>")
    lines.append("</Types>")
    return "".join(lines).encode("utf-8")


def package_bytes(package: Any) -> bytes:
    """A python-docx ``OpcPackage`` as DOCX bytes: content types, package relationships, then
    every part (and its relationships) in the package's own walk order; fixed timestamps."""
    parts = list(package.iter_parts())
    members: list[tuple[str, bytes]] = [("[Content_Types].xml", _content_types(parts)),
                                        ("_rels/.rels", package.rels.xml)]
    for part in parts:
        members.append((part.partname.membername, part.blob))
        if len(part.rels):
            members.append((part.partname.rels_uri.membername, part.rels.xml))
    return write_members(members)


def normalize_zip(data: bytes) -> bytes:
    """The same DOCX with fixed member timestamps, so equal inputs give equal bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        return write_members((info.filename, src.read(info.filename)) for info in src.infolist())
