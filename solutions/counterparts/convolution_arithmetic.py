"""TensorFlow counterparts of the exercises of ``convolution_arithmetic``."""

import numpy as np

from course_lib.tf import tf


def zero_pad(X, pad):
    """zero_pad with TensorFlow, by the curriculum's mapping: TODO (which Keras or tf function,
    and how its arguments and results map onto the exercise's)."""
    raise NotImplementedError("TODO: write the TensorFlow counterpart of zero_pad")


def im2col(X, FH, FW, S=1, P=0):
    """im2col with TensorFlow, by the curriculum's mapping: TODO (which Keras or tf function,
    and how its arguments and results map onto the exercise's)."""
    raise NotImplementedError("TODO: write the TensorFlow counterpart of im2col")


def col2im(col, X_shape, FH, FW, S=1, P=0):
    """col2im with TensorFlow, by the curriculum's mapping: TODO (which Keras or tf function,
    and how its arguments and results map onto the exercise's)."""
    raise NotImplementedError("TODO: write the TensorFlow counterpart of col2im")


def conv_forward(X, W, b, S=1, P=0):
    """conv_forward with TensorFlow, by the curriculum's mapping: TODO (which Keras or tf function,
    and how its arguments and results map onto the exercise's)."""
    raise NotImplementedError("TODO: write the TensorFlow counterpart of conv_forward")
