"""A tick that tells the truth: every known mistake shows ✗ in the student's check cell, named.

The rule (issue 17): a mistake the grader penalises shows ✗ in the notebook. Every known mistake
of every exercise loses points in the autograder and is named there
(``test_mutations.py``), so the check cell, run on the visible cases the student bundle ships
(``course_lib/public_cases``), must fail on each one and name it with the same sentence. The
check cell's logic runs in process on each mistake's function: no notebook, no sandbox.
"""

from __future__ import annotations

import copy
import dataclasses
import warnings

import numpy as np
import pytest
from conftest import alternatives

from autograder.build.check_cells import judge_mistake, missing_groups
from autograder.build.validate import check_cell_findings
from autograder.course.registry import assignment_names, declared_assignment, get_assignment
from autograder.course.spec import resolve
from course_lib.checks import _public_data, run_check

# every declared exercise, the optional extras too (their check data is in public_cases)
MISTAKES = [(e, m) for a in assignment_names() for e in declared_assignment(a).exercises
            for m in e.mistakes]
ALTERNATIVES = [(ex, fn) for a in assignment_names() for ex, fn in alternatives(a)]


def _check(name, fn):
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")  # the mistakes overflow on purpose
        return run_check(name, fn)


@pytest.mark.parametrize("exercise, mistake", MISTAKES,
                         ids=[f"{e.name}:{m.name}" for e, m in MISTAKES])
def test_each_known_mistake_shows_a_cross_and_its_name(exercise, mistake):
    ok, report = _check(exercise.name, resolve(mistake.implementation))
    assert not ok, f"the check cell ticks the mistake:\n{report}"
    assert report.startswith("✗ "), report
    assert f"Likely mistake: {mistake.message}" in report, report


@pytest.mark.parametrize("exercise, variant", ALTERNATIVES,
                         ids=[fn.__name__ for _, fn in ALTERNATIVES])
def test_each_alternative_correct_solution_gets_a_tick(exercise, variant):
    ok, report = _check(exercise, variant)
    assert ok, report


def test_every_exercise_shows_an_edge_case():
    """Stability and edge cases are checked in the notebook too, not only by the autograder."""
    for a in assignment_names():
        for e in declared_assignment(a).exercises:
            groups = {c.group for c in e.cases() if c.visible}
            assert {"fixed", "edge"} <= groups, (e.name, groups)


# ------------------------------------------------------------------------------------------------
# `autograder validate` proves the rule, and fails when a visible case is missing
# ------------------------------------------------------------------------------------------------

ADAM = get_assignment("optimization_methods").exercise("update_parameters_with_adam")


def _entry(exercise, keep) -> dict:
    """The exercise's public entry with only the visible cases whose label passes ``keep``."""
    entry = copy.deepcopy(_public_data()[exercise.name])
    entry["cases"] = [c for c in entry["cases"] if keep(c["name"])]
    return entry


def _mistake(exercise, name):
    return next(m for m in exercise.mistakes if m.name == name)


def test_validate_passes_every_mistake_of_the_kit():
    for a in assignment_names():
        assert all(f.ok for f in check_cell_findings(a)), [
            (f.what, f.detail) for f in check_cell_findings(a) if not f.ok]


def test_validate_names_the_fix_when_a_mistake_would_get_a_tick():
    entry = _entry(ADAM, lambda name: not name.startswith("epsilon_next_to_small_s"))
    verdict = judge_mistake(ADAM, _mistake(ADAM, "epsilon_inside_sqrt"), entry)
    assert not verdict.ok
    assert "shows ✓" in verdict.problem and "add a visible case" in verdict.problem


def test_validate_says_when_a_mistake_is_named_as_another():
    # at epoch 0 alone, (base * a0)**0 and base**0 are both 1: the two mistakes look the same
    decay = get_assignment("optimization_methods").exercise("exponential_lr_decay")
    entry = _entry(decay, lambda name: name.startswith("epoch_0"))
    verdict = judge_mistake(decay, _mistake(decay, "forgets_a0"), entry)
    assert not verdict.ok and "names it as mistake 'powers_a0'" in verdict.problem, verdict


def test_validate_requires_a_visible_edge_case():
    hidden_edges = dataclasses.replace(
        ADAM, cases=lambda: [dataclasses.replace(c, visible=c.group == "fixed")
                             for c in ADAM.cases()])
    assert missing_groups(hidden_edges) == ["edge"]
    assert missing_groups(ADAM) == []
