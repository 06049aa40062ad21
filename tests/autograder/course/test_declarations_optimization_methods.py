"""The declarations of ``optimization_methods`` grade what they claim to grade.

In process, without the sandbox: every function is called on deep copies of a case's inputs, and
its output travels through the codec (``encode`` -> JSON -> ``decode``) as a student's would.
Expected values are ``exercise.view`` of the reference's output, or of the TensorFlow counterpart's
on ``tensorflow`` cases.
"""

from __future__ import annotations

import ast
import copy
import functools
import importlib.util
import inspect
import itertools
import json
import re
from pathlib import Path

import numpy as np
import pytest
from course_facts import notebook_points, teaching_order

from autograder.course.exercises.optimization_methods import ASSIGNMENT
from autograder.course.spec import CASE_GROUPS, resolve
from course_lib.codec import decode, encode
from course_lib.compare import Tolerance, compare, structure_mismatches
from course_lib.values import materialize

ALTERNATIVES_PATH = Path(__file__).parents[1] / "alternatives" / "optimization_methods.py"
EXERCISES = ASSIGNMENT.exercises
EXERCISE_IDS = [e.name for e in EXERCISES]
WITH_TENSORFLOW = [e for e in EXERCISES if e.tensorflow is not None]
IDENTICAL = Tolerance(rtol=0.0, atol_scale=0.0, reason="the same code on the same inputs")


