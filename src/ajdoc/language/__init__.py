"""Estonian word forms: case forms of unit names, agency names and job titles, sentence case, dates.

The API (every function takes ``eng=`` to force an engine; the default is ``engine()``):

- ``inflect(phrase, case, *, explicit=None, eng=None) -> str``: the phrase in a case of ``CASES``
  (nominative, genitive, partitive, adessive, elative, allative). Only the head and the words that
  agree with it change ("regionaalne sotsiaalteenuste osakond" → "regionaalse sotsiaalteenuste
  osakonna"); every member of a list inflects ("nõunikku või projektijuhti"); every letter keeps
  its case ("CRM-spetsialisti", "Lõuna-Eesti", "Riigi Kinnisvara AS-i"). Where Estonian has two
  correct forms the normative first is printed ("Kultuuriministeeriumi"); where the forms mean
  different things, or the engine does not know a word, an ``InflectionError`` names the word
  and says what fixes it. ``explicit``: phrase → case → form, each form used for its case only
  (a whole phrase or one member of a list); the older flat phrase → genitive mapping is read
  through ``normalize_forms``.
- ``inflect_list(titles, case, *, conjunction=None, explicit=None, eng=None) -> str``: titles in
  a case, joined as printed ("Konsultanti, peaspetsialisti või nõunikku").
- ``inflect_all(phrase, *, explicit=None, eng=None) -> dict[str, list[str]]``: every case, the
  printed form first and the other correct forms after it; a case that cannot be formed maps to
  ``[]`` (``inflect`` says why).
- ``inflect_many(phrases, cases=("genitive",), *, explicit=None, eng=None) -> Iterator[Answer]``:
  many phrases in one process, the engine loaded once: an ``Answer(phrase, case, forms, error)``
  per phrase and case, a refusal as its ``error`` text.
- ``split_list(phrase, *, eng=None) -> list[str]``: a list's members.
- ``sentence_case(phrase, *, eng=None) -> str``: the phrase inside a sentence (see there).
- ``normalize_forms(raw) -> dict[str, dict[str, str]]``: explicit forms, a plain string being the
  genitive; an unknown case is an ``InflectionError``.
- ``nominatives(genitive) -> list[str]``: the words of the shipped table whose genitive singular
  this is ("ministri" → ["minister"]), nouns first: for reading printed forms back.
- ``engine(name=None)``, ``VabamorfEngine``, ``CASES``, ``InflectionError``, ``lower_first``,
  ``short_date``, ``long_date``.

The forms come from Vabamorf (estnltk's synthesizer) when estnltk is installed (``pip install
'ajdoc[morph]'``): the shipped table (``data/forms.tsv``, made with Vabamorf) answers for the
words it holds and Vabamorf, loaded on first need, for the rest. Without estnltk, or with
``AJDOC_MORPH=table`` / ``engine("table")``, the table alone: a word it does not hold is refused,
never guessed. The hand-kept lexicon (``data/forms.yaml``) holds the choices among homonyms, the
forms of abbreviations and the word lists of ``sentence_case``.
"""

from __future__ import annotations

import datetime as _dt
from typing import Iterable, Iterator, Mapping, Optional, Sequence

from .. import resources
from .casing import sentence_case
from .engines import CASES, Engine, TableEngine, VabamorfEngine, engine, table
from .phrase import (Answer, InflectionError, answers, normalize_forms, phrase_forms,
                     split_list)

__all__ = ["CASES", "Answer", "Engine", "InflectionError", "TableEngine", "VabamorfEngine",
           "engine", "inflect", "inflect_all", "inflect_list", "inflect_many", "long_date",
           "lower_first", "nominatives", "normalize_forms", "sentence_case", "short_date", "split_list"]


def inflect(phrase: str, case: str, *, explicit: Optional[Mapping[str, object]] = None,
            eng: Optional[Engine] = None) -> str:
    """The phrase in `case` (see the module's documentation)."""
    return phrase_forms(phrase, case, explicit=explicit, eng=eng)[0]


def inflect_all(phrase: str, *, explicit: Optional[Mapping[str, object]] = None,
                eng: Optional[Engine] = None) -> dict[str, list[str]]:
    """Every case of the phrase: the printed form first, then the other correct forms ("ELi",
    "EL-i"); [] for a case that cannot be formed."""
    out: dict[str, list[str]] = {}
    given = normalize_forms(explicit)
    eng = eng or engine()
    for case in CASES:
        try:
            out[case] = phrase_forms(phrase, case, explicit=given, eng=eng)
        except InflectionError:
            out[case] = []
    return out


def inflect_many(phrases: Iterable[str], cases: Sequence[str] = ("genitive",), *,
                 explicit: Optional[Mapping[str, object]] = None,
                 eng: Optional[Engine] = None) -> Iterator[Answer]:
    """Each phrase in each case, for scripts: one ``Answer`` per phrase and case, in order."""
    unknown = [c for c in cases if c not in CASES]
    if unknown:
        raise InflectionError(f"unknown case '{unknown[0]}'; expected one of {', '.join(CASES)}")
    return answers(iter(phrases), cases, explicit, eng)


def inflect_list(titles: Sequence[str], case: str, *, conjunction: Optional[str] = None,
                 explicit: Optional[Mapping[str, object]] = None,
                 eng: Optional[Engine] = None) -> str:
    """A list of titles in `case`, joined as printed: "Konsultanti, peaspetsialisti, …"."""
    given = normalize_forms(explicit)
    forms = [inflect(t, case, explicit=given, eng=eng) for t in titles]
    if conjunction and len(forms) > 1:
        text = ", ".join(forms[:-1]) + f" {conjunction} {forms[-1]}"
    else:
        text = ", ".join(forms)
    return text[:1].upper() + text[1:]


def nominatives(genitive: str) -> list[str]:
    """The words of the shipped table whose genitive singular is `genitive`, nouns first."""
    return table().nominatives(genitive)


def lower_first(text: str) -> str:
    """Lower-case the first letter whatever the word (``sentence_case`` decides by the word)."""
    return text[:1].lower() + text[1:]


# -- dates --------------------------------------------------------------------------------------
def short_date(d: _dt.date) -> str:
    """28.11.2025, as the documents print dates (CLDR's dd.MM.yyyy: digits only, so no locale
    data is needed)."""
    return f"{d.day:02d}.{d.month:02d}.{d.year:04d}"


def long_date(d: _dt.date, case: str = "adessive", *, eng: Optional[Engine] = None) -> str:
    """"2025. aasta 1. detsembril": day and month name in `case`, as in "jõustub …"."""
    # babel (its locale data) takes a tenth of a start: loaded only for a month's name
    from babel.dates import format_date

    month = str(format_date(d, "MMMM", locale="et"))  # nominative, lower case: "detsember"
    month_form = inflect(month, case, eng=eng)
    return str(resources.phrases()["long_date"]).format(year=d.year, day=d.day, month=month_form)
