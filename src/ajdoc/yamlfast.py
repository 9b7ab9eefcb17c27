"""ruamel's round-trip scanner and parser with their per-token bookkeeping written for speed.

Reading a role file spent most of its time not in scanning text but in the checks ruamel repeats
for every token: whether more tokens are needed (which walks the possible simple keys and looks
the reader up through a property each time) and the parser's and composer's look-ups of each
other through properties of the loader. These subclasses make the same tests, in the same order,
with the same errors; only the look-ups are kept in attributes and an empty dictionary is not
walked. Everything else is ruamel's own code.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.parser import RoundTripParser
from ruamel.yaml.scanner import RoundTripScanner, ScannerError


class FastScanner(RoundTripScanner):
    """RoundTripScanner, its simple-key bookkeeping without repeated look-ups."""

    def need_more_tokens(self) -> bool:
        if self.done:
            return False
        if not self.tokens:
            return True
        keys = self.possible_simple_keys
        if not keys:  # no possible simple key: the current token cannot start one
            return False
        self.stale_possible_simple_keys()
        if not keys:
            return False
        return min(key.token_number for key in keys.values()) == self.tokens_taken

    def stale_possible_simple_keys(self) -> None:
        keys = self.possible_simple_keys
        if not keys:
            return
        reader = self.reader
        for level in list(keys):
            key = keys[level]
            if key.line != reader.line or reader.index - key.index > 1024:
                if key.required:
                    raise ScannerError('while scanning a simple key', key.mark,
                                       "could not find expected ':'", reader.get_mark())
                del keys[level]


class FastParser(RoundTripParser):
    """RoundTripParser, its scanner looked up once per load."""

    @property
    def scanner(self) -> Any:
        try:
            return self._fast_scanner
        except AttributeError:
            self._fast_scanner: Any = RoundTripParser.scanner.fget(self)  # type: ignore[attr-defined]
            return self._fast_scanner


class ParserOnce:
    """A composer mix-in: the parser looked up once per load."""

    @property
    def parser(self) -> Any:
        try:
            return self._fast_parser
        except AttributeError:
            self._fast_parser: Any = super().parser  # type: ignore[misc]
            return self._fast_parser
