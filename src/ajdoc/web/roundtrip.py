"""Changing a YAML file as a person would: load it with ruamel.yaml's round trip, change only
the values that differ, dump it — comments, key order, quoting and line breaks of everything
unchanged stay as they were.

(``ajdoc.yamlwrite`` writes new files; this is its counterpart for files that exist. It belongs
beside it; it lives here until the web editor is its only user no more.)
"""

from __future__ import annotations

import copy
import datetime as _dt
import difflib
import io
from functools import lru_cache
from typing import Any, Mapping, Optional, Sequence

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.scalarstring import FoldedScalarString, ScalarString
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

from ..errors import AjdocError, Place
from ..yamlwrite import commented

WIDTH = 96          # where new long texts are folded (the width of ajdoc's scaffolds)


class _Constructor(RoundTripConstructor):
    """ruamel's round-trip constructor with a table of its own: dates read as dates whatever
    another reader in the process did to the shared table (``ajdoc.yamlio`` reads them as text
    to check them itself)."""

    yaml_constructors = {**RoundTripConstructor.yaml_constructors,
                         "tag:yaml.org,2002:timestamp":
                             RoundTripConstructor.construct_yaml_timestamp}


def _yaml() -> YAML:
    y = YAML(typ="rt", pure=True)
    y.Constructor = _Constructor
    y.width = 4096                      # never re-wrap a line that did not change
    y.indent(mapping=2, sequence=4, offset=2)
    y.allow_unicode = True
    y.preserve_quotes = True
    return y


def load(text: str, name: str = "<text>") -> Any:
    """The round-trip document of a YAML text (an empty text: an empty mapping)."""
    try:
        doc = _yaml().load(text) if text.strip() else None
    except Exception as exc:  # ruamel's many error types: one message
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise AjdocError(f"YAML syntax error: {getattr(exc, 'problem', None) or exc}",
                         Place(file=name, line=line)) from None
    return doc if doc is not None else CommentedMap()


@lru_cache(maxsize=32)
def _loaded(text: str, name: str) -> Any:
    return load(text, name)


def load_copy(text: str, name: str = "<text>") -> Any:
    """`load`, from a cache of the texts read lately (an editor posts the same file as opened
    with every change; a copy costs a fifth of reading it again)."""
    return copy.deepcopy(_loaded(text, name))


@lru_cache(maxsize=32)
def plain_of(text: str, name: str = "<text>") -> Any:
    """The plain data of a YAML text (shared: not to be changed)."""
    return plain(_loaded(text, name))


def dump(doc: Any) -> str:
    buf = io.StringIO()
    _yaml().dump(doc, buf)
    return buf.getvalue()


