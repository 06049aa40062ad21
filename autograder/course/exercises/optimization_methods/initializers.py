"""The known mistakes shared by ``initialize_velocity`` and ``initialize_rmsprop``.

Both return one dict of zeros (``v`` or ``s``) keyed like the gradients; the mistakes are the
same, only the message names the state. The ``mistake_*`` functions are self-contained.
"""

from __future__ import annotations

import numpy as np

from autograder.course.spec import Mistake


def mistake_init_parameter_keys(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["W" + str(l)] = np.zeros_like(parameters["W" + str(l)])
        v["b" + str(l)] = np.zeros_like(parameters["b" + str(l)])
    return v


def mistake_init_forgets_b(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros_like(parameters["W" + str(l)])
    return v


def mistake_init_skips_last_layer(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L):
        v["dW" + str(l)] = np.zeros_like(parameters["W" + str(l)])
        v["db" + str(l)] = np.zeros_like(parameters["b" + str(l)])
    return v


def mistake_init_copies_parameters(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = parameters["W" + str(l)].copy()
        v["db" + str(l)] = parameters["b" + str(l)].copy()
    return v


def mistake_init_transposed(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].T.shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].T.shape)
    return v


def mistake_init_flat_b(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros_like(parameters["W" + str(l)])
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape[0])
    return v


def initializer_mistakes(state: str, what: str) -> tuple[Mistake, ...]:
    """The typical mistakes of an initialiser returning one state dict ``state`` (v or s)."""
    return (
        Mistake("parameter_keys",
                f"{state} uses the parameters' keys (W1, b1, ...). {what} is indexed like the "
                f"gradients: {state}['dW1'], {state}['db1'], ...",
                mistake_init_parameter_keys),
        Mistake("forgets_b",
                f"{state} has entries for the weights only. Add {state}['db' + str(l)], zeros "
                "shaped like b{l}, for every layer.",
                mistake_init_forgets_b),
        Mistake("skips_last_layer",
                f"{state} has no entries for the last layer: loop over l = 1, ..., L, i.e. "
                "range(1, L + 1).",
                mistake_init_skips_last_layer),
        Mistake("copies_parameters",
                f"{state} starts as a copy of the parameters. It must start at zeros shaped like "
                "them: np.zeros_like(parameters['W' + str(l)]).",
                mistake_init_copies_parameters),
        Mistake("transposed",
                f"The entries of {state} are transposed. Make them with the parameters' own "
                "shapes: np.zeros_like(W) or np.zeros(W.shape).",
                mistake_init_transposed),
        Mistake("flat_b",
                f"{state}['db{{l}}'] is a 1-D array. It must have the shape of b{{l}}, (n, 1): "
                "np.zeros_like(parameters['b' + str(l)]).",
                mistake_init_flat_b),
    )
