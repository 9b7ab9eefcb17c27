"""`ajdoc import`: existing job descriptions (Word .docx, or extracted text) → role files.

The command raises AjdocError for the user's mistakes; the main group prints them as one line and
exits 2. In a folder import a file that cannot be read is reported (one line: the file and the
reason) and skipped; the command then exits 2 after the others are written.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import workspace
from ..errors import AjdocError, Place

_QUIET_STATUSES = {"matched", "own"}


def _echo_report(result, verbose: bool) -> None:
    lines = result.text_report().split("\n")
    click.echo(lines[0])
    for r in result.report:
        if verbose or r.status not in _QUIET_STATUSES:
            click.echo(r.line())
    for w in result.warnings:
        click.echo(f"  warning: {w}")


def _library_file(folder: Path) -> Path:
    return folder / "library" / "blocks" / "imported.yaml"


def _merged_blocks(path: Path, new: list, force: bool, written: bool) -> bytes:
    """The imported.yaml text: the new user blocks, merged into the file's when it exists (which
    takes --force, unless this run wrote it)."""
    from ruamel.yaml import YAML

    from ..importing import blocks_yaml, merge_blocks

    old: list = []
    if path.exists():
        if not (force or written):
            raise AjdocError("exists already; use --force to merge the new imported blocks "
                             "into it", Place(file=str(path)))
        try:
            data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")) or {}
            old = list(data.get("blocks") or [])
        except Exception as exc:
            raise AjdocError(f"cannot be read to merge the imported blocks into it ({exc})",
                             Place(file=str(path))) from None
    return blocks_yaml(merge_blocks(old + list(new))).encode("utf-8")


def _write_role(result, target: Path, force: bool, lib_state: dict) -> list[Path]:
    """Write the role file (and the user blocks it needs) all or nothing."""
    from ..output import check_target, write_all

    check_target(target, force)
    files = [(target, result.yaml.encode("utf-8"))]
    if result.blocks:
        lib_path = _library_file(target.parent)
        data = _merged_blocks(lib_path, lib_state.get("blocks", []) + result.blocks, force,
                              lib_state.get("written", False))
        lib_path.parent.mkdir(parents=True, exist_ok=True)
        check_target(lib_path, True)
        files.append((lib_path, data))
    paths = write_all(files, force=force or bool(result.blocks))
    if result.blocks:
        lib_state["blocks"] = lib_state.get("blocks", []) + result.blocks
        lib_state["written"] = True
    return paths


def _write_report(path: Path | None, data, force: bool) -> None:
    if path is None:
        return
    from ..output import write_atomic

    import json

    text = json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    write_atomic(path, text.encode("utf-8"), force=force)
    click.echo(f"wrote {path}")


def _check_report_target(path: Path | None, force: bool) -> None:
    if path is not None:
        from ..output import check_target

        check_target(path, force)


@click.command("import")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The role file (YAML) to write; for a folder SOURCE or --from-directive, the "
                   "(existing) folder to write into.")
@click.option("--from-directive", is_flag=True,
              help="SOURCE is a combined directive (`ajdoc directive --combined`): write one "
                   "role file per annex and a directive file into OUTPUT.")
@click.option("--report", "report_file", type=click.Path(path_type=Path),
              help="Also write the report (per section: block, score, edits) as JSON.")
@click.option("--force", is_flag=True, help="Overwrite existing output files.")
@click.option("--no-verify", is_flag=True,
              help="Do not render the imported role to compare it with the source.")
@click.option("-v", "--verbose", is_flag=True, help="Report every section, not only the edits.")
@click.option("--library", "libraries", multiple=True, type=click.Path(path_type=Path),
              help="A folder of your own blocks/ and presets/ to recognise too (repeatable).")
def import_(source: Path, output: Path, from_directive: bool, report_file, force: bool,
            no_verify: bool, verbose: bool, libraries):
    """Import SOURCE — a job description (.docx in the 2022 or 2025 layout, or .txt extracted
    from one), a folder of them, or a combined directive — into role files.

    Standard text is recognised as library blocks (id@version:variant, with a closeness score);
    what differs is kept as `sections:` and `edit:` overrides, so that rendering the role gives
    the document's text again. A competency set no block names is written as a user block to
    library/blocks/imported.yaml beside the role file (render with --library library).

    Exit codes: 0 all imported; 2 a mistake, or (for a folder) some files skipped.
    """
    from .. import importing as importer
    from ..library import load_library

    lib = load_library(libraries)
    verify = not no_verify
    if from_directive:
        _import_directive(source, output, report_file, force, verify, verbose, lib)
    elif source.is_dir():
        code = _import_folder(source, output, report_file, force, verify, verbose, lib)
        if code:
            raise click.exceptions.Exit(code)
    else:
        target = output / f"{source.stem}.yaml" if output.is_dir() else output
        from ..output import check_target

        check_target(target, force)
        _check_report_target(report_file, force)
        result = importer.import_file(source, lib, verify=verify)
        paths = _write_role(result, target, force, {})
        _echo_report(result, verbose)
        for p in paths:
            click.echo(f"wrote {p}")
        if result.blocks:
            click.echo(f"note: {target.name} uses imported blocks; render it with --library "
                       f"{target.parent / 'library'}")
        _write_report(report_file, dict(result.to_dict(), output=str(target)), force)


def _import_folder(source: Path, outdir: Path, report_file, force, verify, verbose, lib) -> int:
    from tqdm import tqdm

    from .. import importing as importer

    if not outdir.is_dir():
        raise AjdocError("the output folder does not exist" if not outdir.exists() else
                         "is not a folder; importing a folder writes into a folder",
                         Place(file=str(outdir)), "create it first" if not outdir.exists()
                         else None)
    _check_report_target(report_file, force)
    files = workspace.document_files(source)
    if not files:
        raise AjdocError("holds no .docx or .txt file to import", Place(file=str(source)))
    entries, skipped, lib_state, taken = [], 0, {}, set()
    bar = tqdm(files, unit="file", disable=not sys.stderr.isatty(), file=sys.stderr,
               leave=False)
    for path in bar:
        stem, n = path.stem, 2
        while stem in taken:  # a.docx and a.txt
            stem, n = f"{path.stem}-{n}", n + 1
        target = outdir / f"{stem}.yaml"
        try:
            from ..output import check_target

            check_target(target, force)
            result = importer.import_file(path, lib, verify=verify)
            _write_role(result, target, force, lib_state)
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
    if lib_state.get("written"):
        click.echo(f"note: user blocks written to {_library_file(outdir)}; render those roles "
                   f"with --library {outdir / 'library'}")
    _write_report(report_file, {"files": entries, "imported": done, "skipped": skipped}, force)
    if skipped:
        click.echo(f"ajdoc: imported {done} of {len(files)} files; {skipped} skipped "
                   "(see above)", err=True)
        return 2
    click.echo(f"imported {done} files into {outdir}")
    return 0


def _import_directive(source: Path, outdir: Path, report_file, force, verify, verbose, lib):
    import re

    from .. import importing as importer
    from ..output import check_target, write_all

    if not outdir.is_dir():
        raise AjdocError("the output folder does not exist" if not outdir.exists() else
                         "is not a folder; --from-directive writes a directive file and one "
                         "role file per annex into a folder", Place(file=str(outdir)),
                         "create it first" if not outdir.exists() else None)
    _check_report_target(report_file, force)
    d = importer.import_directive(source, lib, verify=verify)
    number = re.sub(r"[^0-9A-Za-z]+", "-", str(d.directive["number"])).strip("-")
    dfile = outdir / f"kaskkiri-{number}.yaml"
    files = [(dfile, d.yaml.encode("utf-8"))]
    files += [(outdir / name, a.yaml.encode("utf-8")) for name, a in zip(d.names, d.annexes)]
    for path, _ in files:
        check_target(path, force)
    if d.blocks:
        lib_path = _library_file(outdir)
        data = _merged_blocks(lib_path, d.blocks, force, False)
        lib_path.parent.mkdir(parents=True, exist_ok=True)
        files.append((lib_path, data))
    for name, a in zip(d.names, d.annexes):
        _echo_report(a, verbose)
    for w in d.warnings:
        click.echo(f"  warning: {w}")
    if d.roundtrip is not None:
        click.echo(f"{source.name}: {len(d.annexes)} annexes; round trip {d.roundtrip:.3f}")
    for path in write_all(files, force=force or bool(d.blocks)):
        click.echo(f"wrote {path}")
    _write_report(report_file, {"source": str(source), "directive": str(dfile),
                                "roundtrip": d.roundtrip, "warnings": d.warnings,
                                "annexes": [dict(a.to_dict(), output=str(outdir / name))
                                            for name, a in zip(d.names, d.annexes)]}, force)
