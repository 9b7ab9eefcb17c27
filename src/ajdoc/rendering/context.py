"""The template context: a composed model → the typed, plain (unescaped) values a template prints.

Every variable a template may use is declared here (``JobContext``, ``DirectiveContext``); the
template reference (docs/template-context.md) documents the same names. The sentences come from
``wording``; the headings and labels from the layout's data.
"""

from __future__ import annotations

import datetime as _dt
import warnings
from typing import Optional, TypedDict

from .. import resources, wording
from ..errors import AjdocError, Place
from ..model import Directive, Item, JobDescription
from .sections import SectionCtx, sections, top_lines, unnamed_fields


class LayoutWarning(UserWarning):
    """The chosen layout has no place for something the role holds."""


class GeneralCtx(TypedDict):
    title: str
    unit: str
    supervisor: str
    substituted_by: str
    substitutes: str
    subordinates: str
    position_group: str
    has_special: bool
    special_label: str
    special_text: str


class DutyCtx(TypedDict):
    number: str
    text: str
    subitems: list[str]
    results: list[str]


class CompetencyCtx(TypedDict):
    name: str
    indicators: list[str]


class AdditionalCtx(TypedDict):
    name: str
    text: str


class SignatureCtx(TypedDict):
    label: str
    lines: list[str]


class DocProps(TypedDict):
    title: str
    author: str
    date: Optional[_dt.date]


class JobContext(TypedDict):
    """What a job-description template prints."""

    approval_lines: list[str]
    doc_title: str
    h: dict[str, str]
    g: GeneralCtx
    purpose: str
    duties: list[DutyCtx]
    rights_intro: str
    rights: list[str]
    responsibilities_intro: str
    responsibilities: list[str]
    work_tools: str
    education: str
    experience: str
    languages: list[str]
    computer_skills: str
    personal_qualities: str
    competencies: list[CompetencyCtx]
    additional: list[AdditionalCtx]
    amendment: list[str]
    amendment_bullets: bool
    signature_heading: str
    signatures: list[SignatureCtx]
    top_lines: list[str]
    sections: list[SectionCtx]
    unprinted: list[str]
    doc_props: DocProps


class SubpointCtx(TypedDict):
    number: str
    text: str


class PointCtx(TypedDict):
    number: str
    text: str
    subpoints: list[SubpointCtx]


class DirectiveCtx(TypedDict):
    heading: str
    date_number: str
    title: str
    preamble: str
    signature_lines: list[str]
    points: list[PointCtx]
    closing: list[str]


class DirectiveContext(TypedDict, total=False):
    """What a directive template prints; the combined template also loops over ``annexes``."""

    d: DirectiveCtx
    doc_props: DocProps
    annexes: list[JobContext]


def _text(item: Optional[Item]) -> str:
    return item.text if item is not None else ""


def job_context(jd: JobDescription, layout: str = "2022") -> JobContext:
    """The plain (unescaped) template context of a job description in `layout`."""
    lay = jd.profile.layout(layout)
    dash = jd.profile.phrases["missing"]
    g = jd.general
    heading = wording.duties_heading(jd)
    h = {k: wording.heading(str(v).format(duties_heading=heading), jd)
         for k, v in lay.get("headings", {}).items()}
    sc = g.special_conditions
    return {
        "approval_lines": wording.approval_lines(jd),
        "doc_title": wording.document_title(jd),
        "h": h,
        "g": {
            "title": g.title, "unit": wording.unit_text(jd, jd.unit_lines),
            "supervisor": g.supervisor,
            "substituted_by": g.substituted_by or dash, "substitutes": g.substitutes or dash,
            "subordinates": g.subordinates or dash,
            "position_group": g.position_group[:1].upper() + g.position_group[1:],
            "has_special": sc is not None,
            "special_label": sc.label if sc else "",
            "special_text": sc.text if sc else "",
        },
        "purpose": jd.purpose,
        "duties": [{"number": wording.duty_number(jd, layout, i), "text": d.text,
                    "subitems": list(d.subitems), "results": list(d.results)}
                   for i, d in enumerate(jd.duties, 1)],
        "rights_intro": _text(jd.rights_intro),
        "rights": [i.text for i in jd.rights],
        "responsibilities_intro": _text(jd.responsibilities_intro),
        "responsibilities": [i.text for i in jd.responsibilities],
        "work_tools": _text(jd.work_tools),
        "education": jd.requirements.education or "",
        "experience": jd.requirements.experience or "",
        "languages": wording.language_lines(jd),
        "computer_skills": _text(jd.requirements.computer_skills),
        "personal_qualities": jd.requirements.personal_qualities or "",
        "competencies": [{"name": c.name, "indicators": list(c.indicators)}
                         for c in jd.competencies],
        "additional": [{"name": a.name or "", "text": a.text} for a in jd.additional],
        "amendment": [i.text for i in jd.amendment],
        "amendment_bullets": len(jd.amendment) > 1,
        "signature_heading": wording.signature_heading(jd),
        "signatures": [{"label": s["label"], "lines": s["lines"]}
                       for s in wording.signature_blocks(jd)],
        "top_lines": top_lines(jd, lay),
        "sections": sections(jd, lay, layout),
        "unprinted": unplaced(jd, layout),
        "doc_props": {"title": _property(wording.document_property_title(jd), jd.source_file,
                                         "general.title"),
                      "author": jd.approval.agency if jd.approval else jd.agency,
                      "date": jd.approval.date if jd.approval else None},
    }


