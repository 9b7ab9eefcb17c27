"""`ajdoc import` on Word files that ajdoc did not write: typed by hand, with odd spacing, numbers
and bullets typed as text, a duties table split in two, and a two-party signature.

Every document is built here with python-docx from plain "Normal" paragraphs (no Word list, no
ajdoc template), and every expectation is written from the document built, not from what the
importer returned before."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

import ajdoc
from ajdoc import importing as importer

LIB = ajdoc.load_library()
NBSP = "\u00a0"
SIGNED = "(allkirjastatud digitaalselt)"


# -- what the document says ---------------------------------------------------------------------
def items(ref: str) -> list[str]:
    """A standard block's items, as the library holds them (the text a real document copies)."""
    _, v = LIB.resolve(ref)
    return [f"{i.name}: {i.text}" if getattr(i, "name", None) else getattr(i, "text", i)
            for i in v.items] if v.items else [v.text]


def std_duty(ref: str) -> tuple[str, list[str], list[str]]:
    _, v = LIB.resolve(ref)
    return v.text, list(v.subitems), list(v.results)


OWN_1 = ("Kaitstud töö taotluste menetlemine, sh:",
         ["taotluste registreerimine;", "järjekorra pidamine."],
         ["Taotlused on õigeaegselt menetletud.", "Järjekord on ajakohane."])
OWN_2 = ("Teenuse osutajate aruannete ja arvete kontrollimine.", [],
         ["Aruanded ja arved on kontrollitud."])
DUTIES = [OWN_1, OWN_2, std_duty("duty.cooperation"), std_duty("duty.other-activities"),
          std_duty("duty.one-off-tasks")]
COMPETENCIES = ("competency.kliendikesksus:specialist", "competency.asjatundlikkus:specialist",
                "competency.koostoovoime", "competency.efektiivsus")
GENERAL = {"title": "Koordinaator (kaitstud töö)",
           "unit": {"department": "Teenuste osakond",
                    "division": "erihoolekande ja rehabilitatsiooni talitus"},
           "supervisor": "Projektijuht (kaitstud töö)",
           "substituted_by": "Koordinaator (kaitstud töö)",
           "substitutes": "Koordinaator (kaitstud töö)"}
PURPOSE = ("Ametikoha eesmärk on kaitstud töötamise teenuse koordineerimine ja aruandluse "
           "korraldamine.")


def odd(text: str) -> str:
    """The same words as someone typed them: a double space after the first word, a
    non-breaking space after the second, a trailing tab."""
    words = text.split(" ")
    if len(words) >= 3:
        return words[0] + "  " + words[1] + NBSP + " ".join(words[2:]) + "\t"
    return text + "\t"


# -- building the document ----------------------------------------------------------------------
class Doc:
    """A Word document typed by hand: plain paragraphs, numbers and bullet glyphs as text."""

    def __init__(self):
        self.d = docx.Document()

    def p(self, text: str = "", container=None) -> None:
        """A paragraph; "\\n" in the text is a line break (Shift+Enter) inside it."""
        para = (container or self.d).add_paragraph()
        lines = text.split("\n")
        for i, line in enumerate(lines):
            run = para.add_run(line)
            if i < len(lines) - 1:
                run.add_break()

    def cell(self, cell, paras: list[str]) -> None:
        cell.paragraphs[0].text = paras[0] if paras else ""
        for t in paras[1:]:
            cell.add_paragraph(t)

    def table(self, rows: list[list[list[str]]]):
        t = self.d.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        t.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, paras in enumerate(row):
                self.cell(t.rows[r].cells[c], paras)
        return t

    def bytes(self) -> bytes:
        buf = io.BytesIO()
        self.d.save(buf)
        return buf.getvalue()


GLYPHS = ("•", "\uf0b7", "▪")   # a bullet, Symbol's bullet in Word's private-use area, a square


def bullet(n: int, text: str) -> str:
    """A list item typed with a glyph (cycling through three) and a space or a tab after it."""
    return GLYPHS[n % 3] + (" " if n % 2 else "\t") + text


def duty_rows(numbers: list[str]) -> list[list[list[str]]]:
    rows = []
    for n, (number, (text, subitems, results)) in enumerate(zip(numbers, DUTIES)):
        left = [f"{number} {odd(text)}"] + [bullet(k, s) for k, s in enumerate(subitems)]
        rows.append([left, [bullet(n + k, r) for k, r in enumerate(results)]])
    return rows


HEADER = [["Põhiülesanded"], ["Oodatavad tulemused"]]


