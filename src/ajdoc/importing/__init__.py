"""Importing existing job descriptions (DOCX or extracted text) into role files.

    result = import_file("vana.docx")            # ImportResult: .role, .yaml, .report, .layout
    batch = import_directory("vanad/")           # every .docx/.txt; unreadable files collected
    d = import_directive("kaskkiri-koos.docx")   # a combined directive → role files + directive

Four steps, each data-driven:

* **reading** turns a DOCX (python-docx, in document order: paragraphs and table cells) or text
  extracted from one into a stream of paragraphs (text, list item or not) and tables;
* **parsing** sorts the stream into the parts of a job description by the headings and labels
  the layouts print (``data/layouts.yaml``) and the fixed phrases (``data/phrases.yaml``);
* **recognising** compares every standard section with the library's blocks (each variant of each
  version, word-level ``difflib`` ratio) and keeps what differs as ``sections:`` / ``edit:``
  overrides, so that rendering the role gives the document's text again; a competency set whose
  name no block has becomes a user block (``library/blocks/imported.yaml``);
* **writing** emits the commented role file, which is composed (and by default rendered and
  compared with the source) before anything is written.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import io
import re
import tempfile
import warnings
import zipfile
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Sequence

import attrs

from .. import resources, workspace
from ..errors import AjdocError, Place
from ..ooxml import docx_text
from ..yamlwrite import Commented, commented, dump
from ..textdiff import BULLET_CHARS, align_items, ngram_similarity, ratio
from ..library import OWN, SECTIONS, SINGLE_SECTIONS, Block, Library, Named, Ref, Variant, \
    load_library

# -- thresholds (word-level difflib ratio, 0–1) -------------------------------------------------
TEXT_MIN = 0.6        # a text block (intro, work tools, computer skills, heading) is recognised
LIST_MIN = 0.6        # a list block (rights, responsibilities, amendment, additional)
DUTY_MIN = 0.6        # a standard duty: text, sub-items and results together …
DUTY_TEXT_MIN = 0.5   # … and its text alone
DUTY_FOREIGN_MIN = 0.85  # a duty block the chosen preset does not name: only when clearly it
PAIR_MIN = 0.4        # two list items are one item edited (replace), not a removal and an addition

SUFFIXES = (".docx", ".txt")
DOC_TITLE = "AMETIJUHEND"  # the document title rendering.context prints
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BULLET_RE = re.compile(f"^[{BULLET_CHARS}]\\s*")
_NUMBER_RE = re.compile(r"^(\d+)\.(\d+)(\.?)(?:\s+|$)(.*)$", re.S)
_CEFR = r"[ABC][12]"

# the layout heading keys (data/layouts.yaml) → the importer's field names
_FIELD_OF = {"tools": "work_tools", "computer": "computer_skills",
             "knowledge": "computer_skills", "qualities": "personal_qualities",
             "duties_col1": "duties_header", "duties_col2": "duties_header"}
_GENERAL_FIELDS = ("title", "unit", "supervisor", "substituted_by", "substitutes",
                   "subordinates", "position_group")


# =============================================================================== results
@attrs.define
class SectionReport:
    """What became of one section: the block it matched (id@version:variant) and how closely,
    what was kept as the role's own, what was edited."""

    section: str
    status: str                      # matched | edited | own | absent | removed | user-block | …
    block: Optional[str] = None      # "rights@1:vastu-votta"
    score: Optional[float] = None    # 0–1
    edits: list = attrs.field(factory=list)
    note: str = ""

    def to_dict(self) -> dict:
        out = {"section": self.section, "status": self.status}
        if self.block:
            out["block"] = self.block
        if self.score is not None:
            out["score"] = round(self.score, 4)
        if self.edits:
            out["edits"] = list(self.edits)
        if self.note:
            out["note"] = self.note
        return out

    def line(self) -> str:
        score = f"{self.score:.2f}" if self.score is not None else "    "
        text = f"  {self.section[:26]:26} {self.status:10} {score}  {self.block or ''}"
        kinds = Counter(e.split(":")[0].rsplit(" ", 1)[0] if ":" in e else e for e in self.edits)
        extra = ", ".join(f"{n} × {k}" if n > 1 else k for k, n in kinds.items())
        if self.note:
            extra = f"{extra}; {self.note}" if extra else self.note
        return (text + (f"  ({extra})" if extra else "")).rstrip()


