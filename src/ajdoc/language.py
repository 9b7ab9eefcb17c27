"""Estonian word forms: case forms of unit names, agency names and job titles, and dates.

Only the head noun of a phrase and the adjectives agreeing with it change ("Tallinna piirkondlik
keskus" → "Tallinna piirkondliku keskuse"); a parenthesised qualifier, genitive attributes and
indeclinable words stay. The forms come from Vabamorf (estnltk's synthesizer) when estnltk is
installed (``pip install ajdoc[morph]``), else from the table ``ajdoc/data/forms.yaml`` made with
Vabamorf. Where the engine offers several forms or does not know a word, an ``InflectionError``
says so and the caller can give the form explicitly. Dates are formatted with Babel.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Optional, Protocol, Sequence

from . import resources
from .errors import AjdocError, Place

CASES = {"nominative": "sg n", "genitive": "sg g", "partitive": "sg p", "adessive": "sg ad",
         "elative": "sg el", "allative": "sg all"}

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*-?", re.UNICODE)


class InflectionError(AjdocError):
    """A phrase whose form the engine cannot give for sure; the message says what to write."""


class Engine(Protocol):
    """What ajdoc needs from a morphology engine."""

    name: str

    def kind(self, word: str) -> str:
        """'noun', 'adjective', 'indeclinable', 'other' or 'unknown' for a nominative word."""

    def forms(self, word: str, case: str) -> list[str]:
        """The singular case forms (Vabamorf codes: 'sg g') of a word in the nominative."""


class VabamorfEngine:
    """Vabamorf through estnltk: analysis to find the head and adjectives, synthesis for forms."""

    name = "vabamorf"

    def __init__(self):
        from estnltk.vabamorf.morf import Vabamorf, synthesize  # heavy: imported on first use

        self._vm = Vabamorf.instance()
        self._synthesize = synthesize

    @lru_cache(maxsize=4096)
    def _analyses(self, word: str, guess: bool) -> tuple:
        res = self._vm.analyze([word], guess=guess, propername=guess, disambiguate=False)
        return tuple((a["partofspeech"], a["form"], a["root"]) for a in res[0]["analysis"])

    def kind(self, word: str) -> str:
        known = self._analyses(word, False) or self._analyses(word.lower(), False)
        if not known:
            return "unknown"
        pos_forms = {(p, f) for p, f, _ in known}
        if ("A", "") in pos_forms or all(f == "" for _, f, _ in known):
            return "indeclinable"
        if ("A", "sg n") in pos_forms:
            return "adjective"
        if ("S", "sg n") in pos_forms or ("H", "sg n") in pos_forms:
            return "noun"
        return "other"

    @lru_cache(maxsize=4096)
    def forms(self, word: str, case: str) -> list[str]:
        out = self._synthesize(word.lower(), case)
        return sorted(set(out))


class TableEngine:
    """The shipped table of forms (``data/forms.yaml``), made with Vabamorf for the known vocabulary."""

    name = "table"

    def __init__(self, path: Optional[Path] = None):
        self._words: dict = _forms_data(str(path) if path else None).get("words", {})

    def _entry(self, word: str) -> tuple[str, dict]:
        """The word's entry, or that of its longest known last component (a compound inflects
        as its last part: "lastekaitsespetsialist" as "spetsialist"), with the prefix."""
        word = word.lower()
        if word in self._words:
            return "", self._words[word]
        for i in range(1, len(word) - 2):
            entry = self._words.get(word[i:])
            if entry and entry.get("kind") == "noun":
                return word[:i], entry
        return "", {}

    def kind(self, word: str) -> str:
        return self._entry(word)[1].get("kind", "unknown")

    def forms(self, word: str, case: str) -> list[str]:
        prefix, entry = self._entry(word)
        value = entry.get(case)
        if value is None:
            return []
        return [prefix + v for v in (value if isinstance(value, list) else [value])]


class LayeredEngine:
    """The shipped table for the words it holds (instant), Vabamorf for the rest (its answers
    for the table's words are the table: it was made with Vabamorf). Without estnltk, the table
    alone, a compound inflecting as its last known part."""

    def __init__(self, table: "TableEngine", vabamorf: Optional[Engine]):
        self.table = table
        self.vabamorf = vabamorf
        self.name = "vabamorf" if vabamorf else "table"

    def _pick(self, word: str) -> Engine:
        if self.vabamorf is None or word.lower() in self.table._words:
            return self.table
        return self.vabamorf

    def kind(self, word: str) -> str:
        return self._pick(word).kind(word)

    def forms(self, word: str, case: str) -> list[str]:
        return self._pick(word).forms(word, case)


@lru_cache(maxsize=2)
def _forms_data(path: Optional[str] = None) -> dict:
    """The table of forms (``data/forms.yaml`` unless `path`), read once."""
    if path is None:
        return resources.data("forms.yaml") or {}
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(Path(path).read_text(encoding="utf-8")) or {}


def _preferred() -> dict:
    """Forms chosen among Vabamorf's alternatives for domain words ("juht" → partitive "juhti")."""
    return _forms_data().get("preferred", {})


def _preferred_for(word: str) -> tuple[str, dict]:
    """The preferred forms of a word or of its last compound part ("projektijuht" → "juht")."""
    table = _preferred()
    low = word.lower()
    for i in range(len(low)):
        if low[i:] in table:
            return low[:i], table[low[i:]]
    return "", {}


_ENGINE: Optional[Engine] = None


def engine(name: Optional[str] = None) -> Engine:
    """The morphology engine. By default the shipped table for the words it holds and Vabamorf
    (when estnltk is installed) for the others, so that estnltk is loaded only when needed.

    `name` ("vabamorf" or "table") forces one engine alone; the environment variable
    AJDOC_MORPH does too.
    """
    global _ENGINE
    import os

    name = name or os.environ.get("AJDOC_MORPH") or None
    if name == "table":
        return _table()
    if name == "vabamorf":
        try:
            return _vabamorf()
        except ImportError:
            raise AjdocError("the Vabamorf engine needs estnltk: pip install 'ajdoc[morph]'") \
                from None
    if _ENGINE is None:
        _ENGINE = LayeredEngine(_table(), _LazyVabamorf() if _estnltk_installed() else None)
    return _ENGINE


def _estnltk_installed() -> bool:
    from importlib.util import find_spec

    return find_spec("estnltk") is not None


class _LazyVabamorf:
    """Vabamorf, loaded on the first word the table does not hold."""

    name = "vabamorf"

    def kind(self, word: str) -> str:
        return _vabamorf().kind(word)

    def forms(self, word: str, case: str) -> list[str]:
        return _vabamorf().forms(word, case)


@lru_cache(maxsize=1)
def _vabamorf() -> VabamorfEngine:
    return VabamorfEngine()


@lru_cache(maxsize=1)
def _table() -> TableEngine:
    return TableEngine()


def _match_case(form: str, original: str) -> str:
    if original.isupper() and len(original) > 1:
        return form.upper()
    if original[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def _word_form(word: str, case: str, eng: Engine, phrase: str) -> str:
    code = CASES[case]
    prefix, pref = _preferred_for(word)
    if code in pref:
        return _match_case(prefix + pref[code], word)
    options = eng.forms(word, code)
    if not options:
        raise InflectionError(
            f"cannot form the {case} of '{word}' in '{phrase}': the {eng.name} engine does not "
            "know the word", hint="give the form explicitly (forms: in the file)"
            + ("" if eng.name == "vabamorf" else ", or install ajdoc[morph] for Vabamorf"))
    if len(options) > 1:
        raise InflectionError(
            f"the {case} of '{word}' in '{phrase}' is ambiguous: {' / '.join(options)}",
            hint="give the form explicitly (forms: in the file)")
    return _match_case(options[0], word)


def inflect(phrase: str, case: str, *, explicit: Optional[Mapping[str, str]] = None,
            eng: Optional[Engine] = None) -> str:
    """The phrase in `case` (nominative, genitive, partitive, adessive, elative).

    `explicit` maps a phrase to its form, for what the engine cannot decide.
    """
    if case not in CASES:
        raise AjdocError(f"unknown case '{case}'; expected one of {', '.join(CASES)}")
    if explicit and phrase in explicit:
        return explicit[phrase]
    if case == "nominative":
        return phrase
    eng = eng or engine()
    # a parenthesised qualifier at the end stays: "Peaspetsialist (lastemaja)"
    m = re.fullmatch(r"(.*?)(\s*\([^()]*\)\s*)", phrase, flags=re.S)
    body, tail = (m.group(1), m.group(2)) if m and m.group(1).strip() else (phrase, "")
    words = list(_WORD.finditer(body))
    if not words:
        raise InflectionError(f"'{phrase}' has no word to inflect")
    # the head is the last word; walk back over the adjectives agreeing with it
    changes: list[tuple[re.Match, str]] = []
    head = words[-1]
    head_kind = eng.kind(head.group())
    if head.group().endswith("-"):
        raise InflectionError(f"'{phrase}' ends in a truncated word ('{head.group()}')")
    if head_kind == "indeclinable":
        return phrase
    if head_kind == "unknown" and not _preferred_for(head.group())[1]:
        raise InflectionError(
            f"cannot form the {case} of '{phrase}': the {eng.name} engine does not know "
            f"'{head.group()}'", hint="give the form explicitly (forms: in the file)"
            + ("" if eng.name == "vabamorf" else ", or install ajdoc[morph] for Vabamorf"))
    changes.append((head, _word_form(head.group(), case, eng, phrase)))
    for w in reversed(words[:-1]):
        gap = body[w.end():changes[-1][0].start()]
        if gap.strip():  # punctuation or a conjunction between: not an agreeing attribute
            break
        if eng.kind(w.group()) != "adjective":
            break
        changes.append((w, _word_form(w.group(), case, eng, phrase)))
    out = body
    for match, form in sorted(changes, key=lambda c: c[0].start(), reverse=True):
        out = out[:match.start()] + form + out[match.end():]
    return out + tail


def inflect_list(titles: Sequence[str], case: str, *, conjunction: Optional[str] = None,
                 explicit: Optional[Mapping[str, str]] = None) -> str:
    """A list of titles in `case`, joined as printed: "Konsultanti, peaspetsialisti, …"."""
    forms = [inflect(t, case, explicit=explicit) for t in titles]
    if conjunction and len(forms) > 1:
        text = ", ".join(forms[:-1]) + f" {conjunction} {forms[-1]}"
    else:
        text = ", ".join(forms)
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """Lower-case the first letter, as a unit name inside a sentence ("laste heaolu osakonna")."""
    return text[:1].lower() + text[1:]


# -- dates --------------------------------------------------------------------------------------
def short_date(d: _dt.date) -> str:
    """28.11.2025, as the documents print dates."""
    from babel.dates import format_date

    return format_date(d, "dd.MM.yyyy", locale="et")


def long_date(d: _dt.date, case: str = "adessive") -> str:
    """"2025. aasta 1. detsembril": day and month name in `case`, as in "jõustub …"."""
    from babel.dates import format_date

    month = format_date(d, "MMMM", locale="et")  # nominative, lower case: "detsember"
    month_form = inflect(month, case) if case != "nominative" else month
    return str(resources.phrases()["long_date"]).format(year=d.year, day=d.day, month=month_form)
