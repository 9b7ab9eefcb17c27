"""Building the role from a parsed job description: the preset, general part, duties, sections."""

from __future__ import annotations

import re
from typing import Any, Optional, Sequence, Union

import attrs

from ..compose.edits import Wordings
from ..errors import AjdocError, Place
from ..library import OWN, SECTIONS, SINGLE_SECTIONS, Block, Library, Ref, Variant
from ..model import POSITION_GROUPS, Preset, Unit
from ..textdiff import ratio
from .cases import nominative
from .labels import Vocabulary
from .output import role_yaml
from .recognise import DUTY_FOREIGN_MIN, LIST_MIN, TEXT_MIN, CompMatch, DutyMatch, Equal, \
    Found, Match, joined_words, list_patch, recognise_competencies, recognise_duties, \
    recognise_single, variant_words
from .results import ImportResult, SectionReport
from .sections import Parsed, competency_sets, intro_items
from .text import importing_data, short, split_named
from .toplines import check_top
from .unphrase import approval, language_lines, languages, signature
from .userblocks import user_block


def build(parsed: Parsed, vocab: Vocabulary, *, source: str, stem: str, loose: bool,
          annex: bool = False, profile: Optional[str] = None) -> ImportResult:
    """The role (and its report, YAML and user blocks) of a parsed job description; `profile`
    is what the role file's `profile:` says (None: no such key, the default profile)."""
    lib, prof = vocab.lib, vocab.profile
    eq = Equal(loose)
    report: list[SectionReport] = []
    warns: list[str] = []
    layout = parsed.layout
    own_heading = vocab.prints_duties_heading(layout)
    fields = parsed.fields
    join = parsed.multiline

    def text_field(key: str) -> Optional[str]:
        paras = [p.text for p in fields.get(key, []) if p.text]
        return join.join(paras) if paras else None

    # -- the document's standard sections ---------------------------------------------------
    found: dict[str, Found] = {}
    rights_intro, rights = intro_items(fields.get("rights", []))
    resp_intro, resp = intro_items(fields.get("responsibilities", []))
    singles: dict[str, Any] = {
        "duties_heading": parsed.duties_heading if own_heading else None,
        "rights_intro": rights_intro, "rights": rights or None,
        "responsibilities_intro": resp_intro, "responsibilities": resp or None,
        "work_tools": text_field("work_tools"),
        "computer_skills": text_field("computer_skills"),
        "amendment": [p.text for p in fields.get("amendment", []) if p.text] or None,
    }
    qualities = text_field("personal_qualities")
    add_paras = [p for p in fields.get("additional", []) if p.text]
    first_bullet = next((i for i, p in enumerate(add_paras) if p.bullet), None)
    if first_bullet is None:
        items = add_paras
    else:
        lead = [p.text for p in add_paras[:first_bullet]]
        if lead:
            qualities = join.join(([qualities] if qualities else []) + lead)
        items = add_paras[first_bullet:]
    singles["additional"] = [split_named(p.text) for p in items] or None
    for section, value in singles.items():
        if value:
            found[section] = recognise_single(lib, section, value)

    comp_sets, stray = competency_sets(fields.get("competencies", []))
    if stray:
        warns.append("text under the competencies heading before any competency name was not "
                     f"imported: {short(' '.join(stray), 80)}")
    competencies = recognise_competencies(lib, comp_sets)
    duties = recognise_duties(lib, parsed.duties)

    preset = choose_preset(lib, found, competencies, duties, own_heading)
    preset_duties = {r.id for r in preset.sections.get("duties", ()) if isinstance(r, Ref)}
    for dm in duties:
        if dm.match and dm.match.block.id not in preset_duties and \
                dm.match.score < DUTY_FOREIGN_MIN:
            dm.match = None
    role: dict[str, Any] = {"profile": profile} if profile is not None else {}
    role["preset"] = preset.id
    sections: dict[str, Any] = {}
    edits: dict[str, Any] = {}
    blocks: list[dict[str, Any]] = []

    # -- approval, agency, general part, purpose --------------------------------------------
    approved, agency, forms, note = approval(parsed.approval, prof)
    if note:
        warns.append(note)
    if agency:
        role["agency"] = agency
    if approved and not annex:
        role["approved"] = approved
        report.append(SectionReport("approval", "own", note=f"number {approved['number']}, "
                                    f"{approved['date'].isoformat()}"))
    general = _general(parsed, vocab, forms, warns)
    if parsed.unit_lines and len(general["unit"]) > 1:
        role["unit_lines"] = "levels"
    check_top(parsed.top, general, agency or prof.agency, general["unit"].get("department"),
              forms, warns)
    sig = signature([p.text for p in fields.get("signature", [])], warns, prof)
    if sig and sig.get("mode") == "both" and "position_group" not in general:
        general["position_group"] = importing_data()["both_parties_group"]
    # the preset's blocks in the wording of the role's position group: what composing gives
    preset = for_group(lib, preset, general.get("position_group") or preset.position_group)
    role["general"] = general
    report.append(SectionReport("general", "own", note=general["title"]))
    purpose = text_field("purpose")
    if not purpose:
        warns.append(f"no purpose ({vocab.label_text(layout, 'purpose')}) found; '-' "
                     "written in its place")
        purpose = "-"
    role["purpose"] = purpose
    report.append(SectionReport("purpose", "own"))

    # -- duties -----------------------------------------------------------------------------
    role["duties"] = _emit_duties(lib, preset, duties, sections, edits, report, eq)

    # -- requirements -----------------------------------------------------------------------
    req: dict[str, Any] = {}
    for key in ("education", "experience"):
        value = text_field(key)
        if value:
            req[key] = value
    lang_lines = language_lines([p.text for p in fields.get("languages", [])], loose)
    if lang_lines:
        style, langs, notes = languages(lang_lines, prof)
        req["language_style"] = style
        req["languages"] = langs
        report.append(SectionReport("languages", "own", edits=notes,
                                    note=f"{len(langs)} line(s), style {style}"))
    if qualities:
        req["personal_qualities"] = qualities
    if req:
        role["requirements"] = req

    # -- the standard sections --------------------------------------------------------------
    skip = set() if own_heading else {"duties_heading"}
    for section in SINGLE_SECTIONS:
        if section in skip:
            continue
        _emit_single(lib, preset, section, found.get(section), sections, edits, report, eq)
    _emit_competencies(lib, preset, competencies, sections, edits, report, eq, blocks, stem,
                       source, vocab.lacks(layout, "competencies"))

    if sections:
        role["sections"] = {k: sections[k] for k in SECTIONS if k in sections}
    if edits:
        role["edit"] = edits
    numbered = [d for d in parsed.duties if d["number"]]
    if not vocab.layouts[layout].get("number_dot") and numbered and \
            all(d["dot"] for d in numbered):
        # "1.1." in the general part too, or only in the duties ("1.1 Ametinimetus")
        whole = not parsed.label_dots or all(parsed.label_dots)
        role["numbering"] = {"trailing_dot": True if whole else "duties"}
    if sig and not annex:
        role["signature"] = sig
        if sig.get("employee_title") == general.get("title"):
            del sig["employee_title"]  # the default: the post's title
    if forms:
        role["forms"] = forms
    for key in ("general", "requirements", "rights_and_resp", "after_duties", "unplaced",
                "duties"):
        rest = [p.text for p in fields.get(key, []) if p.text]
        if rest:
            warns.append(f"text not imported ({key.replace('_', ' ')}): "
                         f"{short(' | '.join(rest), 100)}")
    text = role_yaml(role, source=source, layout=layout, report=report,
                     library_note=bool(blocks), default_layout=vocab.fallback)
    return ImportResult(source=source, role=role, yaml=text, report=report, layout=layout,
                        blocks=blocks, warnings=warns, library=lib,
                        default_layout=vocab.fallback)


