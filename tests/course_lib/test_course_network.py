"""course_lib.network: He initialisation, forward, cost, backward against finite differences."""

import numpy as np
import pytest

from course_lib.network import (
    backward_propagation,
    compute_cost,
    forward_propagation,
    he_initialization,
    predict,
    predict_dec,
    sigmoid,
)


def random_network(layers_dims, m, seed):
    """Small random parameters (nonzero biases, so that every gradient is exercised) and data."""
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = rng.normal(size=(layers_dims[l], layers_dims[l - 1]))
        parameters[f"b{l}"] = rng.normal(scale=0.5, size=(layers_dims[l], 1))
    X = rng.normal(size=(layers_dims[0], m))
    Y = (rng.random((1, m)) > 0.5).astype(np.float64)
    return parameters, X, Y


def mean_cost(X, Y, parameters):
    a3, _ = forward_propagation(X, parameters)
    return compute_cost(a3, Y) / X.shape[1]


def numerical_gradients(X, Y, parameters, eps=1e-6):
    """Central differences of the mean cost, one parameter entry at a time."""
    grads = {}
    for key, value in parameters.items():
        g = np.zeros_like(value)
        for idx in np.ndindex(value.shape):
            plus = {k: v.copy() for k, v in parameters.items()}
            minus = {k: v.copy() for k, v in parameters.items()}
            plus[key][idx] += eps
            minus[key][idx] -= eps
            g[idx] = (mean_cost(X, Y, plus) - mean_cost(X, Y, minus)) / (2 * eps)
        grads["d" + key] = g
    return grads


def relative_difference(grads, approx):
    """The course's ||g - g'|| / (||g|| + ||g'||) over all the gradients stacked in one vector."""
    keys = sorted(approx)
    g = np.concatenate([grads[k].ravel() for k in keys])
    a = np.concatenate([approx[k].ravel() for k in keys])
    return np.linalg.norm(g - a) / (np.linalg.norm(g) + np.linalg.norm(a))


# --- He initialisation ---------------------------------------------------------------------------


def test_he_shapes_and_zero_biases():
    parameters = he_initialization([2, 5, 2, 1])
    assert sorted(parameters) == ["W1", "W2", "W3", "b1", "b2", "b3"]
    for l, (n, n_prev) in enumerate([(5, 2), (2, 5), (1, 2)], start=1):
        assert parameters[f"W{l}"].shape == (n, n_prev)
        assert parameters[f"b{l}"].shape == (n, 1)
        assert parameters[f"W{l}"].dtype == np.float64
        np.testing.assert_array_equal(parameters[f"b{l}"], np.zeros((n, 1)))


def test_he_draws_the_course_stream_in_layer_order():
    parameters = he_initialization([2, 5, 2, 1], seed=3)
    np.random.seed(3)
    for l, (n, n_prev) in enumerate([(5, 2), (2, 5), (1, 2)], start=1):
        expected = np.random.randn(n, n_prev) * np.sqrt(2 / n_prev)
        np.testing.assert_array_equal(parameters[f"W{l}"], expected)


def test_he_variance_is_two_over_fan_in():
    parameters = he_initialization([1000, 500, 400], seed=0)
    # 500,000 and 200,000 draws: the sample variance is within 1% of 2/n[l-1] with a wide margin.
    assert np.var(parameters["W1"]) == pytest.approx(2 / 1000, rel=0.02)
    assert np.var(parameters["W2"]) == pytest.approx(2 / 500, rel=0.02)
    assert abs(np.mean(parameters["W1"])) < 0.01 * np.sqrt(2 / 1000)


def test_he_is_deterministic_in_the_seed():
    a = he_initialization([3, 4, 1], seed=7)
    b = he_initialization([3, 4, 1], seed=7)
    c = he_initialization([3, 4, 1], seed=8)
    for key in a:
        np.testing.assert_array_equal(a[key], b[key])
    assert not np.allclose(a["W1"], c["W1"])


@pytest.mark.parametrize("layers_dims", [[2], [], [2, 0, 1], [2, 2.5, 1]])
def test_he_rejects_bad_layer_sizes(layers_dims):
    with pytest.raises(ValueError, match="layers_dims"):
        he_initialization(layers_dims)


# --- forward and cost ----------------------------------------------------------------------------


def test_forward_shapes_and_probabilities():
    parameters, X, _ = random_network([2, 5, 2, 1], m=9, seed=0)
    a3, cache = forward_propagation(X, parameters)
    assert a3.shape == (1, 9)
    assert np.all((a3 > 0) & (a3 < 1))
    assert cache["Z1"].shape == (5, 9) and cache["A2"].shape == (2, 9)
    np.testing.assert_array_equal(cache["A1"], np.maximum(0, cache["Z1"]))
    np.testing.assert_allclose(a3, 1 / (1 + np.exp(-cache["Z3"])), rtol=1e-15)


