"""Hostile templates (issue 14): a template cannot turn role text into template code or raw XML,
cannot run forever or ask for a huge value, and cannot add parts or relationships by printing.

Each hostile case runs the CLI in its own process (a case that hung would be stopped by the
subprocess timeout, and one stuck inside a C call could not be stopped otherwise); the cases run
concurrently, a few at a time, and each must end with exit 2 naming the template, in bounded time.
"""

from __future__ import annotations

import faulthandler
import io
import json
import os
import subprocess
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

import ajdoc
from ajdoc import AjdocError
from ajdoc.errors import Place
from ajdoc.ooxml import paragraphs, qn
from ajdoc.rendering import sandbox
from ajdoc.rendering.engine import verify
from ajdoc.rendering.prepared import ENDNOTES, FOOTNOTES, Filled
from conftest import ROOT, run_cli

pytestmark = pytest.mark.filterwarnings("ignore::ajdoc.rendering.LayoutWarning")

TEMPLATE = ROOT / "templates" / "ametijuhend-2022.docx"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ROLE = {
    "preset": "specialist",
    "general": {"title": "Peaspetsialist", "unit": ["Teenuste osakond"],
                "supervisor": "Talitusejuhataja"},
    "purpose": "Ametikoha eesmärk on teenuste arendamine.",
    "duties": [{"text": "Teenuste arendamine.", "results": ["Teenused on arendatud."]}],
}
SECONDS = 60  # a hostile case must end (refused) well within this, on a loaded 2-core machine


