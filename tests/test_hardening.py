"""Hardening: what docxtpl's defaults get wrong must not happen to ajdoc.

Measured with docxtpl 0.20.2's defaults, and refuted here for ajdoc:

1. text with ``&`` or ``<`` silently dropped (one "Tööd & <tulemused>" cut a 1,000-row duties
   table to one row), and ``</w:t></w:r></w:p><w:p>`` injected a paragraph;
2. control characters, U+FFFE and lone surrogates vanished or truncated the text;
3. template text ran Python (``cycler.__init__.__globals__.os.popen``), also from the template's
   document properties;
4. two renders of the same input differed in bytes (zip timestamps);
5. an interrupted or failing write could leave a damaged file or half a directive behind.
"""

from __future__ import annotations

import copy
import errno
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

import ajdoc
import ajdoc.output
import ajdoc.rendering.documents
from ajdoc import AjdocError
from conftest import EXAMPLES, ROOT, run_cli
from docxtext import docx_text

pytestmark = pytest.mark.filterwarnings("ignore::ajdoc.rendering.LayoutWarning")

TEMPLATE_2022 = ROOT / "templates" / "ametijuhend-2022.docx"
INJECTION = "</w:t></w:r></w:p><w:p>"
# one text holding everything docxtpl's defaults got wrong (no leading/trailing space: the
# property tests cover those)
TRICKY = ("Tööd & <tulemused> \"jutumärgid\" 'ülakomad' {{ x }} {% if %} {# k #} &amp; &lt; "
          "a\tb\nc " + INJECTION + " ]]> <![CDATA[ y ]]> <w:br/>")
NO_STANDARD_DUTIES = {"duties": {"remove": ["duty.cooperation", "duty.other-activities",
                                            "duty.one-off-tasks"]}}

BASE = {
    "preset": "specialist",
    "general": {"title": "Peaspetsialist", "unit": ["Teenuste osakond", "hoolekande talitus"],
                "supervisor": "Talitusejuhataja"},
    "purpose": "Ametikoha eesmärk on teenuste arendamine.",
    "duties": [{"text": "Teenuste arendamine.", "results": ["Teenused on arendatud."]}],
}


def role(**changes) -> dict:
    data = copy.deepcopy(BASE)
    data.update(copy.deepcopy(changes))
    return data


def render(data: dict, layout: str = "2022") -> bytes:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # LayoutWarning: what a layout has no place for
        return ajdoc.render(ajdoc.role_from_dict(data), layout=layout)


def paragraph_elements(data: bytes) -> list:
    """Every w:p of the headers, the body (tables and nested tables included) and the footers,
    in document order."""
    doc = docx.Document(io.BytesIO(data))
    roots = []
    for s in doc.sections:
        roots += [s.header._element, s.first_page_header._element]
    roots.append(doc.element.body)
    for s in doc.sections:
        roots += [s.footer._element, s.first_page_footer._element]
    out = []
    for root in roots:
        out += [Paragraph(p, None) for p in root.iter(qn("w:p"))]
    return out


def paragraph_texts(data: bytes) -> list[str]:
    """python-docx's paragraph.text of every paragraph: a line break is "\\n", a tab "\\t"."""
    return [p.text for p in paragraph_elements(data)]


