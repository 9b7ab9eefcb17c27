"""`ajdoc import --profile`: documents in another agency's profile (the Transport
Administration's data-driven layout in examples/transpordiamet) read back into role files.

Every expectation is read from the example files here (the role files, the directive file, the
profile's layouts.yaml), never from what the importer returned before: each example is rendered,
imported with its profile, compared field by field with its role file, and rendered again to the
same words."""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

import ajdoc
from ajdoc import importing as importer
from conftest import EXAMPLES, ROOT
from docxtext import docx_text, words

TRA = EXAMPLES / "transpordiamet"
PROFILE = TRA / "profiil"
PROFILE_ARG = "examples/transpordiamet/profiil"       # as a user types it, from the repository
ROLES = ["teehoiuteenistuse-direktor", "juhtivspetsialist"]


# -- helpers ------------------------------------------------------------------------------------
@pytest.fixture
def run(monkeypatch):
    """`ajdoc ARGS` in-process, from the repository's folder (relative paths as typed)."""
    from ajdoc.cli import main

    monkeypatch.chdir(ROOT)

    def invoke(*args):
        return CliRunner().invoke(main, [str(a) for a in args])

    return invoke


def load(path: Path) -> dict:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def dump(data: dict) -> str:
    buf = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, buf)
    return buf.getvalue()


def text_words(path: Path) -> list[str]:
    return words(docx_text(path.read_bytes()))


def one_line(text: str) -> str:
    return " ".join(text.split())


def own_duties(role: dict) -> list[dict]:
    return [d for d in role["duties"] if "text" in d]


def check_fields(imported: dict, expected: dict) -> None:
    """The imported role says what the example role file says."""
    g, e = imported["general"], expected["general"]
    assert g["title"] == e["title"]
    assert g["unit"] == {"department": e["unit"]}
    assert g["supervisor"] == e["supervisor"]          # printed in the allative, read back
    assert g["substituted_by"] == e["substituted_by"]
    assert g["substitutes"] == e["substitutes"]        # printed in the partitive, read back
    assert one_line(imported["purpose"]) == one_line(expected["purpose"])
    duties = own_duties(imported)
    assert [d["text"] for d in duties] == [d["text"] for d in expected["duties"]]
    assert [d.get("subitems", []) for d in duties] == \
        [d.get("subitems", []) for d in expected["duties"]]
    assert not any("results" in d for d in imported["duties"])
    req, exp = imported["requirements"], expected["requirements"]
    for key in ("education", "experience", "personal_qualities"):
        assert req.get(key) == exp.get(key)
    assert [{k: v for k, v in lang.items()} for lang in req["languages"]] == exp["languages"]
    # the profile's standard texts, exactly: nothing overridden, no other agency's block
    assert imported["preset"] == expected["preset"]
    assert "edit" not in imported and "sections" not in imported


def render_example(run, name: str, target: Path) -> None:
    res = run("render", TRA / f"{name}.yaml", "-o", target)
    assert res.exit_code == 0, res.output


# -- the example roles --------------------------------------------------------------------------
@pytest.mark.parametrize("name", ROLES)
def test_example_role_round_trips_in_its_profile(tmp_path, run, name):
    source = tmp_path / f"{name}.docx"
    render_example(run, name, source)
    out = tmp_path / "out"
    out.mkdir()
    res = run("import", source, "-o", out / "roll.yaml", "--profile", PROFILE_ARG)
    assert res.exit_code == 0, res.output
    assert "warning" not in res.output
    text = (out / "roll.yaml").read_text(encoding="utf-8")
    imported = load(out / "roll.yaml")
    check_fields(imported, load(TRA / f"{name}.yaml"))
    # the profile as given, relative to the role file
    assert not Path(imported["profile"]).is_absolute()
    assert (out / imported["profile"]).resolve() == PROFILE.resolve()
    # the lines on top are recognised, not imported as text
    agency = load(PROFILE / "profile.yaml")["agency"]
    assert agency.upper() not in text and "Lisa" not in text
    # rendered again (the role names its profile): the same words
    again = out / "again.docx"
    res = run("render", out / "roll.yaml", "-o", again)
    assert res.exit_code == 0, res.output
    assert text_words(again) == text_words(source)


