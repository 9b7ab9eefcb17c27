"""`ajdoc import` gives, byte for byte, what it gave before it was made faster (issue 16).

The expected files in tests/data/imported/ were generated once with main's code at 6882b4e
(before the importer read a .docx in one pass of lxml, indexed the library's blocks and composed
the imported role once), by running this file as a script:

    .venv/bin/python tests/test_import_identical.py --write

Each document the import tests use (the examples rendered in both layouts, the hand-made Word
files of test_import.py and test_import_handmade.py, the seeds' extracted text, the Transport
Administration's documents in its profile, and the combined directives) is imported with the
round trip verified; its role file (or directive file and annexes), the report (blocks, scores,
edits, warnings, round trip) and any user blocks must equal those files. Regenerate them (with
--write) only for a change that means to import differently, and say so in its commit.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Callable, Iterator

import docx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ajdoc  # noqa: E402
from ajdoc import importing as importer  # noqa: E402
from conftest import EXAMPLES, ROOT, SEEDS  # noqa: E402

EXPECTED = Path(__file__).resolve().parent / "data" / "imported"
TRA = EXAMPLES / "transpordiamet"
PROFILE = TRA / "profiil"


# -- the documents ------------------------------------------------------------------------------
def _example(name: str, layout: str) -> Callable[[], bytes]:
    return lambda: ajdoc.render(ajdoc.load_role(EXAMPLES / f"{name}.yaml"), layout=layout)


def _tra(name: str) -> Callable[[], bytes]:
    return lambda: ajdoc.render(ajdoc.load_role(TRA / f"{name}.yaml", profile=PROFILE))


def _handmade(builder: str) -> Callable[[], bytes]:
    def make() -> bytes:
        import test_import

        return getattr(test_import, builder)()[0]
    return make


def _typed(**options: object) -> Callable[[], bytes]:
    def make() -> bytes:
        import test_import_handmade

        return test_import_handmade.handmade(**options)
    return make


def _new_competency() -> bytes:
    """test_import's leader with a competency no block names (a user block)."""
    import test_import

    d = docx.Document(io.BytesIO(test_import.handmade_2022_leader()[0]))
    anchor = next(p for p in d.paragraphs if p.text.startswith("Täiendavad kompetentsid"))
    for text, style in (("Innovaatilisus:", None), ("Otsib uusi lahendusi.", "List Bullet"),
                        ("Katsetab julgelt.", "List Bullet")):
        anchor.insert_paragraph_before(text, style=style)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _seed(prefix: str) -> Callable[[], bytes]:
    return lambda: next(SEEDS.glob(f"{prefix}_*.txt")).read_bytes()


def _seed_annex(annex: int) -> Callable[[], bytes]:
    def make() -> bytes:
        text = next(SEEDS.glob("003_*.txt")).read_text(encoding="utf-8")
        lisa = ("KINNITATUD Sotsiaalkindlustusameti peadirektori 28.11.2025\n"
                "käskkirjaga nr 183 Lisa {}")
        start = text.index(lisa.format(annex))
        end = text.index(lisa.format(2)) if annex == 1 else len(text)
        return text[start:end].encode("utf-8")
    return make


def _combined(path: Path, profile: Path | None = None) -> Callable[[], bytes]:
    def make() -> bytes:
        d = ajdoc.load_directive(path, profile=profile)
        target = Path(tempfile.gettempdir()) / "koos.docx"
        return ajdoc.directive_files(d, combined=target)[target]
    return make


EXAMPLE_ROLES = ["teenuse-juht", "osakonnajuhataja", "koordinaator-kaitstud-too",
                 "teenuseomanik-lastemaja", "peaspetsialist-lastemaja"]

# name → (file name, how to make its bytes, profile)
ROLES: dict[str, tuple[str, Callable[[], bytes], Path | None]] = {
    **{f"{name}-{layout}": (f"{name}.docx", _example(name, layout), None)
       for name in EXAMPLE_ROLES for layout in ("2022", "2025")},
    "leader-2022": ("leader.docx", _handmade("handmade_2022_leader"), None),
    "specialist-2022": ("specialist.docx", _handmade("handmade_2022_specialist"), None),
    "annex-2025": ("annex.docx", _handmade("handmade_2025"), None),
    "user-block": ("uus.docx", _new_competency, None),
    "typed": ("kasitsi.docx", _typed(), None),
    "typed-dots": ("kasitsi.docx", _typed(numbers=("3.1.", "3.2.", "3.3.", "3.4.", "3.5.")),
                   None),
    **{f"typed-split-{s}": ("kasitsi.docx", _typed(split=s), None)
       for s in ("between", "header", "inside")},
    **{f"typed-signature-{s}": ("kasitsi.docx", _typed(signature=s), None)
       for s in ("table", "heading", "breaks")},
    **{f"seed-{p}": (f"seed-{p}.txt", _seed(p), None) for p in ("000", "002")},
    **{f"seed-003-lisa-{n}": (f"lisa-{n}.txt", _seed_annex(n), None) for n in (1, 2)},
    **{f"tra-{name}": (f"{name}.docx", _tra(name), PROFILE)
       for name in ("teehoiuteenistuse-direktor", "juhtivspetsialist")},
}
DIRECTIVES: dict[str, tuple[Callable[[], bytes], Path | None]] = {
    "kaskkiri-183": (_combined(EXAMPLES / "kaskkiri-183.yaml"), None),
    "tra-kaskkiri": (_combined(TRA / "kaskkiri.yaml", PROFILE), PROFILE),
}


