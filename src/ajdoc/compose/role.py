"""Composition: a role file's spec (its preset, own duties and overrides) and the library → a
JobDescription.

The role file names a preset; the preset gives every section its block(s); the role adds its own
general part, purpose and duties, and may change which blocks a section holds (``sections:``,
the same syntax as presets) and what a block says (``edit:``). Every standard item of the result
records the block id, version and variant it came from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence, Union

from .. import language, resources, yamlio
from ..errors import AjdocError, Place, suggest
from ..library import Library, apply_sections, load_library
from ..model import (AdditionalCompetency, Approval, Competency, Duty, GeneralPart, Item,
                     JobDescription, LanguageRequirement, Requirements, Signature,
                     SpecialConditions, TitleList, Unit)
from ..model.blocks import OWN, Named, Ref
from ..model.text import Forms, forms_map, forms_of
from ..schema.edits import ItemsPatch
from ..schema.role import (ApprovalSpec, DutySpec, GeneralSpec, RequirementsSpec,
                           RoleSpec,
                           SignatureSpec, TitlesSpec, UnitSpec, UseSpec, read_role)
from .edits import Edits, Resolved, Wordings, edited, marked, patch_items

LibraryArg = Union[Library, Sequence[Union[Path, str]], None]


def agency_forms(given: Forms, profile: resources.ProfileArg = None) -> dict[str, dict[str, str]]:
    """The explicit word forms of a file over the agency's (its profile's): phrase → case →
    form."""
    out = language.normalize_forms(resources.defaults(profile).get("forms") or {})
    for phrase, cases in forms_map(given).items():
        out.setdefault(phrase, {}).update(cases)
    return out


def library_of(library: LibraryArg, profile: resources.ProfileArg = None) -> Library:
    """A Library, or the shared one of the profile with the given folders layered over it (a
    Library of another profile than `profile`: its folders over that profile's library)."""
    if isinstance(library, Library):
        if profile is None or library.profile == resources.profile(profile):
            return library
        return load_library(library.folders, profile)
    return load_library(library or (), profile)


def file_profile(given: resources.ProfileArg, named: Optional[str], file: Optional[str],
                 library: LibraryArg, place: Place) -> resources.Profile:
    """The profile a file is written in: the one given (command line, API), else the one the file
    names (a built-in name, or a folder relative to the file), else the library's, else the
    default."""
    if given is not None:
        return resources.profile(given)
    if named is not None:
        base = Path(file).parent if file else None
        try:
            return resources.profile(named, base)
        except AjdocError as exc:
            raise exc.at(place)
    if isinstance(library, Library):
        return library.profile
    return resources.profile()


def load_role(path: Path | str, library: LibraryArg = None,
              profile: resources.ProfileArg = None) -> JobDescription:
    """Read and compose a role file; every mistake is an AjdocError naming file and place."""
    return compose(yamlio.load(path), library, profile)


def compose(node: yamlio.Node, library: LibraryArg = None,
            profile: resources.ProfileArg = None) -> JobDescription:
    """Compose a parsed role file (see `load_role`)."""
    spec = read_role(node)
    prof = file_profile(profile, spec.profile, spec.file, library, spec.at("profile"))
    try:
        return compose_spec(spec, library_of(library, prof))
    except (TypeError, ValueError) as exc:  # a model class refused a value: name the file
        raise node.error(str(exc)) from None


def compose_spec(spec: RoleSpec, lib: Library) -> JobDescription:
    """The job description of a role file's spec."""
    preset = lib.preset(spec.preset, spec.at("preset"))
    sections = apply_sections(lib, preset.sections, spec.sections)
    group = spec.general.position_group or preset.position_group
    edits = Edits(spec.edit, Wordings(group, preset.by_group, _pinned(spec)))
    prof = lib.profile
    forms = agency_forms(spec.forms, prof)

    def single(section: str) -> Optional[Resolved]:
        ref = sections.get(section)
        return None if ref is None else edits.resolve(lib, ref, spec.place, section)

    def text_item(section: str) -> Optional[Item]:
        got = single(section)
        if got is None or got.text is None:
            return None
        return Item(got.text, edited(got.provenance, got.text_edited))

    def list_items(section: str) -> tuple[Item, ...]:
        got = single(section)
        if got is None:
            return ()
        items, marks = patch_items(list(got.variant.items), _patch(got, "items"), got.block)
        return tuple(Item(str(t), marked(got.provenance, m)) for t, m in zip(items, marks))

    general = _general(spec.general, forms, group)
    agency = spec.agency or prof.agency
    competencies = []
    for ref in sections.get("competencies", ()):
        got = edits.resolve(lib, ref, spec.place, "competencies")
        items, marks = patch_items(list(got.variant.items), _patch(got, "items"), got.block)
        competencies.append(Competency(got.block.title, tuple(str(i) for i in items),
                                       edited(got.provenance, any(marks))))
    additional: list[AdditionalCompetency] = []
    extra = single("additional")
    if extra:
        items, marks = patch_items(list(extra.variant.items), _patch(extra, "items"),
                                   extra.block, named=True)
        for it, mark in zip(items, marks):
            it = it if isinstance(it, Named) else Named(it)
            additional.append(AdditionalCompetency(it.text, it.name,
                                                   marked(extra.provenance, mark)))
    duties = _duties(lib, spec, sections.get("duties", (OWN,)), edits)
    requirements = _requirements(spec.requirements, text_item("computer_skills"))
    duties_heading, rights_intro = text_item("duties_heading"), text_item("rights_intro")
    rights, responsibilities_intro = list_items("rights"), text_item("responsibilities_intro")
    responsibilities, work_tools = list_items("responsibilities"), text_item("work_tools")
    amendment = list_items("amendment")
    for e in edits.unused():
        raise AjdocError(f"edit names block '{e.block_id}', which this role does not use",
                         e.place, suggest(e.block_id, edits.used) or
                         "`ajdoc explain` lists the blocks the role uses")
    try:
        return JobDescription(
            general=general, purpose=spec.purpose, duties=tuple(duties), agency=agency,
            requirements=requirements, duties_heading=duties_heading, rights_intro=rights_intro,
            rights=rights, responsibilities_intro=responsibilities_intro,
            responsibilities=responsibilities, work_tools=work_tools, amendment=amendment,
            competencies=tuple(competencies),
            additional=tuple(additional), approval=_approval(spec.approved, agency, prof),
            signature=_signature(spec.signature, general),
            number_dot=bool(spec.numbering.trailing_dot) if spec.numbering else False,
            heading_dot=spec.numbering.trailing_dot is True if spec.numbering else False,
            unit_lines=spec.unit_lines or preset.unit_lines or "joined",
            forms=forms_of(forms), preset=preset.id, source_file=spec.file, profile=prof,
            edited_blocks=tuple(sorted(
                e.block_id for e in spec.edit if e.block_id in edits.used and (
                    e.text is not None or e.words or e.items or e.subitems or e.results))))
    except (TypeError, ValueError) as exc:
        raise AjdocError(str(exc), spec.place) from None


def _pinned(spec: RoleSpec) -> frozenset[str]:
    """The blocks whose variant the role file names (in `sections:`, `- use:` or `edit:`): the
    position group does not change those."""
    ids: set[str] = set()
    for sec in spec.sections:
        entries = [sec.ref] if sec.ref is not None else list(sec.items or ())
        if sec.patch is not None:
            entries += [new for _, new in sec.patch.replace] + [a.entry for a in sec.patch.add]
        ids |= {e.ref.id for e in entries if isinstance(e.ref, Ref) and e.ref.variant}
    ids |= {d.use.ref.id for d in spec.duties
            if isinstance(d, UseSpec) and isinstance(d.use.ref, Ref) and d.use.ref.variant}
    ids |= {e.block_id for e in spec.edit if e.variant}
    return frozenset(ids)


def _patch(got: Resolved, name: str) -> Optional[ItemsPatch]:
    """The role's patch of the block's items, sub-items or results, if any."""
    return getattr(got.edit, name) if got.edit is not None else None


# -- duties -------------------------------------------------------------------------------------
def _duties(lib: Library, spec: RoleSpec, preset_duties: Sequence, edits: Edits) -> list[Duty]:
    own: list[Union[Duty, UseSpec]] = []
    placed: set[str] = set()
    ids: dict[str, DutySpec] = {}
    for d in spec.duties:
        if isinstance(d, UseSpec):
            ref = d.use.ref
            assert isinstance(ref, Ref)
            if ref.id in placed:
                raise d.error(f"duty block '{ref.id}' is placed twice")
            block = lib.block(ref, d.place)
            if block.kind != "duty":
                raise d.error(f"block '{block.id}' is a {block.kind} block, not a duty")
            placed.add(ref.id)
            own.append(d)
            continue
        if d.id:
            if d.id in ids:
                raise d.error(f"duplicate duty id '{d.id}' (first at line "
                              f"{ids[d.id].at('id').line})", "id")
            ids[d.id] = d
        try:
            own.append(Duty(text=d.text, results=d.results, subitems=d.subitems, id=d.id))
        except (TypeError, ValueError) as exc:
            raise d.error(str(exc)) from None
    preset_refs = [r for r in preset_duties if r != OWN]
    placed_ids = {d.use.id for d in own if isinstance(d, UseSpec)}
    out: list[Duty] = []
    order = list(preset_duties) if OWN in preset_duties else list(preset_duties) + [OWN]
    for entry in order:
        if entry == OWN:
            for o in own:
                if isinstance(o, UseSpec):
                    ref = o.use.ref
                    assert isinstance(ref, Ref)
                    base = next((r for r in preset_refs if r.id == ref.id), None)
                    if base is not None and ref.variant is None and ref.version is None:
                        ref = base
                    out.append(_duty_from_block(edits.resolve(lib, ref, o.place, "duties")))
                else:
                    out.append(o)
        elif entry.id not in placed_ids:
            out.append(_duty_from_block(edits.resolve(lib, entry, spec.at("duties"), "duties")))
    if not out:
        raise spec.error("a job description needs at least one duty", "duties")
    return out


def _duty_from_block(got: Resolved) -> Duty:
    results, ch1 = patch_items(list(got.variant.results), _patch(got, "results"), got.block,
                               field="results")
    subitems, ch2 = patch_items(list(got.variant.subitems), _patch(got, "subitems"), got.block,
                                field="subitems")
    return Duty(text=got.text or "", results=tuple(map(str, results)),
                subitems=tuple(map(str, subitems)), id=got.block.id,
                source=edited(got.provenance, got.text_edited or any(ch1) or any(ch2)))


# -- general part, requirements, approval, signature --------------------------------------------
def titles_text(spec: TitlesSpec, forms: dict[str, dict[str, str]]) -> str:
    """A title field as printed: the text, or the titles joined (inflected when a case is set)."""
    if spec.text is not None:
        return spec.text
    if spec.case == "nominative" and spec.conjunction is None:
        return str(TitleList(spec.titles))
    try:
        return language.inflect_list(spec.titles, spec.case, conjunction=spec.conjunction,
                                     explicit=forms)
    except AjdocError as exc:
        raise exc.at(spec.place) if exc.place == Place() else exc


def unit_of(spec: UnitSpec) -> Unit:
    return Unit(*spec.names)


def _general(spec: GeneralSpec, forms: dict[str, dict[str, str]], group: str) -> GeneralPart:
    special = None
    if spec.special_conditions is not None:
        special = SpecialConditions(spec.special_conditions.label, spec.special_conditions.text)

    def opt(t: Optional[TitlesSpec]) -> Optional[str]:
        return titles_text(t, forms) if t is not None else None

    return GeneralPart(title=spec.title, unit=unit_of(spec.unit), supervisor=spec.supervisor,
                       substituted_by=opt(spec.substituted_by), substitutes=opt(spec.substitutes),
                       subordinates=opt(spec.subordinates), position_group=group,
                       special_conditions=special, appointed_by=spec.appointed_by)


def _requirements(spec: Optional[RequirementsSpec], computer: Optional[Item]) -> Requirements:
    if spec is None:
        return Requirements(computer_skills=computer)
    langs = tuple(LanguageRequirement(languages=lang.language, level=lang.level,
                                      at_least=lang.at_least, text=lang.text)
                  for lang in spec.languages)
    return Requirements(education=spec.education, experience=spec.experience, languages=langs,
                        language_style=spec.language_style, computer_skills=computer,
                        personal_qualities=spec.personal_qualities)


def _approval(spec: Optional[ApprovalSpec], agency: str,
              prof: resources.Profile) -> Optional[Approval]:
    if spec is None:
        return None
    return Approval(agency=agency, date=spec.date, number=spec.number,
                    signer_title=spec.signer_title or str(prof.settings["signer_title"]))


def _signature(spec: Optional[SignatureSpec], general: GeneralPart) -> Optional[Signature]:
    if spec is None:
        return None
    employee = general.position_group == "töötaja"
    mode = spec.mode or ("both" if employee else "head")
    if mode == "both" and not employee:
        raise spec.error("a signature by both parties is for a töötaja under an employment "
                         "contract; set general.position_group: töötaja", "mode")
    return Signature(signer_name=spec.name, signer_title=spec.title, mode=mode,
                     employee_name=spec.employee,
                     employee_title=spec.employee_title or (general.title if mode == "both"
                                                            else None))
