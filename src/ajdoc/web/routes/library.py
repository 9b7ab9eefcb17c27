"""The library page: blocks with their versions and variants (text in full), presets with what
each inherits, and for each block the role files that use it (`ajdoc where-used`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ... import resources, where_used
from ...library import SECTIONS, Block, Library, Named, Ref
from ...errors import AjdocError, Place
from ..base import web_of
from ..files import Workspace


@attrs.frozen
class BlockRow:
    """A line of the block list."""

    id: str
    title: str
    kind: str
    versions: tuple[int, ...]
    variants: tuple[str, ...]
    user: bool


def origin(ws: Workspace, block: Block) -> str:
    """Where a block was read from: "" for the built-in library, else the user's file."""
    path = Path(block.origin)
    if path.resolve().is_relative_to(resources.data_path().resolve()):
        return ""
    return ws.rel(path)


def item_text(item: str | Named) -> str:
    """A list item as shown: "name: text" for a named additional competency."""
    if isinstance(item, Named):
        return f"{item.name}: {item.text}" if item.name else item.text
    return item


def block_rows(ws: Workspace, lib: Library) -> list[BlockRow]:
    rows = []
    for bid in lib.block_ids():
        b = lib.block(bid)
        rows.append(BlockRow(bid, b.title, b.kind, tuple(lib.versions(bid)), tuple(b.variants),
                             bool(origin(ws, b))))
    return rows


def preset_rows(lib: Library) -> list[dict[str, Any]]:
    out = []
    for pid in lib.preset_ids():
        p = lib.preset(pid)
        out.append({"id": pid, "title": p.title, "chain": p.chain[1:],
                    "group": p.position_group, "description": p.description})
    return out


async def index(request: Request) -> Response:
    web = web_of(request)
    lib = await web.work(web.ws.library)
    return web.html(request, "library.html", blocks=block_rows(web.ws, lib),
                    presets=preset_rows(lib))


async def block(request: Request) -> Response:
    web = web_of(request)
    bid = request.path_params["bid"]
    lib = await web.work(web.ws.library)
    ref = Ref.parse(bid, Place(key="block"))
    lib.block(Ref(ref.id), Place(key="block"))  # an unknown id says so
    versions = [lib.block(Ref(ref.id, None, v)) for v in reversed(lib.versions(ref.id))]
    used = await web.work(where_used, ref.id, web.ws.root, lib)
    uses = [{"rel": web.ws.rel(u.path), "title": u.title, "ref": u.ref, "via": u.via,
             "pin": u.pin, "outdated": u.outdated, "edited": u.edited, "latest": u.latest}
            for u in used.uses]
    return web.html(request, "block.html", versions=versions, bid=ref.id, uses=uses,
                    problems=[f"{web.ws.rel(p.path)}: {p.message}" for p in used.errors],
                    origin=lambda b: origin(web.ws, b), item_text=item_text)


def _section_refs(value: Any) -> list[tuple[str, str]]:
    """A preset section's references as (text, block id; "" for the role's own duties)."""
    refs = value if isinstance(value, tuple) else (value,)
    return [(str(r), r.id if isinstance(r, Ref) else "") for r in refs]


async def preset(request: Request) -> Response:
    web = web_of(request)
    pid = request.path_params["pid"]
    lib = await web.work(web.ws.library)
    if pid not in lib.preset_ids():
        raise AjdocError(f"unknown preset '{pid}'", Place(key="preset"))
    p = lib.preset(pid)
    sections = [(name, _section_refs(p.sections[name])) for name in SECTIONS
                if name in p.sections]
    return web.html(request, "preset.html", p=p, sections=sections,
                    by_group=sorted(p.by_group.items()))


ROUTES = [Route("/library", index), Route("/library/block/{bid}", block),
          Route("/library/preset/{pid}", preset)]
