"""A Word template prepared once per process, and filled: every part it prints to rendered once.

``prepare`` reads the template's package once (with python-docx, as docxtpl does), preprocesses
each part that holds tags with docxtpl's own XML patching, compiles its Jinja once in the bounded
sandbox, and compresses every other member once. ``render`` then renders each printing part
exactly once per document (the body, headers, footers, footnotes, endnotes and the document
properties), finishes it the way docxtpl does, and lays the package out with every unchanged
member copied as it was prepared. Nothing a part prints can add a part or a relationship: the
package's relationships and content types are the template's, prepared before any rendering.

Prepared templates are cached by path, modification time and size, shared by threads.
"""

from __future__ import annotations

import bisect
import copy
import datetime as _dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Optional

import attrs
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml.parser import parse_xml as docx_parse_xml
from docxtpl import DocxTemplate
from jinja2 import Template
from lxml import etree

from ..ooxml import paragraphs, parse_xml, qn
from ..ooxml.zipwrite import Member, package_members, write_prepared
from .sandbox import WorkLimit, bounded, environment

FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
ENDNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"
#: the document properties docxtpl renders, in its order
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_TAG = re.compile(r"\{[{%#]")
MAX_PART = 8 * 1024 * 1024   # characters of a part that holds tags
MAX_TAGS = 20_000            # tags in one part (the Jinja compile is about 0.15 ms a tag)
_CLOSERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_TOOLS = DocxTemplate(None)  # docxtpl's stateless XML helpers: patch_xml, fix_tables, resolve_listing


@attrs.frozen(eq=False)
class PrintingPart:
    """One part a template prints to, compiled once: the body ("body"), a header or footer
    ("story": parsed and written again, as python-docx does), or footnotes or endnotes
    ("notes": written as rendered, as docxtpl does)."""

    label: str                      # "body", "header word/header1.xml", …
    kind: str
    index: int                      # its place among the package's members
    name: str                       # its member name
    template: Template
    around: tuple[bytes, bytes, bytes] = (b"", b"", b"")  # body: see ``_around_body``


@attrs.frozen(eq=False)
class Properties:
    """The document-properties part: its element, and a compiled template per property that
    holds tags (docxtpl renders the same six text properties)."""

    index: int
    element: Any
    templates: tuple[tuple[str, Optional[Template], str], ...]   # (property, template, text)


@attrs.frozen(eq=False)
class PreparedTemplate:
    """A template ready to fill: members compressed once (None where a part prints per
    document), the parts that print, the paragraphs of parts that print the same every time."""

    path: str
    names: tuple[str, ...]
    members: tuple[Optional[Member], ...]
    printing: tuple[PrintingPart, ...]
    properties: Properties
    fixed_paragraphs: tuple[str, ...]


@attrs.frozen
class Filled:
    """A filled template: the DOCX bytes, the paragraphs of every part it printed to, and the
    title and author written into its properties."""

    data: bytes
    paragraphs: list[str]
    title: str
    author: str


# -- preparing ----------------------------------------------------------------------------------
def _scan_cost(text: str, starts: str, stops: tuple[str, ...]) -> int:
    """How far, in all, the scans from each `starts` to the next of `stops` go (to the end
    where there is none): the work docxtpl's lazy patterns do from there."""
    ends = sorted(m.start() for stop in stops for m in re.finditer(re.escape(stop), text))
    total = 0
    for m in re.finditer(re.escape(starts), text):
        i = bisect.bisect_right(ends, m.start())
        total += (ends[i] if i < len(ends) else len(text)) - m.start()
    return total


def check_source(xml: str, label: str) -> None:
    """Refuse, in linear time, a part that docxtpl's XML patching or the Jinja compile could not
    get through in bounded time: too large, too many tags, or tags left open (docxtpl's lazy
    patterns scan from every opening to its closing, quadratic where none comes)."""
    if not _TAG.search(xml):
        return
    if len(xml) > MAX_PART:
        raise WorkLimit(f"the {label} part holds tags and {len(xml):,} characters (at most "
                        f"{MAX_PART:,})".replace(",", " "))
    tags = len(_TAG.findall(xml))
    if tags > MAX_TAGS:
        raise WorkLimit(f"the {label} part holds {tags:,} tags (at most "
                        f"{MAX_TAGS:,})".replace(",", " "))
    budget = 32 * len(xml) + (1 << 20)
    for opener, closer in _CLOSERS.items():
        if _scan_cost(xml, opener, (closer,)) > budget:
            raise WorkLimit(f"the {label} part has '{opener}' tags that are not closed by "
                            f"'{closer}' nearby")
    if _scan_cost(xml, "-%}", ("<w:t", "{%", "{{")) > budget:
        raise WorkLimit(f"the {label} part has '-%}}' tags far from any text")


