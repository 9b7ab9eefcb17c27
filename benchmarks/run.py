#!/usr/bin/env python3
"""ajdoc's benchmark suite: every case measured against its baseline in the same run, as ratios.

    make bench                      # or: .venv/bin/python benchmarks/run.py [--quick]

Absolute times vary from machine to machine; the ratios are what the targets speak of. Writes
benchmarks/RESULTS.md with the machine, the versions and the date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "tests"))


def best_of(fn, repeat: int) -> float:
    """The fastest of `repeat` runs (the least disturbed by the rest of the machine)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def median_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


# -- 1. one job description against a bare docxtpl render ---------------------------------------
def bench_single(repeat: int) -> dict:
    import ajdoc
    from ajdoc import resources
    from ajdoc.rendering.context import job_context
    from ajdoc.rendering.engine import escaped
    from docxtpl import DocxTemplate
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    role = EXAMPLES / "teenuse-juht.yaml"
    jd = ajdoc.load_role(role)
    ctx = escaped(dict(job_context(jd, "2022")))
    template = str(resources.layout_template("2022"))

    def bare():
        tpl = DocxTemplate(template)
        tpl.render(ctx, jinja_env=SandboxedEnvironment(autoescape=True, undefined=StrictUndefined))
        tpl.save(io.BytesIO())

    def full():
        ajdoc.render(ajdoc.load_role(role))

    full()  # first render compiles the template once per process, as in any long-running use
    bare()
    # interleaved, so that a slow spell of the machine hits both sides alike; medians
    times: dict = {bare: [], full: []}
    for _ in range(repeat):
        for fn in (bare, full):
            t = time.perf_counter()
            fn()
            times[fn].append(time.perf_counter() - t)
    t_bare, t_full = statistics.median(times[bare]), statistics.median(times[full])
    return {"bare_s": t_bare, "ajdoc_s": t_full, "ratio": t_full / t_bare}


# -- 2. directives: time per annex, separate and combined ----------------------------------------
def bench_directive(sizes: list[int]) -> dict:
    import ajdoc
    from ajdoc.rendering import render_combined, render_directive
    from test_directive import make_directive

    out = {}
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            d = ajdoc.load_directive(make_directive(Path(tmp), n))
            render_directive(d) if n == sizes[0] else None
            # medians (not minima) at every size, so the small sizes are not favoured
            t_sep = median_of(lambda: render_directive(d), 1 if n >= 100 else 5)
            t_comb = median_of(lambda: render_combined(d), 1 if n >= 100 else 5)
        out[n] = {"separate_s": t_sep, "combined_s": t_comb,
                  "separate_per_annex_ms": t_sep / n * 1000, "combined_per_annex_ms": t_comb / n * 1000}
    return out


# -- 3. a folder of roles with --jobs 1 and --jobs 2 ---------------------------------------------
def bench_batch(n: int) -> dict:
    roles = sorted(p for p in EXAMPLES.glob("*.yaml") if "kaskkiri" not in p.name)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "roles"
        src.mkdir()
        for i in range(n):
            shutil.copy(roles[i % len(roles)], src / f"roll-{i:04d}.yaml")
        times = {}
        for jobs in (1, 2):
            out = Path(tmp) / f"out{jobs}"
            out.mkdir()
            t = time.perf_counter()
            res = subprocess.run([str(BIN / "ajdoc"), "render", str(src), "-o", str(out),
                                  "--jobs", str(jobs)], capture_output=True, text=True)
            times[jobs] = time.perf_counter() - t
            if res.returncode != 0:
                raise SystemExit(f"batch render failed: {res.stderr[-500:]}")
    return {"roles": n, "jobs1_s": times[1], "jobs2_s": times[2],
            "speedup": times[1] / times[2]}


