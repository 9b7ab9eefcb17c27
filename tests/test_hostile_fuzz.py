"""Fuzzing role and directive files (issue 14): random YAML structures, random text and random
bytes spliced into valid files. Every input either loads (and then renders) or raises AjdocError —
never another exception — within a time bound; through the CLI the exit code is 0 or 2 with one
line, never 1. The examples are derandomized, so a failure repeats; AJDOC_FUZZ_EXAMPLES=N runs N random
(not derandomized) examples per test instead, for a longer hunt."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

import ajdoc
from ajdoc.errors import AjdocError

ROLE = {"preset": "specialist",
        "general": {"title": "Nõunik", "unit": {"department": "Teenuste osakond"},
                    "supervisor": "Talitusejuhataja", "position_group": "ametnik"},
        "purpose": "Ametikoha eesmärk on teenuste arendamine.",
        "duties": [{"text": "Teenuste arendamine.", "results": ["Teenused on arendatud."]}],
        "requirements": {"languages": [{"language": "eesti", "level": "C1"}]},
        "approved": {"date": dt.date(2024, 1, 14), "number": 5, "signer_title": "peadirektor"}}
DIRECTIVE = {"signer": {"name": "Maret Maripuu", "title": "peadirektor"}, "number": 183,
             "date": dt.date(2025, 11, 28), "annexes": ["roll.yaml"],
             "repeals": [{"date": dt.date(2024, 2, 2), "number": 14}],
             "entry_into_force": dt.date(2025, 12, 1),
             "unit": {"department": "Teenuste osakond"}}
KEYS = ["preset", "general", "title", "unit", "purpose", "duties", "text", "results", "subitems",
        "use", "id", "sections", "edit", "add", "remove", "replace", "variant", "version",
        "level", "language", "approved", "number", "date", "annexes", "repeals", "signer",
        "legal_basis", "style", "kind", "<<", "forms", "numbering", "signature"]
SECONDS = 10.0   # one example, loading and rendering
pytestmark = pytest.mark.filterwarnings("ignore:.*layout has no place")
FUZZ = settings(max_examples=int(os.environ.get("AJDOC_FUZZ_EXAMPLES", 120)), deadline=None,
                derandomize=not os.environ.get("AJDOC_FUZZ_EXAMPLES"), database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.dates(),
    st.text(max_size=40), st.sampled_from(["specialist", "C1", "eesti", "signing", "none",
                                           "0183", "0x1F", "{{ 7*7 }}", "</w:t>", "&amp;", "",
                                           " ", "rights:votta-vastu", "duty.cooperation"]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), inner, max_size=4)),
    max_leaves=24)


def mutated(base: dict) -> st.SearchStrategy[dict]:
    """`base` with some of its values (top level, or one level down) replaced by random ones."""
    def one_level(key: str, value: object) -> st.SearchStrategy[object]:
        if isinstance(value, dict):
            return st.one_of(st.just(value), values, st.fixed_dictionaries(
                {k: st.one_of(st.just(v), values) for k, v in value.items()},
                optional={k: values for k in KEYS[:6] if k not in value}))
        return st.one_of(st.just(value), values)
    return st.fixed_dictionaries({k: one_level(k, v) for k, v in base.items()},
                                 optional={k: values for k in KEYS if k not in base})


def dumped(data: object, how: str) -> str:
    if how == "json":
        return json.dumps(data, default=str)  # \\u escapes, surrogate pairs included
    out = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, out)
    return out.getvalue()


def spliced(text: str, at: float, insert: bytes) -> bytes:
    raw = text.encode("utf-8")
    pos = int(at * len(raw))
    return raw[:pos] + insert + raw[pos:]


def try_role(path: Path) -> None:
    started = time.monotonic()
    try:
        jd = ajdoc.load_role(path)
        ajdoc.render(jd)
    except AjdocError as exc:
        assert str(exc).strip()
    assert time.monotonic() - started < SECONDS


def try_directive(path: Path) -> None:
    started = time.monotonic()
    try:
        d = ajdoc.load_directive(path)
        ajdoc.directive_files(d, path.parent / "out")
    except AjdocError as exc:
        assert str(exc).strip()
    assert time.monotonic() - started < SECONDS


ROLE_TEXT = dumped(ROLE, "yaml")
DIRECTIVE_TEXT = dumped(DIRECTIVE, "yaml")
PIECES = st.one_of(
    st.binary(max_size=24),
    st.text(max_size=24).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from([b"\t", b": ", b"&a ", b"*a", b"<<: ", b"!!python/object:os.system ",
                     b"? [a]\n: b\n", b"[" * 200, b"{" * 200, b"\xff\xfe", b"\x00", b"\r",
                     b"%YAML 1.1\n", b"---\n", b"\"\\ud83d\\ude00\"", b"9" * 5000, b"0x1F",
                     b"\n  - ", b"\xef\xbb\xbf", b"\\u0000"]))


@FUZZ
@given(mutated(ROLE), st.sampled_from(["yaml", "json"]))
def test_random_role_structures(data, how):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "role.yaml"
        path.write_text(dumped(data, how), encoding="utf-8")
        try_role(path)


@FUZZ
@given(st.floats(min_value=0, max_value=1), PIECES)
def test_random_bytes_spliced_into_a_role_file(at, insert):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "role.yaml"
        path.write_bytes(spliced(ROLE_TEXT, at, insert))
        try_role(path)


@FUZZ
@given(st.binary(max_size=3000))
def test_random_bytes_as_a_role_file(raw):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "role.yaml"
        path.write_bytes(raw)
        try_role(path)


@FUZZ
@given(mutated(DIRECTIVE), st.sampled_from(["yaml", "json"]))
def test_random_directive_structures(data, how):
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "roll.yaml").write_text(ROLE_TEXT, encoding="utf-8")
        path = Path(tmp) / "kaskkiri.yaml"
        path.write_text(dumped(data, how), encoding="utf-8")
        try_directive(path)


@FUZZ
@given(st.floats(min_value=0, max_value=1), PIECES, st.booleans())
def test_random_bytes_spliced_into_a_directive_or_its_annex(at, insert, in_annex):
    with tempfile.TemporaryDirectory() as tmp:
        annex = spliced(ROLE_TEXT, at, insert) if in_annex else ROLE_TEXT.encode("utf-8")
        (Path(tmp) / "roll.yaml").write_bytes(annex)
        path = Path(tmp) / "kaskkiri.yaml"
        path.write_bytes(DIRECTIVE_TEXT.encode("utf-8") if in_annex
                         else spliced(DIRECTIVE_TEXT, at, insert))
        try_directive(path)


# -- a few through the command line ---------------------------------------------------------------
@settings(max_examples=12, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(mutated(ROLE).map(lambda d: dumped(d, "yaml").encode("utf-8")),
                 st.tuples(st.floats(min_value=0, max_value=1), PIECES).map(
                     lambda t: spliced(ROLE_TEXT, *t)),
                 st.binary(max_size=500)),
       st.sampled_from(["check", "render", "explain"]))
def test_the_cli_exits_0_or_2_with_one_line(raw, command):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "role.yaml"
        path.write_bytes(raw)
        args = [command, str(path)] + (["-o", str(Path(tmp) / "x.docx")]
                                       if command == "render" else [])
        exe = Path(sys.executable).with_name("ajdoc")
        res = subprocess.run([str(exe)] + args, capture_output=True, text=True, timeout=60)
        assert res.returncode in (0, 2), res.stderr
        errors = [line for line in res.stderr.splitlines() if line.startswith("ajdoc: error: ")]
        assert len(errors) == (1 if res.returncode == 2 else 0), res.stderr
        assert "Traceback" not in res.stderr
        written = sorted(p.name for p in Path(tmp).iterdir())
        assert written == (["role.yaml", "x.docx"] if command == "render" and res.returncode == 0
                           else ["role.yaml"])
