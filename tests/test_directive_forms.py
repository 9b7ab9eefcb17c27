"""Every form of directive on job descriptions the agency's register holds: the whole directive
text compared with the Estonian expected for it (written from the forms of the register, not from
ajdoc's output)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ajdoc
from conftest import EXAMPLES
from docxtext import docx_text

APPEAL = ("Käskkirja peale on õigus 30 päeva jooksul käskkirja teatavaks tegemisest esitada vaie "
          "Sotsiaalkindlustusametile haldusmenetluse seaduses sätestatud korras või kaebus "
          "halduskohtule halduskohtumenetluse seadustikus sätestatud korras.")
BASIS = ("Avaliku teenistuse seaduse § 52 lõigete 1 ja 2 ning sotsiaalkaitseministri 30.01.2019 "
         "määruse nr 2 „Sotsiaalkindlustusameti põhimäärus” § 10 lõike 1 punkti 9")
ROLE = (EXAMPLES / "peaspetsialist-lastemaja.yaml").read_text(encoding="utf-8")
UNIT = ("  unit:\n    department: Laste heaolu osakond\n"
        "    division: traumeeritud laste toetamise talitus\n")

# (file name, title, unit path) of the role files the tests use
POSTS = {
    "a": ("Peaspetsialist (lastemaja)", ["Laste heaolu osakond",
                                         "traumeeritud laste toetamise talitus"]),
    "b": ("Juhtivspetsialist (lastemaja)", ["Laste heaolu osakond",
                                            "traumeeritud laste toetamise talitus"]),
    "c": ("Teenuseomanik (lastemaja)", ["Laste heaolu osakond",
                                        "traumeeritud laste toetamise talitus"]),
    "n": ("Nõunik", ["Laste heaolu osakond", "nõustamisteenuste talitus"]),
    "j": ("Jurist", ["Õigusosakond"]),
}


def _role(title: str, unit: list[str]) -> str:
    keys = ["department", "division", "team"]
    block = "  unit:\n" + "".join(f"    {k}: {v}\n" for k, v in zip(keys, unit))
    return ROLE.replace("title: Peaspetsialist (lastemaja)", f"title: {title}").replace(UNIT, block)


def directive(tmp_path: Path, body: str, posts: str = "a") -> str:
    """The text of the directive document written from a directive file with `body` and the
    role files of `posts` (letters of POSTS) as its annexes."""
    return docx_text(written(tmp_path, body, posts)[tmp_path / "kaskkiri-1-1-200.docx"])


def written(tmp_path: Path, body: str, posts: str = "a") -> dict[Path, bytes]:
    """The files of the directive (see `directive`)."""
    for key in posts:
        title, unit = POSTS[key]
        (tmp_path / f"{key}.yaml").write_text(_role(title, unit), encoding="utf-8")
    head = ("signer: {name: Maret Maripuu, title: peadirektor}\nnumber: 1-1/200\n"
            "date: 2026-01-15\n")
    path = tmp_path / "kaskkiri.yaml"
    path.write_text(head + f"annexes: [{', '.join(f'{k}.yaml' for k in posts)}]\n" + body,
                    encoding="utf-8")
    return ajdoc.directive_files(ajdoc.load_directive(path), tmp_path)


def expected(title: str, points: list[str], signer: str = "peadirektor",
             basis: str = BASIS) -> str:
    return "\n".join(["KÄSKKIRI", "15.01.2026 nr 1-1/200", title, f"{basis} alusel", *points,
                      APPEAL, "", "", "(allkirjastatud digitaalselt)", "Maret Maripuu", signer])


UNIT_A = "Kinnitan laste heaolu osakonna traumeeritud laste toetamise talituse"


def test_one_annex_no_repeal(tmp_path):
    text = directive(tmp_path, "unit: [Laste heaolu osakond, traumeeritud laste toetamise talitus]\n")
    assert text == expected("Ametijuhendi kinnitamine", [
        f"1. {UNIT_A} peaspetsialisti (lastemaja) ametijuhendi vastavalt lisale.",
        "2. Käskkiri jõustub allkirjastamisel."])


def test_several_repeals_in_one_point_with_annexes_and_retroactive_application(tmp_path):
    body = """unit: [Laste heaolu osakond, traumeeritud laste toetamise talitus]
