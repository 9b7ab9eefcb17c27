"""The lines a data-driven layout prints above (or below) the title ("Lisa 1", the agency, the
unit, the post in the genitive, 'AMETIJUHEND'): recognised by the layout's ``top:`` templates,
checked against the imported role, never imported as text."""

from __future__ import annotations

import re
from typing import Any, Mapping, Optional

from .. import language
from ..errors import AjdocError
from .sources import Para
from .text import short
from .unphrase import lit, phrase_pattern

Values = dict[str, str]


def _spec(line: Any) -> dict[str, Any]:
    return dict(line) if isinstance(line, dict) else {"text": str(line)}


def _names(text: str) -> list[str]:
    return re.findall(r"\{(\w+)\}", text)


def _regex(text: str, ph: Mapping[str, Any], upper: bool) -> re.Pattern[str]:
    """A top line's template as a regex: "{annex}" as the annex phrase ("Lisa 3"), any other
    placeholder as any text."""
    groups = {name: f"(?P<{name}>.+?)" for name in _names(text)}
    annex = phrase_pattern(str(ph["annex"]), {"n": r"(?P<annex>\d+)"}, lit)
    one = ph.get("annex_one")   # the one annex of a directive ("Lisa")
    groups["annex"] = f"(?:{annex}|{lit(str(one))})" if one else annex
    return re.compile(r"\s*" + phrase_pattern(" ".join(text.split()), groups, lit) + r"\s*",
                      re.I if upper else 0)


def _optional(text: str) -> bool:
    """A line that is left out when its placeholders are empty ("{annex}" of a single
    document)."""
    return set(_names(text)) <= {"annex"} and bool(_names(text))


def _consume(templates: list[dict[str, Any]], paras: list[Para], ph: Mapping[str, Any]
             ) -> tuple[Values, int]:
    """Match the templates against the paragraphs in order: the values found and how many
    paragraphs they took (a required line that does not match ends the match)."""
    values: Values = {}
    i = 0
    for spec in templates:
        text = str(spec["text"])
        m = _regex(text, ph, bool(spec.get("upper"))).fullmatch(paras[i].text) \
            if i < len(paras) else None
        if m is not None:
            values.update({k: v for k, v in m.groupdict().items() if v is not None})
            i += 1
        elif not _optional(text):
            break
    return values, i


def _by_line(paras: list[Para]) -> list[Para]:
    """The paragraphs a line each (text extracted from a document runs the top lines on)."""
    return [q for p in paras for q in ([Para(t) for t in p.lines] if p.lines else [p])]


def match_top(top: list[Any], before: list[Para], after: list[Para], ph: Mapping[str, Any]
              ) -> tuple[Values, list[Para], list[Para]]:
    """The top lines' values, and the paragraphs before and after the title that are not top
    lines (the lines before the title matched from the title up, those after it from the title
    down)."""
    before, after = _by_line(before), _by_line(after)
    specs = [_spec(line) for line in top]
    at = next((i for i, s in enumerate(specs) if "{doc_title}" in str(s["text"])), len(specs))
    up, n_up = _consume(list(reversed(specs[:at])), list(reversed(before)), ph)
    down, n_down = _consume(specs[at + 1:], after, ph)
    return {**up, **down}, before[:len(before) - n_up], after[n_down:]


def _cased(printed: str, model: str) -> str:
    """A form printed in capitals, with the letter case of the phrase it was made of."""
    out = [c if i >= len(model) else (c.upper() if model[i].isupper() else c.lower())
           for i, c in enumerate(printed.lower())]
    return "".join(out)


def check_top(top: Values, general: Mapping[str, Any], agency: str, unit_top: Optional[str],
              forms: dict[str, Any], warns: list[str]) -> None:
    """Check the top lines against the imported role: the agency, the unit, the post; the post
    in the genitive kept as a `forms:` entry when ajdoc would print another form (or none)."""
    def differs(key: str, expected: Optional[str]) -> None:
        if key in top and expected is not None and \
                " ".join(top[key].split()).casefold() != expected.casefold():
            what = key.replace("_", " ")
            warns.append(f"the top line '{short(top[key])}' does not match the {what} "
                         f"'{short(expected)}'; not imported")

    differs("agency", agency)
    differs("unit_top", unit_top)
    differs("title", str(general.get("title", "")))
    title = str(general.get("title", ""))
    printed = top.get("title_genitive")
    if printed is None or not title:
        return
    explicit = forms.get(title)
    try:
        form = language.inflect(title, "genitive", explicit={title: explicit} if isinstance(
            explicit, dict) else None)
    except AjdocError:
        form = None
    if form is None or form.casefold() != " ".join(printed.split()).casefold():
        if not isinstance(forms.get(title), dict):
            forms[title] = {}
        forms[title]["genitive"] = _cased(" ".join(printed.split()), title)
        warns.append(f"the post's genitive on top ('{short(printed)}') is not the form ajdoc "
                     "makes; kept with a forms: entry — check it")
