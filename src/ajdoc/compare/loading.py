"""Loading the two sides of a comparison: role files, or Word job descriptions read by the importer."""

from __future__ import annotations

from pathlib import Path

from ..compose import LibraryArg, library_of, load_role
from ..errors import AjdocError, Place
from ..importing import import_file
from ..model import JobDescription
from .comparison import Comparison, compare
from .consent import DEFAULT_THRESHOLD


def load_any(path: Path | str, library: LibraryArg = None) -> JobDescription:
    """A role file, or a DOCX job description read through ``ajdoc.importing``."""
    path = Path(path)
    if path.suffix.lower() != ".docx":
        return load_role(path, library)
    if not path.is_file():
        raise AjdocError("file not found", Place(file=str(path)))
    lib = library_of(library)
    return import_file(path, library=lib, verify=False).compose(lib)


def compare_files(old: Path | str, new: Path | str, library: LibraryArg = None, *,
                  threshold: float = DEFAULT_THRESHOLD, layout: str = "2022") -> Comparison:
    """Load (role files or DOCX) and compare."""
    lib = library_of(library)
    return compare(load_any(old, lib), load_any(new, lib), threshold=threshold, layout=layout,
                   old_name=str(old), new_name=str(new))
