"""The directive (käskkiri) that approves job descriptions, and the directives it repeals."""

from __future__ import annotations

import datetime as _dt
from typing import Optional

import attrs

from .. import resources
from .job import JobDescription, Unit
from .text import as_tuple, nonempty, optional_nonempty


def default_directive_title() -> str:
    """The directive title of the built-in defaults (data/defaults.yaml)."""
    return str(resources.defaults()["directive"]["title"])


@attrs.frozen
class Repeal:
    """A directive this one repeals: "peadirektori 18.05.2025 käskkirja nr 77 „…”"."""

    signer_title: str = attrs.field(validator=nonempty)
    date: _dt.date = attrs.field(validator=attrs.validators.instance_of(_dt.date))
    number: str = attrs.field(validator=nonempty)
    title: str = attrs.field(validator=nonempty)


@attrs.frozen
class Directive:
    """Käskkiri: approves the job descriptions of a unit, one annex (lisa) each.

    ``entry_into_force`` None means on signing. ``register`` holds the records-system data of the
    directive's header (not printed; written as JSON beside the documents).
    """

    agency: str = attrs.field(validator=nonempty)
    signer_name: str = attrs.field(validator=nonempty)
    signer_title: str = attrs.field(validator=nonempty)
    number: str = attrs.field(validator=nonempty)
    date: _dt.date = attrs.field(validator=attrs.validators.instance_of(_dt.date))
    unit: Unit
    annexes: tuple[JobDescription, ...] = attrs.field(converter=as_tuple)
    title: str = attrs.field(factory=default_directive_title, validator=nonempty)
    legal_basis: Optional[str] = attrs.field(default=None, validator=optional_nonempty)
    repeals: tuple[Repeal, ...] = attrs.field(default=(), converter=as_tuple)
    entry_into_force: Optional[_dt.date] = None
    appeal: Optional[str] = attrs.field(default=None, validator=optional_nonempty)
    register: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=as_tuple)
    layout: str = attrs.field(default="2025", validator=attrs.validators.in_(("2022", "2025")))
    forms: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=as_tuple)
    source_file: Optional[str] = None

    def __attrs_post_init__(self):
        if not self.annexes:
            raise ValueError("a directive needs at least one annex")
        if self.entry_into_force is not None and self.entry_into_force < self.date:
            raise ValueError(f"the entry-into-force date {self.entry_into_force.isoformat()} is "
                             f"before the directive's date {self.date.isoformat()}")