# -- general part --------------------------------------------------------------------------------
def _general(parsed: Parsed, vocab: Vocabulary, forms: dict[str, Any],
             warns: list[str]) -> dict[str, Any]:
    g = dict(parsed.general)
    missing = "-"
    printed_missing = vocab.phrases["missing"]
    out: dict[str, Any] = {}
    for key, case in vocab.cases[parsed.layout].items():  # values printed in a case
        printed = g.get(key)
        if not printed or printed == printed_missing:
            continue
        value = nominative(printed, case)
        if value is None:
            value = printed
            forms.setdefault(printed, {})[case] = printed
            warns.append(f"general part: the nominative of '{short(printed)}' ({case}) was not "
                         "found; the printed form is kept with a forms: entry — check "
                         f"general.{key}")
        g[key] = value
    for key in ("title", "unit", "supervisor"):
        if not g.get(key):
            warns.append(f"general part: no {key.replace('_', ' ')} found; '-' written in its "
                         "place")
    out["title"] = g.get("title") or missing
    if len(parsed.unit_lines) in (2, 3):
        lines = list(parsed.unit_lines)
        unit_case = vocab.cases[parsed.layout].get("unit")
        if unit_case:
            lines[0] = nominative(lines[0], unit_case) or lines[0]
        out["unit"] = dict(zip(("department", "division", "team"), lines))
    else:
        out["unit"] = _unit(g.get("unit") or missing)
    out["supervisor"] = g.get("supervisor") or missing
    for key in ("substituted_by", "substitutes", "subordinates"):
        value = g.get(key)
        if value and value != printed_missing:
            out[key] = value
    appointed = g.get("appointed_by")
    if appointed and appointed not in (printed_missing, vocab.profile.settings.get(
            "appointed_by")):
        out["appointed_by"] = appointed
    group = (g.get("position_group") or "").strip().casefold()
    if group in POSITION_GROUPS:
        out["position_group"] = group
    elif group:
        warns.append(f"position group '{g['position_group']}' is not one of "
                     f"{', '.join(POSITION_GROUPS)}; not imported")
    if g.get("special") and parsed.special_label:
        out["special_conditions"] = {"label": parsed.special_label, "text": g["special"]}
    return out


