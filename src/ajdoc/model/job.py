"""The job description (ametijuhend) and its parts: small frozen value classes, validated where
they are built, so everything past this boundary can trust its data."""

from __future__ import annotations

import datetime as _dt
from typing import Optional, Sequence

import attrs

from .. import resources
from ..values import Value
from .text import (CEFR_LEVELS, Forms, POSITION_GROUPS, SPECIAL_LABELS, all_nonempty, as_tuple, nonempty,
                   optional_nonempty)


def default_agency() -> str:
    """The agency of the built-in defaults (data/defaults.yaml)."""
    return str(resources.defaults()["agency"])


@attrs.frozen
class Provenance(Value):
    """Where a composed item came from: a library block id, its version and variant."""

    block_id: str = attrs.field(validator=nonempty)
    version: int = attrs.field(validator=attrs.validators.instance_of(int))
    variant: str = attrs.field(validator=nonempty)
    edited: bool = False  # the role changed the block's text (added, replaced an item)

    def __str__(self) -> str:
        return f"{self.block_id}@{self.version}:{self.variant}" + (" (edited)" if self.edited else "")


@attrs.frozen
class Item(Value):
    """One paragraph or list item of standard text, with the block it came from (None: the role's own)."""

    text: str = attrs.field(validator=nonempty)
    source: Optional[Provenance] = None


@attrs.frozen
class Unit(Value):
    """Struktuuriüksus: osakond → talitus → tiim, names as written in the nominative."""

    department: str = attrs.field(validator=nonempty)
    division: Optional[str] = attrs.field(default=None, validator=optional_nonempty)
    team: Optional[str] = attrs.field(default=None, validator=optional_nonempty)

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(p for p in (self.department, self.division, self.team) if p)

    @classmethod
    def common(cls, units: "Sequence[Unit]") -> Optional["Unit"]:
        """The unit the given units share from the top (spelling case aside), or None."""
        shared: list[str] = []
        for parts in zip(*(u.path for u in units)):
            if len({p.casefold() for p in parts}) != 1:
                break
            shared.append(parts[0])
        return cls(*shared) if shared else None

    def __str__(self) -> str:
        """As the seeds print it: "Laste heaolu osakond, nõustamisteenuste talitus (… tiim)"."""
        text = self.department
        if self.division:
            text += f", {self.division}"
        if self.team:
            text += f" ({self.team})" if self.division else f", {self.team}"
        return text


@attrs.frozen
class TitleList(Value):
    """A list of job titles as printed: "A, b, c" or "A või b" (conjunction before the last)."""

    items: tuple[str, ...] = attrs.field(converter=as_tuple, validator=all_nonempty)
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
class SpecialConditions(Value):
    """Riigikaitse / eritingimused: the row label and its text."""

    label: str = attrs.field(validator=attrs.validators.in_(SPECIAL_LABELS))
    text: str = attrs.field(validator=nonempty)


@attrs.frozen
class GeneralPart(Value):
    """Üldosa: who the post is, where it sits and who stands in for whom."""

    title: str = attrs.field(validator=nonempty)
    unit: Unit
    supervisor: str = attrs.field(validator=nonempty)
    substituted_by: Optional[str] = attrs.field(default=None, validator=optional_nonempty)
    substitutes: Optional[str] = attrs.field(default=None, validator=optional_nonempty)
    subordinates: Optional[str] = attrs.field(default=None, validator=optional_nonempty)
    position_group: str = attrs.field(default="ametnik",
                                      validator=attrs.validators.in_(POSITION_GROUPS))
    special_conditions: Optional[SpecialConditions] = None
    appointed_by: Optional[str] = attrs.field(default=None, validator=optional_nonempty)


@attrs.frozen
class Duty(Value):
    """A core duty (põhiülesanne): its text, optional "sh:" sub-items and its expected results."""

    text: str = attrs.field(validator=nonempty)
    results: tuple[str, ...] = attrs.field(default=(), converter=as_tuple, validator=all_nonempty)
    subitems: tuple[str, ...] = attrs.field(default=(), converter=as_tuple, validator=all_nonempty)
    id: Optional[str] = attrs.field(default=None, validator=optional_nonempty)
    source: Optional[Provenance] = None


@attrs.frozen
class LanguageRequirement(Value):
    """Keeleoskus: one or more alternative languages ("inglise või vene") at a CEFR level.

    ``languages`` are the language adjectives as written before "keel" (eesti, inglise, vene);
    ``text`` prints a wording of the role's own instead of the generated sentence.
    """

    languages: tuple[str, ...] = attrs.field(converter=as_tuple, validator=all_nonempty)
    level: str = attrs.field(validator=attrs.validators.in_(CEFR_LEVELS))
    at_least: bool = False
    text: Optional[str] = attrs.field(default=None, validator=optional_nonempty)

    def __attrs_post_init__(self):
        if not self.languages:
            raise ValueError("a language requirement names at least one language")


