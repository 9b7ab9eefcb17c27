"""The changes between two composed job descriptions, section by section; duties matched by content.

**Duties are matched by content**, not by number: first a standard duty by its block id, then
equal texts, then the most similar texts (difflib ratio of the words of text, sub-items and
results, at least ``MATCH_CUTOFF``). A matched duty out of the common order is *moved*; a matched
duty with other words is *changed* (with a word-level diff); the rest are *added* or *removed*.
Whether a change counts for the consent rule (``Change.core``) is decided here from the closing
duties the rule names (``ajdoc.compare.consent``); the verdict itself is made there.
"""

from __future__ import annotations

import bisect
from typing import Any, Callable, Optional, Sequence

import attrs

from ..model import Duty, JobDescription, Provenance
from ..textdiff import align, editorial, similarity, word_count, word_diff
from ..wording import duty_number, language_lines

MATCH_CUTOFF = 0.5       # duties and list items: similarity to count as the same, changed

Words = tuple[tuple[str, str], ...]


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
    words: Words = ()
    details: tuple[Change, ...] = ()
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
    """The changes of one section of the job description (id, title in the report)."""

    id: str
    title: str
    changes: tuple[Change, ...] = ()

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title,
                "changes": [c.to_dict() for c in self.changes]}


@attrs.frozen
class DutyCounts:
    """What the consent rule measures of the duties: words and number of the core duties."""

    old_words: int
    new_words: int
    old_duties: int
    new_duties: int


@attrs.frozen
class Changes:
    """Every section's changes (by section id, in the report's order), the purpose's change and
    the core duties' counts."""

    sections: dict[str, tuple[Change, ...]]
    purpose: Optional[Change]
    counts: DutyCounts


# -- fields and lists -----------------------------------------------------------------------------
def _src(item: Any) -> Optional[str]:
    s = getattr(item, "source", None)
    return str(s) if s is not None else None


def field_change(label: str, old: Optional[str], new: Optional[str]) -> Optional[Change]:
    """The change of one text field, or None when it is the same."""
    if old == new:
        return None
    if old is None:
        return Change("added", label, None, new)
    if new is None:
        return Change("removed", label, old, None)
    return Change("changed", label, old, new, words=tuple(word_diff(old, new)),
                  editorial=editorial(old, new))


def _fields(label_values: Callable[[JobDescription], dict], old: JobDescription,
            new: JobDescription) -> list[Change]:
    fo, fn = label_values(old), label_values(new)
    return [c for k in fo if (c := field_change(k, fo[k], fn[k]))]


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
        if i is not None and j is None:
            out.append(Change("removed", f"{label} {i + 1}", old[i], None, old_at=str(i + 1),
                              old_source=osrc[i]))
        elif i is None and j is not None:
            out.append(Change("added", f"{label} {j + 1}", None, new[j], new_at=str(j + 1),
                              new_source=nsrc[j]))
        elif i is not None and j is not None:
            out.append(Change("changed", f"{label} {j + 1}", old[i], new[j], old_at=str(i + 1),
                              new_at=str(j + 1), old_source=osrc[i], new_source=nsrc[j],
                              words=tuple(word_diff(old[i], new[j])),
                              editorial=editorial(old[i], new[j])))
    return out


def _general_fields(jd: JobDescription) -> dict:
    g = jd.general
    sc = g.special_conditions
    return {"agency": jd.agency, "title": g.title, "unit": str(g.unit),
            "supervisor": g.supervisor, "substituted_by": g.substituted_by,
            "substitutes": g.substitutes, "subordinates": g.subordinates,
            "position_group": g.position_group,
            "special_conditions": f"{sc.label}: {sc.text}" if sc else None}


def _single(label: str, old: Any, new: Any) -> list[Change]:
    """A one-paragraph standard text (an Item or None): text and provenance."""
    to, tn = (old.text if old else None), (new.text if new else None)
    so, sn = _src(old), _src(new)
    if to == tn and so == sn:
        return []
    c = field_change(label, to, tn) or Change("block", label, to, tn)
    return [attrs.evolve(c, old_source=so, new_source=sn)]


def _items(label: str, old: Sequence[Any], new: Sequence[Any]) -> list[Change]:
    return list_changes([i.text for i in old], [i.text for i in new], label,
                        [_src(i) for i in old], [_src(i) for i in new])


# -- duties ---------------------------------------------------------------------------------------
def _duty_content(d: Duty) -> str:
    return " ".join((d.text, *d.subitems, *d.results))


