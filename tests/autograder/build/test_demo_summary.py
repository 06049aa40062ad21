"""``python3 dev.py main``: a line per assignment and a summary of the grades, not every table."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from autograder.build.demo_summary import summary
from autograder.course.registry import assignment_names
from autograder.engine.results import Result

ROOT = Path(__file__).resolve().parents[3]


def _result(kind: str, score: float, assignment: str = "initialization") -> Result:
    return Result(assignment, f"examples/{assignment}/{kind}.py", score, 24.0)


def test_the_summary_names_an_example_that_did_not_score_as_expected():
    text, ok = summary([_result("correct", 24), _result("stub", 0), _result("mistakes", 16.8)])
    assert ok and text.startswith("Summary: 3 example submissions of 1 assignments graded")
    for wrong in (_result("correct", 23), _result("stub", 1), _result("mistakes", 24),
                  _result("mistakes", 0)):
        text, ok = summary([_result("correct", 24), wrong])
        assert not ok
        assert f"{Path(wrong.submission).name}: {wrong.score:g} / 24, expected" in text


@pytest.mark.slow
def test_dev_main_prints_a_line_per_assignment_and_the_summary(capfd):
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    assert dev.main_job([]) == 0
    lines = capfd.readouterr().out.strip().splitlines()
    assert len(lines) <= len(assignment_names()) + 4, lines
    for name in assignment_names():
        row = next(line for line in lines if line.startswith(f"{name} "))
        assert row.count("/") == 6  # six examples, each with its score
    assert lines[-1].startswith(f"Summary: {6 * len(assignment_names())} example submissions")
    assert "every correct one has full marks, every stub zero" in lines[-1]
