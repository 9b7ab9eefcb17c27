"""Sorting the stream of paragraphs and tables into the parts of a job description (Parsed)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Optional

import attrs

from .labels import GENERAL_FIELDS, Vocabulary
from .sources import Element, Para, Table
from .text import NUMBER_RE, clean, importing_data, norm_label
from .toplines import match_top

Duty = dict[str, Any]   # {number, dot, text, subitems, results}


@attrs.define
class Parsed:
    """A job description sorted into its parts, before any block is recognised."""

    layout: str = "2022"
    approval: str = ""
    general: dict[str, str] = attrs.field(factory=dict)        # field → text
    special_label: Optional[str] = None
    duties_heading: Optional[str] = None
    duties: list[Duty] = attrs.field(factory=list)
    fields: dict[str, list[Para]] = attrs.field(factory=dict)  # field → paragraphs
    title_seen: bool = False
    multiline: str = "\n"                           # how paragraphs of one field are joined
    label_dots: list[bool] = attrs.field(factory=list)  # "1.1. Label" (True) or "1.1 Label"
    unit_lines: list[str] = attrs.field(factory=list)   # the unit a line per level (a row)
    top: dict[str, str] = attrs.field(factory=dict)     # the top lines' values (placeholder →)


def parse(stream: list[Element], vocab: Vocabulary, joiner: str = "\n") -> Parsed:
    """Sort the stream into fields by the profile's headings and labels; tables give duties (by
    their header row) or label | value pairs, paragraphs of a data-driven layout "label value"
    rows; what a table holds besides goes through the same paragraph logic."""
    parsed = Parsed(layout=vocab.fallback, multiline=joiner)
    fields: dict[str, list[Para]] = {}
    current = "approval"
    ph = vocab.phrases
    signature_starts = {norm_label(ph[k]) for k in ("signed", "employer", "signatures_heading")}
    label_of = vocab.label_of

    duties_open = False   # the last thing read is the duties table (empty paragraphs aside)

    def signal(label: str) -> None:
        parsed.layout = vocab.signal(parsed.layout, label)

    def numbered_label(label: str) -> None:
        numbered = re.match(r"\s*\d+\.\d+(\.?)\s", label)
        if numbered:
            parsed.label_dots.append(bool(numbered.group(1)))

    def feed(el: Para) -> None:
        nonlocal current, duties_open
        t = el.text
        if not t:
            return
        duties_open = False
        if vocab.is_document_title(t) and not el.bullet:
            parsed.title_seen = True
            current = "general"
            return
        row = vocab.row(el, current)
        if row is not None:
            field, label, values = row
            signal(label)
            numbered_label(label)
            if field == "unit" and len(values) > 1:
                parsed.unit_lines = [p.text for p in values]
            fields.setdefault(field, []).extend(values)
            current = field
            return
        key = None if el.bullet else label_of(t)
        if key is None and not el.bullet and vocab.is_duties_header_line(t):
            heading = vocab.duties_header_layout(t)
            if heading:
                signal(heading)
            current = "duties"
            return
        if key == "duties_header":
            return
        if key:
            if key == "special":
                parsed.special_label = t.strip().rstrip(":")
            if key == "duties" or any(vocab.is_data(n) for n in vocab.printers.get(
                    norm_label(t), ())):
                signal(t)
            current = key
            return
        duties_heading = None if el.bullet else vocab.duties_heading(t)
        if duties_heading:
            parsed.duties_heading = duties_heading
            current = "duties"
            return
        if norm_label(t) in signature_starts:
            current = "signature"
        fields.setdefault(current, []).append(el)

    for el in stream:
        if isinstance(el, Para):
            feed(el)
            continue
        first = [cell_text(c) for c in (el.rows[0] if el.rows else [])]
        head_keys = [label_of(t) for t in first]
        if any(k in ("duties_header", "duties") for k in head_keys):
            for t, k in zip(first, head_keys):
                if k == "duties":
                    signal(t)
            _duty_rows(el.rows[1:], parsed)
            current, duties_open = "after_duties", True
            continue
        pairs, loose = _label_values(el, vocab)
        if duties_open and not pairs and _continues_duties(el):
            _duty_rows(el.rows, parsed)   # the duties table split in two (at a page break)
            continue
        duties_open = False
        for key, paras, label in pairs:
            numbered_label(label)
            if key == "special":
                parsed.special_label = label
            if key == "title":
                signal(label)
            fields.setdefault(key, []).extend(paras)
        for p in loose:
            feed(p)
        if any(k == "responsibilities" for k, _, _ in pairs):
            current = "amendment"
    if "duties" in fields and not parsed.duties:
        _duty_paras(fields.pop("duties"), parsed, not vocab.numbered_duties(parsed.layout))
    # a letterhead (`ajdoc profile letterhead`): the agency's name alone in the header
    letterhead = vocab.profile.agency.casefold()
    approval = [p for p in fields.pop("approval", []) if p.text.strip().casefold() != letterhead]
    top = vocab.layouts[parsed.layout].get("top")
    if top:
        parsed.top, approval, fields["general"] = match_top(
            top, approval, fields.get("general", []), vocab.phrases)
    parsed.approval = " ".join(p.text for p in approval)
    for key in GENERAL_FIELDS + ("special",):
        if key in fields:
            parsed.general[key] = " ".join(p.text for p in fields.pop(key) if p.text)
    parsed.fields = {k: v for k, v in fields.items() if v}
    return parsed


def cell_text(cell: list[Para]) -> str:
    return " ".join(p.text for p in cell if p.text)


def _continues_duties(table: Table) -> bool:
    """A table without a header that goes on with duty rows: its first cell starts a numbered
    duty, goes on with a duty's bullets, or is empty (the results of a duty run over)."""
    first = table.rows[0] if table.rows else []
    if len(first) < 2:
        return False
    lead = [p for p in first[0] if p.text]
    return not lead or lead[0].bullet or bool(NUMBER_RE.match(lead[0].text))


