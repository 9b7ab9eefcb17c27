"""A Word redline: the NEW job description as ajdoc renders it, with real tracked changes (w:ins,
w:del) against the OLD one's rendered text, for review in Word or LibreOffice.

Both are rendered with the same layout. Their body items — paragraphs and table rows, in document
order — are aligned with difflib (equal texts first, then the most similar items paired in order);
a paired paragraph gets a word-level diff, a paired row one cell by cell (the paragraphs of each
cell aligned the same way); an item with no partner is a whole inserted or deleted paragraph or
row. Deleted items are copied from the OLD document into their place in the NEW one.

The markup is the ordinary OOXML of tracked changes: runs inside ``w:ins`` / ``w:del``, deleted
text in ``w:delText``, a deleted or inserted paragraph mark in ``w:pPr/w:rPr``, a deleted or
inserted row in ``w:trPr``; every revision has its own ``w:id``, the author "ajdoc" and a fixed
date (the NEW approval date when it has one, else ``DEFAULT_DATE``), so equal inputs give equal
bytes.
"""

from __future__ import annotations

import copy
import io
import warnings
import zipfile
from pathlib import Path
from typing import Any, Callable, Optional

from lxml import etree

from ..model import JobDescription
from ..ooxml import XML_SPACE, parse_xml, qn
from ..ooxml.package import write_members
from ..output import check_target, write_atomic
from ..rendering import LayoutWarning, render_job
from ..textdiff import align, similarity, word_diff

AUTHOR = "ajdoc"
DEFAULT_DATE = "2000-01-01T00:00:00Z"
PAIR_CUTOFF = 0.4     # paragraphs/rows this similar are revised in place, else deleted + inserted
DOCUMENT = "word/document.xml"

Element = Any   # an lxml element (lxml ships no type information)

_P, _R, _T, _TBL, _TR, _TC = (qn("w:p"), qn("w:r"), qn("w:t"), qn("w:tbl"), qn("w:tr"),
                              qn("w:tc"))
_PPR, _RPR, _TRPR, _INS, _DEL = qn("w:pPr"), qn("w:rPr"), qn("w:trPr"), qn("w:ins"), qn("w:del")
_DEL_TEXT, _TAB, _BREAKS = qn("w:delText"), qn("w:tab"), (qn("w:br"), qn("w:cr"))
# what a paragraph may hold for ajdoc to rewrite its runs (anything else: whole replacement)
_REWRITABLE = {_PPR, _R, qn("w:bookmarkStart"), qn("w:bookmarkEnd"), qn("w:proofErr")}


class _Revisions:
    """Makes revision elements with unique ids, one author and one date."""

    def __init__(self, start_id: int, author: str, date: str):
        self.next_id = start_id
        self.author = author
        self.date = date
        self.count = {"ins": 0, "del": 0}

    def mark(self, tag: str) -> Element:
        el = etree.Element(qn(f"w:{tag}"))
        el.set(qn("w:id"), str(self.next_id))
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date)
        self.next_id += 1
        self.count[tag] += 1
        return el


# -- text of the document ------------------------------------------------------------------------
def _run_text(r: Element) -> str:
    out = []
    for node in r:
        if node.tag in (_T, _DEL_TEXT):
            out.append(node.text or "")
        elif node.tag == _TAB:
            out.append("\t")
        elif node.tag in _BREAKS:
            out.append("\n")
    return "".join(out)


def live_text(p: Element) -> str:
    """A paragraph's text as its runs hold it (also inside w:ins, hyperlinks), tabs and breaks,
    deleted runs left out.

    Not ``ooxml.paragraph_text``: that one reads the runs of a deletion too (their tabs and
    breaks), which a tracked change's live text must leave out."""
    return "".join(_run_text(r) for r in p.iter(_R) if r.getparent().tag != _DEL)


def _cells(tr: Element) -> list[Element]:
    return tr.findall(_TC)


def _cell_paragraphs(tc: Element) -> list[Element]:
    return tc.findall(_P)


def _row_text(tr: Element) -> str:
    return "\x1f".join("\n".join(live_text(p) for p in _cell_paragraphs(tc))
                       for tc in _cells(tr))


class _Item:
    """A body item: a paragraph, or a table row (with its table)."""

    __slots__ = ("kind", "el", "table", "text")

    def __init__(self, kind: str, el: Element, table: Element = None):
        self.kind, self.el, self.table = kind, el, table
        self.text = live_text(el) if kind == "p" else _row_text(el)

    @property
    def key(self) -> str:
        return f"{self.kind}\x00{self.text}"


