"""Declaration of ``backward_propagation``, the derivative of the 1-D warm-up of the assignment
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


def _backward_cases():
    return one_dimensional_cases(200)


def mistake_backward_returns_theta(x, theta):
    dtheta = theta
    return dtheta


def mistake_backward_returns_J(x, theta):
    dtheta = theta * x
    return dtheta


def mistake_backward_returns_one(x, theta):
    dtheta = 1.0
    return dtheta


def mistake_backward_wrong_sign(x, theta):
    dtheta = -x
    return dtheta


def mistake_backward_as_if_theta_squared(x, theta):
    dtheta = 2 * theta * x
    return dtheta


EXERCISE = Exercise(
    name="backward_propagation",
    points=10,
    reference=ref.backward_propagation,
    cases=_backward_cases,
    summary="the derivative of J(theta) = theta * x with respect to theta, which is x",
    tensorflow=COUNTERPART + "backward_propagation",
    mistakes=(
        Mistake("returns_theta",
                "You return theta, the derivative of theta * x with respect to x. The gradient "
                "is taken with respect to the parameter theta: dtheta = x.",
                mistake_backward_returns_theta),
        Mistake("returns_J",
                "You return J = theta * x, the forward pass. Its derivative with respect to "
                "theta is the slope of the line: dtheta = x.",
                mistake_backward_returns_J),
        Mistake("returns_one",
                "You return 1, the derivative of theta itself. J = theta * x grows by x for "
                "every unit of theta: dtheta = x.",
                mistake_backward_returns_one),
        Mistake("wrong_sign",
                "Your derivative has the wrong sign: dtheta = x, not -x.",
                mistake_backward_wrong_sign),
        Mistake("as_if_theta_squared",
                "You return 2 * theta * x, the derivative of theta**2 * x. J = theta * x is "
                "linear in theta: dtheta = x.",
                mistake_backward_as_if_theta_squared),
    ),
)
