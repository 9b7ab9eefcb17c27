"""The directive builder's form: a directive file's number, date, signer (acting signer too),
annexes in order, repeals and entry into force as form values and back, the file's own shapes
kept where the meaning did not change (a repeal written in flow style stays so)."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Optional

from .. import resources
from .fields import date_text, date_value, number_value, prune, text

SCOPES = ("directive", "annexes", "job_descriptions")
ENTRY_MODES = ("signing", "date", "none")
KINDS = ("approve", "amend")
UNIT_LEVELS = ("department", "division", "team")


def _str(value: Any) -> str:
    if value is None:
        return ""
    return date_text(value)


def _map(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _unit_names(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [_str(value[k]) for k in UNIT_LEVELS if value.get(k)]
    return [_str(v) for v in _list(value)]


def _numbers(value: Any) -> str:
    return ", ".join(_str(v) for v in _list(value))


def _repeal_state(r: Any) -> dict[str, str]:
    r = _map(r)
    scope = "annexes" if r.get("annexes") else "job_descriptions" \
        if r.get("job_descriptions") else "directive"
    return {"date": _str(r.get("date")), "number": _str(r.get("number")),
            "signer_title": _str(r.get("signer_title")), "title": _str(r.get("title")),
            "scope": scope, "annexes": _numbers(r.get("annexes"))}


def state_of(data: dict) -> dict[str, Any]:
    """The builder's state of a directive file's data."""
    signer = _map(data.get("signer"))
    appointed = _map(signer.get("appointed_by"))
    unit = _unit_names(data.get("unit"))
    entry = data.get("entry_into_force")
    mode = "none" if entry == "none" else "signing" if entry in (None, "", "signing") \
        else "date"
    return {
        "kind": _str(data.get("kind")) or "approve", "number": _str(data.get("number")),
        "date": _str(data.get("date")), "title": _str(data.get("title")),
        "layout": _str(data.get("layout")),
        "unit": {k: unit[i] if i < len(unit) else "" for i, k in enumerate(UNIT_LEVELS)},
        "signer": {"name": _str(signer.get("name")), "title": _str(signer.get("title")),
                   "acting_for": _str(signer.get("acting_for")),
                   "appointed_by": {k: _str(appointed.get(k))
                                    for k in ("date", "number", "title")}},
        "annexes": [_str(a) for a in _list(data.get("annexes"))],
        "repeals": [_repeal_state(r) for r in _list(data.get("repeals"))],
        "entry": {"mode": mode, "date": _str(entry) if mode == "date" else ""},
        "retroactive": _str(data.get("retroactive")),
    }


def new_state(today: Optional[_dt.date] = None) -> dict[str, Any]:
    """A new directive's state: dated today, signed by the agency's usual signer."""
    state = state_of({})
    state["date"] = (today or _dt.date.today()).isoformat()
    state["signer"]["title"] = str(resources.defaults().get("signer_title") or "")
    return state


def blank_repeal() -> dict[str, str]:
    return _repeal_state({})


def complete(state: dict[str, Any]) -> dict[str, Any]:
    """A posted state with every field the form shows."""
    skeleton = state_of({})
    out = {**skeleton, **{k: v for k, v in state.items() if k in skeleton}}
    for k in ("unit", "signer", "entry"):
        out[k] = {**skeleton[k], **_map(state.get(k))}
    out["signer"]["appointed_by"] = {**skeleton["signer"]["appointed_by"],
                                     **_map(out["signer"].get("appointed_by"))}
    out["annexes"] = [text(a) for a in _list(out.get("annexes")) if isinstance(a, str)]
    out["repeals"] = [{**blank_repeal(), **_map(r)} for r in _list(out.get("repeals"))]
    return out


def _annex_numbers(value: str) -> list[Any]:
    out: list[Any] = []
    for part in re.split(r"[,\s]+", value.strip()):
        if not part:
            continue
        m = re.fullmatch(r"(\d+)(?:-|–|\.\.)(\d+)", part)
        if m and int(m[1]) <= int(m[2]) <= int(m[1]) + 500:
            out += list(range(int(m[1]), int(m[2]) + 1))
        else:
            out.append(int(part) if part.isdigit() else part)
    return out


def _repeal_data(r: dict, base: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"signer_title": text(r.get("signer_title")),
                           "date": date_value(r.get("date")),
                           "number": number_value(r.get("number")),
                           "title": text(r.get("title"))}
    scope = text(r.get("scope"))
    if scope == "annexes":
        out["annexes"] = _annex_numbers(text(r.get("annexes")))
    elif scope == "job_descriptions":
        out["job_descriptions"] = True
    out = prune(out)
    if isinstance(base, dict) and _repeal_state(base) == _repeal_state(out):
        return base
    return out


def _unit_data(st: Any, base: Any) -> Any:
    names = [text(_map(st).get(k)) for k in UNIT_LEVELS]
    if _unit_names(base) == [n for n in names if n]:
        return base
    return {k: n for k, n in zip(UNIT_LEVELS, names) if n}


def data_of(state: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """The directive file's data: `base` with the builder's fields replaced (the legal basis,
    register data, style and the rest stay as the file has them)."""
    new = dict(base)
    kind = text(state.get("kind"))
    new["kind"] = kind if kind != "approve" or "kind" in base else ""
    new["number"] = number_value(state.get("number"))
    new["date"] = date_value(state.get("date"))
    new["title"] = text(state.get("title"))
    layout = text(state.get("layout"))
    new["layout"] = base["layout"] if str(base.get("layout")) == layout else layout
    new["unit"] = _unit_data(state.get("unit"), base.get("unit"))
    signer = _map(state.get("signer"))
    base_signer = _map(base.get("signer"))
    appointed = prune({"date": date_value(_map(signer.get("appointed_by")).get("date")),
                       "number": number_value(_map(signer.get("appointed_by")).get("number")),
                       "title": text(_map(signer.get("appointed_by")).get("title"))})
    new["signer"] = prune({**base_signer, "name": text(signer.get("name")),
                           "title": text(signer.get("title")),
                           "acting_for": text(signer.get("acting_for")),
                           "appointed_by": appointed})
    new["annexes"] = [a for a in (text(x) for x in _list(state.get("annexes"))) if a]
    repeals = [r for r in _list(state.get("repeals")) if isinstance(r, dict)
               and (text(r.get("date")) or text(r.get("number")))]
    base_repeals = _list(base.get("repeals"))
    new["repeals"] = [_repeal_data(r, base_repeals[i] if i < len(base_repeals) else None)
                      for i, r in enumerate(repeals)]
    entry = _map(state.get("entry"))
    mode = text(entry.get("mode"))
    if mode == "date":
        new["entry_into_force"] = date_value(entry.get("date"))
    elif mode == "none":
        new["entry_into_force"] = "none"
    else:
        new["entry_into_force"] = "signing" if base.get("entry_into_force") == "signing" else ""
    new["retroactive"] = date_value(state.get("retroactive"))
    return {k: v for k, v in new.items() if v not in ("", None, {}, [])}


BLANKS: dict[str, Any] = {"repeals": blank_repeal}


def blank_for(path: str) -> Any:
    maker = BLANKS.get(path.rsplit(".", 1)[-1])
    return maker() if maker else ""
