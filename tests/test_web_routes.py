"""The web editor's pages and its defences: every page answers in Estonian (English on request),
paths stay inside the workspace, state-changing requests need the CSRF token, the headers say
what the browser may load, and errors are the CLI's one line — never a traceback."""

from __future__ import annotations

import os

import pytest

pytest.importorskip("starlette")

from web_support import (BASE, client, csrf_of, flash, form_of, post, text_of,  # noqa: E402
                         workspace)


@pytest.fixture
def ws(tmp_path):
    return workspace(tmp_path)


def test_every_page_answers_in_estonian(ws):
    c = client(ws)
    expected = {
        "/": ["Tööruum", "teenuse-juht.yaml", "Teenuse juht (siseriiklik nõustamine)",
              "kaskkiri-183.yaml"],
        "/library": ["Teek", "Eelseadistused", "team-leader → specialist", "rights"],
        "/library/block/rights": ["Versioon 1", "vastu-votta", "Kus seda kasutatakse"],
        "/library/preset/team-leader": ["Pärib", "specialist", "competency.eestvedamine"],
        "/role?path=teenuse-juht.yaml": ["Üldosa", "Ametinimetus", "Salvesta",
                                         "Kontrollitud: vigu ega hoiatusi pole."],
        "/role/new": ["Uus ametijuhend", "Eelseadistus", "Loo"],
        "/directive": ["Uus käskkiri", "Faili nimi tööruumis"],
        "/directive?path=kaskkiri-183.yaml": ["Lisad", "Allkirjastaja", "Kinnitan"],
        "/compare": ["Võrdle ametijuhendi kahte versiooni"],
        "/import": ["Impordi Wordi dokument"],
    }
    for url, words in expected.items():
        res = c.get(url)
        assert res.status_code == 200, (url, res.text[-500:])
        page = text_of(res.text)
        for w in words:
            assert w in page, (url, w)
        assert res.headers["content-type"].startswith("text/html")


def test_english_on_request_and_remembered(ws):
    c = client(ws)
    assert "Workspace" in c.get("/?lang=en").text
    res = c.get("/lang/en?next=/library", follow_redirects=False)
    assert res.status_code == 303 and res.headers["location"] == "/library"
    page = text_of(c.get("/library").text)
    assert "Library" in page and "Presets" in page and "Eelseadistused" not in page
    assert c.get("/lang/et?next=https://evil.example/", follow_redirects=False
                 ).headers["location"] == "/"  # no open redirect


def test_where_used_lists_the_roles_that_use_a_block(ws):
    page = text_of(client(ws).get("/library/block/amendment").text)
    section = page.split("Kus seda kasutatakse")[1]
    # teenuse-juht and koordinaator name amendment:one and amendment:two in their files
    assert "teenuse-juht.yaml" in section and "amendment@1:one" in section
    assert "koordinaator-kaitstud-too.yaml" in section and "amendment@1:two" in section


def test_security_headers_on_every_response(ws):
    c = client(ws)
    for url in ("/", "/library", "/static/editor.js", "/nope"):
        res = c.get(url)
        csp = res.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp
        assert res.headers["x-content-type-options"] == "nosniff"
        assert res.headers["x-frame-options"] == "DENY"


def test_the_pages_load_no_script_or_style_from_elsewhere(ws):
    page = client(ws).get("/role?path=teenuse-juht.yaml").text
    for attr in ("src", "href"):
        for url in __import__("re").findall(attr + r'="([^"]+)"', page):
            assert not url.startswith(("http:", "https:", "//")), url
    assert "<script>" not in page and " style=" not in page and "onclick" not in page


def test_unknown_host_refused_against_dns_rebinding(ws):
    c = client(ws)
    res = c.get("/", headers={"host": "attacker.example"})
    assert res.status_code == 421
    assert c.get("/", headers={"host": "localhost:8000"}).status_code == 200


def test_state_changing_requests_need_the_csrf_token(ws):
    c = client(ws)
    page = c.get("/role?path=teenuse-juht.yaml").text
    pairs = form_of(page, "role-form")
    before = (ws / "teenuse-juht.yaml").read_bytes()
    for url in ("/role/save", "/role/preview", "/directive/save", "/import/save", "/role/new"):
        bad = [(k, v) for k, v in pairs if k != "_csrf"]
        res = post(c, url, bad, htmx=False)
        assert res.status_code == 403, url
        assert "security token" in text_of(res.text)
    wrong = [(k, "0" * 64 if k == "_csrf" else v) for k, v in pairs]
    assert post(c, "/role/save", wrong, htmx=False).status_code == 403
    other_site = c.post("/role/save", data=dict(pairs), headers={"origin": "https://evil.example"})
    assert other_site.status_code == 403
    assert post(c, "/role/save", pairs, headers={"sec-fetch-site": "cross-site"},
                htmx=False).status_code == 403
    assert (ws / "teenuse-juht.yaml").read_bytes() == before


