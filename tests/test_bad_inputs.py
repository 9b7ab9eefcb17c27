"""Bad inputs, one folder each under tests/bad_inputs/: the CLI must refuse them cleanly.

Every case folder holds its input file(s) (usually ``role.yaml``, sometimes a ``library/`` with
``blocks/`` or ``presets/``) and a ``case.yaml``:

``args``          the command line after ``ajdoc``; ``{dir}`` is the case folder, ``{out}`` a fresh
                  empty output folder (also the working directory of the run)
``expect``        message fragments that must ALL appear in stderr (``{dir}``/``{out}`` allowed):
                  the file, the place (line, key path or block id) and what was expected
``reject``        fragments that must NOT appear in stderr (optional)
``exit``          the exit code (default 2: the user's mistake)
``precreate``     a file name in ``{out}`` created before the run with known content; it must be
                  byte-identical afterwards and the only file there
``readonly_out``  make ``{out}`` read-only (the case is skipped when running as root)
``api``           whether (true/false) or which file (a path relative to the case folder) to load
                  with ``ajdoc.load_role`` in the API test; default: ``role.yaml`` when present
``xfail``         the CLI does not (yet) behave as the case expects: the reason (a strict xfail
                  that only a failed assertion satisfies; remove the key once the code is fixed)
``api_xfail``     the same for the API test

For every case the CLI must exit with ``exit``, print ONE line to stderr starting
``ajdoc: error:`` (no traceback) and nothing to stdout, and leave both the output folder and the
case folder exactly as they were: nothing written, no temporary files.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

CASES_DIR = Path(__file__).parent / "bad_inputs"
CASE_KEYS = {"args", "expect", "reject", "exit", "precreate", "readonly_out", "api", "xfail",
             "api_xfail"}
PRECREATED = b"PRE-EXISTING CONTENT \x00\x01\x02 must survive\n"


def _load_case(folder: Path) -> dict:
    data = YAML(typ="safe", pure=True).load((folder / "case.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{folder.name}/case.yaml: expected a mapping"
    unknown = set(data) - CASE_KEYS
    assert not unknown, f"{folder.name}/case.yaml: unknown keys {sorted(unknown)}"
    assert isinstance(data.get("args"), list) and data["args"], f"{folder.name}: args missing"
    assert isinstance(data.get("expect"), list) and data["expect"], f"{folder.name}: expect missing"
    return data


def _case_folders() -> list[Path]:
    return sorted(p for p in CASES_DIR.iterdir() if (p / "case.yaml").is_file())


CASES = {p.name: (p, _load_case(p)) for p in _case_folders()}


def _params(xfail_key: str, only=lambda case, folder: True) -> list:
    out = []
    for name, (folder, case) in CASES.items():
        if not only(case, folder):
            continue
        marks = []
        if case.get(xfail_key):
            marks.append(pytest.mark.xfail(strict=True, raises=AssertionError,
                                           reason=case[xfail_key]))
        out.append(pytest.param(name, marks=marks, id=name))
    return out


def _ajdoc_command() -> list[str]:
    script = Path(sys.executable).with_name("ajdoc")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "ajdoc.cli"]


def _fill(text: str, folder: Path, out: Path) -> str:
    return text.replace("{dir}", str(folder)).replace("{out}", str(out))


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder under `folder` with its content (None for a folder)."""
    snap: dict[str, bytes | None] = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        snap[rel] = None if p.is_dir() else p.read_bytes()
    return snap


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


# --------------------------------------------------------------------------- the CLI


@pytest.mark.parametrize("name", _params("xfail"))
def test_cli_refuses_bad_input(name: str, tmp_path: Path) -> None:
    folder, case = CASES[name]
    if case.get("readonly_out") and _is_root():
        pytest.skip("running as root: root can write into a read-only folder")
    out = tmp_path / "out"
    out.mkdir()
    precreate = case.get("precreate")
    if precreate:
        (out / precreate).write_bytes(PRECREATED)
    before_case = _snapshot(folder)
    before_out = _snapshot(out)
    if case.get("readonly_out"):
        out.chmod(stat.S_IRUSR | stat.S_IXUSR)

    env = {k: v for k, v in os.environ.items() if k != "AJDOC_DEBUG"}
    env["PYTHONUTF8"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    args = [_fill(a, folder, out) for a in case["args"]]
    try:
        proc = subprocess.run(_ajdoc_command() + args, cwd=out, env=env, capture_output=True,
                              timeout=120)
    finally:
        out.chmod(stat.S_IRWXU)
    stderr = proc.stderr.decode("utf-8", errors="replace")
    stdout = proc.stdout.decode("utf-8", errors="replace")
    report = f"exit {proc.returncode}\nstderr: {stderr!r}\nstdout: {stdout[:500]!r}"

    # nothing written anywhere, even when the run went wrong in other ways
    assert _snapshot(out) == before_out, f"the output folder changed\n{report}"
    if precreate:
        assert (out / precreate).read_bytes() == PRECREATED
        assert sorted(p.name for p in out.iterdir()) == [precreate]
    assert _snapshot(folder) == before_case, f"the case folder changed\n{report}"

    assert proc.returncode == case.get("exit", 2), report
    assert "Traceback" not in stderr, report
    assert stderr.startswith("ajdoc: error: "), report
    assert stderr.endswith("\n") and stderr.count("\n") == 1, f"not ONE line\n{report}"
    assert stdout == "", f"printed to stdout\n{report}"
    for fragment in case["expect"]:
        assert _fill(fragment, folder, out) in stderr, f"missing {fragment!r}\n{report}"
    for fragment in case.get("reject") or ():
        assert _fill(fragment, folder, out) not in stderr, f"unwanted {fragment!r}\n{report}"


# --------------------------------------------------------------------------- the Python API


def _api_role(case: dict, folder: Path) -> Path | None:
    api = case.get("api")
    if api is False:
        return None
    if isinstance(api, str):
        return folder / api
    return folder / "role.yaml" if (folder / "role.yaml").exists() else None


def _libraries(case: dict, folder: Path, out: Path) -> list[str]:
    args = case["args"]
    return [_fill(args[i + 1], folder, out) for i, a in enumerate(args[:-1]) if a == "--library"]


@pytest.mark.parametrize("name", _params("api_xfail",
                                         lambda case, folder: _api_role(case, folder) is not None))
def test_api_raises_ajdoc_error(name: str, tmp_path: Path) -> None:
    import ajdoc

    folder, case = CASES[name]
    role = _api_role(case, folder)
    before = _snapshot(folder)
    try:
        ajdoc.load_role(role, library=_libraries(case, folder, tmp_path))
    except ajdoc.AjdocError as exc:
        message = str(exc)
    except Exception as exc:  # noqa: BLE001 - the point of the test
        pytest.fail(f"raised {type(exc).__name__} instead of AjdocError: {exc}")
    else:
        pytest.fail(f"{role} loaded without an error")
    assert "\n" not in message, message
    for fragment in case["expect"]:
        if "{out}" in fragment:
            continue
        assert _fill(fragment, folder, tmp_path) in message, f"missing {fragment!r} in {message!r}"
    assert _snapshot(folder) == before, "the case folder changed"


def test_enough_cases() -> None:
    assert len(CASES) >= 24, sorted(CASES)
    strays = [p.name for p in CASES_DIR.iterdir() if p.is_dir() and p.name not in CASES]
    assert not strays, f"case folders without a case.yaml: {strays}"
