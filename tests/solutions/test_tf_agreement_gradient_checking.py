"""The gradient checking references agree with TensorFlow (curriculum: "gradient checking").

The 1-D functions against ``tf.multiply`` and ``tf.GradientTape``; the checks against
``tf.test.compute_gradient``'s numerical Jacobian (the same two-sided differences as the student's
``gradapprox``); the course network's corrected backprop against ``tf.GradientTape``'s exact
gradient, and the course's buggy backprop off exactly where its bugs are (dW2 doubled, db1 times 4).
All in float64.
"""

import numpy as np
import pytest

from course_lib.gradient_checking import (
    GRADIENT_KEYS,
    backward_propagation_n,
    backward_propagation_n_fixed,
    dictionary_to_vector,
    forward_propagation_n,
    gradient_check_n_test_case,
    gradients_to_vector,
    parameter_shapes,
)
from course_lib.gradient_checking_tf import cost_of_theta, tape_gradients, theta_tensor
from solutions import gradient_checking as ref
from solutions.counterparts import gradient_checking as tfc


def network(case):
    rng = np.random.default_rng((70, case))
    m = int(rng.integers(1, 9))
    parameters = {k: 0.6 * rng.standard_normal(s) for k, s in parameter_shapes().items()}
    X = rng.standard_normal((4, m))
    Y = rng.integers(0, 2, size=(1, m)).astype(np.float64)
    return parameters, X, Y


def relative_difference(a, b):
    a, b = np.ravel(a), np.ravel(b)
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))


@pytest.mark.parametrize("x, theta", [(2, 4), (-1.5, 3.0), (1e6, -2.5), (1e-3, 7.0)])
def test_one_dimensional_functions_agree(x, theta):
    assert tfc.forward_propagation(x, theta) == pytest.approx(ref.forward_propagation(x, theta),
                                                              rel=1e-15)
    assert tfc.backward_propagation(x, theta) == pytest.approx(ref.backward_propagation(x, theta),
                                                               rel=1e-15)


@pytest.mark.parametrize("x, theta, epsilon", [(2, 4, 1e-7), (3, 4, 1e-7), (-3e5, 1.5, 1e-7),
                                               (0.25, -7.0, 1e-4)])
def test_the_1d_check_is_noise_in_both(x, theta, epsilon):
    """J is linear: both numerical derivatives are exact up to rounding."""
    assert ref.gradient_check(x, theta, epsilon) < 1e-8
    assert tfc.gradient_check(x, theta, epsilon) < 1e-8


def test_the_cost_agrees_with_tensorflows():
    for case in range(5):
        parameters, X, Y = network(case)
        cost, _ = forward_propagation_n(X, Y, parameters)
        tf_cost = float(cost_of_theta(X, Y)(theta_tensor(parameters)).numpy())
        assert tf_cost == pytest.approx(cost, rel=1e-13)


@pytest.mark.parametrize("case", range(6))
def test_the_corrected_backprop_is_tensorflows_gradient(case):
    parameters, X, Y = network(case)
    _, cache = forward_propagation_n(X, Y, parameters)
    ours = backward_propagation_n_fixed(X, Y, cache)
    tape = tape_gradients(X, Y, parameters)
    assert relative_difference(gradients_to_vector(ours), gradients_to_vector(tape)) < 1e-12
    for key in GRADIENT_KEYS:
        np.testing.assert_allclose(ours[key], tape[key], rtol=1e-10, atol=1e-13, err_msg=key)


def test_the_buggy_backprop_is_off_exactly_at_its_two_bugs():
    X, Y, parameters = gradient_check_n_test_case()
    _, cache = forward_propagation_n(X, Y, parameters)
    buggy = backward_propagation_n(X, Y, cache)
    tape = tape_gradients(X, Y, parameters)
    factors = {"dW2": 2.0, "db1": 4.0}
    for key in GRADIENT_KEYS:
        np.testing.assert_allclose(buggy[key], factors.get(key, 1.0) * tape[key], rtol=1e-10,
                                   atol=1e-13, err_msg=key)


def test_the_course_story_against_tensorflow():
    """Buggy: the check's difference exceeds 1e-3. Corrected: below 2e-7 with NumPy's numerical
    gradient, and about 1e-16 against TensorFlow's exact one."""
    X, Y, parameters = gradient_check_n_test_case()
    _, cache = forward_propagation_n(X, Y, parameters)
    buggy = backward_propagation_n(X, Y, cache)
    fixed = backward_propagation_n_fixed(X, Y, cache)
    assert ref.gradient_check_n(parameters, buggy, X, Y) > 1e-3
    assert tfc.gradient_check_n(parameters, buggy, X, Y) > 1e-3
    assert ref.gradient_check_n(parameters, fixed, X, Y) < 2e-7
    assert tfc.gradient_check_n(parameters, fixed, X, Y) < 2e-7
    exact = gradients_to_vector(tape_gradients(X, Y, parameters))
    assert relative_difference(gradients_to_vector(fixed), exact) < 1e-12
    assert relative_difference(gradients_to_vector(buggy), exact) > 0.1


@pytest.mark.parametrize("case", range(3))
def test_the_n_d_checks_agree_with_tensorflows_numerical_gradient(case):
    parameters, X, Y = network(case)
    _, cache = forward_propagation_n(X, Y, parameters)
    for backprop in (backward_propagation_n, backward_propagation_n_fixed):
        gradients = backprop(X, Y, cache)
        ours = ref.gradient_check_n(parameters, gradients, X, Y)
        theirs = tfc.gradient_check_n(parameters, gradients, X, Y)
        if ours > 1e-6:  # a real difference: the two numerical gradients agree to rounding
            assert theirs == pytest.approx(ours, rel=1e-6)
        else:  # noise in both
            assert theirs < 1e-6


def test_theta_is_in_the_courses_order():
    X, Y, parameters = gradient_check_n_test_case()
    theta, keys = dictionary_to_vector(parameters)
    assert theta.shape == (47, 1)
    np.testing.assert_array_equal(theta_tensor(parameters).numpy(), theta.ravel())
    assert keys[:20] == ["W1"] * 20 and keys[-1] == "b3"
