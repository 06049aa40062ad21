"""Correct implementations of the ``initialization`` exercises, written differently.

Each ``<exercise>__<variant>`` must earn full marks. The ``__course_notebook`` variants are the
functions as a learner writes them in the course's own notebook (its loop over ``range(1, L)``
with ``L = len(layers_dims)`` for the first two), pasted whole into the kit's: they must earn full
marks too. Like the known mistakes, each one is self-contained (only ``np``).
"""

import numpy as np

# --- initialize_parameters_zeros ------------------------------------------------------------------


def initialize_parameters_zeros__course_notebook(layers_dims):
    parameters = {}
    L = len(layers_dims)            # number of layers in the network
    for l in range(1, L):
        parameters['W' + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_zeros__comprehension(layers_dims):
    pairs = list(enumerate(zip(layers_dims[1:], layers_dims[:-1]), start=1))
    return {key: value for l, (n, n_prev) in pairs
            for key, value in ((f"W{l}", np.zeros((n, n_prev))), (f"b{l}", np.zeros((n, 1))))}


def initialize_parameters_zeros__full_of_zero(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.full((layers_dims[l], layers_dims[l - 1]), 0.0)
        parameters[f"b{l}"] = np.zeros(shape=(layers_dims[l], 1), dtype=float)
    return parameters


# --- initialize_parameters_random -----------------------------------------------------------------


def initialize_parameters_random__course_notebook(layers_dims):
    np.random.seed(3)               # This seed makes sure your "random" numbers will be the as ours
    parameters = {}
    L = len(layers_dims)            # integer representing the number of layers
    for l in range(1, L):
        parameters['W' + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_random__normal(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l, (n, n_prev) in enumerate(zip(layers_dims[1:], layers_dims[:-1]), start=1):
        parameters[f"W{l}"] = np.random.normal(0.0, 10.0, size=(n, n_prev))
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters


def initialize_parameters_random__standard_normal(layers_dims):
    np.random.seed(3)
    weights = [10 * np.random.standard_normal((n, n_prev))
               for n, n_prev in zip(layers_dims[1:], layers_dims[:-1])]
    parameters = {}
    for l, W in enumerate(weights, start=1):
        parameters["W" + str(l)] = W
        parameters["b" + str(l)] = np.zeros((W.shape[0], 1))
    return parameters


# --- initialize_parameters_he ---------------------------------------------------------------------


def initialize_parameters_he__course_notebook(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1  # integer representing the number of layers
    for l in range(1, L + 1):
        parameters['W' + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(
            2. / layers_dims[l - 1])
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_he__normal_with_scale(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        std = np.sqrt(2 / layers_dims[l - 1])
        parameters[f"W{l}"] = np.random.normal(loc=0.0, scale=std,
                                               size=(layers_dims[l], layers_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_he__sqrt_two_over_sqrt_n(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        n, n_prev = layers_dims[l], layers_dims[l - 1]
        parameters[f"W{l}"] = np.sqrt(2) * np.random.randn(n, n_prev) / np.sqrt(n_prev)
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters


def initialize_parameters_he__power_half(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        n, n_prev = layers_dims[l], layers_dims[l - 1]
        parameters["W" + repr(l)] = np.random.randn(n, n_prev) * (2 / n_prev) ** 0.5
        parameters["b" + repr(l)] = np.zeros((n, 1))
    return parameters


# --- initialize_parameters_xavier (optional extra) ------------------------------------------------


def initialize_parameters_xavier__loop_as_for_he(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1  # integer representing the number of layers
    for l in range(1, L + 1):
        parameters['W' + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(
            1. / layers_dims[l - 1])
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_xavier__normal_with_scale(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        std = np.sqrt(1 / layers_dims[l - 1])
        parameters[f"W{l}"] = np.random.normal(loc=0.0, scale=std,
                                               size=(layers_dims[l], layers_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_xavier__divide_by_sqrt_n(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        n, n_prev = layers_dims[l], layers_dims[l - 1]
        parameters[f"W{l}"] = np.random.randn(n, n_prev) / np.sqrt(n_prev)
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters


def initialize_parameters_xavier__power_minus_half(layers_dims):
    np.random.seed(3)
    weights = [np.random.standard_normal((n, n_prev)) * n_prev ** -0.5
               for n, n_prev in zip(layers_dims[1:], layers_dims[:-1])]
    parameters = {}
    for l, W in enumerate(weights, start=1):
        parameters["W" + repr(l)] = W
        parameters["b" + repr(l)] = np.zeros((W.shape[0], 1))
    return parameters


# --- sigmoid_backward (optional extra) ------------------------------------------------------------


def sigmoid_backward__exp_of_minus_abs(dA, Z):
    e = np.exp(-np.abs(Z))
    return dA * e / (1 + e) ** 2  # s * (1 - s) in one fraction, the same for Z and -Z


def sigmoid_backward__tanh(dA, Z):
    s = 0.5 * (1 + np.tanh(Z / 2))  # the sigmoid through tanh: no exp, no overflow
    return dA * s * (1 - s)


def sigmoid_backward__errstate(dA, Z):
    with np.errstate(over="ignore"):  # exp(-Z) = inf gives s = 1 / inf = 0, the right value
        s = 1 / (1 + np.exp(-Z))
    dZ = dA * s * (1 - s)
    return dZ


def sigmoid_backward__clipped(dA, Z):
    s = 1.0 / (1.0 + np.exp(-np.clip(Z, -500, 500)))
    return np.multiply(dA, s - s * s)
