"""The snapshot of the shipped YAML files (ajdoc.shipped, data/parsed.json): it is what the files
parse into now, and an answer from it is the parse itself, down to the lines and number texts."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ajdoc import resources, shipped, yamlio
from conftest import ROOT

DATA = ROOT / "src" / "ajdoc" / "data"
SHIPPED = sorted(DATA.rglob("*.yaml"))


def _tool():
    spec = importlib.util.spec_from_file_location("make_snapshot", ROOT / "tools" / "make_snapshot.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def same(a, b, where="") -> None:
    """`a` and `b` alike in type, value, and the lines, columns and styles ruamel records."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} vs {type(b).__name__}"
    assert a == b, where
    if isinstance(a, yamlio.WrittenInt | yamlio.WrittenFloat):
        assert a.written == b.written, where
    if hasattr(a, "lc"):
        assert (a.lc.line, a.lc.col) == (b.lc.line, b.lc.col), where
        assert a.lc.data == b.lc.data, where
        assert a.fa.flow_style(None) == b.fa.flow_style(None), where
    assert getattr(a, "fold_pos", None) == getattr(b, "fold_pos", None), where
    if isinstance(a, dict):
        assert list(a) == list(b), where
        for k in a:
            same(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{where}[{i}]")


def test_the_snapshot_is_what_the_shipped_files_parse_into_now():
    """Kept current by tools/make_snapshot.py; an edited data file without it fails here."""
    assert shipped.SNAPSHOT.read_text(encoding="utf-8") == _tool().snapshot_text(), \
        "data/parsed.json is out of date: run tools/make_snapshot.py"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(DATA)))
def test_a_shipped_file_read_through_the_snapshot_is_its_parse(path):
    text = path.read_text(encoding="utf-8")
    assert shipped.parsed("rt", text) is not None and shipped.parsed("safe", text) is not None
    same(yamlio.parse(text, str(path)).value, yamlio._parse(text, str(path), False).value)
    same(resources._parse_data(text, True), resources._parse_data(text, False))
    # every call gives a value of its own: a caller that changes it changes no other's
    assert shipped.parsed("rt", text) is not shipped.parsed("rt", text)


def test_node_places_from_the_snapshot_name_the_lines_of_the_file():
    path = DATA / "profiles" / "ska" / "blocks" / "rights.yaml"
    node = yamlio.load(path)
    assert shipped.parsed("rt", path.read_text(encoding="utf-8")) is not None
    lines = path.read_text(encoding="utf-8").splitlines()
    first = node.req("blocks").as_list()[0]
    version = first.req("version")
    assert version.line is not None and lines[version.line - 1].lstrip().startswith("version:")
    assert str(version.value) == lines[version.line - 1].split(":", 1)[1].strip()
    assert lines[first.line - 1].lstrip().startswith("- ")


def test_a_text_not_in_the_snapshot_is_parsed_and_a_changed_one_too(tmp_path):
    text = (DATA / "profiles" / "ska" / "presets" / "specialist.yaml").read_text(encoding="utf-8")
    changed = text.replace("title:", "title:  ", 1)
    assert shipped.parsed("rt", changed) is None and shipped.parsed("safe", changed) is None
    (tmp_path / "p.yaml").write_text(text.replace("sections:", "sections:\n  bogus: 1\n  x: 2\n"
                                                  "  x: 3\n", 1), encoding="utf-8")
    with pytest.raises(yamlio.AjdocError, match='duplicate key "x"') as err:
        yamlio.load(tmp_path / "p.yaml")
    assert err.value.place.line is not None


def test_a_missing_or_damaged_snapshot_only_makes_ajdoc_parse(tmp_path):
    """In a fresh process with the snapshot replaced by damaged JSON or a wrong format, the
    shipped files are parsed and give the same values."""
    code = ("import sys, json; from pathlib import Path; from ajdoc import shipped, resources; "
            "shipped.SNAPSHOT = Path(sys.argv[1]); "
            "print(json.dumps(resources.defaults()['agency'])); "
            "print(shipped.parsed('rt', 'a: 1\\n'))")
    for content in ("{not json", json.dumps({"format": 999, "rt": {}}), '["a list"]'):
        bad = tmp_path / "parsed.json"
        bad.write_text(content, encoding="utf-8")
        out = subprocess.run([sys.executable, "-c", code, str(bad)], capture_output=True,
                             text=True)
        assert out.returncode == 0, out.stderr
        agency, found = out.stdout.splitlines()
        assert json.loads(agency) == resources.defaults()["agency"] and found == "None"


def test_the_encoding_refuses_a_value_it_cannot_hold():
    with pytest.raises(TypeError, match="cannot hold a value of type set"):
        shipped.encode({1, 2})
    anchored = yamlio._parse("a: &x |\n  text\n", "f", False).value["a"]
    with pytest.raises(TypeError, match="LiteralScalarString"):
        shipped.encode(anchored)
