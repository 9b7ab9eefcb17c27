"""A batch loads what its roles need before the first one (ajdoc.batch._warm): only a head start,
so that a mistake met there is still reported by each role, as before, and never ends the batch."""

from __future__ import annotations

import shutil
import warnings
import zipfile

import pytest

from ajdoc import batch
from conftest import EXAMPLES


@pytest.fixture()
def roles(tmp_path):
    src = tmp_path / "roles"
    src.mkdir()
    for name in ("teenuse-juht.yaml", "osakonnajuhataja.yaml"):
        shutil.copy(EXAMPLES / name, src / name)
    out = tmp_path / "out"
    out.mkdir()
    return src, out


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_template_that_is_no_package_is_each_role_s_error(roles, tmp_path, jobs):
    src, out = roles
    bad = tmp_path / "bad.docx"
    bad.write_text("not a Word document", encoding="utf-8")
    outcomes = batch.render_folder(src, out, template=bad, jobs=jobs)
    assert len(outcomes) == 2 and all(o.error for o in outcomes)
    assert all(str(bad) in str(o.error) for o in outcomes)
    assert not list(out.iterdir())


def test_a_zip_bomb_template_is_refused_by_its_check_before_any_reading(roles, tmp_path,
                                                                        monkeypatch):
    """The warm-up checks a package as filling it does, before preparing it."""
    src, out = roles
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<" + "a" * (2 * 1024 * 1024) + "/>")  # 1000:1
    read: list = []
    with monkeypatch.context() as m:
        m.setattr(batch, "prepared", read.append)
        batch._warm(None, bomb, (), None)
    assert read == [], "an unchecked package was prepared"
    outcomes = batch.render_folder(src, out, template=bomb, jobs=1)
    assert all(o.error and "zip bomb" in o.error and "bomb.docx" in o.error for o in outcomes)


def test_a_missing_library_folder_is_each_role_s_error(roles, tmp_path):
    src, out = roles
    outcomes = batch.render_folder(src, out, library=[tmp_path / "nowhere"], jobs=1)
    assert len(outcomes) == 2
    assert all(o.error and "library folder not found" in o.error for o in outcomes)


def test_the_warm_up_warns_nothing_of_its_own(roles):
    src, out = roles
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        batch._warm("2025", None, (), None)
    assert not caught
    outcomes = batch.render_folder(src, out, jobs=1)
    assert [o.error for o in outcomes] == [None, None]
    assert sorted(p.name for p in out.iterdir()) == ["osakonnajuhataja.docx", "teenuse-juht.docx"]