def test_the_api_takes_the_profile_and_the_default_profile_refuses(tmp_path, run):
    source = tmp_path / "js.docx"
    render_example(run, "juhtivspetsialist", source)
    result = importer.import_file(source, profile=PROFILE)
    assert result.layout in load(PROFILE / "layouts.yaml")
    assert result.roundtrip == pytest.approx(1.0)
    assert Path(result.role["profile"]).resolve() == PROFILE.resolve()
    assert all(r.block.startswith("tra.") for r in result.report if r.block)
    with pytest.raises(ajdoc.AjdocError) as err:
        importer.import_file(source)                   # the default profile: no silent import
    assert "profile" in str(err.value)
    batch = importer.import_directory(tmp_path, profile=PROFILE, verify=False)
    assert not batch.failures
    assert batch.results[source].role["general"]["title"] == "Juhtivspetsialist"


def test_without_the_profile_the_document_is_refused(tmp_path, run):
    source = tmp_path / "js.docx"
    render_example(run, "juhtivspetsialist", source)
    out = tmp_path / "out"
    out.mkdir()
    res = run("import", source, "-o", out / "roll.yaml")
    assert res.exit_code == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ajdoc: error: ") and str(source) in lines[0]
    for name in ajdoc.resources.profile().layouts:      # the default profile's layouts named
        assert name in lines[0]
    assert "--profile" in lines[0]
    assert list(out.iterdir()) == []


def test_another_profiles_document_is_refused_in_this_profile(tmp_path, run):
    source = tmp_path / "tj.docx"
    res = run("render", EXAMPLES / "teenuse-juht.yaml", "-o", source)
    assert res.exit_code == 0, res.output
    res = run("import", source, "-o", tmp_path / "tj.yaml", "--profile", PROFILE_ARG)
    assert res.exit_code == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1
    for name in load(PROFILE / "layouts.yaml"):        # the TRA profile's layouts named
        assert name in lines[0]
    assert not (tmp_path / "tj.yaml").exists()


# -- values in a case -----------------------------------------------------------------------------
def test_values_in_a_case_read_back_or_kept_with_a_form(tmp_path, run):
    role = load(TRA / "juhtivspetsialist.yaml")
    role["profile"] = str(PROFILE.resolve())
    role["general"]["supervisor"] = "Kvaliteedi ja järelevalve osakonna juhataja"
    role["general"]["substitutes"] = "Konsultant, peaspetsialist"
    path = tmp_path / "roll.yaml"
    path.write_text(dump(role), encoding="utf-8")
    source = tmp_path / "roll.docx"
    assert run("render", path, "-o", source).exit_code == 0
    printed = docx_text(source.read_bytes())
    assert "juhatajale" in printed and "konsultanti, peaspetsialisti" in printed
    got = importer.import_file(source, profile=PROFILE).role["general"]
    assert got["supervisor"] == "Kvaliteedi ja järelevalve osakonna juhataja"
    assert got["substitutes"] == "Konsultant, peaspetsialist"

    # a word no engine knows: its printed form is kept with a forms: entry, and flagged
    role["general"]["supervisor"] = "Zyxwvu Qwerty"
    role["forms"] = {"Zyxwvu Qwerty": {"allative": "Zyxwvu Qwertyle"}}
    path.write_text(dump(role), encoding="utf-8")
    assert run("render", path, "-o", source, "--force").exit_code == 0
    result = importer.import_file(source, profile=PROFILE)
    assert result.role["general"]["supervisor"] == "Zyxwvu Qwertyle"
    assert result.role["forms"] == {"Zyxwvu Qwertyle": {"allative": "Zyxwvu Qwertyle"}}
    assert any("Zyxwvu Qwertyle" in w and "general.supervisor" in w for w in result.warnings)
    assert result.roundtrip == pytest.approx(1.0)


