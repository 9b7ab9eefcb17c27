#!/usr/bin/env python3
"""Regenerate the `words:` table of src/ajdoc/data/forms.yaml with Vabamorf (needs estnltk).

The table is ajdoc's morphology when estnltk is not installed: for every word in
tools/vocabulary.txt (and every word of the examples' titles, units and agency names) it records
the word's kind (noun, adjective, indeclinable, other) and its singular genitive, partitive,
adessive and elative forms as Vabamorf synthesizes them. Run: python tools/make_forms.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ajdoc.language import CASES, VabamorfEngine  # noqa: E402

FORMS = ROOT / "src" / "ajdoc" / "data" / "forms.yaml"


def vocabulary() -> list[str]:
    words = set()
    for line in (ROOT / "tools" / "vocabulary.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0]
        words.update(w.lower() for w in re.findall(r"[^\W\d_]+", line))
    return sorted(words)


def main() -> int:
    eng = VabamorfEngine()
    header, _, _ = FORMS.read_text(encoding="utf-8").partition("\nwords:")
    out = [header.rstrip("\n"), "words:"]
    for word in vocabulary():
        kind = eng.kind(word)
        if kind == "unknown":
            print(f"skipped (unknown to Vabamorf): {word}", file=sys.stderr)
            continue
        parts = [f"kind: {kind}"]
        for case, code in CASES.items():
            if case == "nominative":
                continue
            forms = eng.forms(word, code)
            if forms:
                value = forms[0] if len(forms) == 1 else "[" + ", ".join(forms) + "]"
                parts.append(f'"{code}": {value}')
        out.append(f"  {word}: {{{', '.join(parts)}}}")
    FORMS.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {len(out) - 2} words to {FORMS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