@attrs.frozen
class Competency(Value):
    """A competency set (Kliendikesksus, Eestvedamine, …): its name and behavioural indicators."""

    name: str = attrs.field(validator=nonempty)
    indicators: tuple[str, ...] = attrs.field(converter=as_tuple, validator=all_nonempty)
    source: Optional[Provenance] = None


@attrs.frozen
class AdditionalCompetency(Value):
    """Täiendav kompetents: "Name: description", or a plain item (name None)."""

    text: str = attrs.field(validator=nonempty)
    name: Optional[str] = attrs.field(default=None, validator=optional_nonempty)
    source: Optional[Provenance] = None


@attrs.frozen
class Requirements(Value):
    """Ametikohale esitatavad nõuded."""

    education: Optional[str] = attrs.field(default=None, validator=optional_nonempty)
    experience: Optional[str] = attrs.field(default=None, validator=optional_nonempty)
    languages: tuple[LanguageRequirement, ...] = attrs.field(default=(), converter=as_tuple)
    language_style: str = attrs.field(
        default="valdamine", validator=attrs.validators.in_(("valdamine", "valdab", "oskus")))
    computer_skills: Optional[Item] = None
    personal_qualities: Optional[str] = attrs.field(default=None, validator=optional_nonempty)


@attrs.frozen
class Approval(Value):
    """The "KINNITATUD … käskkirjaga nr N" header of an approved job description."""

    agency: str = attrs.field(validator=nonempty)
    signer_title: str = attrs.field(validator=nonempty)
    date: _dt.date = attrs.field(validator=attrs.validators.instance_of(_dt.date))
    number: str = attrs.field(validator=nonempty)
    annex: Optional[int] = None  # "Lisa N" when the directive has several annexes


@attrs.frozen
class Signature(Value):
    """The signature block: by the head ("head"), or by both parties ("both") for a töötaja."""

    signer_name: str = attrs.field(validator=nonempty)
    signer_title: str = attrs.field(validator=nonempty)
    mode: str = attrs.field(default="head", validator=attrs.validators.in_(("head", "both")))
    employee_name: Optional[str] = attrs.field(default=None, validator=optional_nonempty)
    employee_title: Optional[str] = attrs.field(default=None, validator=optional_nonempty)


@attrs.frozen
class JobDescription(Value):
    """Ametijuhend, fully composed: every standard item carries the block it came from."""

    general: GeneralPart
    purpose: str = attrs.field(validator=nonempty)
    duties: tuple[Duty, ...] = attrs.field(converter=as_tuple)
    agency: str = attrs.field(factory=default_agency, validator=nonempty)
    duties_heading: Optional[Item] = None
    rights_intro: Optional[Item] = None
    rights: tuple[Item, ...] = attrs.field(default=(), converter=as_tuple)
    responsibilities_intro: Optional[Item] = None
    responsibilities: tuple[Item, ...] = attrs.field(default=(), converter=as_tuple)
    work_tools: Optional[Item] = None
    requirements: Requirements = attrs.field(factory=Requirements)
    competencies: tuple[Competency, ...] = attrs.field(default=(), converter=as_tuple)
    additional: tuple[AdditionalCompetency, ...] = attrs.field(default=(), converter=as_tuple)
    amendment: tuple[Item, ...] = attrs.field(default=(), converter=as_tuple)
    approval: Optional[Approval] = None
    signature: Optional[Signature] = None
    number_dot: bool = False  # "3.1." rather than "3.1" in the duties
    heading_dot: bool = False  # "1.1." rather than "1.1" in the general part's labels
    unit_lines: str = attrs.field(default="joined",
                                  validator=attrs.validators.in_(("joined", "levels")))
    forms: Forms = attrs.field(default=(), converter=as_tuple)  # explicit: (phrase, case, form)
    # the blocks whose text the role changed (items added, removed, replaced, words changed);
    # an item's own provenance says whether that item was changed
    edited_blocks: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    # the agency's profile: its phrases, layouts and templates (the default profile unless given)
    profile: resources.Profile = attrs.field(factory=resources.profile, eq=False, repr=False)
    preset: Optional[str] = None
    source_file: Optional[str] = None

    def __attrs_post_init__(self):
        if not self.duties:
            raise ValueError("a job description needs at least one duty")
        if self.signature and self.signature.mode == "both" and self.general.position_group != "töötaja":
            raise ValueError("a signature by both parties is for a töötaja under an employment contract")
