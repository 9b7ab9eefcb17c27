"""The role-file scaffold `ajdoc new` writes: a commented YAML a person fills in."""

from __future__ import annotations

from . import resources
from .library import OWN, Library


def scaffold(lib: Library, preset_id: str, filename: str = "ROLE.yaml") -> str:
    """The scaffold text for `preset_id` (its sections listed as comments)."""
    preset = lib.preset(preset_id)
    lines = []
    for section, value in preset.sections.items():
        refs = value if isinstance(value, tuple) else (value,)
        names = ", ".join("(the role's own duties)" if r == OWN else str(r) for r in refs)
        lines.append(f"#   {section}: {names}")
    template = resources.data_path("scaffold.yaml").read_text(encoding="utf-8")
    return template.format(preset=preset.id, title=preset.title, sections="\n".join(lines),
                           position_group=preset.position_group, filename=filename)
