"""Job titles as the general part lists them: the one splitter of a printed title list, and title
comparison (case-insensitive, a listed title also in the partitive), for the role lint and the
unit check alike."""

from __future__ import annotations

from typing import Optional

from .. import language
from ..errors import AjdocError

CONJUNCTIONS = (" või ", " ja ")


def _split_top(text: str, sep: str) -> list[str]:
    """Split at `sep` outside parentheses; the parts stripped, empty ones dropped."""
    out, depth, buf, i = [], 0, "", 0
    while i < len(text):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        if depth == 0 and text.startswith(sep, i):
            out.append(buf)
            buf = ""
            i += len(sep)
            continue
        buf += ch
        i += 1
    out.append(buf)
    return [p.strip() for p in out if p.strip()]


def split_titles(text: str) -> list[str]:
    """The titles in a printed list: "A, b või c" → [A, b või c, b, c].

    The list is split at commas outside parentheses; a piece that holds " ja " or " või " is kept
    whole as well as split, because a title may itself contain "ja" ("Personali ja koolituse
    juht") as well as join two titles ("Konsultant või peaspetsialist")."""
    out: list[str] = []
    for piece in _split_top(text, ","):
        out.append(piece)
        for conj in CONJUNCTIONS:
            parts = _split_top(piece, conj)
            if len(parts) > 1:
                out.extend(parts)
    return out


def normalize(text: str) -> str:
    """A title for comparing: one space between words, no trailing punctuation, case folded."""
    return " ".join(text.split()).strip(" .;,").casefold()


class Titles:
    """Title comparison: case-insensitive, a listed title also in the partitive (cached)."""

    def __init__(self) -> None:
        self._partitive: dict[str, Optional[str]] = {}

    def partitive(self, title: str) -> Optional[str]:
        """The title's partitive, normalized; None when it cannot be formed."""
        if title not in self._partitive:
            try:
                self._partitive[title] = normalize(language.inflect(title, "partitive"))
            except AjdocError:
                self._partitive[title] = None
        return self._partitive[title]

    def same(self, listed: str, title: str, partitive: bool = True) -> bool:
        """Whether `listed` names `title` (in the nominative, or with `partitive` also in the
        partitive)."""
        a = normalize(listed)
        return a == normalize(title) or (partitive and a == self.partitive(title))

    def names(self, text: str, title: str, partitive: bool = True) -> bool:
        """Whether the printed title list `text` names `title`."""
        return any(self.same(t, title, partitive) for t in split_titles(text))
