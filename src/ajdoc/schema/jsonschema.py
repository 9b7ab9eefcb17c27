"""JSON Schemas of the file formats (role, directive, block and preset files), generated from the
spec classes the loader reads them with, so that the published schemas and the loader cannot
drift apart.

Each spec field declared with ``key(...)`` becomes a property: its description is the field's
doc, its type comes from the field's type (text, whole number, true/false, date, a nested spec,
a tuple of those — one value or a list) or, for the shapes a ``parse`` function reads, from the
field's ``json`` fragment; ``choices`` become an enum. Where the loader reads a shape by hand
(a block's variants by the block's kind, the edits of ``edit:``), the schema says it here. The
library's block ids and variants are offered for completion (``sections:``, ``edit:``), so an
editor with yaml-language-server (VS Code) completes keys and variants.

The schemas of the built-in library ship in ``ajdoc/schema/json/*.schema.json``
(``ajdoc schema role`` prints one; a test keeps the shipped files current).
"""

from __future__ import annotations

import copy
import datetime as _dt
import json
import typing
from pathlib import Path
from typing import Any, Iterator, Optional

from ..library import LIST_SECTIONS, SECTIONS, Library, load_library
from ..model.text import POSITION_GROUPS
from .core import Spec, fields, is_spec, key_name, unwrap_optional
from .directive import DirectiveSpec
from .edits import EDIT_KEYS, PATCH_KEYS
from .library import BlockFileSpec, PresetSpec
from .role import RoleSpec

DRAFT = "https://json-schema.org/draft/2020-12/schema"
KINDS: dict[str, type[Spec]] = {"role": RoleSpec, "directive": DirectiveSpec,
                                "block": BlockFileSpec, "preset": PresetSpec}
FOLDER = Path(__file__).parent / "json"
DATE = {"type": "string", "pattern": r"^\s*(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4})\s*$",
        "description": "A date: YYYY-MM-DD or DD.MM.YYYY."}
_TEXT = {"type": "string"}
_TEXTS = {"oneOf": [_TEXT, {"type": "array", "items": _TEXT}]}


def _subclasses(cls: type) -> Iterator[type]:
    sub: type
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _spec_classes() -> dict[str, type[Spec]]:
    return {c.__name__: c for c in _subclasses(Spec)}


def _first_line(doc: Optional[str]) -> str:
    return (doc or "").strip().split("\n")[0]


