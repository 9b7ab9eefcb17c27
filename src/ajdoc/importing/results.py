"""What an import returns: the report per section, an imported role, a batch, a directive."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Optional

import attrs

from .. import yamlio
from ..compose.role import compose
from ..errors import AjdocError
from ..library import Library
from ..model import JobDescription
from .userblocks import LibraryArg, library_with


@attrs.define
class SectionReport:
    """What became of one section: the block it matched (id@version:variant) and how closely,
    what was kept as the role's own, what was edited."""

    section: str
    status: str                      # matched | edited | own | absent | removed | user-block | …
    block: Optional[str] = None      # "rights@1:vastu-votta"
    score: Optional[float] = None    # 0–1
    edits: list[str] = attrs.field(factory=list)
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"section": self.section, "status": self.status}
        if self.block:
            out["block"] = self.block
        if self.score is not None:
            out["score"] = round(self.score, 4)
        if self.edits:
            out["edits"] = list(self.edits)
        if self.note:
            out["note"] = self.note
        return out

    def line(self) -> str:
        score = f"{self.score:.2f}" if self.score is not None else "    "
        text = f"  {self.section[:26]:26} {self.status:10} {score}  {self.block or ''}"
        kinds = Counter(e.split(":")[0].rsplit(" ", 1)[0] if ":" in e else e for e in self.edits)
        extra = ", ".join(f"{n} × {k}" if n > 1 else k for k, n in kinds.items())
        if self.note:
            extra = f"{extra}; {self.note}" if extra else self.note
        return (text + (f"  ({extra})" if extra else "")).rstrip()


@attrs.define
class ImportResult:
    """An imported job description: the role (a dict with role-file keys), its commented YAML,
    the report per section, the layout found, and any user blocks it needs."""

    source: str
    role: dict[str, Any]
    yaml: str
    report: list[SectionReport]
    layout: str
    blocks: list[dict[str, Any]] = attrs.field(factory=list)   # user blocks for imported.yaml
    warnings: list[str] = attrs.field(factory=list)
    roundtrip: Optional[float] = None              # word similarity of the re-rendered text
    library: Optional[Library] = None
    default_layout: Optional[str] = None           # the layout its profile renders by default
    _composing: Optional[tuple[Any, Library]] = attrs.field(default=None, repr=False)
    _composed: Optional[tuple[str, JobDescription]] = attrs.field(default=None, repr=False)

    @property
    def preset(self) -> str:
        return str(self.role["preset"])

    def compose(self, library: LibraryArg = None) -> JobDescription:
        """The JobDescription of the role file (its YAML read back, with the user blocks it
        needs), in the profile of the library it was imported with (whatever its `profile:`
        says relative to)."""
        lib = self._library(library)
        if self._composed is None or self._composed[0] != self.yaml:  # composed once (frozen)
            self._composed = (self.yaml, compose(yamlio.parse(self.yaml, self.source +
                                                              " (imported)"), lib, lib.profile))
        return self._composed[1]

    def compose_data(self, library: LibraryArg = None) -> JobDescription:
        """`compose`, from the role's data (which its YAML is written from) rather than from the
        YAML read back: the same JobDescription, without reading the file's text again."""
        lib = self._library(library)
        return compose(yamlio.Node(self.role, self.source + " (imported)", "", None), lib,
                       lib.profile)

    def _library(self, library: LibraryArg) -> Library:
        base = self.library if library is None else library
        if self._composing is None or self._composing[0] is not base:
            self._composing = (base, library_with(base, self.blocks))
            self._composed = None
        return self._composing[1]

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "layout": self.layout, "preset": self.preset,
                "roundtrip": None if self.roundtrip is None else round(self.roundtrip, 4),
                "user_blocks": [b["id"] for b in self.blocks],
                "warnings": list(self.warnings),
                "sections": [r.to_dict() for r in self.report]}

    def text_report(self) -> str:
        counts = Counter(r.status for r in self.report)
        head = (f"{self.source}: {self.layout} layout, preset {self.preset}; "
                + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
        if self.roundtrip is not None:
            head += f"; round trip {self.roundtrip:.3f}"
        lines = [head] + [r.line() for r in self.report]
        lines += [f"  warning: {w}" for w in self.warnings]
        return "\n".join(lines)


@attrs.define
class BatchResult:
    """A folder's import: the results (source path → ImportResult) and the files skipped."""

    results: dict[Path, ImportResult] = attrs.field(factory=dict)
    failures: list[tuple[Path, AjdocError]] = attrs.field(factory=list)


@attrs.define
class DirectiveImport:
    """A combined directive document: the directive file's data and YAML, and its annexes."""

    source: str
    directive: dict[str, Any]
    yaml: str
    annexes: list[ImportResult]
    names: list[str]          # the role files' names, as the directive file lists them
    report: list[SectionReport] = attrs.field(factory=list)
    warnings: list[str] = attrs.field(factory=list)
    roundtrip: Optional[float] = None
    blocks: list[dict[str, Any]] = attrs.field(factory=list)
    library: Optional[Library] = None        # the library (and profile) it was read with
