"""The files an import writes: the commented role file and directive file (ajdoc.yamlwrite)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Optional, Sequence

from .. import resources
from ..yamlwrite import commented, dump
from .results import DirectiveImport, ImportResult, SectionReport

ROLE_ORDER = ["profile", "preset", "agency", "approved", "general", "purpose", "duties",
              "requirements", "sections", "edit", "numbering", "unit_lines", "signature", "forms"]


def role_yaml(role: dict[str, Any], *, source: str, layout: str,
              report: Sequence[SectionReport] = (), library_note: bool = False,
              default_layout: Optional[str] = None) -> str:
    """The role as a commented role file (`default_layout`: the layout its profile renders
    without --layout; the default profile's when None)."""
    if default_layout is None:
        default_layout = resources.profile().default_layout("role")
    data = commented({k: role[k] for k in ROLE_ORDER if k in role})
    counts = Counter(r.status for r in report)
    head = [f"Imported by `ajdoc import` from {source} ({layout} layout).",
            "Blocks recognised: " + (", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
                                     or "none") + ".",
            "Render it with: ajdoc render THIS.yaml -o OUT.docx"
            + (f" --layout {layout}" if layout != default_layout else "")
            + (" --library library" if library_note else "")]
    if library_note:
        head.append("It uses blocks written to library/blocks/imported.yaml beside this file.")
    data.yaml_set_start_comment("\n".join(head))
    comments = {
        "profile": "the agency's profile the document is written in (a folder: relative to "
                   "this file)",
        "sections": "which blocks differ from the preset's (see `ajdoc blocks ID`)",
        "edit": "what the document says differently from the blocks (items by number)",
        "duties": "the role's own duties; `use:` places a standard duty among them",
    }
    for key, text in comments.items():
        if key in data:
            data.yaml_set_comment_before_after_key(key, before=text)
    return dump(data)


def role_file_text(result: ImportResult, target: Path) -> str:
    """The role file to write at `target`: its `profile:` folder relative to the file."""
    if result.library is None or "profile" not in result.role:
        return result.yaml
    ref = result.library.profile.reference(target.parent)
    if ref == result.role["profile"]:
        return result.yaml
    return role_yaml(dict(result.role, profile=ref), source=result.source, layout=result.layout,
                     report=result.report, library_note=bool(result.blocks),
                     default_layout=result.default_layout)


def directive_yaml(directive: dict[str, Any], source: str) -> str:
    """The directive as a commented directive file."""
    data = commented(directive)
    data.yaml_set_start_comment(f"Imported by `ajdoc import --from-directive` from {source}.\n"
                                "Render it with: ajdoc directive THIS.yaml -o OUTDIR "
                                "--combined COMBINED.docx")
    return dump(data)


def directive_file_text(result: DirectiveImport, target: Path) -> str:
    """The directive file to write at `target`: its `profile:` folder relative to the file."""
    if result.library is None or "profile" not in result.directive:
        return result.yaml
    ref = result.library.profile.reference(target.parent)
    return result.yaml if ref == result.directive["profile"] else directive_yaml(
        dict(result.directive, profile=ref), result.source)
