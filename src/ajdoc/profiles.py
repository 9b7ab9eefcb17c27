"""Agency profiles as a user meets them: writing a new profile folder from an existing one, and
checking a profile folder (its files read, its library composes, its layouts are complete)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Optional

import docx
from docx.image.image import Image as DocxImage
from docx.shared import Mm

from . import resources
from .checks.agency import lint_profile_statute
from .errors import AjdocError, Place
from .library import Library
from .output import check_target, write_all
from .yamlio import read_bytes
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



LOGO_LIMIT = 5 * 1024 * 1024  # bytes of a logo image


def write_letterhead(folder: Path | str, logo: Optional[Path | str] = None,
                     force: bool = False) -> list[Path]:
    """Write the profile's own templates with its letterhead: a copy of each of ajdoc's templates
    its layouts use (and the directive's), with a header holding the logo (`letterhead.logo` in
    profile.yaml, or `logo`) and the agency's name, into the profile's templates/. A template the
    profile already holds is rewritten only with `force`. All or nothing."""
    prof = resources.profile(Path(folder))
    settings = prof.settings.get("letterhead") or {}
    place = Place(file=str(prof.root / resources.PROFILE_FILE), key="letterhead")
    if not isinstance(settings, dict):
        raise AjdocError("expected a mapping {logo: FILE, width_mm: N}", place)
    logo = Path(logo) if logo else (prof.root / str(settings["logo"]) if settings.get("logo")
                                   else None)
    width = settings.get("width_mm", 35)
    if isinstance(width, bool) or not isinstance(width, (int, float)) or not 5 <= width <= 180:
        raise AjdocError(f"letterhead.width_mm: expected a width from 5 to 180 mm, got {width!r}",
                         place)
    image = _logo(logo) if logo else None
    names = {"kaskkiri.docx"}
    for name in prof.layout_names():
        lay = prof.layout(name)
        names |= {str(lay[k]) for k in ("template", "combined_template", "directive_template")
                  if lay.get(k)}
        if "combined_template" not in lay:
            names.add(f"kaskkiri-{name}-combined.docx")
    files = []
    (prof.root / "templates").mkdir(exist_ok=True)
    for name in sorted(names):
        try:
            source = resources.template_path(name)
        except AjdocError:
            continue  # a template of the profile's own only: its letterhead is its own
        target = prof.root / "templates" / name
        check_target(target, force)
        files.append((target, _with_letterhead(source, prof.agency, image, float(width))))
    return write_all(files, force=force)


# a whole image of each kind ends so (PNG: its IEND chunk; JPEG: the end-of-image marker)
_IMAGE_ENDS = {"image/png": b"IEND\xaeB`\x82", "image/jpeg": b"\xff\xd9"}


def _logo(path: Path) -> bytes:
    """A logo's bytes, read within bounds: a whole PNG or JPEG image with a size."""
    data = read_bytes(path, LOGO_LIMIT, "(a logo image: PNG or JPEG)")
    try:  # python-docx reads the header as Word will; it raises several kinds of error
        image = DocxImage.from_blob(data)
        ok = image.content_type in _IMAGE_ENDS and image.px_width > 0 and image.px_height > 0 \
            and data.rstrip(b"\x00").endswith(_IMAGE_ENDS[image.content_type])
    except Exception:
        ok = False
    if not ok:
        raise AjdocError("is not a whole PNG or JPEG image; expected the logo as PNG or JPEG",
                         Place(file=str(path)))
    return data


def _with_letterhead(source: Path, agency: str, image: Optional[bytes], width_mm: float) -> bytes:
    """`source` with a header of the logo and the agency's name on every page."""
    doc = docx.Document(str(source))
    for section in doc.sections:
        header = section.header
        header.is_linked_to_previous = False
        first = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
        if image is not None:
            first.add_run().add_picture(io.BytesIO(image), width=Mm(width_mm))
            first = header.add_paragraph()
        first.add_run(agency)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
