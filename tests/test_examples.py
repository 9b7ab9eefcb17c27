"""The three example roles reproduce their seeds (text and structure)."""

from __future__ import annotations

import io

import docx
import pytest

import ajdoc
from conftest import EXAMPLES, seed
from docxtext import docx_text, similarity

CASES = [
    ("teenuse-juht", "000", None, 8),
    ("osakonnajuhataja", "001", "2. AMETIKOHA EESMÄRK", 19),
    ("koordinaator-kaitstud-too", "002", None, 15),
]


@pytest.fixture(scope="module")
def rendered():
    out = {}
    for name, *_ in CASES:
        jd = ajdoc.load_role(EXAMPLES / f"{name}.yaml")
        out[name] = (jd, ajdoc.render(jd))
    return out


@pytest.mark.parametrize("name,seed_id,heading,n_duties", CASES)
def test_example_matches_its_seed(rendered, name, seed_id, heading, n_duties):
    jd, data = rendered[name]
    score = similarity(seed(seed_id), docx_text(data), heading)
    assert score >= 0.97, f"{name}: word similarity {score:.4f} < 0.97 against seed {seed_id}"


@pytest.mark.parametrize("name,seed_id,heading,n_duties", CASES)
def test_duties_table_has_one_row_per_duty_numbered_by_ajdoc(rendered, name, seed_id, heading,
                                                             n_duties):
    jd, data = rendered[name]
    assert len(jd.duties) == n_duties
    d = docx.Document(io.BytesIO(data))
    table = next(t for t in d.tables if t.rows[0].cells[0].text.strip() == "Põhiülesanded")
    rows = table.rows[1:]
    assert len(rows) == n_duties
    dot = "." if jd.number_dot else ""
    for i, (row, duty) in enumerate(zip(rows, jd.duties), 1):
        left, right = row.cells[0], row.cells[1]
        assert left.paragraphs[0].text == f"3.{i}{dot} {duty.text}"
        assert [p.text for p in right.paragraphs if p.text] == list(duty.results)
    # the header row repeats on every page
    tr_pr = table.rows[0]._tr.trPr
    assert tr_pr is not None and tr_pr.find(docx.oxml.ns.qn("w:tblHeader")) is not None


def test_sections_in_order_with_computed_numbers(rendered):
    _, data = rendered["teenuse-juht"]
    text = docx_text(data)
    heads = ["1. ÜLDOSA", "2. AMETIKOHA EESMÄRK", "3. TEENISTUSÜLESANDED", "4. ÕIGUSED",
             "5. VASTUTUS", "6. TÖÖVAHENDID", "7. AMETIKOHALE ESITATAVAD NÕUDED",
             "8. AMETIJUHENDI MUUTMINE"]
    positions = [text.index(h) for h in heads]
    assert positions == sorted(positions)


def test_bullets_are_word_lists_not_typed_glyphs(rendered):
    _, data = rendered["teenuse-juht"]
    d = docx.Document(io.BytesIO(data))
    rights = [p for p in d.paragraphs if p.text.startswith("teha kaugtööd")]
    assert rights, "rights item not found"
    p = rights[0]
    assert not p.text.startswith(("•", "\uf0b7", "-"))
    style = p.style
    num_pr = style.element.pPr.numPr
    assert num_pr is not None, f"style {style.name} has no numbering"
    num_id = num_pr.numId.val
    numbering = d.part.numbering_part.element
    num = next(n for n in numbering.num_lst if n.numId == num_id)
    abstract_id = num.abstractNumId.val
    fmt = numbering.xpath(f'.//w:abstractNum[@w:abstractNumId="{abstract_id}"]//w:numFmt/@w:val')
    assert fmt and fmt[0] == "bullet"


def test_keda_asendab_is_derived_in_the_partitive(rendered):
    jd, _ = rendered["teenuse-juht"]
    assert jd.general.substitutes == ("Konsultanti, peaspetsialisti, nõunikku (siseriikliku "
                                      "nõustamisteenuse tiim), talitusejuhatajat")
    assert jd.general.substituted_by.startswith("Konsultant, peaspetsialist, nõunik")


def test_approval_header_in_the_genitive(rendered):
    _, data = rendered["teenuse-juht"]
    text = docx_text(data)
    assert "KINNITATUD\nSotsiaalkindlustusameti peadirektori 14.01.2024\nkäskkirjaga nr 5" in text
