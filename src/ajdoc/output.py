"""Writing files safely: all-or-nothing, never over an existing file unless asked, never over an input.

Each file is written to a temporary file in its target folder and renamed into place, so an
interrupted run leaves any earlier file intact. A `Batch` writes several files the same way and
only renames them once every one of them was produced: a failure leaves none of them behind.

Without ``force`` a target is created exclusively (its name is claimed with ``O_EXCL`` before the
rename), so of two runs writing the same absent file one fails. Two outputs of one run naming the
same file, or an output naming an input of the run, are refused before anything is written
(`check_outputs`), and so is replacing anything but a regular file.

A SIGKILL cannot be held off like SIGINT/SIGTERM, so a batch keeps a journal in each folder it
writes to (``.ajdoc-TOKEN.journal``, locked while the run lives) naming its targets, temporary
files and backups (hard links to the files it replaces). The journal is removed once every file
is in place; the next run that writes into the folder finds a journal whose run is gone, puts
the earlier files back (a set is never left half new, half old), removes the temporary files and
says so in a warning.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import stat
import tempfile
import threading
import time
import warnings
from pathlib import Path
from types import TracebackType
from typing import Any, Iterable, Iterator, Optional

from .errors import AjdocError, Place

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no journal locks, no recovery
    fcntl = None  # type: ignore[assignment]

PREFIX = ".ajdoc-"
CLAIM = b"ajdoc: this name is being written\n"   # what a claimed, not yet renamed target holds
STRAY_AGE = 60.0      # seconds: a temporary file no journal names is left alone while younger


class RecoveryWarning(UserWarning):
    """An interrupted earlier run was found and cleaned up (the CLI prints it as a warning)."""


def check_target(path: Path | str, force: bool) -> Path:
    """Check that `path` can be written: its folder exists and is writable; no file is overwritten
    without `force`, and nothing but a regular file is replaced even with it. Cleans up after an
    earlier run of ajdoc that was killed while writing into the folder."""
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
    recover(folder)
    try:
        if path.is_dir():
            raise AjdocError("is a folder; expected a file name", Place(file=str(path)))
        try:
            st: Optional[os.stat_result] = os.stat(path)
        except FileNotFoundError:  # absent, or a dangling symbolic link
            st = None
        if st is not None and not stat.S_ISREG(st.st_mode):
            raise AjdocError("is not a regular file (a device, pipe or socket); ajdoc replaces "
                             "only files it can write, not even with --force",
                             Place(file=str(path)))
        if os.path.lexists(path) and not force:
            raise AjdocError("exists already; use --force to overwrite it", Place(file=str(path)))
    except OSError as exc:  # e.g. a name longer than the file system allows
        raise AjdocError(f"cannot be written: {exc.strerror}", Place(file=str(path))) from None
    return path


# -- which file a path names --------------------------------------------------------------------
def _identity(path: Path) -> tuple[Any, ...]:
    """What `path` names: an existing file's device and inode (hard links, symlinks and other
    spellings alike), else its folder's device and inode and its name."""
    try:
        st = os.stat(path)
        return ("file", st.st_dev, st.st_ino)
    except OSError:
        pass
    norm = Path(os.path.abspath(path))  # ".." taken lexically: only when the folder is absent
    for folder, name in ((path.parent if str(path.parent) else Path("."), path.name),
                         (norm.parent, norm.name)):
        try:
            st = os.stat(folder)
            return ("new", st.st_dev, st.st_ino, name)
        except OSError:
            continue
    return ("path", os.path.normcase(str(norm)))


def check_outputs(targets: Iterable[Path | str | tuple[Path | str, str]],
                  inputs: Iterable[Path | str] = ()) -> None:
    """Refuse, before anything is written, two outputs naming one file, or an output naming an
    input of the run (the role file, the directive, a template): never overwritten, not even with
    --force. A target may come with what it is: (path, "the combined document")."""
    seen: dict[tuple[Any, ...], tuple[Path, str]] = {}
    for t in targets:
        path, what = (Path(t[0]), t[1]) if isinstance(t, tuple) else (Path(t), "an output")
        key = _identity(path)
        if key in seen:
            other, other_what = seen[key]
            same = f" ({other})" if str(other) != str(path) else ""
            raise AjdocError(f"{other_what}{same} and {what} would both be written to this "
                             "file; each output of a run needs its own path",
                             Place(file=str(path)))
        seen[key] = (path, what)
    for i in inputs:
        source = Path(i)
        if not source.is_file():
            continue
        key = _identity(source)
        if key in seen:
            path, what = seen[key]
            same = f" ({source})" if str(source) != str(path) else ""
            raise AjdocError(f"{what} would be written over an input of this run{same}; ajdoc "
                             "never writes over its input, not even with --force",
                             Place(file=str(path)), "choose another output file")


