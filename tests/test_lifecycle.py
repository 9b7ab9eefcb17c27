"""The lifecycle of a unit's job descriptions: where a block is used, upgrading to a block's newest
version (with the comparison and verdict, re-rendering, the amending directive) and the unit
check across role files."""

from __future__ import annotations

import datetime
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ruamel.yaml import YAML

import ajdoc
from ajdoc import lifecycle
from ajdoc.checks.unit import check_unit, unit_spellings_differ
from ajdoc.checks.titles import Titles, split_titles
from ajdoc.lifecycle.scan import relative
from docxtext import docx_text

DATA = Path(__file__).resolve().parent / "data" / "lifecycle"
V2 = DATA / "library-v2"
yaml = YAML(typ="safe", pure=True)

ROLE = """\
preset: {preset}
general:
  title: {title}
  unit: {{department: Laste heaolu osakond, division: nõustamisteenuste talitus}}
  supervisor: Talitusejuhataja
purpose: Ametikoha eesmärk on valdkonna ülesannete täitmine ({title}).
duties:
  - text: {title} — valdkonna põhiülesande täitmine.
    results: [Ülesanne on täidetud.]
{duties}{extra}"""

# file, preset, extra keys, extra duties, expected use of `rights` with library-v2:
# (version, variant, edited, via, pin) or None (the role does not use the block)
SPEC = [
    ("r01.yaml", "specialist", "", "",
     (2, "vastu-votta", False, ["preset specialist"], None)),
    ("r02.yaml", "specialist", "sections:\n  rights: rights:votta-vastu\n", "",
     (2, "votta-vastu", False, ["sections.rights"], None)),
    ("r03.yaml", "specialist", "sections:\n  rights: rights@1\n", "",
     (1, "vastu-votta", False, ["sections.rights"], "sections.rights")),
    ("r04.yaml", "specialist", "sections:\n  rights: \"rights:votta-vastu@1\"\n", "",
     (1, "votta-vastu", False, ["sections.rights"], "sections.rights")),
    ("r05.yaml", "specialist", "edit:\n  rights:\n    version: 1\n", "",
     (1, "vastu-votta", False, ["preset specialist", "edit.rights"], "edit.rights.version")),
    ("r06.yaml", "specialist", "edit:\n  rights:\n    remove: [1]\n", "",
     (2, "vastu-votta", True, ["preset specialist", "edit.rights"], None)),
    ("r07.yaml", "team-leader", "", "",
     (2, "vastu-votta", False, ["preset team-leader"], None)),
    ("r08.yaml", "team-leader", "sections:\n  rights: null\n", "", None),
    ("r09.yaml", "head-of-department", "", "",
     (2, "votta-vastu", False, ["preset head-of-department"], None)),
    ("r10.yaml", "head-of-department", "edit:\n  rights: {variant: vastu-votta, version: 1}\n", "",
     (1, "vastu-votta", False, ["preset head-of-department", "edit.rights"],
      "edit.rights.version")),
    ("r11.yaml", "specialist-2025", "", "",
     (2, "2025", False, ["preset specialist-2025"], None)),
    ("r12.yaml", "specialist-2025", "sections:\n  rights: \"rights:2025@1\"\n", "",
     (1, "2025", False, ["sections.rights"], "sections.rights")),
    ("sub/r13.yaml", "specialist", "", "",
     (2, "vastu-votta", False, ["preset specialist"], None)),
    ("sub/r14.yaml", "specialist", "sections:\n  rights: ~\n", "", None),
    ("sub/r15.yaml", "team-leader", "edit:\n  rights:\n    add: [\"Lisaõigus oma valdkonnas.\"]\n",
     "  - use: duty.cooperation\n",
     (2, "vastu-votta", True, ["preset team-leader", "edit.rights"], None)),
    ("sub/r16.yaml", "head-of-department", "sections:\n  rights: rights@1\n", "",
     (1, "vastu-votta", False, ["sections.rights"], "sections.rights")),
    ("sub/r17.yaml", "pinned-specialist", "", "",
     (1, "vastu-votta", False, ["preset pinned-specialist"], "preset pinned-specialist")),
    ("sub/deeper/r18.yaml", "specialist-2025", "", "",
     (2, "2025", False, ["preset specialist-2025"], None)),
    ("sub/deeper/r19.yaml", "team-leader", "sections:\n  rights: rights:vastu-votta\n",
     "  - use: duty.cooperation:ja@1\n",
     (2, "vastu-votta", False, ["sections.rights"], None)),
    ("sub/deeper/r20.yaml", "specialist", "edit:\n  rights: {variant: votta-vastu}\n", "",
     (2, "votta-vastu", False, ["preset specialist", "edit.rights"], None)),
]
PINNED = [f for f, *_, exp in SPEC if exp and exp[4]]