def test_sigmoid_is_finite_and_exact_for_large_inputs():
    z = np.array([[-1000.0, -40.0, -1.0, 0.0, 1.0, 40.0, 1000.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is fine
        s = sigmoid(z)
    assert np.all(np.isfinite(s))
    np.testing.assert_allclose(s[0, 1:-1], 1 / (1 + np.exp(-z[0, 1:-1])), rtol=1e-15)
    assert s[0, 0] == 0.0 and s[0, -1] == 1.0
    np.testing.assert_allclose(sigmoid(-z), 1 - s, atol=1e-15)


def test_forward_rejects_x_of_the_wrong_orientation():
    parameters, X, _ = random_network([2, 5, 2, 1], m=9, seed=0)
    with pytest.raises(ValueError, match="W1"):
        forward_propagation(X.T, parameters)
    with pytest.raises(ValueError, match=r"\(n_x, m\)"):
        forward_propagation(X[0], parameters)


def test_cost_is_the_sum_of_the_cross_entropy():
    a3 = np.array([[0.9, 0.2, 0.6, 0.01]])
    Y = np.array([[1.0, 0.0, 0.0, 1.0]])
    expected = -(np.log(0.9) + np.log(0.8) + np.log(0.4) + np.log(0.01))
    cost = compute_cost(a3, Y)
    assert isinstance(cost, float)
    assert cost == pytest.approx(expected, rel=1e-14)


def test_cost_is_finite_for_saturated_outputs():
    a3 = np.array([[0.0, 1.0, 0.0, 1.0]])
    Y = np.array([[0.0, 1.0, 1.0, 0.0]])
    with np.errstate(all="raise"):
        cost = compute_cost(a3, Y)
    assert np.isfinite(cost)
    assert cost > 2 * 30  # two confident mistakes still cost a lot
    assert compute_cost(a3[:, :2], Y[:, :2]) < 1e-12  # two confident right answers cost nothing
    # And through the network, with logits of +-1000.
    parameters = {"W1": np.array([[1000.0]]), "b1": np.zeros((1, 1))}
    a, _ = forward_propagation(np.array([[1.0, -1.0]]), parameters)
    assert np.isfinite(compute_cost(a, np.array([[0.0, 1.0]])))


def test_cost_rejects_mismatched_shapes():
    with pytest.raises(ValueError, match="a3"):
        compute_cost(np.full((1, 3), 0.5), np.ones((1, 4)))


# --- backward ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "layers_dims, m, seed", [([2, 5, 2, 1], 7, 0), ([3, 4, 3, 1], 5, 1), ([4, 3, 3, 2, 1], 6, 2)]
)
def test_backward_matches_finite_differences_of_the_mean_cost(layers_dims, m, seed):
    parameters, X, Y = random_network(layers_dims, m, seed)
    _, cache = forward_propagation(X, parameters)
    grads = backward_propagation(X, Y, cache)
    assert sorted(grads) == sorted("d" + k for k in parameters)
    for key, value in parameters.items():
        assert grads["d" + key].shape == value.shape
    approx = numerical_gradients(X, Y, parameters)
    assert relative_difference(grads, approx) < 1e-7


def test_the_gradient_check_catches_a_wrong_gradient():
    # The same check must fail for the gradient of the summed cost (dZ3 = A3 - Y, without 1/m)
    # and for a gradient with one entry wrong.
    parameters, X, Y = random_network([2, 5, 2, 1], m=7, seed=0)
    _, cache = forward_propagation(X, parameters)
    grads = backward_propagation(X, Y, cache)
    approx = numerical_gradients(X, Y, parameters)
    summed = {k: 7 * g for k, g in grads.items()}
    assert relative_difference(summed, approx) > 0.5
    off = {k: g.copy() for k, g in grads.items()}
    off["dW2"][0, 0] += 1e-3
    assert relative_difference(off, approx) > 1e-4


def test_backward_rejects_mismatched_labels():
    parameters, X, Y = random_network([2, 5, 2, 1], m=7, seed=0)
    _, cache = forward_propagation(X, parameters)
    with pytest.raises(ValueError):
        backward_propagation(X, Y[:, :5], cache)


# --- predictions ---------------------------------------------------------------------------------


def test_predict_and_accuracy():
    parameters, X, Y = random_network([2, 5, 2, 1], m=50, seed=3)
    a3, _ = forward_propagation(X, parameters)
    predictions, accuracy = predict(X, Y, parameters)
    assert predictions.shape == (1, 50)
    assert predictions.dtype == np.float64
    np.testing.assert_array_equal(predictions, (a3 > 0.5).astype(np.float64))
    assert isinstance(accuracy, float)
    assert accuracy == np.mean(predictions == Y)
    _, perfect = predict(X, predictions, parameters)
    assert perfect == 1.0
    dec = predict_dec(parameters, X)
    assert dec.shape == (1, 50) and dec.dtype == bool
    np.testing.assert_array_equal(dec, predictions == 1)
