"""The role-file scaffold `ajdoc new` writes: a commented YAML a person fills in, in the wording
of the role's position group (an employee's scaffold shows the employee's variants and the
signature by both parties)."""

from __future__ import annotations

from typing import Optional

from .compose.edits import Wordings
from .errors import Place
from .library import OWN, Library
from .model.blocks import Ref


def scaffold(lib: Library, preset_id: str, filename: str = "ROLE.yaml",
             position_group: Optional[str] = None, profile_ref: Optional[str] = None) -> str:
    """The scaffold text for `preset_id`: its sections listed as comments with the variants
    the position group takes, the signature of the group, examples of every kind of edit; in
    the library's profile (named in the file as `profile_ref` when given)."""
    preset = lib.preset(preset_id)
    group = position_group or preset.position_group
    wordings = Wordings(group, preset.by_group)
    place = Place(key="--preset")

    def shown(ref: object, section: str) -> str:
        if not isinstance(ref, Ref):
            return "(the role's own duties)" if ref == OWN else str(ref)
        chosen = wordings.choose(lib, ref, section, place)
        return str(Ref(chosen.id, chosen.variant or lib.block(chosen).default, chosen.version))

    lines = []
    for section, value in preset.sections.items():
        refs = value if isinstance(value, tuple) else (value,)
        lines.append(f"#   {section}: {', '.join(shown(r, section) for r in refs)}")
    settings = lib.profile.settings
    values = dict(preset=preset.id, title=" ".join(preset.title.split()), filename=filename,
                  sections="\n".join(lines), position_group=group, agency=settings["agency"],
                  signer_title=settings["signer_title"],
                  profile_line=f"profile: {profile_ref}\n" if profile_ref else "")
    pieces = lib.profile.data("scaffold.yaml")
    signature = pieces["signature_both" if group == "töötaja" else "signature_head"]
    return "\n".join(str(pieces[k] if k != "signature" else signature).format(**values)
                     for k in ("head", "signature", "examples"))
