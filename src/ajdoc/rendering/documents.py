"""The documents ajdoc writes: a job description, a directive with its annexes as separate files,
or the directive and its annexes combined in one document."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, Mapping, Optional

from .. import resources
from ..errors import AjdocError, Place
from ..model import Directive, JobDescription
from ..ooxml.package import normalize_zip
from .context import annex_contexts, directive_context, job_context, warn_unprinted
from .engine import fill
from .heap import set_aside

ENGINES = ("template", "docxcompose")
PROPERTY_LIMIT = 255  # characters: Word's limit for a document property (python-docx enforces it)


def _check_properties(ctx: Mapping[str, Any], source: Optional[str], keys: Mapping[str, str]
                      ) -> None:
    """The title and author go into the document's properties: refuse, naming the input file and
    its key, what Word cannot hold there."""
    for prop, key in keys.items():
        value = str(ctx.get("doc_props", {}).get(prop) or "")
        if len(value) > PROPERTY_LIMIT:
            raise AjdocError(f"is {len(value)} characters long, and the document's {prop} "
                             f"property holds at most {PROPERTY_LIMIT} (Word's limit)",
                             Place(file=source, key=key))


_ROLE_KEYS = {"title": "general.title", "author": "agency"}


def _directive_template(d: Directive, which: str) -> Path:
    """The directive's template ("directive"), or the combined document's ("combined"): named by
    the annexes' layout (`directive_template`, `combined_template`), else ajdoc's."""
    lay = d.profile.layout(d.layout)
    default = "kaskkiri.docx" if which == "directive" else f"kaskkiri-{d.layout}-combined.docx"
    return d.profile.template(str(lay.get(f"{which}_template") or default))


def render_job(jd: JobDescription, layout: str = "2022", template: Optional[Path] = None,
               extra: Optional[Mapping[str, Any]] = None) -> bytes:
    """The job description as DOCX bytes. Warns (LayoutWarning) about what the layout cannot show."""
    ctx: dict[str, Any] = dict(job_context(jd, layout))
    _check_properties(ctx, jd.source_file, _ROLE_KEYS)
    warn_unprinted(jd, layout, ctx["unprinted"], "role", stacklevel=3)
    if extra:
        ctx.update(extra)
    return fill(template or jd.profile.layout_template(layout), ctx)


def render_directive(d: Directive) -> tuple[bytes, list[bytes]]:
    """The directive and each annex as separate DOCX files."""
    with set_aside():
        ctx = directive_context(d)
        _check_properties(ctx, d.source_file, {"title": "title", "author": "agency"})
        annexes = annex_contexts(d)
        for jd, annex in zip(d.annexes, annexes):
            _check_properties(annex, jd.source_file, _ROLE_KEYS)
        main = fill(_directive_template(d, "directive"), ctx)
        template = d.profile.layout_template(d.layout)
        return main, [fill(template, annex) for annex in annexes]


def render_combined(d: Directive, engine: str = "template") -> bytes:
    """The directive and its annexes as one DOCX, each annex on a new page.

    engine "template" renders everything in one template (the default: measured faster and
    flat in cost per annex); "docxcompose" renders each document and merges them.
    """
    if engine == "template":
        with set_aside():
            ctx = dict(directive_context(d))
            _check_properties(ctx, d.source_file, {"title": "title", "author": "agency"})
            ctx["annexes"] = annex_contexts(d)
            return fill(_directive_template(d, "combined"), ctx)
    if engine == "docxcompose":
        from docx import Document  # the merge engine is an extra: imported when chosen
        from docxcompose.composer import Composer

        main, annexes = render_directive(d)
        composer = Composer(Document(io.BytesIO(main)))
        for data in annexes:
            doc = Document(io.BytesIO(data))
            doc.paragraphs[0].paragraph_format.page_break_before = True
            composer.append(doc)
        buf = io.BytesIO()
        composer.save(buf)
        return normalize_zip(buf.getvalue())
    raise AjdocError(f"unknown combine engine '{engine}'; expected {' or '.join(ENGINES)}")
