"""``conv_output_size``: TODO one line saying what the exercise asks.

Reference: ``solutions/convolution_arithmetic.py`` (``def conv_output_size``); teaching text:
``assignments/content/convolution_arithmetic.py`` (``# %% exercise conv_output_size``); TensorFlow counterpart,
if any: ``solutions/counterparts/convolution_arithmetic.py``. The ``mistake_*`` functions are
self-contained (only ``math`` and ``np``): the tests and the diagnosis transplant their source into
a submission under the exercise's name. Rules and fields: ``docs/AUTHORING.md``.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises import inputs
from autograder.course.spec import Case, Exercise, Mistake
from solutions import convolution_arithmetic as sol


def _random_args(rng: np.random.Generator) -> tuple:
    """The positional arguments of one call, drawn from ``rng``: float64 arrays, sizes that vary.

    Parameters of the reference: H, W, F, S=1, P=0.
    """
    raise NotImplementedError("TODO: draw the inputs of conv_output_size")


def _cases() -> list[Case]:
    cases = [
        Case("TODO_fixed", "fixed", args=_random_args(inputs.generator(671900)),
             note="TODO: what this visible case shows (feedback shows its numbers)"),
    ]
    for i in range(10):
        rng = inputs.generator(671901 + i)
        cases.append(Case(f"random_{i}", "random", args=_random_args(rng),
                          note="TODO: what varies (sizes, magnitudes)"))
    cases.append(Case("TODO_edge", "edge", args=_random_args(inputs.generator(671999)),
                      note="TODO: where a typical mistake or a numerical trap shows"))
    return cases


def mistake_TODO(H, W, F, S=1, P=0):
    raise NotImplementedError("TODO: a typical wrong version of conv_output_size")


EXERCISE = Exercise(
    name="conv_output_size",
    points=8,
    reference=sol.conv_output_size,
    cases=_cases,
    summary="TODO: one line with the formula",
    optional=True,
    mistakes=(
        Mistake("TODO",
                "TODO: what is wrong and how to fix it, in whole sentences.",
                mistake_TODO),
    ),
)