def handmade(numbers=("3.1 ", "3.2.", "3.3", "3.4.", "3.5"), split: str = "no",
             signature: str = "paragraphs") -> bytes:
    """A 2022-layout job description of a specialist under an employment contract, typed by
    hand. `split`: the duties table whole ("no"), split between two rows ("between"), split with
    the header row repeated ("header"), or split inside the first duty ("inside"). `signature`:
    the two parties as paragraphs, side by side in a table, under the heading "Poolte
    allkirjad:" with each party in one cell, or each in one paragraph with line breaks."""
    doc = Doc()
    for line in ("KINNITATUD", f"Sotsiaalkindlustusameti{NBSP}peadirektori  16.11.2022",
                 "käskkirjaga nr 44\t"):
        doc.p(line)
    doc.p("AMETIJUHEND")
    doc.p("1.\tÜLDOSA")
    doc.table([[[f"1.1{NBSP}Ametinimetus"], ["1.2 Struktuuriüksus\t"]],
               [[odd(GENERAL["title"])],
                [f"Teenuste  osakond,{NBSP}erihoolekande ja rehabilitatsiooni talitus\t"]]])
    doc.p()
    doc.table([[["1.3 Vahetu juht"], ["1.4  Kes asendab"], ["1.5 Keda asendab"]],
               [[odd(GENERAL["supervisor"])], [GENERAL["substituted_by"] + "\t"],
                [GENERAL["substitutes"]]]])
    doc.p("2. AMETIKOHA  EESMÄRK")
    doc.p(odd(PURPOSE))
    doc.p("3. TEENISTUSÜLESANDED")
    rows = duty_rows(list(numbers))
    if split == "no":
        doc.table([HEADER] + rows)
    elif split in ("between", "header"):
        doc.table([HEADER] + rows[:2])
        doc.p()
        doc.table(([HEADER] if split == "header" else []) + rows[2:])
    else:  # inside the first duty: its second result runs over to the next table
        first_left, first_right = rows[0]
        doc.table([HEADER, [first_left, first_right[:1]]])
        doc.p()
        doc.table([[[""], first_right[1:]]] + rows[1:])
    doc.p("4. ÕIGUSED")
    doc.p(items("rights.intro:omab")[0])
    for n, text in enumerate(items("rights:vastu-votta")):
        doc.p(bullet(n, odd(text)))
    doc.p("5. VASTUTUS")
    doc.p(items("responsibilities.intro:omab")[0] + "\t")
    for n, text in enumerate(items("responsibilities:2022")):
        doc.p(bullet(n + 1, text))
    doc.p("6. TÖÖVAHENDID")
    doc.p(odd(items("work-tools:tootaja")[0]))
    doc.p("7. AMETIKOHALE ESITATAVAD NÕUDED")
    doc.p("Haridus\t")
    doc.p("Kõrgharidus  sotsiaaltöö valdkonnas.")
    doc.p("Töökogemus")
    doc.p(f"Vähemalt 1-aastane{NBSP}töökogemus sotsiaalvaldkonnas.")
    doc.p("Keeleoskus")
    doc.p("Eesti keele valdamine vähemalt tasemel C1.\t")
    doc.p(f"Inglise või vene keele valdamine{NBSP}tasemel B2.")
    doc.p("Arvutikasutamise oskus")
    doc.p(items("computer-skills:ms-office")[0])
    doc.p("Tööks vajalikud kompetentsid")
    for ref in COMPETENCIES:
        block, _ = LIB.resolve(ref)
        doc.p(f"{block.title}:\t")
        for n, text in enumerate(items(ref)):
            doc.p(bullet(n, odd(text)))
    doc.p("Täiendavad kompetentsid, isikuomadused ja teadmised")
    for n, text in enumerate(items("additional-competencies:specialist")):
        doc.p(bullet(n + 2, text))
    doc.p("8. AMETIJUHENDI MUUTMINE")
    for text in items("amendment:two"):
        doc.p(odd(text))
    doc.p()
    employer = ["Tööandja:", SIGNED, "Maret Maripuu", "peadirektor"]
    employee = ["Töötaja:", SIGNED, "Mari  Maasikas", "koordinaator"]
    if signature == "paragraphs":
        for line in employer + [""] + employee:
            doc.p(line)
    elif signature == "table":
        doc.table([[employer[:1], employee[:1]], [employer[1:], employee[1:]]])
    elif signature == "heading":  # "Poolte allkirjad:", then each party's lines in one cell
        doc.p("Poolte allkirjad:")
        doc.table([[employer, employee]])
    else:  # "breaks": each party's lines in one paragraph, separated by line breaks
        doc.p("\n".join(employer))
        doc.p("\n".join(employee))
    return doc.bytes()


def imported(tmp_path, **options) -> importer.ImportResult:
    path = tmp_path / "kasitsi.docx"
    path.write_bytes(handmade(**options))
    return importer.import_file(path)


def report_of(result, section: str):
    return next(r for r in result.report if r.section == section)


def duties_of(result) -> list[tuple[str, list[str], list[str]]]:
    return [(d.text, list(d.subitems), list(d.results)) for d in result.compose().duties]


