"""Re-pinning a role file to another version of a block, in its text: only the version numbers
change, so the file keeps its comments, order and layout.

Each pin in the role file (``sections:`` ``rights@1``, ``duties: - use: ID@1``,
``edit: {ID: {version: 1}}``) gets the new number in place; a pin made by the preset is
overridden by adding ``edit: {ID: {version: N}}``.
"""

from __future__ import annotations

import copy
import re
from typing import Callable, Optional

import attrs

from .. import yamlio
from ..errors import AjdocError, Place
from ..library import Library, Ref
from .whereused import NOT_USES, edit_entry, role_usage

_REF_TEXT = r"(?<![\w.\-]){id}(?P<var>:[a-z0-9][a-z0-9\-]*)?@{old}(?!\d)"


@attrs.frozen
class Repin:
    """One textual change of a role file: the key, its line, the text before and after."""

    key: str
    line: int
    old: str
    new: str

    def __str__(self) -> str:
        if not self.old:
            return f"line {self.line}, {self.key}: add {self.new.strip()}"
        return f"line {self.line}, {self.key}: {self.old.strip()} → {self.new.strip()}"


def with_version(node: yamlio.Node, bid: str, version: int) -> yamlio.Node:
    """The role file's data with `edit: {bid: {version: N}}` (overrides every pin), as a Node."""
    data = copy.deepcopy(node.value)
    edit = data.get("edit")
    if not isinstance(edit, dict):
        edit = {}
        data["edit"] = edit
    entry = edit.get(bid)
    entry = dict(entry) if isinstance(entry, dict) else {}
    entry["version"] = version
    edit[bid] = entry
    return yamlio.Node(data, node.file, "", 1)


def _pinned_refs(node: yamlio.Node, bid: str, target: int) -> list[yamlio.Node]:
    """The references of `sections:` and `duties: - use:` that pin `bid` to another version."""
    found: list[yamlio.Node] = []

    def walk(n: yamlio.Node) -> None:
        if n.is_str():
            try:
                r = Ref.parse(n.as_text())
            except AjdocError:
                return
            if r.id == bid and r.version is not None and r.version != target:
                found.append(n)
        elif n.is_map():
            for k, child in n.items():
                if k not in NOT_USES:
                    walk(child)
        elif n.is_list():
            for child in n.as_list():
                walk(child)

    sections = node.get("sections")
    if sections is not None:
        walk(sections)
    duties = node.get("duties")
    if duties is not None and duties.is_list():
        for d in duties.as_list():
            if d.is_map() and "use" in d.value:
                walk(d.req("use"))
    return found


def repin_text(text: str, node: yamlio.Node, lib: Library, bid: str, target: int,
               ) -> tuple[str, list[Repin]]:
    """The role file's text with every pin of `bid` re-pinned to `target` (only the version
    numbers change); a pin by the preset gets an `edit: {bid: {version: target}}`."""
    lines = text.splitlines(keepends=True)
    pin = role_usage(lib, node, bid).pin
    repins: list[Repin] = []

    def sub_line(lineno: Optional[int], pattern: str, repl: Callable[[re.Match], str],
                 key: str) -> None:
        old = lines[lineno - 1] if lineno else ""
        new, n = re.subn(pattern, repl, old)
        if n != 1 or not lineno:
            raise AjdocError(f"cannot re-pin {key} automatically (found {n} matches on line "
                             f"{lineno}); change its version to {target} by hand",
                             Place(file=node.file, line=lineno, key=key))
        lines[lineno - 1] = new
        repins.append(Repin(key, lineno, old.rstrip("\n"), new.rstrip("\n")))

    for n in _pinned_refs(node, bid, target):
        r = Ref.parse(n.as_text())
        sub_line(n.line, _REF_TEXT.format(id=re.escape(bid), old=r.version),
                 lambda m: f"{bid}{m.group('var') or ''}@{target}", n.path)
    enode = edit_entry(node, bid)
    vnode = enode.get("version") if enode is not None and enode.is_map() else None
    if vnode is not None:
        if vnode.value != target:
            sub_line(vnode.line, rf"(\bversion\s*:\s*){vnode.value}(?!\d)",
                     lambda m: f"{m.group(1)}{target}", vnode.path)
    elif pin is not None and pin.startswith("preset "):
        _add_edit_version(lines, node, bid, target, repins)
    return "".join(lines), repins


def _add_edit_version(lines: list[str], node: yamlio.Node, bid: str, target: int,
                      repins: list[Repin]) -> None:
    """Override a preset's pin: add `bid: {version: target}` under `edit:` (or a new `edit:`)."""
    if not node.has("edit"):
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        new = f"edit:\n  {bid}: {{version: {target}}}\n"
        lines.append(new)
        shown = f"edit: {{{bid}: {{version: {target}}}}}"
        repins.append(Repin(f"edit.{bid}", len(lines), "", shown))
        return
    enode = node.req("edit")
    line = enode.line or 0
    head = lines[line - 1] if line else ""
    if not enode.is_map() or bid in enode.value or not re.match(r"^edit:\s*(#.*)?$", head):
        raise AjdocError(f"cannot override the preset's pin of '{bid}' automatically; add "
                         f"'version: {target}' under edit.{bid} by hand",
                         Place(file=node.file, line=line or None, key="edit"))
    first = next(iter(enode.value))
    child = enode.get(first)
    child_line = child.line if child is not None and child.line else line + 1
    indent = re.match(r"\s*", lines[child_line - 1]) if child_line <= len(lines) else None
    new = f"{indent.group(0) if indent else '  '}{bid}: {{version: {target}}}\n"
    lines.insert(line, new)
    repins.append(Repin(f"edit.{bid}", line + 1, "", new.rstrip("\n")))
