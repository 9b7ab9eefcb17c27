"""The files an import writes: the commented role file and directive file (ajdoc.yamlwrite)."""

from __future__ import annotations

from collections import Counter
from typing import Any, Sequence

from ..yamlwrite import commented, dump
from .results import SectionReport

ROLE_ORDER = ["preset", "agency", "approved", "general", "purpose", "duties", "requirements",
              "sections", "edit", "numbering", "signature", "forms"]


def role_yaml(role: dict[str, Any], *, source: str, layout: str,
              report: Sequence[SectionReport] = (), library_note: bool = False) -> str:
    """The role as a commented role file."""
    data = commented({k: role[k] for k in ROLE_ORDER if k in role})
    counts = Counter(r.status for r in report)
    head = [f"Imported by `ajdoc import` from {source} ({layout} layout).",
            "Blocks recognised: " + (", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
                                     or "none") + ".",
            "Render it with: ajdoc render THIS.yaml -o OUT.docx"
            + (" --layout 2025" if layout == "2025" else "")
            + (" --library library" if library_note else "")]
    if library_note:
        head.append("It uses blocks written to library/blocks/imported.yaml beside this file.")
    data.yaml_set_start_comment("\n".join(head))
    comments = {
        "sections": "which blocks differ from the preset's (see `ajdoc blocks ID`)",
        "edit": "what the document says differently from the blocks (items by number)",
        "duties": "the role's own duties; `use:` places a standard duty among them",
    }
    for key, text in comments.items():
        if key in data:
            data.yaml_set_comment_before_after_key(key, before=text)
    return dump(data)


def directive_yaml(directive: dict[str, Any], source: str) -> str:
    """The directive as a commented directive file."""
    data = commented(directive)
    data.yaml_set_start_comment(f"Imported by `ajdoc import --from-directive` from {source}.\n"
                                "Render it with: ajdoc directive THIS.yaml -o OUTDIR "
                                "--combined COMBINED.docx")
    return dump(data)
