"""``conv_forward``: a convolutional layer's forward pass as im2col and one matrix product.

Reference: ``solutions/convolution_arithmetic.py`` (``def conv_forward``, which calls ``im2col``:
the student's own is used); teaching text: ``assignments/content/convolution_arithmetic.py``
(``# %% exercise conv_forward``); TensorFlow counterpart ``tf.nn.conv2d`` with the images mapped
NCHW -> NHWC, the filters (FN, C, FH, FW) -> (FH, FW, C, FN), explicit padding, and the result
mapped back (``solutions/counterparts/convolution_arithmetic.py``); equal up to the order of the
sums. The visible case has two images, two channels, four rectangular filters, stride 2 and
padding 1. The ``mistake_*`` functions are self-contained (``np`` and ``im2col``).
"""

from __future__ import annotations

from autograder.course.exercises import inputs
from autograder.course.exercises.convolution_arithmetic.inputs import images, random_window
from autograder.course.spec import Case, Exercise, Mistake
from solutions import convolution_arithmetic as sol

TF = "solutions.counterparts.convolution_arithmetic:"

#: The mistakes call ``im2col`` by name, as the student's code does (in a submission it is the
#: student's own); here it is the reference's.
im2col = sol.im2col


def _case(name, group, seed, X_shape, FN, FH, FW, S=None, P=None, note="", visible=None):
    rng = inputs.generator(seed)
    X = images(rng, X_shape)
    W = images(rng, (FN, X_shape[1], FH, FW))
    b = rng.standard_normal(FN)
    kwargs = {k: v for k, v in (("S", S), ("P", P)) if v is not None}
    return Case(name, group, args=(X, W, b), kwargs=kwargs, note=note, visible=visible)


def _random(name, group, seed, note=""):
    rng = inputs.generator(seed)
    w = random_window(rng)
    FN = int(rng.integers(1, 5))
    shape = (w["N"], w["C"], w["H"], w["W"])
    return _case(name, group, seed + 1000, shape, FN, w["FH"], w["FW"], S=w["S"], P=w["P"],
                 note=f"X of shape {shape}, {FN} filters {w['FH']} x {w['FW']}, S = {w['S']}, "
                      f"P = {w['P']}{note}")


def _cases() -> list[Case]:
    cases = [
        _case("two_images_four_filters", "fixed", 317000, (2, 2, 5, 6), 4, 3, 2, S=2, P=1,
              note="X of shape (2, 2, 5, 6), 4 filters of 2 channels, 3 x 2, S = 2, P = 1: Z of "
                   "shape (2, 4, 3, 4)"),
    ]
    cases += [_random(f"random_{i}", "random", 317010 + i) for i in range(10)]
    cases += [_random(f"tensorflow_{i}", "tensorflow", 317050 + i, ", against tf.nn.conv2d")
              for i in range(3)]
    cases += [
        _case("one_by_one_filters", "edge", 317200, (2, 3, 3, 3), 2, 1, 1,
              note="1 x 1 filters: a matrix product over the channels at every pixel"),
        _case("one_filter_one_channel", "edge", 317201, (1, 1, 4, 5), 1, 2, 3, S=1, P=0, visible=True,
              note="one image, one channel, one 2 x 3 filter"),
        _case("same_padding", "edge", 317202, (1, 2, 4, 4), 2, 3, 3, S=1, P=1,
              note="a 3 x 3 window with P = 1 keeps the 4 x 4 size"),
    ]
    return cases


def mistake_bias_missing(X, W, b, S=1, P=0):
    N, C, H, Wd = X.shape
    FN, _, FH, FW = W.shape
    OH = (H + 2 * P - FH) // S + 1
    OW = (Wd + 2 * P - FW) // S + 1
    Z = im2col(X, FH, FW, S, P) @ W.reshape(FN, -1).T
    return Z.reshape(N, OH, OW, FN).transpose(0, 3, 1, 2)


