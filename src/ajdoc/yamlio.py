"""Reading YAML files into checked nodes that know their file and line, for precise error messages.

The parsing is ruamel.yaml's (round-trip mode keeps line numbers and refuses duplicate keys; its
scanner and parser with their bookkeeping written for speed in ``ajdoc.yamlfast``); this module
only walks the result and turns every wrong shape into an ``AjdocError`` naming the file, the line,
the key path and what was expected. A text that ships with ajdoc is taken from its snapshot
(``ajdoc.shipped``: the very parse, made ahead of time).

Every file is read within bounds (the web editor will take these files from a browser): only a
regular file is read (never a pipe or a device), at most ``MAX_BYTES``; at most ``MAX_VALUES``
values nested at most ``MAX_DEPTH`` levels deep. Aliases (``*name``) and merge keys (``<<``) are
refused (an alias bomb expands a small file into millions of values; ajdoc's files are short and
written out), and so are lists or mappings used as keys and tags other than YAML's own. Numbers
keep the text the user wrote (``0183`` stays "0183", never 183; ``0x1F`` never becomes 31), a
surrogate pair written as two ``\\u`` escapes is one character, and a number longer than
``MAX_NUMBER`` characters is refused rather than converted.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import stat
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionStartEvent, MappingStartEvent, ScalarEvent
from ruamel.yaml.nodes import MappingNode
from ruamel.yaml.reader import Reader

from . import shipped
from .errors import AjdocError, Place, suggest
from .xmlchars import illegal_char
from .yamlfast import FastParser, FastScanner, ParserOnce
from .yamltypes import ReadList, ReadMap, WrittenFloat, WrittenInt

MAX_BYTES = 2 * 1024 * 1024       # a role file of 1,000 duties is about 150 KB
MAX_VALUES = 50_000               # scalars, lists and mappings (keys included) in one file
MAX_DEPTH = 40                    # nesting levels (a role file needs fewer than ten)
MAX_NUMBER = 40                   # characters of a number as written

# DEL, C1 controls and the Unicode line/paragraph separators: YAML refuses them unescaped or
# folds them into spaces, so a role file may not hold them as typed.
_YAML_RAW = re.compile("[\x7f-\x9f\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# the C1 controls but NEL: with illegal_char's characters, what ruamel finds unprintable
_C1_BUT_NEL = re.compile("[\x7f-\x84\x86-\x9f]")
_DECIMAL = re.compile(r"[+-]?[0-9]+")
_OWN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq",
                                                   "map", "timestamp")} | {"!"}

_TYPE_NAMES = {str: "text", int: "a whole number", bool: "true or false", list: "a list",
               dict: "a mapping (key: value)", _dt.date: "a date (YYYY-MM-DD)"}


class _Refused(Exception):
    """A shape ajdoc's files never have, found while parsing: the message and the line."""

    def __init__(self, message: str, line: int, hint: str | None = None):
        super().__init__(message)
        self.message, self.line, self.hint = message, line, hint


class _Composer(ParserOnce, Composer):
    """ruamel's composer, refusing aliases, merge keys, collections as keys, foreign tags, and
    more values or deeper nesting than ajdoc's bounds, before each node is built."""

    values = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, AliasEvent):
            raise _Refused(f"an alias (*{event.anchor}): aliases are not used in ajdoc's files",
                           line, "write the value out where it is needed")
        self.values += 1
        if self.values > MAX_VALUES:
            raise _Refused(f"the file holds more than {MAX_VALUES} values", line)
        if self.depth + 1 > MAX_DEPTH:
            raise _Refused(f"nested more than {MAX_DEPTH} levels deep", line)
        is_key = isinstance(parent, MappingNode) and index is None
        if is_key and isinstance(event, CollectionStartEvent):
            what = "a mapping" if isinstance(event, MappingStartEvent) else "a list"
            raise _Refused(f"{what} used as a key; expected a key of text", line)
        if is_key and isinstance(event, ScalarEvent) and event.value == "<<" and \
                event.style is None:
            raise _Refused("a merge key (<<): merges are not used in ajdoc's files", line,
                           "write the keys out")
        tag = getattr(event, "tag", None)
        if tag is not None and str(tag) not in _OWN_TAGS:
            shown = _short(str(tag).replace("tag:yaml.org,2002:", "!!"), 60)
            raise _Refused(f"the tag {shown}: ajdoc's files use no tags", line,
                           "remove it; quotes make a value text")
        return super().compose_node(parent, index)


class _Reader(Reader):
    """ruamel's reader, its check for unprintable characters made with two small patterns that
    find the same characters: ruamel's one (everything outside the printable ranges, astral
    ones included) took Python longer to compile than a role file takes to parse."""

    @classmethod
    def _get_non_printable(cls, data: str) -> Optional[tuple[int, str]]:
        found = [p for p in (illegal_char(data), _first(_C1_BUT_NEL, data)) if p is not None]
        return (min(found), data[min(found)]) if found else None


