"""The home page: the workspace's role and directive files, and where to go from there."""

from __future__ import annotations

from typing import Optional

import attrs
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ... import yamlio
from ...errors import AjdocError
from ...workspace import ROLE
from ..base import web_of
from ..files import Workspace


@attrs.frozen
class Entry:
    """A file on the home page: its path, kind, title and the problem reading it, if any."""

    rel: str
    kind: str
    title: str = ""
    problem: Optional[str] = None


def _entry(ws: Workspace, rel: str, kind: str) -> Entry:
    """A file with its title (a role's) or number and date (a directive's)."""
    try:
        node = yamlio.load(ws.path(rel))
        if kind == ROLE:
            general = node.get("general")
            title = general.get("title") if general is not None and general.is_map() else None
            text = str(title.value) if title is not None else ""
        else:
            text = " ".join(str(n.value) for n in (node.get("number"), node.get("date"))
                            if n is not None)
        return Entry(rel, kind, text)
    except AjdocError as exc:
        return Entry(rel, kind, problem=str(exc))


async def home(request: Request) -> Response:
    web = web_of(request)

    def entries() -> list[Entry]:
        return [_entry(web.ws, f.rel, f.kind) for f in web.ws.files()]

    found = await web.work(entries)
    return web.html(request, "home.html", roles=[e for e in found if e.kind == ROLE],
                    directives=[e for e in found if e.kind != ROLE],
                    library=[web.ws.rel(f) for f in web.ws.library_folders])


ROUTES = [Route("/", home)]
