"""The web editor over another agency's files: a workspace whose roles name their profile, and
`ajdoc serve --profile`: the profile's layouts, preview, library and downloads."""

from __future__ import annotations

import io
import shutil
import zipfile

import pytest

pytest.importorskip("starlette")

import ajdoc  # noqa: E402
from conftest import EXAMPLES  # noqa: E402
from docxtext import docx_text  # noqa: E402
from web_support import client, form_of, post, text_of  # noqa: E402

TRA = EXAMPLES / "transpordiamet"


@pytest.fixture
def tra(tmp_path):
    shutil.copytree(TRA, tmp_path / "tra")
    return tmp_path / "tra"


def test_a_role_naming_its_profile_previews_in_that_agencys_layout(tra):
    c = client(tra)
    page = c.get("/role", params={"path": "juhtivspetsialist.yaml"})
    assert page.status_code == 200
    text = text_of(page.text)
    for expected in ("TRANSPORDIAMET", "JUHTIVSPETSIALISTI", "1.4. Allub",
                     "teehoiuteenistuse direktorile", "3. Teenistusülesanded"):
        assert expected in text, expected


def test_serve_with_the_profile_offers_its_layouts_library_and_the_clis_bytes(tra):
    c = client(tra, profile=str(tra / "profiil"))
    page = c.get("/role", params={"path": "juhtivspetsialist.yaml"})
    assert page.status_code == 200 and 'value="teenistuskoht"' in page.text
    assert 'value="2025"' not in page.text and 'value="2022"' not in page.text
    library = c.get("/library")
    assert library.status_code == 200 and "tra.rights" in library.text
    assert "competency.kliendikesksus" not in library.text
    got = c.get("/role/download", params={"path": "juhtivspetsialist.yaml", "format": "docx"})
    assert got.status_code == 200
    expected = ajdoc.render(ajdoc.load_role(tra / "juhtivspetsialist.yaml"))
    assert got.content == expected
    assert "Lisa" not in docx_text(got.content, headers=False).splitlines()[0]
    # a layout of another profile is refused with the profile's own
    bad = c.get("/role/download", params={"path": "juhtivspetsialist.yaml", "layout": "2022"})
    assert bad.status_code in (400, 422) and "teenistuskoht" in bad.text


def test_the_directive_of_the_profile_downloads_as_the_cli_writes_it(tra):
    c = client(tra, profile=str(tra / "profiil"))
    page = c.get("/directive", params={"path": "kaskkiri.yaml"})
    assert page.status_code == 200
    assert "Transpordiameti teehoiuteenistuse järgmiste teenistuskohtade" in text_of(page.text)
    got = post(c, "/directive/download", form_of(page.text, "directive-form") + [("what", "zip")],
               htmx=False)
    assert got.status_code == 200
    with zipfile.ZipFile(io.BytesIO(got.content)) as z:
        names = sorted(z.namelist())
        d = ajdoc.load_directive(tra / "kaskkiri.yaml")
        files = {p.name: data for p, data in ajdoc.directive_files(d, tra).items()}
        assert names == sorted(files)
        for name in names:
            if name.endswith(".docx"):
                assert z.read(name) == files[name], name
