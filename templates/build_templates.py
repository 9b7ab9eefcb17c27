"""Generate the ajdoc Word templates with python-docx.

    python templates/build_templates.py [OUT_DIR]

writes next to this script (or into OUT_DIR):

* ``ametijuhend-2022.docx``, ``ametijuhend-2025.docx``: a job description (ametijuhend);
* ``ametijuhend-list.docx``: a job description whose sections an agency's profile describes in
  data (``top_lines``, ``sections``), and ``kaskkiri-list-combined.docx`` with its annexes;
* ``kaskkiri.docx``: a directive (käskkiri) alone;
* ``kaskkiri-2022-combined.docx``, ``kaskkiri-2025-combined.docx``: a directive followed by all
  its annexes, each a whole job description of that layout starting on a new page.

The output is deterministic: re-running gives byte-identical files.

The templates are docxtpl (Jinja) templates. Everything the reader sees comes from the
render context -- headings and labels included, because the program computes the numbering
("1.", "3.12", "1.1") -- so no number or bullet glyph is typed here. The look lives in named
styles ("ajdoc Body", "ajdoc Heading", ...) that can be restyled in Word or LibreOffice;
bullets are real Word lists wired through numbering.xml into the bullet paragraph styles.

Context names used (see tests/test_templates.py for the full documented set):
approval_lines, doc_title, h.*, g.*, purpose, duties[number, text, subitems, results],
rights_intro, rights, responsibilities_intro, responsibilities, work_tools, education,
experience, computer_skills, personal_qualities, languages, competencies[name, indicators],
additional[name, text], amendment, amendment_bullets, signature_heading,
signatures[label, lines], doc_props.

Directive templates: d.heading, d.date_number, d.title, d.preamble,
d.points[number, text, subpoints[number, text]], d.closing, d.signature_lines, doc_props; the
combined ones also ``annexes``, a list of job-description contexts, printed inside
``{%p for a in annexes %}`` by the same body builder as the standalone layout with every name
prefixed "a." (a.approval_lines, a.h.general, a.duties, ...).
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml import ns
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, Twips

HERE = Path(__file__).resolve().parent

FONT = "Times New Roman"
FONT_SIZE = 12  # pt

# A4, margins in cm
PAGE_W, PAGE_H = 21.0, 29.7
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2.0, 2.0, 2.5, 2.0
TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT  # 16.5 cm

# Bullet glyph: the Symbol-font bullet Word itself uses (and the agency's documents show).
BULLET_TEXT = "\uf0b7"
BULLET_FONT = "Symbol"

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
FIXED_TIME = dt.datetime(2025, 1, 1, 0, 0, 0)

# Style names (style ids are these without spaces, e.g. "ajdocBody").
S_BODY = "ajdoc Body"
S_TITLE = "ajdoc Title"
S_HEADING = "ajdoc Heading"
S_SUBHEADING = "ajdoc Subheading"
S_LABEL = "ajdoc Label"
S_BULLET = "ajdoc Bullet"
S_APPROVAL = "ajdoc Approval"
S_SIGNATURE = "ajdoc Signature"
S_TABLE_TEXT = "ajdoc Table Text"
S_TABLE_LABEL = "ajdoc Table Label"
S_TABLE_HEADER = "ajdoc Table Header"
S_TABLE_HEADING = "ajdoc Table Heading"
S_TABLE_BULLET = "ajdoc Table Bullet"
S_STRONG = "ajdoc Strong"  # character style
# directive (käskkiri) styles, only in the directive templates
S_DIR_HEADING = "ajdoc Directive Heading"
S_DIR_DATE = "ajdoc Directive Date"
S_DIR_TITLE = "ajdoc Directive Title"
S_DIR_POINT = "ajdoc Directive Point"
S_DIR_SUBPOINT = "ajdoc Directive Subpoint"

# numbering ids added to numbering.xml (the default python-docx template uses 0-8 / 1-9)
ABSTRACT_BULLET, NUM_BULLET = 20, 20
ABSTRACT_TABLE_BULLET, NUM_TABLE_BULLET = 21, 21

BULLET_INDENT = 360  # twips (0.635 cm): left indent = hanging
TABLE_BULLET_INDENT = 284  # twips (0.5 cm)
SUBPOINT_INDENT = 567  # twips (1 cm)


# --------------------------------------------------------------------------- low-level XML


def _el(tag: str, **attrs: str):
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), str(v))
    return el


def _replace_child(parent, tag: str, new, successors: tuple[str, ...] = ()):
    """Put ``new`` in place of any existing ``tag`` child (schema order via successors)."""
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    for succ in successors:
        found = parent.find(qn(succ))
        if found is not None:
            found.addprevious(new)
            return new
    parent.append(new)
    return new


def _explicit_fonts(rPr, font: str = FONT):
    """rFonts naming the font for every script, without theme attributes (which win)."""
    rfonts = _el("w:rFonts", ascii=font, hAnsi=font, cs=font, eastAsia=font)
    _replace_child(
        rPr,
        "w:rFonts",
        rfonts,
        successors=("w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:color", "w:spacing",
                    "w:kern", "w:sz", "w:szCs", "w:lang"),
    )


def _preserve(run) -> None:
    for t in run._r.findall(qn("w:t")):
        t.set(XML_SPACE, "preserve")


# --------------------------------------------------------------------------- document setup


def _setup_defaults(doc) -> None:
    styles_el = doc.styles.element
    rpr = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _explicit_fonts(rpr)
    for tag in ("w:sz", "w:szCs"):
        _replace_child(rpr, tag, _el(tag, val=FONT_SIZE * 2), successors=("w:szCs", "w:lang"))
    _replace_child(rpr, "w:lang", _el("w:lang", val="et-EE", eastAsia="en-US", bidi="ar-SA"))
    ppr = styles_el.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _replace_child(ppr, "w:spacing", _el("w:spacing", after=0, line=240, lineRule="auto"))

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(FONT_SIZE)
    _explicit_fonts(normal.element.get_or_add_rPr())

    # Heading 1 (base of "ajdoc Heading"): plain black Times, no theme font or colour,
    # so that nothing leaks through the inheritance.
    for name in ("Heading 1", "Heading 1 Char"):
        st = doc.styles[name]
        rpr = st.element.get_or_add_rPr()
        _explicit_fonts(rpr)
        for tag in ("w:color",):
            for old in rpr.findall(qn(tag)):
                rpr.remove(old)
        st.font.size = Pt(FONT_SIZE)
        st.font.bold = True
        _replace_child(rpr, "w:szCs", _el("w:szCs", val=FONT_SIZE * 2))


def _setup_page(doc) -> None:
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(PAGE_W), Cm(PAGE_H)
    sec.top_margin, sec.bottom_margin = Cm(MARGIN_TOP), Cm(MARGIN_BOTTOM)
    sec.left_margin, sec.right_margin = Cm(MARGIN_LEFT), Cm(MARGIN_RIGHT)
    sec.header_distance = sec.footer_distance = Cm(1.25)


_NEXT: list = []  # (style, next style name) resolved once all styles exist


def _pstyle(doc, name, base=S_BODY, *, bold=None, size=None, align=None, before=None,
            after=None, keep_next=None, left=None, first_line=None, next_style=None):
    st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    st.base_style = doc.styles[base]
    st.quick_style = True
    if bold is not None:
        st.font.bold = bold
    if size is not None:
        st.font.size = Pt(size)
    pf = st.paragraph_format
    if align is not None:
        pf.alignment = align
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if keep_next is not None:
        pf.keep_with_next = keep_next
    if left is not None:
        pf.left_indent = Twips(left)
    if first_line is not None:
        pf.first_line_indent = Twips(first_line)
    _NEXT.append((st, next_style))
    return st


def _add_bullet_numbering(doc, abstract_id, num_id, nsid, style_id, indent) -> None:
    numbering = doc.part.numbering_part.element
    absn = _el("w:abstractNum", abstractNumId=abstract_id)
    absn.append(_el("w:nsid", val=nsid))
    absn.append(_el("w:multiLevelType", val="singleLevel"))
    absn.append(_el("w:name", val=style_id))
    lvl = _el("w:lvl", ilvl=0)
    lvl.append(_el("w:start", val=1))
    lvl.append(_el("w:numFmt", val="bullet"))
    lvl.append(_el("w:pStyle", val=style_id))
    lvl.append(_el("w:lvlText", val=BULLET_TEXT))
    lvl.append(_el("w:lvlJc", val="left"))
    ppr = _el("w:pPr")
    tabs = _el("w:tabs")
    tabs.append(_el("w:tab", val="num", pos=indent))
    ppr.append(tabs)
    ppr.append(_el("w:ind", left=indent, hanging=indent))
    lvl.append(ppr)
    rpr = _el("w:rPr")
    rpr.append(_el("w:rFonts", ascii=BULLET_FONT, hAnsi=BULLET_FONT, hint="default"))
    lvl.append(rpr)
    absn.append(lvl)
    # abstractNum elements come before the first w:num
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(absn)
    else:
        numbering.append(absn)
    num = _el("w:num", numId=num_id)
    num.append(_el("w:abstractNumId", val=abstract_id))
    cleanup = numbering.find(qn("w:numIdMacAtCleanup"))
    if cleanup is not None:
        cleanup.addprevious(num)
    else:
        numbering.append(num)


def _wire_bullet(style, num_id: int) -> None:
    """numPr inside the paragraph style: every paragraph of the style is a bullet."""
    numPr = style.element.get_or_add_pPr().get_or_add_numPr()
    numPr.get_or_add_ilvl().val = 0
    numPr.get_or_add_numId().val = num_id


def _setup_styles(doc) -> None:
    _pstyle(doc, S_BODY, base="Normal", after=6)
    _pstyle(doc, S_TITLE, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=24, after=12,
            size=FONT_SIZE, next_style=S_HEADING)

    head = _pstyle(doc, S_HEADING, base="Heading 1", bold=True, size=FONT_SIZE, before=12,
                   after=6, keep_next=True, next_style=S_BODY)
    _replace_child(head.element.get_or_add_pPr(), "w:outlineLvl", _el("w:outlineLvl", val=0))

    _pstyle(doc, S_SUBHEADING, bold=True, before=6, after=3, keep_next=True,
            next_style=S_BODY)
    _pstyle(doc, S_LABEL, bold=True, before=6, after=0, keep_next=True, next_style=S_BULLET)
    _pstyle(doc, S_APPROVAL, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
    _pstyle(doc, S_SIGNATURE, after=0, keep_next=True)  # the signature stays on one page

    _pstyle(doc, S_TABLE_TEXT, base="Normal", before=2, after=2)
    _pstyle(doc, S_TABLE_LABEL, base=S_TABLE_TEXT, bold=True)
    _pstyle(doc, S_TABLE_HEADER, base=S_TABLE_TEXT, bold=True, keep_next=True)
    th = _pstyle(doc, S_TABLE_HEADING, base=S_TABLE_HEADER)
    # a table header cell that is also a section heading ("2. Peamised teenistusülesanded")
    # shows in the navigation pane
    _replace_child(th.element.get_or_add_pPr(), "w:outlineLvl", _el("w:outlineLvl", val=0))

    bullet = _pstyle(doc, S_BULLET, after=0, left=BULLET_INDENT, first_line=-BULLET_INDENT)
    tbullet = _pstyle(doc, S_TABLE_BULLET, base=S_TABLE_TEXT, before=0, after=2,
                      left=TABLE_BULLET_INDENT, first_line=-TABLE_BULLET_INDENT)
    _add_bullet_numbering(doc, ABSTRACT_BULLET, NUM_BULLET, "6A640001", bullet.style_id,
                          BULLET_INDENT)
    _add_bullet_numbering(doc, ABSTRACT_TABLE_BULLET, NUM_TABLE_BULLET, "6A640002",
                          tbullet.style_id, TABLE_BULLET_INDENT)
    _wire_bullet(bullet, NUM_BULLET)
    _wire_bullet(tbullet, NUM_TABLE_BULLET)

    for st, next_name in _NEXT:
        st.next_paragraph_style = doc.styles[next_name] if next_name else st
    _NEXT.clear()

    strong = doc.styles.add_style(S_STRONG, WD_STYLE_TYPE.CHARACTER)
    strong.base_style = doc.styles["Default Paragraph Font"]
    strong.font.bold = True
    strong.quick_style = True


def _setup_directive_styles(doc) -> None:
    """Styles of the directive part: the job-description styles serve it otherwise
    (preamble and closing "ajdoc Body", signature lines "ajdoc Signature")."""
    _pstyle(doc, S_DIR_HEADING, bold=True, size=FONT_SIZE + 2, after=12, keep_next=True,
            next_style=S_DIR_DATE)
    _pstyle(doc, S_DIR_DATE, after=0, keep_next=True, next_style=S_DIR_TITLE)
    _pstyle(doc, S_DIR_TITLE, bold=True, before=24, after=12, keep_next=True,
            next_style=S_BODY)
    _pstyle(doc, S_DIR_POINT, after=6, next_style=S_DIR_POINT)
    _pstyle(doc, S_DIR_SUBPOINT, after=6, left=SUBPOINT_INDENT, next_style=S_DIR_SUBPOINT)
    for st, next_name in _NEXT:
        st.next_paragraph_style = doc.styles[next_name] if next_name else st
    _NEXT.clear()


CORE_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


def _setup_properties(doc) -> None:
    # docxcompose (imported by docxtpl) rebinds python-docx's global "cp" prefix to the
    # custom-properties namespace, which would put cp:* core properties in the wrong
    # namespace when this runs in the same process as docxtpl: pin it while we write.
    saved = ns.nsmap.get("cp")
    ns.nsmap["cp"] = CORE_NS
    try:
        cp = doc.core_properties
        cp.title = "{{ doc_props.title }}"
        cp.author = "{{ doc_props.author }}"
        cp.subject = ""
        cp.comments = ""
        cp.keywords = ""
        cp.category = ""
        cp.language = "et-EE"
        cp.last_modified_by = "ajdoc"
        cp.revision = 1
        cp.created = FIXED_TIME
        cp.modified = FIXED_TIME
    finally:
        ns.nsmap["cp"] = saved
    # the default template ships a python-docx thumbnail; drop it
    rels = doc.part.package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del rels[rid]
            getattr(rels, "_target_parts_by_rId", {}).pop(rid, None)


def _drop_template_leftovers(doc) -> None:
    """Parts and settings of python-docx's default template that do not fit a template:
    the Word 2010 stylesWithEffects copy (it would not know the ajdoc styles) and the
    "spelling already checked" / "save preview picture" flags."""
    rels = doc.part.rels
    for rid, rel in list(rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del rels[rid]
            getattr(rels, "_target_parts_by_rId", {}).pop(rid, None)
    settings = doc.settings.element
    for tag in ("w:proofState", "w:savePreviewPicture"):
        for el in settings.findall(qn(tag)):
            settings.remove(el)


def new_document(*, directive: bool = False):
    doc = Document()
    # the default template's body holds only a sectPr
    _drop_template_leftovers(doc)
    _setup_page(doc)
    _setup_defaults(doc)
    _setup_styles(doc)
    if directive:
        _setup_directive_styles(doc)
    _setup_properties(doc)
    return doc


# --------------------------------------------------------------------------- content helpers


def para(container, text: str = "", style: str = S_BODY, parts=None):
    """A paragraph in ``container`` (document or cell). ``text`` goes in one run;
    ``parts`` is a list of (text, char_style) runs instead."""
    p = container.add_paragraph(style=style)
    for t, cstyle in parts or ([(text, None)] if text else []):
        run = p.add_run(t, style=cstyle)
        _preserve(run)
    return p


def tag(container, jinja: str):
    """A paragraph-level docxtpl tag ({%p ... %}) alone in its own paragraph."""
    return para(container, "{%p " + jinja + " %}")


def bullet_loop(cell_or_doc, var: str, seq: str, style: str, *, guard: bool = False):
    """{%p for var in seq %} / bullet "{{ var }}" / {%p endfor %}.

    With ``guard`` (inside a table cell) an empty paragraph is printed when the list is
    empty, because a table cell must contain at least one paragraph."""
    tag(cell_or_doc, f"for {var} in {seq}")
    para(cell_or_doc, "{{ " + var + " }}", style)
    tag(cell_or_doc, "endfor")
    if guard:
        tag(cell_or_doc, f"if not {seq}")
        para(cell_or_doc, "", S_TABLE_TEXT)
        tag(cell_or_doc, "endif")


def new_table(doc, widths_cm):
    table = doc.add_table(rows=0, cols=len(widths_cm))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    tblPr = table._tbl.tblPr
    total = sum(int(Cm(w).twips) for w in widths_cm)
    _replace_child(
        tblPr, "w:tblW", _el("w:tblW", w=total, type="dxa"),
        successors=("w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
                    "w:tblLayout", "w:tblCellMar", "w:tblLook"),
    )
    _replace_child(
        tblPr, "w:tblLayout", _el("w:tblLayout", type="fixed"),
        successors=("w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"),
    )
    for gc, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm):
        gc.set(qn("w:w"), str(int(Cm(w).twips)))
    table._ajdoc_widths = widths_cm
    return table


def new_row(table, texts=None, style: str = S_TABLE_TEXT):
    row = table.add_row()
    for cell, w in zip(row.cells, table._ajdoc_widths):
        cell.width = Cm(w)
    for cell, text in zip(row.cells, texts or []):
        p = cell.paragraphs[0]
        p.style = style
        if text:
            _preserve(p.add_run(text))
    if texts is None:
        for cell in row.cells:
            cell.paragraphs[0].style = style
    return row


def tag_row(table, jinja: str):
    """A table-row docxtpl tag ({%tr ... %}) alone in its own row (docxtpl drops the row)."""
    return new_row(table, ["{%tr " + jinja + " %}"])


def repeat_header(row) -> None:
    trPr = row._tr.get_or_add_trPr()
    trPr.append(_el("w:tblHeader"))


def fill_cell(cell, first_text: str, style: str = S_TABLE_TEXT):
    """Replace a fresh cell's first paragraph with text (one run)."""
    p = cell.paragraphs[0]
    p.style = style
    if first_text:
        _preserve(p.add_run(first_text))
    return p


