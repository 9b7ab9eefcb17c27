"""The role editor: a role file opened and saved through the form keeps every byte it did not
change (comments, key order, quoting), the form writes what an HR specialist means (duties,
results, variants, item edits) as ajdoc reads it, the check's messages are `ajdoc check`'s and
name their field, and a file changed on disk since it was opened is never overwritten."""

from __future__ import annotations

import difflib

import pytest

pytest.importorskip("starlette")

from web_support import (client, csrf_of, flash, form_of, messages, post, text_of,  # noqa: E402
                         value, with_value, workspace)

import ajdoc  # noqa: E402
from ajdoc import yamlio  # noqa: E402

ROLES = ["teenuse-juht.yaml", "osakonnajuhataja.yaml", "koordinaator-kaitstud-too.yaml",
         "peaspetsialist-lastemaja.yaml", "teenuseomanik-lastemaja.yaml"]


def opened(c, name):
    res = c.get(f"/role?path={name}")
    assert res.status_code == 200, res.text[-400:]
    return form_of(res.text, "role-form")


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


@pytest.mark.parametrize("name", ROLES)
def test_saving_an_unchanged_form_keeps_the_file_byte_for_byte(tmp_path, name):
    ws = workspace(tmp_path)
    before = (ws / name).read_bytes()
    c = client(ws)
    res = post(c, "/role/save", opened(c, name))
    assert flash(res.text).startswith("ok: Salvestatud."), flash(res.text)
    assert (ws / name).read_bytes() == before


def test_one_field_changed_changes_one_line_and_keeps_the_comments(tmp_path):
    ws = workspace(tmp_path)
    before = (ws / "teenuse-juht.yaml").read_text(encoding="utf-8")
    c = client(ws)
    pairs = with_value(opened(c, "teenuse-juht.yaml"), "general.supervisor", "Osakonnajuhataja")
    post(c, "/role/save", pairs)
    after = (ws / "teenuse-juht.yaml").read_text(encoding="utf-8")
    assert changed_lines(before, after) == ["-  supervisor: Talitusejuhataja",
                                            "+  supervisor: Osakonnajuhataja"]
    assert "# the leader duties of the preset, placed here (3.2–3.4)" in after
    assert ajdoc.load_role(ws / "teenuse-juht.yaml").general.supervisor == "Osakonnajuhataja"


def test_a_duty_added_with_two_results_moved_and_removed(tmp_path):
    ws = workspace(tmp_path)
    c = client(ws)
    pairs = opened(c, "koordinaator-kaitstud-too.yaml")
    own = len(yamlio.load(ws / "koordinaator-kaitstud-too.yaml").req("duties").as_list())
    res = post(c, "/role/form", pairs + [("op", "add:duties")])
    pairs = form_of(res.text, "role-form")
    n = own + 1
    assert f'name="duties[{n}].text" rows="2" placeholder="" autofocus' in res.text
    pairs = with_value(pairs, f"duties[{n}].text", "Andmete analüüsimine.")
    pairs = with_value(pairs, f"duties[{n}].results[1]", "Andmed on analüüsitud.")
    res = post(c, "/role/form", pairs + [("op", f"add:duties[{n}].results")])
    pairs = with_value(form_of(res.text, "role-form"), f"duties[{n}].results[2]",
                       "Ettepanekud on tehtud.")
    res = post(c, "/role/form", pairs + [("op", f"up:duties[{n}]")])  # now the last but one
    pairs = form_of(res.text, "role-form")
    assert value(pairs, f"duties[{n - 1}].text") == "Andmete analüüsimine."
    post(c, "/role/save", pairs)
    jd = ajdoc.load_role(ws / "koordinaator-kaitstud-too.yaml")
    mine = [d for d in jd.duties if d.text == "Andmete analüüsimine."]
    assert len(mine) == 1 and mine[0].results == ("Andmed on analüüsitud.",
                                                  "Ettepanekud on tehtud.")
    own_texts = [d.text for d in jd.duties if d.source is None]
    assert own_texts.index("Andmete analüüsimine.") == own - 1
    res = post(c, "/role/form", form_of(c.get("/role?path=koordinaator-kaitstud-too.yaml").text,
                                        "role-form") + [("op", f"remove:duties[{n - 1}]")])
    post(c, "/role/save", form_of(res.text, "role-form"))
    texts = [d.text for d in ajdoc.load_role(ws / "koordinaator-kaitstud-too.yaml").duties]
    assert "Andmete analüüsimine." not in texts


