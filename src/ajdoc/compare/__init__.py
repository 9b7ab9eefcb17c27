"""Comparing two job descriptions: what was added, removed, changed and moved, and whether the
official's consent is needed for the change.

    from ajdoc import diff
    cmp = diff.compare_files("vana.yaml", "uus.yaml", library=["my-library"])
    print(cmp.format("text"))            # or "markdown"; cmp.to_dict() for JSON
    cmp.verdict.consent_required

Both sides are composed to a `JobDescription` first, so a change can be told apart by where it
comes from: the role's own text, or a standard block (``Provenance``: id, version, variant).

**Duties are matched by content**, not by number: first a standard duty by its block id, then
equal texts, then the most similar texts (difflib ratio of the words of text, sub-items and
results, at least ``MATCH_CUTOFF``). A matched duty out of the common order is *moved*; a matched
duty with other words is *changed* (with a word-level diff); the rest are *added* or *removed*.

**The consent rule** is the amendment clause of the seeds (``RULE``): the official's consent is
needed when the purpose changes, when the core duties change, or when the volume of the duties
grows substantially. Here:

* the purpose counts as changed unless the change is editorial (the same words in the same order:
  only case, punctuation or spacing differ);
* core duties: the role's own duties and the standard duties other than the closing ones
  (``CLOSING_DUTIES``: cooperation, other activities, one-off tasks). An added, removed or
  (not only editorially) changed core duty counts; a moved one does not. A standard duty whose
  block only got another wording (same block id, another version or variant, not edited by the
  role) does not count;
* volume: the number of words in the texts, sub-items and results of the core duties; a standard
  duty re-worded by its block counts with its old number of words on both sides. The volume has
  grown substantially when it grew by more than ``threshold`` (default 10 %) of the old volume.

For a *töötaja* (employment contract) the job description is changed by agreement of the
parties whatever changed: `Verdict.agreement_required`.
"""

from __future__ import annotations

import json
import re
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Sequence

import attrs

from ..errors import AjdocError, Place
from ..textdiff import align, editorial, similarity, tokens, word_count, word_diff
from ..model import Duty, JobDescription, Provenance

RULE = ("Ametniku nõusolekuta võib ametijuhendit muuta, kui ei muutu ametikoha eesmärk, "
        "põhiülesanded ning oluliselt ei suurene teenistusülesannete maht.")
RULE_TOOTAJA = ("Töölepingu alusel töötava töötaja ametijuhendit muudetakse poolte kokkuleppel "
                "(töölepingu seaduse § 12).")
CLOSING_DUTIES = ("duty.cooperation", "duty.other-activities", "duty.one-off-tasks")
DEFAULT_THRESHOLD = 0.10
MATCH_CUTOFF = 0.5       # duties and list items: similarity to count as the same, changed
FORMATS = ("text", "markdown", "json")
SCHEMA = "ajdoc.diff/1"

SECTION_TITLES = {
    "general": "General part (üldosa)",
    "purpose": "Purpose (ametikoha eesmärk)",
    "duties": "Duties (teenistusülesanded)",
    "blocks": "Standard blocks (plokid)",
    "rights": "Rights (õigused)",
    "responsibilities": "Responsibilities (vastutus)",
    "work_tools": "Work tools (töövahendid)",
    "requirements": "Requirements (nõuded)",
    "competencies": "Competencies (kompetentsid)",
    "additional": "Additional competencies (täiendavad kompetentsid)",
    "amendment": "Amendment clause (ametijuhendi muutmine)",
    "approval": "Approval and signature",
}


