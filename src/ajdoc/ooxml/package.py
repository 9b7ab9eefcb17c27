"""DOCX packages: the checks every package ajdoc opens goes through, and reproducible writing.

A DOCX never needs a DTD, so any ``<!DOCTYPE`` (external entities, entity expansion) is refused;
so are member names that climb out of the package (``..``, absolute paths), packages that unpack
to more than a bounded size or at a suspicious compression ratio (zip bombs), and files that are
not zip packages. The limits are bounds on declared sizes: reading never goes past them.

Writing (reproducible zips: ``write_members``, ``normalize_zip``, ``package_bytes``) lives in
``ooxml.zipwrite``; the names stay importable from here.
"""

from __future__ import annotations

import re
import zipfile
from functools import lru_cache
from pathlib import Path

from ..errors import AjdocError, Place
from .zipwrite import (FIXED_TIME, fixed_member, normalize_zip, package_bytes,  # noqa: F401
                       write_members)  # writing lives in zipwrite; importable from here too

MAX_MEMBERS = 2000
MAX_TOTAL = 256 * 1024 * 1024     # bytes unpacked, all members
MAX_MEMBER = 64 * 1024 * 1024     # bytes unpacked, one member
MAX_RATIO = 200                   # unpacked / packed, for members over 1 MB unpacked
XML_SUFFIXES = (".xml", ".rels")
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)


def check_package(path: Path | str) -> None:
    """Refuse a template file that is not a safe DOCX package, with one clear message."""
    path = Path(path)
    _check_cached(str(path), *_stamp(path))


def _stamp(path: Path) -> tuple[int, int]:
    place = Place(file=str(path))
    if path.is_dir():
        raise AjdocError("is a folder; expected a Word template (.docx)", place)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise AjdocError("template file not found", place) from None
    except OSError as exc:
        raise AjdocError(f"template cannot be read: {exc.strerror}", place) from None
    return st.st_mtime_ns, st.st_size


@lru_cache(maxsize=64)
def _check_cached(path: str, mtime_ns: int, size: int) -> None:
    place = Place(file=path)
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise AjdocError("is not a Word (DOCX) file (not a zip package)", place) from None
    except OSError as exc:
        raise AjdocError(f"template cannot be read: {exc.strerror}", place) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise AjdocError(f"refused: the package has {len(infos)} members "
                             f"(at most {MAX_MEMBERS})", place)
        total = 0
        names = set()
        for info in infos:
            name = info.filename
            parts = name.replace("\\", "/").split("/")
            if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name) or ".." in parts:
                raise AjdocError(f"refused: member name '{name}' points outside the package",
                                 place)
            if info.file_size > MAX_MEMBER:
                raise AjdocError(f"refused: member '{name}' unpacks to {info.file_size} bytes "
                                 f"(at most {MAX_MEMBER}); a zip bomb?", place)
            if info.file_size > 1 << 20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise AjdocError(f"refused: member '{name}' is compressed {info.file_size // max(info.compress_size, 1)}:1; "
                                 "a zip bomb?", place)
            total += info.file_size
            if total > MAX_TOTAL:
                raise AjdocError(f"refused: the package unpacks to more than {MAX_TOTAL} bytes; "
                                 "a zip bomb?", place)
            names.add(name)
        if "word/document.xml" not in names or "[Content_Types].xml" not in names:
            raise AjdocError("is not a Word (DOCX) file: it has no word/document.xml", place)
        for info in infos:
            if info.filename.endswith(XML_SUFFIXES):
                try:
                    data = zf.read(info)
                except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
                    raise AjdocError(f"refused: member '{info.filename}' cannot be read ({exc})",
                                     place) from None
                if _DOCTYPE.search(data):
                    raise AjdocError(f"refused: '{info.filename}' declares a DTD or entities "
                                     "(<!DOCTYPE / <!ENTITY), which a Word document never needs",
                                     place)
