"""Reading text extracted from a job description into paragraphs and tables.

The text is cut into paragraphs by bullets, duty numbers, headings and labels (the profile's:
``labels.Vocabulary``), with pseudo-tables for the general part and for the rows of a row table
layout.
"""

from __future__ import annotations

import re
from typing import Callable, Optional

from ..textdiff import BULLET_CHARS
from .labels import GENERAL_FIELDS, Vocabulary
from .sources import Element, Para, Table
from .text import BULLET_RE, NUMBER_RE, clean, norm_label


def _split_values(lines: list[str], n: int) -> list[str]:
    """Split the value lines under n side-by-side labels into n values.

    Text extracted from a table runs the cells together; a value starts with a capital letter
    after a word that does not end with a comma, preferring the widest gaps (blank line, several
    spaces, line break, space)."""
    tokens: list[tuple[str, int]] = []  # (word, gap strength before it)
    gap = 3
    for line in lines:
        if not line.strip():
            gap = 3
            continue
        parts = re.split(r"(\s+)", line.strip())
        for i, part in enumerate(parts):
            if i % 2:
                gap = max(gap, 2 if len(part) > 1 else 0)
                continue
            if part:
                tokens.append((part, gap))
                gap = 0
        gap = max(gap, 1)

    def joined(part: list[tuple[str, int]]) -> str:  # a line break kept: clean joins a hyphen
        return "".join(("\n" if g else " ") + w if k else w for k, (w, g) in enumerate(part))

    if n <= 1 or not tokens:
        return [joined(tokens)] + [""] * (n - 1)
    cands = [i for i in range(1, len(tokens))
             if tokens[i][0][:1].isupper() and not tokens[i - 1][0].endswith(",")]
    chosen = sorted(sorted(cands, key=lambda i: -tokens[i][1])[:n - 1])
    bounds = [0] + chosen + [len(tokens)]
    values = [joined(tokens[a:b]) for a, b in zip(bounds, bounds[1:])]
    return values + [""] * (n - len(values))


