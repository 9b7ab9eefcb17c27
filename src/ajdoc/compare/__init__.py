"""Comparing two job descriptions (changes, consent rule, report, loading) and the Word redline."""

from .changes import MATCH_CUTOFF, Change, Section, block_uses, list_changes, match_duties
from .comparison import SCHEMA, SECTION_TITLES, Comparison, compare
from .consent import (CLOSING_DUTIES, DEFAULT_THRESHOLD, RULE, RULE_TOOTAJA, RULES, Verdict,
                      Volume, verdict)
from .loading import compare_files, load_any
from .report import FORMATS, format_markdown, format_text, report

__all__ = ["CLOSING_DUTIES", "DEFAULT_THRESHOLD", "FORMATS", "MATCH_CUTOFF", "RULE",
           "RULES", "RULE_TOOTAJA", "SCHEMA", "SECTION_TITLES", "Change", "Comparison", "Section",
           "Verdict", "Volume", "block_uses", "compare", "compare_files", "format_markdown",
           "format_text", "list_changes", "load_any", "match_duties", "report", "verdict"]
