"""course_lib.gradient_checking: the course's network, its buggy and corrected backprop, theta."""

import numpy as np
import pytest

from course_lib.gradient_checking import (
    GRADIENT_KEYS,
    PARAMETER_KEYS,
    backward_propagation_n,
    backward_propagation_n_fixed,
    corrected_lines,
    dictionary_to_vector,
    forward_propagation_n,
    gradient_check_n_test_case,
    gradients_to_vector,
    vector_to_dictionary,
)


@pytest.fixture
def course():
    X, Y, parameters = gradient_check_n_test_case()
    return X, Y, parameters


def test_the_course_example(course):
    X, Y, parameters = course
    assert X.shape == (4, 3) and Y.tolist() == [[1.0, 1.0, 0.0]]
    assert [parameters[k].shape for k in PARAMETER_KEYS] == [(5, 4), (5, 1), (3, 5), (3, 1),
                                                              (1, 3), (1, 1)]
    np.random.seed(1)
    np.testing.assert_array_equal(X, np.random.randn(4, 3))


def test_the_cost_is_the_mean_cross_entropy(course):
    X, Y, parameters = course
    cost, cache = forward_propagation_n(X, Y, parameters)
    A3 = cache[9]
    assert isinstance(cost, float)
    assert cost == pytest.approx(float(np.mean(-Y * np.log(A3) - (1 - Y) * np.log(1 - A3))))
    assert cost == pytest.approx(2.407833389834357, rel=1e-12)
    assert len(cache) == 12


def test_the_buggy_backprop_has_exactly_the_courses_two_bugs(course):
    X, Y, parameters = course
    _, cache = forward_propagation_n(X, Y, parameters)
    buggy = backward_propagation_n(X, Y, cache)
    fixed = backward_propagation_n_fixed(X, Y, cache)
    assert set(buggy) == set(fixed) >= set(GRADIENT_KEYS)
    for key in fixed:
        factor = {"dW2": 2.0, "db1": 4.0}.get(key, 1.0)
        np.testing.assert_allclose(buggy[key], factor * fixed[key], rtol=1e-15, err_msg=key)
    assert np.any(fixed["dW2"] != 0) and np.any(fixed["db1"] != 0)


def test_the_corrected_backprop_matches_finite_differences(course):
    X, Y, parameters = course
    _, cache = forward_propagation_n(X, Y, parameters)
    grad = gradients_to_vector(backward_propagation_n_fixed(X, Y, cache))
    theta, _ = dictionary_to_vector(parameters)
    h = 1e-5
    for i in (0, 20, 25, 40, 43, 46):
        step = np.zeros_like(theta)
        step[i] = h
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta + step))
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta - step))
        assert (J_plus - J_minus) / (2 * h) == pytest.approx(grad[i, 0], rel=1e-6, abs=1e-9)


def test_theta_round_trips_in_the_courses_order(course):
    _, _, parameters = course
    theta, keys = dictionary_to_vector(parameters)
    assert theta.shape == (47, 1) and theta.dtype == np.float64
    assert keys == ["W1"] * 20 + ["b1"] * 5 + ["W2"] * 15 + ["b2"] * 3 + ["W3"] * 3 + ["b3"]
    np.testing.assert_array_equal(theta[:20, 0], parameters["W1"].ravel())
    back = vector_to_dictionary(theta)
    assert list(back) == list(PARAMETER_KEYS)
    for key in PARAMETER_KEYS:
        np.testing.assert_array_equal(back[key], parameters[key])
    np.testing.assert_array_equal(vector_to_dictionary(theta.ravel())["b3"], parameters["b3"])


def test_gradients_to_vector_ignores_the_intermediate_keys(course):
    X, Y, parameters = course
    _, cache = forward_propagation_n(X, Y, parameters)
    gradients = backward_propagation_n_fixed(X, Y, cache)
    grad = gradients_to_vector(gradients)
    assert grad.shape == (47, 1)
    np.testing.assert_array_equal(grad[20:25], gradients["db1"])
    np.testing.assert_array_equal(grad[-1:], gradients["db3"])


@pytest.mark.parametrize("bad, message", [
    (lambda X, Y, p: (X.T, Y, p), "X must have shape"),
    (lambda X, Y, p: (X, np.ones((1, 5)), p), "Y must hold one label per example"),
    (lambda X, Y, p: (X, Y, {k: v for k, v in p.items() if k != "b2"}), "missing"),
    (lambda X, Y, p: (X, Y, {**p, "W2": p["W2"].T}), "W2"),
])
def test_bad_input_gets_a_clear_message(course, bad, message):
    with pytest.raises((ValueError, KeyError), match=message):
        forward_propagation_n(*bad(*course))


def test_vector_to_dictionary_needs_47_entries():
    with pytest.raises(ValueError, match="47"):
        vector_to_dictionary(np.zeros((46, 1)))
    with pytest.raises(KeyError, match="dW1"):
        gradients_to_vector({"dW2": np.zeros((3, 5))})


def test_the_fix_is_two_lines():
    assert corrected_lines() == [
        ("dW2 = 1.0 / m * np.dot(dZ2, A1.T) * 2", "dW2 = 1.0 / m * np.dot(dZ2, A1.T)"),
        ("db1 = 4.0 / m * np.sum(dZ1, axis=1, keepdims=True)",
         "db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)"),
    ]
