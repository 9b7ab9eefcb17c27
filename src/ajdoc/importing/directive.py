"""Importing a combined directive: the directive file's data and one role per annex."""

from __future__ import annotations

import re
import tempfile
import warnings
from pathlib import Path
from typing import Any, Optional, Union

from .. import language, resources, yamlio
from ..compose.directive import default_legal_acts, load_directive
from ..errors import AjdocError, Place
from ..library import Library
from ..model.directive import Style
from ..ooxml import docx_text
from ..rendering import render_combined
from ..resources import Profile
from ..textdiff import ngram_similarity
from ..wording import directive_title, legal_basis
from .build import build
from .documents import check_composes, check_is_job_description, check_layout, \
    written_profile
from .labels import Vocabulary, vocabulary
from .output import directive_yaml
from .results import DirectiveImport, ImportResult
from .sections import parse
from .sources import Element, Para, check_word_bytes, docx_stream, read_bytes
from .text import clean, norm_label, short
from .toplines import match_top
from .unphrase import acting, annex_example, annex_name, annex_start, approval, date_number, \
    date_number_example, default_agency, entry_into_force
from .unphrase import repeals as repeal_entries
from .userblocks import LibraryArg, as_library, blocks_yaml, merge_blocks, slug

DIRECTIVE_ORDER = ["profile", "kind", "agency", "signer", "number", "date", "title",
                   "legal_basis", "unit", "layout", "annexes", "repeals", "entry_into_force",
                   "retroactive", "appeal", "style", "forms", "library"]

Approval = tuple[Optional[dict[str, Any]], Optional[str], dict[str, str], Optional[str]]


def import_directive(path: Path | str, library: LibraryArg = None, *, verify: bool = True,
                     profile: resources.ProfileArg = None) -> DirectiveImport:
    """A combined directive (the directive, then each annex from "KINNITATUD … Lisa N", or from
    its layout's top lines) → the directive file's data and one role per annex, read in
    `profile` (see `import_file`)."""
    path = Path(path)
    place = Place(file=str(path))
    lib = as_library(library, profile)
    vocab = vocabulary(lib)
    prof = lib.profile
    ref = written_profile(lib)
    data = read_bytes(path)
    pkg = check_word_bytes(data, place)
    stream = docx_stream(pkg, vocab.phrases)
    starts = _annex_starts(stream, vocab)
    if not starts:
        raise AjdocError(f"is not a combined directive: no annex (\"{annex_example(prof)}\" "
                         "followed by a job description) found; expected the document "
                         "`ajdoc directive --combined` writes", place)
    head = [el for el in stream[:starts[0]] if isinstance(el, Para) and el.text]
    segments = [stream[a:b] for a, b in zip(starts, starts[1:] + [len(stream)])]
    warns: list[str] = []
    annexes: list[ImportResult] = []
    approvals = []
    for n, seg in enumerate(segments, 1):
        parsed = parse(seg, vocab)
        try:
            check_is_job_description(parsed, vocab, place)
        except AjdocError:
            raise AjdocError(f"annex {n} is not a job description (no duties table); expected "
                             "each annex to be a job description", place) from None
        try:
            check_layout(parsed, vocab, place)
        except AjdocError as exc:
            raise AjdocError(f"annex {n} {exc.message}", place, exc.hint) from None
        approvals.append(approval(parsed.approval, prof))
        annexes.append(build(parsed, vocab, source=f"{path.name}, annex {n}",
                             stem=f"{path.stem}-{slug(annex_name(n, prof))}", loose=False,
                             annex=True, profile=ref))
    d, notes = _directive_data(head, annexes, approvals, place, prof)
    if ref is not None:
        d["profile"] = ref
    warns += notes
    names = _annex_names(annexes)
    d["annexes"] = names
    blocks = merge_blocks(b for a in annexes for b in a.blocks)
    if blocks:
        d["library"] = "library"
    d = {k: d[k] for k in DIRECTIVE_ORDER if k in d}
    result = DirectiveImport(source=path.name, directive=d, yaml=directive_yaml(d, path.name),
                             annexes=annexes, names=names, warnings=warns, blocks=blocks,
                             library=lib)
    for a in annexes:
        check_composes(a, lib, place)
    if verify:
        result.roundtrip = _directive_roundtrip(result, lib, pkg.text())
    return result


