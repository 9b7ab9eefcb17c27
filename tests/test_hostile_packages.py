"""Zip bombs and odd Word files (issue 14, items 3, 7, 8, 14): the package checks guard every DOCX
ajdoc opens — a template, an imported document, a `diff` input, a combined directive — with
bounded time and memory; an odd file is the user's mistake (exit 2, the file named)."""

from __future__ import annotations

import io
import resource
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pytest

import ajdoc
from ajdoc.errors import AjdocError, Place
from ajdoc.ooxml import safety

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "templates" / "ametijuhend-2022.docx"
ROLE = {"preset": "specialist",
        "general": {"title": "Nõunik", "unit": {"department": "Teenuste osakond"},
                    "supervisor": "Talitusejuhataja", "position_group": "ametnik"},
        "purpose": "Ametikoha eesmärk on teenuste arendamine.",
        "duties": [{"text": "Teenuste arendamine.", "results": ["Teenused on arendatud."]}]}
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MiB = 1 << 20


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return ajdoc.render(ajdoc.role_from_dict(ROLE))


def members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def build(items, method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in items:
            z.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), data, compress_type=method)
    return buf.getvalue()


def changed(data: bytes, name: str, change) -> bytes:
    return build([(n, change(d) if n == name else d) for n, d in members(data)])


def with_members(data: bytes, extra) -> bytes:
    return build(members(data) + list(extra))


def declared(data: bytes, name: str, file_size: int, compress_size: int | None = None) -> bytes:
    """`data` with the sizes the central directory declares for `name` changed (the bytes stay)."""
    raw = bytearray(data)
    pos = 0
    while (pos := raw.find(b"PK\x01\x02", pos)) >= 0:
        n = struct.unpack("<H", raw[pos + 28:pos + 30])[0]
        if raw[pos + 46:pos + 46 + n] == name.encode():
            if compress_size is not None:
                raw[pos + 20:pos + 24] = struct.pack("<I", compress_size)
            raw[pos + 24:pos + 28] = struct.pack("<I", file_size)
        pos += 4
    return bytes(raw)


def refusal(data: bytes, template: bool = False, seconds: float = 20.0) -> str:
    started = time.monotonic()
    with pytest.raises(AjdocError) as info:
        safety.check_docx(data, Place(file="x.docx"), template=template)
    assert time.monotonic() - started < seconds
    assert str(info.value).startswith("x.docx: ")
    return str(info.value)


# -- bombs: declared sizes and ratios, every member ----------------------------------------------
def test_250_members_of_one_mib_each_are_refused(rendered):
    bomb = with_members(rendered, ((f"word/media/z{i}.bin", b"\0" * MiB) for i in range(250)))
    assert len(bomb) < 2 * MiB
    assert "zip bomb" in refusal(bomb) and "zip bomb" in refusal(bomb, template=True)


def test_a_member_just_under_the_old_threshold_is_refused(rendered):
    assert "compressed" in refusal(with_members(rendered, [("word/media/a.png", b"\0" * (MiB - 1))]))


def test_many_small_members_together_are_bounded_by_the_whole_packages_ratio(rendered):
    small = safety.RATIO_SLACK // 2   # each alone passes
    bomb = with_members(rendered, ((f"word/media/z{i}.bin", b"\0" * small) for i in range(40)))
    message = refusal(bomb)
    assert "the package is compressed" in message


