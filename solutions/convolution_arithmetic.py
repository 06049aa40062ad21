"""Reference solutions for the assignment ``convolution_arithmetic`` (the bridge to the next course).

A convolution's arithmetic with images channels first, ``X`` of shape ``(N, C, H, W)``: the output
size, zero padding, ``im2col`` (every patch a row) and its adjoint ``col2im``, and the forward pass
as one matrix product. The lines between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` are the
student's part.
"""

import numpy as np


def conv_output_size(H, W, F, S=1, P=0):
    """TODO: one line saying what conv_output_size computes.

    Arguments:
    TODO -- each argument, with its shape

    Returns:
    TODO -- what it returns, with its shape
    """
    ### BEGIN SOLUTION
    raise NotImplementedError("TODO: write the reference solution of conv_output_size")
    ### END SOLUTION


def zero_pad(X, pad):
    """TODO: one line saying what zero_pad computes.

    Arguments:
    TODO -- each argument, with its shape

    Returns:
    TODO -- what it returns, with its shape
    """
    ### BEGIN SOLUTION
    raise NotImplementedError("TODO: write the reference solution of zero_pad")
    ### END SOLUTION


def im2col(X, FH, FW, S=1, P=0):
    """TODO: one line saying what im2col computes.

    Arguments:
    TODO -- each argument, with its shape

    Returns:
    TODO -- what it returns, with its shape
    """
    ### BEGIN SOLUTION
    raise NotImplementedError("TODO: write the reference solution of im2col")
    ### END SOLUTION


def col2im(col, X_shape, FH, FW, S=1, P=0):
    """TODO: one line saying what col2im computes.

    Arguments:
    TODO -- each argument, with its shape

    Returns:
    TODO -- what it returns, with its shape
    """
    ### BEGIN SOLUTION
    raise NotImplementedError("TODO: write the reference solution of col2im")
    ### END SOLUTION


def conv_forward(X, W, b, S=1, P=0):
    """TODO: one line saying what conv_forward computes.

    Arguments:
    TODO -- each argument, with its shape

    Returns:
    TODO -- what it returns, with its shape
    """
    ### BEGIN SOLUTION
    raise NotImplementedError("TODO: write the reference solution of conv_forward")
    ### END SOLUTION
