"""References in Estonian legal prose: lists and number ranges, quoted titles, earlier directives
and regulations, provisions (§ 10 lõike 1 punkti 9), and the legal basis ("… alusel")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional, Sequence

from .. import language, resources
from ..errors import AjdocError, Place

if TYPE_CHECKING:  # a job description's wording loads without the directive's classes
    from ..model.directive import LegalAct, Provision, Style


def inflect(text: str, case: str, forms: dict, place: Place) -> str:
    """`text` in `case`, an error placed at `place` when it cannot be formed for sure."""
    try:
        return language.inflect(text, case, explicit=forms)
    except AjdocError as exc:
        raise exc.at(place)


def in_sentence(text: str, case: str, forms: dict, place: Place) -> str:
    """`text` in `case` as it stands inside a sentence: its first letter lower-cased only when
    the phrase begins with a common noun or adjective ("laste heaolu osakonna", but "Pärnu
    esinduse", "IT-talituse", "Põhja prefektuuri")."""
    form = text if case == "nominative" else inflect(text, case, forms, place)
    if language.sentence_case(text)[:1] != text[:1]:
        return language.lower_first(form)
    return form


def fill(template: str, **values: object) -> str:
    """The phrase with its {placeholders} filled; an empty value takes its space with it (the
    values themselves are kept exactly as given)."""
    template = " ".join(template.split())  # a phrase folded over lines in the data file
    for name, value in values.items():
        if value == "":
            template = re.sub(rf" ?\{{{name}\}} ?", " ", template)
    return template.strip().format(**values)


Phrases = Optional[dict]  # a profile's phrases (None: the default profile's)


def join(items: Sequence[str], last: str | None = None, ph: Phrases = None) -> str:
    """"a, b ja c": items joined with commas, the last with "ja" (or `last`)."""
    lists = (ph or resources.phrases())["lists"]
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return lists["then"].join(items[:-1]) + (last or lists["and"]) + items[-1]


def ranges(numbers: Sequence[int], style: Style, ph: Phrases = None) -> str:
    """"1 kuni 3, 5 ja 8 kuni 9": consecutive numbers as ranges, in the style's form."""
    form = (ph or resources.phrases())["lists"]["ranges"][style.ranges]
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [str(r[0]) if len(r) == 1 else form.format(first=r[0], last=r[-1]) for r in runs]
    return join(parts, ph=ph)


def quoted(title: str, style: Style, ph: Phrases = None) -> str:
    """A title in the style's quotation marks (typographic or straight)."""
    return str((ph or resources.phrases())["quotes"][style.quotes]).format(text=title)


def provision(p: Provision, style: Style, ph: Phrases = None) -> str:
    """"§ 52 lõigete 1 ja 2", "§ 10 lõike 1 punkti 9" or, abbreviated, "§ 10 lg 1 p 9"."""
    forms = (ph or resources.phrases())["legal"]["provisions"][style.provisions]
    parts = [forms["section"].format(n=p.section)]
    for key, numbers in (("subsection", p.subsections), ("point", p.points)):
        if numbers:
            parts.append(forms[key]["one" if len(numbers) == 1 else "many"].format(
                n=join(numbers, ph=ph)))
    return " ".join(parts)


def act(a: LegalAct, style: Style, forms: dict, place: Place, ph: Phrases = None) -> str:
    """An act of the legal basis in the genitive, with its provision."""
    phrases = (ph or resources.phrases())["legal"]
    if a.kind == "law":
        assert a.name is not None
        text = fill(phrases["law"], name_genitive=inflect(a.name, "genitive", forms, place))
    else:
        assert a.issuer is not None and a.date is not None
        text = fill(phrases[a.kind],
                    issuer_genitive=in_sentence(a.issuer, "genitive", forms, place),
                    date=language.short_date(a.date), number=a.number,
                    title=quoted(a.title, style, ph) if a.title else "")
    if a.provision is not None:
        text += " " + provision(a.provision, style, ph)
    return text


def legal_basis(acts: Sequence[LegalAct], style: Style, forms: dict, place: Place,
                ph: Phrases = None) -> str:
    """"Avaliku teenistuse seaduse § 52 lõigete 1 ja 2 ning … alusel": the acts joined with
    commas and "ning", the first word capitalised."""
    ph = ph or resources.phrases()
    text = ph["legal"]["preamble"].format(bases=join(
        [act(a, style, forms, place, ph) for a in acts], ph["lists"]["groups_and"], ph))
    return text[:1].upper() + text[1:]
