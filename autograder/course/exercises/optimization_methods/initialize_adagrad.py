"""``initialize_adagrad``: AdaGrad's accumulator h, zeros shaped like the parameters (optional extra).

Reference: ``solutions/optimization_methods.py`` (``def initialize_adagrad``); teaching text:
``assignments/content/optimization_methods.py`` (``# %% exercise initialize_adagrad``); no
TensorFlow counterpart (Keras's ``Adagrad`` starts its accumulator at 0.1, one of the mistakes
below). The ``mistake_*`` functions are self-contained (only ``np``).
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises.optimization_methods.initializers import initializer_mistakes
from autograder.course.exercises.optimization_methods.inputs import initializer_cases
from autograder.course.spec import Exercise, Mistake
from solutions import optimization_methods as sol


def mistake_adagrad_init_keras_start(parameters):
    L = len(parameters) // 2
    h = {}
    for l in range(1, L + 1):
        h["dW" + str(l)] = np.full(parameters["W" + str(l)].shape, 0.1)
        h["db" + str(l)] = np.full(parameters["b" + str(l)].shape, 0.1)
    return h


def mistake_adagrad_init_ones(parameters):
    L = len(parameters) // 2
    h = {}
    for l in range(1, L + 1):
        h["dW" + str(l)] = np.ones_like(parameters["W" + str(l)])
        h["db" + str(l)] = np.ones_like(parameters["b" + str(l)])
    return h


EXERCISE = Exercise(
    name="initialize_adagrad",
    points=3,
    reference=sol.initialize_adagrad,
    cases=initializer_cases,
    summary="AdaGrad's h: zeros shaped like each parameter, with keys dW1, db1, ...",
    optional=True,
    mistakes=(
        *initializer_mistakes("h", "The accumulator of squared gradients"),
        Mistake("keras_start",
                "h starts at 0.1, as Keras's Adagrad class does (initial_accumulator_value). "
                "The course's AdaGrad starts from nothing accumulated: "
                "np.zeros_like(parameters['W' + str(l)]).",
                mistake_adagrad_init_keras_start),
        Mistake("starts_at_ones",
                "h starts at ones. It is a sum of squared gradients, and before the first step "
                "nothing has been added yet: start from np.zeros_like(parameters['W' + str(l)]).",
                mistake_adagrad_init_ones),
    ),
)
