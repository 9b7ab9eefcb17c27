"""Templates are untrusted: the DOCX package is checked before it is opened, and its tags can be
listed with the paragraph or table cell they sit in, and the variables it uses compared with what
ajdoc provides.

A DOCX never needs a DTD, so any ``<!DOCTYPE`` (external entities, entity expansion) is refused;
so are member names that climb out of the package (``..``, absolute paths), packages that unpack
to more than a bounded size or at a suspicious compression ratio (zip bombs), and files that are
not zip packages. The limits are bounds on declared sizes: reading never goes past them.
"""

from __future__ import annotations

import re
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import attrs

from .errors import AjdocError, Place

MAX_MEMBERS = 2000
MAX_TOTAL = 256 * 1024 * 1024     # bytes unpacked, all members
MAX_MEMBER = 64 * 1024 * 1024     # bytes unpacked, one member
MAX_RATIO = 200                   # unpacked / packed, for members over 1 MB unpacked
XML_SUFFIXES = (".xml", ".rels")
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)


def check_package(path: Path | str) -> None:
    """Refuse a template file that is not a safe DOCX package, with one clear message."""
    path = Path(path)
    _check_cached(str(path), *_stamp(path))


def _stamp(path: Path) -> tuple[int, int]:
    place = Place(file=str(path))
    if path.is_dir():
        raise AjdocError("is a folder; expected a Word template (.docx)", place)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise AjdocError("template file not found", place) from None
    except OSError as exc:
        raise AjdocError(f"template cannot be read: {exc.strerror}", place) from None
    return st.st_mtime_ns, st.st_size


@lru_cache(maxsize=64)
def _check_cached(path: str, mtime_ns: int, size: int) -> None:
    place = Place(file=path)
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise AjdocError("is not a Word (DOCX) file (not a zip package)", place) from None
    except OSError as exc:
        raise AjdocError(f"template cannot be read: {exc.strerror}", place) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise AjdocError(f"refused: the package has {len(infos)} members "
                             f"(at most {MAX_MEMBERS})", place)
        total = 0
        names = set()
        for info in infos:
            name = info.filename
            parts = name.replace("\\", "/").split("/")
            if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name) or ".." in parts:
                raise AjdocError(f"refused: member name '{name}' points outside the package",
                                 place)
            if info.file_size > MAX_MEMBER:
                raise AjdocError(f"refused: member '{name}' unpacks to {info.file_size} bytes "
                                 f"(at most {MAX_MEMBER}); a zip bomb?", place)
            if info.file_size > 1 << 20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise AjdocError(f"refused: member '{name}' is compressed {info.file_size // max(info.compress_size, 1)}:1; "
                                 "a zip bomb?", place)
            total += info.file_size
            if total > MAX_TOTAL:
                raise AjdocError(f"refused: the package unpacks to more than {MAX_TOTAL} bytes; "
                                 "a zip bomb?", place)
            names.add(name)
        if "word/document.xml" not in names or "[Content_Types].xml" not in names:
            raise AjdocError("is not a Word (DOCX) file: it has no word/document.xml", place)
        for info in infos:
            if info.filename.endswith(XML_SUFFIXES):
                try:
                    data = zf.read(info)
                except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
                    raise AjdocError(f"refused: member '{info.filename}' cannot be read ({exc})",
                                     place) from None
                if _DOCTYPE.search(data):
                    raise AjdocError(f"refused: '{info.filename}' declares a DTD or entities "
                                     "(<!DOCTYPE / <!ENTITY), which a Word document never needs",
                                     place)


# -- `ajdoc template check` ---------------------------------------------------------------------
@attrs.frozen
class Finding:
    """One thing `template check` reports: an error (the template cannot render) or a note."""

    level: str   # "error" | "note"
    where: str   # "paragraph 12", "table 2, row 3, cell 1", "document properties (title)"
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.where}: {self.message}"


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _locations(xml: bytes) -> list[str]:
    """Where each paragraph Jinja sees sits, in document order: "paragraph N" (counted as Word
    shows them) or "table T, row R, cell C". Paragraphs that docxtpl folds away ({%p %} tags,
    rows with {%tr %}, cells with {%tc %}) are skipped, as Jinja never sees them."""
    from lxml import etree

    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    text = lambda el: "".join(t.text or "" for t in el.iter(W + "t"))  # noqa: E731
    tables = {t: i for i, t in enumerate(root.iter(W + "tbl"), 1)}
    out = []
    body_par = 0
    for p in root.iter(W + "p"):
        tc = next((a for a in p.iterancestors(W + "tc")), None)
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
        row = [c for c in tbl if c.tag == W + "tr"].index(tr) + 1
        cell = [c for c in tr if c.tag == W + "tc"].index(tc) + 1
        out.append(f"table {tables.get(tbl, '?')}, row {row}, cell {cell}")
    return out


def _used_paths(ast) -> set[str]:
    """Dotted variable paths a Jinja AST reads (loop variables resolved to their source + '[]')."""
    from jinja2 import nodes

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
            return f"{base}.{node.arg.value}" if base else None
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


def _flatten(value, prefix: str = "") -> set[str]:
    out = set()
    if isinstance(value, dict):
        for k, v in value.items():
            p = f"{prefix}.{k}" if prefix else k
            out.add(p)
            out |= _flatten(v, p)
    elif isinstance(value, list):
        p = f"{prefix}[]"
        out.add(p)
        for v in value[:3]:
            out |= _flatten(v, p)
    return out


def provided_paths(kind: str = "job") -> set[str]:
    """Every variable path ajdoc provides to a job-description ("job") or directive template."""
    from . import rendering
    from .api import role_from_dict
    from .model import Directive, Repeal, Unit

    role = {"preset": "team-leader",
            "general": {"title": "T", "unit": ["O", "T", "M"], "supervisor": "S",
                        "substituted_by": "A", "substitutes": "B", "subordinates": "-",
                        "special_conditions": {"label": "Eritingimused", "text": "E"}},
            "purpose": "P", "duties": [{"text": "D", "subitems": ["s"], "results": ["r"]}],
            "requirements": {"education": "E", "experience": "X", "personal_qualities": "Q",
                             "languages": [{"language": "eesti", "level": "C1"}]},
            "signature": {"name": "N", "title": "T"}}
    jd = role_from_dict(role)
    ctx = rendering.context(jd, "2022")
    ctx25 = rendering.context(jd, "2025")
    import datetime as dt

    d = Directive(agency="Sotsiaalkindlustusamet", signer_name="N", signer_title="peadirektor",
                  number="1", date=dt.date(2025, 1, 1), unit=Unit("Üldosakond"),
                  annexes=(jd, jd), repeals=(Repeal("peadirektor", dt.date(2024, 1, 1), "2", "T"),))
    if kind == "job":
        return _flatten(ctx) | _flatten(ctx25)
    dctx = rendering.directive_context(d)
    dctx["annexes"] = [ctx25]
    return _flatten(dctx) | {f"annexes[].{p}" for p in _flatten(ctx) | _flatten(ctx25)}


def check_template(path: Path | str, provided: Optional[Iterable[str]] = None) -> list[Finding]:
    """Syntax errors (with the paragraph or table cell), unknown variables (errors: the template
    would fail to render) and provided variables the template does not use (notes)."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError

    from .rendering import sandbox

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
        if rel.reltype.endswith(("/header", "/footer"))]
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
    for prop in ("title", "author", "subject", "comments", "identifier", "language"):
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
