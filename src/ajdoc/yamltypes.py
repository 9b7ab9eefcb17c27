"""The values yamlio reads from a file: numbers that print as written, lists and mappings that know
their lines (ruamel's commented ones) and describe themselves briefly in a message."""

from __future__ import annotations

from ruamel.yaml.comments import CommentedMap, CommentedSeq


class WrittenInt(int):
    """A whole number read from a file that prints as the user wrote it ("0183", not 183)."""

    written: str

    def __new__(cls, value: int, written: str) -> "WrittenInt":
        obj = super().__new__(cls, value)
        obj.written = written
        return obj

    def __getnewargs__(self) -> tuple[int, str]:  # type: ignore[override]
        return int(self), self.written

    def __str__(self) -> str:
        return self.written

    def __format__(self, spec: str) -> str:
        return self.written if not spec else format(int(self), spec)


class WrittenFloat(float):
    """A number with a fraction read from a file that prints as the user wrote it ("1.10")."""

    written: str

    def __new__(cls, value: float, written: str) -> "WrittenFloat":
        obj = super().__new__(cls, value)
        obj.written = written
        return obj

    def __getnewargs__(self) -> tuple[float, str]:  # type: ignore[override]
        return float(self), self.written

    def __str__(self) -> str:
        return self.written

    def __format__(self, spec: str) -> str:
        return self.written if not spec else format(float(self), spec)


class ReadList(CommentedSeq):
    """A list read from a file. As text it is only a short description: a message that puts a
    value in quotes before checking its type never holds a whole (possibly huge) list."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"a list of {len(self)} item(s)"

    __repr__ = __str__


class ReadMap(CommentedMap):
    """A mapping read from a file; as text only a short description (see ReadList)."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"a mapping of {len(self)} key(s)"

    __repr__ = __str__