@attrs.define
class ImportResult:
    """An imported job description: the role (a dict with role-file keys), its commented YAML,
    the report per section, the layout found, and any user blocks it needs."""

    source: str
    role: dict
    yaml: str
    report: list
    layout: str
    blocks: list = attrs.field(factory=list)       # user blocks (dicts) for imported.yaml
    warnings: list = attrs.field(factory=list)
    roundtrip: Optional[float] = None              # word similarity of the re-rendered text
    library: Optional[Library] = None
    _composing: Optional[tuple] = attrs.field(default=None, repr=False)  # (base, library)

    @property
    def preset(self) -> str:
        return self.role["preset"]

    def compose(self, library: Library | Sequence[Path | str] | None = None):
        """The JobDescription of the role (with the user blocks it needs)."""
        from .. import yamlio
        from ..compose.role import compose

        base = self.library if library is None else library
        if self._composing is None or self._composing[0] is not base:
            self._composing = (base, _library_with(base, self.blocks))
        return compose(yamlio.parse(self.yaml, self.source + " (imported)"), self._composing[1])

    def to_dict(self) -> dict:
        return {"source": self.source, "layout": self.layout, "preset": self.preset,
                "roundtrip": None if self.roundtrip is None else round(self.roundtrip, 4),
                "user_blocks": [b["id"] for b in self.blocks],
                "warnings": list(self.warnings),
                "sections": [r.to_dict() for r in self.report]}

    def text_report(self) -> str:
        counts = Counter(r.status for r in self.report)
        head = (f"{self.source}: {self.layout} layout, preset {self.preset}; "
                + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
        if self.roundtrip is not None:
            head += f"; round trip {self.roundtrip:.3f}"
        lines = [head] + [r.line() for r in self.report]
        lines += [f"  warning: {w}" for w in self.warnings]
        return "\n".join(lines)


@attrs.define
class BatchResult:
    """A folder's import: the results (source path → ImportResult) and the files skipped."""

    results: dict = attrs.field(factory=dict)
    failures: list = attrs.field(factory=list)   # (path, AjdocError)


@attrs.define
class DirectiveImport:
    """A combined directive document: the directive file's data and YAML, and its annexes."""

    source: str
    directive: dict
    yaml: str
    annexes: list        # ImportResult per annex, in order
    names: list          # the role files' names, as the directive file lists them
    report: list = attrs.field(factory=list)
    warnings: list = attrs.field(factory=list)
    roundtrip: Optional[float] = None
    blocks: list = attrs.field(factory=list)


# =============================================================================== reading
@attrs.define
class Para:
    text: str
    bullet: bool = False


@attrs.define
class Table:
    rows: list  # rows of cells; a cell is a list of Para


def _clean(text: str) -> str:
    """One line of text: line breaks inside a sentence joined (a hyphen at a break kept and the
    word joined), tabs and repeated spaces made one space."""
    text = text.replace("\u00ad", "").replace("\u00a0", " ").replace("\r", "\n")
    text = re.sub(r"-[ \t]*\n\s*(?!(?:ja|või|ning)\b)(?=\w)", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def _para(text: str, bullet: bool = False) -> Para:
    text = _clean(text)
    m = _BULLET_RE.match(text)
    if m:
        text, bullet = text[m.end():].strip(), True
    return Para(text, bullet)


def _read_bytes(path: Path) -> bytes:
    place = Place(file=str(path))
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise AjdocError("file not found", place) from None
    except IsADirectoryError:
        raise AjdocError("is a folder, expected a file (.docx or .txt)", place) from None
    except OSError as exc:
        raise AjdocError(f"cannot be read: {exc.strerror}", place) from None


def _check_word_bytes(data: bytes, place: Place) -> None:
    """One clear message for what is not a readable .docx."""
    expected = "expected a Word job description saved as .docx"
    if not data.strip():
        raise AjdocError(f"the file is empty; {expected}", place)
    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data or \
                "EncryptionInfo".encode("utf-16-le") in data:
            raise AjdocError("is password-protected (an encrypted Office file); expected an "
                             "unprotected .docx", place,
                             "open it in Word, remove the password and save it again")
        if "WordDocument".encode("utf-16-le") in data:
            raise AjdocError("is an old binary Word document (.doc); expected a .docx", place,
                             "open it in Word or LibreOffice and save it as .docx")
        raise AjdocError(f"is an OLE compound file (old Office format), not a .docx; {expected}",
                         place)
    if not data.startswith(b"PK"):
        raise AjdocError(f"is not a Word document (not a zip package); {expected}", place)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            bad = z.testzip()
            names = z.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
        raise AjdocError(f"is a corrupt Word document (the zip package cannot be read: {exc}); "
                         f"{expected}", place) from None
    if bad is not None:
        raise AjdocError(f"is a corrupt Word document (member {bad} is damaged); {expected}",
                         place)
    if "word/document.xml" not in names:
        raise AjdocError(f"is a zip package but not a Word document (no word/document.xml); "
                         f"{expected}", place)


def _is_list_paragraph(p, cache: dict) -> bool:
    ppr = p._p.pPr
    if ppr is not None and ppr.numPr is not None:
        num_id = ppr.numPr.numId
        return not (num_id is not None and num_id.val == 0)
    style_id = p._p.style
    if style_id not in cache:
        cache[style_id] = _is_list_style(p.style)
    return cache[style_id]


def _is_list_style(style) -> bool:
    while style is not None:
        sppr = style.element.pPr
        if sppr is not None and sppr.numPr is not None:
            return True
        if re.search(r"\b(Bullet|List Number)\b", style.name or ""):
            return True
        style = style.base_style
    return False


def _docx_paras(container, cache: dict) -> list:
    from docx.table import Table as DocxTable

    out = []
    for el in container.iter_inner_content():
        if isinstance(el, DocxTable):
            for row in el.rows:
                for cell in row.cells:
                    out.extend(_docx_paras(cell, cache))
        else:
            out.append(_para(el.text, _is_list_paragraph(el, cache)))
    return out


def _docx_stream(data: bytes, place: Place) -> list:
    """The document as a stream of Para and Table, headers first, in document order."""
    import docx
    from docx.table import Table as DocxTable

    try:
        doc = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types on a damaged package
        raise AjdocError(f"cannot be read as a Word document ({type(exc).__name__}: {exc}); "
                         "expected a Word job description saved as .docx", place) from None
    stream: list = []
    cache: dict = {}  # style id → list style or not
    for section in doc.sections[:1]:
        if not section.header.is_linked_to_previous:
            stream.extend(p for p in _docx_paras(section.header, cache) if p.text)
    for el in doc.iter_inner_content():
        if isinstance(el, DocxTable):
            rows, seen = [], {}
            for row in el.rows:
                cells = []
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats
                        continue
                    seen[id(cell._tc)] = cell._tc  # (held, so that ids stay unique)
                    cells.append(_docx_paras(cell, cache))
                rows.append(cells)
            stream.append(Table(rows))
        else:
            stream.append(_para(el.text, _is_list_paragraph(el, cache)))
    return stream


# -- extracted text ------------------------------------------------------------------------------
def _decode_text(data: bytes, place: Place) -> str:
    if not data.strip():
        raise AjdocError("the file is empty; expected the text of a job description", place)
    if data.startswith(OLE_MAGIC) or data.startswith(b"PK\x03\x04"):
        raise AjdocError("is a binary (Office) file, not text; expected text extracted from a "
                         "job description, or give the Word file a .docx name", place)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AjdocError(f"is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded)",
                         Place(file=str(place.file), line=line), "save the file as UTF-8") \
            from None


def _label_line_re() -> re.Pattern:
    texts = sorted({t for t, k in _label_map().items() if k in _GENERAL_FIELDS + ("purpose",)
                    or k == "special"}, key=len, reverse=True)
    return re.compile(r"(?:\d+(?:\.\d+)*\.?\s+)?(?:" + "|".join(re.escape(t) for t in texts)
                      + r")(?=\s|$)", re.I)


def _split_values(lines: list[str], n: int) -> list[str]:
    """Split the value lines under n side-by-side labels into n values.

    Text extracted from a table runs the cells together; a value starts with a capital letter
    after a word that does not end with a comma, preferring the widest gaps (blank line, several
    spaces, line break, space)."""
    tokens = []  # (word, gap strength before it)
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

    def joined(part):  # a line break kept, so that _clean joins a hyphenated word
        return "".join(("\n" if g else " ") + w if k else w for k, (w, g) in enumerate(part))

    if n <= 1 or not tokens:
        return [joined(tokens)] + [""] * (n - 1)
    candidates = [i for i in range(1, len(tokens))
                  if tokens[i][0][:1].isupper() and not tokens[i - 1][0].endswith(",")]
    chosen = sorted(sorted(candidates, key=lambda i: -tokens[i][1])[:n - 1])
    bounds = [0] + chosen + [len(tokens)]
    values = [joined(tokens[a:b]) for a, b in zip(bounds, bounds[1:])]
    return values + [""] * (n - len(values))


def _is_text_heading(s: str) -> bool:
    return bool(_label_of(s)) or bool(_is_duties_heading(s)) or _is_duties_header_line(s) \
        or _norm_label(s) == DOC_TITLE.casefold()


def _text_stream(text: str) -> list:
    """Text extracted from a job description → the stream (pseudo-tables for the general part
    of the 2022 layout and for the label | value rows of the 2025 layout)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    lines = text.split("\n")
    only_2025 = _row_label_re(only_2025=True)
    seen = {m.group("label").casefold() for m in (only_2025.match(x.strip()) for x in lines) if m}
    if len(seen) >= 3:  # three labels only the 2025 table layout prints
        return _text_stream_2025(lines)
    stream: list = []
    labels = _label_line_re()
    lmap = _label_map()
    signed = _norm_label(_phrases()["signed"])
    is_heading = _is_text_heading

    i = 0
    buf: list[str] = []
    general_mode = False
    label_rows: list = []
    while i < len(lines):
        line = lines[i]
        key = _label_of(line.strip(), lmap) if line.strip() else None
        if key == "general":
            buf.append(line)
            stream.extend(_text_paras(buf, is_heading, signed))
            buf = []
            general_mode, label_rows = True, []
            i += 1
            continue
        if general_mode:
            if line.strip() and key and key not in _GENERAL_FIELDS and key != "special":
                stream.extend(_general_tables(label_rows))
                general_mode = False
                continue
            found = [m.group(0) for m in labels.finditer(line)] if line.strip() else []
            if found and re.fullmatch(r"\s*(?:" + r"\s+".join(re.escape(f) for f in found)
                                      + r")\s*", line):
                label_rows.append((found, []))
            elif found and labels.match(line.strip()):  # "Label value" on one line (2025)
                m = labels.match(line.strip())
                label_rows.append(([m.group(0)], [line.strip()[m.end():]]))
            elif label_rows:
                label_rows[-1][1].append(line)
            i += 1
            continue
        buf.append(line)
        i += 1
    if general_mode:
        stream.extend(_general_tables(label_rows))
    stream.extend(_text_paras(buf, is_heading, signed))
    return stream


_ROW_FIELDS = set(_GENERAL_FIELDS) | {"purpose", "special", "education", "experience", "languages",
                                      "computer_skills", "personal_qualities", "rights",
                                      "responsibilities"}


@lru_cache(maxsize=2)
def _row_label_re(only_2025: bool = False) -> re.Pattern:
    """A line that starts with a row label of the 2025 layout ("Haridus Kõrgharidus …")."""
    lay = _layouts()
    old = {_norm_label(t) for t in lay["2022"]["headings"].values() if "{" not in t}
    texts = {_norm_label(t) for k, t in lay["2025"]["headings"].items()
             if _FIELD_OF.get(k, k) in _ROW_FIELDS}
    if only_2025:
        texts -= old
    else:
        from ..model import SPECIAL_LABELS

        texts |= {_norm_label(t) for t in SPECIAL_LABELS}
    alts = "|".join(re.escape(t) for t in sorted(texts, key=len, reverse=True))
    return re.compile(rf"(?P<label>{alts})(?:\s+(?P<value>\S.*))?$", re.I)


def _text_stream_2025(lines: list[str]) -> list:
    """Extracted text of the 2025 table layout: each "Label value …" line starts a row that the
    following lines continue, up to the next label, heading or duty; rights and responsibilities
    are split into items after each ";"."""
    rx = _row_label_re()
    signed = _norm_label(_phrases()["signed"])
    stream: list = []
    buf: list = []
    row: Optional[list] = None   # [label, [lines]]

    def flush_row():
        nonlocal row
        if row is None:
            return
        label, value = row
        key = _label_of(label)
        text = _clean("\n".join(value))
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
            stream.extend(_text_paras(buf, _is_text_heading, signed))
            buf = []
            flush_row()
            row = [m.group("label"), [m.group("value")]]
        elif row is not None:
            stop = bool(s) and (_is_text_heading(s) or bool(_NUMBER_RE.match(s)))
            if _label_of(row[0]) in ("rights", "responsibilities") and s[:1].isupper() and \
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
    stream.extend(_text_paras(buf, _is_text_heading, signed))
    return stream


def _general_tables(label_rows: list) -> list:
    out = []
    for found, value_lines in label_rows:
        values = _split_values(value_lines, len(found))
        out.append(Table([[[Para(_clean(f))] for f in found],
                          [[Para(_clean(v))] if v.strip() else [] for v in values]]))
    return out


def _text_paras(lines: list[str], is_heading: Callable[[str], bool], signed: str) -> list:
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
            bullet = bool(_BULLET_RE.match(s))
            s = _BULLET_RE.sub("", s).strip()
            if not s:
                pending_bullet = True
                continue
            bullet = bullet or pending_bullet
            pending_bullet = False
            s_clean = _clean(s)
            heading = is_heading(s_clean)
            labelish = (not bullet and s_clean.endswith(":") and len(s_clean.split()) <= 4
                        and s_clean[:1].isupper())
            if heading or _norm_label(s_clean) == signed:
                line_mode = _norm_label(s_clean) == signed or (line_mode and not heading)
                add(s_clean, False, close=True)
                blank = False
                continue
            if line_mode:
                add(s_clean, False, close=True)
                blank = False
                continue
            new = (cur is None or closed or labelish or bool(_NUMBER_RE.match(s_clean)))
            if bullet:
                stray = (cur is not None and cur.bullet and not closed and s_clean[:1].islower()
                         and not cur.text.endswith((".", ";", ":", "!", "?")))
                new = new or not stray
            elif not new and s_clean[:1].isupper():
                if blank or (not cur.bullet and cur.text.endswith((".", "!", "?"))):
                    new = True
            if new:
                add(s_clean, bullet, close=labelish)
            else:
                cur.text = _clean(cur.text + "\n" + s_clean)  # _clean joins a hyphenated word
            blank = False
    return [p for p in out if p.text]


# =============================================================================== parsing
@lru_cache(maxsize=1)
def _layouts() -> dict:
    return resources.layouts()


def _phrases() -> dict:
    return resources.phrases()


def _norm_label(text: str) -> str:
    t = re.sub(r"^\s*\d+(?:\.\d+)*\.?\s*", "", text or "")
    t = t.strip().rstrip(":").strip()
    return re.sub(r"\s+", " ", t).casefold()


@lru_cache(maxsize=1)
def _label_map() -> dict:
    """Every heading and label the layouts print (number stripped, case folded) → field."""
    from ..model import SPECIAL_LABELS

    out: dict = {}
    for spec in _layouts().values():
        for key, text in spec["headings"].items():
            if "{" in text:
                continue
            out.setdefault(_norm_label(text), _FIELD_OF.get(key, key))
    for label in SPECIAL_LABELS:
        out.setdefault(_norm_label(label), "special")
    return out


def _label_of(text: str, lmap: Optional[dict] = None) -> Optional[str]:
    if not text or len(text) > 120:
        return None
    return (lmap or _label_map()).get(_norm_label(text))


@lru_cache(maxsize=1)
def _duties_heading_texts() -> tuple:
    lib = load_library()
    out = set()
    for block in _candidates(lib, "duties_heading"):
        out.update(v.text for v in block.variants.values() if v.text)
    return tuple(sorted(out))


def _is_duties_heading(text: str) -> Optional[str]:
    """"3. TEENISTUSÜLESANDED": a numbered heading like a duties-heading block's text."""
    m = re.match(r"^\s*\d+\.?\s+(.+?)\s*$", text or "")
    if not m or len(text) > 80:
        return None
    rest = m.group(1)
    if not re.search(r"[^\W\d_]", rest):
        return None
    for cand in _duties_heading_texts():
        if difflib.SequenceMatcher(None, rest.casefold(), cand.casefold()).ratio() >= 0.6:
            return rest
    return None


@attrs.define
class Parsed:
    """A job description sorted into its parts, before any block is recognised."""

    layout: str = "2022"
    approval: str = ""
    general: dict = attrs.field(factory=dict)       # field → text
    special_label: Optional[str] = None
    duties_heading: Optional[str] = None
    duties: list = attrs.field(factory=list)        # {number, dot, text, subitems, results}
    fields: dict = attrs.field(factory=dict)        # field → [Para]
    title_seen: bool = False
    multiline: str = "\n"                           # how paragraphs of one field are joined


def _parse(stream: list, joiner: str = "\n") -> Parsed:
    """Sort the stream into fields by the headings and labels; tables give duties (by their
    header row) or label | value pairs; what a table holds besides goes through the same
    paragraph logic."""
    parsed = Parsed(multiline=joiner)
    lmap = _label_map()
    fields: dict = {}
    current = "approval"
    ph = _phrases()
    signature_starts = {_norm_label(ph["signed"]), _norm_label(ph["employer"])}
    duties_2025 = _norm_label(_layouts()["2025"]["headings"]["duties"])

    def feed(el: Para) -> None:
        nonlocal current
        t = el.text
        if not t:
            return
        if _norm_label(t) == DOC_TITLE.casefold() and not el.bullet:
            parsed.title_seen = True
            current = "general"
            return
        key = None if el.bullet else _label_of(t, lmap)
        if key is None and not el.bullet and _is_duties_header_line(t):
            if _norm_label(t).startswith(duties_2025):
                parsed.layout = "2025"
            current = "duties"
            return
        if key == "duties_header":
            return
        if key:
            if key == "special":
                parsed.special_label = t.strip().rstrip(":")
            if key == "duties":
                parsed.layout = "2025"
            current = key
            return
        heading = None if el.bullet else _is_duties_heading(t)
        if heading:
            parsed.duties_heading = heading
            current = "duties"
            return
        if _norm_label(t) in signature_starts:
            current = "signature"
        fields.setdefault(current, []).append(el)

    for el in stream:
        if isinstance(el, Para):
            feed(el)
            continue
        first = [_cell_text(c) for c in (el.rows[0] if el.rows else [])]
        head_keys = [_label_of(t, lmap) for t in first]
        if any(k in ("duties_header", "duties") for k in head_keys):
            if "duties" in head_keys:
                parsed.layout = "2025"
            _duty_rows(el.rows[1:], parsed)
            current = "after_duties"
            continue
        pairs, loose = _label_values(el, lmap)
        for key, paras, label in pairs:
            if key == "special":
                parsed.special_label = label
            if key == "title" and _norm_label(label) != _norm_label(
                    _layouts()["2022"]["headings"]["title"]):
                parsed.layout = "2025"
            fields.setdefault(key, []).extend(paras)
        for para in loose:
            feed(para)
        if any(k == "responsibilities" for k, _, _ in pairs):
            current = "amendment"
    if "duties" in fields and not parsed.duties:
        _duty_paras(fields.pop("duties"), parsed)
    parsed.approval = " ".join(p.text for p in fields.pop("approval", []))
    for key in _GENERAL_FIELDS + ("special",):
        if key in fields:
            parsed.general[key] = " ".join(p.text for p in fields.pop(key) if p.text)
    parsed.fields = fields
    return parsed


def _cell_text(cell: list) -> str:
    return " ".join(p.text for p in cell if p.text)


def _is_duties_header_line(text: str) -> bool:
    """"Põhiülesanded Oodatavad tulemused" run together in extracted text."""
    h = [_norm_label(t) for k, t in (
        (k, t) for spec in _layouts().values() for k, t in spec["headings"].items()
        if k in ("duties_col1", "duties_col2", "duties") and "{" not in t)]
    n = _norm_label(text)
    return any(n.startswith(a) and n.endswith(b) and a != b for a in h for b in h)


def _label_values(table: Table, lmap: dict) -> tuple[list, list]:
    """(field, value paragraphs, label text) for each label cell of a table — its value is the
    cell to the right, else the cell below — and the paragraphs of cells that are neither."""
    labels = {}
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            text = _cell_text(cell)
            key = _label_of(text, lmap) if len(cell) == 1 and not cell[0].bullet else None
            if key:
                labels[(r, c)] = (key, text)
    used = set()
    pairs = []
    for (r, c), (key, text) in sorted(labels.items()):
        val = None
        if c + 1 < len(table.rows[r]) and (r, c + 1) not in labels:
            val = (r, c + 1)
        elif r + 1 < len(table.rows) and c < len(table.rows[r + 1]) and (r + 1, c) not in labels:
            val = (r + 1, c)
        if val is not None:
            used.add(val)
            pairs.append((key, [p for p in table.rows[val[0]][val[1]] if p.text], text))
        else:
            pairs.append((key, [], text))
    loose = [p for r, row in enumerate(table.rows) for c, cell in enumerate(row)
             if (r, c) not in labels and (r, c) not in used for p in cell if p.text]
    return pairs, loose


def _duty_rows(rows: list, parsed: Parsed) -> None:
    for row in rows:
        cells = [c for c in row]
        if not cells:
            continue
        if len(cells) >= 3 and re.fullmatch(r"\d+\.\d+\.?", _cell_text(cells[0])):
            left = [Para(_cell_text(cells[0]) + " " + (cells[1][0].text if cells[1] else ""))] \
                + cells[1][1:]
            right = [p for c in cells[2:] for p in c]
        else:
            left, right = cells[0], [p for c in cells[1:] for p in c]
        left = [p for p in left if p.text]
        right = [p for p in right if p.text]
        if not left and not right:
            continue
        m = _NUMBER_RE.match(left[0].text) if left and not left[0].bullet else None
        if m is None and parsed.duties:  # a row continued (e.g. over a page break)
            last = parsed.duties[-1]
            last["subitems"].extend(p.text for p in left)
            last["results"].extend(p.text for p in right)
            continue
        text_parts = [m.group(4)] if m else []
        i = 1 if m else 0
        while i < len(left) and not left[i].bullet:
            text_parts.append(left[i].text)
            i += 1
        parsed.duties.append({
            "number": f"{m.group(1)}.{m.group(2)}" if m else None,
            "dot": bool(m and m.group(3)),
            "text": parsed.multiline.join(t for t in text_parts if t) or "",
            "subitems": [p.text for p in left[i:]],
            "results": [p.text for p in right]})


def _duty_paras(paras: list, parsed: Parsed) -> None:
    """Duties from a stream of paragraphs (extracted text): a number starts a duty; bullets
    after a text ending "sh:" are its sub-items while they end with ";" (and the one after);
    the other bullets are its results."""
    cur = None
    for p in paras:
        m = None if p.bullet else _NUMBER_RE.match(p.text)
        if m:
            cur = {"number": f"{m.group(1)}.{m.group(2)}", "dot": bool(m.group(3)),
                   "text": m.group(4), "subitems": [], "results": [], "_open": True,
                   "_sub": bool(re.search(r"(\bsh|:)\s*$", m.group(4)))}
            parsed.duties.append(cur)
            continue
        if cur is None:
            parsed.fields.setdefault("unplaced", []).append(p)
            continue
        if not p.bullet and cur["_open"] and not cur["subitems"] and not cur["results"] and \
                not (cur["text"].endswith(".") and p.text[:1].isupper()):
            cur["text"] = _clean(cur["text"] + " " + p.text)
            cur["_sub"] = bool(re.search(r"(\bsh|:)\s*$", cur["text"]))
            continue
        if cur["_sub"] and not cur["results"]:
            cur["subitems"].append(p.text)
            if not p.text.endswith(";"):
                cur["_sub"] = False
            continue
        cur["results"].append(p.text)
    for d in parsed.duties:
        d.pop("_open", None)
        d.pop("_sub", None)
        m = re.fullmatch(r"(.*?\bsh:)\s+(.+)", d["text"])
        if m and not d["subitems"] and ";" in m.group(2):  # "…, sh: a; b; c." run together
            d["text"] = m.group(1)
            d["subitems"] = [t for t in re.split(r"(?<=;)\s+", m.group(2)) if t]


# -- parts of the parsed document ----------------------------------------------------------------
def _intro_items(paras: list) -> tuple[Optional[str], list[str]]:
    paras = [p for p in paras if p.text]
    if not paras:
        return None, []
    first_bullet = next((i for i, p in enumerate(paras) if p.bullet), None)
    if first_bullet is None:
        if len(paras) > 1 and paras[0].text.endswith(":"):
            return paras[0].text, [p.text for p in paras[1:]]
        return None, [p.text for p in paras]
    intro = " ".join(p.text for p in paras[:first_bullet]) or None
    return intro, [p.text for p in paras[first_bullet:]]


def _competency_sets(paras: list) -> tuple[list, list]:
    sets, stray = [], []
    for p in paras:
        if not p.bullet and p.text.endswith(":") and len(p.text) <= 80:
            sets.append((p.text[:-1].strip(), []))
        elif sets:
            sets[-1][1].append(p.text)
        else:
            stray.append(p.text)
    return sets, stray


def _split_named(text: str) -> Named:
    name, sep, rest = text.partition(": ")
    if sep and rest and len(name.split()) <= 12 and not name.endswith("."):
        return Named(rest, name)
    return Named(text)


def _text_of(item) -> str:
    if isinstance(item, Named):
        return f"{item.name}: {item.text}" if item.name else item.text
    return item


# =============================================================================== recognising
def _words(text: str) -> list[str]:
    t = (text or "").casefold().replace("\u00ad", "")
    t = re.sub("[\u201e\u201c\u201d\u00ab\u00bb'\u2019]", '"', t)
    t = t.replace("-", "").replace("\u2013", " ")
    t = re.sub(f"[{BULLET_CHARS}]", " ", t)
    return t.split()


def _candidates(lib: Library, section: str) -> list[Block]:
    """The blocks a section may hold: those any preset puts there, and blocks of the section's
    kind that no preset names (a user's own), every version."""
    named: dict[str, set] = {}
    for pid in lib.preset_ids():
        try:
            sections = lib.preset(pid).sections
        except AjdocError:
            continue
        for sec, value in sections.items():
            refs = value if isinstance(value, tuple) else (value,)
            named.setdefault(sec, set()).update(r.id for r in refs if isinstance(r, Ref))
    anywhere = set().union(*named.values()) if named else set()
    ids = set(named.get(section, ()))
    for bid in lib.block_ids():
        if bid not in anywhere and lib.block(bid).kind in SECTIONS[section]:
            ids.add(bid)
    return [lib.block(Ref(i, None, v)) for i in sorted(ids) for v in lib.versions(i)]


@attrs.define
class Match:
    block: Block
    variant: Variant
    score: float
    recognised: bool


def _best(cands: Iterable[Block], words: list[str], value_words: Callable[[Variant], list],
          lib: Library) -> Optional[Match]:
    best, key = None, None
    for block in cands:
        latest = lib.latest_version(block.id)
        for name, v in block.variants.items():
            s = ratio(words, value_words(v))
            k = (round(s, 9), block.version == latest, name == block.default)
            if key is None or k > key:
                best, key = (block, v, s), k
    if best is None:
        return None
    return Match(best[0], best[1], best[2], False)


class _Equal:
    """Item equality: exact (after whitespace) for Word files, word-wise for extracted text."""

    def __init__(self, loose: bool):
        self.loose = loose

    def __call__(self, a: str, b: str) -> bool:
        if self.loose:
            return _words(a) == _words(b)
        return _clean(a) == _clean(b)


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _list_patch(old: list, new: list, eq: _Equal, named: bool = False) -> tuple[Optional[dict],
                                                                                list[str]]:
    """The items patch (replace, remove, add — the order compose applies them) that turns the
    block's items `old` into the document's `new`, and a description of each change."""
    old_t = [_text_of(o) for o in old]
    new_t = [_text_of(o) for o in new]
    ow, nw = [_words(t) for t in old_t], [_words(t) for t in new_t]
    pairs = align_items(old_t, new_t, eq, lambda i, j: ratio(ow[i], nw[j]), PAIR_MIN)
    replace, remove, add, notes = {}, [], [], []

    def value(j):
        item = new[j]
        if named and isinstance(item, Named) and item.name:
            return {"name": item.name, "text": item.text}
        return _text_of(item)

    for i, j in pairs:
        if i is not None and j is not None and not eq(old_t[i], new_t[j]):
            replace[i + 1] = value(j)
            notes.append(f"item changed {i + 1}: {_short(new_t[j])}")
        elif i is not None and j is None:
            remove.append(i + 1)
            notes.append(f"item removed {i + 1}: {_short(old_t[i])}")
    length = sum(1 for i, j in pairs if i is not None and j is not None)
    for i, j in pairs:
        if i is None:
            if j == length:
                add.append(value(j))
            else:
                v = value(j)
                add.append(dict(v, at=j + 1) if isinstance(v, dict) else {"text": v, "at": j + 1})
            notes.append(f"item added {j + 1}: {_short(new_t[j])}")
            length += 1
    patch = Commented()
    if replace:
        patch["replace"] = Commented(replace, comments={
            i: f"was: {_short(old_t[i - 1], 50)}" for i in replace})
    if remove:
        patch["remove"] = remove
        patch.comments["remove"] = "; ".join(f"{i}: {_short(old_t[i - 1], 40)}" for i in remove)
    if add:
        patch["add"] = add
    return (patch or None), notes


@attrs.define
class _Found:
    """A standard section of the document and the block it is closest to."""

    section: str
    value: Any                     # text, list of texts, list of Named
    match: Optional[Match]


def _recognise_single(lib: Library, section: str, value) -> _Found:
    kind = SECTIONS[section][0]
    cands = _candidates(lib, section)
    if kind == "text":
        words = _words(value)
        m = _best(cands, words, lambda v: _words(v.text or ""), lib)
        if m:
            m.recognised = m.score >= TEXT_MIN
    else:
        words = _words(" ".join(_text_of(i) for i in value))
        m = _best(cands, words, lambda v: _words(" ".join(_text_of(i) for i in v.items)), lib)
        if m:
            m.recognised = m.score >= LIST_MIN
    return _Found(section, value, m)


# =============================================================================== the role
def import_file(path: Path | str, library: Library | Sequence[Path | str] | None = None, *,
                verify: bool = True) -> ImportResult:
    """Import one job description (.docx, or .txt extracted from one) into a role.

    Raises AjdocError (file + what is wrong + what was expected) for what cannot be read."""
    path = Path(path)
    lib = library if isinstance(library, Library) else load_library(library or ())
    place = Place(file=str(path))
    suffix = path.suffix.lower()
    if path.is_dir():
        raise AjdocError("is a folder; import a folder with `ajdoc import DIR -o OUTDIR`", place)
    data = _read_bytes(path)
    if suffix == ".docx" or (suffix not in (".txt", ".text") and data.startswith(b"PK")):
        _check_word_bytes(data, place)
        stream = _docx_stream(data, place)
        source_text, loose, joiner = docx_text(data), False, "\n"
    elif suffix in (".txt", ".text"):
        source_text = _decode_text(data, place)
        stream, loose, joiner = _text_stream(source_text), True, " "
    elif suffix == ".doc" or data.startswith(OLE_MAGIC):
        _check_word_bytes(data, place)
        raise AjdocError("is not a .docx; expected a Word job description saved as .docx", place)
    else:
        raise AjdocError(f"unsupported file type '{path.suffix or '(none)'}'; expected a Word "
                         "job description (.docx) or text extracted from one (.txt)", place)
    parsed = _parse(stream, joiner)
    _check_is_job_description(parsed, place)
    result = _build(parsed, lib, source=path.name, stem=path.stem, loose=loose)
    _check_composes(result, lib, place)
    if verify:
        result.roundtrip = _roundtrip(result, lib, source_text)
    return result


def _check_is_job_description(parsed: Parsed, place: Place) -> None:
    if parsed.duties:
        return
    ph = _layouts()["2022"]["headings"]
    raise AjdocError(
        "does not look like a job description (ametijuhend): it has no duties table "
        f"(\"{ph['duties_col1']} | {ph['duties_col2']}\") nor numbered duties; expected a job "
        "description in the 2022 eight-section layout or the 2025 table layout", place)


def _check_composes(result: ImportResult, lib: Library, place: Place) -> None:
    try:
        result.compose(lib)
    except AjdocError as exc:  # an importer bug: never write a role that does not compose
        raise AjdocError(f"the imported role does not compose ({exc}); nothing was written",
                         place) from None


def _library_with(library, blocks: list) -> Library:
    base = library if isinstance(library, Library) else load_library(library or ())
    if not blocks:
        return base
    with tempfile.TemporaryDirectory(prefix="ajdoc-import-") as tmp:
        folder = Path(tmp)
        (folder / "blocks").mkdir()
        (folder / "blocks" / "imported.yaml").write_text(blocks_yaml(blocks), encoding="utf-8")
        return Library(list(base.folders) + [folder])


def _build(parsed: Parsed, lib: Library, *, source: str, stem: str, loose: bool,
           annex: bool = False) -> ImportResult:
    eq = _Equal(loose)
    report: list[SectionReport] = []
    warns: list[str] = []
    layout = parsed.layout
    fields = parsed.fields
    join = parsed.multiline

    def text_field(key: str) -> Optional[str]:
        paras = [p.text for p in fields.get(key, []) if p.text]
        return join.join(paras) if paras else None

    # -- the document's standard sections ---------------------------------------------------
    found: dict[str, _Found] = {}
    rights_intro, rights = _intro_items(fields.get("rights", []))
    resp_intro, resp = _intro_items(fields.get("responsibilities", []))
    singles = {
        "duties_heading": parsed.duties_heading if layout == "2022" else None,
        "rights_intro": rights_intro, "rights": rights or None,
        "responsibilities_intro": resp_intro, "responsibilities": resp or None,
        "work_tools": text_field("work_tools"),
        "computer_skills": text_field("computer_skills"),
        "amendment": [p.text for p in fields.get("amendment", []) if p.text] or None,
    }
    qualities = text_field("personal_qualities")
    add_paras = [p for p in fields.get("additional", []) if p.text]
    first_bullet = next((i for i, p in enumerate(add_paras) if p.bullet), None)
    if first_bullet is None:
        items = add_paras
    else:
        lead = [p.text for p in add_paras[:first_bullet]]
        if lead:
            qualities = join.join(([qualities] if qualities else []) + lead)
        items = add_paras[first_bullet:]
    singles["additional"] = [_split_named(p.text) for p in items] or None
    for section, value in singles.items():
        if value:
            found[section] = _recognise_single(lib, section, value)

    comp_sets, stray = _competency_sets(fields.get("competencies", []))
    if stray:
        warns.append("text under the competencies heading before any competency name was not "
                     f"imported: {_short(' '.join(stray), 80)}")
    competencies = _recognise_competencies(lib, comp_sets)
    duties = _recognise_duties(lib, parsed.duties, eq)

    preset = _choose_preset(lib, found, competencies, duties, layout)
    preset_duties = {r.id for r in preset.sections.get("duties", ()) if isinstance(r, Ref)}
    for dm in duties:
        if dm.match and dm.match.block.id not in preset_duties and \
                dm.match.score < DUTY_FOREIGN_MIN:
            dm.match = None
    role: dict = {"preset": preset.id}
    sections: dict = {}
    edits: dict = {}
    blocks: list[dict] = []

    # -- approval, agency, general part, purpose --------------------------------------------
    approved, agency, forms, note = _approval(parsed.approval)
    if note:
        warns.append(note)
    if agency:
        role["agency"] = agency
    if approved and not annex:
        role["approved"] = approved
        report.append(SectionReport("approval", "own", note=f"nr {approved['number']}, "
                                    f"{approved['date'].isoformat()}"))
    general = _general(parsed, warns)
    role["general"] = general
    report.append(SectionReport("general", "own", note=general["title"]))
    purpose = text_field("purpose")
    if not purpose:
        warns.append("no purpose (ametikoha eesmärk) found; '-' written in its place")
        purpose = "-"
    role["purpose"] = purpose
    report.append(SectionReport("purpose", "own"))

    # -- duties -----------------------------------------------------------------------------
    role["duties"] = _emit_duties(lib, preset, duties, sections, edits, report, eq)

    # -- requirements -----------------------------------------------------------------------
    req: dict = {}
    for key in ("education", "experience"):
        value = text_field(key)
        if value:
            req[key] = value
    lang_lines = _language_lines(fields.get("languages", []), loose)
    if lang_lines:
        style, langs, notes = _languages(lang_lines)
        req["language_style"] = style
        req["languages"] = langs
        report.append(SectionReport("languages", "own", edits=notes,
                                    note=f"{len(langs)} line(s), style {style}"))
    if qualities:
        req["personal_qualities"] = qualities
    if req:
        role["requirements"] = req

    # -- the standard sections --------------------------------------------------------------
    skip = {"duties_heading"} if layout == "2025" else set()
    for section in SINGLE_SECTIONS:
        if section in skip:
            continue
        _emit_single(lib, preset, section, found.get(section), sections, edits, report, eq)
    _emit_competencies(lib, preset, competencies, sections, edits, report, eq, blocks, stem,
                       source, layout)

    if sections:
        role["sections"] = {k: sections[k] for k in SECTIONS if k in sections}
    if edits:
        role["edit"] = edits
    numbered = [d for d in parsed.duties if d["number"]]
    if layout == "2022" and numbered and all(d["dot"] for d in numbered):
        role["numbering"] = {"trailing_dot": True}
    signature = _signature(fields.get("signature", []), warns)
    if signature and not annex:
        role["signature"] = signature
        if signature.get("mode") == "both":
            general["position_group"] = "töötaja"
    if forms:
        role["forms"] = forms
    for key in ("general", "requirements", "rights_and_resp", "after_duties", "unplaced",
                "duties"):
        rest = [p.text for p in fields.get(key, []) if p.text]
        if rest:
            warns.append(f"text not imported ({key.replace('_', ' ')}): "
                         f"{_short(' | '.join(rest), 100)}")
    text = role_yaml(role, source=source, layout=layout, report=report,
                     library_note=bool(blocks))
    return ImportResult(source=source, role=role, yaml=text, report=report, layout=layout,
                        blocks=blocks, warnings=warns, library=lib)


def _general(parsed: Parsed, warns: list) -> dict:
    g = parsed.general
    missing = "-"
    out: dict = {}
    for key in ("title", "unit", "supervisor"):
        if not g.get(key):
            warns.append(f"general part: no {key.replace('_', ' ')} found; '-' written in its "
                         "place")
    out["title"] = g.get("title") or missing
    out["unit"] = _unit(g.get("unit") or missing)
    out["supervisor"] = g.get("supervisor") or missing
    for key in ("substituted_by", "substitutes", "subordinates"):
        value = g.get(key)
        if value and value != _phrases()["missing"]:
            out[key] = value
    group = (g.get("position_group") or "").strip().casefold()
    from ..model import POSITION_GROUPS

    if group in POSITION_GROUPS:
        out["position_group"] = group
    elif group:
        warns.append(f"position group '{g['position_group']}' is not one of "
                     f"{', '.join(POSITION_GROUPS)}; not imported")
    if g.get("special") and parsed.special_label:
        out["special_conditions"] = {"label": parsed.special_label, "text": g["special"]}
    return out


def _unit(text: str):
    """"Osakond, talitus (tiim)" → {department, division, team}, when it prints back the same."""
    from ..model import Unit

    m = re.fullmatch(r"(?P<dep>[^,]+?)(?:, (?P<div>.+?))?(?: \((?P<team>[^()]+)\))?", text)
    if m and m.group("div"):
        try:
            unit = Unit(m.group("dep"), m.group("div"), m.group("team"))
        except (TypeError, ValueError):
            unit = None
        if unit is not None and str(unit) == text:
            return {k: v for k, v in (("department", unit.department),
                                      ("division", unit.division), ("team", unit.team)) if v}
    return {"department": text}


# -- approval header -----------------------------------------------------------------------------
def _approval_re() -> re.Pattern:
    ph = _phrases()
    parts = []
    for line in ph["approval"]:
        bits = re.split(r"(\{\w+\})", line)
        out = ""
        for b in bits:
            if b == "{agency_genitive}":
                out += r"(?P<who>.+?)"
            elif b == "{signer_genitive}":
                out += ""
            elif b == "{date}":
                out += r"(?P<date>\d{1,2}\.\d{1,2}\.\d{4})"
            elif b == "{number}":
                out += r"(?P<number>[0-9A-Za-z/\-]+)"
            else:
                out += _lit(b)
        parts.append(out)
    annex = "".join(r"(?P<annex>\d+)" if b == "{n}" else _lit(b)
                    for b in re.split(r"(\{n\})", ph["annex"]))
    return re.compile(r"\s*".join(parts) + r"(?:\s*" + annex + r")?", re.I | re.S)


def _lit(text: str) -> str:
    """A literal phrase as a regex, any run of white space matching any other."""
    return "".join(r"\s*" if ch.isspace() else re.escape(ch) for ch in text)


def _approval(text: str) -> tuple[Optional[dict], Optional[str], dict, Optional[str]]:
    """(approved, agency, forms, warning) from the "KINNITATUD …" header text."""
    if not text:
        return None, None, {}, None
    m = _approval_re().search(text)
    if not m:
        return None, None, {}, f"approval header not recognised, not imported: {_short(text)}"
    d, mo, y = (int(x) for x in m.group("date").split("."))
    try:
        date = _dt.date(y, mo, d)
    except ValueError:
        return None, None, {}, f"approval date {m.group('date')} does not exist; not imported"
    number = m.group("number")
    approved: dict = {"date": date, "number": int(number) if number.isdigit() else number}
    who = re.sub(r"\s+", " ", m.group("who")).strip()
    agency, signer, forms = _split_agency_signer(who)
    approved["signer_title"] = signer
    note = None
    if forms:
        note = (f"the nominative of '{who}' was not found; the printed form is kept with a "
                "forms: entry — check agency and approved.signer_title")
    return approved, agency, forms, note


def _split_agency_signer(who: str) -> tuple[str, str, dict]:
    default_agency = "Sotsiaalkindlustusamet"
    words = who.split()
    options = []
    for k in range(1, len(words)):
        agency_gen, signer_gen = " ".join(words[:k]), " ".join(words[k:])
        agency = _nominative(agency_gen, prefer=default_agency)
        signer = _nominative(signer_gen)
        if agency and signer:
            options.append((agency != default_agency, k, agency, signer))
    if options:
        _, _, agency, signer = min(options)
        return agency, signer, {}
    agency_gen, signer_gen = " ".join(words[:-1]) or who, words[-1]
    return agency_gen, signer_gen, {agency_gen: agency_gen, signer_gen: signer_gen}


@lru_cache(maxsize=1)
def _reverse_genitives() -> dict:
    from importlib import resources

    from ruamel.yaml import YAML

    path = Path(str(resources.files("ajdoc") / "data" / "forms.yaml"))
    data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")) or {}
    out: dict = {}
    for word, entry in (data.get("words") or {}).items():
        forms = entry.get("sg g")
        for f in forms if isinstance(forms, list) else [forms]:
            if f:
                out.setdefault(f, []).append((entry.get("kind") != "noun", word))
    return out


def _nominative(genitive: str, prefer: Optional[str] = None) -> Optional[str]:
    """The nominative phrase whose genitive ajdoc prints as `genitive`, or None."""
    from .. import language

    def ok(cand: str) -> bool:
        try:
            return language.inflect(cand, "genitive") == genitive
        except AjdocError:
            return False

    if prefer and ok(prefer):
        return prefer
    words = genitive.split(" ")
    head = words[-1]
    low = head.lower()
    heads = []
    rev = _reverse_genitives()
    for i in range(len(low)):
        for _, word in sorted(rev.get(low[i:], [])):
            heads.append(low[:i] + word)
    if low[-1:] in "aeiu":
        heads.append(low[:-1])
    heads.append(low)
    for cand_head in heads:
        if head[:1].isupper():
            cand_head = cand_head[:1].upper() + cand_head[1:]
        cand = " ".join(words[:-1] + [cand_head])
        if ok(cand):
            return cand
    return None


# -- signature -----------------------------------------------------------------------------------
def _signature(paras: list, warns: list) -> Optional[dict]:
    ph = _phrases()
    texts = [p.text for p in paras if p.text]
    if not texts:
        return None
    signed, employer, employee = (_norm_label(ph[k]) for k in ("signed", "employer", "employee"))
    norm = [_norm_label(t) for t in texts]
    if signed not in norm:
        return None
    i = norm.index(signed)
    lines = texts[i + 1:]
    rest_norm = norm[i + 1:]
    if employee in rest_norm:
        j = rest_norm.index(employee)
        head, tail = lines[:j], lines[j + 1:]
    else:
        head, tail = lines, []
    if len(head) < 2:
        warns.append("signature without name and title; not imported")
        return None
    sig: dict = {"name": head[0], "title": head[1]}
    if len(head) > 2:
        warns.append(f"text after the signature not imported: {_short(' | '.join(head[2:]))}")
    if employer in norm[:i] or employee in rest_norm:
        sig["mode"] = "both"
        names = [t for t in tail if _norm_label(t) != signed]
        if names:
            sig["employee"] = names[0]
    return sig


# -- languages -----------------------------------------------------------------------------------
def _language_lines(paras: list, loose: bool) -> list[str]:
    out = []
    for p in paras:
        parts = re.split(rf"(?<=\.)\s+(?=[A-ZÕÄÖÜŠŽ])|(?<=\b{_CEFR})\s+(?=[A-ZÕÄÖÜŠŽ])",
                         p.text) if loose else [p.text]
        if loose and not all(re.search(rf"\b{_CEFR}\b", x) for x in parts):
            parts = [p.text]
        out.extend(x for x in parts if x)
    return out


def _language_res() -> dict:
    ph = _phrases()
    out = {}
    for style, pattern in ph["language_requirement"].items():
        rx = ""
        for bit in re.split(r"(\{\w+\})", pattern):
            if bit in ("{Languages}", "{languages}"):
                rx += r"(?P<langs>.+?)"
            elif bit == "{at_least}":
                rx += f"(?P<at_least>{re.escape(ph['at_least'])})?"
            elif bit == "{level}":
                rx += f"(?P<level>{_CEFR})"
            else:
                rx += re.escape(bit)
        out[style] = re.compile(rx)
    return out


def _render_language(req: dict, style: str) -> str:
    from types import SimpleNamespace

    from ..model import LanguageRequirement, Requirements
    from ..wording import language_lines

    langs = req["language"] if isinstance(req["language"], list) else [req["language"]]
    lr = LanguageRequirement(tuple(langs), req["level"], req.get("at_least", False))
    return language_lines(SimpleNamespace(requirements=Requirements(
        languages=(lr,), language_style=style)))[0]


def _languages(lines: list[str]) -> tuple[str, list, list]:
    """The language lines as {language, level, at_least} in one style, or with text: when a
    line is not a sentence ajdoc generates (the rendered sentence equals the original)."""
    res = _language_res()
    join = _phrases()["language_join"]
    parsed: dict = {}
    for style, rx in res.items():
        for n, line in enumerate(lines):
            m = rx.fullmatch(line)
            if not m:
                continue
            names = m.group("langs").split(join)
            names = [names[0][:1].lower() + names[0][1:]] + names[1:]
            req = {"language": names if len(names) > 1 else names[0], "level": m.group("level")}
            if m.group("at_least"):
                req["at_least"] = True
            try:
                if _render_language(req, style) == line:
                    parsed.setdefault(style, {})[n] = req
            except (TypeError, ValueError):
                pass
    order = list(res)
    patterns = _phrases()["language_requirement"]

    def near(style: str) -> float:  # how much of the style's phrase the lines hold
        words = set(re.findall(r"[^\W\d_]+", re.sub(r"\{\w+\}", " ", patterns[style]).casefold()))
        return sum(len(words & set(re.findall(r"[^\W\d_]+", line.casefold()))) / len(words)
                   for line in lines) if words else 0.0

    style = max(order, key=lambda s: (len(parsed.get(s, {})), near(s), -order.index(s)))
    out, notes = [], []
    for n, line in enumerate(lines):
        req = parsed.get(style, {}).get(n)
        if req is None:
            req = _language_guess(line)
            notes.append(f"kept as text {n + 1}: {_short(line)}")
        out.append(req)
    return style, out, notes


def _language_guess(line: str) -> dict:
    low = line.casefold()
    m = re.search(r"(\w+(?:(?:, | või | ja )\w+)*) keel\w*", low)
    names = re.split(r", | või | ja ", m.group(1)) if m else ["-"]
    level = re.search(rf"\b({_CEFR})\b", line)
    req = {"language": names if len(names) > 1 else names[0],
           "level": level.group(1) if level else "B1"}
    if level and re.search(rf"vähemalt\s+(?:\w+\s+)?{level.group(1)}", line, re.I):
        req["at_least"] = True
    req["text"] = line
    return req


# -- duties --------------------------------------------------------------------------------------
@attrs.define
class _DutyMatch:
    index: int
    duty: dict
    match: Optional[Match] = None


def _duty_words(text: str, subitems: Sequence[str], results: Sequence[str]) -> list[str]:
    return _words(" ".join([text, *subitems, *results]))


def _recognise_duties(lib: Library, duties: list, eq: _Equal) -> list[_DutyMatch]:
    cands = _candidates(lib, "duties")
    out = [_DutyMatch(i, d) for i, d in enumerate(duties)]
    scored = []
    for dm in out:
        d = dm.duty
        words = _duty_words(d["text"], d["subitems"], d["results"])
        tw = _words(d["text"])
        for block in cands:
            for v in block.variants.values():
                s = ratio(words, _duty_words(v.text or "", v.subitems, v.results))
                st = ratio(tw, _words(v.text or ""))
                if s < DUTY_MIN or st < DUTY_TEXT_MIN:
                    continue
                # compose cannot remove every result / sub-item of a block: keep such a duty own
                if (v.results and not d["results"]) or (v.subitems and not d["subitems"]):
                    continue
                latest = lib.latest_version(block.id) == block.version
                scored.append((s, latest, v.name == block.default, -dm.index, dm, block, v))
    taken: set = set()
    for s, _, _, _, dm, block, v in sorted(scored, key=lambda x: x[:4], reverse=True):
        if dm.match is not None or block.id in taken:
            continue
        dm.match = Match(block, v, s, True)
        taken.add(block.id)
    return out


def _variant_of(lib: Library, ref: Ref) -> tuple[Block, str]:
    block = lib.block(ref)
    return block, ref.variant or block.default


def _ref_text(lib: Library, block: Block, variant: str, base: Optional[Ref] = None,
              full: bool = True) -> str:
    """`id:variant[@version]`; with `full` False just what differs from `base`."""
    latest = lib.latest_version(block.id) == block.version
    if not full and base is not None and base.id == block.id:
        bblock, bvariant = _variant_of(lib, base)
        if bblock.version == block.version and bvariant == variant:
            return block.id
    return block.id + f":{variant}" + ("" if latest else f"@{block.version}")


def _same(lib: Library, ref: Optional[Ref], block: Block, variant: str) -> bool:
    if ref is None or ref.id != block.id:
        return False
    b, v = _variant_of(lib, ref)
    return b.version == block.version and v == variant


def _duty_edit(block: Block, v: Variant, d: dict, eq: _Equal) -> tuple[dict, list]:
    edit, notes = {}, []
    if not eq(v.text or "", d["text"]):
        edit["text"] = d["text"]
        notes.append("text changed")
    for key in ("subitems", "results"):
        patch, n = _list_patch(list(getattr(v, key)), d[key], eq)
        if patch:
            edit[key] = patch
            notes.extend(f"{'result' if key == 'results' else 'sub-item'} {x}" for x in n)
    return edit, notes


def _emit_duties(lib: Library, preset, duties: list, sections: dict, edits: dict,
                 report: list, eq: _Equal) -> list:
    preset_list = list(preset.sections.get("duties", (OWN,)))
    if OWN not in preset_list:
        preset_list.append(OWN)
    k = preset_list.index(OWN)
    pre = [r for r in preset_list[:k] if r != OWN]
    post = [r for r in preset_list[k + 1:] if r != OWN]
    present = {dm.match.block.id for dm in duties if dm.match}
    removed = [r.id for r in pre + post if r.id not in present]
    pre_kept = [r for r in pre if r.id in present]
    post_kept = [r for r in post if r.id in present]
    seq = [dm.match.block.id if dm.match else None for dm in duties]
    k1 = 0
    while k1 < len(pre_kept) and k1 < len(seq) and seq[k1] == pre_kept[k1].id:
        k1 += 1
    k2 = 0
    while (k2 < len(post_kept) and k2 < len(seq) - k1
           and seq[len(seq) - 1 - k2] == post_kept[len(post_kept) - 1 - k2].id):
        k2 += 1
    implicit = set(range(k1)) | set(range(len(seq) - k2, len(seq)))
    base_of = {r.id: r for r in pre + post}
    out, replace = [], {}
    for i, dm in enumerate(duties):
        d = dm.duty
        label = f"duty {d['number'] or i + 1}"
        if dm.match is None:
            entry = {"text": d["text"] or "-"}
            if d["subitems"]:
                entry["subitems"] = list(d["subitems"])
            if d["results"]:
                entry["results"] = list(d["results"])
            out.append(entry)
            report.append(SectionReport(label, "own", note=_short(d["text"], 50)))
            continue
        block, v = dm.match.block, dm.match.variant
        base = base_of.get(block.id)
        edit, notes = _duty_edit(block, v, d, eq)
        if edit:
            edits[block.id] = edit
        if i in implicit:
            if not _same(lib, base, block, v.name):
                replace[block.id] = _ref_text(lib, block, v.name)
        else:
            if base is not None and _same(lib, base, block, v.name):
                out.append({"use": block.id})
            else:
                out.append({"use": _ref_text(lib, block, v.name)})
        report.append(SectionReport(label, "edited" if edit else "matched",
                                    block=f"{block.id}@{block.version}:{v.name}",
                                    score=dm.match.score, edits=notes))
    patch = {}
    if removed:
        patch["remove"] = removed
        for rid in removed:
            report.append(SectionReport(f"duty {rid}", "removed",
                                        note="the preset's duty is not in the document"))
    if replace:
        patch["replace"] = replace
    if patch:
        sections["duties"] = patch
    if not out:  # every duty is standard: the role still lists one (placed where it stands)
        dm = duties[0]
        out.append({"use": _ref_text(lib, dm.match.block, dm.match.variant.name,
                                     base_of.get(dm.match.block.id), full=False)})
    return out


# -- competencies --------------------------------------------------------------------------------
@attrs.define
class _CompMatch:
    name: str
    indicators: list
    match: Optional[Match] = None


def _recognise_competencies(lib: Library, sets: list) -> list[_CompMatch]:
    cands = _candidates(lib, "competencies")
    out = []
    used: set = set()
    for name, indicators in sets:
        same = [b for b in cands if _norm_label(b.title) == _norm_label(name)
                and b.id not in used]
        cm = _CompMatch(name, list(indicators))
        if same and indicators:
            m = _best(same, _words(" ".join(indicators)),
                      lambda v: _words(" ".join(v.items)), lib)
            m.recognised = True
            cm.match = m
            used.add(m.block.id)
        out.append(cm)
    return out


def _emit_competencies(lib, preset, comps: list, sections: dict, edits: dict, report: list,
                       eq: _Equal, blocks: list, stem: str, source: str, layout: str) -> None:
    refs = []
    for n, cm in enumerate(comps, 1):
        label = f"competency {cm.name}"
        if not cm.indicators:
            report.append(SectionReport(label, "skipped", note="no indicators; not imported"))
            continue
        if cm.match is None:
            block = _user_block(cm.name, cm.indicators, stem, source)
            blocks.append(block)
            variant = next(iter(block["variants"]))
            refs.append(f"{block['id']}:{variant}")
            report.append(SectionReport(label, "user-block", block=f"{block['id']}@1:{variant}",
                                        note="no library block has this name: written to "
                                             "library/blocks/imported.yaml"))
            continue
        block, v = cm.match.block, cm.match.variant
        patch, notes = _list_patch(list(v.items), cm.indicators, eq)
        if patch:
            edits[block.id] = patch
        refs.append((block, v.name))
        report.append(SectionReport(label, "edited" if patch else "matched",
                                    block=f"{block.id}@{block.version}:{v.name}",
                                    score=cm.match.score, edits=notes))
    preset_refs = list(preset.sections.get("competencies", ()))
    same = len(preset_refs) == len(refs) and all(
        not isinstance(r, str) and _same(lib, p, r[0], r[1]) for p, r in zip(preset_refs, refs))
    if not same:
        if not refs and layout == "2025" and not preset_refs:
            return
        sections["competencies"] = [r if isinstance(r, str) else _ref_text(lib, r[0], r[1])
                                    for r in refs]
        if not refs:
            report.append(SectionReport("competencies", "absent",
                                        note="none in the document; the preset's removed"))


def _slug(text: str) -> str:
    table = str.maketrans("õäöüšžÕÄÖÜŠŽ", "oaouszOAOUSZ")
    s = re.sub(r"[^a-z0-9]+", "-", text.translate(table).lower()).strip("-")
    return s or "x"


def _user_block(name: str, indicators: list, stem: str, source: str) -> dict:
    import hashlib

    digest = hashlib.sha1("\n".join(indicators).encode("utf-8")).hexdigest()[:6]
    return {"id": f"imported.competency.{_slug(name)}", "version": 1, "kind": "competency",
            "title": name,
            "description": "Imported by `ajdoc import`: no library block has this name.",
            # the items' digest in the name: two imports never give one name to different items
            "variants": {f"{_slug(stem)}-{digest}": {"source": source,
                                                     "items": list(indicators)}}}


def merge_blocks(blocks: Iterable[dict]) -> list[dict]:
    """User blocks of several imports as one list: one block per id with the variants of all
    (a variant name carries its items' digest, so equal names hold equal items)."""
    out: dict = {}
    for b in blocks:
        cur = out.setdefault(b["id"], {k: v for k, v in b.items() if k != "variants"}
                             | {"variants": {}})
        for name, v in b["variants"].items():
            cur["variants"].setdefault(name, v)
    return list(out.values())


# -- single sections -----------------------------------------------------------------------------
def _emit_single(lib, preset, section: str, f: Optional[_Found], sections: dict, edits: dict,
                 report: list, eq: _Equal) -> None:
    pref = preset.sections.get(section)
    label = section.replace("_", " ")
    if f is None:
        if pref is not None:
            sections[section] = None
            report.append(SectionReport(label, "absent",
                                        note="not in the document; the preset's block removed"))
        return
    m = f.match
    if m is None:
        report.append(SectionReport(label, "lost", note="no block of this kind in the library"))
        return
    if m.recognised or pref is None:
        block, v = m.block, m.variant
    else:
        block, v = lib.resolve(pref)
    if not _same(lib, pref, block, v.name):
        sections[section] = _ref_text(lib, block, v.name)
    kind = block.kind
    notes: list = []
    edit = None
    if kind == "text":
        if not eq(v.text or "", f.value):
            edit = {"text": f.value}
            notes.append("text changed")
    else:
        edit, notes = _list_patch(list(v.items), list(f.value), eq, named=kind == "additional")
    if edit:
        edits[block.id] = edit
    status = ("edited" if edit else "matched") if m.recognised else "own"
    score = ratio(_words(f.value if kind == "text" else " ".join(_text_of(i) for i in f.value)),
                   _words(v.text if kind == "text" else " ".join(_text_of(i) for i in v.items)))
    report.append(SectionReport(label, status, block=f"{block.id}@{block.version}:{v.name}",
                                score=score, edits=notes,
                                note="" if m.recognised else
                                f"matches no block above {TEXT_MIN if kind == 'text' else LIST_MIN}"
                                "; kept as an edit of this block"))


# -- preset --------------------------------------------------------------------------------------
def _choose_preset(lib: Library, found: dict, comps: list, duties: list, layout: str):
    """The preset naming most of the recognised blocks (same variant 1, other variant ½) and
    least of what the document lacks or holds besides (−1 each)."""
    best, best_key = None, None
    for n, pid in enumerate(lib.preset_ids()):
        try:
            preset = lib.preset(pid)
        except AjdocError:
            continue
        score = 0.0
        for section in SINGLE_SECTIONS:
            if layout == "2025" and section == "duties_heading":
                continue
            ref = preset.sections.get(section)
            f = found.get(section)
            if f is None:
                score += 1 if ref is None else -1
                continue
            if not f.match or not f.match.recognised:
                continue
            score += _agree(lib, ref, f.match)
        score += _agree_lists(lib, preset.sections.get("competencies", ()),
                              [c.match for c in comps if c.match])
        score += _agree_lists(lib, [r for r in preset.sections.get("duties", ()) if r != OWN],
                              [d.match for d in duties if d.match])
        key = (score, -len(preset.chain), -n)
        if best_key is None or key > best_key:
            best, best_key = preset, key
    if best is None:
        raise AjdocError("the library has no usable preset; the import needs one")
    return best


def _agree(lib, ref: Optional[Ref], m: Match) -> float:
    if ref is None or ref.id != m.block.id:
        return -1
    return 1 if _same(lib, ref, m.block, m.variant.name) else 0.5


def _agree_lists(lib, refs: Sequence, matches: list) -> float:
    score = 0.0
    by_id = {m.block.id: m for m in matches}
    ref_ids = {r.id: r for r in refs if isinstance(r, Ref)}
    for rid, ref in ref_ids.items():
        score += _agree(lib, ref, by_id[rid]) if rid in by_id else -1
    score -= sum(1 for rid in by_id if rid not in ref_ids)
    return score


# =============================================================================== writing
_ROLE_ORDER = ["preset", "agency", "approved", "general", "purpose", "duties", "requirements",
               "sections", "edit", "numbering", "signature", "forms"]


def role_yaml(role: dict, *, source: str, layout: str, report: Sequence[SectionReport] = (),
              library_note: bool = False) -> str:
    """The role as a commented role file."""
    data = commented({k: role[k] for k in _ROLE_ORDER if k in role})
    counts = Counter(r.status for r in report)
    head = [f"Imported by `ajdoc import` from {source} ({layout} layout).",
            "Blocks recognised: " + (", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
                                     or "none") + ".",
            "Render it with: ajdoc render THIS.yaml -o OUT.docx"
            + (" --layout 2025" if layout == "2025" else "")
            + (" --library library" if library_note else "")]
    if library_note:
        head.append("It uses blocks written to library/blocks/imported.yaml beside this file.")
    data.yaml_set_start_comment("\n".join(head))
    comments = {
        "sections": "which blocks differ from the preset's (see `ajdoc blocks ID`)",
        "edit": "what the document says differently from the blocks (items by number)",
        "duties": "the role's own duties; `use:` places a standard duty among them",
    }
    for key, text in comments.items():
        if key in data:
            data.yaml_set_comment_before_after_key(key, before=text)
    return dump(data)


def blocks_yaml(blocks: Sequence[dict]) -> str:
    data = commented({"blocks": list(blocks)})
    data.yaml_set_start_comment("Blocks written by `ajdoc import` for competency sets that match "
                                "no library block.\nUse them with --library (this folder's "
                                "parent).")
    return dump(data)


def directive_yaml(directive: dict, source: str) -> str:
    data = commented(directive)
    data.yaml_set_start_comment(f"Imported by `ajdoc import --from-directive` from {source}.\n"
                                "Render it with: ajdoc directive THIS.yaml -o OUTDIR "
                                "--combined COMBINED.docx")
    return dump(data)


# =============================================================================== verifying
def _roundtrip(result: ImportResult, lib: Library, source_text: str) -> float:
    from ..rendering import render_job

    jd = result.compose(lib)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = render_job(jd, result.layout)
    return ngram_similarity(source_text, docx_text(data))


# =============================================================================== batches
def import_directory(folder: Path | str, library: Library | Sequence[Path | str] | None = None,
                     *, verify: bool = True, progress: Optional[Callable] = None) -> BatchResult:
    """Import every .docx/.txt of a folder; a file that cannot be read is collected in
    `.failures` (path, AjdocError) and skipped, never the end of the batch."""
    folder = Path(folder)
    if not folder.is_dir():
        raise AjdocError("is not a folder", Place(file=str(folder)))
    lib = library if isinstance(library, Library) else load_library(library or ())
    files = workspace.document_files(folder)
    batch = BatchResult()
    iterator = progress(files) if progress else files
    for path in iterator:
        try:
            batch.results[path] = import_file(path, lib, verify=verify)
        except AjdocError as exc:
            batch.failures.append((path, exc.at(Place(file=str(path)))))
    return batch


# =============================================================================== directives
def import_directive(path: Path | str, library: Library | Sequence[Path | str] | None = None, *,
                     verify: bool = True) -> DirectiveImport:
    """A combined directive (the directive, then each annex from "KINNITATUD … Lisa N") → the
    directive file's data and one role per annex."""
    path = Path(path)
    place = Place(file=str(path))
    lib = library if isinstance(library, Library) else load_library(library or ())
    data = _read_bytes(path)
    _check_word_bytes(data, place)
    stream = _docx_stream(data, place)
    starts = [i for i, el in enumerate(stream) if isinstance(el, Para)
              and _norm_label(el.text) == _norm_label(_phrases()["approval"][0])]
    if not starts:
        starts = [i for i, el in enumerate(stream) if isinstance(el, Para)
                  and _norm_label(el.text) == DOC_TITLE.casefold()]
    if not starts:
        raise AjdocError("is not a combined directive: no annex (\"KINNITATUD … Lisa N\" "
                         "followed by a job description) found; expected the document "
                         "`ajdoc directive --combined` writes", place)
    head = [el for el in stream[:starts[0]] if isinstance(el, Para) and el.text]
    segments = [stream[a:b] for a, b in zip(starts, starts[1:] + [len(stream)])]
    warns: list[str] = []
    annexes: list[ImportResult] = []
    approvals = []
    for n, seg in enumerate(segments, 1):
        parsed = _parse(seg)
        try:
            _check_is_job_description(parsed, place)
        except AjdocError:
            raise AjdocError(f"annex {n} is not a job description (no duties table); expected "
                             "each annex to be a job description", place) from None
        approvals.append(_approval(parsed.approval))
        annexes.append(_build(parsed, lib, source=f"{path.name}, annex {n}",
                              stem=f"{path.stem}-lisa-{n}", loose=False, annex=True))
    d, notes = _directive_data(head, annexes, approvals, place)
    warns += notes
    names = _annex_names(annexes)
    d["annexes"] = names
    blocks = merge_blocks(b for a in annexes for b in a.blocks)
    if blocks:
        d["library"] = "library"
    d = {k: d[k] for k in _DIRECTIVE_ORDER if k in d}
    result = DirectiveImport(source=path.name, directive=d, yaml=directive_yaml(d, path.name),
                             annexes=annexes, names=names, warnings=warns, blocks=blocks)
    for a in annexes:
        _check_composes(a, lib, place)
    if verify:
        result.roundtrip = _directive_roundtrip(result, lib, docx_text(data))
    return result


_DIRECTIVE_ORDER = ["agency", "signer", "number", "date", "title", "legal_basis", "unit", "layout",
                    "annexes", "repeals", "entry_into_force", "appeal", "forms", "library"]


def _annex_names(annexes: list) -> list[str]:
    names, seen = [], set()
    for a in annexes:
        base = _slug(a.role["general"]["title"])
        name, k = f"{base}.yaml", 2
        while name in seen:
            name, k = f"{base}-{k}.yaml", k + 1
        seen.add(name)
        names.append(name)
    return names


def _point_text(el: Para) -> tuple[Optional[str], str]:
    m = re.match(r"^(\d+(?:\.\d+)*\.)\s+(.*)$", el.text, re.S)
    return (m.group(1), m.group(2)) if m else (None, el.text)


def _directive_data(head: list, annexes: list, approvals: list, place: Place) -> tuple[dict, list]:
    from .. import language

    ph = _phrases()["directive"]
    notes: list[str] = []
    texts = [p.text for p in head]
    if not texts or _norm_label(texts[0]) != _norm_label(ph["heading"]):
        raise AjdocError(f"is not a combined directive: it does not start with "
                         f"\"{ph['heading']}\"; expected the document `ajdoc directive "
                         "--combined` writes", place)
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})\s+nr\s+(\S+)", texts[1]) if len(texts) > 1 \
        else None
    if not m:
        raise AjdocError("the directive's date and number (\"28.11.2025 nr 183\") not found",
                         place)
    date = _dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    number = m.group(4)
    d: dict = {}
    approved, agency, forms, note = approvals[0] if approvals else (None, None, {}, None)
    if agency:
        d["agency"] = agency
    rest = texts[2:]
    title = rest.pop(0) if rest else ph["title"]
    # signature: the last three lines after the signed phrase
    signed = _norm_label(ph["signed"])
    sig_i = max((i for i, t in enumerate(rest) if _norm_label(t) == signed), default=None)
    signer = {"name": "-", "title": approved["signer_title"] if approved else "-"}
    if sig_i is not None and len(rest) > sig_i + 2:
        signer = {"name": rest[sig_i + 1], "title": rest[sig_i + 2]}
        rest = rest[:sig_i]
    else:
        notes.append("the directive's signature was not found; signer written as '-'")
    d["signer"] = signer
    d["number"] = int(number) if number.isdigit() else number
    d["date"] = date
    if _clean(title) != _clean(ph["title"]):
        d["title"] = title
    paras = [Para(t) for t in rest]
    preamble = []
    while paras and _point_text(paras[0])[0] is None:
        preamble.append(paras.pop(0).text)
    points = []
    closing = []
    for p in paras:
        num, text = _point_text(p)
        if num is not None and num.count(".") == 1:
            points.append([text, []])
        elif num is not None and points:
            points[-1][1].append(text)
        else:
            closing.append(p.text)
    if preamble and _clean(" ".join(preamble)) != _clean(ph["legal_basis"]):
        d["legal_basis"] = " ".join(preamble)
    unit = annexes[0].role["general"]["unit"] if annexes else {"department": "-"}
    d["unit"] = unit
    d["layout"] = annexes[0].layout if annexes else "2025"
    repeals, in_force = [], None
    rep_rx = _phrase_re(ph["repeal"], {"signer_genitive": r"(?P<signer>.+?)",
                                        "date": r"(?P<date>\d{1,2}\.\d{1,2}\.\d{4})",
                                        "number": r"(?P<number>\S+)", "title": r"(?P<title>.+)"})
    force_rx = _phrase_re(ph["in_force_on"], {"long_date": r"(?P<long>.+)"})
    for text, _subs in points[1:]:
        m = rep_rx.fullmatch(text)
        if m:
            dd, mm, yy = (int(x) for x in m.group("date").split("."))
            signer_title = _nominative(m.group("signer")) or m.group("signer")
            rep = {"signer_title": signer_title, "date": _dt.date(yy, mm, dd),
                   "number": int(m.group("number")) if m.group("number").isdigit()
                   else m.group("number"), "title": m.group("title")}
            repeals.append(rep)
            continue
        if _clean(text) == _clean(ph["in_force_on_signing"]):
            in_force = "signing"
            continue
        m = force_rx.fullmatch(text)
        if m:
            parsed = _parse_long_date(m.group("long"))
            if parsed:
                in_force = parsed
                continue
        notes.append(f"directive point not recognised, not imported: {_short(text)}")
    if repeals:
        d["repeals"] = repeals
    if in_force is not None:
        d["entry_into_force"] = in_force
    if closing:
        default = ph["appeal"].format(agency_allative=language.inflect(
            agency or "Sotsiaalkindlustusamet", "allative"))
        if _clean(" ".join(closing)) != _clean(default):
            d["appeal"] = " ".join(closing)
    if forms:
        d["forms"] = forms
    return d, notes


