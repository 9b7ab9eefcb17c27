"""Test helpers: a DOCX's text in reading order and a word similarity like ../shared/tools/textsim.py.

The similarity is the F1 score of word 5-gram multisets after dropping bullet glyphs, dashes, table
pipes and letter case, as the seed texts were extracted.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from xml.etree import ElementTree as etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data: bytes, headers: bool = True) -> str:
    """Paragraph and table-cell text of headers (unless `headers` is false) then body, in
    document order."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = sorted(n for n in z.namelist() if re.fullmatch(r"word/header\d*\.xml", n))
        headers_ = names if headers else []
        for part in headers_ + ["word/document.xml"]:
            root = etree.fromstring(z.read(part))
            for p in root.iter(W + "p"):
                texts = []
                for node in p.iter():
                    tag = node.tag.rsplit("}", 1)[-1]
                    if tag == "t" and node.text:
                        texts.append(node.text)
                    elif tag == "tab":
                        texts.append("\t")
                    elif tag in ("br", "cr"):
                        texts.append("\n")
                out.append("".join(texts))
    return "\n".join(out)


def words(text: str) -> list[str]:
    text = re.sub(r"[\ue000-\uf8ff\u2022\u25aa\u25cf\u2013\u2014|]", " ", text)
    text = re.sub(r"[\u00a0\u2007\u202f\t]", " ", text)
    return [w.lower() for w in text.split() if w.strip("-•·")]


def start_at(ws: list[str], heading: str | None) -> list[str]:
    if not heading:
        return ws
    target = words(heading)
    for i in range(len(ws) - len(target) + 1):
        if ws[i:i + len(target)] == target:
            return ws[i:]
    raise AssertionError(f"heading {heading!r} not found")


def similarity(reference: str, document: str, heading: str | None = None, n: int = 5) -> float:
    a, b = start_at(words(reference), heading), start_at(words(document), heading)
    ca = Counter(tuple(a[i:i + n]) for i in range(max(len(a) - n + 1, 1)))
    cb = Counter(tuple(b[i:i + n]) for i in range(max(len(b) - n + 1, 1)))
    common = sum((ca & cb).values())
    if not common:
        return 0.0
    p, r = common / sum(cb.values()), common / sum(ca.values())
    return 2 * p * r / (p + r)
