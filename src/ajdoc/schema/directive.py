"""The directive file: who signs, its number and date, the unit, the role files of its annexes in
order, its legal basis, what it repeals, entry into force, house style, records-system data."""

from __future__ import annotations

import datetime as _dt
from typing import Optional

import attrs

from ..yamlio import Node
from .core import Spec, key, read
from .role import FORMS_JSON, UNIT_JSON, UnitSpec, read_forms, read_unit

REGISTER_KEYS = ("reference", "registered", "type", "function", "series", "file",
                 "access_restriction", "responsible")
SIGNING = "signing"
NONE = "none"

_TEXT = {"type": "string"}
_NUMBER = {"type": ["string", "integer"]}


def _number(node: Node) -> str:
    return node.as_number_text()


def _texts(node: Node) -> tuple[str, ...]:
    """Numbers or texts, one or a list ("1", [1, 2], "1¹")."""
    out = []
    for n in node.list_or_one():
        out.append(str(n.value) if isinstance(n.value, int) and not isinstance(n.value, bool)
                   else n.as_text())
    return tuple(out)


_TEXTS_JSON = {"oneOf": [{"type": ["string", "integer"]},
                         {"type": "array", "items": {"type": ["string", "integer"]}}]}


@attrs.frozen
class ProvisionSpec(Spec):
    """A provision: § section, its subsections (lõiked) and points (punktid)."""

    section: str = key("The section (paragrahv) number.", required=True, default="",
                       parse=lambda n: _texts(n)[0], json={"type": ["string", "integer"]})
    subsections: tuple[str, ...] = key("Subsections (lõiked).", parse=_texts, factory=tuple,
                                       json=_TEXTS_JSON)
    points: tuple[str, ...] = key("Points (punktid).", parse=_texts, factory=tuple,
                                  json=_TEXTS_JSON)


@attrs.frozen
class ReferenceSpec(Spec):
    """An earlier regulation or directive: who issued it, its date, number and title."""

    issuer: Optional[str] = key("Its issuer's title (in the nominative).")
    signer_title: Optional[str] = key("The same as issuer (the name repeals use).")
    date: _dt.date = key("Its date.", required=True, default=_dt.date(2000, 1, 1))
    number: str = key("Its number.", required=True, default="", parse=_number, json=_NUMBER)
    title: Optional[str] = key("Its title.")


@attrs.frozen
class ActSpec(Spec):
    """An act of the legal basis: a law by name, or a regulation or directive, and the provision."""

    law: Optional[str] = key("A law, by its name in the nominative.")
    regulation: Optional[ReferenceSpec] = key("A regulation (määrus).")
    directive: Optional[ReferenceSpec] = key("A directive (käskkiri).")
    provision: Optional[ProvisionSpec] = key("The provision relied on.")


def read_act(node: Node) -> ActSpec:
    spec = read(ActSpec, node)
    given = [k for k in ("law", "regulation", "directive") if getattr(spec, k) is not None]
    if len(given) != 1:
        raise node.error("an act of the legal basis is one of law:, regulation: or directive:",
                         "e.g. {law: NAME OF THE LAW, provision: {section: 52, subsections: [1, 2]}}")
    return spec


@attrs.frozen
class LegalBasisSpec(Spec):
    """The legal basis: a text of its own, a list of acts (replacing the agency's), or acts
    added to the agency's (``{add: [...]}``)."""

    text: Optional[str] = None
    acts: Optional[tuple[ActSpec, ...]] = None
    add: tuple[ActSpec, ...] = ()


def read_legal_basis(node: Node) -> LegalBasisSpec:
    if node.is_str():
        return LegalBasisSpec(text=node.as_text(), place=node.place)
    if node.is_list():
        return LegalBasisSpec(acts=tuple(read_act(n) for n in node.as_list()), place=node.place)
    node.keys(["add"], ["add"])
    return LegalBasisSpec(add=tuple(read_act(n) for n in node.req("add").list_or_one()),
                          place=node.place)


@attrs.frozen
class SignerSpec(Spec):
    """Who signs the directive, and for whom when standing in."""

    name: str = key("The signer's name.", required=True, default="")
    title: str = key("The signer's title.", required=True, default="")
    acting_for: Optional[str] = key("The title of whom the signer stands in for: the "
                                    "signature reads \"TITLE … ülesannetes\".")
    appointed_by: Optional[ReferenceSpec] = key(
        "The directive that appointed the substitute (added to the legal basis).")


def _annex_numbers(node: Node) -> tuple[int, ...]:
    numbers = []
    for n in node.list_or_one():
        value = n.as_int()
        if value < 1:
            raise n.error(f"an annex number is a whole number from 1, got {value}")
        numbers.append(value)
    if not numbers:
        raise node.error("expected at least one annex number")
    return tuple(numbers)


@attrs.frozen
class RepealSpec(Spec):
    """What this directive repeals of an earlier one: the directive, some of its annexes
    (`annexes: [1, 2, 3, 5]`), or the job descriptions it approved (`job_descriptions: true`)."""

    signer_title: Optional[str] = key("Its signer's title (default: this directive's issuer's).")
    date: _dt.date = key("Its date.", required=True, default=_dt.date(2000, 1, 1))
    number: str = key("Its number.", required=True, default="", parse=_number, json=_NUMBER)
    title: Optional[str] = key("Its title (default: the agency's directive title).")
    annexes: tuple[int, ...] = key("Repeal only these annexes (numbers; ajdoc writes ranges).",
                                   parse=_annex_numbers, factory=tuple,
                                   json={"type": "array", "items": {"type": "integer"}})
    job_descriptions: bool = key("Repeal the job descriptions it approved, not the directive.",
                                 default=False)


