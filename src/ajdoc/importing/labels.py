"""The headings and labels a profile's layouts print (its layouts.yaml), as the importer finds them.

A profile's **table layouts** name their headings and labels under ``headings:``; its
**data-driven layouts** under ``sections:`` (a heading each, with label–value ``rows`` printed as
'1.4. Allub peadirektori asetäitjale', paragraphs, numbered duties or bullets) and ``top:`` (the
lines above the title). `Vocabulary` gathers them, with the document title, the phrases and the
library's duty headings, once per library (and so per profile).
"""

from __future__ import annotations

import re
from typing import Any, Optional

from .. import resources
from ..library import Library
from ..model import SPECIAL_LABELS
from ..textdiff import ratio
from .recognise import candidates
from .sources import Para
from .text import clean, norm_label, per_object

# the layout heading keys (layouts.yaml) → the importer's field names
FIELD_OF = {"tools": "work_tools", "computer": "computer_skills",
            "knowledge": "computer_skills", "qualities": "personal_qualities",
            "duties_col1": "duties_header", "duties_col2": "duties_header"}
# the values a data-driven layout prints (rendering.sections.FIELDS) → the importer's fields
DATA_FIELD = {"rights_intro": "rights", "responsibilities_intro": "responsibilities",
              "unit_top": "unit_part", "unit_bottom": "unit_part"}
GENERAL_FIELDS = ("title", "unit", "supervisor", "substituted_by", "substitutes",
                  "subordinates", "position_group", "appointed_by")
# the fields a row table layout prints as "label | value" rows
ROW_FIELDS = set(GENERAL_FIELDS) | {"purpose", "special", "education", "experience", "languages",
                                    "computer_skills", "personal_qualities", "rights",
                                    "responsibilities"}
_NUMBER = r"\d+(?:\.\d+)*\.?"


def _has_number(label: str) -> bool:
    return bool(re.match(rf"\s*{_NUMBER}\s", label))


def section_field(spec: dict[str, Any]) -> str:
    """The field a data-driven layout's section holds: its rows' part (the general part or the
    requirements), its numbered duties, or the field its paragraphs or bullets print."""
    rows = spec.get("rows") or ()
    if rows:
        fields = {DATA_FIELD.get(str(r.get("value")), str(r.get("value"))) for r in rows}
        return "general" if fields & set(GENERAL_FIELDS) else "requirements"
    if spec.get("numbered"):
        return str(spec["numbered"])
    for key in ("bullets", "paragraphs", "intro"):
        if spec.get(key):
            return DATA_FIELD.get(str(spec[key]), str(spec[key]))
    return "unplaced"