def _unit(text: str) -> dict[str, str]:
    """"Osakond, talitus (tiim)" → {department, division, team}, when it prints back the same."""
    m = re.fullmatch(r"(?P<dep>[^,]+?)(?:, (?P<div>.+?))?(?: \((?P<team>[^()]+)\))?", text)
    if m and m.group("div"):
        try:
            unit: Optional[Unit] = Unit(m.group("dep"), m.group("div"), m.group("team"))
        except (TypeError, ValueError):
            unit = None
        if unit is not None and str(unit) == text:
            return {k: v for k, v in (("department", unit.department),
                                      ("division", unit.division), ("team", unit.team)) if v}
    return {"department": text}


# -- references to blocks ------------------------------------------------------------------------
def _variant_of(lib: Library, ref: Ref) -> tuple[Block, str]:
    block = lib.block(ref)
    return block, ref.variant or block.default


def _ref_text(lib: Library, block: Block, variant: str, base: Optional[Ref] = None,
              full: bool = True) -> str:
    """`id:variant[@version]`; with `full` False just what differs from `base`."""
    latest = lib.latest_version(block.id) == block.version
    if not full and base is not None and base.id == block.id:
        bblock, bvariant = _variant_of(lib, base)
        if bblock.version == block.version and bvariant == variant:
            return block.id
    return block.id + f":{variant}" + ("" if latest else f"@{block.version}")


def _same(lib: Library, ref: Optional[Ref], block: Block, variant: str) -> bool:
    if ref is None or ref.id != block.id:
        return False
    b, v = _variant_of(lib, ref)
    return b.version == block.version and v == variant


# -- duties --------------------------------------------------------------------------------------
def _duty_edit(v: Variant, d: dict[str, Any], eq: Equal) -> tuple[dict[str, Any], list[str]]:
    edit: dict[str, Any] = {}
    notes: list[str] = []
    if not eq(v.text or "", d["text"]):
        edit["text"] = d["text"]
        notes.append("text changed")
    for key in ("subitems", "results"):
        patch, n = list_patch(list(getattr(v, key)), d[key], eq)
        if patch:
            edit[key] = patch
            notes.extend(f"{'result' if key == 'results' else 'sub-item'} {x}" for x in n)
    return edit, notes


