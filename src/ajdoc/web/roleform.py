"""The role editor's form: a role file's own parts (general part, purpose, duties, requirements,
approval, signature) as form values and back.

The form's state is a plain dict shaped like the role file, with the form's conveniences: a
unit as its three levels, a list of titles as one title per line, the languages of a language
requirement as "inglise, vene". A value the scaffold marks ``TODO …`` is shown empty with the
TODO as its placeholder and stays in the file until the field is filled. Turning the state
back into data keeps the file's own shapes where the meaning did not change (a unit written as
a list stays a list), so that saving touches only what was edited."""

from __future__ import annotations

import re
from typing import Any, Optional

from .fields import date_text, date_value, lines, number_value, prune, text, texts

TODO = "TODO"
TITLE_FIELDS = ("substituted_by", "substitutes", "subordinates")
UNIT_LEVELS = ("department", "division", "team")


def _str(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return date_text(value)


def _names(value: Any) -> list[str]:
    """A unit or a title list as its names, whatever shape the file gives it."""
    if isinstance(value, dict):
        if "titles" in value:
            return _names(value["titles"])
        return [_str(value[k]) for k in UNIT_LEVELS if value.get(k)]
    if isinstance(value, list):
        return [_str(v) for v in value]
    return [_str(value)] if value not in (None, "") else []


def _titles_state(value: Any) -> dict[str, str]:
    if isinstance(value, dict):
        return {"titles": "\n".join(_names(value.get("titles"))),
                "conjunction": _str(value.get("conjunction")), "case": _str(value.get("case"))}
    return {"titles": "\n".join(_names(value)), "conjunction": "", "case": ""}


def _languages(value: Any) -> list[str]:
    if isinstance(value, list):
        return [_str(v) for v in value]
    return [n.strip() for n in _str(value).split(",") if n.strip()]


def _duty_state(d: Any) -> dict[str, Any]:
    if not isinstance(d, dict):
        return {"text": _str(d), "id": "", "subitems": [], "results": []}
    if "use" in d:
        return {"use": _str(d["use"])}
    return {"id": _str(d.get("id")), "text": _str(d.get("text")),
            "subitems": [_str(v) for v in _as_list(d.get("subitems"))],
            "results": [_str(v) for v in _as_list(d.get("results"))]}


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _map(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def state_of(data: dict) -> dict[str, Any]:
    """The form's state of a role file's data."""
    g = _map(data.get("general"))
    req = _map(data.get("requirements"))
    app = _map(data.get("approved"))
    sig = _map(data.get("signature"))
    special = _map(g.get("special_conditions"))
    unit = _names(g.get("unit"))
    return {
        "preset": _str(data.get("preset")), "agency": _str(data.get("agency")),
        "approved": {"date": _str(app.get("date")), "number": _str(app.get("number")),
                     "signer_title": _str(app.get("signer_title"))},
        "general": {
            "title": _str(g.get("title")), "supervisor": _str(g.get("supervisor")),
            "unit": {k: unit[i] if i < len(unit) else "" for i, k in enumerate(UNIT_LEVELS)},
            **{k: _titles_state(g.get(k)) for k in TITLE_FIELDS},
            "position_group": _str(g.get("position_group")),
            "special_conditions": {"label": _str(special.get("label")),
                                   "text": _str(special.get("text"))},
        },
        "purpose": _str(data.get("purpose")),
        "duties": [_duty_state(d) for d in _as_list(data.get("duties"))],
        "requirements": {
            "education": _str(req.get("education")), "experience": _str(req.get("experience")),
            "personal_qualities": _str(req.get("personal_qualities")),
            "language_style": _str(req.get("language_style")),
            "languages": [{"language": ", ".join(_languages(_map(x).get("language"))),
                           "level": _str(_map(x).get("level")),
                           "at_least": bool(_map(x).get("at_least")),
                           "text": _str(_map(x).get("text"))}
                          for x in _as_list(req.get("languages"))]},
        "signature": {k: _str(sig.get(k)) for k in ("name", "title", "mode", "employee",
                                                     "employee_title")},
    }


def _fill(value: Any, skeleton: Any) -> Any:
    if isinstance(skeleton, dict):
        value = value if isinstance(value, dict) else {}
        return {**value, **{k: _fill(value.get(k), v) for k, v in skeleton.items()}}
    if isinstance(skeleton, list):
        return value if isinstance(value, list) else []
    if isinstance(skeleton, bool):
        return bool(value)
    return value if isinstance(value, str) else skeleton


def complete(state: dict[str, Any]) -> dict[str, Any]:
    """A posted state with every field the form shows (an empty list posts nothing)."""
    out = _fill(state, state_of({}))
    out["duties"] = [d if isinstance(d, dict) and "use" in d else _fill(d, blank_duty())
                     for d in out["duties"]]
    out["requirements"]["languages"] = [_fill(x, blank_language())
                                        for x in out["requirements"]["languages"]]
    return out


def placeholders(state: Any, path: str = "") -> dict[str, str]:
    """The TODO values of a scaffold, by field name; they are blanked in `state`."""
    out: dict[str, str] = {}
    items = state.items() if isinstance(state, dict) else enumerate(state) \
        if isinstance(state, list) else ()
    for k, v in list(items):
        name = f"{path}[{k + 1}]" if isinstance(k, int) else (f"{path}.{k}" if path else k)
        if isinstance(v, str) and v.startswith(TODO):
            out[name] = v[len(TODO):].strip() or v
            state[k] = ""
        elif isinstance(v, (dict, list)):
            out.update(placeholders(v, name))
    return out


# -- back to data -------------------------------------------------------------------------------
def _or_todo(value: Any, base: Any) -> Any:
    """An empty field keeps the scaffold's TODO that stood there."""
    if value in ("", None) and isinstance(base, str) and base.startswith(TODO):
        return base
    return value


def _at(value: Any, i: int) -> Any:
    return value[i] if isinstance(value, list) and i < len(value) else None


def _titles_data(st: Any, base: Any) -> Any:
    st = _map(st)
    names = lines(st.get("titles"))
    conj, case = text(st.get("conjunction")), text(st.get("case"))
    if not names:
        return _or_todo("", base)
    if isinstance(base, (str, list, dict)) and _titles_state(base) == {
            "titles": "\n".join(names), "conjunction": conj, "case": case}:
        return base  # the same meaning: the file's own shape
    if not conj and case in ("", "nominative"):
        return names[0] if len(names) == 1 else names
    out: dict[str, Any] = {"titles": names}
    if conj:
        out["conjunction"] = conj
    if case and case != "nominative":
        out["case"] = case
    return out


def _unit_data(st: Any, base: Any) -> Any:
    st = _map(st)
    levels = {k: text(st.get(k)) for k in UNIT_LEVELS}
    base_levels = _map(base)
    names = [levels[k] or _or_todo("", base_levels.get(k)) for k in UNIT_LEVELS]
    if _names(base) == [n for n in names if n]:
        return base
    return {k: n for k, n in zip(UNIT_LEVELS, names) if n}


def _duties_data(duties: Any, base: Any) -> list:
    out: list[Any] = []
    for i, d in enumerate(duties or []):
        d = _map(d)
        b = _map(_at(base, i))
        if "use" in d:
            bid, old = text(d["use"]), b.get("use")
            same = isinstance(old, str) and re.split(r"[:@]", old.strip())[0] == bid
            out.append({"use": old if same else bid})
            continue
        duty: dict[str, Any] = {}
        if text(d.get("id")):
            duty["id"] = text(d.get("id"))
        duty["text"] = _or_todo(text(d.get("text")), b.get("text"))
        for part in ("subitems", "results"):
            values = [_or_todo(text(v), _at(_as_list(b.get(part)), j))
                      for j, v in enumerate(d.get(part) or [])]
            values = [v for v in values if v]
            if values:
                duty[part] = values
        out.append(duty)
    return out


def _languages_data(rows: Any, base: Any) -> list:
    out = []
    for i, row in enumerate(rows or []):
        row = _map(row)
        b = _map(_at(base, i))
        names = _languages(text(row.get("language")))
        if not names and not text(row.get("level")):
            continue
        entry: dict[str, Any] = {}
        old = b.get("language")
        entry["language"] = old if _languages(old) == names and old is not None else (
            names[0] if len(names) == 1 else names)
        entry["level"] = text(row.get("level"))
        if row.get("at_least"):
            entry["at_least"] = True
        if text(row.get("text")):
            entry["text"] = text(row.get("text"))
        out.append(entry)
    return out


def _part(values: dict[str, Any], base: Any) -> dict[str, Any]:
    """A mapping of texts, empty ones left out (the scaffold's TODOs kept)."""
    b = _map(base)
    return prune({k: _or_todo(v, b.get(k)) for k, v in values.items()})


def data_of(state: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """The role file's data: `base` (the file as opened) with the form's parts replaced. Keys
    the form does not show (numbering, forms, acknowledge …) stay as they are; `sections:` and
    `edit:` are the standard texts' business (see ``standard``)."""
    new = dict(base)
    g_state, g_base = _map(state.get("general")), _map(base.get("general"))
    req_state, req_base = _map(state.get("requirements")), _map(base.get("requirements"))
    new["preset"] = _or_todo(text(state.get("preset")), base.get("preset"))
    new["agency"] = text(state.get("agency"))
    app = _map(state.get("approved"))
    new["approved"] = _part({"date": date_value(app.get("date")),
                             "number": number_value(app.get("number")),
                             "signer_title": text(app.get("signer_title"))}, base.get("approved"))
    general = dict(g_base)
    general.update({"title": text(g_state.get("title")),
                    "unit": _unit_data(g_state.get("unit"), g_base.get("unit")),
                    "supervisor": text(g_state.get("supervisor")),
                    "position_group": text(g_state.get("position_group"))})
    for k in TITLE_FIELDS:
        general[k] = _titles_data(g_state.get(k), g_base.get(k))
    special = _map(g_state.get("special_conditions"))
    general["special_conditions"] = {"label": text(special.get("label")),
                                     "text": text(special.get("text"))} \
        if text(special.get("text")) else None
    if general["special_conditions"] and not general["special_conditions"]["label"]:
        del general["special_conditions"]["label"]
    new["general"] = _part(general, g_base)
    new["purpose"] = _or_todo(text(state.get("purpose")), base.get("purpose"))
    new["duties"] = _duties_data(state.get("duties"), base.get("duties"))
    requirements = dict(req_base)
    requirements.update({k: text(req_state.get(k)) for k in ("education", "experience",
                                                               "personal_qualities",
                                                               "language_style")})
    requirements["languages"] = _languages_data(req_state.get("languages"),
                                                req_base.get("languages"))
    new["requirements"] = _part(requirements, req_base)
    sig = _map(state.get("signature"))
    new["signature"] = _part({k: text(sig.get(k)) for k in ("name", "title", "mode",
                                                            "employee", "employee_title")},
                             base.get("signature"))
    return {k: v for k, v in new.items() if v not in ("", None, {}, [])}


def blank_duty() -> dict[str, Any]:
    """A new duty of the role's own, with room for one result."""
    return {"id": "", "text": "", "subitems": [], "results": [""]}


def blank_language() -> dict[str, Any]:
    return {"language": "", "level": "", "at_least": False, "text": ""}


BLANKS: dict[str, Any] = {"duties": blank_duty, "languages": blank_language}


def blank_for(path: str) -> Any:
    """What a form's "add" puts at the end of the list named `path`."""
    last = re.sub(r"\[\d+\]", "", path).rsplit(".", 1)[-1]
    maker: Optional[Any] = BLANKS.get(last)
    return maker() if maker else ""
