#!/usr/bin/env python3
"""Combined directive: one template looping over the annexes vs docxcompose merging documents.

Prints seconds and seconds per annex for N annexes with each engine, and the ratio
docxcompose / template, all measured in the same run. Usage: python benchmarks/combine.py [N ...]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def directive_with(n: int, folder: Path):
    import ajdoc
    from test_directive import make_directive

    return ajdoc.load_directive(make_directive(folder, n))


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main(sizes: list[int]) -> int:
    from ajdoc.rendering import render_combined

    print(f"{'annexes':>8} {'template s':>11} {'per annex':>10} {'docxcompose s':>14} "
          f"{'per annex':>10} {'ratio':>6}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            d = directive_with(n, Path(tmp))
            render_combined(d, "template")  # warm caches (templates, morphology)
            t_tpl = timed(lambda: render_combined(d, "template"))
            t_dc = timed(lambda: render_combined(d, "docxcompose"))
        print(f"{n:>8} {t_tpl:>11.2f} {t_tpl / n * 1000:>8.1f}ms {t_dc:>14.2f} "
              f"{t_dc / n * 1000:>8.1f}ms {t_dc / t_tpl:>6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or [1, 10, 30, 100]))
