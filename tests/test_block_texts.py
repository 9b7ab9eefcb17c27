"""Every standard text in the block library occurs word for word in the seed it was taken from.

The seeds (tests/data/seeds/NNN_*.txt) are text extracted from the real PDFs. Extraction adds
bullet glyphs, line breaks inside sentences and page-break blank lines, so both sides are compared
after deleting bullet glyphs (U+E000–U+F8FF, •, ▪, ●) and ALL whitespace. Everything else —
letters, case, punctuation, hyphens — must match character for character, and as whole words: a
text that matches only inside a longer one (first or last letter dropped, final period dropped)
fails. The one exception to the normalisation is a short explicit list of words the PDF hyphenated
at a line end (HYPHENATION_BREAKS), joined in the seed before comparing.

Besides the texts, the block files' structure is checked: required keys, valid kinds, a default
that names a variant, (id, version) unique across all files, sources that name a seed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

_yaml = YAML(typ="safe", pure=True)

HERE = Path(__file__).parent
SEED_DIR = HERE / "data" / "seeds"
BLOCK_DIR = HERE.parent / "src" / "ajdoc" / "data" / "profiles" / "ska" / "blocks"

BLOCK_FILES = (
    "rights.yaml",
    "responsibilities.yaml",
    "work_tools.yaml",
    "requirements.yaml",
    "competencies.yaml",
    "additional.yaml",
    "amendment.yaml",
    "headings.yaml",
    "duties.yaml",
)

KINDS = ("text", "list", "competency", "additional", "duty")
BLOCK_KEYS = {"id", "version", "kind", "title", "description", "default", "variants"}
# The content keys a variant of each kind must / may hold (besides "source", "also" and "for",
# the position groups a variant is written for).
CONTENT_REQUIRED = {
    "text": {"text"},
    "list": {"items"},
    "competency": {"items"},
    "additional": {"items"},
    "duty": {"text"},
}
CONTENT_OPTIONAL = {"duty": {"subitems", "results"}}
ID_RE = re.compile(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")
SEED_RE = re.compile(r"^\d{3}$")

_GLYPHS = re.compile("[\ue000-\uf8ff\u2022\u25aa\u25cf]")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Delete bullet glyphs and all whitespace."""
    return _SPACE.sub("", _GLYPHS.sub("", text))


# Words the PDF hyphenated at a line end ("kommunikatsiooni-" / "tehnoloogiat"): the block holds the
# word whole, so the seed's copy is joined before comparing. Listed one by one, not by rule, because
# most hyphens at a line end are real ("kontoritehnika ja -" / "mööbel", "1-" / "aastane") and stay.
# (seed, first part with its hyphen, second part)
HYPHENATION_BREAKS = (
    ("002", "kommunikatsiooni-", "tehnoloogiat"),
)


def _join_breaks(seed: str, raw: str) -> str:
    for where, head, tail in HYPHENATION_BREAKS:
        if where != seed:
            continue
        pattern = re.compile(re.escape(head) + r"[ \t]*\n\s*" + re.escape(tail))
        raw, count = pattern.subn(head[:-1] + tail, raw)
        assert count, f"seed {seed}: listed line-end hyphenation {head!r}/{tail!r} not found"
    return raw


class Seed:
    """One seed: its raw text (line-end hyphenations joined) and the normalised text, with a map from
    each normalised character back to its position in the raw text."""

    def __init__(self, raw: str):
        self.raw = raw
        chars, pos = [], []
        for i, c in enumerate(raw):
            if c.isspace() or _GLYPHS.match(c):
                continue
            chars.append(c)
            pos.append(i)
        self.norm = "".join(chars)
        self.pos = pos

    def find(self, text: str) -> str | None:
        """None if `text` occurs in the seed as whole words, else why not.

        Whole words: the normalised text must occur, and at one occurrence at least the raw seed must
        not continue a word across either end (so a dropped first or last letter fails) and, if the
        text ends in a letter or digit, the seed must not go on with punctuation (so a dropped final
        period fails)."""
        needle = normalise(text)
        if not needle:
            return "the text is empty once normalised"
        start = self.norm.find(needle)
        if start < 0:
            return "not found"
        while start >= 0:
            end = start + len(needle)  # exclusive, in norm
            raw_start, raw_end = self.pos[start], self.pos[end - 1] + 1
            before = self.raw[raw_start - 1] if raw_start > 0 else " "
            after = self.raw[raw_end] if raw_end < len(self.raw) else " "
            next_char = self.norm[end] if end < len(self.norm) else ""
            ok = not (needle[0].isalnum() and before.isalnum())
            ok = ok and not (needle[-1].isalnum() and after.isalnum())
            ok = ok and not (needle[-1].isalnum() and next_char in ".;:,!?")
            if ok:
                return None
            start = self.norm.find(needle, start + 1)
        return ("found only as part of a longer text (a letter or a punctuation mark of the seed "
                "is missing at the start or end)")


