"""``compute_cost_with_l1`` (an optional extra): the mean cross-entropy plus lambd/m sum of |W[l]|.

Reference: ``solutions/regularization.py``; teaching text: ``assignments/content/regularization.py``
(its ``if compute_cost_with_l1`` cells); TensorFlow counterpart:
``solutions/counterparts/regularization.py`` (Keras's BinaryCrossentropy plus
``keras.regularizers.L1(lambd/m)`` on every kernel, exact in float64).

The network, cache and case layout are those of ``compute_cost_with_regularization``: one to four
layers (a solution hard-coded for three fails on the others), lambd from 0.05 to 5, non-zero biases
(so that a regularised bias shows), m from 1 to 12, ``AL`` from the plain forward pass with every
probability inside (1e-4, 1 - 1e-4). One edge case has weights exactly 0.

The ``mistake_*`` functions are self-contained: each is transplanted into a submission next to the
imports of ``solutions.regularization`` (``np``, ``compute_cost``, ``relu``, ``sigmoid``).
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises.regularization import inputs
from autograder.course.exercises.regularization.compute_cost_with_regularization import (
    _args,
    _course_test_case,
)
from autograder.course.spec import Case, Exercise, Mistake
from course_lib.compare import Tolerance
from course_lib.network import compute_cost
from solutions import regularization as ref

COUNTERPART = "solutions.counterparts.regularization:"


def _cases():
    cases = [
        Case("course_test_case", "fixed", args=_course_test_case(),
             note="the inputs of the course's L2 cost test case, lambd = 0.1"),
        Case("course_network", "fixed", args=_args(5000, [2, 4, 3, 1], 5, 0.7),
             note="layers_dims = [2, 4, 3, 1], m = 5, lambd = 0.7"),
        Case("two_layers", "fixed", args=_args(5001, [3, 2, 1], 4, 0.1),
             note="layers_dims = [3, 2, 1], m = 4, lambd = 0.1"),
    ]
    for i in range(10):
        rng = np.random.default_rng(5120 + i)
        dims = inputs.random_dims(rng, max_hidden=4 if i % 3 == 0 else 2)
        m = int(rng.integers(2, 13))
        lambd = inputs.LAMBDS[i % len(inputs.LAMBDS)]
        cases.append(Case(f"random_{i}", "random", args=_args(5220 + i, dims, m, lambd),
                          note=f"layers_dims = {dims}, m = {m}, lambd = {lambd:g}"))
    # lambd / m = 1/16, 1/4, 3/32: float32 numbers, as Keras's L1 casts its factor through
    # float32 (see solutions/counterparts/regularization.py)
    for i, (dims, m, lambd) in enumerate((([2, 5, 3, 1], 8, 0.5), ([3, 4, 1], 6, 1.5),
                                          ([2, 3, 3, 2, 1], 8, 0.75))):
        cases.append(Case(f"keras_{i}", "tensorflow", args=_args(5300 + i, dims, m, lambd),
                          note=f"against keras BinaryCrossentropy + L1 regularizers, "
                               f"layers_dims = {dims}, lambd = {lambd:g}"))
    cases += [
        Case("lambd_zero", "edge", args=_args(5400, [2, 3, 2, 1], 6, 0.0),
             note="lambd = 0: the plain mean cross-entropy"),
        Case("one_example", "edge", args=_args(5401, [2, 3, 2, 1], 1, 0.7),
             note="m = 1"),
        Case("one_layer", "edge", args=_args(5402, [3, 1], 7, 0.7),
             note="layers_dims = [3, 1]: logistic regression, one weight matrix"),
        Case("zero_weights", "edge", visible=True, args=_args(5403, [2, 4, 3, 1], 6, 0.7, zeros=True),
             note="every third weight exactly 0 (abs(0) = 0 adds nothing)"),
        Case("large_weights", "edge", args=_args(5404, [2, 4, 4, 3, 1], 5, 2.0,
                                                  penalty_scale=20.0),
             note="four layers with weights about 20 times He's: the penalty dominates"),
    ]
    return cases


def mistake_squares_as_in_l2(AL, Y, parameters, lambd):
    m = Y.shape[1]
    L = len(parameters) // 2
    cross_entropy_cost = compute_cost(AL, Y) / m
    L1 = lambd / m * sum(np.sum(np.square(parameters[f"W{l}"])) for l in range(1, L + 1))
    return float(cross_entropy_cost + L1)


def mistake_l2_factor(AL, Y, parameters, lambd):
    m = Y.shape[1]
    L = len(parameters) // 2
    cross_entropy_cost = compute_cost(AL, Y) / m
    L1 = lambd / (2 * m) * sum(np.sum(np.abs(parameters[f"W{l}"])) for l in range(1, L + 1))
    return float(cross_entropy_cost + L1)


def mistake_biases_regularised(AL, Y, parameters, lambd):
    m = Y.shape[1]
    cross_entropy_cost = compute_cost(AL, Y) / m
    L1 = lambd / m * sum(np.sum(np.abs(value)) for value in parameters.values())
    return float(cross_entropy_cost + L1)


def mistake_first_layer_only(AL, Y, parameters, lambd):
    m = Y.shape[1]
    cross_entropy_cost = compute_cost(AL, Y) / m
    L1 = lambd / m * np.sum(np.abs(parameters["W1"]))
    return float(cross_entropy_cost + L1)


def mistake_sum_instead_of_mean(AL, Y, parameters, lambd):
    m = Y.shape[1]
    L = len(parameters) // 2
    cross_entropy_cost = compute_cost(AL, Y)
    L1 = lambd / m * sum(np.sum(np.abs(parameters[f"W{l}"])) for l in range(1, L + 1))
    return float(cross_entropy_cost + L1)


def mistake_penalty_subtracted(AL, Y, parameters, lambd):
    m = Y.shape[1]
    L = len(parameters) // 2
    cross_entropy_cost = compute_cost(AL, Y) / m
    L1 = lambd / m * sum(np.sum(np.abs(parameters[f"W{l}"])) for l in range(1, L + 1))
    return float(cross_entropy_cost - L1)


def mistake_divided_by_m_twice(AL, Y, parameters, lambd):
    m = Y.shape[1]
    L = len(parameters) // 2
    cross_entropy_cost = compute_cost(AL, Y) / m
    L1 = lambd / m * sum(np.sum(np.abs(parameters[f"W{l}"])) for l in range(1, L + 1)) / m
    return float(cross_entropy_cost + L1)


EXERCISE = Exercise(
    name="compute_cost_with_l1",
    points=10,
    optional=True,
    reference=ref.compute_cost_with_l1,
    cases=_cases,
    summary="the mean cross-entropy plus the L1 penalty lambd/m times the sum of every weight's "
            "absolute value (not the biases)",
    tolerance=Tolerance(
        rtol=1e-7, atol_scale=1e-10,
        reason="a sum of at most a few dozen logs and absolute values of numbers of size about 1: "
               "equivalent formulas (np.mean of the logs, np.linalg.norm(W.ravel(), 1), a dot "
               "product with np.sign(W)) differ by about 1e-15 relative, every known mistake by "
               "far more than 1e-7 relative on some case",
    ),
    tensorflow=COUNTERPART + "compute_cost_with_l1",
    returns=("cost",),
    mistakes=(
        Mistake("squares_as_in_l2",
                "Your penalty adds up the squared weights (that is L2 regularisation). L1 adds "
                "up their absolute values: np.sum(np.abs(W)) for every weight matrix.",
                mistake_squares_as_in_l2),
        Mistake("l2_factor",
                "Your L1 penalty is half as large as it should be: it divides lambd by 2 * m, as "
                "L2's does. The L1 penalty is lambd / m * (sum of np.sum(np.abs(W)) over the "
                "layers); L2 needs the 2 only to cancel the 2 of its square's derivative.",
                mistake_l2_factor),
        Mistake("biases_regularised",
                "Your penalty also adds up the absolute values of the biases. L1 regularisation "
                "penalises only the weight matrices W1, ..., WL: leave the b's out.",
                mistake_biases_regularised),
        Mistake("first_layer_only",
                "Your penalty adds up the weights of W1 only: every layer's weights are "
                "penalised, so add np.sum(np.abs(W)) for l = 1..L, with "
                "L = len(parameters) // 2.",
                mistake_first_layer_only),
        Mistake("sum_instead_of_mean",
                "Your cross-entropy is the sum over the examples: compute_cost returns the sum, "
                "so divide it by m (the number of examples, Y.shape[1]) to get the mean before "
                "adding the penalty.",
                mistake_sum_instead_of_mean),
        Mistake("penalty_subtracted",
                "You subtract the penalty from the cross-entropy. A penalty makes large weights "
                "cost more: add lambd / m * (the sum of the absolute weights) to the cost.",
                mistake_penalty_subtracted),
        Mistake("divided_by_m_twice",
                "Your penalty is divided by m twice, lambd / m**2 * (the sum of the absolute "
                "weights). Divide by m once: lambd / m * the sum.",
                mistake_divided_by_m_twice),
    ),
)
