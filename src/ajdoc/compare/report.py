"""The comparison as a report: plain text, Markdown or JSON (``FORMATS``)."""

from __future__ import annotations

import json
import re
from typing import Iterable, Protocol, Sequence

from ..errors import AjdocError
from .changes import Change, Section
from .consent import Verdict, Volume

FORMATS = ("text", "markdown", "json")
_MARK = {"added": "+", "removed": "-", "changed": "~", "moved": ">", "block": "~"}


class Compared(Protocol):
    """What a report is made of (a `Comparison`)."""

    @property
    def old_name(self) -> str: ...
    @property
    def new_name(self) -> str: ...
    @property
    def old_title(self) -> str: ...
    @property
    def new_title(self) -> str: ...
    @property
    def sections(self) -> Sequence[Section]: ...
    @property
    def volume(self) -> Volume: ...
    @property
    def verdict(self) -> Verdict: ...
    @property
    def changed(self) -> bool: ...
    def to_dict(self) -> dict: ...


def report(cmp: Compared, fmt: str = "text") -> str:
    """The comparison in one of ``FORMATS``."""
    if fmt == "json":
        return json.dumps(cmp.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return format_markdown(cmp)
    if fmt == "text":
        return format_text(cmp)
    raise AjdocError(f"unknown format '{fmt}'; expected one of {', '.join(FORMATS)}")


def _md_escape(text: str) -> str:
    """Markdown-safe text on one line (runs of white space become one space, kept at the ends)."""
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"([\\`*_\[\]<>~|#])", r"\\\1", text)


def _wdiff(words: Iterable[tuple[str, str]], md: bool = False) -> str:
    words = list(words)
    if len(words) == 2 and words[0][0] == "-" and words[1][0] == "+":
        old, new = words[0][1], words[1][1]  # nothing in common: "old → new" reads better
        return f"{_md_escape(old)} → {_md_escape(new)}" if md else f"{old} → {new}"
    out = []
    for op, text in words:
        if op == "=":
            out.append(_md_escape(text) if md else text)
            continue
        if not md:
            out.append(f"[-{text}-]" if op == "-" else f"{{+{text}+}}")
            continue
        # markdown emphasis must not start or end with white space: keep it outside
        core = text.strip()
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        if not core:
            out.append(" " if op == "+" else "")
            continue
        mark = "~~" if op == "-" else "**"
        out.append(f"{' ' if lead else ''}{mark}{_md_escape(core)}{mark}{' ' if trail else ''}")
    return "".join(out)


def _describe(c: Change, md: bool = False) -> str:
    def q(t: str) -> str:
        t = " ".join(t.split())
        return _md_escape(t) if md else t

    if c.kind == "added":
        src = c.new_source
    elif c.kind == "removed":
        src = c.old_source
    elif c.old_source != c.new_source:
        src = f"{c.old_source or 'own'} → {c.new_source or 'own'}"
    else:
        src = c.new_source
    src = f" [{src}]" if src and c.kind != "block" else ""
    note = f" ({c.note})" if c.note else ""
    ed = " (editorial)" if c.editorial else ""
    if c.kind == "added":
        body = q(c.new) if c.new else ""
        return f"{c.label} added{src}{note}" + (f": {body}" if body else "")
    if c.kind == "removed":
        body = q(c.old) if c.old else ""
        return f"{c.label} removed{src}{note}" + (f": {body}" if body else "")
    if c.kind == "moved":
        return f"{c.old_at} moved to {c.new_at}{src}{note}: {q(c.new or '')}"
    if c.kind == "block":
        return f"{c.label}: {c.old_source or 'own'} → {c.new_source or 'own'}{note}"
    text = _wdiff(c.words, md) if c.words else (q(c.new) if c.new else "")
    return f"{c.label} changed{src}{note}{ed}: {text}"


def _short_title(s: Section) -> str:
    return s.title.split(" (")[0].lower()


def _unchanged(cmp: Compared) -> list[str]:
    return [_short_title(s) for s in cmp.sections if not s.changes]


def format_text(cmp: Compared) -> str:
    """Only the sections that changed, then one line naming the unchanged ones."""
    lines = [f"ajdoc diff: {cmp.old_name} → {cmp.new_name}",
             f"title: {cmp.new_title}" if cmp.old_title == cmp.new_title
             else f"title: {cmp.old_title} → {cmp.new_title}", ""]
    for s in cmp.sections:
        if not s.changes:
            continue
        lines.append(s.title)
        for c in s.changes:
            lines.append(f"  {_MARK[c.kind]} {_describe(c)}")
            for d in c.details:
                lines.append(f"      {_MARK[d.kind]} {_describe(d)}")
    unchanged = _unchanged(cmp)
    if not cmp.changed:
        lines.append("No changes.")
    elif unchanged:
        lines.append(f"Unchanged: {', '.join(unchanged)}.")
    lines += ["", f"Volume of the duties: {cmp.volume.describe()}",
              f"Verdict: {cmp.verdict.headline()}"]
    lines += [f"  - {r}" for r in cmp.verdict.reasons]
    lines.append(f"Rule: \"{cmp.verdict.rule}\"")
    return "\n".join(lines) + "\n"


def format_markdown(cmp: Compared) -> str:
    """The same as Markdown: a heading per changed section, deletions struck, insertions bold."""
    title = cmp.new_title if cmp.old_title == cmp.new_title else \
        f"{cmp.old_title} → {cmp.new_title}"
    lines = [f"# Comparison: {_md_escape(title)}", "",
             f"`{cmp.old_name}` → `{cmp.new_name}`", ""]
    for s in cmp.sections:
        if not s.changes:
            continue
        lines += [f"## {s.title}", ""]
        for c in s.changes:
            lines.append(f"- {_describe(c, md=True)}")
            for d in c.details:
                lines.append(f"  - {_describe(d, md=True)}")
        lines.append("")
    unchanged = _unchanged(cmp)
    if not cmp.changed:
        lines += ["No changes.", ""]
    elif unchanged:
        lines += [f"Unchanged: {', '.join(unchanged)}.", ""]
    v = cmp.verdict
    lines += ["## Verdict", "", f"**{v.headline()}**", ""]
    lines += [f"- {_md_escape(r)}" for r in v.reasons]
    lines += ["", f"Volume of the duties: {_md_escape(cmp.volume.describe())}", "",
              f"> {v.rule}", ""]
    return "\n".join(lines)
