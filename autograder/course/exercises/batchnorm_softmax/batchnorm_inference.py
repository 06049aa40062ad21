"""``batchnorm_inference``: batch normalisation at test time, with the running statistics.

Reference: ``solutions/batchnorm_softmax.py`` (``def batchnorm_inference``); teaching text:
``assignments/content/batchnorm_softmax.py`` (``# %% exercise batchnorm_inference``). TensorFlow
counterpart: ``solutions/counterparts/batchnorm_softmax.py``. The ``mistake_*`` functions are self-
contained: each is turned into a submission by renaming its ``def`` and placing it next to the
imports of ``solutions.batchnorm_softmax``, so each uses only ``np``.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises.batchnorm_softmax.inputs import col, epsilon_kwargs, random_batch
from autograder.course.spec import Case, Exercise, Mistake
from solutions import batchnorm_softmax as ref

COUNTERPART = "solutions.counterparts.batchnorm_softmax:"


def _inference_args(seed, n, m, scale=1.0):
    Z, gamma, beta = random_batch(seed, n, m, scale, offset=0.7)
    rng = np.random.RandomState(seed + 50_000)
    running_mean = rng.randn(n, 1) * 0.5 + 0.7
    running_var = rng.uniform(0.3, 3.0, (n, 1)) * scale**2
    return Z, gamma, beta, running_mean, running_var


def _batchnorm_inference_cases():
    cases = [
        Case("two_units_three_examples", "fixed",
             args=(np.array([[1.0, 2.0, 4.0], [-1.0, 0.0, 3.0]]), col(2.0, 0.5), col(0.0, 1.0),
                   col(1.5, 0.5), col(4.0, 0.25)),
             note="a small batch with the default epsilon"),
        Case("one_test_example", "fixed",
             args=(col(0.5, -2.0, 3.0), col(1.0, -1.5, 2.0), col(0.5, 0.0, -1.0),
                   col(0.0, -1.0, 2.0), col(1.0, 2.0, 0.5)),
             kwargs={"epsilon": 1e-3},
             note="one example at test time, epsilon = 1e-3"),
    ]
    epsilons = (1e-5, 1e-3, 1e-8, 1e-2)
    for i in range(12):
        shape_rng = np.random.RandomState(4100 + i)
        n, m = int(shape_rng.randint(1, 6)), int(shape_rng.randint(1, 9))
        scale = 10 ** shape_rng.uniform(-1, 1)
        epsilon = epsilons[i % 4]
        cases.append(Case(f"random_{i}", "random", args=_inference_args(4200 + i, n, m, scale),
                          kwargs=epsilon_kwargs(epsilon),
                          note=f"Z of shape ({n}, {m}), epsilon = {epsilon:g}"))
    for i, (n, m, epsilon) in enumerate(((3, 4, 1e-5), (2, 1, 1e-3), (4, 6, 0.1))):
        cases.append(Case(f"keras_{i}", "tensorflow", args=_inference_args(4300 + i, n, m),
                          kwargs=epsilon_kwargs(epsilon),
                          note=f"against keras BatchNormalization, training=False, "
                               f"epsilon = {epsilon:g}"))
    zero_var = _inference_args(4401, 3, 4)
    zero_var[4][2, 0] = 0.0
    cases += [
        Case("one_example", "edge", visible=True,
             args=_inference_args(4400, 3, 1),
             note="a single test example: its own variance would be 0"),
        Case("zero_running_variance", "edge", args=zero_var,
             note="a unit whose running variance is 0"),
        Case("large_epsilon", "edge", args=_inference_args(4402, 2, 5, 0.8),
             kwargs={"epsilon": 0.5},
             note="epsilon = 0.5, where its place inside the square root matters"),
    ]
    return cases


def mistake_inference_batch_statistics(Z, gamma, beta, running_mean, running_var, epsilon=1e-5):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    Z_tilde = gamma * Z_norm + beta
    return Z_tilde


def mistake_inference_epsilon_outside_sqrt(Z, gamma, beta, running_mean, running_var,
                                           epsilon=1e-5):
    Z_norm = (Z - running_mean) / (np.sqrt(running_var) + epsilon)
    Z_tilde = gamma * Z_norm + beta
    return Z_tilde


def mistake_inference_no_square_root(Z, gamma, beta, running_mean, running_var, epsilon=1e-5):
    Z_norm = (Z - running_mean) / (running_var + epsilon)
    Z_tilde = gamma * Z_norm + beta
    return Z_tilde


def mistake_inference_gamma_beta_swapped(Z, gamma, beta, running_mean, running_var,
                                         epsilon=1e-5):
    Z_norm = (Z - running_mean) / np.sqrt(running_var + epsilon)
    Z_tilde = beta * Z_norm + gamma
    return Z_tilde


def mistake_inference_no_scale_and_shift(Z, gamma, beta, running_mean, running_var,
                                         epsilon=1e-5):
    Z_norm = (Z - running_mean) / np.sqrt(running_var + epsilon)
    Z_tilde = Z_norm
    return Z_tilde


def mistake_inference_mean_not_subtracted(Z, gamma, beta, running_mean, running_var,
                                          epsilon=1e-5):
    Z_norm = Z / np.sqrt(running_var + epsilon)
    Z_tilde = gamma * Z_norm + beta
    return Z_tilde


EXERCISE = Exercise(
    name="batchnorm_inference",
    points=8,
    reference=ref.batchnorm_inference,
    cases=_batchnorm_inference_cases,
    summary="batch normalisation at test time, with the running mean and variance",
    tensorflow=COUNTERPART + "batchnorm_inference",
    mistakes=(
        Mistake("batch_statistics",
                "You normalise with the mean and variance of the test batch. At test time use "
                "the running statistics kept during training: "
                "(Z - running_mean) / np.sqrt(running_var + epsilon). A single test example has "
                "no variance of its own.",
                mistake_inference_batch_statistics),
        Mistake("epsilon_outside_sqrt",
                "You add epsilon after the square root: divide by "
                "np.sqrt(running_var + epsilon), not by np.sqrt(running_var) + epsilon.",
                mistake_inference_epsilon_outside_sqrt),
        Mistake("no_square_root",
                "You divide by the variance: divide by the standard deviation, "
                "np.sqrt(running_var + epsilon).",
                mistake_inference_no_square_root),
        Mistake("gamma_beta_swapped",
                "You swapped gamma and beta: Z_tilde = gamma * Z_norm + beta.",
                mistake_inference_gamma_beta_swapped),
        Mistake("no_scale_and_shift",
                "You return the normalised Z: scale it by gamma and shift it by beta, "
                "Z_tilde = gamma * Z_norm + beta.",
                mistake_inference_no_scale_and_shift),
        Mistake("mean_not_subtracted",
                "You do not subtract the running mean: Z_norm = (Z - running_mean) / "
                "np.sqrt(running_var + epsilon).",
                mistake_inference_mean_not_subtracted),
    ),
)
