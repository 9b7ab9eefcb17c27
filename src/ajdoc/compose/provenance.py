"""Provenance: where each item of a composed job description came from (a block id@version:variant,
or the role's own), section by section."""

from __future__ import annotations

from typing import Any, Callable, Optional

import attrs

from ..model import JobDescription, Provenance
from ..values import Value


@attrs.frozen
class ProvenanceRow(Value):
    """One item: its section, where it came from (None: the role's own) and its text."""

    section: str
    source: Optional[Provenance]
    text: str


def provenance(jd: JobDescription) -> list[ProvenanceRow]:
    """Every duty, list item, single text and competency set with the block it came from."""
    rows: list[ProvenanceRow] = []

    def add(section: str, items: tuple[Any, ...],
            text: Callable[[Any], str] = lambda i: str(i.text)) -> None:
        rows.extend(ProvenanceRow(section, getattr(i, "source", None), text(i)) for i in items)

    singles = (jd.duties_heading, jd.rights_intro, jd.responsibilities_intro, jd.work_tools,
               jd.requirements.computer_skills)
    add("duties", jd.duties)
    add("rights", jd.rights)
    add("responsibilities", jd.responsibilities)
    add("single texts", tuple(i for i in singles if i is not None))
    add("competencies", jd.competencies, lambda c: f"{c.name}: {len(c.indicators)} indicators")
    add("additional competencies", jd.additional,
        lambda a: f"{a.name}: {a.text}" if a.name else a.text)
    add("amendment", jd.amendment)
    return rows


SECTIONS = ("duties", "rights", "responsibilities", "single texts", "competencies",
            "additional competencies", "amendment")


def explain_lines(jd: JobDescription) -> list[str]:
    """Provenance as text, section by section (what `ajdoc explain` prints)."""
    out = [f"{jd.general.title} — preset {jd.preset}"
           + (f" ({jd.source_file})" if jd.source_file else ""),
           "general part: role's own", "purpose: role's own"]
    rows = provenance(jd)
    for section in SECTIONS:
        out.append(section)
        for r in rows:
            if r.section == section:
                src = str(r.source) if r.source else "role's own"
                out.append(f"  {src:44} {r.text[:70]}{'…' if len(r.text) > 70 else ''}")
    return out
