"""``softmax``: the column-wise softmax, stable for logits of any magnitude.

Reference: ``solutions/batchnorm_softmax.py`` (``def softmax``); teaching text:
``assignments/content/batchnorm_softmax.py`` (``# %% exercise softmax``). TensorFlow counterpart:
``solutions/counterparts/batchnorm_softmax.py``. The ``mistake_*`` functions are self-contained:
each is turned into a submission by renaming its ``def`` and placing it next to the imports of
``solutions.batchnorm_softmax``, so each uses only ``np``.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises.batchnorm_softmax.inputs import random_logits
from autograder.course.spec import Case, Exercise, Mistake
from solutions import batchnorm_softmax as ref

COUNTERPART = "solutions.counterparts.batchnorm_softmax:"


def _softmax_cases():
    cases = [
        Case("three_classes_two_examples", "fixed",
             args=(np.array([[1.0, 2.0], [2.0, 0.0], [3.0, -1.0]]),),
             note="small logits"),
        Case("four_classes_three_examples", "fixed",
             args=(np.array([[0.0, 5.0, -1.0], [0.0, 1.0, -1.0], [0.0, -2.0, 2.0],
                             [0.0, 0.5, 0.0]]),),
             note="an example whose logits are all equal, and two others"),
    ]
    for i in range(12):
        shape_rng = np.random.RandomState(5100 + i)
        C, m = int(shape_rng.randint(2, 7)), int(shape_rng.randint(1, 9))
        scale = 10 ** shape_rng.uniform(-1, 1)
        cases.append(Case(f"random_{i}", "random", args=(random_logits(5200 + i, C, m, scale)[0],),
                          note=f"logits of shape ({C}, {m})"))
    cases += [
        Case("keras_0", "tensorflow", args=(random_logits(5300, 4, 6)[0],),
             note="against tf.nn.softmax(axis=0)"),
        Case("keras_1", "tensorflow", args=(random_logits(5301, 3, 2, 500.0)[0],),
             note="against tf.nn.softmax(axis=0), logits of a few hundred"),
        Case("keras_2", "tensorflow", args=(random_logits(5302, 6, 3, 0.1)[0],),
             note="against tf.nn.softmax(axis=0), small logits"),
        Case("curriculum_1000", "edge", args=(np.array([[1000.0], [0.0], [-1000.0]]),),
             note="logits [[1000], [0], [-1000]]: exp(1000) overflows without the max shift"),
        Case("logits_1e4", "edge", visible=True,
             args=(np.array([[1e4, -1e4, 3.0], [1e4 - 2.0, 0.0, 1e4], [-1e4, -1e4 + 1.0, 2.0]]),),
             note="logits of magnitude 1e4"),
        Case("very_negative_logits", "edge", args=(np.array([[-1e4, -800.0], [-1e4 - 1.0, -801.0]]),),
             note="all logits very negative: every exp underflows to 0 without the shift"),
        Case("one_dominant_class", "edge",
             args=(np.array([[0.0, 1.0], [-2000.0, -2000.0], [-2000.0, -2000.0]]),),
             note="one class far above the others (shifting by the mean overflows)"),
        Case("columns_of_different_scales", "edge",
             args=(np.array([[1e4, 0.0], [0.0, 1.0], [-1e4, 2.0]]),),
             note="each example needs its own shift: one max over the whole matrix underflows"),
        Case("one_class", "edge", args=(np.array([[0.5, -3.0, 20.0]]),),
             note="C = 1: every probability is 1"),
    ]
    return cases


def mistake_softmax_no_max_shift(Z):
    exp_Z = np.exp(Z)
    A = exp_Z / np.sum(exp_Z, axis=0, keepdims=True)
    return A


def mistake_softmax_shift_by_mean(Z):
    Z_shifted = Z - np.mean(Z, axis=0, keepdims=True)
    exp_Z = np.exp(Z_shifted)
    A = exp_Z / np.sum(exp_Z, axis=0, keepdims=True)
    return A


def mistake_softmax_global_max(Z):
    Z_shifted = Z - np.max(Z)
    exp_Z = np.exp(Z_shifted)
    A = exp_Z / np.sum(exp_Z, axis=0, keepdims=True)
    return A


def mistake_softmax_over_examples(Z):
    Z_shifted = Z - np.max(Z, axis=1, keepdims=True)
    exp_Z = np.exp(Z_shifted)
    A = exp_Z / np.sum(exp_Z, axis=1, keepdims=True)
    return A


def mistake_softmax_whole_matrix(Z):
    Z_shifted = Z - np.max(Z)
    exp_Z = np.exp(Z_shifted)
    A = exp_Z / np.sum(exp_Z)
    return A


EXERCISE = Exercise(
    name="softmax",
    points=12,
    reference=ref.softmax,
    cases=_softmax_cases,
    summary="the column-wise softmax, finite and exact for logits of any magnitude",
    tensorflow=COUNTERPART + "softmax",
    mistakes=(
        Mistake("no_max_shift",
                "Your softmax computes np.exp(Z) directly, which overflows (inf/inf = NaN) for "
                "logits above about 709 and underflows (0/0) for very negative ones. Subtract "
                "each column's maximum first, Z - np.max(Z, axis=0, keepdims=True): the result "
                "is the same, and the largest exponent is exp(0) = 1.",
                mistake_softmax_no_max_shift),
        Mistake("shift_by_mean",
                "You shift the logits by their mean: that does not bound the exponents, so a "
                "class far above the mean still overflows. Shift by each column's maximum, "
                "np.max(Z, axis=0, keepdims=True).",
                mistake_softmax_shift_by_mean),
        Mistake("global_max_shift",
                "You shift by the maximum of the whole matrix: an example whose logits are all "
                "far below it underflows to 0/0. Shift each example (column) by its own maximum, "
                "np.max(Z, axis=0, keepdims=True).",
                mistake_softmax_global_max),
        Mistake("over_examples",
                "Your softmax runs along the rows (axis=1), over the examples. The classes are "
                "the rows of Z: take the max and the sum over axis=0, so each column sums to 1.",
                mistake_softmax_over_examples),
        Mistake("whole_matrix",
                "You normalise by the sum over the whole matrix: each example (column) must sum "
                "to 1, so sum over axis=0 with keepdims=True.",
                mistake_softmax_whole_matrix),
    ),
)
