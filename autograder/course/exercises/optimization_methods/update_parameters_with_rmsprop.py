"""``update_parameters_with_rmsprop``: one step of RMSProp.

Reference: ``solutions/optimization_methods.py`` (``def update_parameters_with_rmsprop``); teaching
text: ``assignments/content/optimization_methods.py``
(``# %% exercise update_parameters_with_rmsprop``); TensorFlow counterpart, if any:
``solutions/counterparts/optimization_methods.py``. The ``mistake_*`` functions are self-contained
(only ``math`` and ``np``): the tests and the diagnosis transplant their source into a submission
under the exercise's name.
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


def _rmsprop_cases() -> list[Case]:
    dims = [3, 2, 1]
    _, p1, g1 = readable_network(31, dims)
    rng, p2, g2 = readable_network(32, dims)
    s2 = inputs.rounded(inputs.random_grads(rng, dims, low=0.01, high=1.0, signed=False), 2)
    cases = [
        Case("first_step", "fixed", args=(p1, g1, inputs.zero_state(dims), 0.9, 0.01),
             note="s at zero, beta2 = 0.9, learning rate 0.01"),
        Case("with_history", "fixed", args=(p2, g2, s2, 0.99, 0.1),
             note="a non-zero s, beta2 = 0.99, learning rate 0.1"),
    ]
    for i in range(12):
        rng, dims, parameters, grads = random_network(500 + i, 1 + i % 4)
        s = inputs.random_grads(rng, dims, 1e-6, 10.0, signed=False)
        beta2 = float(rng.uniform(0.5, 0.999))
        lr = inputs.log_uniform(rng, 1e-4, 1.0)
        cases.append(Case(f"random_{i}", "random", args=(parameters, grads, s, beta2, lr),
                          note=f"{layers_note(dims)}, beta2 {beta2:.3g}, learning rate {lr:.2g}"))
    # Keras puts epsilon inside the square root: compare where it is negligible (s near 1, e tiny).
    for i in range(3):
        rng, dims, parameters, grads = random_network(550 + i, 2 + i, low=0.1, high=3.0)
        s = inputs.random_grads(rng, dims, 0.5, 4.0, signed=False)
        beta2, lr = float(rng.uniform(0.8, 0.999)), inputs.log_uniform(rng, 1e-3, 0.1)
        cases.append(Case(f"tensorflow_{i}", "tensorflow",
                          args=(parameters, grads, s, beta2, lr), kwargs={"epsilon": 1e-12},
                          note=f"{layers_note(dims)}, against keras RMSprop where epsilon is "
                          "negligible"))
    rng, dims, parameters, grads = random_network(570, 2, low=1e-3, high=0.1)
    s = inputs.random_grads(rng, dims, 1e-4, 1e-2, signed=False)
    cases.append(Case("large_epsilon", "edge", args=(parameters, grads, s, 0.9, 0.01),
                      kwargs={"epsilon": 0.1},
                      note="epsilon = 0.1 next to small s: sqrt(s) + epsilon differs clearly "
                      "from sqrt(s + epsilon)"))
    rng, dims, parameters, grads = random_network(571, 3)
    cases.append(Case("first_step_three_layers", "edge",
                      args=(parameters, grads, inputs.zero_state(dims), 0.999, 0.001),
                      note="three layers, s at zero: the first step is about "
                      "learning_rate / sqrt(1 - beta2)"))
    rng = inputs.generator(572)
    cases.append(Case("one_unit", "edge", visible=True,
                      args=(inputs.random_parameters(rng, [1, 1]), inputs.random_grads(rng, [1, 1]),
                            inputs.random_grads(rng, [1, 1], signed=False), 0.5, 0.3),
                      note="a single layer with one unit: every array is (1, 1)"))
    return cases


def mistake_rmsprop_epsilon_inside_sqrt(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads[g] / np.sqrt(
                s[g] + epsilon)
    return parameters, s


def mistake_rmsprop_forgets_square(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g]
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads[g] / (
                np.sqrt(s[g]) + epsilon)
    return parameters, s


def mistake_rmsprop_no_sqrt(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads[g] / (
                s[g] + epsilon)
    return parameters, s


def mistake_rmsprop_steps_before_s(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads[g] / (
                np.sqrt(s[g]) + epsilon)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
    return parameters, s


def mistake_rmsprop_swaps_weights(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            s[g] = (1 - beta2) * s[g] + beta2 * grads[g] ** 2
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads[g] / (
                np.sqrt(s[g]) + epsilon)
    return parameters, s


def mistake_rmsprop_forgets_b(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        g = "dW" + str(l)
        s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads[g] / (
            np.sqrt(s[g]) + epsilon)
    return parameters, s


EXERCISE = Exercise(
    name="update_parameters_with_rmsprop",
    points=11,
    reference=sol.update_parameters_with_rmsprop,
    cases=_rmsprop_cases,
    summary="One step of RMSProp: s = beta2*s + (1-beta2)*dW**2, W = W - a*dW/(sqrt(s) + eps).",
    tensorflow=TF + "update_parameters_with_rmsprop",
    returns=("parameters", "s"),
    mistakes=(
        Mistake("epsilon_inside_sqrt",
                "epsilon is added inside the square root, sqrt(s + epsilon). The course adds it "
                "outside: dW / (np.sqrt(s) + epsilon). It shows when epsilon is not tiny next "
                "to s.",
                mistake_rmsprop_epsilon_inside_sqrt),
        Mistake("forgets_square",
                "s averages the gradients instead of their squares, so it can go negative and "
                "its square root is NaN. Use s = beta2 * s + (1 - beta2) * dW**2.",
                mistake_rmsprop_forgets_square),
        Mistake("no_sqrt",
                "The step divides by s instead of its square root. Use "
                "dW / (np.sqrt(s) + epsilon).",
                mistake_rmsprop_no_sqrt),
        Mistake("steps_before_s",
                "The parameters step with the previous s. Update s with this step's gradient "
                "first, then divide by np.sqrt(s) + epsilon.",
                mistake_rmsprop_steps_before_s),
        Mistake("swaps_weights",
                "beta2 and 1 - beta2 are swapped: beta2 weighs the past average, 1 - beta2 the "
                "new squared gradient: s = beta2 * s + (1 - beta2) * dW**2.",
                mistake_rmsprop_swaps_weights),
        Mistake("forgets_b",
                "The biases b and their s are not updated. Update s['db' + str(l)] and b{l} as "
                "you do for W.",
                mistake_rmsprop_forgets_b),
    ),
)
