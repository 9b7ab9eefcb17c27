"""Unsigned ASiC-E containers (for DigiDoc4 to sign), written with the standard library.

`mimetype` first, stored, no extra field; the documents; `META-INF/manifest.xml`. No signature:
DigiDoc4 or a libdigidocpp-based system adds it. Fixed timestamps (``ooxml.package.fixed_member``),
so equal documents give identical bytes.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Iterable, Mapping, Sequence
from xml.sax.saxutils import quoteattr

from ..errors import AjdocError, Place
from ..ooxml.package import fixed_member
from ..output import check_target, write_all

ASICE_MIMETYPE = "application/vnd.etsi.asic-e+zip"
MANIFEST_NS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
MEDIA_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain",
}
CONTAINER_SUFFIXES = (".asice", ".sce")

Documents = Mapping[str, bytes] | Iterable[tuple[str, bytes]]


def media_type(name: str) -> str:
    """The media type the manifest gives a document, from its name's suffix."""
    return MEDIA_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")


def check_container_name(path: Path, place: Place) -> None:
    """A container's file name ends in .asice (or .sce), which DigiDoc4 opens."""
    if path.suffix.lower() not in CONTAINER_SUFFIXES:
        raise AjdocError("expected a container name ending in .asice", place,
                         "DigiDoc4 opens .asice files")


def asice_documents(documents: Documents) -> list[tuple[str, bytes]]:
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


def asice_bytes(documents: Documents) -> bytes:
    """An unsigned ASiC-E container (bytes) holding `documents` ({name: bytes}), in that order."""
    pairs = asice_documents(documents)
    mimetype = fixed_member("mimetype")
    mimetype.compress_type = zipfile.ZIP_STORED  # first and stored: read without unpacking
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(mimetype, ASICE_MIMETYPE.encode("ascii"))
        for name, data in pairs:
            zf.writestr(fixed_member(name), data, compresslevel=9)
        zf.writestr(fixed_member("META-INF/manifest.xml"),
                    manifest_xml([n for n, _ in pairs]), compresslevel=9)
    return buf.getvalue()


def write_asice(path: Path | str, documents: Documents, *, force: bool = False) -> Path:
    """Write an unsigned ASiC-E container of `documents` to `path` (atomically)."""
    path = Path(path)
    check_container_name(path, Place(file=str(path)))
    check_target(path, force)
    return write_all([(path, asice_bytes(documents))], force=force)[0]
