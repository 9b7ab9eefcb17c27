"""The morphology engines: Vabamorf (estnltk), the shipped table of forms, and the two layered.

An engine answers two questions about a word as written: its readings (``tags``: Vabamorf's part
of speech and form pairs, empty when it does not know the word) and its singular case forms
(``forms``, the normative one first, as synthesized: the caller puts back the capitals).
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Optional, Protocol

import attrs

from .. import resources
from ..errors import AjdocError
from ..values import Value
from .lexicon import Tag, normalize_tags, parse_tags, roles

CASES = {"nominative": "sg n", "genitive": "sg g", "partitive": "sg p", "adessive": "sg ad",
         "elative": "sg el", "allative": "sg all"}
"""The cases ajdoc forms, with Vabamorf's codes."""

TABLE_CODES = tuple(code for code in CASES.values() if code != "sg n")
"""The case columns of the table (``data/forms.tsv``), in order."""

TABLE_FILE = "forms.tsv"

# A compound inflects as its last part. A known last part this long ("büroo", "osakond") ends
# only compounds; a shorter one ("juht", "amet") counts only after known stems ("projekti",
# "tervise"), so that "teema" is not read as "te" + "ema".
_LONG_PART = 5


class Engine(Protocol):
    """What ajdoc needs from a morphology engine."""

    name: str

    def tags(self, word: str) -> frozenset[Tag]:
        """The readings of a word as written; empty when the engine does not know it."""

    def forms(self, word: str, code: str) -> list[str]:
        """The singular forms (Vabamorf code: 'sg g') of a nominative word, the normative first."""


class VabamorfEngine:
    """Vabamorf through estnltk: analysis for the readings, synthesis for the forms."""

    name = "vabamorf"

    def __init__(self) -> None:
        # estnltk takes seconds to load: imported here, when a word is first asked of Vabamorf,
        # so that the table answers without it
        from estnltk.vabamorf.morf import Vabamorf, synthesize

        self._vm: Any = Vabamorf.instance()
        self._synthesize: Any = synthesize

    @lru_cache(maxsize=8192)
    def tags(self, word: str) -> frozenset[Tag]:
        for candidate in dict.fromkeys((word, word.lower())):
            res = self._vm.analyze([candidate], guess=False, propername=False,
                                   disambiguate=False)
            tags = {(a["partofspeech"], a["form"]) for a in res[0]["analysis"]}
            if tags:
                return normalize_tags(tags)
        return frozenset()

    @lru_cache(maxsize=8192)
    def forms(self, word: str, code: str) -> list[str]:
        for candidate in dict.fromkeys((word, word.lower())):
            out = list(dict.fromkeys(self._synthesize(candidate, code)))
            if out:
                return out
        return []


@attrs.frozen
class Entry(Value):
    """A word of the table: its readings and its forms by case code."""

    tags: frozenset[Tag]
    forms: dict[str, tuple[str, ...]]


def parse_table(text: str) -> tuple[dict[str, Entry], frozenset[str]]:
    """The table's words and compound stems (``data/forms.tsv``: a word, its readings and its
    forms in TABLE_CODES order, tab-separated, alternatives joined by "|"; "+stem" a first part
    of compounds)."""
    rows, stems = index_table(text)
    return {word: row_entry(row) for word, row in rows.items()}, stems


def index_table(text: str) -> tuple[dict[str, str], frozenset[str]]:
    """The table's words, each with the rest of its line (read into an Entry by `row_entry` when
    the word is asked for: a start reads a few of the thousands), and its compound stems."""
    rows: dict[str, str] = {}
    stems = set()
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("+"):
            stems.add(line[1:].strip())
            continue
        word, _, row = line.partition("\t")
        rows[word] = row
    return rows, frozenset(stems)


def row_entry(row: str) -> Entry:
    """A word's Entry from the rest of its line: readings, then forms in TABLE_CODES order."""
    cells = row.split("\t")
    forms = {code: tuple(filter(None, cell.split("|")))
             for code, cell in zip(TABLE_CODES, cells[1:]) if cell}
    return Entry(parse_tags(cells[0]), forms)


