"""The Python API for HR scripts: entry points only — load or build a role, render it, write a
directive; the work is done by the packages named after each concern.

    import ajdoc
    jd = ajdoc.load_role("examples/teenuse-juht.yaml")
    ajdoc.render(jd, "out/teenuse-juht.docx", layout="2022")
    data = ajdoc.render(jd)                       # bytes, nothing written
    jd = ajdoc.role_from_dict({...})              # the same keys as a role file, no YAML
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from . import yamlio
from .compose import LibraryArg, compose, library_of
from .compose import load_directive as _load_directive
from .compose import load_role as _load_role
from .compose.provenance import ProvenanceRow, explain_lines
from .compose.provenance import provenance as _provenance
from .errors import AjdocError, Place
from .model import Directive, JobDescription
from .ooxml.package import check_package
from .output import check_target, write_all, write_atomic
from .rendering import records, render_job
from .scaffold import scaffold

_lib = library_of  # the name earlier modules use; prefer ajdoc.compose.library_of


def load_role(path: Path | str, library: LibraryArg = None) -> JobDescription:
    """Read a role file and compose its job description (AjdocError on any mistake)."""
    return _load_role(path, library)


def role_from_dict(data: dict, library: LibraryArg = None, name: str = "<dict>") -> JobDescription:
    """Compose a job description from a dict with the keys of a role file."""
    if not isinstance(data, dict):
        raise AjdocError("expected a dict with the keys of a role file", Place(file=name))
    return compose(yamlio.Node(data, name, "", None), library)


def render(jd: JobDescription, path: Path | str | None = None, *, layout: str = "2022",
           template: Path | str | None = None, force: bool = False) -> bytes:
    """Render to DOCX bytes; with `path`, also write them there atomically."""
    if path is not None:
        check_target(path, force)
    if template is not None:
        template = Path(template)
        check_package(template)
    data = render_job(jd, layout, template)
    if path is not None:
        write_atomic(path, data, force=force)
    return data


def render_role(role: Path | str, output: Path | str, *, layout: str = "2022",
                template: Path | str | None = None, force: bool = False,
                library: LibraryArg = None) -> Path:
    """Load, compose and render a role file into `output`."""
    check_target(output, force)
    jd = load_role(role, library)
    render(jd, output, layout=layout, template=template, force=force)
    return Path(output)


def provenance(jd: JobDescription) -> list[ProvenanceRow]:
    """Where every standard item came from: rows of (section, block id@version:variant, text)."""
    return _provenance(jd)


def explain(jd: JobDescription) -> list[str]:
    """Provenance, section by section, as the lines `ajdoc explain` prints."""
    return explain_lines(jd)


def write_scaffold(preset: str, output: Path | str, *, force: bool = False,
                   library: LibraryArg = None) -> Path:
    """Write a commented role-file scaffold for `preset`."""
    check_target(output, force)
    try:
        text = scaffold(library_of(library), preset)
    except AjdocError as exc:
        raise exc.at(Place(key="--preset")) if exc.place == Place() else exc
    write_atomic(output, text.encode("utf-8"), force=force)
    return Path(output)


def load_directive(path: Path | str, library: LibraryArg = None,
                   layout: Optional[str] = None) -> Directive:
    """Read a directive file and its annexes' role files (AjdocError on any mistake)."""
    return _load_directive(path, library, layout)


def directive_files(d: Directive, outdir: Path | str | None = None,
                    combined: Path | str | None = None, *,
                    engine: str = "template") -> dict[Path, bytes]:
    """The files a directive run writes: directive, annexes and register JSON in `outdir`,
    and/or one combined document; path → bytes, nothing written."""
    return records.directive_files(d, outdir, combined, engine=engine)


def write_directive(directive_file: Path | str, outdir: Path | str | None = None,
                    combined: Path | str | None = None, *, layout: Optional[str] = None,
                    force: bool = False, library: LibraryArg = None) -> list[Path]:
    """Load a directive file and write its documents, all of them or none."""
    for target in ([Path(combined)] if combined else []):
        check_target(target, force)
    if outdir is not None and not Path(outdir).is_dir():
        raise AjdocError("the output folder does not exist", Place(file=str(outdir)),
                         "create it first")
    d = load_directive(directive_file, library, layout)
    files = directive_files(d, outdir, combined)
    for path in files:
        check_target(path, force)
    return write_all(files.items(), force=force)
