"""A unit name or title as it stands inside a sentence: the first letter lower-cased only when the
first word is a common noun or adjective."""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from .engines import TABLE_CODES, Engine, engine, table
from .lexicon import has_abbreviation_part, is_abbreviation, lexicon, roles
from .phrase import Token, plans, segmentations, tokens, word


def sentence_case(phrase: str, *, eng: Optional[Engine] = None) -> str:
    """The phrase as it stands inside a sentence ("Kinnitan laste heaolu osakonna …").

    The first letter is lower-cased only when the first word is a common noun or adjective:
    'Laste heaolu osakond' → 'laste heaolu osakond', 'Peadirektor' → 'peadirektor'. It stays for

    - an abbreviation or a word with one: "KOV nõustamise osakond", "IT-arhitekt";
    - a word with a capital inside: "Lõuna-Eesti regionaalosakond", "Ida-Virumaa …";
    - a compass word standing for a region (EKI): "Põhja prefektuur", "Ida päästekeskus";
    - a place name (Vabamorf knows it as a proper noun only, or the lexicon's ``places`` list
      holds it because it is also a common word: "Saare", "Võru"): "Pärnu esindus";
    - an institution's name (official text capitalises it, EKI): a first word ending in one of the
      lexicon's ``institutions`` in any case ("Kultuuriministeeriumi nõunik");
    - a name whose later words are capitalised: "Riigi Kinnisvara AS", "Maksu- ja Tolliamet";
    - a word the engine does not know.

    The last is the choice where the engine cannot tell: lower-casing a proper noun is a visible
    error, keeping the capital of a common noun the lesser one; so without Vabamorf only a word
    the table knows as a common noun or adjective loses its capital.
    """
    eng = eng or engine()
    toks = tokens(phrase)
    if not toks or toks[0].kind != "word" or not toks[0].text[:1].isupper():
        return phrase
    if _keeps_capital(phrase, toks, eng):
        return phrase
    start = toks[0].start
    return phrase[:start] + phrase[start].lower() + phrase[start + 1:]


def _keeps_capital(phrase: str, toks: list[Token], eng: Engine) -> bool:
    first = toks[0].text
    lex = lexicon()
    if has_abbreviation_part(first) or any(c.isupper() for c in first[1:]):
        return True
    if first.rstrip("-") in lex.compass or first.rstrip("-") in lex.places:
        return True
    if first.lower().endswith(_institution_forms()):
        return True
    if any(t.text[:1].isupper() and not is_abbreviation(t.text) for t in _main_words(phrase, eng)):
        return True
    if first.endswith("-"):
        return False  # "Finants- ja personalijuht": a part of a common compound
    tags = eng.tags(first)
    return not tags or roles(tags).proper


def _main_words(phrase: str, eng: Engine) -> list[Token]:
    """The later words of the first member up to its head (all its words when no reading is
    found): a capital there makes the phrase a name; one in a post-modifier does not."""
    a, b = segmentations(phrase, eng)[0][0]
    member = [t for t in tokens(phrase[a:b]) if t.kind == "word"]
    ws = [word(t, eng) for t in member]
    last = len(member) - 1
    if all(w.roles.known for w in ws):
        found = plans(ws)
        if found:
            last = max(i for plan in found for i, role in plan.items() if role == "head")
    return member[1:last + 1]


@lru_cache(maxsize=1)
def _institution_forms() -> tuple[str, ...]:
    """The institution words of the lexicon in every case, from the shipped table (which holds
    them: tools/vocabulary.txt lists them)."""
    out = set()
    for noun in lexicon().institutions:
        out.add(noun)
        for code in TABLE_CODES:
            out.update(f.lower() for f in table().forms(noun, code))
    return tuple(sorted(out))
