"""Declarations of the assignment ``optimization_methods`` (course week 2).

Thirteen exercises in the notebook's order: gradient descent, mini-batches, exponentially weighted
averages, momentum, RMSProp, Adam (each optimizer with its initialiser) and four learning-rate
decay schedules. Each exercise has a module of its own, named after it, holding its case builders,
its known mistakes and its ``EXERCISE``; shared input builders are in
:mod:`autograder.course.exercises.optimization_methods.inputs` (and
:mod:`autograder.course.exercises.inputs`), the initialisers' shared mistakes in
``initializers``, the decay schedules' shared parts in ``schedules``. References:
``solutions/optimization_methods.py``; teaching text: ``assignments/content/optimization_methods.py``;
TensorFlow counterparts: ``solutions/counterparts/optimization_methods.py``.
"""

from __future__ import annotations

from autograder.course.exercises.optimization_methods import (
    exponential_lr_decay,
    exponentially_weighted_average,
    initialize_adagrad,
    initialize_adam,
    initialize_rmsprop,
    initialize_velocity,
    random_mini_batches,
    schedule_lr_decay,
    sqrt_lr_decay,
    update_lr,
    update_parameters_with_adagrad,
    update_parameters_with_adam,
    update_parameters_with_gd,
    update_parameters_with_momentum,
    update_parameters_with_rmsprop,
)
from autograder.course.spec import Assignment

#: the exercise modules in teaching order
MODULES = (
    update_parameters_with_gd,
    random_mini_batches,
    exponentially_weighted_average,
    initialize_velocity,
    update_parameters_with_momentum,
    initialize_rmsprop,
    update_parameters_with_rmsprop,
    initialize_adagrad,
    update_parameters_with_adagrad,
    initialize_adam,
    update_parameters_with_adam,
    update_lr,
    schedule_lr_decay,
    exponential_lr_decay,
    sqrt_lr_decay,
)

ASSIGNMENT = Assignment(
    name="optimization_methods",
    title="Optimization methods",
    exercises=tuple(module.EXERCISE for module in MODULES),
    solution_modules=("solutions.optimization_methods",),
)
