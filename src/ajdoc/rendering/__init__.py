"""Rendering: the typed template context, filling Word templates in a sandbox, reproducible bytes,
the read-back check, directives and combined documents, and the checking of templates."""

from .context import LayoutWarning, job_context
from .documents import render_combined, render_directive, render_job
from .records import directive_files, register_record

__all__ = ["LayoutWarning", "directive_files", "job_context", "register_record",
           "render_combined", "render_directive", "render_job"]