repeals:
  - {date: 2024-02-02, number: 14}
  - {date: 2024-03-05, number: 33}
  - {date: 2024-04-11, number: 52}
  - {date: 2024-10-10, number: 150, annexes: [1, 2, 3, 5, 8, 9]}
entry_into_force: signing
retroactive: 2025-03-01
style: {signing: allkirjastamisest}
"""
    text = directive(tmp_path, body, "abc")
    assert text == expected("Ametijuhendite kinnitamine", [
        f"1. {UNIT_A} ametijuhendid vastavalt lisadele 1 kuni 3 järgmiselt:",
        "1.1. peaspetsialist (lastemaja) (lisa 1);",
        "1.2. juhtivspetsialist (lastemaja) (lisa 2);",
        "1.3. teenuseomanik (lastemaja) (lisa 3).",
        "2. Tunnistan kehtetuks peadirektori 02.02.2024 käskkirja nr 14 „Ametijuhendi "
        "kinnitamine”, 05.03.2024 käskkirja nr 33 „Ametijuhendi kinnitamine” ja 11.04.2024 "
        "käskkirja nr 52 „Ametijuhendi kinnitamine” ning peadirektori 10.10.2024 käskkirja nr 150 "
        "lisad 1 kuni 3, 5 ja 8 kuni 9.",
        "3. Käskkiri jõustub allkirjastamisest ja käskkirja punktis 1 kinnitatud ametijuhendeid "
        "rakendatakse tagasiulatuvalt 2025. aasta 1. märtsist."])


def test_annexes_and_approved_job_descriptions_joined_by_ning(tmp_path):
    body = """unit: [Laste heaolu osakond, traumeeritud laste toetamise talitus]
repeals:
  - {date: 2024-10-10, number: 150, annexes: [4]}
  - {date: 2025-01-12, number: 8, job_descriptions: true}
  - {date: 2025-02-20, number: 25, job_descriptions: true}
entry_into_force: none
"""
    text = directive(tmp_path, body, "ab")
    assert text == expected("Ametijuhendite kinnitamine", [
        f"1. {UNIT_A} ametijuhendid vastavalt lisadele 1 kuni 2 järgmiselt:",
        "1.1. peaspetsialist (lastemaja) (lisa 1);",
        "1.2. juhtivspetsialist (lastemaja) (lisa 2).",
        "2. Tunnistan kehtetuks peadirektori 10.10.2024 käskkirja nr 150 lisa 4 ning "
        "peadirektori 12.01.2025 käskkirjaga nr 8 ja 20.02.2025 käskkirjaga nr 25 kinnitatud "
        "ametijuhendid."])


def test_acting_signer_with_the_appointing_directive_in_the_legal_basis(tmp_path):
    body = """unit: [Laste heaolu osakond, traumeeritud laste toetamise talitus]
signer:
  name: Maret Maripuu
  title: osakonnajuhataja
  acting_for: peadirektor
  appointed_by: {date: 2024-07-01, number: 1-2/15, title: Peadirektori asendaja määramine}
entry_into_force: 2026-02-01
"""
    (tmp_path / "a.yaml").write_text(_role(*POSTS["a"]), encoding="utf-8")
    path = tmp_path / "kaskkiri.yaml"
    path.write_text("number: 1-1/200\ndate: 2026-01-15\nannexes: [a.yaml]\n" + body,
                    encoding="utf-8")
    d = ajdoc.load_directive(path)
    files = ajdoc.directive_files(d, tmp_path)
    text = docx_text(files[tmp_path / "kaskkiri-1-1-200.docx"])
    assert text == expected("Ametijuhendi kinnitamine", [
        f"1. {UNIT_A} peaspetsialisti (lastemaja) ametijuhendi vastavalt lisale.",
        "2. Käskkiri jõustub 2026. aasta 1. veebruaril."],
        signer="osakonnajuhataja peadirektori ülesannetes",
        basis=BASIS.replace(" ning sotsiaal", ", sotsiaal") + " ning peadirektori 01.07.2024 "
        "käskkirja nr 1-2/15 „Peadirektori asendaja määramine”")
    # the annexes are the director general's directive's, whoever signed it
    annex = docx_text(files[tmp_path / "kaskkiri-1-1-200-lisa-1.docx"])
    assert annex.startswith("KINNITATUD\nSotsiaalkindlustusameti peadirektori 15.01.2026\n")
    record = json.loads(files[tmp_path / "kaskkiri-1-1-200.json"])
    assert record["signer"] == {"name": "Maret Maripuu", "title": "osakonnajuhataja",
                                "acting_for": "peadirektor"}


def test_extra_legal_basis_added_and_abbreviated_provisions(tmp_path):
    body = """unit: Õigusosakond