# --------------------------------------------------------------------------- context names


class Names:
    """How a layout body names the render context.

    ``Names("")`` for a standalone job description (``duties``, ``h.general``),
    ``Names("a.")`` for an annex inside a directive's ``{%p for a in annexes %}`` loop
    (``a.duties``, ``a.h.general``). Loop variables of the body are not prefixed; in an
    annex those that would hide a name of the directive template (the annex ``a``, the
    directive ``d``) are renamed (``item``, ``duty``)."""

    ANNEX_RENAMES = {"a": "item", "d": "duty"}

    def __init__(self, prefix: str = ""):
        self.prefix = prefix

    def __call__(self, name: str) -> str:
        """A context name, prefixed."""
        return self.prefix + name

    def out(self, name: str) -> str:
        """``{{ name }}`` of a context name, prefixed."""
        return "{{ " + self.prefix + name + " }}"

    def local(self, name: str) -> str:
        """A loop variable's name."""
        return self.ANNEX_RENAMES.get(name, name) if self.prefix else name

    @property
    def annex(self) -> bool:
        """The body is an annex of a directive: it starts on a new page."""
        return bool(self.prefix)


def page_break_before(p):
    p.paragraph_format.page_break_before = True
    return p


# --------------------------------------------------------------------------- shared blocks


