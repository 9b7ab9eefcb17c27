"""The block library and presets: references, versions, layering of user folders, inheritance."""

from __future__ import annotations

from pathlib import Path

import pytest

from ajdoc import AjdocError
from ajdoc.library import OWN, Library, Ref


@pytest.fixture(scope="module")
def lib():
    return Library()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_reference_syntax():
    assert Ref.parse("competency.kliendikesksus:leader@1") == Ref("competency.kliendikesksus",
                                                                  "leader", 1)
    assert Ref.parse("rights") == Ref("rights")
    with pytest.raises(AjdocError, match="not a block reference"):
        Ref.parse("Rights Block")


def test_resolve_default_and_named_variants(lib):
    block, variant = lib.resolve("rights")
    assert variant.name == block.default == "vastu-votta"
    assert variant.items[-1] == "vastu võtta otsuseid oma pädevuse piires."
    _, leader = lib.resolve("rights:votta-vastu")
    assert leader.items[-1] == "võtta vastu otsuseid oma pädevuse piires"


def test_unknown_id_variant_version_are_named(lib):
    with pytest.raises(AjdocError, match="unknown block 'rigths'") as e:
        lib.resolve("rigths")
    assert "did you mean 'rights'" in str(e.value)
    with pytest.raises(AjdocError, match="no variant 'boss'.*vastu-votta, votta-vastu"):
        lib.resolve("rights:boss")
    with pytest.raises(AjdocError, match="no version 9"):
        lib.resolve("rights@9")


def test_team_leader_extends_specialist_with_leadership(lib):
    spec, lead = lib.preset("specialist"), lib.preset("team-leader")
    assert lead.chain == ("team-leader", "specialist")
    comp = [r.id for r in lead.sections["competencies"]]
    assert comp == ["competency.kliendikesksus", "competency.eestvedamine",
                    "competency.asjatundlikkus", "competency.koostoovoime",
                    "competency.efektiivsus"]
    assert "competency.eestvedamine" not in [r.id for r in spec.sections["competencies"]]
    duties = [r if r == OWN else r.id for r in lead.sections["duties"]]
    assert duties == [OWN, "duty.team-planning", "duty.staff-development",
                      "duty.strategy-participation", "duty.cooperation",
                      "duty.other-activities", "duty.one-off-tasks"]


def test_head_of_department_uses_leader_wordings(lib):
    head = lib.preset("head-of-department")
    assert [str(r) for r in head.sections["competencies"]] == [
        "competency.kliendikesksus:leader", "competency.asjatundlikkus:leader",
        "competency.meeskonnatoo", "competency.eestvedamine:head"]
    assert str(head.sections["rights"]) == "rights:votta-vastu"


def test_user_folder_layers_over_builtin_later_wins(tmp_path):
    one = tmp_path / "one"
    two = tmp_path / "two"
    write(one / "blocks" / "mine.yaml", """
blocks:
  - id: rights
    version: 2
    kind: list
    title: Õigused
    variants:
      vastu-votta: {items: ["teha kaugtööd kokkuleppel vahetu juhiga;", "uus õigus."]}
  - id: duty.local
    version: 1
    kind: duty
    title: Kohalik
    variants:
      default: {text: "Kohalik ülesanne.", results: ["Tehtud."]}
""")
    write(two / "blocks" / "mine.yaml", """
blocks:
  - id: duty.local
    version: 1
    kind: duty
    title: Kohalik
    variants:
      default: {text: "Teine sõnastus.", results: ["Tehtud."]}
""")
    write(two / "presets" / "local.yaml", """
id: local
title: Kohalik spetsialist
extends: specialist
sections:
  duties: {add: [{ref: duty.local, before: duty.cooperation}]}
""")
    lib = Library([one, two])
    assert lib.versions("rights") == [1, 2]
    assert lib.resolve("rights")[1].items[-1] == "uus õigus."  # newest version by default
    assert lib.resolve("rights@1")[1].items[-1].startswith("vastu võtta")
    assert lib.resolve("duty.local")[1].text == "Teine sõnastus."  # later folder wins
    refs = [r if r == OWN else r.id for r in lib.preset("local").sections["duties"]]
    assert refs.index("duty.local") == refs.index("duty.cooperation") - 1


def test_preset_cycle_is_named(tmp_path):
    write(tmp_path / "presets" / "a.yaml", "id: a\ntitle: A\nextends: b\n")
    write(tmp_path / "presets" / "b.yaml", "id: b\ntitle: B\nextends: a\n")
    lib = Library([tmp_path])
    with pytest.raises(AjdocError, match="preset cycle: a → b → a"):
        lib.preset("a")


def test_a_user_preset_extending_the_built_in_of_its_own_id_is_told_why_it_cycles(tmp_path):
    write(tmp_path / "presets" / "specialist.yaml", "id: specialist\ntitle: S\nextends: specialist\n")
    lib = Library([tmp_path])
    with pytest.raises(AjdocError) as exc:
        lib.preset("specialist")
    text = str(exc.value)
    assert "preset cycle: specialist → specialist" in text
    assert "specialist.yaml, line 3: extends" in text and "another id" in text


def test_one_id_twice_in_one_folder_is_refused_naming_both_places(tmp_path):
    write(tmp_path / "presets" / "a.yaml", "id: same\ntitle: A\n")
    write(tmp_path / "presets" / "b.yaml", "\nid: same\ntitle: B\n")
    with pytest.raises(AjdocError) as exc:
        Library([tmp_path])
    text = str(exc.value)
    assert "preset 'same' is defined twice" in text
    assert str(tmp_path / "presets" / "b.yaml") in text and "a.yaml" in text
    block = """  - id: duty.x\n    version: 1\n    kind: duty\n    title: X\n    variants:
      default: {text: "X.", results: ["Tehtud."]}\n"""
    other = tmp_path / "other"
    write(other / "blocks" / "one.yaml", "blocks:\n" + block)
    write(other / "blocks" / "two.yaml", "blocks:\n" + block)
    with pytest.raises(AjdocError, match=r"two.yaml, line 2.*block 'duty.x@1' is defined twice "
                                         r"in one library folder \(first in .*one.yaml, line 2"):
        Library([other])
    write(other / "blocks" / "two.yaml", "blocks:\n" + block.replace("duty.x", "duty.y") * 2)
    with pytest.raises(AjdocError, match=r"two.yaml, line 8.*'duty.y@1' is defined twice"):
        Library([other])


def test_a_user_block_without_the_variant_a_preset_names_says_where_it_is_read_from(tmp_path):
    write(tmp_path / "blocks" / "mine.yaml", """
blocks:
  - id: rights
    version: 9
    kind: list
    title: Õigused
    variants:
      only: {items: ["üks õigus."]}
""")
    lib = Library([tmp_path])
    with pytest.raises(AjdocError) as exc:
        lib.resolve("rights:vastu-votta")
    assert "block 'rights@9' has no variant 'vastu-votta'" in str(exc.value)
    assert str(tmp_path / "blocks" / "mine.yaml") in str(exc.value)


def test_preset_section_takes_the_right_kind(tmp_path):
    write(tmp_path / "presets" / "bad.yaml",
          "id: bad\ntitle: B\nextends: specialist\nsections:\n  rights: work-tools\n")
    with pytest.raises(AjdocError, match="work-tools' is a text block; section 'rights' takes a list"):
        Library([tmp_path]).preset("bad")


def test_missing_library_folder(tmp_path):
    with pytest.raises(AjdocError, match="library folder not found"):
        Library([tmp_path / "nope"])