def _emit_duties(lib: Library, preset: Preset, duties: list[DutyMatch], sections: dict[str, Any],
                 edits: dict[str, Any], report: list[SectionReport],
                 eq: Equal) -> list[dict[str, Any]]:
    preset_list = list(preset.sections.get("duties", (OWN,)))
    if OWN not in preset_list:
        preset_list.append(OWN)
    k = preset_list.index(OWN)
    pre = [r for r in preset_list[:k] if isinstance(r, Ref)]
    post = [r for r in preset_list[k + 1:] if isinstance(r, Ref)]
    present = {dm.match.block.id for dm in duties if dm.match}
    removed = [r.id for r in pre + post if r.id not in present]
    pre_kept = [r for r in pre if r.id in present]
    post_kept = [r for r in post if r.id in present]
    seq = [dm.match.block.id if dm.match else None for dm in duties]
    k1 = 0
    while k1 < len(pre_kept) and k1 < len(seq) and seq[k1] == pre_kept[k1].id:
        k1 += 1
    k2 = 0
    while (k2 < len(post_kept) and k2 < len(seq) - k1
           and seq[len(seq) - 1 - k2] == post_kept[len(post_kept) - 1 - k2].id):
        k2 += 1
    implicit = set(range(k1)) | set(range(len(seq) - k2, len(seq)))
    base_of = {r.id: r for r in pre + post}
    out: list[dict[str, Any]] = []
    replace: dict[str, str] = {}
    for i, dm in enumerate(duties):
        d = dm.duty
        label = f"duty {d['number'] or i + 1}"
        if dm.match is None:
            entry = {"text": d["text"] or "-"}
            if d["subitems"]:
                entry["subitems"] = list(d["subitems"])
            if d["results"]:
                entry["results"] = list(d["results"])
            out.append(entry)
            report.append(SectionReport(label, "own", note=short(d["text"], 50)))
            continue
        block, v = dm.match.block, dm.match.variant
        base = base_of.get(block.id)
        edit, notes = _duty_edit(v, d, eq)
        if edit:
            edits[block.id] = edit
        if i in implicit:
            if not _same(lib, base, block, v.name):
                replace[block.id] = _ref_text(lib, block, v.name)
        else:
            if base is not None and _same(lib, base, block, v.name):
                out.append({"use": block.id})
            else:
                out.append({"use": _ref_text(lib, block, v.name)})
        report.append(SectionReport(label, "edited" if edit else "matched",
                                    block=f"{block.id}@{block.version}:{v.name}",
                                    score=dm.match.score, edits=notes))
    patch: dict[str, Any] = {}
    if removed:
        patch["remove"] = removed
        for rid in removed:
            report.append(SectionReport(f"duty {rid}", "removed",
                                        note="the preset's duty is not in the document"))
    if replace:
        patch["replace"] = replace
    if patch:
        sections["duties"] = patch
    first = duties[0].match if duties else None
    if not out and first is not None:  # every duty is standard: the role still lists one
        out.append({"use": _ref_text(lib, first.block, first.variant.name,
                                     base_of.get(first.block.id), full=False)})
    return out


# -- competencies --------------------------------------------------------------------------------
def _emit_competencies(lib: Library, preset: Preset, comps: list[CompMatch],
                       sections: dict[str, Any], edits: dict[str, Any],
                       report: list[SectionReport], eq: Equal, blocks: list[dict[str, Any]],
                       stem: str, source: str, no_place: bool) -> None:
    refs: list[Union[str, tuple[Block, str]]] = []
    for cm in comps:
        label = f"competency {cm.name}"
        if not cm.indicators:
            report.append(SectionReport(label, "skipped", note="no indicators; not imported"))
            continue
        if cm.match is None:
            block = user_block(cm.name, cm.indicators, stem, source)
            blocks.append(block)
            variant = next(iter(block["variants"]))
            refs.append(f"{block['id']}:{variant}")
            report.append(SectionReport(label, "user-block", block=f"{block['id']}@1:{variant}",
                                        note="no library block has this name: written to "
                                             "library/blocks/imported.yaml"))
            continue
        lib_block, v = cm.match.block, cm.match.variant
        patch, notes = list_patch(list(v.items), cm.indicators, eq)
        if patch:
            edits[lib_block.id] = patch
        refs.append((lib_block, v.name))
        report.append(SectionReport(label, "edited" if patch else "matched",
                                    block=f"{lib_block.id}@{lib_block.version}:{v.name}",
                                    score=cm.match.score, edits=notes))
    preset_refs = list(preset.sections.get("competencies", ()))
    same = len(preset_refs) == len(refs) and all(
        not isinstance(r, str) and isinstance(p, Ref) and _same(lib, p, r[0], r[1])
        for p, r in zip(preset_refs, refs))
    if not same:
        if not refs and no_place and not preset_refs:
            return
        sections["competencies"] = [r if isinstance(r, str) else _ref_text(lib, r[0], r[1])
                                    for r in refs]
        if not refs:
            report.append(SectionReport("competencies", "absent",
                                        note="none in the document; the preset's removed"))


