"""Writing files safely: all-or-nothing, never over an existing file unless asked.

Each file is written to a temporary file in its target folder and renamed into place, so an
interrupted run leaves any earlier file intact. A `Batch` writes several files the same way and
only renames them once every one of them was produced: a failure leaves none of them behind.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Iterable, Iterator, Optional

from .errors import AjdocError, Place


def check_target(path: Path | str, force: bool) -> Path:
    """Check that `path` can be written: its folder exists and is writable; no file is overwritten
    without `force`."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if folder.exists() and not folder.is_dir():
        raise AjdocError("is not a folder, so the output cannot be written in it",
                         Place(file=str(folder)))
    if not folder.is_dir():
        raise AjdocError("the output folder does not exist", Place(file=str(folder)),
                         "create it first")
    if not os.access(folder, os.W_OK):
        raise AjdocError("the output folder cannot be written", Place(file=str(folder)))
    try:
        if path.is_dir():
            raise AjdocError("is a folder; expected a file name", Place(file=str(path)))
        if path.exists() and not force:
            raise AjdocError("exists already; use --force to overwrite it", Place(file=str(path)))
    except OSError as exc:  # e.g. a name longer than the file system allows
        raise AjdocError(f"cannot be written: {exc.strerror}", Place(file=str(path))) from None
    return path


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT/SIGTERM while files are renamed into place: they arrive after, never between
    two renames of one all-or-nothing batch.

    Blocking the signals in this thread is not enough: a thread a native library started (BLAS
    workers, say) may take a signal sent to the process, and Python then runs its handler in the
    main thread between two renames. So the handlers are also replaced by ones that only note the
    signal, and the noted signals are raised again once the renames are done."""
    held = (signal.SIGINT, signal.SIGTERM)
    noted: list[int] = []
    try:
        handlers = {s: signal.signal(s, lambda signum, frame: noted.append(signum)) for s in held}
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, set(held))
    except (AttributeError, ValueError, OSError):  # pragma: no cover - not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a blocked signal is noted now
        for s, handler in handlers.items():
            signal.signal(s, handler)
        for signum in dict.fromkeys(noted):
            signal.raise_signal(signum)


def _temp_for(path: Path) -> Path:
    """A new temporary file beside `path` (a short name: the target's may be near the limit)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".ajdoc-", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise AjdocError(f"cannot be written: {exc.strerror}", Place(file=str(path))) from None
    try:  # mkstemp makes the file private (0600); a document gets the usual mode (umask)
        mask = os.umask(0)
        os.umask(mask)
        os.fchmod(fd, 0o666 & ~mask)
    finally:
        os.close(fd)
    return Path(tmp)


def write_atomic(path: Path | str, data: bytes, force: bool = False) -> Path:
    """Write `data` to `path` through a temporary file and a rename."""
    with Batch(force=force) as batch:
        batch.add(path, data)
    return Path(path)


class Batch:
    """Several files written all-or-nothing: staged as temporary files, renamed on success."""

    def __init__(self, force: bool = False) -> None:
        self.force = force
        self._staged: list[tuple[Path, Path]] = []

    def add(self, path: Path | str, data: bytes) -> None:
        """Stage `data` for `path` in a temporary file beside it (checked as check_target does)."""
        path = check_target(path, self.force)
        if any(p == path for p, _ in self._staged):
            raise AjdocError("is written twice in one run", Place(file=str(path)))
        with _signals_held():  # the temporary file is known to the batch as soon as it exists
            tmp = _temp_for(path)
            self._staged.append((path, tmp))
        try:
            with open(tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise AjdocError(f"cannot be written: {exc.strerror}", Place(file=str(path))) from None

    def paths(self) -> list[Path]:
        """The files staged so far, in the order added."""
        return [p for p, _ in self._staged]

    def commit(self) -> None:
        """Rename every staged file into place, or (on a failure) put every earlier one back."""
        for path, _ in self._staged:  # re-check: something may have appeared meanwhile
            if path.exists() and not self.force:
                raise AjdocError("exists already; use --force to overwrite it",
                                 Place(file=str(path)))
        with _signals_held():
            done: list[list] = []  # [target, hard link to its old content or None, replaced?]
            try:
                for path, tmp in self._staged:
                    backup = None
                    if path.exists():
                        backup = _temp_for(path)
                        backup.unlink()
                        os.link(path, backup)
                    entry = [path, backup, False]
                    done.append(entry)
                    os.replace(tmp, path)
                    entry[2] = True
            except (OSError, AjdocError) as exc:
                for target, backup, replaced in reversed(done):  # put every earlier file back
                    try:
                        if replaced and backup is not None:
                            os.replace(backup, target)
                        elif replaced:
                            target.unlink()
                        elif backup is not None:
                            backup.unlink()
                    except OSError:  # pragma: no cover - best effort
                        pass
                reason = exc.strerror if isinstance(exc, OSError) else exc.message
                raise AjdocError(f"cannot be written: {reason}; no file of this run was kept",
                                 Place(file=str(path))) from None
            for _, backup, _ in done:
                if backup is not None:
                    backup.unlink(missing_ok=True)
            self._staged.clear()

    def discard(self) -> None:
        """Remove the temporary files not renamed into place."""
        for _, tmp in self._staged:
            try:
                tmp.unlink()
            except FileNotFoundError:
                pass
        self._staged.clear()

    def __enter__(self) -> "Batch":
        return self

    def __exit__(self, exc_type: Optional[type[BaseException]], exc: Optional[BaseException],
                 tb: Optional[TracebackType]) -> None:
        if exc_type is None:
            try:
                self.commit()
            finally:
                self.discard()
        else:
            self.discard()


def write_all(files: Iterable[tuple[Path | str, bytes]], force: bool = False) -> list[Path]:
    """Write every (path, data) pair, or none of them."""
    with Batch(force=force) as batch:
        for path, data in files:
            batch.add(path, data)
        return batch.paths()