def _load_seeds() -> dict[str, Seed]:
    seeds = {}
    for path in sorted(SEED_DIR.glob("[0-9][0-9][0-9]_*.txt")):
        seed = path.name[:3]
        seeds[seed] = Seed(_join_breaks(seed, path.read_text(encoding="utf-8")))
    return seeds


def _load_blocks() -> list[tuple[str, dict]]:
    """(file name, block) for every block of every block file that exists."""
    out = []
    for name in BLOCK_FILES:
        path = BLOCK_DIR / name
        if not path.exists():
            continue
        data = _yaml.load(path.read_text(encoding="utf-8"))
        for block in (data or {}).get("blocks") or []:
            out.append((name, block))
    return out


SEEDS = _load_seeds()
BLOCKS = _load_blocks()


def block_texts(block: dict, variant: dict) -> list[tuple[str, str]]:
    """(where, text) for every text a variant holds, as the template will print it."""
    kind = block.get("kind")
    out: list[tuple[str, str]] = []
    if kind == "competency":  # the template prints the set's name followed by ":"
        out.append(("title", f"{block.get('title')}:"))
    if kind in ("text", "duty"):
        out.append(("text", variant.get("text")))
    if kind in ("list", "competency", "additional"):
        for i, item in enumerate(variant.get("items") or []):
            if kind == "additional" and isinstance(item, dict):
                name, text = item.get("name"), item.get("text")
                out.append((f"items[{i}]", f"{name}: {text}"))
            else:
                out.append((f"items[{i}]", item))
    if kind == "duty":
        for key in ("subitems", "results"):
            for i, item in enumerate(variant.get(key) or []):
                out.append((f"{key}[{i}]", item))
    return out


def _text_cases():
    cases = []
    for _file, block in BLOCKS:
        variants = block.get("variants") or {}
        for vname, variant in variants.items():
            if not isinstance(variant, dict):
                continue
            seeds = [variant.get("source")] + list(variant.get("also") or [])
            for where, text in block_texts(block, variant):
                for seed in seeds:
                    label = f"{block.get('id')}@{block.get('version')}:{vname}:{where}@{seed}:{str(text)[:50]}"
                    cases.append(pytest.param(block, vname, where, seed, text, id=label))
    return cases


# --- the texts ----------------------------------------------------------------------------------


@pytest.mark.parametrize("block, variant, where, seed, text", _text_cases())
def test_text_occurs_in_seed(block, variant, where, seed, text):
    assert isinstance(text, str) and text.strip(), (
        f"{block['id']} / {variant} / {where}: not a non-empty text: {text!r}")
    assert seed in SEEDS, f"{block['id']} / {variant}: no seed {seed!r} in {SEED_DIR}"
    problem = SEEDS[seed].find(text)
    assert problem is None, f"{block['id']} / {variant} / {where}: seed {seed}: {problem}:\n  {text}"


@pytest.mark.parametrize("block, variant, where, seed, text", _text_cases())
def test_text_is_clean(block, variant, where, seed, text):
    """No extraction noise kept: no line breaks, double spaces, edge spaces or bullet glyphs."""
    assert isinstance(text, str)
    assert text == text.strip(), f"{block['id']} / {variant} / {where}: leading/trailing space: {text!r}"
    assert "\n" not in text and "\t" not in text, f"{block['id']} / {variant} / {where}: line break: {text!r}"
    assert "  " not in text, f"{block['id']} / {variant} / {where}: double space: {text!r}"
    assert not _GLYPHS.search(text), f"{block['id']} / {variant} / {where}: bullet glyph: {text!r}"


# --- the structure ------------------------------------------------------------------------------


def test_seeds_found():
    assert set(SEEDS) >= {"000", "001", "002", "003"}, sorted(SEEDS)


