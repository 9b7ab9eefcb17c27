"""Form fields and the data they stand for: posted names such as ``duties[2].results[1]`` (the
key paths of ajdoc's messages, numbered from 1) read into nested dicts and lists, and the
structural changes of a form (add, move up or down, remove an entry of a list)."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Iterable, Optional

from .. import yamlio
from ..errors import AjdocError, Place

_TOKEN = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")
ESCAPED_DOT = "~"   # a dot inside a name (block ids: competency.kliendikesksus)


def tokens(path: str) -> list[str | int]:
    """"duties[2].results[1]" → ["duties", 1, "results", 0] (list indices from 0)."""
    out: list[str | int] = []
    pos = 0
    for m in _TOKEN.finditer(path):
        if m.start() != pos:
            raise AjdocError("not a form field name", Place(key=path[:80]))
        pos = m.end()
        if m.group(2) is not None:
            index = int(m.group(2)) - 1
            if index < 0 or index > 999:
                raise AjdocError("not a form field name", Place(key=path[:80]))
            out.append(index)
        else:
            out.append(m.group(1).replace(ESCAPED_DOT, "."))
    if pos != len(path) or not out or not isinstance(out[0], str):
        raise AjdocError("not a form field name", Place(key=path[:80]))
    return out


def name_of(*parts: str | int) -> str:
    """The form field name of a path (indices from 0 in, numbered from 1 out)."""
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p + 1}]"
        else:
            text = p.replace(".", ESCAPED_DOT)
            out += f".{text}" if out else text
    return out


def key_of(*parts: str | int) -> str:
    """The key path ajdoc's messages use for the same place (dots kept in names)."""
    out = ""
    for p in parts:
        out += f"[{p + 1}]" if isinstance(p, int) else (f".{p}" if out else p)
    return out


def _set(root: dict, path: list[str | int], value: Any) -> None:
    node: Any = root
    for here, nxt in zip(path, path[1:]):
        empty: Any = [] if isinstance(nxt, int) else {}
        if isinstance(node, list):
            assert isinstance(here, int)
            while len(node) <= here:
                node.append(None)
            if node[here] is None:
                node[here] = empty
            node = node[here]
        else:
            if not isinstance(node.get(here), (dict, list)):
                node[here] = empty
            node = node[here]
        if isinstance(node, list) != isinstance(nxt, int):
            raise AjdocError("form fields of two shapes", Place(key=name_of(*path)))
    last = path[-1]
    if isinstance(node, list):
        assert isinstance(last, int)
        while len(node) <= last:
            node.append(None)
        node[last] = value
    else:
        node[last] = value


def unflatten(pairs: Iterable[tuple[str, Any]], skip: tuple[str, ...] = ("_",)) -> dict:
    """Posted (name, value) pairs as nested dicts and lists; names starting with `skip` are
    the page's own (CSRF token, the opened file's digest …)."""
    root: dict = {}
    for name, value in pairs:
        if name.startswith(skip):
            continue
        _set(root, tokens(name), value if not isinstance(value, str) else value.replace(
            "\r\n", "\n"))
    return _compact(root)


def _compact(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_compact(v) for v in value if v is not None]
    return value


def get(root: Any, path: list[str | int]) -> Any:
    node = root
    for p in path:
        if isinstance(p, int):
            if not isinstance(node, list) or p >= len(node):
                return None
            node = node[p]
        else:
            if not isinstance(node, dict):
                return None
            node = node.get(p)
    return node


OPS = ("add", "up", "down", "remove")


def apply_op(state: dict, op: str, blank: Any) -> Optional[list[str | int]]:
    """A structural change "VERB:PATH" on `state`: add (a `blank` entry to the list at PATH),
    up, down, remove (the entry at PATH); the path of the entry added or moved."""
    verb, _, where = op.partition(":")
    if verb not in OPS or not where:
        raise AjdocError(f"unknown form action '{op[:40]}'")
    path = tokens(where)
    if verb == "add":
        parent = get(state, path)
        if parent is None:
            _set(state, path, [])
            parent = get(state, path)
        if not isinstance(parent, list):
            raise AjdocError(f"'{where}' is not a list of the form")
        parent.append(blank)
        return path + [len(parent) - 1]
    index = path[-1]
    parent = get(state, path[:-1])
    if not isinstance(index, int) or not isinstance(parent, list) or index >= len(parent):
        return None  # the entry is gone already (a double click): nothing to do
    if verb == "remove":
        parent.pop(index)
        return None
    other = index - 1 if verb == "up" else index + 1
    if 0 <= other < len(parent):
        parent[index], parent[other] = parent[other], parent[index]
        return path[:-1] + [other]
    return path


def text(value: Any) -> str:
    """A posted value as text (None: empty), surrounding white space removed."""
    return value.strip() if isinstance(value, str) else ""


def texts(values: Any) -> list[str]:
    """The non-empty texts of a posted list."""
    return [t for t in (text(v) for v in (values or [])) if t]


def lines(value: Any) -> list[str]:
    """The non-empty lines of a text area."""
    return [t.strip() for t in text(value).split("\n") if t.strip()]


def date_value(value: Any) -> Any:
    """A date field: a date when it reads as one (YYYY-MM-DD or DD.MM.YYYY, as the loader reads
    it), else the text as typed (the loader then says what is wrong with it)."""
    raw = text(value)
    try:
        return yamlio.Node(raw, "", "", None).as_date()
    except AjdocError:
        return raw


def number_value(value: Any) -> Any:
    """A document number: a whole number when it is one (183), else the text (1-1/183)."""
    raw = text(value)
    return int(raw) if raw.isdigit() and not raw.startswith("0") else raw


def date_text(value: Any) -> str:
    """A date as a date field shows it (YYYY-MM-DD)."""
    if isinstance(value, _dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def prune(value: Any) -> Any:
    """Empty texts, mappings and lists removed (a field left empty is a key left out)."""
    if isinstance(value, dict):
        out = {k: prune(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in ("", None, {}, [])}
    if isinstance(value, list):
        return [v for v in (prune(v) for v in value) if v not in ("", None, {}, [])]
    return value