# -- the result -----------------------------------------------------------------------------------
@attrs.frozen
class Change:
    """One difference. kind: added, removed, changed, moved, block (a block's id@version:variant).

    `label` names the field, duty number or item; `old`/`new` the texts; `old_at`/`new_at` the
    duty or item numbers; `old_source`/`new_source` the block (None: the role's own text);
    `words` a word-level diff; `details` the changes inside (a duty's results, a list's items);
    `core` whether it counts for the consent rule; `editorial` only case/punctuation/spacing.
    """

    kind: str
    label: str
    old: Optional[str] = None
    new: Optional[str] = None
    old_at: Optional[str] = None
    new_at: Optional[str] = None
    old_source: Optional[str] = None
    new_source: Optional[str] = None
    own: Optional[bool] = None
    words: tuple = ()
    details: tuple = ()
    core: bool = False
    editorial: bool = False
    note: Optional[str] = None

    def to_dict(self) -> dict:
        return {
            "kind": self.kind, "label": self.label, "old": self.old, "new": self.new,
            "old_at": self.old_at, "new_at": self.new_at,
            "old_source": self.old_source, "new_source": self.new_source, "own": self.own,
            "core": self.core, "editorial": self.editorial, "note": self.note,
            "words": [[op, text] for op, text in self.words],
            "details": [d.to_dict() for d in self.details],
        }


@attrs.frozen
class Section:
    id: str
    title: str
    changes: tuple[Change, ...] = ()

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title,
                "changes": [c.to_dict() for c in self.changes]}


@attrs.frozen
class Volume:
    """The volume of the duties: words of the core duties' texts, sub-items and results."""

    old_words: int
    new_words: int
    old_duties: int
    new_duties: int
    threshold: float

    @property
    def growth(self) -> Optional[float]:
        if self.old_words == 0:
            return None if self.new_words == 0 else float("inf")
        return (self.new_words - self.old_words) / self.old_words

    @property
    def exceeded(self) -> bool:
        g = self.growth
        return g is not None and g > self.threshold

    def to_dict(self) -> dict:
        g = self.growth
        return {"measure": "words of the core duties' texts, sub-items and results",
                "old": self.old_words, "new": self.new_words,
                "growth": None if g is None or g == float("inf") else round(g, 4),
                "threshold": self.threshold, "exceeded": self.exceeded,
                "old_duties": self.old_duties, "new_duties": self.new_duties}

    def describe(self) -> str:
        g = self.growth
        pct = "n/a" if g is None else ("+∞" if g == float("inf") else f"{g * 100:+.1f} %")
        return (f"{self.old_words} → {self.new_words} words ({pct}) in {self.old_duties} → "
                f"{self.new_duties} core duties; threshold {_pct(self.threshold)}")


@attrs.frozen
class Verdict:
    consent_required: bool
    reasons: tuple[str, ...]
    rule: str
    basis: str                      # "ametnik", "töötaja" or "unchanged"
    agreement_required: bool = False

    def to_dict(self) -> dict:
        return {"consent_required": self.consent_required,
                "agreement_required": self.agreement_required, "basis": self.basis,
                "reasons": list(self.reasons), "rule": self.rule}

    def headline(self) -> str:
        if self.basis == "töötaja" and self.agreement_required:
            return "the parties must agree (töötaja: employment contract)"
        if self.consent_required:
            return "the official's consent is required"
        if self.basis == "unchanged":
            return "no changes"
        return "no consent required"


@attrs.frozen
class Comparison:
    old_name: str
    new_name: str
    old_title: str
    new_title: str
    sections: tuple[Section, ...]
    volume: Volume
    verdict: Verdict
    layout: str = "2022"

    @property
    def changed(self) -> bool:
        return any(s.changes for s in self.sections)

    def section(self, sid: str) -> Section:
        return next(s for s in self.sections if s.id == sid)

    def changes(self, sid: Optional[str] = None) -> list[Change]:
        return [c for s in self.sections if sid in (None, s.id) for c in s.changes]

    def to_dict(self) -> dict:
        return {"schema": SCHEMA,
                "old": {"file": self.old_name, "title": self.old_title},
                "new": {"file": self.new_name, "title": self.new_title},
                "layout": self.layout, "changed": self.changed,
                "sections": [s.to_dict() for s in self.sections],
                "volume": self.volume.to_dict(), "verdict": self.verdict.to_dict()}

    def format(self, fmt: str = "text") -> str:
        if fmt == "json":
            return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
        if fmt == "markdown":
            return format_markdown(self)
        if fmt == "text":
            return format_text(self)
        raise AjdocError(f"unknown format '{fmt}'; expected one of {', '.join(FORMATS)}")


