"""Edits of a block's text for one role: another variant or version, a new text, item patches;
every changed item marked in its provenance."""

from __future__ import annotations

from typing import Optional, Union

import attrs

from ..errors import AjdocError, Place
from ..library import Library
from ..model import Provenance
from ..model.blocks import Block, Named, Ref, Variant
from ..schema.edits import EditSpec, ItemsPatch, NewItem, Selector, words_error
from ..values import Value

ListItem = Union[str, Named]


@attrs.frozen
class Resolved(Value):
    """A block as a role uses it: the block, its variant, its provenance and the role's edit."""

    block: Block
    variant: Variant
    provenance: Provenance
    edit: Optional[EditSpec]

    @property
    def text(self) -> Optional[str]:
        """The block's text, or the role's replacement of it, with the role's word changes."""
        text = self.edit.text if self.edit and self.edit.text is not None else self.variant.text
        if text is None or self.edit is None:
            return text
        for old, new in self.edit.words:
            if old not in text:
                raise words_error(old, f"the text of block '{self.block.id}'", self.edit.place)
            text = text.replace(old, new)
        return text

    @property
    def text_edited(self) -> bool:
        return bool(self.edit and (self.edit.text is not None or self.edit.words))


@attrs.frozen
class Wordings(Value):
    """Which variant a block takes for the role's position group: the role's own pin first, then
    the preset's choice for the group (by section or block id), then the block's variant written
    for the group when the referenced one is written for another group."""

    group: str
    by_group: dict = attrs.field(factory=dict)      # group → {section or block id: variant}
    pinned: frozenset = frozenset()                  # block ids whose variant the role names

    def choose(self, lib: Library, ref: Ref, section: Optional[str], place: Place) -> Ref:
        if ref.id in self.pinned:
            return ref
        chosen = self.by_group.get(self.group, {})
        name = chosen.get(ref.id) or (chosen.get(section) if section else None)
        if name is not None:
            return attrs.evolve(ref, variant=name)
        block = lib.block(ref, place)
        if block.variant(ref.variant, place).suits(self.group):
            return ref
        alt = block.for_group(self.group)
        return attrs.evolve(ref, variant=alt.name) if alt is not None else ref


class Edits:
    """The role's `edit:` entries by block id; which of them a composition used."""

    def __init__(self, specs: tuple[EditSpec, ...], wordings: Optional[Wordings] = None):
        self.by_id = {e.block_id: e for e in specs}
        self.used: set[str] = set()
        self.wordings = wordings

    def resolve(self, lib: Library, ref: Ref, place: Place,
                section: Optional[str] = None) -> Resolved:
        """The block `ref` names, with the role's edit of it applied to the reference and the
        variant of the role's position group chosen."""
        edit = self.by_id.get(ref.id)
        where = place
        if self.wordings is not None and (edit is None or edit.variant is None):
            ref = self.wordings.choose(lib, ref, section, place)
        if edit is not None:
            ref = Ref(ref.id, edit.variant if edit.variant is not None else ref.variant,
                      edit.version if edit.version is not None else ref.version)
            where = edit.place
        block, variant = lib.resolve(ref, where)
        if edit is not None:
            _check_fits(block, edit)
        self.used.add(block.id)
        return Resolved(block, variant, Provenance(block.id, block.version, variant.name), edit)

    def unused(self) -> list[EditSpec]:
        return [e for bid, e in self.by_id.items() if bid not in self.used]


def _check_fits(block: Block, edit: EditSpec) -> None:
    if edit.text is not None and block.kind not in ("text", "duty"):
        raise AjdocError(f"block '{block.id}' is a {block.kind} block; change its items with "
                         "items: add / remove / replace", edit.at("text"))
    if edit.words and block.kind not in ("text", "duty"):
        raise AjdocError(f"block '{block.id}' is a {block.kind} block: name the item whose words "
                         "change, words: {ITEM: {old: new}} (ITEM: its number or the start of "
                         "its text)", edit.place)
    if edit.items is not None and block.kind in ("text", "duty"):
        raise AjdocError(f"block '{block.id}' is a {block.kind} block and has no items; use "
                         "text: or words:", edit.at("items"))
    for name in ("subitems", "results"):
        if getattr(edit, name) is not None and block.kind != "duty":
            raise AjdocError(f"'{name}' applies to duty blocks; '{block.id}' is a {block.kind} "
                             "block", edit.at(name))


