"""Employees (töötaja): the position group picks the wording of the standard texts, the signature
by both parties, and the editing a new user needs (issue 13). Expectations are written from the
block library's texts and the documents' form, not from ajdoc's output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import ajdoc
from ajdoc.rendering.template_check import check_template
from conftest import ROOT
from docxtext import docx_text, similarity

ROLE = Path(__file__).parent / "data" / "roles" / "tootaja-assistent.yaml"
AJDOC = Path(sys.executable).with_name("ajdoc")
pytestmark = pytest.mark.filterwarnings("ignore::ajdoc.rendering.LayoutWarning")


def lines_of(data: bytes) -> list[str]:
    return docx_text(data).split("\n")


def test_the_position_group_alone_picks_the_employees_wording():
    jd = ajdoc.load_role(ROLE)
    assert jd.duties_heading.text == "TÖÖ- VÕI TEENISTUSÜLESANDED"
    assert jd.work_tools.text.startswith("Töövahenditeks on töötaja kasutusse antud")
    assert jd.rights_intro.text == "Omab õigust:" and jd.responsibilities_intro.text == \
        "Omab vastutust:"
    # an employee's amendment clause has no official's consent sentence
    assert [i.text for i in jd.amendment] == [
        "Ametijuhend vaadatakse üle kord aastas vahetu juhiga või töökorralduse muutumisel."]
    assert "Ametniku" not in docx_text(ajdoc.render(jd)) and "ametniku" not in docx_text(
        ajdoc.render(jd))


@pytest.mark.parametrize("layout", ["2022", "2025"])
def test_two_party_signature_in_both_layouts(layout):
    lines = lines_of(ajdoc.render(ajdoc.load_role(ROLE), layout=layout))
    i = lines.index("Poolte allkirjad:")
    assert lines[i + 1:i + 9] == [
        "Tööandja:", "(allkirjastatud digitaalselt)", "Maret Maripuu", "peadirektor",
        "Töötaja:", "(allkirjastatud digitaalselt)", "Mari Maasikas", "Assistent (kaitstud töö)"]


def test_the_parties_side_by_side_in_a_borderless_table():
    import docx
    import io

    document = docx.Document(io.BytesIO(ajdoc.render(ajdoc.load_role(ROLE))))
    table = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Tööandja:"))
    assert len(table.columns) == 2 and len(table.rows) == 1
    assert table.rows[0].cells[1].paragraphs[0].text == "Töötaja:"
    borders = table._tbl.tblPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblBorders")
    assert borders is not None and all(
        b.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == "nil"
        for b in borders)


def test_check_strict_passes_with_one_acknowledged_warning():
    res = subprocess.run([str(AJDOC), "check", "--strict", "--verbose", str(ROLE)],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert "1 acknowledged" in res.stdout
    assert res.stdout.count("acknowledged: ") == 1 and "[result-twice]" in res.stdout
    without = ROLE.read_text(encoding="utf-8").split("acknowledge:")[0]
    bare = ROLE.parent.parent / "tmp-unacknowledged.yaml"
    try:
        bare.write_text(without, encoding="utf-8")
        res = subprocess.run([str(AJDOC), "check", "--strict", str(bare)], capture_output=True,
                             text=True, timeout=120)
        assert res.returncode == 2 and "[result-twice]" in res.stderr
    finally:
        bare.unlink()


def test_an_officials_wording_in_an_employees_document_is_warned_about():
    checked = ajdoc.check(ROOT / "examples" / "koordinaator-kaitstud-too.yaml")
    known = [w for w in checked.acknowledged if w.code == "group-wording"]
    assert len(known) == 1 and "amendment:two" in known[0].message
    assert "use amendment:one" in known[0].message or "use amendment:" in known[0].message


def role(**extra) -> dict:
    data = {"preset": "specialist",
            "general": {"title": "Nõunik", "unit": ["Teenuste osakond", "hoolekande talitus",
                                                    "kvaliteedi tiim"],
                        "supervisor": "Juhataja"},
            "purpose": "Ametikoha eesmärk on nõustamine.",
            "duties": [{"text": "Nõustamine.", "results": ["Nõu on antud."]}]}
    data.update(extra)
    return data


RESPONSIBILITIES_2022 = [
    "tööülesannete tulemusliku täitmise eest vastavalt ametijuhendile, ameti põhimäärusele, "
    "äriprotsesside töövoogudele ja muudele kehtivatele õigusaktidele, juhenditele ning "
    "püstitatud eesmärkidele;",
    "tööülesannete täitmiseks antud riigi vara heaperemeheliku kasutamise eest;",
    "tööülesannete täitmisega seoses teatavaks saanud isikuandmete ning juurdepääsupiiranguga "
    "teabe ja konfidentsiaalse info hoidmise eest;",
    "andmebaaside ja infosüsteemide turvalise ja sihipärase kasutamise eest;",
    "oma kvalifikatsiooni hoidmise ning täiendamise eest;",
    "ameti maine hoidmise eest enda poolt vahendatavas teabes ja oma tegevustes."]


def test_the_whole_list_replaced_in_one_step():
    jd = ajdoc.role_from_dict(role(edit={"amendment": {"items": ["Esimene lause.",
                                                                 "Teine lause."]}}))
    assert [i.text for i in jd.amendment] == ["Esimene lause.", "Teine lause."]
    assert all(i.source.edited for i in jd.amendment)


def test_words_changed_inside_one_item_without_retyping_it():
    jd = ajdoc.role_from_dict(role(edit={"responsibilities": {
        "words": {4: {"ja sihipärase": "ning sihipärase"}}}}))
    texts = [i.text for i in jd.responsibilities]
    assert texts[3] == "andmebaaside ja infosüsteemide turvalise ning sihipärase kasutamise eest;"
    assert texts[:3] + texts[4:] == RESPONSIBILITIES_2022[:3] + RESPONSIBILITIES_2022[4:]
    # explain marks the changed item only
    marks = [" (edited)" in str(i.source) for i in jd.responsibilities]
    assert marks == [False, False, False, True, False, False]
    lines = [line for line in ajdoc.explain(jd) if "responsibilities@1" in line]
    assert sum("(edited)" in line for line in lines) == 1


def test_words_picked_by_the_start_of_the_item_and_a_missing_word_said():
    jd = ajdoc.role_from_dict(role(edit={"responsibilities": {
        "words": {"oma kvalifikatsiooni": {"hoidmise ning": "hoidmise ja"}}}}))
    assert jd.responsibilities[4].text == "oma kvalifikatsiooni hoidmise ja täiendamise eest;"
    with pytest.raises(ajdoc.AjdocError, match="'pole olemas' is not in item 4"):
        ajdoc.role_from_dict(role(edit={"responsibilities": {
            "words": {4: {"pole olemas": "x"}}}}))


def test_one_item_taken_from_another_variant():
    jd = ajdoc.role_from_dict(role(edit={"responsibilities": {
        "replace": {3: {"from": "2025", "item": 3}}}}))
    third = jd.responsibilities[2]
    assert third.text == ("teenistusülesannete täitmisega seoses teatavaks saanud isikuandmete, "
                          "riigisaladuse ning muu juurdepääsupiiranguga teabe ja "
                          "konfidentsiaalse info hoidmise eest;")
    assert str(third.source) == "responsibilities@1:2025"  # where it came from
    assert str(jd.responsibilities[0].source) == "responsibilities@1:2022"


def test_the_numbering_style_applies_to_the_general_part():
    dotted = lines_of(ajdoc.render(ajdoc.role_from_dict(role(numbering={"trailing_dot": True}))))
    assert "1.1. Ametinimetus" in dotted and "3.1. Nõustamine." in dotted
    plain = lines_of(ajdoc.render(ajdoc.role_from_dict(role())))
    assert "1.1 Ametinimetus" in plain and "3.1 Nõustamine." in plain
    duties = lines_of(ajdoc.render(ajdoc.role_from_dict(role(numbering={"trailing_dot":
                                                                        "duties"}))))
    assert "1.1 Ametinimetus" in duties and "3.1. Nõustamine." in duties


def test_unit_lines_joined_or_one_per_level():
    joined = lines_of(ajdoc.render(ajdoc.role_from_dict(role())))
    assert "Teenuste osakond, hoolekande talitus (kvaliteedi tiim)" in joined
    levels = docx_text(ajdoc.render(ajdoc.role_from_dict(role(unit_lines="levels"))))
    assert "Teenuste osakond\nhoolekande talitus\nkvaliteedi tiim" in levels


def test_template_check_accepts_indexing_filters_and_loops(tmp_path):
    import docx

    doc = docx.Document()
    doc.add_paragraph("{{ signatures[0].label }} {{ g.title|upper }} {{ duties|length }}")
    doc.add_paragraph("{%p for d in duties %}")
    doc.add_paragraph("{{ d.number }} {{ d.results[0] if d.results else '' }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{{ h['title'] }} {{ signature_heading }}")
    path = tmp_path / "minu.docx"
    doc.save(path)
    errors = [f for f in check_template(path) if f.level == "error"]
    assert errors == []
    doc.add_paragraph("{{ signatures[0].nimi }}")
    doc.save(path)
    errors = [f for f in check_template(path) if f.level == "error"]
    assert [e.message for e in errors] == [
        "uses 'signatures[].nimi', which ajdoc does not provide (rendering would stop there)"]


def test_an_edit_of_the_wrong_shape_teaches():
    with pytest.raises(ajdoc.AjdocError) as err:
        ajdoc.role_from_dict(role(edit={"rights": "eemalda esimene"}))
    assert "edit.rights" in str(err.value) and "variant" in str(err.value)
    assert "e.g." in str(err.value)
    with pytest.raises(ajdoc.AjdocError) as err:  # the user's key path, no internal 'items'
        ajdoc.role_from_dict(role(edit={"rights": {"remove": ["saada"]}}))
    assert "edit.rights.remove[1]" in str(err.value)
    assert "matches several items" in str(err.value)


def test_a_scaffold_for_an_employee(tmp_path):
    out = tmp_path / "roll.yaml"
    ajdoc.write_scaffold("specialist", out, position_group="töötaja")
    text = out.read_text(encoding="utf-8")
    assert "work_tools: work-tools:tootaja" in text
    assert "duties_heading: heading.duties:too-voi-teenistus" in text
    assert "employee: TODO" in text and "position_group: töötaja" in text
    for kind in ("remove:", "add:", "replace:", "words:", "from:", "items: ["):
        assert kind in text, kind
    # filled in, it composes with the employee's wording and both parties' signature
    from ajdoc import yamlio
    from ajdoc.compose import compose

    jd = compose(yamlio.parse(text.replace("TODO ", ""), "roll.yaml"))
    assert jd.signature.mode == "both" and jd.work_tools.text.startswith(
        "Töövahenditeks on töötaja")


def test_import_of_a_handmade_employee_document_with_both_signatures(tmp_path):
    from test_import_handmade import handmade

    # typed by hand as the form prints it: "Poolte allkirjad:", the parties side by side
    data = handmade(signature="heading", numbers=("3.1.", "3.2.", "3.3.", "3.4.", "3.5."))
    path = tmp_path / "tootaja.docx"
    path.write_bytes(data)
    result = ajdoc.import_document(path)
    sig = result.role["signature"]
    assert (sig["name"], sig["title"]) == ("Maret Maripuu", "peadirektor")
    assert (sig["employee"], sig["employee_title"]) == ("Mari Maasikas", "koordinaator")
    rendered = ajdoc.render(result.compose())
    assert similarity(docx_text(data), docx_text(rendered)) >= 0.98


def test_the_template_context_reference_is_current():
    from ajdoc.rendering.reference import reference

    text = (ROOT / "docs" / "template-context.md").read_text(encoding="utf-8")
    assert text == reference(ROOT / "examples"), "run: python -m ajdoc.rendering.reference"
    for variable in ("signatures[].label", "signature_heading", "g.unit", "duties[].results",
                     "d.points[].subpoints[].text", "h.title"):
        assert f"`{variable}`" in text, variable