def plain(value: Any) -> Any:
    """A round-trip value as plain Python: dicts, lists, str, int, bool, dates."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, ScalarString):
        return str(value)
    if isinstance(value, _dt.datetime):
        return value.date() if (value.hour, value.minute, value.second) == (0, 0, 0) else value
    if isinstance(value, _dt.date):
        return _dt.date(value.year, value.month, value.day)
    return value


def _folded(text: str, indent: int) -> Any:
    """A long one-paragraph text as a folded block scalar (`>-`), broken at spaces."""
    if "\n" in text or len(text) + indent <= WIDTH or text != text.strip() or "  " in text:
        return text
    out = FoldedScalarString(text)
    positions, start = [], 0
    width = max(40, WIDTH - indent - 2)
    while len(text) - start > width:
        cut = text.rfind(" ", start, start + width)
        if cut <= start:
            break
        positions.append(cut)
        start = cut + 1
    if not positions:
        return text
    out.fold_pos = positions  # type: ignore[attr-defined]
    return out


def _new(value: Any, indent: int) -> Any:
    """A new value in the round-trip types (long texts folded)."""
    if isinstance(value, str):
        return _folded(value, indent)
    if isinstance(value, dict):
        cm = CommentedMap()
        for k, v in value.items():
            cm[k] = _new(v, indent + 2)
        return cm
    if isinstance(value, list):
        seq = commented(value) if all(isinstance(v, int) for v in value) and value else None
        if seq is not None:
            return seq
        return CommentedSeq(_new(v, indent + 4) for v in value)
    return value


def _styled(old: Any, new: Any, indent: int) -> Any:
    """A changed text in the style of the one it replaces (folded stays folded)."""
    if isinstance(new, str) and isinstance(old, FoldedScalarString):
        folded = _folded(new, indent)
        return folded if isinstance(folded, FoldedScalarString) else new
    if isinstance(new, str) and type(old) is not str and isinstance(old, ScalarString) \
            and "\n" not in new:
        return type(old)(new)  # the same quotes
    return _new(new, indent)


def _insert_at(cm: CommentedMap, key: str, order: Sequence[str]) -> int:
    """Where a new key goes: after the last existing key that comes before it in `order`."""
    if key not in order:
        return len(cm)
    rank = order.index(key)
    pos = 0
    for i, k in enumerate(cm):
        if k in order and order.index(k) < rank:
            pos = i + 1
    return pos


def merge(old: Any, new: Any, order: Optional[Mapping[str, Sequence[str]]] = None,
          path: str = "", indent: int = 0) -> Any:
    """`old` (a round-trip value) changed to hold `new` (plain), touching only what differs.

    Mappings are changed key by key (new keys placed by `order`: key path → key order);
    lists item by item, items inserted or deleted where they differ, so that the comments of
    the items that stay keep their place."""
    if plain(old) == new:
        return old
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        for k in [k for k in old if k not in new]:
            _delete(old, k)
        keys = (order or {}).get(path, ())
        for k, v in new.items():
            if k in old:
                old[k] = merge(old[k], v, order, f"{path}.{k}" if path else k, indent + 2)
            else:
                at = _insert_at(old, k, keys)
                lines = _following(old, list(old)[at - 1]) if at > 0 else ""
                old.insert(at, k, _new(v, indent + 2))
                if lines:  # the comments that introduced the next key still do
                    _append(old, k, lines)
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        _merge_list(old, new, order, path, indent)
        return old
    return _styled(old, new, indent)


# -- comments of what is deleted -----------------------------------------------------------------
# ruamel keeps the comment lines that follow a value with the last scalar before them; deleting
# that value would take with it the comments that introduce what comes next. They are moved to
# the value before it.
def _block(value: Any) -> bool:
    return isinstance(value, (CommentedMap, CommentedSeq)) and len(value) > 0 \
        and not value.fa.flow_style()


def _slot(node: Any, key: Any, chain: Optional[list] = None) -> tuple[Any, Any, int]:
    """Where the comment after `node[key]` is kept: (container, key, index in its entry);
    `chain` collects the containers passed on the way down."""
    value = node[key]
    if chain is not None:
        chain.append(node)
    if _block(value):
        last = list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1
        return _slot(value, last, chain)
    if chain is not None and isinstance(value, (CommentedMap, CommentedSeq)):
        chain.append(value)
    return node, key, 2 if isinstance(node, CommentedMap) else 0


def _following(node: Any, key: Any) -> str:
    """The comment lines after `node[key]` (not its end-of-line comment), taken away."""
    chain: list = []
    container, k, index = _slot(node, key, chain)
    entry = container.ca.items.get(k)
    token = entry[index] if entry and len(entry) > index else None
    if token is not None and "\n" in token.value:
        eol, rest = token.value.split("\n", 1)
        token.value = eol + "\n"
        return rest
    for inner in reversed(chain[1:]):  # kept at the end of a list or mapping inside
        end = getattr(inner.ca, "end", None)
        if end:
            text = "".join(t.value for t in end)
            inner.ca.end = []
            return text
    return ""


def _append(node: Any, key: Any, lines: str) -> None:
    container, k, index = _slot(node, key)
    entry = container.ca.items.setdefault(k, [None, None, None, None])
    while len(entry) <= index:
        entry.append(None)
    if entry[index] is None:
        entry[index] = CommentToken("\n" + lines, CommentMark(0), None)
    else:
        entry[index].value = entry[index].value.rstrip("\n") + "\n" + lines


def _delete(node: Any, key: Any) -> None:
    """Delete `node[key]`, keeping the comment lines that follow it."""
    lines = _following(node, key)
    keys = list(node) if isinstance(node, CommentedMap) else list(range(len(node)))
    position = keys.index(key)
    del node[key]
    if lines.strip() and position > 0:
        _append(node, keys[position - 1], lines)


def _key(value: Any) -> str:
    return repr(plain(value))


def _merge_list(old: CommentedSeq, new: list, order: Optional[Mapping[str, Sequence[str]]],
                path: str, indent: int) -> None:
    """Turn list `old` into `new` in place: equal items kept, the others replaced, inserted or
    deleted (ruamel moves the comments of the items after them)."""
    a = [_key(v) for v in old]
    b = [repr(v) for v in new]
    ops = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in reversed(ops):
        if tag == "equal":
            continue
        common = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(common):   # paired items: changed in place (their comments stay)
            old[i1 + k] = merge(old[i1 + k], new[j1 + k], order, f"{path}[]", indent + 4)
        for _ in range(i1 + common, i2):
            _delete(old, i1 + common)
        for k in range(j1 + common, j2):
            at = i1 + (k - j1)
            lines = _following(old, at - 1) if at == len(old) and at > 0 else ""
            old.insert(at, _like(old, _new(new[k], indent + 4)))
            if lines:  # what followed the last item follows the new last one
                _append(old, at, lines)


def _like(siblings: CommentedSeq, value: Any) -> Any:
    """A new list item in the flow style of its siblings ({language: …, level: …})."""
    first = siblings[0] if len(siblings) else None
    if isinstance(value, (CommentedMap, CommentedSeq)) and isinstance(
            first, (CommentedMap, CommentedSeq)) and first.fa.flow_style():
        value.fa.set_flow_style()
    return value


def change(text: str, new: dict, order: Optional[Mapping[str, Sequence[str]]] = None,
           name: str = "<text>") -> str:
    """The YAML text `text` changed to hold the plain mapping `new`."""
    doc = load_copy(text, name)
    if not isinstance(doc, CommentedMap):
        doc = CommentedMap()
    return dump(merge(doc, new, order))
