"""TensorFlow counterparts of the ``convolution_arithmetic`` exercises (curriculum, "Beyond this
course"). TensorFlow keeps images channels last (NHWC); the exercises, as the learners' notes,
channels first (NCHW): every counterpart maps its inputs to NHWC, computes in float64 and maps the
result back.

``zero_pad``
    ``tf.pad`` with ``[[0, 0], [0, 0], [pad, pad], [pad, pad]]``: exact.
``im2col``
    ``tf.image.extract_patches`` (sizes ``[1, FH, FW, 1]``, strides ``[1, S, S, 1]``, ``VALID``) on
    the images padded by ``tf.pad``: rows ``(n, oh, ow)`` as im2col's, each patch flattened
    ``(i, j, c)``, reordered to channel first ``(c, i, j)``: exact (values are copied).
``col2im``
    the adjoint of that im2col: the gradient, by ``tf.GradientTape``, of the patches with respect
    to the images, with ``col`` as the output gradient (``sum(patches * col)``); the padding is
    inside the taped function, so the gradient is already cropped. Equal up to the order of the
    sums where windows overlap.
``conv_forward``
    ``tf.nn.conv2d`` on ``X`` in NHWC with filters ``W.transpose(2, 3, 1, 0)`` of shape
    ``(FH, FW, C, FN)``, explicit padding ``[[0, 0], [P, P], [P, P], [0, 0]]`` and ``strides=S``,
    plus ``b``, mapped back to ``(N, FN, OH, OW)``. ``tf.nn.conv2d`` is a cross-correlation, as the
    exercise's: equal up to the order of the sums.

Each validates its inputs as the reference does and never changes its arguments.
"""

import numpy as np

from course_lib.tf import tf
from course_lib.validation import check_images, check_window

NCHW_TO_NHWC = (0, 2, 3, 1)
NHWC_TO_NCHW = (0, 3, 1, 2)


def zero_pad(X, pad):
    """``tf.pad`` around H and W of ``X`` (N, C, H, W)."""
    check_images(X)
    if isinstance(pad, bool) or not isinstance(pad, int) or pad < 0:
        raise ValueError(f"pad must be a whole number >= 0, got {pad!r}")
    X = tf.constant(X, dtype=tf.float64)
    return tf.pad(X, [[0, 0], [0, 0], [pad, pad], [pad, pad]]).numpy()


def _patches(X_nchw, FH, FW, S, P):
    """im2col of a float64 tensor (N, C, H, W) with TensorFlow, differentiable in ``X_nchw``."""
    N, C = X_nchw.shape[0], X_nchw.shape[1]
    X = tf.pad(tf.transpose(X_nchw, NCHW_TO_NHWC), [[0, 0], [P, P], [P, P], [0, 0]])
    patches = tf.image.extract_patches(X, sizes=[1, FH, FW, 1], strides=[1, S, S, 1],
                                       rates=[1, 1, 1, 1], padding="VALID")
    OH, OW = patches.shape[1], patches.shape[2]
    patches = tf.reshape(patches, (N, OH, OW, FH, FW, C))
    patches = tf.transpose(patches, (0, 1, 2, 5, 3, 4))  # each patch channel first
    return tf.reshape(patches, (N * OH * OW, C * FH * FW))


def im2col(X, FH, FW, S=1, P=0):
    """``tf.image.extract_patches`` on the padded images, reordered as im2col's rows."""
    N, C, H, W = check_images(X)
    check_window(H, W, FH, FW, S, P)
    return _patches(tf.constant(X, dtype=tf.float64), FH, FW, S, P).numpy()


def col2im(col, X_shape, FH, FW, S=1, P=0):
    """The gradient of :func:`_patches` with respect to the images, with ``col`` as the output
    gradient: im2col's adjoint."""
    N, C, H, W = (int(n) for n in X_shape)
    check_window(H, W, FH, FW, S, P)
    X = tf.Variable(tf.zeros((N, C, H, W), dtype=tf.float64))
    with tf.GradientTape() as tape:
        patches = _patches(X, FH, FW, S, P)
    if tuple(patches.shape) != np.shape(col):
        raise ValueError(f"col must have shape (N*OH*OW, C*FH*FW) = {tuple(patches.shape)} for "
                         f"X_shape {tuple(X_shape)}, got {np.shape(col)}")
    grad = tape.gradient(patches, X, output_gradients=tf.constant(col, dtype=tf.float64))
    return grad.numpy()


def conv_forward(X, W, b, S=1, P=0):
    """``tf.nn.conv2d`` in NHWC with filters (FH, FW, C, FN), explicit padding, plus ``b``."""
    N, C, H, Wd = check_images(X)
    FN, FC, FH, FW = check_images(W, "W")
    if FC != C or np.shape(b) != (FN,):
        raise ValueError(f"W must have shape (FN, C, FH, FW) with C = {C} and b shape (FN,); got "
                         f"W {np.shape(W)} and b {np.shape(b)}")
    check_window(H, Wd, FH, FW, S, P)
    images = tf.transpose(tf.constant(X, dtype=tf.float64), NCHW_TO_NHWC)
    filters = tf.transpose(tf.constant(W, dtype=tf.float64), (2, 3, 1, 0))
    Z = tf.nn.conv2d(images, filters, strides=S, padding=[[0, 0], [P, P], [P, P], [0, 0]])
    Z = Z + tf.constant(b, dtype=tf.float64)
    return tf.transpose(Z, NHWC_TO_NCHW).numpy()
