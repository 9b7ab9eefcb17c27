"""Recognising standard text: the library block closest to a section, and the list patch left."""

from __future__ import annotations

from typing import Any, Iterable, Optional, Sequence

import attrs

from ..errors import AjdocError
from ..library import SECTIONS, Block, Library, Named, Ref, Variant
from ..textdiff import PreparedWords, align_items
from ..yamlwrite import Commented
from .text import Item, clean, norm_label, per_object, short, text_of, words

# -- thresholds (word-level difflib ratio, 0–1) -------------------------------------------------
TEXT_MIN = 0.6        # a text block (intro, work tools, computer skills, heading) is recognised
LIST_MIN = 0.6        # a list block (rights, responsibilities, amendment, additional)
DUTY_MIN = 0.6        # a standard duty: text, sub-items and results together …
DUTY_TEXT_MIN = 0.5   # … and its text alone
DUTY_FOREIGN_MIN = 0.85  # a duty block the chosen preset does not name: only when clearly it
PAIR_MIN = 0.4        # two list items are one item edited (replace), not a removal and an addition


def candidates(lib: Library, section: str) -> list[Block]:
    """The blocks a section may hold: those any preset puts there, and blocks of the section's
    kind that no preset names (a user's own), every version."""
    return list(_index(lib).candidates(section))


def _candidates(lib: Library, section: str) -> list[Block]:
    named: dict[str, set[str]] = {}
    for pid in lib.preset_ids():
        try:
            sections = lib.preset(pid).sections
        except AjdocError:
            continue
        for sec, value in sections.items():
            refs = value if isinstance(value, tuple) else (value,)
            named.setdefault(sec, set()).update(r.id for r in refs if isinstance(r, Ref))
    anywhere: set[str] = set().union(*named.values()) if named else set()
    ids = set(named.get(section, ()))
    for bid in lib.block_ids():
        if bid not in anywhere and lib.block(bid).kind in SECTIONS[section]:
            ids.add(bid)
    return [lib.block(Ref(i, None, v)) for i in sorted(ids) for v in lib.versions(i)]


class _Index:
    """A library's blocks prepared once for recognising (per library: ``per_object``): each
    section's candidates, and each variant's words, counted and indexed for difflib."""

    def __init__(self, lib: Library):
        self.lib = lib
        self._candidates: dict[str, list[Block]] = {}
        self._words: dict[tuple[str, int, str, str], PreparedWords] = {}

    def candidates(self, section: str) -> list[Block]:
        found = self._candidates.get(section)
        if found is None:
            found = self._candidates[section] = _candidates(self.lib, section)
        return found

    def words(self, block: Block, v: Variant, what: str) -> PreparedWords:
        """The words of a variant: "text" or "list" (variant_words), "duty" (a duty's text,
        sub-items and results), "duty-text" (its text)."""
        key = (block.id, block.version, v.name, what)
        found = self._words.get(key)
        if found is None:
            if what == "duty":
                made = duty_words(v.text or "", v.subitems, v.results)
            else:
                made = words(v.text or "") if what == "duty-text" else variant_words(what, v)
            found = self._words[key] = PreparedWords(made)
        return found


_index = per_object(_Index)


@attrs.define
class Match:
    """A block variant a part of the document is closest to, how closely, and whether that is
    close enough to call it recognised."""

    block: Block
    variant: Variant
    score: float
    recognised: bool


def best(cands: Iterable[Block], text_words: list[str], kind: str,
         lib: Library) -> Optional[Match]:
    """The closest variant of `cands` (ties: the latest version, then the default variant), by
    the words of `kind` ("text" or "list": variant_words)."""
    index, doc = _index(lib), PreparedWords(text_words)
    entries = [(block, v, index.words(block, v, kind)) for block in cands
               for v in block.variants.values()]
    if not entries:
        return None
    bounds = [w.bound(doc) for _, _, w in entries]
    # the likeliest first: no variant whose bound is below its ratio can be the closest
    first = max(range(len(entries)), key=bounds.__getitem__)
    first_score = entries[first][2].ratio_of(text_words)
    floor = round(first_score, 9)
    found: Optional[tuple[Block, Variant, float]] = None
    key: Optional[tuple[float, bool, bool]] = None
    for n, (block, v, w) in enumerate(entries):
        if round(bounds[n], 9) < floor:
            continue
        s = first_score if n == first else w.ratio_of(text_words)
        k = (round(s, 9), block.version == lib.latest_version(block.id), v.name == block.default)
        if key is None or k > key:
            found, key = (block, v, s), k
    assert found is not None
    return Match(found[0], found[1], found[2], False)


class Equal:
    """Item equality: exact (after whitespace) for Word files, word-wise for extracted text."""

    def __init__(self, loose: bool):
        self.loose = loose

    def __call__(self, a: str, b: str) -> bool:
        return self.key(a) == self.key(b)

    def key(self, text: str) -> Any:
        """What equal items share."""
        return words(text) if self.loose else clean(text)


