"""The amending directive: a draft directive file with the upgraded roles as annexes, written with
the YAML writer (``ajdoc.yamlwrite``), that `ajdoc directive` accepts once a person has filled
in its TODOs."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Optional, Sequence

from .. import resources, wording, yamlio
from ..errors import AjdocError, Place
from ..model import Unit
from ..output import check_target, write_atomic
from ..yamlwrite import Commented, commented, dump
from .scan import relative
from .upgrade import Upgrade, UpgradePlan, upgraded

TODO = "TODO: "


def directive_draft(upgrades: Sequence[Upgrade], *, what: str, filename: str, base: Path,
                    date: _dt.date, signer_title: str, layout: str,
                    library: Sequence[Path | str] = ()) -> str:
    """The text of the draft directive file (annexes and library folders relative to `base`)."""
    roles = sorted(upgrades, key=lambda u: str(u.path))
    units = [upgraded(u).general.unit for u in upgrades]
    unit = Unit.common(units) or units[0]
    data = Commented(comments={"number": TODO + "the directive's number",
                               "date": TODO + "the directive's date"})
    data["kind"] = "amend"
    data["agency"] = upgraded(upgrades[0]).agency
    data["signer"] = {"name": TODO + "the signer's name", "title": signer_title}
    data["number"] = 1
    data["date"] = date
    data["title"] = wording.default_directive_title(amending=True, many=len(roles) > 1)
    data["unit"] = {k: v for k, v in (("department", unit.department),
                                      ("division", unit.division), ("team", unit.team)) if v}
    data["layout"] = layout
    if library:
        data["library"] = [relative(Path(f).resolve(), base) for f in library]
    data["annexes"] = [relative(u.path.resolve(), base) for u in roles]
    doc = commented(data)
    for i, u in enumerate(roles):
        doc["annexes"].yaml_add_eol_comment(u.use.title, i)
    doc.yaml_set_start_comment(
        f"A draft written by `ajdoc upgrade --directive`: the job descriptions amended by the\n"
        f"upgrade of {what}. Fill in the TODOs; name the directive(s) that approved them for\n"
        f"the records (amends: [{{date: …, number: …}}]), then: ajdoc directive {filename} -o OUT/")
    return dump(doc)


def draft_directive(plan: UpgradePlan | Sequence[Upgrade], path: Path | str, *,
                    force: bool = False, date: Optional[_dt.date] = None,
                    signer_title: Optional[str] = None, layout: Optional[str] = None,
                    library: Sequence[Path | str] = ()) -> Path:
    """Draft the amending directive with the upgraded roles as annexes, as a directive file
    `ajdoc directive` accepts (TODO marks where a person must fill in). The signer's title
    defaults to the agency's (``defaults.yaml``)."""
    upgrades = plan.ready if isinstance(plan, UpgradePlan) else [u for u in plan if not u.error]
    if isinstance(plan, UpgradePlan):
        library = list(library) or list(plan.library)
        layout = layout or plan.layout
        what = f"{plan.block_id} → @{plan.target}"
    else:
        what = ", ".join(sorted({f"{u.use.block_id} → @{u.to_version}" for u in upgrades}))
    if not upgrades:
        raise AjdocError("no role to upgrade, so no directive to draft", Place(key="--directive"))
    path = Path(path)
    check_target(path, force)
    text = directive_draft(
        upgrades, what=what, filename=path.name, base=path.parent.resolve(),
        date=date or _dt.date.today(),
        signer_title=signer_title or str(resources.defaults()["signer_title"]),
        layout=layout or "2022", library=library)
    yamlio.parse(text, str(path))  # a draft that does not parse is a bug here
    write_atomic(path, text.encode("utf-8"), force=force)
    return path
