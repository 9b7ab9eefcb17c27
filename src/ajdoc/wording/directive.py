"""The directive's sentences: the approving or amending point, the repeals, entry into force, the
preamble, the appeal clause and the signature — generated from the Directive and the phrases."""

from __future__ import annotations

from typing import Optional

import attrs

from .. import language, resources
from ..errors import Place
from ..model.text import forms_map
from ..model import Directive, JobDescription, Repeal
from ..model.job import Unit
from ..values import Value
from .legal import fill, in_sentence, inflect, join, legal_basis, quoted, ranges


@attrs.frozen
class Point(Value):
    """A numbered point of the directive, with numbered subpoints."""

    number: str
    text: str
    subpoints: tuple[tuple[str, str], ...] = ()


def _phrases(d: Directive) -> dict:
    return d.profile.phrases["directive"]


def _unit_genitive(unit: Optional[Unit], forms: dict, place: Place) -> str:
    if unit is None:
        return ""
    return " ".join(in_sentence(part, "genitive", forms, place) for part in unit.path)


def _below(jd: JobDescription, unit: Optional[Unit]) -> Optional[Unit]:
    """The part of the annex's unit below the directive's unit (None: nothing below it)."""
    path = jd.general.unit.path
    top = unit.path if unit is not None else ()
    rest = path[len(top):] if path[:len(top)] == top else path
    return Unit(*rest) if rest else None


def agency_genitive(d: Directive, forms: dict) -> str:
    return inflect(d.agency, "genitive", forms, Place(file=d.source_file, key="agency"))


def _approving_point(d: Directive, forms: dict) -> Point:
    """Point 1: approving (or amending) the annexes; the phrases may name the agency, the unit,
    each post (nominative or genitive) and its unit below the directive's."""
    ph = _phrases(d)[d.kind]
    place = Place(file=d.source_file, key="unit")
    unit_gen = _unit_genitive(d.unit, forms, place)
    n = len(d.annexes)
    common = dict(agency_genitive=agency_genitive(d, forms), unit_genitive=unit_gen)
    if n == 1:
        jd = d.annexes[0]
        title_gen = in_sentence(jd.general.title, "genitive", forms,
                                Place(file=d.source_file, key="annexes[1]"))
        below = _below(jd, d.unit)
        if below is not None:
            common["unit_genitive"] = " ".join(
                x for x in (unit_gen, _unit_genitive(below, forms, place)) if x)
        return Point("1.", fill(ph["one"], title_genitive=title_gen, **common))
    subs = []
    for i, jd in enumerate(d.annexes, 1):
        sub = _below(jd, d.unit)
        where = Place(file=d.source_file, key=f"annexes[{i}]")
        subs.append((f"1.{i}.", fill(
            ph["item"], subunit_genitive=_unit_genitive(sub, forms, place) if sub else "",
            title=in_sentence(jd.general.title, "nominative", forms, where),
            title_genitive=in_sentence(jd.general.title, "genitive", forms, where)
            if "{title_genitive}" in ph["item"] else "",
            n=i, end=";" if i < n else ".")))
    return Point("1.", fill(ph["many"], range=ranges(range(1, n + 1), d.style, d.profile.phrases),
                            **common), tuple(subs))


def _repealed(repeals: list[Repeal], d: Directive, forms: dict) -> str:
    """The repealed things of one point: directives, annexes, approved job descriptions."""
    ph = _phrases(d)
    place = Place(file=d.source_file, key="repeals")
    groups: list[str] = []
    directives = [r for r in repeals if r.scope == "directive"]
    items, signer = [], None
    for r in directives:  # the signer said once for a run of the same signer's directives
        items.append(fill(
            ph["repealed_directive"], signer_genitive="" if r.signer_title == signer else
            in_sentence(r.signer_title, "genitive", forms, place),
            date=language.short_date(r.date), number=r.number,
            title=quoted(r.title, d.style, d.profile.phrases)))
        signer = r.signer_title
    if items:
        groups.append(join(items, ph=d.profile.phrases))
    for r in (r for r in repeals if r.scope == "annexes"):
        words = ph["annex_words"]["one" if len(r.annexes) == 1 else "many"]
        groups.append(fill(
            ph["repealed_annexes"],
            signer_genitive=in_sentence(r.signer_title, "genitive", forms, place),
            date=language.short_date(r.date), number=r.number,
            annexes=f"{words} {ranges(r.annexes, d.style, d.profile.phrases)}"))
    approving = [r for r in repeals if r.scope == "job_descriptions"]
    by_signer: dict[str, list[Repeal]] = {}
    for r in approving:
        by_signer.setdefault(r.signer_title, []).append(r)
    for signer_title, rs in by_signer.items():
        refs = join([fill(ph["approving_directive"], date=language.short_date(r.date),
                          number=r.number) for r in rs], ph=d.profile.phrases)
        groups.append(fill(ph["repealed_job_descriptions"], directives=refs,
                           signer_genitive=in_sentence(signer_title, "genitive", forms, place)))
    return join(groups, d.profile.phrases["lists"]["groups_and"], d.profile.phrases)


