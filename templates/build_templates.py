"""Generate the ajdoc Word templates with python-docx.

    python templates/build_templates.py [OUT_DIR]

writes ``ametijuhend-2022.docx`` and ``ametijuhend-2025.docx`` next to this script (or into
OUT_DIR). The output is deterministic: re-running gives byte-identical files.

The templates are docxtpl (Jinja) templates. Everything the reader sees comes from the
render context -- headings and labels included, because the program computes the numbering
("1.", "3.12", "1.1") -- so no number or bullet glyph is typed here. The look lives in named
styles ("ajdoc Body", "ajdoc Heading", ...) that can be restyled in Word or LibreOffice;
bullets are real Word lists wired through numbering.xml into the bullet paragraph styles.

Context names used (see tests/test_templates.py for the full documented set):
approval_lines, doc_title, h.*, g.*, purpose, duties[number, text, subitems, results],
rights_intro, rights, responsibilities_intro, responsibilities, work_tools, education,
experience, computer_skills, personal_qualities, languages, competencies[name, indicators],
additional[name, text], amendment, amendment_bullets, signatures[label, lines], doc_props.
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

# numbering ids added to numbering.xml (the default python-docx template uses 0-8 / 1-9)
ABSTRACT_BULLET, NUM_BULLET = 20, 20
ABSTRACT_TABLE_BULLET, NUM_TABLE_BULLET = 21, 21

BULLET_INDENT = 360  # twips (0.635 cm): left indent = hanging
TABLE_BULLET_INDENT = 284  # twips (0.5 cm)


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
    _pstyle(doc, S_SIGNATURE, after=0)

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


def new_document():
    doc = Document()
    # the default template's body holds only a sectPr
    _drop_template_leftovers(doc)
    _setup_page(doc)
    _setup_defaults(doc)
    _setup_styles(doc)
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


# --------------------------------------------------------------------------- shared blocks


def approval_and_title(doc) -> None:
    tag(doc, "for line in approval_lines")
    para(doc, "{{ line }}", S_APPROVAL)
    tag(doc, "endfor")
    para(doc, "{{ doc_title }}", S_TITLE)


def duties_table(doc, head_left: str, head_left_style: str) -> None:
    half = TEXT_W / 2
    t = new_table(doc, [half, half])
    hdr = new_row(t)
    fill_cell(hdr.cells[0], "{{ " + head_left + " }}", head_left_style)
    fill_cell(hdr.cells[1], "{{ h.duties_col2 }}", S_TABLE_HEADER)
    repeat_header(hdr)
    tag_row(t, "for d in duties")
    row = new_row(t)
    left, right = row.cells
    fill_cell(left, "{{ d.number }} {{ d.text }}")
    bullet_loop(left, "s", "d.subitems", S_TABLE_BULLET)
    # right cell: results; its fresh first paragraph becomes the opening tag
    fill_cell(right, "{%p for r in d.results %}")
    para(right, "{{ r }}", S_TABLE_BULLET)
    tag(right, "endfor")
    tag(right, "if not d.results")
    para(right, "", S_TABLE_TEXT)
    tag(right, "endif")
    tag_row(t, "endfor")


def amendment_block(doc) -> None:
    tag(doc, "if amendment_bullets")
    bullet_loop(doc, "a", "amendment", S_BULLET)
    tag(doc, "else")
    tag(doc, "for a in amendment")
    para(doc, "{{ a }}", S_BODY)
    tag(doc, "endfor")
    tag(doc, "endif")


def signatures_block(doc) -> None:
    para(doc, "", S_BODY)
    para(doc, "", S_BODY)
    tag(doc, "for s in signatures")
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


def intro_and_bullets(container, intro: str, items: str, bullet_style: str, intro_style: str,
                      *, guard: bool = False) -> None:
    tag(container, f"if {intro}")
    para(container, "{{ " + intro + " }}", intro_style)
    tag(container, "endif")
    bullet_loop(container, "x", items, bullet_style, guard=guard)


# --------------------------------------------------------------------------- 2022 layout


def build_2022():
    doc = new_document()
    approval_and_title(doc)

    para(doc, "{{ h.general }}", S_HEADING)
    half = TEXT_W / 2
    t = new_table(doc, [half, half])
    new_row(t, ["{{ h.title }}", "{{ h.unit }}"], S_TABLE_LABEL)
    new_row(t, ["{{ g.title }}", "{{ g.unit }}"], S_TABLE_TEXT)
    para(doc, "", S_BODY)
    third = TEXT_W / 3
    t = new_table(doc, [third, third, third])
    new_row(t, ["{{ h.supervisor }}", "{{ h.substituted_by }}", "{{ h.substitutes }}"],
            S_TABLE_LABEL)
    new_row(t, ["{{ g.supervisor }}", "{{ g.substituted_by }}", "{{ g.substitutes }}"],
            S_TABLE_TEXT)

    para(doc, "{{ h.purpose }}", S_HEADING)
    para(doc, "{{ purpose }}", S_BODY)

    para(doc, "{{ h.duties }}", S_HEADING)
    duties_table(doc, "h.duties_col1", S_TABLE_HEADER)

    para(doc, "{{ h.rights }}", S_HEADING)
    intro_and_bullets(doc, "rights_intro", "rights", S_BULLET, S_BODY)
    para(doc, "{{ h.responsibilities }}", S_HEADING)
    intro_and_bullets(doc, "responsibilities_intro", "responsibilities", S_BULLET, S_BODY)

    para(doc, "{{ h.tools }}", S_HEADING)
    para(doc, "{{ work_tools }}", S_BODY)

    para(doc, "{{ h.requirements }}", S_HEADING)
    for label, var in (("h.education", "education"), ("h.experience", "experience")):
        tag(doc, f"if {var}")
        para(doc, "{{ " + label + " }}", S_SUBHEADING)
        para(doc, "{{ " + var + " }}", S_BODY)
        tag(doc, "endif")
    tag(doc, "if languages")
    para(doc, "{{ h.languages }}", S_SUBHEADING)
    tag(doc, "for lang in languages")
    para(doc, "{{ lang }}", S_BODY)
    tag(doc, "endfor")
    tag(doc, "endif")
    tag(doc, "if computer_skills")
    para(doc, "{{ h.computer }}", S_SUBHEADING)
    para(doc, "{{ computer_skills }}", S_BODY)
    tag(doc, "endif")

    tag(doc, "if competencies")
    para(doc, "{{ h.competencies }}", S_SUBHEADING)
    tag(doc, "for c in competencies")
    para(doc, "{{ c.name }}:", S_LABEL)
    bullet_loop(doc, "i", "c.indicators", S_BULLET)
    tag(doc, "endfor")
    tag(doc, "endif")

    # "Täiendavad kompetentsid, isikuomadused ja teadmised": personal qualities (if any)
    # as a paragraph, then the additional items as bullets "name: text" (name in bold).
    tag(doc, "if additional or personal_qualities")
    para(doc, "{{ h.additional }}", S_SUBHEADING)
    tag(doc, "if personal_qualities")
    para(doc, "{{ personal_qualities }}", S_BODY)
    tag(doc, "endif")
    tag(doc, "for a in additional")
    para(doc, style=S_BULLET, parts=[
        ("{% if a.name %}{{ a.name }}: {% endif %}", S_STRONG),
        ("{{ a.text }}", None),
    ])
    tag(doc, "endfor")
    tag(doc, "endif")

    para(doc, "{{ h.amendment }}", S_HEADING)
    amendment_block(doc)
    signatures_block(doc)
    return doc


# --------------------------------------------------------------------------- 2025 layout

LABEL_W = 5.0


def label_value_row(table, label: str, value: str):
    return new_row_pair(table, "{{ " + label + " }}", "{{ " + value + " }}")


def new_row_pair(table, left: str, right: str):
    row = new_row(table)
    fill_cell(row.cells[0], left, S_TABLE_LABEL)
    fill_cell(row.cells[1], right, S_TABLE_TEXT)
    return row


def build_2025():
    doc = new_document()
    approval_and_title(doc)
    widths = [LABEL_W, TEXT_W - LABEL_W]

    para(doc, "{{ h.general }}", S_HEADING)
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
        label_value_row(t, label, value)
    tag_row(t, "if g.has_special")
    label_value_row(t, "g.special_label", "g.special_text")
    tag_row(t, "endif")

    para(doc, "", S_BODY)
    duties_table(doc, "h.duties", S_TABLE_HEADING)

    para(doc, "{{ h.requirements }}", S_HEADING)
    any_req = "education or experience or languages or computer_skills or personal_qualities"
    tag(doc, f"if {any_req}")  # a table without rows would be invalid
    t = new_table(doc, widths)
    for label, var in (("h.education", "education"), ("h.experience", "experience")):
        tag_row(t, f"if {var}")
        label_value_row(t, label, var)
        tag_row(t, "endif")
    tag_row(t, "if languages")
    row = new_row_pair(t, "{{ h.languages }}", "{%p for lang in languages %}")
    para(row.cells[1], "{{ lang }}", S_TABLE_TEXT)
    tag(row.cells[1], "endfor")
    tag_row(t, "endif")
    for label, var in (("h.knowledge", "computer_skills"),
                       ("h.qualities", "personal_qualities")):
        tag_row(t, f"if {var}")
        label_value_row(t, label, var)
        tag_row(t, "endif")
    tag(doc, "endif")

    para(doc, "{{ h.rights_and_resp }}", S_HEADING)
    t = new_table(doc, widths)
    for label, intro, items in (("h.rights", "rights_intro", "rights"),
                                ("h.responsibilities", "responsibilities_intro",
                                 "responsibilities")):
        row = new_row_pair(t, "{{ " + label + " }}", "{%p if " + intro + " %}")
        cell = row.cells[1]
        para(cell, "{{ " + intro + " }}", S_TABLE_TEXT)
        tag(cell, "endif")
        bullet_loop(cell, "x", items, S_TABLE_BULLET, guard=True)

    para(doc, "", S_BODY)
    amendment_block(doc)
    signatures_block(doc)
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
