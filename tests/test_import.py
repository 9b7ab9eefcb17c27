"""`ajdoc import`: existing job descriptions (DOCX, extracted text, combined directives) → role
files that render back to the same text, with the standard text recognised as library blocks."""

from __future__ import annotations

import io
import json
import struct
import zipfile

import docx
import pytest
from click.testing import CliRunner
from docx.enum.text import WD_ALIGN_PARAGRAPH

import ajdoc
from ajdoc import importing as importer, yamlio
from ajdoc.compose.role import compose
from conftest import EXAMPLES, SEEDS, seed
from docxtext import docx_text, similarity

LIB = ajdoc.load_library()


# -- helpers ------------------------------------------------------------------------------------
@pytest.fixture
def run():
    """`ajdoc ARGS` in-process, with the import command wired onto the main group (a no-op once
    cli.py wires it itself)."""
    from ajdoc.cli import main
    from ajdoc.cli.importing import import_

    if "import" not in main.commands:
        main.add_command(import_)

    def invoke(*args):
        return CliRunner().invoke(main, [str(a) for a in args])

    return invoke


def rendered_example(name: str, layout: str) -> bytes:
    return ajdoc.render(ajdoc.load_role(EXAMPLES / f"{name}.yaml"), layout=layout)


def render_result(result: importer.ImportResult) -> bytes:
    return ajdoc.render(result.compose(), layout=result.layout)


def texts(ref: str) -> list:
    """A block variant's items (the seeds' standard texts, as the library holds them)."""
    block, variant = LIB.resolve(ref)
    return [f"{i.name}: {i.text}" if getattr(i, "name", None) else getattr(i, "text", i)
            for i in variant.items] if variant.items else [variant.text]


def duty(ref: str) -> tuple[str, list, list]:
    _, v = LIB.resolve(ref)
    return v.text, list(v.subitems), list(v.results)


def report_of(result, section: str):
    return next(r for r in result.report if r.section == section)


def cfb(streams: list[str]) -> bytes:
    """A minimal valid OLE compound file (CFB v3) holding empty streams with these names: the
    container of an encrypted Office file (EncryptionInfo, EncryptedPackage) or a .doc."""
    endofchain, freesect, fatsect, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 44, 1, 1, 0, 0x1000, endofchain, 0, endofchain, 0, 0)
    struct.pack_into("<I", header, 76, 0)
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, freesect)
    fat = struct.pack("<128I", fatsect, endofchain, *([freesect] * 126))

    def entry(name, kind, child=nostream, right=nostream):
        e = bytearray(128)
        n = name.encode("utf-16-le") + b"\0\0"
        e[0:len(n)] = n
        struct.pack_into("<HBB", e, 64, len(n), kind, 1)
        struct.pack_into("<III", e, 68, nostream, right, child)
        struct.pack_into("<II", e, 116, endofchain, 0)
        return bytes(e)

    entries = [entry("Root Entry", 5, child=1)]
    for i, name in enumerate(streams, 1):
        entries.append(entry(name, 2, right=i + 1 if i < len(streams) else nostream))
    entries += [bytes(128)] * (4 - len(entries) % 4 if len(entries) % 4 else 0)
    return bytes(header) + fat + b"".join(entries[:4])


# -- hand-made documents ------------------------------------------------------------------------
def _para(container, text: str = "", style: str | None = None, *, bold=False, right=False,
          breaks: bool = True):
    """A paragraph; "\\n" in `text` becomes a Word line break (<w:br/>) inside it."""
    p = container.add_paragraph(style=style)
    for i, part in enumerate(text.split("\n")):
        run = p.add_run(part)
        run.bold = bold
        if i < len(text.split("\n")) - 1 and breaks:
            run.add_break()
    if right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return p


def _cell(cell, text: str, bullets: list = (), bold=False):
    cell.paragraphs[0].text = ""
    if text:
        run = cell.paragraphs[0].add_run(text)
        run.bold = bold
    for b in bullets:
        cell.add_paragraph(b, style="List Bullet")


def _bullets(doc, items):
    for it in items:
        _para(doc, it, "List Bullet")


def _duties_table(doc, rows, header=("Põhiülesanded", "Oodatavad tulemused")):
    t = doc.add_table(rows=1, cols=2)
    t.style = "Table Grid"
    _cell(t.rows[0].cells[0], header[0], bold=True)
    _cell(t.rows[0].cells[1], header[1], bold=True)
    for number, (text, subitems, results) in rows:
        r = t.add_row()
        _cell(r.cells[0], f"{number} {text}", subitems)
        _cell(r.cells[1], "")
        first = True
        for res in results:
            if first:
                r.cells[1].paragraphs[0].style = "List Bullet"
                r.cells[1].paragraphs[0].add_run(res)
                first = False
            else:
                r.cells[1].add_paragraph(res, style="List Bullet")
    return t


