"""Wording: the model → the Estonian sentences the documents print. Pure functions, no Word; the
words come from the phrase data through ``resources``, the case forms from ``language``; a form
that cannot be made for sure is an ``AjdocError`` placed at the file and key it came from.

The names below are imported from their module on first use (``ajdoc.lazy``): a job
description's wording loads without the directive's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import lazy

if TYPE_CHECKING:
    from .directive import (Point, closing, default_directive_title, directive_property_title,
                            directive_title, header, points, preamble, signer_line)
    from .job import (approval_lines, document_property_title, document_title, duties_heading,
                      duty_number, heading, language_line, language_lines, signature_blocks,
                      signature_heading, unit_text)
    from .legal import (fill, in_sentence, inflect, join, legal_basis, provision, quoted,
                        ranges)

_WHERE = {
    **dict.fromkeys(("Point", "closing", "default_directive_title", "directive_property_title",
                     "directive_title", "header", "points", "preamble", "signer_line"),
                    "directive"),
    **dict.fromkeys(("approval_lines", "document_property_title", "document_title",
                     "duties_heading", "duty_number", "heading", "language_line",
                     "language_lines", "signature_blocks", "signature_heading", "unit_text"),
                    "job"),
    **dict.fromkeys(("fill", "in_sentence", "inflect", "join", "legal_basis", "provision",
                     "quoted", "ranges"), "legal"),
}

__all__ = sorted(_WHERE)
__getattr__ = lazy.exports(__name__, _WHERE, ("directive", "job", "legal"))