def shape(data: bytes) -> dict[str, int]:
    """How many paragraphs, tables, rows and cells the document has (what an injection changes)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml")
    from lxml import etree

    root = etree.fromstring(xml)
    return {tag: len(root.findall(f".//{qn(tag)}")) for tag in ("w:p", "w:tbl", "w:tr", "w:tc")}


def duties_table(doc):
    tables = [t for t in doc.tables if t.rows[0].cells[0].text in ("Põhiülesanded",)
              or t.rows[0].cells[0].text.startswith("2. Peamised teenistusülesanded")]
    assert len(tables) == 1, [t.rows[0].cells[0].text for t in doc.tables]
    return tables[0]


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in Path(folder).iterdir() if p.name.startswith(".ajdoc-")
                  or p.name.endswith(".part"))


# ---------------------------------------------------------------------------------------------
# 1. text is data: escaped, never dropped, never markup
# ---------------------------------------------------------------------------------------------
RESULTS = ["& < > \" '", "{{ x }}", "{% if %}", "{# kommentaar #}", "sisse\ttaane\tkaks",
           "rida üks\nrida kaks", INJECTION, "&amp; &lt; &#x41;", "<w:br/>", "]]> <![CDATA[ z ]]>",
           "\t algab tabeldusega", "lõpeb reavahetusega\n"]


def thousand_duties() -> dict:
    duties = [{"text": "Tööd & <tulemused>", "results": RESULTS},
              {"text": INJECTION, "subitems": RESULTS, "results": ["Tulemus 2."]}]
    duties += [{"text": f"Ülesanne nr {i} & <{i}>", "results": [f"Tulemus {i} {{{{ i }}}}."]}
               for i in range(3, 1001)]
    return role(duties=duties, sections=NO_STANDARD_DUTIES)


@pytest.fixture(scope="module")
def thousand():
    data = thousand_duties()
    return data, render(data)


def test_thousand_duties_all_rows_all_texts(thousand):
    role_data, data = thousand
    table = duties_table(docx.Document(io.BytesIO(data)))
    assert len(table.rows) == 1 + 1000  # the header row and every duty
    for i, (row, duty) in enumerate(zip(table.rows[1:], role_data["duties"]), 1):
        left, right = row.cells[0].paragraphs, row.cells[1].paragraphs
        assert left[0].text == f"3.{i} {duty['text']}"
        assert [p.text for p in left[1:]] == duty.get("subitems", [])
        assert [p.text for p in right] == duty["results"]
    # the same through tests/docxtext.py (paragraphs joined by "\n", <w:br/> as "\n")
    lines = docx_text(data).split("\n")
    for i, duty in enumerate(role_data["duties"], 1):
        assert f"3.{i} {duty['text']}" in lines
    assert "Tööd & <tulemused>" in docx_text(data)
    assert lines.count(INJECTION) == 2 and "rida üks\nrida kaks" in docx_text(data)


def test_thousand_duties_no_injected_structure(thousand):
    role_data, data = thousand
    plain = copy.deepcopy(role_data)
    for duty in plain["duties"]:
        duty["text"] = "x"
        for key in ("results", "subitems"):
            if key in duty:
                duty[key] = ["x"] * len(duty[key])
    assert shape(data) == shape(render(plain))
    texts = paragraph_texts(data)
    assert texts.count(INJECTION) == 2  # a subitem and a result: each one whole paragraph
    assert f"3.2 {INJECTION}" in texts


def test_line_break_and_tab_are_word_breaks_and_tabs(thousand):
    _, data = thousand
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    # "rida üks\nrida kaks": one paragraph with a <w:br/> between the two texts
    assert re.search(r"rida üks</w:t>\s*<w:br/>\s*<w:t[^>]*>rida kaks", xml)
    assert re.search(r"sisse</w:t>\s*<w:tab/>\s*<w:t[^>]*>taane", xml)
    assert "\n" not in "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))
    # the injection is text: escaped in the XML
    assert "&lt;/w:t&gt;&lt;/w:r&gt;&lt;/w:p&gt;&lt;w:p&gt;" in xml


def _set(path: str, value):
    """A role change: set the dotted `path` (list indexes as numbers) to `value`."""
    def change(data: dict) -> dict:
        node = data
        keys = path.split(".")
        for k in keys[:-1]:
            k = int(k) if k.isdigit() else k
            if isinstance(node, dict) and k not in node:
                node[k] = {}
            node = node[k]
        last = keys[-1]
        node[int(last) if last.isdigit() else last] = value
        return data
    return change


def _edit(block: str, change: dict):
    def apply(data: dict) -> dict:
        data.setdefault("edit", {})[block] = change
        return data
    return apply


# (field, layout, the change putting T there, the paragraph text expected for T)
FIELDS = [
    ("general.title", "2022", lambda t: _set("general.title", t), lambda t: t),
    ("general.unit (text)", "2022", lambda t: _set("general.unit", t), lambda t: t),
    ("general.unit.department", "2022",
     lambda t: _set("general.unit", {"department": t, "division": "talitus", "team": "tiim"}),
     lambda t: f"{t}, talitus (tiim)"),
    ("general.unit.team", "2022",
     lambda t: _set("general.unit", {"department": "Osakond", "division": "talitus", "team": t}),
     lambda t: f"Osakond, talitus ({t})"),
    ("general.supervisor", "2022", lambda t: _set("general.supervisor", t), lambda t: t),
    ("general.substituted_by", "2022", lambda t: _set("general.substituted_by", t), lambda t: t),
    ("general.substituted_by (list)", "2022",
     lambda t: _set("general.substituted_by", [t, "nõunik"]), lambda t: f"{t}, nõunik"),
    ("general.substitutes", "2022", lambda t: _set("general.substitutes", t), lambda t: t),
    ("general.subordinates", "2025", lambda t: _set("general.subordinates", t), lambda t: t),
    ("general.special_conditions.text", "2025",
     lambda t: _set("general.special_conditions", {"label": "Riigikaitse", "text": t}),
     lambda t: t),
    ("purpose", "2022", lambda t: _set("purpose", t), lambda t: t),
    ("purpose (2025)", "2025", lambda t: _set("purpose", t), lambda t: t),
    ("duties[1].text", "2022", lambda t: _set("duties.0.text", t), lambda t: f"3.1 {t}"),
    ("duties[1].text (2025)", "2025", lambda t: _set("duties.0.text", t), lambda t: f"2.1. {t}"),
    ("duties[1].subitems", "2022", lambda t: _set("duties.0.subitems", ["Esimene;", t]),
     lambda t: t),
    ("duties[1].results", "2022", lambda t: _set("duties.0.results", [t]), lambda t: t),
    ("duties[1].results (2025)", "2025", lambda t: _set("duties.0.results", [t]), lambda t: t),
    ("edit rights add", "2022", lambda t: _edit("rights", {"add": [t]}), lambda t: t),
    ("edit rights replace", "2022", lambda t: _edit("rights", {"replace": {1: t}}), lambda t: t),
    ("edit rights add (2025)", "2025", lambda t: _edit("rights", {"add": [t]}), lambda t: t),
    ("edit rights.intro text", "2022", lambda t: _edit("rights.intro", {"text": t}), lambda t: t),
    ("edit responsibilities add", "2022", lambda t: _edit("responsibilities", {"add": [t]}),
     lambda t: t),
    ("edit work-tools text", "2022", lambda t: _edit("work-tools", {"text": t}), lambda t: t),
    ("edit computer-skills text", "2022", lambda t: _edit("computer-skills", {"text": t}),
     lambda t: t),
    ("edit duty.one-off-tasks text", "2022", lambda t: _edit("duty.one-off-tasks", {"text": t}),
     lambda t: f"3.4 {t}"),
    ("edit duty.one-off-tasks results", "2022",
     lambda t: _edit("duty.one-off-tasks", {"results": {"add": [t]}}), lambda t: t),
    ("edit duty.cooperation subitems", "2022",
     lambda t: _edit("duty.cooperation", {"subitems": {"add": [t]}}), lambda t: t),
    ("edit competency indicator", "2022",
     lambda t: _edit("competency.kliendikesksus", {"add": [t]}), lambda t: t),
    ("edit additional-competencies add", "2022",
     lambda t: _edit("additional-competencies", {"add": [t]}), lambda t: t),
    ("edit additional-competencies named", "2022",
     lambda t: _edit("additional-competencies", {"add": [{"name": "Oskus", "text": t}]}),
     lambda t: f"Oskus: {t}"),
    ("edit amendment replace", "2022", lambda t: _edit("amendment", {"replace": {1: t}}),
     lambda t: t),
    ("edit heading.duties text", "2022", lambda t: _edit("heading.duties", {"text": t}),
     lambda t: f"3. {t}"),
    ("requirements.education", "2022", lambda t: _set("requirements.education", t), lambda t: t),
    ("requirements.experience", "2022", lambda t: _set("requirements.experience", t),
     lambda t: t),
    ("requirements.languages[1].text", "2022",
     lambda t: _set("requirements.languages", [{"language": "eesti", "level": "C1", "text": t}]),
     lambda t: t),
    ("requirements.languages[1].text (2025)", "2025",
     lambda t: _set("requirements.languages", [{"language": "eesti", "level": "C1", "text": t}]),
     lambda t: t),
    ("requirements.languages[1].language", "2022",
     lambda t: _set("requirements.languages", [{"language": t, "level": "B2"}]),
     lambda t: f"{t} keele valdamine tasemel B2."),
    ("requirements.personal_qualities", "2025",
     lambda t: _set("requirements.personal_qualities", t), lambda t: t),
    ("signature.name", "2022", lambda t: _set("signature", {"name": t, "title": "peadirektor"}),
     lambda t: t),
    ("signature.title", "2022", lambda t: _set("signature", {"name": "Nimi", "title": t}),
     lambda t: t),
    ("signature.employee", "2022",
     lambda t: (lambda d: _set("signature", {"name": "Nimi", "title": "direktor", "mode": "both",
                                             "employee": t})(
         _set("general.position_group", "töötaja")(d))),
     lambda t: t),
    ("forms (approval header)", "2022",
     lambda t: (lambda d: _set("forms", {"Sotsiaalkindlustusamet": t})(
         _set("approved", {"date": "2024-01-14", "number": 5})(d))),
     lambda t: f"{t} peadirektori 14.01.2024"),
]


@pytest.mark.parametrize("field,layout,change,expected", FIELDS, ids=[f[0] for f in FIELDS])
def test_every_field_round_trips(field, layout, change, expected):
    data = render(change(TRICKY)(role()), layout)
    texts = paragraph_texts(data)
    assert expected(TRICKY) in texts, field
    # the same document with a plain text there: the same paragraphs, tables, rows and cells
    plain_data = render(change("Tavaline tekst")(role()), layout)
    assert shape(data) == shape(plain_data)
    plain = paragraph_texts(plain_data)
    assert texts == [p.replace(expected("Tavaline tekst"), expected(TRICKY))
                     if p == expected("Tavaline tekst") else p for p in plain]


def test_document_properties_hold_the_text_as_typed():
    data = render(role(general={"title": TRICKY, "unit": "Osakond", "supervisor": "Juht"},
                       agency=TRICKY.replace("\n", " ").replace("\t", " ")))
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.title == f"Ametijuhend: {TRICKY}"
    assert props.author == TRICKY.replace("\n", " ").replace("\t", " ")


@pytest.mark.parametrize("marker", ["{_{", "}_}", "{_%", "%_}"])
def test_docxtpl_escape_markers_are_text(marker):
    text = f"Vorm {marker} jääb"
    data = render(role(purpose=text))
    assert text in paragraph_texts(data)


def directive_file(tmp_path: Path, fields: dict, n_annexes: int = 1) -> Path:
    """A directive file over copies of the annex 2 example, with `fields` written as JSON strings
    (a JSON string is a YAML double-quoted scalar)."""
    body = (EXAMPLES / "peaspetsialist-lastemaja.yaml").read_text(encoding="utf-8")
    names = []
    for i in range(1, n_annexes + 1):
        name = f"roll-{i:02d}.yaml"
        title = "Peaspetsialist" if i == 1 else f"Peaspetsialist (valdkond {i})"
        (tmp_path / name).write_text(body.replace("title: Peaspetsialist (lastemaja)",
                                                  f"title: {title}"), encoding="utf-8")
        names.append(name)
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731
    lines = ["agency: Sotsiaalkindlustusamet",
             f"signer: {{name: {q(fields.get('signer', 'Maret Maripuu'))}, title: peadirektor}}",
             "number: 200", "date: 2026-01-15",
             "unit: {department: Laste heaolu osakond, division: traumeeritud laste toetamise talitus}",
             "annexes: [" + ", ".join(names) + "]"]
    for key in ("title", "legal_basis", "appeal"):
        if key in fields:
            lines.append(f"{key}: {q(fields[key])}")
    if "repeal" in fields:
        lines.append(f"repeals: [{{date: 2025-05-18, number: 77, title: {q(fields['repeal'])}}}]")
    if "register" in fields:
        lines.append(f"register: {{type: {q(fields['register'])}}}")
    path = tmp_path / "kaskkiri.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_directive_fields_round_trip(tmp_path):
    d = ajdoc.load_directive(directive_file(tmp_path, {
        "title": TRICKY, "legal_basis": TRICKY, "appeal": TRICKY, "signer": TRICKY,
        "repeal": TRICKY, "register": TRICKY}))
    files = ajdoc.directive_files(d, tmp_path, tmp_path / "koos.docx")
    for name in ("kaskkiri-200.docx", "koos.docx"):
        texts = paragraph_texts(files[tmp_path / name])
        assert TRICKY in texts  # the title and the signer's name: whole paragraphs
        assert texts.count(TRICKY) >= 2
        joined = "\n".join(texts)
        assert joined.count(TRICKY) >= 5  # title, legal basis, appeal, signer, repealed title
        assert f'„{TRICKY}”' in joined  # the repealed title, in the default quotes
    record = json.loads(files[tmp_path / "kaskkiri-200.json"])
    assert record["register"]["type"] == TRICKY


def test_directive_with_a_tricky_role_in_every_output(tmp_path):
    path = directive_file(tmp_path, {}, n_annexes=2)
    roll = tmp_path / "roll-02.yaml"
    roll.write_text(roll.read_text(encoding="utf-8").replace(
        "title: Peaspetsialist (valdkond 2)", f"title: {json.dumps(TRICKY, ensure_ascii=False)}"),
        encoding="utf-8")
    d = ajdoc.load_directive(path)
    for engine in ("template", "docxcompose"):
        files = ajdoc.directive_files(d, tmp_path, tmp_path / "koos.docx", engine=engine)
        assert TRICKY in paragraph_texts(files[tmp_path / "kaskkiri-200-lisa-2.docx"])
        assert TRICKY in paragraph_texts(files[tmp_path / "koos.docx"]), engine


# ---------------------------------------------------------------------------------------------
# 2. characters XML cannot hold: refused, with file, place, character and position
# ---------------------------------------------------------------------------------------------
ILLEGAL = [chr(c) for c in range(0x00, 0x09)] + ["\x0b", "\x0c", "\ufffe"]
ILLEGAL_MORE = ["\x0e", "\x1b", "\x1f", "\uffff"]

ROLE_YAML = """\
preset: specialist
general:
  title: Peaspetsialist
  unit: [Teenuste osakond]
  supervisor: Talitusejuhataja
