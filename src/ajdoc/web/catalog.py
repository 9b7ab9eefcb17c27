"""The interface's message catalogue, kept current: extract every text of the templates and of
the Python code (marked ``N_``) and update ``locale/*/LC_MESSAGES/messages.po``, then compile the
``.mo`` files beside them (both are kept in the package).

    python -m ajdoc.web.catalog            # update the .po files and compile the .mo files
    python -m ajdoc.web.catalog --check    # exit 1 if a text lacks its Estonian translation
                                           # or a .mo file is not the compiled .po
"""

from __future__ import annotations

import argparse
import datetime
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from .i18n import LANGUAGES, LOCALE_DIR

HERE = Path(__file__).parent
METHODS = [("templates/**.html", "jinja2"), ("**.py", "python")]
OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true",
                                 "lstrip_blocks": "true"}}
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
SOURCE = "en"           # the message ids are English


FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)  # no churn per run


def _new(lang: str | None = None) -> Catalog:
    return Catalog(locale=lang, project="ajdoc", version="0.1", fuzzy=False,
                   copyright_holder="the ajdoc authors", creation_date=FIXED_DATE,
                   revision_date=FIXED_DATE, msgid_bugs_address="-",
                   last_translator="the ajdoc authors", language_team="-")


def extract() -> Catalog:
    """Every text the interface shows, from the templates and the code."""
    catalog = _new()
    for filename, lineno, message, comments, context in extract_from_dir(
            str(HERE), METHODS, options_map=OPTIONS, keywords=KEYWORDS):
        if "catalog.py" in filename:
            continue
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"


def read(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return _new(lang)
    with path.open("rb") as f:
        return read_po(f, locale=lang)


def updated(lang: str, template: Catalog) -> Catalog:
    catalog = read(lang)
    catalog.update(template, update_header_comment=False, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.fuzzy = False
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, width=96, omit_header=False, sort_output=True, no_location=True)
    return buf.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def missing(lang: str, template: Catalog) -> list[str]:
    """The texts without a translation in `lang` (none are needed in the source language)."""
    if lang == SOURCE:
        return []
    catalog = read(lang)
    out = []
    for m in template:
        found = catalog.get(m.id) if m.id else None
        if m.id and (found is None or not found.string):
            out.append(str(m.id))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    template = extract()
    problems = []
    for lang in LANGUAGES:
        catalog = updated(lang, template)
        mo = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.mo"
        if args.check:
            problems += [f"{lang}: no translation of {m!r}" for m in missing(lang, template)]
            if not mo.exists() or mo.read_bytes() != mo_bytes(read(lang)):
                problems.append(f"{lang}: {mo.name} is not the compiled {po_path(lang).name}")
            continue
        po_path(lang).parent.mkdir(parents=True, exist_ok=True)
        po_path(lang).write_bytes(po_bytes(catalog))
        mo.write_bytes(mo_bytes(read(lang)))
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
