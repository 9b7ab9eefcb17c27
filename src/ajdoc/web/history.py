"""A role file's last committed version, when the workspace is a git repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from ..errors import AjdocError, Place

TIMEOUT = 20


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    git = shutil.which("git")
    if git is None:
        raise AjdocError("git is not installed, so the last commit cannot be read",
                         Place(key="git"))
    return subprocess.run([git, "-C", str(folder), *args], capture_output=True, timeout=TIMEOUT,
                          stdin=subprocess.DEVNULL)


def in_repository(folder: Path) -> bool:
    """Whether `folder` is inside a git working tree."""
    try:
        res = _git(folder, "rev-parse", "--is-inside-work-tree")
    except (AjdocError, OSError, subprocess.SubprocessError):
        return False
    return res.returncode == 0 and res.stdout.strip() == b"true"


def head_text(path: Path, rel: str) -> str:
    """The text of file `path` (shown as `rel`) in the last commit (HEAD)."""
    res = _git(path.parent, "show", f"HEAD:./{path.name}")
    if res.returncode != 0:
        said = res.stderr.decode("utf-8", "replace").strip().splitlines()
        raise AjdocError("has no committed version to compare with"
                         + (f" (git: {said[-1]})" if said else ""), Place(file=rel))
    try:
        return res.stdout.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AjdocError("its committed version is not UTF-8 text", Place(file=rel)) from None
