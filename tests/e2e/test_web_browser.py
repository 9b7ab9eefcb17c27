"""End to end, in a real browser (Debian's chromium driven by Playwright) against `ajdoc serve`:
what an HR specialist does — a role from a preset, a duty with two results, another variant, the
preview following, saving, the YAML on disk; a directive of two annexes downloaded and read; two
tabs editing one file. With AJDOC_SCREENSHOTS=1 the pages' screenshots are written to docs/."""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
pytest.importorskip("starlette")

from conftest import EXAMPLES, ROOT  # noqa: E402
from docxtext import docx_text  # noqa: E402

import ajdoc  # noqa: E402
from ajdoc import yamlio  # noqa: E402

expect = playwright_api.expect
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]
DOCS = ROOT / "docs"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                 reason="needs Debian's chromium (apt-get install chromium)")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(tmp_path):
    """`ajdoc serve` over a copy of the examples; its base URL and folder."""
    folder = tmp_path / "tooruum"
    folder.mkdir()
    for p in EXAMPLES.glob("*.yaml"):
        shutil.copy(p, folder / p.name)
    port = _free_port()
    exe = Path(sys.executable).with_name("ajdoc")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "ajdoc.cli"]
    proc = subprocess.Popen(cmd + ["serve", str(folder), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(proc.stdout.read().decode() if proc.stdout else "")
                time.sleep(0.05)
        yield url, folder
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1360, "height": 900}, locale="et-EE",
                                  accept_downloads=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(f"{m.text} at {m.location}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert not errors, "\n".join(errors)  # no script error, no resource the CSP refused


def shot(pg, name: str, tmp_path: Path) -> None:
    """A screenshot of the page: into docs/ with AJDOC_SCREENSHOTS=1, else the test's folder."""
    target = (DOCS if os.environ.get("AJDOC_SCREENSHOTS") else tmp_path) / f"web-{name}.png"
    pg.evaluate("window.scrollTo(0, 0)")
    pg.screenshot(path=str(target))
    try:  # a palette image is a third of the size; Pillow is optional
        from PIL import Image

        with Image.open(target) as im:
            im.convert("RGB").quantize(colors=128).save(target, optimize=True)
    except ImportError:
        pass
    assert target.stat().st_size > 5000


def preview_text(pg) -> str:
    """The preview's text, white space (table cells, lines) squeezed to single spaces."""
    return " ".join(pg.locator("#preview").inner_text().split())


def test_a_role_from_a_preset_with_a_duty_a_variant_and_saving(served, page, tmp_path):
    url, folder = served
    pg = page
    pg.goto(url + "/")
    shot(pg, "home", tmp_path)
    pg.get_by_role("link", name="Uus ametijuhend eelseadistuse järgi").click()
    pg.locator("input[name=preset][value=specialist]").check()
    pg.get_by_label("Faili nimi tööruumis", exact=True).fill("andmeanalyytik.yaml")
    pg.get_by_role("button", name="Loo").click()
    expect(pg.locator("#preview")).to_contain_text("AMETIJUHEND")
    pg.get_by_label("Ametinimetus", exact=True).fill("Andmeanalüütik")
    pg.get_by_label("Osakond", exact=True).fill("Analüüsi osakond")
    pg.get_by_label("Talitus", exact=True).fill("andmetalitus")
    pg.get_by_label("Vahetu juht", exact=True).fill("Osakonnajuhataja")
    pg.locator("[name='general.substituted_by.titles']").fill("Peaspetsialist")
    pg.locator("[name='general.substitutes.titles']").fill("Peaspetsialist")
    pg.get_by_label("Eesmärk", exact=True).fill("Ametikoha eesmärk on andmete analüüs.")
    expect(pg.locator("#preview")).to_contain_text("Ametikoha eesmärk on andmete analüüs.")
    # the scaffold's example duty out, a duty of the role's own in, with two results
    pg.locator(".duty").first.get_by_role("button", name="Eemalda").first.click()
    expect(pg.locator(".duty")).to_have_count(0)
    pg.get_by_role("button", name="+ Ülesanne", exact=True).click()
    duty = pg.locator(".duty").first
    duty.locator("[name='duties[1].text']").fill("Andmete kogumine ja analüüsimine.")
    duty.locator("[name='duties[1].results[1]']").fill("Andmed on kogutud.")
    duty.get_by_role("button", name="+ Oodatav tulemus").click()
    pg.locator("[name='duties[1].results[2]']").fill("Analüüs on valmis.")
    expect(pg.locator("#preview")).to_contain_text("Analüüs on valmis.")
    preview = preview_text(pg)
    assert "3.1 Andmete kogumine ja analüüsimine." in preview
    # another variant of the rights: the preview changes with it
    lib = ajdoc.load_library()
    old_items = lib.block("rights").variant("vastu-votta").items
    new_items = lib.block("rights").variant("votta-vastu").items
    before = next(i for i in old_items if i not in new_items)
    after = next(i for i in new_items if i not in old_items)
    assert before in preview and after not in preview
    pg.locator("details.std", has_text="rights@").locator("summary").click()
    pg.locator("select[name='std.rights.variant']").select_option("votta-vastu")
    expect(pg.locator("#preview")).to_contain_text(after)
    assert before not in preview_text(pg)
    shot(pg, "role-editor", tmp_path)
    pg.get_by_role("button", name="Salvesta", exact=True).click()
    expect(pg.locator("#flash")).to_contain_text("Salvestatud. andmeanalyytik.yaml")
    assert pg.url.endswith("/role?path=andmeanalyytik.yaml")
    # a message at its field: the title emptied, the check's error shows under it
    pg.get_by_label("Ametinimetus", exact=True).fill("")
    expect(pg.locator("[data-key='general'] .field-msg.error").first).to_contain_text(
        "missing required key 'title'")
    pg.get_by_label("Ametinimetus", exact=True).fill("Andmeanalüütik")
    expect(pg.locator(".field-msg.error")).to_have_count(0)
    # the YAML on disk
    node = yamlio.load(folder / "andmeanalyytik.yaml")
    duties = node.req("duties").value
    assert duties[0]["text"] == "Andmete kogumine ja analüüsimine."
    assert list(duties[0]["results"]) == ["Andmed on kogutud.", "Analüüs on valmis."]
    assert node.req("sections").req("rights").as_text() == "rights:votta-vastu"
    text = (folder / "andmeanalyytik.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Role file for ajdoc")  # the scaffold's comments kept
    jd = ajdoc.load_role(folder / "andmeanalyytik.yaml")
    assert jd.general.title == "Andmeanalüütik" and after in [i.text for i in jd.rights]


def test_a_directive_of_two_annexes_built_and_downloaded(served, page, tmp_path):
    url, folder = served
    pg = page
    pg.goto(url + "/directive")
    pg.get_by_label("Faili nimi tööruumis", exact=True).fill("kaskkiri-300.yaml")
    pg.get_by_role("button", name="Loo").click()
    for name in ("peaspetsialist-lastemaja.yaml", "teenuseomanik-lastemaja.yaml"):
        choices = pg.locator("details", has_text="Lisa ametijuhend")
        if choices.get_attribute("open") is None:
            choices.locator("summary").click()
        choices.locator("ul.choices li", has_text=name).get_by_role("button").click()
        expect(pg.locator("ul.annexes li", has_text=name)).to_have_count(1)
    expect(pg.locator("ul.annexes li")).to_have_count(2)
    # dragged: the service owner first
    items = pg.locator("ul.annexes li")
    items.nth(1).drag_to(items.nth(0), target_position={"x": 20, "y": 2})
    expect(items.first).to_contain_text("Teenuseomanik (lastemaja)")
    pg.get_by_label("Number", exact=True).fill("300")
    pg.locator("[name='date']").fill("2026-03-02")
    pg.locator("[name='signer.name']").fill("Maret Maripuu")
    pg.locator("[name='signer.title']").fill("peadirektor")
    pg.locator("[name='entry.mode']").select_option("date")
    pg.locator("[name='entry.date']").fill("2026-04-01")
    expect(pg.locator("#preview")).to_contain_text("Käskkiri jõustub 2026. aasta 1. aprillil.")
    preview = preview_text(pg)
    assert "1.1. teenuseomanik (lastemaja) (lisa 1);" in preview
    assert "1.2. peaspetsialist (lastemaja) (lisa 2)." in preview
    shot(pg, "directive", tmp_path)
    pg.get_by_role("button", name="Salvesta", exact=True).click()
    expect(pg.locator("#flash")).to_contain_text("Salvestatud. kaskkiri-300.yaml")
    with pg.expect_download() as got:
        pg.get_by_role("button", name="käskkiri ja lisad (DOCX-id zip-failis)").click()
    data = Path(got.value.path()).read_bytes()
    z = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(z.namelist()) == ["kaskkiri-300-lisa-1.docx", "kaskkiri-300-lisa-2.docx",
                                    "kaskkiri-300.docx", "kaskkiri-300.json"]
    directive = docx_text(z.read("kaskkiri-300.docx"))
    assert "Ametijuhendite kinnitamine" in directive and "Maret Maripuu" in directive
    assert "Teenuseomanik (lastemaja)" in docx_text(z.read("kaskkiri-300-lisa-1.docx"))
    assert "Peaspetsialist (lastemaja)" in docx_text(z.read("kaskkiri-300-lisa-2.docx"))
    with pg.expect_download() as got:
        pg.get_by_role("button", name="koonddokument (DOCX)").click()
    combined = docx_text(Path(got.value.path()).read_bytes())
    assert combined.index("Teenuseomanik (lastemaja)") < combined.index(
        "Peaspetsialist (lastemaja)")
    d = ajdoc.load_directive(folder / "kaskkiri-300.yaml")
    assert [jd.general.title for jd in d.annexes] == ["Teenuseomanik (lastemaja)",
                                                      "Peaspetsialist (lastemaja)"]


def test_two_tabs_the_second_save_is_refused_with_both_versions(served, browser, tmp_path):
    url, folder = served
    context = browser.new_context(viewport={"width": 1360, "height": 900}, locale="et-EE")
    first, second = context.new_page(), context.new_page()
    for pg in (first, second):
        pg.goto(url + "/role?path=teenuse-juht.yaml")
    first.get_by_label("Vahetu juht", exact=True).fill("Esimese vahelehe juht")
    first.get_by_role("button", name="Salvesta", exact=True).click()
    expect(first.locator("#flash")).to_contain_text("Salvestatud.")
    second.get_by_label("Vahetu juht", exact=True).fill("Teise vahelehe juht")
    second.get_by_role("button", name="Salvesta", exact=True).click()
    expect(second.locator("#flash")).to_contain_text("Fail muutus kettal")
    conflict = second.locator("#conflict")
    expect(conflict).to_contain_text("supervisor: Esimese vahelehe juht")
    expect(conflict).to_contain_text("supervisor: Teise vahelehe juht")
    assert ajdoc.load_role(folder / "teenuse-juht.yaml").general.supervisor == \
        "Esimese vahelehe juht"
    shot(second, "conflict", tmp_path)
    second.get_by_role("button", name="Jäta minu oma (kirjuta kettal olev fail üle)").click()
    expect(second.locator("#flash")).to_contain_text("Salvestatud.")
    assert ajdoc.load_role(folder / "teenuse-juht.yaml").general.supervisor == \
        "Teise vahelehe juht"
    context.close()


def test_the_other_pages(served, page, tmp_path, cli):
    url, folder = served
    pg = page
    pg.goto(url + "/library")
    expect(pg.locator("#blocks")).to_contain_text("competency.kliendikesksus")
    shot(pg, "library", tmp_path)
    pg.get_by_role("link", name="rights", exact=True).click()
    expect(pg.locator("#where-used")).to_contain_text("teenuse-juht.yaml")
    shot(pg, "block", tmp_path)
    new = folder / "teenuse-juht-2026.yaml"
    new.write_text((folder / "teenuse-juht.yaml").read_text(encoding="utf-8").replace(
        "Analüüsib teenusega seotud statistikat.",
        "Analüüsib teenusega seotud statistikat ja koostab prognoose."), encoding="utf-8")
    pg.goto(url + "/compare")
    pg.locator("#old").select_option("teenuse-juht.yaml")
    pg.locator("#new").select_option("teenuse-juht-2026.yaml")
    pg.get_by_role("button", name="Võrdle", exact=True).click()
    expect(pg.locator("#verdict")).to_contain_text(
        ajdoc.diff(folder / "teenuse-juht.yaml", new).verdict.headline())
    shot(pg, "compare", tmp_path)
    docx = tmp_path / "vana.docx"
    assert cli("render", EXAMPLES / "osakonnajuhataja.yaml", "-o", docx).returncode == 0
    pg.goto(url + "/import")
    pg.set_input_files("#document", str(docx))
    pg.get_by_role("button", name="Impordi", exact=True).click()
    expect(pg.locator("#report")).to_contain_text("matched")
    shot(pg, "import", tmp_path)
    pg.get_by_label("Faili nimi tööruumis", exact=True).fill("imporditud.yaml")
    pg.get_by_role("button", name="Salvesta ja ava redaktoris").click()
    expect(pg.locator("h1").first).to_contain_text("Osakonnajuhataja")
    assert ajdoc.load_role(folder / "imporditud.yaml").general.title == "Osakonnajuhataja"
