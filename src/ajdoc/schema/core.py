"""The machinery of the file formats: spec classes whose fields say which YAML key they read, and
one reader that turns a YAML node into a spec, keeping the place of every value for messages.

A spec class is a frozen attrs class deriving from ``Spec``; each of its fields is declared with
``key(...)`` (the YAML key, a one-line description, whether it is required, and, for shapes the
generic reader does not know, a ``parse`` function and its JSON Schema). ``read(cls, node)``
checks the keys (unknown keys and missing required ones name the line and the allowed keys) and
reads every field by its type: text, whole number, true/false, date, a nested spec, or a tuple
of those (one value standing for a list of one). The same declarations give the JSON Schemas
(``schema.jsonschema``), so the loader and the published schemas cannot drift apart.
"""

from __future__ import annotations

import datetime as _dt
import types
import typing
from typing import Any, Callable, Mapping, Optional, TypeVar, Union

import attrs

from ..errors import AjdocError, Place, suggest
from ..values import Value
from ..yamlio import Node

S = TypeVar("S", bound="Spec")
_META = "ajdoc.key"


@attrs.frozen
class KeyInfo(Value):
    """How a spec field is written in a file."""

    name: Optional[str]                       # the YAML key (None: the field's name)
    doc: str
    required: bool = False
    parse: Optional[Callable[[Node], Any]] = None
    json: Optional[dict] = None               # the JSON Schema of a `parse` field
    choices: tuple[str, ...] = ()             # allowed texts (messages suggest the nearest)
    one_or_many: bool = True                  # a tuple field also takes a single value


@attrs.frozen
class Spec(Value):
    """A part of a file, read: its own place, and the place of each of its fields' values."""

    place: Place = attrs.field(kw_only=True, factory=Place, eq=False, repr=False)
    places: Mapping[str, Place] = attrs.field(kw_only=True, factory=dict, eq=False, repr=False)

    def at(self, name: str) -> Place:
        """Where the value of field `name` was written (the spec's own place when absent)."""
        return self.places.get(name, self.place)

    def error(self, message: str, name: Optional[str] = None,
              hint: Optional[str] = None) -> AjdocError:
        """An error placed at this spec, or at its field `name`."""
        return AjdocError(message, self.at(name) if name else self.place, hint)


def key(doc: str, *, name: Optional[str] = None, required: bool = False, default: Any = None,
        factory: Optional[Callable[[], Any]] = None, parse: Optional[Callable[[Node], Any]] = None,
        json: Optional[dict] = None, choices: tuple[str, ...] = (),
        one_or_many: bool = True) -> Any:
    """A spec field read from the YAML key `name` (default: the field's name)."""
    meta = {_META: KeyInfo(name, doc, required, parse, json, tuple(choices), one_or_many)}
    if factory is not None:
        return attrs.field(factory=factory, metadata=meta)
    return attrs.field(default=default, metadata=meta)


def info(field: "attrs.Attribute[Any]") -> Optional[KeyInfo]:
    return field.metadata.get(_META)


def fields(cls: type) -> list[tuple["attrs.Attribute[Any]", KeyInfo]]:
    """The spec class's key fields, in declaration order, with their type hints resolved."""
    attrs.resolve_types(cls)
    out = []
    for f in attrs.fields(cls):
        ki = info(f)
        if ki is not None:
            out.append((f, ki))
    return out


def key_name(f: "attrs.Attribute[Any]", ki: KeyInfo) -> str:
    return ki.name or f.name


def unwrap_optional(tp: Any) -> Any:
    """X for Optional[X]; the type itself otherwise."""
    if typing.get_origin(tp) in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def is_spec(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Spec)


def choice(node: Node, choices: tuple[str, ...], what: Optional[str] = None) -> str:
    """A text that must be one of `choices`: "expected 'a' or 'b', got 'c'" with a suggestion."""
    value = node.as_text()
    if value not in choices:
        quoted = [f"'{c}'" for c in choices]
        listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
        raise node.error(what or f"expected {listed}, got '{value}'", suggest(value, choices))
    return value


def _scalar(tp: Any, node: Node, ki: KeyInfo) -> Any:
    if ki.choices:
        return choice(node, ki.choices)
    if tp is str:
        return node.as_text()
    if tp is bool:
        return node.as_bool()
    if tp is int:
        return node.as_int()
    if tp is _dt.date:
        return node.as_date()
    if is_spec(tp):
        return read(tp, node)
    raise TypeError(f"no reader for {tp!r}")  # pragma: no cover - a spec declaration mistake


def value_of(f: "attrs.Attribute[Any]", ki: KeyInfo, node: Node,
             places: dict[str, Place]) -> Any:
    """The field's value read from `node` (its places recorded, list items as "name[i]")."""
    return _value(f.name, ki, _shape(f), node, places)


def _shape(f: "attrs.Attribute[Any]") -> tuple[bool, Any]:
    """Whether the field holds a tuple, and the type of its value (of each item, for a tuple)."""
    tp = unwrap_optional(f.type)
    if typing.get_origin(tp) is tuple:
        return True, typing.get_args(tp)[0]
    return False, tp


def _value(name: str, ki: KeyInfo, shape: tuple[bool, Any], node: Node,
           places: dict[str, Place]) -> Any:
    if ki.parse is not None:
        return ki.parse(node)
    many, tp = shape
    if many:
        items = node.list_or_one() if ki.one_or_many else node.as_list()
        for i, item in enumerate(items):
            places[f"{name}[{i}]"] = item.place
        return tuple(_scalar(tp, item, ki) for item in items)
    return _scalar(tp, node, ki)


_Plan = tuple[list[str], list[str], list[tuple[str, str, KeyInfo, tuple[bool, Any]]]]
_PLANS: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    """How `read` reads a spec class: its keys, its required keys, and for each key field its
    name, key, KeyInfo and shape (worked out once per class: reading a file reads many)."""
    plan = _PLANS.get(cls)
    if plan is None:
        declared = fields(cls)
        plan = _PLANS[cls] = (
            [key_name(f, ki) for f, ki in declared],
            [key_name(f, ki) for f, ki in declared if ki.required],
            [(f.name, key_name(f, ki), ki, _shape(f)) for f, ki in declared])
    return plan


def read(cls: type[S], node: Node, ignore: tuple[str, ...] = (), **extra: Any) -> S:
    """Read a spec of class `cls` from a YAML mapping node (keys in `ignore` are allowed and
    left to the caller)."""
    names, required, declared = _plan(cls)
    node.keys(names + list(ignore), required)
    values: dict[str, Any] = dict(extra)
    places: dict[str, Place] = {}
    for name, k, ki, shape in declared:
        if not node.has(k):
            continue
        child = node.req(k) if ki.required else node.get(k)
        assert child is not None
        places[name] = child.place
        values[name] = _value(name, ki, shape, child, places)
    return cls(**values, place=node.place, places=places)