class _Builder:
    """Builds one schema: the root object and the $defs it refers to."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}
        self.classes = _spec_classes()

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # a placeholder against recursion
            self.defs[name] = self.object(cls)
        return {"$ref": f"#/$defs/{name}"}

    def object(self, cls: type) -> dict[str, Any]:
        props: dict[str, Any] = {}
        required = []
        for f, ki in fields(cls):
            name = key_name(f, ki)
            props[name] = {"description": ki.doc, **self.field(f, ki, cls.__name__)}
            if ki.required:
                required.append(name)
        out: dict[str, Any] = {"type": "object", "description": _first_line(cls.__doc__),
                               "properties": props, "additionalProperties": False}
        if required:
            out["required"] = required
        return out

    def fragment(self, frag: dict) -> dict:
        """A field's own JSON fragment, the spec classes it refers to added to $defs (a date
        as the loader reads it: YYYY-MM-DD or DD.MM.YYYY)."""
        frag = _dates(copy.deepcopy(frag))
        for ref in _refs(frag):
            name = ref.rsplit("/", 1)[-1]
            if name in self.classes:
                self.ref(self.classes[name])
        return frag

    def field(self, f: Any, ki: Any, owner: str = "") -> dict[str, Any]:
        refined = REFINED.get((owner, key_name(f, ki)))
        if refined is not None:
            return self.fragment(refined)
        if ki.json is not None:
            return self.fragment(ki.json)
        if ki.parse is not None:
            return {}
        tp = unwrap_optional(f.type)
        if typing.get_origin(tp) is tuple:
            item = self.scalar(typing.get_args(tp)[0], ki.choices)
            many = {"type": "array", "items": item}
            return {"oneOf": [item, many]} if ki.one_or_many else many
        return self.scalar(tp, ki.choices)

    def scalar(self, tp: Any, choices: tuple[str, ...]) -> dict[str, Any]:
        if choices:
            return {"enum": list(choices)}
        if tp is str:
            return dict(_TEXT)
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is _dt.date:
            return dict(DATE)
        if is_spec(tp):
            return self.ref(tp)
        raise TypeError(f"no JSON Schema for {tp!r}")  # pragma: no cover - a spec mistake


def _dates(value: Any) -> Any:
    if isinstance(value, dict):
        if value.get("format") == "date":
            return dict(DATE)
        return {k: _dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates(v) for v in value]
    return value


def _refs(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "$ref" and isinstance(v, str):
                yield v
            else:
                yield from _refs(v)
    elif isinstance(value, list):
        for v in value:
            yield from _refs(v)


# -- what the loader reads by hand --------------------------------------------------------------
_ACTS = {"oneOf": [{"$ref": "#/$defs/ActSpec"},
                   {"type": "array", "items": {"$ref": "#/$defs/ActSpec"}}]}
# fields whose `json` fragment says less than the loader checks: (spec class, key) → fragment
REFINED: dict[tuple[str, str], dict[str, Any]] = {
    ("DirectiveSpec", "legal_basis"): {"oneOf": [
        {"type": "string", "description": "The legal basis as printed."},
        {"type": "array", "items": {"$ref": "#/$defs/ActSpec"},
         "description": "Acts replacing the agency's."},
        {"type": "object", "required": ["add"], "additionalProperties": False,
         "properties": {"add": {"description": "Acts added to the agency's.", **_ACTS}}}]},
}
_ITEMS_PATCH: dict[str, Any] = {
    "oneOf": [
        {"type": "array", "description": "The whole new list of items.",
         "items": {"$ref": "#/$defs/NewItem"}},
        {"type": "object", "additionalProperties": False, "properties": {
            "add": {"description": "Items to add (at the end, or {text, at}).",
                    "oneOf": [{"$ref": "#/$defs/NewItem"},
                              {"type": "array", "items": {"$ref": "#/$defs/NewItem"}}]},
            "remove": {"description": "Items to remove: numbers (from 1) or the start of "
                                      "their text.",
                       "oneOf": [{"$ref": "#/$defs/Selector"},
                                 {"type": "array", "items": {"$ref": "#/$defs/Selector"}}]},
            "replace": {"type": "object", "description": "ITEM: its new text.",
                        "additionalProperties": {"$ref": "#/$defs/NewItem"}},
            "words": {"type": "object", "description": "ITEM: {old words: new words}.",
                      "additionalProperties": {"type": "object",
                                               "additionalProperties": _TEXT}}}}]}
_NEW_ITEM = {"oneOf": [
    _TEXT,
    {"type": "object", "required": ["text"], "additionalProperties": False,
     "properties": {"text": _TEXT, "name": _TEXT, "at": {"type": "integer", "minimum": 1}}},
    {"type": "object", "required": ["from", "item"], "additionalProperties": False,
     "properties": {"from": {"type": "string", "description": "Another variant of the block."},
                    "item": {"$ref": "#/$defs/Selector"},
                    "at": {"type": "integer", "minimum": 1}}}]}
_SELECTOR = {"oneOf": [{"type": "integer", "minimum": 1}, {"type": "string", "minLength": 1}]}
_VARIANT_COMMON = {"source": {"type": ["string", "integer"], "description": "The seed document."},
                   "also": {"description": "Other seeds with the same text."},
                   "for": {"description": "The position groups this wording is for.",
                           "oneOf": [{"enum": list(POSITION_GROUPS)},
                                     {"type": "array", "items": {"enum": list(POSITION_GROUPS)}}]}}
_NAMED = {"oneOf": [_TEXT, {"type": "object", "required": ["name", "text"],
                            "additionalProperties": False,
                            "properties": {"name": _TEXT, "text": _TEXT}}]}
_VARIANTS: dict[str, dict[str, Any]] = {
    "text": {"required": ["text"], "properties": {"text": _TEXT}},
    "list": {"required": ["items"], "properties": {"items": {"type": "array", "items": _TEXT,
                                                             "minItems": 1}}},
    "competency": {"required": ["items"], "properties": {"items": {"type": "array",
                                                                   "items": _TEXT,
                                                                   "minItems": 1}}},
    "additional": {"required": ["items"], "properties": {"items": {"type": "array",
                                                                   "items": _NAMED,
                                                                   "minItems": 1}}},
    "duty": {"required": ["text"], "properties": {"text": _TEXT, "subitems": {
        "type": "array", "items": _TEXT}, "results": {"type": "array", "items": _TEXT}}},
}


def _variant(kind: str) -> dict[str, Any]:
    shape = _VARIANTS[kind]
    return {"type": "object", "additionalProperties": False, "required": shape["required"],
            "properties": {**_VARIANT_COMMON, **shape["properties"]}}


def _block_variants(block: dict[str, Any]) -> None:
    """A block's variants, checked by the block's kind."""
    block["properties"]["variants"].update({"type": "object", "minProperties": 1,
                                            "propertyNames": {"pattern": "^[a-z0-9][a-z0-9-]*$"}})
    block["allOf"] = [{"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
                       "then": {"properties": {"variants": {
                           "additionalProperties": _variant(kind)}}}} for kind in _VARIANTS]


def _edit_entry() -> dict[str, Any]:
    """What `edit:` may say of one block."""
    props: dict[str, Any] = {
        "variant": {"description": "Another variant of the block.", **_TEXT},
        "version": {"type": "integer", "minimum": 1, "description": "Another version."},
        "text": {"type": "string", "description": "The whole text (text and duty blocks)."},
        "items": {"$ref": "#/$defs/ItemsPatch"},
        "subitems": {"$ref": "#/$defs/ItemsPatch"},
        "results": {"$ref": "#/$defs/ItemsPatch"},
    }
    patch = _ITEMS_PATCH["oneOf"][1]["properties"]
    for k in PATCH_KEYS:
        props[k] = copy.deepcopy(patch[k])
    props["words"] = {"type": "object", "description": "Words changed: {old: new} in a text "
                      "block's text, or ITEM: {old: new} in an item."}
    assert set(props) == set(EDIT_KEYS) | set(PATCH_KEYS)
    return {"type": "object", "additionalProperties": False, "properties": props}


def _refs_of(lib: Library, kinds: tuple[str, ...]) -> list[str]:
    out = []
    for bid in lib.block_ids():
        b = lib.block(bid)
        if b.kind in kinds:
            out += [bid] + [f"{bid}:{v}" for v in b.variants]
    return out


def _sections(lib: Library) -> dict[str, Any]:
    """`sections:` with the library's references offered for each section."""
    props = {}
    for name, kinds in SECTIONS.items():
        refs = {"anyOf": [{"enum": _refs_of(lib, kinds)}, _TEXT]}
        if name in LIST_SECTIONS:
            props[name] = {"anyOf": [{"type": "array", "items": refs},
                                     {"type": "object", "additionalProperties": False,
                                      "properties": {"add": {}, "remove": {}, "replace": {}}},
                                     {"type": "null"}]}
        else:
            props[name] = {"anyOf": [refs, {"type": "null"}]}
    return {"type": "object", "additionalProperties": False, "properties": props,
            "description": "Which blocks each section holds: ID[:VARIANT][@VERSION], a list, "
                           "a patch {add, remove, replace}, or null (empty)."}


