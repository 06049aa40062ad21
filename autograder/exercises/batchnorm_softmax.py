"""Declarations of the assignment ``batchnorm_softmax`` (course week 3).

Batch normalisation (training forward and backward, running averages, test time), a stable softmax,
the cross-entropy from the logits and its gradient in NumPy; then the TensorFlow exercises
``compute_total_loss`` and ``one_hot_matrix``. Their references, counterparts and known mistakes are
named by ``"module:name"`` strings, so that importing this module never imports TensorFlow.

Cases are built from local generators (``np.random.RandomState(seed)``), never the global stream.
The edge cases are where the typical mistakes show: one example (the variance is 0, so epsilon
matters), a unit with constant values, a large epsilon (its place inside or outside the square root),
logits of 1e4 and the curriculum's ``[[1000], [0], [-1000]]`` (a softmax without the max shift, or a
cross-entropy computed as softmax-then-log, returns inf or NaN there; clipped at 1e-7 it returns
about 16.12 instead of 2000).

The ``mistake_*`` functions are self-contained: each is turned into a submission by renaming its
``def`` and placing it next to the imports of ``solutions.batchnorm_softmax``, so each uses only
``np`` (and ``softmax``, the student's own, for the gradient's mistakes).
"""

from __future__ import annotations

import numpy as np

from autograder.spec import Assignment, Case, Exercise, Mistake
from course_lib.compare import Subset, Tolerance
from course_lib.values import TensorArg
from solutions import batchnorm_softmax as ref

#: The mistakes of ``softmax_cross_entropy_backward`` call ``softmax`` by name, as the student's code
#: does (in a submission it is the student's own); here it is the reference's.
softmax = ref.softmax

COUNTERPART = "solutions.tensorflow_counterparts:"
TF_REFERENCE = "solutions.batchnorm_softmax_tensorflow:"
TF_MISTAKES = "autograder.exercises.tensorflow_mistakes:"


# ----------------------------------------------------------------------------------------------
# Input builders
# ----------------------------------------------------------------------------------------------


def _col(*values) -> np.ndarray:
    """A float64 column vector ``(n, 1)``."""
    return np.array(values, dtype=np.float64).reshape(-1, 1)


def _scale_shift(rng, n):
    """gamma away from 1 and beta away from 0 (so that a missing or swapped one shows)."""
    gamma = rng.uniform(0.5, 2.0, (n, 1)) * rng.choice([-1.0, 1.0], (n, 1))
    beta = rng.uniform(-1.5, 1.5, (n, 1))
    return gamma, beta


def _random_batch(seed, n, m, scale=1.0, offset=0.0):
    """``Z`` ``(n, m)`` around ``offset`` with spread ``scale``, and a gamma and beta for it."""
    rng = np.random.RandomState(seed)
    Z = rng.randn(n, m) * scale + offset
    gamma, beta = _scale_shift(rng, n)
    return Z, gamma, beta


def _one_hot(labels, C) -> np.ndarray:
    """One-hot labels ``(C, m)`` of the integer labels."""
    labels = np.asarray(labels)
    Y = np.zeros((C, labels.size))
    Y[labels, np.arange(labels.size)] = 1.0
    return Y


def _random_logits(seed, C, m, scale=2.0):
    """Logits ``(C, m)`` and one-hot labels ``(C, m)`` drawn from the same seed."""
    rng = np.random.RandomState(seed)
    ZL = rng.randn(C, m) * scale
    Y = _one_hot(rng.randint(0, C, m), C)
    return ZL, Y


def _epsilon_kwargs(epsilon):
    """``{}`` for the default epsilon (so that the default is graded too), else ``{"epsilon": e}``."""
    return {} if epsilon == 1e-5 else {"epsilon": epsilon}


