"""Declarations of the assignment ``regularization`` (course week 1).

L2 regularisation (the cost and its gradients) and inverted dropout (forward and backward) on
``course_lib.network``'s network, one module per exercise, in teaching order. References:
``solutions/regularization.py``; TensorFlow counterparts: ``solutions/counterparts/regularization.py``
(named by ``"module:name"`` strings, so importing this package never imports TensorFlow); teaching
text: ``assignments/content/regularization.py``.
"""

from __future__ import annotations

from autograder.course.exercises.regularization import (
    backward_propagation_with_dropout,
    backward_propagation_with_l1,
    backward_propagation_with_regularization,
    compute_cost_with_l1,
    compute_cost_with_regularization,
    forward_propagation_with_dropout,
)
from autograder.course.spec import Assignment

#: the exercise modules in teaching order
MODULES = (
    compute_cost_with_regularization,
    backward_propagation_with_regularization,
    compute_cost_with_l1,
    backward_propagation_with_l1,
    forward_propagation_with_dropout,
    backward_propagation_with_dropout,
)

ASSIGNMENT = Assignment(
    name="regularization",
    title="Regularisation: L2 and dropout",
    exercises=tuple(module.EXERCISE for module in MODULES),
    solution_modules=("solutions.regularization",),
)
