"""`ajdoc import`: existing job descriptions (Word .docx, or extracted text) → role files.

The command raises AjdocError for the user's mistakes; the main group prints them as one line and
exits 2. In a folder import a file that cannot be read is reported (one line: the file and the
reason) and skipped; the command then exits 2 after the others are written.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any, Optional

import attrs
import click
from tqdm import tqdm

from .. import workspace
from ..workers import default_jobs
from ..errors import AjdocError, Place
from ..importing import ImportResult, directive_file_text, import_directive, import_file, \
    merged_blocks_text, role_file_text
from ..library import Library, load_library
from ..output import check_target, write_all, write_atomic
from ..workers import in_order
from .echo import written
from .options import PathArg, force_option, library_option, profile_option

_QUIET_STATUSES = {"matched", "own"}


@attrs.define
class _UserBlocks:
    """The user blocks this run wrote to imported.yaml (a folder import writes it once per role)."""

    blocks: list = attrs.field(factory=list)
    written: bool = False


def _echo_report(result: ImportResult, verbose: bool) -> None:
    lines = result.text_report().split("\n")
    click.echo(lines[0])
    for r in result.report:
        if verbose or r.status not in _QUIET_STATUSES:
            click.echo(r.line())
    for w in result.warnings:
        click.echo(f"  warning: {w}")


def _library_file(folder: Path) -> Path:
    return folder / "library" / "blocks" / "imported.yaml"


def _merged_blocks(path: Path, new: list, force: bool, ours: bool) -> bytes:
    """The imported.yaml text: the new user blocks, merged into the file's when it exists (which
    takes --force, unless this run wrote it: `ours`)."""
    if path.exists() and not (force or ours):
        raise AjdocError("exists already; use --force to merge the new imported blocks into it",
                         Place(file=str(path)))
    return merged_blocks_text(path, new)


def _write_role(result: ImportResult, target: Path, force: bool, state: _UserBlocks,
                text: Optional[str] = None) -> list[Path]:
    """Write the role file (`text`, else the result's for `target`) and the user blocks it
    needs, all or nothing."""
    check_target(target, force)
    files = [(target, (role_file_text(result, target) if text is None else text).encode("utf-8"))]
    if result.blocks:
        lib_path = _library_file(target.parent)
        data = _merged_blocks(lib_path, state.blocks + result.blocks, force, state.written)
        lib_path.parent.mkdir(parents=True, exist_ok=True)
        check_target(lib_path, True)
        files.append((lib_path, data))
    paths = write_all(files, force=force or bool(result.blocks))
    if result.blocks:
        state.blocks = state.blocks + result.blocks
        state.written = True
    return paths


def _write_report(path: Optional[Path], data: Any, force: bool) -> None:
    if path is None:
        return
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    write_atomic(path, text.encode("utf-8"), force=force)
    written([path])


def _check_report_target(path: Optional[Path], force: bool) -> None:
    if path is not None:
        check_target(path, force)


def _check_outdir(outdir: Path, what: str) -> None:
    if not outdir.is_dir():
        raise AjdocError("the output folder does not exist" if not outdir.exists() else
                         f"is not a folder; {what}", Place(file=str(outdir)),
                         "create it first" if not outdir.exists() else None)


@click.command("import")
@click.argument("source", type=PathArg)
@click.option("-o", "--output", type=PathArg, required=True,
              help="The role file (YAML) to write; for a folder SOURCE or --from-directive, the "
                   "(existing) folder to write into.")
@click.option("--from-directive", is_flag=True,
              help="SOURCE is a combined directive (`ajdoc directive --combined`): write one "
                   "role file per annex and a directive file into OUTPUT.")
@click.option("--report", "report_file", type=PathArg,
              help="Also write the report (per section: block, score, edits) as JSON.")
@force_option("Overwrite existing output files.")
@click.option("--no-verify", is_flag=True,
              help="Do not render the imported role to compare it with the source.")
@click.option("-v", "--verbose", is_flag=True, help="Report every section, not only the edits.")
@click.option("--jobs", "-j", type=click.IntRange(min=1),
              help="Files imported at once when SOURCE is a folder (default: the cores "
                   "available).")
@library_option("A folder of your own blocks/ and presets/ to recognise too (repeatable).")
@profile_option()
def import_(source: Path, output: Path, from_directive: bool, report_file: Optional[Path],
            force: bool, no_verify: bool, verbose: bool, jobs: Optional[int],
            libraries: tuple[Path, ...], profile: Optional[str]) -> None:
    """Import SOURCE — a job description (.docx in the 2022 or 2025 layout, or .txt extracted
    from one), a folder of them, or a combined directive — into role files.

    With --profile, the document is read in that profile's layouts, wording and standard texts
    (an agency's own), and the role files name it in `profile:`.

    A folder is imported JOBS files at a time (each in a worker process; the files are written
    in the folder's order, as with one job); a file that cannot be read is reported and skipped.

    Standard text is recognised as library blocks (id@version:variant, with a closeness score);
    what differs is kept as `sections:` and `edit:` overrides, so that rendering the role gives
    the document's text again. A competency set no block names is written as a user block to
    library/blocks/imported.yaml beside the role file (render with --library library).

    Exit codes: 0 all imported; 2 a mistake, or (for a folder) some files skipped.
    """
    lib = load_library(libraries, profile)
    verify = not no_verify
    if from_directive:
        _import_directive(source, output, report_file, force, verify, verbose, lib, profile)
    elif source.is_dir():
        code = _import_folder(source, output, report_file, force, verify, verbose, libraries,
                              profile, jobs or default_jobs())
        if code:  # (click's Exit is returned, not raised, by the entry point's main)
            sys.exit(code)
    else:
        target = output / f"{source.stem}.yaml" if output.is_dir() else output
        check_target(target, force)
        _check_report_target(report_file, force)
        result = import_file(source, lib, verify=verify, profile=profile)
        paths = _write_role(result, target, force, _UserBlocks())
        _echo_report(result, verbose)
        written(paths)
        if result.blocks:
            click.echo(f"note: {target.name} uses imported blocks; render it with --library "
                       f"{target.parent / 'library'}")
        _write_report(report_file, dict(result.to_dict(), output=str(target)), force)


# one file's work: (file, output folder, verify, library folders, profile)
_Task = tuple[Path, Path, bool, tuple[str, ...], Optional[str]]


def _import_one(task: _Task) -> tuple[Optional[ImportResult], str, Optional[AjdocError]]:
    """Import one file of a folder (in a worker process, or here): the result (without its
    library, which stays in the process), its role file's text in the output folder, or the
    mistake that stopped it."""
    path, outdir, verify, folders, profile = task
    try:
        result = import_file(path, load_library(folders, profile), verify=verify,
                             profile=profile)
        text = role_file_text(result, outdir / f"{path.stem}.yaml")  # (only the folder counts)
    except AjdocError as exc:
        return None, "", exc
    return attrs.evolve(result, library=None, composing=None, composed=None), text, None


def _import_folder(source: Path, outdir: Path, report_file: Optional[Path], force: bool,
                   verify: bool, verbose: bool, libraries: tuple[Path, ...],
                   profile: Optional[str], jobs: int) -> int:
    _check_outdir(outdir, "importing a folder writes into a folder")
    _check_report_target(report_file, force)
    files = workspace.document_files(source)
    if not files:
        raise AjdocError("holds no .docx or .txt file to import", Place(file=str(source)))
    entries: list[dict] = []
    skipped, state, taken = 0, _UserBlocks(), set()
    bar = tqdm(total=len(files), unit="file", disable=not sys.stderr.isatty(), file=sys.stderr,
               leave=False)
    tasks = [(path, outdir, verify, tuple(map(str, libraries)), profile) for path in files]
    for path, (result, text, error) in zip(files, in_order(_import_one, tasks, jobs)):
        bar.update()
        stem, n = path.stem, 2
        while stem in taken:  # a.docx and a.txt
            stem, n = f"{path.stem}-{n}", n + 1
        target = outdir / f"{stem}.yaml"
        try:
            check_target(target, force)
            if result is None:
                raise error or AjdocError("not imported")
            _write_role(result, target, force, state, text)
        except AjdocError as exc:
            skipped += 1
            exc = exc.at(Place(file=str(path)))
            bar.clear()
            click.echo(f"ajdoc: skipped: {exc}", err=True)
            entries.append({"source": str(path), "ok": False, "error": str(exc)})
            continue
        taken.add(stem)
        bar.clear()
        if verbose:
            _echo_report(result, True)
        else:
            counts = result.text_report().split("\n")[0]
            click.echo(f"{counts} → {target}")
        entries.append(dict(result.to_dict(), source=str(path), ok=True, output=str(target)))
    bar.close()
    done = len(files) - skipped
    if state.written:
        click.echo(f"note: user blocks written to {_library_file(outdir)}; render those roles "
                   f"with --library {outdir / 'library'}")
    _write_report(report_file, {"files": entries, "imported": done, "skipped": skipped}, force)
    if skipped:
        click.echo(f"ajdoc: imported {done} of {len(files)} files; {skipped} skipped "
                   "(see above)", err=True)
        return 2
    click.echo(f"imported {done} files into {outdir}")
    return 0


def _import_directive(source: Path, outdir: Path, report_file: Optional[Path], force: bool,
                      verify: bool, verbose: bool, lib: Library, profile: Optional[str]) -> None:
    _check_outdir(outdir, "--from-directive writes a directive file and one role file per "
                          "annex into a folder")
    _check_report_target(report_file, force)
    d = import_directive(source, lib, verify=verify, profile=profile)
    number = re.sub(r"[^0-9A-Za-z]+", "-", str(d.directive["number"])).strip("-")
    dfile = outdir / f"kaskkiri-{number}.yaml"
    files = [(dfile, directive_file_text(d, dfile).encode("utf-8"))]
    files += [(outdir / name, role_file_text(a, outdir / name).encode("utf-8"))
              for name, a in zip(d.names, d.annexes)]
    for path, _ in files:
        check_target(path, force)
    if d.blocks:
        lib_path = _library_file(outdir)
        data = _merged_blocks(lib_path, d.blocks, force, False)
        lib_path.parent.mkdir(parents=True, exist_ok=True)
        files.append((lib_path, data))
    for a in d.annexes:
        _echo_report(a, verbose)
    for w in d.warnings:
        click.echo(f"  warning: {w}")
    if d.roundtrip is not None:
        click.echo(f"{source.name}: {len(d.annexes)} annexes; round trip {d.roundtrip:.3f}")
    written(write_all(files, force=force or bool(d.blocks)))
    _write_report(report_file, {"source": str(source), "directive": str(dfile),
                                "roundtrip": d.roundtrip, "warnings": d.warnings,
                                "annexes": [dict(a.to_dict(), output=str(outdir / name))
                                            for name, a in zip(d.names, d.annexes)]}, force)
