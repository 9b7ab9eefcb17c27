"""The directive builder's work, apart from the web: a posted form → the directive file's text →
checked and composed → the directive's text as it will read, and its documents."""

from __future__ import annotations

import datetime as _dt
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, Sequence

import attrs

from .. import directive_files, to_pdf, yamlio
from ..errors import AjdocError, Place
from ..model import Directive
from ..schema.jsonschema import key_order
from . import directiveform, roundtrip
from .checking import Checked, check_directive_text
from .fields import apply_op, unflatten
from .files import NEW, Workspace
from .i18n import N_
from .preview import converter, directive_context
from .roleeditor import Editing

COMBINED = N_("combined")   # the combined document's file name: kaskkiri-183-<this>.docx


@lru_cache(maxsize=1)
def directive_order() -> dict[str, list[str]]:
    return key_order("directive")


def editing_from(form: Any, ws: Workspace) -> Editing:
    rel = str(form.get("_path") or "")
    ws.path(rel)
    return Editing(rel, str(form.get("_base") or "").replace("\r\n", "\n"),
                   str(form.get("_digest") or NEW))


def posted(pairs: Sequence[tuple[str, Any]]) -> dict:
    return directiveform.complete(unflatten(pairs))


@attrs.frozen
class Built:
    """The directive file's text for the form, its data and its check."""

    text: str
    data: dict
    checked: Checked


def _check(ws: Workspace, ed: Editing, text: str, data: dict) -> Built:
    path = ws.path(ed.rel)
    layout = str(data.get("layout") or "") or None
    if layout not in ws.layouts():
        layout = None
    return Built(text, data, check_directive_text(text, path, str(path), ws.library_folders,
                                                  layout, ws.profile))


def build(ws: Workspace, ed: Editing, state: dict) -> Built:
    base = roundtrip.plain_of(ed.base, ed.rel)
    base = base if isinstance(base, dict) else {}
    data = directiveform.data_of(state, base)
    text = roundtrip.change(ed.base, data, directive_order(), ed.rel)
    return _check(ws, ed, text, data)


def open_file(ws: Workspace, rel: str) -> tuple[Editing, dict, Built]:
    text, digest = ws.read(rel)
    return reopen(ws, rel, text, digest)


def reopen(ws: Workspace, rel: str, text: str, digest: str) -> tuple[Editing, dict, Built]:
    """The builder over `text`, the file as it is on disk (with `digest`)."""
    ed = Editing(rel, text, digest)
    data = roundtrip.plain_of(text, rel)
    data = data if isinstance(data, dict) else {}
    return ed, directiveform.state_of(data), _check(ws, ed, text, data)


def new_file(ws: Workspace, rel: str) -> tuple[Editing, dict, Built]:
    if ws.path(rel).exists():
        raise AjdocError("exists already; open it from the workspace, or choose another name",
                         Place(file=rel))
    ed = Editing(rel, "", NEW)
    state = directiveform.new_state()
    return ed, state, build(ws, ed, state)


def apply(state: dict, op: str) -> None:
    """A change of the form's structure: an annex added ("annex:ROLE"), an entry moved or
    removed, a repeal added."""
    if not op or op in ("refresh", "save"):
        return
    if op.startswith("annex:"):
        state.setdefault("annexes", []).append(op.split(":", 1)[1])
        return
    apply_op(state, op, directiveform.blank_for(op.split(":", 1)[-1]))


def annex_choices(ws: Workspace, ed: Editing, chosen: Sequence[str]) -> list[dict[str, str]]:
    """The workspace's role files as the directive names them (relative to its folder), with
    their titles; those already chosen marked."""
    folder = ws.path(ed.rel).parent
    out = []
    for rel in ws.roles():
        name = Path(os.path.relpath(ws.root / rel, folder)).as_posix()
        out.append({"name": name, "rel": rel, "title": _title(ws, rel),
                    "chosen": "1" if name in chosen else ""})
    return out


def _title(ws: Workspace, rel: str) -> str:
    try:
        node = yamlio.load(ws.path(rel))
        general = node.get("general")
        title = general.get("title") if general is not None and general.is_map() else None
        return str(title.value) if title is not None else ""
    except AjdocError:
        return ""


def view(ws: Workspace, ed: Editing, state: dict, built: Built) -> dict[str, Any]:
    checked = built.checked
    d: Optional[Directive] = checked.subject
    choices = annex_choices(ws, ed, state.get("annexes") or [])
    titles = {c["name"]: c["title"] for c in choices}
    root = f"{ws.root}{os.sep}"
    return {
        "ed": ed, "s": state, "choices": choices, "titles": titles,
        "messages": [attrs.evolve(m, text=m.text.replace(root, "")) for m in checked.messages],
        "doc": directive_context(d) if d is not None else None,
        "scopes": directiveform.SCOPES, "entry_modes": directiveform.ENTRY_MODES,
        "kinds": directiveform.KINDS, "layouts": ws.layouts(), "text": built.text,
        "changed": built.text != ed.base, "new": ed.digest == NEW, "no_pdf": converter(),
        "checked_at": _dt.datetime.now().strftime("%H:%M:%S"),
    }


def documents(ws: Workspace, built: Built, what: str, combined_word: str
              ) -> tuple[list[tuple[str, bytes]], str]:
    """The files to download: "zip" the directive, its annexes and the register JSON (the files
    `ajdoc directive -o` writes), "combined" the combined document, "pdf" the PDFs."""
    d = built.checked.subject
    if d is None:
        raise AjdocError("the directive has errors; correct them first")
    files = directive_files(d, Path("."))
    names = [(p.name, data) for p, data in files.items()]
    stem = Path(names[0][0]).stem
    if what == "combined":
        combined = directive_files(d, None, Path(f"{stem}-{combined_word}.docx"))
        name = f"{stem}-{combined_word}.docx"
        return [(name, combined[Path(name)])], name
    if what == "pdf":
        docx = {n: data for n, data in names if n.endswith(".docx")}
        return sorted(to_pdf(docx).items()), f"{stem}-pdf.zip"
    return names, f"{stem}.zip"