purpose: "Ametikoha eesmärk{X}on teenuste arendamine."
duties:
  - text: Teenuste arendamine.
    results:
      - Teenused on arendatud.
      - "Teine{Y} tulemus."
"""
PURPOSE_LINE, PURPOSE_COL = 6, len('purpose: "Ametikoha eesmärk') + 1
RESULT_LINE, RESULT_COL = 11, len('      - "Teine') + 1


def role_file(tmp_path: Path, x: str = " ", y: str = "") -> Path:
    path = tmp_path / "roll.yaml"
    path.write_bytes(ROLE_YAML.replace("{X}", x).replace("{Y}", y).encode("utf-8"))
    return path


def test_the_role_file_template_is_valid(tmp_path):
    jd = ajdoc.load_role(role_file(tmp_path))
    assert jd.purpose == "Ametikoha eesmärk on teenuste arendamine."


def _names_char(message: str, ch: str) -> bool:
    return f"U+{ord(ch):04X}" in message


@pytest.mark.parametrize("ch", ILLEGAL + ILLEGAL_MORE, ids=lambda c: f"U+{ord(c):04X}")
def test_role_file_with_an_illegal_character_is_refused(tmp_path, ch):
    path = role_file(tmp_path, x=ch)
    with pytest.raises(AjdocError) as info:
        ajdoc.load_role(path)
    msg = str(info.value)
    assert str(path) in msg
    assert _names_char(msg, ch), msg
    assert f"line {PURPOSE_LINE}" in msg or "purpose" in msg, msg
    assert re.search(rf"\b(column|position) {PURPOSE_COL}\b", msg), msg


@pytest.mark.parametrize("ch", ILLEGAL, ids=lambda c: f"U+{ord(c):04X}")
def test_illegal_character_in_a_nested_value_is_refused(tmp_path, ch):
    path = role_file(tmp_path, y=ch)
    with pytest.raises(AjdocError) as info:
        ajdoc.load_role(path)
    msg = str(info.value)
    assert str(path) in msg and _names_char(msg, ch), msg
    assert f"line {RESULT_LINE}" in msg or "duties[1].results[2]" in msg, msg
    assert re.search(rf"\b(column|position) {RESULT_COL}\b", msg), msg


def test_illegal_character_in_the_cli_is_one_line_exit_2(tmp_path):
    path = role_file(tmp_path, x="\x01")
    res = run_cli("render", path, "-o", tmp_path / "x.docx")
    assert res.returncode == 2
    assert "U+0001" in res.stderr and str(path) in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize("ch", ["\x7f", "\x80", "\x9f"], ids=lambda c: f"U+{ord(c):04X}")
def test_raw_character_yaml_refuses_is_named_with_its_line(tmp_path, ch):
    """DEL and the C1 controls: XML can hold them, a YAML stream may not hold them raw (only as
    escapes). Either kept as typed or refused like the other characters: one line with the line
    number and U+XXXX."""
    path = role_file(tmp_path, x=ch)
    try:
        jd = ajdoc.load_role(path)
    except AjdocError as exc:
        msg = str(exc)
    else:
        assert jd.purpose == f"Ametikoha eesmärk{ch}on teenuste arendamine."
        return
    assert str(path) in msg and _names_char(msg, ch), msg
    assert f"line {PURPOSE_LINE}" in msg, msg
    assert "\n" not in msg, msg


# YAML escapes: the file is clean text, the parsed value is not
YAML_ESCAPES = [("\\ud800", "\ud800"), ("\\udfff", "\udfff"), ("\\ud83d", "\ud83d"),
                ("\\0", "\x00"), ("\\a", "\x07"), ("\\b", "\x08"), ("\\v", "\x0b"),
                ("\\f", "\x0c"), ("\\e", "\x1b"), ("\\x01", "\x01"), ("\\u0002", "\x02"),
                ("\\uFFFE", "\ufffe"), ("\\uffff", "\uffff")]


@pytest.mark.parametrize("escape,ch", YAML_ESCAPES, ids=[e for e, _ in YAML_ESCAPES])
def test_yaml_escape_of_an_illegal_character_is_refused(tmp_path, escape, ch):
    for x, y, line, key, pos in [(escape, "", PURPOSE_LINE, "purpose", PURPOSE_COL - 10),
                                 (" ", escape, RESULT_LINE, "duties[1].results[2]", 6)]:
        path = role_file(tmp_path, x=x, y=y)
        with pytest.raises(AjdocError) as info:
            ajdoc.load_role(path)
        msg = str(info.value)
        assert str(path) in msg and _names_char(msg, ch), msg
        assert f"line {line}" in msg or key in msg, msg
        assert key in msg, msg
        assert re.search(rf"\b(column|position) {pos}\b", msg), msg


def test_lone_surrogate_truncates_nothing_it_is_refused(tmp_path):
    # docxtpl's default cut everything after a lone surrogate; ajdoc refuses the file instead
    path = role_file(tmp_path, x="\\ud800")
    with pytest.raises(AjdocError, match="U\\+D800"):
        ajdoc.load_role(path)


ROLE_PLACES = [
    ("purpose", lambda c: role(purpose=f"Eesmärk{c}on.")),
    ("general.title", lambda c: role(general={**BASE["general"], "title": f"Nõu{c}nik"})),
    ("general.supervisor", lambda c: role(general={**BASE["general"], "supervisor": f"J{c}"})),
    ("duties[1].text", lambda c: role(duties=[{"text": f"Ülesanne{c}."}])),
    ("duties[1].results[2]",
     lambda c: role(duties=[{"text": "Ülesanne.", "results": ["Üks.", f"Kaks{c}."]}])),
    ("duties[1].subitems[1]",
     lambda c: role(duties=[{"text": "Ülesanne, sh:", "subitems": [f"a{c}"]}])),
    ("requirements.languages[1].text",
     lambda c: role(requirements={"languages": [{"language": "eesti", "level": "C1",
                                                 "text": f"Eesti{c}keel."}]})),
    ("signature.name", lambda c: role(signature={"name": f"Nimi{c}", "title": "peadirektor"})),
    ("edit.rights.add", lambda c: role(edit={"rights": {"add": [f"õigus{c}"]}})),
]


@pytest.mark.parametrize("ch", ["\ud800", "\udc00", "\x01", "\x0b", "\ufffe"],
                         ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("key,make", ROLE_PLACES, ids=[k for k, _ in ROLE_PLACES])
def test_role_from_dict_refuses_illegal_characters(key, make, ch):
    with pytest.raises(AjdocError) as info:
        ajdoc.role_from_dict(make(ch), name="roll-dict")
    msg = str(info.value)
    assert "roll-dict" in msg and _names_char(msg, ch), msg
    assert key.split("[")[0].split(".")[0] in msg, msg
    assert re.search(r"\b(column|position) \d+\b", msg), msg


def _gp(**kw):
    args = dict(title="Nõunik", unit=ajdoc.Unit("Osakond"), supervisor="Juht")
    args.update(kw)
    return ajdoc.GeneralPart(**args)


MODEL_BUILDS = [
    ("Duty.text", lambda c: ajdoc.Duty(text=f"a{c}b")),
    ("Duty.results", lambda c: ajdoc.Duty(text="a", results=(f"r{c}",))),
    ("Duty.subitems", lambda c: ajdoc.Duty(text="a", subitems=(f"s{c}",))),
    ("Item.text", lambda c: ajdoc.Item(f"i{c}")),
    ("Unit.department", lambda c: ajdoc.Unit(f"o{c}")),
    ("Unit.team", lambda c: ajdoc.Unit("o", "t", f"tiim{c}")),
    ("GeneralPart.title", lambda c: _gp(title=f"t{c}")),
    ("GeneralPart.supervisor", lambda c: _gp(supervisor=f"j{c}")),
    ("GeneralPart.substitutes", lambda c: _gp(substitutes=f"k{c}")),
    ("SpecialConditions.text", lambda c: ajdoc.SpecialConditions("Riigikaitse", f"x{c}")),
    ("LanguageRequirement.text",
     lambda c: ajdoc.LanguageRequirement(languages=("eesti",), level="C1", text=f"x{c}")),
    ("LanguageRequirement.languages",
     lambda c: ajdoc.LanguageRequirement(languages=(f"ee{c}sti",), level="C1")),
    ("Competency.indicators", lambda c: ajdoc.Competency("Nimi", (f"n{c}",))),
    ("AdditionalCompetency.text", lambda c: ajdoc.AdditionalCompetency(f"x{c}")),
    ("Requirements.education", lambda c: ajdoc.Requirements(education=f"x{c}")),
    ("Signature.signer_name", lambda c: ajdoc.Signature(f"n{c}", "peadirektor")),
    ("TitleList.items", lambda c: ajdoc.TitleList((f"a{c}",))),
    ("JobDescription.purpose",
     lambda c: ajdoc.JobDescription(general=_gp(), purpose=f"p{c}", duties=(ajdoc.Duty("d"),))),
    ("JobDescription.agency",
     lambda c: ajdoc.JobDescription(general=_gp(), purpose="p", duties=(ajdoc.Duty("d"),),
                                    agency=f"a{c}")),
]


@pytest.mark.parametrize("ch", ILLEGAL + ["\ud800", "\udfff", "\uffff"],
                         ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("what,build", MODEL_BUILDS, ids=[w for w, _ in MODEL_BUILDS])
def test_model_classes_refuse_illegal_characters(what, build, ch):
    build("")  # valid without the character
    with pytest.raises(ValueError) as info:
        build(ch)
    assert f"U+{ord(ch):04X}" in str(info.value)


# ---------------------------------------------------------------------------------------------
# 3. templates cannot run Python: the sandbox refuses, ajdoc says so, nothing runs
# ---------------------------------------------------------------------------------------------
def payloads(marker: Path) -> list[str]:
    cmd = f"touch {marker}"
    return [
        f"{{{{ cycler.__init__.__globals__.os.popen('{cmd}').read() }}}}",
        f"{{{{ joiner.__init__.__globals__.os.popen('{cmd}').read() }}}}",
        f"{{{{ namespace.__init__.__globals__.os.popen('{cmd}').read() }}}}",
        f"{{{{ lipsum.__globals__['os'].popen('{cmd}').read() }}}}",
        f"{{{{ self.__init__.__globals__.__builtins__.__import__('os').popen('{cmd}').read() }}}}",
        f"{{% for c in ''.__class__.__mro__[1].__subclasses__() %}}{{% if c.__name__ == "
        f"'Popen' %}}{{{{ c('{cmd}', shell=True) }}}}{{% endif %}}{{% endfor %}}",
        f"{{{{ (cycler|attr('__init__')|attr('__globals__'))['os'].popen('{cmd}') }}}}",
        f"{{{{ '{{0.__init__.__globals__[os].popen}}'.format(cycler) }}}}",
        f"{{% set x = g.title.__class__.__base__.__subclasses__() %}}{{{{ x }}}}",
    ]


def evil_template(tmp_path: Path, payload: str, where: str = "body", name: str = "kuri.docx") -> Path:
    path = tmp_path / name
    shutil.copy(TEMPLATE_2022, path)
    doc = docx.Document(str(path))
    if where == "body":
        doc.add_paragraph(payload)
    elif where == "header":
        doc.sections[0].header.add_paragraph(payload)
    elif where == "footer":
        doc.sections[0].footer.add_paragraph(payload)
    else:  # a document property
        setattr(doc.core_properties, where, payload)
    doc.save(str(path))
    return path


@pytest.fixture
def small_jd():
    return ajdoc.role_from_dict(role())


@pytest.mark.parametrize("where", ["body", "title", "subject", "comments", "author", "header",
                                   "footer"])
def test_template_payload_is_refused_and_runs_nothing(tmp_path, small_jd, where):
    marker = tmp_path / f"pwned-{where}"
    template = evil_template(tmp_path, payloads(marker)[0], where)
    with pytest.raises(AjdocError) as info:
        ajdoc.render(small_jd, template=template)
    assert str(template) in str(info.value)
    assert not marker.exists()


@pytest.mark.parametrize("index", range(9))
def test_sandbox_escapes_are_refused(tmp_path, small_jd, index):
    marker = tmp_path / f"pwned-{index}"
    payload = payloads(marker)[index]
    for where in ("body", "title"):
        template = evil_template(tmp_path, payload, where, f"kuri-{where}.docx")
        out = tmp_path / f"out-{where}.docx"
        with pytest.raises(AjdocError) as info:
            ajdoc.render(small_jd, out, template=template)
        assert str(template) in str(info.value), payload
        assert not marker.exists(), payload
        assert not out.exists()
        assert temp_files(tmp_path) == []


def test_security_error_is_reported_as_a_refusal(tmp_path, small_jd):
    template = evil_template(tmp_path, payloads(tmp_path / "m")[0])
    with pytest.raises(AjdocError) as info:
        ajdoc.render(small_jd, template=template)
    msg = str(info.value)
    assert "__init__" in msg, msg
    assert "unsafe" in msg.lower() or "refused" in msg.lower(), msg


@pytest.mark.parametrize("where", ["body", "title"])
def test_cli_template_payload_refused(tmp_path, where):
    marker = tmp_path / "pwned-cli"
    template = evil_template(tmp_path, payloads(marker)[0], where)
    roll = role_file(tmp_path)
    out = tmp_path / "out.docx"
    res = run_cli("render", roll, "-o", out, "--template", template)
    assert res.returncode == 2, res.stderr
    assert res.stderr.startswith("ajdoc: error: ") and str(template) in res.stderr
    assert "Traceback" not in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert not marker.exists()
    assert not out.exists()


@pytest.mark.parametrize("where", ["body", "title"])
def test_undefined_variable_is_an_error_naming_it(tmp_path, small_jd, where):
    template = evil_template(tmp_path, "{{ undefined_name }}", where)
    with pytest.raises(AjdocError) as info:
        ajdoc.render(small_jd, template=template)
    assert "undefined_name" in str(info.value) and str(template) in str(info.value)


@pytest.mark.parametrize("payload", ["{% include 'x.docx' %}", "{% import 'os' as os %}",
                                     "{% extends 'base' %}",
                                     "{% for i in range(10**9) %}{% endfor %}",
                                     "{{ g.title", "{% if %}", "{{ g.title.nope }}"])
def test_other_template_failures_are_ajdoc_errors(tmp_path, small_jd, payload):
    template = evil_template(tmp_path, payload)
    with pytest.raises(AjdocError) as info:
        ajdoc.render(small_jd, template=template)
    assert str(template) in str(info.value)


def test_data_is_never_evaluated_as_template(tmp_path):
    marker = tmp_path / "pwned-data"
    text = payloads(marker)[0]
    data = render(role(purpose=text, duties=[{"text": text, "results": [text]}]))
    assert paragraph_texts(data).count(text) == 2
    assert not marker.exists()


# ---------------------------------------------------------------------------------------------
# 4. equal input, equal bytes
# ---------------------------------------------------------------------------------------------
RENDER_ALL = textwrap.dedent("""
    import sys, warnings
    from pathlib import Path
    import ajdoc
    warnings.simplefilter("ignore")
    out, examples = Path(sys.argv[1]), Path(sys.argv[2])
    for role in sorted(examples.glob("*.yaml")):
        if role.name.startswith("kaskkiri"):
            continue
        jd = ajdoc.load_role(role)
        layouts = ("2022", "2025") if role.stem == "teenuse-juht" else ("2022",)
        for layout in layouts:
            (out / f"{role.stem}-{layout}.docx").write_bytes(ajdoc.render(jd, layout=layout))
    d = ajdoc.load_directive(examples / "kaskkiri-183.yaml")
    for path, data in ajdoc.directive_files(d, None, Path("dir/koos-dc.docx"),
                                            engine="docxcompose").items():
        if path.suffix == ".docx":
            (out / path.name).write_bytes(data)
