"""``conv_forward``: TODO one line saying what the exercise asks.

Reference: ``solutions/convolution_arithmetic.py`` (``def conv_forward``); teaching text:
``assignments/content/convolution_arithmetic.py`` (``# %% exercise conv_forward``); TensorFlow counterpart,
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

    Parameters of the reference: X, W, b, S=1, P=0.
    """
    raise NotImplementedError("TODO: draw the inputs of conv_forward")


def _cases() -> list[Case]:
    cases = [
        Case("TODO_fixed", "fixed", args=_random_args(inputs.generator(494300)),
             note="TODO: what this visible case shows (feedback shows its numbers)"),
    ]
    for i in range(10):
        rng = inputs.generator(494301 + i)
        cases.append(Case(f"random_{i}", "random", args=_random_args(rng),
                          note="TODO: what varies (sizes, magnitudes)"))
    for i in range(3):
        rng = inputs.generator(494350 + i)
        cases.append(Case(f"tensorflow_{i}", "tensorflow", args=_random_args(rng),
                          note="TODO: inputs where the counterpart's mapping holds"))
    cases.append(Case("TODO_edge", "edge", args=_random_args(inputs.generator(494399)),
                      note="TODO: where a typical mistake or a numerical trap shows"))
    return cases


def mistake_TODO(X, W, b, S=1, P=0):
    raise NotImplementedError("TODO: a typical wrong version of conv_forward")


EXERCISE = Exercise(
    name="conv_forward",
    points=10,
    reference=sol.conv_forward,
    cases=_cases,
    summary="TODO: one line with the formula",
    tensorflow=TF + "conv_forward",
    optional=True,
    mistakes=(
        Mistake("TODO",
                "TODO: what is wrong and how to fix it, in whole sentences.",
                mistake_TODO),
    ),
)