# -- a combined directive -----------------------------------------------------------------------
def test_a_combined_directive_imports_in_its_profile(tmp_path, run):
    combined = tmp_path / "koos.docx"
    res = run("directive", TRA / "kaskkiri.yaml", "--combined", combined)
    assert res.exit_code == 0, res.output
    out = tmp_path / "out"
    out.mkdir()
    res = run("import", combined, "--from-directive", "-o", out, "--profile", PROFILE_ARG)
    assert res.exit_code == 0, res.output + res.stderr
    expected = load(TRA / "kaskkiri.yaml")
    number = expected["number"].replace("/", "-").replace(".", "-")
    dfile = out / f"kaskkiri-{number}.yaml"
    assert sorted(p.name for p in out.iterdir()) == sorted([dfile.name] + expected["annexes"])
    d = load(dfile)
    assert d["annexes"] == expected["annexes"]
    assert d["signer"] == expected["signer"]
    assert str(d["number"]) == expected["number"] and d["date"] == expected["date"]
    assert (out / d["profile"]).resolve() == PROFILE.resolve()
    assert "title" not in d and "legal_basis" not in d   # the profile's own, not retyped
    for name in expected["annexes"]:
        role = load(out / name)
        check_fields(role, load(TRA / name))
        assert (out / role["profile"]).resolve() == PROFILE.resolve()
    (tmp_path / "again").mkdir()
    again = tmp_path / "again" / "koos.docx"       # (beside it: the register's JSON)
    res = run("directive", dfile, "--combined", again)
    assert res.exit_code == 0, res.output
    assert text_words(again) == text_words(combined)


# -- a third profile ------------------------------------------------------------------------------
RENAMED = {"Üldosa": "Üldandmed", "Teenistuskoha nimetus": "Ametinimetus",
           "Allub": "Vahetu juht", "Asendab": "Keda asendab",
           "Teenistusülesanded": "Põhiülesanded", "Töökogemus": "Erialane kogemus"}


def test_a_third_profile_imports_its_own_render(tmp_path, run):
    third = tmp_path / "kolmas"
    shutil.copytree(PROFILE, third)
    layouts = (third / "layouts.yaml").read_text(encoding="utf-8")
    for old, new in RENAMED.items():   # headings and labels, wherever a number is printed
        found = re.findall(rf'"((?:\d+\.)*\s*){re.escape(old)}"', layouts)
        assert len(found) == 1, old
        layouts = layouts.replace(f'"{found[0]}{old}"', f'"{found[0]}{new}"')
    # and its rows printed without numbers, where the layout numbers them
    layouts = re.sub(r',\s*rows:\s*"[^"]*"', "", layouts)
    (third / "layouts.yaml").write_text(layouts, encoding="utf-8")
    source = tmp_path / "js.docx"
    res = run("render", TRA / "juhtivspetsialist.yaml", "-o", source, "--profile", third)
    assert res.exit_code == 0, res.output
    printed = docx_text(source.read_bytes())
    assert all(new in printed for new in RENAMED.values())
    out = tmp_path / "out"
    out.mkdir()
    res = run("import", source, "-o", out / "roll.yaml", "--profile", third)
    assert res.exit_code == 0, res.output
    imported = load(out / "roll.yaml")
    check_fields(imported, load(TRA / "juhtivspetsialist.yaml"))
    assert not Path(imported["profile"]).is_absolute()
    assert (out / imported["profile"]).resolve() == third.resolve()
    again = out / "again.docx"
    assert run("render", out / "roll.yaml", "-o", again).exit_code == 0
    assert text_words(again) == text_words(source)


# -- bad input ------------------------------------------------------------------------------------
def test_a_profile_that_is_no_folder_is_one_line_exit_2(tmp_path, cli):
    source = tmp_path / "js.docx"
    res = cli("render", TRA / "juhtivspetsialist.yaml", "-o", source)
    assert res.returncode == 0, res.stderr
    missing = tmp_path / "puudub"
    res = cli("import", source, "-o", tmp_path / "roll.yaml", "--profile", missing)
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ajdoc: error: ") and "puudub" in lines[0]
    assert "Traceback" not in res.stderr
    assert not (tmp_path / "roll.yaml").exists()
    with pytest.raises(ajdoc.AjdocError):
        importer.import_file(source, profile=missing)
    not_a_profile = tmp_path / "kaust"
    not_a_profile.mkdir()
    res = cli("import", source, "-o", tmp_path / "roll.yaml", "--profile", not_a_profile)
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1
    assert "profile.yaml" in res.stderr and os.fspath(not_a_profile) in res.stderr