def test_declared_sizes_are_refused_before_anything_is_read(rendered):
    huge = declared(rendered, "word/styles.xml", 0xFFFFFFF0)
    assert "unpacks to" in refusal(huge)
    total = rendered
    for name in [n for n, _ in members(rendered)][:6]:
        total = declared(total, name, safety.MAX_MEMBER - 1, safety.MAX_MEMBER // 50)
    assert "more than" in refusal(total)


def test_reading_stops_at_the_declared_size(rendered):
    small = declared(rendered, "word/document.xml", 100)
    assert "corrupt Word document" in refusal(small)


def test_too_many_members_are_refused(rendered):
    many = with_members(rendered, ((f"word/x{i}.txt", b"") for i in range(safety.MAX_MEMBERS)))
    assert "members" in refusal(many)


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_a_member_named_twice_is_refused(rendered):
    twice = build(members(rendered) + [("word/document.xml", b"<x/>")])
    assert "twice" in refusal(twice)


# -- entity declarations, whatever the encoding and the name ------------------------------------
DTD = '<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
@pytest.mark.parametrize("name", ["word/document.xml", "word/styles.xml", "customXml/item1.xml",
                                  "word/glossary/x.dat", "docProps/app.xml"])
def test_entity_declarations_are_found_in_any_part_and_encoding(rendered, encoding, name):
    def evil(_: bytes = b"") -> bytes:
        decl = '<?xml version="1.0" encoding="{}"?>'.format(encoding.upper().replace("-SIG", "")
                                                             .replace("-LE", "").replace("-BE", ""))
        text = decl + DTD + "<x>&b;</x>"
        if encoding in ("utf-16-le", "utf-16-be"):
            bom = "\ufeff".encode(encoding)
            return bom + text.encode(encoding)
        return text.encode(encoding)
    names = [n for n, _ in members(rendered)]
    data = changed(rendered, name, evil) if name in names else with_members(rendered,
                                                                           [(name, evil())])
    message = refusal(data)
    assert "DTD or entities" in message and name in message


def test_a_system_entity_is_refused_and_never_fetched(rendered, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SALAJANE", encoding="utf-8")
    doc = (f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]><x>&s;</x>')
    message = refusal(with_members(rendered, [("word/x.xml", doc.encode())]))
    assert "SALAJANE" not in message and "DTD" in message


# -- odd files: named, exit 2 ---------------------------------------------------------------------
def test_odd_files_are_named_for_what_is_wrong(rendered):
    ct = "[Content_Types].xml"
    main = b"wordprocessingml.document.main+xml"
    cases = {
        "bzip2": (build(members(rendered), zipfile.ZIP_BZIP2), "compression method 12"),
        "lzma": (build(members(rendered), zipfile.ZIP_LZMA), "compression method 14"),
        "docm": (changed(rendered, ct, lambda d: d.replace(
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            b"application/vnd.ms-word.document.macroEnabled.main+xml")), ".docm"),
        "dotx": (changed(rendered, ct, lambda d: d.replace(
            main, b"wordprocessingml.template.main+xml")), ".dotx"),
        "dotm": (changed(rendered, ct, lambda d: d.replace(
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml")), ".dotm"),
        "no content type": (changed(rendered, ct, lambda d: d.replace(main, b"x+xml")),
                            "content type"),
        "not xml": (changed(rendered, "word/styles.xml", lambda d: d[: len(d) // 2]),
                    "not well-formed XML"),
        "no rels": (build([(n, d) for n, d in members(rendered) if n != "_rels/.rels"]),
                    "_rels/.rels"),
    }
    for what, (data, expected) in cases.items():
        assert expected in refusal(data), what


def test_the_built_in_templates_and_rendered_documents_pass(rendered):
    for template in sorted((ROOT / "templates").glob("*.docx")):
        safety.check_package(template)
    safety.check_docx(rendered, Place(file="x.docx"))
    d = ajdoc.load_directive(ROOT / "examples" / "kaskkiri-183.yaml")
    for data in ajdoc.directive_files(d, "out", "koos.docx").values():
        if not data.startswith(b"{"):
            safety.check_docx(data, Place(file="x.docx"))


# -- what a template carries; what a document may carry -------------------------------------------
def _rels(extra: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            f'openxmlformats.org/package/2006/relationships">{extra}</Relationships>').encode()


EXTERNAL = {
    "attachedTemplate": f'<Relationship Id="r9" Type="{R}/attachedTemplate" '
                        'Target="file:///\\\\server\\mallid\\Normal.dotm" TargetMode="External"/>',
    "image": f'<Relationship Id="r9" Type="{R}/image" Target="http://example.invalid/a.png" '
             'TargetMode="External"/>',
    "oleObject": f'<Relationship Id="r9" Type="{R}/oleObject" Target="embeddings/o.bin"/>',
    "subDocument": f'<Relationship Id="r9" Type="{R}/subDocument" Target="http://x.invalid/a.docx"'
                   ' TargetMode="External"/>',
}


@pytest.mark.parametrize("kind", list(EXTERNAL))
def test_a_template_with_external_or_active_relationships_is_refused(rendered, kind):
    data = with_members(rendered, [("word/_rels/settings.xml.rels", _rels(EXTERNAL[kind]))])
    message = refusal(data, template=True)
    assert kind in message and "word/_rels/settings.xml.rels" in message
    safety.check_docx(data, Place(file="x.docx"))  # an imported document may carry it


def test_a_template_with_a_hyperlink_passes(rendered):
    link = f'<Relationship Id="r9" Type="{R}/hyperlink" Target="https://www.riigiteataja.ee" ' \
           'TargetMode="External"/>'
    safety.check_docx(with_members(rendered, [("word/_rels/footer9.xml.rels", _rels(link))]),
                      Place(file="x.docx"), template=True)


@pytest.mark.parametrize("field", ['INCLUDETEXT "c:\\\\a.docx"', "LINK Excel.Sheet.12 a.xlsx",
                                   'DDEAUTO cmd "/c calc"', "INCLUDEPICTURE http://x.invalid/a"])
def test_a_template_with_a_fetching_field_is_refused(rendered, field):
    simple = f'<w:fldSimple w:instr={quoteattr(" " + field + " ")}><w:r><w:t>x</w:t></w:r>' \
             '</w:fldSimple>'
    data = changed(rendered, "word/document.xml",
                   lambda d: d.replace(b"<w:body>", b"<w:body><w:p>" + simple.encode() + b"</w:p>",
                                       1))
    assert "fetches content" in refusal(data, template=True)


def test_a_utf16_document_imports_but_a_utf16_template_is_refused(rendered, tmp_path):
    def utf16(d: bytes) -> bytes:
        return d.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"', 1) \
            .encode("utf-16")
    data = changed(rendered, "word/document.xml", utf16)
    assert "UTF-16" in refusal(data, template=True)
    path = tmp_path / "vana.docx"
    path.write_bytes(data)
    result = ajdoc.import_document(path, verify=False)
    assert result.role["general"]["title"] == "Nõunik"


# -- every entry point ------------------------------------------------------------------------------
@pytest.fixture
def bomb(rendered, tmp_path) -> Path:
    path = tmp_path / "pomm.docx"
    path.write_bytes(with_members(rendered, ((f"word/media/z{i}.png", b"\0" * MiB)
                                             for i in range(250))))
    return path


def test_every_api_entry_point_refuses_the_bomb(bomb, tmp_path):
    jd = ajdoc.role_from_dict(ROLE)
    role = tmp_path / "roll.yaml"
    role.write_text("preset: specialist\ngeneral: {title: Nõunik, unit: {department: Osakond}, "
                    "supervisor: Juht}\npurpose: Eesmärk.\nduties: [{text: Töö., results: "
                    "[Tehtud.]}]\n", encoding="utf-8")
    calls = {
        "render --template": lambda: ajdoc.render(jd, template=bomb),
        "import": lambda: ajdoc.import_document(bomb),
        "import a folder": lambda: ajdoc.import_folder(tmp_path),
        "import a combined directive": lambda: ajdoc.import_combined_directive(bomb),
        "diff": lambda: ajdoc.diff(bomb, role),
    }
    for what, call in calls.items():
        started = time.monotonic()
        try:
            result = call()
        except AjdocError as exc:
            assert "pomm.docx" in str(exc) and "zip bomb" in str(exc), what
        else:  # a folder import lists the file among its failures
            assert [(p.name, "zip bomb" in str(e)) for p, e in result.failures] == \
                [("pomm.docx", True)], what
        assert time.monotonic() - started < 20, what


def _limit() -> None:  # pragma: no cover - in the child
    resource.setrlimit(resource.RLIMIT_AS, (1536 * MiB, 1536 * MiB))


@pytest.mark.parametrize("args", [["import", "{bomb}", "-o", "{out}/r.yaml"],
                                  ["diff", "{bomb}", "{bomb}"],
                                  ["template", "check", "{bomb}"],
                                  ["render", "{role}", "-o", "{out}/x.docx", "--template", "{bomb}"]],
                         ids=["import", "diff", "template-check", "render"])
def test_the_cli_refuses_the_bomb_in_bounded_memory(bomb, tmp_path, args):
    out = tmp_path / "out"
    out.mkdir()
    role = tmp_path / "roll.yaml"
    role.write_text("preset: specialist\ngeneral: {title: Nõunik, unit: {department: Osakond}, "
                    "supervisor: Juht}\npurpose: Eesmärk.\nduties: [{text: Töö., results: "
                    "[Tehtud.]}]\n", encoding="utf-8")
    argv = [a.replace("{bomb}", str(bomb)).replace("{out}", str(out)).replace("{role}", str(role))
            for a in args]
    exe = Path(sys.executable).with_name("ajdoc")
    res = subprocess.run([str(exe)] + argv, capture_output=True, text=True, timeout=60,
                         preexec_fn=_limit)
    assert res.returncode == 2, res.stderr
    assert res.stderr.count("\n") == 1 and "pomm.docx" in res.stderr and "zip bomb" in res.stderr
    assert list(out.iterdir()) == []
