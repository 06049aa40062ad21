"""Declarations of the assignment ``batchnorm_softmax`` (course week 3).

Batch normalisation (training forward and backward, running averages, test time), a stable softmax,
the cross-entropy from the logits and its gradient in NumPy; then the TensorFlow exercises
``compute_total_loss`` and ``one_hot_matrix``. Each exercise has a module of its own, named after it,
holding its case builders, its known mistakes and its ``EXERCISE``; shared input builders are in
:mod:`autograder.course.exercises.batchnorm_softmax.inputs`, the TensorFlow exercises' known mistakes in
:mod:`autograder.course.exercises.batchnorm_softmax.tensorflow_mistakes` (named by ``"module:name"``
strings, so that importing the declarations never imports TensorFlow). References:
``solutions/batchnorm_softmax.py`` and ``solutions/batchnorm_softmax_tensorflow.py``; teaching text:
``assignments/content/batchnorm_softmax.py``; TensorFlow counterparts:
``solutions/counterparts/batchnorm_softmax.py``.

The edge cases are where the typical mistakes show: one example (the variance is 0, so epsilon
matters), a unit with constant values, a large epsilon (its place inside or outside the square root),
logits of 1e4 and the curriculum's ``[[1000], [0], [-1000]]``.
"""

from __future__ import annotations

from autograder.course.exercises.batchnorm_softmax import (
    batchnorm_backward,
    batchnorm_forward,
    batchnorm_inference,
    compute_total_loss,
    one_hot_matrix,
    softmax,
    softmax_cross_entropy_backward,
    softmax_cross_entropy_cost,
    update_running_averages,
)
from autograder.course.spec import Assignment

#: the exercise modules in teaching order
MODULES = (
    batchnorm_forward,
    batchnorm_backward,
    update_running_averages,
    batchnorm_inference,
    softmax,
    softmax_cross_entropy_cost,
    softmax_cross_entropy_backward,
    compute_total_loss,
    one_hot_matrix,
)

ASSIGNMENT = Assignment(
    name="batchnorm_softmax",
    title="Batch normalisation and softmax",
    exercises=tuple(module.EXERCISE for module in MODULES),
    solution_modules=("solutions.batchnorm_softmax", "solutions.batchnorm_softmax_tensorflow"),
)
