"""The command line: every command's happy path, --help everywhere, overwrite protection."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES
from docxtext import docx_text

COMMANDS = ["render", "new", "blocks", "presets", "check", "explain", "inflect", "directive",
            "import", "diff", "where-used", "upgrade", "check-unit", "template", "preview",
            "profiles", "profile", "serve", "schema"]


@pytest.mark.parametrize("command", [None] + COMMANDS)
def test_help_everywhere(cli, command):
    args = ([command] if command else []) + ["--help"]
    res = cli(*args)
    assert res.returncode == 0 and "Usage:" in res.stdout


def test_render_writes_and_refuses_to_overwrite(cli, tmp_path):
    out = tmp_path / "a.docx"
    res = cli("render", EXAMPLES / "teenuse-juht.yaml", "-o", out)
    assert res.returncode == 0, res.stderr
    before = out.read_bytes()
    res = cli("render", EXAMPLES / "koordinaator-kaitstud-too.yaml", "-o", out)
    assert res.returncode == 2 and "exists already; use --force" in res.stderr
    assert out.read_bytes() == before
    res = cli("render", EXAMPLES / "koordinaator-kaitstud-too.yaml", "-o", out, "--force")
    assert res.returncode == 0 and out.read_bytes() != before
    assert "Koordinaator (kaitstud töö)" in docx_text(out.read_bytes())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]  # no temporary files left


def test_same_input_gives_identical_bytes(cli, tmp_path):
    for name in ("a", "b"):
        assert cli("render", EXAMPLES / "teenuse-juht.yaml", "-o", tmp_path / f"{name}.docx").returncode == 0
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()


@pytest.mark.slow  # three runs of ajdoc per preset
@pytest.mark.parametrize("preset", ["specialist", "team-leader", "head-of-department"])
def test_new_scaffold_is_a_valid_role_once_filled(cli, tmp_path, preset):
    role = tmp_path / "role.yaml"
    res = cli("new", "--preset", preset, "-o", role)
    assert res.returncode == 0, res.stderr
    text = role.read_text(encoding="utf-8")
    assert f"preset: {preset}" in text and "TODO" in text and text.lstrip().startswith("#")
    # the scaffold as written is already a valid role (TODOs are text), so a person can
    # check it at any time while filling it in
    res = cli("check", role)
    assert res.returncode == 0, res.stderr
    res = cli("render", role, "-o", tmp_path / "x.docx")
    assert res.returncode == 0, res.stderr
    text = docx_text((tmp_path / "x.docx").read_bytes())
    assert "TODO Ametinimetus" in text and "TODO osakond" in text


def test_new_unknown_preset(cli, tmp_path):
    res = cli("new", "--preset", "specalist", "-o", tmp_path / "r.yaml")
    assert res.returncode == 2
    assert "unknown preset 'specalist'" in res.stderr and "did you mean 'specialist'" in res.stderr
    assert not (tmp_path / "r.yaml").exists()


def test_blocks_lists_and_shows_variants(cli):
    res = cli("blocks")
    assert res.returncode == 0
    assert "competency.eestvedamine" in res.stdout and "team-leader, head" in res.stdout
    res = cli("blocks", "rights")
    assert "variant votta-vastu" in res.stdout
    assert "• võtta vastu otsuseid oma pädevuse piires" in res.stdout
    res = cli("blocks", "nonexistent")
    assert res.returncode == 2 and "unknown block 'nonexistent'" in res.stderr


def test_presets_lists_inheritance(cli):
    res = cli("presets")
    assert "team-leader" in res.stdout and "(extends specialist)" in res.stdout


def test_explain_shows_provenance_per_section(cli):
    res = cli("explain", EXAMPLES / "teenuse-juht.yaml")
    assert res.returncode == 0, res.stderr
    out = res.stdout
    assert "duty.team-planning@1:default" in out
    assert "competency.eestvedamine@1:team-leader" in out
    assert "rights@1:vastu-votta" in out
    for section in ("duties", "rights", "responsibilities", "competencies",
                    "additional competencies", "amendment"):
        assert f"\n{section}\n" in out


def test_check_ok(cli):
    res = cli("check", EXAMPLES / "osakonnajuhataja.yaml")
    assert res.returncode == 0 and "ok (role, 19 duties, preset head-of-department" in res.stdout


def test_render_a_folder_in_parallel_skips_the_broken_role(cli, tmp_path):
    src = tmp_path / "roles"
    (src / "sub").mkdir(parents=True)
    for name in ("a", "b"):
        (src / f"{name}.yaml").write_text((EXAMPLES / "teenuse-juht.yaml").read_text("utf-8"),
                                          encoding="utf-8")
    (src / "sub" / "c.yaml").write_text((EXAMPLES / "osakonnajuhataja.yaml").read_text("utf-8"),
                                        encoding="utf-8")
    (src / "broken.yaml").write_text("preset: specialist\ngeneral: {}\n", encoding="utf-8")
    (src / "notes.yaml").write_text("just: data\n", encoding="utf-8")  # not a role file
    out = tmp_path / "out"
    out.mkdir()
    res = cli("render", src, "-o", out, "--jobs", "2")
    assert res.returncode == 2
    assert "broken.yaml" in res.stderr and "rendered 3 of 4 roles" in res.stdout
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.docx")) == [
        "a.docx", "b.docx", "sub/c.docx"]
    assert (out / "a.docx").read_bytes() == (out / "b.docx").read_bytes()
    assert "Osakonnajuhataja" in docx_text((out / "sub" / "c.docx").read_bytes())
    assert "Teenuse juht (siseriiklik nõustamine)" in docx_text((out / "a.docx").read_bytes())


def test_lazy_commands_help_matches_their_own():
    """`ajdoc --help` lists the lazily loaded commands with a one-line help kept in cli.py: it
    must say what the command's own help says (its first sentence, shortened)."""
    import importlib

    from ajdoc.cli import LAZY_COMMANDS

    for name, (module, attr, short) in LAZY_COMMANDS.items():
        cmd = getattr(importlib.import_module(module), attr)
        assert cmd.name == name
        assert short.endswith(".") and len(short) <= 90, name
        import re

        words = lambda text: set(re.findall(r"[a-zõäöüšž]{4,}", text.lower()))  # noqa: E731
        own = cmd.help.lower()
        assert short.split()[0].lower() == own.split()[0], (name, short, own[:60])
        shared = words(short) & words(own)
        assert len(shared) >= 0.6 * len(words(short)), (name, words(short) - shared)


def test_start_up_imports_no_command_module():
    """`ajdoc --help` stays fast: importing the CLI loads no command module, nor the shared
    options (they read the layouts), nor docxtpl, lxml or estnltk; every command is lazy."""
    import subprocess
    import sys

    from ajdoc.cli import LAZY_COMMANDS

    modules = sorted({module for module, _, _ in LAZY_COMMANDS.values()})
    assert "ajdoc.cli.render" in modules and "ajdoc.cli.lifecycle" in modules
    watched = modules + ["ajdoc.cli.options", "ajdoc.api", "ajdoc.resources", "docxtpl", "lxml",
                         "estnltk", "ruamel.yaml"]
    code = ("import sys; from ajdoc import cli; "
            f"print(','.join(m for m in {watched!r} if m in sys.modules)); "
            "print(','.join(sorted(cli.main.commands)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:2] == ["", ""], out.stdout  # nothing loaded, nothing eager


def test_help_lists_every_command_from_the_table(cli):
    res = cli("--help")
    listed = [line.split()[0] for line in res.stdout.split("Commands:\n")[1].splitlines()
              if line.startswith("  ") and not line.startswith("    ")]
    assert listed == sorted(COMMANDS)
