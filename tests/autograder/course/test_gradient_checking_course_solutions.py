"""The course's own solutions, pasted into the kit's notebook, earn full marks (the kit's contract
for gradient checking is the course's), and a check that leans on a broken forward pays for it."""

from __future__ import annotations

import nbformat
from conftest import alternatives

from autograder.build.notebooks import render, student_notebook
from autograder.course.sources import renamed_source, solution_module, strip_markers
from autograder.course.spec import resolve

NAME = "gradient_checking"


def test_the_course_notebook_solutions_pasted_into_the_kits_notebook_earn_full_marks(graders,
                                                                                      tmp_path):
    grader = graders(NAME)
    course = {exercise: renamed_source(fn, exercise) for exercise, fn in alternatives(NAME)
              if fn.__name__.endswith("__course_notebook")}
    assert set(course) == {e.name for e in grader.assignment.exercises}
    path = tmp_path / "learner.ipynb"
    path.write_text(render(student_notebook(grader.assignment, course)))
    nbformat.read(path, as_version=4)
    result = grader.grade_path(path)
    assert result.score == result.max_score, [(e.name, e.feedback) for e in result.exercises]


def test_the_1d_check_uses_the_students_own_forward(graders):
    """A wrong forward_propagation costs the check its points too: it calls the student's."""
    grader = graders(NAME)
    forward = grader.assignment.exercise("forward_propagation")
    wrong = next(m for m in forward.mistakes if m.name == "x_squared")
    source = solution_module(grader.assignment,
                             replace={"forward_propagation": resolve(wrong.implementation)})
    result = grader.grade_source(strip_markers(source))
    assert result.exercise("forward_propagation").score < 10
    assert result.exercise("gradient_check").score < result.exercise("gradient_check").max_score
    assert result.exercise("gradient_check_n").score == result.exercise("gradient_check_n").max_score