def _body_items(body: Element) -> list[_Item]:
    out = []
    for child in body:
        if child.tag == _P:
            out.append(_Item("p", child))
        elif child.tag == _TBL:
            out.extend(_Item("r", tr, child) for tr in child.findall(_TR))
    return out


def _sim(a: _Item, b: _Item) -> float:
    if a.kind != b.kind:
        return 0.0
    if a.kind == "r" and len(_cells(a.el)) != len(_cells(b.el)):
        return 0.0
    if not a.text.strip() and not b.text.strip():
        return 1.0
    return similarity(a.text, b.text)


def _align_items(olds: list[_Item], news: list[_Item]) -> list[tuple[str, int, int]]:
    """The alignment of two item lists; -1 for the missing side of a deletion or insertion."""
    return [(tag, -1 if i is None else i, -1 if j is None else j)
            for tag, i, j in align(olds, news, key=lambda it: it.key, sim=_sim,
                                   cutoff=PAIR_CUTOFF)]


# -- marking --------------------------------------------------------------------------------------
def _ppr(p: Element) -> Element:
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = etree.Element(_PPR)
        p.insert(0, ppr)
    return ppr


def _mark_paragraph_mark(p: Element, rev: _Revisions, tag: str) -> None:
    """Mark the paragraph mark inserted or deleted (w:pPr/w:rPr/w:ins|w:del)."""
    ppr = _ppr(p)
    rpr = ppr.find(_RPR)
    if rpr is None:
        rpr = etree.Element(_RPR)
        anchor = next((c for c in ppr if c.tag in (qn("w:sectPr"), qn("w:pPrChange"))), None)
        if anchor is not None:
            anchor.addprevious(rpr)
        else:
            ppr.append(rpr)
    for old in rpr.findall(_INS) + rpr.findall(_DEL):
        rpr.remove(old)
    rpr.insert(0, rev.mark(tag))


def _to_deleted_run(r: Element) -> None:
    for t in r.findall(_T):
        t.tag = _DEL_TEXT
        t.set(XML_SPACE, "preserve")
    for ins in r.findall(qn("w:instrText")):
        ins.tag = qn("w:delInstrText")


def _wrap_runs(p: Element, rev: _Revisions, tag: str) -> None:
    """Wrap each top-level run of the paragraph in w:ins / w:del."""
    for r in list(p.findall(_R)):
        if tag == "del":
            _to_deleted_run(r)
        wrapper = rev.mark(tag)
        r.addprevious(wrapper)
        wrapper.append(r)  # moves r into the wrapper


def _mark_paragraph(p: Element, rev: _Revisions, tag: str) -> None:
    _wrap_runs(p, rev, tag)
    _mark_paragraph_mark(p, rev, tag)


def _mark_row(tr: Element, rev: _Revisions, tag: str) -> None:
    trpr = tr.find(_TRPR)
    if trpr is None:
        trpr = etree.Element(_TRPR)
        prex = tr.find(qn("w:tblPrEx"))
        if prex is not None:
            prex.addnext(trpr)
        else:
            tr.insert(0, trpr)
    change = trpr.find(qn("w:trPrChange"))
    mark = rev.mark(tag)
    if change is not None:
        change.addprevious(mark)
    else:
        trpr.append(mark)
    for tc in _cells(tr):
        for p in tc.iter(_P):
            _mark_paragraph(p, rev, tag)


def _clean_copy(el: Element) -> Element:
    """A copy of an OLD element fit to stand in the NEW document (no bookmarks, no para ids)."""
    c = copy.deepcopy(el)
    for b in list(c.iter(qn("w:bookmarkStart"), qn("w:bookmarkEnd"))):
        b.getparent().remove(b)
    for node in c.iter():
        for attr in list(node.attrib):
            if attr.endswith("}paraId") or attr.endswith("}textId"):
                del node.attrib[attr]
    return c


def _make_run(text: str, rpr: Element, deleted: bool) -> Element:
    r = etree.Element(_R)
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    parts = []
    buf = ""
    for ch in text:
        if ch in "\n\t":
            parts.append(buf)
            parts.append(ch)
            buf = ""
        else:
            buf += ch
    parts.append(buf)
    for part in parts:
        if part == "\n":
            etree.SubElement(r, qn("w:br"))
        elif part == "\t":
            etree.SubElement(r, _TAB)
        elif part:
            t = etree.SubElement(r, _DEL_TEXT if deleted else _T)
            t.text = part
            t.set(XML_SPACE, "preserve")
    return r


