"""Filling a Word template: every value escaped, every part rendered once in the bounded sandbox,
reproducible bytes, and the read-back check that nothing was lost on the way.

Templates are untrusted: they render in a sandboxed Jinja environment with autoescaping and
undefined variables as errors, bounded in work and size (``rendering.sandbox``), after their
package passed ``ooxml.package.check_package``. Every text from the data reaches the document as
typed: it is XML-escaped here (a line break becomes a Word line break, a tab a Word tab) for every
XML part, document properties included; the document properties themselves are written as text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from jinja2 import TemplateError
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from ..errors import AjdocError, Place
from ..ooxml.package import check_package
from .prepared import Filled, prepared, render
from .sandbox import WorkLimit, bounded, environment


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


def escaped(value: Any) -> Any:
    """The context with every text escaped by `markup`, wherever it sits (document properties
    included: a template may print them in any part)."""
    if isinstance(value, str):
        return markup(value)
    if isinstance(value, dict):
        return {k: escaped(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [escaped(v) for v in value]
    return value


def sandbox() -> SandboxedEnvironment:
    """The Jinja environment XML parts render in: sandboxed, bounded, autoescaped, strict."""
    return environment(True)


# -- filling ------------------------------------------------------------------------------------
def fill(template: Path, ctx: Mapping[str, Any]) -> bytes:
    """Fill a DOCX template with a plain context (escaped here) and return reproducible bytes."""
    check_package(template)
    place = Place(file=str(template))
    plain = dict(ctx)
    try:
        with bounded():
            filled = render(prepared(template), escaped(plain), plain)
    except WorkLimit as exc:
        raise AjdocError(f"refused: the template does too much work: {exc.message}; templates "
                         "are bounded in loops, sizes and time", place) from None
    except SecurityError as exc:
        raise AjdocError(f"refused: the template tries to reach Python internals or to change "
                         f"data ({exc}); templates may only read and print ajdoc's variables",
                         place) from None
    except UndefinedError as exc:
        raise AjdocError(f"the template uses a variable ajdoc does not provide: {exc.message}",
                         place, "`ajdoc template check` lists them") from None
    except TemplateError as exc:
        raise AjdocError(f"template error: {exc.message or exc}", place,
                         "`ajdoc template check` shows where") from None
    except RecursionError:
        raise AjdocError("refused: the template recurses too deeply", place) from None
    except Exception as exc:  # docx/lxml errors on a damaged template or what it printed
        raise AjdocError(f"the template cannot be rendered: {type(exc).__name__}: {exc}",
                         place) from None
    verify(filled, expected_texts(plain), place, plain.get("doc_props", {}))
    return filled.data


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


def verify(filled: Filled, expected: list[tuple[str, str]], place: Place,
           doc_props: Mapping[str, Any] | None = None) -> None:
    """Nothing lost on the way: every expected text is in a part the template printed to (the
    body, headers, footers, footnotes, endnotes), and the document properties hold the data's
    title and author as typed."""
    for key, got in (("title", filled.title), ("author", filled.author)):
        want = (doc_props or {}).get(key)
        if want and got != str(want):
            raise AjdocError(f"the rendered document's {key} property reads '{got[:60]}' instead "
                             f"of '{str(want)[:60]}'", place)
    if not expected:
        return
    have = set(filled.paragraphs)
    joined = "\n".join(filled.paragraphs)
    for what, text in expected:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if text not in have and text not in joined:
            raise AjdocError(f"the rendered document lacks the {what} '{text[:60]}"
                             f"{'…' if len(text) > 60 else ''}': the template does not print it "
                             "or lost it", place)
