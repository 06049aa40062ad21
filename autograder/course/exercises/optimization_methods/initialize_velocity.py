"""``initialize_velocity``: momentum's velocity, zeros shaped like the parameters.

Reference: ``solutions/optimization_methods.py`` (``def initialize_velocity``); teaching text:
``assignments/content/optimization_methods.py`` (``# %% exercise initialize_velocity``); TensorFlow
counterpart, if any: ``solutions/counterparts/optimization_methods.py``.
"""

from __future__ import annotations

from autograder.course.exercises.optimization_methods.initializers import initializer_mistakes
from autograder.course.exercises.optimization_methods.inputs import initializer_cases
from autograder.course.spec import Exercise
from solutions import optimization_methods as sol

EXERCISE = Exercise(
    name="initialize_velocity",
    points=3,
    reference=sol.initialize_velocity,
    cases=initializer_cases,
    summary="Momentum's velocity v: zeros shaped like each parameter, with keys dW1, db1, ...",
    mistakes=initializer_mistakes("v", "The velocity"),
)
