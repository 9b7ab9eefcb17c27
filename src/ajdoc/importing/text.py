"""The importer's text forms: a paragraph as one clean line, a label's key, the words compared."""

from __future__ import annotations

import functools
import re
import threading
from collections import OrderedDict
from functools import lru_cache
from typing import Any, Callable, TypeVar, Union

from .. import resources
from ..library import Named
from ..textdiff import BULLET_CHARS

BULLET_RE = re.compile(f"^[{BULLET_CHARS}]\\s*")
_SPACES = re.compile(r"\s+")
NUMBER_RE = re.compile(r"^(\d+)\.(\d+)(\.?)(?:\s+|$)(.*)$", re.S)  # "3.1 Text", "3.12. Text"

Item = Union[str, Named]


def importing_data() -> dict[str, Any]:
    """What the importer reads besides the printed phrases (``data/importing.yaml``)."""
    return dict(resources.data("importing.yaml"))


@lru_cache(maxsize=1)
def _hyphen_break() -> re.Pattern[str]:
    """A hyphen at a line break that joins the word (not before a conjunction: "laste- ja")."""
    words = "|".join(re.escape(w) for w in importing_data()["hyphen_conjunctions"])
    return re.compile(rf"-[ \t]*\n\s*(?!(?:{words})\b)(?=\w)")


def clean(text: str) -> str:
    """One line of text: line breaks inside a sentence joined (a hyphen at a break kept and the
    word joined), tabs and repeated spaces made one space."""
    text = text.replace("\u00ad", "").replace("\u00a0", " ").replace("\r", "\n")
    if "\n" in text:  # (the hyphen's pattern holds a line break)
        text = _hyphen_break().sub("-", text)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=4096)
def norm_label(text: str) -> str:
    """A heading or label as a key: its number and colon dropped, spaces made one, case folded."""
    t = re.sub(r"^\s*\d+(?:\.\d+)*\.?\s*", "", text or "")
    t = t.strip().rstrip(":").strip()
    return re.sub(r"\s+", " ", t).casefold()


def words(text: str) -> list[str]:
    """The words two texts are compared by: case, quotes, hyphens and bullets evened out."""
    t = (text or "").casefold().replace("\u00ad", "")
    t = re.sub("[\u201e\u201c\u201d\u00ab\u00bb'\u2019]", '"', t)
    t = t.replace("-", "").replace("\u2013", " ")
    t = re.sub(f"[{BULLET_CHARS}]", " ", t)
    return t.split()


def short(text: str, n: int = 60) -> str:
    """A quote for a report line: the text, cut to `n` characters."""
    return text if len(text) <= n else text[: n - 1] + "…"


def split_named(text: str) -> Item:
    """"Name: text" as a named item (an additional competency), else the text."""
    name, sep, rest = text.partition(": ")
    if sep and rest and len(name.split()) <= 12 and not name.endswith("."):
        return Named(rest, name)
    return Named(text)


def text_of(item: Item) -> str:
    """An item as the document prints it."""
    if isinstance(item, Named):
        return f"{item.name}: {item.text}" if item.name else item.text
    return item


K = TypeVar("K")
V = TypeVar("V")


def per_object(build: Callable[[K], V]) -> Callable[[K], V]:
    """`build` computed once per object (a profile, a library): the cache holds the object, so
    that its id stays its own, and a profile folder read again when it changed is a new object.
    Shared by threads."""
    cache: OrderedDict[int, tuple[K, V]] = OrderedDict()
    lock = threading.Lock()

    @functools.wraps(build)
    def get(obj: K) -> V:
        with lock:
            hit = cache.get(id(obj))
            if hit is not None and hit[0] is obj:
                return hit[1]
        value = build(obj)
        with lock:
            cache[id(obj)] = (obj, value)
            while len(cache) > 16:
                cache.popitem(last=False)
        return value

    return get
