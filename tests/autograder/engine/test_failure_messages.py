"""Every failed check says why, in every format: JSON, Gradescope, the feedback text (table,
nbgrader) and the check cells. Over the stubs, functions that raise, missing functions, unreadable
submissions and every bundled mistake (the mutation suite asserts it per mistake too; the hostile
corpus in tests/hostile/test_hostile_cli.py)."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.course.expected import KIT_ROOT
from autograder.course.registry import assignment_names, get_assignment
from autograder.course.sources import assignment_imports, solution_module, strip_markers
from autograder.course.spec import resolve
from autograder.engine.grading import grade
from autograder.engine.report.reasons import unexplained_failures
from course_lib.checks import run_check

ASSIGNMENTS = assignment_names()


def raising_module(assignment, exception: str) -> str:
    """Every function of the assignment raises ``exception``, as a student's might."""
    parts = [assignment_imports(assignment)]
    for e in assignment.exercises:
        parts.append(f"def {e.name}(*args, **kwargs):\n    raise {exception}\n")
    return "\n\n".join(parts)


def all_mistakes_module(assignment, k: int) -> str:
    """Mistake number ``k`` of every exercise that has one, in one submission."""
    replace = {e.name: resolve(e.mistakes[k].implementation) for e in assignment.exercises
               if len(e.mistakes) > k}
    return strip_markers(solution_module(assignment, replace=replace))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
@pytest.mark.parametrize("kind", ["stub.py", "stub.ipynb", "mistakes.py", "OSError", "missing"])
def test_every_failed_check_says_why(graders, assignment, kind):
    grader = graders(assignment)
    a = grader.assignment
    if kind == "OSError":
        result = grader.grade_source(raising_module(a, 'OSError("Network is unreachable")'))
    elif kind == "missing":
        result = grader.grade_source(assignment_imports(a) + "\nx = 1\n")
    else:
        result = grader.grade_path(KIT_ROOT / "examples" / assignment / kind)
    assert result.score < result.max_score
    assert not unexplained_failures(result)
    if kind == "OSError":
        for e in result.exercises:
            assert e.score == 0
            for check in e.checks:
                # the line of the learner's function that raised, with its code
                assert f"Line 2 of your function {e.name} raised OSError: `raise OSError(" in \
                    " ".join(check.message.split()) and "Network is unreachable" in \
                    check.message, (e.name, check)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_mistake_of_every_exercise_is_explained(graders, assignment):
    grader = graders(assignment)
    deepest = max(len(e.mistakes) for e in grader.assignment.exercises)
    for k in range(deepest):
        result = grader.grade_source(all_mistakes_module(grader.assignment, k))
        assert not unexplained_failures(result), k


def test_an_unreadable_submission_says_why_on_every_check(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text("{ not json")
    result = grade(path, "optimization_methods")
    assert result.score == 0
    assert not unexplained_failures(result)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_check_cells_say_why(assignment):
    a = get_assignment(assignment)
    for e in a.exercises:
        candidates = [resolve(m.implementation) for m in e.mistakes]
        candidates.append(None)  # not defined

        def raises(*args, **kwargs):
            raise OSError("Network is unreachable")

        candidates.append(raises)
        for fn in candidates:
            with np.errstate(all="ignore"):  # mistakes overflow on purpose
                ok, report = run_check(e.name, fn)
            assert not ok, report  # every known mistake shows ✗ (issue 17)
            reasons = [line for line in report.splitlines()[1:] if line.strip()]
            first = report.splitlines()[0]
            assert reasons or ("not defined" in first or "not implemented" in first), (
                e.name, getattr(fn, "__name__", fn), report)
