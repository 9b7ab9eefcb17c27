"""Nothing silently lost (issue 14, items 9–12): two outputs on one path and outputs over inputs are
refused before anything is written; a target is created exclusively; a SIGKILL between the renames
of a directive's files leaves a journal, and the next run puts the earlier files back and says so."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
import warnings
from pathlib import Path

import pytest

import ajdoc
from ajdoc import output
from ajdoc.errors import AjdocError

ROLE_TEXT = """preset: specialist
general:
  title: {title}
  unit: {{department: Teenuste osakond}}
  supervisor: Talitusejuhataja
  position_group: ametnik
purpose: Ametikoha eesmärk on teenuste arendamine.
duties:
  - text: Teenuste arendamine.
    results: [Teenused on arendatud.]
"""
NAMES = ["kaskkiri-183-lisa-1.docx", "kaskkiri-183-lisa-2.docx", "kaskkiri-183-lisa-3.docx",
         "kaskkiri-183.docx", "kaskkiri-183.json"]
EXE = Path(sys.executable).with_name("ajdoc")


def ajdoc_run(*args, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(EXE)] + [str(a) for a in args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


@pytest.fixture
def directive(tmp_path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for i, title in enumerate(["Nõunik", "Peaspetsialist", "Juhtivspetsialist"], 1):
        (src / f"roll-{i}.yaml").write_text(ROLE_TEXT.format(title=title), encoding="utf-8")
    path = src / "kaskkiri.yaml"
    path.write_text("signer: {name: Maret Maripuu, title: peadirektor}\nnumber: 183\n"
                    "date: 2025-11-28\nannexes: [roll-1.yaml, roll-2.yaml, roll-3.yaml]\n",
                    encoding="utf-8")
    return path


def stray(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".ajdoc-"))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# -- two outputs, one path; an output on an input -------------------------------------------------
def test_check_outputs_names_both_outputs_and_the_input(tmp_path):
    role = tmp_path / "roll.yaml"
    role.write_text("x", encoding="utf-8")
    with pytest.raises(AjdocError) as info:
        output.check_outputs([(tmp_path / "a.docx", "the directive"),
                              (tmp_path / "sub" / ".." / "a.docx", "annex 2")])
    assert "the directive" in str(info.value) and "annex 2" in str(info.value)
    with pytest.raises(AjdocError) as info:
        output.check_outputs([tmp_path / "." / "roll.yaml"], [role])
    assert "over an input" in str(info.value)
    output.check_outputs([tmp_path / "a.docx", tmp_path / "b.docx"], [role, tmp_path])


def test_a_hard_link_or_symbolic_link_to_the_role_file_is_the_role_file(tmp_path):
    role = tmp_path / "roll.yaml"
    role.write_text(ROLE_TEXT.format(title="Nõunik"), encoding="utf-8")
    os.link(role, tmp_path / "link.yaml")
    os.symlink(role, tmp_path / "sym.yaml")
    before = role.read_bytes()
    for target in ("link.yaml", "sym.yaml"):
        with pytest.raises(AjdocError) as info:
            ajdoc.render_role(role, tmp_path / target, force=True)
        assert "over an input" in str(info.value)
        res = ajdoc_run("render", role, "-o", tmp_path / target, "--force")
        assert res.returncode == 2 and "over an input" in res.stderr, res.stderr
    assert role.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.yaml", "roll.yaml", "sym.yaml"]


def test_the_api_refuses_a_template_as_the_output(tmp_path):
    template = tmp_path / "mall.docx"
    template.write_bytes((Path(__file__).resolve().parents[1] / "templates" /
                          "ametijuhend-2022.docx").read_bytes())
    before = template.read_bytes()
    jd = ajdoc.role_from_dict({"preset": "specialist", "general": {
        "title": "Nõunik", "unit": {"department": "Osakond"}, "supervisor": "Juht"},
        "purpose": "Eesmärk.", "duties": [{"text": "Töö.", "results": ["Tehtud."]}]})
    with pytest.raises(AjdocError) as info:
        ajdoc.render(jd, template, template=template, force=True)
    assert "over an input" in str(info.value)
    assert template.read_bytes() == before


def test_combined_on_the_directives_own_outputs_writes_nothing(directive, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for name in NAMES:
        res = ajdoc_run("directive", directive, "-o", out, "--combined", out / name, "--force")
        assert res.returncode == 2 and "would both be written" in res.stderr, res.stderr
        assert list(out.iterdir()) == []
    with pytest.raises(AjdocError):
        ajdoc.write_directive(directive, out, out / "kaskkiri-183-lisa-3.docx", force=True)
    assert list(out.iterdir()) == []


# -- exclusive creation ---------------------------------------------------------------------------
def test_a_file_that_appears_after_the_check_is_not_replaced(tmp_path, monkeypatch):
    target = tmp_path / "aj.docx"
    batch = output.Batch(force=False)
    batch.add(target, b"new")
    target.write_bytes(b"written by another run meanwhile")
    monkeypatch.setattr(output.os.path, "lexists", lambda p: False)  # the race: no early check
    with pytest.raises(AjdocError) as info:
        with batch:
            pass
    assert "exists already" in str(info.value)
    monkeypatch.undo()
    assert target.read_bytes() == b"written by another run meanwhile"
    assert stray(tmp_path) == []


def test_two_runs_writing_one_absent_file_one_fails(tmp_path):
    role = tmp_path / "roll.yaml"
    role.write_text(ROLE_TEXT.format(title="Nõunik"), encoding="utf-8")
    for attempt in range(3):
        target = tmp_path / f"aj-{attempt}.docx"
        procs = [subprocess.Popen([str(EXE), "render", str(role), "-o", str(target)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
        results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
        for p in procs:
            p.stdout.close()
            p.stderr.close()
        codes = sorted(code for code, _ in results)
        assert codes == [0, 2], results
        assert "exists already" in [err for code, err in results if code == 2][0]
        assert target.read_bytes()[:2] == b"PK"
    assert stray(tmp_path) == []


# -- a SIGKILL between the renames ----------------------------------------------------------------
KILL_AFTER = textwrap.dedent("""
    import os, signal, sys
    import ajdoc.output as output
    after, done = int(sys.argv[1]), [0]
    real = os.replace

    def replace(a, b, *args, **kwargs):
        result = real(a, b, *args, **kwargs)
        done[0] += 1
        if done[0] == after:
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    output.os = type(os)("os_patched")
    output.os.__dict__.update(os.__dict__)
    output.os.replace = replace
    from ajdoc.cli import run
    sys.argv = ["ajdoc"] + sys.argv[2:]
    run()
