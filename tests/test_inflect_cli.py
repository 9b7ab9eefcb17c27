"""`ajdoc inflect` for scripts: several phrases (arguments or standard input), one answer per
line, refusals on standard error naming the phrase, every case with --all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

AJDOC = Path(sys.executable).with_name("ajdoc")


def run(*args: str, stdin: str | None = None, engine: str | None = None):
    env = dict(os.environ, **({"AJDOC_MORPH": engine} if engine else {}))
    return subprocess.run([str(AJDOC), "inflect", *args], input=stdin, capture_output=True,
                          text=True, timeout=120, env=env)


def test_several_phrases_as_arguments_one_answer_per_line():
    res = run("--case", "partitive", "nõunik või projektijuht", "analüütik, jurist ja nõunik")
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == ["nõunikku või projektijuhti",
                                       "analüütikut, juristi ja nõunikku"]


def test_standard_input_and_a_refusal_named_on_standard_error():
    res = run("--case", "allative", stdin="Sotsiaalkindlustusamet\nQwxzptr talitus\nTerviseamet\n",
              engine="table")
    assert res.returncode == 2
    # the answers stay in step with the phrases: an empty line for the one refused
    assert res.stdout.splitlines() == ["Sotsiaalkindlustusametile", "", "Terviseametile"]
    assert "'Qwxzptr talitus'" in res.stderr and res.stderr.count("ajdoc: error:") == 1
    assert "ajdoc[morph]" in res.stderr  # without Vabamorf: say what fixes it


def test_all_cases_with_the_other_correct_form():
    res = run("--all", "Kultuuriministeerium")
    assert res.returncode == 0, res.stderr
    rows = dict(line.split("\t")[1:] for line in res.stdout.splitlines())
    assert rows["genitive"] == "Kultuuriministeeriumi"
    assert rows["partitive"].startswith("Kultuuriministeeriumi")
    assert "Kultuuriministeeriumit" in rows["partitive"]  # the other form, not printed
    assert rows["allative"] == "Kultuuriministeeriumile"
    assert set(rows) == {"nominative", "genitive", "partitive", "adessive", "elative", "allative"}
