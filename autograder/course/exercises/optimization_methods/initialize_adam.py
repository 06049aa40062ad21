"""``initialize_adam``: Adam's v and s, zeros shaped like the parameters.

Reference: ``solutions/optimization_methods.py`` (``def initialize_adam``); teaching text:
``assignments/content/optimization_methods.py`` (``# %% exercise initialize_adam``); TensorFlow
counterpart, if any: ``solutions/counterparts/optimization_methods.py``. The ``mistake_*``
functions are self-contained (only ``math`` and ``np``): the tests and the diagnosis transplant
their source into a submission under the exercise's name.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises.optimization_methods.inputs import initializer_cases
from autograder.course.spec import Exercise, Mistake
from solutions import optimization_methods as sol


def mistake_init_adam_parameter_keys(parameters):
    L = len(parameters) // 2
    v, s = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            v[p + str(l)] = np.zeros_like(parameters[p + str(l)])
            s[p + str(l)] = np.zeros_like(parameters[p + str(l)])
    return v, s


def mistake_init_adam_forgets_b(parameters):
    L = len(parameters) // 2
    v, s = {}, {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros_like(parameters["W" + str(l)])
        s["dW" + str(l)] = np.zeros_like(parameters["W" + str(l)])
    return v, s


def mistake_init_adam_skips_last_layer(parameters):
    L = len(parameters) // 2
    v, s = {}, {}
    for l in range(1, L):
        for p in ("W", "b"):
            v["d" + p + str(l)] = np.zeros_like(parameters[p + str(l)])
            s["d" + p + str(l)] = np.zeros_like(parameters[p + str(l)])
    return v, s


def mistake_init_adam_copies_parameters(parameters):
    L = len(parameters) // 2
    v, s = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            v["d" + p + str(l)] = parameters[p + str(l)].copy()
            s["d" + p + str(l)] = parameters[p + str(l)].copy()
    return v, s


def mistake_init_adam_transposed(parameters):
    L = len(parameters) // 2
    v, s = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            v["d" + p + str(l)] = np.zeros(parameters[p + str(l)].T.shape)
            s["d" + p + str(l)] = np.zeros(parameters[p + str(l)].T.shape)
    return v, s


def mistake_init_adam_returns_v_only(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            v["d" + p + str(l)] = np.zeros_like(parameters[p + str(l)])
    return v


EXERCISE = Exercise(
    name="initialize_adam",
    points=4,
    reference=sol.initialize_adam,
    cases=initializer_cases,
    summary="Adam's v and s: two dicts of zeros shaped like the parameters, keys dW1, db1, ...",
    returns=("v", "s"),
    mistakes=(
        Mistake("parameter_keys",
                "v and s use the parameters' keys (W1, b1, ...). They are indexed like the "
                "gradients: v['dW1'], v['db1'], ..., and the same for s.",
                mistake_init_adam_parameter_keys),
        Mistake("forgets_b",
                "v and s have entries for the weights only. Add v['db' + str(l)] and "
                "s['db' + str(l)], zeros shaped like b{l}, for every layer.",
                mistake_init_adam_forgets_b),
        Mistake("skips_last_layer",
                "v and s have no entries for the last layer: loop over l = 1, ..., L, i.e. "
                "range(1, L + 1).",
                mistake_init_adam_skips_last_layer),
        Mistake("copies_parameters",
                "v and s start as copies of the parameters. They must start at zeros shaped "
                "like them: np.zeros_like(parameters['W' + str(l)]).",
                mistake_init_adam_copies_parameters),
        Mistake("transposed",
                "The entries of v and s are transposed. Make them with the parameters' own "
                "shapes: np.zeros_like(W).",
                mistake_init_adam_transposed),
        Mistake("returns_v_only",
                "Only v is returned. initialize_adam returns both estimates: return v, s.",
                mistake_init_adam_returns_v_only),
    ),
)
