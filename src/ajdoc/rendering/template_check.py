"""`ajdoc template check`: a template's tags listed with the paragraph or table cell they sit in,
and the variables it uses compared with what ajdoc provides (the package itself is checked by
``ooxml.package.check_package`` before it is opened)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable, Optional, get_args, get_origin, get_type_hints

from typing import is_typeddict

import attrs
from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, nodes

from .. import resources
from ..ooxml import parse_xml, qn
from ..ooxml.package import check_package
from .context import DirectiveContext, JobContext
from .engine import sandbox
from .prepared import ENDNOTES, FOOTNOTES, PROPERTIES


# -- `ajdoc template check` ---------------------------------------------------------------------
@attrs.frozen
class Finding:
    """One thing `template check` reports: an error (the template cannot render) or a note."""

    level: str   # "error" | "note"
    where: str   # "paragraph 12", "table 2, row 3, cell 1", "document properties (title)"
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.where}: {self.message}"


def _locations(xml: bytes) -> list[str]:
    """Where each paragraph Jinja sees sits, in document order: "paragraph N" (counted as Word
    shows them) or "table T, row R, cell C". Paragraphs that docxtpl folds away ({%p %} tags,
    rows with {%tr %}, cells with {%tc %}) are skipped, as Jinja never sees them."""
    root = parse_xml(xml)
    text = lambda el: "".join(t.text or "" for t in el.iter(qn("w:t")))  # noqa: E731
    tables = {t: i for i, t in enumerate(root.iter(qn("w:tbl")), 1)}
    out = []
    body_par = 0
    for p in root.iter(qn("w:p")):
        tc = next((a for a in p.iterancestors(qn("w:tc"))), None)
        if tc is None:
            body_par += 1
            if "{%p " in text(p) or "{%p\t" in text(p):
                continue
            out.append(f"paragraph {body_par}")
            continue
        tr = tc.getparent()
        if "{%tr " in text(tr) or "{%tc " in text(tc) or "{%p " in text(p):
            continue
        tbl = tr.getparent()
        row = [c for c in tbl if c.tag == qn("w:tr")].index(tr) + 1
        cell = [c for c in tr if c.tag == qn("w:tc")].index(tc) + 1
        out.append(f"table {tables.get(tbl, '?')}, row {row}, cell {cell}")
    return out


def _used_paths(ast) -> set[str]:
    """Dotted variable paths a Jinja AST reads (loop variables resolved to their source + '[]')."""
    loops: dict[str, str] = {}
    out: set[str] = set()

    def path_of(node) -> Optional[str]:
        if isinstance(node, nodes.Name):
            return loops.get(node.name, node.name)
        if isinstance(node, nodes.Getattr):
            base = path_of(node.node)
            return f"{base}.{node.attr}" if base else None
        if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            base = path_of(node.node)
            if base is None:
                return None
            # signatures[0]: an item of a list; h["title"]: a key
            return f"{base}[]" if isinstance(node.arg.value, int) else f"{base}.{node.arg.value}"
        return None

    def visit(node) -> None:
        if isinstance(node, nodes.For):
            src = path_of(node.iter)
            if src is None:
                visit(node.iter)
            if isinstance(node.target, nodes.Name) and src:
                saved = loops.get(node.target.name)
                loops[node.target.name] = f"{src}[]"
                for child in node.body + node.else_ + ([node.test] if node.test else []):
                    visit(child)
                if saved is None:
                    loops.pop(node.target.name, None)
                else:
                    loops[node.target.name] = saved
                return
        if isinstance(node, (nodes.Getattr, nodes.Name, nodes.Getitem)):
            p = path_of(node)
            if p and not p.startswith("loop"):
                out.add(p)
                return
        for child in node.iter_child_nodes():
            visit(child)

    visit(ast)
    return out


def _paths(hint: Any, prefix: str) -> set[str]:
    """The variable paths a context type declares: fields of TypedDicts, "name[]" for lists."""
    out = {prefix} if prefix else set()
    if is_typeddict(hint):
        for key, sub in get_type_hints(hint).items():
            out |= _paths(sub, f"{prefix}.{key}" if prefix else key)
    elif get_origin(hint) is list:
        out |= _paths(get_args(hint)[0], f"{prefix}[]")
    elif prefix == "h":  # the headings: every key any layout prints
        out |= {f"h.{k}" for lay in resources.layouts().values() for k in lay["headings"]}
    return out


def provided_paths(kind: str = "job") -> set[str]:
    """Every variable path ajdoc provides to a job-description ("job") or directive template."""
    return _paths(JobContext if kind == "job" else DirectiveContext, "")


def check_template(path: Path | str, provided: Optional[Iterable[str]] = None) -> list[Finding]:
    """Syntax errors (with the paragraph or table cell), unknown variables (errors: the template
    would fail to render) and provided variables the template does not use (notes)."""

    path = Path(path)
    check_package(path)
    env = sandbox()
    tpl = DocxTemplate(str(path))
    tpl.init_docx()
    findings: list[Finding] = []
    used: set[str] = set()
    parts = [("body", tpl.docx.part)] + [
        (rel.reltype.rsplit("/", 1)[-1], rel.target_part)
        for rel in tpl.docx.part.rels.values()
        if rel.reltype.endswith(("/header", "/footer")) and not rel.is_external] + [
        ("footnotes" if part.content_type == FOOTNOTES else "endnotes", part)
        for part in tpl.docx.part.package.iter_parts()
        if part.content_type in (FOOTNOTES, ENDNOTES)]
    for label, part in parts:
        raw = part.blob if label != "body" else tpl.get_xml().encode("utf-8")
        xml = tpl.patch_xml(raw.decode("utf-8"))
        src = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
        locations = _locations(raw)
        try:
            ast = env.parse(src)
        except TemplateSyntaxError as exc:
            index = max((exc.lineno or 1) - 2, 0)  # line 1 holds what precedes the first <w:p
            where = locations[index] if index < len(locations) else f"line {exc.lineno}"
            where = where if label == "body" else f"{label}: {where}"
            findings.append(Finding("error", where, f"tag syntax error: {exc.message}"))
            continue
        used |= _used_paths(ast)
    for prop in PROPERTIES:
        value = getattr(tpl.docx.core_properties, prop) or ""
        if "{" not in value:
            continue
        try:
            used |= _used_paths(env.parse(value))
        except TemplateSyntaxError as exc:
            findings.append(Finding("error", f"document properties ({prop})",
                                    f"tag syntax error: {exc.message}"))
    kind = "directive" if any(u == "d" or u.startswith(("d.", "annexes")) for u in used) else "job"
    if any(f.level == "error" for f in findings):
        return findings  # what the template uses is unknown past a syntax error
    known = set(provided) if provided is not None else provided_paths(kind)
    if not any(u.startswith("annexes") for u in used):
        known = {k for k in known if not k.startswith("annexes")}
    for p in sorted(used):
        if p not in known and not any(k.startswith(p + ".") or k.startswith(p + "[]")
                                      for k in known):
            findings.append(Finding("error", "template", f"uses '{p}', which ajdoc does not "
                                    "provide (rendering would stop there)"))
    leaves = {k for k in known if not any(o.startswith(k + ".") or o.startswith(k + "[]")
                                          for o in known)}
    for k in sorted(leaves):
        if k.split(".")[-1].startswith("unprinted") or k.startswith("doc_props") or any(u == k or k.startswith(u + ".") or
                                            k.startswith(u + "[]") for u in used):
            continue
        findings.append(Finding("note", "template", f"does not print '{k}'"))
    return findings
