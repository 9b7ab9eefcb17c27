"""Agency profiles (issue 15): the Transport Administration's example renders in that agency's
structure, a third profile written here in a temporary folder renders with no code of its own,
`ajdoc profiles`, `profile new`, `profile check`, and `check` warnings about whose a document is.

The expected texts are written from the public facts of the agency's documents (the issue), not
read from ajdoc's data."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import ajdoc
from ajdoc import AjdocError

from conftest import EXAMPLES, run_cli
from docxtext import docx_text

TRA = EXAMPLES / "transpordiamet"


def lines(data: bytes) -> list[str]:
    return [" ".join(line.split()) for line in docx_text(data).splitlines() if line.strip()]


@pytest.fixture(scope="module")
def tra_files() -> dict[str, bytes]:
    d = ajdoc.load_directive(TRA / "kaskkiri.yaml")
    return {p.name: data for p, data in ajdoc.directive_files(d, Path("out")).items()}


# -- the second agency, from the facts of its documents ------------------------------------------
def test_the_directive_reads_as_the_transport_administrations(tra_files):
    text = lines(tra_files["kaskkiri-2-1-2-26-001.docx"])
    assert "05.01.2026 nr 2.1-2/26/001" in text
    # the title names the posts
    assert "Teehoiuteenistuse direktori ja juhtivspetsialisti teenistuskohtade ametijuhendite " \
           "kinnitamine" in text
    # the legal basis with abbreviations, the statute in quotes, "alusel:"
    assert ("Avaliku teenistuse seaduse § 52 lg 2 ning majandus- ja taristuministri 03.12.2020 "
            "määruse nr 82 „Transpordiameti põhimäärus“ § 6 p 5 alusel:") in text
    assert "1. Kinnitan Transpordiameti teehoiuteenistuse järgmiste teenistuskohtade " \
           "ametijuhendid:" in text
    assert "1.1. teehoiuteenistuse direktori ametijuhend (lisa 1);" in text
    assert "1.2. juhtivspetsialisti ametijuhend (lisa 2)." in text
    assert "2. Käskkiri jõustub allkirjastamisel." in text
    # no appeal clause, and nothing of the Social Insurance Board
    joined = "\n".join(text)
    assert "vaie" not in joined and "halduskohtule" not in joined
    assert "Sotsiaalkindlustusamet" not in joined and "sotsiaalkaitseminist" not in joined
    assert text[-2:] == ["Priit Sauk", "peadirektor"]


def test_the_annexes_are_in_the_agencys_structure(tra_files):
    first = lines(tra_files["kaskkiri-2-1-2-26-001-lisa-1.docx"])
    # on top: the annex, agency and service in capitals, the post in capitals in the genitive
    assert first[:5] == ["Lisa 1", "TRANSPORDIAMET", "TEEHOIUTEENISTUS",
                         "TEEHOIUTEENISTUSE DIREKTORI", "AMETIJUHEND"]
    general = first[first.index("1. Üldosa") + 1:first.index("2. Teenistuskoha eesmärk")]
    assert general == [
        "1.1. Struktuuriüksuse nimetus teehoiuteenistus",
        "1.2. Teenistuskoha nimetus teehoiuteenistuse direktor",
        "1.3. Ametisse nimetab peadirektor",
        "1.4. Allub peadirektori asetäitjale",                 # allative
        "1.5. Asendaja teehoiu osakonna juhataja",
        "1.6. Asendab teehoiu osakonna juhatajat",             # partitive
    ]
    duties = first[first.index("3. Teenistusülesanded") + 1:first.index("4. Õigused")]
    numbered = [d for d in duties if re.match(r"\d+\.\d+\. ", d)]
    assert [d.split()[0] for d in numbered] == ["3.1.", "3.2.", "3.3.", "3.4."]
    assert numbered[0] == "3.1. Teehoiuteenistuse töö planeerimine ja juhtimine, sh:"
    assert duties[1:3] == ["teenistuse eesmärkide ja tegevuskava koostamine;",
                           "teenistuse eelarve koostamine ja selle täitmise jälgimine."]
    # a list, not a two-column table of duties and results
    assert "Oodatav tulemus" not in "\n".join(first) and "Tulemus" not in "\n".join(first)
    headings = [h for h in first if re.fullmatch(r"\d+\. [A-ZÕÄÖÜ].*", h)]
    assert headings == ["1. Üldosa", "2. Teenistuskoha eesmärk", "3. Teenistusülesanded",
                        "4. Õigused", "5. Vastutus", "6. Nõuded teenistuskoha täitjale",
                        "7. Ametijuhendi muutmine"]
    second = lines(tra_files["kaskkiri-2-1-2-26-001-lisa-2.docx"])
    assert second[:5] == ["Lisa 2", "TRANSPORDIAMET", "TEEHOIUTEENISTUS", "JUHTIVSPETSIALISTI",
                          "AMETIJUHEND"]
    assert "1.4. Allub teehoiuteenistuse direktorile" in second
    assert "1.6. Asendab peaspetsialisti" in second


def test_a_row_without_a_value_takes_no_number(tra_files):
    second = lines(tra_files["kaskkiri-2-1-2-26-001-lisa-2.docx"])
    reqs = second[second.index("6. Nõuded teenistuskoha täitjale") + 1:
                  second.index("7. Ametijuhendi muutmine")]
    # the role gives no knowledge and skills nor personal qualities: 6.1 to 6.3, no gap
    assert [r.split()[0] for r in reqs] == ["6.1.", "6.2.", "6.3."]


def test_the_records_name_the_agency(tra_files):
    record = tra_files["kaskkiri-2-1-2-26-001.json"].decode("utf-8")
    assert '"Transpordiamet"' in record and "Sotsiaalkindlustusamet" not in record


def test_a_role_of_the_profile_renders_alone_in_its_layout():
    jd = ajdoc.load_role(TRA / "juhtivspetsialist.yaml")
    assert jd.profile.agency == "Transpordiamet"
    text = lines(ajdoc.render(jd))
    assert text[:4] == ["TRANSPORDIAMET", "TEEHOIUTEENISTUS", "JUHTIVSPETSIALISTI", "AMETIJUHEND"]
    assert "3.3. Vahetu juhi antud muude ühekordsete ülesannete täitmine oma pädevuse piires." \
        in text


# -- a third profile, written here: no code of its own ------------------------------------------
THIRD_PROFILE = """
id: metsaamet
agency: Metsaamet
signer_title: peadirektor
appointed_by: peadirektor
default_layout: {role: loetelu, directive: loetelu}
document_title: TÖÖKOHA KIRJELDUS
duties_heading: TÖÖÜLESANDED
property_title: "Töökoha kirjeldus: {title}"
register_kind: Peadirektori käskkiri
directive:
  property_title: "Käskkiri {date} nr {number}"
  legal_basis:
    - law: töölepingu seadus
      provision: {section: 5, subsections: [1]}
    - regulation:
        issuer: kliimaminister
        date: 2024-02-01
        number: 7
        title: Metsaameti põhimäärus
      provision: {section: 9, points: [3]}
  style: {quotes: straight, ranges: dash, signer_capital: false, repeal_points: together,
          signing: allkirjastamisest, provisions: words}
