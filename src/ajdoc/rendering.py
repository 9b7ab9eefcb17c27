"""Rendering: a JobDescription → the template context → a DOCX (bytes), in a chosen layout.

Templates are filled by docxtpl in a sandboxed Jinja environment with autoescaping and undefined
variables as errors. Every text from the data reaches the document as typed: it is XML-escaped
here, a line break becomes a Word line break and a tab a Word tab. Numbers (sections, duties) are
computed here and written as text.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Optional

from .errors import AjdocError, Place
from .model import Item, JobDescription

LAYOUTS = ("2022", "2025")


class LayoutWarning(UserWarning):
    """The chosen layout has no place for something the role holds."""


@lru_cache(maxsize=None)
def _data_file(name: str) -> Any:
    from ruamel.yaml import YAML

    path = Path(str(resources.files("ajdoc") / "data" / name))
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def phrases() -> dict:
    return _data_file("phrases.yaml")


def _layouts() -> dict:
    return _data_file("layouts.yaml")


def template_path(layout: str) -> Path:
    """The built-in template of a layout: in the installed package, or the source tree's."""
    return _package_template(_layout(layout)["template"])


def _package_template(name: str) -> Path:
    packaged = Path(str(resources.files("ajdoc") / "templates" / name))
    if packaged.is_file():
        return packaged
    source = Path(__file__).resolve().parents[2] / "templates" / name
    if source.is_file():
        return source
    raise AjdocError(f"template {name} is missing from the installation")  # pragma: no cover


def _layout(layout: str) -> dict:
    table = _layouts()
    if layout not in table:
        raise AjdocError(f"unknown layout '{layout}'; expected one of {', '.join(table)}")
    return table[layout]


# -- text -> markup -----------------------------------------------------------------------------
def markup(text: str):
    """XML-escaped text, line breaks as <w:br/>, tabs as <w:tab/>: safe to print with {{ }}."""
    from markupsafe import Markup, escape

    s = str(escape(text))
    # docxtpl turns {_{ }_} {_% %_} into {{ }} {% %} after rendering: keep them as typed
    s = s.replace("{_", "{&#95;").replace("_}", "&#95;}")
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = s.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
    s = s.replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">')
    return Markup(s)


def _mark(value: Any, key: str = "") -> Any:
    if key == "doc_props":  # document properties: raw text, docxtpl stores it as typed
        from markupsafe import Markup

        return {k: Markup(v) if isinstance(v, str) else v for k, v in value.items()}
    if isinstance(value, str):
        return markup(value)
    if isinstance(value, dict):
        return {k: _mark(v, k) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_mark(v) for v in value]
    return value


# -- context ------------------------------------------------------------------------------------
def language_lines(jd: JobDescription) -> list[str]:
    """The language requirements as sentences, in the role's style."""
    ph = phrases()
    pattern = ph["language_requirement"][jd.requirements.language_style]
    out = []
    for req in jd.requirements.languages:
        if req.text:
            out.append(req.text)
            continue
        names = ph["language_join"].join(req.languages)
        out.append(pattern.format(Languages=names[:1].upper() + names[1:], languages=names,
                                  at_least=ph["at_least"] if req.at_least else "",
                                  level=req.level))
    return out


def approval_lines(jd: JobDescription) -> list[str]:
    """"KINNITATUD / Sotsiaalkindlustusameti peadirektori 14.01.2024 / käskkirjaga nr 5"."""
    if jd.approval is None:
        return []
    from . import language

    explicit = dict(jd.forms)
    a = jd.approval
    ph = phrases()
    values = dict(agency_genitive=language.inflect(a.agency, "genitive", explicit=explicit),
                  signer_genitive=language.inflect(a.signer_title, "genitive", explicit=explicit),
                  date=language.short_date(a.date), number=a.number)
    lines = [line.format(**values) for line in ph["approval"]]
    if a.annex is not None:
        lines.append(ph["annex"].format(n=a.annex))
    return lines


