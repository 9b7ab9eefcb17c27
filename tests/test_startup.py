"""A cold `ajdoc check` loads only what checking needs (issue 16): no Word libraries, no locale
data, no morphology engine for words the shipped table holds; and what it loads lazily answers as
the eager version did."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from babel.dates import format_date

from ajdoc import language
from ajdoc.language import engines
from conftest import EXAMPLES

HEAVY = ("docxtpl", "docx", "lxml", "babel", "estnltk", "jinja2")


def _loaded_by(args: list[str]) -> tuple[str, set[str]]:
    code = ("import sys; sys.argv = ['ajdoc'] + sys.argv[1:]\n"
            "from ajdoc.cli import run\ntry:\n    run()\nexcept SystemExit:\n    pass\n"
            f"print('loaded:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    last = out.stdout.strip().splitlines()[-1]
    assert last.startswith("loaded:"), out.stdout + out.stderr
    return out.stdout, set(filter(None, last[len("loaded:"):].split(",")))


def test_check_of_a_role_loads_no_heavy_library():
    out, loaded = _loaded_by(["check", str(EXAMPLES / "teenuse-juht.yaml")])
    assert ": ok (role, 8 duties" in out
    assert loaded == set(), loaded


# what a role's check never needs: the directive's side, and every other command's packages
NOT_FOR_A_ROLE = ("ajdoc.compose.directive", "ajdoc.model.directive", "ajdoc.schema.directive",
                  "ajdoc.wording.directive", "ajdoc.checks.directive", "ajdoc.checks.files",
                  "ajdoc.api", "ajdoc.rendering", "ajdoc.importing", "ajdoc.web",
                  "ajdoc.lifecycle", "ajdoc.compare", "ajdoc.delivery", "ajdoc.batch",
                  "ajdoc.schema.jsonschema", "ajdoc.ooxml", "docxtpl", "docx", "lxml", "babel",
                  "estnltk", "jinja2", "starlette")


def test_check_of_a_role_loads_nothing_of_a_directive_nor_of_other_commands():
    code = ("import sys; sys.argv = ['ajdoc', 'check', sys.argv[1]]\n"
            "from ajdoc.cli import run\ntry:\n    run()\nexcept SystemExit:\n    pass\n"
            f"print('loaded:' + ','.join(sorted(m for m in sys.modules "
            f"if m.startswith({NOT_FOR_A_ROLE!r}))))")
    for role in ("teenuse-juht.yaml", "osakonnajuhataja.yaml", "koordinaator-kaitstud-too.yaml"):
        out = subprocess.run([sys.executable, "-c", code, str(EXAMPLES / role)],
                             capture_output=True, text=True)
        assert f"{role}: ok (role" in out.stdout, out.stdout + out.stderr
        assert out.stdout.strip().splitlines()[-1] == "loaded:", out.stdout


def test_the_directives_side_loads_when_asked_for():
    """The packages' names are imported from their module on first use (ajdoc.lazy): each
    answers as the eager import did, and a submodule is found by its name."""
    code = """
import sys
import ajdoc.model, ajdoc.schema, ajdoc.wording, ajdoc.compose
assert "ajdoc.model.directive" not in sys.modules
from ajdoc.model import Directive, JobDescription
from ajdoc.model.directive import Directive as D2
assert Directive is D2 and JobDescription.__module__ == "ajdoc.model.job"
assert ajdoc.wording.directive.directive_title is ajdoc.wording.directive_title
assert ajdoc.compose.load_directive.__module__ == "ajdoc.compose.directive"
names = {}
exec("from ajdoc.schema import *", names)
assert {"DirectiveSpec", "RoleSpec", "read_directive", "read_role"} <= set(names)
for package in (ajdoc.model, ajdoc.schema, ajdoc.wording, ajdoc.compose):
    for name in package.__all__:
        getattr(package, name)
    try:
        package.nothing_of_that_name
    except AttributeError as exc:
        assert "nothing_of_that_name" in str(exc)
    else:
        raise AssertionError(package)
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stdout + out.stderr


def test_a_command_sets_the_heap_aside_when_it_ends():
    """The collector's first threshold is raised for a command, and what is alive when the
    command ends is frozen out of the collector's passes at exit (cli.run)."""
    code = ("import gc, sys; sys.argv = ['ajdoc', 'check', sys.argv[1]]\n"
            "from ajdoc.cli import GC_THRESHOLD, run\ntry:\n    run()\nexcept SystemExit:\n"
            "    pass\nprint(gc.get_threshold()[0] == GC_THRESHOLD, gc.get_freeze_count() > 10000)")
    out = subprocess.run([sys.executable, "-c", code, str(EXAMPLES / "teenuse-juht.yaml")],
                         capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "True True", out.stdout + out.stderr


def test_check_of_a_directive_loads_no_word_library():
    """A directive's check inflects unit names and titles (the table holds them) and prints
    dates: locale data only for a month's name, never Word's libraries or Vabamorf."""
    out, loaded = _loaded_by(["check", str(EXAMPLES / "kaskkiri-183.yaml")])
    assert ": ok (directive" in out
    assert not loaded & {"docxtpl", "docx", "lxml", "jinja2", "estnltk"}, loaded


def test_short_date_prints_as_cldr_dd_mm_yyyy():
    """The digits-only pattern, compared with babel's own formatting of it."""
    for d in (dt.date(2025, 11, 28), dt.date(2024, 1, 4), dt.date(999, 12, 31), dt.date(1, 1, 1),
              dt.date(9999, 2, 28), dt.date(2000, 10, 9)):
        assert language.short_date(d) == format_date(d, "dd.MM.yyyy", locale="et")
    assert language.short_date(dt.date(2025, 3, 7)) == "07.03.2025"


def test_long_date_still_names_the_month_in_its_case():
    assert language.long_date(dt.date(2025, 12, 1), "genitive", eng=engines.table()) == \
        "2025. aasta 1. detsembri"


def test_the_table_read_word_by_word_holds_what_reading_it_whole_gives():
    text = engines.resources.data_path(engines.TABLE_FILE).read_text(encoding="utf-8")
    words, stems = engines.parse_table(text)
    table = engines.TableEngine()
    assert len(words) > 2000 and stems
    assert set(table._rows) == set(words) and table._stems == stems
    for word in list(words)[::97] + ["osakond", "juht"]:
        assert table._entry(word) == words[word]
    assert table._entry("qwxzptr") is None
    # a compound of known parts; the caller puts back the capitals
    assert table.forms("Lastekaitseosakond", "sg g") == ["lastekaitseosakonna"]


def test_the_readers_check_for_unprintable_characters_finds_what_ruamels_finds():
    """yamlio's reader finds them with two small patterns (ruamel's one took longer to compile
    than a parse): the same first character at the same place, for every character."""
    from ruamel.yaml.reader import Reader

    from ajdoc.yamlio import _Reader

    chars = [chr(c) for c in range(0x110000) if c < 0x10100 or c % 997 == 0]
    for c in chars:
        text = "aä" + c + "b\x85"
        expected = Reader._get_non_printable_regex(text)
        assert _Reader._get_non_printable(text) == expected, hex(ord(c))
    assert _Reader._get_non_printable("ok\x85ä\x01\x9f") == (4, "\x01")
    assert _Reader._get_non_printable("ok\x85ä") is None
