"""Saving from an editor (role or directive): the file written if it is still the one the page
opened; otherwise the conflict, with both versions, for the user to choose — keep theirs
(overwrite), or save it under another name."""

from __future__ import annotations

from typing import Any, Optional

import attrs

from ..base import Web
from ..files import NEW, Conflict
from ..i18n import N_
from ..roleeditor import Editing

SAVED = N_("Saved.")
SAVED_AS = N_("Saved as a new file.")
CHANGED_ON_DISK = N_("The file changed on disk since you opened it (another tab or program "
                     "saved it). Nothing was saved. Choose which version to keep.")
SAVED_WITH_ERRORS = N_("Saved, but the role file has errors (see the messages); ajdoc will not "
                       "render it until they are corrected.")


@attrs.frozen
class Outcome:
    """What a save did: the file and its new digest, the note to show, or the conflict."""

    rel: str
    digest: str = ""
    note: str = SAVED
    conflict: Optional[dict] = None

    def flash(self, web: Web, request: Any, with_errors: bool) -> dict[str, str]:
        if self.conflict is not None:
            return {"kind": "error", "text": web.t(request, CHANGED_ON_DISK)}
        note = SAVED_WITH_ERRORS if with_errors else self.note
        return {"kind": "warn" if with_errors else "ok",
                "text": f"{web.t(request, note)} {self.rel}"}


def _copy_name(rel: str) -> str:
    stem, _, suffix = rel.rpartition(".")
    return f"{stem}-2.{suffix}"


async def save(web: Web, form: Any, ed: Editing, text: str) -> Outcome:
    """Write `text`: over the file the page opened (op "" or "save"), over the file now on disk
    (op "overwrite:DIGEST", the user's choice in a conflict), or as a new file ("save-as")."""
    op = str(form.get("op") or "")
    rel, expected, note = ed.rel, ed.digest, SAVED
    if op.startswith("overwrite:"):
        expected = op.split(":", 1)[1]
    elif op == "save-as":
        rel = str(form.get("_save_as") or "").strip()
        expected, note = NEW, SAVED_AS
    try:
        digest = await web.work(web.ws.save, rel, text, expected)
    except Conflict as exc:
        return Outcome(rel, note=note, conflict={
            "disk": exc.disk_text, "disk_digest": exc.disk_digest, "mine": text, "rel": rel,
            "suggested": _copy_name(rel)})
    return Outcome(rel, digest, note)
