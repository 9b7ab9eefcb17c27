"""User blocks: competency sets no library block names, kept in library/blocks/imported.yaml.

An import makes one (`user_block`), a batch merges them (`merge_blocks`), the one YAML writer
writes them (`blocks_yaml`) and `library_with` layers them over a library to compose the roles
that use them.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path
from typing import Any, Iterable, Sequence, Union

from .. import resources, yamlio
from ..library import Library, load_library
from ..schema.core import read
from ..schema.library import BlockFileSpec
from ..yamlwrite import commented, dump

LibraryArg = Union[Library, Sequence[Union[Path, str]], None]


def slug(text: str) -> str:
    """A name for an id or a file: lower-case ASCII letters and digits joined by "-"."""
    table = str.maketrans("õäöüšžÕÄÖÜŠŽ", "oaouszOAOUSZ")
    s = re.sub(r"[^a-z0-9]+", "-", text.translate(table).lower()).strip("-")
    return s or "x"


def user_block(name: str, indicators: list[str], stem: str, source: str) -> dict[str, Any]:
    """A competency block for a set whose name no library block has."""
    digest = hashlib.sha1("\n".join(indicators).encode("utf-8")).hexdigest()[:6]
    return {"id": f"imported.competency.{slug(name)}", "version": 1, "kind": "competency",
            "title": name,
            "description": "Imported by `ajdoc import`: no library block has this name.",
            # the items' digest in the name: two imports never give one name to different items
            "variants": {f"{slug(stem)}-{digest}": {"source": source,
                                                    "items": list(indicators)}}}


def merge_blocks(blocks: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """User blocks of several imports as one list: one block per id with the variants of all
    (a variant name carries its items' digest, so equal names hold equal items)."""
    out: dict[str, dict[str, Any]] = {}
    for b in blocks:
        cur = out.setdefault(b["id"], {k: v for k, v in b.items() if k != "variants"}
                             | {"variants": {}})
        for name, v in b["variants"].items():
            cur["variants"].setdefault(name, v)
    return list(out.values())


def blocks_yaml(blocks: Sequence[dict[str, Any]]) -> str:
    """The user blocks as a commented block file (library/blocks/imported.yaml)."""
    data = commented({"blocks": list(blocks)})
    data.yaml_set_start_comment("Blocks written by `ajdoc import` for competency sets that match "
                                "no library block.\nUse them with --library (this folder's "
                                "parent).")
    return dump(data)


def as_library(library: LibraryArg, profile: resources.ProfileArg = None) -> Library:
    """A Library, or the profile's (the default one's) with the given folders over it; a
    Library of another profile than the one given is read again in that profile."""
    if isinstance(library, Library):
        if profile is None or resources.profile(profile) == library.profile:
            return library
        return load_library(library.folders, profile)
    return load_library(library or (), profile)


def library_with(library: LibraryArg, blocks: list[dict[str, Any]]) -> Library:
    """The library (or the built-in one with these folders) with the user blocks over it."""
    base = as_library(library)
    if not blocks:
        return base
    with tempfile.TemporaryDirectory(prefix="ajdoc-import-") as tmp:
        folder = Path(tmp)
        (folder / "blocks").mkdir()
        (folder / "blocks" / "imported.yaml").write_text(blocks_yaml(blocks), encoding="utf-8")
        return Library(list(base.folders) + [folder], profile=base.profile)


def merged_blocks_text(path: Path, new: Iterable[dict[str, Any]]) -> bytes:
    """The text of the user block file `path` (library/blocks/imported.yaml) with `new` blocks
    merged into the ones it holds (read as any user file, and checked as a block file first)."""
    old: list = []
    if path.exists():
        node = yamlio.load(path)
        read(BlockFileSpec, node)
        old = list(node.value.get("blocks") or [])
    return blocks_yaml(merge_blocks(old + list(new))).encode("utf-8")
