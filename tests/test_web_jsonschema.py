"""The JSON Schemas of the file formats: generated from the loader's spec classes, shipped in
the package, accepted by every file the loader accepts, and listing at each place exactly the
keys the loader accepts there (asked of the loader itself: its message for an unknown key names
the keys allowed)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path

import pytest

jsonschema = pytest.importorskip("jsonschema")

from conftest import EXAMPLES, ROOT  # noqa: E402

from ajdoc import workspace, yamlio  # noqa: E402
from ajdoc.errors import AjdocError  # noqa: E402
from ajdoc.schema import jsonschema as js  # noqa: E402
from ajdoc.schema import read_directive, read_role  # noqa: E402
from ajdoc.schema.core import read  # noqa: E402
from ajdoc.schema.library import BlockFileSpec, PresetSpec  # noqa: E402
from ajdoc.yamlwrite import dump  # noqa: E402

DATA = ROOT / "src" / "ajdoc" / "data"


def as_json(value):
    """YAML data as a YAML language server sees it: dates are text."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def load(path: Path):
    from ruamel.yaml import YAML

    return as_json(YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")))


def validator(kind: str):
    schema = js.schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("kind", sorted(js.KINDS))
def test_the_shipped_schema_is_the_generated_one(kind, cli):
    assert js.shipped(kind).read_text(encoding="utf-8") == js.text(kind), \
        "out of date: python -m ajdoc.schema.jsonschema writes them"
    res = cli("schema", kind)
    assert res.returncode == 0 and json.loads(res.stdout)["title"] == f"ajdoc {kind} file"


def _loads(path: Path) -> bool:
    """Whether the loader accepts the file (what `ajdoc check` reads)."""
    import ajdoc

    try:
        ajdoc.check(path)
        return True
    except AjdocError:
        return False


def _role_and_directive_files() -> list[Path]:
    found = sorted(EXAMPLES.glob("*.yaml")) + sorted((ROOT / "tests").rglob("*.yaml"))
    out = []
    for p in found:
        kind = workspace.kind_of(workspace.top_level_keys(p.read_text(encoding="utf-8",
                                                                        errors="replace")))
        if kind in (workspace.ROLE, workspace.DIRECTIVE):
            out.append(p)
    return out


def test_every_file_the_loader_accepts_validates():
    validators = {workspace.ROLE: validator("role"), workspace.DIRECTIVE: validator("directive")}
    checked = 0
    for path in _role_and_directive_files():
        if not _loads(path):
            continue
        kind = workspace.kind_of(workspace.top_level_keys(path.read_text(encoding="utf-8")))
        errors = [f"{'.'.join(map(str, e.path))}: {e.message[:120]}"
                  for e in validators[kind].iter_errors(load(path))]
        assert not errors, (path, errors)
        checked += 1
    assert checked >= 20  # the examples and the test data, not a handful


def test_the_libraries_blocks_and_presets_validate():
    blocks, presets = validator("block"), validator("preset")
    for path in sorted((DATA / "blocks").glob("*.yaml")):
        assert not list(blocks.iter_errors(load(path))), path
    for path in sorted((DATA / "presets").glob("*.yaml")):
        assert not list(presets.iter_errors(load(path))), path


def test_a_mistake_the_loader_refuses_the_schema_marks_too():
    role = validator("role")
    for text in ["preset: specialist\ngeneral: {title: T, unit: U, supervisor: S, titel: X}\n"
                 "purpose: P\nduties: [{text: D}]\n",
                 "preset: specialist\ngeneral: {title: T, unit: U, supervisor: S}\npurpose: P\n"
                 "duties: [{text: D}]\nrequirements: {languages: [{language: eesti, "
                 "level: C3}]}\n",
                 "preset: specialist\ngeneral: {title: T, unit: U, supervisor: S}\npurpose: P\n"
                 "duties: [{text: D}]\nedit: {rights: {variant: nope}}\n"]:
        data = as_json(__import__("ruamel.yaml", fromlist=["YAML"]).YAML(
            typ="safe", pure=True).load(text))
        assert list(role.iter_errors(data)), text


# -- exactly the keys the loader accepts ----------------------------------------------------------
ROLE = {"preset": "specialist",
        "general": {"title": "T", "unit": {"department": "O"}, "supervisor": "S",
                    "substituted_by": {"titles": ["A"]},
                    "special_conditions": {"text": "E"}},
        "purpose": "P", "duties": [{"text": "D", "results": ["R"]}],
        "requirements": {"languages": [{"language": "eesti", "level": "C1"}]},
        "approved": {"date": "2025-01-01", "number": 1},
        "signature": {"name": "N", "title": "T"}, "numbering": {"trailing_dot": True},
        "acknowledge": [{"code": "result-twice"}],
        "sections": {"competencies": {"remove": ["competency.efektiivsus"]}},
        "edit": {"rights": {"variant": "votta-vastu"},
                 "amendment": {"items": {"remove": [1]}}}}
DIRECTIVE = {"signer": {"name": "N", "title": "T",
                        "appointed_by": {"date": "2025-01-01", "number": 1}},
             "number": 1, "date": "2025-01-01", "annexes": ["a.yaml"],
             "unit": {"department": "O"},
             "repeals": [{"date": "2024-01-01", "number": 2}],
             "legal_basis": {"add": [{"law": "L", "provision": {"section": 1}}]},
             "style": {"quotes": "straight"}, "register": {"reference": "1"}}
BLOCK = {"blocks": [{"id": "x", "version": 1, "kind": "list", "title": "X",
                     "variants": {"a": {"items": ["i"]}}}]}
PRESET = {"id": "p", "title": "P", "sections": {"rights": "rights"}}

PLACES = {
    "role": (ROLE, read_role, ["", "general", "general.unit", "general.substituted_by",
                               "general.special_conditions", "duties[0]", "requirements",
                               "requirements.languages[0]", "approved", "signature",
                               "numbering", "acknowledge[0]", "sections",
                               "sections.competencies", "edit.rights",
                               "edit.amendment.items"]),
    "directive": (DIRECTIVE, read_directive, ["", "signer", "signer.appointed_by", "unit",
                                              "repeals[0]", "legal_basis",
                                              "legal_basis.add[0]",
                                              "legal_basis.add[0].provision", "style",
                                              "register"]),
    "block": (BLOCK, lambda n: read(BlockFileSpec, n), ["", "blocks[0]",
                                                         "blocks[0].variants.a"]),
    "preset": (PRESET, lambda n: read(PresetSpec, n), ["", "sections"]),
}


def _walk(data, path):
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        data = data[int(part[1:-1])] if part.startswith("[") else data[part]
    return data


def loader_keys(kind: str, path: str) -> set[str]:
    """The keys the loader allows at `path`, from its message for an unknown key there."""
    data, reader, _ = PLACES[kind]
    data = copy.deepcopy(data)
    (_walk(data, path) if path else data)["zz-unknown"] = "x"
    with pytest.raises(AjdocError) as err:
        reader(yamlio.parse(dump(data), f"x.{kind}.yaml"))
    m = re.search(r"unknown key 'zz-unknown'; allowed keys here: (.*)$", err.value.message)
    assert m, err.value.message
    return set(m.group(1).split(", "))


def schema_keys(kind: str, path: str) -> list[set[str]]:
    """The property names each object alternative of the schema allows at `path`."""
    schema = js.schema(kind)

    def resolve(node):
        while isinstance(node, dict) and "$ref" in node and "properties" not in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        if isinstance(node, dict) and "$ref" in node:  # $ref with siblings: both
            base = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
            node = {**base, **{k: v for k, v in node.items() if k != "properties"}}
        return node

    def alternatives(node):
        node = resolve(node)
        alts = node.get("oneOf", []) + node.get("anyOf", [])
        if alts:
            return [a for alt in alts for a in alternatives(alt)]
        return [node]

    nodes = [schema]
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        nxt = []
        for node in (n for n0 in nodes for n in alternatives(n0)):
            if part.startswith("[") and "items" in node:
                nxt.append(node["items"])
            elif not part.startswith("["):
                props = node.get("properties", {})
                if part in props:
                    nxt.append(props[part])
                elif isinstance(node.get("additionalProperties"), dict):
                    nxt.append(node["additionalProperties"])
        nodes = nxt
    out = []
    for node in (a for n in nodes for a in alternatives(n)):
        if "properties" in node and node.get("additionalProperties") is False:
            out.append(set(node["properties"]))
    return out


@pytest.mark.parametrize("kind,path", [(k, p) for k, (_, _, paths) in PLACES.items()
                                       for p in paths])
def test_the_schema_lists_exactly_the_keys_the_loader_accepts(kind, path):
    allowed = loader_keys(kind, path)
    if kind == "block" and path == "blocks[0].variants.a":
        variant = js.schema("block")["$defs"]["BlockSpec"]["allOf"]
        listed = [set(r["then"]["properties"]["variants"]["additionalProperties"]["properties"])
                  for r in variant if r["if"]["properties"]["kind"]["const"] == "list"]
        assert listed == [allowed]
        return
    assert allowed in schema_keys(kind, path), (allowed, schema_keys(kind, path))
