"""The job description and its parts as small frozen value classes, validated where they are built.

Everything past this boundary can trust its data: texts are non-empty strings, language levels are
CEFR levels, position groups are known. The Estonian domain terms and their code names:

==============================  ==========================  ====================================
Estonian                        code name                   what it is
==============================  ==========================  ====================================
ametijuhend                     JobDescription              the job description
üldosa                          GeneralPart                 general part (section 1)
ametinimetus / teenistuskoht    GeneralPart.title           the title of the post
struktuuriüksus                 Unit                        osakond → talitus → tiim
osakond / talitus / tiim        department/division/team    the unit path
vahetu juht                     GeneralPart.supervisor      direct supervisor
kes asendab / asendaja          substituted_by              who substitutes the holder
keda asendab / asendab          substitutes                 whom the holder substitutes
alluvad                         subordinates                subordinates
ametikoha grupp                 position_group              ametnik (official) / töötaja
riigikaitse / eritingimused     SpecialConditions           special conditions of the post
ametikoha eesmärk               purpose                     the purpose of the post
teenistusülesanded              duties                      core duties (põhiülesanded)
oodatavad tulemused             Duty.results                expected results of a duty
sh (sealhulgas)                 Duty.subitems               sub-items of a duty ("sh:")
õigused                         rights                      rights
vastutus                        responsibilities            responsibilities
töövahendid                     work_tools                  work tools
nõuded                          Requirements                requirements
haridus / töökogemus            education / experience      education / work experience
keeleoskus                      LanguageRequirement         language + CEFR level
arvutikasutamise oskus          computer_skills             computer skills
isikuomadused                   personal_qualities          personal qualities (2025 layout)
kompetentsid                    Competency                  competency set: name + indicators
täiendavad kompetentsid         AdditionalCompetency        additional competencies
ametijuhendi muutmine           amendment                   the amendment clause
kinnitatud … käskkirjaga        Approval                    the approval header
allkirjastatud digitaalselt     Signature                   the signature block
käskkiri                        Directive                   the approving directive
lisa                            annex                       an annex of a directive
plokk / eelseadistus            Block / Preset              standard text / bundle of blocks
==============================  ==========================  ====================================
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Optional

import attrs

CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
POSITION_GROUPS = ("ametnik", "töötaja")
SPECIAL_LABELS = ("Riigikaitse", "Eritingimused")

# Characters XML 1.0 cannot hold (and so a DOCX cannot): C0 controls except tab, LF, CR;
# lone surrogates; U+FFFE and U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def illegal_char(text: str) -> Optional[int]:
    """The 0-based position of the first character XML cannot hold, or None."""
    m = _XML_ILLEGAL.search(text)
    return m.start() if m else None


def _text(instance, attribute, value) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be text, got {type(value).__name__}")
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")
    pos = illegal_char(value)
    if pos is not None:
        raise ValueError(f"{attribute.name} holds a character XML cannot hold "
                         f"(U+{ord(value[pos]):04X} at position {pos + 1})")


def _opt_text(instance, attribute, value) -> None:
    if value is not None:
        _text(instance, attribute, value)


def _texts(instance, attribute, value) -> None:
    if not isinstance(value, tuple):
        raise TypeError(f"{attribute.name} must be a tuple")
    for v in value:
        _text(instance, attribute, v)


def _tuple(value) -> tuple:
    return tuple(value) if value is not None else ()


@attrs.frozen
class Provenance:
    """Where a composed item came from: a library block id, its version and variant."""

    block_id: str = attrs.field(validator=_text)
    version: int = attrs.field(validator=attrs.validators.instance_of(int))
    variant: str = attrs.field(validator=_text)
    edited: bool = False  # the role changed the block's text (added, replaced an item)

    def __str__(self) -> str:
        return f"{self.block_id}@{self.version}:{self.variant}" + (" (edited)" if self.edited else "")


@attrs.frozen
class Item:
    """One paragraph or list item of standard text, with the block it came from (None: the role's own)."""

    text: str = attrs.field(validator=_text)
    source: Optional[Provenance] = None


@attrs.frozen
class Unit:
    """Struktuuriüksus: osakond → talitus → tiim, names as written in the nominative."""

    department: str = attrs.field(validator=_text)
    division: Optional[str] = attrs.field(default=None, validator=_opt_text)
    team: Optional[str] = attrs.field(default=None, validator=_opt_text)

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(p for p in (self.department, self.division, self.team) if p)

    def __str__(self) -> str:
        """As the seeds print it: "Laste heaolu osakond, nõustamisteenuste talitus (… tiim)"."""
        text = self.department
        if self.division:
            text += f", {self.division}"
        if self.team:
            text += f" ({self.team})" if self.division else f", {self.team}"
        return text


@attrs.frozen
class TitleList:
    """A list of job titles as printed: "A, b, c" or "A või b" (conjunction before the last)."""

    items: tuple[str, ...] = attrs.field(converter=_tuple, validator=_texts)
    conjunction: Optional[str] = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.in_(("või", "ja"))))

    def __attrs_post_init__(self):
        if not self.items:
            raise ValueError("a title list needs at least one title")

    def __str__(self) -> str:
        items = list(self.items)
        if self.conjunction and len(items) > 1:
            text = ", ".join(items[:-1]) + f" {self.conjunction} {items[-1]}"
        else:
            text = ", ".join(items)
        return text[:1].upper() + text[1:]


