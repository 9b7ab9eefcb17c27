"""Phrases in a case: a list split into its members, each member's head and agreeing words found
and inflected, every other word kept as written.

A member is [attributes and agreeing adjectives] head [post-modifier] [(qualifier)]. The head is
the last noun in the nominative of the main phrase ("osakond" in "regionaalne sotsiaalteenuste
osakond"); adjectives and participles in the nominative before it agree with it and inflect
wherever they stand; genitives, indeclinable words and abbreviations stay; a post-modifier in
another case ('peadirektori ülesannetes') and a parenthesised qualifier stay. Where the readings
allow several structures that give different forms, the phrase is refused, never guessed.
"""

from __future__ import annotations

import itertools
import re
from typing import Iterator, Mapping, Optional, Sequence

import attrs

from ..errors import AjdocError
from ..values import Value
from .engines import CASES, Engine, engine
from .lexicon import Roles, is_abbreviation, keep_case, lexicon, preferred_form, roles

_TOKEN = re.compile(r"(?P<paren>\([^()]*\))|(?P<word>[^\W\d_]+(?:-[^\W\d_]+)*-?)"
                    r"|(?P<num>\d[\d.,]*)|(?P<sep>[,/;])|(?P<other>\S)")
_MAX_ALTERNATIVES = 8


class InflectionError(AjdocError):
    """A phrase whose form the engine cannot give for sure; the message says what to write."""


@attrs.frozen
class Token(Value):
    """A piece of a phrase: a word, a conjunction, a parenthesised part, a number or a sign."""

    kind: str
    text: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """The phrase's pieces, in order; the spaces between them are kept by their positions."""
    conjunctions = lexicon().conjunctions
    out = []
    for m in _TOKEN.finditer(text):
        kind = str(m.lastgroup)
        if kind == "word" and m.group() in conjunctions:
            kind = "conj"
        out.append(Token(kind, m.group(), m.start(), m.end()))
    return out


@attrs.frozen
class Word(Value):
    """A word of a phrase and what it may be there."""

    token: Token
    roles: Roles
    abbreviation: bool = False
    truncated: bool = False


_STAYS = Roles(head=False, agree=False, attribute=True, oblique=False, proper=False)


def word(tok: Token, eng: Engine) -> Word:
    """The word's roles: a truncated compound part ("Maksu-") and an abbreviation ("KOV", "ELi")
    stay; an abbreviation of the lexicon can also be a head ("AS"); the rest as the engine reads it."""
    text = tok.text
    if text.endswith("-"):
        return Word(tok, _STAYS, truncated=True)
    if is_abbreviation(text):
        return Word(tok, attrs.evolve(_STAYS, head=text in lexicon().abbreviations),
                    abbreviation=True)
    return Word(tok, roles(eng.tags(text)))


_EXPLICIT = "give the form explicitly (forms: in the file)"


def _refusal_hint(eng: Engine) -> str:
    if eng.name == "vabamorf":
        return _EXPLICIT
    return _EXPLICIT + ", or install the morph extra for Vabamorf: pip install 'ajdoc[morph]'"


# -- one member ---------------------------------------------------------------------------------
def _pre_head(ws: list[Word], h: int) -> list[dict[int, str]]:
    """The ways the words before the head can read: each agrees with the head or stays. An
    adjective that could also be a genitive agrees when the head or an agreeing word follows."""
    plans = [{h: "head"}]
    for i in range(h - 1, -1, -1):
        r = ws[i].roles
        grown = []
        for plan in plans:
            next_agrees = i + 1 == h or plan.get(i + 1) == "agree"
            if r.agree:
                grown.append({**plan, i: "agree"})
            if r.attribute and not (r.agree and next_agrees):
                grown.append(plan)
        plans = grown
    return plans