legal_basis:
  add:
    - law: töölepingu seadus
      provision: {section: 12}
style: {provisions: abbreviations, quotes: straight, signer_capital: true}
"""
    text = directive(tmp_path, body, "j")
    assert text == expected("Ametijuhendi kinnitamine", [
        "1. Kinnitan õigusosakonna juristi ametijuhendi vastavalt lisale.",
        "2. Käskkiri jõustub allkirjastamisel."], signer="Peadirektor",
        basis="Avaliku teenistuse seaduse § 52 lg 1 ja 2, sotsiaalkaitseministri 30.01.2019 "
              "määruse nr 2 \"Sotsiaalkindlustusameti põhimäärus\" § 10 lg 1 p 9 ning "
              "töölepingu seaduse § 12")


def test_amending_one(tmp_path):
    text = directive(tmp_path, "kind: amend\nunit: [Laste heaolu osakond, traumeeritud laste "
                               "toetamise talitus]\nentry_into_force: 2026-02-01\n")
    assert text == expected("Ametijuhendi muutmine", [
        f"1. Muudan laste heaolu osakonna traumeeritud laste toetamise talituse peaspetsialisti "
        "(lastemaja) ametijuhendit vastavalt lisale.",
        "2. Käskkiri jõustub 2026. aasta 1. veebruaril."])


def test_amending_three_with_dash_ranges_and_retroactive(tmp_path):
    body = """kind: amend
unit: [Laste heaolu osakond, traumeeritud laste toetamise talitus]
retroactive: 2026-01-01
style: {ranges: dash}
"""
    text = directive(tmp_path, body, "abc")
    assert text == expected("Ametijuhendite muutmine", [
        "1. Muudan laste heaolu osakonna traumeeritud laste toetamise talituse ametijuhendeid "
        "vastavalt lisadele 1-3 järgmiselt:",
        "1.1. peaspetsialist (lastemaja) (lisa 1);",
        "1.2. juhtivspetsialist (lastemaja) (lisa 2);",
        "1.3. teenuseomanik (lastemaja) (lisa 3).",
        "2. Käskkiri jõustub allkirjastamisel ja käskkirja punktis 1 muudetud ametijuhendeid "
        "rakendatakse tagasiulatuvalt 2026. aasta 1. jaanuarist."])


def test_title_from_the_file_wins_over_the_count(tmp_path):
    text = directive(tmp_path, "title: Ametijuhendi kinnitamine\nunit: [Laste heaolu osakond, "
                               "traumeeritud laste toetamise talitus]\n", "ab")
    assert text.split("\n")[2] == "Ametijuhendi kinnitamine"


def test_whole_department_names_each_subunit(tmp_path):
    text = directive(tmp_path, "unit: Laste heaolu osakond\n", "an")
    assert text == expected("Ametijuhendite kinnitamine", [
        "1. Kinnitan laste heaolu osakonna ametijuhendid vastavalt lisadele 1 kuni 2 järgmiselt:",
        "1.1. traumeeritud laste toetamise talituse peaspetsialist (lastemaja) (lisa 1);",
        "1.2. nõustamisteenuste talituse nõunik (lisa 2).",
        "2. Käskkiri jõustub allkirjastamisel."])


def test_posts_across_units_name_their_units(tmp_path):
    text = directive(tmp_path, "", "nj")
    assert text == expected("Ametijuhendite kinnitamine", [
        "1. Kinnitan ametijuhendid vastavalt lisadele 1 kuni 2 järgmiselt:",
        "1.1. laste heaolu osakonna nõustamisteenuste talituse nõunik (lisa 1);",
        "1.2. õigusosakonna jurist (lisa 2).",
        "2. Käskkiri jõustub allkirjastamisel."])


def test_the_common_unit_of_the_annexes_when_the_file_names_none(tmp_path):
    text = directive(tmp_path, "", "ab")
    assert text.split("\n")[4] == (f"1. {UNIT_A} ametijuhendid vastavalt lisadele 1 kuni 2 "
                                   "järgmiselt:")


def test_repeals_as_data_in_the_records_file(tmp_path):
    body = """unit: Laste heaolu osakond