@attrs.frozen
class SpecialConditions:
    """Riigikaitse / eritingimused: the row label and its text."""

    label: str = attrs.field(validator=attrs.validators.in_(SPECIAL_LABELS))
    text: str = attrs.field(validator=_text)


@attrs.frozen
class GeneralPart:
    """Üldosa: who the post is, where it sits and who stands in for whom."""

    title: str = attrs.field(validator=_text)
    unit: Unit
    supervisor: str = attrs.field(validator=_text)
    substituted_by: Optional[str] = attrs.field(default=None, validator=_opt_text)
    substitutes: Optional[str] = attrs.field(default=None, validator=_opt_text)
    subordinates: Optional[str] = attrs.field(default=None, validator=_opt_text)
    position_group: str = attrs.field(default="ametnik",
                                      validator=attrs.validators.in_(POSITION_GROUPS))
    special_conditions: Optional[SpecialConditions] = None


@attrs.frozen
class Duty:
    """A core duty (põhiülesanne): its text, optional "sh:" sub-items and its expected results."""

    text: str = attrs.field(validator=_text)
    results: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_texts)
    subitems: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_texts)
    id: Optional[str] = attrs.field(default=None, validator=_opt_text)
    source: Optional[Provenance] = None


@attrs.frozen
class LanguageRequirement:
    """Keeleoskus: one or more alternative languages ("inglise või vene") at a CEFR level.

    ``languages`` are the language adjectives as written before "keel" (eesti, inglise, vene);
    ``text`` prints a wording of the role's own instead of the generated sentence.
    """

    languages: tuple[str, ...] = attrs.field(converter=_tuple, validator=_texts)
    level: str = attrs.field(validator=attrs.validators.in_(CEFR_LEVELS))
    at_least: bool = False
    text: Optional[str] = attrs.field(default=None, validator=_opt_text)

    def __attrs_post_init__(self):
        if not self.languages:
            raise ValueError("a language requirement names at least one language")


@attrs.frozen
class Competency:
    """A competency set (Kliendikesksus, Eestvedamine, …): its name and behavioural indicators."""

    name: str = attrs.field(validator=_text)
    indicators: tuple[str, ...] = attrs.field(converter=_tuple, validator=_texts)
    source: Optional[Provenance] = None


@attrs.frozen
class AdditionalCompetency:
    """Täiendav kompetents: "Name: description", or a plain item (name None)."""

    text: str = attrs.field(validator=_text)
    name: Optional[str] = attrs.field(default=None, validator=_opt_text)
    source: Optional[Provenance] = None


@attrs.frozen
class Requirements:
    """Ametikohale esitatavad nõuded."""

    education: Optional[str] = attrs.field(default=None, validator=_opt_text)
    experience: Optional[str] = attrs.field(default=None, validator=_opt_text)
    languages: tuple[LanguageRequirement, ...] = attrs.field(default=(), converter=_tuple)
    language_style: str = attrs.field(
        default="valdamine", validator=attrs.validators.in_(("valdamine", "valdab", "oskus")))
    computer_skills: Optional[Item] = None
    personal_qualities: Optional[str] = attrs.field(default=None, validator=_opt_text)


