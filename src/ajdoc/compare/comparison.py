"""Comparing two composed job descriptions: the sections' changes, the volume and the verdict."""

from __future__ import annotations

from typing import Optional, Sequence

import attrs

from .. import resources
from ..errors import AjdocError, Place
from ..model import JobDescription
from .changes import Change, Section, section_changes
from .consent import CLOSING_DUTIES, DEFAULT_THRESHOLD, Verdict, Volume, verdict
from .report import report

SCHEMA = "ajdoc.diff/1"
SECTION_TITLES: dict[str, str] = {
    str(k): str(v) for k, v in resources.data("comparison.yaml")["sections"].items()}


@attrs.frozen
class Comparison:
    """Two job descriptions compared: each section's changes, the duties' volume, the verdict."""

    old_name: str
    new_name: str
    old_title: str
    new_title: str
    sections: tuple[Section, ...]
    volume: Volume
    verdict: Verdict
    layout: str = "2022"

    @property
    def changed(self) -> bool:
        return any(s.changes for s in self.sections)

    def section(self, sid: str) -> Section:
        return next(s for s in self.sections if s.id == sid)

    def changes(self, sid: Optional[str] = None) -> list[Change]:
        return [c for s in self.sections if sid in (None, s.id) for c in s.changes]

    def to_dict(self) -> dict:
        return {"schema": SCHEMA,
                "old": {"file": self.old_name, "title": self.old_title},
                "new": {"file": self.new_name, "title": self.new_title},
                "layout": self.layout, "changed": self.changed,
                "sections": [s.to_dict() for s in self.sections],
                "volume": self.volume.to_dict(), "verdict": self.verdict.to_dict()}

    def format(self, fmt: str = "text") -> str:
        """The report: "text", "markdown" or "json"."""
        return report(self, fmt)


def compare(old: JobDescription, new: JobDescription, *, threshold: float = DEFAULT_THRESHOLD,
            layout: str = "2022", closing: Sequence[str] = CLOSING_DUTIES,
            old_name: Optional[str] = None, new_name: Optional[str] = None) -> Comparison:
    """Compare two composed job descriptions section by section and give the consent verdict."""
    if not isinstance(threshold, (int, float)) or threshold < 0:
        raise AjdocError(f"the threshold is a share of the old volume (0.1 = 10 %), got "
                         f"{threshold!r}", Place(key="--threshold"))
    found = section_changes(old, new, layout, closing)
    sections = tuple(Section(k, SECTION_TITLES[k], v) for k, v in found.sections.items())
    volume = Volume.of(found.counts, threshold)
    return Comparison(old_name or old.source_file or "old", new_name or new.source_file or "new",
                      old.general.title, new.general.title, sections, volume,
                      verdict(old, new, sections, volume, found.purpose), layout)
