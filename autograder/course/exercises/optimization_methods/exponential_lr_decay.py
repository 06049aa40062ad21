"""``exponential_lr_decay``: exponential learning-rate decay.

Reference: ``solutions/optimization_methods.py`` (``def exponential_lr_decay``); teaching text:
``assignments/content/optimization_methods.py`` (``# %% exercise exponential_lr_decay``);
TensorFlow counterpart, if any: ``solutions/counterparts/optimization_methods.py``. The
``mistake_*`` functions are self-contained (only ``math`` and ``np``): the tests and the diagnosis
transplant their source into a submission under the exercise's name.
"""

from __future__ import annotations

import math

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


def _exponential_cases() -> list[Case]:
    bases = [0.95, 0.99, 0.5, 0.9, 0.999, 0.95, 0.8, 0.9999, 0.97, 0.95, 0.6, 0.99]

    def draw(rng, i):
        a0 = inputs.log_uniform(rng, 1e-4, 1.0)
        epoch = EPOCHS[i] if i < len(EPOCHS) else int(rng.integers(0, 10001))
        return (a0, epoch, bases[i]), f"epoch {epoch}, base {bases[i]}"

    return decay_cases(
        fixed=[("epoch_2", (0.5, 2, 0.9), "a0 = 0.5, epoch 2, base 0.9: 0.5 * 0.81"),
               ("epoch_10_default_base", (0.1, 10, 0.95), "a0 = 0.1, epoch 10, base 0.95")],
        random_draw=draw,
        tensorflow=[(f"tensorflow_{e}", (0.2, e, 0.99), f"epoch {e}, {TF_SCHEDULE_NOTE}")
                    for e in (0, 1, 999, 10000)],
        edge=[("epoch_0", (0.3, 0, 0.95), "epoch 0: the rate is a0 itself"),
              ("tiny_rate", (0.3, 10000, 0.95), "epoch 10000 with base 0.95: about 1e-223, "
               "still positive"),
              ("base_one", (0.3, 500, 1.0), "base 1: no decay at all")],
    )


def mistake_exponential_times_epoch(learning_rate0, epoch_num, base=0.95):
    learning_rate = base * epoch_num * learning_rate0
    return learning_rate


def mistake_exponential_epoch_to_base(learning_rate0, epoch_num, base=0.95):
    learning_rate = epoch_num**base * learning_rate0
    return learning_rate


def mistake_exponential_powers_a0(learning_rate0, epoch_num, base=0.95):
    learning_rate = (base * learning_rate0) ** epoch_num
    return learning_rate


def mistake_exponential_epochs_from_one(learning_rate0, epoch_num, base=0.95):
    learning_rate = base ** (epoch_num + 1) * learning_rate0
    return learning_rate


def mistake_exponential_fixed_base(learning_rate0, epoch_num, base=0.95):
    learning_rate = 0.95**epoch_num * learning_rate0
    return learning_rate


def mistake_exponential_exp_form(learning_rate0, epoch_num, base=0.95):
    learning_rate = math.exp(-base * epoch_num) * learning_rate0
    return learning_rate


def mistake_exponential_forgets_a0(learning_rate0, epoch_num, base=0.95):
    learning_rate = base**epoch_num
    return learning_rate


EXERCISE = Exercise(
    name="exponential_lr_decay",
    points=6,
    reference=sol.exponential_lr_decay,
    cases=_exponential_cases,
    summary="Exponential decay: a = base**epoch_num * a0.",
    tolerance=RATE_TOLERANCE,
    tensorflow=TF + "exponential_lr_decay",
    mistakes=(
        Mistake("times_epoch",
                "The rate is base * epoch_num * a0: it multiplies by the epoch instead of raising "
                "base to its power. Use base**epoch_num * learning_rate0.",
                mistake_exponential_times_epoch),
        Mistake("epoch_to_base",
                "Base and exponent are swapped: epoch_num**base. The epoch is the exponent: "
                "base**epoch_num * learning_rate0.",
                mistake_exponential_epoch_to_base),
        Mistake("powers_a0",
                "(base * a0)**epoch_num raises a0 to the power too. Only base is raised: "
                "base**epoch_num * learning_rate0.",
                mistake_exponential_powers_a0),
        Mistake("epochs_from_one",
                "The rate at epoch 0 is already decayed: epoch_num is used as given, 0 for the "
                "first epoch, so a = base**epoch_num * learning_rate0.",
                mistake_exponential_epochs_from_one),
        Mistake("fixed_base",
                "The base is fixed at 0.95; use the base argument (0.95 is only its default).",
                mistake_exponential_fixed_base),
        Mistake("exp_form",
                "The rate is exp(-base * epoch_num) * a0. This schedule raises base itself to "
                "the epoch: base**epoch_num * learning_rate0.",
                mistake_exponential_exp_form),
        Mistake("forgets_a0",
                "The result is the decay factor base**epoch_num alone. Multiply it by "
                "learning_rate0.",
                mistake_exponential_forgets_a0),
    ),
)
