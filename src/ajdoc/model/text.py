"""Validators shared by the model classes: non-empty text that a Word document can hold."""

from __future__ import annotations

from typing import Any, Iterable, Optional

from .. import resources
from ..xmlchars import illegal_char

CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
POSITION_GROUPS = ("ametnik", "töötaja")
SPECIAL_LABELS: tuple[str, ...] = tuple(resources.defaults()["special_labels"])


def nonempty(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: non-empty text a Word document can hold."""
    if not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be text, got {type(value).__name__}")
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")
    pos = illegal_char(value)
    if pos is not None:
        raise ValueError(f"{attribute.name} holds a character XML cannot hold "
                         f"(U+{ord(value[pos]):04X} at position {pos + 1})")


def optional_nonempty(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: None, or what `nonempty` accepts."""
    if value is not None:
        nonempty(instance, attribute, value)


def all_nonempty(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a tuple of what `nonempty` accepts."""
    if not isinstance(value, tuple):
        raise TypeError(f"{attribute.name} must be a tuple")
    for v in value:
        nonempty(instance, attribute, v)


def as_tuple(value: Optional[Iterable[Any]]) -> tuple:
    """attrs converter: any iterable (None: empty) as a tuple."""
    return tuple(value) if value is not None else ()


Forms = tuple[tuple[str, str, str], ...]  # explicit word forms: (phrase, case, form)


def forms_map(forms: Forms) -> dict[str, dict[str, str]]:
    """Explicit forms as phrase → case → form, for the inflector."""
    out: dict[str, dict[str, str]] = {}
    for phrase, case, form in forms:
        out.setdefault(phrase, {})[case] = form
    return out


def forms_of(mapping: dict[str, dict[str, str]]) -> Forms:
    """The (phrase, case, form) triples of a phrase → case → form mapping."""
    return tuple((p, c, f) for p, cases in mapping.items() for c, f in cases.items())
