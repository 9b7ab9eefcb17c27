"""The role file: one post's own parts (general part, purpose, duties, requirements) and the
changes it makes to its preset's standard text (``sections:``, ``edit:``)."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Optional, Union

import attrs

from .. import resources
from ..errors import Place, suggest
from ..model.text import CEFR_LEVELS, POSITION_GROUPS, SPECIAL_LABELS
from ..yamlio import Node
from .core import Spec, choice, key, read
from .edits import EDIT_JSON, EditSpec, read_edits
from .sections import SECTIONS_JSON, RefAt, SectionSpec, read_ref, read_sections

CASES = ("nominative", "genitive", "partitive", "adessive", "elative", "allative")
CONJUNCTIONS = ("või", "ja")
LANGUAGE_STYLES = ("valdamine", "valdab", "oskus")
SIGNATURE_MODES = ("head", "both")
UNIT_LINES = ("joined", "levels")

_TEXT = {"type": "string"}
_TEXTS = {"oneOf": [_TEXT, {"type": "array", "items": _TEXT}]}


# -- general part -------------------------------------------------------------------------------
@attrs.frozen
class UnitSpec(Spec):
    """Struktuuriüksus: 1 to 3 names (osakond, talitus, tiim)."""

    names: tuple[str, ...] = ()


def read_unit(node: Node) -> UnitSpec:
    """A unit: a list of 1–3 names, {department, division, team}, or one name."""
    if node.is_list():
        names = tuple(n.as_text() for n in node.as_list())
        if not 1 <= len(names) <= 3:
            raise node.error("expected 1 to 3 names: osakond, talitus, tiim")
        return UnitSpec(names, place=node.place)
    if node.is_map():
        node.keys(["department", "division", "team"], ["department"])
        names = tuple(node.req(k).as_text() for k in ("department", "division", "team")
                      if node.has(k))
        return UnitSpec(names, place=node.place)
    return UnitSpec((node.as_text(),), place=node.place)


UNIT_JSON = {"oneOf": [_TEXT, {"type": "array", "items": _TEXT, "minItems": 1, "maxItems": 3},
                       {"type": "object", "required": ["department"], "additionalProperties": False,
                        "properties": {"department": _TEXT, "division": _TEXT, "team": _TEXT}}]}


@attrs.frozen
class TitlesSpec(Spec):
    """A title field: text as printed, or titles joined by ajdoc (in a case, with a conjunction)."""

    text: Optional[str] = None
    titles: tuple[str, ...] = ()
    conjunction: Optional[str] = None
    case: str = "nominative"


def read_titles(node: Node) -> TitlesSpec:
    """Text, a list of titles, or {titles, conjunction, case}."""
    if node.is_str():
        return TitlesSpec(text=node.as_text(), place=node.place)
    if node.is_list():
        if not node.value:
            raise node.error("expected at least one title")
        return TitlesSpec(titles=tuple(n.as_text() for n in node.as_list()), place=node.place)
    node.keys(["titles", "conjunction", "case"], ["titles"])
    titles = tuple(n.as_text() for n in node.req("titles").list_or_one())
    if not titles:
        raise node.req("titles").error("expected at least one title")
    conj = choice(node.req("conjunction"), CONJUNCTIONS, "expected 'või' or 'ja'") \
        if node.has("conjunction") else None
    case = node.req("case").as_text() if node.has("case") else "nominative"
    if case not in CASES:
        raise node.req("case").error(f"unknown case '{case}'; expected one of "
                                     f"{', '.join(CASES)}", suggest(case, CASES))
    return TitlesSpec(titles=titles, conjunction=conj, case=case, place=node.place)


TITLES_JSON = {"oneOf": [_TEXT, {"type": "array", "items": _TEXT, "minItems": 1},
                         {"type": "object", "required": ["titles"], "additionalProperties": False,
                          "properties": {"titles": _TEXTS, "conjunction": {"enum": list(CONJUNCTIONS)},
                                         "case": {"enum": list(CASES)}}}]}


@attrs.frozen
class SpecialSpec(Spec):
    """Riigikaitse / eritingimused: the row label and its text."""

    label: str = key("The row's label.", default=resources.defaults()["special_label"],
                     choices=SPECIAL_LABELS)
    text: str = key("The conditions.", required=True, default="")


def _titles_key(doc: str) -> Any:
    return key(doc, parse=read_titles, json=TITLES_JSON)


@attrs.frozen
class GeneralSpec(Spec):
    """Üldosa: the post, its unit, its supervisor and who stands in for whom."""

    title: str = key("Ametinimetus: the title of the post.", required=True, default="")
    unit: UnitSpec = key("Struktuuriüksus: osakond → talitus → tiim.", required=True,
                         parse=read_unit, json=UNIT_JSON, factory=UnitSpec)
    supervisor: str = key("Vahetu juht: the direct supervisor's title.", required=True,
                          default="")
    substituted_by: Optional[TitlesSpec] = _titles_key("Kes asendab: who substitutes the holder.")
    substitutes: Optional[TitlesSpec] = _titles_key("Keda asendab: whom the holder substitutes.")
    subordinates: Optional[TitlesSpec] = _titles_key("Alluvad: subordinates (2025 layout).")
    position_group: Optional[str] = key(
        "Ametikoha grupp: ametnik (official) or töötaja (employee); it chooses the standard "
        "texts' wording (default: the preset's).", choices=POSITION_GROUPS)
    special_conditions: Optional[SpecialSpec] = key(
        "Riigikaitse / eritingimused (2025 layout).")
    appointed_by: Optional[str] = key("Ametisse nimetab: who appoints the holder (default: the "
                                      "profile's).")


# -- duties -------------------------------------------------------------------------------------
@attrs.frozen
class DutySpec(Spec):
    """A duty of the role's own: text, "sh:" sub-items, expected results."""

    id: Optional[str] = key("An id, unique in the file (to refer to the duty).")
    text: str = key("The duty's text.", required=True, default="")
    subitems: tuple[str, ...] = key("The sub-items printed after \"sh:\".", factory=tuple)
    results: tuple[str, ...] = key("Oodatavad tulemused: the expected results.", factory=tuple)