@pytest.fixture(autouse=True)
def watchdog():
    """In-process tests are bounded too: a hang dumps the stacks and ends the run."""
    faulthandler.dump_traceback_later(300, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


def _notes(doc, kind: str, texts: list[str]) -> None:
    """Add a footnotes or endnotes part holding one note per text (as Word lays them out)."""
    tag = kind[:-1]
    notes = "".join(f'<w:{tag} w:id="{i}"><w:p><w:r><w:t xml:space="preserve">{escape(t)}'
                    f"</w:t></w:r></w:p></w:{tag}>" for i, t in enumerate(texts, 1))
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<w:{kind} xmlns:w="{W_NS}">{notes}</w:{kind}>')
    ctype, rel = (FOOTNOTES, RT.FOOTNOTES) if kind == "footnotes" else (ENDNOTES, RT.ENDNOTES)
    part = Part(PackURI(f"/word/{kind}.xml"), ctype, xml.encode("utf-8"), doc.part.package)
    doc.part.relate_to(part, rel)


def template_with(folder: Path, name: str = "mall.docx", *, body=(), header=(), footer=(),
                  footnotes=(), endnotes=(), sections: int = 1, props=None) -> Path:
    """A copy of the 2022 template with paragraphs (tags) added where asked."""
    doc = docx.Document(str(TEMPLATE))
    for text in body:
        doc.add_paragraph(text)
    for text in header:
        doc.sections[0].header.add_paragraph(text)
    for text in footer:
        doc.sections[0].footer.add_paragraph(text)
    for _ in range(sections - 1):
        doc.add_section()
    if footnotes:
        _notes(doc, "footnotes", list(footnotes))
    if endnotes:
        _notes(doc, "endnotes", list(endnotes))
    for key, value in (props or {}).items():
        setattr(doc.core_properties, key, value)
    path = folder / name
    doc.save(str(path))
    return path


def part_paragraphs(data: bytes, member: str) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return paragraphs(etree.fromstring(z.read(member)))


def role_file(folder: Path, **changes) -> Path:
    data = json.loads(json.dumps(ROLE))
    for key, value in changes.items():
        if key == "title":
            data["general"]["title"] = value
        else:
            data[key] = value
    path = folder / "roll.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# every part is rendered exactly once
# ---------------------------------------------------------------------------------------------
def test_two_sections_and_a_footnote_print_role_text_as_typed(tmp_path):
    """docxtpl renders the footnotes once per section: the second pass ran role text."""
    template = template_with(tmp_path, footnotes=["{{ purpose }}", "{{ g.title }}"], sections=2)
    assert len(docx.Document(str(template)).sections) >= 2
    loop = ("{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}"
            "{% endfor %}")
    jd = ajdoc.role_from_dict(dict(ROLE, purpose="{{ 7*7 }}",
                                   general=dict(ROLE["general"], title=loop)))
    started = time.monotonic()
    data = ajdoc.render(jd, template=template)
    assert time.monotonic() - started < SECONDS
    notes = part_paragraphs(data, "word/footnotes.xml")
    assert notes == ["{{ 7*7 }}", loop]
    assert "49" not in "".join(notes)


def test_every_part_prints_once_and_as_typed(tmp_path):
    text = "A & B <c> \"d\" 'e' {{ 7*7 }} {% if 1 %}x{% endif %} </w:t></w:r></w:p><w:p>"
    tags = ["{{ purpose }}"]
    template = template_with(tmp_path, body=tags, header=tags, footer=tags, footnotes=tags,
                             endnotes=tags, props={"subject": "{{ purpose }}",
                                                   "comments": "{{ g.title }} & co"})
    jd = ajdoc.role_from_dict(dict(ROLE, purpose=text))
    data = ajdoc.render(jd, template=template)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
    header = next(n for n in names if n.startswith("word/header"))
    footer = next(n for n in names if n.startswith("word/footer"))
    for member in (header, footer, "word/footnotes.xml", "word/endnotes.xml"):
        assert part_paragraphs(data, member).count(text) == 1, member
    body = part_paragraphs(data, "word/document.xml")
    assert body.count(text) == 2  # the template's purpose paragraph, and the one added
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.subject == text
    assert props.comments == "Peaspetsialist & co"


# ---------------------------------------------------------------------------------------------
# doc_props: escaped like every value, and read back
# ---------------------------------------------------------------------------------------------
def test_doc_props_reach_the_body_escaped(tmp_path):
    title = "Nõunik & <juht> </w:t></w:r></w:p><w:p><w:r><w:t>uus lõik"
    template = template_with(tmp_path, body=["{{ doc_props.title }}|{{ doc_props.author }}"])
    plain = template_with(tmp_path, "tavaline.docx", body=["x|y"])
    jd = ajdoc.role_from_dict(dict(ROLE, general=dict(ROLE["general"], title=title)))
    data = ajdoc.render(jd, template=template)
    body = part_paragraphs(data, "word/document.xml")
    expected_title = str(ajdoc.resources.defaults()["property_title"]).format(title=title)
    assert f"{expected_title}|Sotsiaalkindlustusamet" in body
    # no paragraph was injected: the same count as a template printing plain text there
    assert len(body) == len(part_paragraphs(ajdoc.render(jd, template=plain),
                                            "word/document.xml"))
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.title == expected_title and props.author == "Sotsiaalkindlustusamet"


def test_read_back_checks_the_properties_and_every_printed_part():
    place = Place(file="mall.docx")
    good = Filled(b"", ["Esimene.", "Teine"], "Pealkiri & <x>", "Amet")
    verify(good, [("duty", "Teine")], place, {"title": "Pealkiri & <x>", "author": "Amet"})
    with pytest.raises(AjdocError) as info:
        verify(Filled(b"", [], "Pealkiri  <x>", "Amet"), [], place,
               {"title": "Pealkiri & <x>", "author": "Amet"})
    assert "title" in str(info.value) and "mall.docx" in str(info.value)
    with pytest.raises(AjdocError) as info:
        verify(good, [("duty", "Kolmas")], place)
    assert "duty 'Kolmas'" in str(info.value)


def test_a_duty_printed_only_in_a_footnote_is_found(tmp_path):
    """The read-back looks in every part a template prints to, not only the body."""
    template = template_with(tmp_path, footnotes=["{% for d in duties %}{{ d.number }} {{ d.text }}"
                                                  "{% endfor %}"])
    data = ajdoc.render(ajdoc.role_from_dict(ROLE), template=template)
    assert any("Teenuste arendamine." in p for p in part_paragraphs(data, "word/footnotes.xml"))


# ---------------------------------------------------------------------------------------------
# printing cannot add parts or relationships
# ---------------------------------------------------------------------------------------------
def _relationships(data: bytes) -> dict[str, set[tuple[str, str, str, str]]]:
    out = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.endswith(".rels"):
                root = etree.fromstring(z.read(name))
                out[name] = {(r.get("Id"), r.get("Type"), r.get("Target"),
                               r.get("TargetMode") or "") for r in root}
    return out


def test_what_a_template_prints_adds_no_part_or_relationship(tmp_path):
    evil = ('{{ \'</w:t></w:r></w:p></w:body></w:document><Relationship Id="rId99" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'attachedTemplate" Target="http://example.invalid/t.dotm" TargetMode="External"/>\' }}')
    template = template_with(tmp_path, body=[evil, "{{ purpose }}"], header=[evil],
                             footnotes=[evil])
    plain = template_with(tmp_path, "tavaline.docx", body=["x", "y"], header=["x"],
                          footnotes=["x"])
    jd = ajdoc.role_from_dict(ROLE)
    data, reference = ajdoc.render(jd, template=template), ajdoc.render(jd, template=plain)
    with zipfile.ZipFile(io.BytesIO(data)) as z, zipfile.ZipFile(io.BytesIO(reference)) as r:
        assert z.namelist() == r.namelist()
        assert z.read("[Content_Types].xml") == r.read("[Content_Types].xml")
    assert _relationships(data) == _relationships(reference)
    assert not any("attachedTemplate" in t for rels in _relationships(data).values()
                   for _, t, _, _ in rels)


# ---------------------------------------------------------------------------------------------
# bounded work: each hostile class refused with exit 2, naming the template, in bounded time
# ---------------------------------------------------------------------------------------------
NESTED = ("{% for i in range(100000) %}{% for j in range(100000) %}{% for k in range(100000) %}"
          "{% endfor %}{% endfor %}{% endfor %}")
HOSTILE = {
    "nested-range": {"body": [NESTED]},
    "power": {"body": ["{{ 9 ** (9 ** 9) }}"]},
    "lipsum": {"body": ["{{ lipsum(n=1000000) }}"]},
    "repetition": {"body": ["{{ 'x' * 1500000000 }}"]},
    "repetition-in-title": {"props": {"title": "{{ 'x' * 1500000000 }}"}},
    "nested-range-in-footnote": {"footnotes": [NESTED], "sections": 2},
    "power-in-header": {"header": ["{{ 9 ** (9 ** 9) }}"]},
    "padding": {"body": ["{{ 'x'|center(1500000000) }}"]},
    "format-width": {"body": ["{{ '%1500000000d'|format(1) }}", ]},
    "method-width": {"footer": ["{{ '{:>1500000000}'.format(1) }}"]},
    "doubling": {"body": ["{% set ns = namespace(a='x' * 100000) %}{% for i in range(40) %}"
                          "{% set ns.a = ns.a ~ ns.a %}{% endfor %}{{ ns.a|length }}"]},
    "macro-fan-out": {"body": ["{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}"
                               "{% endif %}{% endmacro %}{{ m(60) }}"]},
    "output-size": {"body": ["{% set a = 'x' * 1000000 %}{% for i in range(100000) %}{{ a }}"
                             "{% endfor %}"]},
    "replace-growth": {"body": ["{{ ('x' * 1000000)|replace('x', 'yyyyyyyyyy') }}"]},
    "unclosed-tags": {"body": ["{% " * 20000]},  # docxtpl's patching is quadratic on these
    "too-many-tags": {"footer": ["{{ g.title }}" * 60000]},
    "list-mutation": {"body": ["{% set l = [1] %}{% for i in range(64) %}{{ l.extend(l) }}"
                               "{% endfor %}"]},
}


def _run_case(tmp: Path, name: str) -> tuple[str, subprocess.CompletedProcess, float, Path]:
    folder = tmp / name
    folder.mkdir()
    template = template_with(folder, "kuri.docx", **HOSTILE[name])
    role = role_file(folder)
    out = folder / "out.docx"
    started = time.monotonic()
    res = run_cli("render", role, "-o", out, "--template", template)
    return name, res, time.monotonic() - started, template


@pytest.fixture(scope="module")
def hostile_runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 2)) as pool:
        runs = list(pool.map(lambda n: _run_case(tmp, n), HOSTILE))
    return {name: (res, elapsed, template) for name, res, elapsed, template in runs}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_template_is_refused_with_exit_2_naming_it(hostile_runs, name):
    res, elapsed, template = hostile_runs[name]
    assert res.returncode == 2, (name, res.returncode, res.stderr[-500:])
    assert str(template) in res.stderr, res.stderr
    assert "Traceback" not in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert "refused" in res.stderr, res.stderr
    assert elapsed < SECONDS, (name, elapsed)
    assert not (template.parent / "out.docx").exists()


