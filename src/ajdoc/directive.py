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

from . import yamlio
from .compose import _read_forms, compose, read_unit
from .errors import AjdocError, Place
from .library import Library, load_library
from .model import Approval, Directive, JobDescription, Repeal

DIRECTIVE_KEYS = ["agency", "signer", "number", "date", "title", "legal_basis", "unit", "annexes",
                  "repeals", "entry_into_force", "appeal", "register", "layout", "library",
                  "forms"]
REGISTER_KEYS = ["reference", "registered", "type", "function", "series", "file",
                 "access_restriction", "responsible"]


def load_directive(path: Path | str, library: Library | Sequence[Path | str] | None = None,
                   layout: Optional[str] = None) -> Directive:
    """Read a directive file and every annex role file it names (paths relative to it)."""
    path = Path(path)
    node = yamlio.load(path)
    node.keys(DIRECTIVE_KEYS, ["signer", "number", "date", "unit", "annexes"])
    base = path.parent
    folders: list = [] if isinstance(library, Library) else list(library or ())
    if node.has("library"):
        folders += [base / n.str() for n in node.req("library").list_or_one()]
    lib = library if isinstance(library, Library) else load_library(folders)

    agency = node.get("agency").str() if node.has("agency") else "Sotsiaalkindlustusamet"
    signer = node.req("signer")
    signer.keys(["name", "title"], ["name", "title"])
    number = node.req("number").number_text()
    date = node.req("date").date()
    lay = layout or (str(node.req("layout").value) if node.has("layout") else "2025")
    if lay not in ("2022", "2025"):
        raise node.req("layout").error(f"unknown layout '{lay}'; expected 2022 or 2025")
    forms = _read_forms(node.get("forms"))

    annex_nodes = node.req("annexes").list()
    if not annex_nodes:
        raise node.req("annexes").error("a directive needs at least one annex (a role file)")
    seen: dict[Path, yamlio.Node] = {}
    roles: list[JobDescription] = []
    many = len(annex_nodes) > 1
    for index, anode in enumerate(annex_nodes, 1):
        role_path = (base / anode.str()).resolve()
        if role_path in seen:
            raise anode.error(f"annex {index} names the same role file as annex "
                              f"{list(seen).index(role_path) + 1} ({anode.str()})")
        seen[role_path] = anode
        if not role_path.is_file():
            raise anode.error(f"annex {index}: role file '{anode.str()}' not found "
                              f"(looked in {role_path.parent})")
        jd = compose(yamlio.load(base / anode.str()), lib)
        approval = Approval(agency=agency, signer_title=signer.req("title").str(), date=date,
                            number=number, annex=index if many else None)
        roles.append(attrs.evolve(jd, approval=approval, signature=None,
                                  forms=tuple({**dict(jd.forms), **forms}.items())))

    repeals = []
    for rnode in (node.req("repeals").list() if node.has("repeals") else []):
        rnode.keys(["signer_title", "date", "number", "title"], ["date", "number"])
        repeals.append(Repeal(
            signer_title=rnode.get("signer_title").str() if rnode.has("signer_title")
            else signer.req("title").str(),
            date=rnode.req("date").date(), number=rnode.req("number").number_text(),
            title=rnode.get("title").str() if rnode.has("title") else "Ametijuhendi kinnitamine"))

    in_force = None
    if node.has("entry_into_force"):
        fnode = node.req("entry_into_force")
        if not (fnode.is_str() and fnode.value.strip() == "signing"):
            in_force = fnode.date()
            if in_force < date:
                raise fnode.error(f"the directive enters into force on {in_force.isoformat()}, "
                                  f"before its own date {date.isoformat()}",
                                  "give a date on or after the directive's date, or 'signing'")

    register = []
    if node.has("register"):
        rnode = node.req("register")
        rnode.keys(REGISTER_KEYS)
        for key, value in rnode.items():
            register.append((key, value.date().strftime("%d.%m.%Y") if key == "registered"
                             else str(value.value) if isinstance(value.value, int)
                             else value.str()))

    text = lambda k: node.get(k).str() if node.has(k) else None  # noqa: E731
    try:
        return Directive(agency=agency, signer_name=signer.req("name").str(),
                         signer_title=signer.req("title").str(), number=number, date=date,
                         unit=read_unit(node.req("unit")), annexes=tuple(roles),
                         title=text("title") or "Ametijuhendi kinnitamine",
                         legal_basis=text("legal_basis"), repeals=tuple(repeals),
                         entry_into_force=in_force, appeal=text("appeal"),
                         register=tuple(register), layout=lay, forms=tuple(forms.items()),
                         source_file=str(path))
    except (TypeError, ValueError) as exc:
        raise node.error(str(exc)) from None


