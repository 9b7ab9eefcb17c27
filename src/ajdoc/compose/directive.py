"""The directive (käskkiri): a directive file → a Directive with its annexes composed.

A directive file names the signer, number, date, the unit whose job descriptions it approves (or
amends) and the role files of its annexes (in order, paths relative to it). Each annex gets the
"KINNITATUD … käskkirjaga nr N (Lisa K)" approval of this directive and no signature of its own.
What the file leaves out comes from the agency's defaults: the legal basis, the house style, the
title (by kind and count).

Annex and library paths written in a directive file resolve inside the directive's folder tree
(symbolic links followed): a path that leads out of it (``../../etc/passwd``) is refused before
the file is opened, unless the caller allows it (``allow_outside=True``; on the command line
``ajdoc --allow-outside``). The default is ``OUTSIDE_ALLOWED``, which the command line sets for
each run. An annex must be a role file (a mapping with ``preset:``): nothing of another file's
content is echoed in a message.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional

import attrs

from .. import resources, workspace, yamlio
from ..errors import AjdocError
from ..workspace import OUTSIDE_ALLOWED
from ..library import Library, load_library
from ..model import Approval, Directive, JobDescription, Repeal, Unit
from ..model.directive import LegalAct, Provision, Style
from ..model.text import forms_map, forms_of
from ..schema.directive import (NONE, ActSpec, DirectiveSpec, ReferenceSpec, RepealSpec,
                                read_directive, read_legal_basis)
from ..wording import default_directive_title, directive_title
from .role import LibraryArg, agency_forms, compose, file_profile, unit_of


def load_directive(path: Path | str, library: LibraryArg = None,
                   layout: Optional[str] = None,
                   profile: resources.ProfileArg = None, *,
                   allow_outside: Optional[bool] = None) -> Directive:
    """Read a directive file and every annex role file it names (paths relative to it), in the
    directive's profile (given, named by the file, or the default)."""
    path = Path(path)
    spec = read_directive(yamlio.load(path))
    base = path.parent
    outside = OUTSIDE_ALLOWED.get() if allow_outside is None else allow_outside
    prof = file_profile(profile, spec.profile, spec.file, library, spec.at("profile"))
    if isinstance(library, Library):
        lib = library
    else:
        own: list[Path | str] = [inside(base, f, outside, spec, f"library[{i}]",
                                        "the library folder") for i, f in enumerate(spec.library)]
        lib = load_library(list(library or ()) + own, prof)
    return compose_directive(spec, base, lib, layout, allow_outside=outside)


def inside(base: Path, name: str, outside: bool, spec: DirectiveSpec, where: str,
           what: str) -> Path:
    """`name` (written in the directive file) relative to `base`, refused when it leads out of
    `base`'s folder tree and `outside` is False."""
    path = base / name
    if outside:
        return path
    try:
        root, resolved = base.resolve(), path.resolve()
    except (OSError, RuntimeError) as exc:  # a loop of symbolic links
        raise spec.error(f"{what} '{name}' cannot be resolved ({exc})", where) from None
    if resolved != root and root not in resolved.parents:
        raise spec.error(f"{what} '{name}' is outside the directive's folder {root}; paths "
                         "in a directive file stay inside its folder tree", where,
                         "move it there, or allow it explicitly with `ajdoc --allow-outside`")
    return path


# -- the legal basis ----------------------------------------------------------------------------
def legal_act(spec: ActSpec) -> LegalAct:
    """An act of the legal basis, from its spec."""
    prov = spec.provision
    provision = Provision(prov.section, prov.subsections, prov.points) if prov else None
    if spec.law is not None:
        return LegalAct("law", name=spec.law, provision=provision)
    ref = spec.regulation or spec.directive
    assert ref is not None
    return LegalAct("regulation" if spec.regulation else "directive",
                    issuer=ref.issuer or ref.signer_title, date=ref.date, number=ref.number,
                    title=ref.title, provision=provision)


@lru_cache(maxsize=16)
def default_legal_acts(profile: resources.Profile) -> tuple[LegalAct, ...]:
    """The agency's usual legal basis (its profile.yaml's directive.legal_basis)."""
    node = yamlio.load(profile.root / resources.PROFILE_FILE).req("directive")
    if not node.has("legal_basis"):
        return ()
    spec = read_legal_basis(node.req("legal_basis"))
    return tuple(legal_act(a) for a in spec.acts or ())


def _legal(spec: DirectiveSpec, profile: resources.Profile
           ) -> tuple[Optional[str], tuple[LegalAct, ...]]:
    basis = spec.legal_basis
    acts = default_legal_acts(profile)
    if basis is not None and basis.text is not None:
        return basis.text, ()
    if basis is not None and basis.acts is not None:
        acts = tuple(legal_act(a) for a in basis.acts)
    elif basis is not None:
        acts += tuple(legal_act(a) for a in basis.add)
    appointed = spec.signer.appointed_by
    if appointed is not None:
        acts += (LegalAct("directive", issuer=appointed.issuer or appointed.signer_title
                          or spec.signer.acting_for or spec.signer.title, date=appointed.date,
                          number=appointed.number, title=appointed.title),)
    return None, acts


# -- the rest -----------------------------------------------------------------------------------
def _style(spec: DirectiveSpec, profile: resources.Profile) -> Style:
    """The house style: the file's choices over the agency's."""
    style = dict(profile.settings["directive"].get("style") or {})
    if spec.style is not None:
        given = {k: getattr(spec.style, k) for k in ("quotes", "ranges", "signer_capital",
                                                     "repeal_points", "signing", "provisions")}
        style.update({k: v for k, v in given.items() if v is not None})
    return Style(**style)


