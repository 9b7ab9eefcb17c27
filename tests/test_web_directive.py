"""The directive builder: a directive built in the form reads as ajdoc writes it, is saved as a
directive file ajdoc loads, and its downloads are the very bytes `ajdoc directive` writes."""

from __future__ import annotations

import io
import zipfile

import pytest

pytest.importorskip("starlette")

from docxtext import docx_text  # noqa: E402
from web_support import (client, csrf_of, flash, form_of, messages, post, text_of,  # noqa: E402
                         value, with_value, workspace)

import ajdoc  # noqa: E402
from ajdoc import yamlio  # noqa: E402

DIRECTIVES = ["kaskkiri-183.yaml", "kaskkiri-lisade-kehtetuks.yaml", "kaskkiri-muutmine.yaml"]


def opened(c, name):
    res = c.get(f"/directive?path={name}")
    assert res.status_code == 200, res.text[-400:]
    return form_of(res.text, "directive-form")


@pytest.mark.parametrize("name", DIRECTIVES)
def test_saving_an_unchanged_directive_keeps_the_file(tmp_path, name):
    ws = workspace(tmp_path)
    before = (ws / name).read_bytes()
    c = client(ws)
    res = post(c, "/directive/save", opened(c, name))
    assert flash(res.text).startswith("ok: Salvestatud.")
    assert (ws / name).read_bytes() == before


@pytest.mark.parametrize("name", DIRECTIVES)
def test_the_downloads_are_the_bytes_ajdoc_directive_writes(tmp_path, cli, name):
    ws = workspace(tmp_path)
    c = client(ws)
    pairs = opened(c, name)
    out = tmp_path / "out"
    out.mkdir()
    combined = tmp_path / "koos.docx"
    assert cli("directive", ws / name, "-o", out).returncode == 0
    assert cli("directive", ws / name, "--combined", combined).returncode == 0
    res = post(c, "/directive/download", pairs + [("what", "zip")], htmx=False)
    assert res.headers["content-type"] == "application/zip"
    z = zipfile.ZipFile(io.BytesIO(res.content))
    assert sorted(z.namelist()) == sorted(p.name for p in out.iterdir())
    for member in z.namelist():
        assert z.read(member) == (out / member).read_bytes(), member
    res = post(c, "/directive/download", pairs + [("what", "combined")], htmx=False)
    assert res.content == combined.read_bytes()
    assert "koos-lisadega.docx" in res.headers["content-disposition"]


