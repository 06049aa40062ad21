"""What the ``gradient_checking`` exercises share: the graded view of a difference, its tolerance,
and the networks of the cases of ``gradient_check_n``.

A gradient check returns ``difference = ||grad - gradapprox|| / (||grad|| + ||gradapprox||)``.
Where the gradient is right, the difference is rounding noise: the numerical gradient divides the
cost's rounding error (about 1e-16 of the cost, or more where ``1 - A3`` cancels) by ``2 epsilon``,
so at ``epsilon = 1e-7`` it is of order 1e-10 to 3e-7, and its digits depend on the CPU (NumPy's
``exp``, ``log`` and BLAS kernels round differently on different processors) and on how an
equivalent check orders its operations. Where the gradient is wrong (or ``epsilon`` is large), the
difference is a real quantity that rounding moves by about 1e-9 relative.

So the graded view of a difference is 0 below ``NOISE_FLOOR`` (1e-6: "the noise of a correct
check") and the difference to 4 significant digits above it (the public check data is then the
same on every CPU), compared with :data:`DIFFERENCE_TOLERANCE`. The cases keep every expected
difference away from the floor (below 3e-7 or above 3e-6; a test checks it), so that noise never
carries a value across it.
"""

from __future__ import annotations

import math

import numpy as np

from autograder.course.spec import Case
from course_lib.compare import Tolerance, is_number
from course_lib.gradient_checking import (
    backward_propagation_n,
    backward_propagation_n_fixed,
    forward_propagation_n,
    gradient_check_n_test_case,
    parameter_shapes,
)

NOISE_FLOOR = 1e-6

DIFFERENCE_TOLERANCE = Tolerance(
    rtol=1e-3,
    atol_scale=0.0,
    atol=NOISE_FLOOR,
    reason="a difference below 1e-6 is the rounding noise of a correct check (1e-10 to 3e-7 at "
           "epsilon = 1e-7, CPU-dependent), graded as 0 with an allowance of 1e-6; above, it is a "
           "real quantity that rounding moves by about 1e-9 relative and is kept to 4 significant "
           "digits (5e-5), so 1e-3 relative accepts every equivalent check while a factor 2 in "
           "gradapprox, a missing norm or a one-sided difference changes it far more",
)


def graded_difference(output):
    """The graded view of a difference: 0.0 below the noise floor, else 4 significant digits.

    Anything that is not a single finite number (a mistake returning a boolean or an array) is
    left as it is, so that it is compared as it is.
    """
    if isinstance(output, np.ndarray) and output.ndim > 0:
        return output
    if not is_number(output):
        return output
    value = float(output)
    if not math.isfinite(value):
        return value
    if abs(value) < NOISE_FLOOR:
        return 0.0
    return float(f"{value:.4g}")


# ----------------------------------------------------------------------------------------------
# Networks for gradient_check_n: the course's [4, 5, 3, 1]
# ----------------------------------------------------------------------------------------------


def random_network(seed: int, m: int, scale: float = 0.6):
    """``(parameters, X, Y)`` drawn from ``np.random.RandomState(seed)``.

    ``scale`` keeps the output layer away from saturation (a sigmoid near 1 makes ``1 - A3``
    cancel, which multiplies the noise of the numerical gradient).
    """
    rng = np.random.RandomState(seed)
    X = rng.randn(4, m)
    Y = rng.randint(0, 2, size=(1, m)).astype(np.float64)
    parameters = {key: rng.randn(*shape) * scale for key, shape in parameter_shapes().items()}
    return parameters, X, Y


def course_network():
    """The course's example (``np.random.seed(1)`` inside), the global stream restored after."""
    state = np.random.get_state()
    try:
        X, Y, parameters = gradient_check_n_test_case()
    finally:
        np.random.set_state(state)
    return parameters, X, Y


def gradients_of(parameters, X, Y, backprop: str = "fixed"):
    """The gradients dict of the course's backward pass: ``"buggy"`` (the deliberate bugs) or
    ``"fixed"``, with the intermediate dZ and dA keys as the course returns them."""
    _, cache = forward_propagation_n(X, Y, parameters)
    fn = backward_propagation_n if backprop == "buggy" else backward_propagation_n_fixed
    return fn(X, Y, cache)


def with_wrong_entry(gradients, key: str, index: tuple[int, int], offset: float):
    """A copy of ``gradients`` with one entry of ``gradients[key]`` moved by ``offset``."""
    out = {k: np.array(v, dtype=np.float64) for k, v in gradients.items()}
    out[key][index] += offset
    return out


def check_n_args(parameters, gradients, X, Y):
    """The positional arguments of gradient_check_n, in its order."""
    return (parameters, gradients, X, Y)


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
        # a hidden case's note describes it without its numbers (here dtheta is x itself)
        cases.append(Case(f"random_{i}", "random", args=(x, theta),
                          note=f"|x| about 1e{np.floor(np.log10(abs(x))):+.0f}, "
                               f"theta {'negative' if theta < 0 else 'positive'}"))
    for i, (x, theta) in enumerate(((2.5, -1.25), (-0.3, 7.0), (40.0, 0.5))):
        cases.append(Case(f"tensorflow_{i}", "tensorflow", args=(x, theta),
                          note="against TensorFlow (tf.GradientTape)"))
    cases += [
        Case("zero_x", "edge", args=(0.0, 3.0), note="x = 0", visible=True),
        Case("zero_theta", "edge", args=(5.0, 0.0), note="theta = 0"),
        Case("both_negative", "edge", args=(-2.0, -6.0), note="x and theta negative"),
        Case("large_integers", "edge", args=(10**6, 3 * 10**5), note="Python integers"),
    ]
    return cases
