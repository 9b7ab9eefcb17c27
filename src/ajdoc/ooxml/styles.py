"""A document's paragraph styles, looked up as python-docx looks them up, from styles.xml.

A paragraph is a list item when its style, or a style that style is based on, has numbering or a
list style's name. Word writes hundreds of styles into styles.xml (the package's largest part,
often), and a document uses a few: ``Styles.of_part`` indexes the styles by the start tags of
their elements and parses only the styles a lookup reaches, each on its own, with the part's
namespace declarations. The part has been checked well-formed before (``ooxml.safety``); where
its text is not the plain form Word writes (not UTF-8, the Word namespace not declared once on
the root, comments, character data sections or processing instructions in it, entities or line
breaks in the attributes read, a style element inside another) the whole part is parsed instead.
(Word's schema puts style elements only in the root, where python-docx looks for them.)
"""

from __future__ import annotations

import re
from typing import Iterator, Optional, Union

from lxml import etree

from . import W_NS

_W = f"{{{W_NS}}}"
_STYLE, _STYLE_ID, _TYPE, _DEFAULT, _NAME, _BASED_ON, _PPR, _NUMPR, _VAL = (
    _W + t for t in ("style", "styleId", "type", "default", "name", "basedOn", "pPr", "numPr",
                     "val"))
_LIST_NAME = re.compile(r"\b(Bullet|List Number)\b")
_ON = ("1", "true", "on")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
# the XML declaration (UTF-8, or none) and the root's start tag
_HEAD = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml\s[^>]*?\?>)?\s*<(?:([A-Za-z_][\w.-]*):)?styles"
                   rb"((?:\s[^>]*)?)>")