def edited(prov: Provenance, changed: bool) -> Provenance:
    """The provenance, marked as edited when the role changed the block's text."""
    return attrs.evolve(prov, edited=True) if changed else prov


def marked(prov: Provenance, mark: Optional[str]) -> Provenance:
    """An item's provenance: as the block's, edited, or from another variant (`mark`)."""
    if mark is None:
        return prov
    if mark == EDITED:
        return attrs.evolve(prov, edited=True)
    return attrs.evolve(prov, variant=mark)


EDITED = "\x00edited"  # a mark: the role changed this item (other marks name a variant)


def _text_of(item: ListItem) -> str:
    if isinstance(item, Named):
        return f"{item.name}: {item.text}" if item.name else item.text
    return item


def _find(items: list[ListItem], sel: Selector, block: Block, what: str = "item") -> int:
    v = sel.value
    if isinstance(v, int):
        if not 1 <= v <= len(items):
            raise AjdocError(f"block '{block.id}' has {what}s 1 to {len(items)}; there is no "
                             f"{what} {v}", sel.place)
        return v - 1
    hits = [i for i, it in enumerate(items) if _text_of(it).startswith(v)
            or (isinstance(it, Named) and it.name == v)]
    if len(hits) != 1:
        raise AjdocError(f"'{v[:50]}' {'matches no' if not hits else 'matches several'} "
                         f"{what}{'s' if len(hits) > 1 else ''} of block '{block.id}'; give the "
                         f"{what}'s number (1 to {len(items)}) or the start of its text",
                         sel.place)
    return hits[0]


def _new(item: NewItem, named: bool, block: Block, field: str) -> tuple[ListItem, str]:
    """The item to put in, and its mark (edited, or the variant it was taken from)."""
    if item.from_variant is not None:
        variant = block.variant(item.from_variant, item.place)
        source: list[ListItem] = list(getattr(variant, field))
        assert item.from_item is not None
        return source[_find(source, item.from_item, block)], variant.name
    assert item.text is not None
    if named:
        return Named(item.text, item.name), EDITED
    if item.named_form:
        raise AjdocError("expected text, got a mapping", item.place,
                         "a name: is for additional competencies; here give the item's text")
    return item.text, EDITED


def patch_items(items: list[ListItem], patch: Optional[ItemsPatch], block: Block,
                named: bool = False, field: str = "items",
                ) -> tuple[list[ListItem], list[Optional[str]]]:
    """Apply an items patch; the items and, for each, its mark: None (as the block has it),
    EDITED, or the name of the variant it was taken from."""
    marks: list[Optional[str]] = [None] * len(items)
    if patch is None:
        return items, marks
    if patch.whole is not None:
        pairs = [_new(n, named, block, field) for n in patch.whole]
        return [p[0] for p in pairs], [p[1] for p in pairs]
    for sel, new in patch.replace:
        i = _find(items, sel, block)
        items[i], marks[i] = _new(new, named, block, field)
    for i in sorted({_find(items, sel, block) for sel in patch.remove}, reverse=True):
        items.pop(i)
        marks.pop(i)
    for new in patch.add:
        item, mark = _new(new, named, block, field)
        if new.at is not None:
            if not 1 <= new.at <= len(items) + 1:
                raise AjdocError(f"'at' is a position from 1 to {len(items) + 1}", new.at_place)
            items.insert(new.at - 1, item)
            marks.insert(new.at - 1, mark)
        else:
            items.append(item)
            marks.append(mark)
    for sel, changes in patch.words:
        i = _find(items, sel, block)
        item = items[i]
        text = item.text if isinstance(item, Named) else item
        for old, new_words in changes:
            if old not in text:
                raise words_error(old, f"item {i + 1} of block '{block.id}' ('{text[:60]}')",
                                  sel.place)
            text = text.replace(old, new_words)
        items[i] = Named(text, item.name) if isinstance(item, Named) else text
        marks[i] = EDITED
    if not items:
        raise AjdocError(f"the edit leaves block '{block.id}' with no items; remove the block "
                         "from its section instead", patch.place)
    return items, marks
