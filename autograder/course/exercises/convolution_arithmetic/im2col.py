"""``im2col``: every patch a filter covers, one row per output position, channel first.

Reference: ``solutions/convolution_arithmetic.py`` (``def im2col``); teaching text:
``assignments/content/convolution_arithmetic.py`` (``# %% exercise im2col``); TensorFlow
counterpart ``tf.image.extract_patches`` on the padded images channels last, its patches reordered
channel first (``solutions/counterparts/convolution_arithmetic.py``), exact (a copy of values).
The visible cases have two images of two channels, a rectangular window, stride 2 and padding 1
(every typical mistake shows there), and counting numbers on one small image (where a learner can
read which pixel went where). The ``mistake_*`` functions are self-contained (only ``np``).
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises import inputs
from autograder.course.exercises.convolution_arithmetic.inputs import (
    counting,
    images,
    random_window,
)
from autograder.course.spec import Case, Exercise, Mistake
from solutions import convolution_arithmetic as sol

TF = "solutions.counterparts.convolution_arithmetic:"


def _case(name, group, X, FH, FW, S=None, P=None, note="", visible=None):
    kwargs = {k: v for k, v in (("S", S), ("P", P)) if v is not None}
    return Case(name, group, args=(X, FH, FW), kwargs=kwargs, note=note, visible=visible)


def _random(name, group, seed, note):
    rng = inputs.generator(seed)
    w = random_window(rng)
    X = images(rng, (w["N"], w["C"], w["H"], w["W"]))
    return _case(name, group, X, w["FH"], w["FW"], S=w["S"], P=w["P"],
                 note=f"X of shape {X.shape}, a {w['FH']} x {w['FW']} window, S = {w['S']}, "
                      f"P = {w['P']}{note}")


def _cases() -> list[Case]:
    cases = [
        _case("two_images_stride_2_padding_1", "fixed",
              images(inputs.generator(315000), (2, 2, 4, 5)), 3, 2, S=2, P=1,
              note="X of shape (2, 2, 4, 5), a 3 x 2 window, S = 2, P = 1: OH = 2, OW = 3, col "
                   "of shape (12, 12)"),
        _case("counting_3x3_window", "fixed", counting((1, 1, 4, 4)), 3, 3,
              note="X = 1, 2, ..., 16 as one 4 x 4 image, a 3 x 3 window, S = 1, P = 0: four "
                   "rows, the first 1, 2, 3, 5, 6, 7, 9, 10, 11"),
    ]
    cases += [_random(f"random_{i}", "random", 315001 + i, "") for i in range(10)]
    cases += [_random(f"tensorflow_{i}", "tensorflow", 315050 + i, ", against "
                      "tf.image.extract_patches") for i in range(3)]
    cases += [
        _case("one_by_one_window", "edge", images(inputs.generator(315200), (2, 3, 2, 3)), 1, 1,
              visible=True, note="a 1 x 1 window: each row is one pixel's C channels"),
        _case("window_covers_everything", "edge", images(inputs.generator(315201), (3, 2, 2, 2)),
              4, 4, P=1, note="a 4 x 4 window on 2 x 2 images padded by 1: one row per image"),
        _case("stride_skips_pixels", "edge", images(inputs.generator(315202), (1, 2, 7, 7)), 2, 2,
              S=3, note="S = 3 > 2: the windows skip a row and a column of pixels"),
    ]
    return cases


def mistake_rows_in_wrong_order(X, FH, FW, S=1, P=0):
    N, C, H, W = X.shape
    OH = (H + 2 * P - FH) // S + 1
    OW = (W + 2 * P - FW) // S + 1
    X_pad = np.pad(X, ((0, 0), (0, 0), (P, P), (P, P)))
    col = np.zeros((OH, OW, N, C, FH, FW))
    for oh in range(OH):
        for ow in range(OW):
            col[oh, ow] = X_pad[:, :, oh * S:oh * S + FH, ow * S:ow * S + FW]
    return col.reshape(N * OH * OW, C * FH * FW)


def mistake_patch_channel_last(X, FH, FW, S=1, P=0):
    N, C, H, W = X.shape
    OH = (H + 2 * P - FH) // S + 1
    OW = (W + 2 * P - FW) // S + 1
    X_pad = np.pad(X, ((0, 0), (0, 0), (P, P), (P, P)))
    col = np.zeros((N, OH, OW, FH, FW, C))
    for oh in range(OH):
        for ow in range(OW):
            patch = X_pad[:, :, oh * S:oh * S + FH, ow * S:ow * S + FW]
            col[:, oh, ow] = patch.transpose(0, 2, 3, 1)
    return col.reshape(N * OH * OW, C * FH * FW)


def mistake_padding_ignored(X, FH, FW, S=1, P=0):
    N, C, H, W = X.shape
    OH = (H - FH) // S + 1
    OW = (W - FW) // S + 1
    col = np.zeros((N, OH, OW, C, FH, FW))
    for oh in range(OH):
        for ow in range(OW):
            col[:, oh, ow] = X[:, :, oh * S:oh * S + FH, ow * S:ow * S + FW]
    return col.reshape(N * OH * OW, C * FH * FW)


def mistake_stride_ignored(X, FH, FW, S=1, P=0):
    N, C, H, W = X.shape
    OH = H + 2 * P - FH + 1
    OW = W + 2 * P - FW + 1
    X_pad = np.pad(X, ((0, 0), (0, 0), (P, P), (P, P)))
    col = np.zeros((N, OH, OW, C, FH, FW))
    for oh in range(OH):
        for ow in range(OW):
            col[:, oh, ow] = X_pad[:, :, oh:oh + FH, ow:ow + FW]
    return col.reshape(N * OH * OW, C * FH * FW)


def mistake_positions_column_major(X, FH, FW, S=1, P=0):
    N, C, H, W = X.shape
    OH = (H + 2 * P - FH) // S + 1
    OW = (W + 2 * P - FW) // S + 1
    X_pad = np.pad(X, ((0, 0), (0, 0), (P, P), (P, P)))
    col = np.zeros((N, OW, OH, C, FH, FW))
    for oh in range(OH):
        for ow in range(OW):
            col[:, ow, oh] = X_pad[:, :, oh * S:oh * S + FH, ow * S:ow * S + FW]
    return col.reshape(N * OH * OW, C * FH * FW)


def mistake_transposed(X, FH, FW, S=1, P=0):
    N, C, H, W = X.shape
    OH = (H + 2 * P - FH) // S + 1
    OW = (W + 2 * P - FW) // S + 1
    X_pad = np.pad(X, ((0, 0), (0, 0), (P, P), (P, P)))
    col = np.zeros((N, OH, OW, C, FH, FW))
    for oh in range(OH):
        for ow in range(OW):
            col[:, oh, ow] = X_pad[:, :, oh * S:oh * S + FH, ow * S:ow * S + FW]
    return col.reshape(N * OH * OW, C * FH * FW).T


EXERCISE = Exercise(
    name="im2col",
    points=12,
    reference=sol.im2col,
    cases=_cases,
    summary="im2col: the patch X_pad[n, :, oh*S:oh*S+FH, ow*S:ow*S+FW] of every output position, "
            "flattened channel first, one row each in the order n, oh, ow: (N*OH*OW, C*FH*FW).",
    tensorflow=TF + "im2col",
    optional=True,
    mistakes=(
        Mistake("rows_in_wrong_order",
                "Your rows go position first, image last. Order them n, then oh, then ow: all "
                "the rows of the first image come first, e.g. fill an array of shape "
                "(N, OH, OW, C, FH, FW) and reshape it.",
                mistake_rows_in_wrong_order),
        Mistake("patch_channel_last",
                "Your patches are flattened channel last (i, j, c). Flatten each patch channel "
                "first, as X is stored: X_pad[n, :, rows, cols].reshape(-1) gives c, then i, "
                "then j.",
                mistake_patch_channel_last),
        Mistake("padding_ignored",
                "You ignore the padding P. Pad X with P zeros around its height and width "
                "first, and count the positions on the padded images.",
                mistake_padding_ignored),
        Mistake("stride_ignored",
                "Your windows move one pixel at a time. They move S pixels: the window of "
                "position (oh, ow) starts at row oh*S and column ow*S.",
                mistake_stride_ignored),
        Mistake("positions_column_major",
                "Within an image your rows go down the columns first. Go along each output row: "
                "ow changes fastest, then oh.",
                mistake_positions_column_major),
        Mistake("transposed",
                "Your col is transposed: one column per position. Here each output position is "
                "a row, col of shape (N*OH*OW, C*FH*FW).",
                mistake_transposed),
    ),
)
