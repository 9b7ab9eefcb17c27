"""The library commands: `blocks` (the blocks, or one with its variants), `presets`, and the
agency profiles: `profiles` (the built-in ones) and `profile new` (a new profile folder)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from .. import profiles as profiles_api
from .. import resources
from ..errors import Place
from ..library import Block, Library, Named, Ref, load_library
from .echo import warn
from .options import PathArg, library_option, profile_option


def _item_text(item: str | Named) -> str:
    """A list item as printed: "name: text" for a named additional competency."""
    if isinstance(item, Named):
        return f"{item.name}: {item.text}" if item.name else item.text
    return item


def _show_block(b: Block, variant: Optional[str], place: Place) -> None:
    """One version of a block: its title, origin and each variant's texts."""
    variants = {variant: b.variant(variant, place)} if variant else b.variants
    click.echo(f"{b.id}@{b.version}  ({b.kind}) {b.title}")
    if b.description:
        click.echo(f"  {b.description}")
    click.echo(f"  from {b.origin}")
    for name, v in variants.items():
        mark = " (default)" if name == b.default else ""
        click.echo(f"  variant {name}{mark}" + (f"  [seed {v.source}]" if v.source else ""))
        if v.text:
            click.echo(f"    {v.text}")
        for it in v.subitems:
            click.echo(f"    sh: {it}")
        for it in v.items:
            click.echo(f"    • {_item_text(it)}")
        for it in v.results:
            click.echo(f"    → {it}")


def _list_blocks(lib: Library) -> None:
    for bid in lib.block_ids():
        b = lib.block(bid)
        versions = ",".join(map(str, lib.versions(bid)))
        click.echo(f"{bid:32} v{versions:5} {b.kind:11} {', '.join(b.variants)}")


@click.command()
@click.argument("block_id", required=False)
@library_option()
@profile_option()
def blocks(block_id: Optional[str], libraries: tuple[Path, ...], profile: Optional[str]) -> None:
    """List the library's blocks, or show one block with its variants and versions."""
    lib = load_library(libraries, profile)
    if not block_id:
        _list_blocks(lib)
        return
    place = Place(key="BLOCK_ID")
    ref = Ref.parse(block_id, place)
    lib.block(ref, place)  # an unknown id or version says so
    versions = [ref.version] if ref.version else lib.versions(ref.id)
    for version in versions:
        _show_block(lib.block(Ref(ref.id, None, version)), ref.variant, place)


@click.command()
@library_option()
@profile_option()
def presets(libraries: tuple[Path, ...], profile: Optional[str]) -> None:
    """List the presets with what each extends."""
    lib = load_library(libraries, profile)
    for pid in lib.preset_ids():
        p = lib.preset(pid)
        ext = f" (extends {p.extends})" if p.extends else ""
        click.echo(f"{pid:22} {p.title}{ext}")


@click.command()
def profiles() -> None:
    """List the built-in agency profiles (a folder of your own works wherever --profile does)."""
    for name, folder in resources.builtin_profiles().items():
        prof = resources.profile(name)
        default = " (default)" if name == resources.DEFAULT_PROFILE else ""
        click.echo(f"{name:16} {prof.agency}{default}  layouts: {', '.join(prof.layout_names())}")


@click.group()
def profile() -> None:
    """Work with agency profiles."""


@profile.command("new")
@click.argument("folder", type=PathArg)
@click.option("--from", "source", default=resources.DEFAULT_PROFILE, show_default=True,
              help="The profile to start from: a built-in one's name or a profile folder.")
@click.option("--agency", help="The new profile's agency name (in the nominative).")
def profile_new(folder: Path, source: str, agency: Optional[str]) -> None:
    """Write a new profile FOLDER, a copy of another profile to edit: profile.yaml, layouts.yaml,
    phrases.yaml, blocks/, presets/ (and templates/ when the source has its own)."""
    for path in profiles_api.new_profile(folder, source, agency):
        click.echo(f"wrote {path}")


@profile.command("check")
@click.argument("folder", type=PathArg)
def profile_check(folder: Path) -> None:
    """Check a profile FOLDER: its files read, its library composes, its layouts name known
    fields and templates that exist."""
    summary, warnings = profiles_api.check_profile(folder)
    for w in warnings:
        warn(w)
    click.echo(summary)
