"""The consent rule: whether a change of a job description needs the official's consent.

The rule is the amendment clause of the seeds, read with its parameters from ``data/consent.yaml``:
the official's (*ametnik*) consent is needed when the purpose changes, when the core duties
change, or when the volume of the duties grows substantially. Here:

* the purpose counts as changed unless the change is editorial (the same words in the same order:
  only case, punctuation or spacing differ);
* core duties: the role's own duties and the standard duties other than the closing ones
  (``CLOSING_DUTIES``). An added, removed or (not only editorially) changed core duty counts; a
  moved one does not. A standard duty whose block only got another wording (same block id,
  another version or variant, not edited by the role) does not count;
* volume: the number of words in the texts, sub-items and results of the core duties; a standard
  duty re-worded by its block counts with its old number of words on both sides. The volume has
  grown substantially when it grew by more than ``threshold`` (``DEFAULT_THRESHOLD``) of the old
  volume.

For a position group the data names as changed by agreement (*töötaja*: employment contract) the
job description is changed by agreement of the parties whatever changed:
`Verdict.agreement_required`.
"""

from __future__ import annotations

from typing import Optional, Sequence

import attrs

from .. import resources
from ..model import JobDescription
from .changes import Change, DutyCounts, Section

_DATA = resources.data("consent.yaml")
RULES: dict[str, str] = {str(k): str(v) for k, v in _DATA["rules"].items()}
DEFAULT_GROUP = str(_DATA["default_group"])
BY_AGREEMENT: tuple[str, ...] = tuple(str(g) for g in _DATA["by_agreement"])
RULE = RULES[DEFAULT_GROUP]                 # the official's rule: the amendment clause
RULE_TOOTAJA = RULES[BY_AGREEMENT[0]]       # the employment contract's
CLOSING_DUTIES: tuple[str, ...] = tuple(str(d) for d in _DATA["closing_duties"])
DEFAULT_THRESHOLD = float(_DATA["threshold"])
UNCHANGED = "unchanged"                     # Verdict.basis when nothing changed


def _reason(key: str, **values: object) -> str:
    return str(_DATA["reasons"][key]).format(**values)


def percent(x: float) -> str:
    """A share as the report writes it: 0.1 → "10 %"."""
    return f"{x * 100:g} %"


def short(text: Optional[str], n: int = 80) -> str:
    """A text on one line, cut to `n` characters with "…"."""
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


@attrs.frozen
class Volume:
    """The volume of the duties: words of the core duties' texts, sub-items and results."""

    old_words: int
    new_words: int
    old_duties: int
    new_duties: int
    threshold: float

    @classmethod
    def of(cls, counts: DutyCounts, threshold: float) -> Volume:
        return cls(counts.old_words, counts.new_words, counts.old_duties, counts.new_duties,
                   float(threshold))

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
                f"{self.new_duties} core duties; threshold {percent(self.threshold)}")


@attrs.frozen
class Verdict:
    """Whether the change needs consent (or agreement), why, and the rule that says so."""

    consent_required: bool
    reasons: tuple[str, ...]
    rule: str
    basis: str                      # a position group ("ametnik", "töötaja") or "unchanged"
    agreement_required: bool = False

    def to_dict(self) -> dict:
        return {"consent_required": self.consent_required,
                "agreement_required": self.agreement_required, "basis": self.basis,
                "reasons": list(self.reasons), "rule": self.rule}

    def headline(self) -> str:
        lines = _DATA["headlines"]
        if self.basis in BY_AGREEMENT and self.agreement_required:
            return str(lines["agreement"]).format(group=self.basis)
        if self.consent_required:
            return str(lines["consent"])
        if self.basis == UNCHANGED:
            return str(lines["unchanged"])
        return str(lines["free"])


def _duty_reasons(duties: Sequence[Change]) -> list[str]:
    out = []
    for c in duties:
        if not c.core:
            continue
        whose = (_reason("own_duty") if c.own else
                 _reason("standard_duty", source=c.new_source or c.old_source))
        if c.kind == "added":
            out.append(_reason("duty_added", whose=whose, at=c.new_at, text=short(c.new)))
        elif c.kind == "removed":
            out.append(_reason("duty_removed", whose=whose, at=c.old_at, text=short(c.old)))
        else:
            at = c.new_at if c.old_at == c.new_at else f"{c.old_at} → {c.new_at}"
            out.append(_reason("duty_changed", whose=whose, at=at, text=short(c.new)))
    return out


def verdict(old: JobDescription, new: JobDescription, sections: Sequence[Section],
            volume: Volume, purpose: Optional[Change]) -> Verdict:
    """The verdict of the rule on the sections' changes (the purpose's given apart)."""
    reasons: list[str] = []
    if purpose is not None and not purpose.editorial:
        reasons.append(_reason("purpose"))
    reasons += _duty_reasons(next(s for s in sections if s.id == "duties").changes)
    g = volume.growth
    if volume.exceeded and g is not None:
        grown = (_reason("grown_from_nothing") if g == float("inf")
                 else _reason("grown_by", percent=g * 100))
        reasons.append(_reason("volume", grown=grown, old=volume.old_words,
                               new=volume.new_words, threshold=percent(volume.threshold)))
    changed = any(s.changes for s in sections)
    groups = (old.general.position_group, new.general.position_group)
    agreement = next((g for g in BY_AGREEMENT if g in groups), None)
    if agreement is not None:
        rule = RULES[agreement]
        if not changed:
            return Verdict(False, (_reason("unchanged"),), rule, UNCHANGED)
        return Verdict(True, (_reason("agreement", group=agreement),) + tuple(reasons), rule,
                       agreement, agreement_required=True)
    if not changed:
        return Verdict(False, (_reason("unchanged"),), RULE, UNCHANGED)
    if not reasons:
        return Verdict(False, (_reason("within", threshold=percent(volume.threshold)),), RULE,
                       DEFAULT_GROUP)
    return Verdict(True, tuple(reasons), RULE, DEFAULT_GROUP)
