"""DOCX packages: the checks every package ajdoc opens goes through, and reproducible writing.

The checks (zip bombs, entity declarations, damaged or odd packages, a template's active or
external content) live in ``ooxml.safety``; reproducible writing (``write_members``,
``normalize_zip``, ``package_bytes``; members compressed once and copied, ``write_prepared``) in
``ooxml.zipwrite``. Both are re-exported here.
"""

from __future__ import annotations

from .safety import check_docx, check_package
from .zipwrite import FIXED_TIME, fixed_member, normalize_zip, package_bytes, write_members

__all__ = ["check_docx", "check_package", "fixed_member", "write_members", "package_bytes",
           "normalize_zip", "FIXED_TIME"]