# -- signals ------------------------------------------------------------------------------------
@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT/SIGTERM while files are renamed into place: they arrive after, never between
    two renames of one all-or-nothing batch. The signals are blocked in this thread, and (in the
    main thread) their handlers only note them meanwhile: a signal another thread receives would
    otherwise reach the main thread's handler between two renames."""
    held = {signal.SIGINT, signal.SIGTERM}
    noted: list[int] = []
    handlers: dict[signal.Signals, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for sig in held:
            if signal.getsignal(sig) is None:  # installed outside Python: left alone
                continue
            try:
                handlers[sig] = signal.signal(sig, lambda signum, frame: noted.append(signum))
            except (ValueError, OSError):  # pragma: no cover
                pass
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, ValueError, OSError):  # pragma: no cover - not POSIX
        old = None
    try:
        yield
    finally:
        if old is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)  # a pending signal is noted here
        for held_sig, handler in handlers.items():
            signal.signal(held_sig, handler)
        for signum in dict.fromkeys(noted):
            signal.raise_signal(signum)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - best effort
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems cannot
        pass
    finally:
        os.close(fd)


def _lock(fd: int) -> bool:
    """Take the journal's lock without waiting; False when another process holds it."""
    if fcntl is None:  # pragma: no cover
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


# -- a batch ------------------------------------------------------------------------------------
class _Staged:
    """A staged file: its target, its temporary file (and that file's inode), its backup name."""

    __slots__ = ("target", "temp", "inode", "backup", "kept", "placed")

    def __init__(self, target: Path, temp: Path, inode: int, backup: Path):
        self.target, self.temp, self.inode, self.backup = target, temp, inode, backup
        self.kept = False      # the backup holds the file this one replaced
        self.placed = False    # the target holds this file (or our claim on its name)

    def record(self) -> dict[str, Any]:
        return {"target": os.path.abspath(self.target), "temp": os.path.abspath(self.temp),
                "inode": self.inode, "backup": os.path.abspath(self.backup)}


