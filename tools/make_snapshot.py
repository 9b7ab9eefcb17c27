#!/usr/bin/env python3
"""Regenerate src/ajdoc/data/parsed.json, the parsed form of the YAML files that ship with ajdoc.

A start takes each shipped file's parse from the snapshot instead of parsing it again (see
ajdoc.shipped); tests/test_shipped.py checks that the snapshot is what the files parse into now.
Run this after editing any YAML file under src/ajdoc/data.

    .venv/bin/python tools/make_snapshot.py            # write the snapshot
    .venv/bin/python tools/make_snapshot.py --check    # exit 1 if it is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ajdoc import resources, shipped, yamlio  # noqa: E402

DATA = ROOT / "src" / "ajdoc" / "data"


def texts() -> list[str]:
    """The text of every shipped YAML file, in a stable order."""
    return [p.read_text(encoding="utf-8") for p in sorted(DATA.rglob("*.yaml"))]


def snapshot_text() -> str:
    """The snapshot the shipped files give now, as the file holds it."""
    parsers = {"rt": lambda text: yamlio._parse(text, "snapshot", False).value,
               "safe": lambda text: resources._parse_data(text, False)}
    return shipped.dumps(shipped.build(texts(), parsers))


def main(argv: list[str]) -> int:
    text = snapshot_text()
    if "--check" in argv:
        if shipped.SNAPSHOT.read_text(encoding="utf-8") != text:
            print(f"{shipped.SNAPSHOT} is out of date: run tools/make_snapshot.py",
                  file=sys.stderr)
            return 1
        return 0
    shipped.SNAPSHOT.write_text(text, encoding="utf-8")
    print(f"wrote {shipped.SNAPSHOT.relative_to(ROOT)} ({len(text) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