def mistake_filters_flattened_channel_last(X, W, b, S=1, P=0):
    N, C, H, Wd = X.shape
    FN, _, FH, FW = W.shape
    OH = (H + 2 * P - FH) // S + 1
    OW = (Wd + 2 * P - FW) // S + 1
    Z = im2col(X, FH, FW, S, P) @ W.transpose(0, 2, 3, 1).reshape(FN, -1).T + b
    return Z.reshape(N, OH, OW, FN).transpose(0, 3, 1, 2)


def mistake_reshaped_without_transpose(X, W, b, S=1, P=0):
    N, C, H, Wd = X.shape
    FN, _, FH, FW = W.shape
    OH = (H + 2 * P - FH) // S + 1
    OW = (Wd + 2 * P - FW) // S + 1
    Z = im2col(X, FH, FW, S, P) @ W.reshape(FN, -1).T + b
    return Z.reshape(N, FN, OH, OW)


def mistake_channels_last_output(X, W, b, S=1, P=0):
    N, C, H, Wd = X.shape
    FN, _, FH, FW = W.shape
    OH = (H + 2 * P - FH) // S + 1
    OW = (Wd + 2 * P - FW) // S + 1
    Z = im2col(X, FH, FW, S, P) @ W.reshape(FN, -1).T + b
    return Z.reshape(N, OH, OW, FN)


def mistake_flipped_filters(X, W, b, S=1, P=0):
    N, C, H, Wd = X.shape
    FN, _, FH, FW = W.shape
    OH = (H + 2 * P - FH) // S + 1
    OW = (Wd + 2 * P - FW) // S + 1
    Z = im2col(X, FH, FW, S, P) @ W[:, :, ::-1, ::-1].reshape(FN, -1).T + b
    return Z.reshape(N, OH, OW, FN).transpose(0, 3, 1, 2)


def mistake_output_height_width_swapped(X, W, b, S=1, P=0):
    N, C, H, Wd = X.shape
    FN, _, FH, FW = W.shape
    OH = (H + 2 * P - FH) // S + 1
    OW = (Wd + 2 * P - FW) // S + 1
    Z = im2col(X, FH, FW, S, P) @ W.reshape(FN, -1).T + b
    return Z.reshape(N, OH, OW, FN).transpose(0, 3, 2, 1)


EXERCISE = Exercise(
    name="conv_forward",
    points=10,
    reference=sol.conv_forward,
    cases=_cases,
    summary="A convolution's forward pass: col = im2col(X), Z = col @ W.reshape(FN, -1).T + b, "
            "reshaped to (N, OH, OW, FN) and transposed to (N, FN, OH, OW).",
    tensorflow=TF + "conv_forward",
    optional=True,
    needs=("im2col",),
    mistakes=(
        Mistake("bias_missing",
                "You left out the bias. Add b (one value per filter) to the product, before "
                "reshaping: col @ W.reshape(FN, -1).T + b.",
                mistake_bias_missing),
        Mistake("filters_flattened_channel_last",
                "You flattened the filters channel last. im2col's rows are patches flattened "
                "channel first, so flatten each filter the same way: W.reshape(FN, -1).",
                mistake_filters_flattened_channel_last),
        Mistake("reshaped_without_transpose",
                "You reshaped the product straight to (N, FN, OH, OW). Its rows are positions "
                "and its columns filters: reshape it to (N, OH, OW, FN), then move the filter "
                "axis with .transpose(0, 3, 1, 2).",
                mistake_reshaped_without_transpose),
        Mistake("channels_last_output",
                "Your output is channels last, (N, OH, OW, FN). Return it channels first, "
                "(N, FN, OH, OW): .transpose(0, 3, 1, 2).",
                mistake_channels_last_output),
        Mistake("flipped_filters",
                "You flipped the filters. A convolutional layer computes a cross-correlation: "
                "each filter is laid on its patch as it is, without turning it around.",
                mistake_flipped_filters),
        Mistake("output_height_width_swapped",
                "Your output's height and width are swapped. Transpose with (0, 3, 1, 2), so "
                "that Z[n, f, oh, ow] has the row before the column.",
                mistake_output_height_width_swapped),
    ),
)
