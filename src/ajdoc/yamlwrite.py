"""Writing YAML files (role, directive and block files) as a person would: commented, in a fixed
key order, long texts folded, round-trippable by ruamel.yaml. The one YAML writer of the package."""

from __future__ import annotations

import io
import re
from typing import Any, Optional

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq


class Commented(dict):
    """A dict whose YAML form carries end-of-line comments (key → comment)."""

    def __init__(self, *args: Any, comments: Optional[dict] = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.comments = comments or {}


def _yaml() -> Any:
    y = YAML(typ="rt", pure=True)
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
    if stripped != text and YAML(typ="safe", pure=True).load(stripped) == _plain(data):
        text = stripped
    return text


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
