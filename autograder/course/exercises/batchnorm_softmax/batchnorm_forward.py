"""``batchnorm_forward``: batch normalisation in training, with its cache.

Reference: ``solutions/batchnorm_softmax.py`` (``def batchnorm_forward``); teaching text:
``assignments/content/batchnorm_softmax.py`` (``# %% exercise batchnorm_forward``). TensorFlow
counterpart: ``solutions/counterparts/batchnorm_softmax.py``. The ``mistake_*`` functions are self-
contained: each is turned into a submission by renaming its ``def`` and placing it next to the
imports of ``solutions.batchnorm_softmax``, so each uses only ``np``.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises.batchnorm_softmax.inputs import col, epsilon_kwargs, random_batch
from autograder.course.spec import Case, Exercise, Mistake
from course_lib.compare import Subset
from solutions import batchnorm_softmax as ref

COUNTERPART = "solutions.counterparts.batchnorm_softmax:"


def batchnorm_forward_graded(output):
    """What is graded of ``batchnorm_forward``: ``Z_tilde``, and of the cache only mu and var.

    The rest of the cache is the student's business (backward gets the reference's cache).
    """
    Z_tilde, cache = output
    return Z_tilde, Subset(mu=cache["mu"], var=cache["var"])


def _batchnorm_forward_cases():
    cases = [
        Case("two_units_four_examples", "fixed",
             args=(np.array([[1.0, 2.0, 3.0, 6.0], [-2.0, 0.0, 0.0, 2.0]]),
                   col(2.0, 0.5), col(0.0, 1.0)),
             note="a small batch with the default epsilon"),
        Case("three_units_epsilon_1e-3", "fixed",
             args=(np.array([[0.5, -1.0, 2.0, 0.0, 1.5],
                             [10.0, 12.0, 9.0, 11.0, 13.0],
                             [-3.0, 1.0, 0.0, 4.0, -2.0]]),
                   col(1.5, -1.0, 0.25), col(-0.5, 2.0, 0.0)),
             kwargs={"epsilon": 1e-3},
             note="three units, epsilon = 1e-3 given"),
    ]
    epsilons = (1e-5, 1e-3, 1e-8, 1e-2)
    for i in range(12):
        shape_rng = np.random.RandomState(1100 + i)
        n, m = int(shape_rng.randint(1, 6)), int(shape_rng.randint(2, 13))
        scale, offset = 10 ** shape_rng.uniform(-1, 1), shape_rng.uniform(-3, 3)
        epsilon = epsilons[i % 4]
        cases.append(Case(f"random_{i}", "random",
                          args=random_batch(1200 + i, n, m, scale, offset),
                          kwargs=epsilon_kwargs(epsilon),
                          note=f"Z of shape ({n}, {m}), epsilon = {epsilon:g}"))
    for i, (n, m, epsilon) in enumerate(((3, 8, 1e-5), (2, 5, 1e-3), (4, 3, 0.1))):
        cases.append(Case(f"keras_{i}", "tensorflow",
                          args=random_batch(1300 + i, n, m, scale=1.5, offset=0.5),
                          kwargs=epsilon_kwargs(epsilon),
                          note=f"against keras BatchNormalization, training=True, "
                               f"epsilon = {epsilon:g}"))
    constant = random_batch(1401, 3, 6)
    constant[0][1, :] = 2.5
    cases += [
        Case("one_example", "edge", visible=True,
             args=random_batch(1400, 3, 1),
             note="m = 1: the variance is 0, only epsilon keeps the division finite"),
        Case("constant_unit", "edge", args=constant,
             note="a unit whose values are all equal in the batch (variance 0)"),
        Case("large_epsilon", "edge", args=random_batch(1402, 2, 6, scale=0.8),
             kwargs={"epsilon": 0.5},
             note="epsilon = 0.5, where its place inside the square root matters"),
        Case("two_examples", "edge", args=random_batch(1403, 4, 2),
             note="a tail mini-batch of m = 2 examples"),
        Case("far_from_zero", "edge", args=random_batch(1404, 2, 7, scale=1.0, offset=1000.0),
             note="pre-activations around 1000 with a spread of 1"),
    ]
    return cases


def mistake_unbiased_variance(Z, gamma, beta, epsilon=1e-5):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.sum((Z - mu) ** 2, axis=1, keepdims=True) / (Z.shape[1] - 1)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    Z_tilde = gamma * Z_norm + beta
    cache = {"Z_norm": Z_norm, "mu": mu, "var": var, "gamma": gamma, "epsilon": epsilon}
    return Z_tilde, cache


def mistake_epsilon_outside_sqrt(Z, gamma, beta, epsilon=1e-5):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)
    Z_norm = (Z - mu) / (np.sqrt(var) + epsilon)
    Z_tilde = gamma * Z_norm + beta
    cache = {"Z_norm": Z_norm, "mu": mu, "var": var, "gamma": gamma, "epsilon": epsilon}
    return Z_tilde, cache


def mistake_no_epsilon(Z, gamma, beta, epsilon=1e-5):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var)
    Z_tilde = gamma * Z_norm + beta
    cache = {"Z_norm": Z_norm, "mu": mu, "var": var, "gamma": gamma, "epsilon": epsilon}
    return Z_tilde, cache


def mistake_statistics_over_units(Z, gamma, beta, epsilon=1e-5):
    mu = np.mean(Z, axis=0, keepdims=True)
    var = np.mean((Z - mu) ** 2, axis=0, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    Z_tilde = gamma * Z_norm + beta
    cache = {"Z_norm": Z_norm, "mu": mu, "var": var, "gamma": gamma, "epsilon": epsilon}
    return Z_tilde, cache


def mistake_uncentred_variance(Z, gamma, beta, epsilon=1e-5):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.mean(Z**2, axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    Z_tilde = gamma * Z_norm + beta
    cache = {"Z_norm": Z_norm, "mu": mu, "var": var, "gamma": gamma, "epsilon": epsilon}
    return Z_tilde, cache


def mistake_gamma_beta_swapped(Z, gamma, beta, epsilon=1e-5):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    Z_tilde = beta * Z_norm + gamma
    cache = {"Z_norm": Z_norm, "mu": mu, "var": var, "gamma": gamma, "epsilon": epsilon}
    return Z_tilde, cache


def mistake_no_scale_and_shift(Z, gamma, beta, epsilon=1e-5):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    Z_tilde = Z_norm
    cache = {"Z_norm": Z_norm, "mu": mu, "var": var, "gamma": gamma, "epsilon": epsilon}
    return Z_tilde, cache


EXERCISE = Exercise(
    name="batchnorm_forward",
    points=14,
    reference=ref.batchnorm_forward,
    cases=_batchnorm_forward_cases,
    summary="batch normalisation at training time: normalise each unit over the mini-batch, "
            "then scale by gamma and shift by beta",
    tensorflow=COUNTERPART + "batchnorm_forward",
    returns=("Z_tilde", "cache"),
    expected_view=batchnorm_forward_graded,
    mistakes=(
        Mistake("unbiased_variance",
                "Your variance divides by m - 1 (the unbiased estimate, like np.var(..., ddof=1)). "
                "Batch norm uses the biased variance: the mean of (Z - mu)**2 over the m examples, "
                "np.mean(..., axis=1, keepdims=True), or np.var with its default ddof=0.",
                mistake_unbiased_variance),
        Mistake("epsilon_outside_sqrt",
                "You add epsilon after the square root, (Z - mu) / (sqrt(var) + epsilon). Add it "
                "to the variance inside the root: (Z - mu) / np.sqrt(var + epsilon). The "
                "difference is largest when epsilon is large next to the variance.",
                mistake_epsilon_outside_sqrt),
        Mistake("no_epsilon",
                "You divide by np.sqrt(var) without epsilon, so a unit with variance 0 (one "
                "example, or equal values) gives 0/0 = NaN, and the result ignores the epsilon "
                "argument. Divide by np.sqrt(var + epsilon).",
                mistake_no_epsilon),
        Mistake("statistics_over_units",
                "You take the mean and variance over axis 0 (the units of one example). Batch norm "
                "normalises each unit over the examples of the mini-batch: use axis=1 with "
                "keepdims=True, so that mu and var have shape (n, 1).",
                mistake_statistics_over_units),
        Mistake("uncentred_variance",
                "Your variance is the mean of Z**2: subtract the mean first, "
                "var = np.mean((Z - mu)**2, axis=1, keepdims=True).",
                mistake_uncentred_variance),
        Mistake("gamma_beta_swapped",
                "You swapped gamma and beta: gamma scales and beta shifts, "
                "Z_tilde = gamma * Z_norm + beta.",
                mistake_gamma_beta_swapped),
        Mistake("no_scale_and_shift",
                "You return Z_norm: after normalising, scale by gamma and shift by beta, "
                "Z_tilde = gamma * Z_norm + beta.",
                mistake_no_scale_and_shift),
    ),
)
