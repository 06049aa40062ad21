"""The pictures' data: new visible inputs that reveal no hidden case, computed by the references."""

from __future__ import annotations

import inspect

import numpy as np
import pytest

from autograder.build import public_pictures
from autograder.course.expected import expected_table
from autograder.course.registry import built_names, get_assignment
from autograder.course.spec import resolve
from course_lib.codec import decode


def pictures():
    for name in built_names():
        assignment = get_assignment(name)
        for exercise in assignment.exercises:
            entry = public_pictures.picture(assignment, exercise)
            if entry is not None:
                yield pytest.param(assignment, exercise, entry, id=exercise.name)


def picture_calls(exercise, entry) -> list[dict]:
    """The picture's calls of the exercise, as {argument name: value}."""
    if entry["kind"] == "lr_schedule":
        return [{"learning_rate0": entry["learning_rate0"], "epoch_num": epoch, **entry["kwargs"]}
                for epoch in entry["epochs"]]
    if entry["kind"] == "ewa":
        return [{"thetas": decode(entry["thetas"]), "beta": entry["beta"]}]
    if entry["kind"] == "loss_curve":
        signature = inspect.signature(resolve(exercise.reference))
        calls = []
        for call in entry["calls"]:
            args, kwargs = decode(call)
            calls.append(dict(signature.bind(*args, **kwargs).arguments))
        return calls
    if entry["kind"] == "im2col_rows":
        return [{"X": decode(entry["X"]), "FH": entry["FH"], "FW": entry["FW"], "S": entry["S"]}]
    return []  # an optimizer path calls the update on a (1, 2) W1 from its own path


def same(a, b) -> bool:
    a = getattr(a, "value", a)
    b = getattr(b, "value", b)
    try:
        return np.shape(a) == np.shape(b) and bool(np.all(np.asarray(a) == np.asarray(b)))
    except (TypeError, ValueError):
        return False


@pytest.mark.parametrize(("assignment", "exercise", "entry"), list(pictures()))
def test_no_picture_call_is_a_hidden_case(assignment, exercise, entry):
    signature = inspect.signature(resolve(exercise.reference))
    hidden = []
    for record in expected_table(assignment).records[exercise.name]:
        if not record.case.visible:
            bound = signature.bind(*record.case.args, **record.case.kwargs)
            bound.apply_defaults()
            hidden.append(dict(bound.arguments))
    for call in picture_calls(exercise, entry):
        for case in hidden:
            assert not all(same(value, case.get(key)) for key, value in call.items()), call


@pytest.mark.parametrize(("assignment", "exercise", "entry"), list(pictures()))
def test_the_expected_curves_are_the_references(assignment, exercise, entry):
    reference = resolve(exercise.reference)
    if entry["kind"] == "lr_schedule":
        expected = [reference(entry["learning_rate0"], e, **entry["kwargs"]) for e in entry["epochs"]]
        np.testing.assert_allclose(entry["expected"], expected, rtol=1e-12)
    elif entry["kind"] == "ewa":
        thetas = decode(entry["thetas"])
        np.testing.assert_allclose(decode(entry["expected_corrected"]),
                                   reference(thetas, entry["beta"], bias_correction=True),
                                   rtol=1e-12)
    elif entry["kind"] == "loss_curve":
        assert entry["expected"][-1] == pytest.approx(2 * entry["margins"][-1], rel=1e-6)
        assert max(entry["capped"]) == pytest.approx(-np.log(1e-7), rel=1e-3)
    elif entry["kind"] == "im2col_rows":
        X = decode(entry["X"])
        np.testing.assert_array_equal(decode(entry["expected"]),
                                      reference(X, entry["FH"], entry["FW"], S=entry["S"]))
        assert len(np.unique(X)) == X.size  # every value names its pixel
    else:
        path = decode(entry["expected"])
        assert path.shape == (entry["num_steps"] + 1, 2)
        assert np.linalg.norm(path[-1]) < np.linalg.norm(entry["w0"])  # it heads for the minimum