def _company(ws: list[Word]) -> Optional[int]:
    """The place of a company form that is the head: before the name ("AS Tallinna Vesi": the
    name stays in the nominative) or after it ("Balti Paberi AS": the name is a genitive); EKI."""
    companies = lexicon().companies
    for i in (0, len(ws) - 1) if len(ws) > 1 else ():
        if ws[i].abbreviation and ws[i].token.text in companies:
            return i
    return None


def plans(ws: list[Word]) -> list[dict[int, str]]:
    """Every reading of a member's words: which is the head, which agree with it."""
    n = len(ws)
    company = _company(ws)
    if company is not None:
        return [{company: "head"}]
    if ws[-1].roles.head:
        found = _pre_head(ws, n - 1)
        if found:
            return found
    if not ws[-1].roles.oblique:
        return []
    out: list[dict[int, str]] = []
    for h in range(n - 2, -1, -1):  # 'nõunik peadirektori ülesannetes': the head before
        middle = ws[h + 1:n - 1]
        if ws[h].roles.head and all(w.roles.attribute or w.roles.oblique for w in middle):
            out += _pre_head(ws, h)
    return out


def _word_forms(w: Word, code: str, case: str, member: str, eng: Engine) -> list[str]:
    """A word's forms in a case, the normative first; homonyms only through the lexicon."""
    text = w.token.text
    if w.abbreviation:
        return list(lexicon().abbreviations[text].get(code, ()))
    raw = eng.forms(text, code)
    if not raw:
        raise InflectionError(f"cannot form the {case} of '{member}': the {eng.name} engine does "
                              f"not know '{text}'", hint=_refusal_hint(eng))
    if len(raw) > 1 and len(raw if code == "sg g" else eng.forms(text, "sg g")) > 1:
        # homonyms, not parallel forms of one word: juht → juhi (a leader) / juhu (a case)
        chosen = preferred_form(text, code)
        if chosen is None or chosen not in {r.lower() for r in raw}:
            raise InflectionError(
                f"the {case} of '{text}' in '{member}' is ambiguous: {' / '.join(raw)}",
                hint=_EXPLICIT + "; the forms mean different things")
        raw = [chosen]
    out = []
    for form in raw:
        kept = keep_case(form, text)
        if kept is None:
            raise InflectionError(f"cannot keep the capitals of '{text}' in the {case} "
                                  f"('{form}')", hint=_EXPLICIT)
        out.append(kept)
    return out


def _apply(text: str, changes: Sequence[tuple[Token, str]], offset: int = 0) -> str:
    for tok, form in sorted(changes, key=lambda c: c[0].start, reverse=True):
        text = text[:tok.start - offset] + form + text[tok.end - offset:]
    return text


def member_forms(member: str, code: str, case: str, eng: Engine) -> list[str]:
    """One member (no list) in a case: the normative form first, then the alternatives."""
    ws = [word(t, eng) for t in tokens(member) if t.kind == "word"]
    if not ws:
        raise InflectionError(f"'{member}' has no word to inflect")
    for w in ws if _company(ws) is None else ():
        if not w.roles.known:
            raise InflectionError(
                f"cannot form the {case} of '{member}': the {eng.name} engine does not know "
                f"'{w.token.text}'", hint=_refusal_hint(eng))
    found = plans(ws)
    if not found:
        raise InflectionError(
            f"cannot tell the head of '{member}': no reading of its words makes a noun phrase",
            hint=_EXPLICIT)
    results: dict[str, list[str]] = {}
    for plan in found:
        choices = [(ws[i].token, _word_forms(ws[i], code, case, member, eng)) for i in plan]
        texts = []
        for combo in itertools.islice(itertools.product(*(f for _, f in choices)),
                                      _MAX_ALTERNATIVES):
            texts.append(_apply(member, [(tok, form) for (tok, _), form in zip(choices, combo)]))
        results.setdefault(texts[0], list(dict.fromkeys(texts)))
    if len(results) > 1:
        raise InflectionError(
            f"the {case} of '{member}' depends on how its words are read: "
            f"{' / '.join(results)}", hint=_EXPLICIT)
    return next(iter(results.values()))


