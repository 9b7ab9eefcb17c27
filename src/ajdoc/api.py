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
from typing import Mapping, Optional, Sequence

from . import delivery, yamlio
from .checks.findings import Checked
from .checks.files import lint_file
from .checks.unit import UnitReport
from .checks.unit import check_unit as _check_unit
from .compare import DEFAULT_THRESHOLD, Comparison, compare_files
from .compare.redline import redline
from .compose import LibraryArg, compose, library_of
from .compose import load_directive as _load_directive
from .compose import load_role as _load_role
from .compose.provenance import ProvenanceRow, explain_lines
from .compose.provenance import provenance as _provenance
from .errors import AjdocError, Place
from . import resources
from .resources import Profile, ProfileArg
from .importing import (BatchResult, DirectiveImport, ImportResult, import_directive,
                        import_directory, import_file)
from .lifecycle import UpgradePlan, WhereUsed, draft_directive
from .lifecycle import plan_upgrade as _plan_upgrade
from .lifecycle import where_used as _where_used
from .lifecycle import write_upgrade as _write_upgrade
from .model import Directive, JobDescription
from .ooxml.package import check_package
from .output import check_outputs, check_target, write_all, write_atomic
from .rendering import records, render_job
from .scaffold import scaffold

def load_profile(ref: ProfileArg = None) -> Profile:
    """An agency's profile: a built-in one's name ("ska"), a profile folder, or the default."""
    return resources.profile(ref)


def load_role(path: Path | str, library: LibraryArg = None,
              profile: ProfileArg = None) -> JobDescription:
    """Read a role file and compose its job description (AjdocError on any mistake); `profile`
    (a built-in profile's name or a folder) over the file's own `profile:`."""
    return _load_role(path, library, profile)


def role_from_dict(data: dict, library: LibraryArg = None, name: str = "<dict>",
                   profile: ProfileArg = None) -> JobDescription:
    """Compose a job description from a dict with the keys of a role file."""
    if not isinstance(data, dict):
        raise AjdocError("expected a dict with the keys of a role file", Place(file=name))
    return compose(yamlio.Node(data, name, "", None), library, profile)


def render(jd: JobDescription, path: Path | str | None = None, *, layout: Optional[str] = None,
           template: Path | str | None = None, force: bool = False) -> bytes:
    """Render to DOCX bytes (in `layout`, default the profile's); with `path`, also write them
    there atomically."""
    layout = layout or jd.profile.default_layout("role")
    if path is not None:
        check_target(path, force)
        check_outputs([path], [p for p in (jd.source_file, template) if p])
    if template is not None:
        template = Path(template)
        check_package(template)
    data = render_job(jd, layout, template)
    if path is not None:
        write_atomic(path, data, force=force)
    return data


def render_role(role: Path | str, output: Path | str, *, layout: Optional[str] = None,
                template: Path | str | None = None, force: bool = False,
                library: LibraryArg = None, profile: ProfileArg = None) -> Path:
    """Load, compose and render a role file into `output`."""
    check_target(output, force)
    jd = load_role(role, library, profile)
    render(jd, output, layout=layout, template=template, force=force)
    return Path(output)


def provenance(jd: JobDescription) -> list[ProvenanceRow]:
    """Where every standard item came from: rows of (section, block id@version:variant, text)."""
    return _provenance(jd)


def explain(jd: JobDescription) -> list[str]:
    """Provenance, section by section, as the lines `ajdoc explain` prints."""
    return explain_lines(jd)


def write_scaffold(preset: str, output: Path | str, *, force: bool = False,
                   library: LibraryArg = None, position_group: Optional[str] = None,
                   profile: ProfileArg = None) -> Path:
    """Write a commented role-file scaffold for `preset` (in the wording of `position_group`,
    default the preset's; in the agency's profile)."""
    check_target(output, force)
    lib = library_of(library, profile)
    try:
        text = scaffold(lib, preset, Path(output).name, position_group,
                        lib.profile.reference(Path(output).parent))
    except AjdocError as exc:
        raise exc.at(Place(key="--preset")) if exc.place == Place() else exc
    write_atomic(output, text.encode("utf-8"), force=force)
    return Path(output)


def load_directive(path: Path | str, library: LibraryArg = None,
                   layout: Optional[str] = None, profile: ProfileArg = None) -> Directive:
    """Read a directive file and its annexes' role files (AjdocError on any mistake)."""
    return _load_directive(path, library, layout, profile)


def directive_files(d: Directive, outdir: Path | str | None = None,
                    combined: Path | str | None = None, *,
                    engine: str = "template") -> dict[Path, bytes]:
    """The files a directive run writes: directive, annexes and register JSON in `outdir`,
    and/or one combined document; path → bytes, nothing written."""
    return records.directive_files(d, outdir, combined, engine=engine)


