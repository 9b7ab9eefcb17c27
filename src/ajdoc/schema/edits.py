"""The `edit:` part of a role file: what a standard block says for this role only — another
variant or version, its text, or changes to its items (replace the whole list, replace, remove or
add items, change words inside an item, take an item from another variant)."""

from __future__ import annotations

from typing import Optional, Union

import attrs

from ..errors import AjdocError, Place
from ..values import Value
from ..yamlio import Node
from .core import Spec, key, read

PATCH_KEYS = ("add", "remove", "replace", "words")
EDIT_KEYS = ("variant", "version", "text", "items", "subitems", "results")
EXAMPLE = ("e.g. rights: {remove: [2], add: [\"uus õigus;\"]}, work-tools: {variant: tootaja}, "
           "responsibilities: {words: {4: {\"ja sihipärase\": \"ning sihipärase\"}}}")


@attrs.frozen
class Selector(Value):
    """An item picked by number (1-based) or by the start of its text, with its place."""

    value: Union[int, str]
    place: Place


def _selector(value: object, node: Node) -> Selector:
    if isinstance(value, int) and not isinstance(value, bool):
        return Selector(value, node.place)
    if isinstance(value, str) and value.strip():
        return Selector(value.strip(), node.place)
    raise node.error(f"expected an item's number or the start of its text, got {value!r}"[:120])


def read_selector(node: Node) -> Selector:
    return _selector(node.value, node)


@attrs.frozen
class NewItem(Value):
    """An item to put in: its text (or {name, text} for named items), or the item of another
    variant of the block (`{from: VARIANT, item: N}`); `at` places an added item."""

    place: Place
    text: Optional[str] = None
    name: Optional[str] = None
    named_form: bool = False            # written as {name, text} (only named items may be)
    from_variant: Optional[str] = None
    from_item: Optional[Selector] = None
    at: Optional[int] = None
    at_place: Optional[Place] = None


def read_new_item(node: Node) -> NewItem:
    if not node.is_map():
        return NewItem(node.place, node.as_text())
    at = node.req("at").as_int() if node.has("at") else None
    at_place = node.req("at").place if node.has("at") else None
    if "from" in node.value:
        node.keys(["from", "item", "at"], ["from", "item"])
        return NewItem(node.place, from_variant=node.req("from").as_text(),
                       from_item=read_selector(node.req("item")), at=at, at_place=at_place)
    if at is not None:
        node.keys(["text", "name", "at"], ["text", "at"])
    else:
        node.keys(["name", "text"], ["text"])
    return NewItem(node.place, node.req("text").as_text(),
                   node.req("name").as_text() if node.has("name") else None, at is None,
                   at=at, at_place=at_place)


def read_words(node: Node) -> tuple[tuple[str, str], ...]:
    """{"old words": "new words", …}."""
    out = []
    for old, new in node.items():
        if not isinstance(old, str) or not old.strip():
            raise new.error("the words to change are given as text: {\"old words\": \"new\"}")
        out.append((old, new.as_text()))
    if not out:
        raise node.error("expected {\"old words\": \"new words\"}")
    return tuple(out)


@attrs.frozen
class ItemsPatch(Value):
    """Changes to a block's items: the whole list, or replace, remove, add, and words changed
    inside items (applied in that order)."""

    place: Place
    whole: Optional[tuple[NewItem, ...]] = None
    replace: tuple[tuple[Selector, NewItem], ...] = ()
    remove: tuple[Selector, ...] = ()
    add: tuple[NewItem, ...] = ()
    words: tuple[tuple[Selector, tuple[tuple[str, str], ...]], ...] = ()


def read_items_patch(node: Node, only: bool = True) -> ItemsPatch:
    """An items patch from `node`: a list (the whole new list) or {add, remove, replace, words}
    (`only`: those are the mapping's only keys)."""
    if node.is_list():
        whole = tuple(read_new_item(n) for n in node.as_list())
        if not whole:
            raise node.error("the new list of items is empty; remove the block from its section "
                             "instead")
        return ItemsPatch(node.place, whole=whole)
    if only:
        node.keys(list(PATCH_KEYS))
    else:
        node.expect(dict)
    replace = tuple((_selector(k, v), read_new_item(v)) for k, v in node.req("replace").items()) \
        if node.has("replace") else ()
    remove = tuple(read_selector(n) for n in node.req("remove").list_or_one()) \
        if node.has("remove") else ()
    add = tuple(read_new_item(n) for n in node.req("add").list_or_one()) if node.has("add") else ()
    words = tuple((_selector(k, v), read_words(v)) for k, v in node.req("words").items()) \
        if node.has("words") else ()
    return ItemsPatch(node.place, None, replace, remove, add, words)


def _patch(node: Node) -> ItemsPatch:
    return read_items_patch(node)


@attrs.frozen
class EditSpec(Spec):
    """What one block says for this role: another variant or version, its text, its items."""

    block_id: str = ""
    variant: Optional[str] = key("Another variant of the block.")
    version: Optional[int] = key("Another version of the block.")
    text: Optional[str] = key("The whole text (text and duty blocks).")
    items: Optional[ItemsPatch] = key("The items: a new list, or {add, remove, replace, words}.",
                                      parse=_patch)
    subitems: Optional[ItemsPatch] = key("Sub-item changes (duty blocks).", parse=_patch)
    results: Optional[ItemsPatch] = key("Result changes (duty blocks).", parse=_patch)
    words: tuple[tuple[str, str], ...] = ()  # words changed in a text block's text


def read_edit(block_id: str, node: Node) -> EditSpec:
    """One block's edit. `add/remove/replace` (and `words:` on an item) directly under the block
    id are a patch of its items; `words: {old: new}` on a text block changes its text."""
    if not node.is_map():
        raise node.error(f"expected what to change in block '{block_id}' as a mapping with the "
                         f"keys {', '.join(EDIT_KEYS + PATCH_KEYS)}", EXAMPLE)
    direct = [k for k in PATCH_KEYS if k in node.value]
    text_words: tuple[tuple[str, str], ...] = ()
    if direct == ["words"] and node.req("words").is_map() and all(
            isinstance(v, str) for v in node.req("words").value.values()):
        text_words = read_words(node.req("words"))  # {old: new}: the block's own text
        direct = []
    if direct and "items" in node.value:
        raise node.error("give the item changes either under items: or directly, not both")
    spec = read(EditSpec, node, ignore=PATCH_KEYS, block_id=block_id, words=text_words)
    if direct:  # read from the node the user wrote, so that places name the keys as written
        spec = attrs.evolve(spec, items=read_items_patch(node, only=False))
    return spec


def read_edits(node: Node) -> tuple[EditSpec, ...]:
    return tuple(read_edit(str(k), v) for k, v in node.items())


EDIT_JSON = {"type": "object", "description": "block id → {variant, version, text, items, "
             "subitems, results, words} or an items patch {add, remove, replace, words}",
             "additionalProperties": {"type": "object"}}


def words_error(old: str, where: str, place: Place) -> AjdocError:
    """The words to change are not in the item."""
    return AjdocError(f"'{old}' is not in {where}; give words as they stand in it", place)
