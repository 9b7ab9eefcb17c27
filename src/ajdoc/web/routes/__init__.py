"""The pages: home, library, role editor, directive builder, compare and import."""

from __future__ import annotations

from starlette.routing import BaseRoute

from . import compare, directive, home, importing, library, role


def routes() -> list[BaseRoute]:
    """Every page's routes."""
    return [*home.ROUTES, *library.ROUTES, *role.ROUTES, *directive.ROUTES, *compare.ROUTES,
            *importing.ROUTES]
