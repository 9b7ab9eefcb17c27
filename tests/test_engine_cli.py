"""The command line's cheap paths (issue 16): `ajdoc check` imports no rendering machinery, and
`ajdoc check DIR` checks a whole folder in one process, going on past a file with a mistake."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import EXAMPLES, run_cli

# babel is left out: ajdoc.language imports it at its top (dates), and a check inflects
HEAVY = ("docxtpl", "docx", "lxml", "jinja2", "markupsafe", "estnltk")


def test_check_of_a_role_imports_no_rendering_or_morphology_module():
    code = ("import sys; sys.argv = ['ajdoc', 'check', sys.argv[1]]\n"
            "from ajdoc.cli import run\ntry:\n    run()\nexcept SystemExit as e:\n"
            "    assert not e.code, e.code\n"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    res = subprocess.run([sys.executable, "-c", code, str(EXAMPLES / "teenuse-juht.yaml")],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip().splitlines()[-1] == "[]", res.stdout


def test_check_of_a_folder_checks_every_file_in_one_run(tmp_path):
    roles = sorted(p for p in EXAMPLES.glob("*.yaml") if not p.name.startswith("kaskkiri"))
    for i in range(24):
        shutil.copy(roles[i % len(roles)], tmp_path / f"roll-{i:02d}.yaml")
    sub = tmp_path / "alamkaust"
    sub.mkdir()
    (sub / "vigane.yaml").write_text("preset: specialist\npurpose: x\n", encoding="utf-8")
    (tmp_path / "muu.yaml").write_text("mis: see on\n", encoding="utf-8")  # not a role: skipped
    res = run_cli("check", tmp_path)
    assert res.returncode == 2, res.stderr
    ok = [line for line in res.stdout.splitlines() if ": ok (role," in line]
    assert len(ok) == 24, res.stdout
    errors = [line for line in res.stderr.splitlines() if line.startswith("ajdoc: error: ")]
    assert errors[0].startswith(f"ajdoc: error: {sub / 'vigane.yaml'}"), errors
    assert errors[-1] == "ajdoc: error: 1 of 25 files have mistakes", errors
    assert "muu.yaml" not in res.stdout + res.stderr


def test_check_of_a_folder_without_roles_says_so(tmp_path):
    res = run_cli("check", tmp_path)
    assert res.returncode == 2
    assert str(tmp_path) in res.stderr and "no role or directive files" in res.stderr
