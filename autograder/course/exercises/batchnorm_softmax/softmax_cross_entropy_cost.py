"""``softmax_cross_entropy_cost``: the cross-entropy of the softmax, from the logits.

Reference: ``solutions/batchnorm_softmax.py`` (``def softmax_cross_entropy_cost``); teaching text:
``assignments/content/batchnorm_softmax.py`` (``# %% exercise softmax_cross_entropy_cost``).
TensorFlow counterpart: ``solutions/counterparts/batchnorm_softmax.py``. The ``mistake_*``
functions are self-contained: each is turned into a submission by renaming its ``def`` and placing
it next to the imports of ``solutions.batchnorm_softmax``, so each uses only ``np``.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises.batchnorm_softmax.inputs import cross_entropy_cases
from autograder.course.spec import Exercise, Mistake
from course_lib.compare import Tolerance
from solutions import batchnorm_softmax as ref

COUNTERPART = "solutions.counterparts.batchnorm_softmax:"


def _softmax_cross_entropy_cost_cases():
    return cross_entropy_cases(6000)


def mistake_cost_softmax_then_log(ZL, Y):
    m = ZL.shape[1]
    exp_Z = np.exp(ZL - np.max(ZL, axis=0, keepdims=True))
    A = exp_Z / np.sum(exp_Z, axis=0, keepdims=True)
    cost = -np.sum(Y * np.log(A)) / m
    return float(cost)


def mistake_cost_clipped_probabilities(ZL, Y):
    m = ZL.shape[1]
    exp_Z = np.exp(ZL - np.max(ZL, axis=0, keepdims=True))
    A = exp_Z / np.sum(exp_Z, axis=0, keepdims=True)
    cost = -np.sum(Y * np.log(np.clip(A, 1e-7, 1 - 1e-7))) / m
    return float(cost)


def mistake_cost_no_max_shift(ZL, Y):
    m = ZL.shape[1]
    log_softmax = ZL - np.log(np.sum(np.exp(ZL), axis=0, keepdims=True))
    cost = -np.sum(Y * log_softmax) / m
    return float(cost)


def mistake_cost_sum_instead_of_mean(ZL, Y):
    Z_shifted = ZL - np.max(ZL, axis=0, keepdims=True)
    log_softmax = Z_shifted - np.log(np.sum(np.exp(Z_shifted), axis=0, keepdims=True))
    cost = -np.sum(Y * log_softmax)
    return float(cost)


def mistake_cost_mean_over_all_entries(ZL, Y):
    Z_shifted = ZL - np.max(ZL, axis=0, keepdims=True)
    log_softmax = Z_shifted - np.log(np.sum(np.exp(Z_shifted), axis=0, keepdims=True))
    cost = -np.mean(Y * log_softmax)
    return float(cost)


def mistake_cost_missing_minus(ZL, Y):
    m = ZL.shape[1]
    Z_shifted = ZL - np.max(ZL, axis=0, keepdims=True)
    log_softmax = Z_shifted - np.log(np.sum(np.exp(Z_shifted), axis=0, keepdims=True))
    cost = np.sum(Y * log_softmax) / m
    return float(cost)


EXERCISE = Exercise(
    name="softmax_cross_entropy_cost",
    points=14,
    reference=ref.softmax_cross_entropy_cost,
    cases=_softmax_cross_entropy_cost_cases,
    summary="the mean cross-entropy computed from the logits with log-sum-exp, finite for any "
            "logits",
    tolerance=Tolerance(
        rtol=1e-7, atol_scale=1e-10, atol=1e-13,
        reason="the cost is the difference of two terms of the size of the logits (log-sum-exp "
               "and the true class's logit); equivalent formulas differ by about 1e-16 times "
               "the logits (up to 1e-13 here), which can be a large part of a tiny cost such as "
               "4.7e-12, while every mistake differs by at least the cost itself",
    ),
    tensorflow=COUNTERPART + "softmax_cross_entropy_cost",
    mistakes=(
        Mistake("softmax_then_log",
                "You take the log of softmax(ZL): a probability that underflows to 0 gives "
                "log(0) = -inf, so the cost is inf or NaN for large logits. Compute the log "
                "softmax from the logits: (ZL - max) - np.log(np.sum(np.exp(ZL - max), axis=0)).",
                mistake_cost_softmax_then_log),
        Mistake("clipped_probabilities",
                "You clip the probabilities before the log (as Keras does with from_logits=False): "
                "that caps the loss of one example near -log(1e-7) = 16.12, where the exact value "
                "can be far larger (2000 for the logits [[1000], [0], [-1000]] and the last class). "
                "Compute the log softmax from the logits with log-sum-exp, without clipping.",
                mistake_cost_clipped_probabilities),
        Mistake("no_max_shift",
                "Your log-sum-exp computes np.exp(ZL) without subtracting the maximum, which "
                "overflows for logits above about 709. Use "
                "max + np.log(np.sum(np.exp(ZL - max), axis=0)), with each column's max.",
                mistake_cost_no_max_shift),
        Mistake("sum_instead_of_mean",
                "Your cost is the sum over the examples: divide by m for the mean.",
                mistake_cost_sum_instead_of_mean),
        Mistake("mean_over_all_entries",
                "You average over all C * m entries of Y * log_softmax: sum over the classes and "
                "divide by m only.",
                mistake_cost_mean_over_all_entries),
        Mistake("missing_minus",
                "Your cost is negative: the cross-entropy is minus the mean of "
                "sum_c Y * log softmax(ZL).",
                mistake_cost_missing_minus),
    ),
)
