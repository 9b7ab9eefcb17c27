"""Reading YAML files into checked nodes that know their file and line, for precise error messages.

The parsing is ruamel.yaml's (round-trip mode keeps line numbers and refuses duplicate keys); this
module only walks the result and turns every wrong shape into an ``AjdocError`` naming the file, the
line, the key path and what was expected.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .errors import AjdocError, Place, suggest
from .model import illegal_char

# DEL, C1 controls and the Unicode line/paragraph separators: YAML refuses them unescaped or
# folds them into spaces, so a role file may not hold them as typed.
_YAML_RAW = re.compile("[\x7f-\x9f\u2028\u2029]")

_TYPE_NAMES = {str: "text", int: "a whole number", bool: "true or false", list: "a list",
               dict: "a mapping (key: value)", _dt.date: "a date (YYYY-MM-DD)"}


def _yaml():
    y = YAML(typ="rt", pure=True)
    y.allow_duplicate_keys = False
    # dates stay text here so that Node.as_date() can check them and name the line
    ctors = y.constructor.yaml_constructors
    ctors["tag:yaml.org,2002:timestamp"] = ctors["tag:yaml.org,2002:str"]
    return y


def read_text(path: Path) -> str:
    """The file's text, or an AjdocError saying why it cannot be read."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise AjdocError("file not found", Place(file=str(path))) from None
    except IsADirectoryError:
        raise AjdocError("is a folder, expected a file", Place(file=str(path))) from None
    except OSError as exc:
        raise AjdocError(f"cannot be read: {exc.strerror}", Place(file=str(path))) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise AjdocError(f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be decoded)",
                         Place(file=str(path), line=line),
                         "save the file as UTF-8") from None


def load(path: Path | str) -> "Node":
    """Parse a YAML file into a Node; syntax errors become AjdocError with the line."""
    path = Path(path)
    text = read_text(path)
    return parse(text, str(path))


def _first(pattern: re.Pattern[str], text: str) -> Optional[int]:
    m = pattern.search(text)
    return m.start() if m else None


def parse(text: str, filename: str) -> "Node":
    """Parse YAML text (from `filename`) into a Node."""
    found = [p for p in (illegal_char(text), _first(_YAML_RAW, text)) if p is not None]
    if found:
        pos = min(found)
        before = re.split(r"\r\n|\r|\n", text[:pos])  # YAML breaks lines at CR, LF, CRLF
        col = len(before[-1]) + 1
        what = ("a character a Word document cannot hold" if illegal_char(text[pos]) is not None
                else "a control or line-separator character a role file cannot hold as typed")
        raise AjdocError(f"holds {what}: U+{ord(text[pos]):04X} at column {col}",
                         Place(file=filename, line=len(before)),
                         "remove it or replace it with a space")
    try:
        data = _yaml().load(text)
    except MarkedYAMLError as exc:
        problem = (exc.problem or "").strip()
        context = (exc.context or "").strip()
        # at the end of the file the useful place is where the unfinished thing began
        mark = exc.problem_mark
        if exc.context_mark is not None and (mark is None or "end of stream" in problem):
            mark = exc.context_mark
        line: Optional[int] = mark.line + 1 if mark is not None else None
        if "duplicate key" in str(exc):
            key = re.search(r'found duplicate key "?([^"\n]*?)"? with value', str(exc))
            message = f'duplicate key "{key.group(1) if key else "?"}" (each key once per mapping)'
        else:
            message = ", ".join(p for p in (context, problem) if p) or "invalid YAML"
        raise AjdocError(f"YAML syntax error: {message}", Place(file=filename, line=line)) from None
    except YAMLError as exc:
        raise AjdocError(f"YAML error: {exc}", Place(file=filename)) from None
    except Exception as exc:  # ruamel raises a few non-YAMLError types on odd input
        raise AjdocError(f"cannot be read as YAML: {exc}", Place(file=filename)) from None
    if data is None:
        raise AjdocError("the file is empty", Place(file=filename))
    return Node(data, filename, "", 1)


