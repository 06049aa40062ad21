"""``batchnorm_backward``: the gradients of batch normalisation from its cache.

Reference: ``solutions/batchnorm_softmax.py`` (``def batchnorm_backward``); teaching text:
``assignments/content/batchnorm_softmax.py`` (``# %% exercise batchnorm_backward``). TensorFlow
counterpart: ``solutions/counterparts/batchnorm_softmax.py``. The ``mistake_*`` functions are self-
contained: each is turned into a submission by renaming its ``def`` and placing it next to the
imports of ``solutions.batchnorm_softmax``, so each uses only ``np``.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises.batchnorm_softmax.inputs import col, epsilon_kwargs, random_batch
from autograder.course.spec import CacheFrom, Case, Exercise, Mistake
from solutions import batchnorm_softmax as ref

COUNTERPART = "solutions.counterparts.batchnorm_softmax:"


def _backward_case_args(seed, n, m, scale=1.0, offset=0.0, epsilon=1e-5, constant_row=None):
    """``Case`` keywords: ``args`` ``(dZ_tilde, cache)`` with the cache of the reference forward on
    a random batch, and ``forward``, that forward call's ``(args, kwargs)`` (the student's own
    forward makes the cache their backward is graded on, when it is right).

    ``constant_row``, when given, is a unit whose values are all 2.5 in the batch.
    """
    Z, gamma, beta = random_batch(seed, n, m, scale, offset)
    if constant_row is not None:
        Z[constant_row, :] = 2.5
    _, cache = ref.batchnorm_forward(Z, gamma, beta, epsilon)
    dZ_tilde = np.random.RandomState(seed + 50_000).randn(n, m)
    return {"args": (dZ_tilde, cache),
            "forward": ((Z.copy(), gamma.copy(), beta.copy()), epsilon_kwargs(epsilon))}


def _batchnorm_backward_cases():
    Z = np.array([[1.0, 2.0, 3.0, 6.0], [-2.0, 0.0, 0.0, 2.0]])
    _, cache = ref.batchnorm_forward(Z, col(2.0, 0.5), col(0.0, 1.0))
    dZ_tilde = np.array([[0.5, -1.0, 0.25, 1.0], [1.0, 0.0, -0.5, 2.0]])
    cases = [
        Case("two_units_four_examples", "fixed", args=(dZ_tilde, cache),
             forward=((Z.copy(), col(2.0, 0.5), col(0.0, 1.0)), {}),
             note="the cache of the forward pass's first fixed case"),
        Case("three_units_epsilon_1e-3", "fixed",
             **_backward_case_args(2000, 3, 5, epsilon=1e-3),
             note="three units, five examples, epsilon = 1e-3 in the cache"),
    ]
    epsilons = (1e-5, 1e-3, 1e-8, 1e-2)
    for i in range(12):
        shape_rng = np.random.RandomState(2100 + i)
        n, m = int(shape_rng.randint(1, 6)), int(shape_rng.randint(2, 13))
        scale, offset = 10 ** shape_rng.uniform(-1, 1), shape_rng.uniform(-3, 3)
        epsilon = epsilons[i % 4]
        cases.append(Case(f"random_{i}", "random",
                          **_backward_case_args(2200 + i, n, m, scale, offset, epsilon),
                          note=f"dZ_tilde of shape ({n}, {m}), epsilon = {epsilon:g}"))
    for i, (n, m, epsilon) in enumerate(((3, 8, 1e-5), (2, 5, 1e-3), (4, 3, 0.1))):
        cases.append(Case(f"keras_{i}", "tensorflow",
                          **_backward_case_args(2300 + i, n, m, 1.5, 0.5, epsilon),
                          note=f"against tf.GradientTape through keras BatchNormalization, "
                               f"epsilon = {epsilon:g}"))
    cases += [
        Case("one_example", "edge", visible=True,
             **_backward_case_args(2400, 3, 1),
             note="m = 1: Z_tilde does not depend on Z, so dZ is 0"),
        Case("constant_unit", "edge", **_backward_case_args(2401, 3, 6, constant_row=1),
             note="a unit whose values were all equal in the batch (variance 0)"),
        Case("large_epsilon", "edge", **_backward_case_args(2402, 2, 6, 0.8, epsilon=0.5),
             note="epsilon = 0.5 in the cache"),
        Case("two_examples", "edge", **_backward_case_args(2403, 4, 2),
             note="a tail mini-batch of m = 2 examples"),
    ]
    return cases


def mistake_backward_no_mean_terms(dZ_tilde, cache):
    Z_norm, var, gamma, epsilon = cache["Z_norm"], cache["var"], cache["gamma"], cache["epsilon"]
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True)
    dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)
    dZ_norm = gamma * dZ_tilde
    dZ = dZ_norm / np.sqrt(var + epsilon)
    return dZ, dgamma, dbeta


def mistake_backward_no_variance_term(dZ_tilde, cache):
    Z_norm, var, gamma, epsilon = cache["Z_norm"], cache["var"], cache["gamma"], cache["epsilon"]
    m = dZ_tilde.shape[1]
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True)
    dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)
    dZ_norm = gamma * dZ_tilde
    dZ = (m * dZ_norm - np.sum(dZ_norm, axis=1, keepdims=True)) / (m * np.sqrt(var + epsilon))
    return dZ, dgamma, dbeta


def mistake_backward_missing_one_over_m(dZ_tilde, cache):
    Z_norm, var, gamma, epsilon = cache["Z_norm"], cache["var"], cache["gamma"], cache["epsilon"]
    m = dZ_tilde.shape[1]
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True)
    dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)
    dZ_norm = gamma * dZ_tilde
    dZ = (
        m * dZ_norm
        - np.sum(dZ_norm, axis=1, keepdims=True)
        - Z_norm * np.sum(dZ_norm * Z_norm, axis=1, keepdims=True)
    ) / np.sqrt(var + epsilon)
    return dZ, dgamma, dbeta


def mistake_backward_no_gamma(dZ_tilde, cache):
    Z_norm, var, epsilon = cache["Z_norm"], cache["var"], cache["epsilon"]
    m = dZ_tilde.shape[1]
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True)
    dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)
    dZ_norm = dZ_tilde
    dZ = (
        m * dZ_norm
        - np.sum(dZ_norm, axis=1, keepdims=True)
        - Z_norm * np.sum(dZ_norm * Z_norm, axis=1, keepdims=True)
    ) / (m * np.sqrt(var + epsilon))
    return dZ, dgamma, dbeta


def mistake_backward_dgamma_without_z_norm(dZ_tilde, cache):
    Z_norm, var, gamma, epsilon = cache["Z_norm"], cache["var"], cache["gamma"], cache["epsilon"]
    m = dZ_tilde.shape[1]
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True)
    dgamma = np.sum(dZ_tilde, axis=1, keepdims=True)
    dZ_norm = gamma * dZ_tilde
    dZ = (
        m * dZ_norm
        - np.sum(dZ_norm, axis=1, keepdims=True)
        - Z_norm * np.sum(dZ_norm * Z_norm, axis=1, keepdims=True)
    ) / (m * np.sqrt(var + epsilon))
    return dZ, dgamma, dbeta


def mistake_backward_mean_instead_of_sum(dZ_tilde, cache):
    Z_norm, var, gamma, epsilon = cache["Z_norm"], cache["var"], cache["gamma"], cache["epsilon"]
    m = dZ_tilde.shape[1]
    dbeta = np.mean(dZ_tilde, axis=1, keepdims=True)
    dgamma = np.mean(dZ_tilde * Z_norm, axis=1, keepdims=True)
    dZ_norm = gamma * dZ_tilde
    dZ = (
        m * dZ_norm
        - np.sum(dZ_norm, axis=1, keepdims=True)
        - Z_norm * np.sum(dZ_norm * Z_norm, axis=1, keepdims=True)
    ) / (m * np.sqrt(var + epsilon))
    return dZ, dgamma, dbeta


EXERCISE = Exercise(
    name="batchnorm_backward",
    points=16,
    reference=ref.batchnorm_backward,
    cases=_batchnorm_backward_cases,
    summary="the exact gradients of batch normalisation with respect to Z, gamma and beta",
    tensorflow=COUNTERPART + "batchnorm_backward",
    returns=("dZ", "dgamma", "dbeta"),
    # graded on the cache of the student's own batchnorm_forward where that forward is right
    cache_from=CacheFrom("batchnorm_forward", argument=1, part=1),
    mistakes=(
        Mistake("no_mean_terms",
                "Your dZ is gamma * dZ_tilde / sqrt(var + epsilon), as if mu and var did not "
                "depend on Z. They do: subtract the mean of dZ_norm and Z_norm times the mean of "
                "dZ_norm * Z_norm over the examples, "
                "dZ = (m*dZ_norm - sum(dZ_norm) - Z_norm*sum(dZ_norm*Z_norm)) / (m*sqrt(var+eps)).",
                mistake_backward_no_mean_terms),
        Mistake("no_variance_term",
                "Your dZ subtracts the mean of dZ_norm but leaves out the path through the "
                "variance: also subtract Z_norm * sum(dZ_norm * Z_norm, axis=1) before dividing "
                "by m * sqrt(var + epsilon).",
                mistake_backward_no_variance_term),
        Mistake("missing_one_over_m",
                "Your dZ is m times too large: divide by m * sqrt(var + epsilon), not by "
                "sqrt(var + epsilon) alone.",
                mistake_backward_missing_one_over_m),
        Mistake("no_gamma",
                "Your dZ leaves out gamma: Z_tilde = gamma * Z_norm + beta, so the gradient "
                "reaching Z_norm is dZ_norm = gamma * dZ_tilde.",
                mistake_backward_no_gamma),
        Mistake("dgamma_without_z_norm",
                "Your dgamma is the sum of dZ_tilde (that is dbeta). gamma multiplies Z_norm, so "
                "dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True).",
                mistake_backward_dgamma_without_z_norm),
        Mistake("mean_instead_of_sum",
                "Your dgamma and dbeta average over the examples. gamma and beta are used by every "
                "example, so their gradients are sums over the examples (axis=1), not means; the "
                "1/m of the cost is already in dZ_tilde.",
                mistake_backward_mean_instead_of_sum),
    ),
)
