"""``zero_pad``: zeros around the height and width of images channels first ``(N, C, H, W)``.

Reference: ``solutions/convolution_arithmetic.py`` (``def zero_pad``); teaching text:
``assignments/content/convolution_arithmetic.py`` (``# %% exercise zero_pad``); TensorFlow
counterpart ``tf.pad`` (``solutions/counterparts/convolution_arithmetic.py``), exact. The visible
case has N, C, H and W all different and pad = 2, so that every typical mistake shows in its shape
or its values. The ``mistake_*`` functions are self-contained (only ``np``).
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises import inputs
from autograder.course.exercises.convolution_arithmetic.inputs import images
from autograder.course.spec import Case, Exercise, Mistake
from solutions import convolution_arithmetic as sol

TF = "solutions.counterparts.convolution_arithmetic:"


def _case(name, group, shape, pad, seed, note, visible=None):
    return Case(name, group, args=(images(inputs.generator(seed), shape), pad), note=note,
                visible=visible)


def _cases() -> list[Case]:
    cases = [_case("two_images_pad_2", "fixed", (2, 3, 4, 5), 2, 314000,
                   note="2 images of 3 channels, 4 x 5, pad = 2: shape (2, 3, 8, 9)")]
    for i in range(10):
        rng = inputs.generator(314001 + i)
        shape = tuple(int(n) for n in rng.integers(1, 6, size=4))
        pad = int(rng.integers(1, 4))
        cases.append(_case(f"random_{i}", "random", shape, pad, 314101 + i,
                           note=f"X of shape {shape}, pad = {pad}"))
    for i in range(3):
        rng = inputs.generator(314050 + i)
        shape = tuple(int(n) for n in rng.integers(1, 6, size=4))
        pad = int(rng.integers(0, 4))
        cases.append(_case(f"tensorflow_{i}", "tensorflow", shape, pad, 314150 + i,
                           note=f"X of shape {shape}, pad = {pad}, against tf.pad"))
    cases += [
        _case("no_padding", "edge", (1, 2, 3, 3), 0, 314200,
              note="pad = 0: the images unchanged"),
        _case("one_pixel", "edge", (3, 1, 1, 1), 3, 314201, visible=True,
              note="1 x 1 images, pad = 3: 7 x 7 with the pixel in the middle"),
    ]
    return cases


def mistake_pads_every_axis(X, pad):
    X_pad = np.pad(X, pad, mode="constant")
    return X_pad


def mistake_one_side_only(X, pad):
    X_pad = np.pad(X, ((0, 0), (0, 0), (0, pad), (0, pad)), mode="constant")
    return X_pad


def mistake_pad_split_over_both_sides(X, pad):
    half = pad // 2
    X_pad = np.pad(X, ((0, 0), (0, 0), (half, pad - half), (half, pad - half)), mode="constant")
    return X_pad


def mistake_channels_last(X, pad):
    X_pad = np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant")
    return X_pad


def mistake_height_only(X, pad):
    X_pad = np.pad(X, ((0, 0), (0, 0), (pad, pad), (0, 0)), mode="constant")
    return X_pad


def mistake_edge_values(X, pad):
    X_pad = np.pad(X, ((0, 0), (0, 0), (pad, pad), (pad, pad)), mode="edge")
    return X_pad


EXERCISE = Exercise(
    name="zero_pad",
    points=8,
    reference=sol.zero_pad,
    cases=_cases,
    summary="Zero padding of images (N, C, H, W): pad zeros on both sides of H and W only, shape "
            "(N, C, H + 2*pad, W + 2*pad).",
    tensorflow=TF + "zero_pad",
    optional=True,
    mistakes=(
        Mistake("pads_every_axis",
                "You padded every axis, the images and the channels too. Pad only the height "
                "and the width: np.pad(X, ((0, 0), (0, 0), (pad, pad), (pad, pad))).",
                mistake_pads_every_axis),
        Mistake("one_side_only",
                "You put the zeros on one side only. Pad both sides of the height and of the "
                "width, (pad, pad) for each.",
                mistake_one_side_only),
        Mistake("pad_split_over_both_sides",
                "You split pad over the two sides. pad is the number of zeros on each side, so "
                "the padded height is H + 2*pad.",
                mistake_pad_split_over_both_sides),
        Mistake("channels_last",
                "You padded axes 1 and 2, as if the images were (N, H, W, C). Here they are "
                "channels first, (N, C, H, W): pad axes 2 and 3.",
                mistake_channels_last),
        Mistake("height_only",
                "You padded the height only. Pad the width (axis 3) as well.",
                mistake_height_only),
        Mistake("edge_values",
                "Your border repeats the edge pixels. Zero padding adds zeros: "
                "np.pad(..., mode=\"constant\") (the default), not mode=\"edge\".",
                mistake_edge_values),
    ),
)
