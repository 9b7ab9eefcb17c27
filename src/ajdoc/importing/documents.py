"""Importing job descriptions: one file (import_file) or a folder of them (import_directory).

    result = import_file("vana.docx")            # ImportResult: .role, .yaml, .report, .layout
    batch = import_directory("vanad/")           # every .docx/.txt; unreadable files collected

Four steps, each data-driven: **reading** (``sources``) turns the file into a stream of
paragraphs and tables; **parsing** (``sections``) sorts it into the parts of a job description by
the headings and labels the layouts print (``labels``) and the phrases ajdoc prints
(``unphrase``); **recognising** (``recognise``, ``build``) compares every standard section with
the library's blocks and keeps what differs as ``sections:`` / ``edit:`` overrides, a competency
set no block names becoming a user block (``userblocks``); **writing** (``output``) emits the
commented role file, which is composed (and by default rendered and compared with the source)
before anything is written.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from .. import workspace, wording
from ..errors import AjdocError, Place
from ..library import Library
from ..ooxml import docx_text
from ..rendering import render_job
from ..textdiff import ngram_similarity
from .build import build
from .labels import headings
from .results import BatchResult, ImportResult
from .sections import Parsed, parse
from .sources import OLE_MAGIC, check_word_bytes, decode_text, docx_stream, read_bytes, \
    text_stream
from .userblocks import LibraryArg, as_library


def import_file(path: Path | str, library: LibraryArg = None, *,
                verify: bool = True) -> ImportResult:
    """Import one job description (.docx, or .txt extracted from one) into a role.

    Raises AjdocError (file + what is wrong + what was expected) for what cannot be read."""
    path = Path(path)
    lib = as_library(library)
    place = Place(file=str(path))
    suffix = path.suffix.lower()
    if path.is_dir():
        raise AjdocError("is a folder; import a folder with `ajdoc import DIR -o OUTDIR`", place)
    data = read_bytes(path)
    if suffix == ".docx" or (suffix not in (".txt", ".text") and data.startswith(b"PK")):
        check_word_bytes(data, place)
        stream = docx_stream(data, place)
        source_text, loose, joiner = docx_text(data), False, "\n"
    elif suffix in (".txt", ".text"):
        source_text = decode_text(data, place)
        stream, loose, joiner = text_stream(source_text), True, " "
    elif suffix == ".doc" or data.startswith(OLE_MAGIC):
        check_word_bytes(data, place)
        raise AjdocError("is not a .docx; expected a Word job description saved as .docx", place)
    else:
        raise AjdocError(f"unsupported file type '{path.suffix or '(none)'}'; expected a Word "
                         "job description (.docx) or text extracted from one (.txt)", place)
    parsed = parse(stream, joiner)
    check_is_job_description(parsed, place)
    result = build(parsed, lib, source=path.name, stem=path.stem, loose=loose)
    check_composes(result, lib, place)
    if verify:
        result.roundtrip = _roundtrip(result, lib, source_text)
    return result


def check_is_job_description(parsed: Parsed, place: Place) -> None:
    """An AjdocError unless the document has duties (a table of them, or numbered ones)."""
    if parsed.duties:
        return
    ph = headings("2022")
    name = wording.document_title().lower()
    raise AjdocError(
        f"does not look like a job description ({name}): it has no duties table "
        f"(\"{ph['duties_col1']} | {ph['duties_col2']}\") nor numbered duties; "
        "expected a job description in the 2022 eight-section layout or the 2025 table layout",
        place)


def check_composes(result: ImportResult, lib: Library, place: Place) -> None:
    """An AjdocError when the imported role does not compose (never written so)."""
    try:
        result.compose(lib)
    except AjdocError as exc:  # an importer bug: never write a role that does not compose
        raise AjdocError(f"the imported role does not compose ({exc}); nothing was written",
                         place) from None


def _roundtrip(result: ImportResult, lib: Library, source_text: str) -> float:
    """How much of the source's text the rendered role gives back (word n-grams, 0–1)."""
    jd = result.compose(lib)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = render_job(jd, result.layout)
    return ngram_similarity(source_text, docx_text(data))


def import_directory(folder: Path | str, library: LibraryArg = None, *, verify: bool = True,
                     progress: Optional[Callable[[list[Path]], Iterable[Any]]] = None,
                     ) -> BatchResult:
    """Import every .docx/.txt of a folder; a file that cannot be read is collected in
    `.failures` (path, AjdocError) and skipped, never the end of the batch."""
    folder = Path(folder)
    if not folder.is_dir():
        raise AjdocError("is not a folder", Place(file=str(folder)))
    lib = as_library(library)
    files = workspace.document_files(folder)
    batch = BatchResult()
    iterator = progress(files) if progress else files
    for path in iterator:
        try:
            batch.results[path] = import_file(path, lib, verify=verify)
        except AjdocError as exc:
            batch.failures.append((path, exc.at(Place(file=str(path)))))
    return batch
