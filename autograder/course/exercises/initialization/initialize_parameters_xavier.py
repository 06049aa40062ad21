"""``initialize_parameters_xavier`` (optional extra): ``randn * sqrt(1 / n[l-1])``, zero biases.

Reference: ``solutions/initialization.py``; teaching text: ``assignments/content/initialization.py``
(with the activations experiment, in cells that appear only in a term that has the exercise);
Keras counterpart (``VarianceScaling(scale=1, mode="fan_in", distribution="untruncated_normal")``,
compared in distribution as He's): ``solutions/counterparts/initialization.py``.

The cases are He's (``inputs.layer_cases``): the stream is seeded with another value first
(``inputs.STREAM_SEED``), so that a missing, wrong or repeated ``np.random.seed(3)`` is named, and
the edge case ``wide_input`` (64 inputs into 3 units) is where a scale from the wrong layer's size
is largest. The wrong seed of ``mistake_xavier_wrong_seed`` is 0, not the stream's 1, so that it
and a missing seed differ.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises.initialization.inputs import SAMPLE_TOLERANCE, STREAM_SEED, layer_cases
from autograder.course.spec import Exercise, Mistake
from solutions import initialization as sol

COUNTERPART = "solutions.counterparts.initialization:"


def _cases():
    return layer_cases(STREAM_SEED, "against keras VarianceScaling(scale=1, fan_in, untruncated "
                                    "normal), kernels transposed, compared in distribution")


def mistake_xavier_he_scale(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = (np.random.randn(layers_dims[l], layers_dims[l - 1])
                                    * np.sqrt(2 / layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mistake_xavier_wrong_layer_size(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = (np.random.randn(layers_dims[l], layers_dims[l - 1])
                                    * np.sqrt(1 / layers_dims[l]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mistake_xavier_no_sqrt(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = (np.random.randn(layers_dims[l], layers_dims[l - 1])
                                    * (1 / layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mistake_xavier_seed_not_set(layers_dims):
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = (np.random.randn(layers_dims[l], layers_dims[l - 1])
                                    * np.sqrt(1 / layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mistake_xavier_wrong_seed(layers_dims):
    np.random.seed(0)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = (np.random.randn(layers_dims[l], layers_dims[l - 1])
                                    * np.sqrt(1 / layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mistake_xavier_seed_per_layer(layers_dims):
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        np.random.seed(3)
        parameters["W" + str(l)] = (np.random.randn(layers_dims[l], layers_dims[l - 1])
                                    * np.sqrt(1 / layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mistake_xavier_rand_instead_of_randn(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = (np.random.rand(layers_dims[l], layers_dims[l - 1])
                                    * np.sqrt(1 / layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mistake_xavier_transposed(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = (np.random.randn(layers_dims[l - 1], layers_dims[l])
                                    * np.sqrt(1 / layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


EXERCISE = Exercise(
    name="initialize_parameters_xavier",
    points=10,
    optional=True,
    reference=sol.initialize_parameters_xavier,
    cases=_cases,
    summary="Xavier initialisation: np.random.seed(3), then W[l] = np.random.randn(n[l], n[l-1]) "
            "* sqrt(1 / n[l-1]) in the order l = 1..L, and b[l] = zeros((n[l], 1)).",
    returns=("parameters",),
    tensorflow=COUNTERPART + "initialize_parameters_xavier",
    tensorflow_tolerance=SAMPLE_TOLERANCE,
    mistakes=(
        Mistake("he_scale",
                "Your weights are scaled by sqrt(2 / n[l-1]), He's scale (for RELU layers). "
                "Xavier initialisation keeps the variance at 1 / n[l-1]: multiply by "
                "np.sqrt(1 / layers_dims[l-1]).",
                mistake_xavier_he_scale),
        Mistake("wrong_layer_size",
                "Your scale uses the size of layer l itself, sqrt(1 / n[l]). Xavier "
                "initialisation divides by the number of inputs of each unit, the previous "
                "layer's size: np.sqrt(1 / layers_dims[l-1]).",
                mistake_xavier_wrong_layer_size),
        Mistake("no_sqrt",
                "Your weights are scaled by 1 / n[l-1], the variance, instead of the standard "
                "deviation: multiply by np.sqrt(1 / layers_dims[l-1]).",
                mistake_xavier_no_sqrt),
        Mistake("seed_not_set",
                "Your numbers depend on whatever the random stream held before the call: set "
                "np.random.seed(3) once, at the start of the function, before the loop.",
                mistake_xavier_seed_not_set),
        Mistake("wrong_seed",
                "Your weights come from another seed than 3. Set np.random.seed(3), once, at the "
                "start of the function, so that your numbers are the course's.",
                mistake_xavier_wrong_seed),
        Mistake("seed_per_layer",
                "You call np.random.seed(3) inside the loop, so every layer starts the stream "
                "again. Seed once, before the loop, and draw W1, W2, ... one after the other.",
                mistake_xavier_seed_per_layer),
        Mistake("rand_instead_of_randn",
                "You draw with np.random.rand, uniform on [0, 1), so every weight is positive. "
                "Use np.random.randn, the standard normal distribution.",
                mistake_xavier_rand_instead_of_randn),
        Mistake("transposed",
                "Your W[l] has shape (n[l-1], n[l]), the layout of a Keras kernel. In the course "
                "W[l] is np.random.randn(layers_dims[l], layers_dims[l-1]) * "
                "np.sqrt(1 / layers_dims[l-1]).",
                mistake_xavier_transposed),
    ),
)
