"""``compute_cost_with_regularization``: the mean cross-entropy plus lambd/(2m) sum of W[l]**2.

Reference: ``solutions/regularization.py``; teaching text: ``assignments/content/regularization.py``;
TensorFlow counterpart: ``solutions/counterparts/regularization.py`` (Keras's BinaryCrossentropy plus
``keras.regularizers.L2(lambd/(2m))`` on every kernel, exact in float64).

Cases: networks of one to four layers (a solution hard-coded for the course's three layers fails
on the others), lambd from 0.05 to 5, non-zero biases (so that a regularised bias shows), m from 1
to 12. ``AL`` comes from the plain forward pass of the case's network, so it is a real network
output, with every probability inside (1e-4, 1 - 1e-4) (no clipping anywhere matters).

The ``mistake_*`` functions are self-contained: each is transplanted into a submission next to the
imports of ``solutions.regularization`` (``np``, ``compute_cost``, ``relu``, ``sigmoid``).
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises.regularization import inputs
from autograder.course.spec import Case, Exercise, Mistake
from course_lib.compare import Tolerance
from course_lib.network import compute_cost
from solutions import regularization as ref

COUNTERPART = "solutions.counterparts.regularization:"


def _args(seed, dims, m, lambd, weight_scale=1.0, penalty_scale=1.0, zeros=False):
    """``(AL, Y, parameters, lambd)``; ``penalty_scale`` multiplies the weights after the forward
    pass (large weights with a moderate AL: the penalty dominates the cost); ``zeros`` sets every
    third weight to exactly 0 before it (for L1)."""
    X, Y, parameters = inputs.network(seed, dims, m, weight_scale)
    if zeros:
        parameters = inputs.with_zero_weights(parameters)
    AL, _ = inputs.plain_forward(X, parameters)
    assert inputs.moderate_outputs(AL), (seed, dims)
    parameters = {k: v * penalty_scale for k, v in parameters.items()}
    return AL, Y, parameters, lambd


def _course_test_case():
    """The course's ``compute_cost_with_regularization_test_case``; with lambd = 0.1 the course
    prints a cost of 1.78648594516."""
    parameters = inputs.course_test_parameters(np.random.RandomState(1))
    AL = np.array([[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]])
    return AL, np.array([[1.0, 1.0, 0.0, 1.0, 0.0]]), parameters, 0.1


def _cases():
    cases = [
        Case("course_test_case", "fixed", args=_course_test_case(),
             note="the course's own test case, lambd = 0.1 (the course expects 1.78648594516)"),
        Case("course_network", "fixed", args=_args(3000, [2, 4, 3, 1], 5, 0.7),
             note="layers_dims = [2, 4, 3, 1], m = 5, lambd = 0.7"),
        Case("two_layers", "fixed", args=_args(3001, [3, 2, 1], 4, 0.1),
             note="layers_dims = [3, 2, 1], m = 4, lambd = 0.1"),
    ]
    for i in range(10):
        rng = np.random.default_rng(3100 + i)
        dims = inputs.random_dims(rng, max_hidden=4 if i % 3 == 0 else 2)
        m = int(rng.integers(2, 13))
        lambd = inputs.LAMBDS[i % len(inputs.LAMBDS)]
        cases.append(Case(f"random_{i}", "random", args=_args(3200 + i, dims, m, lambd),
                          note=f"layers_dims = {dims}, m = {m}, lambd = {lambd:g}"))
    # lambd / (2m) = 1/32, 1/8, 3/64: float32 numbers, as Keras's L2 casts its factor through
    # float32 (see solutions/counterparts/regularization.py)
    for i, (dims, m, lambd) in enumerate((([2, 5, 3, 1], 8, 0.5), ([3, 4, 1], 6, 1.5),
                                          ([2, 3, 3, 2, 1], 8, 0.75))):
        cases.append(Case(f"keras_{i}", "tensorflow", args=_args(3300 + i, dims, m, lambd),
                          note=f"against keras BinaryCrossentropy + L2 regularizers, "
                               f"layers_dims = {dims}, lambd = {lambd:g}"))
    cases += [
        Case("lambd_zero", "edge", args=_args(3400, [2, 3, 2, 1], 6, 0.0),
             note="lambd = 0: the plain mean cross-entropy"),
        Case("one_example", "edge", args=_args(3401, [2, 3, 2, 1], 1, 0.7),
             note="m = 1"),
        Case("one_layer", "edge", visible=True,
             args=_args(3402, [3, 1], 7, 0.7),
             note="layers_dims = [3, 1]: logistic regression, one weight matrix"),
        Case("large_weights", "edge", args=_args(3403, [2, 4, 4, 3, 1], 5, 2.0,
                                                  penalty_scale=20.0),
             note="four layers with weights about 20 times He's: the penalty dominates"),
    ]
    return cases


def mistake_divided_by_m(AL, Y, parameters, lambd):
    m = Y.shape[1]
    L = len(parameters) // 2
    cross_entropy_cost = compute_cost(AL, Y) / m
    L2 = lambd / m * sum(np.sum(np.square(parameters[f"W{l}"])) for l in range(1, L + 1))
    return float(cross_entropy_cost + L2)


def mistake_biases_regularised(AL, Y, parameters, lambd):
    m = Y.shape[1]
    cross_entropy_cost = compute_cost(AL, Y) / m
    L2 = lambd / (2 * m) * sum(np.sum(np.square(value)) for value in parameters.values())
    return float(cross_entropy_cost + L2)


def mistake_sum_instead_of_mean(AL, Y, parameters, lambd):
    m = Y.shape[1]
    L = len(parameters) // 2
    cross_entropy_cost = compute_cost(AL, Y)
    L2 = lambd / (2 * m) * sum(np.sum(np.square(parameters[f"W{l}"])) for l in range(1, L + 1))
    return float(cross_entropy_cost + L2)


def mistake_penalty_not_divided_by_m(AL, Y, parameters, lambd):
    m = Y.shape[1]
    L = len(parameters) // 2
    cross_entropy_cost = compute_cost(AL, Y) / m
    L2 = lambd / 2 * sum(np.sum(np.square(parameters[f"W{l}"])) for l in range(1, L + 1))
    return float(cross_entropy_cost + L2)


def mistake_weights_not_squared(AL, Y, parameters, lambd):
    m = Y.shape[1]
    L = len(parameters) // 2
    cross_entropy_cost = compute_cost(AL, Y) / m
    L2 = lambd / (2 * m) * sum(np.sum(np.abs(parameters[f"W{l}"])) for l in range(1, L + 1))
    return float(cross_entropy_cost + L2)


def mistake_norm_not_squared(AL, Y, parameters, lambd):
    m = Y.shape[1]
    L = len(parameters) // 2
    cross_entropy_cost = compute_cost(AL, Y) / m
    L2 = lambd / (2 * m) * sum(np.linalg.norm(parameters[f"W{l}"]) for l in range(1, L + 1))
    return float(cross_entropy_cost + L2)


def mistake_three_layers_hard_coded(AL, Y, parameters, lambd):
    m = Y.shape[1]
    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
    cross_entropy_cost = compute_cost(AL, Y) / m
    L2 = lambd / (2 * m) * (np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))
    return float(cross_entropy_cost + L2)


EXERCISE = Exercise(
    name="compute_cost_with_regularization",
    points=10,
    reference=ref.compute_cost_with_regularization,
    cases=_cases,
    summary="the mean cross-entropy plus the L2 penalty lambd/(2m) times the sum of every "
            "squared weight (not the biases)",
    tolerance=Tolerance(
        rtol=1e-7, atol_scale=1e-10,
        reason="a sum of at most a few dozen logs and squares of numbers of size about 1: "
               "equivalent formulas (np.mean of the logs, squared norms, a dot product of the "
               "flattened weights) differ by about 1e-15 relative, every known mistake by at "
               "least 7e-5 relative on some case",
    ),
    tensorflow=COUNTERPART + "compute_cost_with_regularization",
    returns=("cost",),
    mistakes=(
        Mistake("divided_by_m",
                "Your L2 penalty is twice too large: it divides lambd by m. The penalty is "
                "lambd / (2 * m) * (sum of np.sum(np.square(W)) over the layers); the 2 makes "
                "its gradient lambd / m * W.",
                mistake_divided_by_m),
        Mistake("biases_regularised",
                "Your penalty also adds up the squared biases. L2 regularisation penalises only "
                "the weight matrices W1, ..., WL: sum np.square(parameters['W' + str(l)]) over "
                "the layers, and leave the b's out.",
                mistake_biases_regularised),
        Mistake("sum_instead_of_mean",
                "Your cross-entropy is the sum over the examples: compute_cost returns the sum, "
                "so divide it by m (the number of examples, Y.shape[1]) to get the mean before "
                "adding the penalty.",
                mistake_sum_instead_of_mean),
        Mistake("penalty_not_divided_by_m",
                "Your penalty is lambd / 2 times the sum of squares: divide it by m as well, "
                "lambd / (2 * m) * ..., so that it is weighed against the mean cross-entropy.",
                mistake_penalty_not_divided_by_m),
        Mistake("weights_not_squared",
                "Your penalty adds up |W| (that is L1 regularisation). L2 adds up the squares: "
                "np.sum(np.square(W)) for every weight matrix.",
                mistake_weights_not_squared),
        Mistake("norm_not_squared",
                "Your penalty uses np.linalg.norm(W), the square root of the sum of squares. L2 "
                "regularisation uses the squared norm, np.sum(np.square(W)).",
                mistake_norm_not_squared),
        Mistake("three_layers_hard_coded",
                "Your penalty adds up W1, W2 and W3 only: the network can have any number of "
                "layers, L = len(parameters) // 2; loop over l = 1..L.",
                mistake_three_layers_hard_coded),
    ),
)