@pytest.fixture
def roles(tmp_path) -> Path:
    """20 generated role files, a broken one, a directive file, other YAML and a hidden folder."""
    folder = tmp_path / "roles"
    for i, (name, preset, extra, duties, _) in enumerate(SPEC, 1):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ROLE.format(preset=preset, title=f"Nõunik {i}", duties=duties,
                                    extra=extra), encoding="utf-8")
    (folder / "broken.yaml").write_text("preset: specialist\ngeneral: [\n", encoding="utf-8")
    (folder / "kaskkiri.yaml").write_text(
        "signer: {name: X, title: peadirektor}\nnumber: 1\ndate: 2025-01-01\nunit: [Y]\n"
        "annexes: [r01.yaml]\n", encoding="utf-8")
    (folder / "notes.yaml").write_text("todo: [one, two]\n", encoding="utf-8")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "r99.yaml").write_text("preset: specialist\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def runner():
    from ajdoc.cli import main
    from ajdoc.cli.lifecycle import COMMANDS

    for command in COMMANDS:
        if command.name not in main.commands:
            main.add_command(command)
    r = CliRunner()
    return lambda *args: r.invoke(main, [str(a) for a in args])


def _uses(found) -> list[tuple]:
    return [(relative(u.path, found.folder), u.version, u.variant, u.edited, list(u.via),
             u.pin) for u in found.uses]


def _expected(version=None, variant=None) -> list[tuple]:
    out = [(f, *exp) for f, _, _, _, exp in SPEC if exp is not None
           and (version is None or exp[0] == version) and (variant is None or exp[1] == variant)]
    return sorted(out, key=lambda t: t[0])


# -- where used -------------------------------------------------------------------------------
def test_where_used_lists_every_role_with_its_resolved_version(roles):
    found = lifecycle.where_used("rights", roles, library=[V2])
    assert found.latest == 2
    assert _uses(found) == [(f, v, var, ed, via, pin) for f, v, var, ed, via, pin in _expected()]
    assert len(found.uses) == 18
    assert [(relative(e.path, roles), "YAML syntax error" in e.message)
            for e in found.errors] == [("broken.yaml", True)]
    assert [(relative(s.path, roles), s.message) for s in found.skipped] == [
        ("kaskkiri.yaml", "directive file"), ("notes.yaml", "not a role file (no preset:)")]


def test_where_used_filters_by_version_and_variant(roles):
    pinned = lifecycle.where_used("rights@1", roles, library=[V2])
    assert _uses(pinned) == _expected(version=1)
    assert sorted(relative(u.path, roles) for u in pinned.uses) == sorted(PINNED)
    assert all(u.pinned and u.outdated for u in pinned.uses)
    newest = lifecycle.where_used("rights@2", roles, library=[V2])
    assert _uses(newest) == _expected(version=2)
    assert not any(u.outdated for u in newest.uses)
    assert _uses(lifecycle.where_used("rights:2025", roles, library=[V2])) == \
        _expected(variant="2025")


def test_where_used_a_duty_placed_with_use(roles):
    found = lifecycle.where_used("duty.cooperation", roles, library=[V2])
    by_file = {relative(u.path, roles): u for u in found.uses}
    assert "r09.yaml" not in by_file  # the head's duty list has no cooperation duty
    r15, r19 = by_file["sub/r15.yaml"], by_file["sub/deeper/r19.yaml"]
    assert (r15.via, r15.pin, r15.variant) == (("preset team-leader", "duties[2].use"), None,
                                               "ning")
    assert (r19.via, r19.pin, r19.variant, r19.version) == (
        ("preset team-leader", "duties[2].use"), "duties[2].use", "ja", 1)
    assert by_file["r01.yaml"].sections == ("duties",)


def test_where_used_without_the_user_library(roles):
    found = lifecycle.where_used("rights", roles)
    assert found.latest == 1 and all(u.version == 1 for u in found.uses)
    assert sorted(relative(e.path, roles) for e in found.errors) == [
        "broken.yaml", "sub/r17.yaml"]  # its preset is in the user library only
    assert "unknown preset 'pinned-specialist'" in next(
        e.message for e in found.errors if e.path.name == "r17.yaml")


def test_where_used_unknown_block_or_folder(roles, tmp_path):
    with pytest.raises(ajdoc.AjdocError, match="unknown block 'rigths'"):
        lifecycle.where_used("rigths", roles)
    with pytest.raises(ajdoc.AjdocError, match="no version 3"):
        lifecycle.where_used("rights@3", roles, library=[V2])
    with pytest.raises(ajdoc.AjdocError, match="folder not found"):
        lifecycle.where_used("rights", tmp_path / "nowhere")


def test_cli_where_used(runner, roles):
    res = runner("where-used", "rights@1", roles, "--library", V2)
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0] == "rights@1: used by 7 role file(s); newest version rights@2"
    assert any(ln.strip().startswith("r03.yaml") and "pinned @1 (sections.rights); newest @2"
               in ln for ln in lines)
    assert "not readable:" in res.stdout and "broken.yaml" in res.stdout
    res = runner("where-used", "rights", roles, "--library", V2, "--format", "json")
    data = json.loads(res.stdout)
    assert len(data["uses"]) == 18 and data["latest"] == 2
    assert data["uses"][0] == {
        "file": "r01.yaml", "title": "Nõunik 1", "preset": "specialist", "block": "rights",
        "version": 2, "variant": "vastu-votta", "edited": False, "via": ["preset specialist"],
        "pinned": False, "pin": None, "latest": 2, "outdated": False, "sections": ["rights"]}
    res = runner("where-used", "nosuch", roles)
    assert res.exit_code == 2 and "unknown block 'nosuch'" in res.stderr