# -- the directive's text -----------------------------------------------------------------------
@attrs.frozen
class Point:
    """A numbered point of the directive, with numbered subpoints."""

    number: str
    text: str
    subpoints: tuple[tuple[str, str], ...] = ()


def _phrases() -> dict:
    from .rendering import phrases

    return phrases()["directive"]


def points(d: Directive) -> list[Point]:
    """The directive's numbered points, generated from its data."""
    from . import language

    ph = _phrases()
    explicit = dict(d.forms)
    place = Place(file=d.source_file, key="unit")
    try:
        unit_gen = " ".join(language.inflect(part, "genitive", explicit=explicit)
                            for part in d.unit.path)
    except AjdocError as exc:
        raise exc.at(place)
    unit_gen = language.lower_first(unit_gen)
    out: list[Point] = []
    n = len(d.annexes)
    if n == 1:
        title = d.annexes[0].general.title
        try:
            title_gen = language.inflect(title, "genitive", explicit=explicit)
        except AjdocError as exc:
            raise exc.at(Place(file=d.source_file, key="annexes[1]"))
        out.append(Point("1.", ph["approve_one"].format(unit_genitive=unit_gen,
                                                       title_genitive=language.lower_first(title_gen))))
    else:
        subs = tuple((f"1.{i}.", ph["approve_item"].format(
            title=language.lower_first(jd.general.title), n=i, end=";" if i < n else "."))
            for i, jd in enumerate(d.annexes, 1))
        out.append(Point("1.", ph["approve_many"].format(unit_genitive=unit_gen, n=n), subs))
    for r in d.repeals:
        try:
            signer_gen = language.inflect(r.signer_title, "genitive", explicit=explicit)
        except AjdocError as exc:
            raise exc.at(Place(file=d.source_file, key="repeals"))
        out.append(Point(f"{len(out) + 1}.", ph["repeal"].format(
            signer_genitive=signer_gen, date=language.short_date(r.date), number=r.number,
            title=r.title)))
    in_force = (ph["in_force_on"].format(long_date=language.long_date(d.entry_into_force))
                if d.entry_into_force else ph["in_force_on_signing"])
    out.append(Point(f"{len(out) + 1}.", in_force))
    return out


def closing(d: Directive) -> list[str]:
    """The paragraphs after the points: the appeal clause."""
    from . import language

    if d.appeal:
        return [d.appeal]
    try:
        allative = language.inflect(d.agency, "allative", explicit=dict(d.forms))
    except AjdocError as exc:
        raise exc.at(Place(file=d.source_file, key="agency"))
    return [_phrases()["appeal"].format(agency_allative=allative)]


def header(d: Directive) -> dict:
    from . import language

    ph = _phrases()
    return {"heading": ph["heading"],
            "date_number": ph["date_number"].format(date=language.short_date(d.date),
                                                    number=d.number),
            "title": d.title,
            "preamble": d.legal_basis or ph["legal_basis"],
            "signature_lines": [ph["signed"], d.signer_name, d.signer_title]}


def register_record(d: Directive, files: dict[str, str]) -> dict:
    """The records-system data of the directive (not printed), with the documents written."""
    import os

    base = Path(d.source_file).parent if d.source_file else Path(".")
    rel = lambda p: Path(os.path.relpath(p, base)).as_posix() if p else None  # noqa: E731
    return {
        "agency": d.agency, "number": d.number, "date": d.date.isoformat(), "title": d.title,
        "signer": {"name": d.signer_name, "title": d.signer_title},
        "entry_into_force": d.entry_into_force.isoformat() if d.entry_into_force else "signing",
        "register": dict(d.register),
        "annexes": [{"annex": i, "title": jd.general.title, "role_file": rel(jd.source_file)}
                    for i, jd in enumerate(d.annexes, 1)],
        "files": files,
    }
