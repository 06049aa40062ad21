"""No line of any feedback format is longer than the wrap width, and none breaks a word.

Over the bundled example submissions' results (the stubs, the typical mistakes, as modules and
notebooks) in every text format: the terminal table with its feedback, Gradescope's outputs,
nbgrader's test cells and the plain feedback; and over the check cells' output for every known
mistake of every exercise. "Breaks no word": the words of each text are those of the same text
rendered without wrapping (:data:`course_lib.wrap.WIDTH` made huge).
"""

from __future__ import annotations

import contextlib
import functools
import io

import numpy as np
import pytest

from autograder.course.expected import KIT_ROOT
from autograder.course.registry import assignment_names, get_assignment
from autograder.course.spec import resolve
from autograder.engine.report.gradescope import to_gradescope
from autograder.engine.report.table import format_table
from autograder.engine.report.test_cells import cell_texts
from course_lib import checks, wrap
from course_lib.checks import check

ASSIGNMENTS = assignment_names()
EXAMPLES = ["stub.py", "mistakes.py", "mistakes.ipynb"]


def feedback_texts(result) -> dict[str, str]:
    """Every text a learner may read about ``result``, by format."""
    texts = {"table": format_table(result, feedback=True)}
    gradescope = to_gradescope(result)
    texts["gradescope"] = gradescope["output"]
    for test in gradescope["tests"]:
        texts[f"gradescope: {test['name']}"] = test["output"]
    names = [e.name for e in result.exercises]
    for name, text in cell_texts(result, names).items():
        texts[f"nbgrader cell: {name}"] = text
    for e in result.exercises:
        texts[f"feedback: {e.name}"] = e.feedback_text()
    return texts


def unwrapped(render, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(wrap, "WIDTH", 10**9)
        return render()


def assert_wrapped(wrapped: dict[str, str], flat: dict[str, str]) -> None:
    assert wrapped.keys() == flat.keys()
    for where, text in wrapped.items():
        long = [line for line in text.splitlines() if len(line) > wrap.WIDTH]
        assert not long, (where, long)
        assert text.split() == flat[where].split(), where


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_grader_feedback_is_wrapped_at_word_boundaries(graders, assignment, monkeypatch):
    grader = graders(assignment)
    longest = 0
    for example in EXAMPLES:
        path = KIT_ROOT / "examples" / assignment / example
        if not path.exists():
            continue
        result = grader.grade_path(path)
        wrapped = feedback_texts(result)
        flat = unwrapped(functools.partial(feedback_texts, result), monkeypatch)
        assert_wrapped(wrapped, flat)
        longest = max(longest, *(len(line) for t in flat.values() for line in t.splitlines()))
    assert longest > wrap.WIDTH  # there was something to wrap


def printed_check(name, fn) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), np.errstate(all="ignore"):
        check(name, {name: fn}, plot=False)
    return out.getvalue()


def raising(*args, **kwargs):
    values = np.zeros(3)
    return values[len(values)]  # an IndexError on line 3 of this function


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_check_cells_are_wrapped_at_word_boundaries(assignment, monkeypatch):
    exercises = get_assignment(assignment).exercises
    candidates = [(e.name, resolve(m.implementation)) for e in exercises for m in e.mistakes]
    candidates += [(e.name, raising) for e in exercises]

    def render():
        checks._explained.clear()  # the TensorFlow sentence is printed once per kernel
        return {f"{name} {i}": printed_check(name, fn)
                for i, (name, fn) in enumerate(candidates)}

    wrapped = render()
    flat = unwrapped(render, monkeypatch)
    assert_wrapped(wrapped, flat)