repeals:
  - {date: 2024-10-10, number: 150, annexes: [3, 1, 2]}
  - {date: 2025-01-12, number: 8, job_descriptions: true}
"""
    record = json.loads(written(tmp_path, body)[tmp_path / "kaskkiri-1-1-200.json"])
    assert record["repeals"] == [
        {"signer_title": "peadirektor", "date": "2024-10-10", "number": "150",
         "title": "Ametijuhendi kinnitamine", "scope": "annexes", "annexes": [1, 2, 3]},
        {"signer_title": "peadirektor", "date": "2025-01-12", "number": "8",
         "title": "Ametijuhendi kinnitamine", "scope": "job_descriptions"}]


@pytest.mark.parametrize("body,message", [
    ("repeals: [{date: 2024-01-01, number: 1, annexes: []}]", "expected at least one annex"),
    ("repeals: [{date: 2024-01-01, number: 1, annexes: [0]}]", "a whole number from 1"),
    ("repeals: [{date: 2024-01-01, number: 1, annexes: [1], job_descriptions: true}]",
     "either annexes: or job_descriptions"),
    ("retroactive: 2026-02-01", "after the directive's date"),
    ("kind: repeal", "expected 'approve' or 'amend'"),
    ("style: {quotes: fancy}", "expected 'typographic' or 'straight'"),
    ("legal_basis: [{provision: {section: 1}}]", "one of law:, regulation: or directive:"),
])
def test_mistakes_in_the_new_keys(tmp_path, body, message):
    with pytest.raises(ajdoc.AjdocError, match=message):
        directive(tmp_path, body + "\n")


def _check(tmp_path: Path, body: str, posts: str = "a", annexes: str | None = None) -> str:
    from ajdoc.checks.files import lint_file

    for key in posts:
        (tmp_path / f"{key}.yaml").write_text(_role(*POSTS[key]), encoding="utf-8")
    names = annexes or ", ".join(f"{k}.yaml" for k in posts)
    path = tmp_path / "kaskkiri.yaml"
    path.write_text(f"number: 3\ndate: 2026-01-15\nannexes: [{names}]\n{body}", encoding="utf-8")
    checked = lint_file(path)
    assert checked.kind == "directive"
    return "\n".join(str(w) for w in checked.warnings if "substitutes itself" not in str(w))


def test_check_warns_of_an_acting_signer_without_the_appointing_directive(tmp_path):
    body = "signer: {name: Mari Maasikas, title: osakonnajuhataja, acting_for: peadirektor}\n"
    assert "names no directive appointing the substitute" in _check(tmp_path, body)
    body += "legal_basis:\n  add:\n    - directive: {issuer: peadirektor, date: 2024-07-01, " \
            "number: 5, title: Asendaja määramine}\n"
    assert _check(tmp_path, body) == ""


def test_check_warns_of_repealed_annexes_out_of_order(tmp_path):
    body = ("signer: {name: Mari Maasikas, title: peadirektor}\n"
            "repeals: [{date: 2024-01-01, number: 1, annexes: [3, 1, 2]}]\n")
    found = _check(tmp_path, body)
    assert "repeals[1].annexes" in found and "not in ascending order" in found


def test_check_warns_of_amending_a_job_description_the_folder_does_not_hold(tmp_path):
    drafts = tmp_path / "eelnoud"
    drafts.mkdir()
    (drafts / "uus.yaml").write_text(_role("Arhivaar", ["Üldosakond"]), encoding="utf-8")
    folder = tmp_path / "rollid"
    folder.mkdir()
    body = "kind: amend\nsigner: {name: Mari Maasikas, title: peadirektor}\n"
    found = _check(folder, body, posts="a", annexes="a.yaml, ../eelnoud/uus.yaml")
    assert "amends 'Arhivaar'" in found and "annexes[2]" in found
    assert "Peaspetsialist" not in found  # in the folder: amending it is fine


# -- Estonian forms in the headers (issue 11) --------------------------------------------------
def _one(tmp_path: Path, unit: list[str], title: str, body: str = "") -> tuple[str, str]:
    """The directive's first point and its annex's header, for a post of `title` in `unit`."""
    (tmp_path / "x.yaml").write_text(_role(title, unit), encoding="utf-8")
    path = tmp_path / "kaskkiri.yaml"
    path.write_text("signer: {name: Maret Maripuu, title: Peadirektor}\nnumber: 7\n"
                    "date: 2026-01-15\nannexes: [x.yaml]\n" + body, encoding="utf-8")
    files = ajdoc.directive_files(ajdoc.load_directive(path), tmp_path)
    text = docx_text(files[tmp_path / "kaskkiri-7.docx"]).split("\n")
    annex = docx_text(files[tmp_path / "kaskkiri-7-lisa-1.docx"]).split("\n")
    return next(t for t in text if t.startswith("1. ")), "\n".join(annex[:3])


@pytest.mark.parametrize("unit,title,point", [
    (["Pärnu esindus"], "Nõunik",
     "1. Kinnitan Pärnu esinduse nõuniku ametijuhendi vastavalt lisale."),
    (["KOV nõustamise osakond"], "IT-arhitekt",
     "1. Kinnitan KOV nõustamise osakonna IT-arhitekti ametijuhendi vastavalt lisale."),
    (["Regionaalne sotsiaalteenuste osakond"], "Vanemspetsialist",
     "1. Kinnitan regionaalse sotsiaalteenuste osakonna vanemspetsialisti ametijuhendi "
     "vastavalt lisale."),
    (["Põhja prefektuur", "Ida-Harju politseijaoskond"], "Juhtivinspektor",
     "1. Kinnitan Põhja prefektuuri Ida-Harju politseijaoskonna juhtivinspektori ametijuhendi "
     "vastavalt lisale."),
])
def test_units_and_titles_in_the_approving_sentence(tmp_path, unit, title, point):
    first, annex = _one(tmp_path, unit, title)
    assert first == point
    # the signer's title written with a capital stands in the sentence in lower case
    assert annex == "KINNITATUD\nSotsiaalkindlustusameti peadirektori 15.01.2026\nkäskkirjaga nr 7"


def test_forms_per_case_reach_each_case(tmp_path):
    body = ('agency: Eesti Töötukassa\nunit: Üldosakond\nforms:\n  "Eesti Töötukassa": '
            '{genitive: Eesti Töötukassa, allative: Eesti Töötukassale}\n')
    (tmp_path / "x.yaml").write_text(_role("Nõunik", ["Üldosakond"]).replace(
        "agency: Sotsiaalkindlustusamet", "agency: Eesti Töötukassa"), encoding="utf-8")
    path = tmp_path / "kaskkiri.yaml"
    path.write_text("signer: {name: Maret Maripuu, title: juhatuse esimees}\nnumber: 7\n"
                    "date: 2026-01-15\nannexes: [x.yaml]\nlegal_basis: Seaduse alusel\n" + body,
                    encoding="utf-8")
    files = ajdoc.directive_files(ajdoc.load_directive(path), tmp_path)
    text = docx_text(files[tmp_path / "kaskkiri-7.docx"])
    annex = docx_text(files[tmp_path / "kaskkiri-7-lisa-1.docx"])
    assert "esitada vaie Eesti Töötukassale haldusmenetluse" in text     # the allative given
    assert annex.startswith("KINNITATUD\nEesti Töötukassa juhatuse esimehe 15.01.2026\n")
