"""``col2im``: the adjoint of ``im2col``, every row added back onto its patch, padding cropped.

Reference: ``solutions/convolution_arithmetic.py`` (``def col2im``); teaching text:
``assignments/content/convolution_arithmetic.py`` (``# %% exercise col2im``); TensorFlow
counterpart: the gradient of ``tf.image.extract_patches`` (reordered as im2col's rows) with
``tf.GradientTape``, whose output gradient is ``col`` (``solutions/counterparts/
convolution_arithmetic.py``): the adjoint by definition, equal up to the order of the sums. The
visible case has overlapping windows (S < F), padding, two images and two channels. The
``mistake_*`` functions are self-contained (only ``np``).
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises import inputs
from autograder.course.exercises.convolution_arithmetic.inputs import images, random_window
from autograder.course.spec import Case, Exercise, Mistake
from solutions import convolution_arithmetic as sol

TF = "solutions.counterparts.convolution_arithmetic:"


def _case(name, group, seed, X_shape, FH, FW, S=None, P=None, note="", visible=None):
    N, C, H, W = X_shape
    s, p = (1 if S is None else S), (0 if P is None else P)
    rows = N * ((H + 2 * p - FH) // s + 1) * ((W + 2 * p - FW) // s + 1)
    col = images(inputs.generator(seed), (rows, C * FH * FW))
    kwargs = {k: v for k, v in (("S", S), ("P", P)) if v is not None}
    return Case(name, group, args=(col, tuple(X_shape), FH, FW), kwargs=kwargs, note=note,
                visible=visible)


def _random(name, group, seed, note=""):
    w = random_window(inputs.generator(seed))
    shape = (w["N"], w["C"], w["H"], w["W"])
    return _case(name, group, seed + 1000, shape, w["FH"], w["FW"], S=w["S"], P=w["P"],
                 note=f"X_shape {shape}, a {w['FH']} x {w['FW']} window, S = {w['S']}, "
                      f"P = {w['P']}{note}")


def _cases() -> list[Case]:
    cases = [
        _case("overlapping_windows_with_padding", "fixed", 316000, (2, 2, 4, 5), 3, 2, S=1, P=1,
              note="X_shape (2, 2, 4, 5), a 3 x 2 window, S = 1, P = 1: the windows overlap, "
                   "so most pixels gather several entries of col"),
        _case("stride_2", "fixed", 316001, (1, 2, 5, 5), 3, 3, S=2,
              note="X_shape (1, 2, 5, 5), a 3 x 3 window, S = 2, P = 0: the middle row and "
                   "column are shared by two windows, the rest by one"),
    ]
    cases += [_random(f"random_{i}", "random", 316010 + i) for i in range(10)]
    cases += [_random(f"tensorflow_{i}", "tensorflow", 316050 + i,
                      ", against the gradient of tf.image.extract_patches") for i in range(3)]
    cases += [
        _case("no_overlap", "edge", 316200, (2, 1, 4, 6), 2, 2, S=2,
              note="S = F = 2: the windows tile the image, each pixel gets one entry"),
        _case("one_by_one_window", "edge", 316201, (3, 2, 2, 2), 1, 1,
              note="a 1 x 1 window: col2im only reorders"),
        _case("padding_2", "edge", 316202, (1, 1, 3, 3), 3, 3, S=1, P=2, visible=True,
              note="P = 2 with a 3 x 3 window: the padded border is cropped"),
    ]
    return cases


def mistake_overwrites(col, X_shape, FH, FW, S=1, P=0):
    N, C, H, W = X_shape
    OH = (H + 2 * P - FH) // S + 1
    OW = (W + 2 * P - FW) // S + 1
    patches = col.reshape(N, OH, OW, C, FH, FW)
    X_pad = np.zeros((N, C, H + 2 * P, W + 2 * P))
    for oh in range(OH):
        for ow in range(OW):
            X_pad[:, :, oh * S:oh * S + FH, ow * S:ow * S + FW] = patches[:, oh, ow]
    return X_pad[:, :, P:P + H, P:P + W]


def mistake_padding_not_cropped(col, X_shape, FH, FW, S=1, P=0):
    N, C, H, W = X_shape
    OH = (H + 2 * P - FH) // S + 1
    OW = (W + 2 * P - FW) // S + 1
    patches = col.reshape(N, OH, OW, C, FH, FW)
    X_pad = np.zeros((N, C, H + 2 * P, W + 2 * P))
    for oh in range(OH):
        for ow in range(OW):
            X_pad[:, :, oh * S:oh * S + FH, ow * S:ow * S + FW] += patches[:, oh, ow]
    return X_pad


def mistake_averages_overlaps(col, X_shape, FH, FW, S=1, P=0):
    N, C, H, W = X_shape
    OH = (H + 2 * P - FH) // S + 1
    OW = (W + 2 * P - FW) // S + 1
    patches = col.reshape(N, OH, OW, C, FH, FW)
    X_pad = np.zeros((N, C, H + 2 * P, W + 2 * P))
    count = np.zeros((N, C, H + 2 * P, W + 2 * P))
    for oh in range(OH):
        for ow in range(OW):
            X_pad[:, :, oh * S:oh * S + FH, ow * S:ow * S + FW] += patches[:, oh, ow]
            count[:, :, oh * S:oh * S + FH, ow * S:ow * S + FW] += 1
    X_pad = X_pad / np.maximum(count, 1)
    return X_pad[:, :, P:P + H, P:P + W]


def mistake_patch_channel_last(col, X_shape, FH, FW, S=1, P=0):
    N, C, H, W = X_shape
    OH = (H + 2 * P - FH) // S + 1
    OW = (W + 2 * P - FW) // S + 1
    patches = col.reshape(N, OH, OW, FH, FW, C).transpose(0, 1, 2, 5, 3, 4)
    X_pad = np.zeros((N, C, H + 2 * P, W + 2 * P))
    for oh in range(OH):
        for ow in range(OW):
            X_pad[:, :, oh * S:oh * S + FH, ow * S:ow * S + FW] += patches[:, oh, ow]
    return X_pad[:, :, P:P + H, P:P + W]


def mistake_rows_in_wrong_order(col, X_shape, FH, FW, S=1, P=0):
    N, C, H, W = X_shape
    OH = (H + 2 * P - FH) // S + 1
    OW = (W + 2 * P - FW) // S + 1
    patches = col.reshape(OH, OW, N, C, FH, FW)
    X_pad = np.zeros((N, C, H + 2 * P, W + 2 * P))
    for oh in range(OH):
        for ow in range(OW):
            X_pad[:, :, oh * S:oh * S + FH, ow * S:ow * S + FW] += patches[oh, ow]
    return X_pad[:, :, P:P + H, P:P + W]


def mistake_stride_ignored(col, X_shape, FH, FW, S=1, P=0):
    N, C, H, W = X_shape
    OH = (H + 2 * P - FH) // S + 1
    OW = (W + 2 * P - FW) // S + 1
    patches = col.reshape(N, OH, OW, C, FH, FW)
    X_pad = np.zeros((N, C, H + 2 * P, W + 2 * P))
    for oh in range(OH):
        for ow in range(OW):
            X_pad[:, :, oh:oh + FH, ow:ow + FW] += patches[:, oh, ow]
    return X_pad[:, :, P:P + H, P:P + W]


EXERCISE = Exercise(
    name="col2im",
    points=12,
    reference=sol.col2im,
    cases=_cases,
    summary="col2im, the adjoint of im2col: every row added onto its patch of a zero padded "
            "(N, C, H + 2P, W + 2P), overlaps adding up, then the padding cropped.",
    tensorflow=TF + "col2im",
    optional=True,
    mistakes=(
        Mistake("overwrites",
                "Where windows overlap you keep only the last patch. col2im is the adjoint of "
                "im2col: add every patch onto the image (+=), so overlapping values add up.",
                mistake_overwrites),
        Mistake("padding_not_cropped",
                "Your result still has the padding: its shape is (N, C, H + 2P, W + 2P). Crop "
                "it at the end: X_pad[:, :, P:P + H, P:P + W].",
                mistake_padding_not_cropped),
        Mistake("averages_overlaps",
                "You average the overlapping values. col2im is not the inverse of im2col but its "
                "adjoint (what backpropagation needs): add the overlapping values, do not "
                "divide by how many there are.",
                mistake_averages_overlaps),
        Mistake("patch_channel_last",
                "You read each row as a patch flattened channel last. im2col flattens each "
                "patch channel first: reshape the rows to (..., C, FH, FW).",
                mistake_patch_channel_last),
        Mistake("rows_in_wrong_order",
                "You read the rows position first, image last. im2col's rows go n, then oh, "
                "then ow: reshape col to (N, OH, OW, C, FH, FW).",
                mistake_rows_in_wrong_order),
        Mistake("stride_ignored",
                "You put the patches one pixel apart. The window of position (oh, ow) starts at "
                "row oh*S and column ow*S.",
                mistake_stride_ignored),
    ),
)
