#!/usr/bin/env python3
"""The time per phrase of inflecting 200 unit names, agency names and titles in one process,
with each morphology engine: the shipped table alone, Vabamorf alone, and the default (the table
first, Vabamorf for the words it lacks).

    .venv/bin/python benchmarks/inflect.py [--phrases 200] [--cases genitive,partitive]

Each engine is built afresh (its caches empty) and answers every phrase once through
``language.inflect_many``, as a script checking a staff list would; loading the engine is timed
apart. ``bench_inflect()`` returns the numbers for benchmarks/run.py.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from ajdoc import language  # noqa: E402
from ajdoc.language import engines  # noqa: E402


def phrases(n: int) -> list[str]:
    """`n` distinct names from the phrase tables of the tests (fewer if they hold fewer)."""
    from test_forms_engines import NAMES
    from test_forms_phrases import ROWS

    names = [row[0] for row in ROWS] + [x.strip() for x in NAMES.splitlines() if x.strip()]
    return list(dict.fromkeys(names))[:n]


def _builders() -> dict[str, Callable[[], language.Engine]]:
    out: dict[str, Callable[[], language.Engine]] = {"table": engines.TableEngine}
    if engines.estnltk_installed():
        out["vabamorf"] = engines.VabamorfEngine
        out["default"] = lambda: engines.LayeredEngine(engines.TableEngine())
    return out


def bench_inflect(n: int = 200, cases: tuple[str, ...] = ("genitive",)) -> dict:
    """Per engine: the load time, the time per phrase (all `cases`), and the refusals."""
    names = phrases(n)
    out: dict = {"phrases": len(names), "cases": list(cases)}
    for label, build in _builders().items():
        start = time.perf_counter()
        eng = build()
        language.inflect("osakond", "genitive", eng=eng)  # the lexicon and dictionaries read
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        answers = list(language.inflect_many(names, cases, eng=eng))
        spent = time.perf_counter() - start
        out[label] = {"load_s": loaded, "per_phrase_ms": spent / len(names) * 1000,
                      "refused": sum(a.error is not None for a in answers)}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phrases", type=int, default=200)
    parser.add_argument("--cases", default="genitive")
    args = parser.parse_args(argv)
    res = bench_inflect(args.phrases, tuple(args.cases.split(",")))
    print(f"{res['phrases']} phrases, {', '.join(res['cases'])}")
    for label in ("table", "vabamorf", "default"):
        if label in res:
            r = res[label]
            print(f"  {label:9} load {r['load_s'] * 1000:8.1f} ms   "
                  f"{r['per_phrase_ms']:6.3f} ms per phrase   {r['refused']} refused")
    return 0


if __name__ == "__main__":
    sys.exit(main())
