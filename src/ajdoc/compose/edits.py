"""Edits of a block's text for one role: another variant or version, a new text, item patches;
every changed item marked in its provenance."""

from __future__ import annotations

from typing import Optional, Union

import attrs

from ..errors import AjdocError, Place
from ..library import Library
from ..model import Provenance
from ..model.blocks import Block, Named, Ref, Variant
from ..schema.role import EditSpec, ItemsPatch, NewItem, Selector

ListItem = Union[str, Named]


@attrs.frozen
class Resolved:
    """A block as a role uses it: the block, its variant, its provenance and the role's edit."""

    block: Block
    variant: Variant
    provenance: Provenance
    edit: Optional[EditSpec]

    @property
    def text(self) -> Optional[str]:
        """The block's text, or the role's replacement of it."""
        return self.edit.text if self.edit and self.edit.text is not None else self.variant.text

    @property
    def text_edited(self) -> bool:
        return bool(self.edit and self.edit.text is not None)


class Edits:
    """The role's `edit:` entries by block id; which of them a composition used."""

    def __init__(self, specs: tuple[EditSpec, ...]):
        self.by_id = {e.block_id: e for e in specs}
        self.used: set[str] = set()

    def resolve(self, lib: Library, ref: Ref, place: Place) -> Resolved:
        """The block `ref` names, with the role's edit of it applied to the reference."""
        edit = self.by_id.get(ref.id)
        where = place
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
    if edit.items is not None and block.kind in ("text", "duty"):
        raise AjdocError(f"block '{block.id}' is a {block.kind} block and has no items; use "
                         "text:", edit.at("items"))
    for name in ("subitems", "results"):
        if getattr(edit, name) is not None and block.kind != "duty":
            raise AjdocError(f"'{name}' applies to duty blocks; '{block.id}' is a {block.kind} "
                             "block", edit.at(name))


def edited(prov: Provenance, changed: bool) -> Provenance:
    """The provenance, marked as edited when the role changed the block's text."""
    return attrs.evolve(prov, edited=True) if changed else prov


def _text_of(item: ListItem) -> str:
    if isinstance(item, Named):
        return f"{item.name}: {item.text}" if item.name else item.text
    return item


def _find(items: list[ListItem], sel: Selector, block: Block) -> int:
    v = sel.value
    if isinstance(v, int):
        if not 1 <= v <= len(items):
            raise AjdocError(f"block '{block.id}' has items 1 to {len(items)}; there is no item "
                             f"{v}", sel.place)
        return v - 1
    hits = [i for i, it in enumerate(items) if _text_of(it).startswith(v)
            or (isinstance(it, Named) and it.name == v)]
    if len(hits) != 1:
        raise AjdocError(f"'{v[:50]}' {'matches no' if not hits else 'matches several'} item of "
                         f"block '{block.id}'; give the item's number (1 to {len(items)}) or the "
                         "start of its text", sel.place)
    return hits[0]


def _new(item: NewItem, named: bool) -> ListItem:
    if named:
        return Named(item.text, item.name)
    if item.named_form:
        raise AjdocError("expected text, got a mapping", item.place)
    return item.text


def patch_items(items: list[ListItem], patch: Optional[ItemsPatch], block: Block,
                named: bool = False) -> tuple[list[ListItem], bool]:
    """Apply an items patch: replace ({item: new text}), remove (number or text start), add
    (text, or {text, at})."""
    if patch is None:
        return items, False
    for sel, new in patch.replace:
        items[_find(items, sel, block)] = _new(new, named)
    for i in sorted({_find(items, sel, block) for sel in patch.remove}, reverse=True):
        items.pop(i)
    for new in patch.add:
        if new.at is not None:
            if not 1 <= new.at <= len(items) + 1:
                raise AjdocError(f"'at' is a position from 1 to {len(items) + 1}", new.at_place)
            items.insert(new.at - 1, _new(new, named))
        else:
            items.append(_new(new, named))
    if not items:
        raise AjdocError(f"the edit leaves block '{block.id}' with no items; remove the block "
                         "from its section instead", patch.place)
    return items, True