# -- the tests ------------------------------------------------------------------------------------
def test_odd_spacing_is_evened_out_in_the_general_part_and_purpose(tmp_path):
    result = imported(tmp_path)
    role = result.role
    assert role["preset"] == "specialist"
    assert role["agency"] == "Sotsiaalkindlustusamet"
    assert role["approved"] == {"date": dt.date(2022, 11, 16), "number": 44,
                                "signer_title": "peadirektor"}
    assert role["general"] == dict(GENERAL, position_group="töötaja")
    assert role["purpose"] == PURPOSE
    assert result.roundtrip >= 0.95
    req = role["requirements"]
    assert req["education"] == "Kõrgharidus sotsiaaltöö valdkonnas."
    assert req["experience"] == "Vähemalt 1-aastane töökogemus sotsiaalvaldkonnas."
    assert req["language_style"] == "valdamine"
    assert req["languages"] == [{"language": "eesti", "level": "C1", "at_least": True},
                                {"language": ["inglise", "vene"], "level": "B2"}]


def test_typed_numbers_and_glyph_bullets_give_the_duties(tmp_path):
    result = imported(tmp_path)
    assert duties_of(result) == DUTIES
    own = [d for d in result.role["duties"] if "text" in d]
    assert own == [{"text": OWN_1[0], "subitems": OWN_1[1], "results": OWN_1[2]},
                   {"text": OWN_2[0], "results": OWN_2[2]}]
    for number, ref in (("3.3", "duty.cooperation"), ("3.4", "duty.other-activities"),
                        ("3.5", "duty.one-off-tasks")):
        rep = report_of(result, f"duty {number}")
        assert (rep.status, rep.block.split("@")[0]) == ("matched", ref)
    assert "numbering" not in result.role       # "3.1 " and "3.2." mixed: no trailing dot


def test_numbers_all_with_a_dot_keep_the_dot(tmp_path):
    result = imported(tmp_path, numbers=("3.1.", "3.2.", "3.3.", "3.4.", "3.5."))
    # the labels of this hand-made document read "1.1 Ametinimetus": only the duties have the dot
    assert result.role["numbering"] == {"trailing_dot": "duties"}
    assert duties_of(result) == DUTIES


def test_standard_sections_typed_with_glyphs_and_odd_spaces_are_the_blocks(tmp_path):
    result = imported(tmp_path)
    expected = {"rights": "rights@1:vastu-votta", "responsibilities": "responsibilities@1:2022",
                "rights intro": "rights.intro@1:omab",
                "responsibilities intro": "responsibilities.intro@1:omab",
                "work tools": "work-tools@1:tootaja",
                "computer skills": "computer-skills@1:ms-office",
                "additional": "additional-competencies@1:specialist",
                "amendment": "amendment@1:two", "duties heading": "heading.duties@1:teenistus"}
    for section, block in expected.items():
        rep = report_of(result, section)
        assert (rep.status, rep.block) == ("matched", block), section
    for ref in COMPETENCIES:
        block, _ = LIB.resolve(ref)
        rep = report_of(result, f"competency {block.title}")
        assert rep.status == "matched" and rep.block.startswith(block.id + "@"), ref
    assert "edit" not in result.role           # spacing and glyphs are no edits
    # an employee (signed by both parties): the position group gives "töötaja kasutusse" by
    # itself; the official's duties heading and amendment clause this document prints are named
    assert result.role["sections"] == {"duties_heading": "heading.duties:teenistus",
                                       "amendment": "amendment:two"}
    jd = result.compose()
    assert [i.text for i in jd.rights] == items("rights:vastu-votta")
    assert [c.name for c in jd.competencies] == [LIB.resolve(r)[0].title for r in COMPETENCIES]
    assert result.warnings == []


@pytest.mark.parametrize("split", ["between", "header", "inside"])
def test_a_duties_table_split_in_two_gives_the_same_duties(tmp_path, split):
    result = imported(tmp_path, split=split)
    assert duties_of(result) == DUTIES
    assert not any("not imported" in w for w in result.warnings), result.warnings


@pytest.mark.parametrize("signature", ["paragraphs", "table", "breaks"])
def test_two_party_signature(tmp_path, signature):
    result = imported(tmp_path, signature=signature)
    sig = result.role.get("signature")
    names = [sig.get("name"), sig.get("employee")] if sig else []
    assert not any(SIGNED in (n or "") for n in names)
    assert sig == {"name": "Maret Maripuu", "title": "peadirektor", "mode": "both",
                   "employee": "Mari Maasikas", "employee_title": "koordinaator"}
    assert result.role["general"]["position_group"] == "töötaja"
    amendment = report_of(result, "amendment")
    assert (amendment.status, amendment.block) == ("matched", "amendment@1:two")
    jd = result.compose()
    assert (jd.signature.signer_name, jd.signature.employee_name) == ("Maret Maripuu",
                                                                      "Mari Maasikas")