def _revise_paragraph(old_p: Element, new_p: Element, rev: _Revisions) -> bool:
    """Word-level tracked changes inside NEW's paragraph; False when it cannot be rewritten."""
    old_text, new_text = live_text(old_p), live_text(new_p)
    if old_text == new_text:
        return True
    if any(child.tag not in _REWRITABLE for child in new_p):
        return False
    runs = new_p.findall(_R)
    rpr = runs[0].find(_RPR) if runs else None
    if rpr is None:
        old_runs = old_p.findall(_R)
        rpr = old_runs[0].find(_RPR) if old_runs else None
    rpr = copy.deepcopy(rpr) if rpr is not None else None
    for r in runs:
        new_p.remove(r)
    for op, text in word_diff(old_text, new_text):
        if op == "=":
            new_p.append(_make_run(text, rpr, False))
        else:
            wrapper = rev.mark("del" if op == "-" else "ins")
            wrapper.append(_make_run(text, rpr, op == "-"))
            new_p.append(wrapper)
    return True


# -- aligning -------------------------------------------------------------------------------------
def _align_paragraphs(old_ps: list[Element], new_ps: list[Element], rev: _Revisions,
                      insert_first: Callable[[Element], None]) -> None:
    """Align two lists of paragraphs (a cell's) and mark NEW's; deleted OLD ones are copied in
    after the paragraph before them (or by `insert_first` at the start)."""
    olds = [_Item("p", p) for p in old_ps]
    news = [_Item("p", p) for p in new_ps]
    if len(olds) == len(news) == 1:  # a cell of one paragraph: always a word-level revision
        if not _revise_paragraph(olds[0].el, news[0].el, rev):
            _replace_whole(olds[0].el, news[0].el, rev)
        return
    anchor = None
    for tag, i, j in _align_items(olds, news):
        if tag == "equal":
            anchor = news[j].el
        elif tag == "pair":
            if not _revise_paragraph(olds[i].el, news[j].el, rev):
                _replace_whole(olds[i].el, news[j].el, rev)
            anchor = news[j].el
        elif tag == "insert":
            _mark_paragraph(news[j].el, rev, "ins")
            anchor = news[j].el
        else:
            c = _clean_copy(olds[i].el)
            _mark_paragraph(c, rev, "del")
            if anchor is None:
                insert_first(c)
            else:
                anchor.addnext(c)
            anchor = c


def _replace_whole(old_p: Element, new_p: Element, rev: _Revisions) -> None:
    c = _clean_copy(old_p)
    _mark_paragraph(c, rev, "del")
    new_p.addprevious(c)
    _mark_paragraph(new_p, rev, "ins")


def _first_in_cell(tc: Element) -> Callable[[Element], None]:
    """Puts an element first in a cell (after its properties)."""
    def put(el: Element) -> None:
        tcpr = tc.find(qn("w:tcPr"))
        if tcpr is not None:
            tcpr.addnext(el)
        else:
            tc.insert(0, el)
    return put


def _revise_row(old_tr: Element, new_tr: Element, rev: _Revisions) -> None:
    for old_tc, new_tc in zip(_cells(old_tr), _cells(new_tr)):
        _align_paragraphs(_cell_paragraphs(old_tc), _cell_paragraphs(new_tc), rev,
                          _first_in_cell(new_tc))
        # a cell must end with a paragraph whose mark is not deleted, so the cell stays
        ps = _cell_paragraphs(new_tc)
        if ps:
            _ensure_live_last(ps[-1])


def _ensure_live_last(last_p: Element) -> None:
    """Keep the last paragraph mark of a cell (Word needs one); its runs stay deleted."""
    ppr = last_p.find(_PPR)
    rpr = ppr.find(_RPR) if ppr is not None else None
    if rpr is not None:
        for d in rpr.findall(_DEL):
            rpr.remove(d)


def _grid_cols(tbl: Element) -> int:
    grid = tbl.find(qn("w:tblGrid"))
    return len(grid.findall(qn("w:gridCol"))) if grid is not None else -1


def _new_table_like(old_tbl: Element) -> Element:
    """An empty table with OLD table's properties and grid, for deleted rows with no home."""
    t = etree.Element(_TBL)
    for tag in ("w:tblPr", "w:tblGrid"):
        el = old_tbl.find(qn(tag))
        if el is not None:
            t.append(copy.deepcopy(el))
    return t