def _annex_starts(stream: list[Element], vocab: Vocabulary) -> list[int]:
    """Where each annex starts: its approval header ("KINNITATUD"), else the top lines of a
    layout above its title ("Lisa 2", the agency, …), else the title itself."""
    paras = [(i, el) for i, el in enumerate(stream) if isinstance(el, Para) and el.text]
    first = annex_start(vocab.profile)
    starts = [i for i, el in paras if norm_label(el.text) == first]
    if starts:
        return starts
    tops = [lay["top"] for lay in vocab.layouts.values() if lay.get("top")]
    prev = 0
    for k, (_, el) in enumerate(paras):
        if not vocab.is_document_title(el.text):
            continue
        above = [Para(p.text, p.bullet) for _, p in paras[prev:k]]  # a paragraph a line
        back = max((len(above) - len(match_top(top, above, [], vocab.phrases)[1])
                    for top in tops), default=0)
        starts.append(paras[k - back][0])
        prev = k + 1
    return starts


def _annex_names(annexes: list[ImportResult]) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    for a in annexes:
        base = slug(a.role["general"]["title"])
        name, k = f"{base}.yaml", 2
        while name in seen:
            name, k = f"{base}-{k}.yaml", k + 1
        seen.add(name)
        names.append(name)
    return names


def _point_text(el: Para) -> tuple[Optional[str], str]:
    m = re.match(r"^(\d+(?:\.\d+)*\.)\s+(.*)$", el.text, re.S)
    return (m.group(1), m.group(2)) if m else (None, el.text)


