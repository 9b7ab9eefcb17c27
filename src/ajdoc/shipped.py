"""The YAML files that ship with ajdoc, parsed ahead of time, so that a start does not parse them.

ajdoc's own data (``data/*.yaml``, the built-in profiles' settings, layouts, blocks and presets)
is the same on every start; parsing it with ruamel took most of a cold ``ajdoc check``. The
snapshot ``data/parsed.json``, written by ``tools/make_snapshot.py`` and checked against the data
by the tests, holds what each file parses into, keyed by the file's whole text: a text found there
is the very text that was parsed, whatever file it comes from (a profile copied from a built-in
one too), so an answer from the snapshot is the answer parsing would give. Any other text (a
user's file, a shipped file edited since) is not found and is parsed as before.

Two parses are kept: ``rt``, what ``yamlio.parse`` gives (mappings and lists that know their
lines, numbers as written), and ``safe``, what ``resources.data`` gives (plain values). Comments
are not kept: nothing in ajdoc reads them from a parsed file.
"""

from __future__ import annotations

import datetime as _dt
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from ruamel.yaml.anchor import Anchor
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from .yamltypes import ReadList, ReadMap, WrittenFloat, WrittenInt

SNAPSHOT = Path(__file__).parent / "data" / "parsed.json"
FORMAT = 1
KINDS = ("rt", "safe")
_PLAIN = (str, int, float, bool, type(None))


@lru_cache(maxsize=1)
def _snapshot() -> dict[str, list[Any]]:
    """The snapshot: text → its parses in KINDS order (encoded); empty when the file is missing
    or damaged, which only makes a start slower."""
    try:
        data = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return {}
        return {text: parses for text, *parses in data["files"]}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def parsed(kind: str, text: str) -> Optional[Any]:
    """What `text` parses into (`kind`: "rt" or "safe"), a new value on every call, when the
    snapshot holds the text; else None."""
    found = _snapshot().get(text)
    if found is None:
        return None
    try:
        return decode(found[KINDS.index(kind)])
    except (ValueError, TypeError, IndexError, KeyError):  # a damaged entry: parse instead
        return None


# -- the encoding: JSON's own values as they are, the others as a list tagged by its first item --
def encode(value: Any) -> Any:
    """A parsed value as JSON data; a type the encoding does not know is a TypeError."""
    t = type(value)
    if t in _PLAIN:
        return value
    if t is ReadMap:
        out: list[Any] = ["M", value.lc.line, value.lc.col, _style(value)]
        for k, v in value.items():
            out += [encode(k), encode(v), *value.lc.data[k]]
        return out
    if t is ReadList:
        out = ["L", value.lc.line, value.lc.col, _style(value)]
        for i, v in enumerate(value):
            out += [encode(v), *value.lc.data[i]]
        return out
    if t is dict:
        return ["D"] + [x for k, v in value.items() for x in (encode(k), encode(v))]
    if t is list:
        return ["l"] + [encode(v) for v in value]
    if t is WrittenInt:
        return ["i", int(value), value.written]
    if t is WrittenFloat:
        return ["f", float(value), value.written]
    if t is LiteralScalarString and not _anchored(value):
        return ["|", str(value)]
    if t is FoldedScalarString and not _anchored(value):
        return [">", str(value), getattr(value, "fold_pos", None)]
    if t is _dt.date:
        return ["t", value.isoformat()]
    raise TypeError(f"the snapshot cannot hold a value of type {t.__name__}")


def _anchored(value: Any) -> bool:
    anchor = getattr(value, Anchor.attrib, None)  # (reading .anchor would make one)
    return anchor is not None and anchor.value is not None


def _style(value: Any) -> Optional[bool]:
    return value.fa.flow_style(None)  # type: ignore[no-any-return]


def _styled(data: Any, style: Optional[bool]) -> None:
    if style is True:
        data.fa.set_flow_style()
    elif style is False:
        data.fa.set_block_style()


def decode(value: Any) -> Any:
    """The value `encode` gave `value` for, as parsing makes it."""
    if type(value) is not list:
        return value
    tag = value[0]
    if tag == "M":
        mapping = ReadMap()
        mapping._yaml_set_line_col(value[1], value[2])
        for i in range(4, len(value), 6):
            k = decode(value[i])
            mapping._yaml_set_kv_line_col(k, value[i + 2:i + 6])
            mapping[k] = decode(value[i + 1])
        _styled(mapping, value[3])
        return mapping
    if tag == "L":
        seq = ReadList()
        seq._yaml_set_line_col(value[1], value[2])
        items = []
        for n, i in enumerate(range(4, len(value), 3)):
            items.append(decode(value[i]))
            seq._yaml_set_idx_line_col(n, value[i + 1:i + 3])
        seq.extend(items)
        _styled(seq, value[3])
        return seq
    if tag == "D":
        return {decode(value[i]): decode(value[i + 1]) for i in range(1, len(value), 2)}
    if tag == "l":
        return [decode(v) for v in value[1:]]
    if tag == "i":
        return WrittenInt(value[1], value[2])
    if tag == "f":
        return WrittenFloat(value[1], value[2])
    if tag == "|":
        return LiteralScalarString(value[1])
    if tag == ">":
        folded = FoldedScalarString(value[1])
        if value[2]:
            folded.fold_pos = list(value[2])  # type: ignore[attr-defined]
        return folded
    if tag == "t":
        return _dt.date.fromisoformat(value[1])
    raise ValueError(f"unknown tag {tag!r} in the snapshot")


def build(texts: Iterable[str], parsers: dict[str, Callable[[str], Any]]) -> dict[str, Any]:
    """The snapshot of `texts`: each with its parse by each of `parsers` (kind → function of
    the text, one for each of KINDS)."""
    return {"format": FORMAT,
            "about": "written by tools/make_snapshot.py from src/ajdoc/data: do not edit, run "
                     "the tool again",
            "files": [[text] + [encode(parsers[kind](text)) for kind in KINDS]
                      for text in texts]}


def dumps(snapshot: dict[str, Any]) -> str:
    """The snapshot file's text: a line for each file's text, one for each of its parses."""
    def one(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    files = sorted(snapshot["files"], key=lambda f: f[0])
    return (f'{{"format": {snapshot["format"]}, "about": {one(snapshot["about"])}, "files": [\n'
            + ",\n".join("[" + ",\n ".join(one(part) for part in f) + "]" for f in files)
            + "\n]}\n")