def approval_and_title(doc, n: Names) -> None:
    if not n.annex:
        tag(doc, f"for line in {n('approval_lines')}")
        para(doc, "{{ line }}", S_APPROVAL)
        tag(doc, "endfor")
        para(doc, n.out("doc_title"), S_TITLE)
        return
    # an annex starts on a new page: its first paragraph (the first approval line, or the
    # title when there are none) has "page break before"
    tag(doc, f"for line in {n('approval_lines')}")
    tag(doc, "if loop.first")
    page_break_before(para(doc, "{{ line }}", S_APPROVAL))
    tag(doc, "else")
    para(doc, "{{ line }}", S_APPROVAL)
    tag(doc, "endif")
    tag(doc, "endfor")
    tag(doc, f"if {n('approval_lines')}")
    para(doc, n.out("doc_title"), S_TITLE)
    tag(doc, "else")
    page_break_before(para(doc, n.out("doc_title"), S_TITLE))
    tag(doc, "endif")


def duties_table(doc, n: Names, head_left: str, head_left_style: str) -> None:
    half = TEXT_W / 2
    t = new_table(doc, [half, half])
    hdr = new_row(t)
    fill_cell(hdr.cells[0], n.out(head_left), head_left_style)
    fill_cell(hdr.cells[1], n.out("h.duties_col2"), S_TABLE_HEADER)
    repeat_header(hdr)
    d = n.local("d")
    tag_row(t, f"for {d} in {n('duties')}")
    row = new_row(t)
    left, right = row.cells
    fill_cell(left, f"{{{{ {d}.number }}}} {{{{ {d}.text }}}}")
    bullet_loop(left, "s", f"{d}.subitems", S_TABLE_BULLET)
    # right cell: results; its fresh first paragraph becomes the opening tag
    fill_cell(right, f"{{%p for r in {d}.results %}}")
    para(right, "{{ r }}", S_TABLE_BULLET)
    tag(right, "endfor")
    tag(right, f"if not {d}.results")
    para(right, "", S_TABLE_TEXT)
    tag(right, "endif")
    tag_row(t, "endfor")