def signature_blocks(jd: JobDescription) -> list[dict]:
    s = jd.signature
    if s is None:
        return []
    ph = phrases()
    head = {"label": "", "lines": [ph["signed"], s.signer_name, s.signer_title]}
    if s.mode == "head":
        return [head]
    employee = [ph["signed"]] + ([s.employee_name] if s.employee_name else [])
    return [dict(head, label=ph["employer"]), {"label": ph["employee"], "lines": employee}]


def duty_number(jd: JobDescription, layout: str, index: int) -> str:
    n = f"{_layout(layout)['duties_section']}.{index}"
    return n + "." if (jd.number_dot or layout == "2025") else n


def context(jd: JobDescription, layout: str = "2022") -> dict:
    """The plain (unescaped) template context for `layout`; see templates/build_templates.py."""
    lay = _layout(layout)
    ph = phrases()
    g = jd.general
    dash = ph["missing"]
    heading = jd.duties_heading.text if jd.duties_heading else "TEENISTUSÜLESANDED"
    h = {k: v.format(duties_heading=heading) for k, v in lay["headings"].items()}
    text = lambda item: item.text if isinstance(item, Item) else (item or "")  # noqa: E731
    try:
        approval = approval_lines(jd)
    except AjdocError as exc:
        raise exc.at(Place(file=jd.source_file, key="approved"))
    ctx = {
        "approval_lines": approval,
        "doc_title": "AMETIJUHEND",
        "h": h,
        "g": {
            "title": g.title, "unit": str(g.unit), "supervisor": g.supervisor,
            "substituted_by": g.substituted_by or dash, "substitutes": g.substitutes or dash,
            "subordinates": g.subordinates or dash,
            "position_group": g.position_group[:1].upper() + g.position_group[1:],
            "has_special": g.special_conditions is not None,
            "special_label": g.special_conditions.label if g.special_conditions else "",
            "special_text": g.special_conditions.text if g.special_conditions else "",
        },
        "purpose": jd.purpose,
        "duties": [{"number": duty_number(jd, layout, i), "text": d.text,
                    "subitems": list(d.subitems), "results": list(d.results)}
                   for i, d in enumerate(jd.duties, 1)],
        "rights_intro": text(jd.rights_intro),
        "rights": [i.text for i in jd.rights],
        "responsibilities_intro": text(jd.responsibilities_intro),
        "responsibilities": [i.text for i in jd.responsibilities],
        "work_tools": text(jd.work_tools),
        "education": jd.requirements.education or "",
        "experience": jd.requirements.experience or "",
        "languages": language_lines(jd),
        "computer_skills": text(jd.requirements.computer_skills),
        "personal_qualities": jd.requirements.personal_qualities or "",
        "competencies": [{"name": c.name, "indicators": list(c.indicators)}
                         for c in jd.competencies],
        "additional": [{"name": a.name or "", "text": a.text} for a in jd.additional],
        "amendment": [i.text for i in jd.amendment],
        "amendment_bullets": len(jd.amendment) > 1,
        "signatures": signature_blocks(jd),
        "unprinted": unplaced(jd, layout),  # what this layout has no place for (warned about)
        "doc_props": {"title": f"Ametijuhend: {g.title}",
                      "author": jd.approval.agency if jd.approval else jd.agency,
                      "date": jd.approval.date if jd.approval else None},
    }
    return ctx


def unplaced(jd: JobDescription, layout: str) -> list[str]:
    """What the role holds that `layout` has no place for (each a warning, never dropped silently)."""
    lacks = set(_layout(layout).get("lacks", ()))
    g = jd.general
    present = {
        "subordinates": g.subordinates, "position_group": None,
        "special_conditions": g.special_conditions,
        "personal_qualities": jd.requirements.personal_qualities,
        "work_tools": jd.work_tools, "competencies": jd.competencies,
        "additional": jd.additional, "rights_intro": None, "responsibilities_intro": None,
    }
    return [k for k in sorted(lacks) if present.get(k)]


