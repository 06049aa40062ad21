"""``initialize_parameters_he``: ``randn * sqrt(2 / n[l-1])``, zero biases.

Reference: ``solutions/initialization.py``; teaching text: ``assignments/content/initialization.py``;
Keras counterpart (``VarianceScaling(scale=2, mode="fan_in", distribution="untruncated_normal")``,
compared in distribution): ``solutions/counterparts/initialization.py``.

As for the large random initialisation, the cases seed the stream with another value first
(``inputs.STREAM_SEED``), so that a missing or repeated ``np.random.seed(3)`` is named. The edge
case ``wide_input`` (64 inputs into 3 units) is where a scale from the wrong layer's size is
largest.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises.initialization.inputs import SAMPLE_TOLERANCE, STREAM_SEED, layer_cases
from autograder.course.spec import Exercise, Mistake
from solutions import initialization as sol

COUNTERPART = "solutions.counterparts.initialization:"


def _cases():
    return layer_cases(STREAM_SEED, "against keras VarianceScaling(scale=2, fan_in, untruncated "
                                    "normal), kernels transposed, compared in distribution")


def mistake_he_xavier_scale(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = (np.random.randn(layers_dims[l], layers_dims[l - 1])
                                    * np.sqrt(1 / layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mistake_he_wrong_layer_size(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = (np.random.randn(layers_dims[l], layers_dims[l - 1])
                                    * np.sqrt(2 / layers_dims[l]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mistake_he_no_sqrt(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = (np.random.randn(layers_dims[l], layers_dims[l - 1])
                                    * (2 / layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mistake_he_biases_random(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = (np.random.randn(layers_dims[l], layers_dims[l - 1])
                                    * np.sqrt(2 / layers_dims[l - 1]))
        parameters["b" + str(l)] = np.random.randn(layers_dims[l], 1) * np.sqrt(2 / layers_dims[l - 1])
    return parameters


def mistake_he_seed_not_set(layers_dims):
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = (np.random.randn(layers_dims[l], layers_dims[l - 1])
                                    * np.sqrt(2 / layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mistake_he_seed_per_layer(layers_dims):
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        np.random.seed(3)
        parameters["W" + str(l)] = (np.random.randn(layers_dims[l], layers_dims[l - 1])
                                    * np.sqrt(2 / layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mistake_he_rand_instead_of_randn(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = (np.random.rand(layers_dims[l], layers_dims[l - 1])
                                    * np.sqrt(2 / layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mistake_he_transposed(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = (np.random.randn(layers_dims[l - 1], layers_dims[l])
                                    * np.sqrt(2 / layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mistake_he_times_ten(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = (np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
                                    * np.sqrt(2 / layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


EXERCISE = Exercise(
    name="initialize_parameters_he",
    points=10,
    reference=sol.initialize_parameters_he,
    cases=_cases,
    summary="He initialisation: np.random.seed(3), then W[l] = np.random.randn(n[l], n[l-1]) * "
            "sqrt(2 / n[l-1]) in the order l = 1..L, and b[l] = zeros((n[l], 1)).",
    returns=("parameters",),
    tensorflow=COUNTERPART + "initialize_parameters_he",
    tensorflow_tolerance=SAMPLE_TOLERANCE,
    mistakes=(
        Mistake("xavier_scale",
                "Your weights are scaled by sqrt(1 / n[l-1]), Xavier's scale (for tanh). He "
                "initialisation, for RELU layers, doubles the variance: multiply by "
                "np.sqrt(2 / layers_dims[l-1]).",
                mistake_he_xavier_scale),
        Mistake("wrong_layer_size",
                "Your scale uses the size of layer l itself, sqrt(2 / n[l]). He initialisation "
                "divides by the number of inputs of each unit, the previous layer's size: "
                "np.sqrt(2 / layers_dims[l-1]).",
                mistake_he_wrong_layer_size),
        Mistake("no_sqrt",
                "Your weights are scaled by 2 / n[l-1], the variance, instead of the standard "
                "deviation: multiply by np.sqrt(2 / layers_dims[l-1]).",
                mistake_he_no_sqrt),
        Mistake("biases_random",
                "Your biases are random. Only the weights are: b[l] = np.zeros((n[l], 1)) (and "
                "drawing the biases also moves the stream, so the next W's change too).",
                mistake_he_biases_random),
        Mistake("seed_not_set",
                "Your numbers depend on whatever the random stream held before the call: set "
                "np.random.seed(3) once, at the start of the function, before the loop.",
                mistake_he_seed_not_set),
        Mistake("seed_per_layer",
                "You call np.random.seed(3) inside the loop, so every layer starts the stream "
                "again. Seed once, before the loop, and draw W1, W2, ... one after the other.",
                mistake_he_seed_per_layer),
        Mistake("rand_instead_of_randn",
                "You draw with np.random.rand, uniform on [0, 1), so every weight is positive. "
                "Use np.random.randn, the standard normal distribution.",
                mistake_he_rand_instead_of_randn),
        Mistake("transposed",
                "Your W[l] has shape (n[l-1], n[l]), the layout of a Keras kernel. In the course "
                "W[l] is np.random.randn(layers_dims[l], layers_dims[l-1]) * "
                "np.sqrt(2 / layers_dims[l-1]).",
                mistake_he_transposed),
        Mistake("times_ten",
                "Your He weights are also multiplied by 10, as in the large random "
                "initialisation: the scale is np.sqrt(2 / layers_dims[l-1]) alone.",
                mistake_he_times_ten),
    ),
)
