"""ajdoc's value classes share one repr (ajdoc.values.Value) instead of a compiled one each: it
prints what attrs' own repr prints, compared here with attrs' repr of twin classes."""

from __future__ import annotations

from typing import Any, Optional

import attrs

from ajdoc.errors import Place
from ajdoc.model import Ref, Unit
from ajdoc.schema.role import UnitSpec
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
    assert Unit.__repr__ is Value.__repr__ and UnitSpec.__repr__ is Value.__repr__
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
