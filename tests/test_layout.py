"""The shape of the code: modules of a readable size, no import cycles, no agency or document
wording in Python, one docstring line opening every module and package."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from ruamel.yaml import YAML

SRC = Path(__file__).resolve().parents[1] / "src" / "ajdoc"
MAX_LINES = 600
MODULES = sorted(SRC.rglob("*.py"))


def _name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The ajdoc modules `path` imports anywhere (module level or inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    me = _name(path)
    package = me if path.name == "__init__.py" else me.rsplit(".", 1)[0]
    known = {_name(p) for p in MODULES}
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.split(".")[0] == "ajdoc"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if mod.split(".")[0] != "ajdoc":
                continue
            for alias in node.names:  # `from . import x` names a module
                sub = f"{mod}.{alias.name}"
                out.add(sub if sub in known else mod)
    return {m for m in out if m in known and m != me}


def test_no_module_is_longer_than_the_limit():
    long = {str(p.relative_to(SRC)): n for p in MODULES
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_no_import_cycle_between_modules():
    graph = {_name(p): _imports(p) for p in MODULES}
    # a package's __init__ re-exporting its own modules is not a cycle with them
    for mod, deps in graph.items():
        graph[mod] = {d for d in deps if not (d.startswith(mod + ".") and mod in graph)}
    for mod in graph:
        graph[mod] = {d for d in graph[mod]
                      if not (mod.startswith(d + ".") and (SRC.parent / Path(*d.split("."))
                                                          / "__init__.py").exists())}
    index, low, stack, on, cycles = {}, {}, [], set(), []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in graph:
        if v not in index:
            strong(v)
    assert not cycles, f"import cycles: {cycles}"


def test_every_module_and_package_opens_with_a_docstring():
    missing = [str(p.relative_to(SRC)) for p in MODULES
               if not (ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) or "").strip()]
    assert not missing, f"no opening docstring: {missing}"


def _literals(path: Path) -> list[tuple[int, str]]:
    """String literals that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docs.add(id(body[0].value))
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


def _wording() -> set[str]:
    """Agency names, titles and the documents' fixed phrases, as the data files hold them."""
    yaml = YAML(typ="safe", pure=True)
    out: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            text = value.split("{")[0].strip()
            if len(text.split()) >= 2 or text.isupper() and len(text) > 6:
                out.add(text)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for name in ("phrases.yaml", "profiles/ska/profile.yaml"):
        walk(yaml.load((SRC / "data" / name).read_text(encoding="utf-8")))
    defaults = yaml.load((SRC / "data" / "profiles" / "ska" / "profile.yaml").read_text(encoding="utf-8"))
    out |= {defaults["agency"], defaults["signer_title"]}
    return out


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_agency_name_or_document_wording_in_python(path):
    wording = _wording()
    def holds(text: str, phrase: str) -> bool:  # one word: as written; a phrase: in any case
        return phrase in text if " " not in phrase else phrase.casefold() in text.casefold()

    found = [(line, text) for line, text in _literals(path) for phrase in wording
             if holds(text, phrase)]
    assert not found, f"wording that belongs in data/: {found}"