class TableEngine:
    """The shipped table of forms (``data/forms.tsv``), made with Vabamorf for the common words of
    public-sector titles and units. A word it does not hold is known only as a hyphenated word
    whose last part it holds ("IT-talitus", "Lõuna-Eesti") or as a compound whose last part it
    holds (see _LONG_PART: "kriminaal" + "büroo", "lastekaitse" + "spetsialist"); anything else is
    unknown."""

    name = "table"

    def __init__(self, path: Optional[Path] = None):
        source = path or resources.data_path(TABLE_FILE)
        self._rows, self._stems = index_table(source.read_text(encoding="utf-8"))
        self._entries: dict[str, Entry] = {}

    def _entry(self, word: str) -> Optional[Entry]:
        """The word's entry (read from its row on first need), None if the table lacks it."""
        entry = self._entries.get(word)
        if entry is None:
            row = self._rows.get(word)
            if row is None:
                return None
            entry = self._entries[word] = row_entry(row)
        return entry

    def holds(self, word: str) -> bool:
        """Whether the table has the word itself (not as a compound)."""
        return word in self._rows or word.lower() in self._rows

    @lru_cache(maxsize=8192)
    def _lookup(self, word: str) -> tuple[str, Optional[Entry]]:
        """The entry that gives the word's forms, and the prefix to put before them."""
        for key in (word, word.lower()):
            found = self._entry(key)
            if found is not None:
                return "", found
        body = word.rstrip("-")
        if "-" in body:
            i = body.rindex("-") + 1
            prefix, entry = self._lookup(word[i:])
            return (word[:i] + prefix, entry) if entry else ("", None)
        low = word.lower()
        for i in range(3, len(low) - 2):  # the longest known last part first
            entry = self._entry(low[i:])
            if entry and not roles(entry.tags).proper and \
                    (len(low) - i >= _LONG_PART or self._stem_chain(low[:i])):
                return low[:i], entry
        return "", None

    @lru_cache(maxsize=4096)
    def _stem_chain(self, text: str) -> bool:
        """Whether `text` is a chain of known stems or words, each of three letters or more."""
        if text in self._stems or text in self._rows:
            return True
        return any((text[:i] in self._stems or text[:i] in self._rows)
                   and self._stem_chain(text[i:]) for i in range(3, len(text) - 2))

    def tags(self, word: str) -> frozenset[Tag]:
        entry = self._lookup(word)[1]
        return entry.tags if entry else frozenset()

    def nominatives(self, genitive: str) -> list[str]:
        """The words whose genitive singular is `genitive` (any case of letters), nouns first."""
        return list(self._genitives().get(genitive.lower(), ()))

    @lru_cache(maxsize=1)
    def _genitives(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[tuple[bool, str]]] = {}
        for w in self._rows:
            e = self._entry(w)
            assert e is not None
            for f in dict.fromkeys(f.lower() for f in e.forms.get("sg g", ())):
                found.setdefault(f, []).append((not roles(e.tags).head, w))
        return {g: tuple(w for _, w in sorted(ws)) for g, ws in found.items()}

    def forms(self, word: str, code: str) -> list[str]:
        prefix, entry = self._lookup(word)
        if entry is None:
            return []
        return [prefix + f for f in entry.forms.get(code, ())]


class LayeredEngine:
    """The table for the words it holds (instant: it was made with Vabamorf, so it answers as
    Vabamorf would), Vabamorf for the others, loaded on the first such word."""

    name = "vabamorf"

    def __init__(self, table: TableEngine):
        self.table = table

    def _pick(self, word: str) -> Engine:
        return self.table if self.table.holds(word) else vabamorf()

    def tags(self, word: str) -> frozenset[Tag]:
        return self._pick(word).tags(word)

    def forms(self, word: str, code: str) -> list[str]:
        return self._pick(word).forms(word, code)


@lru_cache(maxsize=1)
def estnltk_installed() -> bool:
    """Whether estnltk can be imported (looked up once: a process's packages do not change)."""
    return find_spec("estnltk") is not None


@lru_cache(maxsize=1)
def vabamorf() -> VabamorfEngine:
    """Vabamorf, loaded once."""
    return VabamorfEngine()


@lru_cache(maxsize=1)
def table() -> TableEngine:
    """The shipped table, read once."""
    return TableEngine()


@lru_cache(maxsize=1)
def _layered() -> LayeredEngine:
    return LayeredEngine(table())


def engine(name: Optional[str] = None) -> Engine:
    """The morphology engine. By default the shipped table for the words it holds and Vabamorf
    (when estnltk is installed) for the others, so that estnltk is loaded only when needed;
    without estnltk the table alone.

    `name` ("vabamorf" or "table") forces one engine alone; so does the environment variable
    AJDOC_MORPH.
    """
    name = name or os.environ.get("AJDOC_MORPH") or None
    if name == "table":
        return table()
    if name == "vabamorf":
        if not estnltk_installed():
            raise AjdocError("the Vabamorf engine needs estnltk: pip install 'ajdoc[morph]'")
        return vabamorf()
    if name is not None:
        raise AjdocError(f"unknown morphology engine '{name}'; expected vabamorf or table")
    return _layered() if estnltk_installed() else table()