def _duty_words(d: Duty) -> int:
    return sum(word_count(t) for t in (d.text, *d.subitems, *d.results))


def _lis(seq: list[int]) -> set[int]:
    """Indices (into seq) of one longest increasing subsequence."""
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
        bid = d.source.block_id
        j = next((j for j, e in enumerate(new) if j not in used_n and e.source is not None
                  and e.source.block_id == bid), None)
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


def _removed_pos(i: int, pairs: list[tuple[int, int]]) -> float:
    """Where a removed old duty sits among the new ones: just after its predecessor's match."""
    before = [j for (oi, j) in pairs if oi < i]
    return (max(before) + 0.5) if before else -0.5


class _DutyKinds:
    """What a duty is for the consent rule: the role's own, a standard one, a closing one."""

    def __init__(self, closing: Sequence[str]):
        self.closing = set(closing)

    def is_closing(self, d: Duty) -> bool:
        return d.source is not None and d.source.block_id in self.closing

    @staticmethod
    def own(d: Duty) -> bool:
        return d.source is None

    def note(self, d: Duty) -> Optional[str]:
        """The note of a whole duty added or removed: None for the role's own."""
        if d.source is None:
            return None
        return "standard closing duty" if self.is_closing(d) else f"standard duty {d.source.block_id}"


def _paired_duty(a: Duty, b: Duty, moved: bool, kinds: _DutyKinds, old_at: str,
                 new_at: str) -> tuple[Optional[Change], bool]:
    """The change of a matched duty (None: none), and whether only its block's wording changed."""
    wording_only = (a.source is not None and b.source is not None
                    and a.source.block_id == b.source.block_id
                    and not a.source.edited and not b.source.edited)
    same = (a.text, a.subitems, a.results) == (b.text, b.subitems, b.results)
    if same and _src(a) == _src(b) and not moved:
        return None, wording_only
    details: list[Change] = []
    if a.subitems != b.subitems:
        details += list_changes(a.subitems, b.subitems, "sub-item")
    if a.results != b.results:
        details += list_changes(a.results, b.results, "result")
    is_editorial = same or editorial(_duty_content(a), _duty_content(b))
    kind = ("moved" if moved else "block") if same else "changed"
    both_closing = kinds.is_closing(a) and kinds.is_closing(b)
    core = kind == "changed" and not wording_only and not is_editorial and not both_closing
    note = "moved" if moved and kind != "moved" else None
    if wording_only and _src(a) != _src(b):
        note = ", ".join(x for x in (note, "standard wording update") if x)
    elif kind == "changed" and both_closing:
        note = ", ".join(x for x in (note, "standard closing duty") if x)
    return Change(
        kind, f"{old_at} → {new_at}" if old_at != new_at else new_at, a.text, b.text,
        old_at=old_at, new_at=new_at, old_source=_src(a), new_source=_src(b),
        own=kinds.own(a) and kinds.own(b),
        words=() if a.text == b.text else tuple(word_diff(a.text, b.text)),
        details=tuple(details), core=core, editorial=is_editorial and not same,
        note=note), wording_only


def _whole_duty(kind: str, d: Duty, at: str, kinds: _DutyKinds) -> Change:
    """A duty added or removed as a whole (its results as the details)."""
    def side(value: Any) -> tuple[Any, Any]:
        return (value, None) if kind == "removed" else (None, value)

    old, new = side(d.text)
    old_at, new_at = side(at)
    old_source, new_source = side(_src(d))
    return Change(kind, at, old, new, old_at=old_at, new_at=new_at, old_source=old_source,
                  new_source=new_source, own=kinds.own(d),
                  details=tuple(Change(kind, "result", *side(r)) for r in d.results),
                  core=not kinds.is_closing(d), note=kinds.note(d))