# -- comparing ------------------------------------------------------------------------------------
def _src(item: Any) -> Optional[str]:
    s = getattr(item, "source", None)
    return str(s) if s is not None else None


def _pct(x: float) -> str:
    return f"{x * 100:g} %"


def _short(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _field(label: str, old: Optional[str], new: Optional[str]) -> Optional[Change]:
    if old == new:
        return None
    if old is None:
        return Change("added", label, None, new)
    if new is None:
        return Change("removed", label, old, None)
    return Change("changed", label, old, new, words=tuple(word_diff(old, new)),
                  editorial=editorial(old, new))


def list_changes(old: Sequence[str], new: Sequence[str], label: str = "item",
                 old_source: Sequence[Optional[str]] = (),
                 new_source: Sequence[Optional[str]] = ()) -> list[Change]:
    """Items added, removed and changed between two lists of texts (aligned in order)."""
    osrc = list(old_source) or [None] * len(old)
    nsrc = list(new_source) or [None] * len(new)
    out = []
    for tag, i, j in align(old, new, key=lambda t: t, sim=similarity):
        if tag == "equal":
            continue
        if tag == "delete":
            out.append(Change("removed", f"{label} {i + 1}", old[i], None, old_at=str(i + 1),
                              old_source=osrc[i]))
        elif tag == "insert":
            out.append(Change("added", f"{label} {j + 1}", None, new[j], new_at=str(j + 1),
                              new_source=nsrc[j]))
        else:
            out.append(Change("changed", f"{label} {j + 1}", old[i], new[j], old_at=str(i + 1),
                              new_at=str(j + 1), old_source=osrc[i], new_source=nsrc[j],
                              words=tuple(word_diff(old[i], new[j])),
                              editorial=editorial(old[i], new[j])))
    return out


def _general(old: JobDescription, new: JobDescription) -> list[Change]:
    def fields(jd: JobDescription) -> dict:
        g = jd.general
        sc = g.special_conditions
        return {"agency": jd.agency, "title": g.title, "unit": str(g.unit),
                "supervisor": g.supervisor, "substituted_by": g.substituted_by,
                "substitutes": g.substitutes, "subordinates": g.subordinates,
                "position_group": g.position_group,
                "special_conditions": f"{sc.label}: {sc.text}" if sc else None}

    fo, fn = fields(old), fields(new)
    return [c for k in fo if (c := _field(k, fo[k], fn[k]))]


def _single(label: str, old: Any, new: Any) -> list[Change]:
    """A one-paragraph standard text (an Item or None): text and provenance."""
    to, tn = (old.text if old else None), (new.text if new else None)
    so, sn = _src(old), _src(new)
    if to == tn and so == sn:
        return []
    c = _field(label, to, tn) or Change("block", label, to, tn)
    return [attrs.evolve(c, old_source=so, new_source=sn)]


def _items(label: str, old: Sequence[Any], new: Sequence[Any]) -> list[Change]:
    return list_changes([i.text for i in old], [i.text for i in new], label,
                        [_src(i) for i in old], [_src(i) for i in new])


def _duty_content(d: Duty) -> str:
    return " ".join((d.text, *d.subitems, *d.results))


def _duty_words(d: Duty) -> int:
    return sum(word_count(t) for t in (d.text, *d.subitems, *d.results))


def _lis(seq: list[int]) -> set[int]:
    """Indices (into seq) of one longest increasing subsequence."""
    import bisect

    tails: list[int] = []
    tails_idx: list[int] = []
    prev = [-1] * len(seq)
    for k, v in enumerate(seq):
        pos = bisect.bisect_left(tails, v)
        if pos == len(tails):
            tails.append(v)
            tails_idx.append(k)
        else:
            tails[pos] = v
            tails_idx[pos] = k
        prev[k] = tails_idx[pos - 1] if pos else -1
    out: set[int] = set()
    k = tails_idx[-1] if tails_idx else -1
    while k >= 0:
        out.add(k)
        k = prev[k]
    return out


def match_duties(old: Sequence[Duty], new: Sequence[Duty]) -> list[tuple[int, int]]:
    """Pairs (i, j) of the same duty: by standard block id, then equal content, then the most
    similar content (at least MATCH_CUTOFF)."""
    pairs: list[tuple[int, int]] = []
    used_o: set[int] = set()
    used_n: set[int] = set()

    def take(i: int, j: int) -> None:
        pairs.append((i, j))
        used_o.add(i)
        used_n.add(j)

    for i, d in enumerate(old):
        if d.source is None:
            continue
        j = next((j for j, e in enumerate(new) if j not in used_n and e.source is not None
                  and e.source.block_id == d.source.block_id), None)
        if j is not None:
            take(i, j)
    for i, d in enumerate(old):
        if i in used_o:
            continue
        j = next((j for j, e in enumerate(new) if j not in used_n
                  and _duty_content(e) == _duty_content(d)), None)
        if j is not None:
            take(i, j)
    scored = []
    for i, d in enumerate(old):
        if i in used_o:
            continue
        for j, e in enumerate(new):
            if j in used_n:
                continue
            s = max(similarity(d.text, e.text), similarity(_duty_content(d), _duty_content(e)))
            if d.source is not None and e.source is not None:
                s = 0.0  # two different standard blocks are not the same duty
            if s >= MATCH_CUTOFF:
                scored.append((-s, abs(i - j), i, j))
    for _, _, i, j in sorted(scored):
        if i not in used_o and j not in used_n:
            take(i, j)
    return sorted(pairs)


def _duties(old: JobDescription, new: JobDescription, layout: str,
            closing: Sequence[str]) -> tuple[list[Change], tuple[int, int, int, int]]:
    from ..wording import duty_number

    od, nd = list(old.duties), list(new.duties)
    onum = [duty_number(old, layout, i) for i in range(1, len(od) + 1)]
    nnum = [duty_number(new, layout, i) for i in range(1, len(nd) + 1)]
    pairs = match_duties(od, nd)
    in_order = _lis([j for _, j in pairs])
    moved = {pairs[k] for k in range(len(pairs)) if k not in in_order}
    is_closing = lambda d: d.source is not None and d.source.block_id in closing  # noqa: E731
    own = lambda d: d.source is None  # noqa: E731

    def label(d: Duty) -> str:
        return "own" if own(d) else d.source.block_id

    events: list[tuple[float, Change]] = []
    old_words = new_words = 0
    old_n = new_n = 0
    for i, j in pairs:
        a, b = od[i], nd[j]
        wording_only = (a.source is not None and b.source is not None
                        and a.source.block_id == b.source.block_id
                        and not a.source.edited and not b.source.edited)
        if not is_closing(a):
            old_words += _duty_words(a)
            old_n += 1
        if not is_closing(b):
            new_words += _duty_words(a) if wording_only else _duty_words(b)
            new_n += 1
        same = (a.text, a.subitems, a.results) == (b.text, b.subitems, b.results)
        if same and _src(a) == _src(b) and (i, j) not in moved:
            continue
        details = []
        if a.subitems != b.subitems:
            details += list_changes(a.subitems, b.subitems, "sub-item")
        if a.results != b.results:
            details += list_changes(a.results, b.results, "result")
        is_editorial = same or (editorial(_duty_content(a), _duty_content(b)))
        if same:
            kind = "moved" if (i, j) in moved else "block"
        else:
            kind = "changed"
        core = (kind == "changed" and not wording_only and not is_editorial
                and not (is_closing(a) and is_closing(b)))
        note = None
        if (i, j) in moved and kind != "moved":
            note = "moved"
        if wording_only and _src(a) != _src(b):
            note = ", ".join(x for x in (note, "standard wording update") if x)
        elif kind == "changed" and is_closing(a) and is_closing(b):
            note = ", ".join(x for x in (note, "standard closing duty") if x)
        events.append((j, Change(
            kind, f"{onum[i]} → {nnum[j]}" if onum[i] != nnum[j] else nnum[j], a.text, b.text,
            old_at=onum[i], new_at=nnum[j], old_source=_src(a), new_source=_src(b),
            own=own(a) and own(b),
            words=() if a.text == b.text else tuple(word_diff(a.text, b.text)),
            details=tuple(details), core=core, editorial=is_editorial and not same, note=note)))
    paired_o = {i for i, _ in pairs}
    paired_n = {j for _, j in pairs}
    for i, a in enumerate(od):
        if i in paired_o:
            continue
        if not is_closing(a):
            old_words += _duty_words(a)
            old_n += 1
        events.append((_removed_pos(i, pairs), Change(
            "removed", onum[i], a.text, None, old_at=onum[i], old_source=_src(a), own=own(a),
            details=tuple(Change("removed", "result", r) for r in a.results),
            core=not is_closing(a), note=None if own(a) else
            ("standard closing duty" if is_closing(a) else f"standard duty {label(a)}"))))
    for j, b in enumerate(nd):
        if j in paired_n:
            continue
        if not is_closing(b):
            new_words += _duty_words(b)
            new_n += 1
        events.append((j, Change(
            "added", nnum[j], None, b.text, new_at=nnum[j], new_source=_src(b), own=own(b),
            details=tuple(Change("added", "result", None, r) for r in b.results),
            core=not is_closing(b), note=None if own(b) else
            ("standard closing duty" if is_closing(b) else f"standard duty {label(b)}"))))
    events.sort(key=lambda e: (e[0], 0 if e[1].kind == "removed" else 1))
    changes = [c for _, c in events]
    heading = _single("heading", old.duties_heading, new.duties_heading)
    return heading + changes, (old_words, new_words, old_n, new_n)


def _removed_pos(i: int, pairs: list[tuple[int, int]]) -> float:
    """Where a removed old duty sits among the new ones: just after its predecessor's match."""
    before = [j for (oi, j) in pairs if oi < i]
    return (max(before) + 0.5) if before else -0.5


def _blocks(old: JobDescription, new: JobDescription) -> list[Change]:
    po, pn = block_uses(old), block_uses(new)
    out = []
    if old.preset != new.preset:
        out.append(Change("changed", "preset", old.preset, new.preset))
    for bid in list(po) + [b for b in pn if b not in po]:
        a, b = po.get(bid), pn.get(bid)
        if a == b:
            continue
        if a is None:
            out.append(Change("added", bid, None, None, new_source=str(b)))
        elif b is None:
            out.append(Change("removed", bid, None, None, old_source=str(a)))
        else:
            what = [w for w, x, y in (("version", a.version, b.version),
                                      ("variant", a.variant, b.variant),
                                      ("edited", a.edited, b.edited)) if x != y]
            out.append(Change("block", bid, old_source=str(a), new_source=str(b),
                              note=", ".join(what)))
    return out


def block_uses(jd: JobDescription) -> dict[str, Provenance]:
    """Each block the job description uses, with its id@version:variant (edited if any item is)."""
    out: dict[str, Provenance] = {}

    def add(item: Any) -> None:
        s = getattr(item, "source", None)
        if s is None:
            return
        have = out.get(s.block_id)
        if have is None or (s.edited and not have.edited):
            out[s.block_id] = s

    for item in (jd.duties_heading, *jd.duties, jd.rights_intro, *jd.rights,
                 jd.responsibilities_intro, *jd.responsibilities, jd.work_tools,
                 jd.requirements.computer_skills, *jd.competencies, *jd.additional,
                 *jd.amendment):
        if item is not None:
            add(item)
    return out


def _requirements(old: JobDescription, new: JobDescription) -> list[Change]:
    from ..wording import language_lines

    ro, rn = old.requirements, new.requirements
    out = [c for k in ("education", "experience", "language_style", "personal_qualities")
           if (c := _field(k, getattr(ro, k), getattr(rn, k)))]
    out += list_changes(language_lines(old), language_lines(new), "language")
    out += _single("computer_skills", ro.computer_skills, rn.computer_skills)
    return out


def _competencies(old: JobDescription, new: JobDescription) -> list[Change]:
    key = lambda c: c.source.block_id if c.source else c.name  # noqa: E731
    ko = {key(c): (i, c) for i, c in enumerate(old.competencies)}
    kn = {key(c): (j, c) for j, c in enumerate(new.competencies)}
    out = []
    for k, (i, a) in ko.items():
        if k not in kn:
            out.append(Change("removed", a.name, a.name, None, old_at=str(i + 1),
                              old_source=_src(a)))
            continue
        j, b = kn[k]
        if (a.name, a.indicators, _src(a)) == (b.name, b.indicators, _src(b)):
            continue
        out.append(Change("changed" if a.indicators != b.indicators or a.name != b.name
                          else "block", b.name, a.name, b.name, old_at=str(i + 1),
                          new_at=str(j + 1), old_source=_src(a), new_source=_src(b),
                          details=tuple(list_changes(a.indicators, b.indicators, "indicator"))))
    for k, (j, b) in kn.items():
        if k not in ko:
            out.append(Change("added", b.name, None, b.name, new_at=str(j + 1),
                              new_source=_src(b)))
    return out


def _additional(old: JobDescription, new: JobDescription) -> list[Change]:
    text = lambda a: f"{a.name}: {a.text}" if a.name else a.text  # noqa: E731
    return list_changes([text(a) for a in old.additional], [text(a) for a in new.additional],
                        "item", [_src(a) for a in old.additional],
                        [_src(a) for a in new.additional])


def _approval(old: JobDescription, new: JobDescription) -> list[Change]:
    def fields(jd: JobDescription) -> dict:
        a, s = jd.approval, jd.signature
        return {"approved": (f"{a.agency} {a.signer_title} {a.date.isoformat()} nr {a.number}"
                             + (f" lisa {a.annex}" if a.annex else "")) if a else None,
                "signature": (f"{s.signer_name}, {s.signer_title}" + (
                    f" ({s.mode}" + (f", {s.employee_name})" if s.employee_name else ")")
                    if s.mode != "head" else "")) if s else None}

    fo, fn = fields(old), fields(new)
    return [c for k in fo if (c := _field(k, fo[k], fn[k]))]


def compare(old: JobDescription, new: JobDescription, *, threshold: float = DEFAULT_THRESHOLD,
            layout: str = "2022", closing: Sequence[str] = CLOSING_DUTIES,
            old_name: Optional[str] = None, new_name: Optional[str] = None) -> Comparison:
    """Compare two composed job descriptions section by section and give the consent verdict."""
    if not isinstance(threshold, (int, float)) or threshold < 0:
        raise AjdocError(f"the threshold is a share of the old volume (0.1 = 10 %), got "
                         f"{threshold!r}", Place(key="--threshold"))
    duties, (ow, nw, on, nn) = _duties(old, new, layout, closing)
    purpose = _field("purpose", old.purpose, new.purpose)
    sections = {
        "general": _general(old, new),
        "purpose": [purpose] if purpose else [],
        "duties": duties,
        "blocks": _blocks(old, new),
        "rights": _single("intro", old.rights_intro, new.rights_intro)
        + _items("item", old.rights, new.rights),
        "responsibilities": _single("intro", old.responsibilities_intro,
                                    new.responsibilities_intro)
        + _items("item", old.responsibilities, new.responsibilities),
        "work_tools": _single("work tools", old.work_tools, new.work_tools),
        "requirements": _requirements(old, new),
        "competencies": _competencies(old, new),
        "additional": _additional(old, new),
        "amendment": _items("item", old.amendment, new.amendment),
        "approval": _approval(old, new),
    }
    secs = tuple(Section(k, SECTION_TITLES[k], tuple(v)) for k, v in sections.items())
    volume = Volume(ow, nw, on, nn, float(threshold))
    verdict = _verdict(old, new, secs, volume, purpose)
    return Comparison(old_name or old.source_file or "old", new_name or new.source_file or "new",
                      old.general.title, new.general.title, secs, volume, verdict, layout)


def _verdict(old: JobDescription, new: JobDescription, sections: Sequence[Section],
             volume: Volume, purpose: Optional[Change]) -> Verdict:
    reasons: list[str] = []
    if purpose is not None and not purpose.editorial:
        reasons.append("the purpose (ametikoha eesmärk) changed")
    for c in next(s for s in sections if s.id == "duties").changes:
        if not c.core:
            continue
        whose = "own duty" if c.own else f"standard duty ({c.new_source or c.old_source})"
        if c.kind == "added":
            reasons.append(f"{whose} added: {c.new_at} \"{_short(c.new)}\"")
        elif c.kind == "removed":
            reasons.append(f"{whose} removed: {c.old_at} \"{_short(c.old)}\"")
        else:
            where = c.new_at if c.old_at == c.new_at else f"{c.old_at} → {c.new_at}"
            reasons.append(f"{whose} changed: {where} \"{_short(c.new)}\"")
    if volume.exceeded:
        g = volume.growth
        grown = "from nothing" if g == float("inf") else f"by {g * 100:.1f} %"
        reasons.append(f"the duties' volume grew {grown} ({volume.old_words} → "
                       f"{volume.new_words} words), more than the threshold of "
                       f"{_pct(volume.threshold)}")
    changed = any(s.changes for s in sections)
    tootaja = "töötaja" in (old.general.position_group, new.general.position_group)
    if tootaja:
        if not changed:
            return Verdict(False, ("no changes",), RULE_TOOTAJA, "unchanged")
        return Verdict(True, ("töötaja (employment contract): any change of the job "
                              "description needs the agreement of both parties",) + tuple(reasons),
                       RULE_TOOTAJA, "töötaja", agreement_required=True)
    if not changed:
        return Verdict(False, ("no changes",), RULE, "unchanged")
    if not reasons:
        reasons.append("the purpose and the core duties are unchanged and the duties' volume "
                       f"grew by no more than {_pct(volume.threshold)}")
        return Verdict(False, tuple(reasons), RULE, "ametnik")
    return Verdict(True, tuple(reasons), RULE, "ametnik")


# -- loading ------------------------------------------------------------------------------------
def load_any(path: Path | str, library=None) -> JobDescription:
    """A role file, or a DOCX job description read through ajdoc.importer."""
    from ..api import _lib, load_role, role_from_dict

    path = Path(path)
    if path.suffix.lower() == ".docx":
        try:
            from .. import importing as importer  # type: ignore[attr-defined]
        except ImportError:
            raise AjdocError("comparing Word files needs ajdoc.importer, which this "
                             "installation lacks; compare the role files instead",
                             Place(file=str(path))) from None
        if not path.is_file():
            raise AjdocError("file not found", Place(file=str(path)))
        import inspect

        lib = _lib(library)
        kwargs = {"verify": False} if "verify" in inspect.signature(
            importer.import_file).parameters else {}
        result = importer.import_file(path, library=lib, **kwargs)
        if hasattr(result, "compose"):  # with the user blocks the import may need
            return result.compose(lib)
        return role_from_dict(result.role, lib, name=str(path))
    return load_role(path, library)


def compare_files(old: Path | str, new: Path | str, library=None, *,
                  threshold: float = DEFAULT_THRESHOLD, layout: str = "2022") -> Comparison:
    """Load (role files or DOCX) and compare."""
    from ..api import _lib

    lib = _lib(library)
    return compare(load_any(old, lib), load_any(new, lib), threshold=threshold, layout=layout,
                   old_name=str(old), new_name=str(new))


# -- formatting -----------------------------------------------------------------------------------
def _wdiff(words: Iterable[tuple[str, str]], md: bool = False) -> str:
    words = list(words)
    if len(words) == 2 and words[0][0] == "-" and words[1][0] == "+":
        old, new = words[0][1], words[1][1]  # nothing in common: "old → new" reads better
        return f"{_md_escape(old)} → {_md_escape(new)}" if md else f"{old} → {new}"
    out = []
    for op, text in words:
        if op == "=":
            out.append(_md_escape(text) if md else text)
            continue
        if not md:
            out.append(f"[-{text}-]" if op == "-" else f"{{+{text}+}}")
            continue
        # markdown emphasis must not start or end with white space: keep it outside
        core = text.strip()
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        if not core:
            out.append(" " if op == "+" else "")
            continue
        mark = "~~" if op == "-" else "**"
        out.append(f"{' ' if lead else ''}{mark}{_md_escape(core)}{mark}{' ' if trail else ''}")
    return "".join(out)


def _md_escape(text: str) -> str:
    """Markdown-safe text on one line (runs of white space become one space, kept at the ends)."""
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"([\\`*_\[\]<>~|#])", r"\\\1", text)


