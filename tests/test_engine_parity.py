"""The rendering engine against the previous renderer (issue 16): docxtpl's own ``render`` of the
whole template, python-docx writing the package. For every example (each role in both layouts,
each directive: separate files, annexes, combined) the new engine's output must be the same bytes
the previous renderer wrote. Where the bytes change by design (a template with two sections and
a footnote, a property with ``&``), test_engine_templates.py says what the output is instead.

Also: the zip writer lays members out byte for byte as ``zipfile`` does.
"""

from __future__ import annotations

import datetime as _dt
import io
import warnings
import zipfile
from pathlib import Path
from typing import Any, Mapping

import attrs
import pytest
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

import ajdoc
from ajdoc import workspace
import ajdoc.rendering.documents as documents
from ajdoc.ooxml import zipwrite
from ajdoc.rendering.engine import markup
from conftest import EXAMPLES, ROOT
from test_engine_templates import ROLE, template_with

pytestmark = pytest.mark.filterwarnings("ignore::ajdoc.rendering.LayoutWarning")


# -- the previous renderer, as it was (199d21a), kept here as the oracle ------------------------
def _previous_escaped(value: Any, key: str = "") -> Any:
    if key == "doc_props":
        return {k: Markup(v) if isinstance(v, str) else v for k, v in value.items()}
    if isinstance(value, str):
        return markup(value)
    if isinstance(value, dict):
        return {k: _previous_escaped(v, k) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_previous_escaped(v) for v in value]
    return value


def previous_fill(template: Path, ctx: Mapping[str, Any]) -> bytes:
    tpl = DocxTemplate(str(template))
    tpl.render(_previous_escaped(dict(ctx)),
               jinja_env=SandboxedEnvironment(autoescape=True, undefined=StrictUndefined))
    props, doc_props = tpl.docx.core_properties, ctx.get("doc_props", {})
    if doc_props.get("title"):
        props.title = str(doc_props["title"])
    if doc_props.get("author"):
        props.author = str(doc_props["author"])
    day = doc_props.get("date") or _dt.date(2000, 1, 1)
    props.created = props.modified = _dt.datetime(day.year, day.month, day.day)
    return zipwrite.package_bytes(tpl.docx.part.package)


# -- every fill the examples make -----------------------------------------------------------------
def _example_fills() -> list[tuple[str, Path, dict, bytes]]:
    calls: list[tuple[str, Path, dict, bytes]] = []
    real = documents.fill
    label = [""]

    def recording(template: Path, ctx: Mapping[str, Any]) -> bytes:
        data = real(template, ctx)
        calls.append((f"{label[0]} #{len(calls)}", Path(template), dict(ctx), data))
        return data

    documents.fill = recording  # type: ignore[assignment]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for role in sorted(EXAMPLES.rglob("*.yaml")):
                if workspace.kind_of(workspace.top_level_keys(role.read_text("utf-8"))) not in (
                        workspace.ROLE, workspace.DIRECTIVE):
                    continue
                if role.name.startswith("kaskkiri"):
                    d = ajdoc.load_directive(role)
                    label[0] = f"{role.parent.name}/{role.stem}"
                    documents.render_directive(d)
                    documents.render_combined(d)
                    for layout in d.profile.layout_names():
                        if layout != d.layout:
                            label[0] = f"{role.parent.name}/{role.stem} {layout}"
                            documents.render_combined(attrs.evolve(d, layout=layout))
                    continue
                jd = ajdoc.load_role(role)
                for layout in jd.profile.layout_names():
                    label[0] = f"{role.parent.name}/{role.stem} {layout}"
                    documents.render_job(jd, layout)
    finally:
        documents.fill = real  # type: ignore[assignment]
    return calls


FILLS = _example_fills()


@pytest.mark.parametrize("case", FILLS, ids=[c[0] for c in FILLS])
def test_examples_render_to_the_previous_renderers_bytes(case):
    _, template, ctx, data = case
    assert data == previous_fill(template, ctx)


def test_the_examples_cover_every_shipped_template():
    used = {c[1].name for c in FILLS}
    assert used == {p.name for p in (ROOT / "templates").glob("*.docx")}, used


def test_a_template_with_headers_footers_and_footnotes_renders_as_before(tmp_path):
    """One section, tags in every part docxtpl renders: the same bytes as docxtpl wrote."""
    tags = ["{{ g.title }} {{ purpose }}", "{% for d in duties %}{{ d.text }}{% endfor %}"]
    template = template_with(tmp_path, body=tags, header=tags, footer=tags, footnotes=tags,
                             props={"subject": "{{ g.title }}", "keywords": "{{ purpose }}"})
    ctx = documents.job_context(ajdoc.role_from_dict(ROLE), "2022")
    assert documents.fill(template, ctx) == previous_fill(template, ctx)


# -- the zip writer -------------------------------------------------------------------------------
def _zipfile_members(members: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in members:
            dst.writestr(zipwrite.fixed_member(name), data)
    return out.getvalue()


def test_write_members_lays_out_bytes_as_zipfile_does():
    cases = [[("[Content_Types].xml", b"<x/>" * 50), ("word/document.xml", bytes(range(256)) * 9)],
             [("tühi", b""), ("ä/ö.xml", "õun".encode() * 1000), ("a", b"a")]]
    data = [d for _, _, _, d in FILLS[:3]]
    for blob in data:
        with zipfile.ZipFile(io.BytesIO(blob)) as z:
            cases.append([(i.filename, z.read(i)) for i in z.infolist()])
    for members in cases:
        out = zipwrite.write_members(members)
        assert out == _zipfile_members(members)
        with zipfile.ZipFile(io.BytesIO(out)) as z:
            assert z.testzip() is None
            assert [(i.filename, z.read(i)) for i in z.infolist()] == members
