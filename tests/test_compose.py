"""Role files → JobDescription: presets, own duties and their placement, overrides, provenance."""

from __future__ import annotations

import copy

import pytest

import ajdoc
from ajdoc import AjdocError
from ajdoc.model import JobDescription

BASE = {
    "preset": "specialist",
    "general": {"title": "Peaspetsialist", "unit": ["Teenuste osakond", "hoolekande talitus"],
                "supervisor": "Talitusejuhataja"},
    "purpose": "Ametikoha eesmärk on teenuste arendamine.",
    "duties": [{"text": "Teenuste arendamine.", "results": ["Teenused on arendatud."]}],
}


def role(**changes) -> dict:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return data


def test_own_duties_come_before_the_closing_duties():
    jd = ajdoc.role_from_dict(role())
    assert isinstance(jd, JobDescription)
    assert [d.id for d in jd.duties] == [None, "duty.cooperation", "duty.other-activities",
                                         "duty.one-off-tasks"]
    assert jd.duties[0].source is None
    assert str(jd.duties[1].source) == "duty.cooperation@1:ning"


def test_use_places_a_standard_duty():
    jd = ajdoc.role_from_dict(role(duties=[{"use": "duty.one-off-tasks"}] + BASE["duties"]))
    assert [d.id for d in jd.duties] == ["duty.one-off-tasks", None, "duty.cooperation",
                                         "duty.other-activities"]


def test_sections_patch_and_variant_pick():
    jd = ajdoc.role_from_dict(role(sections={
        "rights": "rights:votta-vastu",
        "competencies": {"remove": ["competency.efektiivsus"],
                         "replace": {"competency.kliendikesksus": "competency.kliendikesksus:leader"}},
        "duties": {"remove": ["duty.cooperation"]},
    }))
    assert jd.rights[-1].text == "võtta vastu otsuseid oma pädevuse piires"
    assert str(jd.rights[-1].source) == "rights@1:votta-vastu"
    assert [c.name for c in jd.competencies] == ["Kliendikesksus", "Asjatundlikkus", "Koostöövõime"]
    assert jd.competencies[0].source.variant == "leader"
    assert "duty.cooperation" not in [d.id for d in jd.duties]


def test_edit_adds_removes_replaces_items_and_marks_provenance():
    jd = ajdoc.role_from_dict(role(edit={
        "rights": {"remove": [1], "add": ["uus õigus."], "replace": {"kasutada": "kasutada X;"}},
        "additional-competencies": {"remove": ["Loovus"],
                                    "add": [{"name": "Täpsus", "text": "On täpne."},
                                            "Teadmised finantsjuhtimise alustest."]},
        "work-tools": {"variant": "tootaja"},
        "duty.one-off-tasks": {"results": {"add": ["Lisatulemus."]}},
    }))
    texts = [i.text for i in jd.rights]
    assert texts[0] == "kasutada X;" and texts[-1] == "uus õigus."
    assert len(texts) == 6
    # only the items the role changed are marked (issue 13): the replaced one and the added one
    assert [i.source.edited for i in jd.rights] == [True, False, False, False, False, True]
    names = [a.name for a in jd.additional]
    assert "Loovus" not in names and names[-2:] == ["Täpsus", None]
    assert jd.work_tools.text.startswith("Töövahenditeks on töötaja")
    assert not jd.work_tools.source.edited
    assert jd.duties[-1].results[-1] == "Lisatulemus." and jd.duties[-1].source.edited


def test_edit_of_unused_block_is_an_error():
    with pytest.raises(AjdocError, match="edit names block 'competency.meeskonnatoo'"):
        ajdoc.role_from_dict(role(edit={"competency.meeskonnatoo": {"remove": [1]}}))


def test_custom_block_from_user_library(tmp_path):
    (tmp_path / "blocks").mkdir()
    (tmp_path / "blocks" / "x.yaml").write_text("""
blocks:
  - id: competency.digioskus
    version: 1
    kind: competency
    title: Digioskus
    variants:
      default: {items: ["Kasutab digivahendeid."]}
""", encoding="utf-8")
    jd = ajdoc.role_from_dict(role(sections={"competencies": {"add": ["competency.digioskus"]}}),
                              library=[tmp_path])
    assert jd.competencies[-1].name == "Digioskus"
    assert str(jd.competencies[-1].source) == "competency.digioskus@1:default"


def test_signature_by_both_parties_for_a_tootaja():
    data = role(signature={"name": "Maret Maripuu", "title": "peadirektor", "mode": "both",
                           "employee": "Mari Maasikas"})
    data["general"]["position_group"] = "töötaja"
    jd = ajdoc.role_from_dict(data)
    from ajdoc.wording import signature_blocks
    blocks = signature_blocks(jd)
    assert [b["label"] for b in blocks] == ["Tööandja:", "Töötaja:"]
    # the employee's title defaults to the post's
    assert blocks[1]["lines"] == ["(allkirjastatud digitaalselt)", "Mari Maasikas", "Peaspetsialist"]
    for layout in ("2022", "2025"):  # the heading, then the parties side by side, both layouts
        text = __import__("docxtext").docx_text(ajdoc.render(jd, layout=layout))
        assert ("Poolte allkirjad:\nTööandja:\n(allkirjastatud digitaalselt)\nMaret Maripuu\n"
                "peadirektor\nTöötaja:\n(allkirjastatud digitaalselt)\nMari Maasikas\nPeaspetsialist"
                ) in text, layout


def test_signature_by_both_refused_for_an_ametnik():
    with pytest.raises(AjdocError, match="both parties is for a töötaja"):
        ajdoc.role_from_dict(role(signature={"name": "A", "title": "B", "mode": "both"}))


def test_language_requirements_in_each_style():
    langs = [{"language": "eesti", "level": "C1", "at_least": True},
             {"language": ["inglise", "vene"], "level": "B2"}]
    from ajdoc.wording import language_lines
    expected = {
        "valdamine": ["Eesti keele valdamine vähemalt tasemel C1.",
                      "Inglise või vene keele valdamine tasemel B2."],
        "valdab": ["Valdab eesti keelt vähemalt tasemel C1.",
                   "Valdab inglise või vene keelt tasemel B2."],
        "oskus": ["Eesti keele oskus vähemalt tasemel C1.",
                  "Inglise või vene keele oskus tasemel B2."],
    }
    for style, lines in expected.items():
        jd = ajdoc.role_from_dict(role(requirements={"languages": langs, "language_style": style}))
        assert language_lines(jd) == lines


def test_build_a_role_in_code_without_yaml():
    from ajdoc.model import Duty, GeneralPart, Unit
    jd = JobDescription(general=GeneralPart("Nõunik", Unit("Üldosakond"), "Juhataja"),
                        purpose="Eesmärk.", duties=(Duty("Ülesanne.", ("Tulemus.",)),))
    text = __import__("docxtext").docx_text(ajdoc.render(jd))
    assert "3.1 Ülesanne." in text and "Tulemus." in text and "Üldosakond" in text


def test_model_validates_where_built():
    from ajdoc.model import Duty, LanguageRequirement
    with pytest.raises(ValueError):
        Duty("  ")
    with pytest.raises(ValueError):
        LanguageRequirement(("eesti",), "C3")
    with pytest.raises(ValueError, match="U\\+0001"):
        Duty("a\x01b")