def _load_alternatives():
    spec = importlib.util.spec_from_file_location("alternatives_optimization_methods",
                                                  ALTERNATIVES_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ALTERNATIVES = _load_alternatives()


def alternatives_of(exercise):
    prefix = exercise.name + "__"
    return [fn for name, fn in vars(ALTERNATIVES).items()
            if name.startswith(prefix) and inspect.isfunction(fn)]


# ------------------------------------------------------------------------------------------------
# Running functions as the grader does
# ------------------------------------------------------------------------------------------------


def normalise(output):
    return decode(json.loads(json.dumps(encode(output))))


@functools.cache
def cases_of(exercise_name):
    return tuple(ASSIGNMENT.exercise(exercise_name).cases())


def run(fn, case):
    args, kwargs = materialize(copy.deepcopy((tuple(case.args), dict(case.kwargs))))
    if case.rng_seed is not None:
        np.random.seed(case.rng_seed)
    with np.errstate(all="ignore"):
        return normalise(fn(*args, **kwargs))


@functools.cache
def outputs(exercise_name, fn):
    """Outputs of ``fn`` on every case of the exercise (a function or a FunctionRef)."""
    return tuple(run(resolve(fn), case) for case in cases_of(exercise_name))


def run_or_none(fn, case):
    """``run``, or None where ``fn`` raises (as the expected table records a mistake that raises)."""
    try:
        return run(fn, case)
    except Exception:
        return None


@functools.cache
def mistake_outputs(exercise_name, fn):
    """Outputs of a mistake on every case; None where it raises (the course's shuffle reshapes Y
    to one row, which raises on several label rows)."""
    return tuple(run_or_none(resolve(fn), case) for case in cases_of(exercise_name))


@functools.cache
def expected(exercise_name):
    """What the grader expects on each case: the view of the reference's or counterpart's output."""
    exercise = ASSIGNMENT.exercise(exercise_name)
    reference = outputs(exercise_name, exercise.reference)
    counterpart = (outputs_on_tensorflow_cases(exercise_name)
                   if exercise.tensorflow is not None else {})
    return tuple(
        exercise.view(counterpart[i] if case.group == "tensorflow" else reference[i])
        for i, case in enumerate(cases_of(exercise_name))
    )


@functools.cache
def outputs_on_tensorflow_cases(exercise_name):
    exercise = ASSIGNMENT.exercise(exercise_name)
    counterpart = resolve(exercise.tensorflow)
    return {i: run(counterpart, case) for i, case in enumerate(cases_of(exercise_name))
            if case.group == "tensorflow"}


def failed_groups(exercise, got_outputs):
    """The groups that lose their points for these outputs (``shapes`` included)."""
    failed = set()
    for case, exp, got in zip(cases_of(exercise.name), expected(exercise.name), got_outputs):
        if compare(exp, got, exercise.tolerance_for(case)):
            failed.add(case.group)
        if structure_mismatches(exp, got):
            failed.add("shapes")
    return failed


def same_values(a, b):
    """Exact equality of nested inputs (arrays by dtype, shape and values)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.dtype == b.dtype
                and np.array_equal(a, b, equal_nan=True))
    if isinstance(a, dict):
        return (isinstance(b, dict) and list(a) == list(b)
                and all(same_values(a[k], b[k]) for k in a))
    if isinstance(a, (tuple, list)):
        return (type(a) is type(b) and len(a) == len(b)
                and all(same_values(x, y) for x, y in zip(a, b)))
    return type(a) is type(b) and a == b


def leaves(x):
    """The numbers and arrays inside nested tuples, lists and dicts."""
    if isinstance(x, dict):
        x = list(x.values())
    if isinstance(x, (tuple, list)):
        for item in x:
            yield from leaves(item)
    else:
        yield x


# ------------------------------------------------------------------------------------------------
# The assignment and its cases
# ------------------------------------------------------------------------------------------------


def test_assignment_lists_the_exercises_in_teaching_order_for_the_notebooks_points():
    assert ASSIGNMENT.name == "optimization_methods"
    assert ASSIGNMENT.solution_modules == ("solutions.optimization_methods",)
    assert EXERCISE_IDS == teaching_order("optimization_methods")
    # the kit's source notebook is the default course: every exercise but the optional extras
    assert sum(e.points for e in EXERCISES if not e.optional) == pytest.approx(
        notebook_points("optimization_methods"))
    for exercise in EXERCISES:
        assert exercise.points > 0
        assert resolve(exercise.reference).__name__ == exercise.name
        assert resolve(exercise.reference).__module__ == "solutions.optimization_methods"
        assert exercise.summary


def test_declarations_do_not_import_tensorflow():
    for exercise in EXERCISES:
        assert exercise.tensorflow is None or isinstance(exercise.tensorflow, str)
        if exercise.tensorflow is not None:
            assert exercise.tensorflow == f"solutions.counterparts.optimization_methods:{exercise.name}"


@pytest.mark.parametrize("exercise", EXERCISES, ids=EXERCISE_IDS)
def test_cases_are_deterministic(exercise):
    first, second = exercise.cases(), exercise.cases()
    assert len(first) == len(second)
    for a, b in zip(first, second):
        assert (a.name, a.group, a.rng_seed, a.visible, a.note) == (
            b.name, b.group, b.rng_seed, b.visible, b.note)
        assert same_values(tuple(a.args), tuple(b.args)), a.name
        assert same_values(dict(a.kwargs), dict(b.kwargs)), a.name


@pytest.mark.parametrize("exercise", EXERCISES, ids=EXERCISE_IDS)
def test_cases_are_named_noted_and_hidden_unless_fixed_or_edge(exercise):
    cases = cases_of(exercise.name)
    names = [c.name for c in cases]
    assert len(set(names)) == len(names), "case names must be unique"
    for case in cases:
        assert case.note, f"{case.name} has no note"
        # fixed cases are shown, random and TensorFlow ones hidden; an edge case may be shown
        assert case.visible == (case.group == "fixed") or case.group == "edge", case.name
        assert case.group in CASE_GROUPS


@pytest.mark.parametrize("exercise", EXERCISES, ids=EXERCISE_IDS)
def test_every_declared_group_has_cases_and_tensorflow_iff_counterpart(exercise):
    counts = {g: sum(c.group == g for c in cases_of(exercise.name)) for g in CASE_GROUPS}
    assert counts["fixed"] >= 1
    assert counts["random"] >= 10
    assert counts["edge"] >= 1
    assert (counts["tensorflow"] > 0) == (exercise.tensorflow is not None)


@pytest.mark.parametrize("exercise", EXERCISES, ids=EXERCISE_IDS)
def test_cases_use_float64_inputs(exercise):
    for case in cases_of(exercise.name):
        for leaf in leaves((case.args, dict(case.kwargs))):
            if isinstance(leaf, np.ndarray):
                assert leaf.dtype == np.float64, case.name


@pytest.mark.parametrize("exercise", EXERCISES, ids=EXERCISE_IDS)
def test_reference_runs_on_every_case_with_finite_results(exercise):
    for case, out in zip(cases_of(exercise.name), outputs(exercise.name, exercise.reference)):
        for leaf in leaves(out):
            assert np.isfinite(np.asarray(leaf, dtype=np.float64)).all(), case.name


def test_the_global_stream_is_not_touched_by_building_cases():
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    for exercise in EXERCISES:
        exercise.cases()
    assert np.array_equal(np.random.get_state()[1], before)


# ------------------------------------------------------------------------------------------------
# TensorFlow counterparts
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("exercise", WITH_TENSORFLOW, ids=[e.name for e in WITH_TENSORFLOW])
def test_counterpart_agrees_with_the_reference_on_tensorflow_cases(exercise):
    reference = outputs(exercise.name, exercise.reference)
    for i, counterpart in outputs_on_tensorflow_cases(exercise.name).items():
        case = cases_of(exercise.name)[i]
        mismatches = compare(exercise.view(counterpart), reference[i],
                             exercise.tolerance_for(case))
        assert not mismatches, f"{case.label}: {[m.message for m in mismatches]}"


def test_rmsprop_tensorflow_cases_are_where_epsilon_is_negligible():
    from solutions.counterparts.optimization_methods import rmsprop_epsilon_negligible

    for case in cases_of("update_parameters_with_rmsprop"):
        if case.group == "tensorflow":
            _, grads, s, beta2, _ = case.args
            assert rmsprop_epsilon_negligible(grads, s, beta2, case.kwargs["epsilon"], rtol=1e-9)


def test_ewa_tensorflow_cases_use_betas_exact_in_float32():
    from solutions.counterparts.optimization_methods import ewa_decay_error

    for case in cases_of("exponentially_weighted_average"):
        if case.group == "tensorflow":
            assert ewa_decay_error(case.args[1]) == 0.0, case.name


# ------------------------------------------------------------------------------------------------
# Known mistakes
# ------------------------------------------------------------------------------------------------

MISTAKES = [(e, m) for e in EXERCISES for m in e.mistakes]
MISTAKE_IDS = [f"{e.name}-{m.name}" for e, m in MISTAKES]


@pytest.mark.parametrize("exercise", EXERCISES, ids=EXERCISE_IDS)
def test_at_least_five_distinct_mistakes_with_messages(exercise):
    assert len(exercise.mistakes) >= 5
    names = [m.name for m in exercise.mistakes]
    assert len(set(names)) == len(names)
    for mistake in exercise.mistakes:
        assert len(mistake.message) > 30, mistake.name
        fn = resolve(mistake.implementation)
        assert fn.__name__.startswith("mistake_"), fn.__name__
        assert (list(inspect.signature(fn).parameters)
                == list(inspect.signature(resolve(exercise.reference)).parameters)), fn.__name__
        defaults = [p.default for p in inspect.signature(fn).parameters.values()]
        ref_defaults = [p.default for p in
                        inspect.signature(resolve(exercise.reference)).parameters.values()]
        assert defaults == ref_defaults, fn.__name__


@pytest.mark.parametrize(("exercise", "mistake"), MISTAKES, ids=MISTAKE_IDS)
def test_mistake_loses_points(exercise, mistake):
    got = mistake_outputs(exercise.name, mistake.implementation)
    assert any(g is not None for g in got), f"{mistake.name} raises on every case"
    assert failed_groups(exercise, got), f"{mistake.name} earns full marks"
    reference = outputs(exercise.name, exercise.reference)
    assert any(compare(exercise.view(ref), out, exercise.tolerance_for(case))
               for case, ref, out in zip(cases_of(exercise.name), reference, got)), (
        f"{mistake.name} agrees with the reference on every case")


@pytest.mark.parametrize("exercise", EXERCISES, ids=EXERCISE_IDS)
def test_mistakes_are_pairwise_distinguishable(exercise):
    cases = cases_of(exercise.name)
    for a, b in itertools.permutations(exercise.mistakes, 2):
        as_student = mistake_outputs(exercise.name, a.implementation)
        as_diagnosis = mistake_outputs(exercise.name, b.implementation)
        assert any(compare(None if d is None else exercise.view(d), s,
                           exercise.tolerance_for(case))
                   for case, d, s in zip(cases, as_diagnosis, as_student)), (
            f"{a.name} would also be diagnosed as {b.name}")


# ------------------------------------------------------------------------------------------------
# Correct alternatives
# ------------------------------------------------------------------------------------------------

ALTERNATIVE_FUNCTIONS = [(e, fn) for e in EXERCISES for fn in alternatives_of(e)]
ALTERNATIVE_IDS = [fn.__name__ for _, fn in ALTERNATIVE_FUNCTIONS]


def test_alternatives_are_named_after_exercises():
    for name, fn in vars(ALTERNATIVES).items():
        if inspect.isfunction(fn) and fn.__module__ == ALTERNATIVES.__name__:
            exercise, sep, variant = name.partition("__")
            assert sep and variant and exercise in EXERCISE_IDS, name


@pytest.mark.parametrize("exercise", EXERCISES, ids=EXERCISE_IDS)
def test_at_least_three_alternatives(exercise):
    assert len(alternatives_of(exercise)) >= 3


@pytest.mark.parametrize(("exercise", "alternative"), ALTERNATIVE_FUNCTIONS, ids=ALTERNATIVE_IDS)
def test_alternative_earns_full_marks(exercise, alternative):
    got = outputs(exercise.name, alternative)
    for case, exp, out in zip(cases_of(exercise.name), expected(exercise.name), got):
        mismatches = compare(exp, out, exercise.tolerance_for(case))
        assert not mismatches, f"{case.label}: {[m.message for m in mismatches]}"
    assert not failed_groups(exercise, got)


# ------------------------------------------------------------------------------------------------
# Mistakes and alternatives survive being transplanted into a submission
# ------------------------------------------------------------------------------------------------


@functools.cache
def solution_imports():
    """The import statements of the solution modules, compiled once."""
    body = []
    for module_name in ASSIGNMENT.solution_modules:
        source = inspect.getsource(importlib.import_module(module_name))
        body += [node for node in ast.parse(source).body
                 if isinstance(node, (ast.Import, ast.ImportFrom))]
    return compile(ast.Module(body=body, type_ignores=[]), "<solution imports>", "exec")


def transplant(fn, exercise_name):
    source = inspect.getsource(fn)
    renamed, count = re.subn(rf"^def {fn.__name__}\(", f"def {exercise_name}(", source, count=1)
    assert count == 1, f"{fn.__name__} is not a plain module-level def"
    namespace = {}
    exec(solution_imports(), namespace)
    exec(compile(renamed, f"<submission {fn.__name__}>", "exec"), namespace)
    return namespace[exercise_name]


TRANSPLANTED = [(e, resolve(m.implementation)) for e, m in MISTAKES] + ALTERNATIVE_FUNCTIONS


@pytest.mark.parametrize(("exercise", "fn"), TRANSPLANTED,
                         ids=[fn.__name__ for _, fn in TRANSPLANTED])
def test_transplanted_function_behaves_like_the_original(exercise, fn):
    assert not inspect.getclosurevars(fn).nonlocals, f"{fn.__name__} uses a closure"
    transplanted = transplant(fn, exercise.name)
    for case, original in zip(cases_of(exercise.name), mistake_outputs(exercise.name, fn)):
        mismatches = compare(original, run_or_none(transplanted, case), IDENTICAL)
        assert not mismatches, f"{fn.__name__} on {case.name}: {[m.message for m in mismatches]}"
