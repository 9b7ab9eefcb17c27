"""Lint of a directive file: what is valid but likely wrong in what it repeals, when its job
descriptions apply, who signs it and what it amends."""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence

from .. import workspace, yamlio
from ..compose.directive import load_directive
from ..errors import AjdocError
from ..library import Library, load_library
from ..model import Directive
from ..resources import ProfileArg
from ..schema.directive import DirectiveSpec, read_directive
from .agency import lint_directive_agency
from .findings import Checked, Warning
from .role import acknowledged, lint_role


def lint_directive(d: Directive, spec: DirectiveSpec, path: Path) -> list[Warning]:
    """The warnings of a composed directive (`spec`: the file as written, for places)."""
    out: list[Warning] = []
    for r in spec.repeals:
        if list(r.annexes) != sorted(set(r.annexes)):
            out.append(Warning(r.at("annexes"), "the repealed annexes are not in ascending order "
                               "or one is named twice; ajdoc writes them sorted, once each",
                               "repealed-annexes-order"))
    if d.acting_for and not any(a.kind == "directive" for a in d.legal_acts) and \
            not (d.legal_basis and d.acting_for[:4].casefold() in d.legal_basis.casefold()):
        out.append(Warning(spec.signer.place, f"the signer stands in for the {d.acting_for}, but "
                           "the legal basis names no directive appointing the substitute; add "
                           "signer.appointed_by: {date, number, title}",
                           "acting-without-appointment"))
    if d.kind == "amend":
        out += _amended_unknown(d, spec, path)
    out += lint_directive_agency(d, spec.at("agency"), spec.at("legal_basis"))
    return out


def _amended_unknown(d: Directive, spec: DirectiveSpec, path: Path) -> list[Warning]:
    """An amended job description the role folder does not hold under its title: amending
    presumes it was approved before."""
    folder = path.parent
    titles: dict[str, set[Path]] = {}
    for role in workspace.role_files(folder):
        try:
            node = yamlio.load(role)
            title = node.req("general").req("title").as_text()
        except (AjdocError, AttributeError):
            continue
        titles.setdefault(title.casefold(), set()).add(role.resolve())
    out = []
    for i, jd in enumerate(d.annexes):
        own = Path(jd.source_file).resolve() if jd.source_file else None
        holders = titles.get(jd.general.title.casefold(), set()) - {own}
        inside = own is not None and folder.resolve() in own.parents
        if not holders and not inside:
            out.append(Warning(spec.at(f"annexes[{i}]"), f"amends '{jd.general.title}', which "
                               f"the role folder {folder} does not hold under that title; a job "
                               "description is approved (kind: approve) before it is amended",
                               "amends-unknown"))
    return out


def lint_directive_file(node: yamlio.Node, path: Path | str,
                        library: Sequence[Path | str] | Library | None = None,
                        layout: Optional[str] = None, profile: ProfileArg = None) -> Checked:
    """Lint a directive file (`node`: it parsed, from `path`) and the role files of its annexes:
    what it composed to and the warnings. Mistakes raise AjdocError."""
    # the directive's own library: folders are layered over the command line's
    d = load_directive(path, library, layout, profile)
    lib = library if isinstance(library, Library) else load_library(library or (), d.profile)
    out = lint_directive(d, read_directive(node), Path(path))
    known: list[Warning] = []
    for jd in d.annexes:
        role_node = yamlio.load(jd.source_file) if jd.source_file else None
        found, acks = acknowledged(lint_role(jd, lib, role_node, d.layout), role_node)
        out += found
        known += acks
    return Checked("directive", d, tuple(out), tuple(known))