def test_the_time_limit_holds_in_a_thread(tmp_path, monkeypatch):
    """Work within the step and size bounds that still takes long stops at the time limit, in
    whatever thread renders (no signals)."""
    monkeypatch.setattr(sandbox, "TIME_LIMIT", 0.5)
    slow = ("{% for i in range(1000) %}{% for j in range(100) %}"
            "{% set x = ('y' * 200000)|replace('y', 'z') %}{% endfor %}{% endfor %}")
    template = template_with(tmp_path, body=[slow])
    jd = ajdoc.role_from_dict(ROLE)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(ajdoc.render, jd, template=template)
        with pytest.raises(AjdocError) as info:
            future.result(timeout=SECONDS)
    assert time.monotonic() - started < 10
    assert "longer than 0.5 s" in str(info.value) and str(template) in str(info.value)


def test_bounded_sandbox_still_renders_what_templates_use(tmp_path):
    """The bounds leave ordinary template code alone: filters, loops, ~, formatting, macros."""
    code = ("{% macro item(x) %}[{{ x }}]{% endmacro %}{% for d in duties %}{{ item(d.number) }}"
            "{% endfor %}|{{ rights|length > 0 }}|{{ 'a' ~ 'b' }}|{{ [1, 2, 3]|join('-') }}|"
            "{{ '%03d'|format(7) }}|{{ '{:>3}'.format('x') }}|{{ 2 ** 10 }}|{{ 'ab' * 2 }}|"
            "{{ range(3)|list|sum }}|{{ g.title|upper }}|{{ lipsum(1, False, 3, 4)|wordcount >= 3 }}")
    template = template_with(tmp_path, body=[code])
    data = ajdoc.render(ajdoc.role_from_dict(ROLE), template=template)
    line = next(p for p in part_paragraphs(data, "word/document.xml") if p.startswith("[3.1]"))
    assert line.split("|")[1:] == ["True", "ab", "1-2-3", "007", "  x", "1024", "abab", "3",
                                   "PEASPETSIALIST", "True"]
    assert line.split("|")[0] == "[3.1][3.2][3.3][3.4]"  # the role's duty, then the standard ones



def test_a_title_past_words_property_limit_names_the_role_file_and_key(tmp_path):
    role = role_file(tmp_path, title="Nõunik " * 40)
    out = tmp_path / "out.docx"
    res = run_cli("render", role, "-o", out)
    assert res.returncode == 2, res.stderr
    assert f"{role}: general.title:" in res.stderr and "255" in res.stderr, res.stderr
    assert "templates" not in res.stderr and not out.exists()
