"""Correct implementations of the ``convolution_arithmetic`` exercises, written differently.

Each ``<exercise>__<variant>`` must earn full marks. Like the known mistakes, each one is
self-contained (only ``np``, what the solution module imports, and the assignment's other
exercises; anything else is imported inside the function).
"""

import numpy as np

from solutions.convolution_arithmetic import im2col  # what a submission's own im2col stands for here

# --- conv_output_size -----------------------------------------------------------------------------


def conv_output_size__floor_of_division(H, W, F, S=1, P=0):
    import math  # the solution module imports only numpy

    if F > H + 2 * P or F > W + 2 * P:
        raise ValueError("the filter does not fit in the padded input")
    return math.floor((H + 2 * P - F) / S) + 1, math.floor((W + 2 * P - F) / S) + 1


def conv_output_size__counting_positions(H, W, F, S=1, P=0):
    if F > H + 2 * P or F > W + 2 * P:
        raise ValueError("the filter does not fit in the padded input")
    sizes = []
    for n in (H, W):
        sizes.append(len(range(0, n + 2 * P - F + 1, S)))
    return sizes[0], sizes[1]


def conv_output_size__divmod(H, W, F, S=1, P=0):
    if min(H, W) + 2 * P < F:
        raise ValueError("the filter does not fit in the padded input")
    OH = divmod(H + 2 * P - F, S)[0] + 1
    OW = divmod(W + 2 * P - F, S)[0] + 1
    return int(OH), int(OW)


# --- zero_pad -------------------------------------------------------------------------------------


def zero_pad__slice_into_zeros(X, pad):
    N, C, H, W = X.shape
    X_pad = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
    X_pad[:, :, pad:pad + H, pad:pad + W] = X
    return X_pad


def zero_pad__concatenate(X, pad):
    N, C, H, W = X.shape
    side = np.zeros((N, C, H, pad))
    X_pad = np.concatenate([side, X, side], axis=3)
    top = np.zeros((N, C, pad, W + 2 * pad))
    return np.concatenate([top, X_pad, top], axis=2)


def zero_pad__np_pad_pairs(X, pad):
    widths = [(0, 0), (0, 0)] + [(pad, pad)] * 2
    return np.pad(X, widths, "constant", constant_values=(0.0, 0.0))


# --- im2col ---------------------------------------------------------------------------------------


def im2col__loop_over_filter_offsets(X, FH, FW, S=1, P=0):
    N, C, H, W = X.shape
    OH = (H + 2 * P - FH) // S + 1
    OW = (W + 2 * P - FW) // S + 1
    img = np.pad(X, [(0, 0), (0, 0), (P, P), (P, P)])
    col = np.zeros((N, C, FH, FW, OH, OW))
    for i in range(FH):
        for j in range(FW):
            col[:, :, i, j] = img[:, :, i:i + S * OH:S, j:j + S * OW:S]
    return col.transpose(0, 4, 5, 1, 2, 3).reshape(N * OH * OW, -1)


def im2col__sliding_window_view(X, FH, FW, S=1, P=0):
    X_pad = np.pad(X, ((0, 0), (0, 0), (P, P), (P, P)))
    windows = np.lib.stride_tricks.sliding_window_view(X_pad, (FH, FW), axis=(2, 3))
    windows = windows[:, :, ::S, ::S]  # (N, C, OH, OW, FH, FW)
    N, C, OH, OW = windows.shape[:4]
    return windows.transpose(0, 2, 3, 1, 4, 5).reshape(N * OH * OW, C * FH * FW).copy()


def im2col__row_by_row(X, FH, FW, S=1, P=0):
    N, C, H, W = X.shape
    X_pad = np.pad(X, ((0, 0), (0, 0), (P, P), (P, P)))
    rows = []
    for n in range(N):
        for top in range(0, H + 2 * P - FH + 1, S):
            for left in range(0, W + 2 * P - FW + 1, S):
                rows.append(X_pad[n, :, top:top + FH, left:left + FW].ravel())
    return np.array(rows)


# --- col2im ---------------------------------------------------------------------------------------


def col2im__loop_over_filter_offsets(col, X_shape, FH, FW, S=1, P=0):
    N, C, H, W = X_shape
    OH = (H + 2 * P - FH) // S + 1
    OW = (W + 2 * P - FW) // S + 1
    cols = col.reshape(N, OH, OW, C, FH, FW).transpose(0, 3, 4, 5, 1, 2)
    img = np.zeros((N, C, H + 2 * P + S - 1, W + 2 * P + S - 1))
    for i in range(FH):
        for j in range(FW):
            img[:, :, i:i + S * OH:S, j:j + S * OW:S] += cols[:, :, i, j]
    return img[:, :, P:H + P, P:W + P]


def col2im__row_by_row(col, X_shape, FH, FW, S=1, P=0):
    N, C, H, W = X_shape
    X_pad = np.zeros((N, C, H + 2 * P, W + 2 * P))
    row = 0
    for n in range(N):
        for top in range(0, H + 2 * P - FH + 1, S):
            for left in range(0, W + 2 * P - FW + 1, S):
                X_pad[n, :, top:top + FH, left:left + FW] += col[row].reshape(C, FH, FW)
                row += 1
    return X_pad[:, :, P:P + H, P:P + W]


def col2im__np_add_at(col, X_shape, FH, FW, S=1, P=0):
    N, C, H, W = X_shape
    OH = (H + 2 * P - FH) // S + 1
    OW = (W + 2 * P - FW) // S + 1
    n, oh, ow, c, i, j = np.indices((N, OH, OW, C, FH, FW)).reshape(6, -1)
    X_pad = np.zeros((N, C, H + 2 * P, W + 2 * P))
    np.add.at(X_pad, (n, c, oh * S + i, ow * S + j), col.reshape(-1))
    return X_pad[:, :, P:P + H, P:P + W]


# --- conv_forward ---------------------------------------------------------------------------------


def conv_forward__einsum_over_im2col(X, W, b, S=1, P=0):
    N, C, H, Wd = X.shape
    FN, _, FH, FW = W.shape
    OH = (H + 2 * P - FH) // S + 1
    OW = (Wd + 2 * P - FW) // S + 1
    col = im2col(X, FH, FW, S, P).reshape(N, OH, OW, C * FH * FW)
    return np.einsum("nhwk,fk->nfhw", col, W.reshape(FN, -1)) + b[None, :, None, None]


def conv_forward__filters_as_rows(X, W, b, S=1, P=0):
    N, C, H, Wd = X.shape
    FN, _, FH, FW = W.shape
    OH = (H + 2 * P - FH) // S + 1
    OW = (Wd + 2 * P - FW) // S + 1
    out = W.reshape(FN, -1) @ im2col(X, FH, FW, S, P).T + b.reshape(FN, 1)  # (FN, N*OH*OW)
    return out.reshape(FN, N, OH, OW).transpose(1, 0, 2, 3)


def conv_forward__direct_loops(X, W, b, S=1, P=0):
    N, C, H, Wd = X.shape
    FN, _, FH, FW = W.shape
    OH = (H + 2 * P - FH) // S + 1
    OW = (Wd + 2 * P - FW) // S + 1
    X_pad = np.pad(X, ((0, 0), (0, 0), (P, P), (P, P)))
    Z = np.zeros((N, FN, OH, OW))
    for oh in range(OH):
        for ow in range(OW):
            patch = X_pad[:, :, oh * S:oh * S + FH, ow * S:ow * S + FW]
            Z[:, :, oh, ow] = np.tensordot(patch, W, axes=([1, 2, 3], [1, 2, 3])) + b
    return Z
