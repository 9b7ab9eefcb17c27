"""The template context's reference: every variable a template may use, its type and an example,
made from the declared context types and the examples' rendering (docs/template-context.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints, is_typeddict

from ..compose import load_directive, load_role
from .context import DirectiveContext, JobContext, directive_context, job_context

HEADER = """# The template context

Every variable a Word template may print, its type and an example taken from the examples
(`examples/teenuse-juht.yaml` in the 2022 layout; `examples/kaskkiri-183.yaml` for a directive).
The values are plain text: ajdoc escapes them, and turns a line break into a Word line break.
Lists are looped over with `{%p for x in list %}` (docxtpl's paragraph tags) or indexed
(`signatures[0].label`); Jinja's filters work as usual (`{{ g.title|upper }}`). A directive's
combined template also loops over `annexes`, each a job-description context.
`ajdoc template check FILE.docx` compares a template with this list. This file is made by
`python -m ajdoc.rendering.reference` and a test keeps it current.
"""


def _type_name(hint: Any) -> str:
    if is_typeddict(hint):
        return "mapping"
    if get_origin(hint) is list:
        return f"list of {_type_name(get_args(hint)[0])}"
    if get_origin(hint) is dict:
        return "mapping of text"
    args = [a for a in get_args(hint) if a is not type(None)]
    if args:
        return " or ".join(_type_name(a) for a in args) + (
            " or nothing" if len(args) < len(get_args(hint)) else "")
    return {str: "text", bool: "true/false", int: "number"}.get(hint, getattr(
        hint, "__name__", str(hint)))


def _example(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return f"{len(value)} item(s)" if value and isinstance(value[0], dict) else (
            _short(repr(list(value[:2]))) if value else "[]")
    if isinstance(value, dict):
        return "…"
    return _short(repr(value))


def _short(text: str, n: int = 70) -> str:
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= n else text[: n - 1] + "…"


def _rows(hint: Any, value: Any, prefix: str) -> list[tuple[str, str, str]]:
    rows = []
    for name, sub in get_type_hints(hint).items():
        path = f"{prefix}{name}"
        val = value.get(name) if isinstance(value, dict) else None
        rows.append((path, _type_name(sub), _example(val)))
        if is_typeddict(sub):
            rows += _rows(sub, val or {}, path + ".")
        elif get_origin(sub) is list and is_typeddict(get_args(sub)[0]):
            first = val[0] if val else {}
            rows += _rows(get_args(sub)[0], first, path + "[].")
        elif get_origin(sub) is dict and isinstance(val, dict):
            rows += [(f"{path}.{k}", "text", _example(v)) for k, v in list(val.items())]
    return rows


def reference(examples: Path) -> str:
    """The reference text, with examples from the `examples` folder."""
    job = job_context(load_role(examples / "teenuse-juht.yaml"), "2022")
    directive = directive_context(load_directive(examples / "kaskkiri-183.yaml"))
    out = [HEADER]
    for title, hint, value in (("A job description", JobContext, job),
                               ("A directive", DirectiveContext, directive)):
        out += [f"\n## {title}\n", "| variable | type | example |", "| --- | --- | --- |"]
        out += [f"| `{p}` | {t} | {e} |" for p, t, e in _rows(hint, value, "")
                if not p.startswith("annexes")]
    out.append("\nIn a combined directive template: `annexes`, a list of job-description "
               "contexts (above), printed inside `{%p for a in annexes %}` as `a.duties`, … .\n")
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover - `python -m ajdoc.rendering.reference`
    root = Path(__file__).resolve().parents[3]
    (root / "docs" / "template-context.md").write_text(reference(root / "examples"),
                                                       encoding="utf-8")
