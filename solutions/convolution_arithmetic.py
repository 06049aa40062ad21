"""Reference solutions for the assignment ``convolution_arithmetic`` (the bridge to the next course).

A convolution's arithmetic with images channels first, ``X`` of shape ``(N, C, H, W)``: the output
size, zero padding, ``im2col`` (every patch a row) and its adjoint ``col2im``, and the forward pass
as one matrix product. The lines between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` are the
student's part.
"""

import numpy as np

from course_lib.validation import check_images, check_positive_int, check_window


def conv_output_size(H, W, F, S=1, P=0):
    """The height and width of a convolution's output.

        OH = (H + 2P - F) // S + 1        OW = (W + 2P - F) // S + 1

    Arguments:
    H, W -- the input's height and width, whole numbers >= 1
    F -- the filter's size (an F x F filter), a whole number >= 1
    S -- the stride, a whole number >= 1
    P -- the zero padding on every side, a whole number >= 0

    Returns:
    (OH, OW) -- two ints, the output's height and width

    Raises ValueError, saying why, when the filter does not fit in the padded input
    (F > H + 2P or F > W + 2P).
    """
    for value, name in ((H, "H"), (W, "W"), (F, "F"), (S, "S")):
        check_positive_int(value, name)
    if isinstance(P, bool) or not isinstance(P, int) or P < 0:
        raise ValueError(f"P (the padding) must be a whole number >= 0, got {P!r}")
    ### BEGIN SOLUTION
    if F > H + 2 * P or F > W + 2 * P:
        raise ValueError(f"the {F}x{F} filter does not fit in the padded {H + 2 * P}x{W + 2 * P} "
                         "input; use a smaller filter or more padding")
    OH = (H + 2 * P - F) // S + 1
    OW = (W + 2 * P - F) // S + 1
    ### END SOLUTION
    return OH, OW


def zero_pad(X, pad):
    """``X`` with ``pad`` zeros on every side of its height and width (not of N or C).

    Arguments:
    X -- images channels first, shape (N, C, H, W)
    pad -- the number of zeros on each side, a whole number >= 0

    Returns:
    X_pad -- shape (N, C, H + 2*pad, W + 2*pad); X_pad[:, :, pad:-pad, pad:-pad] is X
    """
    check_images(X)
    if isinstance(pad, bool) or not isinstance(pad, int) or pad < 0:
        raise ValueError(f"pad must be a whole number >= 0, got {pad!r}")
    ### BEGIN SOLUTION
    X_pad = np.pad(X, ((0, 0), (0, 0), (pad, pad), (pad, pad)), mode="constant",
                   constant_values=0)
    ### END SOLUTION
    return X_pad


def im2col(X, FH, FW, S=1, P=0):
    """Every patch the filter covers, one row per output position.

    With X padded by P zeros, the row of output position (n, oh, ow) is the patch
    X_pad[n, :, oh*S : oh*S + FH, ow*S : ow*S + FW] flattened channel first (c, then i, then j);
    the rows go in the order n, then oh, then ow.

    Arguments:
    X -- images channels first, shape (N, C, H, W)
    FH, FW -- the filter's height and width
    S -- the stride; P -- the zero padding on every side

    Returns:
    col -- shape (N*OH*OW, C*FH*FW), with OH = (H + 2P - FH) // S + 1 and
           OW = (W + 2P - FW) // S + 1
    """
    N, C, H, W = check_images(X)
    check_window(H, W, FH, FW, S, P)
    ### BEGIN SOLUTION
    OH = (H + 2 * P - FH) // S + 1
    OW = (W + 2 * P - FW) // S + 1
    X_pad = np.pad(X, ((0, 0), (0, 0), (P, P), (P, P)))
    col = np.zeros((N, OH, OW, C, FH, FW))
    for oh in range(OH):
        for ow in range(OW):
            col[:, oh, ow] = X_pad[:, :, oh * S:oh * S + FH, ow * S:ow * S + FW]
    col = col.reshape(N * OH * OW, C * FH * FW)
    ### END SOLUTION
    return col


def col2im(col, X_shape, FH, FW, S=1, P=0):
    """The adjoint of im2col: every row added back onto the patch it came from.

    Where patches overlap (S < FH or S < FW) their values add up, so col2im(im2col(X)) is X times
    the number of patches covering each pixel, not X. The padding is cropped at the end.

    Arguments:
    col -- shape (N*OH*OW, C*FH*FW), rows and columns in im2col's order
    X_shape -- (N, C, H, W), the shape of the images im2col was given
    FH, FW -- the filter's height and width
    S -- the stride; P -- the zero padding on every side

    Returns:
    X -- shape (N, C, H, W)
    """
    N, C, H, W = (int(n) for n in X_shape)
    check_window(H, W, FH, FW, S, P)
    if np.ndim(col) != 2 or np.shape(col)[1] != C * FH * FW:
        raise ValueError(f"col must have shape (N*OH*OW, C*FH*FW), with C*FH*FW = {C * FH * FW} "
                         f"for X_shape {tuple(X_shape)}, got {np.shape(col)}")
    ### BEGIN SOLUTION
    OH = (H + 2 * P - FH) // S + 1
    OW = (W + 2 * P - FW) // S + 1
    patches = col.reshape(N, OH, OW, C, FH, FW)
    X_pad = np.zeros((N, C, H + 2 * P, W + 2 * P))
    for oh in range(OH):
        for ow in range(OW):
            X_pad[:, :, oh * S:oh * S + FH, ow * S:ow * S + FW] += patches[:, oh, ow]
    X = X_pad[:, :, P:P + H, P:P + W]
    ### END SOLUTION
    return X


def conv_forward(X, W, b, S=1, P=0):
    """A convolutional layer's forward pass: im2col, one matrix product, a reshape.

        Z[n, f, oh, ow] = sum over c, i, j of X_pad[n, c, oh*S + i, ow*S + j] * W[f, c, i, j] + b[f]

    Arguments:
    X -- images channels first, shape (N, C, H, W)
    W -- FN filters, shape (FN, C, FH, FW)
    b -- the biases, shape (FN,)
    S -- the stride; P -- the zero padding on every side

    Returns:
    Z -- shape (N, FN, OH, OW)
    """
    N, C, H, Wd = check_images(X)
    FN, FC, FH, FW = check_images(W, "W")
    if FC != C or np.shape(b) != (FN,):
        raise ValueError(f"W must have shape (FN, C, FH, FW) with C = {C} and b shape (FN,); got "
                         f"W {np.shape(W)} and b {np.shape(b)}")
    check_window(H, Wd, FH, FW, S, P)
    ### BEGIN SOLUTION
    OH = (H + 2 * P - FH) // S + 1
    OW = (Wd + 2 * P - FW) // S + 1
    col = im2col(X, FH, FW, S, P)                 # (N*OH*OW, C*FH*FW)
    Z = col @ W.reshape(FN, -1).T + b             # (N*OH*OW, FN)
    Z = Z.reshape(N, OH, OW, FN).transpose(0, 3, 1, 2)
    ### END SOLUTION
    return Z