def write_directive(directive_file: Path | str, outdir: Path | str | None = None,
                    combined: Path | str | None = None, *, layout: Optional[str] = None,
                    force: bool = False, library: LibraryArg = None,
                    profile: ProfileArg = None) -> list[Path]:
    """Load a directive file and write its documents, all of them or none."""
    for target in ([Path(combined)] if combined else []):
        check_target(target, force)
    if outdir is not None and not Path(outdir).is_dir():
        raise AjdocError("the output folder does not exist", Place(file=str(outdir)),
                         "create it first")
    d = load_directive(directive_file, library, layout, profile)
    files = directive_files(d, outdir, combined)
    for path in files:
        check_target(path, force)
    return write_all(files.items(), force=force)


# -- checking -----------------------------------------------------------------------------------
def check(path: Path | str, library: LibraryArg = None, layout: Optional[str] = None,
          profile: ProfileArg = None) -> Checked:
    """Validate a role or directive file: what it composed to and its warnings (with places)."""
    return lint_file(path, library, layout, profile)


def check_unit(paths: Sequence[Path | str] | Path | str,
               library: LibraryArg = None) -> UnitReport:
    """Cross-check a unit's role files: substitutes, supervisors, cycles, spellings."""
    return _check_unit(paths, library)


# -- importing and comparing --------------------------------------------------------------------
def import_document(path: Path | str, library: LibraryArg = None, *,
                    verify: bool = True, profile: ProfileArg = None) -> ImportResult:
    """An existing job description (.docx or text) as a role: the role's data, its YAML, the
    report of which blocks matched how closely; read in the layouts of `profile`."""
    return import_file(path, library, verify=verify, profile=profile)


def import_folder(folder: Path | str, library: LibraryArg = None, *,
                  verify: bool = True, profile: ProfileArg = None) -> BatchResult:
    """Every .docx/.txt of a folder imported; files that cannot be read are collected."""
    return import_directory(folder, library, verify=verify, profile=profile)


def import_combined_directive(path: Path | str, library: LibraryArg = None, *,
                              verify: bool = True,
                              profile: ProfileArg = None) -> DirectiveImport:
    """A combined directive (the directive, then its annexes) as a directive file and roles."""
    return import_directive(path, library, verify=verify, profile=profile)


def diff(old: Path | str, new: Path | str, library: LibraryArg = None, *,
         threshold: float = DEFAULT_THRESHOLD, layout: Optional[str] = None,
         profile: ProfileArg = None) -> Comparison:
    """Compare two versions of a role (role files or DOCX): the changes section by section and
    the consent verdict with its reasons (numbered in `layout`, default the profile's)."""
    return compare_files(old, new, library, threshold=threshold, layout=layout,
                         profile=profile)


def redline_document(old: JobDescription, new: JobDescription, path: Path | str | None = None, *,
                     layout: str = "2022", force: bool = False) -> bytes:
    """NEW as a Word document with tracked changes against OLD (written to `path` if given)."""
    return redline(old, new, path, layout=layout, force=force)


# -- the life of a unit's job descriptions ------------------------------------------------------
def where_used(block: str, folder: Path | str, library: LibraryArg = None) -> WhereUsed:
    """The role files under `folder` that use `block` (ID or ID@VERSION), and at which version."""
    return _where_used(block, folder, library)


def plan_upgrade(folder: Path | str, block: str, library: LibraryArg = None, *,
                 threshold: float = DEFAULT_THRESHOLD, layout: str = "2022") -> UpgradePlan:
    """What upgrading the roles under `folder` to `block`'s newest version changes."""
    return _plan_upgrade(folder, block, library, threshold=threshold, layout=layout)


def write_upgrade(plan: UpgradePlan, *, out: Path | str | None = None,
                  force: bool = False) -> list[Path]:
    """Carry out an upgrade plan: re-pin the role files and render their DOCX."""
    return _write_upgrade(plan, out=out, force=force)


def draft_amending_directive(plan: UpgradePlan, path: Path | str, *,
                             force: bool = False) -> Path:
    """Draft the amending directive file with the upgraded roles as annexes."""
    return draft_directive(plan, path, force=force)


# -- delivery -----------------------------------------------------------------------------------
def to_pdf(documents: Mapping[str, bytes], *, pdf_a: bool = False) -> dict[str, bytes]:
    """DOCX documents ({name: bytes}) as PDF (PDF/A-2b with `pdf_a`), through LibreOffice."""
    return delivery.to_pdf(documents, pdf_a=pdf_a)


def preview(source: Path | str, outdir: Path | str, *, dpi: int = 100) -> list[Path]:
    """PNG images of each page of a DOCX, a role file or a directive file."""
    return delivery.preview(source, outdir, dpi=dpi)


def write_asice(path: Path | str, documents: Mapping[str, bytes], *,
                force: bool = False) -> Path:
    """An unsigned ASiC-E container of the documents, for DigiDoc4 to sign."""
    return delivery.write_asice(path, documents, force=force)
