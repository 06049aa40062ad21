"""``update_parameters_with_adagrad``: one step of AdaGrad (optional extra).

Reference: ``solutions/optimization_methods.py`` (``def update_parameters_with_adagrad``); teaching
text: ``assignments/content/optimization_methods.py``
(``# %% exercise update_parameters_with_adagrad``); TensorFlow counterpart:
``solutions/counterparts/optimization_methods.py`` (``tf.raw_ops.ResourceApplyAdagradV2``, the
course's formula exactly, so the ``tensorflow`` cases need no special epsilon). The ``mistake_*``
functions are self-contained (only ``math`` and ``np``): the tests and the diagnosis transplant
their source into a submission under the exercise's name.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises import inputs
from autograder.course.exercises.optimization_methods.inputs import (
    layers_note,
    random_network,
    readable_network,
)
from autograder.course.spec import Case, Exercise, Mistake
from solutions import optimization_methods as sol

TF = "solutions.counterparts.optimization_methods:"


def _adagrad_cases() -> list[Case]:
    dims = [3, 2, 1]
    _, p1, g1 = readable_network(41, dims)
    rng, p2, g2 = readable_network(42, dims)
    h2 = inputs.rounded(inputs.random_grads(rng, dims, low=0.01, high=1.0, signed=False), 2)
    cases = [
        Case("first_step", "fixed", args=(p1, g1, inputs.zero_state(dims), 0.01),
             note="h at zero, learning rate 0.01"),
        Case("with_history", "fixed", args=(p2, g2, h2, 0.1), kwargs={"epsilon": 0.01},
             note="a non-zero h, learning rate 0.1, epsilon 0.01"),
    ]
    for i in range(12):
        rng, dims, parameters, grads = random_network(600 + i, 1 + i % 4)
        h = inputs.random_grads(rng, dims, 1e-6, 100.0, signed=False)
        lr = inputs.log_uniform(rng, 1e-4, 1.0)
        cases.append(Case(f"random_{i}", "random", args=(parameters, grads, h, lr),
                          note=f"{layers_note(dims)}, learning rate {lr:.2g}"))
    # ResourceApplyAdagradV2 is the course's formula: any h, any epsilon.
    for i in range(3):
        rng, dims, parameters, grads = random_network(650 + i, 2 + i)
        h = inputs.random_grads(rng, dims, 1e-4, 10.0, signed=False) if i else inputs.zero_state(dims)
        lr = inputs.log_uniform(rng, 1e-3, 0.1)
        cases.append(Case(f"tensorflow_{i}", "tensorflow", args=(parameters, grads, h, lr),
                          kwargs={"epsilon": 10.0 ** -(3 + 2 * i)},
                          note=f"{layers_note(dims)}, against TensorFlow's ResourceApplyAdagradV2"))
    rng, dims, parameters, grads = random_network(670, 2, low=1e-3, high=0.1)
    h = inputs.random_grads(rng, dims, 1e-4, 1e-2, signed=False)
    cases.append(Case("large_epsilon", "edge", args=(parameters, grads, h, 0.01),
                      kwargs={"epsilon": 0.1},
                      note="epsilon = 0.1 next to small h: sqrt(h) + epsilon differs clearly "
                      "from sqrt(h + epsilon)"))
    rng, dims, parameters, grads = random_network(671, 3)
    cases.append(Case("first_step_three_layers", "edge",
                      args=(parameters, grads, inputs.zero_state(dims), 0.001),
                      note="three layers, h at zero: the first step is about learning_rate "
                      "times the sign of the gradient"))
    rng = inputs.generator(672)
    cases.append(Case("one_unit", "edge", visible=True,
                      args=(inputs.random_parameters(rng, [1, 1]), inputs.random_grads(rng, [1, 1]),
                            inputs.random_grads(rng, [1, 1], signed=False), 0.3),
                      note="a single layer with one unit: every array is (1, 1)"))
    return cases


def mistake_adagrad_epsilon_inside_sqrt(parameters, grads, h, learning_rate, epsilon=1e-7):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            h[g] = h[g] + grads[g] ** 2
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads[g] / np.sqrt(
                h[g] + epsilon)
    return parameters, h


def mistake_adagrad_not_accumulated(parameters, grads, h, learning_rate, epsilon=1e-7):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            h[g] = grads[g] ** 2
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads[g] / (
                np.sqrt(h[g]) + epsilon)
    return parameters, h


def mistake_adagrad_forgets_square(parameters, grads, h, learning_rate, epsilon=1e-7):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            h[g] = h[g] + grads[g]
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads[g] / (
                np.sqrt(h[g]) + epsilon)
    return parameters, h


def mistake_adagrad_steps_before_h(parameters, grads, h, learning_rate, epsilon=1e-7):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads[g] / (
                np.sqrt(h[g]) + epsilon)
            h[g] = h[g] + grads[g] ** 2
    return parameters, h


def mistake_adagrad_no_sqrt(parameters, grads, h, learning_rate, epsilon=1e-7):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            h[g] = h[g] + grads[g] ** 2
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads[g] / (
                h[g] + epsilon)
    return parameters, h


def mistake_adagrad_forgets_b(parameters, grads, h, learning_rate, epsilon=1e-7):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        g = "dW" + str(l)
        h[g] = h[g] + grads[g] ** 2
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads[g] / (
            np.sqrt(h[g]) + epsilon)
    return parameters, h


EXERCISE = Exercise(
    name="update_parameters_with_adagrad",
    points=11,
    reference=sol.update_parameters_with_adagrad,
    cases=_adagrad_cases,
    summary="One step of AdaGrad: h = h + dW**2, W = W - a*dW/(sqrt(h) + eps).",
    tensorflow=TF + "update_parameters_with_adagrad",
    returns=("parameters", "h"),
    optional=True,
    mistakes=(
        Mistake("epsilon_inside_sqrt",
                "epsilon is added inside the square root, sqrt(h + epsilon), as Keras's Adagrad "
                "class does. The course adds it outside: dW / (np.sqrt(h) + epsilon). It shows "
                "when epsilon is not tiny next to h.",
                mistake_adagrad_epsilon_inside_sqrt),
        Mistake("not_accumulated",
                "h holds only this step's squared gradient (h = dW**2): the history is lost. "
                "AdaGrad adds every squared gradient to what h already holds: h = h + dW**2.",
                mistake_adagrad_not_accumulated),
        Mistake("forgets_square",
                "h adds up the gradients instead of their squares, so it can go negative and its "
                "square root is NaN. Use h = h + dW**2.",
                mistake_adagrad_forgets_square),
        Mistake("steps_before_h",
                "The parameters step with the previous h. Add this step's squared gradient to h "
                "first, then divide by np.sqrt(h) + epsilon.",
                mistake_adagrad_steps_before_h),
        Mistake("no_sqrt",
                "The step divides by h instead of its square root. Use "
                "dW / (np.sqrt(h) + epsilon).",
                mistake_adagrad_no_sqrt),
        Mistake("forgets_b",
                "The biases b and their h are not updated. Update h['db' + str(l)] and b{l} as "
                "you do for W.",
                mistake_adagrad_forgets_b),
    ),
)
