"""The model: pure attrs value classes for job descriptions, directives, blocks and presets.

The Estonian terms and their code names are in the glossary (docs/glossary.md).
"""

from .blocks import Block, Named, Preset, Ref, Variant
from .directive import Directive, LegalAct, Provision, Repeal, Style
from .job import (AdditionalCompetency, Approval, Competency, Duty, GeneralPart, Item,
                  JobDescription, LanguageRequirement, Provenance, Requirements, Signature,
                  SpecialConditions, TitleList, Unit)
from .text import CEFR_LEVELS, POSITION_GROUPS, SPECIAL_LABELS, illegal_char

__all__ = ["AdditionalCompetency", "Approval", "Block", "CEFR_LEVELS", "Competency", "Directive",
           "Duty", "GeneralPart", "Item", "LegalAct", "Provision", "Style", "JobDescription", "LanguageRequirement", "Named",
           "POSITION_GROUPS", "Preset", "Provenance", "Ref", "Repeal", "Requirements",
           "SPECIAL_LABELS", "Signature", "SpecialConditions", "TitleList", "Unit", "Variant",
           "illegal_char"]
