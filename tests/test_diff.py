"""Comparing job descriptions (`ajdoc diff`): changes section by section, duties matched by
content, the consent verdict, the output formats and the Word redline with tracked changes."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

import ajdoc
from ajdoc import compare as diff, textdiff
from ajdoc.library import Library

DATA = Path(__file__).resolve().parent / "data" / "lifecycle"
DIFF = DATA / "diff"
V2 = DATA / "library-v2"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def role(name: str, library=None):
    return ajdoc.load_role(DIFF / f"{name}.yaml", library=library)


def cmp(old: str, new: str, **kw) -> diff.Comparison:
    return diff.compare_files(DIFF / f"{old}.yaml", DIFF / f"{new}.yaml", **kw)


@pytest.fixture(scope="module")
def runner():
    """The main group with the lifecycle commands added (the lead wires them permanently)."""
    from ajdoc.cli import main
    from ajdoc.cli.lifecycle import COMMANDS

    for command in COMMANDS:
        if command.name not in main.commands:
            main.add_command(command)
    r = CliRunner()
    return lambda *args: r.invoke(main, [str(a) for a in args])


# -- words ------------------------------------------------------------------------------------
@pytest.mark.parametrize("old,new", [
    ("vastu võtta otsuseid oma pädevuse piires.", "võtta vastu otsuseid oma pädevuse piires"),
    ("", "Uus tekst."), ("Vana tekst.", ""), ("a b c", "x y z"), ("sama", "sama"),
    ("Rida üks\nrida\tkaks", "Rida üks\nrida kolm"),
])
def test_word_diff_joins_back_to_both_sides(old, new):
    ops = textdiff.word_diff(old, new)
    assert "".join(t for op, t in ops if op != "+") == old
    assert "".join(t for op, t in ops if op != "-") == new
    # a change is one deletion then one insertion; equal stretches between them
    assert all(not (a[0] == b[0]) for a, b in zip(ops, ops[1:]) if "=" in (a[0], b[0]))


def test_word_diff_keeps_a_changed_run_together():
    assert textdiff.word_diff("a b c d", "a x y d") == [("=", "a "), ("-", "b c"), ("+", "x y"),
                                                     ("=", " d")]


def test_the_rule_is_the_amendment_clause_of_the_library():
    _, variant = Library().resolve("amendment:two")
    assert diff.RULE == variant.items[1]


# -- verdicts ---------------------------------------------------------------------------------
def test_purpose_change_needs_consent():
    c = cmp("base", "purpose")
    assert [ch.kind for ch in c.section("purpose").changes] == ["changed"]
    words = c.section("purpose").changes[0].words
    assert ("-", "laste") in words and ("+", "noorte") in words
    assert c.verdict.consent_required and not c.verdict.agreement_required
    assert c.verdict.reasons == ("the purpose (ametikoha eesmärk) changed",)
    assert c.verdict.rule == diff.RULE
    assert not c.changes("duties")


def test_an_editorial_change_of_the_purpose_needs_no_consent():
    old = role("base")
    import attrs

    new = attrs.evolve(old, purpose=old.purpose.replace("arendamine ning", "Arendamine, ning"))
    c = diff.compare(old, new)
    (change,) = c.section("purpose").changes
    assert change.editorial
    assert not c.verdict.consent_required
    assert c.verdict.basis == "ametnik"


def test_only_standard_wording_switched_by_variant_needs_no_consent():
    c = cmp("base", "wording")
    blocks = {ch.label: (ch.old_source, ch.new_source) for ch in c.section("blocks").changes}
    assert blocks == {"rights": ("rights@1:vastu-votta", "rights@1:votta-vastu"),
                      "duty.cooperation": ("duty.cooperation@1:ning", "duty.cooperation@1:ja")}
    (duty,) = c.changes("duties")
    assert duty.kind == "changed" and not duty.core and "standard wording update" in duty.note
    assert ("-", "ning") in duty.words and ("+", "ja") in duty.words
    (item,) = c.changes("rights")
    assert item.label == "item 6" and ("+", "võtta ") in item.words
    assert not c.verdict.consent_required
    assert c.volume.old_words == c.volume.new_words


def test_block_version_2_from_a_user_library_needs_no_consent():
    old, new = role("base"), role("base", library=[V2])
    c = diff.compare(old, new, old_name="v1", new_name="v2")
    (block,) = c.section("blocks").changes
    assert (block.label, block.old_source, block.new_source, block.note) == (
        "rights", "rights@1:vastu-votta", "rights@2:vastu-votta", "version")
    (item,) = c.changes("rights")
    assert ("-", "ligipääs") in item.words and ("+", "juurdepääs") in item.words
    assert not c.verdict.consent_required and c.changed


def test_an_added_own_duty_needs_consent_and_is_named():
    c = cmp("base", "added-duty", threshold=0.5)
    (added,) = c.changes("duties")
    assert (added.kind, added.new_at, added.own, added.core) == ("added", "3.4", True, True)
    assert c.verdict.consent_required
    assert c.verdict.reasons == (
        'own duty added: 3.4 "Lastekaitseteenuste hangete ettevalmistamine ja läbiviimine."',)


def test_a_removed_own_duty_needs_consent():
    c = cmp("added-duty", "base", threshold=0.5)
    (removed,) = c.changes("duties")
    assert (removed.kind, removed.old_at) == ("removed", "3.4")
    assert c.verdict.reasons == (
        'own duty removed: 3.4 "Lastekaitseteenuste hangete ettevalmistamine ja läbiviimine."',)


def test_growth_above_the_threshold_is_named_with_the_figures():
    c = cmp("base", "grown")
    assert (c.volume.old_words, c.volume.new_words) == (42, 63)
    assert c.volume.exceeded
    assert ("the duties' volume grew by 50.0 % (42 → 63 words), more than the threshold of "
            "10 %") in c.verdict.reasons
    relaxed = cmp("base", "grown", threshold=0.6)
    assert not relaxed.volume.exceeded
    assert not any("volume" in r for r in relaxed.verdict.reasons)
    assert relaxed.verdict.consent_required  # the duty's results changed all the same
    assert relaxed.verdict.reasons == ('own duty changed: 3.2 "Metoodiliste juhendite ja '
                                       'teavitusmaterjalide ettevalmistamine."',)


def test_threshold_is_configurable_and_exact():
    c = cmp("base", "added-duty", threshold=9 / 42)  # exactly the growth: not "more than"
    assert not c.volume.exceeded
    c = cmp("base", "added-duty", threshold=9 / 42 - 0.001)
    assert c.volume.exceeded


def test_a_tootaja_needs_the_agreement_of_the_parties():
    c = cmp("tootaja-old", "tootaja-new")
    assert c.verdict.agreement_required and c.verdict.consent_required
    assert c.verdict.basis == "töötaja" and "poolte kokkuleppel" in c.verdict.rule
    assert "agreement of both parties" in c.verdict.reasons[0]
    assert [ch.label for ch in c.changes("requirements")] == ["experience"]


def test_no_changes():
    c = cmp("base", "base")
    assert not c.changed
    assert not c.verdict.consent_required and c.verdict.basis == "unchanged"


# -- duties matched by content ----------------------------------------------------------------
def test_a_moved_duty_is_moved_and_a_reworded_one_changed():
    c = cmp("base", "moved")
    by_kind = {ch.kind: ch for ch in c.changes("duties")}
    assert set(by_kind) == {"moved", "changed"}
    moved = by_kind["moved"]
    assert (moved.old_at, moved.new_at) == ("3.2", "3.4")
    assert moved.new.startswith("Metoodiliste juhendite") and not moved.core
    changed = by_kind["changed"]
    assert (changed.old_at, changed.new_at) == ("3.3", "3.2")
    assert ("+", "esitamine") in changed.words
    # the renumbered duty 3.4 → 3.3 (vorgustik) is not reported: only its number changed
    assert len(c.changes("duties")) == 2
    assert c.verdict.reasons == ('own duty changed: 3.3 → 3.2 "Valdkondliku statistika '
                                 'kogumine, analüüs ja esitamine."',)


def test_match_duties_pairs_by_content_not_number():
    a = ajdoc.role_from_dict({
        "preset": "specialist", "general": {"title": "X", "unit": ["Y"], "supervisor": "Z"},
        "purpose": "Eesmärk.",
        "duties": [{"text": "Esimene ülesanne on see."}, {"text": "Teine ülesanne on too."},
                   {"text": "Kolmas ülesanne on kolmas."}]})
    import attrs

    b = attrs.evolve(a, duties=(a.duties[2], a.duties[0], a.duties[1]) + a.duties[3:])
    pairs = diff.match_duties(a.duties, b.duties)
    assert (2, 0) in pairs and (0, 1) in pairs and (1, 2) in pairs
    kinds = [ch.kind for ch in diff.compare(a, b).changes("duties")]
    assert kinds == ["moved"]


# -- formats ----------------------------------------------------------------------------------
def test_text_format():
    text = cmp("base", "moved").format("text")
    assert "Duties (teenistusülesanded)" in text
    assert "> 3.2 moved to 3.4: Metoodiliste juhendite" in text
    assert "Valdkondliku statistika kogumine{+, analüüs+} ja [-analüüs-]{+esitamine+}." in text
    assert "Verdict: the official's consent is required" in text
    assert f'Rule: "{diff.RULE}"' in text


def test_markdown_format():
    md = cmp("base", "purpose").format("markdown")
    assert md.startswith("# Comparison: Peaspetsialist")
    assert "## Purpose (ametikoha eesmärk)" in md
    assert "on ~~laste~~**noorte** heaolu" in md
    assert "## Verdict" in md and "**the official's consent is required**" in md


def test_json_format_has_a_stable_schema():
    data = json.loads(cmp("base", "wording").format("json"))
    assert data["schema"] == "ajdoc.diff/1"
    assert set(data) == {"schema", "old", "new", "layout", "changed", "sections", "volume",
                         "verdict"}
    assert [s["id"] for s in data["sections"]] == list(diff.SECTION_TITLES)
    assert set(data["verdict"]) == {"consent_required", "agreement_required", "basis",
                                    "reasons", "rule"}
    assert data["verdict"]["consent_required"] is False
    change = data["sections"][2]["changes"][0]
    assert set(change) == {"kind", "label", "old", "new", "old_at", "new_at", "old_source",
                           "new_source", "own", "core", "editorial", "note", "words", "details"}
    assert change["old_source"] == "duty.cooperation@1:ning"
    assert data["volume"]["threshold"] == 0.1


def test_unknown_format():
    with pytest.raises(ajdoc.AjdocError, match="unknown format"):
        cmp("base", "base").format("html")


# -- the redline ------------------------------------------------------------------------------
def _revisions(data: bytes):
    from docx import Document

    body = Document(io.BytesIO(data)).element.body
    ins = ["".join(t.text for t in el.iter(W + "t")) for el in body.iter(W + "ins")
           if el.getparent().tag != W + "rPr" and el.getparent().tag != W + "trPr"]
    dels = ["".join(t.text for t in el.iter(W + "delText")) for el in body.iter(W + "del")
            if el.getparent().tag != W + "rPr" and el.getparent().tag != W + "trPr"]
    return body, ins, dels


def test_redline_marks_the_words_inserted_and_deleted(tmp_path):
    from ajdoc.compare.redline import redline

    old, new = role("base"), role("purpose")
    path = tmp_path / "redline.docx"
    data = redline(old, new, path)
    assert path.read_bytes() == data
    body, ins, dels = _revisions(data)
    assert ins == ["noorte", "juhtimine"] and dels == ["laste", "arendamine"]
    for el in list(body.iter(W + "ins")) + list(body.iter(W + "del")):
        assert el.get(W + "author") == "ajdoc" and el.get(W + "date") == "2024-03-01T00:00:00Z"
    # the equal words are still there, once
    text = "".join(t.text for t in body.iter(W + "t"))
    assert "Ametikoha eesmärk on noorte heaolu valdkonna juhtimine ning" in text


def test_redline_whole_rows_and_valid_markup(tmp_path):
    from ajdoc.compare.redline import redline

    data = redline(role("base"), role("added-duty"))
    body, ins, dels = _revisions(data)
    assert "Lastekaitseteenuste hangete ettevalmistamine ja läbiviimine." in "".join(ins)
    assert "Hanked on läbi viidud." in ins
    rows_ins = [tr for tr in body.iter(W + "tr") if tr.find(f"{W}trPr/{W}ins") is not None]
    assert len(rows_ins) == 1
    # renumbered duties: 3.4 → 3.5, 3.5 → 3.6 … as word changes in place
    assert "4" in dels and "5" in ins
    ids = [el.get(W + "id") for el in body.iter(W + "ins", W + "del")]
    assert len(ids) == len(set(ids)) and all(i.isdigit() for i in ids)
    for el in body.iter(W + "ins", W + "del"):
        if el.getparent().tag in (W + "rPr", W + "trPr"):
            assert len(el) == 0
        else:
            assert len(el) and all(child.tag == W + "r" for child in el)
    for el in body.iter(W + "del"):
        assert not list(el.iter(W + "t"))  # deleted text is w:delText
    # the removed duty in the other direction: a deleted row
    data = redline(role("added-duty"), role("base"))
    body, ins, dels = _revisions(data)
    rows_del = [tr for tr in body.iter(W + "tr") if tr.find(f"{W}trPr/{W}del") is not None]
    assert len(rows_del) == 1
    assert "Lastekaitseteenuste hangete ettevalmistamine ja läbiviimine." in "".join(dels)


def _view(data: bytes, accept: bool) -> list[str]:
    """The non-empty paragraph texts after accepting (or rejecting) every tracked change."""
    from docx import Document

    body = Document(io.BytesIO(data)).element.body
    drop = W + ("del" if accept else "ins")
    for el in list(body.iter(drop)):
        parent = el.getparent()
        if parent.tag == W + "trPr":  # a whole row
            row = parent.getparent()
            row.getparent().remove(row)
        elif parent.tag == W + "rPr":  # a paragraph mark: its paragraph goes
            para = parent.getparent().getparent()
            if para.getparent() is not None:
                para.getparent().remove(para)
        elif parent is not None:
            parent.remove(el)
    texts = [_text(p, "t", "delText") for p in body.iter(W + "p")]
    return [t for t in texts if t.strip()]


@pytest.mark.parametrize("old,new,layout", [
    ("teenuse-juht", "osakonnajuhataja", "2022"),
    ("teenuseomanik-lastemaja", "peaspetsialist-lastemaja", "2025"),
])
def test_redline_accepted_is_new_and_rejected_is_old(old, new, layout):
    import warnings

    from ajdoc.compare.redline import redline
    from conftest import EXAMPLES

    a, b = ajdoc.load_role(EXAMPLES / f"{old}.yaml"), ajdoc.load_role(EXAMPLES / f"{new}.yaml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = redline(a, b, layout=layout)
        plain = lambda jd: _view(ajdoc.render(jd, layout=layout), True)  # noqa: E731
        assert _view(data, accept=True) == plain(b)
        assert _view(data, accept=False) == plain(a)


def _text(el, *tags: str) -> str:
    return "".join(n.text or "" for n in el.iter() if n.tag in {W + t for t in tags})


def _tracked(data: bytes) -> tuple[list[tuple], list[tuple]]:
    """The tracked changes of a redline, read from its XML: each body paragraph (table cells
    included) that holds a change, in document order, as (the change of its paragraph mark:
    "ins", "del" or None, [(op, text)]) with op "=" for a plain run, "+" for a run in w:ins (its
    w:t), "-" for a run in w:del (its w:delText); and each inserted or deleted row as (change,
    [its cells' text])."""
    root = ET.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    body = root.find(W + "body")
    paragraphs = []
    for p in body.iter(W + "p"):
        mark = p.find(f"{W}pPr/{W}rPr")
        mark_change = None
        if mark is not None:
            mark_change = next((tag for tag in ("ins", "del") if mark.find(W + tag) is not None),
                               None)
        segments: list[list[str]] = []
        changed = mark_change is not None
        for child in p:
            if child.tag == W + "r":
                op, runs = "=", [child]
            elif child.tag in (W + "ins", W + "del"):
                op, runs, changed = ("+" if child.tag == W + "ins" else "-"), list(child), True
                assert all(r.tag == W + "r" for r in runs)
            else:
                continue
            for r in runs:
                if op == "-":
                    assert r.find(W + "t") is None  # deleted text is w:delText only
                    text = "".join(t.text or "" for t in r.iter(W + "delText"))
                else:
                    assert r.find(W + "delText") is None
                    text = "".join(t.text or "" for t in r.iter(W + "t"))
                if segments and segments[-1][0] == op:
                    segments[-1][1] += text
                else:
                    segments.append([op, text])
        if changed:
            paragraphs.append((mark_change, [tuple(s) for s in segments]))
    rows = []
    for tr in body.iter(W + "tr"):
        change = next((tag for tag in ("ins", "del") if tr.find(f"{W}trPr/{W}{tag}") is not None),
                      None)
        if change:
            rows.append((change, [_text(tc, "t", "delText") for tc in tr.findall(W + "tc")]))
    return paragraphs, rows


def test_redline_of_a_small_change_is_exactly_the_expected_markup():
    """One word of the purpose and of a duty changed, a result removed, a result added, a duty
    added at the end, a right removed: the tracked changes written out by hand."""
    import attrs

    from ajdoc.compare.redline import redline

    old = role("base")
    d1, d2, d3 = old.duties[:3]
    assert d1.results[1] == "Nõustamise tagasiside on kogutud ja analüüsitud."
    removed_right = "saada tööalast juhendamist ja põhjendatud juhul supervisiooni;"
    assert old.rights[3].text == removed_right
    new = attrs.evolve(
        old, purpose=old.purpose.replace("laste heaolu", "noorte heaolu"),
        duties=(attrs.evolve(d1, results=d1.results[:1]),
                attrs.evolve(d2, results=d2.results + ("Juhendid on ajakohastatud.",)),
                attrs.evolve(d3, text="Valdkondliku statistika kogumine ja esitamine."),
                *old.duties[3:], ajdoc.Duty("Uus ülesanne.", results=("Uus tulemus.",))),
        rights=old.rights[:3] + old.rights[4:])
    data = redline(old, new)
    assert redline(old, new) == data  # reproducible: fixed ids, date and zip timestamps
    paragraphs, rows = _tracked(data)
    assert paragraphs == [
        (None, [("=", "Ametikoha eesmärk on "), ("-", "laste"), ("+", "noorte"),
                ("=", " heaolu valdkonna arendamine ning kohalike omavalitsuste nõustamine "
                      "lastekaitse küsimustes.")]),
        # the last paragraph of a cell keeps its mark (Word needs one): only its run is deleted
        (None, [("-", "Nõustamise tagasiside on kogutud ja analüüsitud.")]),
        ("ins", [("+", "Juhendid on ajakohastatud.")]),
        (None, [("=", "3.3 Valdkondliku statistika kogumine ja "), ("-", "analüüs"),
                ("+", "esitamine"), ("=", ".")]),
        ("ins", [("+", "3.8 Uus ülesanne.")]),
        ("ins", [("+", "Uus tulemus.")]),
        ("del", [("-", removed_right)]),
    ]
    assert rows == [("ins", ["3.8 Uus ülesanne.", "Uus tulemus."])]
    body = ET.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    marks = list(body.iter(W + "ins")) + list(body.iter(W + "del"))
    assert len(marks) == 14  # 9 runs wrapped, 4 paragraph marks, 1 row
    assert len({m.get(W + "id") for m in marks}) == len(marks)
    assert {(m.get(W + "author"), m.get(W + "date")) for m in marks} == {
        ("ajdoc", "2024-03-01T00:00:00Z")}
    # the deleted right stands where it stood: after the right before it
    texts = [_text(p, "t", "delText") for p in body.iter(W + "p")]
    at = texts.index(removed_right)
    assert texts[at - 1] == old.rights[2].text and texts[at + 1] == old.rights[4].text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_converts_the_redline(tmp_path):
    from ajdoc.compare.redline import redline

    src = tmp_path / "redline.docx"
    redline(ajdoc.load_role(DIFF / "base.yaml"), ajdoc.load_role(DIFF / "moved.yaml",
                                                                  library=[V2]), src)
    res = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                          "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
                         capture_output=True, text=True, timeout=240)
    pdf = tmp_path / "redline.pdf"
    assert res.returncode == 0 and pdf.is_file() and pdf.stat().st_size > 1000, res.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        return
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    # LibreOffice shows the tracked changes: the deleted word, then the inserted one
    assert "sh ligipääsjuurdepääs tööks vajalikele" in text  # rights@1 → rights@2
    assert "Valdkondliku statistika kogumine, analüüs ja analüüsesitamine." in text
    assert "Ametikoha eesmärk on laste heaolu valdkonna arendamine" in text  # unchanged


# -- the command --------------------------------------------------------------------------------
def test_cli_diff_text_and_exit_0_whatever_the_verdict(runner):
    res = runner("diff", DIFF / "base.yaml", DIFF / "purpose.yaml")
    assert res.exit_code == 0, res.output
    assert "Verdict: the official's consent is required" in res.stdout
    res = runner("diff", DIFF / "base.yaml", DIFF / "wording.yaml")
    assert res.exit_code == 0 and "Verdict: no consent required" in res.stdout


def test_cli_diff_json_and_threshold(runner):
    res = runner("diff", DIFF / "base.yaml", DIFF / "added-duty.yaml", "--format", "json",
                 "--threshold", "0.5")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["volume"]["threshold"] == 0.5 and not data["volume"]["exceeded"]
    assert data["verdict"]["consent_required"] is True
    res = runner("diff", DIFF / "base.yaml", DIFF / "base.yaml", "--threshold", "-1")
    assert res.exit_code == 2


def test_cli_diff_markdown_with_a_library(runner):
    res = runner("diff", DIFF / "base.yaml", DIFF / "base.yaml", "--format", "markdown",
                 "--library", V2)
    assert res.exit_code == 0 and "No changes." in res.stdout


def test_cli_diff_docx_writes_and_refuses_to_overwrite(runner, tmp_path):
    out = tmp_path / "r.docx"
    res = runner("diff", DIFF / "base.yaml", DIFF / "moved.yaml", "--docx", out)
    assert res.exit_code == 0, res.output
    before = out.read_bytes()
    assert zipfile.ZipFile(io.BytesIO(before)).read("word/document.xml").count(b"<w:ins ") > 0
    res = runner("diff", DIFF / "base.yaml", DIFF / "purpose.yaml", "--docx", out)
    assert res.exit_code == 2 and "exists already" in res.stderr
    assert out.read_bytes() == before
    res = runner("diff", DIFF / "base.yaml", DIFF / "purpose.yaml", "--docx", out, "--force")
    assert res.exit_code == 0 and out.read_bytes() != before


def test_cli_diff_bad_input_exits_2(runner, tmp_path):
    res = runner("diff", DIFF / "base.yaml", tmp_path / "missing.yaml")
    assert res.exit_code == 2 and "file not found" in res.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("preset: specalist\n", encoding="utf-8")
    res = runner("diff", bad, DIFF / "base.yaml")
    assert res.exit_code == 2 and "bad.yaml" in res.stderr


def test_diff_of_docx_files_goes_through_the_importer(tmp_path, runner):
    pytest.importorskip("ajdoc.importing", reason="ajdoc.importer (issue 5, part 1) not there yet")
    old, new = tmp_path / "old.docx", tmp_path / "new.docx"
    ajdoc.render(role("base"), old)
    ajdoc.render(role("added-duty"), new)
    res = runner("diff", old, new, "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    duties = data["sections"][2]["changes"]
    assert [(c["kind"], c["new_at"]) for c in duties] == [("added", "3.4")]
    assert data["verdict"]["consent_required"] is True
