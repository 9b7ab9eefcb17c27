"""`ajdoc check`: warnings with their place for what is valid but likely wrong; --strict."""

from __future__ import annotations

import pytest

import ajdoc
from ajdoc.checks.role import lint_role
from conftest import EXAMPLES

BASE = {
    "preset": "specialist",
    "general": {"title": "Nõunik", "unit": ["Üldosakond"], "supervisor": "Juhataja"},
    "purpose": "Ametikoha eesmärk on nõustamine.",
    "duties": [{"text": "Nõustamine.", "results": ["Nõustatud."]}],
    "requirements": {"education": "Kõrgharidus.", "experience": "Töökogemus.",
                     "languages": [{"language": "eesti", "level": "C1"}]},
}


def warnings_for(**changes) -> list[str]:
    import copy

    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        if "." in key:
            a, b = key.split(".")
            data[a][b] = value
        else:
            data[key] = value
    return [str(w) for w in lint_role(ajdoc.role_from_dict(data))]


def test_clean_role_has_no_warnings():
    assert warnings_for() == []


def test_duty_without_results():
    w = warnings_for(duties=[{"text": "Nõustamine."}])
    assert any("duty 3.1 has no expected results" in x for x in w)


def test_same_result_twice():
    w = warnings_for(duties=[{"text": "A.", "results": ["Tehtud."]},
                             {"text": "B.", "results": ["tehtud."]}])
    assert any("'tehtud.' stands twice (duty 3.1 and duty 3.2)" in x for x in w)


def test_substitutes_itself_and_own_supervisor():
    w = warnings_for(**{"general.supervisor": "nõunik", "general.substituted_by": ["Nõunik"],
                        "general.substitutes": {"titles": ["Nõunik"], "case": "partitive"}})
    assert any("own supervisor" in x for x in w)
    assert any("substitutes itself ('Nõunik' in substituted_by)" in x for x in w)
    assert any("substitutes itself ('Nõunik' in substitutes)" in x for x in w)


@pytest.mark.parametrize("key,value,where", [
    ("general.substituted_by", ["Personali ja koolituse juht"], "substituted_by"),
    ("general.substituted_by", "Personali ja koolituse juht", "substituted_by"),
    ("general.substitutes", {"titles": ["Personali ja koolituse juht"], "case": "partitive"},
     "substitutes"),
    ("general.substitutes", {"titles": ["Nõunik", "Personali ja koolituse juht"],
                             "conjunction": "või", "case": "partitive"}, "substitutes"),
])
def test_a_title_with_ja_that_substitutes_itself(key, value, where):
    """"Personali ja koolituse juht" is one title: split at " ja " alone it would not be found."""
    w = warnings_for(**{"general.title": "Personali ja koolituse juht", key: value})
    assert [x for x in w if "substitutes itself" in x] == [
        f"<dict>: {key}: the role substitutes itself ('Personali ja koolituse juht' in {where}) "
        "[substitutes-itself]"]


def test_a_title_part_of_another_is_not_the_role_itself():
    w = warnings_for(**{"general.title": "Personali juht",
                        "general.substituted_by": ["Personali ja koolituse juht"],
                        "general.substitutes": {"titles": ["Koolituse juht"],
                                                "case": "partitive"}})
    assert not [x for x in w if "substitutes itself" in x]


def test_estonian_above_c1_foreign_c2_fine():
    w = warnings_for(**{"requirements.languages": [{"language": "eesti", "level": "C2"},
                                                    {"language": "inglise", "level": "C2"}]})
    est = [x for x in w if "Estonian at C2" in x]
    assert len(est) == 1 and "requirements.languages[1]" in est[0]


def test_empty_sections():
    w = warnings_for(requirements={}, sections={"rights": None})
    for key in ("rights", "requirements.education", "requirements.experience",
                "requirements.languages"):
        assert any(f"{key}: the section is empty" in x for x in w), key


def test_block_older_than_library_version(tmp_path):
    (tmp_path / "blocks").mkdir()
    (tmp_path / "blocks" / "r.yaml").write_text("""
blocks:
  - id: rights
    version: 2
    kind: list
    title: Õigused
    variants:
      vastu-votta: {items: ["uus õigus."]}
""", encoding="utf-8")
    import copy

    data = copy.deepcopy(BASE)
    data["sections"] = {"rights": "rights:vastu-votta@1"}
    lib = ajdoc.load_library([tmp_path])
    w = [str(x) for x in lint_role(ajdoc.role_from_dict(data, library=lib), lib)]
    assert any("uses rights@1, older than the library's current version 2" in x for x in w)


def test_cli_check_warns_then_strict_fails(cli, tmp_path):
    role = tmp_path / "r.yaml"
    role.write_text("preset: specialist\ngeneral: {title: Nõunik, unit: [Üldosakond], "
                    "supervisor: Juhataja}\npurpose: Eesmärk.\nduties:\n  - text: Nõustamine.\n"
                    "requirements: {education: K., experience: T., languages: "
                    "[{language: eesti, level: C1}]}\n", encoding="utf-8")
    res = cli("check", role)
    assert res.returncode == 0 and "1 warning(s)" in res.stdout
    assert "ajdoc: warning:" in res.stderr and "line 5" in res.stderr
    res = cli("check", "--strict", role)
    assert res.returncode == 2 and "treated as errors" in res.stderr


def test_check_directive_lints_every_annex(cli):
    res = cli("check", "--verbose", EXAMPLES / "kaskkiri-183.yaml")
    assert res.returncode == 0 and "(directive," in res.stdout
    # the annex substitutes a namesake: a warning its role file acknowledges
    assert "acknowledged: " in res.stdout and "peaspetsialist-lastemaja.yaml" in res.stdout
    assert "[substitutes-itself]" in res.stdout


def test_template_check_notes_for_builtin(cli):
    from conftest import ROOT

    res = cli("template", "check", ROOT / "templates" / "ametijuhend-2022.docx")
    assert res.returncode == 0
    assert "note: template: does not print 'g.subordinates'" in res.stdout