# -- docx ---------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def sandbox():
    """The Jinja environment every template renders in: sandboxed, autoescaped, strict.

    One environment serves every render; it keeps the compiled form of each template part it has
    seen (keyed by the part's source), so a template is compiled once per process, not per render.
    """
    from collections import OrderedDict

    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    class CompilingOnce(SandboxedEnvironment):
        _compiled: "OrderedDict[str, object]" = OrderedDict()

        def from_string(self, source, globals=None, template_class=None):
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            tpl = self._compiled.get(source)
            if tpl is None:
                tpl = super().from_string(source)
                self._compiled[source] = tpl
                if len(self._compiled) > 256:
                    self._compiled.popitem(last=False)
            return tpl

    return CompilingOnce(autoescape=True, undefined=StrictUndefined)


def _warn_unprinted(jd: JobDescription, layout: str, unprinted: list[str], what: str,
                    stacklevel: int) -> None:
    for field in unprinted:
        warnings.warn(f"{jd.source_file or what}: the {layout} layout has no place for "
                      f"{field.replace('_', ' ')}; it is not printed", LayoutWarning,
                      stacklevel=stacklevel)


def render_bytes(jd: JobDescription, layout: str = "2022", template: Optional[Path] = None,
                 extra: Optional[dict] = None) -> bytes:
    """The job description as DOCX bytes. Warns (LayoutWarning) about what the layout cannot show."""
    ctx = context(jd, layout)
    _warn_unprinted(jd, layout, ctx["unprinted"], "role", stacklevel=3)
    if extra:
        ctx.update(extra)
    return fill(template or template_path(layout), ctx)


def fill(template: Path, ctx: dict) -> bytes:
    """Fill a DOCX template with a plain context (escaped here) and return reproducible bytes."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    from jinja2.exceptions import SecurityError, UndefinedError

    from .template_check import check_package

    check_package(template)
    place = Place(file=str(template))
    try:
        tpl = DocxTemplate(str(template))
        tpl.render(_mark(ctx), jinja_env=sandbox())
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
    data = save_reproducibly(tpl)
    verify(data, expected_texts(ctx), place)
    return data


def _fixed_member(name: str) -> zipfile.ZipInfo:
    """A zip member entry with a fixed timestamp and mode: equal inputs give equal bytes."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def save_reproducibly(document) -> bytes:
    """Save a python-docx/docxtpl document with fixed member timestamps (one compression pass)."""
    from docx.opc import phys_pkg

    writer = phys_pkg._ZipPkgWriter
    original = writer.write

    def write(self, pack_uri, blob):
        self._zipf.writestr(_fixed_member(pack_uri.membername), blob)

    buf = io.BytesIO()
    writer.write = write
    try:
        document.save(buf)
    finally:
        writer.write = original
    return buf.getvalue()


def _set_properties(props, doc_props: dict) -> None:
    """Title, author and dates from the data (fixed when the data has no date), so equal inputs
    give equal documents."""
    import datetime as dt

    if doc_props.get("title"):
        props.title = str(doc_props["title"])
    if doc_props.get("author"):
        props.author = str(doc_props["author"])
    day = doc_props.get("date") or dt.date(2000, 1, 1)
    stamp = dt.datetime(day.year, day.month, day.day)
    props.created = stamp
    props.modified = stamp


