"""Declarations of the assignment ``regularization`` (course week 1).

L2 regularisation (the cost and its gradients) and inverted dropout (forward and backward) on
``course_lib.network``'s network, one module per exercise, in teaching order. References:
``solutions/regularization.py``; TensorFlow counterparts: ``solutions/counterparts/regularization.py``
(named by ``"module:name"`` strings, so importing this package never imports TensorFlow); teaching
text: ``assignments/content/regularization.py``.
"""

from __future__ import annotations

from autograder.exercises.regularization import (
    dropout_backward,
    dropout_forward,
    l2_backward,
    l2_cost,
)
from autograder.spec import Assignment

ASSIGNMENT = Assignment(
    name="regularization",
    title="Regularisation: L2 and dropout",
    exercises=(
        l2_cost.EXERCISE,
        l2_backward.EXERCISE,
        dropout_forward.EXERCISE,
        dropout_backward.EXERCISE,
    ),
    solution_modules=("solutions.regularization",),
)
