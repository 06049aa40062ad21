"""``softmax_cross_entropy_backward``: the gradient of the cross-entropy with respect to the logits.

Reference: ``solutions/batchnorm_softmax.py`` (``def softmax_cross_entropy_backward``); teaching
text: ``assignments/content/batchnorm_softmax.py``
(``# %% exercise softmax_cross_entropy_backward``). TensorFlow counterpart:
``solutions/counterparts/batchnorm_softmax.py``. The ``mistake_*`` functions are self-contained:
each is turned into a submission by renaming its ``def`` and placing it next to the imports of
``solutions.batchnorm_softmax``, so each uses only ``np``.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises.batchnorm_softmax.inputs import cross_entropy_cases
from autograder.course.spec import Exercise, Mistake
from course_lib.compare import Tolerance
from solutions import batchnorm_softmax as ref

COUNTERPART = "solutions.counterparts.batchnorm_softmax:"

#: The mistakes call ``softmax`` by name, as the student's code does (in a submission it is the
#: student's own); here it is the reference's.
softmax = ref.softmax


def _softmax_cross_entropy_backward_cases():
    return cross_entropy_cases(7000)


def mistake_gradient_no_division_by_m(ZL, Y):
    dZL = softmax(ZL) - Y
    return dZL


def mistake_gradient_wrong_sign(ZL, Y):
    m = ZL.shape[1]
    dZL = (Y - softmax(ZL)) / m
    return dZL


def mistake_gradient_divided_by_classes(ZL, Y):
    C = ZL.shape[0]
    dZL = (softmax(ZL) - Y) / C
    return dZL


def mistake_gradient_unstable_softmax(ZL, Y):
    m = ZL.shape[1]
    exp_Z = np.exp(ZL)
    dZL = (exp_Z / np.sum(exp_Z, axis=0, keepdims=True) - Y) / m
    return dZL


def mistake_gradient_mean_over_examples(ZL, Y):
    dZL = np.mean(softmax(ZL) - Y, axis=1, keepdims=True)
    return dZL


EXERCISE = Exercise(
    name="softmax_cross_entropy_backward",
    points=10,
    reference=ref.softmax_cross_entropy_backward,
    cases=_softmax_cross_entropy_backward_cases,
    summary="the gradient of the mean cross-entropy with respect to the logits, "
            "(softmax(ZL) - Y) / m",
    tolerance=Tolerance(
        rtol=1e-7, atol_scale=1e-10, atol=1e-15,
        reason="softmax(ZL) - Y cancels where a probability is close to 1, leaving the rounding "
               "of that probability (a few ulp of 1, under 1e-15) whatever the size of the "
               "result; every mistake differs by at least the smallest entry (3e-14 here)",
    ),
    tensorflow=COUNTERPART + "softmax_cross_entropy_backward",
    needs=("softmax",),
    mistakes=(
        Mistake("no_division_by_m",
                "Your gradient is softmax(ZL) - Y: the cost is a mean over the m examples, so "
                "divide by m.",
                mistake_gradient_no_division_by_m),
        Mistake("wrong_sign",
                "Your gradient has the wrong sign: it is (softmax(ZL) - Y) / m, not "
                "(Y - softmax(ZL)) / m.",
                mistake_gradient_wrong_sign),
        Mistake("divided_by_classes",
                "You divide by the number of classes C = ZL.shape[0]: divide by the number of "
                "examples m = ZL.shape[1].",
                mistake_gradient_divided_by_classes),
        Mistake("unstable_softmax",
                "Your gradient is NaN for large logits: its softmax computes np.exp(ZL) without "
                "subtracting each column's maximum. Call your stable softmax(ZL).",
                mistake_gradient_unstable_softmax),
        Mistake("mean_over_examples",
                "You average the gradient over the examples, which gives shape (C, 1): dZL has "
                "one column per example, (softmax(ZL) - Y) / m with shape (C, m).",
                mistake_gradient_mean_over_examples),
    ),
)
