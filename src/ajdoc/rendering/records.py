"""A directive run's files: their names, and the records-system data (JSON) written beside them."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Mapping, Optional

from ..errors import AjdocError
from ..model import Directive, Repeal
from ..output import check_outputs
from .documents import render_combined, render_directive


def register_record(d: Directive, files: Mapping[str, object]) -> dict:
    """The records-system data of the directive (not printed), with the documents written."""
    base = Path(d.source_file).parent if d.source_file else Path(".")

    def rel(p: Optional[str]) -> Optional[str]:
        return Path(os.path.relpath(p, base)).as_posix() if p else None

    def ref(r: Repeal) -> dict[str, object]:
        out: dict[str, object] = {"signer_title": r.signer_title, "date": r.date.isoformat(), "number": r.number,
               "title": r.title}
        if r.scope != "directive":
            out["scope"] = r.scope
        if r.annexes:
            out["annexes"] = list(r.annexes)
        return out

    signer = {"name": d.signer_name, "title": d.signer_title}
    if d.acting_for:
        signer["acting_for"] = d.acting_for
    return {
        "agency": d.agency, "kind": d.kind, "number": d.number, "date": d.date.isoformat(),
        "title": d.title, "signer": signer,
        "entry_into_force": (d.entry_into_force.isoformat() if d.entry_into_force
                             else "signing" if d.in_force_point else None),
        "retroactive_from": d.retroactive_from.isoformat() if d.retroactive_from else None,
        "repeals": [ref(r) for r in d.repeals],
        "amends": [ref(r) for r in d.amends],
        "register": dict(d.register),
        "annexes": [{"annex": i, "title": jd.general.title, "role_file": rel(jd.source_file)}
                    for i, jd in enumerate(d.annexes, 1)],
        "files": files,
    }


def file_stem(d: Directive) -> str:
    """"kaskkiri-1-1-183": the directive's file names start with this."""
    return "kaskkiri-" + re.sub(r"[^0-9A-Za-z]+", "-", d.number).strip("-")


def directive_files(d: Directive, outdir: Optional[Path | str] = None,
                    combined: Optional[Path | str] = None, *,
                    engine: str = "template") -> dict[Path, bytes]:
    """The files a directive run writes: directive, annexes and register JSON in `outdir`,
    and/or one combined document; path → bytes, nothing written."""
    if outdir is None and combined is None:
        raise AjdocError("give an output folder (-o) or a combined document (--combined)")
    stem = file_stem(d)
    json_dir = Path(outdir) if outdir is not None else Path(str(combined)).parent
    targets = [(json_dir / f"{stem}.json", "the register JSON")]
    if outdir is not None:
        targets += [(Path(outdir) / f"{stem}.docx", "the directive")]
        targets += [(Path(outdir) / f"{stem}-lisa-{i}.docx", f"annex {i}")
                    for i in range(1, len(d.annexes) + 1)]
    if combined is not None:
        targets.append((Path(combined), "the combined document"))
    # before anything is rendered: no two outputs on one path, none on an input
    check_outputs(targets, [f for f in [d.source_file] + [jd.source_file for jd in d.annexes]
                            if f])
    files: dict[Path, bytes] = {}
    if outdir is not None:
        outdir = Path(outdir)
        main, annexes = render_directive(d)
        files[outdir / f"{stem}.docx"] = main
        for i, data in enumerate(annexes, 1):
            files[outdir / f"{stem}-lisa-{i}.docx"] = data
    if combined is not None:
        files[Path(combined)] = render_combined(d, engine)
    names = {"directive": f"{stem}.docx",
             "annexes": [f"{stem}-lisa-{i}.docx" for i in range(1, len(d.annexes) + 1)]
             if outdir is not None else [],
             "combined": Path(combined).name if combined is not None else None}
    record = register_record(d, names)
    files[json_dir / f"{stem}.json"] = (json.dumps(record, ensure_ascii=False, indent=2)
                                              + "\n").encode("utf-8")
    return files
