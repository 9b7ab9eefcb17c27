"""A layout described in data: the lines on top and the sections in order, each with its heading
and its content (label–value rows, paragraphs, numbered duties, bullets) — so that an agency's
profile lays out its job descriptions without a template of its own.

A layout's ``top:`` lists line templates (``{annex}``, ``{agency}``, ``{unit}``, ``{unit_top}``,
``{title}``, ``{title_genitive}``, ``{doc_title}``; ``upper: true`` for capitals) and its
``sections:`` list ``{heading, rows | paragraphs | numbered | bullets}``: rows are ``{label,
value, case}`` with a value named from ``FIELDS``; ``paragraphs`` and ``bullets`` name a field;
``numbered: duties`` prints the duties with their numbers and sub-items. With ``numbering:
{sections: "{n}. ", rows: "{section}.{n}. "}`` the sections and the rows printed are numbered in
order (a row left out for want of a value takes no number); without it, labels are printed as
written.
"""

from __future__ import annotations

from typing import Any, Callable, Optional, TypedDict

from .. import wording
from ..errors import Place
from ..model import Item, JobDescription
from ..model.text import forms_map


class RowCtx(TypedDict):
    label: str
    value: str


class NumberedCtx(TypedDict):
    number: str
    text: str
    subitems: list[str]


class SectionCtx(TypedDict):
    heading: str
    rows: list[RowCtx]
    paragraphs: list[str]
    numbered: list[NumberedCtx]
    bullets: list[str]


def _text(item: Optional[Item]) -> str:
    return item.text if item is not None else ""


# the fields a layout's data may print: name → the job description's value (text or lines)
FIELDS: dict[str, Callable[[JobDescription], Any]] = {
    "title": lambda jd: jd.general.title,
    "unit": lambda jd: wording.unit_text(jd, jd.unit_lines),
    "unit_top": lambda jd: jd.general.unit.department,
    "unit_bottom": lambda jd: jd.general.unit.path[-1],
    "supervisor": lambda jd: jd.general.supervisor,
    "appointed_by": lambda jd: jd.general.appointed_by or str(
        jd.profile.settings.get("appointed_by", "")),
    "substituted_by": lambda jd: jd.general.substituted_by or "",
    "substitutes": lambda jd: jd.general.substitutes or "",
    "subordinates": lambda jd: jd.general.subordinates or "",
    "position_group": lambda jd: jd.general.position_group,
    "purpose": lambda jd: jd.purpose,
    "rights": lambda jd: [i.text for i in jd.rights],
    "rights_intro": lambda jd: _text(jd.rights_intro),
    "responsibilities": lambda jd: [i.text for i in jd.responsibilities],
    "responsibilities_intro": lambda jd: _text(jd.responsibilities_intro),
    "work_tools": lambda jd: _text(jd.work_tools),
    "education": lambda jd: jd.requirements.education or "",
    "experience": lambda jd: jd.requirements.experience or "",
    "languages": wording.language_lines,
    "computer_skills": lambda jd: _text(jd.requirements.computer_skills),
    "personal_qualities": lambda jd: jd.requirements.personal_qualities or "",
    "amendment": lambda jd: [i.text for i in jd.amendment],
}


def _value(jd: JobDescription, name: str, case: Optional[str] = None) -> Any:
    value = FIELDS[name](jd)
    if case and isinstance(value, str) and value:
        return wording.in_sentence(value, case, forms_map(jd.forms),
                                   Place(file=jd.source_file, key=f"general.{name}"))
    return value


def _lines(value: Any) -> list[str]:
    return [v for v in value if v] if isinstance(value, list) else ([value] if value else [])


def top_lines(jd: JobDescription, lay: dict) -> list[str]:
    """The lines on top of the layout: the annex number, the agency, the unit, the post."""
    forms = forms_map(jd.forms)
    place = Place(file=jd.source_file, key="general.title")
    values = {
        "annex": "" if jd.approval is None else str(jd.profile.phrases["annex"]).format(
            n=jd.approval.annex) if jd.approval.annex else str(jd.profile.phrases["annex_one"]),
        "agency": jd.agency, "unit": str(jd.general.unit),
        "unit_top": jd.general.unit.department, "title": jd.general.title,
        "title_genitive": wording.inflect(jd.general.title, "genitive", forms, place)
        if any("title_genitive" in str(t) for t in lay.get("top", ())) else "",
        "doc_title": wording.document_title(jd)}
    out = []
    for line in lay.get("top", ()):
        spec = line if isinstance(line, dict) else {"text": line}
        text = wording.fill(str(spec["text"]), **values)
        if text:
            out.append(text.upper() if spec.get("upper") else text)
    return out


def sections(jd: JobDescription, lay: dict, layout: str) -> list[SectionCtx]:
    """The layout's sections, filled from the job description."""
    out: list[SectionCtx] = []
    numbering = lay.get("numbering") or {}
    for n, spec in enumerate(lay.get("sections", ()), 1):
        number = str(numbering.get("sections", "")).format(n=n)
        section: SectionCtx = {"heading": number + wording.heading(str(spec.get("heading", "")),
                                                                   jd),
                               "rows": [], "paragraphs": [], "numbered": [], "bullets": []}
        for row in spec.get("rows", ()):
            value = _value(jd, row["value"], row.get("case"))
            text = "\n".join(_lines(value))
            if text or row.get("always"):
                label = str(numbering.get("rows", "")).format(
                    section=n, n=len(section["rows"]) + 1) + str(row["label"])
                section["rows"].append({"label": wording.heading(label, jd),
                                        "value": text or jd.profile.phrases["missing"]})
        if spec.get("intro"):
            section["paragraphs"] += _lines(_value(jd, spec["intro"]))
        if spec.get("paragraphs"):
            section["paragraphs"] += _lines(_value(jd, spec["paragraphs"]))
        if spec.get("numbered") == "duties":
            section["numbered"] = [{"number": wording.duty_number(jd, layout, i),
                                    "text": d.text, "subitems": list(d.subitems)}
                                   for i, d in enumerate(jd.duties, 1)]
        if spec.get("bullets"):
            section["bullets"] = _lines(_value(jd, spec["bullets"]))
        out.append(section)
    return out


# what a job description holds that only a template's own layout prints (not a field of FIELDS)
TEMPLATE_ONLY = ("results", "competencies", "additional", "special_conditions")


def _named(lay: dict) -> set[str]:
    """The fields a layout's data names (its rows, paragraphs, bullets and intros; duties)."""
    used = {str(row["value"]) for s in lay.get("sections", ()) for row in s.get("rows", ())}
    used |= {str(s[k]) for s in lay.get("sections", ()) for k in ("paragraphs", "bullets", "intro")
             if s.get(k)}
    return used | {"duties" for s in lay.get("sections", ()) if s.get("numbered") == "duties"}


def unnamed_fields(lay: dict) -> set[str]:
    """For a layout described in data, what a job description may hold that it does not print
    (none for a layout of a template of its own: its `lacks:` says)."""
    if "sections" not in lay:
        return set()
    return (set(FIELDS) | set(TEMPLATE_ONLY)) - _named(lay)


def unknown_fields(lay: dict) -> list[str]:
    """The field names a layout's data uses that ajdoc does not know (for `ajdoc profile check`)."""
    return sorted(u for u in _named(lay) if u not in FIELDS and u != "duties")

