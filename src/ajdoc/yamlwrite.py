"""Writing YAML files (role, directive and block files) as a person would: commented, in a fixed
key order, long texts folded, round-trippable by ruamel.yaml. The one YAML writer of the package."""

from __future__ import annotations

import io
import re
from typing import Any, Optional

from ruamel.yaml import YAML
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import ScalarString


class Commented(dict):
    """A dict whose YAML form carries end-of-line comments (key → comment)."""

    def __init__(self, *args: Any, comments: Optional[dict] = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.comments = comments or {}


class _Emitter(Emitter):
    """ruamel's emitter with double-quoted texts kept on one line: its folding of them can break a
    line right after an escape without the backslash that keeps the line break out of the value,
    so that the text read back has a space in it that the data did not have ("a\\b" → "a\\ b").
    Double quotes are ruamel's choice only for a text with a line break, an apostrophe or a
    character that needs escaping; every other text is still folded."""

    def write_double_quoted(self, text: Any, split: Any = True) -> None:
        super().write_double_quoted(text, split=False)


def _yaml() -> Any:
    y = YAML(typ="rt", pure=True)
    y.Emitter = _Emitter
    y.width = 96
    y.indent(mapping=2, sequence=4, offset=2)
    y.allow_unicode = True
    return y


def commented(value: Any) -> Any:
    """Plain dicts and lists as ruamel's commented ones (end-of-line comments of `Commented`;
    language requirements and number lists in flow style)."""
    if isinstance(value, dict):
        cm = CommentedMap()
        for k, v in value.items():
            cm[k] = commented(v)
        for k, text in getattr(value, "comments", {}).items():
            if k in cm:
                cm.yaml_add_eol_comment(text, k)
        if value and set(value) <= {"language", "level", "at_least"} and not any(
                isinstance(v, dict) for v in value.values()):
            cm.fa.set_flow_style()
        return cm
    if isinstance(value, list):
        cs = CommentedSeq(commented(v) for v in value)
        if value and all(isinstance(v, int) for v in value):
            cs.fa.set_flow_style()
        return cs
    if isinstance(value, (int, float)) and type(value) not in (int, float, bool):
        return int(value) if isinstance(value, int) else float(value)  # one read by yamlio
    return value


def dump(data: Any) -> str:
    """The YAML text of `data` (made with `commented`)."""
    buf = io.StringIO()
    _yaml().dump(data, buf)
    text = buf.getvalue()
    stripped = re.sub(r"[ \t]+\n", "\n", text)
    # folded lines end in a space: drop it when the data stays the same
    if stripped != text and (_blanks_are_folding(text, data)
                             or YAML(typ="safe", pure=True).load(stripped) == _plain(data)):
        text = stripped
    return text


def _blanks_are_folding(text: str, data: Any) -> bool:
    """Whether the blanks that end lines of `text` are sure to be no part of any value, so that
    dropping them needs no reading back: in plain and quoted scalars, YAML's line folding discards
    a line's trailing blanks (YAML 1.2, 7.3); only a block scalar (| or >, which ruamel writes only
    for its own scalar-string types) or an escaped blank keeps them."""
    return re.search(r"\\[ \t]+\n", text) is None and not _has_block_scalar(data)


def _has_block_scalar(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_block_scalar(k) or _has_block_scalar(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(_has_block_scalar(v) for v in value)
    return isinstance(value, ScalarString) and getattr(value, "style", None) in ("|", ">")


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
