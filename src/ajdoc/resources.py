"""The one loader of what ships with ajdoc: the data files under ``ajdoc/data`` and the templates.

Every other module asks here for phrases, layouts, defaults, forms or a template, so there is one
place that knows where they are (an installed wheel keeps the templates in ``ajdoc/templates``;
a source checkout in ``templates/`` at the top) and one cache, safe to share between threads.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from importlib import resources as _resources
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from .errors import AjdocError, suggest

_LOCK = threading.Lock()


def data_path(*parts: str) -> Path:
    """A path under the package's ``data`` folder."""
    return Path(str(_resources.files("ajdoc").joinpath("data"))).joinpath(*parts)


@lru_cache(maxsize=None)
def _load(name: str) -> Any:
    with _LOCK:  # ruamel's loader is not re-entrant across threads
        return YAML(typ="safe", pure=True).load(data_path(name).read_text(encoding="utf-8"))


def data(name: str) -> Any:
    """A data file (YAML) of the package, parsed once per process."""
    return _load(name)


def phrases() -> dict:
    """The fixed Estonian phrases the documents print (``data/phrases.yaml``)."""
    return _load("phrases.yaml")


def defaults() -> dict:
    """The agency's defaults: its name, the signer's title, document titles (``data/defaults.yaml``)."""
    return _load("defaults.yaml")


def layouts() -> dict:
    """Every job-description layout: template, numbering, headings (``data/layouts.yaml``)."""
    return _load("layouts.yaml")


def layout_names() -> tuple[str, ...]:
    return tuple(layouts())


def layout(name: str) -> dict:
    """One layout's description; an unknown name is the user's mistake."""
    table = layouts()
    if name not in table:
        raise AjdocError(f"unknown layout '{name}'; expected one of {', '.join(table)}",
                         hint=suggest(name, table))
    return table[name]


def template_path(name: str) -> Path:
    """A built-in template by file name: in the installed package, or the source tree's."""
    packaged = Path(str(_resources.files("ajdoc").joinpath("templates"))) / name
    if packaged.is_file():
        return packaged
    source = Path(__file__).resolve().parents[2] / "templates" / name
    if source.is_file():
        return source
    raise AjdocError(f"template {name} is missing from the installation")  # pragma: no cover


def layout_template(name: str) -> Path:
    """The built-in template of a job-description layout."""
    return template_path(layout(name)["template"])