def _compile(xml: str, label: str = "body") -> tuple[Template, bool]:
    """docxtpl's preprocessing of a part's XML, then the Jinja compile (docxtpl's
    ``render_xml_part`` puts each paragraph on its own line first, for error line numbers);
    and whether the part holds any tag at all."""
    check_source(xml, label)
    patched = _TOOLS.patch_xml(xml)
    src = re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)
    return environment(True).compile_template(src), bool(_TAG.search(patched))


def _around_body(document: Any) -> tuple[bytes, bytes, bytes]:
    """The document part as python-docx writes it once docxtpl's rendered body (a tree parsed
    on its own, every namespace declared on it) replaced the template's: what precedes the body,
    the body's start tag as written there (the declarations the document already makes are
    dropped when the tree moves in), and what follows. Rendering then splices the body's own
    serialization in, instead of moving a tree of megabytes into a copy of the document."""
    skeleton = copy.deepcopy(document)
    body = skeleton.find(qn("w:body"))
    empty = etree.fromstring(etree.tostring(body).split(b">", 1)[0].rstrip(b"/") + b"/>")
    skeleton.replace(body, empty)
    data = serialize_part_xml(skeleton)
    m = re.search(rb"<(?:[A-Za-z_][\w.-]*:)?body\b[^>]*/>", data)
    if m is None:  # pragma: no cover - python-docx writes an empty element as <x/>
        raise ValueError("the document part has no body")
    return data[:m.start()], m.group(0)[:-2] + b">", data[m.end():]


def _printing_parts(tpl: DocxTemplate, index_of: dict[int, int]) -> list[tuple[PrintingPart, bool]]:
    """The parts docxtpl renders (body, headers and footers of the main part, footnotes), and
    endnotes; each once, even where several relationships lead to it."""
    doc = tpl.docx
    template, tags = _compile(tpl.get_xml())
    out = [(PrintingPart("body", "body", index_of[id(doc.part)], doc.part.partname.membername,
                         template, _around_body(doc.element)), tags)]
    seen = {id(doc.part)}
    for uri, what in ((tpl.HEADER_URI, "header"), (tpl.FOOTER_URI, "footer")):
        for _, part in tpl.get_headers_footers(uri):
            if id(part) in seen or id(part) not in index_of:
                continue
            seen.add(id(part))
            name = part.partname.membername
            template, tags = _compile(tpl.get_part_xml(part), f"{what} {name}")
            out.append((PrintingPart(f"{what} {name}", "story", index_of[id(part)], name,
                                     template), tags))
    for part in doc.part.package.iter_parts():
        if part.content_type in (FOOTNOTES, ENDNOTES) and id(part) not in seen:
            seen.add(id(part))
            name = part.partname.membername
            what = "footnotes" if part.content_type == FOOTNOTES else "endnotes"
            template, tags = _compile(part.blob.decode("utf-8"), f"{what} {name}")
            out.append((PrintingPart(f"{what} {name}", "notes", index_of[id(part)], name,
                                     template), tags))
    return out


def _properties(tpl: DocxTemplate, index_of: dict[int, int]) -> Properties:
    core = tpl.docx.core_properties  # python-docx adds a default part where the template has none
    text_env = environment(False)
    templates = []
    for prop in PROPERTIES:
        text = getattr(core, prop) or ""
        check_source(text, f"document property {prop}")
        templates.append((prop, text_env.compile_template(text) if _TAG.search(text) else None,
                          text))
    part = tpl.docx.part.package._core_properties_part
    return Properties(index_of[id(part)], copy.deepcopy(core._element), tuple(templates))


