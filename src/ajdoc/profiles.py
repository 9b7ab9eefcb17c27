"""Agency profiles as a user meets them: writing a new profile folder from an existing one, and
checking a profile folder (its files read, its library composes, its layouts are complete)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from . import resources
from .checks.agency import lint_profile_statute
from .errors import AjdocError, Place
from .library import Library
from .output import check_target, write_all
from .rendering.sections import unknown_fields
from .yamlwrite import dump

def new_profile(folder: Path | str, source: resources.ProfileArg = None,
                agency: Optional[str] = None) -> list[Path]:
    """Write a new profile `folder`: a copy of `source` (its settings, layouts, phrases, blocks,
    presets and own templates), with the agency's name set when given. All or nothing."""
    folder = Path(folder)
    src = resources.profile(source)
    if folder.exists() and any(folder.iterdir()):
        raise AjdocError("exists already and is not empty; a new profile needs a new folder",
                         Place(file=str(folder)))
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[Path, bytes] = {}
    for path in sorted(src.root.rglob("*")):
        if path.is_file() and not any(p.startswith(".") for p in path.relative_to(src.root).parts):
            files[folder / path.relative_to(src.root)] = path.read_bytes()
    settings = folder / resources.PROFILE_FILE
    text = files[settings].decode("utf-8")
    for key, value in (("id", folder.name), ("agency", agency)):
        if value:  # the line replaced, the comments around it kept
            line = dump({key: value}).strip()
            text, n = re.subn(rf"^{key}:.*$", lambda _: line, text, count=1, flags=re.M)
            text = text if n else f"{line}\n{text}"
    files[settings] = (f"# Written by `ajdoc profile new` from the profile '{src.name}': edit it "
                       "for your agency.\n" + text).encode("utf-8")
    for path in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        check_target(path, force=False)
    return write_all(sorted(files.items()))


def check_profile(folder: Path | str) -> tuple[str, list[str]]:
    """A profile folder checked: what it holds in a line, and its warnings. Mistakes raise
    AjdocError with the file."""
    prof = resources.profile(Path(folder))
    lib = Library(profile=prof)
    for pid in lib.preset_ids():
        lib.preset(pid)  # composes: every block it names exists, in a section that takes it
    for name in prof.layout_names():
        lay = prof.layout(name)
        place = Place(file=str(prof.root / "layouts.yaml"), key=name)
        for field in unknown_fields(lay):
            raise AjdocError(f"layout '{name}' prints '{field}', which ajdoc does not know",
                             place)
        for key in ("template", "combined_template"):
            if key in lay and not prof.template(str(lay[key])).is_file():
                raise AjdocError(f"layout '{name}': template '{lay[key]}' not found", place)
    warnings = [f"{prof.root / resources.PROFILE_FILE}: {w}" for w in lint_profile_statute(prof)]
    return (f"{prof.root}: ok (agency {prof.agency}, layouts {', '.join(prof.layout_names())}, "
               f"{len(lib.block_ids())} blocks, {len(lib.preset_ids())} presets, "
            f"{len(warnings)} warning(s))", warnings)