@attrs.frozen
class Approval:
    """The "KINNITATUD … käskkirjaga nr N" header of an approved job description."""

    agency: str = attrs.field(validator=_text)
    signer_title: str = attrs.field(validator=_text)
    date: _dt.date = attrs.field(validator=attrs.validators.instance_of(_dt.date))
    number: str = attrs.field(validator=_text)
    annex: Optional[int] = None  # "Lisa N" when the directive has several annexes


@attrs.frozen
class Signature:
    """The signature block: by the head ("head"), or by both parties ("both") for a töötaja."""

    signer_name: str = attrs.field(validator=_text)
    signer_title: str = attrs.field(validator=_text)
    mode: str = attrs.field(default="head", validator=attrs.validators.in_(("head", "both")))
    employee_name: Optional[str] = attrs.field(default=None, validator=_opt_text)


@attrs.frozen
class JobDescription:
    """Ametijuhend, fully composed: every standard item carries the block it came from."""

    general: GeneralPart
    purpose: str = attrs.field(validator=_text)
    duties: tuple[Duty, ...] = attrs.field(converter=_tuple)
    agency: str = attrs.field(default="Sotsiaalkindlustusamet", validator=_text)
    duties_heading: Optional[Item] = None
    rights_intro: Optional[Item] = None
    rights: tuple[Item, ...] = attrs.field(default=(), converter=_tuple)
    responsibilities_intro: Optional[Item] = None
    responsibilities: tuple[Item, ...] = attrs.field(default=(), converter=_tuple)
    work_tools: Optional[Item] = None
    requirements: Requirements = attrs.field(factory=Requirements)
    competencies: tuple[Competency, ...] = attrs.field(default=(), converter=_tuple)
    additional: tuple[AdditionalCompetency, ...] = attrs.field(default=(), converter=_tuple)
    amendment: tuple[Item, ...] = attrs.field(default=(), converter=_tuple)
    approval: Optional[Approval] = None
    signature: Optional[Signature] = None
    number_dot: bool = False  # "3.1." rather than "3.1"
    forms: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_tuple)  # explicit
    preset: Optional[str] = None
    source_file: Optional[str] = None

    def __attrs_post_init__(self):
        if not self.duties:
            raise ValueError("a job description needs at least one duty")
        if self.signature and self.signature.mode == "both" and self.general.position_group != "töötaja":
            raise ValueError("a signature by both parties is for a töötaja under an employment contract")


@attrs.frozen
class Repeal:
    """A directive this one repeals: "peadirektori 18.05.2025 käskkirja nr 77 „…”"."""

    signer_title: str = attrs.field(validator=_text)
    date: _dt.date = attrs.field(validator=attrs.validators.instance_of(_dt.date))
    number: str = attrs.field(validator=_text)
    title: str = attrs.field(validator=_text)


@attrs.frozen
class Directive:
    """Käskkiri: approves the job descriptions of a unit, one annex (lisa) each.

    ``entry_into_force`` None means on signing. ``register`` holds the records-system data of the
    directive's header (not printed; written as JSON beside the documents).
    """

    agency: str = attrs.field(validator=_text)
    signer_name: str = attrs.field(validator=_text)
    signer_title: str = attrs.field(validator=_text)
    number: str = attrs.field(validator=_text)
    date: _dt.date = attrs.field(validator=attrs.validators.instance_of(_dt.date))
    unit: Unit
    annexes: tuple[JobDescription, ...] = attrs.field(converter=_tuple)
    title: str = attrs.field(default="Ametijuhendi kinnitamine", validator=_text)
    legal_basis: Optional[str] = attrs.field(default=None, validator=_opt_text)
    repeals: tuple[Repeal, ...] = attrs.field(default=(), converter=_tuple)
    entry_into_force: Optional[_dt.date] = None
    appeal: Optional[str] = attrs.field(default=None, validator=_opt_text)
    register: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_tuple)
    layout: str = attrs.field(default="2025", validator=attrs.validators.in_(("2022", "2025")))
    forms: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_tuple)
    source_file: Optional[str] = None

    def __attrs_post_init__(self):
        if not self.annexes:
            raise ValueError("a directive needs at least one annex")
        if self.entry_into_force is not None and self.entry_into_force < self.date:
            raise ValueError(f"the entry-into-force date {self.entry_into_force.isoformat()} is "
                             f"before the directive's date {self.date.isoformat()}")
