"""The one YAML writer: what it writes reads back as the data it was given, with no line ending
in a blank, and a block scalar's own trailing blanks are kept."""

from __future__ import annotations

import random

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from ajdoc.yamlwrite import commented, dump

WORDS = ["Ametikoha", "eesmärk", "on", "kaitstud", "töötamise", "teenuse", "osutamise", "toetamine",
         "ja", "dokumendihalduse", "korraldamine", "sh:", "'tsitaat'", '"jutumärgid"', "a\\b",
         "#", "- kriips", "x:", "  ", "\t", "lõpp ", " algus", "ümber\nrea", ""]


def _read(text: str):
    return YAML(typ="safe", pure=True).load(text)


def _texts(seed: int, n: int) -> list[str]:
    rnd = random.Random(seed)
    return [" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 60))) for _ in range(n)]


@pytest.mark.parametrize("seed", range(8))
def test_long_texts_read_back_as_given_without_trailing_blanks(seed):
    texts = _texts(seed, 40)
    data = {"purpose": texts[0], "duties": [{"text": t, "results": [t[::-1]]} for t in texts[1:]]}
    text = dump(commented(data))
    assert _read(text) == data
    assert not any(line != line.rstrip(" \t") for line in text.splitlines())
    assert max(len(line) for line in text.splitlines()) > 80  # long texts were folded


def test_a_literal_block_keeps_the_blanks_that_end_its_lines():
    value = LiteralScalarString("esimene rida   \nteine rida\t\nkolmas\n")
    data = commented({"note": value, "title": "x " * 70})
    text = dump(data)
    assert _read(text)["note"] == "esimene rida   \nteine rida\t\nkolmas\n"
    assert _read(text)["title"] == ("x " * 70)


def test_a_folded_block_reads_back_as_given():
    value = FoldedScalarString("sõnad  kahe tühikuga " * 12 + "\n")
    text = dump(commented({"note": value}))
    assert _read(text)["note"] == str(value)
