"""The rule of the check cells: a mistake the grader penalises shows ✗ in the notebook.

For each known mistake of each exercise, the student's check cell (``course_lib.checks``) runs on
the visible cases the student bundle ships (computed afresh here from the declarations, as
:mod:`autograder.build.public` writes them) with the mistake's function, in process: it must fail
and name that mistake with the sentence the autograder uses. Each exercise must also show a case
of its ``fixed`` and of its ``edge`` group, so that stability and edge cases are seen in the
notebook and not only in the grade.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from dataclasses import dataclass

import numpy as np

from autograder.build.public import public_cases
from autograder.course.spec import Assignment, Exercise, Mistake, resolve
from course_lib.checks import run_check

#: the groups each exercise must show in the check cell (``random`` stays hidden against
#: hard-coding; the TensorFlow group is mirrored by the TensorFlow comparison of every shown case)
SHOWN_GROUPS = ("fixed", "edge")


@dataclass
class CheckCellVerdict:
    """What the check cell makes of one mistake: ``ok`` when it shows ✗ and names it."""

    exercise: str
    mistake: str
    ok: bool
    problem: str = ""  # what is wrong, and the fix


def check_cell_report(exercise: Exercise, mistake: Mistake, entry: dict) -> tuple[bool, str]:
    """The check cell's (passed, report) for ``mistake``'s function on the public ``entry``."""
    fn = resolve(mistake.implementation)
    with warnings.catch_warnings(), np.errstate(all="ignore"), \
            contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")  # mistakes overflow on purpose
        return run_check(exercise.name, fn, entry)


def judge_mistake(exercise: Exercise, mistake: Mistake, entry: dict) -> CheckCellVerdict:
    passed, report = check_cell_report(exercise, mistake, entry)
    if passed:
        return CheckCellVerdict(
            exercise.name, mistake.name, False,
            "the check cell shows ✓: add a visible case (an edge case with visible=True, inputs "
            "small enough to print) where this mistake's output differs from the reference's")
    named = [line.removeprefix("Likely mistake: ") for line in report.splitlines()
             if line.startswith("Likely mistake: ")]
    if named == [mistake.message]:
        return CheckCellVerdict(exercise.name, mistake.name, True)
    if named:
        other = next((m.name for m in exercise.mistakes if m.message == named[0]), "another")
        return CheckCellVerdict(
            exercise.name, mistake.name, False,
            f"the check cell names it as mistake '{other}': add a visible case where the two "
            "mistakes give different outputs")
    return CheckCellVerdict(
        exercise.name, mistake.name, False,
        "the check cell shows ✗ but does not name it: add a visible case on which this mistake "
        "returns (rather than raises) and differs from the reference, or make it raise on the "
        "visible cases exactly where the autograder sees it raise")


def missing_groups(exercise: Exercise) -> list[str]:
    """The groups of ``SHOWN_GROUPS`` the exercise has no visible case in."""
    shown = {c.group for c in exercise.cases() if c.visible}
    return [g for g in SHOWN_GROUPS if g not in shown]


def check_cell_verdicts(assignment: Assignment) -> list[CheckCellVerdict]:
    """A verdict per known mistake of every exercise of ``assignment``."""
    entries = public_cases(assignment)["exercises"]
    return [judge_mistake(e, m, entries[e.name]) for e in assignment.exercises
            for m in e.mistakes]
