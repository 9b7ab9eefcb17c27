"""Loading the two sides of a comparison: role files, or Word job descriptions read by the importer."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..compose import LibraryArg, library_of, load_role
from ..errors import AjdocError, Place
from ..importing import import_file
from ..model import JobDescription
from ..resources import ProfileArg
from .comparison import Comparison, compare
from .consent import DEFAULT_THRESHOLD


def load_any(path: Path | str, library: LibraryArg = None,
             profile: ProfileArg = None) -> JobDescription:
    """A role file, or a DOCX job description read through ``ajdoc.importing`` in `profile`
    (a role file names its own)."""
    path = Path(path)
    if path.suffix.lower() != ".docx":
        return load_role(path, library, profile)
    if not path.is_file():
        raise AjdocError("file not found", Place(file=str(path)))
    lib = library_of(library, profile)
    return import_file(path, library=lib, verify=False, profile=lib.profile).compose(lib)


def compare_files(old: Path | str, new: Path | str, library: LibraryArg = None, *,
                  threshold: float = DEFAULT_THRESHOLD, layout: Optional[str] = None,
                  profile: ProfileArg = None) -> Comparison:
    """Load (role files or DOCX) and compare, numbering in `layout` (default: the profile's)."""
    old_jd, new_jd = load_any(old, library, profile), load_any(new, library, profile)
    return compare(old_jd, new_jd, threshold=threshold,
                   layout=layout or old_jd.profile.default_layout("role"),
                   old_name=str(old), new_name=str(new))