# -- lists --------------------------------------------------------------------------------------
_SEPARATORS = ("conj", "sep")


def _runs(toks: list[Token]) -> list[tuple[int, int]]:
    """The separator runs (", ", " ja ", "/", "ja/või") between words, as token index ranges."""
    out = []
    i = 0
    while i < len(toks):
        if toks[i].kind in _SEPARATORS:
            j = i
            while j < len(toks) and toks[j].kind in _SEPARATORS:
                j += 1
            if 0 < i and j < len(toks):
                out.append((i, j))
            i = j
        else:
            i += 1
    return out


def _choice(left: list[Token], right: list[Token], eng: Engine) -> str:
    """At a separator: 'split' (a new member), 'merge' (one name: "Maksu- ja Tolliamet",
    "Kvaliteedi ja järelevalve osakond") or 'both' when the readings allow either."""
    if left[-1].kind != "word":
        return "split"
    w = word(left[-1], eng)
    r = w.roles
    if w.truncated or not r.known:
        return "merge" if w.truncated else "split"
    if not r.head:
        # a genitive or an adjective before a shared head; a post-modifier ends its member
        return "split" if r.oblique and not (r.attribute or r.agree) else "merge"
    if not r.attribute:
        return "split"
    # a noun that reads as a nominative and a genitive ("strateegia", "juhataja", "Tartu") before
    # a member with attributes of its own: one name when both words are names ("Tartu ja Pärnu
    # esindus", "Tarbijakaitse ja Tehnilise Järelevalve Amet") or when it is not an agent noun
    # ("Strateegia ja analüüsi osakond"); an agent noun in -ja may be a title of a list
    # ("osakonnajuhataja ja teenuse juht"): both readings, refused where they differ
    right_words = [t for t in right if t.kind == "word"]
    if len(right_words) < 2:
        return "split"
    nxt = right_words[0].text
    if (r.proper and word(right_words[0], eng).roles.proper) or \
            (left[-1].text[:1].isupper() and nxt[:1].isupper() and not is_abbreviation(nxt)):
        return "merge"
    return "both" if left[-1].text.endswith(lexicon().agent_suffixes) else "merge"


def segmentations(phrase: str, eng: Engine) -> list[list[tuple[int, int]]]:
    """The ways to split a phrase into members, as character spans; the list reading first."""
    toks = tokens(phrase)
    runs = _runs(toks)
    choices = []
    for k, (i, j) in enumerate(runs):
        start = runs[k - 1][1] if k else 0
        end = runs[k + 1][0] if k + 1 < len(runs) else len(toks)
        choice = _choice(toks[start:i], toks[j:end], eng)
        choices.append(["split", "merge"] if choice == "both" else [choice])
    out = []
    for combo in itertools.islice(itertools.product(*choices), 16):
        spans = []
        begin = 0
        for (i, j), c in zip(runs, combo):
            if c == "split":
                spans.append((toks[begin].start, toks[i - 1].end))
                begin = j
        spans.append((toks[begin].start, toks[-1].end) if toks else (0, len(phrase)))
        out.append(spans)
    return out


def split_list(phrase: str, *, eng: Optional[Engine] = None) -> list[str]:
    """The members of a list joined by ", ", " ja ", " või ", " ning " or "/": ["analüütik",
    "jurist", "nõunik"]; one member for a name whose "ja" is part of it ("Maksu- ja Tolliamet",
    "Kvaliteedi ja järelevalve osakond"). Where a word can be read either way, the list reading."""
    return [phrase[a:b] for a, b in segmentations(phrase, eng or engine())[0]]


# -- explicit forms -----------------------------------------------------------------------------
Forms = Mapping[str, Mapping[str, str]]


