"""The directive (käskkiri) that approves or amends job descriptions: what it repeals, its legal
basis, when it takes effect, who signs it and in which house style it is written."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, Optional

import attrs

from .. import resources
from ..values import Value
from .job import JobDescription, Unit
from .text import Forms, as_tuple, nonempty, optional_nonempty

KINDS = ("approve", "amend")
REPEAL_SCOPES = ("directive", "annexes", "job_descriptions")
ACT_KINDS = ("law", "regulation", "directive")


def _style_default(name: str) -> Any:
    return resources.defaults()["directive"]["style"][name]


def _default(name: str) -> Callable[[], Any]:
    return lambda: _style_default(name)


@attrs.frozen
class Style(Value):
    """The house style of a directive: quotation marks, annex ranges, the signer title's capital,
    whether repeals share one point, the word for "on signing", and how provisions are written."""

    quotes: str = attrs.field(factory=_default("quotes"),
                              validator=attrs.validators.in_(("typographic", "straight")))
    ranges: str = attrs.field(factory=_default("ranges"),
                              validator=attrs.validators.in_(("kuni", "dash")))
    signer_capital: bool = attrs.field(factory=_default("signer_capital"))
    repeal_points: str = attrs.field(factory=_default("repeal_points"),
                                     validator=attrs.validators.in_(("together", "separate")))
    signing: str = attrs.field(factory=_default("signing"),
                               validator=attrs.validators.in_(("allkirjastamisel",
                                                               "allkirjastamisest")))
    provisions: str = attrs.field(factory=_default("provisions"),
                                  validator=attrs.validators.in_(("words", "abbreviations")))


@attrs.frozen
class Provision(Value):
    """A provision of an act: "§ 10 lõike 1 punkti 9" (section, subsections, points)."""

    section: str = attrs.field(validator=nonempty)
    subsections: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    points: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)


@attrs.frozen
class LegalAct(Value):
    """An act a directive is based on: a law (by name), a regulation or a directive (by issuer,
    date, number and title), with the provision relied on."""

    kind: str = attrs.field(validator=attrs.validators.in_(ACT_KINDS))
    name: Optional[str] = attrs.field(default=None, validator=optional_nonempty)  # a law
    issuer: Optional[str] = attrs.field(default=None, validator=optional_nonempty)
    date: Optional[_dt.date] = None
    number: Optional[str] = attrs.field(default=None, validator=optional_nonempty)
    title: Optional[str] = attrs.field(default=None, validator=optional_nonempty)
    provision: Optional[Provision] = None


@attrs.frozen
class Repeal(Value):
    """What this directive repeals of an earlier one: the directive itself, some of its annexes,
    or the job descriptions it approved."""

    signer_title: str = attrs.field(validator=nonempty)
    date: _dt.date = attrs.field(validator=attrs.validators.instance_of(_dt.date))
    number: str = attrs.field(validator=nonempty)
    title: str = attrs.field(validator=nonempty)
    scope: str = attrs.field(default="directive", validator=attrs.validators.in_(REPEAL_SCOPES))
    annexes: tuple[int, ...] = attrs.field(default=(), converter=as_tuple)


@attrs.frozen
class Directive(Value):
    """Käskkiri: approves (or amends) job descriptions, one annex (lisa) each.

    ``entry_into_force`` None means on signing; ``in_force_point`` False leaves the point out.
    ``unit`` None: the annexes belong to several units (each sub-point names its unit).
    ``register`` holds the records-system data of the directive's header (not printed; written
    as JSON beside the documents).
    """

    agency: str = attrs.field(validator=nonempty)
    signer_name: str = attrs.field(validator=nonempty)
    signer_title: str = attrs.field(validator=nonempty)
    number: str = attrs.field(validator=nonempty)
    date: _dt.date = attrs.field(validator=attrs.validators.instance_of(_dt.date))
    unit: Optional[Unit]
    annexes: tuple[JobDescription, ...] = attrs.field(converter=as_tuple)
    title: str = attrs.field(validator=nonempty)
    kind: str = attrs.field(default="approve", validator=attrs.validators.in_(KINDS))
    acting_for: Optional[str] = attrs.field(default=None, validator=optional_nonempty)
    legal_basis: Optional[str] = attrs.field(default=None, validator=optional_nonempty)
    legal_acts: tuple[LegalAct, ...] = attrs.field(default=(), converter=as_tuple)
    repeals: tuple[Repeal, ...] = attrs.field(default=(), converter=as_tuple)
    entry_into_force: Optional[_dt.date] = None
    in_force_point: bool = True
    retroactive_from: Optional[_dt.date] = None
    amends: tuple[Repeal, ...] = attrs.field(default=(), converter=as_tuple)
    appeal: Optional[str] = attrs.field(default=None, validator=optional_nonempty)
    register: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=as_tuple)
    layout: str = attrs.field(default="2025", validator=nonempty)
    style: Style = attrs.field(factory=Style)
    forms: Forms = attrs.field(default=(), converter=as_tuple)  # explicit: (phrase, case, form)
    source_file: Optional[str] = None
    profile: resources.Profile = attrs.field(factory=resources.profile, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not self.annexes:
            raise ValueError("a directive needs at least one annex")
        if self.entry_into_force is not None and self.entry_into_force < self.date:
            raise ValueError(f"the entry-into-force date {self.entry_into_force.isoformat()} is "
                             f"before the directive's date {self.date.isoformat()}")

    @property
    def issuer_title(self) -> str:
        """Whose directive it is: the signer's title, or whom an acting signer stands in for."""
        return self.acting_for or self.signer_title