@attrs.frozen
class UseSpec(Spec):
    """A standard duty placed among the role's own: ``- use: ID``."""

    use: RefAt = key("The duty block to place here.", required=True, parse=read_ref,
                     json=_TEXT, default=None)


def read_duty(node: Node) -> Union[DutySpec, UseSpec]:
    if node.is_map() and "use" in node.value:
        return read(UseSpec, node)
    return read(DutySpec, node)


DUTY_JSON = {"oneOf": [{"type": "object", "required": ["use"], "additionalProperties": False,
                        "properties": {"use": _TEXT}}, {"$ref": "#/$defs/DutySpec"}]}


def read_duties(node: Node) -> tuple[Union[DutySpec, UseSpec], ...]:
    return tuple(read_duty(n) for n in node.as_list())


# -- requirements -------------------------------------------------------------------------------
def read_level(node: Node) -> str:
    value = node.value
    level = str(value).strip().upper() if isinstance(value, (str, int)) else ""
    if level not in CEFR_LEVELS:
        raise node.error(f"expected a language level, one of {', '.join(CEFR_LEVELS)}; got "
                         f"{node.describe()}")
    return level


def read_languages(node: Node) -> tuple[str, ...]:
    names = tuple(n.as_text().strip() for n in node.list_or_one())
    if not names:
        raise node.error("expected at least one language (eesti, inglise …)")
    return names


@attrs.frozen
class LanguageSpec(Spec):
    """Keeleoskus: one or more alternative languages at a CEFR level."""

    language: tuple[str, ...] = key("The language adjective(s): eesti, inglise, vene …",
                                    required=True, parse=read_languages, json=_TEXTS,
                                    factory=tuple)
    level: str = key("A CEFR level, A1 to C2.", required=True, parse=read_level,
                     json={"enum": list(CEFR_LEVELS)}, default="")
    at_least: bool = key("\"vähemalt\": at least this level.", default=False)
    text: Optional[str] = key("A wording of the role's own instead of the generated sentence.")


def read_language(node: Node) -> LanguageSpec:
    if node.is_str():
        raise node.error("expected {language: …, level: …}",
                         "e.g. {language: eesti, level: C1, at_least: true}")
    return read(LanguageSpec, node)


@attrs.frozen
class RequirementsSpec(Spec):
    """Ametikohale esitatavad nõuded."""

    education: Optional[str] = key("Haridus.")
    experience: Optional[str] = key("Töökogemus.")
    languages: tuple[LanguageSpec, ...] = key(
        "Keeleoskus: the language requirements.", factory=tuple,
        parse=lambda n: tuple(read_language(x) for x in n.list_or_one()),
        json={"type": "array", "items": {"$ref": "#/$defs/LanguageSpec"}})
    language_style: str = key("How the sentences read: valdamine, valdab or oskus.",
                              default="valdamine", choices=LANGUAGE_STYLES)
    personal_qualities: Optional[str] = key("Isikuomadused (2025 layout).")


# -- approval, signature, numbering, forms ------------------------------------------------------
@attrs.frozen
class ApprovalSpec(Spec):
    """The "KINNITATUD … käskkirjaga nr N" header."""

    date: _dt.date = key("The directive's date (YYYY-MM-DD or DD.MM.YYYY).", required=True,
                         default=_dt.date(2000, 1, 1))
    number: str = key("The directive's number (183 or 1-1/183).", required=True, default="",
                      parse=lambda n: n.as_number_text(), json={"type": ["string", "integer"]})
    signer_title: Optional[str] = key("The signer's title (default: the agency's).")


_MODE_EXPECTED = "expected 'head' (signed by the head) or 'both' (employer and employee)"


