"""The web editor's workspace: the folder it serves, every path kept inside it, and saving that
refuses to overwrite a file changed on disk since it was opened."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path, PurePosixPath
from typing import Optional, Sequence

import attrs

from .. import resources, workspace
from ..errors import AjdocError, Place
from ..library import Library, load_library
from ..output import write_atomic

NEW = "new"  # the digest of a file not yet written: saving refuses to overwrite one that exists
LIBRARY_FOLDER = "library"


def digest(data: bytes) -> str:
    """The fingerprint of a file's bytes, carried by the page that opened it."""
    return hashlib.sha256(data).hexdigest()


class Conflict(AjdocError):
    """The file changed on disk since the page opened it: the save is refused."""

    def __init__(self, rel: str, disk_text: Optional[str], disk_digest: str):
        super().__init__("the file changed on disk since you opened it; nothing was saved",
                         Place(file=rel))
        self.disk_text = disk_text
        self.disk_digest = disk_digest


@attrs.frozen
class Listed:
    """A file of the workspace: its path relative to the folder, and what it is."""

    rel: str
    kind: str


class Workspace:
    """A folder of role files, directive files and an optional user library (`library/`)."""

    def __init__(self, folder: Path | str, libraries: Sequence[Path | str] = (),
                 profile: Optional[str] = None):
        root = Path(folder)
        if not root.is_dir():
            raise AjdocError("folder not found" if not root.exists() else "is not a folder",
                             Place(file=str(folder)))
        self.root = root.resolve()
        self.explicit_libraries = [Path(p).resolve() for p in libraries]
        self.profile = profile
        self._locks: dict[Path, threading.Lock] = {}
        self._guard = threading.Lock()
        self.library()  # a broken library folder is reported at start-up

    @property
    def library_folders(self) -> list[Path]:
        """The user library: the folders given, else the workspace's `library/` if there is
        one (looked for each time: an import may create it)."""
        if self.explicit_libraries:
            return list(self.explicit_libraries)
        own = self.root / LIBRARY_FOLDER
        return [own] if own.is_dir() else []

    def import_library(self) -> Path:
        """Where imported user blocks go: the first library folder, or `library/`."""
        return (self.explicit_libraries or [self.root / LIBRARY_FOLDER])[0]

    def layouts(self) -> tuple[str, ...]:
        """The job-description layouts of the workspace's profile."""
        return resources.profile(self.profile).layout_names()

    def default_layout(self) -> str:
        """The layout a role is shown in unless another is chosen (the profile's)."""
        return resources.profile(self.profile).default_layout("role")

    def layout(self, asked: Optional[str]) -> str:
        """`asked` when it is a layout of the profile, else the default one."""
        return asked if asked in self.layouts() else self.default_layout()

    def library(self) -> Library:
        """The library: built-in blocks and presets, the user's folders over them (re-read when
        a file of theirs changed)."""
        return load_library(self.library_folders, self.profile)

    # -- paths ------------------------------------------------------------------------------
    def path(self, rel: str, suffixes: Sequence[str] = workspace.YAML_SUFFIXES) -> Path:
        """The file `rel` names inside the workspace; AjdocError for a path that leaves it (an
        absolute path, `..`, a symbolic link pointing out) or has another suffix."""
        place = Place(file=rel or "?")
        if not rel or "\x00" in rel or "\\" in rel or len(rel) > 400:
            raise AjdocError("is not a file name of the workspace", place)
        pure = PurePosixPath(rel)
        if pure.is_absolute() or any(part in ("..", "") for part in rel.split("/")) \
                or any(part.startswith(".") for part in pure.parts):
            raise AjdocError("is outside the workspace folder (a name relative to it is "
                             "expected, without '..' or a leading '.')", place)
        if suffixes and pure.suffix.lower() not in suffixes:
            raise AjdocError(f"expected a file ending in {' or '.join(suffixes)}", place)
        target = (self.root / pure).resolve()
        if not target.is_relative_to(self.root) or target == self.root:
            raise AjdocError("leads outside the workspace folder (a symbolic link?)", place)
        return target

    def rel(self, path: Path | str) -> str:
        """A path as the workspace names it (relative, with '/')."""
        p = Path(path)
        try:
            return p.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def inside(self, path: Path) -> bool:
        return path.resolve().is_relative_to(self.root)

    # -- listing ----------------------------------------------------------------------------
    def files(self) -> list[Listed]:
        """The role and directive files, sorted by path; files in the library folder skipped."""
        out = []
        for path in workspace.yaml_files(self.root):
            if not self.inside(path) or any(path.resolve().is_relative_to(f)
                                            for f in self.library_folders):
                continue
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            kind = workspace.kind_of(workspace.top_level_keys(text))
            if kind in (workspace.ROLE, workspace.DIRECTIVE):
                out.append(Listed(self.rel(path), kind))
        return out

    def roles(self) -> list[str]:
        return [f.rel for f in self.files() if f.kind == workspace.ROLE]

    def directives(self) -> list[str]:
        return [f.rel for f in self.files() if f.kind == workspace.DIRECTIVE]

    # -- reading and saving -----------------------------------------------------------------
    def read(self, rel: str) -> tuple[str, str]:
        """The file's text and digest."""
        path = self.path(rel)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise AjdocError("file not found", Place(file=rel)) from None
        except OSError as exc:
            raise AjdocError(f"cannot be read: {exc.strerror}", Place(file=rel)) from None
        try:
            return data.decode("utf-8-sig"), digest(data)
        except UnicodeDecodeError:
            raise AjdocError("is not UTF-8 text", Place(file=rel), "save the file as UTF-8") \
                from None

    def _lock(self, path: Path) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(path, threading.Lock())

    def save(self, rel: str, text: str, expected: str) -> str:
        """Write `text` to `rel` if the file on disk is still the one with digest `expected`
        (NEW: if there is none); its new digest. A file changed meanwhile raises Conflict."""
        path = self.path(rel)
        data = text.encode("utf-8")
        with self._lock(path):
            try:
                disk: Optional[bytes] = path.read_bytes()
            except FileNotFoundError:
                disk = None
            now = NEW if disk is None else digest(disk)
            if now != expected:
                raise Conflict(rel, None if disk is None else disk.decode("utf-8", "replace"), now)
            if not path.parent.is_dir():
                raise AjdocError("the folder does not exist", Place(file=rel), "create it first")
            write_atomic(path, data, force=True)
        return digest(data)