def normalize_forms(raw: Optional[Mapping[str, object]]) -> dict[str, dict[str, str]]:
    """Explicit forms as phrase → case → form. A plain string is the genitive (the older
    ``forms: {"Teenuse juht": "Teenuse juhi"}``); a mapping names its cases."""
    out: dict[str, dict[str, str]] = {}
    for phrase, value in (raw or {}).items():
        if isinstance(value, str):
            out[str(phrase)] = {"genitive": value}
            continue
        if not isinstance(value, Mapping):
            raise InflectionError(f"the forms of '{phrase}' must be a text (the genitive) or a "
                                  f"mapping of case to form, not {type(value).__name__}")
        cases: dict[str, str] = {}
        for case, form in value.items():
            if case not in CASES:
                raise InflectionError(f"unknown case '{case}' in the forms of '{phrase}'; "
                                      f"expected one of {', '.join(CASES)}")
            if not isinstance(form, str):
                raise InflectionError(f"the {case} of '{phrase}' must be a text")
            cases[str(case)] = form
        out[str(phrase)] = cases
    return out


# -- the phrase ---------------------------------------------------------------------------------
def phrase_forms(phrase: str, case: str, *, explicit: Optional[Mapping[str, object]] = None,
                 eng: Optional[Engine] = None) -> list[str]:
    """The phrase in `case`: the form ajdoc prints first, then the other correct forms."""
    if case not in CASES:
        raise InflectionError(f"unknown case '{case}'; expected one of {', '.join(CASES)}")
    given = normalize_forms(explicit)
    if case in given.get(phrase, {}):
        return [given[phrase][case]]
    if case == "nominative":
        return [phrase]
    eng = eng or engine()
    code = CASES[case]
    results: dict[str, list[str]] = {}
    error: Optional[InflectionError] = None
    for spans in segmentations(phrase, eng):
        try:
            alternatives = _members_forms(phrase, spans, code, case, given, eng)
        except InflectionError as exc:
            error = error or exc
            continue
        results.setdefault(alternatives[0], alternatives)
    if not results:
        assert error is not None
        raise error
    if len(results) > 1:
        raise InflectionError(
            f"the {case} of '{phrase}' depends on whether it is a list: {' / '.join(results)}",
            hint=_EXPLICIT + ", or the titles as a list")
    return next(iter(results.values()))


def _members_forms(phrase: str, spans: list[tuple[int, int]], code: str, case: str,
                   given: Mapping[str, Mapping[str, str]], eng: Engine) -> list[str]:
    per_member = []
    for a, b in spans:
        member = phrase[a:b]
        if case in given.get(member, {}):
            per_member.append([given[member][case]])
        else:
            per_member.append(member_forms(member, code, case, eng))
    out = []
    for combo in itertools.islice(itertools.product(*per_member), _MAX_ALTERNATIVES):
        text = phrase
        for (a, b), form in sorted(zip(spans, combo), reverse=True):
            text = text[:a] + form + text[b:]
        out.append(text)
    return list(dict.fromkeys(out))


@attrs.frozen
class Answer(Value):
    """One phrase in one case, for scripts: its forms (the printed one first) or the refusal."""

    phrase: str
    case: str
    forms: tuple[str, ...] = ()
    error: Optional[str] = None

    @property
    def form(self) -> Optional[str]:
        return self.forms[0] if self.forms else None


def answers(phrases: Sequence[str] | Iterator[str], cases: Sequence[str],
            explicit: Optional[Mapping[str, object]], eng: Optional[Engine]) -> Iterator[Answer]:
    """Each phrase in each case, one engine for all (the table first, Vabamorf loaded only for a
    word the table lacks)."""
    given = normalize_forms(explicit)
    eng = eng or engine()
    for phrase in phrases:
        for case in cases:
            try:
                forms = phrase_forms(phrase, case, explicit=given, eng=eng)
            except InflectionError as exc:
                text = exc.message + (f" ({exc.hint})" if exc.hint else "")
                yield Answer(phrase, case, error=text)
            else:
                yield Answer(phrase, case, tuple(forms))
