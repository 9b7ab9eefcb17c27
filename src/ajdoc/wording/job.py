"""The job description's sentences: duty numbers, language requirements, the approval header,
the signature, the title lines."""

from __future__ import annotations

import re
from typing import Optional

from .. import language, resources
from ..errors import Place
from ..model.text import forms_map
from ..model import JobDescription, LanguageRequirement
from .legal import in_sentence, inflect


def duty_number(jd: JobDescription, layout: str, index: int) -> str:
    """"3.12" (2022) or "2.12." (2025, or with the role's trailing dot): the duty's number."""
    lay = jd.profile.layout(layout)
    section = lay.get("duties_section") or next(  # else the place of the duties' section
        (n for n, s in enumerate(lay.get("sections", ()), 1) if s.get("numbered") == "duties"), 1)
    n = f"{section}.{index}"
    return n + "." if (jd.number_dot or lay.get("number_dot", False)) else n


def language_lines(jd: JobDescription) -> list[str]:
    """The language requirements as sentences, in the role's style."""
    return [language_line(req, jd.requirements.language_style, jd.profile.phrases)
            for req in jd.requirements.languages]


def language_line(req: LanguageRequirement, style: str, ph: Optional[dict] = None) -> str:
    """One language requirement as a sentence ("Eesti keele valdamine vähemalt tasemel C1.")."""
    if req.text:
        return req.text
    ph = ph or resources.phrases()
    names = ph["language_join"].join(req.languages)
    return str(ph["language_requirement"][style]).format(
        Languages=names[:1].upper() + names[1:], languages=names,
        at_least=ph["at_least"] if req.at_least else "", level=req.level)


def approval_lines(jd: JobDescription) -> list[str]:
    """The approval header: "KINNITATUD", the agency and signer in the genitive with the date,
    "käskkirjaga nr N", and "Lisa K" for an annex of several."""
    if jd.approval is None:
        return []
    forms = forms_map(jd.forms)
    a = jd.approval
    ph = jd.profile.phrases
    place = Place(file=jd.source_file, key="approved")
    values = dict(agency_genitive=inflect(a.agency, "genitive", forms, place),
                  signer_genitive=in_sentence(a.signer_title, "genitive", forms, place),
                  date=language.short_date(a.date), number=a.number)
    lines = [line.format(**values) for line in ph["approval"]]
    if a.annex is not None:
        lines.append(ph["annex"].format(n=a.annex))
    return lines


def signature_blocks(jd: JobDescription) -> list[dict]:
    """The signature: one block (the head), or the employer's and the employee's side by side."""
    s = jd.signature
    if s is None:
        return []
    ph = jd.profile.phrases
    head = {"label": "", "lines": [ph["signed"], s.signer_name, s.signer_title]}
    if s.mode == "head":
        return [head]
    employee = [ph["signed"]] + [x for x in (s.employee_name, s.employee_title) if x]
    return [dict(head, label=ph["employer"]), {"label": ph["employee"], "lines": employee}]


def signature_heading(jd: JobDescription) -> str:
    """"Poolte allkirjad:" above a signature by both parties; empty for a single signature."""
    s = jd.signature
    return str(jd.profile.phrases["signatures_heading"]) if s and s.mode == "both" else ""


def heading(text: str, jd: JobDescription) -> str:
    """A layout's heading or label with the role's numbering style: "1.1 Ametinimetus" becomes
    "1.1. Ametinimetus" when the role numbers with a trailing dot."""
    if jd.heading_dot:
        return re.sub(r"^(\d+(?:\.\d+)+)(?=\s)", r"\1.", text)
    return text


def unit_text(jd: JobDescription, lines: str = "joined") -> str:
    """The unit as the general part prints it: "Osakond, talitus (tiim)" on one line, or one line
    per level."""
    if lines == "levels":
        return "\n".join(jd.general.unit.path)
    return str(jd.general.unit)


def document_title(jd: Optional[JobDescription] = None) -> str:
    """The job description's title line (the profile's `document_title`)."""
    return str((jd.profile.settings if jd else resources.defaults())["document_title"])


def duties_heading(jd: JobDescription) -> str:
    """The duties section's heading: the role's duties-heading block, else the default."""
    return jd.duties_heading.text if jd.duties_heading else str(
        jd.profile.settings["duties_heading"])


def document_property_title(jd: JobDescription) -> str:
    return str(jd.profile.settings["property_title"]).format(title=jd.general.title)
