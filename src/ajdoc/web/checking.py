"""Checking what the form holds, as you type: the same composition and the same warnings as
`ajdoc check`, from the text the form would save, each message with the form field it concerns.

(``check_role_text`` and ``check_directive_text`` are ``ajdoc.check`` for a text not yet
saved; they belong in ``ajdoc.api`` beside it.)"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator, Optional, Sequence

import attrs

from .. import yamlio
from ..checks.directive import lint_directive
from ..checks.role import acknowledged, lint_role
from ..compose import compose, compose_directive
from ..compose.role import file_profile
from ..errors import AjdocError, Place
from ..library import Library, load_library
from ..model import Directive, JobDescription
from ..schema import DirectiveSpec, RoleSpec, read_directive, read_role

ERROR, WARNING = "error", "warn"
_CLEAN = re.compile(r"^[A-Za-z_][\w-]*(\.[\w.-]+|\[\d+\])*$")


@attrs.frozen
class Message:
    """A message of the check: its level, its text as the CLI prints it, the key path of the
    form field it concerns (or "") and its line in the file."""

    level: str
    text: str
    key: str = ""
    line: Optional[int] = None


@attrs.frozen
class Checked:
    """A text checked: what it composed to (None when it does not compose), its spec (None
    when it cannot be read) and the messages."""

    subject: Optional[Any]
    spec: Optional[Any]
    messages: tuple[Message, ...] = ()
    node: Optional[yamlio.Node] = None

    @property
    def ok(self) -> bool:
        return self.subject is not None

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.level == ERROR]


def lines_of(node: yamlio.Node) -> Iterator[tuple[int, str]]:
    """(line, key path) of every key and list item under `node`."""
    if node.line is not None and node.path:
        yield node.line, node.path
    try:
        if node.is_map():
            for _, child in node.items():
                yield from lines_of(child)
        elif node.is_list():
            for child in node.as_list():
                yield from lines_of(child)
    except AjdocError:  # pragma: no cover - a mapping with keys that are not text
        return


def key_at(node: Optional[yamlio.Node], line: Optional[int]) -> str:
    """The key path written on `line` (or the nearest line above it): the outermost one, so a
    list item "- id: …" is the item, not its first key."""
    if node is None or line is None:
        return ""
    best, best_line = "", -1
    for at, path in lines_of(node):
        if best_line <= at <= line and (at > best_line or len(path) < len(best)):
            best, best_line = path, at
    return best


def message(level: str, text: str, place: Place, node: Optional[yamlio.Node]) -> Message:
    key = place.key or ""
    if not _CLEAN.match(key):
        key = key_at(node, place.line)
    return Message(level, text, key, place.line)


def _error(exc: AjdocError, node: Optional[yamlio.Node]) -> Message:
    return message(ERROR, str(exc), exc.place, node)


def check_role_text(text: str, name: str, lib: Library, layout: str = "2022") -> Checked:
    """A role file's text checked as `ajdoc check` checks the file `name`: composed with `lib`,
    its lint warnings (those it acknowledges left out)."""
    try:
        node = yamlio.parse(text, name)
    except AjdocError as exc:
        return Checked(None, None, (_error(exc, None),))
    try:
        spec: Optional[RoleSpec] = read_role(node)
    except AjdocError as exc:
        return Checked(None, None, (_error(exc, node),), node)
    try:  # in the library's profile: the file's own, found by the editor (`name` is relative)
        jd: JobDescription = compose(node, lib, lib.profile)
        if layout not in jd.profile.layout_names():
            layout = jd.profile.default_layout("role")
        found, _ = acknowledged(lint_role(jd, lib, node, layout), node)
    except AjdocError as exc:
        return Checked(None, spec, (_error(exc, node),), node)
    return Checked(jd, spec, tuple(message(WARNING, str(w), w.place, node) for w in found), node)


def check_directive_text(text: str, path: Path, name: str, folders: Sequence[Path],
                         layout: Optional[str] = None,
                         profile: Optional[str] = None) -> Checked:
    """A directive file's text checked as `ajdoc check` checks it at `path`: its annexes read
    relative to that folder, the library `folders` and the directive's own `library:` layered,
    the warnings of the directive and of each annex."""
    try:
        node = yamlio.parse(text, name)
    except AjdocError as exc:
        return Checked(None, None, (_error(exc, None),))
    try:
        spec: Optional[DirectiveSpec] = read_directive(node)
        assert spec is not None
    except AjdocError as exc:
        return Checked(None, None, (_error(exc, node),), node)
    try:
        prof = file_profile(profile, spec.profile, spec.file, None, spec.at("profile"))
        lib = load_library(list(folders) + [path.parent / f for f in spec.library], prof)
        d: Directive = compose_directive(spec, path.parent, lib, layout)
        found = lint_directive(d, spec, path)
        for jd in d.annexes:
            role_node = yamlio.load(jd.source_file) if jd.source_file else None
            found += acknowledged(lint_role(jd, lib, role_node, d.layout), role_node)[0]
    except AjdocError as exc:
        return Checked(None, spec, (_error(exc, node),), node)
    return Checked(d, spec, tuple(message(WARNING, str(w), w.place, node) for w in found), node)


def messages_text(messages: Sequence[Message]) -> list[str]:
    return [m.text for m in messages]
