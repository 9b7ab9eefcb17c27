"""The one loader of what ships with ajdoc and what an agency's profile adds: data files, profiles
(an agency's identity, wording, layouts, templates and standard texts) and the templates.

A **profile** is a folder: ``profile.yaml`` (the agency's name, signer, directive defaults, house
style), ``layouts.yaml`` (its job-description layouts), optionally ``phrases.yaml`` (phrases that
differ from ajdoc's, deep-merged over ``data/phrases.yaml``), ``templates/`` (its Word templates;
a name it lacks is looked up among ajdoc's), and ``blocks/``, ``presets/`` (its standard texts).
The built-in profiles are in ``ajdoc/data/profiles``; ``ska`` is the default. Every cache here is
shared by threads; a profile folder is read again when one of its files changed.
"""

from __future__ import annotations

import copy
import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, Union

import attrs
from ruamel.yaml import YAML

from . import shipped, yamlio
from .errors import AjdocError, Place, suggest
from .values import Value

_LOCK = threading.Lock()
DEFAULT_PROFILE = "ska"
PROFILE_FILE = "profile.yaml"
_PACKAGE = Path(__file__).parent  # the installed package (importlib.resources' files("ajdoc"))


def data_path(*parts: str) -> Path:
    """A path under the package's ``data`` folder."""
    return _PACKAGE.joinpath("data", *parts)


def _read(path: Path) -> Any:
    return _parse_data(path.read_text(encoding="utf-8"), True)


def _parse_data(text: str, use_snapshot: bool) -> Any:
    """A data file's text as plain values; with `use_snapshot`, from the snapshot of the files
    that ship with ajdoc when it holds the text (see ajdoc.shipped)."""
    found = shipped.parsed("safe", text) if use_snapshot else None
    if found is not None:
        return found
    with _LOCK:  # ruamel's loader is not re-entrant across threads
        return YAML(typ="safe", pure=True).load(text)


def _user(path: Path) -> Any:
    """A profile's YAML file, read as any user file (bounded, no aliases, placed messages)."""
    return yamlio.plain(yamlio.load(path).value)


@lru_cache(maxsize=None)
def _load(name: str) -> Any:
    return _read(data_path(name))


@lru_cache(maxsize=1)
def builtin_profiles() -> dict[str, Path]:
    """The profiles that ship with ajdoc: name → folder."""
    folder = data_path("profiles")
    return {p.name: p for p in sorted(folder.iterdir()) if (p / PROFILE_FILE).is_file()}


def data(name: str) -> Any:
    """A data file (YAML) of the package, parsed once per process."""
    return _load(name)


def template_path(name: str) -> Path:
    """A built-in template by file name: in the installed package, or the source tree's."""
    packaged = _PACKAGE / "templates" / name
    if packaged.is_file():
        return packaged
    source = Path(__file__).resolve().parents[2] / "templates" / name
    if source.is_file():
        return source
    raise AjdocError(f"template {name} is missing from the installation")  # pragma: no cover


def _merged(base: Any, over: Any) -> Any:
    """`over` deep-merged into a copy of `base` (mappings merge; anything else replaces)."""
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            out[k] = _merged(base.get(k), v) if k in base else copy.deepcopy(v)
        return out
    return copy.deepcopy(over)


# -- profiles -----------------------------------------------------------------------------------
@attrs.frozen(eq=False)
class Profile(Value):
    """An agency's profile: its settings, phrases and layouts, read from its folder."""

    name: str
    root: Path
    settings: dict = attrs.field(repr=False)
    phrases: dict = attrs.field(repr=False)
    layouts: dict = attrs.field(repr=False)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Profile) and other.root == self.root

    def __hash__(self) -> int:
        return hash(self.root)

    @property
    def agency(self) -> str:
        return str(self.settings["agency"])

    def layout_names(self) -> tuple[str, ...]:
        return tuple(self.layouts)

    def layout(self, name: str) -> dict:
        """One layout's description; an unknown name is the user's mistake."""
        if name not in self.layouts:
            raise AjdocError(f"unknown layout '{name}'; expected one of "
                             f"{', '.join(self.layouts)} (profile {self.name})",
                             hint=suggest(name, self.layouts))
        return dict(self.layouts[name])

    def default_layout(self, kind: str = "role") -> str:
        """The layout a job description (`role`) or a directive's annexes take by default."""
        layouts = self.settings.get("default_layout") or {}
        return str(layouts.get(kind) or next(iter(self.layouts)))

    def template(self, name: str) -> Path:
        """A template by file name: the profile's own, else ajdoc's."""
        own = self.root / "templates" / name
        return own if own.is_file() else template_path(name)

    def reference(self, folder: Path) -> Optional[str]:
        """How a file in `folder` names this profile (`profile:`): nothing for the default
        profile, a built-in one's name, else its folder relative to `folder` when it can be."""
        for name, root in builtin_profiles().items():
            if root.resolve() == self.root:
                return None if name == DEFAULT_PROFILE else name
        try:
            return Path(os.path.relpath(self.root, Path(folder).resolve())).as_posix()
        except ValueError:  # another drive
            return self.root.as_posix()

    def data(self, name: str) -> Any:
        """ajdoc's data file `name` with the profile's file of that name over it (deep-merged),
        e.g. the role-file scaffold (scaffold.yaml)."""
        own = self.root / name
        return _merged(_load(name), _user(own)) if own.exists() else _load(name)

    def layout_template(self, name: str) -> Path:
        return self.template(self.layout(name)["template"])


