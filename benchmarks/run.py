#!/usr/bin/env python3
"""ajdoc's benchmark suite: each case against its physical floor or baseline, measured in one run.

    make bench                      # or: .venv/bin/python benchmarks/run.py [--quick]
    python benchmarks/run.py --json before.json --no-write    # keep the numbers of one run
    python benchmarks/run.py --before before.json             # a "before" column from them

Absolute times vary from machine to machine and from minute to minute on a shared one; the
ratios, each measured against its baseline in the same run (interleaved where both are short),
are what the targets speak of. Costs are CPU time (of this process, or of the child processes
for the command line), which other work on a shared machine disturbs far less than wall time;
the batch speed-up, which is about using two cores, is given both in wall time and in CPU time
(the work --jobs 2 spreads over two cores against the work of --jobs 1: what two idle cores
give). ajdoc's bytecode is written first, as an installation does. Writes benchmarks/RESULTS.md
with the machine, the versions, the date and a profile of where the remaining time goes. The floor of a render is re-zipping the
produced document's own members (deflate, as Word writes): no renderer can write the document
for less.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
BIN = Path(sys.executable).parent
ROLE = EXAMPLES / "teenuse-juht.yaml"
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import profiles  # noqa: E402  (benchmarks/profiles.py)


def children_cpu() -> float:
    """CPU seconds (user + system) of the child processes waited for so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def interleaved(fns: dict[str, object], repeat: int, clock=time.process_time) -> dict[str, float]:
    """Median seconds (by `clock`: this process's CPU time unless told) of each function, run
    in turns so that a slow spell hits all alike."""
    times: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            t = clock()
            fn()  # type: ignore[operator]
            times[name].append(clock() - t)
    return {k: statistics.median(v) for k, v in times.items()}


def example_roles() -> list[Path]:
    return sorted(p for p in EXAMPLES.glob("*.yaml") if "kaskkiri" not in p.name)


def role_folder(folder: Path, n: int) -> Path:
    """`n` role files (copies of the examples) in `folder`/roles."""
    src = folder / "roles"
    src.mkdir()
    roles = example_roles()
    for i in range(n):
        shutil.copy(roles[i % len(roles)], src / f"roll-{i:04d}.yaml")
    return src


# -- 1. a warm render against the floor -----------------------------------------------------------
def bench_render(repeat: int) -> dict:
    import warnings

    import ajdoc
    from ajdoc import resources
    from ajdoc.rendering.context import job_context
    from docxtpl import DocxTemplate
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment
    from markupsafe import Markup, escape

    warnings.simplefilter("ignore")
    jd = ajdoc.load_role(ROLE)
    data = ajdoc.render(jd)  # the first render prepares the template, as in any long-running use
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = [(i.filename, z.read(i)) for i in z.infolist()]
    ctx = {k: (Markup(escape(v)) if isinstance(v, str) else v)
           for k, v in job_context(jd, "2022").items()}
    template = str(resources.layout_template("2022"))

    def floor() -> None:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, blob in members:
                zf.writestr(name, blob)

    def bare() -> None:
        tpl = DocxTemplate(template)
        tpl.render(ctx, jinja_env=SandboxedEnvironment(autoescape=True, undefined=StrictUndefined))
        tpl.save(io.BytesIO())

    bare()
    t = interleaved({"floor": floor, "render": lambda: ajdoc.render(jd),
                     "load_render": lambda: ajdoc.render(ajdoc.load_role(ROLE)), "bare": bare},
                    repeat)
    return {"floor_s": t["floor"], "render_s": t["render"], "load_render_s": t["load_render"],
            "bare_docxtpl_s": t["bare"], "ratio": t["render"] / t["floor"],
            "vs_docxtpl": t["render"] / t["bare"], "bytes": len(data)}


# -- 2. start-up and `ajdoc check` ----------------------------------------------------------------
HEAVY = ("docxtpl", "docx", "lxml", "babel", "estnltk", "jinja2", "ruamel")