def test_a_new_role_from_a_preset_is_written_only_when_saved(tmp_path):
    ws = workspace(tmp_path, "teenuse-juht.yaml")
    c = client(ws)
    token = csrf_of(c.get("/role/new").text)
    res = c.post("/role/new", data={"_csrf": token, "preset": "specialist",
                                    "position_group": "", "path": "analyytik"})
    assert res.status_code == 200 and not (ws / "analyytik.yaml").exists()
    pairs = form_of(res.text, "role-form")
    # the scaffold's TODO texts are placeholders, not values
    assert value(pairs, "general.title") == ""
    assert 'placeholder="Ametinimetus"' in res.text
    for name, text in [("general.title", "Andmeanalüütik"),
                       ("general.unit.department", "Analüüsi osakond"),
                       ("general.unit.division", ""), ("general.supervisor", "Osakonnajuhataja"),
                       ("general.substituted_by.titles", "Peaspetsialist"),
                       ("general.substitutes.titles", "Peaspetsialist"),
                       ("purpose", "Ametikoha eesmärk on andmete analüüs."),
                       ("duties[1].text", "Andmete kogumine."),
                       ("duties[1].results[1]", "Andmed on kogutud."),
                       ("requirements.education", "Kõrgharidus."),
                       ("requirements.experience", "Vähemalt 1-aastane töökogemus."),
                       ("signature.name", "Maret Maripuu")]:
        pairs = with_value(pairs, name, text)
    res = post(c, "/role/save", pairs)
    assert flash(res.text) == "ok: Salvestatud. analyytik.yaml"
    assert res.headers["HX-Replace-Url"] == "/role?path=analyytik.yaml"
    text = (ws / "analyytik.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Role file for ajdoc")  # the scaffold's comments kept
    checked = ajdoc.check(ws / "analyytik.yaml")
    assert checked.subject.general.title == "Andmeanalüütik"
    assert checked.subject.general.unit.path == ("Analüüsi osakond", "TODO talitus") or \
        checked.subject.general.unit.path[0] == "Analüüsi osakond"
    res = c.post("/role/new", data={"_csrf": token, "preset": "specialist",
                                    "path": "analyytik.yaml"})
    assert res.status_code == 400 and "exists already" in text_of(res.text)


def test_a_variant_switched_is_written_in_sections(tmp_path):
    ws = workspace(tmp_path, "koordinaator-kaitstud-too.yaml")
    c = client(ws)
    pairs = opened(c, "koordinaator-kaitstud-too.yaml")
    assert value(pairs, "std.rights.variant") == ""
    res = post(c, "/role/form", with_value(pairs, "std.rights.variant", "votta-vastu"))
    pairs = form_of(res.text, "role-form")
    assert value(pairs, "std.rights.variant") == "votta-vastu"
    post(c, "/role/save", pairs)
    data = yamlio.load(ws / "koordinaator-kaitstud-too.yaml")
    assert data.req("sections").req("rights").as_text() == "rights:votta-vastu"
    jd = ajdoc.load_role(ws / "koordinaator-kaitstud-too.yaml")
    assert {i.source.variant for i in jd.rights} == {"votta-vastu"}


