"""The mutation suite, through the real sandboxed pipeline.

Every known mistake, transplanted into an otherwise correct submission, loses points on its
exercise and is named in the feedback; every alternative correct implementation earns full marks.
"""

from __future__ import annotations

import pytest
from conftest import alternatives

from autograder.course.registry import assignment_names, declared_assignment
from autograder.course.sources import solution_module, strip_markers
from autograder.course.spec import resolve
from autograder.engine.report.reasons import unexplained_failures

# every declared exercise, the optional extras too (graded as in a term that has them)
MISTAKES = [(a, e.name, m) for a in assignment_names() for e in declared_assignment(a).exercises
            for m in e.mistakes]
ALTERNATIVES = [(a, ex, fn) for a in assignment_names() for ex, fn in alternatives(a)]


def test_the_suite_is_large_enough():
    for a in assignment_names():
        for e in declared_assignment(a).exercises:
            assert len({m.name for m in e.mistakes}) >= 5, e.name
            assert sum(1 for a2, ex, _fn in ALTERNATIVES if a2 == a and ex == e.name) >= 3, e.name
    assert len(MISTAKES) >= 50


@pytest.mark.parametrize("assignment, exercise, mistake", MISTAKES,
                         ids=[f"{e}:{m.name}" for _, e, m in MISTAKES])
def test_each_known_mistake_loses_points_and_is_named(graders, assignment, exercise, mistake):
    grader = graders(assignment, declared=True)
    source = solution_module(grader.assignment,
                             replace={exercise: resolve(mistake.implementation)})
    result = grader.grade_source(strip_markers(source))
    graded = result.exercise(exercise)
    assert graded.score < graded.max_score
    assert graded.diagnosis == mistake.message
    assert mistake.message in graded.feedback
    assert not unexplained_failures(result)
    others = [e for e in result.exercises if e.name != exercise and e.score != e.max_score
              and exercise not in grader.assignment.exercise(e.name).needs]
    assert not others, [(e.name, e.feedback) for e in others]


@pytest.mark.parametrize("assignment, exercise, variant", ALTERNATIVES,
                         ids=[fn.__name__ for _, _, fn in ALTERNATIVES])
def test_each_alternative_correct_implementation_earns_full_marks(graders, assignment, exercise,
                                                                   variant):
    grader = graders(assignment, declared=True)
    result = grader.grade_source(strip_markers(
        solution_module(grader.assignment, replace={exercise: variant})))
    graded = result.exercise(exercise)
    assert graded.score == graded.max_score, graded.feedback
    assert result.score == result.max_score
