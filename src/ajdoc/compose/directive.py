"""The directive (käskkiri): a directive file → a Directive with its annexes composed.

A directive file names the signer, number, date, the unit whose job descriptions it approves and
the role files of its annexes (in order, paths relative to it). Each annex gets the
"KINNITATUD … käskkirjaga nr N (Lisa K)" approval of this directive and no signature of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import attrs

from .. import resources, wording, yamlio
from ..errors import AjdocError
from ..library import Library, load_library
from ..model import Approval, Directive, JobDescription, Repeal
from ..schema.directive import DirectiveSpec, read_directive
from .role import LibraryArg, compose, unit_of


def load_directive(path: Path | str, library: LibraryArg = None,
                   layout: Optional[str] = None) -> Directive:
    """Read a directive file and every annex role file it names (paths relative to it)."""
    path = Path(path)
    spec = read_directive(yamlio.load(path))
    base = path.parent
    if isinstance(library, Library):
        lib = library
    else:
        lib = load_library(list(library or ()) + [base / f for f in spec.library])
    return compose_directive(spec, base, lib, layout)


def compose_directive(spec: DirectiveSpec, base: Path, lib: Library,
                      layout: Optional[str] = None) -> Directive:
    """The directive of a directive file's spec; annex paths are relative to `base`."""
    defaults = resources.defaults()
    agency = spec.agency or str(defaults["agency"])
    lay = layout or spec.layout or "2025"
    if lay not in resources.layout_names():
        raise spec.error(f"unknown layout '{lay}'; expected {' or '.join(resources.layout_names())}",
                         "layout")
    forms = dict(spec.forms)
    if not spec.annexes:
        raise spec.error("a directive needs at least one annex (a role file)", "annexes")
    seen: list[Path] = []
    roles: list[JobDescription] = []
    many = len(spec.annexes) > 1
    for index, name in enumerate(spec.annexes, 1):
        where = f"annexes[{index - 1}]"
        role_path = (base / name).resolve()
        if role_path in seen:
            raise spec.error(f"annex {index} names the same role file as annex "
                             f"{seen.index(role_path) + 1} ({name})", where)
        seen.append(role_path)
        if not role_path.is_file():
            raise spec.error(f"annex {index}: role file '{name}' not found "
                             f"(looked in {role_path.parent})", where)
        jd = compose(yamlio.load(base / name), lib)
        approval = Approval(agency=agency, signer_title=spec.signer.title, date=spec.date,
                            number=spec.number, annex=index if many else None)
        roles.append(attrs.evolve(jd, approval=approval, signature=None,
                                  forms=tuple({**dict(jd.forms), **forms}.items())))
    repeals = tuple(Repeal(signer_title=r.signer_title or spec.signer.title, date=r.date,
                           number=r.number, title=r.title or wording.default_directive_title())
                    for r in spec.repeals)
    in_force = spec.entry_into_force
    if in_force is not None and in_force < spec.date:
        raise spec.error(f"the directive enters into force on {in_force.isoformat()}, before "
                         f"its own date {spec.date.isoformat()}", "entry_into_force",
                         "give a date on or after the directive's date, or 'signing'")
    try:
        return Directive(agency=agency, signer_name=spec.signer.name,
                         signer_title=spec.signer.title, number=spec.number, date=spec.date,
                         unit=unit_of(spec.unit), annexes=tuple(roles),
                         title=spec.title or wording.default_directive_title(),
                         legal_basis=spec.legal_basis, repeals=repeals, entry_into_force=in_force,
                         appeal=spec.appeal, register=spec.register, layout=lay,
                         forms=tuple(forms.items()), source_file=spec.file)
    except (TypeError, ValueError) as exc:
        raise AjdocError(str(exc), spec.place) from None
