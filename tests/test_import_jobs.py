"""`ajdoc import DIR --jobs N`: a folder imported across worker processes gives what one job
gives — the same role files, user-block file, report, messages and exit code — and a file that
cannot be read is reported and skipped, as with one job."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx

import ajdoc
from ajdoc.workers import in_order
from conftest import EXAMPLES, run_cli, seed


def _rendered(name: str, layout: str) -> bytes:
    return ajdoc.render(ajdoc.load_role(EXAMPLES / f"{name}.yaml"), layout=layout)


def _with_new_competency(data: bytes) -> bytes:
    """The document with a competency set no block names (imported as a user block)."""
    d = docx.Document(io.BytesIO(data))
    anchor = next(p for p in d.paragraphs if p.text.startswith("Täiendavad kompetentsid"))
    for text in ("Innovaatilisus:", "Otsib uusi lahendusi.", "Katsetab julgelt."):
        anchor.insert_paragraph_before(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for name, layout in (("teenuse-juht", "2022"), ("osakonnajuhataja", "2022"),
                         ("koordinaator-kaitstud-too", "2025"),
                         ("teenuseomanik-lastemaja", "2025")):
        (src / f"{name}.docx").write_bytes(_rendered(name, layout))
    leader = _rendered("osakonnajuhataja", "2022")
    (src / "uus.docx").write_bytes(_with_new_competency(leader))
    (src / "uus-2.docx").write_bytes(_with_new_competency(leader))
    (src / "a.docx").write_bytes(_rendered("peaspetsialist-lastemaja", "2025"))
    (src / "a.txt").write_text(seed("002"), encoding="utf-8")         # a.yaml, then a-2.yaml
    (src / "broken.docx").write_bytes(leader[: len(leader) // 3])     # a truncated zip
    (src / "empty.txt").write_bytes(b"")
    return src


def _run(src: Path, out: Path, jobs: int):
    out.mkdir()
    res = run_cli("import", src, "-o", out, "--jobs", jobs, "--report", out.parent /
                  f"report-{jobs}.json")
    files = {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
             if p.is_file()}
    report = (out.parent / f"report-{jobs}.json").read_text(encoding="utf-8")
    same = lambda text: text.replace(str(out), "OUT").replace(f"report-{jobs}", "REPORT")  # noqa: E731
    return res.returncode, same(res.stdout), same(res.stderr), files, same(report)


def test_two_jobs_give_what_one_gives(tmp_path):
    src = _folder(tmp_path)
    code1, out1, err1, files1, report1 = _run(src, tmp_path / "one", 1)
    code2, out2, err2, files2, report2 = _run(src, tmp_path / "two", 2)
    # one job: the folder imported as before (the expectations written from the folder made)
    assert code1 == 2
    assert sorted(files1) == ["a-2.yaml", "a.yaml", "koordinaator-kaitstud-too.yaml",
                              "library/blocks/imported.yaml", "osakonnajuhataja.yaml",
                              "teenuse-juht.yaml", "teenuseomanik-lastemaja.yaml",
                              "uus-2.yaml", "uus.yaml"]
    skipped = [line for line in err1.splitlines() if "skipped:" in line]
    assert len(skipped) == 2 and "broken.docx" in skipped[0] and "corrupt" in skipped[0]
    assert "empty.txt" in skipped[1] and "empty" in skipped[1]
    assert "imported 8 of 10 files; 2 skipped" in err1
    assert b"innovaatilisus" in files1["library/blocks/imported.yaml"].lower()
    assert json.loads(report1)["imported"] == 8
    # two jobs: the same, byte for byte
    assert (code2, out2, err2, report2) == (code1, out1, err1, report1)
    assert files2 == files1


def test_jobs_is_refused_below_one(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    res = run_cli("import", src, "-o", out, "--jobs", "0")
    assert res.returncode == 2 and "--jobs" in res.stderr


def _square(n: int) -> int:
    return n * n


def test_outcomes_come_back_in_the_tasks_order():
    tasks = list(range(40))
    assert list(in_order(_square, tasks, 2)) == [n * n for n in tasks]
    assert list(in_order(_square, tasks, 1)) == [n * n for n in tasks]
    assert list(in_order(_square, [], 2)) == []