class Vocabulary:
    """What the importer reads one profile's documents by: every heading and label its layouts
    print (number stripped, case folded) → the field it stands for, the layouts printing it,
    the rows of its data-driven layouts and the case each prints its value in."""

    def __init__(self, lib: Library):
        self.lib = lib
        self.profile = lib.profile
        self.phrases: dict[str, Any] = dict(self.profile.phrases)
        self.layouts: dict[str, dict[str, Any]] = {n: dict(v) for n, v in
                                                   self.profile.layouts.items()}
        self.fallback = self.profile.default_layout("role")
        self.labels: dict[str, str] = {}
        self.printers: dict[str, list[str]] = {}
        self.rows: dict[str, tuple[str, bool]] = {}          # label → (field, numbered)
        self.cases: dict[str, dict[str, str]] = {}          # layout → field → case
        self.general_labels: dict[str, list[str]] = {}      # layout → general-part labels
        for name, lay in self.layouts.items():
            self.cases[name] = {}
            for key, text in (lay.get("headings") or {}).items():
                if "{" not in str(text):
                    self._add(str(text), FIELD_OF.get(key, key), name)
            for spec in lay.get("sections") or ():
                heading = str(spec.get("heading") or "")
                if heading and "{" not in heading:
                    self._add(heading, section_field(spec), name)
                for row in spec.get("rows") or ():
                    label = str(row["label"])
                    field = DATA_FIELD.get(str(row["value"]), str(row["value"]))
                    self._add(label, field, name)
                    self.rows.setdefault(norm_label(label), (field, _has_number(label) or bool(
                        (lay.get("numbering") or {}).get("rows"))))
                    if row.get("case"):
                        self.cases[name][field] = str(row["case"])
        for label in self.profile.settings.get("special_labels") or SPECIAL_LABELS:
            self._add(str(label), "special", None)
        self.document_title = str(self.profile.settings["document_title"])
        texts = {str(self.profile.settings.get("duties_heading") or "")} - {""}
        for block in candidates(lib, "duties_heading"):
            texts.update(v.text for v in block.variants.values() if v.text)
        self.duties_heading_texts = tuple(sorted(texts))
        self.row_fields = {f for f, _ in self.rows.values()}
        self._row_rx = self._alternatives(self.rows)
        self._line_rx = re.compile(
            rf"(?:{_NUMBER}\s+)?(?:" + "|".join(
                re.escape(t) for t in sorted({t for t, k in self.labels.items()
                                              if k in GENERAL_FIELDS + ("purpose", "special")},
                                             key=len, reverse=True))
            + r")(?=\s|$)", re.I)
        self._row_table = self._row_table_layout()

    def _add(self, text: str, field: str, layout: Optional[str]) -> None:
        key = norm_label(text)
        self.labels.setdefault(key, field)
        if layout is not None:
            self.printers.setdefault(key, [])
            if layout not in self.printers[key]:
                self.printers[key].append(layout)
            if field in ("title", "unit", "supervisor"):
                self.general_labels.setdefault(layout, []).append(clean(text))

    @staticmethod
    def _alternatives(texts: Any) -> Optional[re.Pattern[str]]:
        if not texts:
            return None
        alts = "|".join(r"\s+".join(re.escape(w) for w in t.split())
                        for t in sorted(texts, key=len, reverse=True))
        return re.compile(rf"(?P<num>{_NUMBER}\s+)?(?P<label>{alts})\s*:?(?:\s+(?P<value>\S.*))?$",
                          re.I | re.S)

    # -- layouts ----------------------------------------------------------------------------
    def headings(self, layout: str) -> dict[str, str]:
        """A table layout's headings and labels by key ({} for a data-driven layout)."""
        return {k: str(v) for k, v in (self.layouts[layout].get("headings") or {}).items()}

    def is_data(self, layout: str) -> bool:
        """A layout described in data (sections of rows, paragraphs, numbered duties, bullets)."""
        return "sections" in self.layouts[layout]

    def prints_duties_heading(self, layout: str) -> bool:
        """Whether the layout prints the duties heading a block gives ("3. {duties_heading}")."""
        return any("{duties_heading}" in t for t in self.headings(layout).values())

    def numbered_duties(self, layout: str) -> bool:
        """Whether the layout prints the duties as a numbered list (sub-items, no results)."""
        return any(s.get("numbered") == "duties" for s in self.layouts[layout].get("sections")
                   or ())

    def lacks(self, layout: str, what: str) -> bool:
        return what in (self.layouts[layout].get("lacks") or ())

    def label_text(self, layout: str, field: str) -> str:
        """How the layout prints a field's heading or label (number stripped), for a message."""
        for key, layouts in self.printers.items():
            if layout in layouts and self.labels.get(key) == field:
                return key
        return field.replace("_", " ")

    def signal(self, layout: str, label: str) -> str:
        """The layout after seeing `label`: the fallback gives way to a layout printing it."""
        printers = self.printers.get(norm_label(label), [])
        if layout == self.fallback and printers and layout not in printers:
            return printers[0]
        return layout

    def duties_header_layout(self, text: str) -> Optional[str]:
        """The layout whose own duties heading starts a run-together header line, if any."""
        n = norm_label(text)
        for name in self.layouts:
            duties = self.headings(name).get("duties", "{")
            if "{" not in duties and n.startswith(norm_label(duties)):
                return duties
        return None

    def _row_table_layout(self) -> Optional[str]:
        """The table layout printing the general part as "label | value" rows: the one whose
        duties table is headed by its own section heading (no first-column header)."""
        for name in self.layouts:
            h = self.headings(name)
            if "duties" in h and "{" not in h["duties"] and "duties_col1" not in h:
                return name
        return None

    def described(self) -> str:
        """What a job description of this profile looks like, for a message."""
        default = resources.profile()
        if self.profile == default and not any("description" in v for v in
                                                self.layouts.values()):
            return "the 2022 eight-section layout or the 2025 table layout"
        return " or ".join(str(v.get("description") or f"the {n} layout")
                           for n, v in self.layouts.items()) + f" (profile {self.profile.name})"

    # -- labels -----------------------------------------------------------------------------
    def label_of(self, text: str) -> Optional[str]:
        """The field a heading or label stands for, or None."""
        if not text or len(text) > 120:
            return None
        return self.labels.get(norm_label(text))

    def is_document_title(self, text: str) -> bool:
        """The job description's title line (the profile's `document_title`)."""
        return norm_label(text) == self.document_title.casefold()

    def row(self, el: Para, current: str) -> Optional[tuple[str, str, list[Para]]]:
        """A row of a data-driven layout in one paragraph ("1.4. Allub peadirektori
        asetäitjale"): its field, its label and its value (a paragraph a line). A label printed
        without a number is read only inside a section of rows."""
        if el.bullet or self._row_rx is None:
            return None
        lines = [el.text] if not el.lines or any(t.endswith("-") for t in el.lines) \
            else list(el.lines)
        m = self._row_rx.match(lines[0])
        if not m or not m.group("value"):
            return None
        field, numbered = self.rows[norm_label(m.group("label"))]
        if numbered != bool(m.group("num")) or (not numbered and current not in (
                "general", "requirements") and current not in self.row_fields):
            return None
        label = clean(lines[0][: m.start("value")])
        values = [Para(clean(t)) for t in [m.group("value")] + lines[1:] if clean(t)]
        return field, label, values

    def line_re(self) -> re.Pattern[str]:
        """A label of the general part (or the purpose) where a line of extracted text starts."""
        return self._line_rx

    def row_label_re(self, only_rows: bool = False) -> Optional[re.Pattern[str]]:
        """A line that starts with a row label of the row table layout ("Haridus Kõrgharidus
        …"); with `only_rows`, the labels no other layout prints."""
        lay = self._row_table
        if lay is None:
            return None
        others = {norm_label(t) for n in self.layouts if n != lay
                  for t in self.headings(n).values() if "{" not in t}
        texts = {norm_label(t) for k, t in self.headings(lay).items()
                 if FIELD_OF.get(k, k) in ROW_FIELDS}
        if only_rows:
            texts -= others
        else:
            texts |= {k for k, f in self.labels.items() if f == "special"}
        alts = "|".join(re.escape(t) for t in sorted(texts, key=len, reverse=True))
        return re.compile(rf"(?P<label>{alts})(?:\s+(?P<value>\S.*))?$", re.I)

    def duties_heading(self, text: str) -> Optional[str]:
        """A numbered heading like a duties-heading block's text (its number stripped)."""
        m = re.match(r"^\s*\d+\.?\s+(.+?)\s*$", text or "")
        if not m or len(text) > 80:
            return None
        rest = m.group(1)
        if not re.search(r"[^\W\d_]", rest):
            return None
        for cand in self.duties_heading_texts:
            if ratio(rest.casefold(), cand.casefold()) >= 0.6:  # character-wise
                return rest
        return None

    def is_duties_header_line(self, text: str) -> bool:
        """"Põhiülesanded Oodatavad tulemused" run together in extracted text."""
        h = [norm_label(t) for name in self.layouts for k, t in self.headings(name).items()
             if k in ("duties_col1", "duties_col2", "duties") and "{" not in t]
        n = norm_label(text)
        return any(n.startswith(a) and n.endswith(b) and a != b for a in h for b in h)

    def is_text_heading(self, s: str) -> bool:
        """A line of extracted text that is a heading or a label (it starts a paragraph)."""
        return bool(self.label_of(s)) or bool(self.duties_heading(s)) or \
            self.is_duties_header_line(s) or self.is_document_title(s)


@per_object
def vocabulary(lib: Library) -> Vocabulary:
    """The vocabulary of a library's profile (and its duty-heading blocks), built once."""
    return Vocabulary(lib)
