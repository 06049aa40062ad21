"""``backward_propagation_with_regularization``: plain backprop plus lambd/m * W[l] on every dW[l].

Reference: ``solutions/regularization.py``; teaching text: ``assignments/content/regularization.py``;
TensorFlow counterpart: ``solutions/counterparts/regularization.py`` (``tf.GradientTape`` of Keras's
BinaryCrossentropy plus the L2 regularizers of float64 Dense layers, exact).

The cache is ``course_lib.network.forward_propagation``'s (not an exercise of this assignment).
Only ``dW{l}`` and ``db{l}`` are graded: the course's extra keys (``dA{l}``, ``dZ{l}``) are allowed.
Cases: one to four layers, lambd from 0.05 to 5, non-zero biases.

The ``mistake_*`` functions are self-contained (``np`` only), transplanted into a submission next
to the imports of ``solutions.regularization``.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises.regularization import inputs
from autograder.course.spec import Case, Exercise, Mistake
from course_lib.compare import Subset, Tolerance
from solutions import regularization as ref

COUNTERPART = "solutions.counterparts.regularization:"


def graded_gradients(grads):
    """What is graded of a ``grads`` dict: its ``dW{l}`` and ``db{l}`` (other keys are allowed)."""
    return Subset({key: value for key, value in grads.items()
                   if key.startswith(("dW", "db"))})


def _args(seed, dims, m, lambd, zeros=False):
    """``(X, Y, cache, lambd)`` with the plain forward pass's cache of the case's network;
    ``zeros`` sets every third weight to exactly 0 first (for L1's sign)."""
    X, Y, parameters = inputs.network(seed, dims, m)
    if zeros:
        parameters = inputs.with_zero_weights(parameters)
    AL, cache = inputs.plain_forward(X, parameters)
    assert inputs.moderate_outputs(AL), (seed, dims)  # Keras's clip at 1e-7 plays no part
    return X, Y, cache, lambd


def _cases():
    cases = [
        Case("course_network", "fixed", args=_args(4000, [2, 4, 3, 1], 5, 0.7),
             note="layers_dims = [2, 4, 3, 1], m = 5, lambd = 0.7"),
        Case("two_layers", "fixed", args=_args(4001, [3, 2, 1], 4, 0.1),
             note="layers_dims = [3, 2, 1], m = 4, lambd = 0.1"),
    ]
    for i in range(10):
        rng = np.random.default_rng(4100 + i)
        dims = inputs.random_dims(rng, max_hidden=4 if i % 3 == 0 else 2)
        m = int(rng.integers(2, 13))
        lambd = inputs.LAMBDS[i % len(inputs.LAMBDS)]
        cases.append(Case(f"random_{i}", "random", args=_args(4200 + i, dims, m, lambd),
                          note=f"layers_dims = {dims}, m = {m}, lambd = {lambd:g}"))
    # lambd / (2m) = 1/32, 1/8, 3/64: float32 numbers, as Keras's L2 casts its factor through
    # float32 (see solutions/counterparts/regularization.py)
    for i, (dims, m, lambd) in enumerate((([2, 5, 3, 1], 8, 0.5), ([3, 4, 1], 6, 1.5),
                                          ([2, 3, 3, 2, 1], 8, 0.75))):
        cases.append(Case(f"keras_{i}", "tensorflow", args=_args(4300 + i, dims, m, lambd),
                          note=f"against tf.GradientTape of keras BinaryCrossentropy + L2 "
                               f"regularizers, layers_dims = {dims}, lambd = {lambd:g}"))
    cases += [
        Case("lambd_zero", "edge", args=_args(4400, [2, 3, 2, 1], 6, 0.0),
             note="lambd = 0: plain backpropagation"),
        Case("one_example", "edge", visible=True,
             args=_args(4401, [2, 3, 2, 1], 1, 0.7), note="m = 1"),
        Case("one_layer", "edge", args=_args(4402, [3, 1], 7, 0.7),
             note="layers_dims = [3, 1]: logistic regression"),
        Case("large_lambd", "edge", args=_args(4403, [2, 4, 4, 3, 1], 5, 50.0),
             note="four layers, lambd = 50: the penalty's gradient dominates"),
    ]
    return cases


def mistake_no_penalty_gradient(X, Y, cache, lambd):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    dZ = (cache[f"A{L}"] - Y) / m
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else cache[f"A{l - 1}"]
        grads[f"dW{l}"] = dZ @ A_prev.T
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dZ = (cache[f"W{l}"].T @ dZ) * (A_prev > 0)
    return grads


def mistake_half_penalty_gradient(X, Y, cache, lambd):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    dZ = (cache[f"A{L}"] - Y) / m
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else cache[f"A{l - 1}"]
        grads[f"dW{l}"] = dZ @ A_prev.T + lambd / (2 * m) * cache[f"W{l}"]
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dZ = (cache[f"W{l}"].T @ dZ) * (A_prev > 0)
    return grads


def mistake_double_penalty_gradient(X, Y, cache, lambd):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    dZ = (cache[f"A{L}"] - Y) / m
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else cache[f"A{l - 1}"]
        grads[f"dW{l}"] = dZ @ A_prev.T + 2 * lambd / m * cache[f"W{l}"]
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dZ = (cache[f"W{l}"].T @ dZ) * (A_prev > 0)
    return grads


def mistake_biases_regularised(X, Y, cache, lambd):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    dZ = (cache[f"A{L}"] - Y) / m
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else cache[f"A{l - 1}"]
        grads[f"dW{l}"] = dZ @ A_prev.T + lambd / m * cache[f"W{l}"]
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True) + lambd / m * cache[f"b{l}"]
        if l > 1:
            dZ = (cache[f"W{l}"].T @ dZ) * (A_prev > 0)
    return grads