def _signature(root: Path) -> tuple:
    """What a profile folder holds now: its files' names, sizes and modification times."""
    out = []
    for dirpath, _, files in os.walk(root):
        for f in sorted(files):
            try:
                st = os.stat(os.path.join(dirpath, f))
            except OSError:
                continue
            out.append((os.path.relpath(os.path.join(dirpath, f), root), st.st_size,
                        st.st_mtime_ns))
    return tuple(sorted(out))


@lru_cache(maxsize=32)
def _profile(root: Path, signature: tuple) -> Profile:
    place = Place(file=str(root / PROFILE_FILE))
    if not (root / PROFILE_FILE).is_file():
        raise AjdocError("is not a profile folder: it has no profile.yaml", Place(file=str(root)),
                         "`ajdoc profile new DIR --from ska` writes one")
    # read as any user file: bounded, no aliases, a line-numbered message for what is wrong
    settings = _user(root / PROFILE_FILE)
    layouts = _user(root / "layouts.yaml") if (root / "layouts.yaml").exists() \
        else None
    phrases = _user(root / "phrases.yaml") if (root / "phrases.yaml").exists() \
        else {}
    if not isinstance(settings, dict) or not isinstance(settings.get("agency"), str) or \
            not settings["agency"].strip():
        raise AjdocError("expected a mapping with at least agency: (the agency's name, text)",
                         place)
    if not isinstance(layouts, dict) or not layouts:
        raise AjdocError("the profile has no layouts (layouts.yaml)", Place(file=str(root)))
    return Profile(name=str(settings.get("id") or root.name), root=root, settings=settings,
                   phrases=_merged(_load("phrases.yaml"), phrases or {}), layouts=layouts)


ProfileArg = Union["Profile", str, Path, None]


def profile(ref: ProfileArg = None, base: Optional[Path] = None) -> Profile:
    """A profile: given, by the name of a built-in one, or by its folder (relative to `base`);
    the default profile when `ref` is None."""
    if isinstance(ref, Profile):
        return ref
    if ref is None:
        return _builtin(DEFAULT_PROFILE)
    builtin = builtin_profiles()
    if str(ref) in builtin:
        return _builtin(str(ref))
    root = (base / ref) if base is not None else Path(ref)
    if not root.is_dir():
        raise AjdocError(f"profile '{ref}' not found: neither a built-in profile "
                         f"({', '.join(builtin)}) nor a folder", Place(file=str(root)),
                         suggest(str(ref), builtin))
    root = root.resolve()
    return _profile(root, _signature(root))


@lru_cache(maxsize=None)
def _builtin(name: str) -> Profile:
    """A built-in profile: it does not change while ajdoc runs."""
    root = builtin_profiles()[name].resolve()
    return _profile(root, ())


# -- the default profile's data, for code without a document at hand ---------------------------
def phrases(p: ProfileArg = None) -> dict:
    """The fixed phrases the documents print (ajdoc's, with the profile's over them)."""
    return profile(p).phrases


def defaults(p: ProfileArg = None) -> dict:
    """The agency's settings: its name, signer, directive defaults (``profile.yaml``)."""
    return profile(p).settings


def layouts(p: ProfileArg = None) -> dict:
    """Every job-description layout of a profile."""
    return profile(p).layouts


def layout_names(p: ProfileArg = None) -> tuple[str, ...]:
    return profile(p).layout_names()


def layout(name: str, p: ProfileArg = None) -> dict:
    return profile(p).layout(name)


def layout_template(name: str, p: ProfileArg = None) -> Path:
    """The template of a job-description layout."""
    return profile(p).layout_template(name)
