"""The hand-kept lexicon (``data/forms.yaml``) and what a word's readings say about its role.

A reading is Vabamorf's (part of speech, form) pair: ("S", "sg n") a noun in the nominative
singular, ("A", "") an indeclinable adjective, ("H", "sg g") a proper noun in the genitive. Both
engines answer with readings, so the rules that find the head of a phrase live here, once.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Mapping, Optional

import attrs

from .. import resources
from ..values import Value

Tag = tuple[str, str]
"""One reading of a word: Vabamorf's part of speech and form ("S", "sg n")."""

NOMINATIVE = "sg n"
_OBLIQUE_CASES = ("in", "el", "ill", "ad", "abl", "all", "tr", "ter", "es", "ab", "kom", "adt")
_OBLIQUE = frozenset({f"{n} {c}" for n in ("sg", "pl") for c in _OBLIQUE_CASES} | {"adt"})
# before the head, as written: genitives, and the comitative and abessive of a fixed modifier
# ("puudega inimeste nõustaja")
_STAYING = frozenset({"sg g", "pl g", "sg kom", "pl kom", "sg ab", "pl ab"})
_NOUNS = ("S", "H")
_ADJECTIVES = ("A", "C", "U")
_NAME_POS = frozenset({"H", "G", "Y", "Z"})


@attrs.frozen
class Lexicon(Value):
    """The hand-kept word lists of ``data/forms.yaml``."""

    conjunctions: frozenset[str]
    agent_suffixes: tuple[str, ...]
    abbreviation_endings: frozenset[str]
    preferred: Mapping[str, Mapping[str, str]]
    abbreviations: Mapping[str, Mapping[str, tuple[str, ...]]]
    companies: frozenset[str]
    compass: frozenset[str]
    places: frozenset[str]
    institutions: tuple[str, ...]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, read once."""
    data = resources.data("forms.yaml") or {}
    abbreviations: dict[str, dict[str, tuple[str, ...]]] = {}
    companies = set()
    for abbr, entry in (data.get("abbreviations") or {}).items():
        if entry.get("company"):
            companies.add(abbr)
        abbreviations[abbr] = {code: tuple(v if isinstance(v, list) else [v])
                               for code, v in entry.items() if code != "company"}
    return Lexicon(
        conjunctions=frozenset(data.get("conjunctions") or ()),
        agent_suffixes=tuple(data.get("agent_suffixes") or ()),
        abbreviation_endings=frozenset(str(e) for e in data.get("abbreviation_endings") or ()),
        preferred={w: dict(f) for w, f in (data.get("preferred") or {}).items()},
        abbreviations=abbreviations, companies=frozenset(companies),
        compass=frozenset(data.get("compass") or ()), places=frozenset(data.get("places") or ()),
        institutions=tuple(data.get("institutions") or ()))


def normalize_tags(tags: Iterable[Tag]) -> frozenset[Tag]:
    """The readings that count: a capitalised common word ("Teenuse") also matches a name in
    Vabamorf's lexicon; its proper-noun readings are dropped when it has common ones, so that
    only a word that is nothing but a name ("Pärnu", "Lõuna-Eesti") reads as a proper noun."""
    tags = frozenset(tags)
    if any(pos not in _NAME_POS for pos, _ in tags):
        tags = frozenset(t for t in tags if t[0] != "H")
    return tags


@attrs.frozen
class Roles(Value):
    """What a word may be in a noun phrase, read from its readings."""

    head: bool       # a noun in the nominative singular
    agree: bool      # an adjective or participle in the nominative that agrees with the head
    attribute: bool  # stays as written before the head: a genitive, an indeclinable word
    oblique: bool    # a case form of a post-modifier ("ülesannetes", "juures")
    proper: bool     # a proper noun and nothing else

    @property
    def known(self) -> bool:
        return self.head or self.agree or self.attribute or self.oblique


def roles(tags: frozenset[Tag]) -> Roles:
    """A word's possible roles from its (normalized) readings."""
    indeclinable = ("A", "") in tags
    return Roles(
        head=any(pos in _NOUNS and form == NOMINATIVE for pos, form in tags),
        agree=not indeclinable and any(pos in _ADJECTIVES and form == NOMINATIVE
                                       for pos, form in tags),
        attribute=indeclinable or any(form in _STAYING or pos in ("G", "Y") for pos, form in tags),
        oblique=any(form in _OBLIQUE or pos == "K" for pos, form in tags),
        proper=bool(tags) and all(pos in ("H", "G") for pos, _ in tags)
        and any(pos == "H" for pos, _ in tags))


def tags_text(tags: Iterable[Tag]) -> str:
    """Readings as the table writes them: "S sg n|S sg g"."""
    return "|".join(sorted(f"{pos} {form}".strip() for pos, form in tags))


def parse_tags(text: str) -> frozenset[Tag]:
    """The readings of a table cell written by `tags_text`."""
    out = set()
    for item in filter(None, text.split("|")):
        pos, _, form = item.partition(" ")
        out.add((pos, form))
    return frozenset(out)


def _abbreviation_part(part: str) -> bool:
    """A part written as an abbreviation: a capital after its first letter ("EL", "KOV", "ELi",
    "SoM") or a single capital letter ("E", "I")."""
    return (len(part) == 1 and part.isupper()) or (len(part) > 1 and part[1:] != part[1:].lower())


def is_abbreviation(word: str) -> bool:
    """An abbreviation, known by its letters, alone or with a case ending: "EL", "ELi", "AS-i",
    "OÜ-d", "KOV". Not a compound with one ("IT-talitus") nor a name ("Lõuna-Eesti")."""
    parts = word.split("-")
    if not _abbreviation_part(parts[0]):
        return False
    return len(parts) == 1 or (len(parts) == 2 and parts[1] in lexicon().abbreviation_endings)


def has_abbreviation_part(word: str) -> bool:
    """A word with an abbreviation in it: "IT-arhitekt", "CRM-spetsialist", "KOV"."""
    return any(_abbreviation_part(p) for p in word.split("-") if p)


def keep_case(form: str, original: str) -> Optional[str]:
    """`form` with every letter's case as `original` has it over their common beginning
    ("kultuuriministeeriumi" after "Kultuuriministeerium" → "Kultuuriministeeriumi"); None when a
    capital of the original lies beyond it, where its place in the form is not known."""
    out = []
    n = 0
    for a, b in zip(form, original):
        if a.lower() != b.lower():
            break
        out.append(b)
        n += 1
    if any(c.isupper() for c in original[n:]):
        return None
    return "".join(out) + form[n:]


def preferred_form(word: str, code: str) -> Optional[str]:
    """The hand-kept form of a word or of its last compound part ("projektijuht" → "projektijuhi")."""
    table = lexicon().preferred
    low = word.lower()
    for i in range(len(low)):
        entry = table.get(low[i:])
        if entry and code in entry:
            return low[:i] + entry[code]
    return None