_MARK = {"added": "+", "removed": "-", "changed": "~", "moved": ">", "block": "~"}


def _describe(c: Change, md: bool = False) -> str:
    q = (lambda t: _md_escape(" ".join(t.split()))) if md else (lambda t: " ".join(t.split()))
    if c.kind == "added":
        src = c.new_source
    elif c.kind == "removed":
        src = c.old_source
    elif c.old_source != c.new_source:
        src = f"{c.old_source or 'own'} → {c.new_source or 'own'}"
    else:
        src = c.new_source
    src = f" [{src}]" if src and c.kind != "block" else ""
    note = f" ({c.note})" if c.note else ""
    ed = " (editorial)" if c.editorial else ""
    if c.kind == "added":
        body = q(c.new) if c.new else ""
        return f"{c.label} added{src}{note}" + (f": {body}" if body else "")
    if c.kind == "removed":
        body = q(c.old) if c.old else ""
        return f"{c.label} removed{src}{note}" + (f": {body}" if body else "")
    if c.kind == "moved":
        return f"{c.old_at} moved to {c.new_at}{src}{note}: {q(c.new)}"
    if c.kind == "block":
        return f"{c.label}: {c.old_source or 'own'} → {c.new_source or 'own'}{note}"
    text = _wdiff(c.words, md) if c.words else (q(c.new) if c.new else "")
    return f"{c.label} changed{src}{note}{ed}: {text}"


