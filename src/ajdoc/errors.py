"""The one error type ajdoc raises for a user's mistake, and the place it points at."""

from __future__ import annotations

from typing import Iterable, NamedTuple, Optional


class Place(NamedTuple):
    """Where in a user's file something is: the file, a line (1-based) and a key path or block id.

    (A named tuple rather than an attrs class: the CLI imports it at start-up.)
    """

    file: Optional[str] = None
    line: Optional[int] = None
    key: Optional[str] = None

    def __str__(self) -> str:
        parts = []
        if self.file:
            parts.append(str(self.file))
        if self.line:
            parts.append(f"line {self.line}")
        text = ":".join(parts[:1]) + (f", {parts[1]}" if len(parts) > 1 else "")
        if self.key:
            text = f"{text}: {self.key}" if text else self.key
        return text or "<input>"


class AjdocError(Exception):
    """A mistake in the user's input: names the file, the place and what was expected.

    The CLI prints it as one line and exits 2; the API raises it.
    """

    exit_code = 2

    def __init__(self, message: str, place: Place | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.place = place or Place()
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.place}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def at(self, place: Place) -> "AjdocError":
        """The same error, placed where it was found (keeps a more precise place already set)."""
        if self.place == Place():
            self.place = place
        elif self.place.file is None:
            self.place = self.place._replace(file=place.file, line=self.place.line or place.line)
        return self


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """A "did you mean" hint for an unknown name, or None."""
    import difflib  # on a mistake only: the CLI imports this module at start-up

    choices = list(choices)
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None