def _reference(spec: RepealSpec | ReferenceSpec, issuer: str, title: str,
               scope: str = "directive", annexes: tuple[int, ...] = ()) -> Repeal:
    signer = getattr(spec, "issuer", None) or spec.signer_title or issuer
    return Repeal(signer_title=signer, date=spec.date, number=spec.number,
                  title=spec.title or title, scope=scope, annexes=annexes)


def _repeals(spec: DirectiveSpec, issuer: str, title: str) -> tuple[Repeal, ...]:
    out = []
    for i, r in enumerate(spec.repeals):
        if r.annexes and r.job_descriptions:
            raise spec.error("a repeal names either annexes: or job_descriptions: true, not "
                             "both", f"repeals[{i}]")
        scope = "annexes" if r.annexes else "job_descriptions" if r.job_descriptions \
            else "directive"
        out.append(_reference(r, issuer, title, scope, tuple(sorted(set(r.annexes)))))
    return tuple(out)


def compose_directive(spec: DirectiveSpec, base: Path, lib: Library,
                      layout: Optional[str] = None, *,
                      allow_outside: Optional[bool] = None) -> Directive:
    """The directive of a directive file's spec; annex paths are relative to `base` (and inside
    its folder tree unless `allow_outside`; default: OUTSIDE_ALLOWED)."""
    outside = OUTSIDE_ALLOWED.get() if allow_outside is None else allow_outside
    prof = lib.profile
    agency = spec.agency or prof.agency
    lay = layout or spec.layout or prof.default_layout("directive")
    if lay not in prof.layout_names():
        raise spec.error(f"unknown layout '{lay}'; expected {' or '.join(prof.layout_names())}",
                         "layout")
    forms = agency_forms(spec.forms, prof)
    if not spec.annexes:
        raise spec.error("a directive needs at least one annex (a role file)", "annexes")
    issuer = spec.signer.acting_for or spec.signer.title
    seen: list[Path] = []
    roles: list[JobDescription] = []
    many = len(spec.annexes) > 1
    for index, name in enumerate(spec.annexes, 1):
        where = f"annexes[{index - 1}]"
        try:
            role_path = inside(base, name, outside, spec, where, f"annex {index}").resolve()
        except (OSError, RuntimeError) as exc:
            raise spec.error(f"annex {index}: '{name}' cannot be resolved ({exc})", where) \
                from None
        if role_path in seen:
            raise spec.error(f"annex {index} names the same role file as annex "
                             f"{seen.index(role_path) + 1} ({name})", where)
        seen.append(role_path)
        if role_path.exists() and not role_path.is_file():
            raise spec.error(f"annex {index}: '{name}' is not a regular file; expected a role "
                             "file", where)
        if not role_path.is_file():
            raise spec.error(f"annex {index}: role file '{name}' not found "
                             f"(looked in {role_path.parent})", where)
        node = yamlio.load(base / name)
        if not node.is_map() or workspace.kind_of(node.value) != workspace.ROLE:
            raise spec.error(f"annex {index}: '{name}' is not a role file (a role file is a "
                             "mapping with preset:, general:, purpose: and duties:)", where)
        jd = compose(node, lib, prof)
        approval = Approval(agency=agency, signer_title=issuer, date=spec.date,
                            number=spec.number, annex=index if many else None)
        merged = forms_map(jd.forms)
        for phrase, cases in forms.items():
            merged.setdefault(phrase, {}).update(cases)
        roles.append(attrs.evolve(jd, approval=approval, signature=None, forms=forms_of(merged)))
    title = spec.title or directive_title(spec.kind, [jd.general.title for jd in roles], forms,
                                          spec.place, prof)
    default_title = default_directive_title(profile=prof)
    in_force = spec.entry_into_force
    date_in_force = in_force if not isinstance(in_force, str) else None
    if date_in_force is not None and date_in_force < spec.date:
        raise spec.error(f"the directive enters into force on {date_in_force.isoformat()}, before "
                         f"its own date {spec.date.isoformat()}", "entry_into_force",
                         "give a date on or after the directive's date, or 'signing'")
    if spec.retroactive is not None and spec.retroactive > spec.date:
        raise spec.error(f"the job descriptions cannot apply retroactively from "
                         f"{spec.retroactive.isoformat()}, after the directive's date "
                         f"{spec.date.isoformat()}", "retroactive")
    if spec.retroactive is not None and in_force == NONE:
        raise spec.error("retroactive application is said in the entry-into-force point; "
                         "entry_into_force: none leaves it out", "retroactive")
    legal_text, acts = _legal(spec, prof)
    unit = unit_of(spec.unit) if spec.unit is not None else \
        Unit.common([jd.general.unit for jd in roles])
    try:
        return Directive(
            agency=agency, signer_name=spec.signer.name, signer_title=spec.signer.title,
            number=spec.number, date=spec.date, unit=unit, annexes=tuple(roles), title=title,
            kind=spec.kind, acting_for=spec.signer.acting_for, legal_basis=legal_text,
            legal_acts=acts, repeals=_repeals(spec, issuer, default_title),
            entry_into_force=date_in_force, in_force_point=in_force != NONE,
            retroactive_from=spec.retroactive,
            amends=tuple(_reference(r, issuer, default_title) for r in spec.amends),
            appeal=spec.appeal, register=spec.register, layout=lay, style=_style(spec, prof),
            forms=forms_of(forms), source_file=spec.file, profile=prof)
    except (TypeError, ValueError) as exc:
        raise AjdocError(str(exc), spec.place) from None