def compile_package() -> None:
    """Write ajdoc's bytecode, as installing it does (pip compiles a wheel's modules; click, the
    baseline, is installed so): run from a source tree with PYTHONDONTWRITEBYTECODE set, every
    start would otherwise compile each of ajdoc's modules again, which no installed ajdoc does."""
    import ajdoc

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(ajdoc.__file__).parent)],
                   capture_output=True, check=False)


def bench_startup(repeat: int) -> dict:
    compile_package()
    def run(args: list[str]):
        return lambda: subprocess.run(args, capture_output=True, check=False)

    ajdoc_exe = str(BIN / "ajdoc")
    t = interleaved({"click": run([sys.executable, "-c", "import click"]),
                     "help": run([ajdoc_exe, "--help"]),
                     "check": run([ajdoc_exe, "check", str(ROLE)])}, repeat, children_cpu)
    code = ("import sys; sys.argv = ['ajdoc', 'check', sys.argv[1]]\n"
            "from ajdoc.cli import run\ntry:\n    run()\nexcept SystemExit:\n    pass\n"
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    heavy = subprocess.run([sys.executable, "-c", code, str(ROLE)], capture_output=True,
                           text=True).stdout.strip().splitlines()[-1:]
    return {"import_click_s": t["click"], "help_s": t["help"], "check_s": t["check"],
            "help_ratio": t["help"] / t["click"], "check_ratio": t["check"] / t["click"],
            "check_imports": (heavy[0] if heavy and "ok" not in heavy[0] else "") or "none"}


def bench_check_dir(n: int, single_check_s: float) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        src = role_folder(Path(tmp), n)
        t = children_cpu()
        res = subprocess.run([str(BIN / "ajdoc"), "check", str(src)], capture_output=True,
                             text=True)
        elapsed = children_cpu() - t
    if res.returncode != 0:
        return {"files": n, "supported": False, "message": (res.stderr.strip() or "?")[-200:]}
    return {"files": n, "supported": True, "seconds": elapsed, "per_file_ms": elapsed / n * 1000,
            "vs_one_process_each": elapsed / (n * single_check_s)}


# -- 3. importing ----------------------------------------------------------------------------------
def import_run(src: Path, dest: Path, jobs: int) -> dict:
    """`ajdoc import SRC -o DEST --jobs N` in a process of its own (as batch_run): its wall
    time, the CPU time of the process itself and of its workers, and its exit code."""
    dest.mkdir()
    out = subprocess.run([sys.executable, "-c", BATCH_CODE, "import", str(src), "-o", str(dest),
                          "--jobs", str(jobs)], capture_output=True, text=True)
    fields = (out.stdout.split() or ["0"] * 5)[-5:]
    wall, own, workers, _, code = map(float, fields)
    return {"s": wall, "own_cpu_s": own, "workers_cpu_s": workers, "exit": int(code)}


def bench_import(n: int, repeat: int, folder_repeat: int = 2) -> dict:
    """One document imported warm in this process against python-docx reading it (CPU time,
    interleaved medians); a folder of `n` imported with --jobs 1 (its CPU time against reading
    them all) and with --jobs 2 (the best wall time of `folder_repeat` interleaved runs, and
    the CPU time of the process and of its workers, as bench_batch)."""
    import warnings

    import ajdoc
    import docx
    from ajdoc import importing

    warnings.simplefilter("ignore")
    docs = [ajdoc.render(ajdoc.load_role(role)) for role in example_roles()]

    def read(path: Path) -> None:  # python-docx's own reading: every paragraph and table cell
        d = docx.Document(str(path))
        _ = [p.text for p in d.paragraphs]
        _ = [c.text for t_ in d.tables for r in t_.rows for c in r.cells]

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "docs"
        src.mkdir()
        for i in range(n):
            (src / f"aj-{i:03d}.docx").write_bytes(docs[i % len(docs)])
        one = src / "aj-000.docx"
        importing.import_file(one)
        t = interleaved({"import": lambda: importing.import_file(one), "read": lambda: read(one)},
                        repeat)
        runs: dict[int, list[dict]] = {1: [], 2: []}
        for rep in range(folder_repeat):
            for jobs in (1, 2):
                runs[jobs].append(import_run(src, Path(tmp) / f"roles-{jobs}-{rep}", jobs))
        started = time.process_time()
        for p in sorted(src.iterdir()):
            read(p)
        read_all = time.process_time() - started
    best = {j: min(r, key=lambda m: m["s"]) for j, r in runs.items()}
    cpu = {j: (min(m["own_cpu_s"] for m in r), min(m["workers_cpu_s"] for m in r))
           for j, r in runs.items()}
    folder_s = one_cpu = sum(cpu[1])   # --jobs 1: all in the one process
    return {"documents": n, "one_import_s": t["import"], "one_read_s": t["read"],
            "ratio": t["import"] / t["read"], "folder_s": folder_s,
            "folder_read_s": read_all, "folder_ratio": folder_s / read_all,
            "jobs1_s": best[1]["s"], "jobs2_s": best[2]["s"],
            "jobs2_own_cpu_s": cpu[2][0], "jobs2_workers_cpu_s": cpu[2][1],
            "jobs_speedup": best[1]["s"] / best[2]["s"],
            # the critical path on two idle cores: the main process, then the workers' share each
            "jobs_cpu_speedup": one_cpu / (cpu[2][0] + cpu[2][1] / 2),
            "exit": max(m["exit"] for r in runs.values() for m in r)}


# -- 4. a folder of roles across cores, and its memory ----------------------------------------------
BATCH_CODE = """
import resource, sys, time
t = time.perf_counter()
sys.argv = ["ajdoc"] + sys.argv[1:]
from ajdoc.cli import run
try:
    run()
    code = 0
except SystemExit as exc:
    code = exc.code or 0
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(time.perf_counter() - t, me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime,
      max(me.ru_maxrss, kids.ru_maxrss), code)
"""


def batch_run(src: Path, dest: Path, jobs: int) -> dict:
    """`ajdoc render SRC -o DEST --jobs N` in a process of its own: its wall time, the CPU time
    of the process itself and of its workers, and the peak RSS of the largest of them."""
    out = subprocess.run([sys.executable, "-c", BATCH_CODE, "render", str(src), "-o", str(dest),
                          "--jobs", str(jobs)], capture_output=True, text=True)
    fields = (out.stdout.split() or ["0"] * 5)[-5:]
    wall, own, workers, rss, code = map(float, fields)
    if out.returncode != 0 or code != 0:
        raise SystemExit(f"batch render of {src} failed: {out.stderr[-800:]}")
    return {"s": wall, "own_cpu_s": own, "workers_cpu_s": workers, "rss_mb": rss / 1024}


def bench_batch(n: int, small: int, repeat: int = 2) -> dict:
    """Wall time of --jobs 1 and 2 (the best of `repeat` interleaved runs: on a shared machine
    other work only ever adds), and their CPU time: the work that --jobs 2 spreads over two
    cores, so that the speed-up two idle cores would give is measured even when they are not."""
    out: dict = {"roles": n, "small": small}
    with tempfile.TemporaryDirectory() as tmp:
        for count, jobs_list in ((n, (1, 2)), (small, (2,))):
            base = Path(tmp) / f"n{count}"
            base.mkdir()
            src = role_folder(base, count)
            runs: dict[int, list[dict]] = {j: [] for j in jobs_list}
            for rep in range(repeat if count == n else 1):
                for jobs in jobs_list:
                    dest = Path(tmp) / f"out-{count}-{jobs}-{rep}"
                    dest.mkdir()
                    runs[jobs].append(batch_run(src, dest, jobs))
            for jobs, measured in runs.items():
                best = min(measured, key=lambda m: m["s"])
                out[f"{count}_jobs{jobs}_s"] = best["s"]
                out[f"{count}_jobs{jobs}_rss_mb"] = max(m["rss_mb"] for m in measured)
                out[f"{count}_jobs{jobs}_own_cpu_s"] = min(m["own_cpu_s"] for m in measured)
                out[f"{count}_jobs{jobs}_workers_cpu_s"] = min(m["workers_cpu_s"] for m in measured)
    one = out[f"{n}_jobs1_own_cpu_s"] + out[f"{n}_jobs1_workers_cpu_s"]
    two_own, two_workers = out[f"{n}_jobs2_own_cpu_s"], out[f"{n}_jobs2_workers_cpu_s"]
    out["speedup"] = out[f"{n}_jobs1_s"] / out[f"{n}_jobs2_s"]
    # the critical path on two idle cores: the main process, then the workers' share each
    out["cpu_speedup"] = one / (two_own + two_workers / 2)
    out["cpu_overhead"] = (two_own + two_workers) / one
    out["rss_growth"] = out[f"{n}_jobs2_rss_mb"] / out[f"{small}_jobs2_rss_mb"]
    return out


# -- 5. directives --------------------------------------------------------------------------------------
def bench_directive(sizes: list[int]) -> dict:
    """Directives of each size, each size in a process of its own (as a directive run is: what
    earlier cases, or smaller sizes, left in memory would tilt the comparison)."""
    out: dict = {}
    for n in sizes:
        res = subprocess.run([sys.executable, str(Path(__file__)), "--directive-sizes", str(n)],
                             capture_output=True, text=True)
        if res.returncode != 0:
            raise SystemExit(f"directive run failed: {res.stderr[-800:]}")
        out.update({int(k): v for k, v in json.loads(res.stdout.splitlines()[-1]).items()})
    return out


def _directive_sizes(sizes: list[int], annexes: int = 1000) -> dict:
    """CPU seconds per directive of each size: the mean over enough runs to render about
    `annexes` annexes at every size. (Python's full garbage-collection passes come every so
    many allocations, at a cost that grows with the heap: a median of a few small runs would
    miss them, and favour the small sizes.)"""
    import warnings

    import ajdoc
    from ajdoc.rendering import render_combined, render_directive
    from test_directive import make_directive

    warnings.simplefilter("ignore")
    out = {}
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            d = ajdoc.load_directive(make_directive(Path(tmp), n))
            render_directive(d)  # the first renders prepare the templates
            render_combined(d)
            reps = max(3, annexes // n)
            t = {"sep": 0.0, "comb": 0.0}
            for _ in range(reps):
                for key, fn in (("sep", render_directive), ("comb", render_combined)):
                    started = time.process_time()
                    fn(d)
                    t[key] += (time.process_time() - started) / reps
        out[n] = {"separate_s": t["sep"], "combined_s": t["comb"],
                  "separate_per_annex_ms": t["sep"] / n * 1000,
                  "combined_per_annex_ms": t["comb"] / n * 1000}
    return out


def bench_memory(n: int) -> dict:
    code = f"""
import resource, sys, tempfile, warnings
from pathlib import Path
sys.path.insert(0, {str(ROOT / 'tests')!r})
warnings.simplefilter("ignore")
import ajdoc
from ajdoc.rendering import render_combined
from test_directive import make_directive
with tempfile.TemporaryDirectory() as tmp:
    d = ajdoc.load_directive(make_directive(Path(tmp), {n}))
    data = render_combined(d)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, len(data))
"""
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if res.returncode != 0:
        raise SystemExit(f"memory run failed: {res.stderr[-800:]}")
    maxrss_kb, size = map(int, res.stdout.split()[-2:])
    return {"annexes": n, "peak_mb": maxrss_kb / 1024, "document_mb": size / 1e6}


# -- the report --------------------------------------------------------------------------------------------
def versions() -> dict:
    from importlib.metadata import version

    out = {"python": platform.python_version()}
    for pkg in ("ajdoc", "docxtpl", "python-docx", "jinja2", "lxml", "ruamel.yaml", "estnltk"):
        try:
            out[pkg] = version(pkg)
        except Exception:
            out[pkg] = "not installed"
    return out


def targets(r: dict) -> list[tuple[str, str, float | None, str, bool | None]]:
    """(case, key, measured, target, met) of each target of issue 16 and the earlier ones."""
    d, sizes = r["directive"], sorted(r["directive"], key=int)
    small, large = sizes[1], sizes[-1]
    grow = lambda k: d[large][k] / d[small][k]  # noqa: E731
    b, s, imp, cd = r["batch"], r["startup"], r["import"], r["check_dir"]
    rows = [
        ("warm render vs re-zipping its own members (the floor)", "render", r["render"]["ratio"],
         "≤ 3×", r["render"]["ratio"] <= 3),
        ("cold `ajdoc check ROLE` vs `python -c 'import click'`", "check", s["check_ratio"],
         "≤ 3×", s["check_ratio"] <= 3),
        (f"`ajdoc check DIR`, {cd['files']} role files, one process: vs a process per file",
         "check_dir", cd.get("vs_one_process_each"), "supported", cd.get("supported", False)),
        ("`ajdoc import` of one document vs python-docx reading it", "import", imp["ratio"],
         "≤ 3×", imp["ratio"] <= 3),
        (f"`ajdoc import DIR`, {imp['documents']} documents: --jobs 2 vs --jobs 1 (wall time)",
         "import_jobs", imp.get("jobs_speedup"), "> 1×",
         imp["jobs_speedup"] > 1 if imp.get("jobs_speedup") is not None else None),
        (f"{b['roles']} roles: --jobs 2 throughput vs --jobs 1 (wall time)", "batch",
         b["speedup"], "≥ 1.9×", b["speedup"] >= 1.9),
        (f"{b['roles']} roles: --jobs 2 vs --jobs 1 on two idle cores (CPU time)", "batch_cpu",
         b.get("cpu_speedup"), "≥ 1.9×",
         b["cpu_speedup"] >= 1.9 if b.get("cpu_speedup") is not None else None),
        (f"peak RSS, {b['roles']} vs {b['small']} roles (--jobs 2)", "rss", b["rss_growth"],
         "≤ 1.10×", b["rss_growth"] <= 1.10),
        (f"time per annex {small}→{large}, separate", "sep", grow("separate_per_annex_ms"),
         "≤ 1.2×", grow("separate_per_annex_ms") <= 1.2),
        (f"time per annex {small}→{large}, combined", "comb", grow("combined_per_annex_ms"),
         "≤ 1.2×", grow("combined_per_annex_ms") <= 1.2),
        (f"peak memory, {r['memory']['annexes']}-annex combined directive (MB)", "memory",
         r["memory"]["peak_mb"], "≤ 400", r["memory"]["peak_mb"] <= 400),
        ("`ajdoc --help` vs `python -c 'import click'`", "help", s["help_ratio"], "≤ 1.5×",
         s["help_ratio"] <= 1.5),
        ("warm render vs bare docxtpl (the earlier baseline)", "docxtpl",
         r["render"]["vs_docxtpl"], "≤ 1.3×", r["render"]["vs_docxtpl"] <= 1.3),
    ]
    return rows


def fmt(value: float | None, key: str) -> str:
    if value is None:
        return "—"
    return f"{value:.0f}" if key == "memory" else f"{value:.2f}×"


def _import_line(imp: dict) -> str:
    line = (f"- Import: one document {imp['one_import_s'] * 1000:.0f} ms, python-docx reading "
            f"it {imp['one_read_s'] * 1000:.0f} ms; `ajdoc import DIR --jobs 1` of "
            f"{imp['documents']} documents {imp['folder_s']:.1f} s (CPU) against "
            f"{imp['folder_read_s']:.1f} s of reading them ({imp['folder_ratio']:.1f}×, one "
            "process).")
    if "jobs_speedup" in imp:
        line += (f" Across cores (wall time, the best of two runs): --jobs 1 "
                 f"{imp['jobs1_s']:.1f} s, --jobs 2 {imp['jobs2_s']:.1f} s "
                 f"({imp['jobs_speedup']:.2f}×); CPU time of --jobs 2: "
                 f"{imp['jobs2_own_cpu_s']:.1f} s in the main process and "
                 f"{imp['jobs2_workers_cpu_s']:.1f} s in its two workers, so two idle cores "
                 f"finish in {imp['jobs2_own_cpu_s'] + imp['jobs2_workers_cpu_s'] / 2:.1f} s: "
                 f"{imp['jobs_cpu_speedup']:.2f}×.")
    return line


def _batch_line(b: dict) -> str:
    n, small = str(b["roles"]), str(b["small"])
    line = (f"- Batch: {n} roles, wall time (the best of two runs) --jobs 1 {b[n + '_jobs1_s']:.1f} s, "
            f"--jobs 2 {b[n + '_jobs2_s']:.1f} s; peak RSS (largest process) "
            f"{b[small + '_jobs2_rss_mb']:.0f} MB for {small} roles, "
            f"{b[n + '_jobs2_rss_mb']:.0f} MB for {n}.")
    if "cpu_speedup" in b:
        line += (f" CPU time: --jobs 1 {b[n + '_jobs1_own_cpu_s']:.1f} s in one process; --jobs 2 "
                 f"{b[n + '_jobs2_own_cpu_s']:.1f} s in the main process and "
                 f"{b[n + '_jobs2_workers_cpu_s']:.1f} s in its two workers ({b['cpu_overhead']:.2f}× "
                 f"the work of --jobs 1), so two idle cores finish in "
                 f"{b[n + '_jobs2_own_cpu_s'] + b[n + '_jobs2_workers_cpu_s'] / 2:.1f} s: "
                 f"{b['cpu_speedup']:.2f}×. The wall times also wait for the disk (each role's "
                 "file is synced before its rename) and share the cores with whatever else runs.")
    return line


def report(r: dict, before: dict | None, quick: bool, took: float,
           previous: dict | None = None) -> str:
    v = versions()
    earlier = previous.get("ratios", {}) if previous else {}
    head = "| case | " + (f"RESULTS.md at {previous.get('commit', '?')} | " if previous else "") + \
        ("before | " if before else "") + "measured | target | |"
    lines = [
        "# ajdoc benchmark results", "",
        f"Measured {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} on "
        f"{platform.node() or 'this machine'}: {platform.machine()}, {os.cpu_count()} cores, "
        f"{platform.platform()}" + (" (quick run: smaller sizes)" if quick else "") + ".",
        "Versions: " + ", ".join(f"{k} {val}" for k, val in v.items()) + ".",
        "Each case is measured against its baseline in the same run; the ratios are the results."
        + (f" The before column is a run of the same suite on {before.get('commit', 'the previous commit')}"
           " (same machine, the same day)." if before else "")
        + (f" The column RESULTS.md at {previous.get('commit', '?')} is what that file said: "
           + previous.get("about", "") if previous else ""),
        "", "## Targets", "", head, "| --- " * (head.count("|") - 1) + "|",
    ]
    old = {key: value for _, key, value, _, _ in targets(before)} if before else {}
    for name, key, value, want, ok in targets(r):
        cells = [name] + ([fmt(earlier.get(key), key)] if previous else []) + \
            ([fmt(old.get(key), key)] if before else []) + \
            [fmt(value, key), want, {True: "met", False: "NOT met", None: "—"}[ok]]
        lines.append("| " + " | ".join(cells) + " |")
    rr, s, imp, b, cd = r["render"], r["startup"], r["import"], r["batch"], r["check_dir"]
    lines += ["", "## Details", "",
              f"- Render of `{ROLE.name}` (CPU time, medians, interleaved): the floor (re-zipping its "
              f"{rr['bytes'] // 1024} KB document's members) {rr['floor_s'] * 1000:.1f} ms, "
              f"`ajdoc.render(jd)` {rr['render_s'] * 1000:.1f} ms, load + render "
              f"{rr['load_render_s'] * 1000:.1f} ms, bare docxtpl {rr['bare_docxtpl_s'] * 1000:.1f} ms.",
              f"- Start-up (CPU time of the process): `python -c 'import click'` {s['import_click_s'] * 1000:.0f} ms, "
              f"`ajdoc --help` {s['help_s'] * 1000:.0f} ms, `ajdoc check ROLE` "
              f"{s['check_s'] * 1000:.0f} ms; heavy modules `ajdoc check ROLE` imports: "
              f"{s['check_imports']}.",
              ("- `ajdoc check DIR`: " + (f"{cd['files']} files in {cd['seconds']:.1f} s "
                                          f"({cd['per_file_ms']:.0f} ms each)." if cd["supported"]
                                          else f"not supported ({cd['message']})")),
              _import_line(imp),
              _batch_line(b),
              "- Directives (CPU seconds, the mean over about 1,000 annexes at each size; ms per "
              "annex):", "",
              "| annexes | separate s | per annex | combined s | per annex |",
              "| --- | --- | --- | --- | --- |"]
    lines += [f"| {n} | {x['separate_s']:.2f} | {x['separate_per_annex_ms']:.1f} ms | "
              f"{x['combined_s']:.2f} | {x['combined_per_annex_ms']:.1f} ms |"
              for n, x in sorted(r["directive"].items(), key=lambda kv: int(kv[0]))]
    lines += ["", f"- Peak memory (max RSS) of the {r['memory']['annexes']}-annex combined "
              f"directive: {r['memory']['peak_mb']:.0f} MB for a {r['memory']['document_mb']:.1f} "
              "MB document.", f"- The whole run took {took:.0f} s.", ""]
    lines += r.get("profiles", [])
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller sizes (a smoke run)")
    ap.add_argument("--json", type=Path, help="also write the raw numbers to this file")
    ap.add_argument("--before", type=Path, help="numbers of an earlier run (--json) to show")
    ap.add_argument("--previous", type=Path,
                    help="ratios an earlier RESULTS.md printed ({'ratios': {key: value}}) to show")
    ap.add_argument("--no-write", action="store_true", help="do not write RESULTS.md")
    ap.add_argument("--no-profile", action="store_true", help="skip the profiles")
    ap.add_argument("--directive-sizes", help=argparse.SUPPRESS)  # the directive case's process
    args = ap.parse_args(argv)
    if args.directive_sizes:
        print(json.dumps(_directive_sizes([int(n) for n in args.directive_sizes.split(",")])))
        return 0
    quick = args.quick
    started = time.time()
    r: dict = {}
    steps = [("render", lambda: bench_render(15 if quick else 41)),
             ("startup", lambda: bench_startup(7 if quick else 21)),
             ("check_dir", lambda: bench_check_dir(100 if quick else 1000,
                                                   r["startup"]["check_s"])),
             ("import", lambda: bench_import(20 if quick else 100, 5 if quick else 15)),
             ("batch", lambda: bench_batch(200 if quick else 1000, 20 if quick else 100)),
             ("directive", lambda: bench_directive([1, 10, 50] if quick else [1, 10, 100, 500])),
             ("memory", lambda: bench_memory(50 if quick else 500))]
    for i, (name, fn) in enumerate(steps, 1):
        print(f"{i}/{len(steps)} {name} …", flush=True)
        r[name] = fn()
    if not args.no_profile:
        print("profiles …", flush=True)
        r["profiles"] = profiles.markdown(ROLE)
    r["commit"] = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                 capture_output=True, text=True).stdout.strip()
    before = json.loads(args.before.read_text()) if args.before else None
    previous = json.loads(args.previous.read_text()) if args.previous else None
    text = report(r, before, quick, time.time() - started, previous)
    if args.json:
        args.json.write_text(json.dumps(r, indent=1, default=str), encoding="utf-8")
    if not args.no_write:
        (ROOT / "benchmarks" / "RESULTS.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
