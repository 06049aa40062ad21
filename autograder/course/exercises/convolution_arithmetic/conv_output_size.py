"""``conv_output_size``: a convolution's output height and width, ``(H + 2P - F) // S + 1``.

Reference: ``solutions/convolution_arithmetic.py`` (``def conv_output_size``); teaching text:
``assignments/content/convolution_arithmetic.py`` (``# %% exercise conv_output_size``). No
TensorFlow counterpart (a size, not a tensor; ``conv_forward``'s cases check the shapes against
``tf.nn.conv2d``). The error when the filter does not fit is a property of the reference proven by
the tests (a graded case cannot expect an error). The ``mistake_*`` functions are self-contained.
"""

from __future__ import annotations

from autograder.course.exercises import inputs
from autograder.course.exercises.convolution_arithmetic.inputs import random_window
from autograder.course.spec import Case, Exercise, Mistake
from solutions import convolution_arithmetic as sol


def _case(name, group, H, W, F, S=None, P=None, note="", visible=None):
    kwargs = {k: v for k, v in (("S", S), ("P", P)) if v is not None}
    return Case(name, group, args=(H, W, F), kwargs=kwargs, note=note, visible=visible)


def _cases() -> list[Case]:
    cases = [
        _case("stride_2_not_dividing", "fixed", 8, 6, 3, S=2, P=1,
              note="H = 8, W = 6, F = 3, S = 2, P = 1: (8 + 2 - 3) // 2 + 1 = 4 and "
                   "(6 + 2 - 3) // 2 + 1 = 3 (the last column of the padded input is unused)"),
        _case("padding_2", "fixed", 5, 7, 3, S=1, P=2,
              note="H = 5, W = 7, F = 3, P = 2: padding adds 2P, the output grows to 7 x 9"),
        _case("lenet_defaults", "fixed", 32, 32, 5,
              note="LeNet's first layer, 32 x 32 with a 5 x 5 filter, S and P left at 1 and 0: 28"),
    ]
    for i in range(10):
        w = random_window(inputs.generator(313000 + i), square=True)
        cases.append(_case(f"random_{i}", "random", w["H"], w["W"], w["FH"], S=w["S"], P=w["P"],
                           note=f"H = {w['H']}, W = {w['W']}, F = {w['FH']}, S = {w['S']}, "
                                f"P = {w['P']}"))
    cases += [
        _case("filter_as_large_as_padded_input", "edge", 3, 4, 5, S=1, P=1,
              note="F = H + 2P: the filter fits exactly once in height"),
        _case("one_by_one", "edge", 6, 6, 1, S=3, visible=True,
              note="a 1 x 1 filter with stride 3 on 6 x 6: 2 x 2"),
        _case("stride_larger_than_filter", "edge", 10, 7, 2, S=4, P=0,
              note="S = 4 > F = 2: windows skip pixels, (10 - 2) // 4 + 1 = 3, (7 - 2) // 4 + 1 = 2"),
        _case("same_padding", "edge", 9, 12, 5, S=1, P=2,
              note="P = (F - 1) / 2 with S = 1 keeps the size (\"same\" padding)"),
    ]
    return cases


def mistake_true_division(H, W, F, S=1, P=0):
    OH = (H + 2 * P - F) / S + 1
    OW = (W + 2 * P - F) / S + 1
    return OH, OW


def mistake_padding_once(H, W, F, S=1, P=0):
    OH = (H + P - F) // S + 1
    OW = (W + P - F) // S + 1
    return OH, OW


def mistake_missing_plus_one(H, W, F, S=1, P=0):
    OH = (H + 2 * P - F) // S
    OW = (W + 2 * P - F) // S
    return OH, OW


def mistake_filter_and_stride_swapped(H, W, F, S=1, P=0):
    OH = (H + 2 * P - S) // F + 1
    OW = (W + 2 * P - S) // F + 1
    return OH, OW


def mistake_rounds_up(H, W, F, S=1, P=0):
    OH = -(-(H + 2 * P - F) // S) + 1
    OW = -(-(W + 2 * P - F) // S) + 1
    return OH, OW


def mistake_height_for_both(H, W, F, S=1, P=0):
    OH = (H + 2 * P - F) // S + 1
    return OH, OH


def mistake_stride_ignored(H, W, F, S=1, P=0):
    OH = H + 2 * P - F + 1
    OW = W + 2 * P - F + 1
    return OH, OW


EXERCISE = Exercise(
    name="conv_output_size",
    points=8,
    reference=sol.conv_output_size,
    cases=_cases,
    summary="The output size of a convolution: OH = (H + 2P - F) // S + 1, the same for W; an "
            "error when the filter does not fit.",
    optional=True,
    returns=("OH", "OW"),
    mistakes=(
        Mistake("true_division",
                "Your sizes are not whole numbers: you divide with /. A window either fits or "
                "does not, so round down with integer division: (H + 2*P - F) // S + 1.",
                mistake_true_division),
        Mistake("padding_once",
                "You add the padding once. P zeros go on both sides, top and bottom (left and "
                "right), so the padded height is H + 2*P.",
                mistake_padding_once),
        Mistake("missing_plus_one",
                "Your sizes are one short. (H + 2*P - F) // S counts the steps the filter takes; "
                "the positions are one more: (H + 2*P - F) // S + 1.",
                mistake_missing_plus_one),
        Mistake("filter_and_stride_swapped",
                "You swapped the filter size and the stride. Subtract the filter size F and "
                "divide by the stride S: (H + 2*P - F) // S + 1.",
                mistake_filter_and_stride_swapped),
        Mistake("rounds_up",
                "You round the number of steps up. A window that would stick out of the padded "
                "input is not taken: round down, (H + 2*P - F) // S + 1.",
                mistake_rounds_up),
        Mistake("height_for_both",
                "Your width is the height's. Compute OW from W the same way: "
                "(W + 2*P - F) // S + 1.",
                mistake_height_for_both),
        Mistake("stride_ignored",
                "You ignore the stride. The filter moves S pixels at a time: divide the distance "
                "it travels by S, (H + 2*P - F) // S + 1.",
                mistake_stride_ignored),
    ),
)
