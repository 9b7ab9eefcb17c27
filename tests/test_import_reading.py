"""The importer reads a .docx from its parsed parts (ajdoc.ooxml.parts) as python-docx reads it.

The reference here is python-docx's own objects (``Document``, ``Paragraph.text``,
``_Row.cells``, ``Paragraph.style`` and its base styles): the reading the importer did before it
read the parts itself. A document built for the purpose holds what differs between readers —
cells merged across columns and rows, a nested table with merged cells, list paragraphs by
numbering, by their style and by a style their style is based on, numbering 0, breaks of every
kind, a hyperlink, tabs and non-breaking hyphens, a header — and every paragraph must read the
same. Packages python-docx refuses to open are refused too, with one message.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.table import Table as DocxTable

from ajdoc.errors import AjdocError, Place
from ajdoc.importing.sources import Para, Table, check_word_bytes, docx_stream, paras, \
    signature_starts


# -- the reference: python-docx's objects ---------------------------------------------------------
def _list_style(style) -> bool:
    while style is not None:
        ppr = style.element.pPr
        if ppr is not None and ppr.numPr is not None:
            return True
        if re.search(r"\b(Bullet|List Number)\b", style.name or ""):
            return True
        style = style.base_style
    return False


def _is_list(p) -> bool:
    ppr = p._p.pPr
    if ppr is not None and ppr.numPr is not None:
        num_id = ppr.numPr.numId
        return not (num_id is not None and num_id.val == 0)
    return _list_style(p.style)


def _paras(container, starts) -> list[Para]:
    out = []
    for el in container.iter_inner_content():
        if isinstance(el, DocxTable):
            for row in el.rows:
                for cell in row.cells:
                    out.extend(_paras(cell, starts))
        else:
            out.extend(paras(el.text, _is_list(el), starts))
    return out


def reference_stream(data: bytes) -> list:
    doc = docx.Document(io.BytesIO(data))
    starts = signature_starts()
    stream: list = []
    for section in doc.sections[:1]:
        if not section.header.is_linked_to_previous:
            stream.extend(p for p in _paras(section.header, starts) if p.text)
    for el in doc.iter_inner_content():
        if isinstance(el, DocxTable):
            rows, seen = [], {}
            for row in el.rows:
                cells = []
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen[id(cell._tc)] = cell._tc
                        cells.append(_paras(cell, starts))
                rows.append(cells)
            stream.append(Table(rows))
        else:
            stream.extend(paras(el.text, _is_list(el), starts))
    return stream


# -- the document -----------------------------------------------------------------------------------
def _numbered(p, num_id: int) -> None:
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _run_xml(p, inner: str) -> None:
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}>{inner}</w:r>'))


def odd_document() -> bytes:
    d = docx.Document()
    styles = d.styles
    base = styles.add_style("Punktid", 1)            # a paragraph style with numbering …
    base.element.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:numId w:val="1"/></w:numPr>'))
    child = styles.add_style("Punktid kitsas", 1)   # … and one based on it
    child.base_style = base
    plain = styles.add_style("Tavaline tekst", 1)   # based on Normal: no list
    plain.base_style = styles["Normal"]
    d.sections[0].header.is_linked_to_previous = False
    d.sections[0].header.paragraphs[0].text = "KINNITATUD\tpäises"
    d.sections[0].header.add_paragraph("Päise punkt", style="List Bullet")
    d.add_paragraph("AMETIJUHEND")
    d.add_paragraph("Loendi punkt", style="List Bullet")
    d.add_paragraph("Numbriga punkt", style="List Number 2")
    d.add_paragraph("Stiili punkt", style=base)
    d.add_paragraph("Päritud stiili punkt", style=child)
    d.add_paragraph("Tavaline", style=plain)
    _numbered(d.add_paragraph("Nummerdus 5"), 5)
    _numbered(d.add_paragraph("Nummerdus 0", style="List Bullet"), 0)
    p = d.add_paragraph("Reavahetus")
    _run_xml(p, '<w:br/><w:t>järel</w:t><w:br w:type="page"/><w:t>lehe</w:t>'
                '<w:br w:type="column"/><w:cr/><w:t>lõpp</w:t>')
    p = d.add_paragraph()
    _run_xml(p, '<w:t>sõna</w:t><w:noBreakHyphen/><w:t>sõna</w:t><w:ptab w:relativeTo="margin" '
                'w:alignment="right" w:leader="none"/><w:tab/><w:t xml:space="preserve"> x </w:t>')
    p._p.append(parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="rId99"><w:r><w:t>link</w:t>'
                          '</w:r></w:hyperlink>'))
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>lisatud'
                          '</w:t></w:r></w:ins>'))
    t = d.add_table(rows=4, cols=3)
    for r, row in enumerate(t.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"r{r}c{c}"
    t.cell(0, 0).merge(t.cell(0, 1))                 # across columns
    t.cell(1, 2).merge(t.cell(3, 2))                 # down rows
    t.cell(2, 0).merge(t.cell(3, 1))                 # both
    inner = t.cell(1, 0).add_table(rows=2, cols=2)   # nested, merged down
    inner.cell(0, 1).merge(inner.cell(1, 1))
    inner.cell(0, 0).text = "sees"
    inner.cell(0, 1).paragraphs[0].style = styles["List Bullet"]
    inner.cell(0, 1).paragraphs[0].text = "sees punkt"
    d.add_paragraph("Tööandja:\n(allkirjastatud digitaalselt)\nMaret Maripuu\npeadirektor")
    d.add_paragraph("Allkiri\n(allkirjastatud digitaalselt)")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_an_odd_document_reads_as_python_docx_reads_it():
    data = odd_document()
    got = docx_stream(check_word_bytes(data, Place(file="x.docx")))
    want = reference_stream(data)
    assert got == want
    # and what the document says, independently of both readers
    texts = [p.text for p in got if isinstance(p, Para)]
    bullets = {p.text for p in got if isinstance(p, Para) and p.bullet}
    assert texts[:2] == ["KINNITATUD päises", "Päise punkt"]
    assert {"Päise punkt", "Loendi punkt", "Numbriga punkt", "Stiili punkt",
            "Päritud stiili punkt", "Nummerdus 5"} <= bullets
    assert not {"Tavaline", "Nummerdus 0", "AMETIJUHEND"} & bullets
    assert "sõna-sõna x link" in texts          # the inserted run is not read, as python-docx
    table = next(el for el in got if isinstance(el, Table))
    cell_texts = [[[p.text for p in cell] for cell in row] for row in table.rows]
    assert cell_texts[0] == [["r0c0", "r0c1"], ["r0c2"]]           # merged across: once
    assert cell_texts[1][1:] == [["r1c1"], ["r1c2", "r2c2", "r3c2"]]  # merged down: once
    assert cell_texts[2] == [["r2c0", "r2c1", "r3c0", "r3c1"]] and cell_texts[3] == []
    nested = table.rows[1][0]
    assert nested[0].text == "r1c0" and nested[1].text == "sees"
    # inside a nested table a merged cell repeats (python-docx's cells, not deduplicated)
    assert [p.bullet for p in nested if p.text == "sees punkt"] == [True, True]


def test_the_handmade_and_rendered_documents_read_the_same():
    import test_import
    import test_import_handmade

    import ajdoc
    from conftest import EXAMPLES

    docs = [test_import.handmade_2022_leader()[0], test_import.handmade_2025()[0],
            test_import_handmade.handmade(signature="table", split="inside"),
            ajdoc.render(ajdoc.load_role(EXAMPLES / "teenuse-juht.yaml"), layout="2025")]
    for data in docs:
        assert docx_stream(check_word_bytes(data, Place(file="x.docx"))) == \
            reference_stream(data)


def _without(data: bytes, name: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            if info.filename != name:
                zout.writestr(copy.copy(info), zin.read(info))
    return out.getvalue()


def _changed(data: bytes, name: str, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            blob = zin.read(info)
            zout.writestr(copy.copy(info), change(blob) if info.filename == name else blob)
    return out.getvalue()


@pytest.mark.parametrize("case", ["missing part", "no content type"])
def test_a_package_python_docx_refuses_is_refused(case):
    data = odd_document()
    if case == "missing part":
        bad = _without(data, "word/styles.xml")
    else:  # the styles part named .dat: no Override, and no Default for the extension
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
            for info in zin.infolist():
                blob = zin.read(info)
                if info.filename == "word/styles.xml":
                    info = zipfile.ZipInfo("word/styles.dat", info.date_time)
                elif info.filename == "word/_rels/document.xml.rels":
                    blob = blob.replace(b'Target="styles.xml"', b'Target="styles.dat"')
                elif info.filename == "[Content_Types].xml":
                    blob = re.sub(rb'<Override PartName="/word/styles.xml"[^>]*/>', b"", blob)
                zout.writestr(info, blob)
        bad = out.getvalue()
        assert b"styles.dat" in bad
    with pytest.raises(Exception):
        docx.Document(io.BytesIO(bad))              # python-docx cannot open it …
    with pytest.raises(AjdocError) as err:
        check_word_bytes(bad, Place(file="x.docx"))   # … and it is named, one message
    assert "word/styles." in err.value.message and "expected a Word job description" in \
        err.value.message


def test_a_document_without_styles_reads_list_styles_as_python_docx_does():
    data = odd_document()
    bare = _changed(data, "word/_rels/document.xml.rels",
                    lambda b: re.sub(rb'<Relationship [^>]*styles"[^>]*/>', b"", b))
    got = docx_stream(check_word_bytes(bare, Place(file="x.docx")))
    assert got == reference_stream(bare)
    assert any(p.bullet for p in got if isinstance(p, Para))   # python-docx's default styles


# -- styles.xml read without its tree ----------------------------------------------------------------
def _styles_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/styles.xml")


def _every_lookup(styles, ids) -> list[bool]:
    return [styles.is_list(i) for i in list(ids) + [None, "NoSuchStyle"]]


@pytest.mark.parametrize("variant", ["as written", "a comment", "single quotes", "an entity",
                                     "default namespace", "utf-16"])
def test_styles_read_from_the_part_as_from_its_tree(variant):
    """Styles.of_part (the styles indexed in the part's text, each parsed alone when reached,
    or the whole part where its text is not the plain form) answers as the parsed tree does."""
    from lxml import etree

    from ajdoc.ooxml.styles import Styles, _blocks

    data = _styles_xml(odd_document())
    if variant == "a comment":
        data = data.replace(b"<w:style ", b"<!-- x --><w:style ", 1)
    elif variant == "single quotes":
        data = data.replace(b'w:styleId="Punktid"', b"w:styleId='Punktid'")
    elif variant == "an entity":
        data = data.replace(b'w:styleId="Punktid"', b'w:styleId="Punk&#116;id"')
    elif variant == "default namespace":  # the elements' (the attributes keep w:)
        data = data.replace(b"<w:", b"<").replace(b"</w:", b"</").replace(
            b"xmlns:w=", b'xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/'
                         b'main" xmlns:w=', 1)
    elif variant == "utf-16":
        data = etree.tostring(etree.fromstring(data), encoding="utf-16")
    tree = etree.fromstring(data)
    ids = [s.get(qn_("w:styleId")) for s in tree.iter(qn_("w:style"))]
    assert "Punktid" in ids
    assert (_blocks(data) is not None) == (variant == "as written")   # indexed, else parsed
    assert _every_lookup(Styles.of_part(data), ids) == _every_lookup(Styles(tree), ids)
    assert any(_every_lookup(Styles(tree), ids))


def test_the_templates_styles_read_from_the_part_as_from_its_tree():
    from lxml import etree

    import ajdoc
    from ajdoc.ooxml.styles import Styles
    from conftest import EXAMPLES

    for layout in ("2022", "2025"):
        data = _styles_xml(ajdoc.render(ajdoc.load_role(EXAMPLES / "teenuse-juht.yaml"),
                                        layout=layout))
        tree = etree.fromstring(data)
        ids = [s.get(qn_("w:styleId")) for s in tree.iter(qn_("w:style"))]
        assert len(ids) > 20
        assert _every_lookup(Styles.of_part(data), ids) == _every_lookup(Styles(tree), ids)


def qn_(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


@pytest.mark.parametrize("name", ["word/styles.xml", "word/settings.xml", "word/document.xml"])
@pytest.mark.parametrize("declaration", [
    b'<!DOCTYPE x [<!ENTITY e "boom">]>', b'<!DOCTYPE x SYSTEM "file:///etc/passwd">'])
def test_a_part_read_without_its_tree_is_checked_alike(name, declaration):
    """The parts the importer needs no tree of are checked without one: a DTD or an entity
    declaration is refused in them as in the others."""
    data = _changed(odd_document(), name, lambda b: re.sub(
        rb"(<\?xml[^>]*\?>)", lambda m: m.group(1) + declaration, b, count=1))
    with pytest.raises(AjdocError, match=f"refused: '{re.escape(name)}' declares a DTD"):
        check_word_bytes(data, Place(file="x.docx"))
    broken = _changed(odd_document(), name, lambda b: b[:-20])
    with pytest.raises(AjdocError, match=f"part '{re.escape(name)}' is not well-formed"):
        check_word_bytes(broken, Place(file="x.docx"))
