"""Checks of the declarations of the optional assignment ``convolution_arithmetic``, in-process.

The references against the TensorFlow counterparts (the layout mapped NCHW <-> NHWC), the
properties a graded case cannot hold (the error when a filter does not fit, col2im as the adjoint
of im2col), and the assignment's place outside the default course. The sandboxed pipeline is
exercised by test_mutations.py, the check cells by test_check_cells_tell_the_truth.py.
"""

from __future__ import annotations

import copy
import subprocess
import sys

import numpy as np
import pytest
from course_facts import notebook_points, teaching_order

from autograder.course import registry
from autograder.course.exercises.convolution_arithmetic import ASSIGNMENT
from autograder.course.spec import resolve
from course_lib.compare import compare
from solutions import convolution_arithmetic as sol

NAME = "convolution_arithmetic"
WITH_TF = [e for e in ASSIGNMENT.exercises if e.tensorflow]


def test_an_optional_assignment_in_teaching_order_outside_the_default_course():
    assert [e.name for e in ASSIGNMENT.exercises] == teaching_order(NAME)
    assert ASSIGNMENT.max_score == pytest.approx(notebook_points(NAME))
    assert all(e.optional for e in ASSIGNMENT.exercises)
    assert registry.optional_assignment(NAME)
    assert NAME not in registry.assignment_names() and NAME in registry.built_names()
    assert registry.get_assignment(NAME) == ASSIGNMENT  # named on its own: whole


def test_declarations_do_not_import_tensorflow():
    code = (f"import sys, autograder.course.exercises.{NAME}; "
            "print('tensorflow' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "False", done.stderr


@pytest.mark.parametrize("exercise", WITH_TF, ids=[e.name for e in WITH_TF])
def test_the_counterpart_agrees_on_every_case_and_leaves_its_arguments(exercise):
    reference, counterpart = resolve(exercise.reference), resolve(exercise.tensorflow)
    exact = exercise.name in ("zero_pad", "im2col")  # copies of values, no arithmetic
    for case in exercise.cases():
        args, kwargs = copy.deepcopy(case.args), dict(case.kwargs)
        want = reference(*args, **kwargs)
        got = counterpart(*args, **kwargs)
        assert got.dtype == np.float64 and got.shape == want.shape, case.name
        if exact:
            assert np.array_equal(got, want), case.name
        else:  # sums in another order
            assert np.allclose(got, want, rtol=1e-12, atol=1e-12), case.name
        assert not compare(want, got, exercise.tolerance_for(case)), case.name
        for before, after in zip(case.args, args):
            assert np.array_equal(np.asarray(before), np.asarray(after)), case.name


@pytest.mark.parametrize(("call", "words"), [
    (lambda: sol.conv_output_size(4, 6, 5), "the 5x5 filter does not fit in the padded 4x6 input"),
    (lambda: sol.conv_output_size(6, 2, 3, P=0), "does not fit in the padded 6x2 input"),
    (lambda: sol.im2col(np.zeros((1, 1, 3, 3)), 4, 2), "the 4x2 filter does not fit"),
    (lambda: sol.col2im(np.zeros((1, 1)), (1, 1, 2, 2), 3, 3), "the 3x3 filter does not fit"),
    (lambda: sol.conv_forward(np.zeros((1, 1, 2, 2)), np.zeros((1, 1, 3, 3)), np.zeros(1)),
     "the 3x3 filter does not fit"),
    (lambda: sol.zero_pad(np.zeros((2, 3, 4)), 1), "shape (N, C, H, W)"),
    (lambda: sol.col2im(np.zeros((4, 3)), (1, 1, 3, 3), 2, 2), "col must have shape"),
])
def test_a_filter_that_does_not_fit_or_a_wrong_shape_is_a_clear_error(call, words):
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
        call()
    assert sol.conv_output_size(3, 4, 5, P=1) == (1, 2)  # F = H + 2P still fits, once


def test_col2im_is_the_adjoint_of_im2col():
    """<im2col(X), Y> = <X, col2im(Y)> for every X and Y, overlapping windows and padding too."""
    rng = np.random.default_rng(0)
    for shape, FH, FW, S, P in [((2, 3, 5, 6), 3, 2, 1, 1), ((1, 2, 7, 7), 3, 3, 2, 2),
                                ((3, 1, 4, 4), 2, 2, 2, 0)]:
        X = rng.standard_normal(shape)
        col = sol.im2col(X, FH, FW, S, P)
        Y = rng.standard_normal(col.shape)
        assert np.isclose(np.sum(col * Y), np.sum(X * sol.col2im(Y, shape, FH, FW, S, P)))
    ones = sol.col2im(np.ones((16, 9)), (1, 1, 6, 6), 3, 3)
    assert ones[0, 0, 0, 0] == 1 and ones[0, 0, 2, 2] == 9  # overlaps add up


def test_conv_forward_is_the_sum_over_each_window():
    rng = np.random.default_rng(1)
    X, W, b = rng.standard_normal((2, 2, 5, 6)), rng.standard_normal((3, 2, 3, 2)), np.arange(3.0)
    Z = sol.conv_forward(X, W, b, S=2, P=1)
    X_pad = np.pad(X, ((0, 0), (0, 0), (1, 1), (1, 1)))
    assert Z.shape == (2, 3, 3, 4)
    assert np.isclose(Z[1, 2, 1, 3], np.sum(X_pad[1, :, 2:5, 6:8] * W[2]) + b[2])