# -- upgrade ----------------------------------------------------------------------------------
def test_upgrade_plan_shows_the_change_and_the_verdict(roles):
    plan = lifecycle.plan_upgrade(roles, "rights", library=[V2])
    assert plan.target == 2
    modes = {relative(u.path, roles): u.mode for u in plan.upgrades}
    assert {f for f, m in modes.items() if m == "re-pin"} == set(PINNED)
    assert len(modes) == 18 and not plan.current
    assert all(u.error is None for u in plan.upgrades)
    for u in plan.upgrades:
        (block,) = u.comparison.section("blocks").changes
        assert block.label == "rights" and block.note == "version"
        assert block.old_source.startswith("rights@1:") and block.new_source.startswith("rights@2:")
        assert not u.comparison.verdict.consent_required
        assert (u.from_version, u.to_version) == (1, 2)
    r03 = next(u for u in plan.upgrades if u.path.name == "r03.yaml")
    (item,) = r03.comparison.changes("rights")
    assert ("-", "ligipääs") in item.words and ("+", "juurdepääs") in item.words
    (repin,) = r03.repins
    assert (repin.key, repin.old.strip(), repin.new.strip()) == (
        "sections.rights", "rights: rights@1", "rights: rights@2")
    r04 = next(u for u in plan.upgrades if u.path.name == "r04.yaml")
    assert r04.repins[0].new.strip() == 'rights: "rights:votta-vastu@2"'
    r05 = next(u for u in plan.upgrades if u.path.name == "r05.yaml")
    assert r05.repins[0].new.strip() == "version: 2"
    r10 = next(u for u in plan.upgrades if u.path.name == "r10.yaml")
    assert r10.repins[0].new.strip() == "rights: {variant: vastu-votta, version: 2}"
    r17 = next(u for u in plan.upgrades if u.path.name == "r17.yaml")
    assert "edit:\n  rights: {version: 2}\n" in r17.new_text  # overrides the preset's pin
    text = plan.format("text")
    assert "pinned @1 (sections.rights): re-pin to @2" in text
    assert "follows the newest version: @1 → @2" in text
    assert "Verdict: no consent required" in text


def test_upgrade_to_a_version_and_since(roles):
    plan = lifecycle.plan_upgrade(roles, "rights@1", library=[V2])
    assert not plan.upgrades  # nothing is older than 1
    plan = lifecycle.plan_upgrade(roles, "rights", library=[V2], since=2)
    assert {u.mode for u in plan.upgrades} == {"re-pin"}  # the followers have nothing to show
    with pytest.raises(ajdoc.AjdocError, match="ID or ID@VERSION"):
        lifecycle.plan_upgrade(roles, "rights:2025", library=[V2])


