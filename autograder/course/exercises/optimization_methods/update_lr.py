"""``update_lr``: inverse-time learning-rate decay.

Reference: ``solutions/optimization_methods.py`` (``def update_lr``); teaching text:
``assignments/content/optimization_methods.py`` (``# %% exercise update_lr``); TensorFlow
counterpart, if any: ``solutions/counterparts/optimization_methods.py``. The ``mistake_*``
functions are self-contained (only ``math`` and ``np``): the tests and the diagnosis transplant
their source into a submission under the exercise's name.
"""

from __future__ import annotations

from autograder.course.exercises import inputs
from autograder.course.exercises.optimization_methods.schedules import (
    EPOCHS,
    RATE_TOLERANCE,
    TF_SCHEDULE_NOTE,
    decay_cases,
)
from autograder.course.spec import Case, Exercise, Mistake
from solutions import optimization_methods as sol

TF = "solutions.counterparts.optimization_methods:"


def _update_lr_cases() -> list[Case]:
    def draw(rng, i):
        a0, r = inputs.log_uniform(rng, 1e-4, 1.0), inputs.log_uniform(rng, 1e-3, 2.0)
        epoch = EPOCHS[i] if i < len(EPOCHS) else int(rng.integers(0, 10001))
        return (a0, epoch, r), f"epoch {epoch}, decay rate {r:.2g}"

    return decay_cases(
        fixed=[("epoch_2", (0.5, 2, 1.0), "a0 = 0.5, epoch 2, decay rate 1: 0.5 / 3"),
               ("epoch_10", (0.1, 10, 0.3), "a0 = 0.1, epoch 10, decay rate 0.3")],
        random_draw=draw,
        tensorflow=[(f"tensorflow_{e}", (0.2, e, 0.05), f"epoch {e}, {TF_SCHEDULE_NOTE}")
                    for e in (0, 1, 1000, 10000)],
        edge=[("epoch_0", (0.3, 0, 0.5), "epoch 0: the rate is a0 itself"),
              ("late_epoch", (0.01, 10000, 1.0), "epoch 10000 with decay rate 1")],
    )


def mistake_update_lr_missing_parentheses(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 / 1 + decay_rate * epoch_num
    return learning_rate


def mistake_update_lr_multiplies(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 * (1 + decay_rate * epoch_num)
    return learning_rate


def mistake_update_lr_epochs_from_one(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 / (1 + decay_rate * (epoch_num + 1))
    return learning_rate


def mistake_update_lr_misplaced_parentheses(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 / (1 + decay_rate) * epoch_num
    return learning_rate


def mistake_update_lr_subtracts(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 * (1 - decay_rate * epoch_num)
    return learning_rate


def mistake_update_lr_forgets_a0(learning_rate0, epoch_num, decay_rate):
    learning_rate = 1 / (1 + decay_rate * epoch_num)
    return learning_rate


EXERCISE = Exercise(
    name="update_lr",
    points=5,
    reference=sol.update_lr,
    cases=_update_lr_cases,
    summary="Inverse-time decay: a = a0 / (1 + decay_rate * epoch_num).",
    tolerance=RATE_TOLERANCE,
    tensorflow=TF + "update_lr",
    mistakes=(
        Mistake("missing_parentheses",
                "Without parentheses, learning_rate0 / 1 + decay_rate * epoch_num adds to a0. "
                "Divide by the whole denominator: learning_rate0 / (1 + decay_rate * epoch_num).",
                mistake_update_lr_missing_parentheses),
        Mistake("multiplies",
                "The rate is multiplied by 1 + decay_rate * epoch_num, so it grows. Divide: "
                "learning_rate0 / (1 + decay_rate * epoch_num).",
                mistake_update_lr_multiplies),
        Mistake("epochs_from_one",
                "The rate at epoch 0 is already decayed: epoch_num is used as given, 0 for the "
                "first epoch, so a = learning_rate0 / (1 + decay_rate * epoch_num).",
                mistake_update_lr_epochs_from_one),
        Mistake("misplaced_parentheses",
                "The parentheses close too early: learning_rate0 / (1 + decay_rate) * epoch_num "
                "multiplies by the epoch. The epoch belongs in the denominator: "
                "learning_rate0 / (1 + decay_rate * epoch_num).",
                mistake_update_lr_misplaced_parentheses),
        Mistake("subtracts",
                "The rate decays linearly, a0 * (1 - decay_rate * epoch_num), and turns negative. "
                "Use a0 / (1 + decay_rate * epoch_num).",
                mistake_update_lr_subtracts),
        Mistake("forgets_a0",
                "The result is the decay factor 1 / (1 + decay_rate * epoch_num) alone. Multiply "
                "it by learning_rate0.",
                mistake_update_lr_forgets_a0),
    ),
)
