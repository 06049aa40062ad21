"""Declaration of ``gradient_check``: the 1-D gradient check of ``J(theta) = theta * x``.

Reference in ``solutions/gradient_checking.py``, teaching text in
``assignments/content/gradient_checking.py``. The student's check calls the student's own
``forward_propagation`` and ``backward_propagation`` (``needs``); here, and in the mistakes, those
names are the references'. The contract is the course's: its own solution earns full marks.

J is linear, so the two-sided difference is exact up to rounding and a correct check returns noise
(graded as 0, see :mod:`.inputs`). What a mistake changes must show on a linear function: a
gradapprox twice or half the slope (difference 1/3), of the wrong sign or zero (1), a missing
parenthesis, a missing denominator (the plain norm, which is not small for a large x: the rounding
of theta + epsilon alone is 4e-9 of the slope), a boolean instead of the number.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises.gradient_checking.inputs import DIFFERENCE_TOLERANCE, graded_difference
from autograder.course.spec import Case, Exercise, Mistake
from solutions import gradient_checking as ref

#: The mistakes call these by name, as the student's check calls the student's own functions.
forward_propagation = ref.forward_propagation
backward_propagation = ref.backward_propagation

COUNTERPART = "solutions.counterparts.gradient_checking:"


def _epsilon_kwargs(epsilon):
    return {} if epsilon == 1e-7 else {"epsilon": epsilon}


def _cases():
    cases = [
        Case("course_x2_theta4", "fixed", args=(2, 4),
             note="the course's x, theta = 2, 4: a correct backward gives only rounding noise"),
        Case("course_x3_theta4", "fixed", args=(3, 4), note="the course's x, theta = 3, 4"),
        Case("large_x", "fixed", args=(1e6, 4.0),
             note="x = 1e6: |grad - gradapprox| is about 1e-3 here, the difference still noise"),
    ]
    epsilons = (1e-7, 1e-5, 1e-3, 1e-2)
    for i in range(12):
        rng = np.random.RandomState(300 + i)
        x = float(np.round(rng.choice([-1.0, 1.0]) * 10 ** rng.uniform(-3, 6), 3) or 1.0)
        theta = float(np.round(rng.uniform(-10, 10), 4))
        epsilon = epsilons[i % 4]
        # print_msg stays False: the expected values are computed in the grader's process,
        # whose stdout may be a channel (the nbgrader hidden tests talk JSON lines over it)
        cases.append(Case(f"random_{i}", "random", args=(x, theta),
                          kwargs=_epsilon_kwargs(epsilon),
                          note=f"|x| about 1e{np.floor(np.log10(abs(x))):+.0f}, "
                               f"epsilon = {epsilon:g}"))
    for i, (x, theta, epsilon) in enumerate(((2.0, 4.0, 1e-7), (-3e5, 1.5, 1e-7),
                                             (0.25, -7.0, 1e-4))):
        cases.append(Case(f"tensorflow_{i}", "tensorflow", args=(x, theta),
                          kwargs=_epsilon_kwargs(epsilon),
                          note=f"against tf.test.compute_gradient, epsilon = {epsilon:g}"))
    cases += [
        Case("negative_x_large", "edge", args=(-2e5, 2.5), note="x = -2e5, theta = 2.5",
             visible=True),
        Case("tiny_x", "edge", args=(1e-6, 3.0), note="x = 1e-6"),
        Case("theta_zero", "edge", args=(7.0, 0.0), note="theta = 0"),
        Case("large_epsilon", "edge", args=(3.0, 4.0), kwargs={"epsilon": 0.5},
             note="epsilon = 0.5 (J is linear: still exact)"),
    ]
    return cases


def mistake_divided_by_epsilon(x, theta, epsilon=1e-7, print_msg=False):
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / epsilon
    grad = backward_propagation(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    return difference


def mistake_wrong_sign(x, theta, epsilon=1e-7, print_msg=False):
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_minus - J_plus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    return difference


def mistake_missing_parentheses(x, theta, epsilon=1e-7, print_msg=False):
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    difference = numerator / np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return difference


def mistake_no_denominator(x, theta, epsilon=1e-7, print_msg=False):
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    difference = np.linalg.norm(grad - gradapprox)
    return difference


def mistake_returns_verdict(x, theta, epsilon=1e-7, print_msg=False):
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    return bool(difference < 2e-7)


EXERCISE = Exercise(
    name="gradient_check",
    points=30,
    reference=ref.gradient_check,
    cases=_cases,
    summary="the relative difference between backward_propagation's derivative and the two-sided "
            "numerical derivative of forward_propagation",
    tolerance=DIFFERENCE_TOLERANCE,
    expected_view=graded_difference,
    tensorflow=COUNTERPART + "gradient_check",
    returns=("difference",),
    needs=("forward_propagation", "backward_propagation"),
    mistakes=(
        Mistake("twice_or_half",
                "Your difference is 1/3: your gradapprox is twice (or half) the slope. Divide "
                "J_plus - J_minus by 2 * epsilon, the distance between theta + epsilon and "
                "theta - epsilon, and compute J_minus at theta - epsilon (from theta itself, not "
                "from theta_plus).",
                mistake_divided_by_epsilon),
        Mistake("wrong_sign",
                "Your difference is 1, the largest possible: your gradapprox has the sign opposite "
                "to grad. It is (J_plus - J_minus) / (2 * epsilon), with J_plus at theta + epsilon, "
                "and the numerator is the norm of grad - gradapprox (a minus, not a plus).",
                mistake_wrong_sign),
        Mistake("missing_parentheses",
                "Your result is about the size of the gradient: the division by the sum of the "
                "norms needs parentheses, numerator / (np.linalg.norm(grad) + "
                "np.linalg.norm(gradapprox)).",
                mistake_missing_parentheses),
        Mistake("no_denominator",
                "You return the norm of grad - gradapprox: divide it by "
                "np.linalg.norm(grad) + np.linalg.norm(gradapprox), so that the difference is "
                "relative and does not depend on the size of the gradient.",
                mistake_no_denominator),
        Mistake("returns_verdict",
                "You return whether the check passed (a boolean): return the difference itself, "
                "and only print the verdict when print_msg is True.",
                mistake_returns_verdict),
    ),
)
