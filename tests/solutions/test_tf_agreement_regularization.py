"""The regularization references agree with Keras: BinaryCrossentropy plus L2 kernel regularizers,
tf.GradientTape through float64 Dense layers, and Keras's Dropout rule on the same masks.

Tolerances: every quantity is a sum of at most a few dozen products of float64 numbers of size
about 1, computed in another order by TensorFlow, so 1e-12 of the array's largest entry is far
above rounding (about 1e-15) and far below any mistake (the smallest mistake moves a gradient by a
whole lambd/m * W term). Keras's L2 factor goes through float32 (see l2_factor_error): the exact
comparisons use factors lambd/(2m) that are float32 numbers; one test bounds the gap for others.
"""

import numpy as np
import pytest
from tf_agreement_support import assert_close, assert_same_keys, rng_for

from course_lib.network import forward_propagation
from solutions import regularization as ref
from solutions.counterparts import regularization as tfc

CASES = range(12)
RTOL = 1e-12


def network_case(case):
    """X, Y, parameters of 1 to 3 hidden layers; m and lambd such that lambd/(2m) is dyadic."""
    rng = rng_for(60, case)
    L = int(rng.integers(1, 5))
    dims = [int(rng.integers(1, 5))] + [int(n) for n in rng.integers(1, 7, size=L - 1)] + [1]
    m = int(rng.choice([1, 2, 4, 8, 16]))
    parameters = {}
    for l in range(1, L + 1):
        parameters[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
        parameters[f"b{l}"] = 0.1 * rng.standard_normal((dims[l], 1))
    X = rng.standard_normal((dims[0], m))
    Y = (rng.random((1, m)) < 0.5).astype(np.float64)
    lambd = float(rng.choice([0.0, 0.5, 0.75, 1.5, 3.0]))
    keep_prob = float(rng.choice([0.5, 0.75, 0.86, 1.0]))
    return X, Y, parameters, lambd, keep_prob, int(rng.integers(0, 1000))


def assert_grads_close(got, expected, what):
    assert_same_keys(got, expected, what)
    for key in expected:
        scale = np.max(np.abs(expected[key]), initial=1e-300)
        assert_close(got[key], expected[key], rtol=RTOL, scale=scale, what=f"{what}[{key!r}]")


@pytest.mark.parametrize("case", CASES)
def test_l2_cost_matches_keras_bce_plus_l2_regularizers(case):
    X, Y, parameters, lambd, _, _ = network_case(case)
    AL, _ = forward_propagation(X, parameters)
    expected = ref.compute_cost_with_regularization(AL, Y, parameters, lambd)
    got = tfc.compute_cost_with_regularization(AL, Y, parameters, lambd)
    assert isinstance(got, float)
    assert_close(got, expected, rtol=RTOL, scale=expected, what="cost")


@pytest.mark.parametrize("case", CASES)
def test_l2_gradients_match_gradient_tape(case):
    X, Y, parameters, lambd, _, _ = network_case(case)
    _, cache = forward_propagation(X, parameters)
    expected = ref.backward_propagation_with_regularization(X, Y, cache, lambd)
    assert_grads_close(tfc.backward_propagation_with_regularization(X, Y, cache, lambd),
                       expected, "grads")


def test_keras_l2_factor_goes_through_float32():
    """With lambd/(2m) = 0.07 (not a float32 number) Keras's penalty is off by
    l2_factor_error * sum(W**2): more than rounding, and exactly explained."""
    X, Y, parameters, _, _, _ = network_case(3)
    m = 5
    X, Y = np.tile(X[:, :1], (1, m)), np.tile(Y[:, :1], (1, m))
    AL, _ = forward_propagation(X, parameters)
    lambd = 0.7
    squares = sum(np.sum(parameters[k] ** 2) for k in parameters if k.startswith("W"))
    gap = abs(tfc.compute_cost_with_regularization(AL, Y, parameters, lambd)
              - ref.compute_cost_with_regularization(AL, Y, parameters, lambd))
    bound = tfc.l2_factor_error(lambd, m) * squares
    assert bound > 1e-10 * squares
    assert 0.5 * bound <= gap <= bound * (1 + 1e-6) + 1e-15
    assert tfc.l2_factor_error(0.5, 8) == 0.0


def test_keras_clips_probabilities_where_the_kit_does_not():
    """Why the cases keep every probability inside (1e-4, 1 - 1e-4): at 1e-9 Keras's clip at
    1e-7 changes the cross-entropy, the kit's clip at 2.2e-16 does not."""
    AL, Y = np.array([[1e-9, 0.5]]), np.array([[1.0, 0.0]])
    parameters = {"W1": np.ones((1, 1)), "b1": np.zeros((1, 1))}
    expected = ref.compute_cost_with_regularization(AL, Y, parameters, 0.0)
    assert_close(expected, (-np.log(1e-9) - np.log(0.5)) / 2, rtol=1e-14, what="kit")
    got = tfc.compute_cost_with_regularization(AL, Y, parameters, 0.0)
    assert_close(got, (-np.log(1e-7) - np.log(0.5)) / 2, rtol=1e-7, what="keras")
    assert abs(got - expected) > 1


@pytest.mark.parametrize("case", CASES)
def test_dropout_forward_matches_dense_layers_and_tf_where(case):
    X, _, parameters, _, keep_prob, seed = network_case(case)
    AL, cache = ref.forward_propagation_with_dropout(X, parameters, keep_prob, seed)
    got_AL, got_cache = tfc.forward_propagation_with_dropout(X, parameters, keep_prob, seed)
    assert_same_keys(got_cache, cache, "cache")
    L = len(parameters) // 2
    for l in range(1, L):
        np.testing.assert_array_equal(got_cache[f"D{l}"], cache[f"D{l}"])
        assert cache[f"D{l}"].dtype == np.bool_
    for key in cache:
        if not key.startswith("D"):
            scale = np.max(np.abs(cache[key]), initial=1e-300)
            assert_close(got_cache[key], cache[key], rtol=RTOL, scale=scale, what=key)
    assert_close(got_AL, AL, rtol=RTOL, scale=1.0, what="AL")


@pytest.mark.parametrize("case", CASES)
def test_dropout_backward_matches_gradient_tape_on_the_caches_masks(case):
    X, Y, parameters, _, keep_prob, seed = network_case(case)
    _, cache = ref.forward_propagation_with_dropout(X, parameters, keep_prob, seed)
    expected = ref.backward_propagation_with_dropout(X, Y, cache, keep_prob)
    assert_grads_close(tfc.backward_propagation_with_dropout(X, Y, cache, keep_prob),
                       expected, "grads")


def test_dropout_backward_uses_the_masks_it_is_given():
    """A student's own masks (0/1 integers, not the course's stream) go through both sides."""
    X, Y, parameters, _, _, _ = network_case(5)
    L = len(parameters) // 2
    rng = np.random.default_rng(7)
    keep_prob = 0.6
    A, cache = X, {"A0": X}
    for l in range(1, L + 1):
        Z = parameters[f"W{l}"] @ A + parameters[f"b{l}"]
        if l < L:
            D = (rng.random(Z.shape) < keep_prob).astype(int)
            A = np.maximum(Z, 0) * D / keep_prob
            cache[f"D{l}"] = D
        else:
            A = 1 / (1 + np.exp(-Z))
        cache.update({f"Z{l}": Z, f"A{l}": A, f"W{l}": parameters[f"W{l}"],
                      f"b{l}": parameters[f"b{l}"]})
    expected = ref.backward_propagation_with_dropout(X, Y, cache, keep_prob)
    assert_grads_close(tfc.backward_propagation_with_dropout(X, Y, cache, keep_prob),
                       expected, "grads")
    plain = ref.backward_propagation_with_dropout(
        X, Y, {**cache, **{f"D{l}": np.ones_like(cache[f"D{l}"]) for l in range(1, L)}}, 1.0)
    if L > 1:
        assert any(not np.allclose(plain[k], expected[k]) for k in expected)


def test_counterparts_leave_their_inputs_alone():
    X, Y, parameters, lambd, keep_prob, seed = network_case(2)
    _, cache = ref.forward_propagation_with_dropout(X, parameters, keep_prob, seed)
    copies = {k: v.copy() for k, v in cache.items()}
    tfc.backward_propagation_with_dropout(X, Y, cache, keep_prob)
    tfc.backward_propagation_with_regularization(X, Y, cache, lambd)
    for key, value in copies.items():
        np.testing.assert_array_equal(cache[key], value)