@pytest.mark.parametrize("name", BLOCK_FILES)
def test_block_file_shape(name):
    path = BLOCK_DIR / name
    assert path.exists(), f"missing block file {path}"
    data = _yaml.load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and set(data) == {"blocks"}, f"{name}: must be a mapping with one key 'blocks'"
    assert isinstance(data["blocks"], list) and data["blocks"], f"{name}: 'blocks' must be a non-empty list"


def test_ids_unique():
    seen: dict[tuple, str] = {}
    for file, block in BLOCKS:
        key = (block.get("id"), block.get("version"))
        assert key not in seen, f"{key[0]}@{key[1]} defined in both {seen[key]} and {file}"
        seen[key] = file


@pytest.mark.parametrize(
    "file, block", BLOCKS, ids=[f"{f}:{b.get('id')}@{b.get('version')}" for f, b in BLOCKS])
def test_block_structure(file, block):
    bid = block.get("id")
    missing = BLOCK_KEYS - set(block)
    assert not missing, f"{file}: {bid}: missing keys {sorted(missing)}"
    unknown = set(block) - BLOCK_KEYS
    assert not unknown, f"{file}: {bid}: unknown keys {sorted(unknown)}"
    assert isinstance(bid, str) and ID_RE.match(bid), f"{file}: bad id {bid!r}"
    assert type(block["version"]) is int and block["version"] >= 1, f"{bid}: bad version {block['version']!r}"
    kind = block["kind"]
    assert kind in KINDS, f"{bid}: kind {kind!r} not one of {KINDS}"
    for key in ("title", "description"):
        value = block[key]
        assert isinstance(value, str) and value.strip() and "\n" not in value, f"{bid}: bad {key} {value!r}"
    variants = block["variants"]
    assert isinstance(variants, dict) and variants, f"{bid}: variants must be a non-empty mapping"
    assert isinstance(block["default"], str) and block["default"] in variants, (
        f"{bid}: default {block['default']!r} is not one of the variants {sorted(map(str, variants))}")

    required = CONTENT_REQUIRED[kind]
    allowed = {"source", "also", "for"} | required | CONTENT_OPTIONAL.get(kind, set())
    for vname, variant in variants.items():
        where = f"{bid} / {vname!r}"
        assert isinstance(vname, str) and ID_RE.match(vname), f"{where}: variant name must be a lower-case string"
        assert isinstance(variant, dict), f"{where}: variant must be a mapping"
        missing = ({"source"} | required) - set(variant)
        assert not missing, f"{where}: missing keys {sorted(missing)}"
        unknown = set(variant) - allowed
        assert not unknown, f"{where}: keys {sorted(unknown)} not allowed for kind {kind}"
        source = variant["source"]
        assert isinstance(source, str) and SEED_RE.match(source) and source in SEEDS, (
            f"{where}: source {source!r} must be a seed number as a string, e.g. \"000\"")
        also = variant.get("also", [])
        assert isinstance(also, list), f"{where}: also must be a list"
        for seed in also:
            assert isinstance(seed, str) and seed in SEEDS, f"{where}: also names unknown seed {seed!r}"
        assert source not in also and len(set(also)) == len(also), f"{where}: also repeats a seed"
        groups = variant.get("for", [])
        groups = [groups] if isinstance(groups, str) else groups
        assert set(groups) <= {"ametnik", "töötaja"}, f"{where}: for names unknown groups {groups}"

        if kind in ("text", "duty"):
            assert isinstance(variant["text"], str), f"{where}: text must be a string"
        if kind in ("list", "competency", "additional"):
            items = variant["items"]
            assert isinstance(items, list) and items, f"{where}: items must be a non-empty list"
            for item in items:
                if kind == "additional" and isinstance(item, dict):
                    assert set(item) == {"name", "text"}, f"{where}: additional item keys {sorted(item)}"
                    assert all(isinstance(item[k], str) for k in item), f"{where}: {item!r}"
                else:
                    assert isinstance(item, str), f"{where}: item must be a string: {item!r}"
        if kind == "duty":
            for key in ("subitems", "results"):
                if key in variant:
                    values = variant[key]
                    assert isinstance(values, list) and values, f"{where}: {key} must be a non-empty list"
                    assert all(isinstance(v, str) for v in values), f"{where}: {key} must hold strings"
            if "subitems" in variant:
                assert variant["text"].rstrip(":").endswith("sh"), (
                    f"{where}: a duty with subitems should end with 'sh:' or 'sh'")
