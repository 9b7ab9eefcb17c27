"""What keeps the local server safe: the CSRF token of state-changing requests, the security
headers (a restrictive Content-Security-Policy), the Host check against DNS rebinding, and
uploads read within a size bound."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import tempfile
from pathlib import Path
from typing import Optional

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import AjdocError, Place

CSRF_COOKIE = "ajdoc_csrf"
CSRF_FIELD = "_csrf"
CSRF_HEADER = "x-csrf-token"
MAX_FORM = 4 * 1024 * 1024          # bytes of a form without files (a role file travels in it)
MAX_UPLOAD = 20 * 1024 * 1024       # bytes of an uploaded document
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


class Forbidden(AjdocError):
    """A request the server refuses (no CSRF token, another site's request)."""

    exit_code = 3


class Csrf:
    """Double-submit tokens: a random cookie per browser, and in every form the server's HMAC
    of it, which another site can neither read nor make."""

    def __init__(self, secret: Optional[bytes] = None):
        self.secret = secret or secrets.token_bytes(32)

    @staticmethod
    def new_cookie() -> str:
        return secrets.token_urlsafe(32)

    def token(self, cookie: str) -> str:
        return hmac.new(self.secret, cookie.encode(), hashlib.sha256).hexdigest()

    def check(self, request: Request, form: Optional[FormData]) -> None:
        """Refuse a state-changing request without the right token, or from another site."""
        if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            raise Forbidden("refused: the request came from another site")
        origin = request.headers.get("origin")
        if origin and origin != "null" and origin.split("://", 1)[-1] != request.headers.get(
                "host", ""):
            raise Forbidden("refused: the request came from another site")
        cookie = request.cookies.get(CSRF_COOKIE, "")
        given = request.headers.get(CSRF_HEADER) or (str(form.get(CSRF_FIELD) or "")
                                                     if form is not None else "")
        if not cookie or not given or not hmac.compare_digest(given, self.token(cookie)):
            raise Forbidden("refused: the form's security token is missing or out of date; "
                            "reload the page and try again")


class Guard:
    """ASGI middleware: the Host check, the security headers on every response, the CSRF cookie
    set on first visit, and no caching of pages."""

    def __init__(self, app: ASGIApp, hosts: Optional[tuple[str, ...]] = LOOPBACK):
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1")
        name = host.rsplit(":", 1)[0] if not host.startswith("[") else host.split("]")[0] + "]"
        if self.hosts is not None and name not in self.hosts:
            response = PlainTextResponse("refused: unknown Host (the server answers on its own "
                                         "address only)", status_code=421)
            await response(scope, receive, send)
            return
        cookie = _cookie(headers.get(b"cookie", b"").decode("latin-1"), CSRF_COOKIE)
        new_cookie = None if cookie else Csrf.new_cookie()
        if new_cookie:
            scope.setdefault("state", {})["csrf_cookie"] = new_cookie

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = list(HEADERS)
                if new_cookie:
                    extra.append((b"set-cookie", (f"{CSRF_COOKIE}={new_cookie}; Path=/; "
                                                  "HttpOnly; SameSite=Strict").encode()))
                existing = {k.lower() for k, _ in message.get("headers", [])}
                if b"cache-control" not in existing:
                    extra.append((b"cache-control", b"no-store"))
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _cookie(header: str, name: str) -> str:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return ""


def browser_cookie(request: Request) -> str:
    """This browser's CSRF cookie (the one set in this very response on a first visit)."""
    return str(request.cookies.get(CSRF_COOKIE) or getattr(request.state, "csrf_cookie", ""))


async def read_form(request: Request, csrf: Csrf) -> FormData:
    """The posted form (no files), bounded in size, its CSRF token checked."""
    _check_length(request, MAX_FORM)
    form = await request.form(max_files=0, max_fields=5000, max_part_size=MAX_FORM)
    csrf.check(request, form)
    return form


async def read_upload(request: Request, csrf: Csrf, field: str, folder: Path
                      ) -> tuple[FormData, Path]:
    """An uploaded file saved into `folder` under its own (cleaned) name, within MAX_UPLOAD."""
    _check_length(request, MAX_UPLOAD + MAX_FORM)
    form = await request.form(max_files=1, max_fields=50, max_part_size=MAX_FORM)
    csrf.check(request, form)
    upload = form.get(field)
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise AjdocError("choose a file to upload", Place(key=field))
    name = clean_name(upload.filename)
    target = folder / name
    size = 0
    with open(target, "wb") as out:
        while chunk := await upload.read(1024 * 1024):
            size += len(chunk)
            if size > MAX_UPLOAD:
                raise AjdocError(f"the file is larger than {MAX_UPLOAD // (1024 * 1024)} MB",
                                 Place(file=name))
            out.write(chunk)
    await upload.close()
    return form, target


def clean_name(filename: str) -> str:
    """An uploaded file's own name, reduced to a safe base name."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(c if c.isalnum() or c in "-_. " else "_" for c in base).strip(" .")
    return cleaned[:120] or "upload"


def _check_length(request: Request, limit: int) -> None:
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > limit):
        raise AjdocError(f"the request is larger than {limit // (1024 * 1024)} MB")


def scratch() -> tempfile.TemporaryDirectory:
    """A private temporary folder for an upload or a conversion."""
    return tempfile.TemporaryDirectory(prefix="ajdoc-web-")
