"""The directive (käskkiri): a directive file → a Directive with its annexes, and its text.

A directive file names the signer, number, date, the unit whose job descriptions it approves and
the role files of its annexes (in order). The directive's points are generated from that data as
in seed 003: approving the annexes, repealing earlier directives, entry into force; numbered from
what is present. Each annex gets the "KINNITATUD … käskkirjaga nr N Lisa K" header.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence

import attrs

from .. import resources, wording, yamlio
from .role import _read_forms, compose, read_unit
from ..errors import AjdocError, Place
from ..library import Library, load_library
from ..model import Approval, Directive, JobDescription, Repeal

DIRECTIVE_KEYS = ["agency", "signer", "number", "date", "title", "legal_basis", "unit", "annexes",
                  "repeals", "entry_into_force", "appeal", "register", "layout", "library",
                  "forms"]
REGISTER_KEYS = ["reference", "registered", "type", "function", "series", "file",
                 "access_restriction", "responsible"]


def load_directive(path: Path | str, library: Library | Sequence[Path | str] | None = None,
                   layout: Optional[str] = None) -> Directive:
    """Read a directive file and every annex role file it names (paths relative to it)."""
    path = Path(path)
    defaults = resources.defaults()
    node = yamlio.load(path)
    node.keys(DIRECTIVE_KEYS, ["signer", "number", "date", "unit", "annexes"])
    base = path.parent
    folders: list = [] if isinstance(library, Library) else list(library or ())
    if node.has("library"):
        folders += [base / n.as_text() for n in node.req("library").list_or_one()]
    lib = library if isinstance(library, Library) else load_library(folders)

    agency = node.get("agency").as_text() if node.has("agency") else defaults["agency"]
    signer = node.req("signer")
    signer.keys(["name", "title"], ["name", "title"])
    number = node.req("number").as_number_text()
    date = node.req("date").as_date()
    lay = layout or (str(node.req("layout").value) if node.has("layout") else "2025")
    if lay not in ("2022", "2025"):
        raise node.req("layout").error(f"unknown layout '{lay}'; expected 2022 or 2025")
    forms = _read_forms(node.get("forms"))

    annex_nodes = node.req("annexes").as_list()
    if not annex_nodes:
        raise node.req("annexes").error("a directive needs at least one annex (a role file)")
    seen: dict[Path, yamlio.Node] = {}
    roles: list[JobDescription] = []
    many = len(annex_nodes) > 1
    for index, anode in enumerate(annex_nodes, 1):
        role_path = (base / anode.as_text()).resolve()
        if role_path in seen:
            raise anode.error(f"annex {index} names the same role file as annex "
                              f"{list(seen).index(role_path) + 1} ({anode.as_text()})")
        seen[role_path] = anode
        if not role_path.is_file():
            raise anode.error(f"annex {index}: role file '{anode.as_text()}' not found "
                              f"(looked in {role_path.parent})")
        jd = compose(yamlio.load(base / anode.as_text()), lib)
        approval = Approval(agency=agency, signer_title=signer.req("title").as_text(), date=date,
                            number=number, annex=index if many else None)
        roles.append(attrs.evolve(jd, approval=approval, signature=None,
                                  forms=tuple({**dict(jd.forms), **forms}.items())))

    repeals = []
    for rnode in (node.req("repeals").as_list() if node.has("repeals") else []):
        rnode.keys(["signer_title", "date", "number", "title"], ["date", "number"])
        repeals.append(Repeal(
            signer_title=rnode.get("signer_title").as_text() if rnode.has("signer_title")
            else signer.req("title").as_text(),
            date=rnode.req("date").as_date(), number=rnode.req("number").as_number_text(),
            title=rnode.get("title").as_text() if rnode.has("title")
            else wording.default_directive_title()))

    in_force = None
    if node.has("entry_into_force"):
        fnode = node.req("entry_into_force")
        if not (fnode.is_str() and fnode.value.strip() == "signing"):
            in_force = fnode.as_date()
            if in_force < date:
                raise fnode.error(f"the directive enters into force on {in_force.isoformat()}, "
                                  f"before its own date {date.isoformat()}",
                                  "give a date on or after the directive's date, or 'signing'")

    register = []
    if node.has("register"):
        rnode = node.req("register")
        rnode.keys(REGISTER_KEYS)
        for key, value in rnode.items():
            register.append((key, value.as_date().strftime("%d.%m.%Y") if key == "registered"
                             else str(value.value) if isinstance(value.value, int)
                             else value.as_text()))

    text = lambda k: node.get(k).as_text() if node.has(k) else None  # noqa: E731
    try:
        return Directive(agency=agency, signer_name=signer.req("name").as_text(),
                         signer_title=signer.req("title").as_text(), number=number, date=date,
                         unit=read_unit(node.req("unit")), annexes=tuple(roles),
                         title=text("title") or wording.default_directive_title(),
                         legal_basis=text("legal_basis"), repeals=tuple(repeals),
                         entry_into_force=in_force, appeal=text("appeal"),
                         register=tuple(register), layout=lay, forms=tuple(forms.items()),
                         source_file=str(path))
    except (TypeError, ValueError) as exc:
        raise node.error(str(exc)) from None