def amendment_block(doc, n: Names) -> None:
    item = n.local("a")
    tag(doc, f"if {n('amendment_bullets')}")
    bullet_loop(doc, item, n("amendment"), S_BULLET)
    tag(doc, "else")
    tag(doc, f"for {item} in {n('amendment')}")
    para(doc, "{{ " + item + " }}", S_BODY)
    tag(doc, "endfor")
    tag(doc, "endif")


def borderless(table):
    """No borders: a layout table (the two parties' signatures side by side)."""
    tblPr = table._tbl.tblPr
    borders = _el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_el(f"w:{side}", val="nil"))
    _replace_child(tblPr, "w:tblBorders", borders,
                   successors=("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"))
    return table


def signatures_block(doc, n: Names) -> None:
    """The signature: one block under each other, or — signed by both parties — a heading and
    the two parties side by side in a borderless two-column table."""
    para(doc, "", S_BODY)
    para(doc, "", S_BODY)
    tag(doc, f"if {n('signature_heading')}")
    para(doc, n.out("signature_heading"), S_SIGNATURE)
    half = TEXT_W / 2
    t = borderless(new_table(doc, [half, half]))
    row = new_row(t, None, S_SIGNATURE)
    for i, cell in enumerate(row.cells):
        party = f"{n('signatures')}[{i}]"
        fill_cell(cell, "{{ " + party + ".label }}", S_SIGNATURE)
        tag(cell, f"for line in {party}.lines")
        para(cell, "{{ line }}", S_SIGNATURE)
        tag(cell, "endfor")
    tag(doc, "else")
    tag(doc, f"for s in {n('signatures')}")
    tag(doc, "if not loop.first")
    para(doc, "", S_BODY)
    tag(doc, "endif")
    tag(doc, "if s.label")
    para(doc, "{{ s.label }}", S_SIGNATURE)
    tag(doc, "endif")
    tag(doc, "for line in s.lines")
    para(doc, "{{ line }}", S_SIGNATURE)
    tag(doc, "endfor")
    tag(doc, "endfor")
    tag(doc, "endif")


