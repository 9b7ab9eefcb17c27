"""The preview beside a form: the document's text from the same composed model the Word document
is filled from (``job_context``, the directive's wording), and page images through LibreOffice
when it is installed."""

from __future__ import annotations

import base64
import hashlib
import threading
from collections import OrderedDict
from typing import Any, Callable, Optional

from .. import render, wording
from ..delivery import ToolMissing, find_pdftoppm, find_soffice, pdf_to_png, to_pdf
from ..errors import AjdocError
from ..model import Directive, JobDescription
from ..rendering import job_context

PAGE_DPI = 60
_CACHE_SIZE = 16


def role_context(jd: JobDescription, layout: str) -> dict[str, Any]:
    """What the role's preview prints: the template context of the Word document (in the
    role's own profile's default layout when `layout` is not one of its profile)."""
    if layout not in jd.profile.layout_names():
        layout = jd.profile.default_layout("role")
    return dict(job_context(jd, layout))


def directive_context(d: Directive) -> dict[str, Any]:
    """The directive as it will read: its header, points, closing and signature."""
    head = wording.header(d)
    return {"head": head, "points": wording.points(d), "closing": wording.closing(d),
            "annexes": [(i, jd.general.title) for i, jd in enumerate(d.annexes, 1)]}


def converter() -> Optional[str]:
    """Why page images cannot be made (a one-line message), or None when they can."""
    try:
        find_soffice("preview")
        find_pdftoppm()
    except ToolMissing as exc:
        return str(exc)
    return None


class _Images:
    """Page images of the last few documents, by the document's bytes (a conversion takes
    seconds; an unchanged document is not converted again)."""

    def __init__(self) -> None:
        self._cache: OrderedDict[str, list[str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, docx: bytes, make: Callable[[bytes], list[bytes]]) -> list[str]:
        key = hashlib.sha256(docx).hexdigest()
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        pages = ["data:image/png;base64," + base64.b64encode(png).decode("ascii")
                 for png in make(docx)]
        with self._lock:
            self._cache[key] = pages
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return pages


IMAGES = _Images()


def _pages(docx: bytes) -> list[bytes]:
    pdf = to_pdf({"preview.docx": docx})["preview.pdf"]
    return pdf_to_png(pdf, dpi=PAGE_DPI)


def role_pages(jd: JobDescription, layout: str) -> list[str]:
    """The pages of the role's Word document as PNG data URLs (AjdocError without
    LibreOffice)."""
    problem = converter()
    if problem:
        raise AjdocError(problem)
    return IMAGES.get(render(jd, layout=layout), _pages)
