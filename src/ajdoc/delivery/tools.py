"""The system tools delivery runs: finding LibreOffice and poppler, running soffice, their errors.

LibreOffice (`soffice`) and poppler-utils (`pdftoppm`) are optional: a command that needs a
missing one raises ToolMissing (exit code 2) saying how to install it; a tool that runs but gives
nothing usable raises ConversionError (exit code 1).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess

from ..errors import AjdocError, Place


class ToolMissing(AjdocError):
    """A system tool (LibreOffice, poppler-utils) is not installed: the user's to fix, exit 2."""

    exit_code = 2


class ConversionError(AjdocError):
    """The tool ran but produced no usable output (a crash, a timeout): exit 1."""

    exit_code = 1


_SOFFICE_HINT = ("install LibreOffice: on Debian/Ubuntu `apt-get install libreoffice-writer-nogui`, "
                 "on macOS `brew install --cask libreoffice`, or from libreoffice.org")
_PDFTOPPM_HINT = ("install poppler: on Debian/Ubuntu `apt-get install poppler-utils`, "
                  "on macOS `brew install poppler`")

# where LibreOffice lives when it is not on PATH
_SOFFICE_ELSEWHERE: tuple[str, ...] = ("/Applications/LibreOffice.app/Contents/MacOS/soffice",
                                       "/opt/libreoffice/program/soffice")


def find_soffice(purpose: str = "--pdf") -> str:
    """The LibreOffice executable, or ToolMissing saying how to install it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for path in _SOFFICE_ELSEWHERE:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    what = "previews" if purpose == "preview" else "PDF files"
    raise ToolMissing(f"LibreOffice (soffice) is needed for {what} and was not found",
                      Place(key=purpose), _SOFFICE_HINT + ("; the DOCX files are written "
                                                           "without it" if what != "previews"
                                                           else ""))


def find_pdftoppm() -> str:
    """poppler's pdftoppm, or ToolMissing saying how to install it."""
    found = shutil.which("pdftoppm")
    if not found:
        raise ToolMissing("pdftoppm (poppler-utils) is needed for previews and was not found",
                          Place(key="preview"), _PDFTOPPM_HINT)
    return found


def run_soffice(soffice: str, args: list[str], timeout: float) -> subprocess.CompletedProcess:
    """Run soffice in its own process group, so that a timeout ends soffice.bin too."""
    proc = subprocess.Popen([soffice, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            proc.kill()
        proc.communicate()
        raise ConversionError(f"LibreOffice did not finish within {timeout:.0f} s",
                              Place(key="--pdf")) from None
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def tool_output(res: subprocess.CompletedProcess) -> str:
    """The last lines a tool said (stderr, then stdout), without LibreOffice's routine chatter."""
    text = (res.stderr or b"").decode("utf-8", "replace") + (res.stdout or b"").decode(
        "utf-8", "replace")
    lines = [ln.strip() for ln in text.splitlines()
             if ln.strip() and "javaldx" not in ln and not ln.startswith("convert ")]
    return "; ".join(lines[-3:])
