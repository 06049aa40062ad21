"""``update_parameters_with_gd``: one step of gradient descent.

Reference: ``solutions/optimization_methods.py`` (``def update_parameters_with_gd``); teaching
text: ``assignments/content/optimization_methods.py``
(``# %% exercise update_parameters_with_gd``); TensorFlow counterpart, if any:
``solutions/counterparts/optimization_methods.py``. The ``mistake_*`` functions are self-contained
(only ``math`` and ``np``): the tests and the diagnosis transplant their source into a submission
under the exercise's name.
"""

from __future__ import annotations

from autograder.course.exercises import inputs
from autograder.course.exercises.optimization_methods.inputs import (
    layers_note,
    random_network,
    readable_network,
)
from autograder.course.spec import Case, Exercise, Mistake
from solutions import optimization_methods as sol

TF = "solutions.counterparts.optimization_methods:"


def _gd_cases() -> list[Case]:
    _, p2, g2 = readable_network(11, [3, 2, 1])
    _, p3, g3 = readable_network(12, [2, 2, 1, 1])
    cases = [
        Case("two_layers", "fixed", args=(p2, g2, 0.1), note="two layers, learning rate 0.1"),
        Case("three_layers", "fixed", args=(p3, g3, 0.5), note="three layers, learning rate 0.5"),
    ]
    for i in range(12):
        rng, dims, parameters, grads = random_network(100 + i, 1 + i % 4)
        lr = inputs.log_uniform(rng, 1e-4, 1.0)
        cases.append(Case(f"random_{i}", "random", args=(parameters, grads, lr),
                          note=f"{layers_note(dims)}, learning rate {lr:.2g}"))
    for i in range(3):
        rng, dims, parameters, grads = random_network(150 + i, 2 + i)
        lr = inputs.log_uniform(rng, 1e-3, 1.0)
        cases.append(Case(f"tensorflow_{i}", "tensorflow", args=(parameters, grads, lr),
                          note=f"{layers_note(dims)}, against keras SGD's rule"))
    rng = inputs.generator(170)
    cases += [
        Case("one_unit", "edge", visible=True,
             args=(inputs.random_parameters(rng, [1, 1]), inputs.random_grads(rng, [1, 1]), 0.3),
             note="a single layer with one unit: every array is (1, 1)"),
    ]
    rng, dims, parameters, grads = random_network(171, 4, low=1e-8, high=1e4)
    cases.append(Case("four_layers_extreme_gradients", "edge", args=(parameters, grads, 0.05),
                      note="four layers, gradients from 1e-8 to 1e4 side by side"))
    return cases


def mistake_gd_adds_gradient(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] + learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] + learning_rate * grads["db" + str(l)]
    return parameters


def mistake_gd_no_learning_rate(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - grads["db" + str(l)]
    return parameters


def mistake_gd_forgets_b(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
    return parameters


def mistake_gd_skips_last_layer(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters


def mistake_gd_returns_inside_loop(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
        return parameters
    return parameters


def mistake_gd_swaps_gradients(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["db" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["dW" + str(l)]
    return parameters


EXERCISE = Exercise(
    name="update_parameters_with_gd",
    points=7,
    reference=sol.update_parameters_with_gd,
    cases=_gd_cases,
    summary="One step of gradient descent: W = W - a*dW and b = b - a*db for every layer.",
    tensorflow=TF + "update_parameters_with_gd",
    mistakes=(
        Mistake("adds_gradient",
                "Your update adds the gradient: W + a*dW climbs the cost. Gradient descent "
                "subtracts it: W = W - learning_rate * dW (same for b).",
                mistake_gd_adds_gradient),
        Mistake("no_learning_rate",
                "Your update ignores the learning rate (W - dW). Scale the gradient by it: "
                "W = W - learning_rate * dW, and the same for b.",
                mistake_gd_no_learning_rate),
        Mistake("forgets_b",
                "Your update changes the weights W but not the biases b. Update both in every "
                "layer: b = b - learning_rate * db.",
                mistake_gd_forgets_b),
        Mistake("skips_last_layer",
                "The last layer is not updated: loop over l = 1, ..., L inclusive, i.e. "
                "range(1, L + 1), where L = len(parameters) // 2.",
                mistake_gd_skips_last_layer),
        Mistake("returns_inside_loop",
                "Only the first layer is updated: the return statement sits inside the loop over "
                "the layers. Move it after the loop.",
                mistake_gd_returns_inside_loop),
        Mistake("swaps_gradients",
                "W is updated with db and b with dW. Each parameter takes its own gradient: "
                "W{l} with dW{l}, b{l} with db{l}.",
                mistake_gd_swaps_gradients),
    ),
)
