"""The built wheel, installed into a clean virtual environment, renders from any folder.

This builds the wheel and installs it with its dependencies from the package index (no estnltk:
the built-in table of forms is used), then renders an example in a temporary folder with the
source tree out of reach.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, seed
from docxtext import docx_text, similarity


@pytest.fixture(scope="module")
def clean_env(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    dist = tmp / "dist"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                            str(dist), str(ROOT)], capture_output=True, text=True)
    if build.returncode != 0:
        pytest.fail(f"wheel build failed:\n{build.stderr[-2000:]}")
    wheel = next(dist.glob("ajdoc-*.whl"))
    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    py = env_dir / "bin" / "python"
    inst = subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)],
                          capture_output=True, text=True)
    if inst.returncode != 0:
        pytest.fail(f"installing the wheel failed:\n{inst.stderr[-2000:]}")
    return tmp, env_dir


def test_wheel_ships_templates_and_data(clean_env):
    tmp, env_dir = clean_env
    wheel = next((tmp / "dist").glob("ajdoc-*.whl"))
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ["ajdoc/templates/ametijuhend-2022.docx", "ajdoc/templates/ametijuhend-2025.docx",
                   "ajdoc/data/profiles/ska/blocks/rights.yaml", "ajdoc/data/profiles/ska/presets/specialist.yaml",
                   "ajdoc/data/forms.yaml", "ajdoc/data/parsed.json", "ajdoc/py.typed"]:
        assert needed in names, f"{needed} missing from the wheel"


def test_clean_venv_renders_an_example_elsewhere(clean_env):
    tmp, env_dir = clean_env
    work = tmp / "elsewhere"
    work.mkdir()
    shutil.copy(EXAMPLES / "teenuse-juht.yaml", work / "role.yaml")
    probe = subprocess.run(
        [str(env_dir / "bin" / "python"), "-c",
         "import ajdoc.resources as r, ajdoc.language as l, ajdoc.shipped as s; "
         "print(r.layout_template('2022')); print(l.engine().name); "
         "print(s.parsed('rt', (r.data_path('profiles', 'ska', 'profile.yaml')).read_text("
         "encoding='utf-8')) is not None)"],
        capture_output=True, text=True, cwd=work)
    assert probe.returncode == 0, probe.stderr
    template, engine, from_snapshot = probe.stdout.split()
    assert str(env_dir) in template and str(ROOT) not in template
    assert engine == "table"  # estnltk is an extra: the shipped table of forms is used
    assert from_snapshot == "True"  # the shipped data is read from its snapshot, not parsed
    run = subprocess.run([str(env_dir / "bin" / "ajdoc"), "render", "role.yaml", "-o", "out.docx"],
                         capture_output=True, text=True, cwd=work)
    assert run.returncode == 0, run.stderr
    score = similarity(seed("000"), docx_text((work / "out.docx").read_bytes()))
    assert score >= 0.97
