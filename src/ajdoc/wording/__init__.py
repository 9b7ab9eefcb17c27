"""Wording: the model → the Estonian sentences the documents print. Pure functions, no Word; the
words come from the phrase data through ``resources``, the case forms from ``language``; a form
that cannot be made for sure is an ``AjdocError`` placed at the file and key it came from."""

from .directive import (Point, closing, default_directive_title, directive_property_title,
                        directive_title,
                        header, points, preamble, signer_line)
from .job import (approval_lines, document_property_title, document_title, duties_heading,
                  duty_number, heading, language_line, language_lines, signature_blocks, signature_heading,
                  unit_text)
from .legal import fill, in_sentence, inflect, join, legal_basis, provision, quoted, ranges

__all__ = ["Point", "approval_lines", "closing", "default_directive_title", "directive_title",
           "directive_property_title", "document_property_title", "document_title",
           "duties_heading", "duty_number", "fill", "in_sentence", "inflect", "header", "heading", "join", "language_line", "language_lines", "legal_basis",
           "points", "preamble", "provision", "quoted", "ranges", "signature_blocks",
           "signature_heading", "signer_line", "unit_text"]