def intro_and_bullets(container, intro: str, items: str, bullet_style: str, intro_style: str,
                      *, guard: bool = False) -> None:
    """``intro`` and ``items`` are full (already prefixed) context names."""
    tag(container, f"if {intro}")
    para(container, "{{ " + intro + " }}", intro_style)
    tag(container, "endif")
    bullet_loop(container, "x", items, bullet_style, guard=guard)


# --------------------------------------------------------------------------- 2022 layout


def body_2022(doc, prefix: str = "") -> None:
    """The whole 2022 job description; context names prefixed with ``prefix``."""
    n = Names(prefix)
    approval_and_title(doc, n)

    para(doc, n.out("h.general"), S_HEADING)
    half = TEXT_W / 2
    t = new_table(doc, [half, half])
    new_row(t, [n.out("h.title"), n.out("h.unit")], S_TABLE_LABEL)
    new_row(t, [n.out("g.title"), n.out("g.unit")], S_TABLE_TEXT)
    para(doc, "", S_BODY)
    third = TEXT_W / 3
    t = new_table(doc, [third, third, third])
    new_row(t, [n.out("h.supervisor"), n.out("h.substituted_by"), n.out("h.substitutes")],
            S_TABLE_LABEL)
    new_row(t, [n.out("g.supervisor"), n.out("g.substituted_by"), n.out("g.substitutes")],
            S_TABLE_TEXT)

    para(doc, n.out("h.purpose"), S_HEADING)
    para(doc, n.out("purpose"), S_BODY)

    para(doc, n.out("h.duties"), S_HEADING)
    duties_table(doc, n, "h.duties_col1", S_TABLE_HEADER)

    para(doc, n.out("h.rights"), S_HEADING)
    intro_and_bullets(doc, n("rights_intro"), n("rights"), S_BULLET, S_BODY)
    para(doc, n.out("h.responsibilities"), S_HEADING)
    intro_and_bullets(doc, n("responsibilities_intro"), n("responsibilities"), S_BULLET,
                      S_BODY)

    para(doc, n.out("h.tools"), S_HEADING)
    para(doc, n.out("work_tools"), S_BODY)

    para(doc, n.out("h.requirements"), S_HEADING)
    for label, var in (("h.education", "education"), ("h.experience", "experience")):
        tag(doc, f"if {n(var)}")
        para(doc, n.out(label), S_SUBHEADING)
        para(doc, n.out(var), S_BODY)
        tag(doc, "endif")
    tag(doc, f"if {n('languages')}")
    para(doc, n.out("h.languages"), S_SUBHEADING)
    tag(doc, f"for lang in {n('languages')}")
    para(doc, "{{ lang }}", S_BODY)
    tag(doc, "endfor")
    tag(doc, "endif")
    tag(doc, f"if {n('computer_skills')}")
    para(doc, n.out("h.computer"), S_SUBHEADING)
    para(doc, n.out("computer_skills"), S_BODY)
    tag(doc, "endif")

    tag(doc, f"if {n('competencies')}")
    para(doc, n.out("h.competencies"), S_SUBHEADING)
    tag(doc, f"for c in {n('competencies')}")
    para(doc, "{{ c.name }}:", S_LABEL)
    bullet_loop(doc, "i", "c.indicators", S_BULLET)
    tag(doc, "endfor")
    tag(doc, "endif")

    # "Täiendavad kompetentsid, isikuomadused ja teadmised": personal qualities (if any)
    # as a paragraph, then the additional items as bullets "name: text" (name in bold).
    item = n.local("a")
    tag(doc, f"if {n('additional')} or {n('personal_qualities')}")
    para(doc, n.out("h.additional"), S_SUBHEADING)
    tag(doc, f"if {n('personal_qualities')}")
    para(doc, n.out("personal_qualities"), S_BODY)
    tag(doc, "endif")
    tag(doc, f"for {item} in {n('additional')}")
    para(doc, style=S_BULLET, parts=[
        (f"{{% if {item}.name %}}{{{{ {item}.name }}}}: {{% endif %}}", S_STRONG),
        (f"{{{{ {item}.text }}}}", None),
    ])
    tag(doc, "endfor")
    tag(doc, "endif")

    para(doc, n.out("h.amendment"), S_HEADING)
    amendment_block(doc, n)
    signatures_block(doc, n)


