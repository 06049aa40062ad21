"""``sigmoid_backward`` (optional extra): ``dZ = dA * s * (1 - s)`` with ``s = sigmoid(Z)``.

Reference: ``solutions/initialization.py`` (``def sigmoid_backward``); teaching text:
``assignments/content/initialization.py`` (the vanishing-gradient part of the activations
experiment, in cells that appear only in a term that has the exercise); TensorFlow counterpart:
``tf.sigmoid`` differentiated by ``tf.GradientTape`` in float64
(``solutions/counterparts/initialization.py``).

Every case has a ``dA`` other than ones (so that forgetting ``dA`` shows) and some ``Z`` near 0
(so that the largest expected entry is near ``0.25 * dA`` and the rounding of ``s * (1 - s)`` for
large ``Z`` stays far below the tolerance's scale). The visible edge case ``large_z`` has ``Z``
of +-1000: ``np.exp(-Z)`` overflows there, and a derivative written with it gives NaN.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises import inputs
from autograder.course.spec import Case, Exercise, Mistake
from solutions import initialization as sol

TF = "solutions.counterparts.initialization:"


def _random_args(rng: np.random.Generator, max_units: int = 6, max_examples: int = 8) -> tuple:
    """``(dA, Z)`` of one shape ``(n, m)``: ``Z`` normal with a spread between 0.5 and 4 (some
    entries saturate the sigmoid, most do not), ``dA`` standard normal."""
    shape = (int(rng.integers(1, max_units + 1)), int(rng.integers(2, max_examples + 1)))
    spread = inputs.log_uniform(rng, 0.5, 4.0)
    return rng.standard_normal(shape), rng.normal(0.0, spread, shape)


def _case(name, group, dA, Z, note, visible=None) -> Case:
    return Case(name, group, args=(np.array(dA, dtype=np.float64), np.array(Z, dtype=np.float64)),
                note=note, visible=visible)


def _cases() -> list[Case]:
    cases = [
        _case("five_values", "fixed", [[1.5, -0.4, 2.0, 0.8, -1.0]], [[-2.0, -0.5, 0.0, 0.5, 2.0]],
              "Z = [[-2, -0.5, 0, 0.5, 2]] and dA of mixed signs: at Z = 0, dZ = 0.25 * dA"),
        _case("two_by_three", "fixed", [[0.3, -1.2, 0.7], [2.0, 0.5, -0.9]],
              [[1.2, -3.0, 0.1], [-0.4, 4.5, -1.7]],
              "dA and Z of shape (2, 3): two units, three examples"),
    ]
    for i in range(10):
        dA, Z = _random_args(inputs.generator(4100 + i))
        cases.append(_case(f"random_{i}", "random", dA, Z,
                           f"dA and Z of shape {Z.shape}, Z spread between 0.5 and 4"))
    for i in range(3):
        dA, Z = _random_args(inputs.generator(4150 + i), max_units=20, max_examples=30)
        cases.append(_case(f"tensorflow_{i}", "tensorflow", dA, Z,
                           f"dA and Z of shape {Z.shape}; against tf.sigmoid differentiated by "
                           "tf.GradientTape in float64"))
    cases += [
        _case("large_z", "edge", [[0.5, -1.5, 2.0, 0.8, -1.2, 1.1, -0.7, 1.3, 0.9]],
              [[-1000.0, -710.0, -40.0, -1.0, 0.0, 1.0, 40.0, 710.0, 1000.0]],
              "Z from -1000 to 1000: np.exp(-Z) overflows below about -709; the derivative is "
              "0 there, not NaN", visible=True),
        _case("at_zero", "edge", [[1.0, -2.0, 0.5, 4.0]], np.zeros((1, 4)),
              "Z = 0 everywhere: the derivative's peak, dZ = 0.25 * dA"),
        _case("one_entry", "edge", [[-3.0]], [[0.7]], "dA and Z of shape (1, 1)"),
        _case("column", "edge", [[0.2], [-1.1], [3.0]], [[2.5], [-0.3], [-6.0]],
              "dA and Z of shape (3, 1): one example"),
        _case("vector", "edge", [0.4, -2.0, 1.0], [-1.5, 0.25, 3.0],
              "dA and Z of shape (3,): any shape works element-wise"),
    ]
    return cases


def mistake_sigmoid_backward_no_dA(dA, Z):
    s = 1 / (1 + np.exp(-Z))
    return s * (1 - s)


def mistake_sigmoid_backward_tanh_derivative(dA, Z):
    return dA * (1 - np.tanh(Z) ** 2)


def mistake_sigmoid_backward_z_instead_of_s(dA, Z):
    return dA * Z * (1 - Z)


def mistake_sigmoid_backward_naive_exp(dA, Z):
    return dA * np.exp(-Z) / (1 + np.exp(-Z)) ** 2


def mistake_sigmoid_backward_returns_s(dA, Z):
    return 1 / (1 + np.exp(-Z))


def mistake_sigmoid_backward_sign_flipped(dA, Z):
    s = 1 / (1 + np.exp(-Z))
    return dA * s * (s - 1)


EXERCISE = Exercise(
    name="sigmoid_backward",
    points=10,
    optional=True,
    reference=sol.sigmoid_backward,
    cases=_cases,
    summary="The sigmoid's backward step: s = 1 / (1 + exp(-Z)) computed without overflow, "
            "dZ = dA * s * (1 - s), element-wise (at most 0.25 * dA).",
    tensorflow=TF + "sigmoid_backward",
    mistakes=(
        Mistake("no_dA",
                "You return the sigmoid's derivative s * (1 - s) alone. The backward step "
                "multiplies it by the gradient that arrives from above: dZ = dA * s * (1 - s).",
                mistake_sigmoid_backward_no_dA),
        Mistake("tanh_derivative",
                "You use the derivative of tanh, 1 - tanh(Z)**2. The sigmoid's derivative is "
                "s * (1 - s) with s = 1 / (1 + np.exp(-Z)): dZ = dA * s * (1 - s).",
                mistake_sigmoid_backward_tanh_derivative),
        Mistake("z_instead_of_s",
                "You multiply Z * (1 - Z), with Z where the sigmoid's output belongs. Compute "
                "s = 1 / (1 + np.exp(-Z)) first, then dZ = dA * s * (1 - s).",
                mistake_sigmoid_backward_z_instead_of_s),
        Mistake("naive_exp",
                "Your derivative computes np.exp(-Z) directly: for Z below about -709 it "
                "overflows to inf, and inf / inf gives NaN. Compute s without overflow, from "
                "np.exp(-np.abs(Z)), which never exceeds 1 (1 / (1 + e) where Z >= 0, e / (1 + e) "
                "where Z < 0), then dZ = dA * s * (1 - s).",
                mistake_sigmoid_backward_naive_exp),
        Mistake("returns_s",
                "You return the sigmoid itself, s = 1 / (1 + exp(-Z)), the forward step. The "
                "backward step returns its derivative times the gradient from above: "
                "dZ = dA * s * (1 - s).",
                mistake_sigmoid_backward_returns_s),
        Mistake("sign_flipped",
                "Your dZ has the wrong sign: you multiply by s * (s - 1). The derivative is "
                "s * (1 - s), positive everywhere: dZ = dA * s * (1 - s).",
                mistake_sigmoid_backward_sign_flipped),
    ),
)
