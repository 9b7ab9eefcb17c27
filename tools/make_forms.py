#!/usr/bin/env python3
"""Regenerate src/ajdoc/data/forms.tsv, ajdoc's table of forms, with Vabamorf (needs estnltk).

The table is ajdoc's morphology when estnltk is not installed, and answers first when it is. For
every word of tools/vocabulary.txt, and the genitive singular and plural of each noun and
adjective among them, it records the readings Vabamorf gives the word as written (part of speech
and form: "S sg n|S sg g") and, for a noun or adjective in the nominative, its singular genitive,
partitive, adessive, elative and allative as Vabamorf synthesizes them, the normative form first.
The first parts of the compounds Vabamorf finds ("sotsiaal", "kindlustus" in
"sotsiaalkindlustusamet") are kept as stems and their last parts ("amet") as words, so that the
table knows a new compound of known parts. A word Vabamorf does not know is left out and listed; so is every word whose genitive has
several forms (homonyms: "juht" → juhi / juhu) that forms.yaml's `preferred` does not decide.

    .venv/bin/python tools/make_forms.py            # write the table
    .venv/bin/python tools/make_forms.py --check    # exit 1 if the shipped table is out of date
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ajdoc.language.engines import TABLE_CODES, TABLE_FILE, VabamorfEngine  # noqa: E402
from ajdoc.language.lexicon import (Tag, is_abbreviation, lexicon, preferred_form,  # noqa: E402
                                    roles, tags_text)

OUT = ROOT / "src" / "ajdoc" / "data" / TABLE_FILE
VOCABULARY = ROOT / "tools" / "vocabulary.txt"
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*-?")

HEADER = f"""\
# ajdoc's table of Estonian forms, written by tools/make_forms.py with Vabamorf from
# tools/vocabulary.txt: do not edit, add words there and run the tool again.
# word<TAB>readings<TAB>{'<TAB>'.join(TABLE_CODES)} (alternatives joined by "|", the normative
# first); "+stem": a first part of compounds.
"""


def vocabulary() -> list[str]:
    """The words of the vocabulary file as written (comments after '#')."""
    conjunctions = lexicon().conjunctions
    words: dict[str, None] = {}
    for line in VOCABULARY.read_text(encoding="utf-8").splitlines():
        for w in _WORD.findall(line.split("#", 1)[0]):
            if w not in conjunctions and not is_abbreviation(w) and not w.endswith("-"):
                words[w] = None
    return list(words)


class Builder:
    """Collects the table's rows and stems."""

    def __init__(self) -> None:
        self.eng = VabamorfEngine()
        self.rows: dict[str, tuple[frozenset[Tag], dict[str, list[str]]]] = {}
        self.stems: set[str] = set()
        self.unknown: list[str] = []
        self.homonyms: list[str] = []

    def key(self, word: str) -> tuple[str, frozenset[Tag]]:
        """Proper nouns as written ("Pärnu", "Lõuna-Eesti"), common words in lower case."""
        tags = self.eng.tags(word)
        if tags and not roles(tags).proper and word != word.lower() and self.eng.tags(word.lower()):
            word = word.lower()
            tags = self.eng.tags(word)
        return word, tags

    def add(self, word: str, derive: bool, listed: bool = True) -> None:
        """Add a word (`listed`: from the vocabulary, else a form or part of one of its words)
        and, with `derive`, its genitives and its last part as a compound."""
        key, tags = self.key(word)
        if key in self.rows:
            return
        if not tags:
            if listed:
                self.unknown.append(word)
            return
        r = roles(tags)
        forms: dict[str, list[str]] = {}
        if r.head or r.agree:
            forms = {code: self.eng.forms(key, code) for code in TABLE_CODES}
            genitives = forms.get("sg g", [])
            if len(genitives) > 1 and preferred_form(key, "sg g") is None:
                self.homonyms.append(f"{key}: {' / '.join(genitives)}")
        self.rows[key] = (tags, forms)
        stems, tail = self._parts(key)
        self.stems.update(stems)
        if tail:
            self.add(tail, derive, listed=False)
        if derive and (r.head or r.agree):
            for code in ("sg g",) if r.proper else ("sg g", "pl g"):
                for form in self.eng._synthesize(key, code):
                    self.add(form, derive=False, listed=False)

    def _parts(self, word: str) -> tuple[list[str], str]:
        """The first parts of the word as a compound and its last part, as written in it
        ("palgaarvestuse" → ["palga"], "arvestuse")."""
        res = self.eng._vm.analyze([word], guess=False, propername=False, disambiguate=False)
        stems: list[str] = []
        tail = ""
        for a in res[0]["analysis"]:
            parts = a["root"].replace("=", "").split("_")[:-1]
            rest = word.lower()
            for part in parts:
                part = part.lower()
                if len(part) < 3 or not rest.startswith(part):
                    break
                stems.append(part)
                rest = rest[len(part):]
            else:
                if parts and len(rest) >= 3 and "-" not in rest:
                    tail = rest
        return stems, tail

    def text(self) -> str:
        lines = [HEADER.rstrip("\n")]
        for key in sorted(self.rows):
            tags, forms = self.rows[key]
            cells = [key, tags_text(tags)] + ["|".join(forms.get(c, [])) for c in TABLE_CODES]
            lines.append("\t".join(cells).rstrip("\t"))
        lines += [f"+{stem}" for stem in sorted(self.stems) if stem not in self.rows]
        return "\n".join(lines) + "\n"


def build() -> Builder:
    """The table of the vocabulary as the tool writes it."""
    builder = Builder()
    for w in vocabulary():
        builder.add(w, derive=True)
    return builder


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    builder = build()
    if "--check" in args:  # for tests: is the shipped table what the vocabulary makes?
        same = OUT.read_text(encoding="utf-8") == builder.text()
        print("forms.tsv is up to date" if same else "forms.tsv is out of date: run the tool")
        return 0 if same else 1
    OUT.write_text(builder.text(), encoding="utf-8")
    for w in builder.unknown:
        print(f"left out (unknown to Vabamorf): {w}", file=sys.stderr)
    for h in builder.homonyms:
        print(f"homonyms, refused unless forms.yaml prefers one: {h}", file=sys.stderr)
    print(f"wrote {len(builder.rows)} words and {len(builder.stems)} stems to "
          f"{OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
