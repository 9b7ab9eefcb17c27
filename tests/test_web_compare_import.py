"""Compare and import in the web editor: the verdict of `ajdoc diff` (two files, or a file and
its last commit), its redline as `ajdoc diff --docx` writes it; an uploaded Word document
imported as `ajdoc import` does, bounded in size, checked like every DOCX, and saved."""

from __future__ import annotations

import shutil
import subprocess

import pytest

pytest.importorskip("starlette")

from web_support import client, csrf_of, flash, form_of, text_of, workspace  # noqa: E402

import ajdoc  # noqa: E402

CHANGED = "Analüüsib teenusega seotud statistikat ja koostab prognoose."


def _git(folder, *args):
    subprocess.run(["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@t",
                    *args], check=True, capture_output=True)


def test_two_files_compared_with_the_verdict_and_the_redline(tmp_path, cli):
    ws = workspace(tmp_path, "teenuse-juht.yaml")
    new = ws / "teenuse-juht-uus.yaml"
    new.write_text((ws / "teenuse-juht.yaml").read_text(encoding="utf-8").replace(
        "Analüüsib teenusega seotud statistikat.", CHANGED), encoding="utf-8")
    c = client(ws)
    res = c.get("/compare?old=teenuse-juht.yaml&new=teenuse-juht-uus.yaml")
    page = text_of(res.text)
    verdict = ajdoc.diff(ws / "teenuse-juht.yaml", new).verdict
    assert verdict.consent_required
    assert verdict.headline() in page
    assert all(r in page for r in verdict.reasons)
    assert "koostab prognoose" in page
    assert '<ins>' in res.text  # the words added are marked
    red = c.get("/compare/redline?old=teenuse-juht.yaml&new=teenuse-juht-uus.yaml")
    out = tmp_path / "red.docx"
    assert cli("diff", ws / "teenuse-juht.yaml", new, "--docx", out).returncode == 0
    assert red.content == out.read_bytes()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_file_against_its_last_commit(tmp_path):
    ws = workspace(tmp_path, "teenuse-juht.yaml")
    _git(ws, "init", "-q")
    _git(ws, "add", ".")
    _git(ws, "commit", "-qm", "first")
    path = ws / "teenuse-juht.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Analüüsib teenusega seotud statistikat.", CHANGED), encoding="utf-8")
    c = client(ws)
    page = text_of(c.get("/compare").text)
    assert "viimase kinnitatud versiooniga" in page
    page = text_of(c.get("/compare?file=teenuse-juht.yaml&git=1").text)
    assert "teenuse-juht.yaml (HEAD) → teenuse-juht.yaml" in page and "koostab prognoose" in page
    res = c.get("/compare/redline?file=teenuse-juht.yaml&git=1")
    assert res.status_code == 200 and res.content[:2] == b"PK"
    (ws / "new.yaml").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    res = c.get("/compare?file=new.yaml&git=1")
    assert res.status_code == 400 and "has no committed version" in text_of(res.text)


def test_not_a_repository_says_so(tmp_path):
    ws = workspace(tmp_path, "teenuse-juht.yaml")
    page = text_of(client(ws).get("/compare?file=teenuse-juht.yaml").text)
    assert "Kaust ei ole git-hoidla" in page


def _upload(c, name, data):
    token = csrf_of(c.get("/import").text)
    return c.post("/import", data={"_csrf": token},
                  files={"document": (name, data, "application/octet-stream")})


def test_a_word_document_imported_reviewed_and_saved(tmp_path, cli):
    ws = workspace(tmp_path, "teenuse-juht.yaml")
    docx = tmp_path / "vana.docx"
    assert cli("render", ws / "teenuse-juht.yaml", "-o", docx).returncode == 0
    c = client(ws)
    res = _upload(c, "vana.docx", docx.read_bytes())
    assert res.status_code == 200
    page = text_of(res.text)
    expected = ajdoc.import_document(docx)
    for r in expected.report:
        if r.block:
            assert r.block in page
    pairs = dict(form_of(res.text.split('action="/import/save"', 1)[1]))
    assert pairs["yaml"] == expected.yaml
    assert pairs["path"] == "vana.yaml"
    res = c.post("/import/save", data={"_csrf": pairs["_csrf"], "yaml": pairs["yaml"],
                                       "path": "imporditud.yaml", "blocks": pairs["blocks"]},
                 follow_redirects=False)
    assert res.status_code == 303 and res.headers["location"] == "/role?path=imporditud.yaml"
    jd = ajdoc.load_role(ws / "imporditud.yaml")
    assert jd.general.title == "Teenuse juht (siseriiklik nõustamine)"
    res = c.post("/import/save", data={"_csrf": pairs["_csrf"], "yaml": pairs["yaml"],
                                       "path": "imporditud.yaml", "blocks": "[]"})
    assert res.status_code == 400 and "exists already" in text_of(res.text)


def test_an_upload_that_is_not_a_word_document_is_refused_by_name(tmp_path):
    c = client(workspace(tmp_path, "teenuse-juht.yaml"))
    res = _upload(c, "pahatahtlik.docx", b"PK\x03\x04 not really a zip")
    assert res.status_code == 400
    message = text_of(res.text)
    assert "pahatahtlik.docx" in message and "ajdoc-web-" not in message
    res = _upload(c, "skript.exe", b"MZ")
    assert res.status_code == 400 and "expected a Word document" in text_of(res.text)


def test_an_upload_too_large_is_refused_before_it_is_read(tmp_path, monkeypatch):
    from ajdoc.web import security

    monkeypatch.setattr(security, "MAX_UPLOAD", 1000)
    c = client(workspace(tmp_path, "teenuse-juht.yaml"))
    res = _upload(c, "suur.docx", b"x" * 5000)
    assert res.status_code == 400 and "larger than" in text_of(res.text)


def test_a_docx_with_a_doctype_is_refused(tmp_path):
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]>"
                   "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    c = client(workspace(tmp_path, "teenuse-juht.yaml"))
    res = _upload(c, "entity.docx", buf.getvalue())
    assert res.status_code == 400
    assert "entity.docx" in text_of(res.text) and "Traceback" not in res.text
    assert flash(res.text).startswith("error:")
