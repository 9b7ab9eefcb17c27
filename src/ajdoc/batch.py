"""Rendering many role files across cores, with a progress bar on a terminal.

Each role is rendered and written (atomically) by a worker process; a role that fails is reported
with its message and skipped, never the end of the batch. What every role needs (the library, the
prepared template, the YAML reader) is loaded once, before the first role, and set aside from the
garbage collector's full passes for the batch (ajdoc.rendering.heap): the passes then scan what
the roles make, not the loaded heap again. Workers started by fork (Linux) begin with both
instead of loading it again.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

import attrs
from tqdm import tqdm

from . import workspace, yamlio
from .api import render_role
from .compose import library_of
from .errors import AjdocError, Place
from .ooxml.package import check_package
from .rendering.prepared import prepared
from .workers import default_jobs, in_order

# one role's work: (role, output, layout, template, force, library folders)
Task = tuple[Path, Path, Optional[str], Optional[Path], bool, tuple[str, ...], Optional[str]]


@attrs.frozen
class Outcome:
    """What happened to one role: written to `output`, or `error` (one line)."""

    role: Path
    output: Path
    error: Optional[str] = None


def _render_one(task: Task) -> Outcome:
    role, output, layout, template, force, library, profile = task
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            render_role(role, output, layout=layout, template=template, force=force,
                        library=library, profile=profile)
        return Outcome(role, output)
    except AjdocError as exc:
        return Outcome(role, output, str(exc))
    except Exception as exc:  # an ajdoc bug in one role must not end the batch
        return Outcome(role, output, f"{role}: internal error: {type(exc).__name__}: {exc}")


def _warm(layout: Optional[str], template: Optional[Path], library: tuple[str, ...],
          profile: Optional[str]) -> None:
    """Load what the batch's roles need (see the module's description). Only a head start: a
    mistake met here is met again by each role, which reports it as before."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # each role warns for itself
            lib = library_of(library, profile)
            path = template or lib.profile.layout_template(
                layout or lib.profile.default_layout("role"))
            check_package(path)  # as filling it does first: an unchecked package is not read
            prepared(path)
            yamlio.parse("warm: 1\n", "<start>")  # the reader's first use compiles its patterns
    except Exception:  # noqa: BLE001 - see the docstring
        pass


def render_many(roles: Sequence[Path], outdir: Path, *, layout: Optional[str] = None,
                template: Optional[Path] = None, force: bool = False,
                library: Sequence[Path | str] = (), jobs: Optional[int] = None,
                progress: Optional[bool] = None, base: Optional[Path] = None,
                profile: Optional[str] = None) -> list[Outcome]:
    """Render `roles` into `outdir` (the same relative paths, .docx), `jobs` processes at once."""
    outdir = Path(outdir)
    jobs = jobs or default_jobs()
    tasks: list[Task] = []
    for role in roles:
        rel = Path(role).relative_to(base) if base else Path(Path(role).name)
        out = outdir / rel.with_suffix(".docx")
        out.parent.mkdir(parents=True, exist_ok=True)
        tasks.append((Path(role), out, layout, template, force, tuple(map(str, library)),
                      profile))
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(total=len(tasks), disable=not show, unit="role", file=sys.stderr)
    results: list[Outcome] = []
    try:
        _warm(layout, template, tuple(map(str, library)), profile)
        for outcome in in_order(_render_one, tasks, jobs):
            results.append(outcome)
            bar.update()
    finally:
        bar.close()
    return results


def render_folder(folder: Path | str, outdir: Path | str, **kw: Any) -> list[Outcome]:
    """Render every role file under `folder` into `outdir`, keeping the sub-folders (`kw`: those
    of render_many)."""
    folder, outdir = Path(folder), Path(outdir)
    if not outdir.is_dir():
        raise AjdocError("the output folder does not exist", Place(file=str(outdir)),
                         "create it first")
    roles = workspace.role_files(folder)
    if not roles:
        raise AjdocError("holds no role files (YAML files with a preset: key)",
                         Place(file=str(folder)))
    return render_many(roles, outdir, base=folder, **kw)


def summary(outcomes: Iterable[Outcome]) -> tuple[int, list[str]]:
    """How many roles were written, and the error of each that was not."""
    done = list(outcomes)
    return sum(o.error is None for o in done), [o.error for o in done if o.error]