def schema(kind: str, library: Optional[Library] = None) -> dict[str, Any]:
    """The JSON Schema of a `kind` file ("role", "directive", "block", "preset"), with the
    block ids and variants of `library` (default: the built-in one) offered for completion."""
    if kind not in KINDS:
        raise KeyError(kind)
    lib = library or load_library()
    b = _Builder()
    root = b.object(KINDS[kind])
    if kind in ("role", "preset"):
        root["properties"]["sections"].update(_sections(lib))
    if kind == "role":
        entry = {"$ref": "#/$defs/EditEntry"}
        entries = {bid: {**entry, "description": lib.block(bid).title, "properties": {
            "variant": {"enum": list(lib.block(bid).variants)}}} for bid in lib.block_ids()}
        root["properties"]["edit"].update({"type": "object", "properties": entries,
                                           "additionalProperties": entry})
        b.defs.update({"EditEntry": _edit_entry(), "ItemsPatch": _ITEMS_PATCH,
                       "NewItem": _NEW_ITEM, "Selector": _SELECTOR})
    if kind == "block":
        _block_variants(b.defs["BlockSpec"])
    title = {"role": "ajdoc role file", "directive": "ajdoc directive file",
             "block": "ajdoc block file", "preset": "ajdoc preset file"}[kind]
    return {"$schema": DRAFT, "$id": f"https://ajdoc.invalid/schema/{kind}.schema.json",
            "title": title, **root, "$defs": dict(sorted(b.defs.items()))}


def text(kind: str, library: Optional[Library] = None) -> str:
    """The schema as the shipped file holds it (JSON, two-space indent, a final newline)."""
    return json.dumps(schema(kind, library), ensure_ascii=False, indent=2) + "\n"


def shipped(kind: str) -> Path:
    """The schema file of `kind` shipped in the package (for the built-in library)."""
    return FOLDER / f"{kind}.schema.json"


def key_order(kind: str) -> dict[str, list[str]]:
    """The keys of each mapping of a `kind` file in the loader's order, by key path ("" the
    top level, "general", "duties[]" an entry of the duties …): where a new key is written."""
    s = schema(kind)
    out: dict[str, list[str]] = {}

    def walk(node: Any, path: str, depth: int) -> None:
        if depth > 6 or not isinstance(node, dict):
            return
        if "$ref" in node:
            walk(s["$defs"].get(node["$ref"].rsplit("/", 1)[-1]), path, depth + 1)
            return
        for alt in node.get("oneOf", []) + node.get("anyOf", []):
            walk(alt, path, depth + 1)
        if node.get("type") == "array" or "items" in node:
            walk(node.get("items"), f"{path}[]", depth + 1)
        props = node.get("properties")
        if isinstance(props, dict):
            known = out.setdefault(path, [])
            known += [k for k in props if k not in known]
            for k, v in props.items():
                walk(v, f"{path}.{k}" if path else k, depth + 1)

    walk(s, "", 0)
    return out


def write_shipped() -> list[Path]:
    """Write the shipped schema files from the loader's spec classes (after a file format
    changed: `python -m ajdoc.schema.jsonschema`; a test says when they are out of date)."""
    out = []
    for kind in sorted(KINDS):
        shipped(kind).write_text(text(kind), encoding="utf-8")
        out.append(shipped(kind))
    return out


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    for path in write_shipped():
        print(f"wrote {path}")