class _Constructor(RoundTripConstructor):
    """ruamel's round-trip constructor: numbers keep the text as written, dates stay text (so
    that Node.as_date() can check them and name the line), surrogate pairs become characters."""

    def construct_yaml_int(self, node: Any) -> Any:
        written = str(node.value)
        _check_number(written, node)
        return WrittenInt(int(super().construct_yaml_int(node)), written)

    def construct_yaml_float(self, node: Any) -> Any:
        written = str(node.value)
        _check_number(written, node)
        return WrittenFloat(float(super().construct_yaml_float(node)), written)

    def construct_yaml_seq(self, node: Any) -> Iterator[Any]:
        made = super().construct_yaml_seq(node)
        data = next(made)
        data.__class__ = ReadList
        yield data
        for _ in made:  # the parent fills the list after yielding it
            pass

    def construct_yaml_map(self, node: Any) -> Iterator[Any]:
        made = super().construct_yaml_map(node)
        data = next(made)
        data.__class__ = ReadMap
        yield data
        for _ in made:
            pass

    def construct_yaml_str(self, node: Any) -> Any:
        value = super().construct_yaml_str(node)
        if type(value) is str and _SURROGATE.search(value):
            return _join_surrogates(value)
        return value


_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)
_Constructor.add_constructor("tag:yaml.org,2002:float", _Constructor.construct_yaml_float)
_Constructor.add_constructor("tag:yaml.org,2002:str", _Constructor.construct_yaml_str)
_Constructor.add_constructor("tag:yaml.org,2002:seq", _Constructor.construct_yaml_seq)
_Constructor.add_constructor("tag:yaml.org,2002:map", _Constructor.construct_yaml_map)
_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_str)


def _check_number(written: str, node: Any) -> None:
    if len(written) > MAX_NUMBER:
        raise _Refused(f"a number of {len(written)} characters (at most {MAX_NUMBER})",
                       node.start_mark.line + 1, "put it in quotes if it is meant as text")


def _join_surrogates(text: str) -> str:
    """Each surrogate pair (two \\u escapes, as json.dumps writes) as the one character it is;
    a lone surrogate stays, for the check of characters to refuse with its position."""
    return re.sub("[\ud800-\udbff][\udc00-\udfff]",
                  lambda m: m.group().encode("utf-16-le", "surrogatepass").decode("utf-16-le"),
                  text)


def _yaml() -> YAML:
    y = YAML(typ="rt", pure=True)
    y.allow_duplicate_keys = False
    y.Reader = _Reader
    y.Scanner = FastScanner
    y.Parser = FastParser
    y.Composer = _Composer
    y.Constructor = _Constructor
    return y


def read_bytes(path: Path | str, limit: int = MAX_BYTES, what: str = "",
               missing: str = "file not found") -> bytes:
    """A regular file's bytes, at most `limit` of them, or an AjdocError saying why not: a pipe,
    a device or a folder is never opened for reading (it would wait or never end). `what`: the
    kind of file expected, for the message ("(YAML)")."""
    expected = f"expected a file {what}".rstrip()
    path = Path(path)
    place = Place(file=str(path))
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise AjdocError(missing, place) from None
    except OSError as exc:
        raise AjdocError(f"cannot be read: {exc.strerror}", place) from None
    if stat.S_ISDIR(st.st_mode):
        raise AjdocError(f"is a folder, {expected}", place)
    if not stat.S_ISREG(st.st_mode):
        raise AjdocError(f"is not a regular file (a pipe, socket or device); {expected}", place)
    try:  # O_NONBLOCK: should it have become a pipe meanwhile, open does not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise AjdocError(f"cannot be read: {exc.strerror}", place) from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise AjdocError(f"is not a regular file; {expected}", place)
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise AjdocError(f"is larger than {limit // (1024 * 1024)} MB; refused", place)
    return data


def read_text(path: Path) -> str:
    """The file's text, or an AjdocError saying why it cannot be read."""
    path = Path(path)
    raw = read_bytes(path, MAX_BYTES, "(YAML)")
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


def _tab_after_colon(text: str, line: Optional[int]) -> bool:
    if line is None:
        return False
    lines = re.split(r"\r\n|\r|\n", text)
    return 0 < line <= len(lines) and re.search(r":\t", lines[line - 1]) is not None


def parse(text: str, filename: str) -> "Node":
    """Parse YAML text (from `filename`) into a Node."""
    return _parse(text, filename, True)


