"""``backward_propagation_with_dropout``: backprop through the same dropped units, same scaling.

Reference: ``solutions/regularization.py``; teaching text: ``assignments/content/regularization.py``;
TensorFlow counterpart: ``solutions/counterparts/regularization.py`` (``tf.GradientTape`` through
float64 Dense layers and ``tf.where(D, A / keep_prob, 0)`` on the cache's own masks, exact).

The cache argument comes from ``forward_propagation_with_dropout`` (``cache_from``): each case's
args hold the reference's cache made from ``Case.forward``'s inputs, and the engine may grade a
student's backward on the cache of their own (correct) forward instead. Only ``dW{l}`` and
``db{l}`` are graded. Cases mirror the forward's: one to three hidden layers, keep_prob from 0.1
to 1, no hidden layer; every output probability inside (1e-4, 1 - 1e-4), as for L2.

The ``mistake_*`` functions are self-contained (``np`` and ``relu``), transplanted into a
submission next to the imports of ``solutions.regularization``.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises.regularization import inputs
from autograder.course.exercises.regularization.backward_propagation_with_regularization import (
    graded_gradients,
)
from autograder.course.spec import CacheFrom, Case, Exercise, Mistake
from course_lib.compare import Tolerance
from course_lib.network import relu
from solutions import regularization as ref

COUNTERPART = "solutions.counterparts.regularization:"


def _case(name, group, seed, dims, m, keep_prob, mask_seed, note="", visible=None):
    """A case whose cache is the reference forward's on the network of ``seed``."""
    X, Y, parameters = inputs.network(seed, dims, m)
    AL, cache = inputs.dropout_forward(X, parameters, keep_prob, mask_seed)
    assert inputs.moderate_outputs(AL), (name, seed)  # Keras's clip at 1e-7 plays no part
    return Case(name, group, args=(X, Y, cache, keep_prob),
                forward=((X, parameters, keep_prob, mask_seed), {}), visible=visible,
                note=note or f"layers_dims = {dims}, m = {m}, keep_prob = {keep_prob:g}")


def _cases():
    cases = [
        _case("course_network", "fixed", 6010, [2, 4, 3, 1], 5, 0.5, 1,
              note="layers_dims = [2, 4, 3, 1], m = 5, keep_prob = 0.5 (seed 1)"),
        _case("course_keep_prob", "fixed", 6001, [3, 4, 4, 1], 6, 0.86, 1,
              note="layers_dims = [3, 4, 4, 1], m = 6, keep_prob = 0.86 (seed 1)"),
    ]
    for i in range(10):
        rng = np.random.default_rng(6100 + i)
        dims = inputs.random_dims(rng)
        m = int(rng.integers(2, 10))
        cases.append(_case(f"random_{i}", "random", 6200 + i, dims, m,
                           inputs.KEEP_PROBS[i % len(inputs.KEEP_PROBS)], int(rng.integers(0, 100))))
    for i, (seed, dims, m, keep_prob) in enumerate(((6300, [2, 5, 3, 1], 8, 0.86),
                                                    (6301, [3, 4, 1], 6, 0.5),
                                                    (6312, [2, 3, 3, 2, 1], 7, 0.7))):
        cases.append(_case(f"keras_{i}", "tensorflow", seed, dims, m, keep_prob, 3 + i,
                           note=f"against tf.GradientTape through tf.where(D, A / keep_prob, 0), "
                                f"layers_dims = {dims}, keep_prob = {keep_prob:g}"))
    cases += [
        _case("keep_everything", "edge", 6400, [2, 3, 3, 1], 5, 1.0, 4,
              note="keep_prob = 1: plain backpropagation"),
        _case("keep_few", "edge", 6401, [2, 6, 5, 1], 8, 0.1, 5,
              note="keep_prob = 0.1: most units dropped, the kept ones times 10"),
        _case("one_example", "edge", 6402, [3, 4, 2, 1], 1, 0.7, 6, note="m = 1"),
        _case("no_hidden_layer", "edge", 6403, [3, 1], 5, 0.5, 7,
              note="layers_dims = [3, 1]: no hidden layer, no mask", visible=True),
        _case("three_hidden_layers", "edge", 6404, [2, 5, 5, 5, 1], 6, 0.8, 8,
              note="three hidden layers of 5 units, each with its own mask"),
    ]
    return cases


def mistake_mask_not_applied(X, Y, cache, keep_prob):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    dZ = (cache[f"A{L}"] - Y) / m
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else cache[f"A{l - 1}"]
        grads[f"dW{l}"] = dZ @ A_prev.T
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dA_prev = cache[f"W{l}"].T @ dZ
            dZ = dA_prev * (cache[f"Z{l - 1}"] > 0)
    return grads


