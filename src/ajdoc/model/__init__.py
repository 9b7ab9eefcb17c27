"""The model: pure attrs value classes for job descriptions, directives, blocks and presets.

The Estonian terms and their code names are in the glossary (docs/glossary.md). The names below
are imported from their module on first use (``ajdoc.lazy``): a job description's classes load
without the directive's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import lazy

if TYPE_CHECKING:
    from .blocks import Block, Named, Preset, Ref, Variant
    from .directive import Directive, LegalAct, Provision, Repeal, Style
    from .job import (AdditionalCompetency, Approval, Competency, Duty, GeneralPart, Item,
                      JobDescription, LanguageRequirement, Provenance, Requirements, Signature,
                      SpecialConditions, TitleList, Unit)
    from .text import CEFR_LEVELS, POSITION_GROUPS, SPECIAL_LABELS, illegal_char

_WHERE = {
    **dict.fromkeys(("Block", "Named", "Preset", "Ref", "Variant"), "blocks"),
    **dict.fromkeys(("Directive", "LegalAct", "Provision", "Repeal", "Style"), "directive"),
    **dict.fromkeys(("AdditionalCompetency", "Approval", "Competency", "Duty", "GeneralPart",
                     "Item", "JobDescription", "LanguageRequirement", "Provenance",
                     "Requirements", "Signature", "SpecialConditions", "TitleList", "Unit"),
                    "job"),
    **dict.fromkeys(("CEFR_LEVELS", "POSITION_GROUPS", "SPECIAL_LABELS", "illegal_char"), "text"),
}

__all__ = sorted(_WHERE)
__getattr__ = lazy.exports(__name__, _WHERE, ("blocks", "directive", "job", "text"))