def _parse(text: str, filename: str, use_snapshot: bool) -> "Node":
    """`parse`; with `use_snapshot`, a text that ships with ajdoc is taken from its snapshot
    (ajdoc.shipped: what this function gives for it without)."""
    if len(text) > MAX_BYTES:
        raise AjdocError(f"is larger than {MAX_BYTES // (1024 * 1024)} MB; refused",
                         Place(file=filename))
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
    data = shipped.parsed("rt", text) if use_snapshot else None
    try:
        if data is None:
            data = _yaml().load(text)
    except _Refused as exc:
        raise AjdocError(exc.message, Place(file=filename, line=exc.line), exc.hint) from None
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
            message = f'duplicate key "{_short(key.group(1)) if key else "?"}" (each key once per mapping)'
        elif "'\\t'" in problem and _tab_after_colon(text, line):
            raise AjdocError("YAML syntax error: a tab after a colon; YAML separates a key from "
                             "its value with a space", Place(file=filename, line=line),
                             "replace the tab with a space") from None
        elif "'\\t'" in problem:
            message = f"{problem} (YAML indents with spaces, never tabs)"
        else:
            message = ", ".join(p for p in (context, problem) if p) or "invalid YAML"
        raise AjdocError(f"YAML syntax error: {_short(message, 200)}",
                         Place(file=filename, line=line)) from None
    except YAMLError as exc:
        raise AjdocError(f"YAML error: {_short(str(exc), 200)}", Place(file=filename)) from None
    except RecursionError:  # pragma: no cover - MAX_DEPTH keeps the composer shallow
        raise AjdocError("nested too deeply to be read", Place(file=filename)) from None
    except Exception as exc:  # ruamel raises a few non-YAMLError types on odd input
        raise AjdocError(f"cannot be read as YAML: {_short(str(exc), 200)}",
                         Place(file=filename)) from None
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

    def describe(self) -> str:
        """What the value is, for a message ("the text '…'", "a mapping"), kept short."""
        return _describe(self.value)

    def expect(self, kind: type) -> "Node":
        ok = isinstance(self.value, kind) and not (kind is int and isinstance(self.value, bool))
        if kind is _dt.date and isinstance(self.value, _dt.datetime):
            ok = False
        if not ok:  # the whole file as a scalar may be any file: its content is not echoed
            got = _describe(self.value) if self.path else _kind(self.value)
            raise self.error(f"expected {_TYPE_NAMES.get(kind, kind.__name__)}, got {got}")
        return self

    def keys(self, allowed: Iterable[str], required: Iterable[str] = ()) -> "Node":
        """Check this is a mapping with only `allowed` keys and all `required` ones."""
        self.expect(dict)
        allowed = list(allowed)
        for key in self.value:
            if not isinstance(key, str):
                raise AjdocError(f"a key must be text, got {_describe(key)}; allowed keys here: "
                                 f"{', '.join(allowed)}",
                                 Place(file=self.file, line=self._key_line(key), key=self.path
                                       or None))
            if key not in allowed:
                child = self._key_line(key)
                hint = suggest(key[:100], allowed)
                raise AjdocError(
                    f"unknown key '{_short(key)}'; allowed keys here: {', '.join(allowed)}",
                    Place(file=self.file, line=child, key=self._child_path(_short(key))), hint)
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
            raise self.error(f"expected text, got the number {_short(str(self.value))}",
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
        """A whole number written in decimal digits (``0x1F`` or ``1_000`` are refused)."""
        self.expect(int)
        if not _DECIMAL.fullmatch(str(self.value)):
            raise self.error(f"expected a whole number in decimal digits, got {self.value}")
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
            if re.fullmatch(r"[0-9]+", str(v)):
                return str(v)  # as written: 0183 stays 0183
        if isinstance(v, str):
            if re.fullmatch(r"[0-9A-Za-z]+(?:[-/.][0-9A-Za-z]+)*", v.strip()) and any(
                    c.isdigit() for c in v):
                return v.strip()
        raise self.error(f"expected a number (e.g. 183 or 1-1/183), got {_describe(v)}")


def plain(value: Any) -> Any:
    """A value read from a file as plain dicts and lists (for data kept and merged, such as a
    profile's settings), its numbers still printing as written."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


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
        return f"the text '{_short(value)}'"
    if isinstance(value, (int, float)):
        return f"the number {_short(str(value))}"
    if isinstance(value, _dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, (set, tuple)):
        return "a list"
    return f"a value of type {type(value).__name__}"


def _kind(value: Any) -> str:
    """What a value is, without any of its content."""
    if isinstance(value, str):
        return "text"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "a number"
    return _describe(value)


def _short(text: str, limit: int = 40) -> str:
    """`text` for a message: at most `limit` characters, on one line."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