""")


def test_renders_in_separate_processes_at_different_times_are_byte_identical(tmp_path):
    runs = []
    for n in (1, 2):
        started = time.time()
        out = tmp_path / f"run{n}"
        out.mkdir()
        subprocess.run([sys.executable, "-c", RENDER_ALL, str(out), str(EXAMPLES)], check=True,
                       timeout=300)
        cli = run_cli("directive", EXAMPLES / "kaskkiri-183.yaml", "-o", out,
                      "--combined", out / "cli-koos.docx", "--force")
        assert cli.returncode == 0, cli.stderr
        runs.append(out)
        if n == 1:  # the zip timestamps have a 2-second resolution
            time.sleep(max(0.0, 2.2 - (time.time() - started)))
    first = sorted(p.name for p in runs[0].iterdir())
    assert first == sorted(p.name for p in runs[1].iterdir())
    assert len(first) >= 12
    for name in first:
        assert (runs[0] / name).read_bytes() == (runs[1] / name).read_bytes(), name


def test_directive_files_twice_with_the_clock_moved(monkeypatch):
    d = ajdoc.load_directive(EXAMPLES / "kaskkiri-183.yaml")
    first = ajdoc.directive_files(d, Path("out"), Path("out/koos.docx"))
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 400 * 86400 + 7)
    second = ajdoc.directive_files(ajdoc.load_directive(EXAMPLES / "kaskkiri-183.yaml"),
                                   Path("out"), Path("out/koos.docx"))
    assert first.keys() == second.keys()
    for path in first:
        assert first[path] == second[path], path


def test_zip_members_have_fixed_timestamps():
    data = render(role())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode("utf-8")
    assert time.strftime("%Y-%m-%d") not in core  # no "created"/"modified" of today


# ---------------------------------------------------------------------------------------------
# 5. all-or-nothing output
# ---------------------------------------------------------------------------------------------
def enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.fixture
def old_output(tmp_path):
    target = tmp_path / "ametijuhend.docx"
    old = render(role(purpose="Vana eesmärk."))
    target.write_bytes(old)
    return target, old


def test_failing_fsync_keeps_the_old_file(monkeypatch, tmp_path, old_output):
    target, old = old_output
    jd = ajdoc.role_from_dict(role())
    monkeypatch.setattr(ajdoc.output.os, "fsync", enospc)
    with pytest.raises(AjdocError) as info:
        ajdoc.render(jd, target, force=True)
    assert str(target) in str(info.value)
    assert target.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_failing_write_keeps_the_old_file(monkeypatch, tmp_path, old_output):
    target, old = old_output
    jd = ajdoc.role_from_dict(role())
    calls = []

    class Full(io.BytesIO):
        def write(self, data):
            calls.append(len(data))
            super().write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    real_open = open

    def failing_open(file, mode="r", *args, **kwargs):
        if "w" in mode and Path(file).name.startswith(".ajdoc-"):
            real_open(file, mode, *args, **kwargs).close()
            return Full()
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(ajdoc.output, "open", failing_open, raising=False)
    with pytest.raises(AjdocError):
        ajdoc.render(jd, target, force=True)
    assert calls, "the patched write was not reached: ajdoc.output writes some other way"
    assert target.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_failing_rename_keeps_the_old_file(monkeypatch, tmp_path, old_output):
    target, old = old_output
    jd = ajdoc.role_from_dict(role())
    monkeypatch.setattr(ajdoc.output.os, "replace", enospc)
    monkeypatch.setattr(ajdoc.output.os, "rename", enospc)
    with pytest.raises(AjdocError):
        ajdoc.render(jd, target, force=True)
    assert target.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_failing_disk_in_a_directive_run_writes_none(monkeypatch, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    path = directive_file(src, {}, n_annexes=4)
    out = tmp_path / "out"
    out.mkdir()
    calls = {"n": 0}
    real = os.fsync

    def third_fails(fd):
        calls["n"] += 1
        if calls["n"] == 3:
            enospc()
        return real(fd)

    monkeypatch.setattr(ajdoc.output.os, "fsync", third_fails)
    with pytest.raises(AjdocError):
        ajdoc.write_directive(path, out, out / "koos.docx")
    assert calls["n"] >= 3
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("existing", [False, True], ids=["new", "over-old"])
def test_failing_rename_in_a_directive_run_writes_none(monkeypatch, tmp_path, existing):
    src = tmp_path / "src"
    src.mkdir()
    path = directive_file(src, {}, n_annexes=3)
    out = tmp_path / "out"
    out.mkdir()
    names = ["kaskkiri-200.docx", "kaskkiri-200-lisa-1.docx", "kaskkiri-200-lisa-2.docx",
             "kaskkiri-200-lisa-3.docx", "kaskkiri-200.json"]
    if existing:
        for name in names:
            (out / name).write_bytes(b"old " + name.encode())
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    calls = {"n": 0}
    real = os.replace

    def second_fails(a, b, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            enospc()
        return real(a, b, *args, **kwargs)

    monkeypatch.setattr(ajdoc.output.os, "replace", second_fails)
    with pytest.raises(AjdocError):
        ajdoc.write_directive(path, out, force=existing)
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after == before


def _directive_fill_fails_on(monkeypatch, n: int):
    real = ajdoc.rendering.documents.fill
    calls = {"n": 0}

    def fill(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == n:
            raise AjdocError("simulated failure in annex 7", ajdoc.Place(file="roll-07.yaml"))
        return real(*args, **kwargs)

    monkeypatch.setattr(ajdoc.rendering.documents, "fill", fill)
    return calls


@pytest.mark.parametrize("existing", [False, True], ids=["new", "over-old"])
def test_directive_failing_on_annex_7_writes_none(monkeypatch, tmp_path, existing):
    src = tmp_path / "src"
    src.mkdir()
    path = directive_file(src, {}, n_annexes=9)
    out = tmp_path / "out"
    out.mkdir()
    if existing:
        ajdoc.write_directive(path, out, out / "koos.docx")
        assert len(list(out.iterdir())) == 12
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    calls = _directive_fill_fails_on(monkeypatch, 8)  # the directive, then annexes 1 … 7
    with pytest.raises(AjdocError, match="annex 7"):
        ajdoc.write_directive(path, out, out / "koos.docx", force=existing)
    assert calls["n"] == 8
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert temp_files(out) == []


def test_directive_failing_in_the_combined_document_writes_none(monkeypatch, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    path = directive_file(src, {}, n_annexes=9)
    out = tmp_path / "out"
    out.mkdir()
    calls = _directive_fill_fails_on(monkeypatch, 11)  # directive + 9 annexes, then combined
    with pytest.raises(AjdocError):
        ajdoc.write_directive(path, out, out / "koos.docx")
    assert calls["n"] == 11
    assert list(out.iterdir()) == []


# -- killed while saving ------------------------------------------------------------------------
def ajdoc_exe() -> Path:
    exe = Path(sys.executable).with_name("ajdoc")
    if not exe.exists():
        pytest.skip("the ajdoc console script is not installed next to the interpreter")
    return exe


def big_role_file(folder: Path, n: int = 3000) -> Path:
    lines = ["preset: specialist", "general:", "  title: Peaspetsialist",
             "  unit: [Teenuste osakond]", "  supervisor: Talitusejuhataja",
             "purpose: Ametikoha eesmärk on teenuste arendamine.", "duties:"]
    for i in range(1, n + 1):
        lines += [f"  - text: \"Ülesanne {i} & <{i}>.\"",
                  f"    results: [\"Tulemus {i}.\", \"Teine tulemus {i}.\"]"]
    path = folder / "suur.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def assert_old_or_complete(target: Path, old: bytes, new: bytes) -> str:
    data = target.read_bytes()
    if data == old:
        return "old"
    assert data == new, "the output is neither the old file nor the complete new one"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
    docx.Document(io.BytesIO(data))
    return "new"


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    path = big_role_file(folder)
    new = ajdoc.render(ajdoc.load_role(path))
    return path, new


def test_sigterm_during_render_leaves_old_or_complete_file(tmp_path, big):
    exe = ajdoc_exe()
    path, new = big
    target = tmp_path / "ametijuhend.docx"
    old = render(role(purpose="Vana eesmärk."))
    # how long a whole run takes, to spread the signals over it
    target.write_bytes(old)
    started = time.monotonic()
    res = subprocess.run([str(exe), "render", str(path), "-o", str(target), "--force"],
                         capture_output=True, text=True, timeout=300)
    duration = time.monotonic() - started
    assert res.returncode == 0, res.stderr
    assert target.read_bytes() == new
    outcomes = []
    for fraction in (0.15, 0.5, 0.8, 0.93, 1.1):
        target.write_bytes(old)
        proc = subprocess.Popen([str(exe), "render", str(path), "-o", str(target), "--force"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(duration * fraction)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=120)
        state = assert_old_or_complete(target, old, new)
        assert temp_files(tmp_path) == [], (fraction, err)
        assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]
        if proc.returncode == 130:
            assert "Traceback" not in err, err
        else:
            # finished before the signal (0), or killed before the handler was installed
            assert proc.returncode in (0, -signal.SIGTERM), (proc.returncode, err)
        outcomes.append((fraction, proc.returncode, state))
    # at least one run was interrupted in the middle and kept the old file
    assert any(code == 130 and state == "old" for _, code, state in outcomes), outcomes


KILL_AT = textwrap.dedent("""
    import os, signal, sys
    import ajdoc.output as output
    where = sys.argv[1]
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        if where == "fsync":
            os.kill(os.getpid(), signal.SIGTERM)
        return real_fsync(fd)

    def replace(a, b, *args, **kwargs):
        if where == "before-replace":
            os.kill(os.getpid(), signal.SIGTERM)
        result = real_replace(a, b, *args, **kwargs)
        if where == "after-replace":
            os.kill(os.getpid(), signal.SIGTERM)
        return result

    import tempfile
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args, **kwargs):
        result = real_mkstemp(*args, **kwargs)
        if where == "after-mkstemp":
            os.kill(os.getpid(), signal.SIGTERM)
        return result

    output.os = type(os)("os_patched")
    output.os.__dict__.update(os.__dict__)
    output.os.fsync, output.os.replace = fsync, replace
    output.tempfile = type(tempfile)("tempfile_patched")
    output.tempfile.__dict__.update(tempfile.__dict__)
    output.tempfile.mkstemp = mkstemp
    from ajdoc.cli import run
    sys.argv = ["ajdoc"] + sys.argv[2:]
    run()