def test_another_browser_cannot_reuse_a_token(ws):
    first = client(ws)
    token = csrf_of(first.get("/").text)
    second = client(ws)
    second.get("/")  # its own cookie
    res = second.post("/role/new", data={"_csrf": token, "preset": "specialist",
                                         "path": "x.yaml"})
    assert res.status_code == 403


@pytest.mark.parametrize("path", ["../x.yaml", "/etc/passwd", "a/../../x.yaml", ".hidden.yaml",
                                  "sub/.git/config.yaml", "x.docx", "", "a\\..\\b.yaml"])
def test_paths_stay_inside_the_workspace(ws, path):
    c = client(ws)
    res = c.get("/role", params={"path": path})
    assert res.status_code == 400
    message = text_of(res.text)
    assert "Traceback" not in res.text
    assert any(w in message for w in ("outside the workspace", "expected a file ending",
                                      "not a file name"))


def test_a_symbolic_link_out_of_the_workspace_is_refused(ws, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("preset: specialist\n", encoding="utf-8")
    os.symlink(secret, ws / "link.yaml")
    c = client(ws)
    res = c.get("/role?path=link.yaml")
    assert res.status_code == 400 and "leads outside the workspace" in text_of(res.text)
    assert "link.yaml" not in text_of(c.get("/").text)  # not listed either


def test_a_broken_role_file_shows_the_clis_message(ws, cli):
    (ws / "broken.yaml").write_text("preset: specialist\ngeneral: {title: X}\n",
                                    encoding="utf-8")
    c = client(ws)
    home = text_of(c.get("/").text)
    res = c.get("/role?path=broken.yaml")
    assert res.status_code == 200
    page = text_of(res.text)
    expected = cli("check", "broken.yaml", cwd=ws).stderr.strip().removeprefix("ajdoc: error: ")
    assert expected and expected in page
    assert "broken.yaml" in home and "Traceback" not in res.text


def test_an_internal_error_is_one_line_without_a_traceback(ws, monkeypatch):
    from ajdoc.web import files

    def boom(self):
        raise RuntimeError("the disk is on fire")

    monkeypatch.setattr(files.Workspace, "files", boom)
    c = client(ws, raise_server_exceptions=False)
    res = c.get("/")
    assert res.status_code == 500
    assert "internal error: RuntimeError: the disk is on fire" in text_of(res.text)
    assert "Traceback" not in res.text and "File \"" not in res.text
    res = c.get("/", headers={"HX-Request": "true"})
    assert res.headers["HX-Retarget"] == "#flash"
    assert flash(res.text) == "error: internal error: RuntimeError: the disk is on fire"


def test_unknown_page_and_unknown_block(ws):
    c = client(ws)
    assert c.get("/nope").status_code == 404
    res = c.get("/library/block/nope")
    assert res.status_code == 400 and "unknown block 'nope'" in text_of(res.text)


def test_the_server_listens_on_loopback_unless_told(tmp_path, monkeypatch):
    """`ajdoc serve` hands uvicorn 127.0.0.1 by default, and the Host check follows --host."""
    import uvicorn
    from click.testing import CliRunner

    from ajdoc.cli.web import serve

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    ws = workspace(tmp_path)
    res = CliRunner().invoke(serve, [str(ws), "--port", "8123", "--profile", "ska"])
    assert res.exit_code == 0, res.output
    assert calls[-1]["host"] == "127.0.0.1" and calls[-1]["port"] == 8123
    assert "http://127.0.0.1:8123/" in res.output and "warning" not in res.output
    res = CliRunner().invoke(serve, [str(tmp_path / "missing")])
    assert res.exit_code != 0


def test_the_vendored_htmx_is_the_published_file():
    """htmx ships in the package (no CDN); the file is npm's htmx.org 2.0.11 as published."""
    import hashlib
    from pathlib import Path

    import ajdoc.web

    static = Path(ajdoc.web.__file__).parent / "static"
    note = (static / "VENDORED.md").read_text(encoding="utf-8")
    digest = hashlib.sha256((static / "htmx.min.js").read_bytes()).hexdigest()
    assert digest in note and "htmx.org@2.0.11" in note


def test_base_url_is_loopback():
    assert BASE.startswith("http://127.0.0.1")
