"""Wording: the model → the Estonian sentences the documents print.

Pure functions, no Word: duty numbers, language-requirement sentences, the approval header, the
signature lines and the directive's points, preamble and appeal. The words come from the phrase
data (``data/phrases.yaml``) and the agency's defaults (``data/defaults.yaml``) through
``resources``; the case forms from ``language``. A phrase that cannot be formed raises an
``AjdocError`` placed at the file and key it came from.
"""

from __future__ import annotations

import attrs

from . import language, resources
from .errors import AjdocError, Place
from .model import Directive, JobDescription


def _inflect(text: str, case: str, forms: dict, place: Place) -> str:
    try:
        return language.inflect(text, case, explicit=forms)
    except AjdocError as exc:
        raise exc.at(place)


# -- job descriptions ---------------------------------------------------------------------------
def duty_number(jd: JobDescription, layout: str, index: int) -> str:
    """"3.12" (2022) or "2.12." (2025, or with the role's trailing dot): the duty's number."""
    lay = resources.layout(layout)
    n = f"{lay['duties_section']}.{index}"
    return n + "." if (jd.number_dot or lay.get("number_dot", False)) else n


def language_lines(jd: JobDescription) -> list[str]:
    """The language requirements as sentences, in the role's style."""
    ph = resources.phrases()
    pattern = ph["language_requirement"][jd.requirements.language_style]
    out = []
    for req in jd.requirements.languages:
        if req.text:
            out.append(req.text)
            continue
        names = ph["language_join"].join(req.languages)
        out.append(pattern.format(Languages=names[:1].upper() + names[1:], languages=names,
                                  at_least=ph["at_least"] if req.at_least else "",
                                  level=req.level))
    return out


def approval_lines(jd: JobDescription) -> list[str]:
    """The approval header: "KINNITATUD", the agency and signer in the genitive with the date,
    "käskkirjaga nr N", and "Lisa K" for an annex of several."""
    if jd.approval is None:
        return []
    forms = dict(jd.forms)
    a = jd.approval
    ph = resources.phrases()
    place = Place(file=jd.source_file, key="approved")
    values = dict(agency_genitive=_inflect(a.agency, "genitive", forms, place),
                  signer_genitive=_inflect(a.signer_title, "genitive", forms, place),
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
    ph = resources.phrases()
    head = {"label": "", "lines": [ph["signed"], s.signer_name, s.signer_title]}
    if s.mode == "head":
        return [head]
    employee = [ph["signed"]] + ([s.employee_name] if s.employee_name else [])
    return [dict(head, label=ph["employer"]), {"label": ph["employee"], "lines": employee}]


def document_title() -> str:
    """The job description's title line ("AMETIJUHEND")."""
    return str(resources.defaults()["document_title"])


def duties_heading(jd: JobDescription) -> str:
    """The duties section's heading: the role's duties-heading block, else the default."""
    return jd.duties_heading.text if jd.duties_heading else str(
        resources.defaults()["duties_heading"])


def document_property_title(jd: JobDescription) -> str:
    return str(resources.defaults()["property_title"]).format(title=jd.general.title)


# -- directives ---------------------------------------------------------------------------------
@attrs.frozen
class Point:
    """A numbered point of the directive, with numbered subpoints."""

    number: str
    text: str
    subpoints: tuple[tuple[str, str], ...] = ()


def _directive_phrases() -> dict:
    return resources.phrases()["directive"]


def points(d: Directive) -> list[Point]:
    """The directive's numbered points: approving the annexes, repealing earlier directives,
    entry into force; numbered from what is present."""
    ph = _directive_phrases()
    forms = dict(d.forms)
    unit_place = Place(file=d.source_file, key="unit")
    unit_gen = language.lower_first(" ".join(
        _inflect(part, "genitive", forms, unit_place) for part in d.unit.path))
    out: list[Point] = []
    n = len(d.annexes)
    if n == 1:
        title_gen = _inflect(d.annexes[0].general.title, "genitive", forms,
                             Place(file=d.source_file, key="annexes[1]"))
        out.append(Point("1.", ph["approve_one"].format(
            unit_genitive=unit_gen, title_genitive=language.lower_first(title_gen))))
    else:
        subs = tuple((f"1.{i}.", ph["approve_item"].format(
            title=language.lower_first(jd.general.title), n=i, end=";" if i < n else "."))
            for i, jd in enumerate(d.annexes, 1))
        out.append(Point("1.", ph["approve_many"].format(unit_genitive=unit_gen, n=n), subs))
    for r in d.repeals:
        signer_gen = _inflect(r.signer_title, "genitive", forms,
                              Place(file=d.source_file, key="repeals"))
        out.append(Point(f"{len(out) + 1}.", ph["repeal"].format(
            signer_genitive=signer_gen, date=language.short_date(r.date), number=r.number,
            title=r.title)))
    in_force = (ph["in_force_on"].format(long_date=language.long_date(d.entry_into_force))
                if d.entry_into_force else ph["in_force_on_signing"])
    out.append(Point(f"{len(out) + 1}.", in_force))
    return out


def closing(d: Directive) -> list[str]:
    """The paragraphs after the points: the appeal clause (the file's own, or the phrase's with
    the agency in the allative)."""
    if d.appeal:
        return [d.appeal]
    allative = _inflect(d.agency, "allative", dict(d.forms),
                        Place(file=d.source_file, key="agency"))
    return [_directive_phrases()["appeal"].format(agency_allative=allative)]


def header(d: Directive) -> dict:
    """The directive's heading, date and number, title, preamble and signature lines."""
    ph = _directive_phrases()
    return {"heading": ph["heading"],
            "date_number": ph["date_number"].format(date=language.short_date(d.date),
                                                    number=d.number),
            "title": d.title,
            "preamble": d.legal_basis or ph["legal_basis"],
            "signature_lines": [ph["signed"], d.signer_name, d.signer_title]}


def directive_property_title(d: Directive) -> str:
    return str(resources.defaults()["directive"]["property_title"]).format(
        date=language.short_date(d.date), number=d.number, title=d.title)


def default_directive_title(amending: bool = False) -> str:
    """The directive title the agency uses when the file gives none."""
    return str(resources.defaults()["directive"]["amending_title" if amending else "title"])
