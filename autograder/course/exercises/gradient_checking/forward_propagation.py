"""Declaration of ``forward_propagation``, the cost of the 1-D warm-up of the assignment
``gradient_checking``, ``J(theta) = theta * x``; its cases are ``inputs.one_dimensional_cases``.

Reference in ``solutions/gradient_checking.py``, teaching text in
``assignments/content/gradient_checking.py``, TensorFlow counterpart in
``solutions/counterparts/gradient_checking.py``. The ``mistake_*`` functions are self-contained.
"""

from __future__ import annotations

from autograder.course.exercises.gradient_checking.inputs import one_dimensional_cases
from autograder.course.spec import Exercise, Mistake
from solutions import gradient_checking as ref

COUNTERPART = "solutions.counterparts.gradient_checking:"


def _forward_cases():
    return one_dimensional_cases(100)


def mistake_forward_adds(x, theta):
    J = theta + x
    return J


def mistake_forward_returns_x(x, theta):
    J = x
    return J


def mistake_forward_returns_theta(x, theta):
    J = theta
    return J


def mistake_forward_x_squared(x, theta):
    J = theta * x * x
    return J


def mistake_forward_theta_squared(x, theta):
    J = theta * theta * x
    return J


EXERCISE = Exercise(
    name="forward_propagation",
    points=10,
    reference=ref.forward_propagation,
    cases=_forward_cases,
    summary="the linear function J(theta) = theta * x",
    tensorflow=COUNTERPART + "forward_propagation",
    mistakes=(
        Mistake("adds",
                "You add theta and x: the function is their product, J = theta * x.",
                mistake_forward_adds),
        Mistake("returns_x",
                "You return x, which is the derivative of J with respect to theta (that is "
                "backward_propagation's job): forward_propagation returns J = theta * x.",
                mistake_forward_returns_x),
        Mistake("returns_theta",
                "You return theta: multiply it by the input, J = theta * x.",
                mistake_forward_returns_theta),
        Mistake("x_squared",
                "You multiply theta by x twice: J = theta * x, with x once.",
                mistake_forward_x_squared),
        Mistake("theta_squared",
                "You multiply by theta twice: J = theta * x, with theta once.",
                mistake_forward_theta_squared),
    ),
)