def handmade_2022_leader() -> tuple[bytes, dict]:
    """Shaped like seed 000 (a team leader): the 2022 tables, "List Bullet" bullets, stray double
    spaces and line breaks inside sentences; one rights item has a word changed and one
    Eestvedamine indicator is removed."""
    d = docx.Document()
    for line in ("KINNITATUD", "Sotsiaalkindlustusameti peadirektori 02.02.2024",
                 "käskkirjaga nr 12"):
        _para(d, line, right=True)
    _para(d, "AMETIJUHEND", bold=True)
    d.add_heading("1. ÜLDOSA", level=1)
    t = d.add_table(rows=2, cols=2)
    t.style = "Table Grid"
    for c, text in enumerate(["1.1 Ametinimetus", "1.2 Struktuuriüksus"]):
        _cell(t.rows[0].cells[c], text, bold=True)
    _cell(t.rows[1].cells[0], "Teenuse juht (perelepitus)")
    _cell(t.rows[1].cells[1], "Laste heaolu osakond, nõustamisteenuste talitus  "
                              "(perelepitusteenuse tiim)")
    _para(d)
    t = d.add_table(rows=2, cols=3)
    t.style = "Table Grid"
    for c, text in enumerate(["1.3 Vahetu juht", "1.4 Kes asendab", "1.5 Keda asendab"]):
        _cell(t.rows[0].cells[c], text, bold=True)
    for c, text in enumerate(["Talitusejuhataja", "Konsultant, peaspetsialist",
                              "Konsultanti, peaspetsialisti"]):
        _cell(t.rows[1].cells[c], text)
    d.add_heading("2. AMETIKOHA EESMÄRK", level=1)
    _para(d, "Ametikoha eesmärk on perelepitusteenuse  arendamine ja kvaliteetse teenuse\n"
             "tagamine lastele ja peredele, arvestades Sotsiaalkindlustusametile seatud "
             "ülesandeid.")
    d.add_heading("3. TEENISTUSÜLESANDED", level=1)
    own1 = ("Perelepitusteenuse korraldamine ja arendamine, sh:",
            ["teenuseosutajate nõustamine ja  juhendamine;", "teenuse kvaliteedi hindamine;",
             "koostöö kohalike omavalitsustega."],
            ["Teenus on kättesaadav üle Eesti.", "Teenuseosutajad on nõustatud.",
             "Teenuse kvaliteet on\nhinnatud ja parendusettepanekud tehtud."])
    own2 = ("Perelepitusteenuse statistika analüüsimine.", [],
            ["Teenust juhitakse andmetele tuginedes."])
    rows = [("3.1", own1), ("3.2", duty("duty.team-planning")),
            ("3.3", duty("duty.staff-development")), ("3.4", duty("duty.strategy-participation")),
            ("3.5", own2), ("3.6", duty("duty.cooperation:ning")),
            ("3.7", duty("duty.other-activities")), ("3.8", duty("duty.one-off-tasks"))]
    _duties_table(d, rows)
    d.add_heading("4. ÕIGUSED", level=1)
    _para(d, "Ametnikul on õigus:")
    rights = texts("rights:vastu-votta")
    rights[1] = rights[1].replace("esindusi", "kontoreid")     # one changed word
    rights[0] = rights[0].replace("kaugtööd ", "kaugtööd  ")    # a stray double space
    _bullets(d, rights)
    d.add_heading("5. VASTUTUS", level=1)
    _para(d, "Ametnik vastutab:")
    _bullets(d, texts("responsibilities:2022"))
    d.add_heading("6. TÖÖVAHENDID", level=1)
    _para(d, texts("work-tools:ametnik")[0].replace(" ning ", "\nning "))
    d.add_heading("7. AMETIKOHALE ESITATAVAD NÕUDED", level=1)
    for label, value in (("Haridus", "Kõrgharidus sotsiaal- või haridusteadustes."),
                         ("Töökogemus", "Vähemalt 2-aastane töökogemus ametiasutuse või "
                                        "ametikoha töövaldkonnas.")):
        _para(d, label, bold=True)
        _para(d, value)
    _para(d, "Keeleoskus", bold=True)
    _para(d, "Eesti keele valdamine vähemalt tasemel C1.")
    _para(d, "Inglise või vene keele valdamine tasemel B2.")
    _para(d, "Arvutikasutamise oskus", bold=True)
    _para(d, texts("computer-skills:ms-office")[0])
    _para(d, "Tööks vajalikud kompetentsid", bold=True)
    for ref in ("competency.kliendikesksus:specialist", "competency.eestvedamine:team-leader",
                "competency.asjatundlikkus:specialist", "competency.koostoovoime",
                "competency.efektiivsus"):
        block, _ = LIB.resolve(ref)
        items = texts(ref)
        if block.id == "competency.eestvedamine":
            del items[2]                                         # a removed indicator
        _para(d, f"{block.title}:", bold=True)
        _bullets(d, items)
    _para(d, "Täiendavad kompetentsid, isikuomadused ja teadmised", bold=True)
    _bullets(d, texts("additional-competencies:specialist"))
    d.add_heading("8. AMETIJUHENDI MUUTMINE", level=1)
    _para(d, texts("amendment:one")[0])
    _para(d)
    for line in ("(allkirjastatud digitaalselt)", "Maret Maripuu", "peadirektor"):
        _para(d, line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue(), {"changed_right": rights[1]}


def handmade_2022_specialist() -> tuple[bytes, dict]:
    """Shaped like seed 002 (a specialist under an employment contract): numbers "3.1.", the
    requirements as a label | value table, a rights word changed, a Koostöövõime indicator
    removed."""
    d = docx.Document()
    for line in ("KINNITATUD", "Sotsiaalkindlustusameti peadirektori 16.11.2022",
                 "käskkirjaga nr 44"):
        _para(d, line, right=True)
    _para(d, "AMETIJUHEND", bold=True)
    d.add_heading("1. ÜLDOSA", level=1)
    t = d.add_table(rows=2, cols=2)
    t.style = "Table Grid"
    _cell(t.rows[0].cells[0], "1.1 Ametinimetus", bold=True)
    _cell(t.rows[0].cells[1], "1.2 Struktuuriüksus", bold=True)
    _cell(t.rows[1].cells[0], "Koordinaator (kaitstud töö)")
    _cell(t.rows[1].cells[1], "Teenuste osakond, erihoolekande ja rehabilitatsiooni talitus")
    t = d.add_table(rows=2, cols=3)
    t.style = "Table Grid"
    for c, text in enumerate(["1.3 Vahetu juht", "1.4 Kes asendab", "1.5 Keda asendab"]):
        _cell(t.rows[0].cells[c], text, bold=True)
    for c, text in enumerate(["Projektijuht (kaitstud töö)",
                              "Koordinaator (kaitstud töö) või projektijuht (kaitstud töö)",
                              "Koordinaator (kaitstud töö) või projektijuht (kaitstud töö)"]):
        _cell(t.rows[1].cells[c], text)
    d.add_heading("2. AMETIKOHA EESMÄRK", level=1)
    _para(d, "Ametikoha eesmärk on pikaajalise kaitstud töötamise teenuse jooksev "
             "koordineerimine ja\naruandluse korraldamine.")
    d.add_heading("3. TÖÖ- VÕI TEENISTUSÜLESANDED", level=1)
    rows = [("3.1.", ("Kaitstud töö taotluste menetlemine ja järjekordade  pidamine.", [],
                      ["Taotlused on õigeaegselt menetletud.",
                       "On olemas ajakohane ülevaade järjekorrast."])),
            ("3.2.", ("Teenuse osutajate aruannete ja arvete kontrollimine.", [],
                      ["Aruanded ja arved on omavahel vastavuses ja õiged."])),
            ("3.3.", ("Teenuse osutamise ja lepingute järelevalve.", [],
                      ["Teenust osutatakse vastavalt lepingule.",
                       "Järelevalve aktid on koostatud."])),
            ("3.4.", duty("duty.cooperation:ja")), ("3.5.", duty("duty.other-activities")),
            ("3.6.", duty("duty.one-off-tasks"))]
    _duties_table(d, rows)
    d.add_heading("4. ÕIGUSED", level=1)
    _para(d, "Omab õigust:")
    rights = texts("rights:vastu-votta")
    rights[3] = rights[3].replace("juhendamist", "nõustamist")   # one changed word
    _bullets(d, rights)
    d.add_heading("5. VASTUTUS", level=1)
    _para(d, "Omab vastutust:")
    _bullets(d, texts("responsibilities:2022"))
    d.add_heading("6. TÖÖVAHENDID", level=1)
    _para(d, texts("work-tools:tootaja")[0])
    d.add_heading("7. AMETIKOHALE ESITATAVAD NÕUDED", level=1)
    t = d.add_table(rows=4, cols=2)
    t.style = "Table Grid"
    for r, (label, values) in enumerate((
            ("Haridus", ["Kõrgharidus sotsiaaltöö või avaliku halduse valdkonnas."]),
            ("Töökogemus", ["Vähemalt 1-aastane töökogemus sotsiaalvaldkonnas."]),
            ("Keeleoskus", ["Eesti keele valdamine vähemalt tasemel C1.",
                            "Vähemalt ühe võõrkeele (soovitavalt inglise või vene keel) "
                            "valdamine tasemel B1."]),
            ("Arvutikasutamise oskus", texts("computer-skills:basic")))):
        _cell(t.rows[r].cells[0], label, bold=True)
        _cell(t.rows[r].cells[1], values[0])
        for v in values[1:]:
            t.rows[r].cells[1].add_paragraph(v)
    _para(d, "Tööks vajalikud kompetentsid", bold=True)
    for ref in ("competency.kliendikesksus:specialist", "competency.asjatundlikkus:specialist",
                "competency.koostoovoime", "competency.efektiivsus"):
        block, _ = LIB.resolve(ref)
        items = texts(ref)
        if block.id == "competency.koostoovoime":
            del items[1]                                         # a removed indicator
        _para(d, f"{block.title}:", bold=True)
        _bullets(d, items)
    _para(d, "Täiendavad kompetentsid, isikuomadused ja teadmised", bold=True)
    _bullets(d, texts("additional-competencies:specialist"))
    d.add_heading("8. AMETIJUHENDI MUUTMINE", level=1)
    _bullets(d, texts("amendment:two"))
    for line in ("(allkirjastatud digitaalselt)", "Maret Maripuu", "Peadirektor"):
        _para(d, line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue(), {"changed_right": rights[3]}


def handmade_2025() -> tuple[bytes, dict]:
    """Shaped like seed 003's annexes: the 2025 table layout, a rights word changed."""
    d = docx.Document()
    for line in ("KINNITATUD", "Sotsiaalkindlustusameti peadirektori 28.11.2025",
                 "käskkirjaga nr 183"):
        _para(d, line, right=True)
    _para(d, "AMETIJUHEND", bold=True)
    d.add_heading("1. Üldosa", level=1)
    t = d.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    for label, value in (
            ("Struktuuriüksus", "Laste heaolu osakond, traumeeritud laste toetamise talitus"),
            ("Teenistuskoht", "Peaspetsialist (lastemaja)"),
            ("Vahetu juht", "Juhtivspetsialist (lastemaja)"), ("Alluvad", "-"),
            ("Teenistuja asendab", "Peaspetsialist (lastemaja)"),
            ("Teenistuja asendaja", "Peaspetsialist (lastemaja)"),
            ("Teenistuskoha eesmärk", "Laste heaolu valdkonna arendamine ja sellega seotud "
                                      "tegevuste  planeerimine, elluviimine ning\nhindamine."),
            ("Ametikoha grupp", "Ametnik"),
            ("Eritingimused", "Eritingimused määratakse ametikohale nimetamise käskkirjas.")):
        r = t.add_row()
        _cell(r.cells[0], label, bold=True)
        _cell(r.cells[1], value)
    _para(d)
    rows = [("2.1.", ("Lastemajateenuse osutamise korraldamine, sh:",
                      ["lapse ärakuulamise korraldamine;", "registrite täitmine."],
                      ["Lastemajateenus on toimiv.", "Registrid on täidetud."])),
            ("2.2.", ("Lastemajateenusega seotud hangete ettevalmistamine.", [],
                      ["Hanked on ettevalmistatud."])),
            ("2.3.", duty("duty.cooperation:ning")), ("2.4.", duty("duty.other-activities")),
            ("2.5.", duty("duty.one-off-tasks"))]
    _duties_table(d, rows, header=("2. Peamised teenistusülesanded", "Oodatavad tulemused"))
    d.add_heading("3. Teenistuskoha täitjale esitatavad nõuded", level=1)
    t = d.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    for label, values in (
            ("Haridus", ["Kõrgharidus sotsiaal-, kasvatus- või meditsiiniteadustes."]),
            ("Erialane töökogemus", ["Vähemalt 2-aastane töökogemus ametiasutuse või "
                                     "ametikoha töövaldkonnas."]),
            ("Keeleoskus", ["Eesti keele oskus tasemel C1.",
                            "Inglise või vene keele oskus tasemel B2."]),
            ("Teadmised ja oskused", texts("computer-skills:basic-2025")),
            ("Isikuomadused", ["Hoolivus, asjatundlikkus, koostöövõime"])):
        r = t.add_row()
        _cell(r.cells[0], label, bold=True)
        _cell(r.cells[1], values[0])
        for v in values[1:]:
            r.cells[1].add_paragraph(v)
    d.add_heading("4. Õigused ja vastutus", level=1)
    t = d.add_table(rows=2, cols=2)
    t.style = "Table Grid"
    rights = texts("rights:2025")
    rights[0] = rights[0].replace("kaugtööd", "kodutööd")         # one changed word
    _cell(t.rows[0].cells[0], "Õigused", bold=True)
    _cell(t.rows[0].cells[1], "")
    t.rows[0].cells[1].paragraphs[0].style = "List Bullet"
    t.rows[0].cells[1].paragraphs[0].add_run(rights[0])
    for it in rights[1:]:
        t.rows[0].cells[1].add_paragraph(it, style="List Bullet")
    _cell(t.rows[1].cells[0], "Vastutus", bold=True)
    resp = texts("responsibilities:2025")
    _cell(t.rows[1].cells[1], "")
    t.rows[1].cells[1].paragraphs[0].style = "List Bullet"
    t.rows[1].cells[1].paragraphs[0].add_run(resp[0])
    for it in resp[1:]:
        t.rows[1].cells[1].add_paragraph(it, style="List Bullet")
    _para(d)
    _para(d, texts("amendment:one")[0])
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue(), {"changed_right": rights[0]}


HANDMADE = {"leader-2022": handmade_2022_leader, "specialist-2022": handmade_2022_specialist,
            "annex-2025": handmade_2025}


# -- round trips of ajdoc's own documents -------------------------------------------------------
ROUNDTRIP = [("teenuse-juht", "2022"), ("osakonnajuhataja", "2022"),
             ("koordinaator-kaitstud-too", "2022"), ("teenuseomanik-lastemaja", "2025"),
             ("peaspetsialist-lastemaja", "2025")]


@pytest.mark.parametrize("name,layout", ROUNDTRIP)
def test_rendered_document_round_trips_to_the_same_text(tmp_path, name, layout):
    data = rendered_example(name, layout)
    source = tmp_path / f"{name}.docx"
    source.write_bytes(data)
    result = importer.import_file(source)
    assert result.layout == layout
    again = render_result(result)
    assert docx_text(again) == docx_text(data)
    assert result.roundtrip == pytest.approx(1.0)
    # the dict composes as well as the YAML, to the same document
    assert docx_text(ajdoc.render(ajdoc.role_from_dict(result.role), layout=layout)) == \
        docx_text(data)


@pytest.mark.parametrize("name,layout,preset", [
    ("teenuse-juht", "2022", "team-leader"), ("osakonnajuhataja", "2022", "head-of-department"),
    ("koordinaator-kaitstud-too", "2022", "specialist"),
    ("teenuseomanik-lastemaja", "2025", "specialist-2025")])
def test_the_example_roles_preset_is_found(tmp_path, name, layout, preset):
    source = tmp_path / f"{name}.docx"
    source.write_bytes(rendered_example(name, layout))
    result = importer.import_file(source, verify=False)
    assert result.preset == preset


def test_standard_duties_become_use_entries_and_closing_duties_stay_implicit(tmp_path):
    source = tmp_path / "tj.docx"
    source.write_bytes(rendered_example("teenuse-juht", "2022"))
    role = importer.import_file(source, verify=False).role
    uses = [d["use"] for d in role["duties"] if "use" in d]
    assert uses == ["duty.team-planning", "duty.staff-development", "duty.strategy-participation"]
    assert len([d for d in role["duties"] if "text" in d]) == 2
    assert role["approved"] == {"date": __import__("datetime").date(2024, 1, 14), "number": 5,
                                "signer_title": "peadirektor"}
    assert role["general"]["unit"] == {"department": "Laste heaolu osakond",
                                       "division": "nõustamisteenuste talitus",
                                       "team": "siseriikliku nõustamisteenuse tiim"}
    assert role["requirements"]["languages"] == [
        {"language": "eesti", "level": "C1", "at_least": True},
        {"language": ["inglise", "vene"], "level": "B2"}]
    assert role["sections"] == {"amendment": "amendment:one"}


def test_edited_blocks_are_kept_as_edits(tmp_path):
    source = tmp_path / "annex.docx"
    source.write_bytes(rendered_example("teenuseomanik-lastemaja", "2025"))
    result = importer.import_file(source, verify=False)
    role = result.role
    assert role["sections"]["duties"] == {"remove": ["duty.cooperation"]}
    assert role["edit"]["duty.one-off-tasks"] == {
        "results": {"replace": {1: "Ülesanded on täidetud õigeaegselt ja nõuetekohaselt."}}}
    assert "text" in role["edit"]["duty.other-activities"]
    assert report_of(result, "duty 2.12").status == "edited"
    assert report_of(result, "duty 2.12").block == "duty.one-off-tasks@1:default"


def test_the_role_file_is_commented_yaml_that_composes(tmp_path):
    source = tmp_path / "k.docx"
    source.write_bytes(rendered_example("koordinaator-kaitstud-too", "2022"))
    result = importer.import_file(source, verify=False)
    assert result.yaml.startswith("# Imported by `ajdoc import` from k.docx (2022 layout).")
    jd = compose(yamlio.parse(result.yaml, "k.yaml"), LIB)
    assert jd.preset == "specialist" and jd.number_dot
    assert result.role["numbering"] == {"trailing_dot": "duties"}  # "1.1 Ametinimetus", "3.1." duties
    assert result.role["sections"]["work_tools"] == "work-tools:tootaja"
    second = result.role["requirements"]["languages"][1]
    assert second["text"].startswith("Vähemalt ühe võõrkeele")


# -- hand-made documents ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def handmade(tmp_path_factory):
    folder = tmp_path_factory.mktemp("handmade")
    out = {}
    for name, build in HANDMADE.items():
        data, info = build()
        path = folder / f"{name}.docx"
        path.write_bytes(data)
        out[name] = (path, data, info, importer.import_file(path))
    return out


@pytest.mark.parametrize("name", list(HANDMADE))
def test_handmade_document_is_reproduced(handmade, name):
    path, data, info, result = handmade[name]
    score = similarity(docx_text(data), docx_text(render_result(result)))
    assert score >= 0.97, f"{name}: word similarity {score:.4f}"
    assert result.roundtrip >= 0.97


@pytest.mark.parametrize("name,rights", [("leader-2022", "rights@1:vastu-votta"),
                                         ("specialist-2022", "rights@1:vastu-votta"),
                                         ("annex-2025", "rights@1:2025")])
def test_handmade_rights_recognised_and_the_changed_word_kept(handmade, name, rights):
    path, data, info, result = handmade[name]
    rep = report_of(result, "rights")
    assert rep.block == rights and rep.status == "edited" and rep.score > 0.9
    edit = result.role["edit"]["rights"]
    assert list(edit) == ["replace"] and list(edit["replace"].values()) == [info["changed_right"]]
    assert info["changed_right"] in [i.text for i in result.compose().rights]


@pytest.mark.parametrize("name,block,removed", [
    ("leader-2022", "competency.eestvedamine", 3),
    ("specialist-2022", "competency.koostoovoime", 2)])
def test_handmade_removed_indicator_is_an_edit(handmade, name, block, removed):
    path, data, info, result = handmade[name]
    assert result.role["edit"][block] == {"remove": [removed]}
    rep = report_of(result, f"competency {LIB.block(block).title}")
    assert rep.status == "edited" and rep.block.startswith(block + "@1:")


def test_handmade_standard_sections_are_blocks(handmade):
    _, _, _, leader = handmade["leader-2022"]
    assert leader.preset == "team-leader"
    for section, block in (("rights intro", "rights.intro@1:ametnik"),
                           ("responsibilities", "responsibilities@1:2022"),
                           ("work tools", "work-tools@1:ametnik"),
                           ("additional", "additional-competencies@1:specialist"),
                           ("amendment", "amendment@1:one"),
                           ("duty 3.2", "duty.team-planning@1:default"),
                           ("duty 3.6", "duty.cooperation@1:ning")):
        rep = report_of(leader, section)
        assert (rep.block, rep.status) == (block, "matched"), section
    assert report_of(leader, "duty 3.1").status == "own"
    # the stray double space and the line break inside a sentence are gone
    assert leader.role["purpose"].startswith("Ametikoha eesmärk on perelepitusteenuse arendamine "
                                             "ja kvaliteetse teenuse tagamine")
    assert leader.role["general"]["unit"]["team"] == "perelepitusteenuse tiim"

    _, _, _, spec = handmade["specialist-2022"]
    assert spec.preset == "specialist"
    assert spec.role["sections"]["duties_heading"] == "heading.duties:too-voi-teenistus"
    assert spec.role["sections"]["computer_skills"] == "computer-skills:basic"
    assert spec.role["numbering"] == {"trailing_dot": "duties"}  # its labels read "1.1 Ametinimetus"
    assert spec.role["requirements"]["education"].startswith("Kõrgharidus sotsiaaltöö")

    _, _, _, annex = handmade["annex-2025"]
    assert annex.layout == "2025" and annex.preset == "specialist-2025"
    assert annex.role["general"]["position_group"] == "ametnik"
    assert annex.role["general"]["special_conditions"]["label"] == "Eritingimused"
    assert annex.role["requirements"]["language_style"] == "oskus"
    assert report_of(annex, "computer skills").block == "computer-skills@1:basic-2025"


# -- extracted text -----------------------------------------------------------------------------
@pytest.mark.parametrize("seed_id,preset", [("000", "team-leader"), ("002", "specialist")])
def test_seed_text_is_imported(seed_id, preset):
    path = next(SEEDS.glob(f"{seed_id}_*.txt"))
    result = importer.import_file(path)
    assert result.preset == preset
    score = similarity(seed(seed_id), docx_text(render_result(result)))
    assert score >= 0.97, f"seed {seed_id}: word similarity {score:.4f}"
    assert report_of(result, "rights").status == "matched"


@pytest.mark.parametrize("annex", [1, 2])
def test_seed_003_annex_text_in_the_2025_layout(tmp_path, annex):
    text = seed("003")
    lisa = "KINNITATUD Sotsiaalkindlustusameti peadirektori 28.11.2025\nkäskkirjaga nr 183 Lisa {}"
    start = text.index(lisa.format(annex))
    end = text.index(lisa.format(2)) if annex == 1 else len(text)
    path = tmp_path / f"lisa-{annex}.txt"
    path.write_text(text[start:end], encoding="utf-8")
    result = importer.import_file(path)
    assert (result.layout, result.preset) == ("2025", "specialist-2025")
    score = similarity(text[start:end], docx_text(render_result(result)))
    assert score >= 0.97, f"annex {annex}: word similarity {score:.4f}"
    assert report_of(result, "rights").block == "rights@1:2025"


def test_seed_000_text_structure():
    result = importer.import_file(next(SEEDS.glob("000_*.txt")), verify=False)
    role = result.role
    assert role["general"]["title"] == "Teenuse juht (siseriiklik nõustamine)"
    assert role["general"]["supervisor"] == "Talitusejuhataja"
    assert role["general"]["substitutes"].startswith("Konsultanti, peaspetsialisti")
    assert role["approved"]["number"] == 5
    first = role["duties"][0]
    assert first["text"].endswith("sh:") and len(first["subitems"]) == 3
    assert len(first["results"]) == 5
    assert role["signature"] == {"name": "Maret Maripuu", "title": "peadirektor"}


# -- folders, directives ------------------------------------------------------------------------
def test_folder_import_skips_a_broken_file(tmp_path, run):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    for name, layout in ROUNDTRIP[:2]:
        (src / f"{name}.docx").write_bytes(rendered_example(name, layout))
    (src / "seed-002.txt").write_text(seed("002"), encoding="utf-8")
    good = rendered_example("teenuse-juht", "2022")
    (src / "broken.docx").write_bytes(good[: len(good) // 3])   # a truncated zip
    (src / "notes.md").write_text("not imported", encoding="utf-8")
    res = run("import", src, "-o", out, "--report", tmp_path / "report.json")
    assert res.exit_code == 2, res.output
    assert sorted(p.name for p in out.iterdir()) == [
        "osakonnajuhataja.yaml", "seed-002.yaml", "teenuse-juht.yaml"]
    errors = [line for line in res.stderr.splitlines() if "broken.docx" in line]
    assert len(errors) == 1 and "corrupt" in errors[0] and ".docx" in errors[0]
    assert "1 skipped" in res.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["imported"] == 3 and report["skipped"] == 1
    for p in out.iterdir():
        ajdoc.load_role(p)


def test_folder_import_all_good_exits_0(tmp_path, run):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    (src / "a.docx").write_bytes(rendered_example("teenuse-juht", "2022"))
    res = run("import", src, "-o", out, "--no-verify")
    assert res.exit_code == 0, res.output
    assert (out / "a.yaml").is_file()
    assert "\r" not in res.stderr  # no progress bar off a terminal


def test_from_directive(tmp_path, run):
    combined = tmp_path / "koos.docx"
    d = ajdoc.load_directive(EXAMPLES / "kaskkiri-183.yaml")
    combined.write_bytes(ajdoc.directive_files(d, combined=combined)[combined])
    out = tmp_path / "out"
    out.mkdir()
    res = run("import", combined, "--from-directive", "-o", out)
    assert res.exit_code == 0, res.output + res.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "kaskkiri-183.yaml", "peaspetsialist-lastemaja.yaml", "teenuseomanik-lastemaja.yaml"]
    again = tmp_path / "again.docx"
    ajdoc.write_directive(out / "kaskkiri-183.yaml", combined=again)
    assert docx_text(again.read_bytes()) == docx_text(combined.read_bytes())
    data = yamlio.load(out / "kaskkiri-183.yaml")
    assert data.req("number").value == 183 and data.req("entry_into_force").as_date().day == 1
    assert data.req("repeals").as_list()[0].req("number").value == 77


def test_directive_api(tmp_path):
    combined = tmp_path / "koos.docx"
    d = ajdoc.load_directive(EXAMPLES / "kaskkiri-183.yaml")
    combined.write_bytes(ajdoc.directive_files(d, combined=combined)[combined])
    result = importer.import_directive(combined)
    assert result.roundtrip == pytest.approx(1.0)
    assert result.names == ["teenuseomanik-lastemaja.yaml", "peaspetsialist-lastemaja.yaml"]
    assert all("approved" not in a.role for a in result.annexes)
    assert result.directive["signer"] == {"name": "Maret Maripuu", "title": "peadirektor"}


# -- user blocks ----------------------------------------------------------------------------------
def test_unknown_competency_becomes_a_user_block(tmp_path, run):
    data, _ = handmade_2022_leader()
    d = docx.Document(io.BytesIO(data))
    anchor = next(p for p in d.paragraphs if p.text.startswith("Täiendavad kompetentsid"))
    for text, style in (("Innovaatilisus:", None), ("Otsib uusi lahendusi.", "List Bullet"),
                        ("Katsetab julgelt.", "List Bullet")):
        anchor.insert_paragraph_before(text, style=style)
    source = tmp_path / "uus.docx"
    d.save(source)
    out = tmp_path / "out"
    out.mkdir()
    res = run("import", source, "-o", out / "uus.yaml")
    assert res.exit_code == 0, res.output + res.stderr
    lib_file = out / "library" / "blocks" / "imported.yaml"
    assert lib_file.is_file() and "--library" in res.output
    role = yamlio.load(out / "uus.yaml")
    refs = role.req("sections").req("competencies").value
    assert any(r.startswith("imported.competency.innovaatilisus:uus-") for r in refs)
    assert report_of(importer.import_file(source, verify=False),
                     "competency Innovaatilisus").status == "user-block"
    jd = ajdoc.load_role(out / "uus.yaml", library=[out / "library"])
    assert jd.competencies[-1].name == "Innovaatilisus"
    assert jd.competencies[-1].indicators == ("Otsib uusi lahendusi.", "Katsetab julgelt.")
    score = similarity(docx_text(source.read_bytes()), docx_text(ajdoc.render(jd)))
    assert score >= 0.97


def test_a_folder_shares_one_imported_yaml(tmp_path, run):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    for name, extra in (("a", ["Otsib uusi lahendusi."]),
                        ("b", ["Otsib uusi lahendusi.", "Katsetab julgelt."])):
        data, _ = handmade_2022_leader()
        d = docx.Document(io.BytesIO(data))
        anchor = next(p for p in d.paragraphs if p.text.startswith("Täiendavad kompetentsid"))
        anchor.insert_paragraph_before("Innovaatilisus:")
        for e in extra:
            anchor.insert_paragraph_before(e, style="List Bullet")
        d.save(src / f"{name}.docx")
    res = run("import", src, "-o", out, "--no-verify")
    assert res.exit_code == 0, res.output + res.stderr
    blocks = yamlio.load(out / "library" / "blocks" / "imported.yaml").req("blocks").as_list()
    assert len(blocks) == 1 and len(blocks[0].req("variants").value) == 2
    for name, n in (("a", 1), ("b", 2)):
        jd = ajdoc.load_role(out / f"{name}.yaml", library=[out / "library"])
        assert len(jd.competencies[-1].indicators) == n
    # a later import does not overwrite the shared file without --force …
    res = run("import", src / "a.docx", "-o", out / "a2.yaml", "--no-verify")
    assert res.exit_code == 2 and "imported.yaml" in res.stderr and not (out / "a2.yaml").exists()
    # … and with the library given, the imported block is recognised like any other
    result = importer.import_file(src / "a.docx", [out / "library"], verify=False)
    assert not result.blocks
    assert report_of(result, "competency Innovaatilisus").status == "matched"


def test_import_directory_api(tmp_path):
    (tmp_path / "a.docx").write_bytes(rendered_example("teenuse-juht", "2022"))
    (tmp_path / "b.docx").write_bytes(b"")
    (tmp_path / "~$lock.docx").write_bytes(b"lock")
    batch = importer.import_directory(tmp_path, verify=False)
    assert [p.name for p in batch.results] == ["a.docx"]
    assert [(p.name, "empty" in str(e)) for p, e in batch.failures] == [("b.docx", True)]


# -- bad input ------------------------------------------------------------------------------------
def _not_a_job_description() -> bytes:
    d = docx.Document()
    d.add_paragraph("Koosoleku protokoll")
    d.add_paragraph("Osalejad: kõik.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _zip_without_document() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    return buf.getvalue()


BAD = {
    "encrypted.docx": (lambda: cfb(["EncryptionInfo", "EncryptedPackage"]),
                       ["password-protected", "expected an unprotected .docx"]),
    "vana.doc": (lambda: cfb(["WordDocument", "1Table"]),
                 ["old binary Word document (.doc)", "expected a .docx"]),
    "corrupt.docx": (lambda: rendered_example("teenuse-juht", "2022")[:4000],
                     ["corrupt Word document", "expected a Word job description"]),
    "empty.docx": (lambda: b"", ["the file is empty", "expected a Word job description"]),
    "empty.txt": (lambda: b"\n  \n", ["the file is empty", "expected the text of a job"]),
    "protokoll.docx": (_not_a_job_description,
                       ["does not look like a job description", "expected a job description in "
                        "the 2022 eight-section layout or the 2025 table layout"]),
    "zip.docx": (_zip_without_document, ["not a Word document", "no word/document.xml"]),
    "scan.pdf": (lambda: b"%PDF-1.4\n", ["unsupported file type '.pdf'", "expected"]),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_input_one_message_exit_2_nothing_written(tmp_path, run, name):
    make, fragments = BAD[name]
    source = tmp_path / name
    source.write_bytes(make())
    out = tmp_path / "out"
    out.mkdir()
    res = run("import", source, "-o", out / "role.yaml")
    assert res.exit_code == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ajdoc: error: ")
    assert str(source) in lines[0]
    for fragment in fragments:
        assert fragment in lines[0]
    assert list(out.iterdir()) == []
    with pytest.raises(ajdoc.AjdocError):
        importer.import_file(source)


def test_bad_files_in_a_folder_are_each_reported(tmp_path, run):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    for name in ("encrypted.docx", "empty.docx", "protokoll.docx"):
        (src / name).write_bytes(BAD[name][0]())
    (src / "ok.docx").write_bytes(rendered_example("teenuse-juht", "2022"))
    res = run("import", src, "-o", out, "--no-verify")
    assert res.exit_code == 2
    skipped = [line for line in res.stderr.splitlines() if line.startswith("ajdoc: skipped:")]
    assert len(skipped) == 3
    assert [p.name for p in out.iterdir()] == ["ok.yaml"]


def test_never_overwrites_without_force(tmp_path, run):
    source = tmp_path / "tj.docx"
    source.write_bytes(rendered_example("teenuse-juht", "2022"))
    target = tmp_path / "tj.yaml"
    target.write_text("keep me\n", encoding="utf-8")
    res = run("import", source, "-o", target)
    assert res.exit_code == 2 and "--force" in res.stderr
    assert target.read_text(encoding="utf-8") == "keep me\n"
    res = run("import", source, "-o", target, "--force", "--no-verify")
    assert res.exit_code == 0
    assert ajdoc.load_role(target).preset == "team-leader"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".ajdoc-")]


def test_output_folder_must_exist_for_a_folder(tmp_path, run):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.docx").write_bytes(rendered_example("teenuse-juht", "2022"))
    res = run("import", src, "-o", tmp_path / "missing")
    assert res.exit_code == 2 and "does not exist" in res.stderr


def test_report_json_and_help(tmp_path, run):
    source = tmp_path / "tj.docx"
    source.write_bytes(rendered_example("teenuse-juht", "2022"))
    res = run("import", source, "-o", tmp_path / "tj.yaml", "--report", tmp_path / "r.json")
    assert res.exit_code == 0
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["preset"] == "team-leader" and report["roundtrip"] == 1.0
    rights = next(s for s in report["sections"] if s["section"] == "rights")
    assert rights == {"section": "rights", "status": "matched", "block": "rights@1:vastu-votta",
                      "score": 1.0}
    assert "round trip 1.000" in res.output
    res = run("import", "--help")
    assert res.exit_code == 0 and "--from-directive" in res.output and "--report" in res.output


# -- languages ------------------------------------------------------------------------------------
@pytest.mark.parametrize("lines,style,expected", [
    (["Eesti keele valdamine vähemalt tasemel C1.",
      "Inglise või vene keele valdamine tasemel B2."], "valdamine",
     [{"language": "eesti", "level": "C1", "at_least": True},
      {"language": ["inglise", "vene"], "level": "B2"}]),
    (["Valdab eesti keelt vähemalt tasemel C1."], "valdab",
     [{"language": "eesti", "level": "C1", "at_least": True}]),
    (["Eesti keele oskus tasemel C1.", "Vene keele oskus vähemalt tasemel B1."], "oskus",
     [{"language": "eesti", "level": "C1"}, {"language": "vene", "level": "B1", "at_least": True}]),
    (["Eesti keele oskus tasemel C1", "Vene keele oskus vähemalt B1"], "oskus",
     [{"language": "eesti", "level": "C1", "text": "Eesti keele oskus tasemel C1"},
      {"language": "vene", "level": "B1", "at_least": True,
       "text": "Vene keele oskus vähemalt B1"}]),
])
def test_language_sentences(lines, style, expected):
    got_style, got, _ = importer._languages(lines)
    assert got_style == style
    assert got == expected
    for req, line in zip(got, lines):
        if "text" not in req:
            assert importer._render_language(req, style) == line


def test_an_imported_yaml_that_is_not_a_block_file_is_refused_before_merging(tmp_path, run):
    data, _ = handmade_2022_leader()
    d = docx.Document(io.BytesIO(data))
    anchor = next(p for p in d.paragraphs if p.text.startswith("Täiendavad kompetentsid"))
    anchor.insert_paragraph_before("Innovaatilisus:")
    anchor.insert_paragraph_before("Otsib uusi lahendusi.", style="List Bullet")
    source = tmp_path / "uus.docx"
    d.save(source)
    lib_file = tmp_path / "out" / "library" / "blocks" / "imported.yaml"
    lib_file.parent.mkdir(parents=True)
    for text, expected in (("blocks:\n  - 1\n  - 2\n", "blocks[1]"),
                           ("[" * 5000, "imported.yaml"),
                           ("blocks:\n  - id: x\n    bogus: 1\n", "bogus")):
        lib_file.write_text(text, encoding="utf-8")
        res = run("import", source, "-o", tmp_path / "out" / "uus.yaml", "--force", "--no-verify")
        assert res.exit_code == 2, res.output + res.stderr
        assert "imported.yaml" in res.stderr and expected in res.stderr, res.stderr
        assert res.stderr.count("\n") == 1 and "Traceback" not in res.stderr
        assert lib_file.read_text(encoding="utf-8") == text
        assert not (tmp_path / "out" / "uus.yaml").exists()
