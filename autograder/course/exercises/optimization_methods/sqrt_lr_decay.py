"""``sqrt_lr_decay``: square-root learning-rate decay.

Reference: ``solutions/optimization_methods.py`` (``def sqrt_lr_decay``); teaching text:
``assignments/content/optimization_methods.py`` (``# %% exercise sqrt_lr_decay``); TensorFlow
counterpart, if any: ``solutions/counterparts/optimization_methods.py``. The ``mistake_*``
functions are self-contained (only ``math`` and ``np``): the tests and the diagnosis transplant
their source into a submission under the exercise's name.
"""

from __future__ import annotations

import math

from autograder.course.exercises import inputs
from autograder.course.exercises.optimization_methods.schedules import RATE_TOLERANCE, decay_cases
from autograder.course.spec import Case, Exercise, Mistake
from solutions import optimization_methods as sol

TF = "solutions.counterparts.optimization_methods:"


def _sqrt_cases() -> list[Case]:
    ks = [1.0, 0.5, 2.0, 1.0, 3.0, 0.1, 1.0, 1.5, 0.8, 1.0, 4.0, 0.25]
    epochs = [1, 2, 4, 7, 100, 999, 1000, 1001, 2500, 10000]

    def draw(rng, i):
        a0 = inputs.log_uniform(rng, 1e-4, 1.0)
        epoch = epochs[i] if i < len(epochs) else int(rng.integers(1, 10001))
        return (a0, epoch, ks[i]), f"epoch {epoch}, k = {ks[i]}"

    return decay_cases(
        fixed=[("epoch_4", (0.5, 4, 1.0), "a0 = 0.5, epoch 4, k = 1: 0.5 / 2"),
               ("epoch_9_k_3", (0.1, 9, 3.0), "a0 = 0.1, epoch 9, k = 3: 0.1")],
        random_draw=draw,
        tensorflow=[(f"tensorflow_{e}", (0.2, e, 2.0), f"epoch {e}, against tf.math.sqrt")
                    for e in (1, 2, 1000, 10000)],
        edge=[("epoch_1", (0.3, 1, 2.0), "epoch 1, the first epoch it is defined for: k * a0"),
              ("late_epoch", (0.3, 10000, 0.5), "epoch 10000: a0 * k / 100")],
    )


def mistake_sqrt_no_sqrt(learning_rate0, epoch_num, k=1.0):
    learning_rate = k / epoch_num * learning_rate0
    return learning_rate


def mistake_sqrt_of_ratio(learning_rate0, epoch_num, k=1.0):
    learning_rate = math.sqrt(k / epoch_num) * learning_rate0
    return learning_rate


def mistake_sqrt_multiplies(learning_rate0, epoch_num, k=1.0):
    learning_rate = k * math.sqrt(epoch_num) * learning_rate0
    return learning_rate


def mistake_sqrt_ignores_k(learning_rate0, epoch_num, k=1.0):
    learning_rate = 1 / math.sqrt(epoch_num) * learning_rate0
    return learning_rate


def mistake_sqrt_epochs_plus_one(learning_rate0, epoch_num, k=1.0):
    learning_rate = k / math.sqrt(epoch_num + 1) * learning_rate0
    return learning_rate


def mistake_sqrt_forgets_a0(learning_rate0, epoch_num, k=1.0):
    learning_rate = k / math.sqrt(epoch_num)
    return learning_rate


EXERCISE = Exercise(
    name="sqrt_lr_decay",
    points=6,
    reference=sol.sqrt_lr_decay,
    cases=_sqrt_cases,
    summary="Square-root decay: a = k / sqrt(epoch_num) * a0, for epoch_num >= 1.",
    tolerance=RATE_TOLERANCE,
    tensorflow=TF + "sqrt_lr_decay",
    mistakes=(
        Mistake("no_sqrt",
                "The rate is divided by epoch_num itself. Divide by its square root: "
                "k / math.sqrt(epoch_num) * learning_rate0.",
                mistake_sqrt_no_sqrt),
        Mistake("sqrt_of_ratio",
                "The square root covers k as well: sqrt(k / epoch_num). Only the epoch is under "
                "the root: k / math.sqrt(epoch_num) * learning_rate0.",
                mistake_sqrt_of_ratio),
        Mistake("multiplies",
                "The rate is multiplied by sqrt(epoch_num), so it grows. Divide by it: "
                "k / math.sqrt(epoch_num) * learning_rate0.",
                mistake_sqrt_multiplies),
        Mistake("ignores_k",
                "The constant k is left out. Multiply by it: "
                "k / math.sqrt(epoch_num) * learning_rate0.",
                mistake_sqrt_ignores_k),
        Mistake("epochs_plus_one",
                "The square root is of epoch_num + 1. Use epoch_num as given (this schedule "
                "starts at epoch 1): k / math.sqrt(epoch_num) * learning_rate0.",
                mistake_sqrt_epochs_plus_one),
        Mistake("forgets_a0",
                "The result is k / sqrt(epoch_num) alone. Multiply it by learning_rate0.",
                mistake_sqrt_forgets_a0),
    ),
)