def test_item_edits_become_edit_entries(tmp_path):
    ws = workspace(tmp_path, "koordinaator-kaitstud-too.yaml")
    c = client(ws)
    lib = ajdoc.load_library()
    jd = ajdoc.load_role(ws / "koordinaator-kaitstud-too.yaml")
    rights = [i.text for i in jd.rights]
    variant = jd.rights[0].source.variant
    assert lib.block("rights").variant(variant).items == tuple(rights)
    word = rights[1].split()[0]
    pairs = opened(c, "koordinaator-kaitstud-too.yaml")
    pairs = with_value(pairs, "std.rights.items[1].op", "remove")
    pairs = with_value(pairs, "std.rights.items[2].op", "words")
    pairs = with_value(pairs, "std.rights.items[2].words[1].old", word)
    pairs = with_value(pairs, "std.rights.items[2].words[1].new", word.upper())
    pairs = with_value(pairs, "std.rights.items[3].op", "replace")
    pairs = with_value(pairs, "std.rights.items[3].text", "Uus sõnastus.")
    res = post(c, "/role/form", pairs + [("op", "add:std.rights.add")])
    pairs = with_value(form_of(res.text, "role-form"), "std.rights.add[1]", "Lisaõigus.")
    post(c, "/role/save", pairs)
    edit = yamlio.load(ws / "koordinaator-kaitstud-too.yaml").req("edit").req("rights")
    assert edit.req("remove").value == [1]
    assert dict(edit.req("replace").value) == {3: "Uus sõnastus."}
    assert edit.req("add").value == ["Lisaõigus."]
    assert dict(edit.req("words").value[1]) == {word: word.upper()}  # item 2 is now item 1
    got = [i.text for i in ajdoc.load_role(ws / "koordinaator-kaitstud-too.yaml").rights]
    assert got == [rights[1].replace(word, word.upper(), 1), "Uus sõnastus.", *rights[3:],
                   "Lisaõigus."]
    # opened again, the rows show the same edits (nothing rewritten on the next save)
    before = (ws / "koordinaator-kaitstud-too.yaml").read_bytes()
    pairs = opened(c, "koordinaator-kaitstud-too.yaml")
    assert value(pairs, "std.rights.items[1].op") == "remove"
    assert value(pairs, "std.rights.items[3].text") == "Uus sõnastus."
    post(c, "/role/save", pairs)
    assert (ws / "koordinaator-kaitstud-too.yaml").read_bytes() == before


def test_an_edit_the_form_cannot_show_is_kept_as_written(tmp_path):
    ws = workspace(tmp_path, "teenuse-juht.yaml")
    path = ws / "teenuse-juht.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "edit:\n  amendment:\n    items: "
                    "[\"Ametijuhend vaadatakse üle kord aastas.\"]\n", encoding="utf-8")
    before = path.read_bytes()
    c = client(ws)
    res = c.get("/role?path=teenuse-juht.yaml")
    assert "vorm näidata ei oska" in text_of(res.text)
    post(c, "/role/save", form_of(res.text, "role-form"))
    assert path.read_bytes() == before


def test_messages_as_you_type_are_ajdoc_checks_at_their_field(tmp_path, cli):
    ws = workspace(tmp_path, "teenuse-juht.yaml")
    c = client(ws)
    pairs = with_value(opened(c, "teenuse-juht.yaml"), "general.title", "")
    res = post(c, "/role/preview", pairs)
    found = messages(res.text)
    assert len(found) == 1 and found[0][0] == "error"
    assert found[0][1] == "general"  # the field the message is placed at (its key path)
    post(c, "/role/save", pairs)     # saved with the error, as the user asked
    expected = cli("check", "teenuse-juht.yaml", cwd=ws).stderr.strip()
    assert expected == "ajdoc: error: " + found[0][2]
    # a warning of the lint, at its duty
    ws = workspace(tmp_path / "again", "teenuse-juht.yaml")
    c = client(ws)
    pairs = with_value(opened(c, "teenuse-juht.yaml"), "duties[5].results[1]", "")
    found = messages(post(c, "/role/preview", pairs).text)
    assert [(m[0], m[1]) for m in found] == [("warn", "duties[5]")]
    assert "duty-without-results" in found[0][2]


def test_the_preview_follows_the_form(tmp_path):
    ws = workspace(tmp_path, "teenuse-juht.yaml")
    c = client(ws)
    pairs = opened(c, "teenuse-juht.yaml")
    page = text_of(post(c, "/role/preview", pairs).text)
    assert "3.5 Analüüsib teenusega seotud statistikat." in page
    pairs = with_value(pairs, "duties[5].text", "Koostab statistilisi ülevaateid.")
    page = text_of(post(c, "/role/preview", pairs).text)
    assert "3.5 Koostab statistilisi ülevaateid." in page and "Analüüsib teenusega" not in page
    pairs = with_value(pairs, "_layout", "2025")
    page = text_of(post(c, "/role/preview", pairs).text)
    assert "2. Peamised teenistusülesanded" in page and "2.5. Koostab statistilisi" in page