def _directive_data(head: list[Para], annexes: list[ImportResult], approvals: list[Approval],
                    place: Place, prof: Profile) -> tuple[dict[str, Any], list[str]]:
    ph = prof.phrases["directive"]
    notes: list[str] = []
    while head and head[0].text.strip().casefold() == prof.agency.casefold():
        head = head[1:]  # a letterhead: the agency's name alone in the header
    texts = [p.text for p in head]
    if not texts or norm_label(texts[0]) != norm_label(ph["heading"]):
        raise AjdocError(f"is not a combined directive: it does not start with "
                         f"\"{ph['heading']}\"; expected the document `ajdoc directive "
                         "--combined` writes", place)
    dated = date_number(texts[1], prof) if len(texts) > 1 else None
    if dated is None:
        raise AjdocError(f"the directive's date and number (\"{date_number_example(prof)}\") "
                         "not found", place)
    date, number = dated
    d: dict[str, Any] = {}
    approved, agency, forms, _ = approvals[0] if approvals else (None, None, {}, None)
    if agency:
        d["agency"] = agency
    rest = texts[2:]
    title = rest.pop(0) if rest else ""
    # signature: the last three lines after the signed phrase
    signed = norm_label(ph["signed"])
    sig_i = max((i for i, t in enumerate(rest) if norm_label(t) == signed), default=None)
    signer: dict[str, Any] = {"name": "-", "title": approved["signer_title"] if approved else "-"}
    style: dict[str, Any] = {}
    if sig_i is not None and len(rest) > sig_i + 2:
        signer = {"name": rest[sig_i + 1], "title": rest[sig_i + 2]}
        stands_in = acting(rest[sig_i + 2], prof)
        if stands_in is not None:
            signer["title"], signer["acting_for"] = stands_in
        if signer["title"][:1].isupper():
            style["signer_capital"] = True
            signer["title"] = signer["title"][:1].lower() + signer["title"][1:]
        rest = rest[:sig_i]
    else:
        notes.append("the directive's signature was not found; signer written as '-'")
    d["signer"] = signer
    d["number"] = number
    d["date"] = date
    paras = [Para(t) for t in rest]
    preamble = []
    while paras and _point_text(paras[0])[0] is None:
        preamble.append(paras.pop(0).text)
    points: list[tuple[str, list[str]]] = []
    closing = []
    for p in paras:
        num, text = _point_text(p)
        if num is not None and num.count(".") == 1:
            points.append((text, []))
        elif num is not None and points:
            points[-1][1].append(text)
        else:
            closing.append(p.text)
    kind = "amend" if points and points[0][0].split()[:1] == ph["amend"]["one"].split()[:1] \
        else "approve"
    if kind == "amend":
        d["kind"] = kind
    if title and clean(title) != clean(_default_title(kind, annexes, prof)):
        d["title"] = title
    d["unit"] = annexes[0].role["general"]["unit"] if annexes else {"department": "-"}
    d["layout"] = annexes[0].layout if annexes else "2025"
    repeals: list[dict[str, Any]] = []
    in_force: dict[str, Any] = {"entry_into_force": "none"}
    for text, _subs in points[1:]:
        found = repeal_entries(text, prof)
        if found is not None:
            repeals += found[0]
            if found[1] is not None:
                style["quotes"] = found[1]
            continue
        force = entry_into_force(text, prof)
        if force is not None:
            in_force = force
            continue
        notes.append(f"directive point not recognised, not imported: {short(text)}")
    if preamble and not _default_preamble(" ".join(preamble), style, prof):
        d["legal_basis"] = " ".join(preamble)
    if len([p for p in points[1:] if repeal_entries(p[0], prof)]) > 1:
        style["repeal_points"] = "separate"
    if repeals:
        d["repeals"] = repeals
    if in_force.get("signing") and in_force["signing"] != default_style("signing", prof):
        style["signing"] = in_force["signing"]
    if in_force["entry_into_force"] != "signing":
        d["entry_into_force"] = in_force["entry_into_force"]
    if "retroactive" in in_force:
        d["retroactive"] = in_force["retroactive"]
    style = {k: v for k, v in style.items() if v != default_style(k, prof)}
    if style:
        d["style"] = style
    if closing:
        default = ph["appeal"].format(agency_allative=language.inflect(
            agency or default_agency(prof), "allative"))
        if clean(" ".join(closing)) != clean(default):
            d["appeal"] = " ".join(closing)
    if forms:
        d["forms"] = forms
    return d, notes


def default_style(name: str, prof: resources.ProfileArg = None) -> Any:
    return resources.defaults(prof)["directive"]["style"][name]


def _default_title(kind: str, annexes: list[ImportResult], prof: Profile) -> str:
    """The title the profile gives a directive of this kind over these annexes."""
    try:
        return directive_title(kind, [str(a.role["general"]["title"]) for a in annexes], {},
                               Place(key="title"), prof)
    except AjdocError:  # a post ajdoc cannot inflect: the title is kept as written
        return ""


def _default_preamble(text: str, style: dict[str, Any], prof: Profile) -> bool:
    """Whether `text` is the agency's usual legal basis (in this directive's quote style)."""
    house = dict(prof.settings["directive"].get("style") or {})
    house["quotes"] = style.get("quotes", default_style("quotes", prof))
    usual = legal_basis(default_legal_acts(prof), Style(**house), {},
                        Place(key="legal_basis"), prof.phrases)
    return clean(text) == clean(usual)


def _directive_roundtrip(result: DirectiveImport, lib: Library, source_text: str) -> float:
    """How much of the source's text the rendered directive and annexes give back."""
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
        d = load_directive(dfile, list(lib.folders), None, lib.profile)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            data = render_combined(d)
    return ngram_similarity(source_text, docx_text(data))
