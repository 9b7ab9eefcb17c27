"""What every page shares: the templates and their languages, the workspace and the CSRF tokens,
and errors shown as the CLI's one-line message (never a traceback)."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from typing import Any, Callable, Mapping, Optional

import jinja2
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from ..errors import AjdocError
from . import i18n
from .files import Workspace
from .security import Csrf, Forbidden, browser_cookie, read_form

HERE = Path(__file__).parent
log = logging.getLogger("ajdoc.web")


@jinja2.pass_context
def _gettext(ctx: Any, text: str) -> str:
    return i18n.gettext(ctx.get("lang", i18n.DEFAULT), text)


@jinja2.pass_context
def _ngettext(ctx: Any, singular: str, plural: str, n: int) -> str:
    return i18n.translations(ctx.get("lang", i18n.DEFAULT)).ngettext(singular, plural, n)


def environment() -> jinja2.Environment:
    """The Jinja environment of the interface's own templates (no user template is ever
    rendered here: documents are filled by ajdoc's sandboxed renderer)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             extensions=["jinja2.ext.i18n"], trim_blocks=True,
                             lstrip_blocks=True)
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
    return env


def internal_message(exc: BaseException) -> str:
    """An unexpected error as the CLI says it: one line, no traceback."""
    return f"internal error: {type(exc).__name__}: {exc}"


class Web:
    """What every page shares: the workspace, the CSRF tokens and the templates."""

    def __init__(self, ws: Workspace, csrf: Optional[Csrf] = None):
        self.ws = ws
        self.csrf = csrf or Csrf()
        self.env = environment()

    def lang(self, request: Request) -> str:
        return i18n.language_of(request.cookies.get(i18n.COOKIE),
                                request.query_params.get("lang"))

    def t(self, request: Request, text: str, **values: Any) -> str:
        """A text of the interface in the request's language."""
        return i18n.gettext(self.lang(request), text, **values)

    def context(self, request: Request, values: Mapping[str, Any]) -> dict[str, Any]:
        lang = self.lang(request)
        return {"request": request, "lang": lang, "languages": i18n.LANGUAGES,
                "csrf": self.csrf.token(browser_cookie(request)),
                "workspace": self.ws.root.name, "path_qs": _path_qs(request),
                "flash": None, **values}

    def html(self, request: Request, template: str, status_code: int = 200,
             response_headers: Optional[Mapping[str, str]] = None,
             **values: Any) -> HTMLResponse:
        """A template rendered for this request (its language, its CSRF token)."""
        text = self.env.get_template(template).render(self.context(request, values))
        return HTMLResponse(text, status_code=status_code, headers=dict(response_headers or {}))

    async def form(self, request: Request) -> FormData:
        """The posted form, its size bounded and its CSRF token checked."""
        return await read_form(request, self.csrf)

    async def work(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run the CPU-bound part of a request (composing, rendering) off the event loop."""
        return await run_in_threadpool(fn, *args, **kwargs)


def _path_qs(request: Request) -> str:
    query = "&".join(f"{k}={v}" for k, v in request.query_params.items() if k != "lang")
    return request.url.path + (f"?{query}" if query else "")


def web_of(request: Request) -> Web:
    web: Web = request.app.state.web
    return web


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def error_response(request: Request, message: str, status: int) -> Response:
    """An error as one line: in the page's message area for htmx requests, a page otherwise."""
    web = web_of(request)
    if is_htmx(request):
        return web.html(request, "_flash.html", flash={"kind": "error", "text": message},
                        response_headers={"HX-Retarget": "#flash", "HX-Reswap": "innerHTML"})
    return web.html(request, "error.html", status_code=status, message=message)


async def ajdoc_error(request: Request, exc: Exception) -> Response:
    status = 403 if isinstance(exc, Forbidden) else 400
    return error_response(request, str(exc), status)


async def internal_error(request: Request, exc: Exception) -> Response:
    log.error("%s\n%s", internal_message(exc), "".join(traceback.format_exception(exc)))
    return error_response(request, internal_message(exc), 500)


async def not_found(request: Request, exc: Exception) -> Response:
    return error_response(request, f"{request.url.path}: not found", 404)