def duty_changes(old: JobDescription, new: JobDescription, layout: str,
                 closing: Sequence[str]) -> tuple[list[Change], DutyCounts]:
    """The duties' changes in the new order (removed ones where they stood) and the counts of the
    core duties (a standard duty re-worded by its block counts with its old words on both sides)."""
    kinds = _DutyKinds(closing)
    od, nd = list(old.duties), list(new.duties)
    onum = [duty_number(old, layout, i) for i in range(1, len(od) + 1)]
    nnum = [duty_number(new, layout, i) for i in range(1, len(nd) + 1)]
    pairs = match_duties(od, nd)
    in_order = _lis([j for _, j in pairs])
    moved = {pairs[k] for k in range(len(pairs)) if k not in in_order}
    events: list[tuple[float, Change]] = []
    words_of: dict[int, Duty] = {}   # a new duty counted with the words of its old one
    for i, j in pairs:
        change, wording_only = _paired_duty(od[i], nd[j], (i, j) in moved, kinds, onum[i],
                                            nnum[j])
        if wording_only:
            words_of[j] = od[i]
        if change is not None:
            events.append((j, change))
    paired_o = {i for i, _ in pairs}
    paired_n = {j for _, j in pairs}
    events += [(_removed_pos(i, pairs), _whole_duty("removed", a, onum[i], kinds))
               for i, a in enumerate(od) if i not in paired_o]
    events += [(j, _whole_duty("added", b, nnum[j], kinds))
               for j, b in enumerate(nd) if j not in paired_n]
    events.sort(key=lambda e: (e[0], 0 if e[1].kind == "removed" else 1))
    heading = _single("heading", old.duties_heading, new.duties_heading)
    core_old = [a for a in od if not kinds.is_closing(a)]
    core_new = [words_of.get(j, b) for j, b in enumerate(nd) if not kinds.is_closing(b)]
    counts = DutyCounts(sum(map(_duty_words, core_old)), sum(map(_duty_words, core_new)),
                        len(core_old), len(core_new))
    return heading + [c for _, c in events], counts


# -- standard blocks ------------------------------------------------------------------------------
def block_uses(jd: JobDescription) -> dict[str, Provenance]:
    """Each block the job description uses, with its id@version:variant (edited if any item is)."""
    out: dict[str, Provenance] = {}
    for item in (jd.duties_heading, *jd.duties, jd.rights_intro, *jd.rights,
                 jd.responsibilities_intro, *jd.responsibilities, jd.work_tools,
                 jd.requirements.computer_skills, *jd.competencies, *jd.additional,
                 *jd.amendment):
        s = getattr(item, "source", None) if item is not None else None
        if s is None:
            continue
        have = out.get(s.block_id)
        if have is None or (s.edited and not have.edited):
            out[s.block_id] = s
    for bid in jd.edited_blocks:  # an item removed leaves no edited item to say so
        if bid in out and not out[bid].edited:
            out[bid] = attrs.evolve(out[bid], edited=True)
    return out


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


# -- the other sections ---------------------------------------------------------------------------
def _requirements(old: JobDescription, new: JobDescription) -> list[Change]:
    ro, rn = old.requirements, new.requirements
    out = [c for k in ("education", "experience", "language_style", "personal_qualities")
           if (c := field_change(k, getattr(ro, k), getattr(rn, k)))]
    out += list_changes(language_lines(old), language_lines(new), "language")
    out += _single("computer_skills", ro.computer_skills, rn.computer_skills)
    return out


def _competencies(old: JobDescription, new: JobDescription) -> list[Change]:
    def key(c: Any) -> str:
        return c.source.block_id if c.source else c.name

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
    def text(a: Any) -> str:
        return f"{a.name}: {a.text}" if a.name else a.text

    return list_changes([text(a) for a in old.additional], [text(a) for a in new.additional],
                        "item", [_src(a) for a in old.additional],
                        [_src(a) for a in new.additional])


def _approval_fields(jd: JobDescription) -> dict:
    a, s = jd.approval, jd.signature
    approved = None
    if a is not None:
        approved = (f"{a.agency} {a.signer_title} {a.date.isoformat()} nr {a.number}"
                    + (f" lisa {a.annex}" if a.annex else ""))
    signature = None
    if s is not None:
        signature = f"{s.signer_name}, {s.signer_title}"
        if s.mode != "head":
            signature += f" ({s.mode}" + (f", {s.employee_name})" if s.employee_name else ")")
    return {"approved": approved, "signature": signature}


def section_changes(old: JobDescription, new: JobDescription, layout: str,
                    closing: Sequence[str]) -> Changes:
    """Every section's changes, the purpose's and the duties' counts for the consent rule."""
    duties, counts = duty_changes(old, new, layout, closing)
    purpose = field_change("purpose", old.purpose, new.purpose)
    sections = {
        "general": _fields(_general_fields, old, new),
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
        "approval": _fields(_approval_fields, old, new),
    }
    return Changes({k: tuple(v) for k, v in sections.items()}, purpose, counts)
