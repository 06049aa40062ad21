"""``initialize_parameters_zeros``: every weight and bias zero.

Reference: ``solutions/initialization.py``; teaching text: ``assignments/content/initialization.py``;
Keras counterpart (``Zeros``, exact): ``solutions/counterparts/initialization.py``.

Its values are all zero, so what can go wrong is the structure: the keys, the number of layers and
the shapes, which the ``shapes`` group and the diagnosis name.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises.initialization.inputs import layer_cases
from autograder.course.spec import Exercise, Mistake
from solutions import initialization as sol

COUNTERPART = "solutions.counterparts.initialization:"


def _cases():
    return layer_cases(None, "against keras.initializers.Zeros, kernels transposed",
                       tensorflow_networks=([30, 20, 10], [12, 25, 6]))


def mistake_zeros_transposed(layers_dims):
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = np.zeros((layers_dims[l - 1], layers_dims[l]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mistake_zeros_flat_b(layers_dims):
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros(layers_dims[l])
    return parameters


def mistake_zeros_b_shaped_like_w(layers_dims):
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
    return parameters


def mistake_zeros_skips_last_layer(layers_dims):
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mistake_zeros_keys_from_zero(layers_dims):
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(L):
        parameters["W" + str(l)] = np.zeros((layers_dims[l + 1], layers_dims[l]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l + 1], 1))
    return parameters


def mistake_zeros_shapes_from_next_layer(layers_dims):
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


EXERCISE = Exercise(
    name="initialize_parameters_zeros",
    points=6,
    reference=sol.initialize_parameters_zeros,
    cases=_cases,
    summary="Zero initialisation: W[l] = zeros((n[l], n[l-1])) and b[l] = zeros((n[l], 1)) for "
            "every layer l = 1..L.",
    returns=("parameters",),
    tensorflow=COUNTERPART + "initialize_parameters_zeros",
    mistakes=(
        Mistake("transposed",
                "Your W[l] has shape (n[l-1], n[l]), the layout of a Keras kernel. In the course "
                "W[l] has one row per unit of layer l: np.zeros((layers_dims[l], "
                "layers_dims[l-1])).",
                mistake_zeros_transposed),
        Mistake("flat_b",
                "Your b[l] is a flat array of shape (n[l],). Make it a column, "
                "np.zeros((layers_dims[l], 1)), so that W[l] @ A + b[l] adds one bias per unit "
                "to every example.",
                mistake_zeros_flat_b),
        Mistake("b_shaped_like_w",
                "Your b[l] has the shape of W[l]. A layer has one bias per unit: "
                "b[l] = np.zeros((layers_dims[l], 1)).",
                mistake_zeros_b_shaped_like_w),
        Mistake("skips_last_layer",
                "The last layer is missing. With L = len(layers_dims) - 1 layers, loop over "
                "l = 1, ..., L inclusive: range(1, L + 1).",
                mistake_zeros_skips_last_layer),
        Mistake("keys_from_zero",
                "Your keys start at W0 and b0. The layers are numbered from 1, as in the course: "
                "\"W1\", \"b1\", ..., \"WL\", \"bL\" (layers_dims[0] is the input, not a layer).",
                mistake_zeros_keys_from_zero),
        Mistake("shapes_from_next_layer",
                "Your W[l] is square, (n[l], n[l]). Its columns match the previous layer's units: "
                "np.zeros((layers_dims[l], layers_dims[l-1])).",
                mistake_zeros_shapes_from_next_layer),
    ),
)
