"""The role editor's pages: a new role from a preset, editing a role file with the preview
beside it, saving (refused when the file changed on disk since it was opened), downloads."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Optional

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ... import load_role, render, to_pdf, write_scaffold
from ...errors import AjdocError, Place
from ...model import POSITION_GROUPS
from .. import roleeditor as re_
from ..roleform import state_of
from ..base import Web, is_htmx, web_of
from ..preview import role_pages
from . import saving
from .downloads import attachment


def _editor(request: Request, web: Web, ed: re_.Editing, state: dict, std: dict,
            built: re_.Built, *, focus: Optional[str] = None, flash: Optional[dict] = None,
            conflict: Optional[dict] = None, headers: Optional[dict] = None) -> Response:
    """The editor: the fragment for htmx, the whole page otherwise."""
    values = re_.view(web.ws, ed, state, std, built, focus)
    name = "_role_editor.html" if is_htmx(request) else "role.html"
    return web.html(request, name, response_headers=headers, flash=flash, conflict=conflict,
                    oob=is_htmx(request), **values)


async def edit(request: Request) -> Response:
    """GET /role?path=…: a role file opened in the editor."""
    web = web_of(request)
    rel = request.query_params.get("path", "")
    layout = request.query_params.get("layout")
    ed, state, built = await web.work(re_.open_file, web.ws, rel, layout)
    return _editor(request, web, ed, state, {}, built)


async def new_form(request: Request) -> Response:
    """GET /role/new: choose the preset, the position group and the file name."""
    web = web_of(request)
    lib = await web.work(web.ws.library)
    presets = [(pid, lib.preset(pid).title, lib.preset(pid).position_group)
               for pid in lib.preset_ids()]
    ids = [p[0] for p in presets]
    chosen = request.query_params.get("preset") or ("specialist" if "specialist" in ids
                                                     else ids[0] if ids else "")
    return web.html(request, "role_new.html", presets=presets, chosen=chosen,
                    groups=POSITION_GROUPS, name=_free_name(web, chosen))


def _free_name(web: Web, preset: str) -> str:
    for n in range(1, 100):
        rel = f"{preset or 'role'}{'' if n == 1 else f'-{n}'}.yaml"
        if not (web.ws.root / rel).exists():
            return rel
    return f"{preset or 'role'}-new.yaml"


async def new(request: Request) -> Response:
    """POST /role/new: the editor over the preset's scaffold (written only when saved)."""
    web = web_of(request)
    form = await web.form(request)
    preset = str(form.get("preset") or "")
    group = str(form.get("position_group") or "") or None
    rel = str(form.get("path") or "").strip()
    if not rel.endswith((".yaml", ".yml")):
        rel += ".yaml"

    def make() -> tuple[re_.Editing, dict, re_.Built]:
        web.ws.path(rel)
        with tempfile.TemporaryDirectory(prefix="ajdoc-web-") as tmp:
            target = Path(tmp) / Path(rel).name
            write_scaffold(preset, target, library=web.ws.library(), position_group=group)
            text = target.read_text(encoding="utf-8")
        return re_.new_file(web.ws, rel, text)

    ed, state, built = await web.work(make)
    return _editor(request, web, ed, state, {}, built, focus="general.title",
                   headers={"HX-Replace-Url": "/role/new"} if is_htmx(request) else None)


async def _posted(request: Request) -> tuple[Web, Any, re_.Editing, dict, dict]:
    web = web_of(request)
    form = await web.form(request)
    ed = re_.editing_from(form, web.ws)
    state, std = re_.posted(form.multi_items())
    return web, form, ed, state, std


async def preview(request: Request) -> Response:
    """POST /role/preview: the preview and the messages of what the form holds now."""
    web, _, ed, state, std = await _posted(request)
    built = await web.work(re_.build, web.ws, ed, state, std)
    values = re_.view(web.ws, ed, state, std, built)
    return web.html(request, "_role_preview.html", **values)


async def change(request: Request) -> Response:
    """POST /role/form: a change of the form's structure (add, move, remove an entry; another
    preset, group or variant): the editor again."""
    web, form, ed, state, std = await _posted(request)
    focus = re_.apply(state, std, str(form.get("op") or ""))
    built = await web.work(re_.build, web.ws, ed, state, std)
    return _editor(request, web, ed, state, std, built, focus=focus)


async def save(request: Request) -> Response:
    """POST /role/save: write the role file if it is still the one the page opened; otherwise
    show both versions and let the user choose."""
    web, form, ed, state, std = await _posted(request)
    built = await web.work(re_.build, web.ws, ed, state, std)
    done = await saving.save(web, form, ed, built.text)
    if done.conflict is not None:
        return _editor(request, web, ed, state, std, built, conflict=done.conflict,
                       flash=done.flash(web, request, False))
    saved = re_.Editing(done.rel, built.text, done.digest, ed.layout)
    fresh = await web.work(re_.check_text, web.ws, saved, built.text)
    return _editor(request, web, saved, state_of(fresh.data), {}, fresh,
                   flash=done.flash(web, request, bool(fresh.checked.errors)),
                   headers={"HX-Replace-Url": f"/role?path={done.rel}"}
                   if is_htmx(request) else None)


async def pages(request: Request) -> Response:
    """POST /role/page: page images of the document as it stands (LibreOffice)."""
    web, _, ed, state, std = await _posted(request)
    built = await web.work(re_.build, web.ws, ed, state, std)
    jd = built.checked.subject
    if jd is None:
        raise AjdocError("the role file has errors; correct them to see its pages",
                         Place(file=ed.rel))
    images = await web.work(role_pages, jd, ed.layout)
    return web.html(request, "_pages.html", images=images)


async def download(request: Request) -> Response:
    """GET /role/download?path=…&layout=…&format=docx|pdf: the saved file's document, the
    same bytes `ajdoc render` writes."""
    web = web_of(request)
    rel = request.query_params.get("path", "")
    layout = request.query_params.get("layout") or web.ws.default_layout()
    fmt = request.query_params.get("format", "docx")
    if layout not in web.ws.layouts() or fmt not in ("docx", "pdf"):
        raise AjdocError("expected a layout of " + ", ".join(web.ws.layouts()) +
                         " and docx or pdf",
                         Place(key="layout"))
    path = web.ws.path(rel)

    def make() -> bytes:
        data = render(load_role(path, web.ws.library()), layout=layout)
        return data if fmt == "docx" else to_pdf({"a.docx": data})["a.pdf"]

    data = await web.work(make)
    return attachment(data, f"{Path(rel).stem}.{fmt}")


ROUTES = [Route("/role", edit), Route("/role/new", new_form), Route("/role/new", new,
                                                                  methods=["POST"]),
          Route("/role/preview", preview, methods=["POST"]),
          Route("/role/form", change, methods=["POST"]),
          Route("/role/save", save, methods=["POST"]),
          Route("/role/page", pages, methods=["POST"]),
          Route("/role/download", download)]