def prepare(path: Path | str) -> PreparedTemplate:
    """Read, preprocess and compile a template (its package already checked). A part without
    tags prints the same in every document: it is rendered here, once."""
    tpl = DocxTemplate(str(path))
    tpl.init_docx()
    tpl.docx.core_properties  # noqa: B018 - adds the default part before the members are listed
    members = package_members(tpl.docx.part.package)
    index_of = {id(part): i for i, (_, _, part) in enumerate(members) if part is not None}
    props = _properties(tpl, index_of)
    prepared: list[Optional[Member]] = [Member.deflate(name, data) for name, data, _ in members]
    names = tuple(name for name, _, _ in members)
    prepared[props.index] = None
    live: list[PrintingPart] = []
    fixed: list[str] = []
    with bounded():
        for part, tags in _printing_parts(tpl, index_of):
            if tags:
                prepared[part.index] = None
                live.append(part)
            else:
                data, paras = render_part(part, {})
                prepared[part.index] = Member.deflate(part.name, data)
                fixed += paras
    return PreparedTemplate(str(path), names, tuple(prepared), tuple(live), props, tuple(fixed))


def prepared(path: Path | str) -> PreparedTemplate:
    """The prepared template at `path`, from the cache when the file is unchanged (its path,
    modification time and size); prepared again when it changed. Shared by threads."""
    st = Path(path).stat()
    return _prepared(str(path), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=32)
def _prepared(path: str, mtime_ns: int, size: int) -> PreparedTemplate:
    return prepare(path)


# -- rendering ----------------------------------------------------------------------------------
def _finish(xml: str) -> str:
    """What docxtpl's ``render_xml_part`` does after Jinja: paragraphs back on one line, the
    escaped ``{_{ }_}`` tags restored, and listing characters (tab, line feed, bell, form feed)
    turned into Word markup by its ``resolve_listing`` (which changes nothing without them)."""
    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    if any(c in xml for c in "\t\n\a\f"):
        xml = _TOOLS.resolve_listing(xml)
    return xml


def render_part(part: PrintingPart, ctx: Mapping[str, Any]) -> tuple[bytes, list[str]]:
    """One part rendered with an escaped context: its bytes and its paragraphs' text."""
    xml = _finish(part.template.render(ctx))
    if part.kind == "body":
        tree = _TOOLS.fix_tables(xml)
        del xml  # a combined directive's body is megabytes: not kept beside its tree
        ids = DocxTemplate(None)
        ids.docx_ids_index = 1000
        ids.fix_docpr_ids(tree)
        before, start, after = part.around
        body = etree.tostring(tree, encoding="UTF-8")
        head, rest = body.split(b">", 1)
        if head.endswith(b"/"):  # nothing printed in the body
            return before + start[:-1] + b"/>" + after, []
        close = start[1:].split(b" ", 1)[0].rstrip(b">")
        return (before + start + rest[:rest.rindex(b"</")] + b"</" + close + b">" + after,
                paragraphs(tree))
    if part.kind == "story":
        element = docx_parse_xml(xml.encode("utf-8"))
        return serialize_part_xml(element), paragraphs(element)
    data = xml.encode("utf-8")
    return data, paragraphs(parse_xml(data))


def _core_properties(props: Properties, text_ctx: Mapping[str, Any],
                     doc_props: Mapping[str, Any]) -> tuple[bytes, str, str]:
    """The document properties: docxtpl's six text properties rendered (as text, never markup),
    then title, author and dates from the data, so that equal inputs give equal documents."""
    element = copy.deepcopy(props.element)
    core = CoreProperties(element)
    for prop, template, text in props.templates:
        setattr(core, prop, template.render(text_ctx) if template is not None else text)
    if doc_props.get("title"):
        core.title = str(doc_props["title"])
    if doc_props.get("author"):
        core.author = str(doc_props["author"])
    day = doc_props.get("date") or _dt.date(2000, 1, 1)
    stamp = _dt.datetime(day.year, day.month, day.day)
    core.created = stamp
    core.modified = stamp
    data = serialize_part_xml(element)
    back = parse_xml(data)
    read = {el.tag.rsplit("}", 1)[-1]: el.text or "" for el in back}
    return data, read.get("title", ""), read.get("creator", "")


def render(prep: PreparedTemplate, xml_ctx: Mapping[str, Any], text_ctx: Mapping[str, Any]
           ) -> Filled:
    """Every printing part rendered exactly once, the package laid out (call inside
    ``sandbox.bounded``)."""
    members = list(prep.members)
    found = list(prep.fixed_paragraphs)
    for part in prep.printing:
        data, paras = render_part(part, xml_ctx)
        members[part.index] = Member.deflate(part.name, data)
        found += paras
    props = prep.properties
    data, title, author = _core_properties(props, text_ctx, text_ctx.get("doc_props", {}))
    members[props.index] = Member.deflate(prep.names[props.index], data)
    return Filled(write_prepared(m for m in members if m is not None), found, title, author)