def build_2022():
    doc = new_document()
    body_2022(doc)
    return doc


# --------------------------------------------------------------------------- 2025 layout

LABEL_W = 5.0


def label_value_row(table, label: str, value: str):
    """A label | value row; both are full (already prefixed) context names."""
    return new_row_pair(table, "{{ " + label + " }}", "{{ " + value + " }}")


def new_row_pair(table, left: str, right: str):
    row = new_row(table)
    fill_cell(row.cells[0], left, S_TABLE_LABEL)
    fill_cell(row.cells[1], right, S_TABLE_TEXT)
    return row


def body_2025(doc, prefix: str = "") -> None:
    """The whole 2025 job description; context names prefixed with ``prefix``."""
    n = Names(prefix)
    approval_and_title(doc, n)
    widths = [LABEL_W, TEXT_W - LABEL_W]

    para(doc, n.out("h.general"), S_HEADING)
    t = new_table(doc, widths)
    for label, value in (
        ("h.unit", "g.unit"),
        ("h.title", "g.title"),
        ("h.supervisor", "g.supervisor"),
        ("h.subordinates", "g.subordinates"),
        ("h.substitutes", "g.substitutes"),
        ("h.substituted_by", "g.substituted_by"),
        ("h.purpose", "purpose"),
        ("h.position_group", "g.position_group"),
    ):
        label_value_row(t, n(label), n(value))
    tag_row(t, f"if {n('g.has_special')}")
    label_value_row(t, n("g.special_label"), n("g.special_text"))
    tag_row(t, "endif")

    para(doc, "", S_BODY)
    duties_table(doc, n, "h.duties", S_TABLE_HEADING)

    para(doc, n.out("h.requirements"), S_HEADING)
    any_req = " or ".join(n(v) for v in ("education", "experience", "languages",
                                          "computer_skills", "personal_qualities"))
    tag(doc, f"if {any_req}")  # a table without rows would be invalid
    t = new_table(doc, widths)
    for label, var in (("h.education", "education"), ("h.experience", "experience")):
        tag_row(t, f"if {n(var)}")
        label_value_row(t, n(label), n(var))
        tag_row(t, "endif")
    tag_row(t, f"if {n('languages')}")
    row = new_row_pair(t, n.out("h.languages"), f"{{%p for lang in {n('languages')} %}}")
    para(row.cells[1], "{{ lang }}", S_TABLE_TEXT)
    tag(row.cells[1], "endfor")
    tag_row(t, "endif")
    for label, var in (("h.knowledge", "computer_skills"),
                       ("h.qualities", "personal_qualities")):
        tag_row(t, f"if {n(var)}")
        label_value_row(t, n(label), n(var))
        tag_row(t, "endif")
    tag(doc, "endif")

    para(doc, n.out("h.rights_and_resp"), S_HEADING)
    t = new_table(doc, widths)
    for label, intro, items in (("h.rights", "rights_intro", "rights"),
                                ("h.responsibilities", "responsibilities_intro",
                                 "responsibilities")):
        row = new_row_pair(t, n.out(label), f"{{%p if {n(intro)} %}}")
        cell = row.cells[1]
        para(cell, n.out(intro), S_TABLE_TEXT)
        tag(cell, "endif")
        bullet_loop(cell, "x", n(items), S_TABLE_BULLET, guard=True)

    para(doc, "", S_BODY)
    amendment_block(doc, n)
    signatures_block(doc, n)