# ----------------------------------------------------------------------------------------------
# batchnorm_forward
# ----------------------------------------------------------------------------------------------


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
                   _col(2.0, 0.5), _col(0.0, 1.0)),
             note="a small batch with the default epsilon"),
        Case("three_units_epsilon_1e-3", "fixed",
             args=(np.array([[0.5, -1.0, 2.0, 0.0, 1.5],
                             [10.0, 12.0, 9.0, 11.0, 13.0],
                             [-3.0, 1.0, 0.0, 4.0, -2.0]]),
                   _col(1.5, -1.0, 0.25), _col(-0.5, 2.0, 0.0)),
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
                          args=_random_batch(1200 + i, n, m, scale, offset),
                          kwargs=_epsilon_kwargs(epsilon),
                          note=f"Z of shape ({n}, {m}), epsilon = {epsilon:g}"))
    for i, (n, m, epsilon) in enumerate(((3, 8, 1e-5), (2, 5, 1e-3), (4, 3, 0.1))):
        cases.append(Case(f"keras_{i}", "tensorflow",
                          args=_random_batch(1300 + i, n, m, scale=1.5, offset=0.5),
                          kwargs=_epsilon_kwargs(epsilon),
                          note=f"against keras BatchNormalization, training=True, "
                               f"epsilon = {epsilon:g}"))
    constant = _random_batch(1401, 3, 6)
    constant[0][1, :] = 2.5
    cases += [
        Case("one_example", "edge", args=_random_batch(1400, 3, 1),
             note="m = 1: the variance is 0, only epsilon keeps the division finite"),
        Case("constant_unit", "edge", args=constant,
             note="a unit whose values are all equal in the batch (variance 0)"),
        Case("large_epsilon", "edge", args=_random_batch(1402, 2, 6, scale=0.8),
             kwargs={"epsilon": 0.5},
             note="epsilon = 0.5, where its place inside the square root matters"),
        Case("two_examples", "edge", args=_random_batch(1403, 4, 2),
             note="a tail mini-batch of m = 2 examples"),
        Case("far_from_zero", "edge", args=_random_batch(1404, 2, 7, scale=1.0, offset=1000.0),
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


BATCHNORM_FORWARD = Exercise(
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


# ----------------------------------------------------------------------------------------------
# batchnorm_backward
# ----------------------------------------------------------------------------------------------


def _backward_case_args(seed, n, m, scale=1.0, offset=0.0, epsilon=1e-5, constant_row=None):
    """``(dZ_tilde, cache)`` with the cache of the reference forward on a random batch.

    ``constant_row``, when given, is a unit whose values are all 2.5 in the batch.
    """
    Z, gamma, beta = _random_batch(seed, n, m, scale, offset)
    if constant_row is not None:
        Z[constant_row, :] = 2.5
    _, cache = ref.batchnorm_forward(Z, gamma, beta, epsilon)
    dZ_tilde = np.random.RandomState(seed + 50_000).randn(n, m)
    return dZ_tilde, cache


def _batchnorm_backward_cases():
    Z = np.array([[1.0, 2.0, 3.0, 6.0], [-2.0, 0.0, 0.0, 2.0]])
    _, cache = ref.batchnorm_forward(Z, _col(2.0, 0.5), _col(0.0, 1.0))
    dZ_tilde = np.array([[0.5, -1.0, 0.25, 1.0], [1.0, 0.0, -0.5, 2.0]])
    cases = [
        Case("two_units_four_examples", "fixed", args=(dZ_tilde, cache),
             note="the cache of the forward pass's first fixed case"),
        Case("three_units_epsilon_1e-3", "fixed",
             args=_backward_case_args(2000, 3, 5, epsilon=1e-3),
             note="three units, five examples, epsilon = 1e-3 in the cache"),
    ]
    epsilons = (1e-5, 1e-3, 1e-8, 1e-2)
    for i in range(12):
        shape_rng = np.random.RandomState(2100 + i)
        n, m = int(shape_rng.randint(1, 6)), int(shape_rng.randint(2, 13))
        scale, offset = 10 ** shape_rng.uniform(-1, 1), shape_rng.uniform(-3, 3)
        epsilon = epsilons[i % 4]
        cases.append(Case(f"random_{i}", "random",
                          args=_backward_case_args(2200 + i, n, m, scale, offset, epsilon),
                          note=f"dZ_tilde of shape ({n}, {m}), epsilon = {epsilon:g}"))
    for i, (n, m, epsilon) in enumerate(((3, 8, 1e-5), (2, 5, 1e-3), (4, 3, 0.1))):
        cases.append(Case(f"keras_{i}", "tensorflow",
                          args=_backward_case_args(2300 + i, n, m, 1.5, 0.5, epsilon),
                          note=f"against tf.GradientTape through keras BatchNormalization, "
                               f"epsilon = {epsilon:g}"))
    cases += [
        Case("one_example", "edge", args=_backward_case_args(2400, 3, 1),
             note="m = 1: Z_tilde does not depend on Z, so dZ is 0"),
        Case("constant_unit", "edge", args=_backward_case_args(2401, 3, 6, constant_row=1),
             note="a unit whose values were all equal in the batch (variance 0)"),
        Case("large_epsilon", "edge", args=_backward_case_args(2402, 2, 6, 0.8, epsilon=0.5),
             note="epsilon = 0.5 in the cache"),
        Case("two_examples", "edge", args=_backward_case_args(2403, 4, 2),
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


BATCHNORM_BACKWARD = Exercise(
    name="batchnorm_backward",
    points=16,
    reference=ref.batchnorm_backward,
    cases=_batchnorm_backward_cases,
    summary="the exact gradients of batch normalisation with respect to Z, gamma and beta",
    tensorflow=COUNTERPART + "batchnorm_backward",
    returns=("dZ", "dgamma", "dbeta"),
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


# ----------------------------------------------------------------------------------------------
# update_running_averages
# ----------------------------------------------------------------------------------------------


def _running_args(seed, n):
    rng = np.random.RandomState(seed)
    running_mean = rng.randn(n, 1)
    running_var = rng.uniform(0.2, 3.0, (n, 1))
    batch_mean = rng.randn(n, 1) * 2.0
    batch_var = rng.uniform(0.2, 3.0, (n, 1))
    return running_mean, running_var, batch_mean, batch_var


def _update_running_averages_cases():
    cases = [
        Case("three_units", "fixed",
             args=(_col(0.0, 1.0, -2.0), _col(1.0, 0.5, 2.0), _col(2.0, 3.0, -1.0),
                   _col(4.0, 0.25, 1.0)),
             note="the default momentum = 0.9"),
        Case("momentum_0.99", "fixed",
             args=(_col(0.5, -1.0), _col(2.0, 1.0), _col(1.5, 1.0), _col(0.5, 3.0)),
             kwargs={"momentum": 0.99},
             note="momentum = 0.99: the running statistics move slowly"),
    ]
    momenta = (None, 0.8, 0.95, 0.99, 0.7, 0.9)
    for i in range(12):
        n = int(np.random.RandomState(3100 + i).randint(1, 9))
        momentum = momenta[i % len(momenta)]
        cases.append(Case(f"random_{i}", "random", args=_running_args(3200 + i, n),
                          kwargs={} if momentum is None else {"momentum": momentum},
                          note=f"statistics of shape ({n}, 1), momentum = {momentum or 0.9:g}"))
    for i, (n, momentum) in enumerate(((3, 0.9), (5, 0.99), (2, 0.75))):
        cases.append(Case(f"keras_{i}", "tensorflow", args=_running_args(3300 + i, n),
                          kwargs={"momentum": momentum},
                          note=f"against keras BatchNormalization's moving statistics, "
                               f"momentum = {momentum:g}"))
    first = _running_args(3400, 4)
    cases += [
        Case("first_step", "edge",
             args=(np.zeros((4, 1)), np.ones((4, 1)), first[2], first[3]),
             kwargs={"momentum": 0.8},
             note="the first update, from Keras's initial statistics 0 and 1"),
        Case("momentum_0", "edge", args=_running_args(3401, 3), kwargs={"momentum": 0.0},
             note="momentum = 0 keeps only this batch's statistics"),
        Case("momentum_1", "edge", args=_running_args(3402, 3), kwargs={"momentum": 1.0},
             note="momentum = 1 keeps the running statistics unchanged"),
    ]
    return cases


def mistake_running_weights_swapped(running_mean, running_var, batch_mean, batch_var,
                                    momentum=0.9):
    running_mean = (1 - momentum) * running_mean + momentum * batch_mean
    running_var = (1 - momentum) * running_var + momentum * batch_var
    return running_mean, running_var


def mistake_running_batch_only(running_mean, running_var, batch_mean, batch_var, momentum=0.9):
    running_mean = batch_mean
    running_var = batch_var
    return running_mean, running_var


def mistake_running_no_one_minus_momentum(running_mean, running_var, batch_mean, batch_var,
                                          momentum=0.9):
    running_mean = momentum * running_mean + batch_mean
    running_var = momentum * running_var + batch_var
    return running_mean, running_var


def mistake_running_fixed_momentum(running_mean, running_var, batch_mean, batch_var,
                                   momentum=0.9):
    running_mean = 0.9 * running_mean + (1 - 0.9) * batch_mean
    running_var = 0.9 * running_var + (1 - 0.9) * batch_var
    return running_mean, running_var


def mistake_running_var_from_mean(running_mean, running_var, batch_mean, batch_var,
                                  momentum=0.9):
    running_mean = momentum * running_mean + (1 - momentum) * batch_mean
    running_var = momentum * running_var + (1 - momentum) * batch_mean
    return running_mean, running_var


def mistake_running_returned_swapped(running_mean, running_var, batch_mean, batch_var,
                                     momentum=0.9):
    running_mean = momentum * running_mean + (1 - momentum) * batch_mean
    running_var = momentum * running_var + (1 - momentum) * batch_var
    return running_var, running_mean


UPDATE_RUNNING_AVERAGES = Exercise(
    name="update_running_averages",
    points=6,
    reference=ref.update_running_averages,
    cases=_update_running_averages_cases,
    summary="the running mean and variance kept for test time, exponentially weighted averages "
            "of the batch statistics",
    tensorflow=COUNTERPART + "update_running_averages",
    returns=("running_mean", "running_var"),
    mistakes=(
        Mistake("weights_swapped",
                "You swapped the weights: the running statistic keeps the weight momentum and the "
                "batch gets 1 - momentum, running = momentum * running + (1 - momentum) * batch.",
                mistake_running_weights_swapped),
        Mistake("batch_statistics_only",
                "You return this batch's statistics: the running statistics are averages over "
                "the batches, running = momentum * running + (1 - momentum) * batch.",
                mistake_running_batch_only),
        Mistake("no_one_minus_momentum",
                "You add the batch statistic without its weight 1 - momentum: "
                "running = momentum * running + (1 - momentum) * batch.",
                mistake_running_no_one_minus_momentum),
        Mistake("fixed_momentum",
                "You use 0.9 whatever the momentum argument says: use the momentum parameter.",
                mistake_running_fixed_momentum),
        Mistake("var_from_mean",
                "Your running variance is updated with the batch mean: update it with batch_var.",
                mistake_running_var_from_mean),
        Mistake("returned_swapped",
                "You return (running_var, running_mean): return (running_mean, running_var), in "
                "that order.",
                mistake_running_returned_swapped),
    ),
)


# ----------------------------------------------------------------------------------------------
# batchnorm_inference
# ----------------------------------------------------------------------------------------------


def _inference_args(seed, n, m, scale=1.0):
    Z, gamma, beta = _random_batch(seed, n, m, scale, offset=0.7)
    rng = np.random.RandomState(seed + 50_000)
    running_mean = rng.randn(n, 1) * 0.5 + 0.7
    running_var = rng.uniform(0.3, 3.0, (n, 1)) * scale**2
    return Z, gamma, beta, running_mean, running_var


def _batchnorm_inference_cases():
    cases = [
        Case("two_units_three_examples", "fixed",
             args=(np.array([[1.0, 2.0, 4.0], [-1.0, 0.0, 3.0]]), _col(2.0, 0.5), _col(0.0, 1.0),
                   _col(1.5, 0.5), _col(4.0, 0.25)),
             note="a small batch with the default epsilon"),
        Case("one_test_example", "fixed",
             args=(_col(0.5, -2.0, 3.0), _col(1.0, -1.5, 2.0), _col(0.5, 0.0, -1.0),
                   _col(0.0, -1.0, 2.0), _col(1.0, 2.0, 0.5)),
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
                          kwargs=_epsilon_kwargs(epsilon),
                          note=f"Z of shape ({n}, {m}), epsilon = {epsilon:g}"))
    for i, (n, m, epsilon) in enumerate(((3, 4, 1e-5), (2, 1, 1e-3), (4, 6, 0.1))):
        cases.append(Case(f"keras_{i}", "tensorflow", args=_inference_args(4300 + i, n, m),
                          kwargs=_epsilon_kwargs(epsilon),
                          note=f"against keras BatchNormalization, training=False, "
                               f"epsilon = {epsilon:g}"))
    zero_var = _inference_args(4401, 3, 4)
    zero_var[4][2, 0] = 0.0
    cases += [
        Case("one_example", "edge", args=_inference_args(4400, 3, 1),
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


BATCHNORM_INFERENCE = Exercise(
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


# ----------------------------------------------------------------------------------------------
# softmax
# ----------------------------------------------------------------------------------------------


def _softmax_cases():
    cases = [
        Case("three_classes_two_examples", "fixed",
             args=(np.array([[1.0, 2.0], [2.0, 0.0], [3.0, -1.0]]),),
             note="small logits"),
        Case("four_classes_three_examples", "fixed",
             args=(np.array([[0.0, 5.0, -1.0], [0.0, 1.0, -1.0], [0.0, -2.0, 2.0],
                             [0.0, 0.5, 0.0]]),),
             note="an example whose logits are all equal, and two others"),
    ]
    for i in range(12):
        shape_rng = np.random.RandomState(5100 + i)
        C, m = int(shape_rng.randint(2, 7)), int(shape_rng.randint(1, 9))
        scale = 10 ** shape_rng.uniform(-1, 1)
        cases.append(Case(f"random_{i}", "random", args=(_random_logits(5200 + i, C, m, scale)[0],),
                          note=f"logits of shape ({C}, {m})"))
    cases += [
        Case("keras_0", "tensorflow", args=(_random_logits(5300, 4, 6)[0],),
             note="against tf.nn.softmax(axis=0)"),
        Case("keras_1", "tensorflow", args=(_random_logits(5301, 3, 2, 500.0)[0],),
             note="against tf.nn.softmax(axis=0), logits of a few hundred"),
        Case("keras_2", "tensorflow", args=(_random_logits(5302, 6, 3, 0.1)[0],),
             note="against tf.nn.softmax(axis=0), small logits"),
        Case("curriculum_1000", "edge", args=(np.array([[1000.0], [0.0], [-1000.0]]),),
             note="logits [[1000], [0], [-1000]]: exp(1000) overflows without the max shift"),
        Case("logits_1e4", "edge",
             args=(np.array([[1e4, -1e4, 3.0], [1e4 - 2.0, 0.0, 1e4], [-1e4, -1e4 + 1.0, 2.0]]),),
             note="logits of magnitude 1e4"),
        Case("very_negative_logits", "edge", args=(np.array([[-1e4, -800.0], [-1e4 - 1.0, -801.0]]),),
             note="all logits very negative: every exp underflows to 0 without the shift"),
        Case("one_dominant_class", "edge",
             args=(np.array([[0.0, 1.0], [-2000.0, -2000.0], [-2000.0, -2000.0]]),),
             note="one class far above the others (shifting by the mean overflows)"),
        Case("columns_of_different_scales", "edge",
             args=(np.array([[1e4, 0.0], [0.0, 1.0], [-1e4, 2.0]]),),
             note="each example needs its own shift: one max over the whole matrix underflows"),
        Case("one_class", "edge", args=(np.array([[0.5, -3.0, 20.0]]),),
             note="C = 1: every probability is 1"),
    ]
    return cases


def mistake_softmax_no_max_shift(Z):
    exp_Z = np.exp(Z)
    A = exp_Z / np.sum(exp_Z, axis=0, keepdims=True)
    return A


def mistake_softmax_shift_by_mean(Z):
    Z_shifted = Z - np.mean(Z, axis=0, keepdims=True)
    exp_Z = np.exp(Z_shifted)
    A = exp_Z / np.sum(exp_Z, axis=0, keepdims=True)
    return A


def mistake_softmax_global_max(Z):
    Z_shifted = Z - np.max(Z)
    exp_Z = np.exp(Z_shifted)
    A = exp_Z / np.sum(exp_Z, axis=0, keepdims=True)
    return A


def mistake_softmax_over_examples(Z):
    Z_shifted = Z - np.max(Z, axis=1, keepdims=True)
    exp_Z = np.exp(Z_shifted)
    A = exp_Z / np.sum(exp_Z, axis=1, keepdims=True)
    return A


def mistake_softmax_whole_matrix(Z):
    Z_shifted = Z - np.max(Z)
    exp_Z = np.exp(Z_shifted)
    A = exp_Z / np.sum(exp_Z)
    return A


SOFTMAX = Exercise(
    name="softmax",
    points=12,
    reference=ref.softmax,
    cases=_softmax_cases,
    summary="the column-wise softmax, finite and exact for logits of any magnitude",
    tensorflow=COUNTERPART + "softmax",
    mistakes=(
        Mistake("no_max_shift",
                "Your softmax computes np.exp(Z) directly, which overflows (inf/inf = NaN) for "
                "logits above about 709 and underflows (0/0) for very negative ones. Subtract "
                "each column's maximum first, Z - np.max(Z, axis=0, keepdims=True): the result "
                "is the same, and the largest exponent is exp(0) = 1.",
                mistake_softmax_no_max_shift),
        Mistake("shift_by_mean",
                "You shift the logits by their mean: that does not bound the exponents, so a "
                "class far above the mean still overflows. Shift by each column's maximum, "
                "np.max(Z, axis=0, keepdims=True).",
                mistake_softmax_shift_by_mean),
        Mistake("global_max_shift",
                "You shift by the maximum of the whole matrix: an example whose logits are all "
                "far below it underflows to 0/0. Shift each example (column) by its own maximum, "
                "np.max(Z, axis=0, keepdims=True).",
                mistake_softmax_global_max),
        Mistake("over_examples",
                "Your softmax runs along the rows (axis=1), over the examples. The classes are "
                "the rows of Z: take the max and the sum over axis=0, so each column sums to 1.",
                mistake_softmax_over_examples),
        Mistake("whole_matrix",
                "You normalise by the sum over the whole matrix: each example (column) must sum "
                "to 1, so sum over axis=0 with keepdims=True.",
                mistake_softmax_whole_matrix),
    ),
)


# ----------------------------------------------------------------------------------------------
# softmax_cross_entropy_cost and softmax_cross_entropy_backward
# ----------------------------------------------------------------------------------------------


def _cross_entropy_cases(seed):
    """The cases shared by the cost and its gradient (seeds from ``seed``)."""
    cases = [
        Case("three_classes_two_examples", "fixed",
             args=(np.array([[1.0, 2.0], [2.0, 0.0], [3.0, -1.0]]), _one_hot([2, 0], 3)),
             note="small logits, labels 2 and 0"),
        Case("four_classes_three_examples", "fixed",
             args=(np.array([[0.5, 5.0, -1.0], [0.0, 1.0, -1.0], [-0.5, -2.0, 2.0],
                             [1.0, 0.5, 0.0]]), _one_hot([3, 1, 2], 4)),
             note="labels 3, 1 and 2"),
    ]
    for i in range(12):
        shape_rng = np.random.RandomState(seed + 100 + i)
        C, m = int(shape_rng.randint(2, 7)), int(shape_rng.randint(2, 9))
        scale = 10 ** shape_rng.uniform(-1, 1)
        cases.append(Case(f"random_{i}", "random",
                          args=_random_logits(seed + 200 + i, C, m, scale),
                          note=f"logits of shape ({C}, {m})"))
    cases += [
        Case("keras_0", "tensorflow", args=_random_logits(seed + 300, 4, 6),
             note="against keras categorical_crossentropy(from_logits=True)"),
        Case("keras_1", "tensorflow", args=_random_logits(seed + 301, 3, 5, 300.0),
             note="against keras categorical_crossentropy(from_logits=True), logits of hundreds"),
        Case("keras_2", "tensorflow", args=_random_logits(seed + 302, 5, 3, 0.1),
             note="against keras categorical_crossentropy(from_logits=True), small logits"),
        Case("curriculum_1000", "edge",
             args=(np.array([[1000.0], [0.0], [-1000.0]]), _one_hot([2], 3)),
             note="logits [[1000], [0], [-1000]] with the last class true: the cost is 2000"),
        Case("logits_1e4", "edge",
             args=(np.array([[1e4, -1e4], [0.0, 1e4], [-1e4, 1e4 - 3.0]]), _one_hot([1, 0], 3)),
             note="logits of magnitude 1e4, wrong classes predicted with certainty"),
        Case("large_close_logits", "edge",
             args=(np.array([[800.0, -5.0], [799.0, -6.0]]), _one_hot([1, 0], 2)),
             note="logits of 800 that are close to each other: exp(800) overflows"),
        Case("very_unlikely_class", "edge",
             args=(np.array([[100.0], [0.0], [-800.0]]), _one_hot([2], 3)),
             note="a true class whose probability underflows to 0 (the cost is 900)"),
        Case("confident_and_right", "edge",
             args=(np.array([[30.0, -2.0, 0.0], [0.0, 28.0, -25.0]]), _one_hot([0, 1, 0], 2)),
             note="confident right predictions: the cost is tiny but not 0"),
    ]
    return cases


def _softmax_cross_entropy_cost_cases():
    return _cross_entropy_cases(6000)


def _softmax_cross_entropy_backward_cases():
    return _cross_entropy_cases(7000)


def mistake_cost_softmax_then_log(ZL, Y):
    m = ZL.shape[1]
    exp_Z = np.exp(ZL - np.max(ZL, axis=0, keepdims=True))
    A = exp_Z / np.sum(exp_Z, axis=0, keepdims=True)
    cost = -np.sum(Y * np.log(A)) / m
    return float(cost)


def mistake_cost_clipped_probabilities(ZL, Y):
    m = ZL.shape[1]
    exp_Z = np.exp(ZL - np.max(ZL, axis=0, keepdims=True))
    A = exp_Z / np.sum(exp_Z, axis=0, keepdims=True)
    cost = -np.sum(Y * np.log(np.clip(A, 1e-7, 1 - 1e-7))) / m
    return float(cost)


def mistake_cost_no_max_shift(ZL, Y):
    m = ZL.shape[1]
    log_softmax = ZL - np.log(np.sum(np.exp(ZL), axis=0, keepdims=True))
    cost = -np.sum(Y * log_softmax) / m
    return float(cost)


def mistake_cost_sum_instead_of_mean(ZL, Y):
    Z_shifted = ZL - np.max(ZL, axis=0, keepdims=True)
    log_softmax = Z_shifted - np.log(np.sum(np.exp(Z_shifted), axis=0, keepdims=True))
    cost = -np.sum(Y * log_softmax)
    return float(cost)


def mistake_cost_mean_over_all_entries(ZL, Y):
    Z_shifted = ZL - np.max(ZL, axis=0, keepdims=True)
    log_softmax = Z_shifted - np.log(np.sum(np.exp(Z_shifted), axis=0, keepdims=True))
    cost = -np.mean(Y * log_softmax)
    return float(cost)


def mistake_cost_missing_minus(ZL, Y):
    m = ZL.shape[1]
    Z_shifted = ZL - np.max(ZL, axis=0, keepdims=True)
    log_softmax = Z_shifted - np.log(np.sum(np.exp(Z_shifted), axis=0, keepdims=True))
    cost = np.sum(Y * log_softmax) / m
    return float(cost)


SOFTMAX_CROSS_ENTROPY_COST = Exercise(
    name="softmax_cross_entropy_cost",
    points=14,
    reference=ref.softmax_cross_entropy_cost,
    cases=_softmax_cross_entropy_cost_cases,
    summary="the mean cross-entropy computed from the logits with log-sum-exp, finite for any "
            "logits",
    tolerance=Tolerance(
        rtol=1e-7, atol_scale=1e-10, atol=1e-13,
        reason="the cost is the difference of two terms of the size of the logits (log-sum-exp "
               "and the true class's logit); equivalent formulas differ by about 1e-16 times "
               "the logits (up to 1e-13 here), which can be a large part of a tiny cost such as "
               "4.7e-12, while every mistake differs by at least the cost itself",
    ),
    tensorflow=COUNTERPART + "softmax_cross_entropy_cost",
    mistakes=(
        Mistake("softmax_then_log",
                "You take the log of softmax(ZL): a probability that underflows to 0 gives "
                "log(0) = -inf, so the cost is inf or NaN for large logits. Compute the log "
                "softmax from the logits: (ZL - max) - np.log(np.sum(np.exp(ZL - max), axis=0)).",
                mistake_cost_softmax_then_log),
        Mistake("clipped_probabilities",
                "You clip the probabilities before the log (as Keras does with from_logits=False): "
                "that caps the loss of one example near -log(1e-7) = 16.12, where the exact value "
                "can be far larger (2000 for the logits [[1000], [0], [-1000]] and the last class). "
                "Compute the log softmax from the logits with log-sum-exp, without clipping.",
                mistake_cost_clipped_probabilities),
        Mistake("no_max_shift",
                "Your log-sum-exp computes np.exp(ZL) without subtracting the maximum, which "
                "overflows for logits above about 709. Use "
                "max + np.log(np.sum(np.exp(ZL - max), axis=0)), with each column's max.",
                mistake_cost_no_max_shift),
        Mistake("sum_instead_of_mean",
                "Your cost is the sum over the examples: divide by m for the mean.",
                mistake_cost_sum_instead_of_mean),
        Mistake("mean_over_all_entries",
                "You average over all C * m entries of Y * log_softmax: sum over the classes and "
                "divide by m only.",
                mistake_cost_mean_over_all_entries),
        Mistake("missing_minus",
                "Your cost is negative: the cross-entropy is minus the mean of "
                "sum_c Y * log softmax(ZL).",
                mistake_cost_missing_minus),
    ),
)


def mistake_gradient_no_division_by_m(ZL, Y):
    dZL = softmax(ZL) - Y
    return dZL


def mistake_gradient_wrong_sign(ZL, Y):
    m = ZL.shape[1]
    dZL = (Y - softmax(ZL)) / m
    return dZL


def mistake_gradient_divided_by_classes(ZL, Y):
    C = ZL.shape[0]
    dZL = (softmax(ZL) - Y) / C
    return dZL


def mistake_gradient_unstable_softmax(ZL, Y):
    m = ZL.shape[1]
    exp_Z = np.exp(ZL)
    dZL = (exp_Z / np.sum(exp_Z, axis=0, keepdims=True) - Y) / m
    return dZL


def mistake_gradient_mean_over_examples(ZL, Y):
    dZL = np.mean(softmax(ZL) - Y, axis=1, keepdims=True)
    return dZL


SOFTMAX_CROSS_ENTROPY_BACKWARD = Exercise(
    name="softmax_cross_entropy_backward",
    points=10,
    reference=ref.softmax_cross_entropy_backward,
    cases=_softmax_cross_entropy_backward_cases,
    summary="the gradient of the mean cross-entropy with respect to the logits, "
            "(softmax(ZL) - Y) / m",
    tolerance=Tolerance(
        rtol=1e-7, atol_scale=1e-10, atol=1e-15,
        reason="softmax(ZL) - Y cancels where a probability is close to 1, leaving the rounding "
               "of that probability (a few ulp of 1, under 1e-15) whatever the size of the "
               "result; every mistake differs by at least the smallest entry (3e-14 here)",
    ),
    tensorflow=COUNTERPART + "softmax_cross_entropy_backward",
    needs=("softmax",),
    mistakes=(
        Mistake("no_division_by_m",
                "Your gradient is softmax(ZL) - Y: the cost is a mean over the m examples, so "
                "divide by m.",
                mistake_gradient_no_division_by_m),
        Mistake("wrong_sign",
                "Your gradient has the wrong sign: it is (softmax(ZL) - Y) / m, not "
                "(Y - softmax(ZL)) / m.",
                mistake_gradient_wrong_sign),
        Mistake("divided_by_classes",
                "You divide by the number of classes C = ZL.shape[0]: divide by the number of "
                "examples m = ZL.shape[1].",
                mistake_gradient_divided_by_classes),
        Mistake("unstable_softmax",
                "Your gradient is NaN for large logits: its softmax computes np.exp(ZL) without "
                "subtracting each column's maximum. Call your stable softmax(ZL).",
                mistake_gradient_unstable_softmax),
        Mistake("mean_over_examples",
                "You average the gradient over the examples, which gives shape (C, 1): dZL has "
                "one column per example, (softmax(ZL) - Y) / m with shape (C, m).",
                mistake_gradient_mean_over_examples),
    ),
)


# ----------------------------------------------------------------------------------------------
# TensorFlow exercises: compute_total_loss and one_hot_matrix
# ----------------------------------------------------------------------------------------------


def _loss_args(seed, C, m, scale=2.0, dtype=np.float32):
    ZL, Y = _random_logits(seed, C, m, scale)
    return TensorArg(ZL.astype(dtype)), TensorArg(Y.astype(dtype))


def _compute_total_loss_cases():
    cases = [
        Case("three_classes_two_examples", "fixed",
             args=(TensorArg(np.array([[1.0, 2.0], [2.0, 0.0], [3.0, -1.0]], dtype=np.float32)),
                   TensorArg(_one_hot([2, 0], 3).astype(np.float32))),
             note="float32 tensors, labels 2 and 0"),
        Case("float64_four_classes", "fixed",
             args=(TensorArg(np.array([[0.5, 5.0, -1.0], [0.0, 1.0, -1.0], [-0.5, -2.0, 2.0],
                                       [1.0, 0.5, 0.0]])),
                   TensorArg(_one_hot([3, 1, 2], 4))),
             note="float64 tensors, labels 3, 1 and 2"),
    ]
    for i in range(12):
        shape_rng = np.random.RandomState(8100 + i)
        C, m = int(shape_rng.randint(2, 7)), int(shape_rng.randint(2, 9))
        scale = 10 ** shape_rng.uniform(-1, 1)
        dtype = (np.float32, np.float64)[i % 2]
        cases.append(Case(f"random_{i}", "random", args=_loss_args(8200 + i, C, m, scale, dtype),
                          note=f"{np.dtype(dtype).name} logits of shape ({C}, {m})"))
    cases += [
        Case("curriculum_1000", "edge",
             args=(TensorArg(np.array([[1000.0], [0.0], [-1000.0]], dtype=np.float32)),
                   TensorArg(_one_hot([2], 3).astype(np.float32))),
             note="logits [[1000], [0], [-1000]] with the last class true: the loss is 2000"),
        Case("logits_1e4", "edge",
             args=(TensorArg(np.array([[1e4, -1e4], [0.0, 1e4], [-1e4, 1e4 - 3.0]],
                                      dtype=np.float32)),
                   TensorArg(_one_hot([1, 0], 3).astype(np.float32))),
             note="logits of magnitude 1e4, wrong classes predicted with certainty"),
        Case("one_example", "edge", args=_loss_args(8300, 4, 1, dtype=np.float64),
             note="m = 1, float64"),
    ]
    return cases


_TF_TOLERANCE = Tolerance(
    rtol=1e-5, atol_scale=1e-6,
    reason="float32 tensors carry about 7 significant digits, and equivalent TensorFlow routes to "
           "the loss (Keras's categorical_crossentropy, tf.nn.softmax_cross_entropy_with_logits, "
           "log_softmax) round differently; summed over the examples they stay within 1e-5",
)

COMPUTE_TOTAL_LOSS = Exercise(
    name="compute_total_loss",
    points=12,
    reference=TF_REFERENCE + "compute_total_loss",
    cases=_compute_total_loss_cases,
    summary="the sum over the examples of Keras's categorical cross-entropy from the logits",
    tolerance=_TF_TOLERANCE,
    uses_tensorflow=True,
    mistakes=(
        Mistake("mean_instead_of_sum",
                "Your loss is the mean over the examples (tf.reduce_mean): the total loss is "
                "their sum, tf.reduce_sum, so that mini-batches of different sizes add up.",
                TF_MISTAKES + "mistake_loss_mean_instead_of_sum"),
        Mistake("from_logits_false",
                "You pass the logits to categorical_crossentropy as if they were probabilities: "
                "give it from_logits=True, so that it applies the softmax itself, stably.",
                TF_MISTAKES + "mistake_loss_from_logits_false"),
        Mistake("softmax_then_loss",
                "You apply the softmax and then categorical_crossentropy with from_logits=False. "
                "Keras clips the probabilities at 1e-7, so an example's loss stops near 16.12 "
                "(2000 is the exact loss for the logits [[1000], [0], [-1000]] and the last "
                "class). Pass the logits with from_logits=True.",
                TF_MISTAKES + "mistake_loss_softmax_then_loss"),
        Mistake("no_transposes",
                "You pass the (C, m) tensors as they are: Keras expects one example per row, "
                "(m, C). Use tf.transpose(labels) and tf.transpose(logits).",
                TF_MISTAKES + "mistake_loss_no_transposes"),
        Mistake("labels_logits_swapped",
                "You swapped the arguments: Keras losses take (y_true, y_pred), that is "
                "categorical_crossentropy(tf.transpose(labels), tf.transpose(logits), "
                "from_logits=True).",
                TF_MISTAKES + "mistake_loss_labels_logits_swapped"),
        Mistake("per_example_losses",
                "You return one loss per example: sum them with tf.reduce_sum to get a scalar.",
                TF_MISTAKES + "mistake_loss_per_example"),
    ),
)


def _one_hot_matrix_cases():
    cases = [
        Case("label_2_default_C", "fixed", args=(2,), note="label 2 of the default C = 6 classes"),
        Case("label_0_four_classes", "fixed", args=(0,), kwargs={"C": 4},
             note="label 0 of C = 4 classes"),
    ]
    for i in range(12):
        rng = np.random.RandomState(9100 + i)
        C = int(rng.randint(2, 15))
        label = int(rng.randint(0, C))
        if i % 2:
            cases.append(Case(f"random_{i}", "random", args=(label, C),
                              note=f"label {label} of C = {C} classes"))
        else:
            cases.append(Case(f"random_{i}", "random", args=(label,), kwargs={"C": C},
                              note=f"label {label} of C = {C} classes"))
    cases += [
        Case("one_class", "edge", args=(0, 1), note="C = 1: the vector [1.]"),
        Case("last_class", "edge", args=(9, 10), note="the last of C = 10 classes"),
        Case("many_classes", "edge", args=(57,), kwargs={"C": 100}, note="label 57 of C = 100"),
    ]
    return cases


ONE_HOT_MATRIX = Exercise(
    name="one_hot_matrix",
    points=8,
    reference=TF_REFERENCE + "one_hot_matrix",
    cases=_one_hot_matrix_cases,
    summary="the one-hot vector of shape (C,) of an integer label, as a tensor",
    uses_tensorflow=True,
    mistakes=(
        Mistake("column_shape",
                "Your one-hot tensor has shape (C, 1): reshape it to (C,), "
                "tf.reshape(..., shape=[C]).",
                TF_MISTAKES + "mistake_one_hot_column_shape"),
        Mistake("depth_off_by_one",
                "Your one-hot vector has C - 1 entries: the depth of tf.one_hot is the number of "
                "classes C (labels go from 0 to C - 1).",
                TF_MISTAKES + "mistake_one_hot_depth_off_by_one"),
        Mistake("returns_numpy",
                "You return a NumPy array: return the tensor that tf.one_hot gives (reshaped), "
                "without calling .numpy().",
                TF_MISTAKES + "mistake_one_hot_returns_numpy"),
        Mistake("ignores_C",
                "Your vector always has 6 entries: use the argument C as the depth of tf.one_hot.",
                TF_MISTAKES + "mistake_one_hot_ignores_c"),
        Mistake("label_minus_one",
                "Your 1 is one place too early: labels already count from 0, so use label itself "
                "as the index, not label - 1.",
                TF_MISTAKES + "mistake_one_hot_label_minus_one"),
        Mistake("arguments_swapped",
                "You call tf.one_hot(C, label): its arguments are (indices, depth), that is "
                "tf.one_hot(label, C).",
                TF_MISTAKES + "mistake_one_hot_arguments_swapped"),
    ),
)


ASSIGNMENT = Assignment(
    name="batchnorm_softmax",
    title="Batch normalisation and softmax",
    exercises=(
        BATCHNORM_FORWARD,
        BATCHNORM_BACKWARD,
        UPDATE_RUNNING_AVERAGES,
        BATCHNORM_INFERENCE,
        SOFTMAX,
        SOFTMAX_CROSS_ENTROPY_COST,
        SOFTMAX_CROSS_ENTROPY_BACKWARD,
        COMPUTE_TOTAL_LOSS,
        ONE_HOT_MATRIX,
    ),
    solution_modules=("solutions.batchnorm_softmax", "solutions.batchnorm_softmax_tensorflow"),
)
