"""A learner's initialisers written for the course's own notebook, pasted whole into the solution
cells of the kit's notebook, earn full marks through the real pipeline (a notebook submission)."""

from __future__ import annotations

from alternatives import initialization as alternatives

from autograder.build.notebooks import render, student_notebook
from autograder.course.sources import renamed_source

COURSE_VERSIONS = {
    "initialize_parameters_zeros": alternatives.initialize_parameters_zeros__course_notebook,
    "initialize_parameters_random": alternatives.initialize_parameters_random__course_notebook,
    "initialize_parameters_he": alternatives.initialize_parameters_he__course_notebook,
}


def test_the_course_notebooks_functions_pasted_into_the_kits_notebook_earn_full_marks(graders):
    grader = graders("initialization")
    answers = {name: renamed_source(fn, name) for name, fn in COURSE_VERSIONS.items()}
    nb = student_notebook(grader.assignment, answers)
    result = grader.grade_source(render(nb), suffix=".ipynb")
    assert result.score == result.max_score == grader.assignment.max_score, [
        (e.name, e.feedback) for e in result.exercises]