def _label_values(table: Table, vocab: Vocabulary) -> tuple[list[tuple[str, list[Para], str]],
                                                             list[Para]]:
    """(field, value paragraphs, label text) for each label cell of a table — its value is the
    cell to the right, else the cell below — and the paragraphs of cells that are neither."""
    labels = {}
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            text = cell_text(cell)
            key = vocab.label_of(text) if len(cell) == 1 and not cell[0].bullet else None
            if key:
                labels[(r, c)] = (key, text)
    used = set()
    pairs = []
    for (r, c), (key, text) in sorted(labels.items()):
        val = None
        if c + 1 < len(table.rows[r]) and (r, c + 1) not in labels:
            val = (r, c + 1)
        elif r + 1 < len(table.rows) and c < len(table.rows[r + 1]) and (r + 1, c) not in labels:
            val = (r + 1, c)
        if val is not None:
            used.add(val)
            pairs.append((key, [p for p in table.rows[val[0]][val[1]] if p.text], text))
        else:
            pairs.append((key, [], text))
    loose = [p for r, row in enumerate(table.rows) for c, cell in enumerate(row)
             if (r, c) not in labels and (r, c) not in used for p in cell if p.text]
    return pairs, loose


def _duty_rows(rows: list[list[list[Para]]], parsed: Parsed) -> None:
    for row in rows:
        cells = list(row)
        if not cells:
            continue
        if len(cells) >= 3 and re.fullmatch(r"\d+\.\d+\.?", cell_text(cells[0])):
            left = [Para(cell_text(cells[0]) + " " + (cells[1][0].text if cells[1] else ""))] \
                + cells[1][1:]
            right = [p for c in cells[2:] for p in c]
        else:
            left, right = cells[0], [p for c in cells[1:] for p in c]
        left = [p for p in left if p.text]
        right = [p for p in right if p.text]
        if not left and not right:
            continue
        m = NUMBER_RE.match(left[0].text) if left and not left[0].bullet else None
        if m is None and parsed.duties:  # a row continued (e.g. over a page break)
            last = parsed.duties[-1]
            last["subitems"].extend(p.text for p in left)
            last["results"].extend(p.text for p in right)
            continue
        text_parts = [m.group(4)] if m else []
        i = 1 if m else 0
        while i < len(left) and not left[i].bullet:
            text_parts.append(left[i].text)
            i += 1
        parsed.duties.append({
            "number": f"{m.group(1)}.{m.group(2)}" if m else None,
            "dot": bool(m and m.group(3)),
            "text": parsed.multiline.join(t for t in text_parts if t) or "",
            "subitems": [p.text for p in left[i:]],
            "results": [p.text for p in right]})


