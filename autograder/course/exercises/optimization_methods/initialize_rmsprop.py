"""``initialize_rmsprop``: RMSProp's s, zeros shaped like the parameters.

Reference: ``solutions/optimization_methods.py`` (``def initialize_rmsprop``); teaching text:
``assignments/content/optimization_methods.py`` (``# %% exercise initialize_rmsprop``); TensorFlow
counterpart, if any: ``solutions/counterparts/optimization_methods.py``.
"""

from __future__ import annotations

from autograder.course.exercises.optimization_methods.initializers import initializer_mistakes
from autograder.course.exercises.optimization_methods.inputs import initializer_cases
from autograder.course.spec import Exercise
from solutions import optimization_methods as sol

EXERCISE = Exercise(
    name="initialize_rmsprop",
    points=3,
    reference=sol.initialize_rmsprop,
    cases=initializer_cases,
    summary="RMSProp's s: zeros shaped like each parameter, with keys dW1, db1, ...",
    mistakes=initializer_mistakes("s", "The average of squared gradients"),
)
