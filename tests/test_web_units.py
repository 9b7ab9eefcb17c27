"""The web editor's parts on their own: the round trip that changes a YAML file as a person
would, the form's field names, the item edits read back into rows, the message catalogue."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("starlette")

from ajdoc.web import fields, roundtrip, standard  # noqa: E402
from ajdoc.web.i18n import gettext  # noqa: E402

TEXT = """\
# a header comment
preset: specialist   # the preset
general:
  title: "Nõunik"
  unit: [Osakond]
approved:
  date: 2024-01-14
duties:
  - text: Üks.
    results: [Tulemus.]
  # about the second duty
  - text: Kaks.
  - text: Kolm.

# before the requirements
requirements:
  languages:
    - {language: eesti, level: C1}
"""


def test_a_changed_value_changes_its_line_only():
    data = roundtrip.plain(roundtrip.load(TEXT))
    assert data["approved"]["date"] == dt.date(2024, 1, 14)  # dates stay dates
    data["general"]["title"] = "Peaspetsialist"
    out = roundtrip.change(TEXT, data)
    assert out == TEXT.replace('"Nõunik"', '"Peaspetsialist"')  # the quotes kept too


def test_new_keys_go_where_the_loader_lists_them():
    data = roundtrip.plain(roundtrip.load(TEXT))
    data["purpose"] = "Eesmärk."
    data["agency"] = "Amet"
    order = {"": ["preset", "agency", "approved", "general", "purpose", "duties",
                  "requirements"]}
    out = roundtrip.change(TEXT, data, order)
    keys = [line.split(":")[0] for line in out.splitlines() if line[:1].isalpha()]
    assert keys == ["preset", "agency", "general", "approved", "purpose", "duties",
                    "requirements"]
    assert "preset: specialist   # the preset\n" in out


def test_list_items_inserted_and_deleted_keep_the_others_comments():
    data = roundtrip.plain(roundtrip.load(TEXT))
    data["duties"] = [data["duties"][0], data["duties"][1], {"text": "Uus."},
                      data["duties"][2]]
    out = roundtrip.change(TEXT, data)
    assert "  # about the second duty\n  - text: Kaks.\n  - text: Uus.\n  - text: Kolm.\n" in out
    data["duties"] = [data["duties"][0], data["duties"][2], data["duties"][3]]
    out = roundtrip.change(out, data)
    assert "- text: Kaks." not in out and "# before the requirements" in out
    data["requirements"]["languages"].append({"language": "inglise", "level": "B2"})
    out = roundtrip.change(out, data)
    assert "    - {language: inglise, level: B2}\n" in out  # in the style of its siblings


def test_a_deleted_key_leaves_the_comments_that_introduce_the_next():
    text = "a: 1\nb: 2\n\n# about c\nc: 3\n"
    assert roundtrip.change(text, {"a": 1, "c": 3}) == "a: 1\n\n# about c\nc: 3\n"


def test_a_long_new_text_is_folded_at_spaces():
    words = " ".join(["sõna"] * 40)
    out = roundtrip.change("a: 1\n", {"a": 1, "purpose": words})
    assert out.startswith("a: 1\npurpose: >-\n  sõna")
    assert all(len(line) <= roundtrip.WIDTH for line in out.splitlines())
    assert roundtrip.plain(roundtrip.load(out))["purpose"] == words


def test_field_names_are_the_key_paths_of_the_messages():
    assert fields.tokens("duties[2].results[1]") == ["duties", 1, "results", 0]
    assert fields.tokens("std.competency~kliendikesksus.items[3].op") == [
        "std", "competency.kliendikesksus", "items", 2, "op"]
    assert fields.name_of("std", "competency.kliendikesksus", "add", 0) == \
        "std.competency~kliendikesksus.add[1]"
    assert fields.key_of("duties", 1, "text") == "duties[2].text"
    for bad in ("duties[0]", "[1]", "a..b", "a[x]", "a]"):
        with pytest.raises(Exception):
            fields.tokens(bad)


def test_posted_fields_become_the_state_and_its_lists():
    state = fields.unflatten([("_csrf", "x"), ("general.title", "T"), ("duties[1].text", "A"),
                              ("duties[1].results[1]", "r1"), ("duties[1].results[2]", "r2"),
                              ("duties[2].text", "B")])
    assert state == {"general": {"title": "T"},
                     "duties": [{"text": "A", "results": ["r1", "r2"]}, {"text": "B"}]}
    fields.apply_op(state, "up:duties[2]", None)
    assert [d["text"] for d in state["duties"]] == ["B", "A"]
    fields.apply_op(state, "add:duties[2].results", "")
    assert state["duties"][1]["results"] == ["r1", "r2", ""]
    fields.apply_op(state, "remove:duties[1]", None)
    assert [d["text"] for d in state["duties"]] == ["A"]
    assert fields.apply_op(state, "remove:duties[5]", None) is None  # a double click
    with pytest.raises(Exception):
        fields.apply_op(state, "explode:duties", None)


def _edit(yaml_text: str):
    from ajdoc import yamlio
    from ajdoc.schema import read_role

    base = ("preset: specialist\ngeneral: {title: T, unit: U, supervisor: S}\npurpose: P\n"
            "duties: [{text: D, results: [R]}]\n")
    spec = read_role(yamlio.parse(base + yaml_text, "r.yaml"))
    return spec.edit[0]


ITEMS = [("Esimene õigus;", ""), ("Teine õigus;", ""), ("Kolmas õigus.", "")]


def test_an_edit_replayed_as_rows_and_written_back():
    edit = _edit("edit:\n  rights:\n    remove: [Esimene]\n    replace: {3: Uus.}\n"
                 "    add: [Lisa.]\n    words: {1: {Teine: Muu}}\n")
    rows, added = standard.simulate(edit, ITEMS)
    assert [(r.op, r.text, r.words) for r in rows] == [
        ("remove", "", ()), ("words", "", (("Teine", "Muu"),)), ("replace", "Uus.", ())]
    assert added == ["Lisa."]
    # written back by number: item 2's words are item 1's once item 1 is removed
    assert standard.patch_of(rows, added) == {"replace": {3: "Uus."}, "remove": [1],
                                               "add": ["Lisa."],
                                               "words": {1: {"Teine": "Muu"}}}


@pytest.mark.parametrize("text", [
    "edit:\n  rights:\n    items: [Ainus.]\n",                      # the whole list
    "edit:\n  rights:\n    replace: {1: {from: teine, item: 2}}\n",  # another variant's item
    "edit:\n  rights:\n    add: [{text: Lisa., at: 1}]\n",           # at a position
    "edit:\n  rights:\n    remove: [Puudub]\n",                      # matches no item
])
def test_an_edit_the_rows_cannot_show_is_locked(text):
    with pytest.raises(standard._Locked):
        standard.simulate(_edit(text), ITEMS)


def test_every_text_of_the_interface_is_translated_and_compiled():
    from ajdoc.web import catalog

    assert catalog.main(["--check"]) == 0
    assert gettext("et", "Save") == "Salvesta" and gettext("en", "Save") == "Save"
    assert gettext("xx", "Library") == "Teek"  # an unknown language: Estonian


def test_no_estonian_sentence_in_the_web_editors_python():
    """The interface's texts live in the catalogue; the code holds English message ids."""
    import re
    from pathlib import Path

    import ajdoc.web

    letters = re.compile(r"[õäöüšž]", re.I)
    for path in Path(ajdoc.web.__file__).parent.rglob("*.py"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            strings = re.findall(r"\"([^\"]*)\"|'([^']*)'", code)
            for a, b in strings:
                assert not letters.search(a or b), f"{path.name}:{n}: {line.strip()}"