@lru_cache(maxsize=1)
def _subitems_lead() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A duty text that announces sub-items ("…, sh:"), and one that runs them on after it."""
    lead = re.escape(importing_data()["subitems_lead"])
    return re.compile(rf"(\b{lead}|:)\s*$"), re.compile(rf"(.*?\b{lead}:)\s+(.+)")


def _duty_paras(paras: list[Para], parsed: Parsed, results: bool = True) -> None:
    """Duties from a stream of paragraphs (extracted text, a numbered list): a number starts a
    duty; bullets after a text ending "sh:" are its sub-items while they end with ";" (and the
    one after); the other bullets are its results — or sub-items too, where the layout prints
    no `results`."""
    announces, run_on = _subitems_lead()
    cur: Optional[Duty] = None
    subs = False   # the duty's bullets are sub-items
    for p in paras:
        m = None if p.bullet else NUMBER_RE.match(p.text)
        if m:
            cur = {"number": f"{m.group(1)}.{m.group(2)}", "dot": bool(m.group(3)),
                   "text": m.group(4), "subitems": [], "results": []}
            subs = bool(announces.search(m.group(4)))
            parsed.duties.append(cur)
            continue
        if cur is None:
            parsed.fields.setdefault("unplaced", []).append(p)
            continue
        if not p.bullet and not cur["subitems"] and not cur["results"] and \
                not (cur["text"].endswith(".") and p.text[:1].isupper()):
            cur["text"] = clean(cur["text"] + " " + p.text)
            subs = bool(announces.search(cur["text"]))
            continue
        if (subs or not results) and not cur["results"]:
            cur["subitems"].append(p.text)
            if not p.text.endswith(";"):
                subs = False
            continue
        cur["results"].append(p.text)
    for d in parsed.duties:
        rm = run_on.fullmatch(d["text"])
        if rm and not d["subitems"] and ";" in rm.group(2):  # "…, sh: a; b; c." run together
            d["text"] = rm.group(1)
            d["subitems"] = [t for t in re.split(r"(?<=;)\s+", rm.group(2)) if t]


# -- parts of the parsed document ----------------------------------------------------------------
def intro_items(paras: list[Para]) -> tuple[Optional[str], list[str]]:
    """A list section's lead-in text (before the first bullet, or a line ending ":") and items."""
    paras = [p for p in paras if p.text]
    if not paras:
        return None, []
    first_bullet = next((i for i, p in enumerate(paras) if p.bullet), None)
    if first_bullet is None:
        if len(paras) > 1 and paras[0].text.endswith(":"):
            return paras[0].text, [p.text for p in paras[1:]]
        return None, [p.text for p in paras]
    intro = " ".join(p.text for p in paras[:first_bullet]) or None
    return intro, [p.text for p in paras[first_bullet:]]


def competency_sets(paras: list[Para]) -> tuple[list[tuple[str, list[str]]], list[str]]:
    """The competency sets ("Name:" then its indicators) and the text before the first name."""
    sets: list[tuple[str, list[str]]] = []
    stray: list[str] = []
    for p in paras:
        if not p.bullet and p.text.endswith(":") and len(p.text) <= 80:
            sets.append((p.text[:-1].strip(), []))
        elif sets:
            sets[-1][1].append(p.text)
        else:
            stray.append(p.text)
    return sets, stray
