"""What the checks find: a warning with the place it points at, and the result of checking a file."""

from __future__ import annotations

import attrs

from typing import Union

from ..errors import Place
from ..model import Directive, JobDescription


@attrs.frozen
class Warning:  # noqa: A001 - the domain word; not the builtin
    """A lint finding: where and what."""

    place: Place
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


@attrs.frozen
class Checked:
    """A file checked: what it is ("role" or "directive"), what it composed to, its warnings."""

    kind: str
    subject: Union[JobDescription, Directive]
    warnings: tuple[Warning, ...] = ()

    @property
    def summary(self) -> str:
        """What was checked, in a few words: a role's duties and preset, a directive's annexes."""
        if isinstance(self.subject, JobDescription):
            return f"{len(self.subject.duties)} duties, preset {self.subject.preset}"
        return f"{len(self.subject.annexes)} annexes"