""")


def kill_at(where: str, *args) -> subprocess.CompletedProcess:
    """Run `ajdoc ARGS` (through cli.run) with a SIGTERM sent to itself at `where` of the save."""
    return subprocess.run([sys.executable, "-c", KILL_AT, where] + [str(a) for a in args],
                          capture_output=True, text=True, timeout=300)


# SIGINT/SIGTERM are held while the staged files are renamed into place (all of them or none),
# so a signal that arrives just before the rename takes effect once the new file is complete.
@pytest.mark.parametrize("where,expected", [("fsync", "old"), ("before-replace", "new"),
                                            ("after-replace", "new")])
def test_sigterm_at_each_step_of_the_save(tmp_path, where, expected):
    path = role_file(tmp_path)
    new = ajdoc.render(ajdoc.load_role(path))
    target = tmp_path / "ametijuhend.docx"
    old = render(role(purpose="Vana eesmärk."))
    target.write_bytes(old)
    res = kill_at(where, "render", path, "-o", target, "--force")
    assert res.returncode == 130, res.stderr
    assert "Traceback" not in res.stderr, res.stderr
    assert assert_old_or_complete(target, old, new) == expected, res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name, path.name], res.stderr


def test_sigterm_right_after_the_temp_file_is_created(tmp_path):
    path = role_file(tmp_path)
    target = tmp_path / "ametijuhend.docx"
    target.write_bytes(b"old")
    res = kill_at("after-mkstemp", "render", path, "-o", target, "--force")
    assert res.returncode == 130, res.stderr
    assert target.read_bytes() == b"old"
    assert temp_files(tmp_path) == []


def test_sigterm_after_the_rename_does_not_claim_nothing_was_written(tmp_path):
    path = role_file(tmp_path)
    target = tmp_path / "ametijuhend.docx"
    target.write_bytes(b"old")
    res = kill_at("after-replace", "render", path, "-o", target, "--force")
    assert target.read_bytes() != b"old"  # replaced
    assert "nothing was written" not in res.stderr, res.stderr


def test_sigterm_during_a_directive_run_writes_all_or_none(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    path = directive_file(src, {}, n_annexes=3)
    out = tmp_path / "out"
    out.mkdir()
    res = subprocess.run([sys.executable, "-c", KILL_AT.replace(
        'if where == "before-replace"', 'if where == "before-replace" and "lisa-2" in str(b)'),
        "before-replace", "directive", str(path), "-o", str(out)],
        capture_output=True, text=True, timeout=300)
    assert res.returncode == 130, res.stderr
    assert temp_files(out) == []
    left = sorted(p.name for p in out.iterdir())
    # signals are held during the renames: either every document is in place or none is
    assert left in ([], ["kaskkiri-200-lisa-1.docx", "kaskkiri-200-lisa-2.docx",
                         "kaskkiri-200-lisa-3.docx", "kaskkiri-200.docx", "kaskkiri-200.json"]), left
