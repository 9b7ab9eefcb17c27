"""Composition: a role file (its preset, own duties and overrides) → a JobDescription.

The role file names a preset; the preset gives every section its block(s); the role adds its own
general part, purpose and duties, and may change which blocks a section holds (``sections:``,
the same syntax as presets) and what a block says (``edit:``). Every standard item of the result
records the block id, version and variant it came from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

from .. import resources, yamlio
from ..errors import AjdocError, Place, suggest
from ..library import (LIST_SECTIONS, OWN, SECTIONS, Block, Library, Named, Ref, Variant,
                      apply_sections, load_library)
from ..model import (AdditionalCompetency, Approval, Competency, Duty, GeneralPart, Item,
                    JobDescription, LanguageRequirement, Provenance, Requirements, Signature,
                    SpecialConditions, TitleList, Unit)

ROLE_KEYS = ["preset", "agency", "approved", "general", "purpose", "duties", "requirements",
             "sections", "edit", "signature", "numbering", "forms"]
GENERAL_KEYS = ["title", "unit", "supervisor", "substituted_by", "substitutes", "subordinates",
                "position_group", "special_conditions"]
DUTY_KEYS = ["id", "text", "subitems", "results"]
REQ_KEYS = ["education", "experience", "languages", "language_style", "personal_qualities"]
EDIT_KEYS = ["variant", "version", "text", "items", "subitems", "results"]
PATCH_KEYS = ["add", "remove", "replace"]


def load_role(path: Path | str, library: Library | Sequence[Path | str] | None = None) -> JobDescription:
    """Read and compose a role file; every mistake is an AjdocError naming file and place."""
    node = yamlio.load(path)
    return compose(node, library)


def compose(node: yamlio.Node, library: Library | Sequence[Path | str] | None = None) -> JobDescription:
    """Compose a parsed role file (see `load_role`)."""
    try:
        return _compose(node, library)
    except (TypeError, ValueError) as exc:  # a model class refused a value: name the file
        raise node.error(str(exc)) from None


def _compose(node: yamlio.Node, library) -> JobDescription:
    lib = library if isinstance(library, Library) else load_library(library or ())
    node.keys(ROLE_KEYS, ["preset", "general", "purpose", "duties"])
    preset = lib.preset(node.req("preset").as_text(), node.req("preset").place)
    sections = dict(preset.sections)
    if node.has("sections"):
        sections = apply_sections(lib, sections, node.req("sections"))
    edits = _read_edits(node.get("edit"))
    explicit = _read_forms(node.get("forms"))
    used: set[str] = set()

    def single(section: str) -> Optional[tuple[Block, Variant, Provenance, dict]]:
        ref = sections.get(section)
        if ref is None:
            return None
        return _resolve(lib, ref, edits, used, node.place)

    def text_item(section: str) -> Optional[Item]:
        got = single(section)
        if got is None:
            return None
        block, variant, prov, edit = got
        text = edit["text"].as_text() if "text" in edit else variant.text
        return Item(text, _edited(prov, "text" in edit))

    def list_items(section: str) -> tuple[Item, ...]:
        got = single(section)
        if got is None:
            return ()
        block, variant, prov, edit = got
        items, changed = _patch_texts(list(variant.items), edit.get("items"), block)
        return tuple(Item(t, _edited(prov, changed)) for t in items)

    general = _general(node.req("general"), explicit)
    agency = node.get("agency").as_text() if node.has("agency") else resources.defaults()["agency"]

    competencies = []
    for ref in sections.get("competencies", ()):
        block, variant, prov, edit = _resolve(lib, ref, edits, used, node.place)
        items, changed = _patch_texts(list(variant.items), edit.get("items"), block)
        competencies.append(Competency(block.title, tuple(items), _edited(prov, changed)))

    additional: list[AdditionalCompetency] = []
    got = single("additional")
    if got:
        block, variant, prov, edit = got
        items, changed = _patch_texts(list(variant.items), edit.get("items"), block,
                                      named=True)
        for it in items:
            it = it if isinstance(it, Named) else Named(it)
            additional.append(AdditionalCompetency(it.text, it.name, _edited(prov, changed)))

    duties = _duties(lib, node.req("duties"), sections.get("duties", (OWN,)), edits, used)
    computer = text_item("computer_skills")
    requirements = _requirements(node.get("requirements"), computer)
    numbering = node.get("numbering")
    number_dot = False
    if numbering is not None:
        numbering.keys(["trailing_dot"])
        number_dot = numbering.req("trailing_dot").as_bool() if numbering.has("trailing_dot") else False

    parts = dict(
        duties_heading=text_item("duties_heading"),
        rights_intro=text_item("rights_intro"),
        rights=list_items("rights"),
        responsibilities_intro=text_item("responsibilities_intro"),
        responsibilities=list_items("responsibilities"),
        work_tools=text_item("work_tools"),
        amendment=list_items("amendment"),
    )
    for block_id, enode in edits.items():
        if block_id not in used:
            raise enode.error(f"edit names block '{block_id}', which this role does not use",
                              suggest(block_id, used) or
                              "`ajdoc explain` lists the blocks the role uses")
    try:
        return JobDescription(
            general=general,
            purpose=node.req("purpose").as_text(),
            duties=tuple(duties),
            agency=agency,
            requirements=requirements,
            **parts,
            competencies=tuple(competencies),
            additional=tuple(additional),
            approval=_approval(node.get("approved"), agency),
            signature=_signature(node.get("signature"), general),
            number_dot=number_dot,
            forms=tuple(explicit.items()),
            preset=preset.id,
            source_file=node.file,
        )
    except (TypeError, ValueError) as exc:
        raise node.error(str(exc)) from None


# -- blocks -------------------------------------------------------------------------------------
def _read_edits(node: Optional[yamlio.Node]) -> dict[str, yamlio.Node]:
    if node is None:
        return {}
    edits = {}
    for key, enode in node.items():
        enode.keys(EDIT_KEYS + PATCH_KEYS)
        shorthand = {k: enode.value[k] for k in PATCH_KEYS if k in enode.value}
        if shorthand:  # `add/remove/replace` directly under the block id: a patch of its items
            if "items" in enode.value:
                raise enode.error("give the item changes either under items: or directly, "
                                  "not both")
            rest = {k: v for k, v in enode.value.items() if k not in PATCH_KEYS}
            rest["items"] = shorthand
            enode = yamlio.Node(rest, enode.file, enode.path, enode.line)
        edits[key] = enode
    return edits


def _resolve(lib: Library, ref: Ref, edits: dict, used: set, place: Place):
    edit_node = edits.get(ref.id)
    edit: dict[str, yamlio.Node] = {}
    if edit_node is not None:
        edit = {k: v for k, v in edit_node.items()}
        variant = edit["variant"].as_text() if "variant" in edit else ref.variant
        version = edit["version"].as_int() if "version" in edit else ref.version
        ref = Ref(ref.id, variant, version)
        where = edit_node.place
    else:
        where = place
    block, variant = lib.resolve(ref, where)
    if "text" in edit and block.kind not in ("text", "duty"):
        raise edit["text"].error(f"block '{block.id}' is a {block.kind} block; change its "
                                 "items with items: add / remove / replace")
    if "items" in edit and block.kind in ("text", "duty"):
        raise edit["items"].error(f"block '{block.id}' is a {block.kind} block and has no "
                                  "items; use text:")
    for key in ("subitems", "results"):
        if key in edit and block.kind != "duty":
            raise edit[key].error(f"'{key}' applies to duty blocks; '{block.id}' is a "
                                  f"{block.kind} block")
    used.add(block.id)
    return block, variant, Provenance(block.id, block.version, variant.name), edit


def _edited(prov: Provenance, changed: bool) -> Provenance:
    if not changed:
        return prov
    from attrs import evolve

    return evolve(prov, edited=True)


def _patch_texts(items: list, node: Optional[yamlio.Node], block: Block,
                 named: bool = False) -> tuple[list, bool]:
    """Apply an items patch: add (text or {text, at}), remove (1-based index or text start),
    replace ({index or text start: new text})."""
    if node is None:
        return items, False
    node.keys(["add", "remove", "replace"])

    def text_of(it) -> str:
        return f"{it.name}: {it.text}" if isinstance(it, Named) and it.name else (
            it.text if isinstance(it, Named) else it)

    def find(sel: yamlio.Node) -> int:
        v = sel.value
        if isinstance(v, int) and not isinstance(v, bool):
            if not 1 <= v <= len(items):
                raise sel.error(f"block '{block.id}' has items 1 to {len(items)}; there is no "
                                f"item {v}")
            return v - 1
        start = sel.as_text().strip()
        hits = [i for i, it in enumerate(items) if text_of(it).startswith(start)
                or (isinstance(it, Named) and it.name == start)]
        if len(hits) != 1:
            raise sel.error(f"'{start[:50]}' {'matches no' if not hits else 'matches several'} "
                            f"item of block '{block.id}'; give the item's number (1 to "
                            f"{len(items)}) or the start of its text")
        return hits[0]

    def new_item(n: yamlio.Node):
        if named and n.is_map():
            n.keys(["name", "text"], ["text"])
            return Named(n.req("text").as_text(), n.get("name").as_text() if n.has("name") else None)
        return Named(n.as_text()) if named else n.as_text()

    if node.has("replace"):
        rnode = node.req("replace")
        for key, value in rnode.items():
            sel = yamlio.Node(key, value.file, value.path, value.line)
            items[find(sel)] = new_item(value)
    if node.has("remove"):
        drop = sorted({find(sel) for sel in node.req("remove").list_or_one()}, reverse=True)
        for i in drop:
            items.pop(i)
    if node.has("add"):
        for n in node.req("add").list_or_one():
            if n.is_map() and "at" in n.value:
                n.keys(["text", "name", "at"], ["text", "at"])
                at = n.req("at").as_int()
                if not 1 <= at <= len(items) + 1:
                    raise n.req("at").error(f"'at' is a position from 1 to {len(items) + 1}")
                value = yamlio.Node({k: v for k, v in n.value.items() if k != "at"}, n.file,
                                    n.path, n.line) if named else n.req("text")
                items.insert(at - 1, new_item(value))
            else:
                items.append(new_item(n))
    if not items:
        raise node.error(f"the edit leaves block '{block.id}' with no items; remove the block "
                         "from its section instead")
    return items, True


# -- duties -------------------------------------------------------------------------------------
def _duties(lib: Library, node: yamlio.Node, preset_duties: Iterable, edits: dict,
            used: set) -> list[Duty]:
    own: list = []  # Duty, or Ref placed by the role
    placed: set[str] = set()
    ids: dict[str, yamlio.Node] = {}
    for dnode in node.as_list():
        if dnode.is_map() and "use" in dnode.value:
            dnode.keys(["use"])
            ref = Ref.parse(dnode.req("use").as_text(), dnode.req("use").place)
            if ref.id in placed:
                raise dnode.error(f"duty block '{ref.id}' is placed twice")
            block = lib.block(ref, dnode.place)
            if block.kind != "duty":
                raise dnode.error(f"block '{block.id}' is a {block.kind} block, not a duty")
            placed.add(ref.id)
            own.append((ref, dnode))
            continue
        dnode.keys(DUTY_KEYS + ["use"], ["text"])
        did = dnode.get("id").as_text() if dnode.has("id") else None
        if did:
            if did in ids:
                raise dnode.req("id").error(f"duplicate duty id '{did}' (first at line "
                                            f"{ids[did].line})")
            ids[did] = dnode.req("id")
        try:
            own.append(Duty(text=dnode.req("text").as_text(),
                            results=tuple(n.as_text() for n in _list(dnode.get("results"))),
                            subitems=tuple(n.as_text() for n in _list(dnode.get("subitems"))),
                            id=did))
        except (TypeError, ValueError) as exc:
            raise dnode.error(str(exc)) from None
    preset_refs = [r for r in preset_duties if r != OWN]
    placed_refs = {r.id: r for r, _ in (o for o in own if isinstance(o, tuple))}
    out: list[Duty] = []
    order = list(preset_duties) if OWN in preset_duties else list(preset_duties) + [OWN]
    for entry in order:
        if entry == OWN:
            for o in own:
                if isinstance(o, tuple):
                    ref, dnode = o
                    base = next((r for r in preset_refs if r.id == ref.id), None)
                    if base is not None and ref.variant is None and ref.version is None:
                        ref = base
                    out.append(_duty_from_block(lib, ref, edits, used, dnode.place))
                else:
                    out.append(o)
        elif entry.id not in placed_refs:
            out.append(_duty_from_block(lib, entry, edits, used, node.place))
    if not out:
        raise node.error("a job description needs at least one duty")
    return out


def _duty_from_block(lib, ref, edits, used, place) -> Duty:
    block, variant, prov, edit = _resolve(lib, ref, edits, used, place)
    text = edit["text"].as_text() if "text" in edit else variant.text
    results, ch1 = _patch_texts(list(variant.results), edit.get("results"), block) \
        if "results" in edit else (list(variant.results), False)
    subitems, ch2 = _patch_texts(list(variant.subitems), edit.get("subitems"), block) \
        if "subitems" in edit else (list(variant.subitems), False)
    return Duty(text=text, results=tuple(results), subitems=tuple(subitems), id=block.id,
                source=_edited(prov, "text" in edit or ch1 or ch2))


def _list(node: Optional[yamlio.Node]) -> list[yamlio.Node]:
    return node.list_or_one() if node is not None else []


# -- general part, requirements, approval, signature --------------------------------------------
def _read_forms(node: Optional[yamlio.Node]) -> dict[str, str]:
    if node is None:
        return {}
    return {str(k): v.as_text() for k, v in node.items()}


def _titles(node: yamlio.Node, explicit: dict) -> str:
    """A title field: text, a list of titles, or {titles, conjunction, case}."""
    if node.is_str():
        return node.as_text()
    if node.is_list():
        if not node.value:
            raise node.error("expected at least one title")
        return str(TitleList(tuple(n.as_text() for n in node.as_list())))
    node.keys(["titles", "conjunction", "case"], ["titles"])
    titles = tuple(n.as_text() for n in node.req("titles").list_or_one())
    if not titles:
        raise node.req("titles").error("expected at least one title")
    conj = node.get("conjunction").as_text() if node.has("conjunction") else None
    if conj not in (None, "või", "ja"):
        raise node.req("conjunction").error("expected 'või' or 'ja'")
    case = node.get("case").as_text() if node.has("case") else "nominative"
    from .. import language

    if case not in language.CASES:
        raise node.req("case").error(f"unknown case '{case}'; expected one of "
                                     f"{', '.join(language.CASES)}",
                                     suggest(case, language.CASES))
    try:
        return language.inflect_list(titles, case, conjunction=conj, explicit=explicit)
    except AjdocError as exc:
        raise exc.at(node.place) if exc.place == Place() else exc
    

def read_unit(node: yamlio.Node) -> Unit:
    """A unit: a list of 1–3 names, {department, division, team}, or one name."""
    if node.is_list():
        parts = [n.as_text() for n in node.as_list()]
        if not 1 <= len(parts) <= 3:
            raise node.error("expected 1 to 3 names: osakond, talitus, tiim")
        return Unit(*parts)
    if node.is_map():
        node.keys(["department", "division", "team"], ["department"])
        get = lambda k: node.get(k).as_text() if node.has(k) else None  # noqa: E731
        return Unit(node.req("department").as_text(), get("division"), get("team"))
    return Unit(node.as_text())


def _general(node: yamlio.Node, explicit: dict) -> GeneralPart:
    node.keys(GENERAL_KEYS, ["title", "unit", "supervisor"])
    unit = read_unit(node.req("unit"))
    special = None
    if node.has("special_conditions"):
        snode = node.req("special_conditions")
        snode.keys(["label", "text"], ["text"])
        label = snode.get("label").as_text() if snode.has("label") else "Eritingimused"
        if label not in ("Riigikaitse", "Eritingimused"):
            raise snode.req("label").error("expected 'Riigikaitse' or 'Eritingimused'",
                                           suggest(label, ("Riigikaitse", "Eritingimused")))
        special = SpecialConditions(label, snode.req("text").as_text())
    group = node.get("position_group").as_text() if node.has("position_group") else "ametnik"
    if group not in ("ametnik", "töötaja"):
        raise node.req("position_group").error(f"expected 'ametnik' or 'töötaja', got '{group}'",
                                               suggest(group, ("ametnik", "töötaja")))
    opt = lambda k: _titles(node.req(k), explicit) if node.has(k) else None  # noqa: E731
    return GeneralPart(title=node.req("title").as_text(), unit=unit,
                       supervisor=node.req("supervisor").as_text(),
                       substituted_by=opt("substituted_by"), substitutes=opt("substitutes"),
                       subordinates=opt("subordinates"), position_group=group,
                       special_conditions=special)


def _requirements(node: Optional[yamlio.Node], computer: Optional[Item]) -> Requirements:
    if node is None:
        return Requirements(computer_skills=computer)
    node.keys(REQ_KEYS)
    langs = []
    for lnode in _list(node.get("languages")):
        if lnode.is_str():
            raise lnode.error("expected {language: …, level: …}",
                              "e.g. {language: eesti, level: C1, at_least: true}")
        lnode.keys(["language", "level", "at_least", "text"], ["language", "level"])
        level_node = lnode.req("level")
        level = str(level_node.value).strip().upper()
        from ..model import CEFR_LEVELS

        if level not in CEFR_LEVELS:
            raise level_node.error(f"'{level_node.value}' is not a language level; expected one "
                                   f"of {', '.join(CEFR_LEVELS)}")
        names = tuple(n.as_text().strip() for n in lnode.req("language").list_or_one())
        if not names:
            raise lnode.req("language").error("expected at least one language (eesti, inglise …)")
        langs.append(LanguageRequirement(
            languages=names, level=level,
            at_least=lnode.req("at_least").as_bool() if lnode.has("at_least") else False,
            text=lnode.get("text").as_text() if lnode.has("text") else None))
    style = node.get("language_style").as_text() if node.has("language_style") else "valdamine"
    if style not in ("valdamine", "valdab", "oskus"):
        raise node.req("language_style").error("expected 'valdamine', 'valdab' or 'oskus'",
                                                suggest(style, ("valdamine", "valdab", "oskus")))
    get = lambda k: node.get(k).as_text() if node.has(k) else None  # noqa: E731
    return Requirements(education=get("education"), experience=get("experience"),
                        languages=tuple(langs), language_style=style, computer_skills=computer,
                        personal_qualities=get("personal_qualities"))


def _approval(node: Optional[yamlio.Node], agency: str) -> Optional[Approval]:
    if node is None:
        return None
    node.keys(["date", "number", "signer_title"], ["date", "number"])
    return Approval(agency=agency,
                    signer_title=node.get("signer_title").as_text() if node.has("signer_title")
                    else resources.defaults()["signer_title"],
                    date=node.req("date").as_date(), number=node.req("number").as_number_text())


def _signature(node: Optional[yamlio.Node], general: GeneralPart) -> Optional[Signature]:
    if node is None:
        return None
    node.keys(["name", "title", "mode", "employee"], ["name", "title"])
    mode = node.get("mode").as_text() if node.has("mode") else "head"
    if mode not in ("head", "both"):
        raise node.req("mode").error("expected 'head' (signed by the head) or 'both' (employer "
                                     "and employee)", suggest(mode, ("head", "both")))
    if mode == "both" and general.position_group != "töötaja":
        raise node.req("mode").error("a signature by both parties is for a töötaja under an "
                                     "employment contract; set general.position_group: töötaja")
    return Signature(signer_name=node.req("name").as_text(), signer_title=node.req("title").as_text(),
                     mode=mode, employee_name=node.get("employee").as_text()
                     if node.has("employee") else None)
