"""Blocks and presets as values: a versioned standard text with its variants, a reference to one
(``ID[:VARIANT][@VERSION]``), and a preset bundling references per section."""

from __future__ import annotations

import re
from typing import Optional, Union

import attrs

from ..errors import AjdocError, Place, suggest
from ..values import Value

KINDS = ("text", "list", "competency", "additional", "duty")
ID_RE = re.compile(r"[a-z0-9][a-z0-9.\-]*")
REF_RE = re.compile(r"(?P<id>[a-z0-9][a-z0-9.\-]*)(?::(?P<variant>[a-z0-9][a-z0-9\-]*))?"
                    r"(?:@(?P<version>\d+))?")

# The sections of a job description that blocks fill; list sections hold several blocks.
SINGLE_SECTIONS = {
    "duties_heading": ("text",),
    "rights_intro": ("text",),
    "rights": ("list",),
    "responsibilities_intro": ("text",),
    "responsibilities": ("list",),
    "work_tools": ("text",),
    "computer_skills": ("text",),
    "additional": ("additional",),
    "amendment": ("list",),
}
LIST_SECTIONS = {"competencies": ("competency",), "duties": ("duty",)}
SECTIONS = {**SINGLE_SECTIONS, **LIST_SECTIONS}
OWN = "own"  # the place of the role's own duties in a preset's duty list


@attrs.frozen
class Named(Value):
    """An additional-competency item: "name: text", or plain text when name is None."""

    text: str
    name: Optional[str] = None


@attrs.frozen
class Variant(Value):
    """One wording of a block: a paragraph, list items, or a duty with results."""

    name: str
    source: Optional[str] = None
    text: Optional[str] = None
    items: tuple[Union[str, Named], ...] = ()
    subitems: tuple[str, ...] = ()
    results: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()  # the position groups this wording is for (empty: any)

    def suits(self, group: str) -> bool:
        """Whether this wording may stand in the job description of `group`."""
        return not self.groups or group in self.groups


@attrs.frozen
class Block(Value):
    """A versioned standard text with named variants."""

    id: str
    version: int
    kind: str
    title: str
    default: str
    variants: dict = attrs.field(hash=False)  # name -> Variant
    description: str = ""
    origin: str = ""  # the file it was read from

    def variant(self, name: Optional[str], place: Place | None = None) -> Variant:
        name = name or self.default
        if name not in self.variants:
            raise AjdocError(
                f"block '{self.id}@{self.version}' has no variant '{name}'; "
                f"its variants: {', '.join(self.variants)}"
                + (f" (the block is read from {self.origin})" if self.origin else ""), place,
                suggest(name, self.variants))
        return self.variants[name]

    def for_group(self, group: str) -> Optional[Variant]:
        """The variant written for `group` (the first marked for it), or None."""
        return next((v for v in self.variants.values() if group in v.groups), None)


@attrs.frozen
class Ref(Value):
    """A reference to a block: id, optional variant and version."""

    id: str
    variant: Optional[str] = None
    version: Optional[int] = None

    @classmethod
    def parse(cls, text: str, place: Place | None = None) -> "Ref":
        m = REF_RE.fullmatch(text.strip()) if isinstance(text, str) else None
        if not m:
            raise AjdocError(f"'{text}' is not a block reference; expected ID[:VARIANT][@VERSION] "
                             "such as competency.kliendikesksus:leader", place)
        return cls(m["id"], m["variant"], int(m["version"]) if m["version"] else None)

    def __str__(self) -> str:
        return self.id + (f":{self.variant}" if self.variant else "") + (
            f"@{self.version}" if self.version else "")


@attrs.frozen
class Preset(Value):
    """A named bundle of blocks: for each section the block reference(s), after inheritance."""

    id: str
    title: str
    sections: dict = attrs.field(hash=False)  # section -> Ref | tuple[Ref | "own", ...]
    position_group: str = "ametnik"
    # position group → {section or block id: variant}: the preset's wording for each group
    by_group: dict = attrs.field(factory=dict, hash=False)
    unit_lines: Optional[str] = None
    description: str = ""
    extends: Optional[str] = None
    chain: tuple[str, ...] = ()  # this preset and its ancestors
