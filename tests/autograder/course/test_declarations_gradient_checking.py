"""Checks of the declarations of the assignment ``gradient_checking``.

In-process, without the sandbox (the mutation suite covers the sandboxed path): every function is
called on deep copies of a case's inputs and its output goes through the codec as in the grader.
Expected values are ``exercise.view`` of the reference's output (of the counterpart's in the
``tensorflow`` group). A check's own functions (``needs``) are the references' here.
"""

from __future__ import annotations

import copy
import functools
import importlib.util
import inspect
import io
import itertools
import json
import subprocess
import sys
import warnings
from contextlib import redirect_stdout
from pathlib import Path

import numpy as np
import pytest
from course_facts import notebook_points, teaching_order

from autograder.course.exercises.gradient_checking import ASSIGNMENT
from autograder.course.exercises.gradient_checking.inputs import NOISE_FLOOR, graded_difference
from autograder.course.sources import function_source, module_imports, renamed_source
from autograder.course.spec import CASE_GROUPS, resolve
from course_lib.codec import decode, encode
from course_lib.compare import Tolerance, compare, matches_mistake, structure_mismatches
from course_lib.gradient_checking import (
    dictionary_to_vector,
    forward_propagation_n,
    gradients_to_vector,
    vector_to_dictionary,
)
from solutions.gradient_checking import backward_propagation, forward_propagation

EXERCISES = ASSIGNMENT.exercises
NAMES = [e.name for e in EXERCISES]
CHECKS = ("gradient_check", "gradient_check_n")
EXACT = Tolerance(rtol=0.0, atol_scale=0.0, reason="the same code on the same inputs")
ALTERNATIVES_FILE = Path(__file__).parents[1] / "alternatives" / "gradient_checking.py"
ROOT = Path(__file__).resolve().parents[3]


def normalise(output):
    return decode(json.loads(json.dumps(encode(output), allow_nan=False)))


def call(fn, case):
    args = copy.deepcopy(case.args)
    kwargs = copy.deepcopy(dict(case.kwargs))
    with warnings.catch_warnings(), np.errstate(all="ignore"), redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        return normalise(fn(*args, **kwargs))


@functools.cache
def cases(name):
    return tuple(ASSIGNMENT.exercise(name).cases())


@functools.cache
def outputs(name, ref):
    fn = resolve(ref)
    return tuple(call(fn, case) for case in cases(name))


@functools.cache
def expected(name):
    ex = ASSIGNMENT.exercise(name)
    ref_out = outputs(name, ex.reference)
    counterpart = resolve(ex.tensorflow)
    return tuple(ex.view(call(counterpart, case) if case.group == "tensorflow" else ref_out[i])
                 for i, case in enumerate(cases(name)))


def failing_groups(ex, got) -> set[str]:
    failed = set()
    for case, exp, out in zip(cases(ex.name), expected(ex.name), got):
        if structure_mismatches(exp, out):
            failed.add("shapes")
        if compare(exp, out, ex.tolerance_for(case)):
            failed.add(case.group)
    return failed


def diagnosed_as(ex, mistake, got) -> bool:
    produced = tuple(ex.view(out) for out in outputs(ex.name, mistake.implementation))
    return matches_mistake([(exp, p, out, ex.tolerance_for(case)) for case, exp, p, out
                            in zip(cases(ex.name), expected(ex.name), produced, got)])