def list_patch(old: Sequence[Item], new: Sequence[Item], eq: Equal,
               named: bool = False) -> tuple[Optional[dict[str, Any]], list[str]]:
    """The items patch (replace, remove, add — the order compose applies them) that turns the
    block's items `old` into the document's `new`, and a description of each change."""
    old_t = [text_of(o) for o in old]
    new_t = [text_of(o) for o in new]
    old_k, new_k = [eq.key(t) for t in old_t], [eq.key(t) for t in new_t]
    if old_k == new_k:  # every item equal: the alignment pairs them all, nothing to patch
        return None, []
    ow, nw = [words(t) for t in old_t], [words(t) for t in new_t]
    po, pn = [PreparedWords(w) for w in ow], [PreparedWords(w) for w in nw]

    def similar(i: int, j: int) -> float:  # ratio(ow[i], nw[j]), or a bound below PAIR_MIN
        bound = pn[j].bound(po[i])
        return bound if bound < PAIR_MIN else pn[j].ratio_of(ow[i])

    pairs = align_items(old_k, new_k, lambda a, b: bool(a == b), similar, PAIR_MIN)
    replace: dict[int, Any] = {}
    remove: list[int] = []
    add: list[Any] = []
    notes: list[str] = []

    def value(j: int) -> Any:
        item = new[j]
        if named and isinstance(item, Named) and item.name:
            return {"name": item.name, "text": item.text}
        return text_of(item)

    for i, j in pairs:
        if i is not None and j is not None and not eq(old_t[i], new_t[j]):
            replace[i + 1] = value(j)
            notes.append(f"item changed {i + 1}: {short(new_t[j])}")
        elif i is not None and j is None:
            remove.append(i + 1)
            notes.append(f"item removed {i + 1}: {short(old_t[i])}")
    length = sum(1 for i, j in pairs if i is not None and j is not None)
    for i, j in pairs:
        if i is None and j is not None:
            if j == length:
                add.append(value(j))
            else:
                v = value(j)
                add.append(dict(v, at=j + 1) if isinstance(v, dict) else {"text": v, "at": j + 1})
            notes.append(f"item added {j + 1}: {short(new_t[j])}")
            length += 1
    patch = Commented()
    if replace:
        patch["replace"] = Commented(replace, comments={
            i: f"was: {short(old_t[i - 1], 50)}" for i in replace})
    if remove:
        patch["remove"] = remove
        patch.comments["remove"] = "; ".join(f"{i}: {short(old_t[i - 1], 40)}" for i in remove)
    if add:
        patch["add"] = add
    return (patch or None), notes


def joined_words(value: Any) -> list[str]:
    """The words of a section's value: a text, or a list of items read as one text."""
    if isinstance(value, str):
        return words(value)
    return words(" ".join(text_of(i) for i in value))


def variant_words(kind: str, v: Variant) -> list[str]:
    """The words of a variant of a text block or a list block."""
    return words(v.text or "") if kind == "text" else joined_words(v.items)


@attrs.define
class Found:
    """A standard section of the document and the block it is closest to."""

    section: str
    value: Any                     # text, list of texts, list of Named
    match: Optional[Match]


def recognise_single(lib: Library, section: str, value: Any) -> Found:
    """The block closest to one standard section (a text or a list)."""
    kind = SECTIONS[section][0]
    kind = "text" if kind == "text" else "list"
    m = best(_index(lib).candidates(section), joined_words(value), kind, lib)
    if m:
        m.recognised = m.score >= (TEXT_MIN if kind == "text" else LIST_MIN)
    return Found(section, value, m)


# -- duties --------------------------------------------------------------------------------------
@attrs.define
class DutyMatch:
    """A duty of the document (number, text, sub-items, results) and the standard duty it is."""

    index: int
    duty: dict[str, Any]
    match: Optional[Match] = None


def duty_words(text: str, subitems: Sequence[str], results: Sequence[str]) -> list[str]:
    return words(" ".join([text, *subitems, *results]))


def recognise_duties(lib: Library, duties: list[dict[str, Any]]) -> list[DutyMatch]:
    """Each duty's standard duty, best pairs first, each block at most once."""
    index = _index(lib)
    cands = index.candidates("duties")
    out = [DutyMatch(i, d) for i, d in enumerate(duties)]
    scored = []
    for dm in out:
        d = dm.duty
        dw = duty_words(d["text"], d["subitems"], d["results"])
        tw = words(d["text"])
        pdw, ptw = PreparedWords(dw), PreparedWords(tw)
        for block in cands:
            for v in block.variants.values():
                vdw, vtw = index.words(block, v, "duty"), index.words(block, v, "duty-text")
                if vdw.bound(pdw) < DUTY_MIN or vtw.bound(ptw) < DUTY_TEXT_MIN:
                    continue  # neither ratio can reach its minimum
                s = vdw.ratio_of(dw)
                st = vtw.ratio_of(tw)
                if s < DUTY_MIN or st < DUTY_TEXT_MIN:
                    continue
                # compose cannot remove every result / sub-item of a block: keep such a duty own
                if (v.results and not d["results"]) or (v.subitems and not d["subitems"]):
                    continue
                latest = lib.latest_version(block.id) == block.version
                scored.append((s, latest, v.name == block.default, -dm.index, dm, block, v))
    taken: set[str] = set()
    for s, _, _, _, dm, block, v in sorted(scored, key=lambda x: x[:4], reverse=True):
        if dm.match is not None or block.id in taken:
            continue
        dm.match = Match(block, v, s, True)
        taken.add(block.id)
    return out


# -- competencies --------------------------------------------------------------------------------
@attrs.define
class CompMatch:
    """A competency set of the document (name, indicators) and the block of that name."""

    name: str
    indicators: list[str]
    match: Optional[Match] = None


def recognise_competencies(lib: Library,
                           sets: list[tuple[str, list[str]]]) -> list[CompMatch]:
    """Each competency set's block: one whose title is the set's name, the closest variant."""
    cands = _index(lib).candidates("competencies")
    out = []
    used: set[str] = set()
    for name, indicators in sets:
        same = [b for b in cands if norm_label(b.title) == norm_label(name)
                and b.id not in used]
        cm = CompMatch(name, list(indicators))
        m = best(same, joined_words(indicators), "list", lib) if same and indicators else None
        if m is not None:
            m.recognised = True
            cm.match = m
            used.add(m.block.id)
        out.append(cm)
    return out
