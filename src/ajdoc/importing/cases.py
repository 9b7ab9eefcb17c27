"""Values a layout prints in a case ("Allub teehoiuteenistuse direktorile", "Asendab
peaspetsialisti") read back to the nominative the role file holds.

A candidate nominative is made for the head word of each member (the word with up to three
letters of ending cut off, or a word of the forms table whose genitive it is) and kept only when
ajdoc prints it back as the document does (`wording.in_sentence`); where no single candidate
does, the reading is refused and the caller keeps the printed form with a `forms:` entry.
"""

from __future__ import annotations

import re
from typing import Optional

from .. import language, wording
from ..errors import AjdocError, Place
from .text import importing_data

_ENDING = 3   # the longest case ending cut off a head word (-le, -lt, -st, -t, -d, …)


def _heads(head: str) -> list[str]:
    """Candidate nominatives of a head word in some case."""
    low = head.lower()
    out: list[str] = []
    for cut in range(0, min(_ENDING, len(low) - 1) + 1):
        stem = low[:len(low) - cut]
        out.append(stem)
        for i in range(len(stem)):  # the head, or its last part ("projektijuhi" → "juht")
            out += [stem[:i] + w for w in language.nominatives(stem[i:])]
    if head[:1].isupper():
        out = [w[:1].upper() + w[1:] for w in out]
    return list(dict.fromkeys(out))


def _forms(cand: str, case: str) -> Optional[str]:
    try:
        return language.inflect(cand, case)
    except AjdocError:
        return None


def _member(printed: str, case: str) -> list[str]:
    """The nominatives of one member that ajdoc prints as `printed` in `case` (its first letter
    compared either way: the sentence may have lower-cased it)."""
    words = printed.split(" ")
    found = []
    for head in _heads(words[-1]):
        cand = " ".join(words[:-1] + [head])
        form = _forms(cand, case)
        if form is not None and form[:1].lower() + form[1:] == \
                printed[:1].lower() + printed[1:]:
            found.append(cand)
    return found


def _in_sentence(text: str, case: str) -> Optional[str]:
    try:
        return wording.in_sentence(text, case, {}, Place())
    except AjdocError:
        return None


def _split(printed: str) -> list[str]:
    """The phrase and its members: split at the joins of a list of titles (", ", " või ", …)."""
    joins = "|".join(re.escape(j) for j in importing_data()["language_joins"])
    return re.split(f"({joins})", printed)


def nominative(printed: str, case: str) -> Optional[str]:
    """The nominative phrase ajdoc prints as `printed` in `case` inside a sentence, or None when
    no single phrase does (refused, never guessed)."""
    found: set[str] = set()
    if case == "nominative":  # only its first letter may have changed
        for cand in dict.fromkeys([printed[:1].upper() + printed[1:], printed]):
            if _in_sentence(cand, case) == printed:
                return cand
        return None
    readings = [[printed], _split(printed)]
    for parts in readings if len(readings[1]) > 1 else readings[:1]:
        options: list[list[str]] = []
        for k, part in enumerate(parts):
            options.append([part] if k % 2 else _member(part, case))
        if not all(options) or any(len(o) > 1 for o in options):
            continue
        text = "".join(o[0] for o in options)
        for cand in dict.fromkeys([text[:1].upper() + text[1:], text]):
            if _in_sentence(cand, case) == printed:
                found.add(cand)
                break
    return found.pop() if len(found) == 1 else None