def build_2025():
    doc = new_document()
    body_2025(doc)
    return doc


# --------------------------------------------------------------------------- list layout


def body_list(doc, prefix: str = "") -> None:
    """A layout described in data (an agency's profile): the lines on top, then each section's
    heading and its rows ("label value"), paragraphs, numbered duties with sub-items, bullets.
    Context: top_lines, sections[heading, rows[label, value], paragraphs, numbered[number, text,
    subitems], bullets], signature_heading, signatures."""
    n = Names(prefix)
    line = n.local("d") if n.annex else "line"
    tag(doc, f"for {line} in {n('top_lines')}")
    if n.annex:  # an annex starts on a new page
        tag(doc, "if loop.first")
        page_break_before(para(doc, "{{ " + line + " }}", S_TITLE))
        tag(doc, "else")
        para(doc, "{{ " + line + " }}", S_TITLE)
        tag(doc, "endif")
    else:
        para(doc, "{{ " + line + " }}", S_TITLE)
    tag(doc, "endfor")
    tag(doc, f"for sec in {n('sections')}")
    para(doc, "{{ sec.heading }}", S_HEADING)
    tag(doc, "for row in sec.rows")
    para(doc, style=S_BODY, parts=[("{{ row.label }}", S_STRONG), (" {{ row.value }}", None)])
    tag(doc, "endfor")
    tag(doc, "for par in sec.paragraphs")
    para(doc, "{{ par }}", S_BODY)
    tag(doc, "endfor")
    tag(doc, "for num in sec.numbered")
    para(doc, "{{ num.number }} {{ num.text }}", S_BODY)
    bullet_loop(doc, "sub", "num.subitems", S_BULLET)
    tag(doc, "endfor")
    bullet_loop(doc, "bul", "sec.bullets", S_BULLET)
    tag(doc, "endfor")
    signatures_block(doc, n)


