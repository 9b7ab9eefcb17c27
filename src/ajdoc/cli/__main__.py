"""`python -m ajdoc.cli`: the same as the `ajdoc` command."""

from . import run

run()
