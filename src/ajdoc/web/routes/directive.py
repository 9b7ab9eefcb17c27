"""The directive builder's pages: a directive file's number, date, signer, annexes (in order, by
drag or arrows), repeals and entry into force, the directive's text as it will read, saving,
and the documents to download (separate DOCX files in a zip, the combined document, PDF)."""

from __future__ import annotations

from typing import Any, Optional

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import directiveeditor as de
from ..base import Web, is_htmx, web_of
from ..roleeditor import Editing
from .downloads import attachment, zipped
from . import saving

WHAT = ("zip", "combined", "pdf")


def _editor(request: Request, web: Web, ed: Editing, state: dict, built: de.Built, *,
            flash: Optional[dict] = None, conflict: Optional[dict] = None,
            headers: Optional[dict] = None) -> Response:
    values = de.view(web.ws, ed, state, built)
    name = "_directive_editor.html" if is_htmx(request) else "directive.html"
    return web.html(request, name, response_headers=headers, flash=flash, conflict=conflict,
                    oob=is_htmx(request), **values)


async def edit(request: Request) -> Response:
    """GET /directive?path=…: a directive file in the builder; GET /directive: a new one."""
    web = web_of(request)
    rel = request.query_params.get("path", "")
    if not rel:
        return web.html(request, "directive_new.html", name=_free_name(web))
    ed, state, built = await web.work(de.open_file, web.ws, rel)
    return _editor(request, web, ed, state, built)


def _free_name(web: Web) -> str:
    for n in range(1, 1000):
        rel = f"kaskkiri-{n}.yaml"
        if not (web.ws.root / rel).exists():
            return rel
    return "kaskkiri.yaml"


async def new(request: Request) -> Response:
    """POST /directive/new: the builder over a new directive file (written when saved)."""
    web = web_of(request)
    form = await web.form(request)
    rel = str(form.get("path") or "").strip()
    if not rel.endswith((".yaml", ".yml")):
        rel += ".yaml"
    ed, state, built = await web.work(de.new_file, web.ws, rel)
    return _editor(request, web, ed, state, built)


async def _posted(request: Request) -> tuple[Web, Any, Editing, dict]:
    web = web_of(request)
    form = await web.form(request)
    return web, form, de.editing_from(form, web.ws), de.posted(form.multi_items())


async def preview(request: Request) -> Response:
    web, _, ed, state = await _posted(request)
    built = await web.work(de.build, web.ws, ed, state)
    return web.html(request, "_directive_preview.html", **de.view(web.ws, ed, state, built))


async def change(request: Request) -> Response:
    web, form, ed, state = await _posted(request)
    de.apply(state, str(form.get("op") or ""))
    built = await web.work(de.build, web.ws, ed, state)
    return _editor(request, web, ed, state, built)


async def save(request: Request) -> Response:
    web, form, ed, state = await _posted(request)
    built = await web.work(de.build, web.ws, ed, state)
    done = await saving.save(web, form, ed, built.text)
    if done.conflict is not None:
        return _editor(request, web, ed, state, built, conflict=done.conflict,
                       flash=done.flash(web, request, False))
    ed2, state2, fresh = await web.work(de.reopen, web.ws, done.rel, built.text, done.digest)
    return _editor(request, web, ed2, state2, fresh,
                   flash=done.flash(web, request, bool(fresh.checked.errors)),
                   headers={"HX-Replace-Url": f"/directive?path={done.rel}"}
                   if is_htmx(request) else None)


async def download(request: Request) -> Response:
    """POST /directive/download: the documents of the directive as the form holds it — the
    bytes `ajdoc directive` writes for the same file."""
    web, form, ed, state = await _posted(request)
    what = str(form.get("what") or "zip")
    if what not in WHAT:
        what = "zip"
    built = await web.work(de.build, web.ws, ed, state)
    files, name = await web.work(de.documents, web.ws, built, what, web.t(request, de.COMBINED))
    if what == "combined":
        return attachment(files[0][1], name)
    return attachment(zipped(files), name)


ROUTES = [Route("/directive", edit), Route("/directive/new", new, methods=["POST"]),
          Route("/directive/preview", preview, methods=["POST"]),
          Route("/directive/form", change, methods=["POST"]),
          Route("/directive/save", save, methods=["POST"]),
          Route("/directive/download", download, methods=["POST"])]
