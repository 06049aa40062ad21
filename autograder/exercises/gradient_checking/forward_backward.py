"""Declarations of ``forward_propagation`` and ``backward_propagation``: the 1-D warm-up of the
assignment ``gradient_checking``, ``J(theta) = theta * x`` and its derivative ``x``.

References in ``solutions/gradient_checking.py``, teaching text in
``assignments/content/gradient_checking.py``, TensorFlow counterparts in
``solutions/counterparts/gradient_checking.py``. Inputs are Python numbers, as in the course (the
fixed cases are the course's ``x, theta = 2, 4``). The ``mistake_*`` functions are self-contained.
"""

from __future__ import annotations

import numpy as np

from autograder.spec import Case, Exercise, Mistake
from solutions import gradient_checking as ref

COUNTERPART = "solutions.counterparts.gradient_checking:"


def one_dimensional_cases(seed: int):
    """Fixed, random, TensorFlow and edge cases of ``(x, theta)`` for the 1-D functions."""
    cases = [
        Case("course_x2_theta4", "fixed", args=(2, 4), note="the course's x, theta = 2, 4"),
        Case("negative_x", "fixed", args=(-1.5, 3.0), note="x = -1.5, theta = 3.0"),
    ]
    for i in range(12):
        rng = np.random.RandomState(seed + i)
        x = float(np.round(rng.choice([-1.0, 1.0]) * 10 ** rng.uniform(-3, 3), 6))
        theta = float(np.round(rng.uniform(-10, 10), 6))
        cases.append(Case(f"random_{i}", "random", args=(x, theta),
                          note=f"x = {x:g}, theta = {theta:g}"))
    for i, (x, theta) in enumerate(((2.5, -1.25), (-0.3, 7.0), (40.0, 0.5))):
        cases.append(Case(f"tensorflow_{i}", "tensorflow", args=(x, theta),
                          note=f"against TensorFlow, x = {x:g}, theta = {theta:g}"))
    cases += [
        Case("zero_x", "edge", args=(0.0, 3.0), note="x = 0"),
        Case("zero_theta", "edge", args=(5.0, 0.0), note="theta = 0"),
        Case("both_negative", "edge", args=(-2.0, -6.0), note="x and theta negative"),
        Case("large_integers", "edge", args=(10**6, 3 * 10**5), note="Python integers"),
    ]
    return cases


def _forward_cases():
    return one_dimensional_cases(100)


def _backward_cases():
    return one_dimensional_cases(200)


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


FORWARD_PROPAGATION = Exercise(
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


BACKWARD_PROPAGATION = Exercise(
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