""")


def killed_after(renames: int, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", KILL_AFTER, str(renames)] +
                          [str(a) for a in args], capture_output=True, text=True, timeout=300)


def recovered(folder: Path) -> list[str]:
    output._recovered.clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        output.recover(folder)
    return [str(w.message) for w in caught if issubclass(w.category, output.RecoveryWarning)]


@pytest.mark.parametrize("renames", [1, 2, 4])
def test_a_kill_between_the_renames_of_new_files_is_undone_by_the_next_run(directive, tmp_path,
                                                                           renames):
    out = tmp_path / "out"
    out.mkdir()
    res = killed_after(renames, "directive", directive, "-o", out)
    assert res.returncode == -9, res.stderr
    written = [n for n in NAMES if (out / n).exists()]
    assert 0 < len(written) < len(NAMES)                # mixed: some in place, some not
    journals = [n for n in stray(out) if n.endswith(".journal")]
    assert len(journals) == 1                           # ... and the state is knowable
    again = ajdoc_run("directive", directive, "-o", out)
    assert again.returncode == 0, again.stderr
    assert "interrupted while putting 5 file(s) in place" in again.stderr
    assert sorted(p.name for p in out.iterdir()) == NAMES
    assert stray(out) == []
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    assert ajdoc_run("directive", directive, "-o", fresh).returncode == 0
    assert snapshot(out) == snapshot(fresh)


def test_a_kill_between_the_renames_over_old_files_puts_them_all_back(directive, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for name in NAMES:
        (out / name).write_bytes(b"old " + name.encode())
    before = snapshot(out)
    res = killed_after(3, "directive", directive, "-o", out, "--force")
    assert res.returncode == -9, res.stderr
    mixed = {n: (out / n).read_bytes() for n in NAMES}
    assert sum(v.startswith(b"old ") for v in mixed.values()) == 2   # three already new
    messages = recovered(out)
    assert len(messages) == 1 and "put back the earlier state of" in messages[0], messages
    assert snapshot(out) == before
    assert recovered(out) == []                                      # once is enough


def test_a_kill_while_staging_leaves_nothing_the_next_run_keeps(directive, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    code = textwrap.dedent("""
        import os, signal, sys
        import ajdoc.output as output
        real, n = open, [0]

        def killing_open(file, mode="r", *args, **kwargs):
            if "w" in mode and os.path.basename(str(file)).startswith(".ajdoc-"):
                n[0] += 1
                if n[0] == 3:
                    os.kill(os.getpid(), signal.SIGKILL)
            return real(file, mode, *args, **kwargs)

        output.open = killing_open
        from ajdoc.cli import run
        sys.argv = ["ajdoc"] + sys.argv[1:]
        run()
    """)
    res = subprocess.run([sys.executable, "-c", code, "directive", str(directive), "-o",
                          str(out)], capture_output=True, text=True, timeout=300)
    assert res.returncode == -9, res.stderr
    assert [p.name for p in out.iterdir() if not p.name.startswith(".ajdoc-")] == []
    assert stray(out)                                     # temporary files and the journal
    messages = recovered(out)
    assert len(messages) == 1 and "removed" in messages[0] and "temporary" in messages[0]
    assert list(out.iterdir()) == []


def test_a_live_runs_journal_and_temporary_files_are_left_alone(tmp_path):
    code = textwrap.dedent("""
        import sys, time
        from ajdoc.output import Batch
        b = Batch()
        b.add(sys.argv[1], b"data")
        print("staged", flush=True)
        time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "a.docx")],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "staged"
        before = stray(tmp_path)
        assert len(before) == 2
        assert recovered(tmp_path) == []
        assert stray(tmp_path) == before
    finally:
        proc.kill()
        proc.wait(timeout=60)
        proc.stdout.close()
    assert len(recovered(tmp_path)) == 1                  # the run is gone now
    assert list(tmp_path.iterdir()) == []


def test_stray_temporary_files_of_older_versions_are_removed_when_old(tmp_path):
    old, young = tmp_path / ".ajdoc-abc123.part", tmp_path / ".ajdoc-def456.part"
    unborn = tmp_path / ".ajdoc-0a1b2c3d.new"        # a journal killed before it was named
    for path in (old, young, unborn):
        path.write_bytes(b"x")
    past = time.time() - 2 * output.STRAY_AGE
    os.utime(old, (past, past))
    os.utime(unborn, (past, past))
    messages = recovered(tmp_path)
    assert len(messages) == 1 and "removed 2 temporary file(s)" in messages[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == [young.name]
