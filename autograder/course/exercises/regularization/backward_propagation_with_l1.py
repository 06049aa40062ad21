"""``backward_propagation_with_l1`` (an optional extra): plain backprop plus lambd/m * sign(W[l]).

Reference: ``solutions/regularization.py``; teaching text: ``assignments/content/regularization.py``
(its ``if backward_propagation_with_l1`` cells); TensorFlow counterpart:
``solutions/counterparts/regularization.py`` (``tf.GradientTape`` of Keras's BinaryCrossentropy
plus the L1 regularizers of float64 Dense layers, exact; TensorFlow's gradient of ``abs`` at 0 is
0, as ``np.sign``).

The cache is ``course_lib.network.forward_propagation``'s, as for
``backward_propagation_with_regularization``, whose graded view (``dW{l}`` and ``db{l}`` only) this
exercise shares. Cases: one to four layers, lambd from 0.05 to 5, non-zero biases; a visible edge
case and a TensorFlow case have weights exactly 0 (sign 0, where ``W / abs(W)`` is NaN).

The ``mistake_*`` functions are self-contained (``np`` only), transplanted into a submission next
to the imports of ``solutions.regularization``.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises.regularization import inputs
from autograder.course.exercises.regularization.backward_propagation_with_regularization import (
    _args,
    graded_gradients,
)
from autograder.course.spec import Case, Exercise, Mistake
from course_lib.compare import Tolerance
from solutions import regularization as ref

COUNTERPART = "solutions.counterparts.regularization:"


def _cases():
    cases = [
        Case("course_network", "fixed", args=_args(6000, [2, 4, 3, 1], 5, 0.7),
             note="layers_dims = [2, 4, 3, 1], m = 5, lambd = 0.7"),
        Case("two_layers", "fixed", args=_args(6001, [3, 2, 1], 4, 0.1),
             note="layers_dims = [3, 2, 1], m = 4, lambd = 0.1"),
    ]
    for i in range(10):
        rng = np.random.default_rng(6100 + i)
        dims = inputs.random_dims(rng, max_hidden=4 if i % 3 == 0 else 2)
        m = int(rng.integers(2, 13))
        lambd = inputs.LAMBDS[i % len(inputs.LAMBDS)]
        cases.append(Case(f"random_{i}", "random", args=_args(6200 + i, dims, m, lambd),
                          note=f"layers_dims = {dims}, m = {m}, lambd = {lambd:g}"))
    # lambd / m = 1/16, 1/4, 3/32: float32 numbers, as Keras's L1 casts its factor through
    # float32 (see solutions/counterparts/regularization.py); the last has weights exactly 0,
    # where TensorFlow's gradient of abs must be 0 as np.sign is
    for i, (dims, m, lambd, zeros) in enumerate((([2, 5, 3, 1], 8, 0.5, False),
                                                 ([3, 4, 1], 6, 1.5, False),
                                                 ([2, 3, 3, 2, 1], 8, 0.75, True))):
        cases.append(Case(f"keras_{i}", "tensorflow", args=_args(6300 + i, dims, m, lambd, zeros),
                          note=f"against tf.GradientTape of keras BinaryCrossentropy + L1 "
                               f"regularizers, layers_dims = {dims}, lambd = {lambd:g}"
                               + (", every third weight exactly 0" if zeros else "")))
    cases += [
        Case("lambd_zero", "edge", args=_args(6400, [2, 3, 2, 1], 6, 0.0),
             note="lambd = 0: plain backpropagation"),
        Case("one_example", "edge", args=_args(6401, [2, 3, 2, 1], 1, 0.7), note="m = 1"),
        Case("one_layer", "edge", args=_args(6402, [3, 1], 7, 0.7),
             note="layers_dims = [3, 1]: logistic regression"),
        Case("zero_weights", "edge", visible=True,
             args=_args(6403, [2, 4, 3, 1], 6, 0.7, zeros=True),
             note="every third weight exactly 0: np.sign(0) = 0 adds nothing there"),
        Case("large_lambd", "edge", args=_args(6404, [2, 4, 4, 3, 1], 5, 50.0),
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


def mistake_l2_gradient(X, Y, cache, lambd):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    dZ = (cache[f"A{L}"] - Y) / m
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else cache[f"A{l - 1}"]
        grads[f"dW{l}"] = dZ @ A_prev.T + lambd / m * cache[f"W{l}"]
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dZ = (cache[f"W{l}"].T @ dZ) * (A_prev > 0)
    return grads


def mistake_l2_factor(X, Y, cache, lambd):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    dZ = (cache[f"A{L}"] - Y) / m
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else cache[f"A{l - 1}"]
        grads[f"dW{l}"] = dZ @ A_prev.T + lambd / (2 * m) * np.sign(cache[f"W{l}"])
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
        grads[f"dW{l}"] = dZ @ A_prev.T + lambd / m * np.sign(cache[f"W{l}"])
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True) + lambd / m * np.sign(cache[f"b{l}"])
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
            grads[f"dW{l}"] = grads[f"dW{l}"] + lambd / m * np.sign(cache[f"W{l}"])
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dZ = (cache[f"W{l}"].T @ dZ) * (A_prev > 0)
    return grads


def mistake_sign_by_division(X, Y, cache, lambd):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    dZ = (cache[f"A{L}"] - Y) / m
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else cache[f"A{l - 1}"]
        W = cache[f"W{l}"]
        grads[f"dW{l}"] = dZ @ A_prev.T + lambd / m * (W / np.abs(W))
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dZ = (cache[f"W{l}"].T @ dZ) * (A_prev > 0)
    return grads


def mistake_penalty_subtracted(X, Y, cache, lambd):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    dZ = (cache[f"A{L}"] - Y) / m
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else cache[f"A{l - 1}"]
        grads[f"dW{l}"] = dZ @ A_prev.T - lambd / m * np.sign(cache[f"W{l}"])
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dZ = (cache[f"W{l}"].T @ dZ) * (A_prev > 0)
    return grads


def mistake_divided_by_m_twice(X, Y, cache, lambd):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    dZ = (cache[f"A{L}"] - Y) / m
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else cache[f"A{l - 1}"]
        grads[f"dW{l}"] = dZ @ A_prev.T + lambd / m * np.sign(cache[f"W{l}"]) / m
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dZ = (cache[f"W{l}"].T @ dZ) * (A_prev > 0)
    return grads


EXERCISE = Exercise(
    name="backward_propagation_with_l1",
    points=14,
    optional=True,
    reference=ref.backward_propagation_with_l1,
    cases=_cases,
    summary="backpropagation of the L1-regularised cost: the plain gradients plus "
            "lambd/m * sign(W) on every dW",
    tolerance=Tolerance(
        rtol=1e-7, atol_scale=1e-10,
        reason="products and sums of a few dozen terms of size about 1; the derivative through "
               "dA * sigmoid'(Z) instead of AL - Y loses at most 1e-12 relative for outputs "
               "inside (1e-4, 1 - 1e-4); sign(W) is exact whichever way it is written (0 at 0); "
               "every known mistake moves a gradient far beyond the tolerance on some case",
    ),
    tensorflow=COUNTERPART + "backward_propagation_with_l1",
    returns=("grads",),
    expected_view=graded_gradients,
    mistakes=(
        Mistake("no_penalty_gradient",
                "Your gradients are those of the plain cost: add the L1 penalty's gradient, "
                "lambd / m * np.sign(W), to every dW (dW = dZ @ A_prev.T + lambd / m * "
                "np.sign(W)).",
                mistake_no_penalty_gradient),
        Mistake("l2_gradient",
                "You add lambd / m * W, the gradient of L2's penalty. The derivative of |w| is "
                "its sign: add lambd / m * np.sign(W) to every dW.",
                mistake_l2_gradient),
        Mistake("l2_factor",
                "Your penalty's gradient is lambd / (2*m) * np.sign(W), half of what it should "
                "be: the L1 cost has lambd / m (no 2, there is no square to differentiate), so "
                "its gradient is lambd / m * np.sign(W).",
                mistake_l2_factor),
        Mistake("biases_regularised",
                "You add lambd / m * np.sign(b) to the db's: the biases are not regularised (the "
                "cost penalises the weights only), so db is the plain sum of dZ over the "
                "examples.",
                mistake_biases_regularised),
        Mistake("penalty_on_output_layer_only",
                "Only your last layer's dW has the penalty's gradient: every layer's weights are "
                "penalised, so add lambd / m * np.sign(W[l]) to every dW[l], l = 1..L.",
                mistake_penalty_on_output_layer_only),
        Mistake("sign_by_division",
                "Your dW holds NaN where a weight is exactly 0: W / np.abs(W) divides 0 by 0 "
                "there. Use np.sign(W), which is 0 at 0.",
                mistake_sign_by_division),
        Mistake("penalty_subtracted",
                "You subtract the penalty's gradient: the penalty is added to the cost, so its "
                "gradient is added too, dW = dZ @ A_prev.T + lambd / m * np.sign(W) (gradient "
                "descent then pulls every weight towards 0).",
                mistake_penalty_subtracted),
        Mistake("divided_by_m_twice",
                "Your penalty's gradient is divided by m twice. It is lambd / m * np.sign(W), "
                "divided by m once.",
                mistake_divided_by_m_twice),
    ),
)