def for_group(lib: Library, preset: Preset, group: str) -> Preset:
    """The preset with each block reference in the variant the position group takes."""
    wordings = Wordings(group, preset.by_group)
    place = Place(key="preset")

    def chosen(ref: Any, section: str) -> Any:
        return wordings.choose(lib, ref, section, place) if isinstance(ref, Ref) else ref

    sections = {name: tuple(chosen(r, name) for r in value) if isinstance(value, tuple)
                else chosen(value, name) for name, value in preset.sections.items()}
    return attrs.evolve(preset, sections=sections)


# -- single sections -----------------------------------------------------------------------------
def _emit_single(lib: Library, preset: Preset, section: str, f: Optional[Found],
                 sections: dict[str, Any], edits: dict[str, Any], report: list[SectionReport],
                 eq: Equal) -> None:
    pref = preset.sections.get(section)
    pref = pref if isinstance(pref, Ref) else None
    label = section.replace("_", " ")
    if f is None:
        if pref is not None:
            sections[section] = None
            report.append(SectionReport(label, "absent",
                                        note="not in the document; the preset's block removed"))
        return
    m = f.match
    if m is None:
        report.append(SectionReport(label, "lost", note="no block of this kind in the library"))
        return
    if m.recognised or pref is None:
        block, v = m.block, m.variant
    else:
        block, v = lib.resolve(pref)
    if not _same(lib, pref, block, v.name):
        sections[section] = _ref_text(lib, block, v.name)
    kind = block.kind
    notes: list[str] = []
    edit: Optional[dict[str, Any]] = None
    if kind == "text":
        if not eq(v.text or "", f.value):
            edit = {"text": f.value}
            notes.append("text changed")
    else:
        edit, notes = list_patch(list(v.items), list(f.value), eq, named=kind == "additional")
    if edit:
        edits[block.id] = edit
    status = ("edited" if edit else "matched") if m.recognised else "own"
    score = ratio(joined_words(f.value), variant_words(kind, v))
    report.append(SectionReport(label, status, block=f"{block.id}@{block.version}:{v.name}",
                                score=score, edits=notes,
                                note="" if m.recognised else
                                f"matches no block above {TEXT_MIN if kind == 'text' else LIST_MIN}"
                                "; kept as an edit of this block"))


# -- preset --------------------------------------------------------------------------------------
def choose_preset(lib: Library, found: dict[str, Found], comps: list[CompMatch],
                  duties: list[DutyMatch], own_heading: bool = True) -> Preset:
    """The preset naming most of the recognised blocks (same variant 1, other variant ½) and
    least of what the document lacks or holds besides (−1 each)."""
    best: Optional[Preset] = None
    best_key: Optional[tuple[float, int, int]] = None
    for n, pid in enumerate(lib.preset_ids()):
        try:
            preset = lib.preset(pid)
        except AjdocError:
            continue
        score = 0.0
        for section in SINGLE_SECTIONS:
            if not own_heading and section == "duties_heading":
                continue
            ref = preset.sections.get(section)
            f = found.get(section)
            if f is None:
                score += 1 if ref is None else -1
                continue
            if not f.match or not f.match.recognised:
                continue
            score += _agree(lib, ref if isinstance(ref, Ref) else None, f.match)
        score += _agree_lists(lib, preset.sections.get("competencies", ()),
                              [c.match for c in comps if c.match])
        score += _agree_lists(lib, [r for r in preset.sections.get("duties", ()) if r != OWN],
                              [d.match for d in duties if d.match])
        key = (score, -len(preset.chain), -n)
        if best_key is None or key > best_key:
            best, best_key = preset, key
    if best is None:
        raise AjdocError("the library has no usable preset; the import needs one")
    return best


def _agree(lib: Library, ref: Optional[Ref], m: Match) -> float:
    if ref is None or ref.id != m.block.id:
        return -1
    return 1 if _same(lib, ref, m.block, m.variant.name) else 0.5


def _agree_lists(lib: Library, refs: Sequence[Any], matches: list[Match]) -> float:
    score = 0.0
    by_id = {m.block.id: m for m in matches}
    ref_ids = {r.id: r for r in refs if isinstance(r, Ref)}
    for rid, ref in ref_ids.items():
        score += _agree(lib, ref, by_id[rid]) if rid in by_id else -1
    score -= sum(1 for rid in by_id if rid not in ref_ids)
    return score
