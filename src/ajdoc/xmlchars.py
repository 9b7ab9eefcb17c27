"""The characters XML 1.0 (and so a Word document) cannot hold, found in text read from files."""

from __future__ import annotations

import re
from typing import Optional

# C0 controls except tab, LF and CR; lone surrogates; U+FFFE and U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def illegal_char(text: str) -> Optional[int]:
    """The 0-based position of the first character XML cannot hold, or None."""
    m = _XML_ILLEGAL.search(text)
    return m.start() if m else None