def _revise_body(old_body: Element, new_body: Element, rev: _Revisions) -> None:
    olds, news = _body_items(old_body), _body_items(new_body)
    anchor: Optional[_Item] = None   # the last NEW (or copied) item in document order
    ops = _align_items(olds, news)
    next_new: list[Optional[_Item]] = [None] * len(ops)  # for each op, the NEW item after it
    upcoming: Optional[_Item] = None
    for k in range(len(ops) - 1, -1, -1):
        next_new[k] = upcoming
        if ops[k][2] >= 0:
            upcoming = news[ops[k][2]]
    for k, (tag, i, j) in enumerate(ops):
        if tag == "equal":
            anchor = news[j]
        elif tag == "pair":
            a, b = olds[i], news[j]
            if a.kind == "p":
                if not _revise_paragraph(a.el, b.el, rev):
                    _replace_whole(a.el, b.el, rev)
            else:
                _revise_row(a.el, b.el, rev)
            anchor = b
        elif tag == "insert":
            b = news[j]
            if b.kind == "p":
                _mark_paragraph(b.el, rev, "ins")
            else:
                _mark_row(b.el, rev, "ins")
            anchor = b
        else:
            anchor = _place_deleted(olds[i], anchor, next_new[k], new_body, rev)


def _place_deleted(old: _Item, anchor: Optional[_Item], following: Optional[_Item],
                   body: Element, rev: _Revisions) -> _Item:
    """Copy a deleted OLD item into NEW after `anchor` (before `following`); returns the copy."""
    c = _clean_copy(old.el)
    if old.kind == "p":
        _mark_paragraph(c, rev, "del")
        if anchor is None:
            body.insert(0, c)
        elif anchor.kind == "p":
            anchor.el.addnext(c)
        else:  # after a row: after its table (a paragraph cannot stand between rows)
            anchor.table.addnext(c)
        return _Item("p", c)
    _mark_row(c, rev, "del")
    cols = _grid_cols(old.table)
    if anchor is not None and anchor.kind == "r" and _grid_cols(anchor.table) == cols:
        anchor.el.addnext(c)
        return _Item("r", c, anchor.table)
    if following is not None and following.kind == "r" and _grid_cols(following.table) == cols \
            and (anchor is None or anchor.kind == "p"):
        following.el.addprevious(c)
        return _Item("r", c, following.table)
    table = _new_table_like(old.table)
    table.append(c)
    if anchor is None:
        body.insert(0, table)
    elif anchor.kind == "p":
        anchor.el.addnext(table)
    else:
        anchor.table.addnext(table)
    return _Item("r", c, table)


# -- the package ----------------------------------------------------------------------------------
def _max_id(root: Element) -> int:
    best = 0
    for el in root.iter():
        v = el.get(qn("w:id"))
        if v is not None and v.lstrip("-").isdigit():
            best = max(best, int(v))
    return best


def redline_bytes(old_docx: bytes, new_docx: bytes, *, author: str = AUTHOR,
                  date: str = DEFAULT_DATE) -> tuple[bytes, dict]:
    """NEW's DOCX with tracked changes against OLD's; also the count of ins and del marks."""
    with zipfile.ZipFile(io.BytesIO(old_docx)) as z:
        old_root = parse_xml(z.read(DOCUMENT))
    with zipfile.ZipFile(io.BytesIO(new_docx)) as z:
        members = [(info.filename, z.read(info.filename)) for info in z.infolist()]
    new_root = parse_xml(dict(members)[DOCUMENT])
    rev = _Revisions(max(_max_id(new_root), _max_id(old_root)) + 1, author, date)
    _revise_body(old_root.find(qn("w:body")), new_root.find(qn("w:body")), rev)
    data = etree.tostring(new_root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return (write_members((name, data if name == DOCUMENT else body) for name, body in members),
            dict(rev.count))


def revision_date(jd: JobDescription) -> str:
    """The fixed w:date of the revisions: NEW's approval date, else DEFAULT_DATE."""
    if jd.approval is not None:
        return jd.approval.date.isoformat() + "T00:00:00Z"
    return DEFAULT_DATE


def redline(old: JobDescription, new: JobDescription, path: Path | str | None = None, *,
            layout: str = "2022", force: bool = False, author: str = AUTHOR,
            date: Optional[str] = None) -> bytes:
    """Render both and mark NEW's document with tracked changes against OLD's; with `path`, also
    write it there atomically (never over an existing file without `force`)."""
    if path is not None:
        check_target(path, force)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LayoutWarning)  # the same for both; said by `render`
        old_docx = render_job(old, layout)
    new_docx = render_job(new, layout)
    data, _ = redline_bytes(old_docx, new_docx, author=author, date=date or revision_date(new))
    if path is not None:
        write_atomic(path, data, force=force)
    return data
