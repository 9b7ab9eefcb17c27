"""ajdoc's value classes share one repr, equality and hash (ajdoc.values.Value) instead of methods
compiled for each class: they answer as attrs' own, compared here with attrs' of twin classes."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path
from typing import Any, Optional

import attrs

from ajdoc.errors import Place
from ajdoc.model import Ref, Unit
from ajdoc.schema.role import UnitSpec
from ajdoc import values
from ajdoc.values import Value


@attrs.frozen
class Shared(Value):
    name: str
    count: int = 0
    hidden: str = attrs.field(default="secret", repr=False)
    shown: str = attrs.field(default="x", repr=lambda v: f"<{v}>")
    items: Any = None


@attrs.frozen
class Plain:  # the same fields: attrs writes its repr
    name: str
    count: int = 0
    hidden: str = attrs.field(default="secret", repr=False)
    shown: str = attrs.field(default="x", repr=lambda v: f"<{v}>")
    items: Any = None


def _same(shared: object, plain: object) -> None:
    assert repr(shared) == repr(plain).replace("Plain(", "Shared("), (repr(shared), repr(plain))


def test_the_shared_repr_prints_what_attrs_prints():
    _same(Shared("a"), Plain("a"))
    _same(Shared("ä'\"", 3, "h", "s", (1, "b")), Plain("ä'\"", 3, "h", "s", (1, "b")))
    _same(Shared("a", items=Shared("b")), Plain("a", items=Plain("b")))
    assert repr(Shared("a", 2)) == "Shared(name='a', count=2, shown=<x>, items=None)"


def test_an_object_inside_its_own_repr_prints_as_dots():
    shared_list: list[Any] = []
    plain_list: list[Any] = []
    shared, plain = Shared("a", items=shared_list), Plain("a", items=plain_list)
    shared_list.append(shared)
    plain_list.append(plain)
    _same(shared, plain)
    assert repr(shared) == "Shared(name='a', count=0, shown=<x>, items=[...])"
    assert repr(shared) == repr(shared)  # the guard is left as it was found


def test_ajdoc_classes_use_it_and_stay_slotted():
    assert Unit.__repr__ is values._repr and UnitSpec.__repr__ is values._repr
    assert Unit.__eq__ is values._eq and UnitSpec.__hash__ is values._hash
    assert repr(Ref("duty.x", "lead", 2)) == "Ref(id='duty.x', variant='lead', version=2)"
    assert repr(Unit("Osakond", None, "Tiim")) == \
        "Unit(department='Osakond', division=None, team='Tiim')"
    spec = UnitSpec(("Osakond",), place=Place(file="f.yaml", line=3))  # place: repr=False
    assert repr(spec) == "UnitSpec(names=('Osakond',))"
    assert not hasattr(Ref("a", None, None), "__dict__")


@attrs.frozen
class Own(Value):
    text: Optional[str] = None

    def __repr__(self) -> str:
        return "own"


def test_a_class_keeps_a_repr_of_its_own():
    assert repr(Own()) == "own"


@attrs.frozen
class SharedEq(Value):
    name: str
    place: str = attrs.field(default="", eq=False)
    key: str = attrs.field(default="", eq=str.casefold)


@attrs.frozen
class PlainEq:
    name: str
    place: str = attrs.field(default="", eq=False)
    key: str = attrs.field(default="", eq=str.casefold)


@attrs.frozen
class OtherEq(Value):
    name: str
    place: str = ""
    key: str = ""


def test_equality_and_hash_answer_as_attrs_does():
    cases = [(("a",), ("a",)), (("a", "p1"), ("a", "p2")), (("a", "", "K"), ("a", "", "k")),
             (("a",), ("b",)), (("a", "", "K"), ("a", "", "L"))]
    for left, right in cases:
        assert (SharedEq(*left) == SharedEq(*right)) is (PlainEq(*left) == PlainEq(*right)), left
        assert (SharedEq(*left) != SharedEq(*right)) is (PlainEq(*left) != PlainEq(*right)), left
        if SharedEq(*left) == SharedEq(*right):
            assert hash(SharedEq(*left)) == hash(SharedEq(*right))
    assert SharedEq("a") != OtherEq("a") and SharedEq("a").__eq__(OtherEq("a")) is NotImplemented
    assert SharedEq("a") != "a" and len({SharedEq("a", "x"), SharedEq("a", "y")}) == 1
    assert Ref("a", "b", 1) == Ref("a", "b", 1) and hash(Ref("a", "b", 1)) == hash(Ref("a", "b", 1))
    assert Ref("a", "b", 1) != Ref("a", "b", 2)
    spec = UnitSpec(("Osakond",), place=Place(file="one.yaml", line=3))
    assert spec == UnitSpec(("Osakond",), place=Place(file="two.yaml", line=9))  # eq=False


def _value_classes_compared_by_identity() -> list[type]:
    """Every value class deriving from Value whose attrs decorator says eq=False."""
    src = Path(values.__file__).parent
    found = []
    for path in src.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef) or \
                    not any(isinstance(b, ast.Name) and b.id == "Value" for b in node.bases):
                continue
            for d in node.decorator_list:
                says_false = [k for k in getattr(d, "keywords", ()) if k.arg == "eq" and
                              isinstance(k.value, ast.Constant) and k.value.value is False]
                if says_false:
                    module = ".".join(path.relative_to(src.parent).with_suffix("").parts)
                    found.append(getattr(importlib.import_module(module), node.name))
    return found


def test_a_class_with_eq_false_keeps_identity_or_its_own_equality():
    found = _value_classes_compared_by_identity()
    assert found, "no value class with eq=False found: the search is wrong"
    for cls in found:
        assert cls.__eq__ is not values._eq and cls.__hash__ is not values._hash, cls