def mistake_no_division_by_keep_prob(X, Y, cache, keep_prob):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    dZ = (cache[f"A{L}"] - Y) / m
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else cache[f"A{l - 1}"]
        grads[f"dW{l}"] = dZ @ A_prev.T
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dA_prev = cache[f"W{l}"].T @ dZ * cache[f"D{l - 1}"]
            dZ = dA_prev * (A_prev > 0)
    return grads


def mistake_multiplied_by_keep_prob(X, Y, cache, keep_prob):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    dZ = (cache[f"A{L}"] - Y) / m
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else cache[f"A{l - 1}"]
        grads[f"dW{l}"] = dZ @ A_prev.T
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dA_prev = cache[f"W{l}"].T @ dZ * cache[f"D{l - 1}"] * keep_prob
            dZ = dA_prev * (A_prev > 0)
    return grads


def mistake_scaled_twice(X, Y, cache, keep_prob):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    dZ = (cache[f"A{L}"] - Y) / m
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else cache[f"A{l - 1}"]
        grads[f"dW{l}"] = dZ @ A_prev.T
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            D = cache[f"D{l - 1}"]
            dA_prev = cache[f"W{l}"].T @ dZ * D / keep_prob
            dZ = dA_prev * (A_prev > 0) * D / keep_prob
    return grads


def mistake_undropped_activations_in_dW(X, Y, cache, keep_prob):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    dZ = (cache[f"A{L}"] - Y) / m
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else relu(cache[f"Z{l - 1}"])
        grads[f"dW{l}"] = dZ @ A_prev.T
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dA_prev = cache[f"W{l}"].T @ dZ * cache[f"D{l - 1}"] / keep_prob
            dZ = dA_prev * (A_prev > 0)
    return grads


def mistake_missing_one_over_m(X, Y, cache, keep_prob):
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    dZ = cache[f"A{L}"] - Y
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else cache[f"A{l - 1}"]
        grads[f"dW{l}"] = dZ @ A_prev.T
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dA_prev = cache[f"W{l}"].T @ dZ * cache[f"D{l - 1}"] / keep_prob
            dZ = dA_prev * (A_prev > 0)
    return grads


EXERCISE = Exercise(
    name="backward_propagation_with_dropout",
    points=14,
    reference=ref.backward_propagation_with_dropout,
    cases=_cases,
    summary="backpropagation through the dropped-out network: each hidden layer's dA masked by "
            "its D and divided by keep_prob",
    tolerance=Tolerance(
        rtol=1e-7, atol_scale=1e-10,
        reason="products and sums of a few dozen terms of size about 1 (masks of 0 and 1 "
               "exactly); masking dA or dZ, or dividing first, differ by one rounding; every "
               "known mistake moves a gradient by at least 14% of its largest entry",
    ),
    tensorflow=COUNTERPART + "backward_propagation_with_dropout",
    returns=("grads",),
    expected_view=graded_gradients,
    cache_from=CacheFrom("forward_propagation_with_dropout", argument=2, part=1),
    mistakes=(
        Mistake("mask_not_applied",
                "Your gradients flow through the dropped units as well: the units the forward "
                "pass dropped did not affect the cost, so their gradient is 0. Multiply each "
                "hidden layer's dA by its mask D (from the cache) and divide by keep_prob.",
                mistake_mask_not_applied),
        Mistake("no_division_by_keep_prob",
                "You mask dA with D but do not divide by keep_prob: the forward pass scaled the "
                "kept activations by 1 / keep_prob, so their gradient is scaled the same way, "
                "dA = dA * D / keep_prob.",
                mistake_no_division_by_keep_prob),
        Mistake("multiplied_by_keep_prob",
                "You multiply dA by keep_prob: the forward pass divided the kept activations by "
                "keep_prob, so divide their gradient too, dA = dA * D / keep_prob.",
                mistake_multiplied_by_keep_prob),
        Mistake("scaled_twice",
                "You apply the mask and the 1 / keep_prob twice, to dA and again to dZ. Apply "
                "them once, to dA, before the RELU's derivative: dA = dA * D / keep_prob, then "
                "dZ = dA * (A > 0).",
                mistake_scaled_twice),
        Mistake("undropped_activations_in_dW",
                "Your dW uses relu(Z), the activations before dropout. The next layer saw the "
                "dropped-out, rescaled A from the cache: dW = dZ @ A_prev.T with "
                "A_prev = cache['A' + str(l - 1)].",
                mistake_undropped_activations_in_dW),
        Mistake("missing_one_over_m",
                "Your gradients are m times too large: the cost is the mean over the m examples, "
                "so dZ of the output layer is (AL - Y) / m.",
                mistake_missing_one_over_m),
    ),
)
