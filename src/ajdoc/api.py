"""The Python API for HR scripts: load or build a role, compose it, render it to a file or bytes.

    import ajdoc
    jd = ajdoc.load_role("examples/teenuse-juht.yaml")
    ajdoc.render(jd, "out/teenuse-juht.docx", layout="2022")
    data = ajdoc.render(jd)                       # bytes, nothing written
    jd = ajdoc.role_from_dict({...})              # the same keys as a role file, no YAML
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional, Sequence

from . import yamlio
from .compose.role import compose
from .errors import AjdocError, Place
from .library import Library, load_library
from .model import JobDescription
from .model import Directive
from .ooxml.package import check_package
from .output import check_target, write_all, write_atomic
from .rendering import records, render_job

LibraryArg = Optional[Library | Sequence[Path | str]]


def _lib(library: LibraryArg) -> Library:
    return library if isinstance(library, Library) else load_library(library or ())


def load_role(path: Path | str, library: LibraryArg = None) -> JobDescription:
    """Read a role file and compose its job description (AjdocError on any mistake)."""
    return compose(yamlio.load(path), _lib(library))


def role_from_dict(data: dict, library: LibraryArg = None, name: str = "<dict>") -> JobDescription:
    """Compose a job description from a dict with the keys of a role file."""
    if not isinstance(data, dict):
        raise AjdocError("expected a dict with the keys of a role file", Place(file=name))
    return compose(yamlio.Node(data, name, "", None), _lib(library))


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


def explain(jd: JobDescription) -> list[str]:
    """Provenance, section by section: the block id@version:variant of every standard item."""
    out: list[str] = []

    def src(item: Any) -> str:
        return str(item.source) if getattr(item, "source", None) else "role's own"

    def section(title: str, items: Sequence[Any], label=lambda i: i.text) -> None:
        out.append(title)
        for it in items:
            text = label(it)
            out.append(f"  {src(it):44} {text[:70]}{'…' if len(text) > 70 else ''}")

    g = jd.general
    out.append(f"{g.title} — preset {jd.preset}" + (f" ({jd.source_file})" if jd.source_file else ""))
    section("general part", [], str)
    out[-1] = "general part: role's own"
    out.append("purpose: role's own")
    single = [("duties heading", jd.duties_heading), ("rights intro", jd.rights_intro),
              ("responsibilities intro", jd.responsibilities_intro),
              ("work tools", jd.work_tools), ("computer skills", jd.requirements.computer_skills)]
    section("duties", jd.duties)
    section("rights", jd.rights)
    section("responsibilities", jd.responsibilities)
    section("single texts", [i for _, i in single if i is not None])
    section("competencies", jd.competencies, lambda c: f"{c.name}: {len(c.indicators)} indicators")
    section("additional competencies", jd.additional,
            lambda a: f"{a.name}: {a.text}" if a.name else a.text)
    section("amendment", jd.amendment)
    return out


def write_scaffold(preset: str, output: Path | str, *, force: bool = False,
                   library: LibraryArg = None) -> Path:
    """Write a commented role-file scaffold for `preset`."""
    from .scaffold import scaffold

    check_target(output, force)
    try:
        text = scaffold(_lib(library), preset)
    except AjdocError as exc:
        raise exc.at(Place(key="--preset")) if exc.place == Place() else exc
    write_atomic(output, text.encode("utf-8"), force=force)
    return Path(output)


def load_directive(path: Path | str, library: LibraryArg = None, layout: Optional[str] = None):
    """Read a directive file and its annexes' role files (AjdocError on any mistake)."""
    from .compose.directive import load_directive as _load

    return _load(path, library if isinstance(library, Library) else (library or ()), layout)


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
