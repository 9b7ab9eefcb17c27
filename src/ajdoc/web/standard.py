"""The standard texts in the role editor: for each block the role uses, the variant it takes and
the changes to its items (remove, replace, change words, add), shown as rows of a form and
written as ``sections:`` and ``edit:`` — nobody types ``edit:`` by hand.

The rows of a block are read from the role's ``edit:`` entry by replaying it on the variant's
items (replace, remove, add, then words, as ajdoc applies them). An entry the rows cannot show
(the whole list replaced, an item taken from another variant, an item added at a position …)
is kept as written and shown as YAML; only its variant can then be changed here."""

from __future__ import annotations

import copy
from collections import Counter
from typing import Any, Optional, Sequence

import attrs

from ..errors import AjdocError
from ..library import LIST_SECTIONS, Library, Named, Ref
from ..model import JobDescription
from ..schema.edits import PATCH_KEYS
from ..yamlwrite import commented, dump
from .fields import text

KEEP, REMOVE, REPLACE, WORDS = "keep", "remove", "replace", "words"
OPS = (KEEP, REMOVE, REPLACE, WORDS)
ITEM_KINDS = ("list", "competency", "additional")
ORDER = ("duties", "rights_intro", "rights", "responsibilities_intro", "responsibilities",
         "work_tools", "computer_skills", "competencies", "additional", "amendment",
         "duties_heading")


@attrs.frozen
class Row:
    """An item of the block's variant and what the role does with it."""

    orig: str
    op: str = KEEP
    text: str = ""
    words: tuple[tuple[str, str], ...] = ()


@attrs.frozen
class StdBlock:
    """A block the role uses, as the form shows it."""

    bid: str
    section: str
    title: str
    kind: str
    version: int
    variants: tuple[tuple[str, tuple[str, ...]], ...]   # name, the groups it is written for
    chosen: str                   # the variant the role names ("": the preset's or the group's)
    effective: str                # the variant it takes
    rows: tuple[Row, ...] = ()
    add: tuple[str, ...] = ()
    locked: str = ""              # the edit, as YAML, when the rows cannot show it

    @property
    def has_items(self) -> bool:
        return self.kind in ITEM_KINDS

    @property
    def changed(self) -> bool:
        return bool(self.chosen or self.add or self.locked or any(r.op != KEEP for r in self.rows))


def _sources(jd: JobDescription) -> list[tuple[str, Any]]:
    """(section, provenance) of every standard part of a composed job description."""
    single: dict[str, Any] = {"duties_heading": jd.duties_heading, "rights_intro": jd.rights_intro,
              "responsibilities_intro": jd.responsibilities_intro, "work_tools": jd.work_tools,
              "computer_skills": jd.requirements.computer_skills}
    lists: dict[str, Any] = {"duties": [d for d in jd.duties if d.source is not None], "rights": jd.rights,
             "responsibilities": jd.responsibilities, "competencies": jd.competencies,
             "additional": jd.additional, "amendment": jd.amendment}
    out = []
    for section in ORDER:
        parts = lists.get(section) or ([single[section]] if single.get(section) else [])
        out += [(section, p.source) for p in parts if p is not None and p.source is not None]
    return out


def item_pairs(lib: Library, bid: str, version: int, variant: str) -> list[tuple[str, str]]:
    """The items of a block's variant as (text shown, name) pairs."""
    try:
        v = lib.block(Ref(bid, None, version)).variants.get(variant)
    except AjdocError:
        return []
    out = []
    for it in (v.items if v is not None else ()):
        if isinstance(it, Named):
            out.append((f"{it.name}: {it.text}" if it.name else it.text, it.name or ""))
        else:
            out.append((str(it), ""))
    return out


def _find(texts: list[tuple[str, str]], value: object) -> Optional[int]:
    if isinstance(value, int):
        return value - 1 if 1 <= value <= len(texts) else None
    hits = [i for i, (t, name) in enumerate(texts)
            if t.startswith(str(value)) or (name and name == value)]
    return hits[0] if len(hits) == 1 else None


class _Locked(Exception):
    """The edit cannot be shown as rows."""


