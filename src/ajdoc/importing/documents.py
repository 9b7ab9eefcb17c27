"""Importing job descriptions: one file (import_file) or a folder of them (import_directory).

    result = import_file("vana.docx")            # ImportResult: .role, .yaml, .report, .layout
    batch = import_directory("vanad/")           # every .docx/.txt; unreadable files collected
    result = import_file("tra.docx", profile="profiil")   # a document of another profile

Four steps, each data-driven: **reading** (``sources``; ``textstream`` for extracted text) turns
the file into a stream of paragraphs and tables; **parsing** (``sections``) sorts it into the
parts of a job description by the headings and labels the profile's layouts print (``labels``,
``toplines``) and the phrases ajdoc prints (``unphrase``; values printed in a case read back by
``cases``);
**recognising** (``recognise``, ``build``) compares every standard section with the library's
blocks and keeps what differs as ``sections:`` / ``edit:`` overrides, a competency
set no block names becoming a user block (``userblocks``); **writing** (``output``) emits the
commented role file, which is composed (and by default rendered and compared with the source)
before anything is written.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from .. import resources, workspace, yamlio
from ..errors import AjdocError, Place
from ..library import Library
from ..model import JobDescription
from ..ooxml import docx_text
from ..rendering import render_job
from ..textdiff import ngram_similarity
from .build import build
from .labels import Vocabulary, vocabulary
from .results import BatchResult, ImportResult
from .sections import Parsed, parse
from .sources import OLE_MAGIC, check_word_bytes, decode_text, docx_stream, read_bytes
from .textstream import text_stream
from .userblocks import LibraryArg, as_library


def import_file(path: Path | str, library: LibraryArg = None, *, verify: bool = True,
                profile: resources.ProfileArg = None) -> ImportResult:
    """Import one job description (.docx, or .txt extracted from one) into a role, read by the
    layouts, phrases and standard texts of `profile` (a built-in profile's name, a folder, or
    None: the library's, else the default one); the role names it in `profile:`.

    Raises AjdocError (file + what is wrong + what was expected) for what cannot be read."""
    path = Path(path)
    lib = as_library(library, profile)
    vocab = vocabulary(lib)
    place = Place(file=str(path))
    suffix = path.suffix.lower()
    if path.is_dir():
        raise AjdocError("is a folder; import a folder with `ajdoc import DIR -o OUTDIR`", place)
    data = read_bytes(path)
    if suffix == ".docx" or (suffix not in (".txt", ".text") and data.startswith(b"PK")):
        pkg = check_word_bytes(data, place)
        stream = docx_stream(pkg, vocab.phrases)
        source_text, loose, joiner = pkg.text(), False, "\n"
    elif suffix in (".txt", ".text"):
        source_text = decode_text(data, place)
        stream, loose, joiner = text_stream(source_text, vocab), True, " "
    elif suffix == ".doc" or data.startswith(OLE_MAGIC):
        check_word_bytes(data, place)
        raise AjdocError("is not a .docx; expected a Word job description saved as .docx", place)
    else:
        raise AjdocError(f"unsupported file type '{path.suffix or '(none)'}'; expected a Word "
                         "job description (.docx) or text extracted from one (.txt)", place)
    parsed = parse(stream, vocab, joiner)
    check_is_job_description(parsed, vocab, place)
    check_layout(parsed, vocab, place)
    result = build(parsed, vocab, source=path.name, stem=path.stem, loose=loose,
                   profile=written_profile(lib))
    jd = check_composes(result, lib, place)
    if verify:
        result.roundtrip = _roundtrip(result, lib, source_text, jd)
    return result


def written_profile(lib: Library) -> Optional[str]:
    """What the role file's `profile:` says: nothing for the default profile, a built-in one's
    name, else its folder relative to the current folder (the CLI writes it relative to the
    role file)."""
    return lib.profile.reference(Path.cwd())


def check_is_job_description(parsed: Parsed, vocab: Vocabulary, place: Place) -> None:
    """An AjdocError unless the document has duties (a table of them, or numbered ones)."""
    if parsed.duties:
        return
    name = vocab.document_title.lower()
    table = next(((h["duties_col1"], h["duties_col2"]) for h in map(vocab.headings, vocab.layouts)
                  if "duties_col1" in h and "duties_col2" in h), None)
    what = f"duties table (\"{table[0]} | {table[1]}\") nor numbered duties" if table else \
        "numbered duties"
    raise AjdocError(f"does not look like a job description ({name}): it has no {what}; "
                     f"expected a job description in {vocab.described()}", place)


def check_layout(parsed: Parsed, vocab: Vocabulary, place: Place) -> None:
    """An AjdocError when no label of a layout's general part (the post, its unit, its
    supervisor) is found: the document is in no layout of the profile."""
    if any(parsed.general.get(k) for k in ("title", "unit", "supervisor")):
        return
    labels = list(dict.fromkeys(t for ts in vocab.general_labels.values() for t in ts))
    raise AjdocError(
        f"matches no job-description layout of profile {vocab.profile.name} "
        f"({', '.join(vocab.layouts)}): none of their general part's labels "
        f"({', '.join(f'“{t}”' for t in labels[:4])}) was found; expected a job description in "
        f"{vocab.described()}", place,
        "another agency's document? name its profile with --profile")


def check_composes(result: ImportResult, lib: Library, place: Place) -> JobDescription:
    """The imported role's JobDescription, or an AjdocError when it does not compose (never
    written so). Its data is composed, which its file is written from (by ``yamlwrite``, which
    writes what reads back the same), within the bounds a role file is read in (``yamlio``)."""
    try:
        _check_bounds(result)
        return result.compose_data(lib)
    except AjdocError as exc:  # an importer bug: never write a role that does not compose
        raise AjdocError(f"the imported role does not compose ({exc}); nothing was written",
                         place) from None


def _check_bounds(result: ImportResult) -> None:
    """An AjdocError when the role file would be larger, hold more values or nest deeper than
    yamlio reads a file (its values counted as its composer counts them: keys included)."""
    if len(result.yaml) > yamlio.MAX_BYTES:
        raise AjdocError(f"the role file would be larger than {yamlio.MAX_BYTES // 2 ** 20} MB")
    count = 0
    todo: list[tuple[Any, int]] = [(result.role, 1)]
    while todo:
        value, depth = todo.pop()
        count += 1
        if count > yamlio.MAX_VALUES or depth > yamlio.MAX_DEPTH:
            raise AjdocError(f"the role file would hold more than {yamlio.MAX_VALUES} values "
                             f"or nest more than {yamlio.MAX_DEPTH} levels deep")
        if isinstance(value, dict):
            count += len(value)  # the keys
            todo.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, (list, tuple)):
            todo.extend((v, depth + 1) for v in value)


def _roundtrip(result: ImportResult, lib: Library, source_text: str,
               jd: Optional[JobDescription] = None) -> float:
    """How much of the source's text the rendered role gives back (word n-grams, 0–1)."""
    jd = jd or result.compose(lib)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = render_job(jd, result.layout)
    return ngram_similarity(source_text, docx_text(data))


def import_directory(folder: Path | str, library: LibraryArg = None, *, verify: bool = True,
                     progress: Optional[Callable[[list[Path]], Iterable[Any]]] = None,
                     profile: resources.ProfileArg = None) -> BatchResult:
    """Import every .docx/.txt of a folder (in `profile`, see `import_file`); a file that
    cannot be read is collected in `.failures` (path, AjdocError) and skipped, never the end of
    the batch."""
    folder = Path(folder)
    if not folder.is_dir():
        raise AjdocError("is not a folder", Place(file=str(folder)))
    lib = as_library(library, profile)
    files = workspace.document_files(folder)
    batch = BatchResult()
    iterator = progress(files) if progress else files
    for path in iterator:
        try:
            batch.results[path] = import_file(path, lib, verify=verify, profile=profile)
        except AjdocError as exc:
            batch.failures.append((path, exc.at(Place(file=str(path)))))
    return batch