_ENCODING = re.compile(rb"encoding\s*=\s*[\"']([^\"']*)[\"']")
_AFTER_NAME = (b" ", b"\t", b"\n", b"\r", b"/", b">")
_ATTR = re.compile(rb"\s*([\w.:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
# a start tag's attributes as Word writes them: double quotes, no entity, no line break
_PAIR = re.compile(rb"\s+([\w.:-]+)=\"([^\"&<\t\n\r]*)\"")
_TAG = re.compile(rb"(?:\s+[\w.:-]+=\"[^\"&<\t\n\r]*\")*\s*(/?)")


class _Block:
    """A style element's place in the part, and the attributes of its start tag."""

    __slots__ = ("start", "end", "attrs", "element")

    def __init__(self, start: int, end: int, attrs: dict[str, str]):
        self.start, self.end, self.attrs = start, end, attrs
        self.element: Optional[etree._Element] = None


Style = Union[_Block, etree._Element]


class Styles:
    """The document's paragraph styles: a style id unknown, or not a paragraph style's, is the
    default paragraph style (python-docx's ``Styles.get_by_id``)."""

    def __init__(self, root: Optional[etree._Element]):
        self._data = b""
        self._wrap = (b"", b"")
        self._by_id: dict[str, Style] = {}
        self._default: Optional[Style] = None
        self._lists: dict[Optional[str], bool] = {}
        styles: list[Style] = list(root.iterchildren(_STYLE)) if root is not None else []
        self._index(styles)

    @classmethod
    def of_part(cls, data: bytes) -> "Styles":
        """The styles of styles.xml's bytes (checked well-formed), indexed (see the module)."""
        found = _blocks(data)
        if found is None:
            return cls(etree.fromstring(data, _PARSER))
        made = cls(None)
        made._data, made._wrap, blocks = data, found[0], found[1]
        made._index(blocks)
        return made

    def _index(self, styles: list[Style]) -> None:
        for s in styles:
            sid = _attr(s, _STYLE_ID)
            if sid is not None:
                self._by_id.setdefault(sid, s)
        defaults = [s for s in styles if _attr(s, _TYPE) == "paragraph" and
                    _attr(s, _DEFAULT) in _ON]
        self._default = defaults[-1] if defaults else None

    def is_list(self, style_id: Optional[str]) -> bool:
        """Whether paragraphs of this style are list items: it, or a style it is based on, has
        numbering or a list style's name ("List Bullet", "List Number 2", …)."""
        if style_id not in self._lists:
            self._lists[style_id] = any(_list_style(s) for s in self._chain(style_id))
        return self._lists[style_id]

    def _chain(self, style_id: Optional[str]) -> Iterator[etree._Element]:
        style = self._by_id.get(style_id) if style_id is not None else None
        if style is None or _attr(style, _TYPE) != "paragraph":
            style = self._default
        seen: set[int] = set()
        while style is not None and id(style) not in seen:
            seen.add(id(style))
            element = self._element(style)
            yield element
            based = element.find(_BASED_ON)
            base_id = based.get(_VAL) if based is not None else None
            style = self._by_id.get(base_id) if base_id is not None else None

    def _element(self, style: Style) -> etree._Element:
        if not isinstance(style, _Block):
            return style
        if style.element is None:  # the style alone, in the root's namespaces
            text = self._wrap[0] + self._data[style.start:style.end] + self._wrap[1]
            style.element = etree.fromstring(text, _PARSER)[0]
        return style.element


def _attr(style: Style, name: str) -> Optional[str]:
    if isinstance(style, _Block):
        return style.attrs.get(name)
    return style.get(name)


def _list_style(style: etree._Element) -> bool:
    ppr = style.find(_PPR)
    if ppr is not None and ppr.find(_NUMPR) is not None:
        return True
    name = style.find(_NAME)
    return _LIST_NAME.search(name.get(_VAL, "") if name is not None else "") is not None


def _blocks(data: bytes) -> Optional[tuple[tuple[bytes, bytes], list[Style]]]:
    """The root's start and end tags and each style element's block, or None when the part is
    not in the plain form this reads (see the module)."""
    head = _HEAD.match(data)
    if head is None or head.group(1) is None:
        return None
    declaration = data[:head.start(2)]
    encoding = _ENCODING.search(declaration)
    if encoding is not None and encoding.group(1).lower() not in (b"utf-8", b"utf8"):
        return None
    prefix = head.group(1)
    spaces = [m for m in _ATTR.finditer(head.group(2)) if m.group(1).startswith(b"xmlns")]
    bound = [m.group(1) for m in spaces if (m.group(2) or m.group(3) or "") == W_NS.encode()]
    if bound != [b"xmlns:" + prefix]:
        return None
    rest = head.end()
    if any(data.find(mark, rest) >= 0 for mark in (b"xmlns", b"<!", b"<?")):
        return None
    opening, closing = b"<" + prefix + b":style", b"</" + prefix + b":style"
    own = prefix + b":"  # the Word namespace's attributes, by their names as lxml gives them
    blocks: list[Style] = []
    at = data.find(opening, rest)
    while at >= 0:
        name_end = at + len(opening)
        if data[name_end:name_end + 1] not in _AFTER_NAME:  # another name: <w:styleLink…
            at = data.find(opening, name_end)
            continue
        tag_end = data.find(b">", name_end)
        attrs, tail = _attrs(data[name_end:tag_end])
        if attrs is None:
            return None
        if tail == b"/":
            end = tag_end + 1
        else:
            close = data.find(closing, tag_end)
            close_end = data.find(b">", close) if close >= 0 else -1
            if close < 0 or data[close + len(closing):close_end].strip() or \
                    0 <= data.find(opening, tag_end, close):
                return None  # unclosed, or a style element inside another
            end = close_end + 1
        blocks.append(_Block(at, end, {_W + k[len(own):].decode(): v
                                       for k, v in attrs.items() if k.startswith(own)}))
        at = data.find(opening, end)
    wrap = (data[head.start():head.end()], b"</" + prefix + b":styles>")
    return wrap, blocks


def _attrs(text: bytes) -> tuple[Optional[dict[bytes, str]], bytes]:
    """The attributes of a start tag's text (after its name), and what ends it ("/" or "");
    None when it holds what this does not read (an entity, a line break in a value)."""
    whole = _TAG.fullmatch(text)
    if whole is None:
        return None, b""
    return {k: v.decode("utf-8") for k, v in _PAIR.findall(text)}, whole.group(1)