# -- 4. importing job descriptions ----------------------------------------------------------------
def bench_import(n: int) -> dict:
    try:
        from ajdoc import importing as importer
    except ImportError:
        return {"skipped": "ajdoc.importer is not installed"}
    import ajdoc

    docs = []
    for role in sorted(p for p in EXAMPLES.glob("*.yaml") if "kaskkiri" not in p.name):
        docs.append(ajdoc.render(ajdoc.load_role(role)))
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "docs"
        src.mkdir()
        for i in range(n):
            (src / f"aj-{i:03d}.docx").write_bytes(docs[i % len(docs)])
        out = Path(tmp) / "roles"
        out.mkdir()
        t = time.perf_counter()
        res = subprocess.run([str(BIN / "ajdoc"), "import", str(src), "-o", str(out)],
                             capture_output=True, text=True)
        elapsed = time.perf_counter() - t
        # baseline: reading the same documents with python-docx alone
        import docx

        t = time.perf_counter()
        for p in sorted(src.iterdir()):
            d = docx.Document(str(p))
            _ = [c.text for t_ in d.tables for r in t_.rows for c in r.cells]
        read = time.perf_counter() - t
    return {"documents": n, "import_s": elapsed, "per_document_ms": elapsed / n * 1000,
            "python_docx_read_s": read, "ratio": elapsed / read, "exit": res.returncode}


