"""A directive run's files: their names, and the records-system data (JSON) written beside them."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Mapping, Optional

from ..errors import AjdocError
from ..model import Directive
from .documents import render_combined, render_directive


def register_record(d: Directive, files: Mapping[str, object]) -> dict:
    """The records-system data of the directive (not printed), with the documents written."""
    base = Path(d.source_file).parent if d.source_file else Path(".")

    def rel(p: Optional[str]) -> Optional[str]:
        return Path(os.path.relpath(p, base)).as_posix() if p else None

    return {
        "agency": d.agency, "number": d.number, "date": d.date.isoformat(), "title": d.title,
        "signer": {"name": d.signer_name, "title": d.signer_title},
        "entry_into_force": d.entry_into_force.isoformat() if d.entry_into_force else "signing",
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
    json_dir = Path(outdir) if outdir is not None else Path(str(combined)).parent
    files[json_dir / f"{stem}.json"] = (json.dumps(record, ensure_ascii=False, indent=2)
                                              + "\n").encode("utf-8")
    return files