special_labels: [Eritingimused]
special_label: Eritingimused
forms: {}
"""
THIRD_LAYOUTS = """
loetelu:
  template: ametijuhend-list.docx
  combined_template: kaskkiri-list-combined.docx
  number_dot: false
  numbering: {sections: "{n}) "}
  lacks: [results, competencies, additional, work_tools, subordinates, special_conditions]
  top:
    - {text: "{agency}", upper: true}
    - "{doc_title}"
    - "{annex}"
  sections:
    - heading: "Töökoha andmed"
      rows:
        - {label: "Ametinimetus:", value: title}
        - {label: "Üksus:", value: unit}
        - {label: "Juht:", value: supervisor}
    - {heading: "Töö eesmärk", paragraphs: purpose}
    - {heading: "Tööülesanded", numbered: duties}
    - {heading: "Kohustused", bullets: responsibilities}
"""
THIRD_PHRASES = """
directive:
  titles:
    approve: {one: "Töökoha kirjelduse kinnitamine", many: "Töökohtade kirjelduste kinnitamine"}
  approve:
    one: "Kinnitan {agency_genitive} {title_genitive} töökoha kirjelduse (lisa)."
  appeal: ""
"""
THIRD_BLOCKS = """
blocks:
  - id: ma.kohustused
    version: 1
    kind: list
    title: Kohustused
    variants:
      default: {items: ["hoida metsa;", "teavitada juhti."]}
"""
THIRD_PRESET = """
id: tootaja
title: Töötaja
position_group: töötaja
sections:
  responsibilities: ma.kohustused
"""
THIRD_ROLE = """
profile: metsaamet
preset: tootaja
general:
  title: Metsaülem
  unit: Lõuna regioon
  supervisor: Regiooni juht
purpose: Metsade hoid.
duties:
  - text: Metsa inventuur.
  - text: Raielubade menetlemine.
requirements:
  education: Kõrgharidus.
  experience: Kaks aastat.
  languages: [{language: eesti, level: C1}]
