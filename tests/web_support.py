"""Helpers of the web editor's tests: a workspace copied from the examples, a test client, and
the form of a page read as a browser would post it."""

from __future__ import annotations

import html
import re
import shutil
import urllib.parse
import warnings
from html.parser import HTMLParser
from pathlib import Path

from conftest import EXAMPLES

with warnings.catch_warnings():  # starlette 1.x prefers httpx2 in its test client
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from ajdoc.web import Workspace, create_app

BASE = "http://127.0.0.1"


def workspace(tmp_path: Path, *names: str) -> Path:
    """A workspace folder holding copies of the named examples (all of them by default)."""
    folder = tmp_path / "ws"
    folder.mkdir(parents=True)
    for p in EXAMPLES.glob("*.yaml"):
        if not names or p.name in names:
            shutil.copy(p, folder / p.name)
    return folder


def client(folder: Path, raise_server_exceptions: bool = True, **kwargs) -> TestClient:
    return TestClient(create_app(Workspace(folder, **kwargs)), base_url=BASE,
                      raise_server_exceptions=raise_server_exceptions)


class _Form(HTMLParser):
    """The fields of the first form whose id is `form_id` (or of the whole page)."""

    def __init__(self, form_id: str | None):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside = form_id, form_id is None
        self.pairs: list[list[str]] = []
        self._area: list[str] | None = None
        self._select: list | None = None
        self._option: list | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and self.form_id is not None and a.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("checkbox", "radio", "file",
                                                              "submit"):
            self.pairs.append([name, a.get("value") or ""])
        elif tag == "input" and name and a.get("type") in ("checkbox", "radio") \
                and "checked" in a:
            self.pairs.append([name, a.get("value") or "on"])
        elif tag == "textarea" and name:
            self._area = [name, ""]
            self.pairs.append(self._area)
        elif tag == "select" and name:
            self._select = [name, None, None]
            self.pairs.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value"), "selected" in a, ""]

    def handle_data(self, data):
        if self._area is not None:
            self._area[1] += data
        if self._option is not None:
            self._option[2] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._area is not None:
            text = self._area[1]
            self._area[1] = text[1:] if text.startswith("\n") else text
            self._area = None
        elif tag == "option" and self._option is not None and self._select is not None:
            value = self._option[0] if self._option[0] is not None else self._option[2]
            if self._select[1] is None or self._option[1]:
                self._select[1] = value
            self._option = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self.form_id is not None:
            self.inside = False


def form_of(page: str, form_id: str | None = None) -> list[tuple[str, str]]:
    """The (name, value) pairs the page's form posts (no button pressed)."""
    parser = _Form(form_id)
    parser.feed(page)
    return [(p[0], p[1] or "") for p in parser.pairs]


def with_value(pairs: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    """The form with field `name` set (added when the page has no such field)."""
    out, found = [], False
    for k, v in pairs:
        if k == name:
            out.append((k, value))
            found = True
        else:
            out.append((k, v))
    return out if found else out + [(name, value)]


def value(pairs: list[tuple[str, str]], name: str) -> str:
    return dict(pairs)[name]


def post(c: TestClient, url: str, pairs: list[tuple[str, str]], htmx: bool = True,
         headers: dict | None = None, **kw):
    """Post a form as the page's script would (as htmx, unless `htmx` is False)."""
    headers = {"content-type": "application/x-www-form-urlencoded", **(headers or {})}
    if htmx:
        headers["HX-Request"] = "true"
    return c.post(url, content=urllib.parse.urlencode(pairs), headers=headers, **kw)


def messages(page: str) -> list[tuple[str, str, str]]:
    """The check's messages a page shows: (level, key of the field, text)."""
    found = re.findall(r'<li class="msg (\w+)" data-level="\w+" data-key="([^"]*)" '
                       r'data-line="[^"]*">([^<]*)</li>', page)
    return [(level, html.unescape(key), html.unescape(text)) for level, key, text in found]


def flash(page: str) -> str:
    m = re.search(r'<p class="flash (\w+)">([^<]*)</p>', page)
    return f"{m.group(1)}: {html.unescape(m.group(2))}" if m else ""


def text_of(page: str) -> str:
    """A page's text, tags dropped and white space squeezed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def csrf_of(page: str) -> str:
    return re.search(r'(?:name="_csrf" value|data-csrf)="([^"]+)"', page).group(1)
