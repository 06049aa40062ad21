"""Checks of the declarations of ``initialization`` and ``hyperparameter_tuning``, in-process.

Outputs go through the codec as in the grader; expected values are the reference's (the Keras
counterpart's in the ``tensorflow`` group), compared with the exercise's tolerance for the case.
"""

from __future__ import annotations

import copy
import fractions
import functools
import json
import math
import subprocess
import sys
import warnings

import numpy as np
import pytest
from course_facts import notebook_points, teaching_order

from autograder.course.registry import declared_assignment, get_assignment
from autograder.course.spec import CASE_GROUPS, resolve
from course_lib.codec import decode, encode
from course_lib.compare import compare
from course_lib.distributions import MIN_SAMPLES

ASSIGNMENTS = ("initialization", "hyperparameter_tuning")
# every declared exercise, the optional extras (Xavier, sigmoid_backward) too
EXERCISES = [(a, e) for a in ASSIGNMENTS for e in declared_assignment(a).exercises]
IDS = [e.name for _, e in EXERCISES]
RANDOM_INITIALISERS = ("initialize_parameters_random", "initialize_parameters_he",
                       "initialize_parameters_xavier")
#: exercises whose result does not depend on the global NumPy stream
UNSEEDED = ("initialize_parameters_zeros", "zoom_range", "sigmoid_backward")


def call(fn, case):
    args, kwargs = copy.deepcopy(case.args), copy.deepcopy(dict(case.kwargs))
    if case.rng_seed is not None:
        np.random.seed(case.rng_seed)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            return decode(json.loads(json.dumps(encode(fn(*args, **kwargs)))))
        except Exception:
            return None


@functools.cache
def outputs(assignment, name, ref):
    exercise = declared_assignment(assignment).exercise(name)
    return tuple(call(resolve(ref), case) for case in exercise.cases())


def expected(assignment, exercise):
    ref = outputs(assignment, exercise.name, exercise.reference)
    tf = outputs(assignment, exercise.name, exercise.tensorflow) if exercise.tensorflow else ref
    return [t if case.group == "tensorflow" else r
            for case, r, t in zip(exercise.cases(), ref, tf)]


def test_assignments_list_their_exercises_in_teaching_order():
    init, tuning = (get_assignment(a) for a in ASSIGNMENTS)
    for assignment in (init, tuning):
        declared = declared_assignment(assignment.name)
        assert [e.name for e in declared.exercises] == teaching_order(assignment.name)
        # the default course's notebook: the optional extras are off
        assert [e.name for e in assignment.exercises] == [
            e.name for e in declared.exercises if not e.optional]
        assert assignment.max_score == pytest.approx(notebook_points(assignment.name))
    optional = [e.name for e in declared_assignment("initialization").exercises if e.optional]
    assert optional == ["initialize_parameters_xavier", "sigmoid_backward"]
    assert init.solution_modules == ("solutions.initialization",)
    assert not init.uses_tensorflow and not tuning.uses_tensorflow


