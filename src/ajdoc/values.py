"""The base of ajdoc's value classes (frozen attrs classes): attrs' ``__repr__``, written once.

attrs writes the source of a ``__repr__`` for every class it makes and compiles it when the class
is defined; for the few dozen classes a command loads, that was a twentieth of a cold ``ajdoc
check``. A class deriving from ``Value`` gets this one instead (attrs leaves a ``__repr__`` of
the class's own as it is): the same text, ``Name(field=repr(value), ...)`` with the fields attrs
would show (``repr=False`` left out, a ``repr=`` function used), and ``...`` for an object met
again inside its own repr.
"""

from __future__ import annotations

import threading
from typing import Any, cast

import attrs

_seen = threading.local()  # the ids of the objects whose repr is being written, per thread


class Value:
    """A frozen attrs class's base: attrs' repr, shared instead of compiled for each class."""

    __slots__ = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "__repr__" not in cls.__dict__:  # attrs writes none for a class that has its own
            setattr(cls, "__repr__", Value.__repr__)

    def __repr__(self) -> str:
        seen: set[int] = getattr(_seen, "ids", None) or set()
        _seen.ids = seen
        if id(self) in seen:
            return "..."
        seen.add(id(self))
        try:
            parts = []
            for a in attrs.fields(cast(Any, type(self))):  # an attrs class, by use
                if a.repr is False:
                    continue
                value = getattr(self, a.name) if a.init else getattr(self, a.name, attrs.NOTHING)
                parts.append(f"{a.name}={repr(value) if a.repr is True else a.repr(value)}")
            return f"{type(self).__qualname__.rsplit('>.', 1)[-1]}({', '.join(parts)})"
        finally:
            seen.discard(id(self))
