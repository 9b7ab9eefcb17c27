"""ajdoc: Estonian public-sector job descriptions (ametijuhend) and their approving directives.

The public API, imported lazily so that `import ajdoc` stays light: see ``__all__`` and the
README's "Python API". The Estonian terms and their code names: docs/glossary.md.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name → the module that defines it
_API = {
    "load_role": "api", "role_from_dict": "api", "render": "api", "render_role": "api",
    "explain": "api", "provenance": "api", "write_scaffold": "api", "load_directive": "api",
    "directive_files": "api", "write_directive": "api",
    "check": "api", "check_unit": "api", "import_document": "api", "import_folder": "api",
    "import_combined_directive": "api", "diff": "api", "redline_document": "api",
    "where_used": "api", "plan_upgrade": "api", "write_upgrade": "api",
    "draft_amending_directive": "api", "to_pdf": "api", "preview": "api", "write_asice": "api",
    "Checked": "checks.findings", "Warning": "checks.findings", "UnitReport": "checks.unit",
    "ImportResult": "importing", "Comparison": "compare", "Verdict": "compare",
    "WhereUsed": "lifecycle", "UpgradePlan": "lifecycle",
    "Library": "library", "load_library": "library",
    "AjdocError": "errors", "Place": "errors",
    "ProvenanceRow": "compose.provenance",
    "JobDescription": "model", "GeneralPart": "model", "Unit": "model", "Duty": "model",
    "Item": "model", "Provenance": "model", "Requirements": "model",
    "LanguageRequirement": "model", "Competency": "model", "AdditionalCompetency": "model",
    "Approval": "model", "Signature": "model", "SpecialConditions": "model",
    "TitleList": "model", "Directive": "model", "Repeal": "model",
    "Block": "model", "Variant": "model", "Named": "model", "Ref": "model", "Preset": "model",
    "Style": "model", "LegalAct": "model", "Provision": "model",
    "LayoutWarning": "rendering.context",
    "Profile": "resources", "load_profile": "api", "new_profile": "profiles",
    "check_profile": "profiles",
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(importlib.import_module(f".{_API[name]}", __name__), name)
    raise AttributeError(f"module 'ajdoc' has no attribute {name!r}")