def expected_texts(ctx: dict) -> list[tuple[str, str]]:
    """(what, text) pairs the rendered document must hold: every duty, result, list item,
    competency indicator and annex of the context."""
    out: list[tuple[str, str]] = []
    if "annexes" in ctx:
        for i, a in enumerate(ctx["annexes"], 1):
            out += [(f"annex {i}: {what}", text) for what, text in expected_texts(a)]
        for p in ctx.get("d", {}).get("points", []):
            out.append(("directive point", f"{p['number']} {p['text']}"))
        return out
    if "d" in ctx:
        return [("directive point", f"{p['number']} {p['text']}") for p in ctx["d"]["points"]]
    for d in ctx.get("duties", []):
        out.append((f"duty {d['number']}", f"{d['number']} {d['text']}"))
        out += [(f"duty {d['number']} sub-item", t) for t in d["subitems"]]
        out += [(f"duty {d['number']} result", t) for t in d["results"]]
    skip = set(ctx.get("unprinted", ()))
    out += [("right", t) for t in ctx.get("rights", [])]
    out += [("responsibility", t) for t in ctx.get("responsibilities", [])]
    out += [("language requirement", t) for t in ctx.get("languages", [])]
    if "competencies" not in skip:
        for c in ctx.get("competencies", []):
            out += [(f"{c['name']} indicator", t) for t in c["indicators"]]
    if "additional" not in skip:
        out += [("additional competency", a["text"]) for a in ctx.get("additional", [])]
    out += [("amendment clause", t) for t in ctx.get("amendment", [])]
    return out


def document_paragraphs(data: bytes) -> list[str]:
    """The text of every paragraph of a DOCX body (tables included), tabs and line breaks kept."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"),
                                etree.XMLParser(resolve_entities=False, huge_tree=True))
    out = []
    for p in root.iter(w + "p"):
        parts = []
        for node in p.iter(w + "t", w + "tab", w + "br", w + "cr"):
            if node.tag == w + "t":
                parts.append(node.text or "")
            elif node.tag == w + "tab":
                parts.append("\t")
            else:
                parts.append("\n")
        out.append("".join(parts))
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


def normalize_zip(data: bytes) -> bytes:
    """The same DOCX with fixed member timestamps, so equal inputs give equal bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(_fixed_member(info.filename), src.read(info.filename))
    return out.getvalue()


# -- directives ---------------------------------------------------------------------------------
def directive_context(d) -> dict:
    """The directive's context: `d` (heading, points, closing, signature) and `doc_props`."""
    from . import directive as dmod
    from . import language

    head = dmod.header(d)
    return {
        "d": dict(head,
                  points=[{"number": p.number, "text": p.text,
                           "subpoints": [{"number": n, "text": t} for n, t in p.subpoints]}
                          for p in dmod.points(d)],
                  closing=dmod.closing(d)),
        "doc_props": {"title": f"Käskkiri {language.short_date(d.date)} nr {d.number}: {d.title}",
                      "author": d.agency, "date": d.date},
    }


def annex_contexts(d) -> list[dict]:
    out = []
    for jd in d.annexes:
        ctx = context(jd, d.layout)
        _warn_unprinted(jd, d.layout, ctx["unprinted"], "annex", stacklevel=4)
        out.append(ctx)
    return out


def render_directive(d) -> tuple[bytes, list[bytes]]:
    """The directive and each annex as separate DOCX files."""
    main = fill(_package_template("kaskkiri.docx"), directive_context(d))
    template = template_path(d.layout)
    return main, [fill(template, ctx) for ctx in annex_contexts(d)]


def render_combined(d, engine: str = "template") -> bytes:
    """The directive and its annexes as one DOCX, each annex on a new page.

    engine "template" renders everything in one template (the default: measured faster and
    flat in cost per annex); "docxcompose" renders each document and merges them.
    """
    if engine == "template":
        ctx = directive_context(d)
        ctx["annexes"] = annex_contexts(d)
        return fill(_package_template(f"kaskkiri-{d.layout}-combined.docx"), ctx)
    if engine == "docxcompose":
        from docx import Document
        from docxcompose.composer import Composer

        main, annexes = render_directive(d)
        master = Document(io.BytesIO(main))
        composer = Composer(master)
        for data in annexes:
            doc = Document(io.BytesIO(data))
            doc.paragraphs[0].paragraph_format.page_break_before = True
            composer.append(doc)
        buf = io.BytesIO()
        composer.save(buf)
        return normalize_zip(buf.getvalue())
    raise AjdocError(f"unknown combine engine '{engine}'; expected template or docxcompose")
