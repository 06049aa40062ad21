"""Declarations of the assignment ``hyperparameter_tuning`` (course week 3, first half).

Log-scale sampling, sampling an averaging weight, and zooming in from a coarse search, in the
notebook's order, one module per exercise (named after it), with what the
samplers share in ``inputs``. References: ``solutions/hyperparameter_tuning.py``; teaching text:
``assignments/content/hyperparameter_tuning.py``. No exercise has a TensorFlow counterpart (the
curriculum's table says "none"), so their points are split over the other groups.

The ``mistake_*`` functions are self-contained (only ``math`` and ``np``), so that they can be
transplanted into a submission.
"""

from __future__ import annotations

from autograder.course.exercises.hyperparameter_tuning import (
    sample_beta,
    sample_log_uniform,
    zoom_range,
)
from autograder.course.spec import Assignment

#: the exercise modules in teaching order
MODULES = (
    sample_log_uniform,
    sample_beta,
    zoom_range,
)

ASSIGNMENT = Assignment(
    name="hyperparameter_tuning",
    title="Hyperparameter tuning",
    exercises=tuple(module.EXERCISE for module in MODULES),
    solution_modules=("solutions.hyperparameter_tuning",),
)
