"""Checks of the declarations of the assignment ``regularization``, in-process (no sandbox).

Every function is called on fresh copies of a case's inputs, its output goes through the codec as
in the grader, and is compared with ``exercise.view`` of the reference's (the counterpart's in the
``tensorflow`` group). The sandboxed pipeline is exercised by test_mutations.py.
"""

from __future__ import annotations

import copy
import functools
import json
import pickle
import subprocess
import sys
import warnings

import numpy as np
import pytest
from conftest import alternatives
from course_facts import notebook_points, teaching_order

from autograder.course.exercises.regularization import ASSIGNMENT, forward_propagation_with_dropout, inputs
from autograder.course.registry import get_assignment
from autograder.course.sources import module_imports, renamed_source
from autograder.course.spec import CASE_GROUPS, resolve
from course_lib.codec import decode, encode
from course_lib.compare import compare, matches_mistake, structure_mismatches

EXERCISES = ASSIGNMENT.exercises
NAMES = [e.name for e in EXERCISES]


def normalise(output):
    return decode(json.loads(json.dumps(encode(output), allow_nan=False)))


def call(fn, case):
    args, kwargs = copy.deepcopy((case.args, dict(case.kwargs)))
    if case.rng_seed is not None:
        np.random.seed(case.rng_seed)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            return normalise(fn(*args, **kwargs))
        except Exception:
            return None


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
    ref_out, tf_out = outputs(name, ex.reference), outputs(name, ex.tensorflow)
    return tuple(ex.view(tf_out[i] if c.group == "tensorflow" else ref_out[i])
                 for i, c in enumerate(cases(name)))


def views(ex, fn):
    return tuple(None if out is None else ex.view(out) for out in outputs(ex.name, fn))


def transplanted(fn, name):
    """``fn`` as a submission holds it: renamed, next to the solution module's imports only."""
    namespace = {}
    exec(module_imports("solutions.regularization") + renamed_source(fn, name), namespace)
    return namespace[name]


def test_assignment_is_registered_in_teaching_order():
    """The declaration holds every exercise, the optional extras (L1) too; the default course and
    its notebook hold the others, with the same points."""
    default = get_assignment("regularization")
    assert [e.name for e in default.exercises] == [e.name for e in EXERCISES if not e.optional]
    assert {e.name for e in EXERCISES if e.optional} == {"compute_cost_with_l1",
                                                         "backward_propagation_with_l1"}
    assert NAMES == teaching_order("regularization")
    assert default.max_score == pytest.approx(notebook_points("regularization"))
    assert not ASSIGNMENT.uses_tensorflow


def test_declarations_do_not_import_tensorflow():
    code = ("import sys, autograder.course.exercises.regularization as a; [e.cases() for e in "
            "a.ASSIGNMENT.exercises]; assert 'tensorflow' not in sys.modules")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("name", NAMES)
def test_cases_are_deterministic_named_and_grouped(name):
    ex = ASSIGNMENT.exercise(name)
    first, again = ex.cases(), ex.cases()
    assert pickle.dumps([(c.args, c.kwargs) for c in first]) == pickle.dumps(
        [(c.args, c.kwargs) for c in again])
    assert len({c.name for c in first}) == len(first)
    assert {c.group for c in first} == set(CASE_GROUPS)
    # fixed cases are shown, random and TensorFlow ones hidden; an edge case may be shown
    assert all(c.visible == (c.group == "fixed") or c.group == "edge" for c in first)


@pytest.mark.parametrize("name", NAMES)
def test_reference_runs_and_counterpart_agrees_on_tensorflow_cases(name):
    ex = ASSIGNMENT.exercise(name)
    ref_out, tf_out = outputs(name, ex.reference), outputs(name, ex.tensorflow)
    for case, r, t in zip(cases(name), ref_out, tf_out):
        assert r is not None, case.name
        if case.group == "tensorflow":
            assert not compare(ex.view(r), ex.view(t), ex.tolerance), case.name


def test_network_outputs_stay_away_from_both_clips():
    for name in ("backward_propagation_with_regularization", "backward_propagation_with_l1",
                 "backward_propagation_with_dropout"):
        for case in cases(name):
            AL = case.args[2][f"A{len([k for k in case.args[2] if k.startswith('W')])}"]
            assert inputs.moderate_outputs(AL), (name, case.name)


