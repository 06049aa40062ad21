"""Checks of the declarations of the assignment ``batchnorm_softmax``.

In-process, without the sandbox: every function is called on deep copies of a case's inputs (with
``TensorArg`` made into tensors) and its output goes through the codec as in the grader. Expected
values are ``exercise.view`` of the reference's output (of the counterpart's in the ``tensorflow``
group); students' outputs (here: mistakes and alternatives) are compared as they come back.
"""

from __future__ import annotations

import copy
import functools
import importlib
import importlib.util
import inspect
import itertools
import json
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pytest
from course_facts import notebook_points, teaching_order

from autograder.course.exercises.batchnorm_softmax import ASSIGNMENT
from autograder.course.sources import function_source, module_imports, renamed_source
from autograder.course.spec import CASE_GROUPS, resolve
from course_lib.codec import decode, encode
from course_lib.compare import Tolerance, compare, matches_mistake, structure_mismatches
from course_lib.values import TensorArg, TensorValue, materialize

EXERCISES = ASSIGNMENT.exercises
NAMES = [e.name for e in EXERCISES]
NUMPY_EXERCISES = [e for e in EXERCISES if not e.uses_tensorflow]
EXACT = Tolerance(rtol=0.0, atol_scale=0.0, reason="the same code on the same inputs")
ALTERNATIVES_FILE = Path(__file__).parents[1] / "alternatives" / "batchnorm_softmax.py"
ROOT = Path(__file__).resolve().parents[3]


# ----------------------------------------------------------------------------------------------
# Helpers: calling functions as the grader does
# ----------------------------------------------------------------------------------------------


def normalise(output):
    """What the grader receives: the output through the codec and JSON."""
    return decode(json.loads(json.dumps(encode(output), allow_nan=False)))


def call(fn, case):
    """``fn`` on fresh copies of the case's inputs, normalised; overflow warnings are silenced."""
    args = materialize(copy.deepcopy(case.args))
    kwargs = materialize(copy.deepcopy(dict(case.kwargs)))
    if case.rng_seed is not None:
        np.random.seed(case.rng_seed)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return normalise(fn(*args, **kwargs))


@functools.cache
def cases(name):
    return tuple(ASSIGNMENT.exercise(name).cases())


@functools.cache
def outputs(name, ref):
    """Normalised outputs of the function ``ref`` on every case of exercise ``name``."""
    fn = resolve(ref)
    return tuple(call(fn, case) for case in cases(name))


@functools.cache
def expected(name):
    """What each case expects: the view of the reference's (or counterpart's) output."""
    ex = ASSIGNMENT.exercise(name)
    ref_out = outputs(name, ex.reference)
    tf_out = outputs(name, ex.tensorflow) if ex.tensorflow else None
    return tuple(
        ex.view(tf_out[i] if case.group == "tensorflow" else ref_out[i])
        for i, case in enumerate(cases(name))
    )


def failing_groups(ex, got) -> set[str]:
    """The check groups that a student whose outputs are ``got`` does not pass."""
    failed = set()
    for case, exp, out in zip(cases(ex.name), expected(ex.name), got):
        if structure_mismatches(exp, out):
            failed.add("shapes")
        if compare(exp, out, ex.tolerance_for(case)):
            failed.add(case.group)
    return failed


def mistake_view(ex, mistake):
    return tuple(ex.view(out) for out in outputs(ex.name, mistake.implementation))


def diagnosed_as(ex, mistake, got) -> bool:
    """Whether the grader would explain a student's outputs ``got`` by ``mistake``."""
    return matches_mistake([
        (exp, produced, out, ex.tolerance_for(case))
        for case, exp, produced, out in zip(cases(ex.name), expected(ex.name),
                                            mistake_view(ex, mistake), got)
    ])