# -- 5. CLI start-up ------------------------------------------------------------------------------
def bench_startup(repeat: int) -> dict:
    def run(args):
        return lambda: subprocess.run(args, capture_output=True, check=False)

    py = sys.executable
    # interleaved runs (baseline, then ajdoc), medians: a slow spell hits both sides alike
    pairs = []
    for _ in range(repeat):
        pairs.append((median_of(run([py, "-c", "import click"]), 1),
                      median_of(run([str(BIN / "ajdoc"), "--help"]), 1)))
    base = statistics.median(p[0] for p in pairs)
    help_ = statistics.median(p[1] for p in pairs)
    check = median_of(run([str(BIN / "ajdoc"), "check", str(EXAMPLES / "teenuse-juht.yaml")]),
                      max(3, repeat // 2))
    heavy = subprocess.run([py, "-c", "import sys, ajdoc.cli; print(','.join(m for m in "
                            "('docxtpl','lxml','estnltk','docx') if m in sys.modules))"],
                           capture_output=True, text=True).stdout.strip()
    return {"import_click_s": base, "help_s": help_, "check_s": check,
            "help_ratio": help_ / base, "check_ratio": check / base,
            "heavy_modules_at_startup": heavy or "none"}


# -- 6. peak memory of the 500-annex combined directive ------------------------------------------
def bench_memory(n: int) -> dict:
    code = f"""
import resource, sys, tempfile
from pathlib import Path
sys.path.insert(0, {str(ROOT / 'tests')!r})
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
    maxrss_kb, size = map(int, res.stdout.split())
    return {"annexes": n, "peak_mb": maxrss_kb / 1024, "document_mb": size / 1e6}


# -- report ----------------------------------------------------------------------------------------
def versions() -> dict:
    from importlib.metadata import version

    out = {"python": platform.python_version()}
    for pkg in ("ajdoc", "docxtpl", "python-docx", "jinja2", "lxml", "ruamel.yaml", "estnltk"):
        try:
            out[pkg] = version(pkg)
        except Exception:
            out[pkg] = "not installed"
    return out


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller sizes (for a smoke run)")
    args = ap.parse_args(argv)
    quick = args.quick
    started = time.time()
    print("1/6 one job description …", flush=True)
    single = bench_single(7 if quick else 41)
    print("2/6 directives …", flush=True)
    sizes = [1, 10, 50] if quick else [1, 10, 100, 500]
    direc = bench_directive(sizes)
    print("3/6 batch of roles …", flush=True)
    batch = bench_batch(100 if quick else 1000)
    print("4/6 import …", flush=True)
    imp = bench_import(20 if quick else 100)
    print("5/6 start-up …", flush=True)
    start = bench_startup(7 if quick else 31)
    print("6/6 peak memory …", flush=True)
    mem = bench_memory(50 if quick else 500)

    small, large = sizes[1], sizes[-1]
    growth_sep = direc[large]["separate_per_annex_ms"] / direc[small]["separate_per_annex_ms"]
    growth_comb = direc[large]["combined_per_annex_ms"] / direc[small]["combined_per_annex_ms"]
    comb_vs_sep = direc[large]["combined_s"] / direc[large]["separate_s"]
    targets = [
        ("one job description vs bare docxtpl render", f"{single['ratio']:.2f}×", "≤ 1.3×",
         single["ratio"] <= 1.3),
        (f"time per annex {small}→{large}, separate", f"{growth_sep:.2f}×", "≤ 1.2×",
         growth_sep <= 1.2),
        (f"time per annex {small}→{large}, combined", f"{growth_comb:.2f}×", "≤ 1.2×",
         growth_comb <= 1.2),
        (f"combined {large}-annex directive vs separate files", f"{comb_vs_sep:.2f}×", "≤ 1.5×",
         comb_vs_sep <= 1.5),
        (f"{batch['roles']} roles: --jobs 2 throughput vs --jobs 1", f"{batch['speedup']:.2f}×",
         "≥ 1.7×", batch["speedup"] >= 1.7),
        ("`ajdoc --help` vs `python -c 'import click'`", f"{start['help_ratio']:.2f}×", "≤ 1.5×",
         start["help_ratio"] <= 1.5),
        (f"peak memory, {mem['annexes']}-annex combined directive", f"{mem['peak_mb']:.0f} MB",
         "≤ 400 MB", mem["peak_mb"] <= 400),
    ]
    v = versions()
    lines = [
        "# ajdoc benchmark results", "",
        f"Measured {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} on {platform.node() or 'this machine'}: "
        f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}"
        + (" (quick run: smaller sizes)" if quick else "") + ".",
        "Versions: " + ", ".join(f"{k} {val}" for k, val in v.items()) + ".",
        "Each case is measured against its baseline in the same run; the ratios are the results.",
        "", "## Targets", "", "| case | measured | target | |", "| --- | --- | --- | --- |",
    ]
    lines += [f"| {name} | {got} | {want} | {verdict(ok)} |" for name, got, want, ok in targets]
    lines += ["", "## Details", "",
              f"- One job description (load + compose + render, median of runs): "
              f"{single['ajdoc_s'] * 1000:.0f} ms; bare docxtpl render of the same template and "
              f"prepared context: {single['bare_s'] * 1000:.0f} ms.",
              "- Directives (seconds; ms per annex):", "",
              "| annexes | separate s | per annex | combined s | per annex |",
              "| --- | --- | --- | --- | --- |"]
    lines += [f"| {n} | {r['separate_s']:.2f} | {r['separate_per_annex_ms']:.1f} ms | "
              f"{r['combined_s']:.2f} | {r['combined_per_annex_ms']:.1f} ms |" for n, r in direc.items()]
    lines += ["",
              f"- {batch['roles']} role files rendered by `ajdoc render DIR -o OUT`: --jobs 1 "
              f"{batch['jobs1_s']:.1f} s, --jobs 2 {batch['jobs2_s']:.1f} s.",
              ("- Import: " + (f"{imp['documents']} DOCX job descriptions in {imp['import_s']:.1f} s "
                              f"({imp['per_document_ms']:.0f} ms each); reading them with python-docx "
                              f"alone: {imp['python_docx_read_s']:.1f} s ({imp['ratio']:.1f}×)."
                              if "skipped" not in imp else imp["skipped"])),
              f"- Start-up: `python -c 'import click'` {start['import_click_s'] * 1000:.0f} ms, "
              f"`ajdoc --help` {start['help_s'] * 1000:.0f} ms, `ajdoc check ROLE` "
              f"{start['check_s'] * 1000:.0f} ms ({start['check_ratio']:.1f}×); heavy modules "
              f"imported by the CLI at start-up: {start['heavy_modules_at_startup']}.",
              f"- Peak memory (max RSS) rendering the {mem['annexes']}-annex combined directive: "
              f"{mem['peak_mb']:.0f} MB for a {mem['document_mb']:.1f} MB document.",
              f"- The whole run took {time.time() - started:.0f} s."]
    text = "\n".join(lines) + "\n"
    (ROOT / "benchmarks" / "RESULTS.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
