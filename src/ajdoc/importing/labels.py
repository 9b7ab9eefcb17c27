"""The headings and labels the layouts print (data/layouts.yaml), as the importer finds them."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .. import resources, wording
from ..library import load_library
from ..model import SPECIAL_LABELS
from ..textdiff import ratio
from .recognise import candidates
from .text import norm_label

# the layout heading keys (data/layouts.yaml) → the importer's field names
FIELD_OF = {"tools": "work_tools", "computer": "computer_skills",
            "knowledge": "computer_skills", "qualities": "personal_qualities",
            "duties_col1": "duties_header", "duties_col2": "duties_header"}
GENERAL_FIELDS = ("title", "unit", "supervisor", "substituted_by", "substitutes",
                  "subordinates", "position_group")
# the fields the 2025 layout prints as "label | value" rows
ROW_FIELDS = set(GENERAL_FIELDS) | {"purpose", "special", "education", "experience", "languages",
                                    "computer_skills", "personal_qualities", "rights",
                                    "responsibilities"}


def headings(layout: str) -> dict[str, str]:
    """A layout's headings and labels by key."""
    return dict(resources.layouts()[layout]["headings"])


def is_document_title(text: str) -> bool:
    """The job description's title line ("AMETIJUHEND")."""
    return norm_label(text) == wording.document_title().casefold()


@lru_cache(maxsize=1)
def label_map() -> dict[str, str]:
    """Every heading and label the layouts print (number stripped, case folded) → field."""
    out: dict[str, str] = {}
    for spec in resources.layouts().values():
        for key, text in spec["headings"].items():
            if "{" in text:
                continue
            out.setdefault(norm_label(text), FIELD_OF.get(key, key))
    for label in SPECIAL_LABELS:
        out.setdefault(norm_label(label), "special")
    return out


def label_of(text: str, lmap: Optional[dict[str, str]] = None) -> Optional[str]:
    """The field a heading or label stands for, or None."""
    if not text or len(text) > 120:
        return None
    return (lmap or label_map()).get(norm_label(text))


def label_line_re() -> re.Pattern[str]:
    """A label of the general part (or the purpose) where a line of extracted text starts."""
    texts = sorted({t for t, k in label_map().items() if k in GENERAL_FIELDS + ("purpose",)
                    or k == "special"}, key=len, reverse=True)
    return re.compile(r"(?:\d+(?:\.\d+)*\.?\s+)?(?:" + "|".join(re.escape(t) for t in texts)
                      + r")(?=\s|$)", re.I)


@lru_cache(maxsize=2)
def row_label_re(only_2025: bool = False) -> re.Pattern[str]:
    """A line that starts with a row label of the 2025 layout ("Haridus Kõrgharidus …")."""
    old = {norm_label(t) for t in headings("2022").values() if "{" not in t}
    texts = {norm_label(t) for k, t in headings("2025").items()
             if FIELD_OF.get(k, k) in ROW_FIELDS}
    if only_2025:
        texts -= old
    else:
        texts |= {norm_label(t) for t in SPECIAL_LABELS}
    alts = "|".join(re.escape(t) for t in sorted(texts, key=len, reverse=True))
    return re.compile(rf"(?P<label>{alts})(?:\s+(?P<value>\S.*))?$", re.I)


@lru_cache(maxsize=1)
def _duties_heading_texts() -> tuple[str, ...]:
    out: set[str] = set()
    for block in candidates(load_library(), "duties_heading"):
        out.update(v.text for v in block.variants.values() if v.text)
    return tuple(sorted(out))


def duties_heading(text: str) -> Optional[str]:
    """"3. TEENISTUSÜLESANDED": a numbered heading like a duties-heading block's text."""
    m = re.match(r"^\s*\d+\.?\s+(.+?)\s*$", text or "")
    if not m or len(text) > 80:
        return None
    rest = m.group(1)
    if not re.search(r"[^\W\d_]", rest):
        return None
    for cand in _duties_heading_texts():
        if ratio(rest.casefold(), cand.casefold()) >= 0.6:  # character-wise
            return rest
    return None


def is_duties_header_line(text: str) -> bool:
    """"Põhiülesanded Oodatavad tulemused" run together in extracted text."""
    h = [norm_label(t) for spec in resources.layouts().values()
         for k, t in spec["headings"].items()
         if k in ("duties_col1", "duties_col2", "duties") and "{" not in t]
    n = norm_label(text)
    return any(n.startswith(a) and n.endswith(b) and a != b for a in h for b in h)


def is_text_heading(s: str) -> bool:
    """A line of extracted text that is a heading or a label (it starts a paragraph of its own)."""
    return bool(label_of(s)) or bool(duties_heading(s)) or is_duties_header_line(s) \
        or is_document_title(s)