def _phrase_re(pattern: str, groups: dict) -> re.Pattern:
    rx = ""
    for bit in re.split(r"(\{\w+\})", pattern):
        if bit.startswith("{") and bit.endswith("}") and bit[1:-1] in groups:
            rx += groups[bit[1:-1]]
        else:
            rx += re.escape(bit)
    return re.compile(rx)


def _parse_long_date(text: str) -> Optional[_dt.date]:
    from .. import language

    m = re.fullmatch(r"(\d{4})\. aasta (\d{1,2})\. (\S+)", text.strip())
    if not m:
        return None
    year, day = int(m.group(1)), int(m.group(2))
    for month in range(1, 13):
        try:
            cand = _dt.date(year, month, day)
        except ValueError:
            continue
        if language.long_date(cand) == text.strip():
            return cand
    return None


def _directive_roundtrip(result: DirectiveImport, lib: Library, source_text: str) -> float:
    from .. import yamlio
    from ..compose.directive import load_directive
    from ..rendering import render_combined

    with tempfile.TemporaryDirectory(prefix="ajdoc-import-") as tmp:
        folder = Path(tmp)
        for name, a in zip(result.names, result.annexes):
            (folder / name).write_text(a.yaml, encoding="utf-8")
        if result.blocks:
            (folder / "library" / "blocks").mkdir(parents=True)
            (folder / "library" / "blocks" / "imported.yaml").write_text(
                blocks_yaml(result.blocks), encoding="utf-8")
        dfile = folder / "directive.yaml"
        dfile.write_text(result.yaml, encoding="utf-8")
        yamlio.load(dfile)
        d = load_directive(dfile, list(lib.folders))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            data = render_combined(d)
    return ngram_similarity(source_text, docx_text(data))
