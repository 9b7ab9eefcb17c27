"""Where the remaining time goes: cProfile's top entries for a warm render, one role of a batch, a
cold `ajdoc check` and an import, as Markdown for benchmarks/RESULTS.md."""

from __future__ import annotations

import cProfile
import io
import pstats
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

TOP = 12


def _table(stats: pstats.Stats, calls: int, what: str) -> list[str]:
    """The `TOP` functions by own time (tottime), per call of the profiled operation."""
    stats.sort_stats("tottime")
    rows = []
    width = stats.total_tt / calls * 1000  # type: ignore[attr-defined]
    for func in stats.fcn_list[:TOP]:  # type: ignore[attr-defined]
        cc, nc, tt, ct, _ = stats.stats[func]  # type: ignore[attr-defined]
        file, line, name = func
        where = f"{Path(file).name}:{line} {name}" if file != "~" else name
        rows.append(f"| `{where}` | {tt / calls * 1000:.2f} | {ct / calls * 1000:.2f} | "
                    f"{nc / calls:.0f} |")
    return [f"### {what} ({width:.1f} ms per operation under the profiler)", "",
            "| function | own ms | cumulative ms | calls |", "| --- | --- | --- | --- |"] + rows + [""]


def _profile(fn, calls: int) -> pstats.Stats:
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(calls):
        fn()
    prof.disable()
    return pstats.Stats(prof, stream=io.StringIO())


def markdown(role: Path) -> list[str]:
    """The profiles of a warm render of `role`, a cold check of it, and an import of its document."""
    import ajdoc
    from ajdoc import importing

    warnings.simplefilter("ignore")
    jd = ajdoc.load_role(role)
    data = ajdoc.render(jd)
    out = ["## Where the time goes", "",
           "cProfile's top entries by own time, per operation (the profiler slows Python code "
           "more than C code, so the shares are indicative).", ""]
    out += _table(_profile(lambda: ajdoc.render(jd), 100), 100, "Warm render, `ajdoc.render(jd)`")
    with tempfile.TemporaryDirectory() as tmp:
        out_file = Path(tmp) / "out.docx"
        ajdoc.render_role(role, out_file, force=True)
        out += _table(_profile(lambda: ajdoc.render_role(role, out_file, force=True), 30), 30,
                      "One role of a batch, warm (read, compose, render, write: "
                      "`ajdoc.render_role`)")
        stats_file = Path(tmp) / "check.prof"
        subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m", "ajdoc.cli",
                        "check", str(role)], capture_output=True, check=False)
        out += _table(pstats.Stats(str(stats_file), stream=io.StringIO()), 1,
                      "Cold `ajdoc check ROLE` (one process, imports included)")
        doc = Path(tmp) / "aj.docx"
        doc.write_bytes(data)
        importing.import_file(doc)
        out += _table(_profile(lambda: importing.import_file(doc), 10), 10,
                      "Import of one document, warm")
    return out