def _report(result: importer.ImportResult) -> dict:
    return dict(result.to_dict(), blocks=importer.blocks_yaml(result.blocks)
                if result.blocks else None)


def imported_files(name: str, folder: Path) -> Iterator[tuple[str, str]]:
    """(expected file name, text) of the import of document `name`, made in `folder`."""
    if name in ROLES:
        file_name, make, profile = ROLES[name]
        source = folder / file_name
        source.write_bytes(make())
        result = importer.import_file(source, profile=profile)
        # what the import checks and renders (its data composed) is what its file composes to
        assert result.compose_data() == result.compose()
        yield f"{name}.yaml", result.yaml
        yield f"{name}.json", json.dumps(_report(result), ensure_ascii=False, indent=1,
                                         default=str) + "\n"
        return
    make, profile = DIRECTIVES[name]
    source = folder / "koos.docx"
    source.write_bytes(make())
    d = importer.import_directive(source, profile=profile)
    assert all(a.compose_data() == a.compose() for a in d.annexes)
    yield f"{name}.yaml", d.yaml
    for annex_name, annex in zip(d.names, d.annexes):
        yield f"{name}.{annex_name}", annex.yaml
    report = {"names": d.names, "roundtrip": d.roundtrip, "warnings": d.warnings,
              "report": [r.to_dict() for r in d.report],
              "blocks": importer.blocks_yaml(d.blocks) if d.blocks else None,
              "annexes": [_report(a) for a in d.annexes]}
    yield f"{name}.json", json.dumps(report, ensure_ascii=False, indent=1, default=str) + "\n"


@pytest.fixture(autouse=True)
def _in_repository(monkeypatch):
    monkeypatch.chdir(ROOT)   # `profile:` is written relative to the current folder
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


@pytest.mark.parametrize("name", list(ROLES) + list(DIRECTIVES))
def test_import_is_what_it_was(tmp_path, name):
    made = dict(imported_files(name, tmp_path))
    expected = sorted(p.name for p in EXPECTED.glob(f"{name}.*")
                      if p.name.split(".", 1)[0] == name)
    assert sorted(made) == expected
    for file_name, text in made.items():
        assert text == (EXPECTED / file_name).read_text(encoding="utf-8"), file_name


def _write() -> None:
    os.chdir(ROOT)
    warnings.simplefilter("ignore")
    EXPECTED.mkdir(parents=True, exist_ok=True)
    for old in EXPECTED.iterdir():
        old.unlink()
    for name in list(ROLES) + list(DIRECTIVES):
        with tempfile.TemporaryDirectory() as tmp:
            for file_name, text in imported_files(name, Path(tmp)):
                (EXPECTED / file_name).write_text(text, encoding="utf-8")
        print(name)


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        raise SystemExit(__doc__)
    _write()


def test_a_role_file_yamlio_would_refuse_is_not_written(tmp_path, monkeypatch):
    """The import composes the role's data, not its file read back: a file holding more values
    than yamlio reads is still refused, at the very bound at which yamlio refuses the file."""
    from ajdoc import yamlio
    from ajdoc.errors import AjdocError

    source = tmp_path / "teenuse-juht.docx"
    source.write_bytes(_example("teenuse-juht", "2022")())
    text = importer.import_file(source, verify=False).yaml

    def refused(bound: int) -> bool:
        monkeypatch.setattr(yamlio, "MAX_VALUES", bound)
        try:
            yamlio.parse(text, "roll.yaml")
            return False
        except AjdocError:
            return True

    values = next(n for n in range(1, 10_000) if not refused(n))   # the file's values
    for bound, refuse in ((values - 1, True), (values, False)):
        monkeypatch.setattr(yamlio, "MAX_VALUES", bound)
        if refuse:
            with pytest.raises(AjdocError, match=f"does not compose.*more than {bound} values"):
                importer.import_file(source, verify=False)
        else:
            assert importer.import_file(source, verify=False).yaml == text
