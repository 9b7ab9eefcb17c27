"""ajdoc: Estonian public-sector job descriptions (ametijuhend) and their approving directives.

The public API (imported lazily, so `import ajdoc` stays light):
``load_role``, ``role_from_dict``, ``render``, ``render_role``, ``explain``, ``write_scaffold``,
the model classes (``JobDescription``, ``Duty``, …), ``Library``/``load_library`` and
``AjdocError``.
"""

from __future__ import annotations

__version__ = "0.1.0"

_API = {
    "load_role": "api", "role_from_dict": "api", "render": "api", "render_role": "api",
    "explain": "api", "write_scaffold": "api", "load_directive": "api",
    "directive_files": "api", "write_directive": "api", "Directive": "model", "Repeal": "model",
    "Library": "library", "load_library": "library",
    "AjdocError": "errors", "Place": "errors",
    "JobDescription": "model", "GeneralPart": "model", "Unit": "model", "Duty": "model",
    "Item": "model", "Provenance": "model", "Requirements": "model",
    "LanguageRequirement": "model", "Competency": "model", "AdditionalCompetency": "model",
    "Approval": "model", "Signature": "model", "SpecialConditions": "model",
    "TitleList": "model",
}

__all__ = sorted(_API)


def __getattr__(name: str):
    if name in _API:
        import importlib

        return getattr(importlib.import_module(f".{_API[name]}", __name__), name)
    raise AttributeError(f"module 'ajdoc' has no attribute {name!r}")
