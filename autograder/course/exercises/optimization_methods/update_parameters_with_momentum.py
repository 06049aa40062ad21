"""``update_parameters_with_momentum``: one step of gradient descent with momentum.

Reference: ``solutions/optimization_methods.py`` (``def update_parameters_with_momentum``);
teaching text: ``assignments/content/optimization_methods.py``
(``# %% exercise update_parameters_with_momentum``); TensorFlow counterpart, if any:
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


def _momentum_cases() -> list[Case]:
    dims = [3, 2, 1]
    _, p1, g1 = readable_network(21, dims)
    rng, p2, g2 = readable_network(22, dims)
    v2 = inputs.rounded(inputs.random_grads(rng, dims, low=0.05, high=1.0), 2)
    cases = [
        Case("first_step", "fixed", args=(p1, g1, inputs.zero_state(dims), 0.9, 0.1),
             note="velocity at zero, beta = 0.9, learning rate 0.1"),
        Case("with_velocity", "fixed", args=(p2, g2, v2, 0.8, 0.5),
             note="a non-zero velocity, beta = 0.8, learning rate 0.5"),
    ]
    for i in range(12):
        rng, dims, parameters, grads = random_network(400 + i, 1 + i % 4)
        v = inputs.random_grads(rng, dims, 1e-3, 1.0)
        beta = float(rng.uniform(0.5, 0.999))
        lr = inputs.log_uniform(rng, 1e-4, 1.0)
        cases.append(Case(f"random_{i}", "random", args=(parameters, grads, v, beta, lr),
                          note=f"{layers_note(dims)}, beta {beta:.3g}, learning rate {lr:.2g}"))
    for i in range(3):
        rng, dims, parameters, grads = random_network(450 + i, 2 + i)
        v = inputs.random_grads(rng, dims, 1e-3, 1.0)
        beta, lr = float(rng.uniform(0.5, 0.99)), inputs.log_uniform(rng, 1e-3, 1.0)
        cases.append(Case(f"tensorflow_{i}", "tensorflow", args=(parameters, grads, v, beta, lr),
                          note=f"{layers_note(dims)}, against keras SGD with momentum"))
    rng, dims, parameters, grads = random_network(470, 2)
    v = inputs.random_grads(rng, dims, 1e-2, 1.0)
    cases.append(Case("beta_zero", "edge", args=(parameters, grads, v, 0.0, 0.1),
                      note="beta = 0 with a non-zero incoming velocity: plain gradient descent"))
    rng, dims, parameters, grads = random_network(471, 3)
    cases.append(Case("first_step_three_layers", "edge",
                      args=(parameters, grads, inputs.zero_state(dims), 0.9, 0.05),
                      note="three layers, velocity at zero"))
    rng = inputs.generator(472)
    cases.append(Case("one_unit", "edge", visible=True,
                      args=(inputs.random_parameters(rng, [1, 1]), inputs.random_grads(rng, [1, 1]),
                            inputs.random_grads(rng, [1, 1]), 0.95, 0.2),
                      note="a single layer with one unit: every array is (1, 1)"))
    return cases


def mistake_momentum_no_one_minus_beta(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            v["d" + p + str(l)] = beta * v["d" + p + str(l)] + grads["d" + p + str(l)]
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v["d" + p + str(l)]
    return parameters, v


def mistake_momentum_swaps_weights(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            v["d" + p + str(l)] = (1 - beta) * v["d" + p + str(l)] + beta * grads["d" + p + str(l)]
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v["d" + p + str(l)]
    return parameters, v


def mistake_momentum_steps_with_gradient(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            v["d" + p + str(l)] = beta * v["d" + p + str(l)] + (1 - beta) * grads["d" + p + str(l)]
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads["d" + p + str(l)]
    return parameters, v


def mistake_momentum_steps_before_velocity(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v["d" + p + str(l)]
            v["d" + p + str(l)] = beta * v["d" + p + str(l)] + (1 - beta) * grads["d" + p + str(l)]
    return parameters, v


def mistake_momentum_forgets_b(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
    return parameters, v


def mistake_momentum_skips_last_layer(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L):
        for p in ("W", "b"):
            v["d" + p + str(l)] = beta * v["d" + p + str(l)] + (1 - beta) * grads["d" + p + str(l)]
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v["d" + p + str(l)]
    return parameters, v


def mistake_momentum_adds_velocity(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            v["d" + p + str(l)] = beta * v["d" + p + str(l)] + (1 - beta) * grads["d" + p + str(l)]
            parameters[p + str(l)] = parameters[p + str(l)] + learning_rate * v["d" + p + str(l)]
    return parameters, v


def mistake_momentum_learning_rate_in_velocity(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            v["d" + p + str(l)] = beta * v["d" + p + str(l)] + learning_rate * grads["d" + p + str(l)]
            parameters[p + str(l)] = parameters[p + str(l)] - v["d" + p + str(l)]
    return parameters, v


EXERCISE = Exercise(
    name="update_parameters_with_momentum",
    points=10,
    reference=sol.update_parameters_with_momentum,
    cases=_momentum_cases,
    summary="One step of momentum: v = beta*v + (1-beta)*dW, then W = W - a*v (same for b).",
    tensorflow=TF + "update_parameters_with_momentum",
    returns=("parameters", "v"),
    mistakes=(
        Mistake("no_one_minus_beta",
                "The gradient enters the velocity without its weight 1 - beta. Use "
                "v = beta * v + (1 - beta) * dW.",
                mistake_momentum_no_one_minus_beta),
        Mistake("swaps_weights",
                "beta and 1 - beta are swapped: beta weighs the past velocity, 1 - beta the new "
                "gradient: v = beta * v + (1 - beta) * dW.",
                mistake_momentum_swaps_weights),
        Mistake("steps_with_gradient",
                "The velocity is computed but the parameters step along the raw gradient. "
                "Momentum steps along the velocity: W = W - learning_rate * v['dW' + str(l)].",
                mistake_momentum_steps_with_gradient),
        Mistake("steps_before_velocity",
                "The parameters step with the previous velocity. Update v first, then step "
                "with the new v.",
                mistake_momentum_steps_before_velocity),
        Mistake("forgets_b",
                "The biases b and their velocity are not updated. Update v['db' + str(l)] and "
                "b{l} as you do for W.",
                mistake_momentum_forgets_b),
        Mistake("skips_last_layer",
                "The last layer is not updated: loop over l = 1, ..., L, i.e. range(1, L + 1).",
                mistake_momentum_skips_last_layer),
        Mistake("adds_velocity",
                "The step adds the velocity and climbs the cost. Subtract it: "
                "W = W - learning_rate * v.",
                mistake_momentum_adds_velocity),
        Mistake("learning_rate_in_velocity",
                "The learning rate is folded into the velocity, v = beta * v + learning_rate * "
                "dW, as some books write momentum. This course averages the gradients, "
                "v = beta * v + (1 - beta) * dW, and then steps W = W - learning_rate * v.",
                mistake_momentum_learning_rate_in_velocity),
    ),
)
