"""The web application: the Starlette app over one workspace, its pages, the static files, the
security middleware and the error handlers."""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import AjdocError
from . import i18n
from .base import Web, ajdoc_error, internal_error, not_found
from .files import Workspace
from .routes import routes
from .security import LOOPBACK, Csrf, Guard

STATIC = Path(__file__).parent / "static"


async def set_language(request: Request) -> Response:
    lang = request.path_params["lang"]
    target = request.query_params.get("next", "/")
    if not target.startswith("/") or target.startswith("//"):
        target = "/"
    response = RedirectResponse(target, status_code=303)
    if lang in i18n.LANGUAGES:
        response.set_cookie(i18n.COOKIE, lang, max_age=365 * 24 * 3600, samesite="strict",
                            httponly=True)
    return response


def create_app(ws: Workspace, *, hosts: Optional[Sequence[str]] = LOOPBACK,
               csrf: Optional[Csrf] = None) -> Starlette:
    """The application over workspace `ws`. `hosts`: the Host names it answers to (None: any,
    for a server reachable from other machines)."""
    app = Starlette(
        routes=[*routes(), Route("/lang/{lang}", set_language),
                Mount("/static", StaticFiles(directory=STATIC), name="static")],
        middleware=[Middleware(Guard, hosts=tuple(hosts) if hosts is not None else None)],
        exception_handlers={AjdocError: ajdoc_error, 404: not_found,
                            Exception: internal_error})
    app.state.web = Web(ws, csrf)
    return app
