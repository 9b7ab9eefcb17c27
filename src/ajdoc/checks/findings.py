"""What the checks find: a warning with the place it points at."""

from __future__ import annotations

import attrs

from ..errors import Place


@attrs.frozen
class Warning:  # noqa: A001 - the domain word; not the builtin
    """A lint finding: where and what."""

    place: Place
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"
