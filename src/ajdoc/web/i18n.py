"""The interface's languages: Estonian first, English second, the texts in the gettext message
catalogue ``locale/<lang>/LC_MESSAGES/messages.po`` (compiled to ``.mo`` beside it, both kept in
the package; ``python -m ajdoc.web.catalog`` extracts, updates and compiles them).

The message ids are English; the Estonian catalogue translates every one of them, the English
catalogue is empty (the ids are the English texts)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("et", "en")
DEFAULT = "et"
COOKIE = "ajdoc_lang"


def N_(text: str) -> str:
    """Mark a text of the Python code for the catalogue; it is translated where it is shown."""
    return text


@lru_cache(maxsize=None)
def translations(lang: str) -> NullTranslations:
    """The catalogue of `lang` (the English ids themselves when it has no translation)."""
    found = Translations.load(str(LOCALE_DIR), [lang], domain="messages")
    return found


def gettext(lang: str, text: str, **values: Any) -> str:
    """`text` in `lang`, with %(name)s placeholders filled."""
    out = translations(lang if lang in LANGUAGES else DEFAULT).gettext(text)
    return out % values if values else out


def ngettext(lang: str, singular: str, plural: str, n: int, **values: Any) -> str:
    out = translations(lang if lang in LANGUAGES else DEFAULT).ngettext(singular, plural, n)
    values.setdefault("num", n)
    return out % values


def language_of(cookie: str | None, query: str | None = None) -> str:
    """The request's language: ?lang= first, then the cookie, then Estonian."""
    for candidate in (query, cookie):
        if candidate in LANGUAGES:
            return str(candidate)
    return DEFAULT
