"""Declarations of the assignment ``gradient_checking`` (course week 1).

The 1-D warm-up (``forward_propagation``, ``backward_propagation`` of ``J = theta * x``), its
gradient check ``gradient_check``, and ``gradient_check_n``, the check of the course's 3-layer
network, which finds the two deliberate bugs of ``course_lib.gradient_checking``'s backward pass.
References in ``solutions/gradient_checking.py``, teaching text in
``assignments/content/gradient_checking.py``, TensorFlow counterparts in
``solutions/counterparts/gradient_checking.py`` (named by strings: importing the declarations never
imports TensorFlow).
"""

from __future__ import annotations

from autograder.course.exercises.gradient_checking import (
    backward_propagation,
    forward_propagation,
    gradient_check,
    gradient_check_n,
)
from autograder.course.spec import Assignment

#: the exercise modules in teaching order
MODULES = (
    forward_propagation,
    backward_propagation,
    gradient_check,
    gradient_check_n,
)

ASSIGNMENT = Assignment(
    name="gradient_checking",
    title="Gradient checking",
    exercises=tuple(module.EXERCISE for module in MODULES),
    solution_modules=("solutions.gradient_checking",),
)