def test_dropout_cases_seed_the_stream_elsewhere():
    for case in cases("forward_propagation_with_dropout"):
        seed = case.args[3] if len(case.args) > 3 else 1
        assert case.rng_seed == forward_propagation_with_dropout.STREAM_SEED != seed, case.name


def test_dropout_backward_cache_is_the_forwards_on_the_declared_inputs():
    ex = ASSIGNMENT.exercise("backward_propagation_with_dropout")
    forward = resolve(ASSIGNMENT.exercise(ex.cache_from.exercise).reference)
    assert ex.cache_from.argument == 2 and ex.cache_from.part == 1
    for case in cases(ex.name):
        args, kwargs = case.forward
        made = forward(*copy.deepcopy(args), **kwargs)[ex.cache_from.part]
        given = case.args[ex.cache_from.argument]
        assert sorted(made) == sorted(given), case.name
        for key in made:
            np.testing.assert_array_equal(made[key], given[key], err_msg=f"{case.name} {key}")
        assert case.args[3] == args[2]  # the same keep_prob


def test_graded_views_keep_only_what_is_graded():
    fwd = ASSIGNMENT.exercise("forward_propagation_with_dropout")
    AL, graded = expected(fwd.name)[1]
    assert sorted(graded) == ["A1", "A2", "D1", "D2"]
    back = ASSIGNMENT.exercise("backward_propagation_with_dropout")
    grads = expected(back.name)[0]
    extra = {**grads, "dA1": np.zeros(3), "dZ2": np.zeros(3)}
    assert not compare(grads, extra)  # the course's extra keys are allowed
    missing = {k: v for k, v in grads.items() if k != "db2"}
    assert structure_mismatches(grads, missing)


def same_outputs(a, b) -> bool:
    return all((x is None) == (y is None) and (x is None or not compare(x, y))
               for x, y in zip(a, b))


def diagnosis(ex, got):
    """The first mistake the grader would name for a student whose outputs are ``got``."""
    for mistake in ex.mistakes:
        produced = views(ex, mistake.implementation)
        if matches_mistake([(e, p, g, ex.tolerance_for(c)) for e, p, g, c in zip(
                expected(ex.name), produced, got, cases(ex.name)) if g is not None]):
            return mistake
    return None


@pytest.mark.parametrize("name", NAMES)
def test_each_mistake_is_told_apart_and_diagnosed_as_itself(name):
    ex = ASSIGNMENT.exercise(name)
    assert len({m.name for m in ex.mistakes}) >= 5
    for mistake in ex.mistakes:
        got = views(ex, transplanted(resolve(mistake.implementation), name))
        assert same_outputs(got, views(ex, mistake.implementation)), mistake.name
        assert any(g is not None and compare(e, g, ex.tolerance_for(c))
                   for e, g, c in zip(expected(name), got, cases(name))), mistake.name
        assert diagnosis(ex, got) is mistake, mistake.name


@pytest.mark.parametrize("name", NAMES)
def test_alternatives_earn_every_case(name):
    ex = ASSIGNMENT.exercise(name)
    variants = [fn for exercise, fn in alternatives("regularization") if exercise == name]
    assert len(variants) >= 3
    for fn in variants:
        got = views(ex, transplanted(fn, name))
        for case, e, g in zip(cases(name), expected(name), got):
            assert g is not None, (fn.__name__, case.name)
            assert not compare(e, g, ex.tolerance_for(case)), (fn.__name__, case.name)


def test_l1_cases_reach_weights_exactly_0_visibly_and_against_tensorflow():
    """np.sign(0) = 0: a visible edge case has weights exactly 0 (so ``W / np.abs(W)``, NaN
    there, shows ✗ in the check cell), and so does a TensorFlow case, where the counterpart's
    agreement proves TensorFlow's gradient of abs at 0 is 0 too."""
    def zeros(case):
        cache = case.args[2]
        return sum(int(np.sum(v == 0)) for k, v in cache.items() if k.startswith("W"))

    l1 = cases("backward_propagation_with_l1")
    assert any(c.visible and c.group == "edge" and zeros(c) for c in l1)
    assert any(c.group == "tensorflow" and zeros(c) for c in l1)
    for case in l1:
        if case.group == "tensorflow":  # Keras's L1 factor goes through float32
            assert float(np.float32(case.args[3] / case.args[0].shape[1])) == \
                case.args[3] / case.args[0].shape[1], case.name