def test_two_tabs_the_second_save_is_refused_and_nothing_is_lost(tmp_path):
    ws = workspace(tmp_path, "teenuse-juht.yaml")
    c = client(ws)
    first = with_value(opened(c, "teenuse-juht.yaml"), "general.supervisor", "Esimene")
    second = with_value(opened(c, "teenuse-juht.yaml"), "general.supervisor", "Teine")
    assert flash(post(c, "/role/save", first).text).startswith("ok:")
    res = post(c, "/role/save", second)
    assert flash(res.text).startswith("error: Fail muutus kettal pärast seda")
    assert ajdoc.load_role(ws / "teenuse-juht.yaml").general.supervisor == "Esimene"
    page = text_of(res.text)
    assert "Praegu kettal" in page and "supervisor: Esimene" in page
    assert "Sinu oma" in page and "supervisor: Teine" in page
    # the user chooses: keep mine
    pairs = form_of(res.text, "role-form")
    op = [f"overwrite:{d}" for d in __import__("re").findall(r'value="overwrite:(\w+)"',
                                                                res.text)]
    res = post(c, "/role/save", pairs + [("op", op[0])])
    assert flash(res.text).startswith("ok:")
    assert ajdoc.load_role(ws / "teenuse-juht.yaml").general.supervisor == "Teine"


def test_a_conflict_saved_as_a_new_file(tmp_path):
    ws = workspace(tmp_path, "teenuse-juht.yaml")
    c = client(ws)
    mine = with_value(opened(c, "teenuse-juht.yaml"), "general.supervisor", "Minu")
    (ws / "teenuse-juht.yaml").write_text((ws / "teenuse-juht.yaml").read_text(
        encoding="utf-8").replace("Talitusejuhataja", "Keegi muu"), encoding="utf-8")
    res = post(c, "/role/save", mine)
    pairs = with_value(form_of(res.text, "role-form"), "_save_as", "teenuse-juht-minu.yaml")
    res = post(c, "/role/save", pairs + [("op", "save-as")])
    assert flash(res.text) == "ok: Salvestatud uue failina. teenuse-juht-minu.yaml"
    assert ajdoc.load_role(ws / "teenuse-juht-minu.yaml").general.supervisor == "Minu"
    assert ajdoc.load_role(ws / "teenuse-juht.yaml").general.supervisor == "Keegi muu"


def test_the_downloaded_docx_is_the_bytes_ajdoc_render_writes(tmp_path, cli):
    ws = workspace(tmp_path, "teenuse-juht.yaml")
    c = client(ws)
    for layout in ("2022", "2025"):
        res = c.get(f"/role/download?path=teenuse-juht.yaml&layout={layout}")
        assert res.status_code == 200
        assert res.headers["content-disposition"].startswith(
            'attachment; filename="teenuse-juht.docx"')
        out = tmp_path / f"cli-{layout}.docx"
        assert cli("render", ws / "teenuse-juht.yaml", "-o", out, "--layout", layout
                   ).returncode == 0
        assert res.content == out.read_bytes()


@pytest.mark.libreoffice
@pytest.mark.slow
def test_page_images_through_libreoffice(tmp_path):
    import shutil

    if not (shutil.which("soffice") and shutil.which("pdftoppm")):
        pytest.skip("needs LibreOffice and poppler-utils")
    ws = workspace(tmp_path, "teenuse-juht.yaml")
    c = client(ws)
    res = post(c, "/role/page", opened(c, "teenuse-juht.yaml"))
    images = __import__("re").findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', res.text)
    assert len(images) >= 2  # the job description runs to several pages
    import base64

    assert base64.b64decode(images[0])[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_position_group_chooses_the_variants(tmp_path):
    """An employee's wording follows from the group alone (the preset's by_group and the blocks'
    marks), in the form's variants and in the preview."""
    ws = workspace(tmp_path, "osakonnajuhataja.yaml")
    c = client(ws)
    pairs = opened(c, "osakonnajuhataja.yaml")
    before = text_of(post(c, "/role/preview", pairs).text)
    assert "TÖÖ- VÕI TEENISTUSÜLESANDED" not in before
    res = post(c, "/role/form", with_value(pairs, "general.position_group", "töötaja"))
    after = text_of(res.text)
    assert "TÖÖ- VÕI TEENISTUSÜLESANDED" in after and "Omab õigust" in after
    post(c, "/role/save", form_of(res.text, "role-form"))
    jd = ajdoc.load_role(ws / "osakonnajuhataja.yaml")
    assert jd.general.position_group == "töötaja"
    assert jd.duties_heading.source.variant != "teenistus"