@functools.cache
def alternatives_module():
    spec = importlib.util.spec_from_file_location("batchnorm_softmax_alternatives",
                                                  ALTERNATIVES_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def alternatives(name):
    module = alternatives_module()
    return [fn for fn_name, fn in vars(module).items()
            if fn_name.startswith(f"{name}__") and inspect.isfunction(fn)]


def transplant(fn, ex):
    """``fn`` as a student's submission: renamed, next to its solution module's imports only.

    The namespace holds the imports of the module of the exercise's reference (``np`` and the
    validation helpers, or ``tf``) and the reference versions of the exercises it ``needs``.
    """
    assert function_source(fn).startswith("def "), f"{fn.__name__}: a plain module-level def"
    namespace: dict = {}
    exec(module_imports(resolve(ex.reference).__module__), namespace)
    for needed in ex.needs:
        namespace[needed] = resolve(ASSIGNMENT.exercise(needed).reference)
    exec(compile(renamed_source(fn, ex.name), f"<submission from {fn.__name__}>", "exec"),
         namespace)
    return namespace[ex.name]


def same_inputs(a, b) -> bool:
    if isinstance(a, TensorArg):
        return isinstance(b, TensorArg) and same_inputs(a.value, b.value)
    if isinstance(a, np.ndarray):
        return (isinstance(b, np.ndarray) and a.dtype == b.dtype
                and np.array_equal(a, b, equal_nan=True))
    if isinstance(a, (tuple, list)):
        return (type(a) is type(b) and len(a) == len(b)
                and all(same_inputs(x, y) for x, y in zip(a, b)))
    if isinstance(a, dict):
        return (isinstance(b, dict) and list(a) == list(b)
                and all(same_inputs(a[k], b[k]) for k in a))
    return type(a) is type(b) and a == b


by_exercise = pytest.mark.parametrize("name", NAMES)
by_numpy_exercise = pytest.mark.parametrize("name", [e.name for e in NUMPY_EXERCISES])


# ----------------------------------------------------------------------------------------------
# The assignment and its cases
# ----------------------------------------------------------------------------------------------


def test_assignment():
    assert ASSIGNMENT.name == "batchnorm_softmax"
    assert NAMES == teaching_order("batchnorm_softmax")
    assert ASSIGNMENT.max_score == pytest.approx(notebook_points("batchnorm_softmax"))
    assert ASSIGNMENT.solution_modules == (
        "solutions.batchnorm_softmax", "solutions.batchnorm_softmax_tensorflow")
    for ex in EXERCISES:
        module = importlib.import_module(resolve(ex.reference).__module__)
        assert module.__name__ in ASSIGNMENT.solution_modules
        assert ex.uses_tensorflow == (module.__name__ == "solutions.batchnorm_softmax_tensorflow")
        if ex.uses_tensorflow:  # named by string, so that reading declarations keeps TF out
            assert isinstance(ex.reference, str)
            assert all(isinstance(m.implementation, str) for m in ex.mistakes)
    assert ASSIGNMENT.exercise("softmax_cross_entropy_backward").needs == ("softmax",)


def test_declarations_do_not_import_tensorflow():
    code = ("import sys, autograder.course.exercises.batchnorm_softmax as d; "
            "[e.cases() for e in d.ASSIGNMENT.exercises]; "
            "assert 'tensorflow' not in sys.modules, 'TensorFlow was imported'")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr


@by_exercise
def test_cases_are_deterministic(name):
    first, second = ASSIGNMENT.exercise(name).cases(), ASSIGNMENT.exercise(name).cases()
    assert len(first) == len(second)
    for a, b in zip(first, second):
        assert (a.name, a.group, a.visible, a.rng_seed, a.note) == (
            b.name, b.group, b.visible, b.rng_seed, b.note)
        assert same_inputs(a.args, b.args), a.name
        assert same_inputs(dict(a.kwargs), dict(b.kwargs)), a.name


@by_exercise
def test_cases_names_groups_and_visibility(name):
    ex = ASSIGNMENT.exercise(name)
    all_cases = cases(name)
    case_names = [c.name for c in all_cases]
    assert len(set(case_names)) == len(case_names), "case names must be unique"
    groups = {c.group for c in all_cases}
    assert {"fixed", "random", "edge"} <= groups
    assert ("tensorflow" in groups) == (ex.tensorflow is not None)
    assert sum(c.group == "random" for c in all_cases) >= 10
    for case in all_cases:
        assert case.group in CASE_GROUPS
        # fixed cases are shown, random and TensorFlow ones hidden; an edge case may be shown
        assert case.visible == (case.group == "fixed") or case.group == "edge", case.name
        assert case.note, f"case {case.name} needs a note"


@by_exercise
def test_counterpart_exists_iff_tensorflow_group(name):
    """NumPy exercises are checked against their TensorFlow counterpart; TF exercises are not."""
    ex = ASSIGNMENT.exercise(name)
    counterparts = importlib.import_module("solutions.counterparts.batchnorm_softmax")
    if ex.uses_tensorflow:
        assert ex.tensorflow is None
    else:
        assert hasattr(counterparts, name)
        assert ex.tensorflow == f"solutions.counterparts.batchnorm_softmax:{name}"


def test_inputs_are_plain_data():
    def check(x):
        if isinstance(x, np.ndarray):
            assert x.dtype in (np.float64, np.float32, np.int64)
        elif isinstance(x, TensorArg):
            assert x.value.dtype in (np.float32, np.float64)
        elif isinstance(x, (tuple, list)):
            for v in x:
                check(v)
        elif isinstance(x, dict):
            for v in x.values():
                check(v)
        else:
            assert type(x) in (int, float), type(x)

    for name in NAMES:
        for case in cases(name):
            check(case.args)
            check(dict(case.kwargs))
            if not ASSIGNMENT.exercise(name).uses_tensorflow:
                assert not any(isinstance(a, TensorArg) for a in case.args)


def test_numpy_cases_run_fast():
    start = time.perf_counter()
    for ex in NUMPY_EXERCISES:
        fn = resolve(ex.reference)
        for case in ex.cases():
            call(fn, case)
    assert time.perf_counter() - start < 1.0


# ----------------------------------------------------------------------------------------------
# Reference and counterpart
# ----------------------------------------------------------------------------------------------


def _finite(x) -> bool:
    if isinstance(x, dict):
        return all(_finite(v) for v in x.values())
    if isinstance(x, (tuple, list)):
        return all(_finite(v) for v in x)
    if isinstance(x, TensorValue):
        return _finite(x.value)
    return bool(np.all(np.isfinite(np.asarray(x, dtype=np.float64))))


@by_exercise
def test_reference_runs_and_is_finite_on_every_case(name):
    for case, out in zip(cases(name), outputs(name, ASSIGNMENT.exercise(name).reference)):
        assert _finite(out), f"{case.name}: the reference is not finite"


def test_stability_cases_have_the_curriculum_values():
    cost = dict(zip([c.name for c in cases("softmax_cross_entropy_cost")],
                    outputs("softmax_cross_entropy_cost",
                            ASSIGNMENT.exercise("softmax_cross_entropy_cost").reference)))
    assert cost["curriculum_1000"] == pytest.approx(2000.0)
    assert cost["very_unlikely_class"] == pytest.approx(900.0)
    loss = dict(zip([c.name for c in cases("compute_total_loss")],
                    outputs("compute_total_loss",
                            ASSIGNMENT.exercise("compute_total_loss").reference)))
    assert float(loss["curriculum_1000"].value) == pytest.approx(2000.0)
    forward = dict(zip([c.name for c in cases("batchnorm_forward")],
                       expected("batchnorm_forward")))
    assert np.all(forward["one_example"][1]["var"] == 0.0)


@by_exercise
def test_counterpart_agrees_with_reference_on_tensorflow_cases(name):
    ex = ASSIGNMENT.exercise(name)
    if ex.tensorflow is None:
        pytest.skip("no TensorFlow counterpart")
    ref_out = outputs(name, ex.reference)
    for i, case in enumerate(cases(name)):
        if case.group == "tensorflow":
            mismatches = compare(expected(name)[i], ref_out[i], ex.tolerance_for(case))
            assert not mismatches, f"{case.name}: {mismatches}"


@pytest.mark.parametrize("name", ["compute_total_loss", "one_hot_matrix"])
def test_tensorflow_exercises_agree_with_their_cross_check(name):
    """The references of the TF exercises against ``solutions.counterparts.batchnorm_softmax``."""
    ex = ASSIGNMENT.exercise(name)
    check = outputs(name, f"solutions.counterparts.batchnorm_softmax:{name}")
    for case, out, ref_out in zip(cases(name), check, outputs(name, ex.reference)):
        mismatches = compare(np.asarray(out, dtype=np.float64), ref_out.value, ex.tolerance)
        assert not mismatches, f"{case.name}: {mismatches}"


# ----------------------------------------------------------------------------------------------
# Known mistakes
# ----------------------------------------------------------------------------------------------


@by_exercise
def test_at_least_five_distinct_named_mistakes(name):
    ex = ASSIGNMENT.exercise(name)
    assert len(ex.mistakes) >= 5
    assert len({m.name for m in ex.mistakes}) == len(ex.mistakes)
    assert len({m.implementation for m in ex.mistakes}) == len(ex.mistakes)
    for mistake in ex.mistakes:
        assert len(mistake.message) > 40
        assert resolve(mistake.implementation).__name__.startswith("mistake_")


@by_exercise
def test_each_mistake_loses_points_and_is_diagnosed(name):
    ex = ASSIGNMENT.exercise(name)
    for mistake in ex.mistakes:
        got = outputs(name, mistake.implementation)  # raises if the mistake raises
        assert failing_groups(ex, got), f"{mistake.name} passes every group"
        # A student whose function is this mistake agrees with the mistake's view everywhere
        # (NaN and inf included), so the diagnosis finds it.
        assert diagnosed_as(ex, mistake, got), mistake.name


@by_exercise
def test_mistakes_are_pairwise_distinguishable(name):
    ex = ASSIGNMENT.exercise(name)
    for a, b in itertools.permutations(ex.mistakes, 2):
        assert not diagnosed_as(ex, a, outputs(name, b.implementation)), (
            f"a student making {b.name!r} would also be diagnosed as {a.name!r}")


@by_exercise
def test_mistakes_are_self_contained(name):
    ex = ASSIGNMENT.exercise(name)
    for mistake in ex.mistakes:
        submitted = transplant(resolve(mistake.implementation), ex)
        original = outputs(name, mistake.implementation)
        for case, out in zip(cases(name), original):
            assert not compare(out, call(submitted, case), EXACT), (mistake.name, case.name)


def test_nan_outputs_of_mistakes_are_recognised():
    """Mistakes that overflow return NaN or inf, and a student's NaN matches them."""
    for name, mistake_name, case_name in (
        ("softmax", "no_max_shift", "curriculum_1000"),
        ("softmax_cross_entropy_cost", "softmax_then_log", "curriculum_1000"),
        ("softmax_cross_entropy_cost", "no_max_shift", "large_close_logits"),
        ("batchnorm_forward", "no_epsilon", "one_example"),
        ("compute_total_loss", "from_logits_false", "curriculum_1000"),
    ):
        ex = ASSIGNMENT.exercise(name)
        mistake = next(m for m in ex.mistakes if m.name == mistake_name)
        i = [c.name for c in cases(name)].index(case_name)
        got = outputs(name, mistake.implementation)[i]
        assert not _finite(got), (name, mistake_name)
        assert not compare(ex.view(got), got, ex.tolerance_for(cases(name)[i]))
        assert compare(expected(name)[i], got, ex.tolerance_for(cases(name)[i]))


def test_clipped_loss_is_16_12_on_the_curriculum_case():
    for name, mistake_name in (("softmax_cross_entropy_cost", "clipped_probabilities"),
                               ("compute_total_loss", "softmax_then_loss")):
        ex = ASSIGNMENT.exercise(name)
        mistake = next(m for m in ex.mistakes if m.name == mistake_name)
        i = [c.name for c in cases(name)].index("curriculum_1000")
        out = outputs(name, mistake.implementation)[i]
        value = float(getattr(out, "value", out))
        assert value == pytest.approx(-np.log(1e-7), rel=1e-4)


# ----------------------------------------------------------------------------------------------
# Alternative correct implementations
# ----------------------------------------------------------------------------------------------


@by_exercise
def test_alternatives_earn_full_marks(name):
    ex = ASSIGNMENT.exercise(name)
    alts = alternatives(name)
    assert len(alts) >= 3
    for alt in alts:
        got = outputs(name, alt)
        assert not failing_groups(ex, got), (alt.__name__, failing_groups(ex, got))
        for mistake in ex.mistakes:
            assert not diagnosed_as(ex, mistake, got), (
                f"{alt.__name__} would be diagnosed as {mistake.name}")


@by_exercise
def test_alternatives_are_self_contained(name):
    ex = ASSIGNMENT.exercise(name)
    for alt in alternatives(name):
        submitted = transplant(alt, ex)
        for case, out in zip(cases(name), outputs(name, alt)):
            assert not compare(out, call(submitted, case), EXACT), (alt.__name__, case.name)
