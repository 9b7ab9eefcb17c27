"""What the checks find: a warning with the place it points at, and the result of checking a file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Union

import attrs

from .. import yamlio
from ..errors import Place
from ..model import JobDescription
from ..values import Value

if TYPE_CHECKING:  # a role's check loads no directive classes
    from ..model import Directive


CODES = {
    "duty-without-results": "a duty without expected results",
    "result-twice": "the same expected result twice",
    "no-own-duties": "only the preset's standard duties",
    "own-supervisor": "the role is its own supervisor",
    "substitutes-itself": "the role substitutes itself",
    "estonian-above-c1": "Estonian required above C1",
    "empty-section": "an empty section",
    "outdated-block": "a block pinned to an older version",
    "group-wording": "another position group's wording",
    "repealed-annexes-order": "repealed annexes out of order",
    "acting-without-appointment": "a substitute signer without the appointing directive",
    "amends-unknown": "an amended job description the role folder does not hold",
    "agency-not-profile": "an agency other than the profile's",
    "foreign-statute": "a legal basis citing another agency's statute",
}


@attrs.frozen
class Warning(Value):  # noqa: A001 - the domain word; not the builtin
    """A lint finding: its stable code (see CODES), where, and what."""

    place: Place
    message: str
    code: str = attrs.field(default="", validator=attrs.validators.in_(("", *CODES)))

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" + (f" [{self.code}]" if self.code else "")

    def matches(self, code: str, at: Optional[str]) -> bool:
        """Whether an acknowledgement (a code, and a key path the place starts with) covers it."""
        return self.code == code and (at is None or (self.place.key or "").startswith(at))


@attrs.frozen
class Checked(Value):
    """A file checked: what it is ("role" or "directive"), what it composed to, its warnings,
    and the warnings its files acknowledge as known and intended."""

    kind: str
    subject: Union[JobDescription, Directive]
    warnings: tuple[Warning, ...] = ()
    acknowledged: tuple[Warning, ...] = ()

    @property
    def summary(self) -> str:
        """What was checked, in a few words: a role's duties and preset, a directive's annexes."""
        if isinstance(self.subject, JobDescription):
            return f"{len(self.subject.duties)} duties, preset {self.subject.preset}"
        return f"{len(self.subject.annexes)} annexes"


def is_directive_file(node: yamlio.Node) -> bool:
    """Whether a parsed file is checked as a directive (a mapping with ``annexes:``) rather
    than as a role."""
    return node.is_map() and "annexes" in node.value
