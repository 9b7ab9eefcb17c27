"""Hostile and odd YAML (issue 14, items 1, 4, 15): numbers as written, surrogate pairs, bounds on
size, depth and values, files that are not files, and messages that never echo a whole value or a
file that is not ajdoc's. Each test is bounded in time (`bounded`)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Iterator

import pytest

import ajdoc
from ajdoc import yamlio
from ajdoc.errors import AjdocError
from ajdoc.ooxml import docx_text

ROLE = {"preset": "specialist",
        "general": {"title": "Nõunik", "unit": {"department": "Teenuste osakond"},
                    "supervisor": "Talitusejuhataja", "position_group": "ametnik"},
        "purpose": "Ametikoha eesmärk on teenuste arendamine.",
        "duties": [{"text": "Teenuste arendamine.", "results": ["Teenused on arendatud."]}]}
ROLE_TEXT = """preset: specialist
general:
  title: Nõunik
  unit: {department: Teenuste osakond}
  supervisor: Talitusejuhataja
  position_group: ametnik
purpose: Ametikoha eesmärk on teenuste arendamine.
duties:
  - text: Teenuste arendamine.
    results: [Teenused on arendatud.]
"""


@contextlib.contextmanager
def bounded(seconds: float) -> Iterator[None]:
    """Fail the test (never hang) when the block takes longer than `seconds`."""
    def expire(signum, frame):
        raise TimeoutError(f"took longer than {seconds} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert time.monotonic() - started < seconds


def write(folder: Path, text: str, name: str = "role.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path, seconds: float = 10.0, **kwargs) -> str:
    with bounded(seconds):
        with pytest.raises(AjdocError) as info:
            ajdoc.load_role(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


# -- numbers as the user wrote them -------------------------------------------------------------
@pytest.mark.parametrize("written", ["0183", "183", "000183", "1-1/0183"])
def test_an_approval_number_prints_as_written(tmp_path, written):
    path = write(tmp_path, ROLE_TEXT + f"approved: {{date: 2024-01-14, number: {written}, "
                                       "signer_title: peadirektor}\n")
    jd = ajdoc.load_role(path)
    assert jd.approval.number == written
    text = docx_text(ajdoc.render(jd))
    assert f"nr {written}" in text
    if written != "183":
        assert "nr 183" not in text


def test_a_directive_number_keeps_its_leading_zero(tmp_path):
    write(tmp_path, ROLE_TEXT, "roll.yaml")
    path = write(tmp_path, "signer: {name: Maret Maripuu, title: peadirektor}\nnumber: 0183\n"
                           "date: 2025-11-28\nannexes: [roll.yaml]\n", "kaskkiri.yaml")
    d = ajdoc.load_directive(path)
    assert d.number == "0183"
    assert d.annexes[0].approval.number == "0183"


@pytest.mark.parametrize("written", ["0x1F", "0o37", "0b11111", "1_83", "+183"])
def test_a_number_in_another_notation_is_refused_as_written(tmp_path, written):
    path = write(tmp_path, ROLE_TEXT + f"approved: {{date: 2024-01-14, number: {written}, "
                                       "signer_title: peadirektor}\n")
    message = refused(path)
    assert f"got the number {written}" in message and "line 11" in message
    assert "number 31" not in message and "number 183" not in message


def test_a_number_where_text_is_expected_is_named_as_written(tmp_path):
    message = refused(write(tmp_path, ROLE_TEXT.replace("title: Nõunik", "title: 0183")))
    assert "expected text, got the number 0183" in message and "general.title" in message


@pytest.mark.parametrize("digits,ok", [(40, True), (41, False), (4300, False), (4301, False),
                                       (100_000, False)])
def test_long_integers_are_bounded(tmp_path, digits, ok):
    path = write(tmp_path, ROLE_TEXT + "approved: {date: 2024-01-14, number: " + "7" * digits
                 + ", signer_title: peadirektor}\n")
    if ok:
        assert ajdoc.load_role(path).approval.number == "7" * digits
        return
    message = refused(path)
    assert f"a number of {digits} characters" in message and "line 11" in message
    assert "7" * 50 not in message


def test_written_numbers_still_compare_and_count_as_numbers():
    node = yamlio.parse("a: 0183\nb: 2.50\nc: 7\n", "f")
    a, b, c = (node.req(k) for k in "abc")
    assert a.value == 183 and str(a.value) == "0183" and f"{a.value}" == "0183"
    assert a.as_number_text() == "0183" and a.as_int() == 183 and type(a.as_int()) is int
    assert b.value == 2.5 and str(b.value) == "2.50"
    assert c.as_int() == 7 and str(c.value) == "7"


# -- characters -----------------------------------------------------------------------------------
def test_a_surrogate_pair_written_as_escapes_is_one_character(tmp_path):
    path = write(tmp_path, ROLE_TEXT.replace("title: Nõunik", 'title: "\\ud83d\\ude00 Nõunik"'))
    jd = ajdoc.load_role(path)
    assert jd.general.title == "\U0001F600 Nõunik"
    assert "\U0001F600 Nõunik" in docx_text(ajdoc.render(jd))


def test_a_role_written_by_json_dumps_loads_as_the_same_role(tmp_path):
    data = json.loads(json.dumps(ROLE))
    data["general"]["title"] = "Nõunik \U0001F600 (ülem)"
    data["purpose"] = "Eesmärk: „teenused” \U0001F44D."
    path = write(tmp_path, json.dumps(data))  # ensure_ascii: \u00f5 and \ud83d\ude00 escapes
    assert "\\ud83d\\ude00" in path.read_text(encoding="utf-8")
    jd = ajdoc.load_role(path)
    assert jd.general.title == data["general"]["title"]
    assert jd.purpose == data["purpose"]


@pytest.mark.parametrize("escape,code", [("\\ud83d", "U+D83D"), ("\\ude00\\ud83d", "U+DE00"),
                                         ("x\\udfff", "U+DFFF")])
def test_a_lone_or_reversed_surrogate_is_refused_with_its_place(tmp_path, escape, code):
    message = refused(write(tmp_path, ROLE_TEXT.replace("title: Nõunik", f'title: "{escape}"')))
    assert code in message and "general.title" in message and "line 3" in message


# -- bounds ---------------------------------------------------------------------------------------
def test_a_file_over_the_size_bound_is_refused_without_parsing(tmp_path):
    path = write(tmp_path, ROLE_TEXT + "# " + "x" * yamlio.MAX_BYTES + "\n")
    message = refused(path, 5.0)
    assert "larger than 2 MB" in message and str(path) in message


@pytest.mark.parametrize("text", [
    "purpose: " + "[" * 100_000 + "]" * 100_000,
    "purpose: " + "{a: " * 20_000 + "1" + "}" * 20_000,
    "edit:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(300)) + "  " * 301 + "x\n",
    "duties:\n" + "".join("  " * i + "- \n" for i in range(300)) + "  " * 300 + "- x\n",
], ids=["flow-lists", "flow-mappings", "block-mappings", "block-lists"])
def test_deep_nesting_is_one_message_in_bounded_time(tmp_path, text):
    message = refused(write(tmp_path, "preset: specialist\n" + text + "\n"), 20.0)
    assert f"nested more than {yamlio.MAX_DEPTH} levels deep" in message
    assert "recursion" not in message.lower()


def test_too_many_values_are_refused_in_bounded_time(tmp_path):
    path = write(tmp_path, ROLE_TEXT + "forms: [" + ",".join(["a"] * (yamlio.MAX_VALUES + 1))
                 + "]\n")
    message = refused(path, 30.0)
    assert f"more than {yamlio.MAX_VALUES} values" in message


def test_a_role_of_a_thousand_duties_is_within_the_bounds(tmp_path):
    duties = "".join(f"  - text: Ülesanne {i}.\n    results: [Tulemus {i}., Teine {i}.]\n"
                     for i in range(1000))
    path = write(tmp_path, ROLE_TEXT.split("duties:")[0] + "duties:\n" + duties)
    with bounded(60.0):
        assert len(ajdoc.load_role(path).duties) >= 1000


def test_an_alias_bomb_is_refused_before_it_expands(tmp_path):
    level = "[&a0 [x, x, x, x, x, x, x, x, x]" + "".join(
        f", &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)) + "]"
    path = write(tmp_path, ROLE_TEXT + "requirements:\n  languages:\n"
                           "    - {language: eesti, level: " + level + "}\n")
    message = refused(path, 5.0)
    assert "an alias (*a0)" in message and "line 13" in message and "'x'" not in message


def test_a_value_is_never_echoed_whole():
    node = yamlio.parse("level: [" + ", ".join(["[x, y, z]"] * 3000) + "]\n", "f")
    value = node.req("level").value
    assert str(value) == "a list of 3000 item(s)" == repr(value)
    assert str(node.value) == "a mapping of 1 key(s)"
    assert value[0] == ["x", "y", "z"]  # still a list of lists for the code
    with pytest.raises(AjdocError) as info:
        node.req("level").as_text()
    assert "'x'" not in str(info.value) and "[" not in str(info.value)


def test_the_content_of_a_file_that_is_not_a_role_file_is_not_echoed(tmp_path):
    path = write(tmp_path, "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:\n",
                 "passwd")
    for text in ("root:x:0:0:root:/root:/bin/bash\n", path.read_text(encoding="utf-8")):
        path.write_text(text, encoding="utf-8")
        message = refused(path)
        assert "expected a mapping" in message or "YAML syntax error" in message
        assert "root:x" not in message and "/bin/bash" not in message and "daemon" not in message


# -- files that are not files ---------------------------------------------------------------------
@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "role.yaml"
    os.mkfifo(path)
    return path


def test_a_named_pipe_as_the_role_file_does_not_hang(fifo):
    message = refused(fifo, 5.0)
    assert "is not a regular file" in message and str(fifo) in message


def test_a_named_pipe_as_a_library_block_file_does_not_hang(tmp_path):
    blocks = tmp_path / "library" / "blocks"
    blocks.mkdir(parents=True)
    os.mkfifo(blocks / "omad.yaml")
    message = refused(write(tmp_path, ROLE_TEXT), 5.0, library=[tmp_path / "library"])
    assert "omad.yaml" in message and "is not a regular file" in message


def test_a_named_pipe_as_an_annex_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "roll.yaml")
    path = write(tmp_path, "signer: {name: Maret Maripuu, title: peadirektor}\nnumber: 1\n"
                           "date: 2025-11-28\nannexes: [roll.yaml]\n", "kaskkiri.yaml")
    with bounded(5.0), pytest.raises(AjdocError) as info:
        ajdoc.load_directive(path)
    assert "annexes[1]" in str(info.value) and "not a regular file" in str(info.value)


def test_a_named_pipe_as_template_or_import_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "mall.docx")
    jd = ajdoc.role_from_dict(ROLE)
    with bounded(5.0), pytest.raises(AjdocError) as info:
        ajdoc.render(jd, template=tmp_path / "mall.docx")
    assert "mall.docx" in str(info.value) and "not a regular file" in str(info.value)
    with bounded(5.0), pytest.raises(AjdocError) as info:
        ajdoc.import_document(tmp_path / "mall.docx")
    assert "not a regular file" in str(info.value)


def test_a_pipe_that_a_writer_fills_forever_is_not_read(fifo):
    """Even with a writer on the other end (open would not block), nothing is read from it."""
    stop = threading.Event()

    def writer() -> None:
        with contextlib.suppress(OSError):
            fd = os.open(fifo, os.O_WRONLY)
            try:
                while not stop.is_set():
                    os.write(fd, b"x: " + b"a" * 65536)
            finally:
                os.close(fd)

    t = threading.Thread(target=writer, daemon=True)
    t.start()
    try:
        refused(fifo, 5.0)
    finally:
        stop.set()
        with contextlib.suppress(OSError):  # let a blocked writer's open return
            os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))


def test_the_cli_on_a_named_pipe_exits_2_at_once(fifo, tmp_path):
    exe = Path(sys.executable).with_name("ajdoc")
    for args in (["check", str(fifo)], ["render", str(fifo), "-o", str(tmp_path / "x.docx")]):
        res = subprocess.run([str(exe)] + args, capture_output=True, text=True, timeout=60)
        assert res.returncode == 2, res.stderr
        assert res.stderr.count("\n") == 1 and "is not a regular file" in res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["role.yaml"]


# -- presets ----------------------------------------------------------------------------------------
def test_a_chain_of_a_thousand_presets_is_one_message(tmp_path):
    presets = tmp_path / "library" / "presets"
    presets.mkdir(parents=True)
    for i in range(1000):
        parent = f"p{i + 1}" if i < 999 else "specialist"
        (presets / f"p{i}.yaml").write_text(f"id: p{i}\ntitle: P {i}\nextends: {parent}\n",
                                            encoding="utf-8")
    path = write(tmp_path, ROLE_TEXT.replace("preset: specialist", "preset: p0"))
    message = refused(path, 60.0, library=[tmp_path / "library"])
    assert "p0" in message and "preset" in message