@attrs.frozen
class StyleSpec(Spec):
    """The house style choices of one directive (each defaults to the agency's)."""

    quotes: Optional[str] = key("typographic „…” or straight \"…\".",
                                choices=("typographic", "straight"))
    ranges: Optional[str] = key("\"1 kuni 11\" (kuni) or \"1-11\" (dash).",
                                choices=("kuni", "dash"))
    signer_capital: Optional[bool] = key("The signer's title with a capital letter.")
    repeal_points: Optional[str] = key("Several repeals in one point, or a point each.",
                                       choices=("together", "separate"))
    signing: Optional[str] = key("\"jõustub allkirjastamisel\" or \"… allkirjastamisest\".",
                                 choices=("allkirjastamisel", "allkirjastamisest"))
    provisions: Optional[str] = key("\"lõike 1 punkti 9\" (words) or \"lg 1 p 9\".",
                                    choices=("words", "abbreviations"))


def read_in_force(node: Node) -> Optional[_dt.date | str]:
    """A date, ``signing`` (None) or ``none`` (no such point)."""
    if node.is_str() and node.value.strip() in (SIGNING, NONE):
        return None if node.value.strip() == SIGNING else NONE
    return node.as_date()


def read_register(node: Node) -> tuple[tuple[str, str], ...]:
    """The records-system data of the directive's header (not printed)."""
    node.keys(list(REGISTER_KEYS))
    out = []
    for k, value in node.items():
        out.append((k, value.as_date().strftime("%d.%m.%Y") if k == "registered"
                    else str(value.value) if isinstance(value.value, int)
                    else value.as_text()))
    return tuple(out)


def read_layout(node: Node) -> str:
    """A layout name as written (``2025`` and ``"2025"`` alike)."""
    return str(node.value)


@attrs.frozen
class DirectiveSpec(Spec):
    """A directive file."""

    kind: str = key("approve (kinnitamine) or amend (muutmine).", default="approve",
                    choices=("approve", "amend"))
    agency: Optional[str] = key("The agency (default: the profile's).")
    signer: SignerSpec = key("Who signs.", required=True, factory=SignerSpec)
    number: str = key("The directive's number (183 or 1-1/183).", required=True, default="",
                      parse=lambda n: n.as_number_text(), json=_NUMBER)
    date: _dt.date = key("The directive's date.", required=True, default=_dt.date(2000, 1, 1))
    title: Optional[str] = key("The title (default: the agency's, by kind and count).")
    legal_basis: Optional[LegalBasisSpec] = key(
        "The legal basis: acts (replacing the agency's), {add: [acts]}, or a text.",
        parse=read_legal_basis, json={"oneOf": [{"type": "string"}, {"type": "array"},
                                                {"type": "object"}]})
    unit: Optional[UnitSpec] = key("The unit whose job descriptions it approves (leave out "
                                   "for posts of several units).", parse=read_unit,
                                   json=UNIT_JSON)
    annexes: tuple[str, ...] = key("The role files of the annexes, in order (paths relative "
                                   "to this file).", required=True, factory=tuple,
                                   one_or_many=False)
    repeals: tuple[RepealSpec, ...] = key("Directives this one repeals.", factory=tuple,
                                          one_or_many=False)
    entry_into_force: Optional[_dt.date | str] = key(
        "A date, `signing` (the default) or `none` (no such point).", parse=read_in_force,
        json={"oneOf": [{"enum": [SIGNING, NONE]}, {"type": "string", "format": "date"}]})
    retroactive: Optional[_dt.date] = key("The approved job descriptions apply from this date.")
    amends: tuple[ReferenceSpec, ...] = key("The directives whose job descriptions it amends "
                                            "(for the records system; not printed).",
                                            factory=tuple, one_or_many=False)
    appeal: Optional[str] = key("The appeal clause (default: the agency's).")
    register: tuple[tuple[str, str], ...] = key(
        "Records-system data (not printed).", parse=read_register, factory=tuple,
        json={"type": "object", "properties": {k: {} for k in REGISTER_KEYS},
              "additionalProperties": False})
    layout: Optional[str] = key("The annexes' layout.", parse=read_layout,
                                json={"type": ["string", "integer"]})
    library: tuple[str, ...] = key("Folders of your own blocks and presets (relative to this "
                                   "file).", factory=tuple)
    style: Optional[StyleSpec] = key("House style choices (default: the agency's).")
    forms: tuple[tuple[str, str, str], ...] = key("Explicit word forms: phrase → its genitive, "
                                                  "or phrase → {case: form}.",
                                             parse=read_forms, factory=tuple, json=FORMS_JSON)
    profile: Optional[str] = key("The agency's profile: a built-in one's name, or a folder "
                                 "(relative to this file); default ska.")
    file: Optional[str] = None


def read_directive(node: Node) -> DirectiveSpec:
    """A directive file's spec, read in one step."""
    return read(DirectiveSpec, node, file=node.file)