"""
THIRD_DIRECTIVE = """
profile: metsaamet
signer: {name: Mari Mets, title: peadirektor}
number: 1-5/7
date: 2026-03-02
annexes: [metsaulem.yaml]
"""


@pytest.fixture
def third(tmp_path) -> Path:
    prof = tmp_path / "metsaamet"
    for name, text in (("profile.yaml", THIRD_PROFILE), ("layouts.yaml", THIRD_LAYOUTS),
                       ("phrases.yaml", THIRD_PHRASES), ("blocks/ma.yaml", THIRD_BLOCKS),
                       ("presets/tootaja.yaml", THIRD_PRESET)):
        (prof / name).parent.mkdir(parents=True, exist_ok=True)
        (prof / name).write_text(text, encoding="utf-8")
    (tmp_path / "metsaulem.yaml").write_text(THIRD_ROLE, encoding="utf-8")
    (tmp_path / "kaskkiri.yaml").write_text(THIRD_DIRECTIVE, encoding="utf-8")
    return tmp_path


def test_a_third_profile_renders_its_job_description(third):
    jd = ajdoc.load_role(third / "metsaulem.yaml")
    with pytest.warns(ajdoc.LayoutWarning) as warned:
        data = ajdoc.render(jd)
    # what the layout does not name is not printed, and said so
    assert sorted(re.search(r"no place for (\w+)", str(w.message)).group(1) for w in warned) == [
        "education", "experience", "languages"]
    assert lines(data) == [
        "METSAAMET", "TÖÖKOHA KIRJELDUS",
        "1) Töökoha andmed",
        "Ametinimetus: Metsaülem", "Üksus: Lõuna regioon", "Juht: Regiooni juht",
        "2) Töö eesmärk", "Metsade hoid.",
        "3) Tööülesanded", "3.1 Metsa inventuur.", "3.2 Raielubade menetlemine.",
        "4) Kohustused", "hoida metsa;", "teavitada juhti.",
    ]


def test_a_third_profile_writes_its_directive(third):
    d = ajdoc.load_directive(third / "kaskkiri.yaml")
    with pytest.warns(ajdoc.LayoutWarning):
        files = ajdoc.directive_files(d, third / "out")
    directive = lines(files[third / "out" / "kaskkiri-1-5-7.docx"])
    assert directive[:3] == ["KÄSKKIRI", "02.03.2026 nr 1-5/7", "Töökoha kirjelduse kinnitamine"]
    assert directive[3] == ('Töölepingu seaduse § 5 lõike 1 ning kliimaministri 01.02.2024 '
                            'määruse nr 7 "Metsaameti põhimäärus" § 9 punkti 3 alusel')
    assert directive[4] == "1. Kinnitan Metsaameti metsaülema töökoha kirjelduse (lisa)."
    assert directive[5] == "2. Käskkiri jõustub allkirjastamisest."
    assert not any("vaie" in line for line in directive)
    annex = lines(files[third / "out" / "kaskkiri-1-5-7-lisa-1.docx"])
    assert annex[:3] == ["METSAAMET", "TÖÖKOHA KIRJELDUS", "Lisa"]
    assert "Ametinimetus: Metsaülem" in annex


def test_the_third_profile_passes_profile_check_and_its_library_is_its_own(third):
    res = run_cli("profile", "check", third / "metsaamet")
    assert res.returncode == 0, res.stderr
    assert "agency Metsaamet" in res.stdout and "1 blocks, 1 presets" in res.stdout
    res = run_cli("presets", "--profile", third / "metsaamet")
    assert res.returncode == 0 and "tootaja" in res.stdout and "specialist" not in res.stdout


# -- profiles as a user meets them ---------------------------------------------------------------
def test_profiles_lists_the_built_in_one():
    res = run_cli("profiles")
    assert res.returncode == 0 and "ska" in res.stdout and "Sotsiaalkindlustusamet" in res.stdout


def test_profile_new_copies_and_names_the_agency(tmp_path):
    res = run_cli("profile", "new", tmp_path / "uus", "--from", "ska", "--agency", "Maa-amet")
    assert res.returncode == 0, res.stderr
    assert ajdoc.resources.profile(tmp_path / "uus").agency == "Maa-amet"
    assert (tmp_path / "uus" / "layouts.yaml").is_file()
    assert run_cli("profile", "check", tmp_path / "uus").returncode == 0
    # a second time: the folder is not empty, nothing overwritten
    before = (tmp_path / "uus" / "profile.yaml").read_bytes()
    res = run_cli("profile", "new", tmp_path / "uus", "--from", "ska")
    assert res.returncode == 2 and "not empty" in res.stderr
    assert (tmp_path / "uus" / "profile.yaml").read_bytes() == before


def test_new_scaffolds_a_role_in_the_profile(tmp_path):
    out = tmp_path / "roles" / "uus.yaml"
    out.parent.mkdir()
    res = run_cli("new", "--preset", "teenistuja", "-o", out, "--profile", TRA / "profiil")
    assert res.returncode == 0, res.stderr
    text = out.read_text(encoding="utf-8")
    rel = Path("..") / ".." / Path(*(TRA / "profiil").parts[1:])
    assert re.search(r"^profile: (.+)$", text, re.M)
    named = re.search(r"^profile: (.+)$", text, re.M).group(1)
    assert (out.parent / named).resolve() == (TRA / "profiil").resolve(), rel
    assert "agency: Transpordiamet" in text and "Sotsiaalkindlustusamet" not in text
    assert "results:" not in text  # the profile's layout has no results


LAYOUT = "x: {template: ametijuhend-2022.docx}\n"


@pytest.mark.parametrize("profile_yaml, layouts, expected", [
    ("agency: [1, 2]\n", LAYOUT, "profile.yaml"),
    ("id: x\n", LAYOUT, "agency"),
    ("agency: X\n", None, "no layouts"),
    ("agency: X\n", "", "layouts.yaml"),
    ("agency: X\n", "a: &x [1]\nb: *x\n", "layouts.yaml, line 2: an alias"),
    ("agency: X\n\tid: y\n", LAYOUT, "profile.yaml, line 2"),
])
def test_a_broken_profile_is_one_message(tmp_path, profile_yaml, layouts, expected):
    prof = tmp_path / "p"
    prof.mkdir()
    (prof / "profile.yaml").write_text(profile_yaml, encoding="utf-8")
    if layouts is not None:
        (prof / "layouts.yaml").write_text(layouts, encoding="utf-8")
    res = run_cli("profile", "check", prof)
    assert res.returncode == 2, res.stdout + res.stderr
    assert res.stderr.count("\n") == 1 and expected in res.stderr and "Traceback" not in res.stderr


def test_a_profile_naming_an_unknown_field_is_refused_by_profile_check(tmp_path):
    prof = tmp_path / "p"
    shutil.copytree(TRA / "profiil", prof)
    text = (prof / "layouts.yaml").read_text(encoding="utf-8")
    (prof / "layouts.yaml").write_text(text.replace("value: education", "value: haridus"),
                                       encoding="utf-8")
    res = run_cli("profile", "check", prof)
    assert res.returncode == 2 and "haridus" in res.stderr and "layouts.yaml" in res.stderr


# -- check: whose the document is ---------------------------------------------------------------
def test_check_warns_about_another_agency_and_its_statute(tmp_path):
    shutil.copy(EXAMPLES / "teenuse-juht.yaml", tmp_path / "teenuse-juht.yaml")
    (tmp_path / "k.yaml").write_text(
        "agency: Transpordiamet\nsigner: {name: A B, title: peadirektor}\nnumber: 5\n"
        "date: 2026-01-05\nannexes: [teenuse-juht.yaml]\n", encoding="utf-8")
    checked = ajdoc.check(tmp_path / "k.yaml")
    codes = {w.code: w for w in checked.warnings}
    assert "agency-not-profile" in codes and "foreign-statute" in codes
    assert codes["agency-not-profile"].place.key == "agency"
    assert "Sotsiaalkindlustusameti põhimäärus" in codes["foreign-statute"].message
    assert "Transpordiameti põhimäärus" in codes["foreign-statute"].message


def test_check_warns_about_a_legal_basis_citing_another_agencys_statute(tmp_path):
    for name in ("teehoiuteenistuse-direktor.yaml", "juhtivspetsialist.yaml"):
        shutil.copy(TRA / name, tmp_path / name)
    shutil.copytree(TRA / "profiil", tmp_path / "profiil")
    text = (TRA / "kaskkiri.yaml").read_text(encoding="utf-8")
    (tmp_path / "k.yaml").write_text(text + (
        'legal_basis: "Keskkonnaameti põhimääruse § 3 alusel:"\n'), encoding="utf-8")
    res = run_cli("check", tmp_path / "k.yaml")
    assert res.returncode == 0, res.stderr
    assert "foreign-statute" in res.stderr and "Keskkonnaameti" in res.stderr
    assert "k.yaml" in res.stderr and "legal_basis" in res.stderr
    # the example itself: no warning about whose it is
    res = run_cli("check", TRA / "kaskkiri.yaml")
    assert res.returncode == 0 and "foreign-statute" not in res.stderr
    assert "agency-not-profile" not in res.stderr


def test_a_role_naming_another_agency_is_warned(tmp_path):
    text = (EXAMPLES / "teenuse-juht.yaml").read_text(encoding="utf-8")
    (tmp_path / "r.yaml").write_text(text.replace("agency: Sotsiaalkindlustusamet",
                                                  "agency: Maa-amet"), encoding="utf-8")
    with pytest.raises(AjdocError):
        ajdoc.check(tmp_path / "missing.yaml")
    checked = ajdoc.check(tmp_path / "r.yaml")
    warned = [w for w in checked.warnings if w.code == "agency-not-profile"]
    assert len(warned) == 1 and warned[0].place.line == 4 and "Maa-amet" in warned[0].message
