"""Files sent to the browser: a document as an attachment, several as one zip."""

from __future__ import annotations

from typing import Iterable
from urllib.parse import quote

from starlette.responses import Response

from ...ooxml.package import write_members

MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "pdf": "application/pdf", "zip": "application/zip", "json": "application/json",
         "yaml": "application/yaml"}


def attachment(data: bytes, filename: str) -> Response:
    """`data` downloaded as `filename`."""
    suffix = filename.rsplit(".", 1)[-1].lower()
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    return Response(data, media_type=MEDIA.get(suffix, "application/octet-stream"), headers={
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; "
                               f"filename*=UTF-8''{quote(filename)}"})


def zipped(members: Iterable[tuple[str, bytes]]) -> bytes:
    """Files as one zip, reproducibly (fixed timestamps, the order given)."""
    return write_members(members)