def test_declarations_do_not_import_tensorflow():
    code = ("import sys, autograder.course.exercises.initialization, "
            "autograder.course.exercises.hyperparameter_tuning; print('tensorflow' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "False", done.stderr


@pytest.mark.parametrize("assignment, exercise", EXERCISES, ids=IDS)
def test_cases_are_deterministic_named_and_hidden_unless_fixed_or_edge(assignment, exercise):
    state = np.random.get_state()
    a, b = exercise.cases(), exercise.cases()
    assert np.array_equal(state[1], np.random.get_state()[1])  # the global stream is untouched
    assert [c.name for c in a] == [c.name for c in b]
    assert all(pickle_equal(x, y) for x, y in zip(a, b))
    assert len({c.name for c in a}) == len(a)
    # fixed cases are shown, random and TensorFlow ones hidden; an edge case may be shown
    assert all(c.note and (c.visible == (c.group == "fixed") or c.group == "edge") for c in a)
    groups = {c.group for c in a}
    assert groups == set(CASE_GROUPS) - ({"tensorflow"} if exercise.tensorflow is None else set())


def pickle_equal(x, y) -> bool:
    import pickle

    return pickle.dumps((x.args, dict(x.kwargs))) == pickle.dumps((y.args, dict(y.kwargs)))


@pytest.mark.parametrize("assignment, exercise", EXERCISES, ids=IDS)
def test_the_stream_is_seeded_with_another_seed_than_the_functions_own(assignment, exercise):
    """So that forgetting np.random.seed(...) gives reproducible, different numbers."""
    if exercise.name in UNSEEDED:
        return
    for case in exercise.cases():
        own = 3 if assignment == "initialization" else case.kwargs.get("seed", 0)
        assert case.rng_seed is not None and case.rng_seed != own, case.name


@pytest.mark.parametrize("name", RANDOM_INITIALISERS)
def test_keras_cases_have_layers_large_enough_to_compare_as_samples(name):
    exercise = declared_assignment("initialization").exercise(name)
    for case in exercise.cases():
        if case.group == "tensorflow":
            dims = case.args[0]
            assert all(dims[l] * dims[l - 1] >= MIN_SAMPLES for l in range(1, len(dims)))
            assert all(dims[l] != dims[l - 1] for l in range(1, len(dims)))


@pytest.mark.parametrize("assignment, exercise", EXERCISES, ids=IDS)
def test_the_reference_earns_every_case_and_the_counterpart_agrees(assignment, exercise):
    ref = outputs(assignment, exercise.name, exercise.reference)
    for case, want, got in zip(exercise.cases(), expected(assignment, exercise), ref):
        assert got is not None, case.name
        assert not compare(want, got, exercise.tolerance_for(case)), case.name


@pytest.mark.parametrize("name", RANDOM_INITIALISERS)
def test_visible_cases_are_too_small_for_a_keras_check_in_the_check_cell(name):
    """The public data holds no TensorFlow values for these: a check on 6 weights proves nothing."""
    from autograder.build.public import public_cases

    data = public_cases(declared_assignment("initialization"))["exercises"][name]
    assert data["cases"] and all(c["tensorflow"] is None for c in data["cases"])


@pytest.mark.parametrize("assignment, exercise", EXERCISES, ids=IDS)
def test_five_or_more_mistakes_each_wrong_and_pairwise_distinguishable(assignment, exercise):
    assert len({m.name for m in exercise.mistakes}) == len(exercise.mistakes) >= 5
    want = expected(assignment, exercise)
    cases = exercise.cases()
    produced = {m.name: outputs(assignment, exercise.name, m.implementation)
                for m in exercise.mistakes}
    for name, outs in produced.items():
        assert any(o is None or compare(w, o, exercise.tolerance_for(c))
                   for c, w, o in zip(cases, want, outs)), f"{name} is never wrong"
    names = list(produced)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert any((x is None) != (y is None) or (x is not None and compare(x, y))
                       for x, y in zip(produced[a], produced[b])), (a, b)


# Mistakes that change the distribution of the weights, which the Keras group must catch; the
# others (a seed, the order of the draws) keep it and are caught by the fixed and random groups.
DISTRIBUTION_MISTAKES = {
    "initialize_parameters_random": {"no_times_ten", "times_ten_on_b", "biases_random",
                                     "rand_instead_of_randn", "transposed", "small_scale"},
    "initialize_parameters_he": {"xavier_scale", "wrong_layer_size", "no_sqrt", "biases_random",
                                 "rand_instead_of_randn", "transposed", "times_ten"},
    "initialize_parameters_xavier": {"he_scale", "wrong_layer_size", "no_sqrt",
                                     "rand_instead_of_randn", "transposed"},
}


@pytest.mark.parametrize("name", RANDOM_INITIALISERS)
def test_the_keras_group_catches_exactly_the_distribution_mistakes(name):
    exercise = declared_assignment("initialization").exercise(name)
    want = expected("initialization", exercise)
    cases = exercise.cases()
    for mistake in exercise.mistakes:
        outs = outputs("initialization", name, mistake.implementation)
        caught = any(compare(w, o, exercise.tolerance_for(c))
                     for c, w, o in zip(cases, want, outs) if c.group == "tensorflow")
        assert caught == (mistake.name in DISTRIBUTION_MISTAKES[name]), mistake.name


def test_zoom_fractions_are_exact_so_ceil_is_never_a_rounding_question():
    for case in get_assignment("hyperparameter_tuning").exercise("zoom_range").cases():
        f, n = case.kwargs.get("top_fraction", 0.25), len(case.args[0])
        assert math.ceil(f * n) == math.ceil(fractions.Fraction(f) * n), case.name


# ------------------------------------------------------------------------------------------------
# sigmoid_backward: stable for large |Z|, at most 0.25 * dA, TensorFlow's gradient on every case
# ------------------------------------------------------------------------------------------------

SIGMOID_BACKWARD = declared_assignment("initialization").exercise("sigmoid_backward")


def test_sigmoid_backward_is_stable_without_a_warning_and_peaks_at_a_quarter():
    from solutions.initialization import sigmoid_backward

    Z = np.array([[-1e4, -1000.0, -710.0, -40.0, 0.0, 40.0, 710.0, 1000.0, 1e4]])
    dA = np.full_like(Z, 2.0)
    # an overflow (or inf / inf) fails the test; underflow to 0 is the right answer
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        dZ = sigmoid_backward(dA, Z)
    assert np.isfinite(dZ).all() and dZ[0, 4] == 0.5  # 0.25 * dA at Z = 0
    assert (dZ[0, [0, 1, 2, 6, 7, 8]] < 1e-300).all()  # exp(-710) is a subnormal, not 0
    assert dZ[0, 3] == pytest.approx(2 * np.exp(-40), rel=1e-12)
    z = np.linspace(-10, 10, 2001)
    slope = sigmoid_backward(np.ones_like(z), z)
    assert slope.max() == 0.25 and z[slope.argmax()] == 0 and (slope > 0).all()


def test_the_naive_exp_is_caught_only_where_it_overflows():
    """The large-Z edge case is the one that tells the naive formula (NaN) from the reference."""
    naive = next(m for m in SIGMOID_BACKWARD.mistakes if m.name == "naive_exp")
    outs = outputs("initialization", "sigmoid_backward", naive.implementation)
    want = expected("initialization", SIGMOID_BACKWARD)
    wrong = [c.name for c, w, o in zip(SIGMOID_BACKWARD.cases(), want, outs)
             if o is None or compare(w, o, SIGMOID_BACKWARD.tolerance_for(c))]
    assert wrong == ["large_z"]
    assert next(c for c in SIGMOID_BACKWARD.cases() if c.name == "large_z").visible
