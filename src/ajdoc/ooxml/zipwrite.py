"""Reproducible zip writing: fixed member timestamps and order, members compressed once and copied.

``write_members`` writes (name, data) pairs, ``normalize_zip`` rewrites a DOCX given as bytes,
``package_bytes`` writes a python-docx package. Underneath, ``Member`` holds one member already
compressed (deflate, as Word writes) with its CRC, and ``write_prepared`` lays members out as a
zip archive exactly as ``zipfile`` lays out ``fixed_member`` entries, so that a member prepared
once (a template's unchanged part) is copied into every document without compressing it again.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from typing import Any, Iterable
from xml.sax.saxutils import quoteattr

import attrs

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"


def fixed_member(name: str) -> zipfile.ZipInfo:
    """A zip member entry with a fixed timestamp and mode: equal inputs give equal bytes."""
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


@attrs.frozen
class Member:
    """One zip member, compressed: its name, CRC-32, unpacked size and deflated bytes."""

    name: str
    crc: int
    size: int
    packed: bytes

    @classmethod
    def deflate(cls, name: str, data: bytes) -> "Member":
        """The member `name` holding `data`, deflated as ``zipfile`` does (default level)."""
        comp = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        return cls(name, zlib.crc32(data), len(data), comp.compress(data) + comp.flush())


# the zip format's records (PKWARE APPNOTE 4.3.7, 4.3.12, 4.3.16), as ``zipfile`` writes them
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_UTF8_NAME = 0x800


def write_prepared(members: Iterable[Member]) -> bytes:
    """A zip archive of compressed members in the given order, byte for byte what ``zipfile``
    writes for ``fixed_member`` entries of the same data (no zip64: members stay far below
    4 GiB, as the package checks bound them)."""
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    template = fixed_member("x")
    y, mo, d, h, mi, sec = FIXED_TIME
    dosdate, dostime = (y - 1980) << 9 | mo << 5 | d, h << 11 | mi << 5 | sec // 2
    version, system = template.extract_version, template.create_system
    for m in members:
        try:
            name, flags = m.name.encode("ascii"), 0
        except UnicodeEncodeError:
            name, flags = m.name.encode("utf-8"), _UTF8_NAME
        fields = (flags, zipfile.ZIP_DEFLATED, dostime, dosdate, m.crc, len(m.packed), m.size,
                  len(name))
        header = _LOCAL.pack(b"PK\x03\x04", version, 0, *fields, 0) + name
        central.append(_CENTRAL.pack(b"PK\x01\x02", template.create_version, system, version, 0,
                                     *fields, 0, 0, 0, 0, template.external_attr, offset) + name)
        out += (header, m.packed)
        offset += len(header) + len(m.packed)
    directory = b"".join(central)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join(out) + directory + end


def write_members(members: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of (name, data) members in the given order, with fixed timestamps."""
    return write_prepared(Member.deflate(name, data) for name, data in members)


def content_types(parts: list[tuple[str, str]]) -> bytes:
    """``[Content_Types].xml`` for (part name, content type) pairs: defaults for relationships
    and XML, an override per part."""
    lines = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
             f'<Types xmlns="{_CT_NS}">',
             f'<Default Extension="rels" ContentType="{_RELS_TYPE}"/>',
             '<Default Extension="xml" ContentType="application/xml"/>']
    for name, ctype in parts:
        lines.append(f"<Override PartName={quoteattr(name)} ContentType={quoteattr(ctype)}/>")
    lines.append("</Types>")
    return "".join(lines).encode("utf-8")


def package_members(package: Any) -> list[tuple[str, bytes, Any]]:
    """A python-docx ``OpcPackage``'s members in writing order, as (name, data, part or None):
    content types, package relationships, then every part (and its relationships) in the
    package's own walk order."""
    parts = list(package.iter_parts())
    members: list[tuple[str, bytes, Any]] = [
        ("[Content_Types].xml",
         content_types([(str(p.partname), p.content_type) for p in parts]), None),
        ("_rels/.rels", package.rels.xml, None)]
    for part in parts:
        members.append((part.partname.membername, part.blob, part))
        if len(part.rels):
            members.append((part.partname.rels_uri.membername, part.rels.xml, None))
    return members


def package_bytes(package: Any) -> bytes:
    """A python-docx ``OpcPackage`` as DOCX bytes (``package_members``); fixed timestamps."""
    return write_members((name, data) for name, data, _ in package_members(package))


def normalize_zip(data: bytes) -> bytes:
    """The same DOCX with fixed member timestamps, so equal inputs give equal bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        return write_members((info.filename, src.read(info.filename)) for info in src.infolist())
