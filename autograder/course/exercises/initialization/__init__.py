"""Declarations of the assignment ``initialization`` (course week 1).

Zeros, large random and He initialisation, in the notebook's order, one module per exercise,
named after it, and the cases they share in ``inputs``. References:
``solutions/initialization.py``; Keras counterparts: ``solutions/counterparts/initialization.py``;
teaching text: ``assignments/content/initialization.py``.

The ``mistake_*`` functions are self-contained (only ``np``): the tests and the diagnosis
transplant their source into a module of their own under the exercise's name.
"""

from __future__ import annotations

from autograder.course.exercises.initialization import (
    initialize_parameters_he,
    initialize_parameters_random,
    initialize_parameters_xavier,
    initialize_parameters_zeros,
    sigmoid_backward,
)
from autograder.course.spec import Assignment

#: the exercise modules in teaching order
MODULES = (
    initialize_parameters_zeros,
    initialize_parameters_random,
    initialize_parameters_he,
    initialize_parameters_xavier,
    sigmoid_backward,
)

ASSIGNMENT = Assignment(
    name="initialization",
    title="Initialization",
    exercises=tuple(module.EXERCISE for module in MODULES),
    solution_modules=("solutions.initialization",),
)
