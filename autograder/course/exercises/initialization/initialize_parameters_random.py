"""``initialize_parameters_random``: large random weights, ``randn * 10``, zero biases.

Reference: ``solutions/initialization.py``; teaching text: ``assignments/content/initialization.py``;
Keras counterpart (``RandomNormal(stddev=10)``, compared in distribution):
``solutions/counterparts/initialization.py``.

The function seeds the stream with 3 and draws W1, W2, ... in order; the cases seed the stream
with another value first (``inputs.STREAM_SEED``), so forgetting the seed, seeding per layer or
drawing the biases too gives other, reproducible numbers that name the mistake.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises.initialization.inputs import SAMPLE_TOLERANCE, STREAM_SEED, layer_cases
from autograder.course.spec import Exercise, Mistake
from solutions import initialization as sol

COUNTERPART = "solutions.counterparts.initialization:"


def _cases():
    return layer_cases(STREAM_SEED, "against keras.initializers.RandomNormal(stddev=10), kernels "
                                    "transposed, compared in distribution")


def mistake_random_no_times_ten(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mistake_random_times_ten_on_b(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1])
        parameters["b" + str(l)] = np.random.randn(layers_dims[l], 1) * 10
    return parameters


def mistake_random_biases_random(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters["b" + str(l)] = np.random.randn(layers_dims[l], 1) * 10
    return parameters


def mistake_random_seed_not_set(layers_dims):
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mistake_random_seed_per_layer(layers_dims):
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        np.random.seed(3)
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mistake_random_rand_instead_of_randn(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = np.random.rand(layers_dims[l], layers_dims[l - 1]) * 10
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mistake_random_transposed(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l - 1], layers_dims[l]) * 10
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mistake_random_small_scale(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 0.01
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


EXERCISE = Exercise(
    name="initialize_parameters_random",
    points=8,
    reference=sol.initialize_parameters_random,
    cases=_cases,
    summary="Large random initialisation: np.random.seed(3), then W[l] = np.random.randn(n[l], "
            "n[l-1]) * 10 in the order l = 1..L, and b[l] = zeros((n[l], 1)).",
    returns=("parameters",),
    tensorflow=COUNTERPART + "initialize_parameters_random",
    tensorflow_tolerance=SAMPLE_TOLERANCE,
    mistakes=(
        Mistake("no_times_ten",
                "Your weights are np.random.randn(...) without the factor 10. This exercise "
                "initialises with large weights on purpose: multiply by 10.",
                mistake_random_no_times_ten),
        Mistake("times_ten_on_b",
                "The factor 10 is on the biases instead of the weights, and the biases are drawn "
                "at random. Multiply W[l] = np.random.randn(n[l], n[l-1]) by 10 and keep "
                "b[l] = np.zeros((n[l], 1)).",
                mistake_random_times_ten_on_b),
        Mistake("biases_random",
                "Your biases are random. Only the weights are: b[l] = np.zeros((n[l], 1)) (and "
                "drawing the biases also moves the stream, so the next W's change too).",
                mistake_random_biases_random),
        Mistake("seed_not_set",
                "Your numbers depend on whatever the random stream held before the call: set "
                "np.random.seed(3) once, at the start of the function, before the loop.",
                mistake_random_seed_not_set),
        Mistake("seed_per_layer",
                "You call np.random.seed(3) inside the loop, so every layer starts the stream "
                "again and draws the same numbers. Seed once, before the loop.",
                mistake_random_seed_per_layer),
        Mistake("rand_instead_of_randn",
                "You draw with np.random.rand, uniform on [0, 1), so every weight is positive. "
                "Use np.random.randn, the standard normal distribution.",
                mistake_random_rand_instead_of_randn),
        Mistake("transposed",
                "Your W[l] has shape (n[l-1], n[l]), the layout of a Keras kernel. In the course "
                "W[l] is np.random.randn(layers_dims[l], layers_dims[l-1]) * 10.",
                mistake_random_transposed),
        Mistake("small_scale",
                "Your weights are scaled by 0.01, the small random initialisation. This exercise "
                "uses large weights: np.random.randn(n[l], n[l-1]) * 10.",
                mistake_random_small_scale),
    ),
)