def build_list():
    doc = new_document()
    body_list(doc)
    return doc


BODIES = {"2022": body_2022, "2025": body_2025, "list": body_list}


# --------------------------------------------------------------------------- directive


def directive_body(doc) -> None:
    """The directive (käskkiri): heading, date and number, title, preamble, numbered points
    with their subpoints, closing paragraphs, signature. Context: ``d``."""
    para(doc, "{{ d.heading }}", S_DIR_HEADING)
    para(doc, "{{ d.date_number }}", S_DIR_DATE)
    para(doc, "{{ d.title }}", S_DIR_TITLE)
    para(doc, "{{ d.preamble }}", S_BODY)
    tag(doc, "for pt in d.points")
    para(doc, "{{ pt.number }} {{ pt.text }}", S_DIR_POINT)
    tag(doc, "for sp in pt.subpoints")
    para(doc, "{{ sp.number }} {{ sp.text }}", S_DIR_SUBPOINT)
    tag(doc, "endfor")
    tag(doc, "endfor")
    tag(doc, "for line in d.closing")
    para(doc, "{{ line }}", S_BODY)
    tag(doc, "endfor")
    para(doc, "", S_BODY)
    para(doc, "", S_BODY)
    tag(doc, "for line in d.signature_lines")
    para(doc, "{{ line }}", S_SIGNATURE)
    tag(doc, "endfor")


def build_directive():
    doc = new_document(directive=True)
    directive_body(doc)
    return doc


def build_combined(layout: str):
    """The directive followed by all its annexes (job descriptions of ``layout``), each
    starting on a new page. Context: ``d``, ``annexes`` (job-description contexts),
    ``doc_props``."""
    doc = new_document(directive=True)
    directive_body(doc)
    tag(doc, "for a in annexes")
    BODIES[layout](doc, "a.")
    tag(doc, "endfor")
    return doc


# --------------------------------------------------------------------------- output


def _deterministic_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed timestamps so that rebuilding is byte-identical."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def save(doc, path: Path) -> Path:
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(_deterministic_zip(buf.getvalue()))
    return path


BUILDERS = {
    "ametijuhend-2022.docx": build_2022,
    "ametijuhend-2025.docx": build_2025,
    "kaskkiri.docx": build_directive,
    "kaskkiri-2022-combined.docx": lambda: build_combined("2022"),
    "kaskkiri-2025-combined.docx": lambda: build_combined("2025"),
    "ametijuhend-list.docx": build_list,
    "kaskkiri-list-combined.docx": lambda: build_combined("list"),
}


def build(out_dir: Path = HERE) -> list[Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return [save(builder(), out_dir / name) for name, builder in BUILDERS.items()]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out_dir = Path(argv[0]) if argv else HERE
    for path in build(out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