def simulate(edit: Any, items: list[tuple[str, str]]) -> tuple[list[Row], list[str]]:
    """Replay an edit's item changes on the variant's items: the rows and the added items."""
    rows = [Row(t) for t, _ in items]
    patch = getattr(edit, "items", None) if edit is not None else None
    if edit is not None and any(getattr(edit, k, None) for k in ("text", "subitems", "results")):
        raise _Locked
    if edit is not None and getattr(edit, "words", None):
        raise _Locked
    if patch is None:
        return rows, []
    if patch.whole is not None:
        raise _Locked
    where: list[Optional[int]] = list(range(len(items)))       # position → original item
    texts = list(items)
    for sel, new in patch.replace:
        i = _find(texts, sel.value)
        if i is None or new.text is None or new.at is not None or new.name is not None:
            raise _Locked
        rows[i] = Row(rows[i].orig, REPLACE, new.text)
        texts[i] = (new.text, "")
    gone = set()
    for sel in patch.remove:
        i = _find(texts, sel.value)
        if i is None or rows[i].op != KEEP:
            raise _Locked
        gone.add(i)
    for i in sorted(gone, reverse=True):
        orig = where.pop(i)
        texts.pop(i)
        assert orig is not None
        rows[orig] = Row(rows[orig].orig, REMOVE)
    added = []
    for new in patch.add:
        if new.text is None or new.at is not None or new.name is not None:
            raise _Locked
        added.append(new.text)
        where.append(None)
        texts.append((new.text, ""))
    for sel, changes in patch.words:
        i = _find(texts, sel.value)
        orig = where[i] if i is not None else None
        if orig is None or rows[orig].op not in (KEEP, WORDS):
            raise _Locked
        rows[orig] = Row(rows[orig].orig, WORDS, words=rows[orig].words + tuple(changes))
    return rows, added


def patch_of(rows: Sequence[Row], added: Sequence[str]) -> dict[str, Any]:
    """The rows as an `edit:` entry's item changes, items named by number."""
    out: dict[str, Any] = {}
    replace = {i + 1: r.text for i, r in enumerate(rows) if r.op == REPLACE and r.text
               and r.text != r.orig}
    remove = [i + 1 for i, r in enumerate(rows) if r.op == REMOVE]
    words: dict[int, dict[str, str]] = {}
    removed_before = 0
    for i, r in enumerate(rows):
        if r.op == REMOVE:
            removed_before += 1
        elif r.op == WORDS and r.words:
            words[i + 1 - removed_before] = dict(r.words)
    if replace:
        out["replace"] = replace
    if remove:
        out["remove"] = remove
    if added:
        out["add"] = list(added)
    if words:
        out["words"] = words
    return out


def _edits_by_id(spec: Any) -> dict[str, Any]:
    return {e.block_id: e for e in getattr(spec, "edit", ())} if spec is not None else {}


def chosen_variant(data: dict, bid: str) -> str:
    """The variant the role file names for block `bid` ("" when it names none)."""
    entry = (data.get("edit") or {}).get(bid)
    if isinstance(entry, dict) and entry.get("variant"):
        return str(entry["variant"])
    for _, _, ref in _pins(data, bid):
        if ref.variant:
            return ref.variant
    return ""


def _pins(data: dict, bid: str) -> list[tuple[Any, Any, Ref]]:
    """Where the role file names block `bid` by reference: (container, key, Ref)."""
    found: list[tuple[Any, Any, Ref]] = []

    def look(container: Any, key: Any) -> None:
        value = container[key]
        if isinstance(value, str):
            try:
                ref = Ref.parse(value)
            except AjdocError:
                return
            if ref.id == bid:
                found.append((container, key, ref))
        elif isinstance(value, dict) and "ref" in value:
            look(value, "ref")

    for name, value in (data.get("sections") or {}).items():
        if isinstance(value, str):
            look(data["sections"], name)
        elif isinstance(value, list):
            for i in range(len(value)):
                look(value, i)
        elif isinstance(value, dict):
            adds = value.get("add")
            for i in range(len(adds) if isinstance(adds, list) else 0):
                look(adds, i)
            for k in (value.get("replace") or {}):
                look(value["replace"], k)
    for duty in data.get("duties") or []:
        if isinstance(duty, dict) and "use" in duty:
            look(duty, "use")
    return found


def blocks_of(jd: JobDescription, spec: Any, lib: Library, data: dict) -> list[StdBlock]:
    """The blocks a composed role uses, in the document's order, with their rows."""
    by_block: dict[str, list[Any]] = {}
    section_of: dict[str, str] = {}
    for section, source in _sources(jd):
        by_block.setdefault(source.block_id, []).append(source)
        section_of.setdefault(source.block_id, section)
    edits = _edits_by_id(spec)
    out = []
    for bid, sources in by_block.items():
        version = sources[0].version
        effective = Counter(s.variant for s in sources).most_common(1)[0][0]
        block = lib.block(Ref(bid, None, version))
        variants = tuple((name, tuple(v.groups)) for name, v in block.variants.items())
        entry = (data.get("edit") or {}).get(bid)
        rows: list[Row] = []
        added: list[str] = []
        locked = ""
        try:
            rows, added = simulate(edits.get(bid), item_pairs(lib, bid, version, effective))
        except _Locked:
            locked = dump(commented({bid: copy.deepcopy(entry)}))
        out.append(StdBlock(bid, section_of[bid], block.title, block.kind, version, variants,
                            chosen_variant(data, bid), effective, tuple(rows), tuple(added),
                            locked))
    return out


