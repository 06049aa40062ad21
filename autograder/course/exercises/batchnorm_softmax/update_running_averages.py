"""``update_running_averages``: the running mean and variance used at test time.

Reference: ``solutions/batchnorm_softmax.py`` (``def update_running_averages``); teaching text:
``assignments/content/batchnorm_softmax.py`` (``# %% exercise update_running_averages``).
TensorFlow counterpart: ``solutions/counterparts/batchnorm_softmax.py``. The ``mistake_*``
functions are self-contained: each is turned into a submission by renaming its ``def`` and placing
it next to the imports of ``solutions.batchnorm_softmax``, so each uses only ``np``.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises.batchnorm_softmax.inputs import col
from autograder.course.spec import Case, Exercise, Mistake
from solutions import batchnorm_softmax as ref

COUNTERPART = "solutions.counterparts.batchnorm_softmax:"


def _running_args(seed, n):
    rng = np.random.RandomState(seed)
    running_mean = rng.randn(n, 1)
    running_var = rng.uniform(0.2, 3.0, (n, 1))
    batch_mean = rng.randn(n, 1) * 2.0
    batch_var = rng.uniform(0.2, 3.0, (n, 1))
    return running_mean, running_var, batch_mean, batch_var


def _update_running_averages_cases():
    cases = [
        Case("three_units", "fixed",
             args=(col(0.0, 1.0, -2.0), col(1.0, 0.5, 2.0), col(2.0, 3.0, -1.0),
                   col(4.0, 0.25, 1.0)),
             note="the default momentum = 0.9"),
        Case("momentum_0.99", "fixed",
             args=(col(0.5, -1.0), col(2.0, 1.0), col(1.5, 1.0), col(0.5, 3.0)),
             kwargs={"momentum": 0.99},
             note="momentum = 0.99: the running statistics move slowly"),
    ]
    momenta = (None, 0.8, 0.95, 0.99, 0.7, 0.9)
    for i in range(12):
        n = int(np.random.RandomState(3100 + i).randint(1, 9))
        momentum = momenta[i % len(momenta)]
        cases.append(Case(f"random_{i}", "random", args=_running_args(3200 + i, n),
                          kwargs={} if momentum is None else {"momentum": momentum},
                          note=f"statistics of shape ({n}, 1), momentum = {momentum or 0.9:g}"))
    for i, (n, momentum) in enumerate(((3, 0.9), (5, 0.99), (2, 0.75))):
        cases.append(Case(f"keras_{i}", "tensorflow", args=_running_args(3300 + i, n),
                          kwargs={"momentum": momentum},
                          note=f"against keras BatchNormalization's moving statistics, "
                               f"momentum = {momentum:g}"))
    first = _running_args(3400, 4)
    cases += [
        Case("first_step", "edge",
             args=(np.zeros((4, 1)), np.ones((4, 1)), first[2], first[3]),
             kwargs={"momentum": 0.8},
             note="the first update, from Keras's initial statistics 0 and 1"),
        Case("momentum_0", "edge", visible=True,
             args=_running_args(3401, 3), kwargs={"momentum": 0.0},
             note="momentum = 0 keeps only this batch's statistics"),
        Case("momentum_1", "edge", args=_running_args(3402, 3), kwargs={"momentum": 1.0},
             note="momentum = 1 keeps the running statistics unchanged"),
    ]
    return cases


def mistake_running_weights_swapped(running_mean, running_var, batch_mean, batch_var,
                                    momentum=0.9):
    running_mean = (1 - momentum) * running_mean + momentum * batch_mean
    running_var = (1 - momentum) * running_var + momentum * batch_var
    return running_mean, running_var


def mistake_running_batch_only(running_mean, running_var, batch_mean, batch_var, momentum=0.9):
    running_mean = batch_mean
    running_var = batch_var
    return running_mean, running_var


def mistake_running_no_one_minus_momentum(running_mean, running_var, batch_mean, batch_var,
                                          momentum=0.9):
    running_mean = momentum * running_mean + batch_mean
    running_var = momentum * running_var + batch_var
    return running_mean, running_var


def mistake_running_fixed_momentum(running_mean, running_var, batch_mean, batch_var,
                                   momentum=0.9):
    running_mean = 0.9 * running_mean + (1 - 0.9) * batch_mean
    running_var = 0.9 * running_var + (1 - 0.9) * batch_var
    return running_mean, running_var


def mistake_running_var_from_mean(running_mean, running_var, batch_mean, batch_var,
                                  momentum=0.9):
    running_mean = momentum * running_mean + (1 - momentum) * batch_mean
    running_var = momentum * running_var + (1 - momentum) * batch_mean
    return running_mean, running_var


def mistake_running_returned_swapped(running_mean, running_var, batch_mean, batch_var,
                                     momentum=0.9):
    running_mean = momentum * running_mean + (1 - momentum) * batch_mean
    running_var = momentum * running_var + (1 - momentum) * batch_var
    return running_var, running_mean


EXERCISE = Exercise(
    name="update_running_averages",
    points=6,
    reference=ref.update_running_averages,
    cases=_update_running_averages_cases,
    summary="the running mean and variance kept for test time, exponentially weighted averages "
            "of the batch statistics",
    tensorflow=COUNTERPART + "update_running_averages",
    returns=("running_mean", "running_var"),
    mistakes=(
        Mistake("weights_swapped",
                "You swapped the weights: the running statistic keeps the weight momentum and the "
                "batch gets 1 - momentum, running = momentum * running + (1 - momentum) * batch.",
                mistake_running_weights_swapped),
        Mistake("batch_statistics_only",
                "You return this batch's statistics: the running statistics are averages over "
                "the batches, running = momentum * running + (1 - momentum) * batch.",
                mistake_running_batch_only),
        Mistake("no_one_minus_momentum",
                "You add the batch statistic without its weight 1 - momentum: "
                "running = momentum * running + (1 - momentum) * batch.",
                mistake_running_no_one_minus_momentum),
        Mistake("fixed_momentum",
                "You use 0.9 whatever the momentum argument says: use the momentum parameter.",
                mistake_running_fixed_momentum),
        Mistake("var_from_mean",
                "Your running variance is updated with the batch mean: update it with batch_var.",
                mistake_running_var_from_mean),
        Mistake("returned_swapped",
                "You return (running_var, running_mean): return (running_mean, running_var), in "
                "that order.",
                mistake_running_returned_swapped),
    ),
)
