"""The compare page: two versions of a role — two files, or a file and its last commit when the
workspace is a git repository — with the changes, the consent verdict and the Word redline."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ... import load_role, redline_document, yamlio
from ...compare import Comparison, compare
from ...compose import compose
from ...errors import AjdocError, Place
from ...model import JobDescription
from ..base import Web, web_of
from ..files import Workspace
from ..history import head_text, in_repository
from .downloads import attachment

def versions(ws: Workspace, params: dict[str, str]) -> Optional[tuple[JobDescription,
                                                                      JobDescription, str, str]]:
    """The two job descriptions the query names (old, new, and their names), or None."""
    lib = ws.library()
    if params.get("file") and params.get("git"):
        rel = params["file"]
        path = ws.path(rel)
        name = f"{rel} (HEAD)"
        old = compose(yamlio.parse(head_text(path, rel), name), lib)
        return old, load_role(path, lib), name, rel
    if params.get("old") and params.get("new"):
        return (load_role(ws.path(params["old"]), lib), load_role(ws.path(params["new"]), lib),
                params["old"], params["new"])
    return None


def _compare(ws: Workspace, params: dict[str, str], layout: str) -> Optional[Comparison]:
    found = versions(ws, params)
    if found is None:
        return None
    old, new, old_name, new_name = found
    return compare(old, new, layout=layout, old_name=old_name, new_name=new_name)


def _params(request: Request) -> dict[str, str]:
    return {k: request.query_params.get(k, "") for k in ("old", "new", "file", "git")}


def _layout(request: Request) -> str:
    ws = web_of(request).ws
    layout = request.query_params.get("layout") or ws.default_layout()
    if layout not in ws.layouts():
        raise AjdocError(f"expected a layout of {', '.join(ws.layouts())}", Place(key="layout"))
    return layout


async def page(request: Request) -> Response:
    web: Web = web_of(request)
    params = _params(request)
    layout = _layout(request)
    cmp = await web.work(_compare, web.ws, params, layout)
    git = await web.work(in_repository, web.ws.root)
    query = "&".join(f"{k}={v}" for k, v in params.items() if v)
    return web.html(request, "compare.html", roles=web.ws.roles(), params=params, git=git,
                    cmp=cmp, query=query, layout=layout, layouts=web.ws.layouts())


async def redline(request: Request) -> Response:
    """The newer version as a Word document with tracked changes against the older."""
    web = web_of(request)
    params = _params(request)
    layout = _layout(request)

    def make() -> bytes:
        found = versions(web.ws, params)
        if found is None:
            raise AjdocError("choose the two versions to compare")
        old, new, _, _ = found
        return redline_document(old, new, layout=layout)

    data = await web.work(make)
    stem = Path(params.get("new") or params.get("file") or "role").stem
    return attachment(data, f"{stem}-redline.docx")


ROUTES = [Route("/compare", page), Route("/compare/redline", redline)]
