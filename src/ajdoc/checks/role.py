"""Lint: what is valid but likely wrong in a role or directive file, each with its place.

`ajdoc check` prints these as warnings (`--strict` makes them errors). The checks: a duty
without expected results; the same expected result twice; a role that substitutes itself or is
its own supervisor; an Estonian language requirement above C1 (the language act caps what an
employer may require at C1; foreign languages may go to C2); an empty section; a standard block
pinned to a version older than the library's current one; a directive entering into force before
its date; annex numbers with gaps.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence

from .. import yamlio
from ..compose.role import compose
from ..errors import Place
from ..library import Library, load_library
from ..resources import ProfileArg
from ..model import JobDescription, Provenance, Ref
from ..schema.role import read_role
from ..wording.job import duty_number
from .agency import lint_role_agency
from .findings import Checked, Warning
from .titles import Titles

ESTONIAN = {"eesti"}
ESTONIAN_CAP = "C1"


def _duty_line(node: Optional[yamlio.Node], text: str) -> Optional[int]:
    if node is None or not node.has("duties"):
        return None
    try:
        for d in node.req("duties").as_list():
            if d.is_map() and d.value.get("text") is not None and str(d.value["text"]).strip() == text:
                return d.line
    except Exception:
        return None
    return None


def lint_role(jd: JobDescription, library: Optional[Library] = None,
              node: Optional[yamlio.Node] = None, layout: str = "2022") -> list[Warning]:
    """The lint warnings of a composed job description (`node`: its file, for line numbers)."""
    lib = library or load_library()
    f = jd.source_file
    out: list[Warning] = []

    def warn(code: str, message: str, key: str | None = None, line: int | None = None) -> None:
        out.append(Warning(Place(file=f, line=line, key=key), message, code))

    lacks = set(jd.profile.layout(layout).get("lacks", ()))
    seen_results: dict[str, str] = {}
    for i, d in enumerate(jd.duties, 1):
        num = duty_number(jd, layout, i)
        where = f"duties ({num} {d.source.block_id if d.source else d.text[:40]})"
        line = None if d.source else _duty_line(node, d.text)
        if not d.results and "results" not in lacks:
            warn("duty-without-results", f"duty {num} has no expected results", where, line)
        for r in d.results:
            key = " ".join(r.lower().split())
            if key in seen_results:
                warn("result-twice", f"expected result '{r[:50]}' stands twice (duty "
                     f"{seen_results[key]} and duty {num})", where, line)
            else:
                seen_results[key] = num
    if not any(d.source is None for d in jd.duties):
        warn("no-own-duties", "the role has no duties of its own, only the preset's standard "
             "ones", "duties")

    g = jd.general
    titles = Titles()
    if titles.same(g.supervisor, g.title, partitive=False):
        warn("own-supervisor", f"the role is its own supervisor ('{g.supervisor}')",
             "general.supervisor")
    for key, text, partitive in (("general.substituted_by", g.substituted_by, False),
                                 ("general.substitutes", g.substitutes, True)):
        if text and titles.names(text, g.title, partitive):
            warn("substitutes-itself",
                 f"the role substitutes itself ('{g.title}' in {key.split('.')[-1]})", key)

    for i, req in enumerate(jd.requirements.languages, 1):
        if ESTONIAN & {l.lower() for l in req.languages} and req.level > ESTONIAN_CAP:
            warn("estonian-above-c1", f"Estonian at {req.level}: the language act caps what an "
                 f"employer may require at {ESTONIAN_CAP}", f"requirements.languages[{i}]")

    reqs = jd.requirements
    for key, value in (("rights", jd.rights), ("responsibilities", jd.responsibilities),
                       ("amendment", jd.amendment), ("requirements.education", reqs.education),
                       ("requirements.experience", reqs.experience),
                       ("requirements.languages", reqs.languages)):
        if not value:
            warn("empty-section", "the section is empty", key)
    if "competencies" not in lacks and not jd.competencies:
        warn("empty-section", "the section is empty (no competency sets)", "competencies")

    sources = [d.source for d in jd.duties] + [i.source for i in jd.rights[:1]] + \
        [i.source for i in jd.responsibilities[:1]] + [c.source for c in jd.competencies] + \
        [a.source for a in jd.additional[:1]] + [i.source for i in jd.amendment[:1]] + \
        [x.source for x in (jd.work_tools, jd.rights_intro, jd.responsibilities_intro,
                            jd.duties_heading, reqs.computer_skills) if x is not None]
    for s in {s for s in sources if s is not None}:
        try:
            latest = lib.latest_version(s.block_id)
        except KeyError:
            continue
        if s.version < latest:
            warn("outdated-block", f"uses {s.block_id}@{s.version}, older than the library's "
                 f"current version {latest}", s.block_id)
    for section, source in _sources_by_section(jd):
        variant = lib.block(Ref(source.block_id, None, source.version)).variants.get(
            source.variant)
        if variant is None or variant.suits(g.position_group):
            continue
        block = lib.block(Ref(source.block_id, None, source.version))
        alt = block.for_group(g.position_group) or next(
            (v for v in block.variants.values() if not v.groups), None)
        instead = f"use {block.id}:{alt.name}" if alt else "the block has no wording for it"
        warn("group-wording", f"{block.id}:{variant.name} is the {' and '.join(variant.groups)}'s "
             f"wording, in a {g.position_group}'s job description; {instead}", section)
    agency_node = node.get("agency") if node is not None and node.is_map() else None
    out += lint_role_agency(jd, Place(file=f, line=agency_node.place.line if agency_node else None,
                                      key="agency" if agency_node else None))
    return out


def _sources_by_section(jd: JobDescription) -> list[tuple[str, Provenance]]:
    """Each standard block the job description uses once, with the section (key) it fills."""
    pairs: list[tuple[str, Optional[Provenance]]] = [
        ("duties_heading", jd.duties_heading.source if jd.duties_heading else None),
        ("rights_intro", jd.rights_intro.source if jd.rights_intro else None),
        ("rights", jd.rights[0].source if jd.rights else None),
        ("responsibilities_intro",
         jd.responsibilities_intro.source if jd.responsibilities_intro else None),
        ("responsibilities", jd.responsibilities[0].source if jd.responsibilities else None),
        ("work_tools", jd.work_tools.source if jd.work_tools else None),
        ("computer_skills", jd.requirements.computer_skills.source
         if jd.requirements.computer_skills else None),
        ("additional", jd.additional[0].source if jd.additional else None),
        ("amendment", jd.amendment[0].source if jd.amendment else None)]
    pairs += [("competencies", c.source) for c in jd.competencies]
    pairs += [("duties", d.source) for d in jd.duties]
    out, seen = [], set()
    for section, source in pairs:
        if source is not None and source.block_id not in seen:
            seen.add(source.block_id)
            out.append((section, source))
    return out


def acknowledged(warnings: Sequence[Warning], node: Optional[yamlio.Node]
                 ) -> tuple[list[Warning], list[Warning]]:
    """The warnings a role file does not acknowledge, and those it does (`acknowledge:`)."""
    if node is None:
        return list(warnings), []
    acks = read_role(node).acknowledge
    known = [w for w in warnings if any(w.matches(a.code, a.where) for a in acks)]
    return [w for w in warnings if w not in known], known


def lint_role_file(node: yamlio.Node, library: Sequence[Path | str] | Library | None = None,
                   layout: Optional[str] = None, profile: ProfileArg = None) -> Checked:
    """Lint a role file, parsed (`node`): what it composed to and its warnings. Mistakes raise
    AjdocError. (``checks.files.lint_file`` takes a file of either kind.)"""
    jd = compose(node, library, profile)
    lib = library if isinstance(library, Library) else load_library(library or (), jd.profile)
    found, known = acknowledged(
        lint_role(jd, lib, node, layout or jd.profile.default_layout("role")), node)
    return Checked("role", jd, tuple(found), tuple(known))
