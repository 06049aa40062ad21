"""``update_parameters_with_adam``: one step of Adam, with bias correction.

Reference: ``solutions/optimization_methods.py`` (``def update_parameters_with_adam``); teaching
text: ``assignments/content/optimization_methods.py``
(``# %% exercise update_parameters_with_adam``); TensorFlow counterpart, if any:
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


def _adam_cases() -> list[Case]:
    dims = [3, 2, 1]
    _, p1, g1 = readable_network(41, dims)
    rng, p2, g2 = readable_network(42, dims)
    v2 = inputs.rounded(inputs.random_grads(rng, dims, low=0.05, high=1.0), 2)
    s2 = inputs.rounded(inputs.random_grads(rng, dims, low=0.01, high=1.0, signed=False), 2)
    cases = [
        Case("first_step", "fixed",
             args=(p1, g1, inputs.zero_state(dims), inputs.zero_state(dims), 1),
             note="t = 1 with v and s at zero, default hyperparameters"),
        Case("second_step", "fixed", args=(p2, g2, v2, s2, 2),
             kwargs={"learning_rate": 0.02, "beta1": 0.8, "beta2": 0.99},
             note="t = 2 with non-zero v and s, learning rate 0.02, beta1 0.8, beta2 0.99"),
    ]
    steps = [1, 2, 3, 7, 10, 25, 60, 150, 400, 1000, 2, 1]
    for i, t in enumerate(steps):
        rng, dims, parameters, grads = random_network(600 + i, 1 + i % 4)
        v = inputs.random_grads(rng, dims, 1e-3, 1.0)
        s = inputs.random_grads(rng, dims, 1e-6, 10.0, signed=False)
        hyper = {
            "learning_rate": inputs.log_uniform(rng, 1e-4, 0.1),
            "beta1": float(rng.uniform(0.5, 0.99)),
            "beta2": float(rng.uniform(0.9, 0.999)),
        }
        cases.append(Case(f"random_{i}", "random", args=(parameters, grads, v, s, t),
                          kwargs=hyper, note=f"{layers_note(dims)}, t = {t}"))
    for i, t in enumerate([1, 9, 1000]):
        rng, dims, parameters, grads = random_network(650 + i, 2 + i)
        v = inputs.random_grads(rng, dims, 1e-3, 1.0)
        s = inputs.random_grads(rng, dims, 1e-4, 10.0, signed=False)
        hyper = {"learning_rate": inputs.log_uniform(rng, 1e-3, 0.1),
                 "beta1": float(rng.uniform(0.8, 0.95)), "beta2": float(rng.uniform(0.99, 0.999))}
        cases.append(Case(f"tensorflow_{i}", "tensorflow", args=(parameters, grads, v, s, t),
                          kwargs=hyper, note=f"{layers_note(dims)}, t = {t}, against TF's Adam"))
    rng, dims, parameters, grads = random_network(670, 3)
    cases.append(Case("first_step_three_layers", "edge",
                      args=(parameters, grads, inputs.zero_state(dims), inputs.zero_state(dims), 1),
                      note="t = 1 from zero v and s, where bias correction matters most"))
    rng, dims, parameters, grads = random_network(671, 2, low=1e-3, high=0.1)
    v = inputs.random_grads(rng, dims, 1e-3, 0.1)
    s = inputs.random_grads(rng, dims, 1e-5, 1e-3, signed=False)
    cases.append(Case("large_epsilon", "edge", args=(parameters, grads, v, s, 5),
                      kwargs={"epsilon": 0.1},
                      note="epsilon = 0.1 next to small s: sqrt(s_corrected) + epsilon differs "
                      "clearly from sqrt(s_corrected + epsilon)"))
    cases.append(Case(
        "epsilon_next_to_small_s", "edge", visible=True,
        args=({"W1": np.array([[0.5, -0.3]]), "b1": np.array([[0.1]])},
              {"dW1": np.array([[0.02, -0.01]]), "db1": np.array([[0.03]])},
              {"dW1": np.array([[0.01, -0.02]]), "db1": np.array([[0.02]])},
              {"dW1": np.array([[0.0001, 0.0004]]), "db1": np.array([[0.0009]])}, 3),
        kwargs={"epsilon": 0.1},
        note="one layer, t = 3, epsilon = 0.1 next to s of about 0.0001: "
        "np.sqrt(s_corrected) + epsilon differs clearly from np.sqrt(s_corrected + epsilon)"))
    rng, dims, parameters, grads = random_network(672, 2)
    v = inputs.random_grads(rng, dims, 1e-2, 1.0)
    s = inputs.random_grads(rng, dims, 1e-4, 1.0, signed=False)
    cases.append(Case("second_step_low_betas", "edge", args=(parameters, grads, v, s, 2),
                      kwargs={"beta1": 0.5, "beta2": 0.75},
                      note="t = 2 with beta1 = 0.5, beta2 = 0.75"))
    rng = inputs.generator(673)
    cases.append(Case("one_unit", "edge",
                      args=(inputs.random_parameters(rng, [1, 1]), inputs.random_grads(rng, [1, 1]),
                            inputs.random_grads(rng, [1, 1]),
                            inputs.random_grads(rng, [1, 1], signed=False), 3),
                      note="a single layer with one unit: every array is (1, 1)"))
    return cases


def mistake_adam_no_bias_correction(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g]
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            s_corrected[g] = s[g]
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[g] / (
                np.sqrt(s_corrected[g]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def mistake_adam_epsilon_inside_sqrt(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - beta1**t)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            s_corrected[g] = s[g] / (1 - beta2**t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[g] / (
                np.sqrt(s_corrected[g] + epsilon))
    return parameters, v, s, v_corrected, s_corrected


def mistake_adam_power_of_one_minus_beta(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - (1 - beta1) ** t)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            s_corrected[g] = s[g] / (1 - (1 - beta2) ** t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[g] / (
                np.sqrt(s_corrected[g]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def mistake_adam_swapped_betas_in_correction(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - beta2**t)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            s_corrected[g] = s[g] / (1 - beta1**t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[g] / (
                np.sqrt(s_corrected[g]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def mistake_adam_uncorrected_s_in_step(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - beta1**t)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            s_corrected[g] = s[g] / (1 - beta2**t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[g] / (
                np.sqrt(s[g]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def mistake_adam_steps_with_gradient(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - beta1**t)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            s_corrected[g] = s[g] / (1 - beta2**t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads[g] / (
                np.sqrt(s_corrected[g]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def mistake_adam_increments_t(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    t = t + 1
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - beta1**t)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            s_corrected[g] = s[g] / (1 - beta2**t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[g] / (
                np.sqrt(s_corrected[g]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def mistake_adam_forgets_square(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - beta1**t)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g]
            s_corrected[g] = s[g] / (1 - beta2**t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[g] / (
                np.sqrt(s_corrected[g]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def mistake_adam_uncorrected_moments_in_step(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - beta1**t)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            s_corrected[g] = s[g] / (1 - beta2**t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v[g] / (
                np.sqrt(s[g]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def mistake_adam_correction_power_t_minus_one(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - beta1 ** (t - 1))
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            s_corrected[g] = s[g] / (1 - beta2 ** (t - 1))
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[g] / (
                np.sqrt(s_corrected[g]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def mistake_adam_stores_corrected_moments(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v[g] = v[g] / (1 - beta1**t)
            v_corrected[g] = v[g]
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            s[g] = s[g] / (1 - beta2**t)
            s_corrected[g] = s[g]
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[g] / (
                np.sqrt(s_corrected[g]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


EXERCISE = Exercise(
    name="update_parameters_with_adam",
    points=15,
    reference=sol.update_parameters_with_adam,
    cases=_adam_cases,
    summary="One step of Adam with bias correction: v, s, their corrected values, and "
    "W = W - a*v_corrected/(sqrt(s_corrected) + eps).",
    tensorflow=TF + "update_parameters_with_adam",
    returns=("parameters", "v", "s", "v_corrected", "s_corrected"),
    mistakes=(
        Mistake("no_bias_correction",
                "Your Adam update ignores bias correction: divide v by (1 - beta1**t) and s by "
                "(1 - beta2**t) before the update. It matters most in the first steps (t = 1).",
                mistake_adam_no_bias_correction),
        Mistake("uncorrected_moments_in_step",
                "You compute v_corrected and s_corrected but the step uses the raw v and s. "
                "Take the step with the corrected values: "
                "W = W - learning_rate * v_corrected / (np.sqrt(s_corrected) + epsilon).",
                mistake_adam_uncorrected_moments_in_step),
        Mistake("stores_corrected_moments",
                "v and s are overwritten with their corrected values, so the next step would "
                "start from corrected averages. Keep v and s as the plain averages and put the "
                "corrected values in v_corrected and s_corrected only.",
                mistake_adam_stores_corrected_moments),
        Mistake("epsilon_inside_sqrt",
                "epsilon is added inside the square root, sqrt(s_corrected + epsilon). The course "
                "adds it outside: v_corrected / (np.sqrt(s_corrected) + epsilon).",
                mistake_adam_epsilon_inside_sqrt),
        Mistake("power_of_one_minus_beta",
                "The bias correction divides by 1 - (1 - beta)**t. It is 1 - beta1**t for v and "
                "1 - beta2**t for s: the power applies to beta itself.",
                mistake_adam_power_of_one_minus_beta),
        Mistake("swapped_betas_in_correction",
                "The corrections are swapped: v is corrected with beta2 and s with beta1. Use "
                "v / (1 - beta1**t) and s / (1 - beta2**t).",
                mistake_adam_swapped_betas_in_correction),
        Mistake("uncorrected_s_in_step",
                "The step divides by the square root of the uncorrected s. Use the corrected "
                "estimate: v_corrected / (np.sqrt(s_corrected) + epsilon).",
                mistake_adam_uncorrected_s_in_step),
        Mistake("steps_with_gradient",
                "The step uses the raw gradient dW in the numerator. Adam steps along the "
                "corrected first moment: learning_rate * v_corrected / (...).",
                mistake_adam_steps_with_gradient),
        Mistake("increments_t",
                "The step count is increased inside the function, so the correction uses t + 1. "
                "Use t as given: the caller counts the steps (t = 1 on the first).",
                mistake_adam_increments_t),
        Mistake("correction_power_t_minus_one",
                "The bias correction uses the power t - 1, so at the first step (t = 1) it "
                "divides by 1 - beta**0 = 0 and gives inf and NaN. Use the step count as given: "
                "v / (1 - beta1**t) and s / (1 - beta2**t).",
                mistake_adam_correction_power_t_minus_one),
        Mistake("forgets_square",
                "s averages the gradients instead of their squares, so it can go negative and "
                "its square root is NaN. Use s = beta2 * s + (1 - beta2) * dW**2.",
                mistake_adam_forgets_square),
    ),
)
