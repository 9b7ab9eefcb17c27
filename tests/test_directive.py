"""The directive (käskkiri) and its annexes: seed 003, wording by count, repeals, combined output."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import docx
import pytest

import ajdoc
from ajdoc.wording import points
from conftest import EXAMPLES, seed
from docxtext import docx_text, similarity

LISA = "KINNITATUD Sotsiaalkindlustusameti peadirektori 28.11.2025\nkäskkirjaga nr 183 Lisa {}"


@pytest.fixture(scope="module")
def seed003():
    text = seed("003")
    body = text[text.index("KÄSKKIRI"):]  # the register table at the top is not printed
    i1, i2 = body.index(LISA.format(1)), body.index(LISA.format(2))
    return {"directive": body[:i1], "lisa1": body[i1:i2], "lisa2": body[i2:], "all": body}


@pytest.fixture(scope="module")
def example():
    d = ajdoc.load_directive(EXAMPLES / "kaskkiri-183.yaml")
    return d, ajdoc.directive_files(d, Path("out"), Path("out/combined.docx"))


def test_example_reproduces_seed_003(example, seed003):
    d, files = example
    got = {k.name: v for k, v in files.items()}
    scores = {
        "directive": similarity(seed003["directive"], docx_text(got["kaskkiri-183.docx"])),
        "lisa1": similarity(seed003["lisa1"], docx_text(got["kaskkiri-183-lisa-1.docx"])),
        "lisa2": similarity(seed003["lisa2"], docx_text(got["kaskkiri-183-lisa-2.docx"])),
        "combined": similarity(seed003["all"], docx_text(got["combined.docx"])),
    }
    for name, score in scores.items():
        assert score >= 0.97, f"{name}: {score:.4f}"


def test_directive_text_as_seed_003(example):
    d, files = example
    text = docx_text(files[Path("out/kaskkiri-183.docx")])
    for line in ["KÄSKKIRI", "28.11.2025 nr 183", "Ametijuhendi kinnitamine",
                 "1. Kinnitan laste heaolu osakonna traumeeritud laste toetamise talituse "
                 "ametijuhendid vastavalt lisadele 1 kuni 2 järgmiselt:",
                 "1.1. teenuseomanik (lastemaja) (lisa 1);",
                 "1.2. peaspetsialist (lastemaja) (lisa 2).",
                 '2. Tunnistan kehtetuks peadirektori 18.05.2025 käskkirja nr 77 '
                 '"Ametijuhendi kinnitamine".',
                 "3. Käskkiri jõustub 2025. aasta 1. detsembril.",
                 "(allkirjastatud digitaalselt)\nMaret Maripuu\npeadirektor"]:
        assert line in text, line
    assert "Sotsiaalkindlustusametile haldusmenetluse seaduses" in text
    assert text.index("1. Kinnitan") < text.index("2. Tunnistan") < text.index("3. Käskkiri")


def test_annex_headers(example):
    d, files = example
    for i in (1, 2):
        text = docx_text(files[Path(f"out/kaskkiri-183-lisa-{i}.docx")])
        assert text.startswith("KINNITATUD\nSotsiaalkindlustusameti peadirektori 28.11.2025\n"
                               f"käskkirjaga nr 183\nLisa {i}\nAMETIJUHEND")


def test_register_json_beside_the_documents(example):
    d, files = example
    record = json.loads(files[Path("out/kaskkiri-183.json")])
    assert record["register"]["responsible"].startswith("Kätlin Seppel")
    assert record["register"]["registered"] == "28.11.2025"
    assert record["number"] == "183" and record["entry_into_force"] == "2025-12-01"
    assert [a["title"] for a in record["annexes"]] == ["Teenuseomanik (lastemaja)",
                                                       "Peaspetsialist (lastemaja)"]
    assert record["files"]["annexes"] == ["kaskkiri-183-lisa-1.docx", "kaskkiri-183-lisa-2.docx"]
    assert record["annexes"][0]["role_file"].endswith("teenuseomanik-lastemaja.yaml")
    assert not record["annexes"][0]["role_file"].startswith("/")


def make_directive(tmp_path: Path, n_annexes: int, repeals: list[dict] | None = None,
                   extra: str = "") -> Path:
    """A directive file with `n_annexes` roles (copies of the annex 2 example, titles varied)."""
    role = (EXAMPLES / "peaspetsialist-lastemaja.yaml").read_text(encoding="utf-8")
    names = []
    for i in range(1, n_annexes + 1):
        name = f"roll-{i:02d}.yaml"
        title = "Peaspetsialist" if i == 1 else f"Peaspetsialist (valdkond {i})"
        (tmp_path / name).write_text(role.replace("title: Peaspetsialist (lastemaja)",
                                                  f"title: {title}"), encoding="utf-8")
        names.append(name)
    lines = ["agency: Sotsiaalkindlustusamet", "signer: {name: Maret Maripuu, title: peadirektor}",
             "number: 200", "date: 2026-01-15",
             "unit: {department: Laste heaolu osakond, division: traumeeritud laste toetamise talitus}",
             "annexes: [" + ", ".join(names) + "]"]
    if repeals:
        lines.append("repeals:")
        for r in repeals:
            lines.append("  - {" + ", ".join(f"{k}: {v}" for k, v in r.items()) + "}")
    path = tmp_path / "kaskkiri.yaml"
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return path


def texts(d) -> list[str]:
    out = []
    for p in points(d):
        out.append(f"{p.number} {p.text}")
        out += [f"{n} {t}" for n, t in p.subpoints]
    return out


def test_one_annex_singular_wording(tmp_path):
    d = ajdoc.load_directive(make_directive(tmp_path, 1))
    assert texts(d) == [
        "1. Kinnitan laste heaolu osakonna traumeeritud laste toetamise talituse peaspetsialisti "
        "ametijuhendi vastavalt lisale.",
        "2. Käskkiri jõustub allkirjastamisel."]
    files = ajdoc.directive_files(d, tmp_path)
    annex = docx_text(files[tmp_path / "kaskkiri-200-lisa-1.docx"])
    assert annex.startswith("KINNITATUD\nSotsiaalkindlustusameti peadirektori 15.01.2026\n"
                            "käskkirjaga nr 200\nAMETIJUHEND")  # no "Lisa 1" for a single annex


def test_many_annexes_wording(tmp_path):
    d = ajdoc.load_directive(make_directive(tmp_path, 3))
    assert texts(d)[:4] == [
        "1. Kinnitan laste heaolu osakonna traumeeritud laste toetamise talituse ametijuhendid "
        "vastavalt lisadele 1 kuni 3 järgmiselt:",
        "1.1. peaspetsialist (lisa 1);", "1.2. peaspetsialist (valdkond 2) (lisa 2);",
        "1.3. peaspetsialist (valdkond 3) (lisa 3)."]


@pytest.mark.parametrize("n_repeals", [0, 1, 2])
def test_repealing_none_one_two_a_point_each(tmp_path, n_repeals):
    repeals = [{"date": "2025-05-18", "number": 77},
               {"signer_title": "peadirektori asetäitja", "date": "2024-02-01", "number": 12,
                "title": "Ametijuhendite kinnitamine"}][:n_repeals]
    style = "style: {repeal_points: separate, quotes: straight}\n"
    d = ajdoc.load_directive(make_directive(tmp_path, 2, repeals,
                                            extra="entry_into_force: 2026-02-01\n" + style))
    t = [line for line in texts(d) if not line.startswith("1.")]
    expected = ['2. Tunnistan kehtetuks peadirektori 18.05.2025 käskkirja nr 77 '
                '"Ametijuhendi kinnitamine".',
                '3. Tunnistan kehtetuks peadirektori asetäitja 01.02.2024 käskkirja nr 12 '
                '"Ametijuhendite kinnitamine".'][:n_repeals]
    expected.append(f"{n_repeals + 2}. Käskkiri jõustub 2026. aasta 1. veebruaril.")
    assert t == expected


def test_two_repeals_share_one_point_by_default(tmp_path):
    repeals = [{"date": "2025-05-18", "number": 77},
               {"signer_title": "peadirektori asetäitja", "date": "2024-02-01", "number": 12,
                "title": "Ametijuhendite kinnitamine"}]
    d = ajdoc.load_directive(make_directive(tmp_path, 2, repeals,
                                            extra="entry_into_force: 2026-02-01\n"))
    assert [line for line in texts(d) if not line.startswith("1.")] == [
        "2. Tunnistan kehtetuks peadirektori 18.05.2025 käskkirja nr 77 „Ametijuhendi "
        "kinnitamine” ja peadirektori asetäitja 01.02.2024 käskkirja nr 12 „Ametijuhendite "
        "kinnitamine”.",
        "3. Käskkiri jõustub 2026. aasta 1. veebruaril."]


@pytest.mark.parametrize("engine", ["template", "docxcompose"])
def test_thirty_annexes_combined(tmp_path, engine):
    d = ajdoc.load_directive(make_directive(tmp_path, 30))
    from ajdoc.rendering import render_combined

    data = render_combined(d, engine)
    document = docx.Document(io.BytesIO(data))  # opens
    text = docx_text(data)
    headers = re.findall(r"käskkirjaga nr 200\nLisa (\d+)", text)
    assert headers == [str(i) for i in range(1, 31)]
    # numbering restarts in every annex: each annex's duties start again at 2.1.
    first_duties = [t.rows[1].cells[0].paragraphs[0].text for t in document.tables
                    if t.rows[0].cells[0].text.startswith("2. Peamised teenistusülesanded")]
    assert len(first_duties) == 30
    assert all(p.startswith("2.1. ") for p in first_duties)
    # each annex begins on a new page
    body = document.element.body
    breaks = body.xpath('.//w:pageBreakBefore[not(@w:val="0")] | .//w:br[@w:type="page"]')
    assert len(breaks) >= 30


def test_cli_directive_writes_all_files(cli, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    res = cli("directive", EXAMPLES / "kaskkiri-183.yaml", "-o", out, "--combined",
              out / "koos.docx")
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "kaskkiri-183-lisa-1.docx", "kaskkiri-183-lisa-2.docx", "kaskkiri-183.docx",
        "kaskkiri-183.json", "koos.docx"]


def test_directive_failure_writes_nothing(cli, tmp_path):
    directive = make_directive(tmp_path, 8)
    bad = tmp_path / "roll-07.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("level: C1", "level: C3"),
                   encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    res = cli("directive", directive, "-o", out)
    assert res.returncode == 2
    assert "roll-07.yaml" in res.stderr and "C3" in res.stderr
    assert list(out.iterdir()) == []


def test_layout_switch_warns_about_what_has_no_place(cli, tmp_path):
    res = cli("render", EXAMPLES / "teenuse-juht.yaml", "-o", tmp_path / "x.docx", "--layout", "2025")
    assert res.returncode == 0, res.stderr
    assert "the 2025 layout has no place for competencies" in res.stderr
    assert "work tools" in res.stderr
    text = docx_text((tmp_path / "x.docx").read_bytes())
    assert "2.1. Riikliku lastekaitsepoliitika" in text and "Teenistuskoht" in text
    res = cli("render", EXAMPLES / "teenuseomanik-lastemaja.yaml", "-o", tmp_path / "y.docx")
    assert res.returncode == 0
    assert "the 2022 layout has no place for special conditions" in res.stderr
    assert "subordinates" in res.stderr


def test_both_morphology_engines_render_seed_003_alike(monkeypatch, seed003):
    pytest.importorskip("estnltk", reason="the morph extra (estnltk) is not installed")
    from ajdoc import language

    outputs = {}
    for engine in ("vabamorf", "table"):
        monkeypatch.setenv("AJDOC_MORPH", engine)
        assert language.engine().name == engine
        d = ajdoc.load_directive(EXAMPLES / "kaskkiri-183.yaml")
        files = ajdoc.directive_files(d, Path("out"))
        outputs[engine] = {p.name: docx_text(b) for p, b in files.items() if p.suffix == ".docx"}
    assert outputs["vabamorf"] == outputs["table"]
    assert similarity(seed003["directive"], outputs["table"]["kaskkiri-183.docx"]) >= 0.97