class Batch:
    """Several files written all-or-nothing: staged as temporary files, renamed on success."""

    def __init__(self, force: bool = False) -> None:
        self.force = force
        self._staged: list[_Staged] = []
        self._ids: dict[tuple[Any, ...], Path] = {}
        self._token = secrets.token_hex(4)
        self._journals: dict[Path, int] = {}   # folder → the open, locked journal

    def _journal(self, folder: Path) -> None:
        """This batch's journal in `folder`, created (and locked) before any temporary file."""
        if folder in self._journals:
            return
        path = folder / f"{PREFIX}{self._token}.journal"
        new = path.with_suffix(".new")  # locked before it is visible as a journal
        try:
            fd = os.open(new, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as exc:
            raise AjdocError(f"cannot be written: {exc.strerror}", Place(file=str(folder))) \
                from None
        self._journals[folder] = fd
        try:
            _lock(fd)
            os.write(fd, json.dumps({"state": "staging"}).encode("utf-8"))
            os.rename(new, path)
        except OSError as exc:
            raise AjdocError(f"cannot be written: {exc.strerror}", Place(file=str(folder))) \
                from None

    def add(self, path: Path | str, data: bytes) -> None:
        """Stage `data` for `path` in a temporary file beside it (checked as check_target does)."""
        path = check_target(path, self.force)
        key = _identity(path)
        if key in self._ids:
            raise AjdocError(f"is written twice in one run (also as {self._ids[key]})",
                             Place(file=str(path)))
        folder = path.parent if str(path.parent) else Path(".")
        with _signals_held():  # the temporary file is known to the batch as soon as it exists
            self._journal(folder)
            try:
                fd, name = tempfile.mkstemp(prefix=f"{PREFIX}{self._token}-", suffix=".part",
                                            dir=folder)
            except OSError as exc:
                raise AjdocError(f"cannot be written: {exc.strerror}", Place(file=str(path))) \
                    from None
            temp = Path(name)
            self._staged.append(_Staged(path, temp, os.fstat(fd).st_ino,
                                        temp.with_name(temp.name[:-5] + "-old.part")))
            self._ids[key] = path
        try:  # mkstemp makes the file private (0600); a document gets the usual mode (umask)
            mask = os.umask(0)
            os.umask(mask)
            os.fchmod(fd, 0o666 & ~mask)
        finally:
            os.close(fd)
        try:
            with open(temp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise AjdocError(f"cannot be written: {exc.strerror}", Place(file=str(path))) from None

    def paths(self) -> list[Path]:
        """The files staged so far, in the order added."""
        return [s.target for s in self._staged]

    def _write_journals(self) -> None:
        """Every journal names every file of the batch: any one of them lets a later run put the
        whole set back. Synced to the disk only for a set of several files: one file, synced
        before its rename, is whole in its old or its new state whatever the journal says after a
        power cut (a kill leaves the journal as written), and a later run still removes its
        temporary files by their names."""
        record = json.dumps({"state": "committing", "force": self.force,
                             "journals": [os.path.abspath(f / f"{PREFIX}{self._token}.journal")
                                          for f in self._journals],
                             "entries": [s.record() for s in self._staged]}).encode("utf-8")
        for folder, fd in self._journals.items():
            os.ftruncate(fd, 0)
            os.pwrite(fd, record, 0)
            if len(self._staged) > 1:
                os.fsync(fd)
                _fsync_folder(folder)

    def _place(self, s: _Staged) -> None:
        """Rename one staged file into place: over a backed-up file with force, else onto a name
        claimed exclusively (of two runs writing one absent file, one fails here)."""
        if self.force and os.path.lexists(s.target):
            os.link(s.target, s.backup)
            s.kept = True
        elif not self.force:
            try:
                fd = os.open(s.target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                raise AjdocError("exists already (another run wrote it meanwhile?); use --force "
                                 "to overwrite it", Place(file=str(s.target))) from None
            s.placed = True
            try:
                os.write(fd, CLAIM)
            finally:
                os.close(fd)
        os.replace(s.temp, s.target)
        s.placed = True

    def commit(self) -> None:
        """Rename every staged file into place, or (on a failure) put every earlier one back."""
        for s in self._staged:  # re-check: something may have appeared meanwhile
            if os.path.lexists(s.target) and not self.force:
                raise AjdocError("exists already; use --force to overwrite it",
                                 Place(file=str(s.target)))
        with _signals_held():
            current: Optional[_Staged] = None
            try:
                self._write_journals()
                for s in self._staged:
                    current = s
                    self._place(s)
            except BaseException as exc:
                for s in reversed(self._staged):  # put every earlier file back
                    _undo(s.target, s.backup, s.inode, s.placed)
                if not isinstance(exc, (OSError, AjdocError)):
                    raise
                reason = exc.strerror if isinstance(exc, OSError) else exc.message
                failed = current.target if current is not None else self._staged[0].target
                raise AjdocError(f"cannot be written: {reason}; no file of this run was kept",
                                 Place(file=str(failed))) from None
            for folder in list(self._journals):  # the set is complete: this is the commit point
                self._close_journal(folder)
            for s in self._staged:
                s.backup.unlink(missing_ok=True)
            self._staged.clear()

    def _close_journal(self, folder: Path) -> None:
        fd = self._journals.pop(folder)
        for end in (".journal", ".new"):
            (folder / f"{PREFIX}{self._token}{end}").unlink(missing_ok=True)
        os.close(fd)

    def discard(self) -> None:
        """Remove the temporary files not renamed into place, and the journals."""
        for s in self._staged:
            s.temp.unlink(missing_ok=True)
        self._staged.clear()
        for folder in list(self._journals):
            self._close_journal(folder)

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


def _undo(target: Path, backup: Path, inode: int, placed: bool = True) -> bool:
    """Put `target` back as it was before a batch: its backup, or no file when the batch created
    it (the staged file's inode, or a claim). True when something was changed. (`placed` False:
    the target was not touched, only a backup may have to go.)"""
    try:
        if not placed:
            backup.unlink(missing_ok=True)
            return False
        if os.path.lexists(backup):
            os.replace(backup, target)
            backup.unlink(missing_ok=True)  # a rename between two links of one file does nothing
            return True
        if not os.path.lexists(target):
            return False
        st = os.stat(target)
        if st.st_ino == inode or _is_claim(target, st):
            target.unlink()
            return True
    except OSError:  # pragma: no cover - best effort
        pass
    return False


def _is_claim(path: Path, st: os.stat_result) -> bool:
    if st.st_size > len(CLAIM):
        return False
    with open(path, "rb") as fh:
        return CLAIM.startswith(fh.read())


def write_atomic(path: Path | str, data: bytes, force: bool = False) -> Path:
    """Write `data` to `path` through a temporary file and a rename."""
    with Batch(force=force) as batch:
        batch.add(path, data)
    return Path(path)


def write_all(files: Iterable[tuple[Path | str, bytes]], force: bool = False) -> list[Path]:
    """Write every (path, data) pair, or none of them."""
    with Batch(force=force) as batch:
        for path, data in files:
            batch.add(path, data)
        return batch.paths()


# -- after a killed run -------------------------------------------------------------------------
_recovered: set[tuple[int, int]] = set()
_recovering = threading.Lock()


def recover(folder: Path | str) -> None:
    """Clean up after runs of ajdoc killed while writing into `folder` (once per process and
    folder): a journal whose run is gone has its files put back as they were and its temporary
    files removed; a temporary file no journal names and older than STRAY_AGE is removed. Says
    what it found in a RecoveryWarning."""
    folder = Path(folder)
    try:
        st = os.stat(folder)
        names = os.listdir(folder)
    except OSError:
        return
    with _recovering:
        if (st.st_dev, st.st_ino) in _recovered:
            return
        _recovered.add((st.st_dev, st.st_ino))
    if fcntl is None or not any(n.startswith(PREFIX) for n in names):
        return
    restored: list[str] = []
    interrupted = removed = 0
    live: set[str] = set()
    for name in sorted(n for n in names if n.startswith(PREFIX) and n.endswith(".journal")):
        token = name[len(PREFIX):-len(".journal")]
        outcome = _recover_journal(folder / name)
        if outcome is None:
            live.add(token)
            continue
        interrupted += outcome[0]
        restored += outcome[1]
        removed += outcome[2]
    now = time.time()
    for name in names:
        if not (name.startswith(PREFIX) and name.endswith((".part", ".new"))):
            continue
        token = name[len(PREFIX):].split("-", 1)[0].removesuffix(".new")
        path = folder / name
        try:
            if token in live or now - os.stat(path).st_mtime < STRAY_AGE:
                continue
            path.unlink()
            removed += 1
        except OSError:
            continue
    if interrupted:
        shown = ", ".join(restored[:5]) + (f" and {len(restored) - 5} more" if len(restored) > 5
                                          else "")
        warnings.warn(f"{folder}: an earlier run of ajdoc was interrupted while putting "
                      f"{interrupted} file(s) in place; put back the earlier state of "
                      f"{shown or 'none of them (none was in place yet)'} and removed {removed} "
                      "temporary file(s)", RecoveryWarning, stacklevel=2)
    elif removed:
        warnings.warn(f"{folder}: removed {removed} temporary file(s) an interrupted run of ajdoc "
                      f"left ({PREFIX}….part)", RecoveryWarning, stacklevel=2)


def _recover_journal(journal: Path) -> Optional[tuple[int, list[str], int]]:
    """Undo the batch of a journal whose run is gone: (the files it was putting in place, 0 when
    it was still staging; the targets put back; the temporary files removed); None when its run
    still lives."""
    try:
        fd = os.open(journal, os.O_RDWR)
    except OSError:
        return None
    try:
        if not _lock(fd):
            return None
        raw = os.read(fd, 16 * 1024 * 1024)
        try:
            record = json.loads(raw.decode("utf-8")) if raw else {}
        except (ValueError, UnicodeDecodeError):
            record = {}
        if not isinstance(record, dict):
            record = {}
        restored: list[str] = []
        removed = 0
        token = journal.name[len(PREFIX):-len(".journal")]
        folders = {journal.parent}
        entries = record.get("entries", []) if record.get("state") == "committing" else []
        for e in entries if isinstance(entries, list) else []:
            try:
                target, temp, backup = Path(e["target"]), Path(e["temp"]), Path(e["backup"])
                inode = int(e["inode"])
            except (KeyError, TypeError, ValueError):
                continue
            folders.add(target.parent)
            if _undo(target, backup, inode):
                restored.append(target.name)
        for folder in folders:
            try:
                leftovers = [n for n in os.listdir(folder)
                             if n.startswith(f"{PREFIX}{token}-") and n.endswith(".part")]
            except OSError:
                continue
            for n in leftovers:
                with contextlib.suppress(OSError):
                    (folder / n).unlink()
                    removed += 1
        for other in record.get("journals", []):
            with contextlib.suppress(OSError, TypeError):
                if Path(other) != journal:
                    Path(other).unlink()
        journal.unlink(missing_ok=True)
        return len(entries) if isinstance(entries, list) else 0, restored, removed
    finally:
        os.close(fd)
