"""Delivery: PDF and PDF/A through LibreOffice, PNG previews, unsigned ASiC-E containers."""

from .asice import ASICE_MIMETYPE, MEDIA_TYPES, asice_bytes, asice_documents, write_asice
from .bundle import check_delivery, deliver
from .pdf import pdf_a_part, pdf_files, pdf_page_count, to_pdf, write_pdfs
from .preview import pdf_to_png, preview, preview_images
from .tools import ConversionError, ToolMissing, find_pdftoppm, find_soffice

__all__ = [
    "ASICE_MIMETYPE", "MEDIA_TYPES", "ConversionError", "ToolMissing", "asice_bytes",
    "asice_documents", "check_delivery", "deliver", "find_pdftoppm", "find_soffice",
    "pdf_a_part", "pdf_files", "pdf_page_count", "pdf_to_png", "preview", "preview_images",
    "to_pdf", "write_asice", "write_pdfs",
]
