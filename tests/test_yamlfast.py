"""ajdoc.yamlfast: the faster scanner and parser yamlio reads with give what ruamel's own give, for
every YAML file of the project and for broken versions of them (values, lines, and the same
error at the same place)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from ajdoc import yamlio
from conftest import ROOT
from ruamel.yaml.parser import RoundTripParser
from ruamel.yaml.scanner import RoundTripScanner
from test_shipped import same

CORPUS = sorted(p for folder in ("examples", "tests", "src/ajdoc/data")
                for p in (ROOT / folder).rglob("*.yaml"))


def _stock():
    y = yamlio._yaml()
    y.Scanner, y.Parser = RoundTripScanner, RoundTripParser
    return y


def _outcome(make, text: str):
    try:
        return "value", make().load(text)
    except Exception as exc:  # the kind, the message and the place, as yamlio reports them
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "line", None)
        return "error", (type(exc).__name__, str(exc), str(mark))


def _agree(text: str, where: str) -> None:
    fast, stock = _outcome(yamlio._yaml, text), _outcome(_stock, text)
    assert fast[0] == stock[0], f"{where}: {fast} vs {stock}"
    if fast[0] == "value":
        same(fast[1], stock[1], where)
    else:
        assert fast[1] == stock[1], where


def test_the_corpus_is_large():
    assert len(CORPUS) > 100


@pytest.mark.parametrize("path", CORPUS[::3], ids=lambda p: str(p.relative_to(ROOT)))
def test_every_file_reads_as_ruamel_reads_it(path):
    _agree(path.read_text(encoding="utf-8", errors="replace"), str(path))


def test_broken_files_fail_as_ruamel_fails():
    """Cut short, a character dropped, a colon, tab, quote, bracket or indent inserted."""
    rng = random.Random(16)
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in CORPUS[::7]]
    for n in range(300):
        text = rng.choice(texts)
        if not text:
            continue
        at = rng.randrange(len(text))
        edit = rng.choice([text[:at], text[:at] + text[at + 1:]] +
                          [text[:at] + c + text[at:] for c in (":", "\t", '"', "'", "[", "{",
                                                               "  ", "\n  - ", ": x\n", "#")])
        _agree(edit, f"mutation {n} at {at}")