PROPERTY_LIMIT = 255  # characters Word keeps in a core property (the document's title)


def _property(text: str, file: Optional[str], key: str) -> str:
    """`text` as a core property, refused (naming the file and key) when Word cannot hold it."""
    if len(text) > PROPERTY_LIMIT:
        raise AjdocError(f"the document's title property would be {len(text)} characters; Word "
                         f"holds at most {PROPERTY_LIMIT}", Place(file=file, key=key),
                         "shorten the title")
    return text


def unplaced(jd: JobDescription, layout: str) -> list[str]:
    """What the role holds that `layout` has no place for (each a warning, never dropped silently):
    what the layout says it lacks, and for a layout described in data, what it does not name."""
    lay = jd.profile.layout(layout)
    lacks = set(lay.get("lacks", ())) | unnamed_fields(lay)
    g, reqs = jd.general, jd.requirements
    present = {
        "subordinates": g.subordinates, "special_conditions": g.special_conditions,
        "substituted_by": g.substituted_by, "substitutes": g.substitutes,
        "personal_qualities": reqs.personal_qualities, "education": reqs.education,
        "experience": reqs.experience, "languages": reqs.languages,
        "computer_skills": reqs.computer_skills, "work_tools": jd.work_tools,
        "competencies": jd.competencies, "additional": jd.additional, "rights": jd.rights,
        "responsibilities": jd.responsibilities, "amendment": jd.amendment,
        "purpose": jd.purpose, "results": any(d.results for d in jd.duties),
    }
    return [k for k in sorted(lacks) if present.get(k)]


def warn_unprinted(jd: JobDescription, layout: str, unprinted: list[str], what: str,
                   stacklevel: int) -> None:
    """A LayoutWarning for each thing the layout cannot show."""
    for field in unprinted:
        warnings.warn(f"{jd.source_file or what}: the {layout} layout has no place for "
                      f"{field.replace('_', ' ')}; it is not printed", LayoutWarning,
                      stacklevel=stacklevel)


def directive_context(d: Directive) -> DirectiveContext:
    """The directive's context: `d` (heading, points, closing, signature) and `doc_props`."""
    head = wording.header(d)
    return {
        "d": {"heading": head["heading"], "date_number": head["date_number"],
              "title": head["title"], "preamble": head["preamble"],
              "signature_lines": list(head["signature_lines"]),
              "points": [{"number": p.number, "text": p.text,
                          "subpoints": [{"number": n, "text": t} for n, t in p.subpoints]}
                         for p in wording.points(d)],
              "closing": wording.closing(d)},
        "doc_props": {"title": _property(wording.directive_property_title(d), d.source_file,
                                         "title"), "author": d.agency,
                      "date": d.date},
    }


def annex_contexts(d: Directive) -> list[JobContext]:
    """Each annex's job-description context, in the directive's layout."""
    out = []
    for jd in d.annexes:
        ctx = job_context(jd, d.layout)
        warn_unprinted(jd, d.layout, ctx["unprinted"], "annex", stacklevel=4)
        out.append(ctx)
    return out
