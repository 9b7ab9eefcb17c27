"""The import page: a Word document (or its text) uploaded → the proposed role file with the
import report (which blocks matched how closely), to review, correct and save."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ... import import_document
from ...errors import AjdocError, Place
from ...importing import merged_blocks_text
from ...ooxml.package import check_package
from ...output import write_atomic
from ..base import is_htmx, web_of
from ..files import NEW
from ..security import read_upload, scratch

SUFFIXES = (".docx", ".txt")
BLOCKS_FILE = ("blocks", "imported.yaml")


async def form(request: Request) -> Response:
    web = web_of(request)
    return web.html(request, "import.html", result=None, yaml="", name="", blocks="[]")


async def upload(request: Request) -> Response:
    """POST /import: the uploaded file imported (nothing is written yet)."""
    web = web_of(request)
    with scratch() as tmp:
        _, path = await read_upload(request, web.csrf, "document", Path(tmp))
        if path.suffix.lower() not in SUFFIXES:
            raise AjdocError("expected a Word document (.docx) or its text (.txt)",
                             Place(file=path.name))

        def run() -> object:
            if path.suffix.lower() == ".docx":
                check_package(path)
            return import_document(path, web.ws.library())

        try:
            result = await web.work(run)
        except AjdocError as exc:  # name the file as the user knows it, not the temporary copy
            if exc.place.file and Path(exc.place.file).parent == Path(tmp):
                exc.place = exc.place._replace(file=path.name)
            raise
    name = f"{PurePosixPath(path.name).stem}.yaml"
    return web.html(request, "import.html", result=result, yaml=getattr(result, "yaml"),
                    name=name, blocks=json.dumps(getattr(result, "blocks"), ensure_ascii=False,
                                                 default=str))


async def save(request: Request) -> Response:
    """POST /import/save: the reviewed role file written (never over an existing file), with
    the user blocks it needs merged into the library's imported.yaml."""
    web = web_of(request)
    posted = await web.form(request)
    rel = str(posted.get("path") or "").strip()
    text = str(posted.get("yaml") or "").replace("\r\n", "\n")
    try:
        blocks = json.loads(str(posted.get("blocks") or "[]"))
        assert isinstance(blocks, list)
    except (ValueError, AssertionError):
        raise AjdocError("the imported blocks did not come back whole; import again") from None

    def write() -> None:
        target = web.ws.path(rel)
        if target.exists():
            raise AjdocError("exists already; choose another name", Place(file=rel))
        if blocks:
            lib_file = web.ws.import_library().joinpath(*BLOCKS_FILE)
            lib_file.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(lib_file, merged_blocks_text(lib_file, blocks), force=True)
        web.ws.save(rel, text, NEW)

    await web.work(write)
    url = f"/role?path={rel}"
    if is_htmx(request):
        return Response(status_code=204, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


ROUTES = [Route("/import", form), Route("/import", upload, methods=["POST"]),
          Route("/import/save", save, methods=["POST"])]