# -- the posted rows ------------------------------------------------------------------------------
def posted_blocks(std: Any, lib: Library) -> list[StdBlock]:
    """The blocks as the page posted them (when the role does not compose, the form still shows
    what was typed)."""
    out = []
    for bid, b in (std or {}).items():
        if not isinstance(b, dict):
            continue
        try:
            version = int(text(b.get("version")) or 0)
            block = lib.block(Ref(bid, None, version or None))
        except (AjdocError, ValueError):
            continue
        effective = text(b.get("effective")) or block.default
        origs = [t for t, _ in item_pairs(lib, bid, block.version, effective)]
        rows = []
        for i, orig in enumerate(origs):
            r = (b.get("items") or [])[i] if i < len(b.get("items") or []) else {}
            rows.append(_row(orig, r if isinstance(r, dict) else {}))
        out.append(StdBlock(bid, text(b.get("section")), block.title, block.kind, block.version,
                            tuple((n, tuple(v.groups)) for n, v in block.variants.items()),
                            text(b.get("variant")), effective, tuple(rows),
                            tuple(str(a) for a in (b.get("add") or []) if isinstance(a, str)),
                            text(b.get("locked"))))
    return out


def _row(orig: str, posted: dict) -> Row:
    op = text(posted.get("op")) or KEEP
    if op not in OPS:
        op = KEEP
    pairs = tuple((text(w.get("old")), str(w.get("new") or "").strip())
                  for w in (posted.get("words") or []) if isinstance(w, dict))
    return Row(orig, op, text(posted.get("text")) if op == REPLACE else "",
               tuple(p for p in pairs if p[0]) if op == WORDS else ())


def apply_std(data: dict, std: Any, lib: Library, base_spec: Any, base_data: dict) -> dict:
    """`data` with the posted standard texts written into `sections:` and `edit:`: variants
    chosen, item changes. An entry left as it was keeps the file's own wording."""
    data = copy.deepcopy(data)
    edits = dict(data.get("edit") or {})
    base_edits = _edits_by_id(base_spec)
    for bid, b in (std or {}).items():
        if not isinstance(b, dict):
            continue
        entry = dict(edits.get(bid) or {})
        chosen = text(b.get("variant"))
        effective = text(b.get("effective"))
        locked = bool(text(b.get("locked")))
        if chosen != chosen_variant(base_data, bid):  # what the file names, changed
            _choose(data, entry, bid, chosen, text(b.get("section")))
        if chosen != text(b.get("was")):  # changed now: the rows were the other variant's
            if not locked:
                _set_patch(entry, {})
        elif not locked:
            try:
                version = int(text(b.get("version")) or 0) or None
                origs = item_pairs(lib, bid, version or lib.latest_version(bid), effective)
            except (AjdocError, KeyError, ValueError):
                origs = []
            rows = [_row(orig, r if isinstance(r, dict) else {}) for orig, r in
                    zip([t for t, _ in origs], list(b.get("items") or []) + [{}] * len(origs))]
            added = [a.strip() for a in (b.get("add") or []) if isinstance(a, str) and a.strip()]
            posted = patch_of(rows, added)
            try:
                before = patch_of(*simulate(base_edits.get(bid), origs))
            except _Locked:
                before = None
            if posted != before:
                _set_patch(entry, posted)
            else:  # as the file had it (its own selectors, its own order)
                _set_patch(entry, _patch_part((base_data.get("edit") or {}).get(bid)))
        if entry:
            edits[bid] = entry
        else:
            edits.pop(bid, None)
    if edits:
        data["edit"] = edits
    else:
        data.pop("edit", None)
    if not data.get("sections"):
        data.pop("sections", None)
    return data


def _patch_part(entry: Any) -> dict[str, Any]:
    if not isinstance(entry, dict):
        return {}
    out = {k: entry[k] for k in PATCH_KEYS if k in entry}
    if isinstance(entry.get("items"), dict):
        out["items"] = entry["items"]
    return out


def _set_patch(entry: dict, patch: dict) -> None:
    """Replace the entry's item changes (written directly under the block id)."""
    for k in PATCH_KEYS:
        entry.pop(k, None)
    if isinstance(entry.get("items"), dict):
        entry.pop("items")
    entry.update(patch)


def _choose(data: dict, entry: dict, bid: str, chosen: str, section: str) -> None:
    """Name variant `chosen` of `bid` ("": none) where the file names it already (its `edit:`
    entry, a reference in `sections:` or `- use:`), else in `sections:` for a section of one
    block, else in the block's `edit:` entry."""
    pins = _pins(data, bid)
    if "variant" in entry or (not pins and (section in LIST_SECTIONS or not section)):
        if chosen:
            entry["variant"] = chosen
        else:
            entry.pop("variant", None)
        return
    if pins:
        for container, key, ref in pins:
            container[key] = str(Ref(ref.id, chosen or None, ref.version))
        return
    if chosen:
        sections = dict(data.get("sections") or {})
        sections[section] = f"{bid}:{chosen}"
        data["sections"] = sections