def text_stream(text: str, vocab: Vocabulary) -> list[Element]:
    """Text extracted from a job description → the stream (pseudo-tables for the general part
    and for the label | value rows of a row table layout)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    lines = text.split("\n")
    only_rows = vocab.row_label_re(only_rows=True)
    seen = {m.group("label").casefold() for m in (only_rows.match(x.strip()) for x in lines)
            if m} if only_rows is not None else set()
    if len(seen) >= 3:  # three labels only the row table layout prints
        return _text_stream_rows(lines, vocab)
    stream: list[Element] = []
    labels = vocab.line_re()
    signed = norm_label(vocab.phrases["signed"])
    is_text_heading = vocab.is_text_heading

    i = 0
    buf: list[str] = []
    general_mode = False
    label_rows: list[tuple[list[str], list[str]]] = []
    while i < len(lines):
        line = lines[i]
        key = vocab.label_of(line.strip()) if line.strip() else None
        if key == "general":
            buf.append(line)
            stream.extend(_text_paras(buf, is_text_heading, signed))
            buf = []
            general_mode, label_rows = True, []
            i += 1
            continue
        if general_mode:
            if line.strip() and key and key not in GENERAL_FIELDS and key != "special":
                stream.extend(_general_tables(label_rows))
                general_mode = False
                continue
            found = [m.group(0) for m in labels.finditer(line)] if line.strip() else []
            start = labels.match(line.strip())
            if found and re.fullmatch(r"\s*(?:" + r"\s+".join(re.escape(f) for f in found)
                                      + r")\s*", line):
                label_rows.append((found, []))
            elif found and start:  # "Label value" on one line
                label_rows.append(([start.group(0)], [line.strip()[start.end():]]))
            elif label_rows:
                label_rows[-1][1].append(line)
            i += 1
            continue
        buf.append(line)
        i += 1
    if general_mode:
        stream.extend(_general_tables(label_rows))
    stream.extend(_text_paras(buf, is_text_heading, signed))
    return stream


def _text_stream_rows(lines: list[str], vocab: Vocabulary) -> list[Element]:
    """Extracted text of a row table layout: each "Label value …" line starts a row that the
    following lines continue, up to the next label, heading or duty; rights and responsibilities
    are split into items after each ";"."""
    rx = vocab.row_label_re()
    assert rx is not None
    signed = norm_label(vocab.phrases["signed"])
    is_text_heading, label_of = vocab.is_text_heading, vocab.label_of
    stream: list[Element] = []
    buf: list[str] = []
    row: Optional[tuple[str, list[str]]] = None   # (label, lines)

    def flush_row() -> None:
        nonlocal row
        if row is None:
            return
        label, value = row
        key = label_of(label)
        text = clean("\n".join(value))
        if key in ("rights", "responsibilities"):
            paras = [Para(t, True) for t in re.split(r"(?<=;)\s+", text) if t]
        else:
            paras = [Para(text)] if text else []
        stream.append(Table([[[Para(label)], paras]]))
        row = None

    prev = ""
    for line in lines:
        s = line.strip()
        m = rx.match(s) if s else None
        if m and s[:1].isupper() and m.group("value"):
            stream.extend(_text_paras(buf, is_text_heading, signed))
            buf = []
            flush_row()
            row = (m.group("label"), [m.group("value")])
        elif row is not None:
            stop = bool(s) and (is_text_heading(s) or bool(NUMBER_RE.match(s)))
            if label_of(row[0]) in ("rights", "responsibilities") and s[:1].isupper() and \
                    prev.endswith("."):
                stop = True
            if stop:
                flush_row()
                buf.append(line)
            else:
                row[1].append(line)
        else:
            buf.append(line)
        if s:
            prev = s
    flush_row()
    stream.extend(_text_paras(buf, is_text_heading, signed))
    return stream


def _general_tables(label_rows: list[tuple[list[str], list[str]]]) -> list[Element]:
    out: list[Element] = []
    for found, value_lines in label_rows:
        values = _split_values(value_lines, len(found))
        out.append(Table([[[Para(clean(f))] for f in found],
                          [[Para(clean(v))] if v.strip() else [] for v in values]]))
    return out


def _text_paras(lines: list[str], is_heading: Callable[[str], bool], signed: str) -> list[Para]:
    """Lines of extracted text → paragraphs: a bullet glyph, a duty number, a heading or label
    starts one; a line after a blank line that starts with a capital does too; other lines
    continue the paragraph (a hyphen at the end of a line joins the word)."""
    out: list[Para] = []
    cur: Optional[Para] = None
    closed = True        # the current paragraph takes no continuation (heading, label, …)
    line_mode = False    # after the signature phrase: one paragraph per line
    blank = False
    pending_bullet = False

    def add(text: str, bullet: bool, close: bool = False) -> None:
        nonlocal cur, closed
        cur = Para(text, bullet)
        out.append(cur)
        closed = close

    for raw in lines:
        segments = re.split(f"\\s*(?=[{BULLET_CHARS}])", raw)
        if not raw.strip():
            blank = True
            continue
        for seg in segments:
            s = seg.strip()
            if not s:
                continue
            bullet = bool(BULLET_RE.match(s))
            s = BULLET_RE.sub("", s).strip()
            if not s:
                pending_bullet = True
                continue
            bullet = bullet or pending_bullet
            pending_bullet = False
            s_clean = clean(s)
            heading = is_heading(s_clean)
            labelish = (not bullet and s_clean.endswith(":") and len(s_clean.split()) <= 4
                        and s_clean[:1].isupper())
            if heading or norm_label(s_clean) == signed:
                line_mode = norm_label(s_clean) == signed or (line_mode and not heading)
                add(s_clean, False, close=True)
                blank = False
                continue
            if line_mode:
                add(s_clean, False, close=True)
                blank = False
                continue
            if cur is None or closed or labelish or NUMBER_RE.match(s_clean):
                add(s_clean, bullet, close=labelish)
            elif bullet and not (cur.bullet and s_clean[:1].islower()
                                 and not cur.text.endswith((".", ";", ":", "!", "?"))):
                add(s_clean, bullet, close=labelish)   # not a stray continuation of a bullet
            elif not bullet and s_clean[:1].isupper() and (
                    blank or (not cur.bullet and cur.text.endswith((".", "!", "?")))):
                add(s_clean, bullet, close=labelish)
            else:
                cur.lines = (cur.lines or (cur.text,)) + (s_clean,)
                cur.text = clean(cur.text + "\n" + s_clean)  # clean joins a hyphenated word
            blank = False
    return [p for p in out if p.text]