@attrs.frozen
class SignatureSpec(Spec):
    """The signature block."""

    name: str = key("The signer's name.", required=True, default="")
    title: str = key("The signer's title.", required=True, default="")
    mode: Optional[str] = key(
        "head (signed by the head) or both (employer and employee); default: both for a "
        "töötaja, head for an ametnik.", parse=lambda n: choice(n, SIGNATURE_MODES, _MODE_EXPECTED),
        json={"enum": list(SIGNATURE_MODES)})
    employee: Optional[str] = key("The employee's name (mode: both).")
    employee_title: Optional[str] = key("The employee's title under their name (mode: both; "
                                        "default: the post's title).")


def _trailing_dot(node: Node) -> Union[bool, str]:
    if node.is_str() and node.value.strip() == "duties":
        return "duties"
    if not isinstance(node.value, bool):
        raise node.error("expected true or false, or duties (the duties' numbers only), got "
                         + (f"the text '{str(node.value)[:40]}'" if node.is_str()
                            else type(node.value).__name__))
    return node.as_bool()


@attrs.frozen
class NumberingSpec(Spec):
    """How numbers are printed."""

    trailing_dot: Union[bool, str] = key(
        "\"1.1.\" and \"3.1.\" rather than \"1.1\" and \"3.1\" (true: the whole document; "
        "duties: only the duties' numbers).", default=False, parse=_trailing_dot,
        json={"enum": [True, False, "duties"]})


def read_forms(node: Node) -> tuple[tuple[str, str, str], ...]:
    """Explicit word forms: phrase → its genitive, or phrase → {case: form}; as (phrase, case,
    form) triples. A form is used for its own case only."""
    out = []
    for phrase, value in node.items():
        if value.is_map():
            for case, form in value.items():
                if case not in CASES:
                    raise form.error(f"unknown case '{case}'; expected one of {', '.join(CASES)}",
                                     suggest(str(case), CASES))
                out.append((str(phrase), str(case), form.as_text()))
        else:
            out.append((str(phrase), "genitive", value.as_text()))
    return tuple(out)


FORMS_JSON = {"type": "object", "additionalProperties": {"oneOf": [
    _TEXT, {"type": "object", "propertyNames": {"enum": list(CASES)},
            "additionalProperties": _TEXT}]}}


@attrs.frozen
class AcknowledgeSpec(Spec):
    """A warning known and intended: `ajdoc check --strict` passes, `--verbose` lists it."""

    code: str = key("The warning's code (as `ajdoc check` prints it in brackets).",
                    required=True, default="")
    where: Optional[str] = key("Where: the start of the key path the warning names "
                               "(e.g. amendment, duties (3.2).", name="at")
    reason: Optional[str] = key("Why it is intended (for the reader of the file).")


# -- the role file ------------------------------------------------------------------------------
@attrs.frozen
class RoleSpec(Spec):
    """A role file."""

    preset: str = key("The preset the role starts from.", required=True, default="")
    agency: Optional[str] = key("The agency (default: the profile's).")
    approved: Optional[ApprovalSpec] = key("The approval header; leave out for a draft.")
    general: GeneralSpec = key("Üldosa: the general part.", required=True,
                               factory=GeneralSpec)
    purpose: str = key("Ametikoha eesmärk: the purpose of the post.", required=True,
                       default="")
    duties: tuple[Union[DutySpec, UseSpec], ...] = key(
        "The role's own duties, in order; `- use: ID` places a standard duty among them.",
        required=True, parse=read_duties, factory=tuple,
        json={"type": "array", "items": DUTY_JSON})
    requirements: Optional[RequirementsSpec] = key("Nõuded: the requirements.")
    sections: tuple[SectionSpec, ...] = key(
        "Which blocks a section holds (the same syntax as presets).", parse=read_sections,
        factory=tuple, json=SECTIONS_JSON)
    edit: tuple[EditSpec, ...] = key("What a block says, for this role only.",
                                     parse=read_edits, factory=tuple, json=EDIT_JSON)
    signature: Optional[SignatureSpec] = key("The signature block.")
    numbering: Optional[NumberingSpec] = key("How numbers are printed.")
    forms: tuple[tuple[str, str, str], ...] = key("Explicit word forms: phrase → its genitive, "
                                                  "or phrase → {case: form}.",
                                             parse=read_forms, factory=tuple, json=FORMS_JSON)
    unit_lines: Optional[str] = key("How the general part shows the unit: joined (one line, "
                                    "the default) or levels (a line per level).",
                                    choices=UNIT_LINES)
    acknowledge: tuple[AcknowledgeSpec, ...] = key(
        "Warnings known and intended: [{code, at, reason}].", factory=tuple, one_or_many=False)
    profile: Optional[str] = key("The agency's profile: a built-in one's name, or a folder "
                                 "(relative to this file); default ska.")
    file: Optional[str] = None


def read_role(node: Node) -> RoleSpec:
    """A role file's spec, read in one step (every mistake an AjdocError with its place)."""
    return read(RoleSpec, node, file=node.file)
