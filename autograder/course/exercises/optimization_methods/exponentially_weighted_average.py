"""``exponentially_weighted_average``: a running average of a series, with optional bias correction.

Reference: ``solutions/optimization_methods.py`` (``def exponentially_weighted_average``); teaching
text: ``assignments/content/optimization_methods.py``
(``# %% exercise exponentially_weighted_average``); TensorFlow counterpart, if any:
``solutions/counterparts/optimization_methods.py``. The ``mistake_*`` functions are self-contained
(only ``math`` and ``np``): the tests and the diagnosis transplant their source into a submission
under the exercise's name.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises import inputs
from autograder.course.spec import Case, Exercise, Mistake
from solutions import optimization_methods as sol

TF = "solutions.counterparts.optimization_methods:"


def _ewa_cases() -> list[Case]:
    temperatures = np.array([10.0, 12.0, 11.0, 15.0, 14.0, 13.0])
    pairs = np.array([[1.0, -2.0], [3.0, 0.0], [2.0, 4.0], [0.0, 1.0]])
    cases = [
        Case("six_days", "fixed", args=(temperatures, 0.5),
             note="six temperatures, beta = 0.5, no bias correction"),
        Case("six_days_corrected", "fixed", args=(temperatures, 0.9),
             kwargs={"bias_correction": True},
             note="six temperatures, beta = 0.9, with bias correction"),
        Case("two_series", "fixed", args=(pairs, 0.8), kwargs={"bias_correction": True},
             note="thetas of shape (4, 2): two series averaged side by side, corrected"),
    ]
    betas = [0.5, 0.9, 0.98, 0.999, 0.6, 0.95, 0.8, 0.99, 0.7, 0.9, 0.75, 0.999]
    for i, beta in enumerate(betas):
        rng = inputs.generator(300 + i)
        T = int(rng.integers(2, 41))
        shape = (T,) if i % 2 == 0 else (T, int(rng.integers(1, 4)))
        thetas = 20.0 + 5.0 * rng.standard_normal(shape)
        correct = i % 3 != 0
        cases.append(Case(f"random_{i}", "random", args=(thetas, beta),
                          kwargs={"bias_correction": correct},
                          note=f"thetas {shape}, beta = {beta}, "
                          f"{'with' if correct else 'without'} bias correction"))
    # Betas exact in float32: tf.train.ExponentialMovingAverage turns its decay into float32.
    for i, (beta, correct) in enumerate([(0.5, False), (0.75, True), (0.9375, True),
                                         (0.96875, False)]):
        rng = inputs.generator(350 + i)
        shape = (15,) if i % 2 == 0 else (12, 3)
        thetas = 5.0 * rng.standard_normal(shape)
        cases.append(Case(f"tensorflow_{i}", "tensorflow", args=(thetas, beta),
                          kwargs={"bias_correction": correct},
                          note=f"beta = {beta}, against tf.train.ExponentialMovingAverage"))
    rng = inputs.generator(370)
    cases += [
        Case("beta_zero", "edge", args=(rng.standard_normal(8), 0.0),
             kwargs={"bias_correction": True},
             note="beta = 0: the average is the latest value itself"),
        Case("one_step_corrected", "edge", visible=True,
             args=(np.array([[3.0, -1.0]]), 0.9),
             kwargs={"bias_correction": True},
             note="T = 1 with bias correction: v_1 / (1 - beta) is theta_1 itself"),
        Case("beta_near_one", "edge", args=(10.0 + rng.standard_normal(50), 0.999),
             kwargs={"bias_correction": False},
             note="beta = 0.999 without correction: the first values stay near 0"),
        Case("beta_near_one_corrected", "edge", args=(10.0 + rng.standard_normal((50, 2)), 0.999),
             kwargs={"bias_correction": True},
             note="beta = 0.999 with correction: the first values are corrected strongly"),
    ]
    return cases


def mistake_ewa_swaps_weights(thetas, beta, bias_correction=False):
    v = np.zeros(thetas.shape[1:])
    averages = np.zeros_like(thetas)
    for t in range(1, thetas.shape[0] + 1):
        v = (1 - beta) * v + beta * thetas[t - 1]
        averages[t - 1] = v / (1 - beta**t) if bias_correction else v
    return averages


def mistake_ewa_zero_based_t(thetas, beta, bias_correction=False):
    v = np.zeros(thetas.shape[1:])
    averages = np.zeros_like(thetas)
    for t in range(thetas.shape[0]):
        v = beta * v + (1 - beta) * thetas[t]
        averages[t] = v / (1 - beta**t) if bias_correction else v
    return averages


def mistake_ewa_never_corrects(thetas, beta, bias_correction=False):
    v = np.zeros(thetas.shape[1:])
    averages = np.zeros_like(thetas)
    for t in range(1, thetas.shape[0] + 1):
        v = beta * v + (1 - beta) * thetas[t - 1]
        averages[t - 1] = v
    return averages


def mistake_ewa_always_corrects(thetas, beta, bias_correction=False):
    v = np.zeros(thetas.shape[1:])
    averages = np.zeros_like(thetas)
    for t in range(1, thetas.shape[0] + 1):
        v = beta * v + (1 - beta) * thetas[t - 1]
        averages[t - 1] = v / (1 - beta**t)
    return averages


def mistake_ewa_starts_at_first_theta(thetas, beta, bias_correction=False):
    v = thetas[0]
    averages = np.zeros_like(thetas)
    for t in range(1, thetas.shape[0] + 1):
        v = beta * v + (1 - beta) * thetas[t - 1]
        averages[t - 1] = v / (1 - beta**t) if bias_correction else v
    return averages


def mistake_ewa_no_one_minus_beta(thetas, beta, bias_correction=False):
    v = np.zeros(thetas.shape[1:])
    averages = np.zeros_like(thetas)
    for t in range(1, thetas.shape[0] + 1):
        v = beta * v + thetas[t - 1]
        averages[t - 1] = v / (1 - beta**t) if bias_correction else v
    return averages


def mistake_ewa_corrects_running_average(thetas, beta, bias_correction=False):
    v = np.zeros(thetas.shape[1:])
    averages = np.zeros_like(thetas)
    for t in range(1, thetas.shape[0] + 1):
        v = beta * v + (1 - beta) * thetas[t - 1]
        if bias_correction:
            v = v / (1 - beta**t)
        averages[t - 1] = v
    return averages


def mistake_ewa_stores_before_update(thetas, beta, bias_correction=False):
    v = np.zeros(thetas.shape[1:])
    averages = np.zeros_like(thetas)
    for t in range(1, thetas.shape[0] + 1):
        averages[t - 1] = v / (1 - beta**t) if bias_correction else v
        v = beta * v + (1 - beta) * thetas[t - 1]
    return averages


EXERCISE = Exercise(
    name="exponentially_weighted_average",
    points=9,
    reference=sol.exponentially_weighted_average,
    cases=_ewa_cases,
    summary="v_t = beta*v_{t-1} + (1-beta)*theta_t from v_0 = 0, optionally divided by "
    "1 - beta**t.",
    tensorflow=TF + "exponentially_weighted_average",
    mistakes=(
        Mistake("swaps_weights",
                "The weights are swapped: beta multiplies the new value and 1 - beta the old "
                "average. Use v = beta * v + (1 - beta) * theta_t.",
                mistake_ewa_swaps_weights),
        Mistake("zero_based_t",
                "The bias correction uses a step count that starts at 0, so the first value is "
                "divided by 1 - beta**0 = 0. The first step is t = 1: divide by 1 - beta**t with "
                "t = 1, ..., T.",
                mistake_ewa_zero_based_t),
        Mistake("never_corrects",
                "bias_correction=True has no effect: with it, return v_t / (1 - beta**t) "
                "instead of v_t.",
                mistake_ewa_never_corrects),
        Mistake("always_corrects",
                "The averages are bias-corrected even when bias_correction is False. Divide by "
                "1 - beta**t only when bias_correction is True.",
                mistake_ewa_always_corrects),
        Mistake("starts_at_first_theta",
                "The average starts from theta_1 instead of v_0 = 0. Start from zeros; the bias "
                "correction is what compensates for that start.",
                mistake_ewa_starts_at_first_theta),
        Mistake("no_one_minus_beta",
                "The new value is added without its weight 1 - beta, so v grows like a sum. Use "
                "v = beta * v + (1 - beta) * theta_t.",
                mistake_ewa_no_one_minus_beta),
        Mistake("corrects_running_average",
                "The corrected value replaces v itself, so later steps build on corrected "
                "values. Keep v uncorrected and only return v / (1 - beta**t).",
                mistake_ewa_corrects_running_average),
        Mistake("stores_before_update",
                "Each average is stored before theta_t is added, so the output is v_0, ..., "
                "v_{T-1}. Update v first, then store it (or its corrected value).",
                mistake_ewa_stores_before_update),
    ),
)