def test_a_directive_of_two_annexes_built_in_the_form(tmp_path):
    ws = workspace(tmp_path, "teenuseomanik-lastemaja.yaml", "peaspetsialist-lastemaja.yaml",
                   "teenuse-juht.yaml")
    c = client(ws)
    token = csrf_of(c.get("/directive").text)
    res = c.post("/directive/new", data={"_csrf": token, "path": "kaskkiri-200"})
    assert res.status_code == 200 and not (ws / "kaskkiri-200.yaml").exists()
    pairs = form_of(res.text, "directive-form")
    for op in ("annex:teenuse-juht.yaml", "annex:peaspetsialist-lastemaja.yaml"):
        res = post(c, "/directive/form", pairs + [("op", op)])
        pairs = form_of(res.text, "directive-form")
    res = post(c, "/directive/form", pairs + [("op", "up:annexes[2]")])  # reorder
    pairs = form_of(res.text, "directive-form")
    assert [value(pairs, "annexes[1]"), value(pairs, "annexes[2]")] == [
        "peaspetsialist-lastemaja.yaml", "teenuse-juht.yaml"]
    for name, text in [("number", "200"), ("date", "2026-03-02"), ("signer.name", "Kadri Kask"),
                       ("signer.title", "osakonnajuhataja"), ("signer.acting_for", "peadirektor"),
                       ("signer.appointed_by.date", "2025-07-01"),
                       ("signer.appointed_by.number", "1-2/15"),
                       ("signer.appointed_by.title", "Peadirektori asendaja määramine"),
                       ("entry.mode", "date"), ("entry.date", "2026-04-01")]:
        pairs = with_value(pairs, name, text)
    res = post(c, "/directive/form", pairs + [("op", "add:repeals")])
    pairs = form_of(res.text, "directive-form")
    for name, text in [("repeals[1].date", "2024-10-10"), ("repeals[1].number", "150"),
                       ("repeals[1].scope", "annexes"), ("repeals[1].annexes", "3, 1, 2, 5")]:
        pairs = with_value(pairs, name, text)
    page = text_of(post(c, "/directive/preview", pairs).text)
    assert "1. Kinnitan laste heaolu osakonna ametijuhendid vastavalt lisadele 1 kuni 2 " \
        "järgmiselt:" in page
    assert "1.1. traumeeritud laste toetamise talituse peaspetsialist (lastemaja) (lisa 1);" in page
    assert "osakonnajuhataja peadirektori ülesannetes" in page
    assert "käskkirja nr 150 lisad 1 kuni 3 ja 5" in page
    assert "Käskkiri jõustub 2026. aasta 1. aprillil." in page
    found = messages(post(c, "/directive/preview", pairs).text)
    assert [m[0] for m in found] == ["warn"] and "repealed-annexes-order" in found[0][2]
    assert found[0][1] == "repeals[1].annexes"
    res = post(c, "/directive/save", pairs)
    assert flash(res.text) == "ok: Salvestatud. kaskkiri-200.yaml"  # warnings do not stop it
    d = ajdoc.load_directive(ws / "kaskkiri-200.yaml")
    assert [jd.general.title for jd in d.annexes] == ["Peaspetsialist (lastemaja)",
                                                      "Teenuse juht (siseriiklik nõustamine)"]
    assert d.acting_for == "peadirektor" and d.repeals[0].annexes == (1, 2, 3, 5)
    node = yamlio.load(ws / "kaskkiri-200.yaml")
    assert node.req("annexes").value == ["peaspetsialist-lastemaja.yaml", "teenuse-juht.yaml"]
    # downloaded, the combined document holds the directive and both annexes
    res = post(c, "/directive/download", form_of(c.get("/directive?path=kaskkiri-200.yaml").text,
                                                 "directive-form") + [("what", "combined")],
               htmx=False)
    text = docx_text(res.content)
    assert "Ametijuhendite kinnitamine" in text and "Peaspetsialist (lastemaja)" in text
    assert "Teenuse juht (siseriiklik nõustamine)" in text


def test_entry_into_force_none_and_the_error_of_a_date_before(tmp_path):
    ws = workspace(tmp_path)
    c = client(ws)
    pairs = opened(c, "kaskkiri-183.yaml")
    bad = with_value(with_value(pairs, "entry.mode", "date"), "entry.date", "2020-01-01")
    found = messages(post(c, "/directive/preview", bad).text)
    assert found[0][0] == "error" and found[0][1] == "entry_into_force"
    assert "before its own date" in found[0][2]
    none = with_value(pairs, "entry.mode", "none")
    page = text_of(post(c, "/directive/preview", none).text)
    assert "jõustub" not in page
    post(c, "/directive/save", none)
    assert yamlio.load(ws / "kaskkiri-183.yaml").req("entry_into_force").value == "none"


def test_a_pdf_needs_libreoffice_or_says_so(tmp_path, monkeypatch):
    from ajdoc.delivery import tools

    monkeypatch.setattr(tools.shutil, "which", lambda name: None)
    monkeypatch.setattr(tools, "_SOFFICE_ELSEWHERE", ())
    ws = workspace(tmp_path)
    c = client(ws)
    res = post(c, "/directive/download", opened(c, "kaskkiri-183.yaml") + [("what", "pdf")],
               htmx=False)
    assert res.status_code == 400
    assert "LibreOffice (soffice) is needed" in text_of(res.text)
