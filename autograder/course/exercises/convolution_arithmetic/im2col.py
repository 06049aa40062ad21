"""``im2col``: TODO one line saying what the exercise asks.

Reference: ``solutions/convolution_arithmetic.py`` (``def im2col``); teaching text:
``assignments/content/convolution_arithmetic.py`` (``# %% exercise im2col``); TensorFlow counterpart,
if any: ``solutions/counterparts/convolution_arithmetic.py``. The ``mistake_*`` functions are
self-contained (only ``math`` and ``np``): the tests and the diagnosis transplant their source into
a submission under the exercise's name. Rules and fields: ``docs/AUTHORING.md``.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises import inputs
from autograder.course.spec import Case, Exercise, Mistake
from solutions import convolution_arithmetic as sol

TF = "solutions.counterparts.convolution_arithmetic:"


def _random_args(rng: np.random.Generator) -> tuple:
    """The positional arguments of one call, drawn from ``rng``: float64 arrays, sizes that vary.

    Parameters of the reference: X, FH, FW, S=1, P=0.
    """
    raise NotImplementedError("TODO: draw the inputs of im2col")


def _cases() -> list[Case]:
    cases = [
        Case("TODO_fixed", "fixed", args=_random_args(inputs.generator(827700)),
             note="TODO: what this visible case shows (feedback shows its numbers)"),
    ]
    for i in range(10):
        rng = inputs.generator(827701 + i)
        cases.append(Case(f"random_{i}", "random", args=_random_args(rng),
                          note="TODO: what varies (sizes, magnitudes)"))
    for i in range(3):
        rng = inputs.generator(827750 + i)
        cases.append(Case(f"tensorflow_{i}", "tensorflow", args=_random_args(rng),
                          note="TODO: inputs where the counterpart's mapping holds"))
    cases.append(Case("TODO_edge", "edge", args=_random_args(inputs.generator(827799)),
                      note="TODO: where a typical mistake or a numerical trap shows"))
    return cases


def mistake_TODO(X, FH, FW, S=1, P=0):
    raise NotImplementedError("TODO: a typical wrong version of im2col")


EXERCISE = Exercise(
    name="im2col",
    points=12,
    reference=sol.im2col,
    cases=_cases,
    summary="TODO: one line with the formula",
    tensorflow=TF + "im2col",
    optional=True,
    mistakes=(
        Mistake("TODO",
                "TODO: what is wrong and how to fix it, in whole sentences.",
                mistake_TODO),
    ),
)