def _in_force(d: Directive) -> str:
    ph = _phrases(d)
    when = (language.long_date(d.entry_into_force) if d.entry_into_force
            else ph["signing"][d.style.signing])
    if d.retroactive_from is None:
        return fill(ph["in_force"], when=when)
    many = "many" if len(d.annexes) > 1 else "one"
    return fill(ph["in_force_retroactive"], when=when, point=1,
                participle=ph["participle"][d.kind],
                job_descriptions=ph["job_descriptions_partitive"][many],
                from_date=language.long_date(d.retroactive_from, "elative"))


def points(d: Directive) -> list[Point]:
    """The directive's numbered points: approving (or amending) the annexes, the repeals, entry
    into force; numbered from what is present."""
    forms = forms_map(d.forms)
    out = [_approving_point(d, forms)]
    if d.repeals:
        groups = [list(d.repeals)] if d.style.repeal_points == "together" else \
            [[r] for r in d.repeals]
        for group in groups:
            out.append(Point(f"{len(out) + 1}.", fill(_phrases(d)["repeal"],
                                                      what=_repealed(group, d, forms))))
    if d.in_force_point:
        out.append(Point(f"{len(out) + 1}.", _in_force(d)))
    return out


def closing(d: Directive) -> list[str]:
    """The paragraphs after the points: the appeal clause (the file's own, or the phrase's with
    the agency in the allative; none when the agency's phrases have none)."""
    if d.appeal:
        return [d.appeal]
    if not _phrases(d).get("appeal"):
        return []
    allative = inflect(d.agency, "allative", forms_map(d.forms),
                       Place(file=d.source_file, key="agency"))
    return [_phrases(d)["appeal"].format(agency_allative=allative)]


def signer_line(d: Directive) -> str:
    """The signer's title as printed, or for an acting signer the title standing in for the
    principal (the phrase `directive.acting`); with a capital when the style says so."""
    if d.acting_for:
        principal = in_sentence(d.acting_for, "genitive", forms_map(d.forms),
                                Place(file=d.source_file, key="signer.acting_for"))
        text = _phrases(d)["acting"].format(title=d.signer_title,
                                           principal_genitive=principal)
    else:
        text = d.signer_title
    if d.style.signer_capital:
        return text[:1].upper() + text[1:]
    return language.sentence_case(text)


def preamble(d: Directive) -> str:
    """The legal basis: the file's own text, or the acts joined ("… alusel")."""
    if d.legal_basis:
        return d.legal_basis
    return legal_basis(d.legal_acts, d.style, forms_map(d.forms),
                       Place(file=d.source_file, key="legal_basis"), d.profile.phrases)


def header(d: Directive) -> dict:
    """The directive's heading, date and number, title, preamble and signature lines."""
    ph = _phrases(d)
    return {"heading": ph["heading"],
            "date_number": ph["date_number"].format(date=language.short_date(d.date),
                                                    number=d.number),
            "title": d.title,
            "preamble": preamble(d),
            "signature_lines": [ph["signed"], d.signer_name, signer_line(d)]}


def directive_property_title(d: Directive) -> str:
    return str(d.profile.settings["directive"]["property_title"]).format(
        date=language.short_date(d.date), number=d.number, title=d.title)


def default_directive_title(amending: bool = False, many: bool = False,
                            profile: resources.ProfileArg = None) -> str:
    """The title the agency gives a directive of this kind and count (when the title names no
    post; see `directive_title`)."""
    titles = resources.phrases(profile)["directive"]["titles"]
    return str(titles["amend" if amending else "approve"]["many" if many else "one"])


def directive_title(kind: str, titles: list[str], forms: dict, place: Place,
                    profile: resources.ProfileArg = None) -> str:
    """The directive's title by kind and count; the agency's phrase may name the posts
    (`{titles_genitive}`: "Teehoiuteenistuse direktori ja nõuniku")."""
    ph = resources.phrases(profile)["directive"]["titles"][kind]
    phrase = str(ph["many" if len(titles) > 1 else "one"])
    if "{titles_genitive}" not in phrase:
        return phrase
    named = join([in_sentence(t, "genitive", forms, place) for t in dict.fromkeys(titles)],
                 ph=resources.phrases(profile))
    text = phrase.format(titles_genitive=named)
    return text[:1].upper() + text[1:]