def _short_title(s: Section) -> str:
    return s.title.split(" (")[0].lower()


def format_text(cmp: Comparison) -> str:
    """Only the sections that changed, then one line naming the unchanged ones."""
    lines = [f"ajdoc diff: {cmp.old_name} → {cmp.new_name}",
             f"title: {cmp.new_title}" if cmp.old_title == cmp.new_title
             else f"title: {cmp.old_title} → {cmp.new_title}", ""]
    for s in cmp.sections:
        if not s.changes:
            continue
        lines.append(s.title)
        for c in s.changes:
            lines.append(f"  {_MARK[c.kind]} {_describe(c)}")
            for d in c.details:
                lines.append(f"      {_MARK[d.kind]} {_describe(d)}")
    unchanged = [_short_title(s) for s in cmp.sections if not s.changes]
    if not cmp.changed:
        lines.append("No changes.")
    elif unchanged:
        lines.append(f"Unchanged: {', '.join(unchanged)}.")
    lines += ["", f"Volume of the duties: {cmp.volume.describe()}",
              f"Verdict: {cmp.verdict.headline()}"]
    lines += [f"  - {r}" for r in cmp.verdict.reasons]
    lines.append(f"Rule: \"{cmp.verdict.rule}\"")
    return "\n".join(lines) + "\n"


def format_markdown(cmp: Comparison) -> str:
    title = cmp.new_title if cmp.old_title == cmp.new_title else \
        f"{cmp.old_title} → {cmp.new_title}"
    lines = [f"# Comparison: {_md_escape(title)}", "",
             f"`{cmp.old_name}` → `{cmp.new_name}`", ""]
    for s in cmp.sections:
        if not s.changes:
            continue
        lines += [f"## {s.title}", ""]
        for c in s.changes:
            lines.append(f"- {_describe(c, md=True)}")
            for d in c.details:
                lines.append(f"  - {_describe(d, md=True)}")
        lines.append("")
    unchanged = [_short_title(s) for s in cmp.sections if not s.changes]
    if not cmp.changed:
        lines += ["No changes.", ""]
    elif unchanged:
        lines += [f"Unchanged: {', '.join(unchanged)}.", ""]
    v = cmp.verdict
    lines += ["## Verdict", "", f"**{v.headline()}**", ""]
    lines += [f"- {_md_escape(r)}" for r in v.reasons]
    lines += ["", f"Volume of the duties: {_md_escape(cmp.volume.describe())}", "",
              f"> {v.rule}", ""]
    return "\n".join(lines)