def test_upgrade_write_rerenders_and_repins(roles, tmp_path):
    plan = lifecycle.plan_upgrade(roles, "rights", library=[V2])
    written = lifecycle.write_upgrade(plan)
    docx = sorted(relative(p, roles) for p in written if p.suffix == ".docx")
    assert docx == sorted(f.replace(".yaml", ".docx") for f, *_, exp in SPEC if exp)
    assert sorted(relative(p, roles) for p in written if p.suffix == ".yaml") == \
        sorted(PINNED)
    assert not list(roles.rglob(".ajdoc-*"))  # no temporary files left
    # the re-pinned roles now resolve to version 2; nothing pins version 1 any more
    assert not lifecycle.where_used("rights@1", roles, library=[V2]).uses
    r03 = (roles / "r03.yaml").read_text(encoding="utf-8")
    assert "rights: rights@2" in r03 and "Nõunik 3" in r03
    # every DOCX is its role's job description with the new wording of the rights
    for path in (p for p in written if p.suffix == ".docx"):
        _assert_upgraded_render(path, path.with_suffix(".yaml"))
    # again: the followers' documents exist, so not without --force
    plan = lifecycle.plan_upgrade(roles, "rights", library=[V2])
    assert sorted(relative(c.path, roles) for c in plan.current) == sorted(PINNED)
    before = (roles / "r01.docx").read_bytes()
    with pytest.raises(ajdoc.AjdocError, match="exists already; use --force"):
        lifecycle.write_upgrade(plan)
    assert (roles / "r01.docx").read_bytes() == before
    out = tmp_path / "out"
    out.mkdir()
    written = lifecycle.write_upgrade(plan, out=out)
    followers = sorted(f for f, *_, exp in SPEC if exp and not exp[4])
    assert sorted(p.name for p in written) == sorted(Path(f).stem + ".docx" for f in followers)
    by_name = {Path(f).stem: roles / f for f in followers}
    for path in written:
        assert path.parent == out
        _assert_upgraded_render(path, by_name[path.stem])


def _assert_upgraded_render(docx: Path, role_file: Path) -> None:
    """The DOCX is the job description of `role_file` (its title, unit and own duty) with the
    rights of version 2 ("juurdepääs"), not of version 1 ("ligipääs")."""
    index = next(i for i, (f, *_) in enumerate(SPEC, 1) if role_file.as_posix().endswith(f))
    text = docx_text(docx.read_bytes())
    assert f"Nõunik {index}" in text.split("\n"), docx  # the title, a paragraph of its own
    assert "Laste heaolu osakond, nõustamisteenuste talitus" in text
    assert f"Nõunik {index} — valdkonna põhiülesande täitmine." in text
    assert "juurdepääs" in text and "ligipääs" not in text, docx


def test_upgrade_drafts_the_amending_directive(roles):
    plan = lifecycle.plan_upgrade(roles, "rights", library=[V2])
    path = lifecycle.draft_directive(plan, roles / "muutmine.yaml",
                                     date=datetime.date(2026, 1, 15))
    text = path.read_text(encoding="utf-8")
    # an amending directive of 18 job descriptions: the plural title (issue 12)
    assert "title: Ametijuhendite muutmine" in text and "TODO" in text
    d = ajdoc.load_directive(path)  # its library: line finds the user library
    assert d.title == "Ametijuhendite muutmine" and len(d.annexes) == 18
    assert d.kind == "amend"
    assert str(d.unit) == "Laste heaolu osakond, nõustamisteenuste talitus"
    assert sorted(a.general.title for a in d.annexes) == sorted(
        f"Nõunik {i}" for i, (*_, exp) in enumerate(SPEC, 1) if exp)
    assert yaml.load(text) == {
        "kind": "amend", "agency": "Sotsiaalkindlustusamet",
        "signer": {"name": "TODO: the signer's name", "title": "peadirektor"},
        "number": 1, "date": datetime.date(2026, 1, 15), "title": "Ametijuhendite muutmine",
        "unit": {"department": "Laste heaolu osakond", "division": "nõustamisteenuste talitus"},
        "layout": "2022", "library": [os.path.relpath(V2, roles).replace(os.sep, "/")],
        "annexes": sorted(f for f, *_, exp in SPEC if exp)}
    files = ajdoc.directive_files(d, roles)  # what `ajdoc directive` writes, as bytes
    docx = {p.name: data for p, data in files.items() if p.suffix == ".docx"}
    assert len(docx) == 19
    directive_text = docx_text(docx.pop(next(n for n in docx if "lisa" not in n)))
    assert "Ametijuhendite muutmine" in directive_text
    assert "1. Muudan laste heaolu osakonna nõustamisteenuste talituse ametijuhendeid " \
           "vastavalt lisadele 1 kuni 18 järgmiselt:" in " ".join(directive_text.split())
    annex_titles = sorted(next(t for t in docx_text(data).split("\n") if t.startswith("Nõunik "))
                          for data in docx.values())
    assert annex_titles == sorted(f"Nõunik {i}" for i, (*_, exp) in enumerate(SPEC, 1) if exp)
    with pytest.raises(ajdoc.AjdocError, match="exists already"):
        lifecycle.draft_directive(plan, path)


