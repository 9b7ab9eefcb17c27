"""Shared fixtures: paths to the examples and seeds, and a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEEDS = Path(__file__).resolve().parent / "data" / "seeds"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None):
    """Run `ajdoc ARGS` as a subprocess; returns the CompletedProcess (text mode)."""
    exe = Path(sys.executable).with_name("ajdoc")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "ajdoc.cli"]
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run(cmd + [str(a) for a in args], capture_output=True, text=True,
                          cwd=cwd, env=full_env, timeout=300)


@pytest.fixture
def cli():
    return run_cli