class Node:
    """A value read from a YAML file, with its file, key path and line, and typed accessors."""

    __slots__ = ("value", "file", "path", "line")

    def __init__(self, value: Any, file: str, path: str, line: Optional[int]):
        self.value = value
        self.file = file
        self.path = path
        self.line = line

    # -- errors -----------------------------------------------------------------------------
    @property
    def place(self) -> Place:
        return Place(file=self.file, line=self.line, key=self.path or None)

    def error(self, message: str, hint: str | None = None) -> AjdocError:
        return AjdocError(message, self.place, hint)

    # -- structure --------------------------------------------------------------------------
    def _child_path(self, key) -> str:
        if isinstance(key, int):
            return f"{self.path}[{key + 1}]"
        return f"{self.path}.{key}" if self.path else str(key)

    def is_map(self) -> bool:
        return isinstance(self.value, dict)

    def is_list(self) -> bool:
        return isinstance(self.value, list)

    def is_str(self) -> bool:
        return isinstance(self.value, str)

    def expect(self, kind: type) -> "Node":
        ok = isinstance(self.value, kind) and not (kind is int and isinstance(self.value, bool))
        if kind is _dt.date and isinstance(self.value, _dt.datetime):
            ok = False
        if not ok:
            got = _describe(self.value)
            raise self.error(f"expected {_TYPE_NAMES.get(kind, kind.__name__)}, got {got}")
        return self

    def keys(self, allowed: Iterable[str], required: Iterable[str] = ()) -> "Node":
        """Check this is a mapping with only `allowed` keys and all `required` ones."""
        self.expect(dict)
        allowed = list(allowed)
        for key in self.value:
            if not isinstance(key, str) or key not in allowed:
                child = self._key_line(key)
                hint = suggest(str(key), allowed)
                raise AjdocError(
                    f"unknown key '{key}'; allowed keys here: {', '.join(allowed)}",
                    Place(file=self.file, line=child, key=self._child_path(key)), hint)
        for key in required:
            if key not in self.value:
                raise self.error(f"missing required key '{key}'")
        return self

    def _key_line(self, key: Any) -> Optional[int]:
        lc: Any = getattr(self.value, "lc", None)
        try:
            return int(lc.key(key)[0]) + 1
        except Exception:
            return self.line

    def _item_line(self, index: int) -> Optional[int]:
        lc: Any = getattr(self.value, "lc", None)
        try:
            return int(lc.item(index)[0]) + 1
        except Exception:
            return self.line

    def has(self, key: str) -> bool:
        """The key is written (even with no value: reading that value then says it is empty)."""
        return self.is_map() and key in self.value

    def get(self, key: str) -> Optional["Node"]:
        if not self.has(key):
            return None
        return Node(self.value[key], self.file, self._child_path(key), self._key_line(key))

    def req(self, key: str) -> "Node":
        node = self.get(key)
        if node is None:
            raise self.error(f"missing required key '{key}'")
        if node.value is None:
            raise node.error("is empty; expected a value")
        return node

    def items(self) -> Iterator[tuple[str, "Node"]]:
        self.expect(dict)
        for key in self.value:
            yield key, Node(self.value[key], self.file, self._child_path(key), self._key_line(key))

    def as_list(self) -> list["Node"]:
        self.expect(list)
        return [Node(v, self.file, self._child_path(i), self._item_line(i))
                for i, v in enumerate(self.value)]

    def list_or_one(self) -> list["Node"]:
        """A list, or a single value taken as a one-item list."""
        return self.as_list() if self.is_list() else [self]

    # -- scalars ----------------------------------------------------------------------------
    def as_text(self) -> str:
        """Non-empty text, free of characters a Word document cannot hold."""
        if self.value is None:
            raise self.error("is empty; expected text")
        if isinstance(self.value, (int, float)) and not isinstance(self.value, bool):
            raise self.error(f"expected text, got the number {self.value}",
                             "put it in quotes if it is meant as text")
        self.expect(str)
        text = str(self.value)
        if not text.strip():
            raise self.error("expected text, got an empty value")
        pos = illegal_char(text)
        if pos is not None:
            raise self.error(f"holds a character a Word document cannot hold: "
                             f"U+{ord(text[pos]):04X} at position {pos + 1}")
        return text

    def as_int(self) -> int:
        self.expect(int)
        return int(self.value)

    def as_bool(self) -> bool:
        self.expect(bool)
        return bool(self.value)

    def as_date(self) -> _dt.date:
        """A date: YAML's 2025-11-28 or Estonian 28.11.2025, checked to exist."""
        v = self.value
        if isinstance(v, _dt.datetime):
            return v.date()
        if isinstance(v, _dt.date):
            return v
        if isinstance(v, str):
            m = re.fullmatch(r"\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*", v)
            iso = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", v)
            try:
                if m:
                    return _dt.date(int(m[3]), int(m[2]), int(m[1]))
                if iso:
                    return _dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
            except ValueError as exc:
                raise self.error(f"'{v}' is not a date that exists ({exc})") from None
        raise self.error(f"expected a date (YYYY-MM-DD or DD.MM.YYYY), got {_describe(v)}",
                         "a date that does not exist, such as 2025-02-30, is refused")

    def as_number_text(self) -> str:
        """A document number: a whole number, possibly with a register prefix (1-1/183,
        2.1-2/26/001)."""
        v = self.value
        if isinstance(v, bool):
            raise self.error("expected a number, got true/false")
        if isinstance(v, int):
            if v <= 0:
                raise self.error(f"expected a positive number, got {v}")
            return str(v)
        if isinstance(v, str):
            if re.fullmatch(r"[0-9A-Za-z]+(?:[-/.][0-9A-Za-z]+)*", v.strip()) and any(
                    c.isdigit() for c in v):
                return v.strip()
        raise self.error(f"expected a number (e.g. 183 or 1-1/183), got {_describe(v)}")


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text '{value[:40]}'"
    if isinstance(value, _dt.date):
        return f"the date {value.isoformat()}"
    return f"{type(value).__name__} {value!r}"