def test_cli_upgrade(runner, roles, tmp_path):
    res = runner("upgrade", roles, "--block", "rights", "--library", V2, "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["target"] == 2 and len(data["upgrades"]) == 18
    assert data["upgrades"][0]["comparison"]["verdict"]["consent_required"] is False
    directive = tmp_path / "muutmine.yaml"
    res = runner("upgrade", roles, "--block", "rights", "--library", V2, "--write",
                 "--directive", directive)
    assert res.exit_code == 0, res.output
    assert "re-pin line" in res.stdout and "wrote" in res.stderr
    _assert_upgraded_render(roles / "r01.docx", roles / "r01.yaml")
    assert ajdoc.load_directive(directive).title == "Ametijuhendite muutmine"
    res = runner("upgrade", roles, "--block", "rights", "--library", V2, "--write")
    assert res.exit_code == 2 and "exists already; use --force" in res.stderr
    res = runner("upgrade", roles, "--block", "rights", "--library", V2, "--write", "--force")
    assert res.exit_code == 0, res.output
    res = runner("upgrade", roles, "--block", "rights", "--format", "markdown")
    assert res.exit_code == 0 and res.stdout.startswith("# Upgrade of rights to version 1")
    res = runner("upgrade", roles, "--block", "nosuch")
    assert res.exit_code == 2


# -- unit check -------------------------------------------------------------------------------
def test_check_unit_clean_folder():
    report = check_unit(DATA / "unit-clean")
    assert report.clean
    assert sorted(report.files) == ["nounik.yaml", "osakonnajuhataja.yaml",
                                    "peaspetsialist.yaml", "talitusejuhataja.yaml"]
    assert [(f.kind, f.severity, f.files) for f in report.findings] == [
        ("supervisor", "note", ("osakonnajuhataja.yaml",))]
    assert "'Peadirektori asetäitja'" in report.findings[0].message
    assert "outside the set" in report.findings[0].message


def test_check_unit_finds_each_kind_of_inconsistency():
    report = check_unit(DATA / "unit-bad")
    assert not report.clean
    got = sorted((f.kind, f.severity, f.files, f.fields) for f in report.findings)
    assert got == sorted([
        ("unreadable", "error", ("broken.yaml",), ()),
        ("substitution", "warning", ("juhataja.yaml", "talitusejuhataja.yaml"),
         ("general.substitutes", "general.substituted_by")),
        ("substitution", "warning", ("talitusejuhataja.yaml", "peaspetsialist-1.yaml"),
         ("general.substituted_by", "general.substitutes")),
        ("substitution", "warning", ("talitusejuhataja.yaml", "peaspetsialist-2.yaml"),
         ("general.substituted_by", "general.substitutes")),
        ("supervisor", "note", ("juhataja.yaml",), ("general.supervisor",)),
        ("supervision-cycle", "warning", ("juhtivspetsialist.yaml", "nounik.yaml"),
         ("general.supervisor", "general.title")),
        ("duplicate", "warning", ("peaspetsialist-1.yaml", "peaspetsialist-2.yaml"),
         ("general.title", "general.unit")),
        ("unit-spelling", "warning",
         ("juhataja.yaml", "juhtivspetsialist.yaml", "nounik.yaml", "peaspetsialist-1.yaml",
          "peaspetsialist-2.yaml", "talitusejuhataja.yaml"), ("general.unit.department",)),
    ])
    msgs = {f.kind: f.message for f in report.findings}
    assert ("juhataja.yaml substitutes 'Talitusejuhataja' (general.substitutes) but "
            "talitusejuhataja.yaml does not name 'Osakonnajuhataja' as its substitute "
            "(general.substituted_by)") in [f.message for f in report.findings]
    assert "'Laste heaolu osakond'" in msgs["unit-spelling"]
    assert "'Laste heaoluosakond' in talitusejuhataja.yaml" in msgs["unit-spelling"]
    assert msgs["supervision-cycle"].endswith(
        "Juhtivspetsialist (juhtivspetsialist.yaml) → Nõunik (nounik.yaml) → "
        "Juhtivspetsialist (juhtivspetsialist.yaml)")


def test_check_unit_through_a_directive_file(tmp_path):
    unit = tmp_path / "unit"
    shutil.copytree(DATA / "unit-bad", unit)
    (unit / "kaskkiri.yaml").write_text(
        "signer: {name: X, title: peadirektor}\nnumber: 1\ndate: 2025-01-01\nunit: [Y]\n"
        "annexes: [peaspetsialist-1.yaml, peaspetsialist-2.yaml]\n", encoding="utf-8")
    report = check_unit([unit / "kaskkiri.yaml"], base=unit)
    assert sorted(report.files) == ["peaspetsialist-1.yaml", "peaspetsialist-2.yaml"]
    assert sorted(f.kind for f in report.findings) == ["duplicate", "supervisor"]


def test_titles_are_split_and_compared_in_the_partitive():
    assert split_titles("Talituse juhataja, juhtivspetsialist (lastemaja)") == [
        "Talituse juhataja", "juhtivspetsialist (lastemaja)"]
    split = split_titles("Koordinaator (kaitstud töö) või projektijuht (kaitstud töö)")
    assert "Koordinaator (kaitstud töö)" in split and "projektijuht (kaitstud töö)" in split
    assert "Kvaliteedi ja järelevalve osakonna juhataja" in split_titles(
        "Kvaliteedi ja järelevalve osakonna juhataja")
    titles = Titles()
    assert titles.same("osakonnajuhatajat", "Osakonnajuhataja")
    assert titles.same("PEASPETSIALIST", "Peaspetsialist")
    assert not titles.same("Nõunikku", "Peaspetsialist")


@pytest.mark.parametrize("a,b,same_unit", [
    ("Laste heaolu osakond", "Laste heaoluosakond", True),
    ("nõustamisteenuste talitus", "nõustamisteenuse talitus", True),
    ("Lõuna regiooni talitus", "Põhja regiooni talitus", False),
    ("Laste heaolu osakond", "Laste heaolu osakond", False),
    ("Teenuste osakond", "Laste heaolu osakond", False),
])
def test_unit_spellings(a, b, same_unit):
    assert unit_spellings_differ(a, b) is same_unit


def test_cli_check_unit_exit_codes(runner):
    res = runner("check-unit", DATA / "unit-clean", "--strict")
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("4 role file(s): 0 errors, 0 warnings, 1 note")
    res = runner("check-unit", DATA / "unit-bad")
    assert res.exit_code == 0
    assert "warning: [supervision-cycle]" in res.stdout
    res = runner("check-unit", DATA / "unit-bad", "--strict")
    assert res.exit_code == 2
    res = runner("check-unit", DATA / "unit-bad", "--format", "json")
    data = json.loads(res.stdout)
    assert data["clean"] is False and len(data["findings"]) == 8
    assert set(data["findings"][0]) == {"kind", "severity", "message", "files", "fields"}
    res = runner("check-unit", DATA / "nowhere")
    assert res.exit_code == 2


def test_where_used_an_anchor_is_not_a_use(tmp_path):
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "a.yaml").write_text(ROLE.format(
        preset="specialist", title="Nõunik", duties="",
        extra="sections:\n  competencies:\n    add:\n      - {ref: competency.meeskonnatoo, "
              "after: competency.kliendikesksus}\n"), encoding="utf-8")
    (u,) = lifecycle.where_used("competency.kliendikesksus", folder).uses
    assert u.via == ("preset specialist",) and u.pin is None
    (u,) = lifecycle.where_used("competency.meeskonnatoo", folder).uses
    assert u.via == ("sections.competencies",) and u.sections == ("competencies",)


@pytest.mark.parametrize("command", ["diff", "where-used", "upgrade", "check-unit"])
def test_help(runner, command):
    res = runner(command, "--help")
    assert res.exit_code == 0 and "Usage:" in res.stdout