def mistake_penalty_not_divided_by_m(X, Y, cache, lambd):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    dZ = (cache[f"A{L}"] - Y) / m
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else cache[f"A{l - 1}"]
        grads[f"dW{l}"] = dZ @ A_prev.T + lambd * cache[f"W{l}"]
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dZ = (cache[f"W{l}"].T @ dZ) * (A_prev > 0)
    return grads


def mistake_penalty_on_output_layer_only(X, Y, cache, lambd):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    dZ = (cache[f"A{L}"] - Y) / m
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else cache[f"A{l - 1}"]
        grads[f"dW{l}"] = dZ @ A_prev.T
        if l == L:
            grads[f"dW{l}"] = grads[f"dW{l}"] + lambd / m * cache[f"W{l}"]
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dZ = (cache[f"W{l}"].T @ dZ) * (A_prev > 0)
    return grads


def mistake_penalty_propagated(X, Y, cache, lambd):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    dZ = (cache[f"A{L}"] - Y) / m
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else cache[f"A{l - 1}"]
        grads[f"dW{l}"] = dZ @ A_prev.T + lambd / m * cache[f"W{l}"]
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            W_reg = cache[f"W{l}"] + lambd / m * cache[f"W{l}"]
            dZ = (W_reg.T @ dZ) * (A_prev > 0)
    return grads


EXERCISE = Exercise(
    name="backward_propagation_with_regularization",
    points=14,
    reference=ref.backward_propagation_with_regularization,
    cases=_cases,
    summary="backpropagation of the L2-regularised cost: the plain gradients plus lambd/m * W on "
            "every dW",
    tolerance=Tolerance(
        rtol=1e-7, atol_scale=1e-10,
        reason="products and sums of a few dozen terms of size about 1; the derivative through "
               "dA * sigmoid'(Z) instead of AL - Y loses at most 1e-12 relative for outputs "
               "inside (1e-4, 1 - 1e-4); every known mistake moves a gradient by at least 7e-3 "
               "of its largest entry",
    ),
    tensorflow=COUNTERPART + "backward_propagation_with_regularization",
    returns=("grads",),
    expected_view=graded_gradients,
    mistakes=(
        Mistake("no_penalty_gradient",
                "Your gradients are those of the plain cost: add the penalty's gradient, "
                "lambd / m * W, to every dW (dW = dZ @ A_prev.T + lambd / m * W).",
                mistake_no_penalty_gradient),
        Mistake("half_penalty_gradient",
                "Your penalty's gradient is lambd / (2*m) * W, half of what it should be: the "
                "derivative of lambd / (2*m) * W**2 is lambd / m * W (the 2 of the square "
                "cancels the 2 of 2m).",
                mistake_half_penalty_gradient),
        Mistake("double_penalty_gradient",
                "Your penalty's gradient is 2 * lambd / m * W, twice what it should be: the cost "
                "has lambd / (2*m), so its derivative is lambd / m * W.",
                mistake_double_penalty_gradient),
        Mistake("biases_regularised",
                "You add lambd / m * b to the db's: the biases are not regularised (the cost "
                "penalises the weights only), so db is the plain sum of dZ over the examples.",
                mistake_biases_regularised),
        Mistake("penalty_not_divided_by_m",
                "Your penalty's gradient is lambd * W: divide it by m, lambd / m * W, like the "
                "cost's lambd / (2*m).",
                mistake_penalty_not_divided_by_m),
        Mistake("penalty_on_output_layer_only",
                "Only your last layer's dW has the penalty's gradient: every layer's weights are "
                "penalised, so add lambd / m * W[l] to every dW[l], l = 1..L.",
                mistake_penalty_on_output_layer_only),
        Mistake("penalty_propagated",
                "Your backward pass sends the gradient to the layer below through "
                "W + lambd / m * W. The penalty acts on dW only: dA_prev = W.T @ dZ with the "
                "plain W.",
                mistake_penalty_propagated),
    ),
)