@functools.cache
def alternatives_module():
    spec = importlib.util.spec_from_file_location("gradient_checking_alternatives",
                                                  ALTERNATIVES_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def alternatives(name):
    return [fn for fn_name, fn in vars(alternatives_module()).items()
            if fn_name.startswith(f"{name}__") and inspect.isfunction(fn)]


def transplant(fn, ex):
    """``fn`` as a submission: renamed, beside the solution module's imports and the references
    of the exercises it needs."""
    assert function_source(fn).startswith("def "), fn.__name__
    namespace: dict = {}
    exec(module_imports("solutions.gradient_checking"), namespace)
    for needed in ex.needs:
        namespace[needed] = resolve(ASSIGNMENT.exercise(needed).reference)
    exec(compile(renamed_source(fn, ex.name), f"<submission from {fn.__name__}>", "exec"),
         namespace)
    return namespace[ex.name]


by_exercise = pytest.mark.parametrize("name", NAMES)


def test_assignment():
    assert ASSIGNMENT.name == "gradient_checking"
    assert NAMES == teaching_order("gradient_checking")
    assert ASSIGNMENT.max_score == pytest.approx(notebook_points("gradient_checking"))
    assert ASSIGNMENT.solution_modules == ("solutions.gradient_checking",)
    assert ASSIGNMENT.exercise("gradient_check").needs == ("forward_propagation",
                                                           "backward_propagation")
    assert not ASSIGNMENT.uses_tensorflow
    for ex in EXERCISES:
        assert ex.tensorflow == f"solutions.counterparts.gradient_checking:{ex.name}"


def test_declarations_do_not_import_tensorflow():
    code = ("import sys, autograder.course.exercises.gradient_checking as d; "
            "[e.cases() for e in d.ASSIGNMENT.exercises]; "
            "assert 'tensorflow' not in sys.modules, 'TensorFlow was imported'")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr


@by_exercise
def test_cases_are_deterministic_and_leave_the_global_stream_alone(name):
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    first, second = ASSIGNMENT.exercise(name).cases(), ASSIGNMENT.exercise(name).cases()
    assert np.array_equal(np.random.get_state()[1], before)
    assert [c.name for c in first] == [c.name for c in second]
    for a, b in zip(first, second):
        assert not compare(normalise(a.args), normalise(b.args), EXACT), a.name
        assert dict(a.kwargs) == dict(b.kwargs)


@by_exercise
def test_cases_names_groups_and_notes(name):
    all_cases = cases(name)
    names = [c.name for c in all_cases]
    assert len(set(names)) == len(names)
    assert {c.group for c in all_cases} == set(CASE_GROUPS)
    assert sum(c.group == "random" for c in all_cases) >= 10
    for case in all_cases:
        # fixed cases are shown, random and TensorFlow ones hidden; an edge case may be shown
        assert case.visible == (case.group == "fixed") or case.group == "edge", case.name
        assert case.note, case.name


def test_the_course_values_come_out():
    """The course's published values: 8 and 2 for x, theta = 2, 4; 2.919e-10 for the 1-D check;
    0.2850931567761623 for the buggy backprop, 1.1890913024229996e-07 once corrected."""
    def raw(name, case_name):
        ex = ASSIGNMENT.exercise(name)
        case = next(c for c in cases(name) if c.name == case_name)
        return call(resolve(ex.reference), case)

    assert raw("forward_propagation", "course_x2_theta4") == 8
    assert raw("backward_propagation", "course_x2_theta4") == 2
    assert float(raw("gradient_check", "course_x2_theta4")) == pytest.approx(2.919e-10, rel=1e-2)
    buggy = float(raw("gradient_check_n", "course_buggy_backprop"))
    fixed = float(raw("gradient_check_n", "course_fixed_backprop"))
    assert buggy == pytest.approx(0.2850931567761623, rel=1e-6)
    assert buggy > 1e-3  # the check finds the bugs
    assert fixed < 2e-7  # and passes the corrected backprop
    assert fixed == pytest.approx(1.1890913024229996e-07, rel=0.5)  # noise: its digits vary


@pytest.mark.parametrize("name", CHECKS)
def test_every_expected_difference_is_far_from_the_noise_floor(name):
    """Noise (below 3e-7) or a real value (above 3e-6): rounding never carries a case across."""
    ex = ASSIGNMENT.exercise(name)
    for case, out in zip(cases(name), outputs(name, ex.reference)):
        value = abs(float(out))
        assert value < 0.3 * NOISE_FLOOR or value > 3 * NOISE_FLOOR, (case.name, value)


def test_the_graded_view_of_a_difference():
    assert graded_difference(1.1890913024229996e-07) == 0.0
    assert graded_difference(np.float64(0.2850931567761623)) == 0.2851
    assert graded_difference(3.3333333e-1) == 0.3333
    assert graded_difference(True) is True
    assert np.isnan(graded_difference(float("nan")))
    assert graded_difference(np.ones(3)).shape == (3,)


@by_exercise
def test_reference_is_finite_and_counterpart_agrees(name):
    ex = ASSIGNMENT.exercise(name)
    ref_out = outputs(name, ex.reference)
    for i, case in enumerate(cases(name)):
        assert np.isfinite(float(ref_out[i])), case.name
        if case.group == "tensorflow":
            assert not compare(expected(name)[i], ref_out[i], ex.tolerance_for(case)), case.name


@by_exercise
def test_at_least_five_distinct_named_mistakes(name):
    ex = ASSIGNMENT.exercise(name)
    assert len(ex.mistakes) >= 5
    assert len({m.name for m in ex.mistakes}) == len(ex.mistakes)
    for mistake in ex.mistakes:
        assert len(mistake.message) > 40
        assert resolve(mistake.implementation).__name__.startswith("mistake_")


@by_exercise
def test_each_mistake_loses_points_and_is_diagnosed(name):
    ex = ASSIGNMENT.exercise(name)
    for mistake in ex.mistakes:
        got = outputs(name, mistake.implementation)
        assert failing_groups(ex, got), f"{mistake.name} passes every group"
        assert diagnosed_as(ex, mistake, got), mistake.name


@by_exercise
def test_mistakes_are_pairwise_distinguishable(name):
    ex = ASSIGNMENT.exercise(name)
    for a, b in itertools.permutations(ex.mistakes, 2):
        assert not diagnosed_as(ex, a, outputs(name, b.implementation)), (b.name, a.name)


def test_a_check_that_skips_entries_misses_a_single_wrong_entry():
    """Where only a skipped entry is wrong, a sampling check sees noise; the full check does not."""
    ex = ASSIGNMENT.exercise("gradient_check_n")
    mistake = next(m for m in ex.mistakes if m.name == "samples_entries")
    got = dict(zip([c.name for c in cases(ex.name)], outputs(ex.name, mistake.implementation)))
    ref = dict(zip([c.name for c in cases(ex.name)], outputs(ex.name, ex.reference)))
    for name in ("course_wrong_db3", "wrong_last_entry", "wrong_first_entry"):
        assert float(got[name]) < 2e-7 and float(ref[name]) > 1e-3, name
    assert float(got["course_buggy_backprop"]) > 1e-3


@by_exercise
def test_mistakes_are_self_contained(name):
    ex = ASSIGNMENT.exercise(name)
    for mistake in ex.mistakes:
        submitted = transplant(resolve(mistake.implementation), ex)
        for case, out in zip(cases(name), outputs(name, mistake.implementation)):
            assert not compare(out, call(submitted, case), EXACT), (mistake.name, case.name)


@by_exercise
def test_alternatives_earn_full_marks_and_are_self_contained(name):
    ex = ASSIGNMENT.exercise(name)
    alts = alternatives(name)
    assert len(alts) >= 3
    for alt in alts:
        got = outputs(name, alt)
        assert not failing_groups(ex, got), (alt.__name__, failing_groups(ex, got))
        for mistake in ex.mistakes:
            assert not diagnosed_as(ex, mistake, got), (alt.__name__, mistake.name)
        submitted = transplant(alt, ex)
        for case, out in zip(cases(name), got):
            assert not compare(out, call(submitted, case), EXACT), (alt.__name__, case.name)


@pytest.mark.parametrize("name", CHECKS)
def test_no_case_prints(name):
    """The expected values are computed in the grader's process, whose stdout may be a channel."""
    ex = ASSIGNMENT.exercise(name)
    for case in cases(name):
        out = io.StringIO()
        with redirect_stdout(out):
            resolve(ex.reference)(*copy.deepcopy(case.args), **case.kwargs)
        assert out.getvalue() == "", case.name


def test_print_msg_says_right_or_wrong():
    from solutions.gradient_checking import gradient_check_n

    ex = ASSIGNMENT.exercise("gradient_check_n")
    by_name = {c.name: c for c in cases(ex.name)}
    for case_name, verdict in (("course_buggy_backprop", "There is a mistake"),
                               ("course_fixed_backprop", "works perfectly fine")):
        out = io.StringIO()
        with redirect_stdout(out):
            gradient_check_n(*copy.deepcopy(by_name[case_name].args[:4]), print_msg=True)
        assert verdict in out.getvalue()


def one_d_not_restored(x, theta, epsilon=1e-7, print_msg=False):
    theta = theta + epsilon
    J_plus = forward_propagation(x, theta)
    theta_minus = theta - epsilon  # from the shifted theta: back at the start
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta - epsilon)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


def one_d_numerator_plus(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon)
                  - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    return np.linalg.norm(grad + gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


def n_d_wrong_sign(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    theta, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        plus, minus = np.copy(theta), np.copy(theta)
        plus[i] += epsilon
        minus[i] -= epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(plus))
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(minus))
        gradapprox[i] = (J_minus - J_plus) / (2 * epsilon)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


@pytest.mark.parametrize("name, variant, mistake_name", [
    ("gradient_check", one_d_not_restored, "twice_or_half"),
    ("gradient_check", one_d_numerator_plus, "wrong_sign"),
    ("gradient_check_n", n_d_wrong_sign, "norm_of_sum"),
])
def test_a_message_that_names_two_causes_is_given_for_both(name, variant, mistake_name):
    """Mistakes that give the same numbers share one message that names both causes."""
    ex = ASSIGNMENT.exercise(name)
    mistake = next(m for m in ex.mistakes if m.name == mistake_name)
    assert diagnosed_as(ex, mistake, tuple(call(variant, case) for case in cases(name)))
