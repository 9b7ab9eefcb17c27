"""The unit check: what no single role file shows, across the role files of a unit.

Substitutes named both ways (A names B as its substitute ⇔ B lists A among whom it substitutes),
supervisors held by no role in the set, supervision cycles, two posts with the same title in the
same unit, and one unit name written in different ways. Each finding names the files and fields.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterable, Optional

import attrs

from .. import yamlio
from ..compose import LibraryArg
from ..lifecycle.scan import relative, scan
from ..model import Unit
from ..textdiff import ratio
from ..values import Value
from .titles import Titles, normalize, split_titles

UNIT_SIMILARITY = 0.85
SEVERITIES = ("error", "warning", "note")


@attrs.frozen
class Finding(Value):
    """A cross-file inconsistency. severity: error (a file cannot be read), warning, note."""

    kind: str
    severity: str
    message: str
    files: tuple[str, ...]
    fields: tuple[str, ...]

    def to_dict(self) -> dict:
        return attrs.asdict(self, recurse=False) | {"files": list(self.files),
                                                     "fields": list(self.fields)}


@attrs.frozen
class UnitReport(Value):
    """The role files checked (relative names) and the findings."""

    files: tuple[str, ...]
    findings: tuple[Finding, ...]

    @property
    def clean(self) -> bool:
        return not any(f.severity != "note" for f in self.findings)

    def to_dict(self) -> dict:
        return {"files": list(self.files), "clean": self.clean,
                "findings": [f.to_dict() for f in self.findings]}

    def format_text(self) -> str:
        counts = {s: sum(f.severity == s for f in self.findings) for s in SEVERITIES}
        head = (f"{len(self.files)} role file(s): " +
                ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items()))
        lines = [head]
        for f in self.findings:
            lines.append(f"{f.severity}: [{f.kind}] {f.message}")
        if not self.findings:
            lines.append("no inconsistencies found")
        return "\n".join(lines) + "\n"


@attrs.frozen(eq=False)
class _Role(Value, compared=False):
    """What the unit check reads of one role file (compared by identity)."""

    file: str
    title: str
    unit: Unit
    supervisor: str
    substituted_by: tuple[str, ...]
    substitutes: tuple[str, ...]


def _titles_of(node: Optional[yamlio.Node]) -> tuple[str, ...]:
    """A general-part title field as titles: the file's `titles:` list or list, else the text
    split."""
    if node is None or node.value is None:
        return ()
    v = node.value
    if isinstance(v, list):
        return tuple(str(x) for x in v)
    if isinstance(v, dict):
        t = v.get("titles")
        return tuple(str(x) for x in t) if isinstance(t, list) else ((str(t),) if t else ())
    return tuple(split_titles(str(v)))


def _distinct_names(a: str, b: str) -> bool:
    """Two unit names that are different units, not two spellings of one: as many words, and a
    word of one wholly unlike its counterpart ("Lõuna …" / "Põhja …")."""
    wa, wb = a.casefold().split(), b.casefold().split()
    if len(wa) != len(wb):
        return False
    return any(x != y and ratio(x, y) < 0.6 for x, y in zip(wa, wb))


def _squeeze(s: str) -> str:
    return re.sub(r"[\s\-]+", "", s.casefold())


def unit_spellings_differ(a: str, b: str) -> bool:
    """The same unit written two ways: unequal, similarity ≥ UNIT_SIMILARITY, not distinct."""
    if a == b:
        return False
    if _squeeze(a) == _squeeze(b):
        return True
    return ratio(a.casefold(), b.casefold()) >= UNIT_SIMILARITY and not _distinct_names(a, b)


class _Check:
    """The unit check over the roles read: each kind of finding in turn."""

    def __init__(self, roles: list[_Role]):
        self.roles = roles
        self.titles = Titles()
        self.findings: list[Finding] = []

    def add(self, kind: str, severity: str, message: str, files: Iterable[str],
            fields: Iterable[str]) -> None:
        self.findings.append(Finding(kind, severity, message, tuple(files), tuple(fields)))

    def holders(self, title: str, but: _Role) -> list[_Role]:
        return [b for b in self.roles if b is not but and self.titles.same(title, b.title)]

    def substitution(self) -> None:
        """A names B as substitute ⇔ B lists A as whom it substitutes."""
        by, of = "general.substituted_by", "general.substitutes"
        for a in self.roles:
            for b in self._unanswered(a, a.substituted_by, lambda r: r.substitutes):
                self.add("substitution", "warning",
                         f"{a.file} names '{b.title}' as its substitute ({by}) but {b.file} does "
                         f"not list '{a.title}' among whom it substitutes ({of})",
                         (a.file, b.file), (by, of))
            for b in self._unanswered(a, a.substitutes, lambda r: r.substituted_by):
                self.add("substitution", "warning",
                         f"{a.file} substitutes '{b.title}' ({of}) but {b.file} does not name "
                         f"'{a.title}' as its substitute ({by})", (a.file, b.file), (of, by))

    def _unanswered(self, a: _Role, listed: tuple[str, ...],
                    answer: Callable[[_Role], tuple[str, ...]]) -> list[_Role]:
        """The roles `a` lists (each once) whose `answer` list does not name `a`."""
        out: list[_Role] = []
        for t in listed:
            for b in self.holders(t, a):
                if b not in out and not any(self.titles.same(x, a.title) for x in answer(b)):
                    out.append(b)
        return out

    def supervisors_outside(self) -> None:
        """Supervisors no role in the set holds (a head outside the set): one note per title."""
        outside: dict[str, list[_Role]] = {}
        for a in self.roles:
            if not self.holders(a.supervisor, a):
                outside.setdefault(normalize(a.supervisor), []).append(a)
        for group in outside.values():
            files = tuple(a.file for a in group)
            self.add("supervisor", "note",
                     f"supervisor '{group[0].supervisor}' is held by no role in the set (outside "
                     f"the set): {', '.join(files)}", files, ("general.supervisor",))

    def supervision_cycles(self) -> None:
        edges = {id(a): [b for b in self.roles if self.titles.same(a.supervisor, b.title)]
                 for a in self.roles}
        for cycle in _cycles(self.roles, edges):
            chain = " → ".join(f"{r.title} ({r.file})" for r in cycle + [cycle[0]])
            self.add("supervision-cycle", "warning",
                     f"supervision cycle (each is supervised by the next): {chain}",
                     (r.file for r in cycle), ("general.supervisor", "general.title"))

    def duplicates(self) -> None:
        """Two roles with the same title in the same unit."""
        groups: dict[tuple, list[_Role]] = {}
        for a in self.roles:
            key = (normalize(a.title), tuple(normalize(p) for p in a.unit.path))
            groups.setdefault(key, []).append(a)
        for group in groups.values():
            if len(group) > 1:
                files = tuple(a.file for a in group)
                self.add("duplicate", "warning",
                         f"{len(group)} roles have the same title '{group[0].title}' and unit "
                         f"'{group[0].unit}': {', '.join(files)}", files,
                         ("general.title", "general.unit"))

    def unit_spellings(self) -> None:
        """One unit written in different ways."""
        for level in ("department", "division", "team"):
            names: dict[str, list[str]] = {}
            for a in self.roles:
                n = getattr(a.unit, level)
                if n:
                    names.setdefault(n, []).append(a.file)
            keys = list(names)
            for i, x in enumerate(keys):
                for y in keys[i + 1:]:
                    if unit_spellings_differ(x, y):
                        self.add("unit-spelling", "warning",
                                 f"the {level} is written '{x}' in {', '.join(names[x])} but "
                                 f"'{y}' in {', '.join(names[y])}", names[x] + names[y],
                                 (f"general.unit.{level}",))


def check_unit(paths: Iterable[Path | str] | Path | str, library: LibraryArg = None,
               base: Optional[Path | str] = None) -> UnitReport:
    """Cross-check the role files of a unit (files, folders, or a directive file standing for its
    annexes): substitution pairs, supervisors, supervision cycles, duplicate posts and unit-name
    spellings. Each finding names the files and fields."""
    files = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    if base is not None:
        where: Optional[Path] = Path(base)
    else:
        where = files[0] if len(files) == 1 and files[0].is_dir() else None
    found = scan(files, library)
    roles = []
    for r in found.roles:
        g = r.node.req("general")
        roles.append(_Role(relative(r.path, where), r.jd.general.title, r.jd.general.unit,
                           r.jd.general.supervisor, _titles_of(g.get("substituted_by")),
                           _titles_of(g.get("substitutes"))))
    check = _Check(roles)
    for e in found.errors:
        name = relative(e.path, where)
        check.add("unreadable", "error", f"{name}: {e.message}", (name,), ())
    check.substitution()
    check.supervisors_outside()
    check.supervision_cycles()
    check.duplicates()
    check.unit_spellings()
    return UnitReport(tuple(r.file for r in roles), tuple(check.findings))


def _cycles(roles: list[_Role], edges: dict[int, list[_Role]]) -> list[list[_Role]]:
    """One cycle per strongly connected component of the supervision graph (Tarjan)."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[_Role] = []
    on: set[int] = set()
    comps: list[list[_Role]] = []
    counter = [0]

    def strong(v: _Role) -> None:
        index[id(v)] = low[id(v)] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(id(v))
        for w in edges[id(v)]:
            if id(w) not in index:
                strong(w)
                low[id(v)] = min(low[id(v)], low[id(w)])
            elif id(w) in on:
                low[id(v)] = min(low[id(v)], index[id(w)])
        if low[id(v)] == index[id(v)]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(id(w))
                comp.append(w)
                if w is v:
                    break
            comps.append(comp)

    for v in roles:
        if id(v) not in index:
            strong(v)
    out = []
    order = {id(r): k for k, r in enumerate(roles)}
    for comp in comps:
        members = {id(r) for r in comp}
        if len(comp) == 1 and comp[0] not in edges[id(comp[0])]:
            continue
        start = min(comp, key=lambda r: order[id(r)])
        path, seen, v = [start], {id(start)}, start
        while True:  # follow edges inside the component until the start comes round again
            nxt = [w for w in edges[id(v)] if id(w) in members]
            back = next((w for w in nxt if w is start), None)
            if back is not None and len(path) > 1 or (len(comp) == 1):
                break
            nw = next((w for w in nxt if id(w) not in seen), None)
            if nw is None:
                break
            path.append(nw)
            seen.add(id(nw))
            v = nw
        out.append(path)
    return out
