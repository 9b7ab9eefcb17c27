"""Filling a Word template: the sandboxed Jinja environment, docxtpl, reproducible bytes, and the
read-back check that nothing was lost on the way.

Templates are untrusted: they render in a sandboxed Jinja environment with autoescaping and
undefined variables as errors, after their package passed ``ooxml.package.check_package``. Every
text from the data reaches the document as typed: it is XML-escaped here, a line break becomes a
Word line break and a tab a Word tab.
"""

from __future__ import annotations

import datetime as _dt
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, Template, TemplateError
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from ..errors import AjdocError, Place
from ..ooxml import document_paragraphs
from ..ooxml.package import check_package, package_bytes


# -- text -> markup -----------------------------------------------------------------------------
def markup(text: str) -> Markup:
    """XML-escaped text, line breaks as <w:br/>, tabs as <w:tab/>: safe to print with {{ }}."""
    s = str(escape(text))
    # docxtpl turns {_{ }_} {_% %_} into {{ }} {% %} after rendering: keep them as typed
    s = s.replace("{_", "{&#95;").replace("_}", "&#95;}")
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = s.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
    s = s.replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">')
    return Markup(s)


def escaped(value: Any, key: str = "") -> Any:
    """The context with every text escaped by `markup` (document properties kept as typed:
    docxtpl stores them as text)."""
    if key == "doc_props":
        return {k: Markup(v) if isinstance(v, str) else v for k, v in value.items()}
    if isinstance(value, str):
        return markup(value)
    if isinstance(value, dict):
        return {k: escaped(v, k) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [escaped(v) for v in value]
    return value


# -- the environment ----------------------------------------------------------------------------
class _CompilingOnce(SandboxedEnvironment):
    """A sandboxed environment that keeps the compiled form of each template part it has seen
    (keyed by the part's source): a template is compiled once per process, not per render.
    The cache is shared by threads, under a lock."""

    _cache_size = 256

    def __init__(self, **options: Any):
        super().__init__(**options)
        self._compiled: OrderedDict[str, Template] = OrderedDict()
        self._lock = threading.Lock()

    def from_string(self, source: Any, globals: Any = None,  # noqa: A002 - Jinja's name
                    template_class: Any = None) -> Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        with self._lock:
            tpl = self._compiled.get(source)
            if tpl is not None:
                self._compiled.move_to_end(source)
                return tpl
        tpl = super().from_string(source)
        with self._lock:
            self._compiled[source] = tpl
            if len(self._compiled) > self._cache_size:
                self._compiled.popitem(last=False)
        return tpl


@lru_cache(maxsize=1)
def sandbox() -> SandboxedEnvironment:
    """The Jinja environment every template renders in: sandboxed, autoescaped, strict."""
    return _CompilingOnce(autoescape=True, undefined=StrictUndefined)


# -- filling ------------------------------------------------------------------------------------
def fill(template: Path, ctx: Mapping[str, Any]) -> bytes:
    """Fill a DOCX template with a plain context (escaped here) and return reproducible bytes."""
    check_package(template)
    place = Place(file=str(template))
    try:
        tpl = DocxTemplate(str(template))
        tpl.render(escaped(dict(ctx)), jinja_env=sandbox())
    except SecurityError as exc:
        raise AjdocError(f"refused: the template tries to reach Python internals ({exc}); "
                         "templates may only print ajdoc's variables", place) from None
    except UndefinedError as exc:
        raise AjdocError(f"the template uses a variable ajdoc does not provide: {exc.message}",
                         place, "`ajdoc template check` lists them") from None
    except TemplateError as exc:
        raise AjdocError(f"template error: {exc.message or exc}", place,
                         "`ajdoc template check` shows where") from None
    except Exception as exc:  # docx/lxml errors on a damaged template
        raise AjdocError(f"the template cannot be rendered: {type(exc).__name__}: {exc}",
                         place) from None
    _set_properties(tpl.docx.core_properties, ctx.get("doc_props", {}))
    data = package_bytes(tpl.docx.part.package)
    verify(data, expected_texts(ctx), place)
    return data


def _set_properties(props: Any, doc_props: Mapping[str, Any]) -> None:
    """Title, author and dates from the data (fixed when the data has no date), so equal inputs
    give equal documents."""
    if doc_props.get("title"):
        props.title = str(doc_props["title"])
    if doc_props.get("author"):
        props.author = str(doc_props["author"])
    day = doc_props.get("date") or _dt.date(2000, 1, 1)
    stamp = _dt.datetime(day.year, day.month, day.day)
    props.created = stamp
    props.modified = stamp


# -- nothing lost -------------------------------------------------------------------------------
def expected_texts(ctx: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(what, text) pairs the rendered document must hold: every duty, result, list item,
    competency indicator and annex of the context."""
    out: list[tuple[str, str]] = []
    points = [("directive point", f"{p['number']} {p['text']}")
              for p in ctx.get("d", {}).get("points", [])]
    if "annexes" in ctx:
        for i, a in enumerate(ctx["annexes"], 1):
            out += [(f"annex {i}: {what}", text) for what, text in expected_texts(a)]
        return out + points
    if "d" in ctx:
        return points
    skip = set(ctx.get("unprinted", ()))
    for d in ctx.get("duties", []):
        out.append((f"duty {d['number']}", f"{d['number']} {d['text']}"))
        out += [(f"duty {d['number']} sub-item", t) for t in d["subitems"]]
        if "results" not in skip:
            out += [(f"duty {d['number']} result", t) for t in d["results"]]
    for what, key in (("right", "rights"), ("responsibility", "responsibilities"),
                      ("language requirement", "languages")):
        if key not in skip:
            out += [(what, t) for t in ctx.get(key, [])]
    if "competencies" not in skip:
        for c in ctx.get("competencies", []):
            out += [(f"{c['name']} indicator", t) for t in c["indicators"]]
    if "additional" not in skip:
        out += [("additional competency", a["text"]) for a in ctx.get("additional", [])]
    if "amendment" not in skip:
        out += [("amendment clause", t) for t in ctx.get("amendment", [])]
    return out


def verify(data: bytes, expected: list[tuple[str, str]], place: Place) -> None:
    """Nothing lost on the way: every expected text is in the rendered document."""
    if not expected:
        return
    paragraphs = document_paragraphs(data)
    have = set(paragraphs)
    joined = "\n".join(paragraphs)
    for what, text in expected:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if text not in have and text not in joined:
            raise AjdocError(f"the rendered document lacks the {what} '{text[:60]}"
                             f"{'…' if len(text) > 60 else ''}': the template does not print it "
                             "or lost it", place)
