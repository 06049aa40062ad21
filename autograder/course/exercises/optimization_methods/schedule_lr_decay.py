"""``schedule_lr_decay``: inverse-time learning-rate decay in steps.

Reference: ``solutions/optimization_methods.py`` (``def schedule_lr_decay``); teaching text:
``assignments/content/optimization_methods.py`` (``# %% exercise schedule_lr_decay``); TensorFlow
counterpart, if any: ``solutions/counterparts/optimization_methods.py``. The ``mistake_*``
functions are self-contained (only ``math`` and ``np``): the tests and the diagnosis transplant
their source into a submission under the exercise's name.
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


def _schedule_cases() -> list[Case]:
    intervals = [1000, 1000, 100, 7, 1000, 10, 1, 1000, 250, 1000, 3, 1000]

    def draw(rng, i):
        a0, r = inputs.log_uniform(rng, 1e-4, 1.0), inputs.log_uniform(rng, 1e-2, 2.0)
        epoch = EPOCHS[i] if i < len(EPOCHS) else int(rng.integers(0, 10001))
        interval = intervals[i]
        return (a0, epoch, r, interval), f"epoch {epoch}, time interval {interval}"

    return decay_cases(
        fixed=[("epoch_2500", (0.5, 2500, 1.0, 1000),
                "a0 = 0.5, epoch 2500, decay rate 1, interval 1000: two decays, 0.5 / 3"),
               ("epoch_999", (0.1, 999, 0.3, 1000),
                "epoch 999 with interval 1000: not decayed yet"),
               ("epoch_35_interval_10", (0.2, 35, 0.5, 10),
                "epoch 35 with interval 10: three decays")],
        random_draw=draw,
        tensorflow=[(f"tensorflow_{e}", (0.2, e, 0.05, 1000), f"epoch {e}, {TF_SCHEDULE_NOTE}")
                    for e in (0, 999, 1000, 1001, 10000)],
        edge=[("epoch_0", (0.3, 0, 0.5, 1000), "epoch 0: the rate is a0 itself"),
              ("epoch_1000", (0.3, 1000, 0.5, 1000), "epoch 1000: exactly the first decay"),
              ("epoch_1999", (0.3, 1999, 0.5, 1000), "epoch 1999: still the first decay"),
              ("interval_1", (0.3, 17, 0.5, 1), "interval 1: a decay every epoch")],
    )


def mistake_schedule_no_floor(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * (epoch_num / time_interval))
    return learning_rate


def mistake_schedule_epoch_not_interval(learning_rate0, epoch_num, decay_rate,
                                        time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)
    return learning_rate


def mistake_schedule_ceil(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * math.ceil(epoch_num / time_interval))
    return learning_rate


def mistake_schedule_round(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * round(epoch_num / time_interval))
    return learning_rate


def mistake_schedule_floor_of_product(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num // time_interval)
    return learning_rate


def mistake_schedule_fixed_interval(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * math.floor(epoch_num / 1000))
    return learning_rate


def mistake_schedule_missing_parentheses(learning_rate0, epoch_num, decay_rate,
                                         time_interval=1000):
    learning_rate = learning_rate0 / 1 + decay_rate * math.floor(epoch_num / time_interval)
    return learning_rate


EXERCISE = Exercise(
    name="schedule_lr_decay",
    points=7,
    reference=sol.schedule_lr_decay,
    cases=_schedule_cases,
    summary="Inverse-time decay in steps: a = a0 / (1 + decay_rate * floor(epoch_num / "
    "time_interval)).",
    tolerance=RATE_TOLERANCE,
    tensorflow=TF + "schedule_lr_decay",
    mistakes=(
        Mistake("no_floor",
                "The rate changes every epoch: epoch_num / time_interval is not rounded down. "
                "Use math.floor(epoch_num / time_interval), so it changes once per interval.",
                mistake_schedule_no_floor),
        Mistake("epoch_not_interval",
                "The denominator uses epoch_num itself. The schedule counts whole intervals: "
                "1 + decay_rate * math.floor(epoch_num / time_interval).",
                mistake_schedule_epoch_not_interval),
        Mistake("ceil",
                "epoch_num / time_interval is rounded up, so the rate drops one interval early. "
                "Round down with math.floor.",
                mistake_schedule_ceil),
        Mistake("round",
                "epoch_num / time_interval is rounded to the nearest whole number, so the rate "
                "drops halfway through an interval. Round down with math.floor.",
                mistake_schedule_round),
        Mistake("floor_of_product",
                "decay_rate * epoch_num // time_interval floors the product (Python reads it "
                "left to right). Floor the number of intervals first: "
                "decay_rate * (epoch_num // time_interval).",
                mistake_schedule_floor_of_product),
        Mistake("fixed_interval",
                "The interval is fixed at 1000 epochs; use the time_interval argument.",
                mistake_schedule_fixed_interval),
        Mistake("missing_parentheses",
                "Without parentheses, learning_rate0 / 1 + ... adds to a0. Divide by the whole "
                "denominator: learning_rate0 / (1 + decay_rate * math.floor(...)).",
                mistake_schedule_missing_parentheses),
    ),
)
