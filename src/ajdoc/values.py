"""The base of ajdoc's value classes (frozen attrs classes): attrs' ``__repr__``, ``__eq__`` and
``__hash__``, written once.

attrs writes the source of these methods for every class it makes and compiles it when the class
is defined; for the few dozen classes a command loads, that was a tenth of a cold ``ajdoc
check``. A class deriving from ``Value`` gets these instead (attrs leaves the methods a class has
of its own as they are), which behave as attrs' own:

- repr: ``Name(field=repr(value), ...)`` with the fields attrs would show (``repr=False`` left
  out, a ``repr=`` function used), and ``...`` for an object met again inside its own repr;
- equality: only with an object of the very same class (else ``NotImplemented``), field by field
  in order over the fields that take part (``eq=False`` left out, an ``eq=`` key function used);
- hash: of the class and the same fields' values.

A class whose objects are compared by identity (``@attrs.frozen(eq=False)``) says so to ``Value``
too, ``class Name(Value, compared=False)``, unless it has an ``__eq__`` of its own
(``resources.Profile``); tests/test_values.py checks every value class with ``eq=False``.
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Optional, cast

import attrs

_seen = threading.local()  # the ids of the objects whose repr is being written, per thread
_Compared = tuple[tuple[str, Optional[Callable[[Any], Any]]], ...]
_COMPARED: dict[type, tuple[_Compared, _Compared]] = {}  # class → its eq fields, hash fields


def _fields(cls: type) -> tuple[_Compared, _Compared]:
    """The fields equality compares, and those the hash takes, each with its key function."""
    found = _COMPARED.get(cls)
    if found is None:
        declared = attrs.fields(cast(Any, cls))
        found = _COMPARED[cls] = (
            tuple((a.name, a.eq_key) for a in declared if a.eq),
            tuple((a.name, a.eq_key) for a in declared
                  if a.hash is True or (a.hash is None and a.eq is True)))
    return found


def _repr(self: Any) -> str:
    seen: set[int] = getattr(_seen, "ids", None) or set()
    _seen.ids = seen
    if id(self) in seen:
        return "..."
    seen.add(id(self))
    try:
        parts = []
        for a in attrs.fields(type(self)):
            if a.repr is False:
                continue
            value = getattr(self, a.name) if a.init else getattr(self, a.name, attrs.NOTHING)
            parts.append(f"{a.name}={repr(value) if a.repr is True else a.repr(value)}")
        return f"{type(self).__qualname__.rsplit('>.', 1)[-1]}({', '.join(parts)})"
    finally:
        seen.discard(id(self))


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    for name, key in _fields(type(self))[0]:
        mine, theirs = getattr(self, name), getattr(other, name)
        if key is not None:
            mine, theirs = key(mine), key(theirs)
        if not mine == theirs:
            return False
    return True


def _hash(self: Any) -> int:
    return hash((type(self).__qualname__,) + tuple(
        getattr(self, name) if key is None else key(getattr(self, name))
        for name, key in _fields(type(self))[1]))


class Value:
    """A frozen attrs class's base: attrs' repr, equality and hash, shared instead of compiled
    for each class (`compared=False`: objects compared by identity, as ``eq=False`` says)."""

    __slots__ = ()

    def __init_subclass__(cls, *, compared: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = cls.__dict__  # (attrs copies a class's own methods to the slotted class it makes)
        if "__repr__" not in own:
            setattr(cls, "__repr__", _repr)
        if "__eq__" not in own and "__hash__" not in own:
            setattr(cls, "__eq__", _eq if compared else object.__eq__)
            setattr(cls, "__hash__", _hash if compared else object.__hash__)
