"""Declarations of the assignment ``initialization`` (course week 1).

Zeros, large random and He initialisation, in the notebook's order, one module per exercise,
named after it, and the cases they share in ``inputs``. References:
``solutions/initialization.py``; Keras counterparts: ``solutions/counterparts/initialization.py``;
teaching text: ``assignments/content/initialization.py``.

The ``mistake_*`` functions are self-contained (only ``np``): the tests and the diagnosis
transplant their source into a module of their own under the exercise's name.
"""

from autograder.course.exercises.initialization import (
    initialize_parameters_he,
    initialize_parameters_random,
    initialize_parameters_zeros,
)
from autograder.course.spec import Assignment

ASSIGNMENT = Assignment(
    name="initialization",
    title="Initialization",
    exercises=(initialize_parameters_zeros.EXERCISE, initialize_parameters_random.EXERCISE,
               initialize_parameters_he.EXERCISE),
    solution_modules=("solutions.initialization",),
)
