"""Importing job descriptions (DOCX, extracted text) and combined directives into YAML files."""

from .directive import import_directive
from .documents import import_directory, import_file
from .output import directive_file_text, directive_yaml, role_file_text, role_yaml
from .results import BatchResult, DirectiveImport, ImportResult, SectionReport
from .unphrase import languages as _languages, render_language as _render_language
from .userblocks import blocks_yaml, merge_blocks, merged_blocks_text

__all__ = ["import_file", "import_directory", "import_directive", "blocks_yaml", "merge_blocks", "merged_blocks_text",
           "role_yaml", "directive_yaml", "role_file_text", "directive_file_text",
           "ImportResult", "BatchResult", "DirectiveImport", "SectionReport", "_languages",
           "_render_language"]
