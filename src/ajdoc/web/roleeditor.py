"""The role editor's work, apart from the web: a posted form → the role file's text (the file
as opened, changed where the form changed it) → checked and composed → what the page shows.

The page carries the file as it was opened (its text and digest) in hidden fields, so every
request is complete in itself: nothing of an editing session lives in the server."""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from functools import lru_cache
from typing import Any, Mapping, Optional, Sequence

import attrs

from .. import resources, yamlio
from ..errors import AjdocError, Place
from ..library import Library, load_library
from ..model import CEFR_LEVELS, POSITION_GROUPS, SPECIAL_LABELS
from ..schema import read_role
from ..schema.role import CASES, CONJUNCTIONS, LANGUAGE_STYLES
from ..schema.jsonschema import key_order
from . import roleform, roundtrip, standard
from .checking import Checked, check_role_text
from .fields import apply_op, unflatten
from .i18n import N_
from .files import NEW, Workspace
from .preview import converter, role_context

# the names of the cases, for the catalogue (the form shows them translated)
CASE_NAMES = (N_("nominative"), N_("genitive"), N_("partitive"), N_("adessive"), N_("elative"),
              N_("allative"))


@lru_cache(maxsize=1)
def role_order() -> dict[str, list[str]]:
    """Where new keys of a role file go: the loader's order."""
    return key_order("role")


@attrs.frozen
class Editing:
    """The file being edited: its name in the workspace, its text and digest when opened
    (NEW: not written yet), and the layout of the preview."""

    rel: str
    base: str
    digest: str
    layout: str = "2022"


def editing_from(form: Mapping[str, Any], ws: Workspace) -> Editing:
    rel = str(form.get("_path") or "")
    ws.path(rel)  # inside the workspace, a YAML name
    layout = ws.layout(str(form.get("_layout") or ""))
    return Editing(rel, str(form.get("_base") or "").replace("\r\n", "\n"),
                   str(form.get("_digest") or NEW), layout)


def posted(pairs: Sequence[tuple[str, Any]]) -> tuple[dict, dict]:
    """The form's state and its standard-text part, from the posted fields."""
    state = unflatten(pairs)
    std = state.pop("std", {})
    return roleform.complete(state), std if isinstance(std, dict) else {}


@lru_cache(maxsize=64)
def _spec_of(text: str, name: str) -> Any:
    try:
        return read_role(yamlio.parse(text, name))
    except AjdocError:
        return None


@attrs.frozen
class Built:
    """The text the form stands for, its data, and the check of it."""

    text: str
    data: dict
    checked: Checked


def library_for(ws: Workspace, data: Any, rel: str) -> Library:
    """The library a role file is composed with: the workspace's, in the profile the file names
    (`profile:`, relative to the file) when it names one that can be read."""
    named = data.get("profile") if isinstance(data, dict) else None
    if not isinstance(named, str):
        return ws.library()
    try:
        return load_library(ws.library_folders, resources.profile(named, ws.path(rel).parent))
    except AjdocError:
        return ws.library()  # the check says what is wrong with it


def build(ws: Workspace, ed: Editing, state: dict, std: dict) -> Built:
    """The role file's text for the posted form, checked as `ajdoc check` would."""
    base = roundtrip.plain_of(ed.base, ed.rel)
    base = base if isinstance(base, dict) else {}
    lib = library_for(ws, base, ed.rel)
    data = roleform.data_of(state, base)
    data = standard.apply_std(data, std, lib, _spec_of(ed.base, ed.rel), base)
    text = roundtrip.change(ed.base, data, role_order(), ed.rel)
    return Built(text, data, check_role_text(text, ed.rel, lib, ed.layout))


def check_text(ws: Workspace, ed: Editing, text: str) -> Built:
    """A text as it stands (a file just opened)."""
    data = roundtrip.plain_of(text, ed.rel)
    return Built(text, data if isinstance(data, dict) else {},
                 check_role_text(text, ed.rel, library_for(ws, data, ed.rel), ed.layout))


def apply(state: dict, std: dict, op: str) -> Optional[str]:
    """A structural change of the form ("add:duties", "up:duties[2]" …); the name of the field
    to focus afterwards."""
    if not op or op in ("refresh", "save"):
        return None
    if op == "add-use:duties":  # a standard duty placed among the role's own
        state.setdefault("duties", []).append({"use": ""})
        return None
    if op.startswith("add:duties[") and op.endswith(("subitems", "results")):
        pass  # a text of a duty: added below
    target = {"std": std} if op.split(":", 1)[-1].startswith("std") else state
    where = op.split(":", 1)[-1]
    path = apply_op(target, op, roleform.blank_for(where))
    if path is None:
        return None
    name = re.sub(r"\[(\d+)\]", lambda m: f"[{int(m[1])}]", _name(path))
    return name + (".text" if re.fullmatch(r"duties\[\d+\]", name) else "")


def _name(path: list) -> str:
    out = ""
    for p in path:
        out += f"[{p + 1}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def open_file(ws: Workspace, rel: str, layout: Optional[str] = None
              ) -> tuple[Editing, dict, Built]:
    """A role file opened for editing."""
    text, digest = ws.read(rel)
    ed = Editing(rel, text, digest, ws.layout(layout))
    built = check_text(ws, ed, text)
    return ed, roleform.state_of(built.data), built


def new_file(ws: Workspace, rel: str, scaffold: str, layout: Optional[str] = None
             ) -> tuple[Editing, dict, Built]:
    """A new role file from a scaffold, not written until it is saved."""
    path = ws.path(rel)
    if path.exists():
        raise AjdocError("exists already; open it from the workspace, or choose another name",
                         Place(file=rel))
    ed = Editing(rel, scaffold, NEW, ws.layout(layout))
    built = check_text(ws, ed, scaffold)
    return ed, roleform.state_of(built.data), built


def view(ws: Workspace, ed: Editing, state: dict, std: dict, built: Built,
         focus: Optional[str] = None) -> dict[str, Any]:
    """What the editor's template shows."""
    base = roundtrip.plain_of(ed.base, ed.rel)
    lib = library_for(ws, base, ed.rel)
    ph = roleform.placeholders(roleform.state_of(base if isinstance(base, dict) else {}))
    roleform.placeholders(state)  # TODO values shown as placeholders, not as values
    checked = built.checked
    jd = checked.subject
    if jd is not None:
        blocks = standard.blocks_of(jd, checked.spec, lib, built.data)
    else:
        blocks = standard.posted_blocks(std, lib)
    return {
        "ed": ed, "s": state, "ph": ph, "blocks": blocks, "focus": focus,
        "presets": [(pid, lib.preset(pid).title) for pid in lib.preset_ids()],
        "duty_blocks": _duty_blocks(lib),
        "groups": POSITION_GROUPS, "cases": CASES, "levels": CEFR_LEVELS,
        "conjunctions": CONJUNCTIONS, "language_styles": LANGUAGE_STYLES, "layouts": lib.profile.layout_names(),
        "special_labels": SPECIAL_LABELS, "messages": checked.messages,
        "doc": role_context(jd, ed.layout) if jd is not None else None,
        "text": built.text, "changed": built.text != ed.base, "new": ed.digest == NEW,
        "no_pages": converter(),
        "checked_at": _dt.datetime.now().strftime("%H:%M:%S"),
        "text_digest": hashlib.sha256(built.text.encode()).hexdigest()[:12],
    }


def _duty_blocks(lib: Library) -> list[tuple[str, str]]:
    out = []
    for bid in lib.block_ids():
        b = lib.block(bid)
        if b.kind == "duty":
            out.append((bid, b.title))
    return out

